package data

import (
	"math/rand/v2"
	"testing"
	"time"

	fo "frontoffice"
)

// NET-2: a station's monthly scorecard equals the counts made here
// independently from the raw records — the complaints as filed and
// answered, the jobs as reported with their checks, the settlement — for
// a month of random activity (fixed seed) at two stations.
func TestScorecardCountsNET2(t *testing.T) {
	s, clock := newTestStore(t, noSync(), followUpStaff(), withLabour())
	a, b := seedStations(t, s)
	rng := rand.New(rand.NewPCG(14, 2))
	stations := []fo.Station{a, b}
	type rec struct {
		station            uint64
		inTime, dissatisfy bool
		answered           bool
	}
	var recs []rec
	// December: complaints every ~9 hours, some answered in time, some
	// late, some never; some verdicts dissatisfied.
	clock.Set(at(2026, 12, 1, 8, 0))
	for i := 0; i < 60; i++ {
		clock.Advance(time.Duration(5+rng.IntN(8)) * time.Hour)
		if clock.Now().After(at(2026, 12, 31, 20, 0)) {
			break
		}
		stn := stations[rng.IntN(2)]
		var sid uint64
		if rng.IntN(5) > 0 { // a fifth are the shop's own
			sid = stn.ID
		}
		c, err := s.FileComplaint(fo.ComplaintRequest{Channel: fo.ChannelPhone, Category: fo.ComplaintCategories[rng.IntN(6)],
			Text: "投诉", Customer: fo.CustomerInput{Phone: "139000000" + string(rune('1'+rng.IntN(9))) + "1", Name: "客户"},
			StationID: sid, By: "staff:li"})
		if err != nil {
			t.Fatal(err)
		}
		r := rec{station: sid}
		switch rng.IntN(3) {
		case 0: // never answered
		case 1, 2:
			late := rng.IntN(2) == 0
			answerAt := c.FiledAt.Add(time.Hour)
			if late {
				answerAt = c.DueAt.Add(time.Minute)
			}
			saved := clock.Now()
			clock.Set(answerAt)
			if sid != 0 {
				_, err = s.AnswerStationComplaint(fo.StationAnswerRequest{ID: c.ID, StationID: sid, By: "tg:1", Text: "答复"})
			} else {
				_, err = s.AnswerComplaint(fo.AnswerRequest{ID: c.ID, Staff: "li", Text: "答复", ByPhone: true})
			}
			if err != nil {
				t.Fatal(err)
			}
			r.answered, r.inTime = true, !late
			if rng.IntN(3) == 0 {
				r.dissatisfy = true
				if _, err := s.RecordVerdict(fo.VerdictRequest{ID: c.ID, Satisfied: false, Staff: "li"}); err != nil {
					t.Fatal(err)
				}
			}
			if saved.After(clock.Now()) {
				clock.Set(saved)
			}
		}
		recs = append(recs, r)
	}
	// Jobs reported for days of November, December and January.
	type job struct {
		station uint64
		day     string
		sampled bool
		score   int
		finding string
	}
	var jobs []job
	for i := 0; i < 80; i++ {
		j := job{station: stations[rng.IntN(2)].ID, day: at(2026, 11, 25, 12, 0).AddDate(0, 0, rng.IntN(45)).Format(time.DateOnly)}
		if rng.IntN(3) == 0 {
			j.sampled = true
			j.score = rng.IntN(6) // 0: not answered
			if rng.IntN(4) == 0 {
				j.finding = "未按工艺安装"
			}
		}
		jobs = append(jobs, j)
		if _, err := s.SeedStationJob(fo.StationJob{StationID: j.station, Customer: "客户", Phone: "13900000000", Work: "雷达",
			Day: j.day, Check: fo.StationCheck{Sampled: j.sampled, Score: j.score, Finding: j.finding}}); err != nil {
			t.Fatal(err)
		}
	}

	for _, stn := range stations {
		got, _, err := s.StationScorecard(stn.ID, "2026-12")
		if err != nil {
			t.Fatal(err)
		}
		var want fo.StationScorecard
		for _, r := range recs {
			if r.station != stn.ID {
				continue
			}
			want.Complaints++
			if r.inTime {
				want.AnsweredInTime++
			} else {
				want.Late++
			}
			if r.dissatisfy {
				want.Dissatisfied++
			}
		}
		for _, j := range jobs {
			if j.station != stn.ID || j.day < "2026-12-01" || j.day > "2026-12-31" {
				continue
			}
			want.Jobs++
			if j.sampled {
				want.Sampled++
			}
			if j.score > 0 {
				want.Surveyed++
				want.SurveySum += j.score
			}
			if j.finding != "" || (j.score > 0 && j.score <= 2) {
				want.Findings++
			}
		}
		if got.Complaints != want.Complaints || got.AnsweredInTime != want.AnsweredInTime || got.Late != want.Late ||
			got.Dissatisfied != want.Dissatisfied || got.Jobs != want.Jobs || got.Sampled != want.Sampled ||
			got.Surveyed != want.Surveyed || got.SurveySum != want.SurveySum || got.Findings != want.Findings {
			t.Errorf("%s: scorecard %+v\nwant counts %+v", stn.Code, got, want)
		}
		if want.Complaints == 0 || want.Jobs == 0 || want.Findings == 0 {
			t.Errorf("%s: the random month has too little to count: %+v", stn.Code, want)
		}
		// The score from the default points (DefaultNetwork).
		score := 100 - 5*want.Complaints - 5*want.Late - 5*want.Dissatisfied - 10*want.Findings
		if want.Surveyed > 0 {
			mean := float64(want.SurveySum) / float64(want.Surveyed)
			score += int(roundHalfAway((mean - 4) * 10))
		}
		score = min(100, max(0, score))
		if got.Score != score {
			t.Errorf("%s: score %d, want %d", stn.Code, got.Score, score)
		}
	}
	sent, err := s.SendStationScorecards("2026-12")
	if err != nil || len(sent) != 2 {
		t.Fatalf("sent %+v %v", sent, err)
	}
	msgs := outbox(t, s, "score:")
	if got := chatsOf(msgs); len(got) != 4 {
		t.Errorf("scorecards went to %v", got)
	}
	for _, m := range msgs {
		st, month, ok := fo.ParseScoreRef(m.Document.Ref)
		if !ok || month != "2026-12" || (m.ChatID == chatStationA && st != a.ID) || (m.ChatID == chatStationB && st != b.ID) {
			t.Errorf("scorecard message %+v", m)
		}
	}
}

