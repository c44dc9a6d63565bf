package frontoffice

import (
	"fmt"
	"math"
	"strconv"
	"time"
)

// NetworkSettings are the service network's scoring settings (NET-2): the
// points a station's monthly score loses or gains and the thresholds of
// its reward and penalty tiers. Zero fields take the defaults
// (DefaultNetwork): a data file written before they existed reads them as
// zero.
type NetworkSettings struct {
	// RewardAt is the least score of the reward tier: 90 (default).
	RewardAt int `json:"reward_at,omitempty"`
	// PenaltyBelow is the score under which the penalty tier applies: 60
	// (default).
	PenaltyBelow int `json:"penalty_below,omitempty"`
	// ComplaintPoints is lost for each complaint about the station: 5
	// (default); LatePoints more for each answered late or not at all: 5
	// (default); DissatisfiedPoints for each dissatisfied verdict: 5
	// (default); FindingPoints for each spot-check finding (a job whose
	// check found a problem or scored 2 or less): 10 (default).
	ComplaintPoints    int `json:"complaint_points,omitempty"`
	LatePoints         int `json:"late_points,omitempty"`
	DissatisfiedPoints int `json:"dissatisfied_points,omitempty"`
	FindingPoints      int `json:"finding_points,omitempty"`
}

// DefaultNetwork returns the default scoring settings.
func DefaultNetwork() NetworkSettings {
	return NetworkSettings{RewardAt: 90, PenaltyBelow: 60, ComplaintPoints: 5, LatePoints: 5, DissatisfiedPoints: 5, FindingPoints: 10}
}

// WithDefaults fills the zero fields with the defaults.
func (n NetworkSettings) WithDefaults() NetworkSettings {
	d := DefaultNetwork()
	for _, p := range []struct{ v, def *int }{
		{&n.RewardAt, &d.RewardAt}, {&n.PenaltyBelow, &d.PenaltyBelow}, {&n.ComplaintPoints, &d.ComplaintPoints},
		{&n.LatePoints, &d.LatePoints}, {&n.DissatisfiedPoints, &d.DissatisfiedPoints}, {&n.FindingPoints, &d.FindingPoints},
	} {
		if *p.v <= 0 {
			*p.v = *p.def
		}
	}
	return n
}

// check returns what is wrong with the scoring settings, "" when nothing:
// every figure 0 (the default) or positive, the thresholds within 1..100
// and the penalty's at most the reward's.
func (n NetworkSettings) check() string {
	for _, v := range []int{n.RewardAt, n.PenaltyBelow, n.ComplaintPoints, n.LatePoints, n.DissatisfiedPoints, n.FindingPoints} {
		if v < 0 || v > 100 {
			return "every figure must be 0..100 (0: the default)"
		}
	}
	if d := n.WithDefaults(); d.PenaltyBelow > d.RewardAt {
		return "penalty_below must not exceed reward_at"
	}
	return ""
}

// Score tiers.
const (
	TierReward   = "reward"
	TierStandard = "standard"
	TierPenalty  = "penalty"
)

// StationScorecard is a station's monthly scorecard (NET-2): its
// complaints and how they were answered (NET-3), its jobs, their spot
// checks (NET-4) and its settled claims, with the score and the reward or
// penalty tier.
type StationScorecard struct {
	StationID uint64    `json:"station_id"`
	Code      string    `json:"code"`
	Name      string    `json:"name"`
	Month     string    `json:"month"` // "2026-12"
	From      time.Time `json:"from"`
	To        time.Time `json:"to"`

	Complaints     int `json:"complaints"`       // filed in the month and routed to the station
	AnsweredInTime int `json:"answered_in_time"` // first answer by the deadline told at filing (CMP-2)
	Late           int `json:"late"`             // answered after it, or not answered by the month's end
	Closed         int `json:"closed"`
	Dissatisfied   int `json:"dissatisfied"`   // complaints with a dissatisfied verdict
	AnswerMinutes  int `json:"answer_minutes"` // mean time to the first answer of those answered

	Jobs     int `json:"jobs"`     // jobs the station reported for days of the month
	Sampled  int `json:"sampled"`  // of which sampled for a spot check (NET-4)
	Surveyed int `json:"surveyed"` // of which the customer answered
	// SurveySum is the sum of the answered checks' scores (1..5); the mean
	// is SurveySum/Surveyed.
	SurveySum int `json:"survey_sum"`
	Findings  int `json:"findings"` // checks with a finding or a score of 2 or less

	ClaimsSettled int   `json:"claims_settled"` // claims in the month's settlement
	ClaimsPaid    Money `json:"claims_paid"`

	Score int    `json:"score"`
	Tier  string `json:"tier"`
}

// SurveyMean returns the mean spot-check score with one decimal ("4.3"),
// "" when no customer answered.
func (s StationScorecard) SurveyMean() string {
	if s.Surveyed == 0 {
		return ""
	}
	return strconv.FormatFloat(float64(s.SurveySum)/float64(s.Surveyed), 'f', 1, 64)
}

// MonthRange returns the month "2026-12" as [from, to) in loc; false when
// it is not a month.
func MonthRange(month string, loc *time.Location) (from, to time.Time, ok bool) {
	t, err := time.ParseInLocation("2006-01", month, loc)
	if err != nil {
		return time.Time{}, time.Time{}, false
	}
	return t, t.AddDate(0, 1, 0), true
}

