package data

import (
	"fmt"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// REP-1, NET-2, NET-3: the business statistics of a month and of a day
// count the stations' jobs, complaints and settled claims per station
// and in total.
func TestReportIncludesStationsNET2(t *testing.T) {
	s, clock := newTestStore(t, noSync(), followUpStaff(), withLabour())
	a, b := seedStations(t, s)
	for _, j := range []struct {
		st  uint64
		day string
	}{{a.ID, "2026-11-02"}, {a.ID, "2026-11-27"}, {a.ID, "2026-11-27"}, {b.ID, "2026-11-27"}, {a.ID, "2026-12-01"}, {b.ID, "2026-10-31"}} {
		if _, err := s.SeedStationJob(fo.StationJob{StationID: j.st, Customer: "客户", Work: "雷达", Day: j.day}); err != nil {
			t.Fatal(err)
		}
	}
	for i, sid := range []uint64{a.ID, a.ID, b.ID, 0} {
		c, err := s.FileComplaint(fo.ComplaintRequest{Channel: fo.ChannelPhone, Category: "service", Text: "x",
			Customer: fo.CustomerInput{Phone: "1390000000" + string(rune('1'+i)), Name: "客"}, StationID: sid, By: "staff:li"})
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			if _, err := s.AnswerStationComplaint(fo.StationAnswerRequest{ID: c.ID, StationID: sid, By: "tg:1", Text: "好"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	c, err := s.SubmitClaim(fo.ClaimRequest{StationID: b.ID, Lines: []fo.ClaimLine{{Kind: fo.ClaimTravel, Amount: 8000, Text: "往返"}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AuditClaim(fo.ClaimAuditRequest{ID: c.ID, Action: fo.ClaimApprove, Staff: "zhao"}, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SettleStationClaims("2026-11"); err != nil {
		t.Fatal(err)
	}
	clock.Advance(time.Hour)

	month, err := s.BusinessStats(fo.ReportMonthly, at(2026, 11, 27, 12, 0))
	if err != nil {
		t.Fatal(err)
	}
	n := month.Network
	want := []fo.StationTally{
		{StationID: a.ID, Code: "ST-001", Name: a.Name, Jobs: 3, Complaints: 2, AnsweredInTime: 1},
		{StationID: b.ID, Code: "ST-002", Name: b.Name, Jobs: 1, Complaints: 1, ClaimsSettled: 1, Paid: 8000},
	}
	if len(n.Stations) != 2 || n.Stations[0] != want[0] || n.Stations[1] != want[1] {
		t.Errorf("stations %+v\nwant %+v", n.Stations, want)
	}
	if tot := n.Total; tot.Jobs != 4 || tot.Complaints != 3 || tot.AnsweredInTime != 1 || tot.ClaimsSettled != 1 || tot.Paid != 8000 {
		t.Errorf("total %+v", tot)
	}
	day, _ := s.BusinessStats(fo.ReportDaily, at(2026, 11, 27, 12, 0))
	if tot := day.Network.Total; tot.Jobs != 3 || tot.Complaints != 3 || tot.ClaimsSettled != 1 {
		t.Errorf("the day's total %+v", tot)
	}
	if txt := fo.ReportText(&fo.Settings{}, month, fo.ZH); !strings.Contains(txt, "服务网点 2 家：上报作业 4，投诉 3（按期答复 1），结算申报 1 笔 ¥80.00") {
		t.Errorf("report text:\n%s", txt)
	}
}

// BenchmarkNetworkStatsMonth measures what the stations add to the
// monthly report (REP-1, NET-2): 20 stations, 3,000 jobs reported in the
// month, 300 complaints routed to them and 200 settled claims.
func BenchmarkNetworkStatsMonth(b *testing.B) {
	s, clock := newTestStore(b, noSync(), followUpStaff(), withLabour())
	var stations []fo.Station
	for i := range 20 {
		st, err := s.SeedStation(fo.Station{Code: fmt.Sprintf("ST-%03d", i+1), Name: "网点", Status: fo.StationCertified,
			ChatID: int64(-3000 - i)})
		if err != nil {
			b.Fatal(err)
		}
		stations = append(stations, st)
	}
	for i := range 3000 {
		if _, err := s.SeedStationJob(fo.StationJob{StationID: stations[i%20].ID, Customer: "客户", Work: "雷达",
			Day: fmt.Sprintf("2026-11-%02d", 1+i%30)}); err != nil {
			b.Fatal(err)
		}
	}
	clock.Set(at(2026, 11, 2, 9, 0))
	for i := range 300 {
		if _, err := s.FileComplaint(fo.ComplaintRequest{Channel: fo.ChannelPhone, Category: "service", Text: "x",
			Customer: fo.CustomerInput{Phone: fmt.Sprintf("139%08d", i), Name: "客"}, StationID: stations[i%20].ID, By: "staff:li"}); err != nil {
			b.Fatal(err)
		}
		clock.Advance(2 * time.Hour)
	}
	for i := range 200 {
		c, err := s.SubmitClaim(fo.ClaimRequest{StationID: stations[i%20].ID, Lines: []fo.ClaimLine{{Kind: fo.ClaimTravel, Amount: 5000, Text: "往返"}}})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.AuditClaim(fo.ClaimAuditRequest{ID: c.ID, Action: fo.ClaimApprove, Staff: "zhao"}, ""); err != nil {
			b.Fatal(err)
		}
	}
	clock.Set(at(2026, 11, 30, 9, 0))
	if _, err := s.SettleStationClaims("2026-11"); err != nil {
		b.Fatal(err)
	}
	st, _ := s.Settings()
	from, to := fo.ReportPeriod(fo.ReportMonthly, at(2026, 11, 15, 0, 0), st.Location())
	var n fo.NetworkStats
	b.ResetTimer()
	for b.Loop() {
		if err := s.db.View(func(tx *bolt.Tx) error {
			var err error
			n, err = networkStatsTx(tx, &st, from, to)
			return err
		}); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if n.Total.Jobs != 3000 || n.Total.Complaints != 300 || n.Total.ClaimsSettled != 200 {
		b.Fatalf("totals %+v", n.Total)
	}
}
