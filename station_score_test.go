package frontoffice

import (
	"testing"
	"time"
)

// NET-2: the scoring settings default when zero and are checked when set.
func TestNetworkSettingsNET2(t *testing.T) {
	if d := (NetworkSettings{}).WithDefaults(); d != DefaultNetwork() || d.RewardAt != 90 || d.PenaltyBelow != 60 {
		t.Errorf("defaults %+v", d)
	}
	st := DefaultSettings()
	for _, bad := range []NetworkSettings{{RewardAt: -1}, {FindingPoints: 101}, {RewardAt: 50, PenaltyBelow: 70}, {PenaltyBelow: 95}} {
		st.Network = bad
		if err := st.Validate(); ErrorCode(err) != EINVALID {
			t.Errorf("%+v: %v", bad, err)
		}
	}
	st.Network = NetworkSettings{RewardAt: 80, PenaltyBelow: 50}
	if err := st.Validate(); err != nil {
		t.Errorf("good settings: %v", err)
	}
}

// NET-2: the score of a month: complaints, late answers, dissatisfied
// verdicts and findings take points; the mean check score moves it; only
// the station's own records of the month count.
func TestScoreStationNET2(t *testing.T) {
	loc := time.UTC
	from := time.Date(2026, 12, 1, 0, 0, 0, 0, loc)
	to := from.AddDate(0, 1, 0)
	s := Station{ID: 7, Code: "ST-007"}
	in := from.Add(48 * time.Hour)
	cs := []Complaint{
		{ID: 1, StationID: 7, FiledAt: in, FirstDueAt: in.Add(24 * time.Hour), FirstAnsweredAt: in.Add(time.Hour), Status: CmpClosed},
		{ID: 2, StationID: 7, FiledAt: in, FirstDueAt: in.Add(4 * time.Hour), FirstAnsweredAt: in.Add(5 * time.Hour),
			Status: CmpReopened, History: []ComplaintEvent{{Action: VerdictDissatisfied}}},
		{ID: 3, StationID: 7, FiledAt: in, FirstDueAt: in.Add(4 * time.Hour)}, // never answered
		{ID: 4, StationID: 8, FiledAt: in},                                    // another station
		{ID: 5, StationID: 7, FiledAt: to},                                    // next month
	}
	jobs := []StationJob{
		{StationID: 7, Day: "2026-12-01", Check: StationCheck{Sampled: true, Score: 5}},
		{StationID: 7, Day: "2026-12-31", Check: StationCheck{Sampled: true, Score: 2}},
		{StationID: 7, Day: "2026-12-15", Check: StationCheck{Sampled: true, Finding: "没有按工艺"}},
		{StationID: 7, Day: "2027-01-01", Check: StationCheck{Sampled: true, Score: 1}},
		{StationID: 8, Day: "2026-12-02", Check: StationCheck{Sampled: true, Score: 1}},
	}
	sc := ScoreStation(NetworkSettings{}, s, "2026-12", from, to, cs, jobs, StationSettlement{StationID: 7, Claims: []uint64{1, 2}, Total: 5000})
	if sc.Complaints != 3 || sc.AnsweredInTime != 1 || sc.Late != 2 || sc.Closed != 1 || sc.Dissatisfied != 1 || sc.AnswerMinutes != 180 {
		t.Errorf("complaints %+v", sc)
	}
	if sc.Jobs != 3 || sc.Sampled != 3 || sc.Surveyed != 2 || sc.SurveySum != 7 || sc.Findings != 2 || sc.SurveyMean() != "3.5" {
		t.Errorf("jobs %+v", sc)
	}
	// 100 − 3·5 − 2·5 − 5 − 2·10 − 5 (mean 3.5) = 45: penalty.
	if sc.Score != 45 || sc.Tier != TierPenalty || sc.ClaimsSettled != 2 || sc.ClaimsPaid != 5000 {
		t.Errorf("score %+v", sc)
	}
	if ref := ScoreRef(7, "2026-12"); ref != 7202612 {
		t.Errorf("ScoreRef %d", ref)
	} else if id, m, ok := ParseScoreRef(ref); !ok || id != 7 || m != "2026-12" {
		t.Errorf("ParseScoreRef %d %s %v", id, m, ok)
	}
	for _, bad := range []uint64{0, 202612, 7202613, 7199912} {
		if _, _, ok := ParseScoreRef(bad); ok {
			t.Errorf("ParseScoreRef(%d) accepted", bad)
		}
	}
}

// NET-2: a station types its claim one line a row; labour is priced by
// the standards at its region's rate.
func TestClaimLinesNET2(t *testing.T) {
	lines, err := ParseClaimLines("labour a01 repair 3\n工时 A01\n配件 ¥1,200.50 雷达 主机\ntravel 80 bus")
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != 4 || !lines[0].Repair || lines[0].Qty != 3 || lines[0].Code != "A01" || lines[1].Qty != 1 || lines[1].Repair ||
		lines[2].Amount != 120050 || lines[2].Text != "雷达 主机" || lines[3].Kind != ClaimTravel {
		t.Errorf("lines %+v", lines)
	}
	for _, bad := range []string{"", "工时", "工时 A01 安装 0", "工时 A01 安装 100", "配件 x 支架", "配件 120", "加班 100 夜", "工时 A01 安装 2 3"} {
		if _, err := ParseClaimLines(bad); ErrorCode(err) != EINVALID {
			t.Errorf("%q: %v", bad, err)
		}
	}
	st := DefaultSettings()
	st.Labour = []LabourStandard{{Code: "A01", NameZh: "雷达", InstallMinutes: 50, RepairMinutes: 20}}
	st.LabourRates = []RegionRate{{Region: "", HourlyRate: 6000}, {Region: "west", HourlyRate: 4500}}
	priced, total, err := PriceClaim(&st, Station{Region: "west"}, lines)
	if err != nil {
		t.Fatal(err)
	}
	// 3 × (20 min at ¥45/h = ¥15) + 50 min at ¥45/h = ¥37.50 + ¥1,200.50 + ¥80.
	if priced[0].Amount != 4500 || priced[0].Minutes != 60 || priced[1].Amount != 3750 || total != 4500+3750+120050+8000 {
		t.Errorf("priced %+v total %s", priced, total)
	}
	c := StationClaim{Claimed: total, Status: ClaimSubmitted}
	if err := c.Audit(ClaimAdjust, total, "同额", "zhao", time.Now()); ErrorCode(err) != EINVALID {
		t.Errorf("adjust to the same amount: %v", err)
	}
	if err := c.Audit(ClaimRefuse, 0, " ", "zhao", time.Now()); ErrorCode(err) != EINVALID {
		t.Errorf("refuse without a reason: %v", err)
	}
	if err := c.Audit(ClaimApprove, 0, "", "zhao", time.Now()); err != nil || c.Approved != total || c.Status != ClaimApproved {
		t.Errorf("approve: %v %+v", err, c)
	}
	if err := c.Audit(ClaimRefuse, 0, "x", "zhao", time.Now()); err != ErrStale {
		t.Errorf("audit twice: %v", err)
	}
}