// ScoreStation computes station s's scorecard for the month [from, to)
// (NET-2) from its raw records — a pure function: complaints are those
// routed to s and filed in the month; jobs those reported for days of the
// month; settlement the month's settlement (zero when none). The score
// starts at 100 and loses, by the settings, points for each complaint,
// each late or missing first answer, each dissatisfied verdict and each
// spot-check finding; a mean survey score above or below 4 adds or takes
// 10 points a point. It is kept within 0..100, and the tier follows the
// thresholds.
func ScoreStation(ns NetworkSettings, s Station, month string, from, to time.Time, complaints []Complaint, jobs []StationJob, set StationSettlement) StationScorecard {
	ns = ns.WithDefaults()
	sc := StationScorecard{StationID: s.ID, Code: s.Code, Name: s.Name, Month: month, From: from, To: to}
	var answerTotal time.Duration
	answered := 0
	for _, c := range complaints {
		if c.StationID != s.ID || c.FiledAt.Before(from) || !c.FiledAt.Before(to) {
			continue
		}
		sc.Complaints++
		if c.AnsweredInTime() {
			sc.AnsweredInTime++
		} else {
			sc.Late++
		}
		if !c.FirstAnsweredAt.IsZero() {
			answered++
			answerTotal += c.FirstAnsweredAt.Sub(c.FiledAt)
		}
		if c.Status == CmpClosed {
			sc.Closed++
		}
		if complaintDissatisfied(c) {
			sc.Dissatisfied++
		}
	}
	if answered > 0 {
		sc.AnswerMinutes = int(answerTotal / time.Duration(answered) / time.Minute)
	}
	fromDay, toDay := from.Format(time.DateOnly), to.Format(time.DateOnly)
	for _, j := range jobs {
		if j.StationID != s.ID || j.Day < fromDay || j.Day >= toDay {
			continue
		}
		sc.Jobs++
		if j.Check.Sampled {
			sc.Sampled++
		}
		if j.Check.Score > 0 {
			sc.Surveyed++
			sc.SurveySum += j.Check.Score
		}
		if j.Check.Finding != "" || (j.Check.Score > 0 && j.Check.Score <= 2) {
			sc.Findings++
		}
	}
	if set.StationID == s.ID {
		sc.ClaimsSettled, sc.ClaimsPaid = len(set.Claims), set.Total
	}
	score := 100 - ns.ComplaintPoints*sc.Complaints - ns.LatePoints*sc.Late - ns.DissatisfiedPoints*sc.Dissatisfied -
		ns.FindingPoints*sc.Findings
	if sc.Surveyed > 0 {
		// ±10 points a point of mean survey score away from 4, rounded.
		score += int(math.Round(float64(sc.SurveySum*10-40*sc.Surveyed) / float64(sc.Surveyed)))
	}
	sc.Score = min(100, max(0, score))
	switch {
	case sc.Score >= ns.RewardAt:
		sc.Tier = TierReward
	case sc.Score < ns.PenaltyBelow:
		sc.Tier = TierPenalty
	default:
		sc.Tier = TierStandard
	}
	return sc
}

// complaintDissatisfied reports whether the customer was ever dissatisfied
// with an answer to c (CMP-4).
func complaintDissatisfied(c Complaint) bool {
	for _, e := range c.History {
		if e.Action == VerdictDissatisfied {
			return true
		}
	}
	return c.Verdict == VerdictDissatisfied
}

// ScoreRef is the Document.Ref of a station's scorecard: the station id
// and the month as YYYYMM (id·1000000 + YYYYMM).
func ScoreRef(station uint64, month string) uint64 {
	t, err := time.Parse("2006-01", month)
	if err != nil {
		return 0
	}
	return station*1_000_000 + uint64(t.Year()*100+int(t.Month()))
}

// ParseScoreRef reads a ScoreRef.
func ParseScoreRef(ref uint64) (station uint64, month string, ok bool) {
	ym := ref % 1_000_000
	y, m := ym/100, ym%100
	if ref/1_000_000 == 0 || y < 2000 || y > 9999 || m < 1 || m > 12 {
		return 0, "", false
	}
	return ref / 1_000_000, fmt.Sprintf("%04d-%02d", y, m), true
}

// ScorecardMessages send a station's scorecard PDF to the supervisor's
// chats and to the station's chat (NET-2).
func ScorecardMessages(st *Settings, sc StationScorecard, s Station) []Message {
	doc := &Document{Kind: DocStationScore, Ref: ScoreRef(s.ID, sc.Month), Name: "score-" + s.Code + "-" + sc.Month + ".pdf"}
	text := Texts.T(ZH, "net.score", sc.Month, s.Code, s.Name, sc.Score, Texts.T(ZH, "net.tier."+sc.Tier))
	chats := st.SupervisorChats()
	if s.ChatID != 0 {
		chats = appendNew(append([]int64(nil), chats...), s.ChatID)
	}
	msgs := toChats(chats, "score:"+strconv.FormatUint(s.ID, 10)+":"+sc.Month, text, nil, time.Time{})
	for i := range msgs {
		msgs[i].Document = doc
	}
	return msgs
}