func roundHalfAway(x float64) float64 {
	if x < 0 {
		return -float64(int(-x + 0.5))
	}
	return float64(int(x + 0.5))
}

// NET-2: the tiers follow the thresholds of the settings.
func TestScoreTiersNET2(t *testing.T) {
	s := fo.Station{ID: 1}
	from := at(2026, 12, 1, 0, 0)
	to := from.AddDate(0, 1, 0)
	mk := func(n int) []fo.Complaint {
		var cs []fo.Complaint
		for i := 0; i < n; i++ {
			cs = append(cs, fo.Complaint{StationID: 1, FiledAt: from.Add(time.Hour), FirstDueAt: from.Add(2 * time.Hour),
				FirstAnsweredAt: from.Add(90 * time.Minute)})
		}
		return cs
	}
	for _, c := range []struct {
		ns   fo.NetworkSettings
		n    int
		tier string
	}{
		{fo.NetworkSettings{}, 0, fo.TierReward},
		{fo.NetworkSettings{}, 2, fo.TierReward},   // 90
		{fo.NetworkSettings{}, 3, fo.TierStandard}, // 85
		{fo.NetworkSettings{}, 9, fo.TierPenalty},  // 55
		{fo.NetworkSettings{RewardAt: 95}, 2, fo.TierStandard},
		{fo.NetworkSettings{PenaltyBelow: 90}, 3, fo.TierPenalty},
	} {
		sc := fo.ScoreStation(c.ns, s, "2026-12", from, to, mk(c.n), nil, fo.StationSettlement{})
		if sc.Tier != c.tier || sc.AnsweredInTime != c.n || (c.n > 0 && sc.AnswerMinutes != 30) {
			t.Errorf("%+v with %d complaints: %+v", c.ns, c.n, sc)
		}
	}
}
