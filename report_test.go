package frontoffice

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// REP-1: the periods of the daily, weekly (Sunday to Saturday, closed on
// Saturday) and monthly reports, February and 31-day months included.
func TestReportPeriodREP1(t *testing.T) {
	for _, tc := range []struct {
		kind     ReportKind
		day      time.Time
		from, to time.Time
	}{
		{ReportDaily, at(2026, 11, 28, 17, 30), at(2026, 11, 28, 0, 0), at(2026, 11, 29, 0, 0)},
		{ReportDaily, at(2026, 12, 31, 23, 59), at(2026, 12, 31, 0, 0), at(2027, 1, 1, 0, 0)},
		{ReportWeekly, at(2026, 11, 28, 16, 30), at(2026, 11, 22, 0, 0), at(2026, 11, 29, 0, 0)}, // Saturday
		{ReportWeekly, at(2026, 11, 22, 9, 0), at(2026, 11, 22, 0, 0), at(2026, 11, 29, 0, 0)},   // Sunday
		{ReportWeekly, at(2027, 1, 2, 9, 0), at(2026, 12, 27, 0, 0), at(2027, 1, 3, 0, 0)},       // over the year end
		{ReportMonthly, at(2027, 2, 28, 17, 30), at(2027, 2, 1, 0, 0), at(2027, 3, 1, 0, 0)},
		{ReportMonthly, at(2028, 2, 29, 17, 30), at(2028, 2, 1, 0, 0), at(2028, 3, 1, 0, 0)},
		{ReportMonthly, at(2026, 12, 31, 17, 30), at(2026, 12, 1, 0, 0), at(2027, 1, 1, 0, 0)},
		// 23:30 UTC on 30 Nov is 1 Dec in Shanghai.
		{ReportMonthly, time.Date(2026, 11, 30, 23, 30, 0, 0, time.UTC), at(2026, 12, 1, 0, 0), at(2027, 1, 1, 0, 0)},
		{ReportYearly, at(2026, 12, 31, 17, 30), at(2026, 1, 1, 0, 0), at(2027, 1, 1, 0, 0)},
		{ReportYearly, time.Date(2026, 12, 31, 16, 30, 0, 0, time.UTC), at(2027, 1, 1, 0, 0), at(2028, 1, 1, 0, 0)},
	} {
		from, to := ReportPeriod(tc.kind, tc.day, shanghai)
		if !from.Equal(tc.from) || !to.Equal(tc.to) {
			t.Errorf("%s of %v: [%v, %v), want [%v, %v)", tc.kind, tc.day, from, to, tc.from, tc.to)
		}
	}
}

func TestReportKindAndRef(t *testing.T) {
	for _, k := range ReportKinds {
		got, err := ParseReportKind(string(k))
		if err != nil || got != k {
			t.Errorf("ParseReportKind(%q) = %q, %v", k, got, err)
		}
		if back, ok := ReportKindOfDoc(k.DocKind()); !ok || back != k {
			t.Errorf("ReportKindOfDoc(%q) = %q, %v", k.DocKind(), back, ok)
		}
	}
	if _, err := ParseReportKind("hourly"); err == nil || ErrorCode(err) != ENOTFOUND {
		t.Errorf("hourly: %v", err)
	}
	if _, ok := ReportKindOfDoc("card"); ok {
		t.Error("card is a report")
	}
	day := at(2026, 2, 28, 17, 30)
	ref := ReportRef(day, shanghai)
	if ref != 20260228 {
		t.Errorf("ref %d", ref)
	}
	back, err := ParseReportRef(ref, shanghai)
	if err != nil || !back.Equal(at(2026, 2, 28, 0, 0)) {
		t.Errorf("ParseReportRef(%d) = %v, %v", ref, back, err)
	}
	for _, bad := range []uint64{0, 20260230, 2026022, 202602281, 20261301} {
		if _, err := ParseReportRef(bad, shanghai); ErrorCode(err) != EINVALID {
			t.Errorf("ParseReportRef(%d): %v", bad, err)
		}
	}
}

// REP-1: reports come before the end of the day shift: 17:30 on weekdays
// (closing 18:00), 16:30 on Saturday (closing 17:00); a data file without
// the setting reads the default.
func TestReportTimeREP1(t *testing.T) {
	st := DefaultSettings()
	want := map[time.Weekday]HM{time.Sunday: 17*60 + 30, time.Monday: 17*60 + 30, time.Friday: 17*60 + 30, time.Saturday: 16*60 + 30}
	for wd, hm := range want {
		if got := st.ReportTime(wd); got != hm {
			t.Errorf("%s: %s, want %s", wd, got, hm)
		}
	}
	st.ReportAt = 16 * 60
	if got := st.ReportTime(time.Saturday); got != 16*60 {
		t.Errorf("earlier setting on Saturday: %s", got)
	}
	var old Settings
	if err := json.Unmarshal([]byte(`{"shop":{"name":"x","time_zone":"Asia/Shanghai"}}`), &old); err != nil {
		t.Fatal(err)
	}
	old.Hours = st.Hours
	if got := old.ReportTime(time.Monday); got != DefaultReportAt {
		t.Errorf("old data file: %s", got)
	}
	st.ReportAt = 24 * 60
	if err := st.Validate(); err == nil {
		t.Error("report_at 24:00 accepted")
	}
}

// REP-1: Stats counts each record once, in its period: vehicles by type
// and service, settlements' money by settlement time, appointments kept,
// missed and pending.
func TestStatsREP1(t *testing.T) {
	st := DefaultSettings()
	day := at(2026, 11, 27, 0, 0) // a Friday
	set := func(amount, discount, paid Money, when time.Time) *Settlement {
		return &Settlement{Amount: amount, Discount: discount, Paid: paid, At: when.UTC()}
	}
	visits := []Visit{
		// Checked in and delivered today, paid in full.
		{ID: 1, VehicleID: 10, ServiceID: "radar", Status: VisitDelivered, CheckedInAt: at(2026, 11, 27, 9, 0),
			DeliveredAt: at(2026, 11, 27, 11, 0), Settlement: set(68000, 0, 68000, at(2026, 11, 27, 11, 0))},
		// Checked in yesterday, delivered today with a discount and half paid.
		{ID: 2, VehicleID: 11, ServiceID: "collision", Status: VisitDelivered, CheckedInAt: at(2026, 11, 26, 10, 0),
			DeliveredAt: at(2026, 11, 27, 15, 0), Settlement: set(128000, 8000, 60000, at(2026, 11, 27, 15, 0))},
		// Declined today with a fee (INT-4).
		{ID: 3, VehicleID: 12, ServiceID: "inspect", Status: VisitLeft, CheckedInAt: at(2026, 11, 27, 10, 0),
			LeftAt: at(2026, 11, 27, 10, 30), Settlement: set(5000, 0, 5000, at(2026, 11, 27, 10, 30))},
		// In the workshop, a vehicle of unknown type, a walk-in without a service.
		{ID: 4, VehicleID: 13, Status: VisitWorkshop, CheckedInAt: at(2026, 11, 27, 14, 0)},
		// Tomorrow: not counted.
		{ID: 5, VehicleID: 10, ServiceID: "radar", Status: VisitWaiting, CheckedInAt: at(2026, 11, 28, 9, 0)},
	}
	visits = append(visits, visits[0]) // listed twice
	types := map[uint64]string{10: "car", 11: "suv", 12: "car", 13: ""}
	apts := []Appointment{
		{ID: 1, Start: at(2026, 11, 27, 9, 0), Status: AptCheckedIn},
		{ID: 2, Start: at(2026, 11, 27, 10, 0), Status: AptNoShow},
		{ID: 3, Start: at(2026, 11, 27, 11, 0), Status: AptBooked},  // window passed: missed
		{ID: 4, Start: at(2026, 11, 27, 17, 30), Status: AptBooked}, // still to come
		{ID: 5, Start: at(2026, 11, 27, 12, 0), Status: AptCancelled},
		{ID: 6, Start: at(2026, 11, 28, 9, 0), Status: AptBooked},
	}
	b := st.Stats(ReportDaily, day, at(2026, 11, 27, 17, 30), ReportRecords{Visits: visits, VehicleTypes: types, Appointments: apts})
	check := func(name string, got, want int) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %d, want %d", name, got, want)
		}
	}
	check("received", b.Received, 3)
	check("delivered", b.Delivered, 2)
	check("declined", b.Declined, 1)
	check("settlements", b.Settlements, 3)
	check("amount", int(b.Amount), 68000+128000+5000)
	check("discounts", int(b.Discounts), 8000)
	check("revenue", int(b.Revenue), 68000+120000+5000)
	check("collected", int(b.Collected), 68000+60000+5000)
	check("receivables", int(b.Receivables), 60000)
	check("fees", int(b.Fees), 5000)
	check("appointments", b.Appointments, 4)
	check("kept", b.Kept, 1)
	check("missed", b.Missed, 2)
	check("pending", b.Pending, 1)
	if b.Days != nil {
		t.Errorf("a daily report has days: %v", b.Days)
	}
	byType := map[string]int{}
	for _, l := range b.ByType {
		byType[l.Key] = l.Vehicles
	}
	if len(b.ByType) != len(VehicleTypes)+1 || byType["car"] != 2 || byType[""] != 1 || byType["suv"] != 0 {
		t.Errorf("by type %+v", b.ByType)
	}
	bySv := map[string]Tally{}
	for _, l := range b.ByService {
		bySv[l.Key] = l
	}
	if len(b.ByService) != len(st.Services)+1 || bySv["radar"] != (Tally{"radar", 1, 68000}) ||
		bySv["collision"] != (Tally{"collision", 0, 120000}) || bySv["inspect"] != (Tally{"inspect", 1, 5000}) || bySv[""].Vehicles != 1 {
		t.Errorf("by service %+v", b.ByService)
	}
	if b.Empty() {
		t.Error("stats with records are empty")
	}

	// The month: 30 days, tomorrow's visit on the 28th.
	m := st.Stats(ReportMonthly, day, at(2026, 11, 30, 17, 30), ReportRecords{Visits: visits, VehicleTypes: types, Appointments: apts})
	if len(m.Days) != 30 || m.Days[25].Received != 1 || m.Days[26].Received != 3 || m.Days[27].Received != 1 || m.Days[26].Revenue != b.Revenue {
		t.Errorf("days of November: %+v", m.Days)
	}
	check("month missed", m.Missed, 4) // by the 30th the 27th 17:30 and the 28th have passed

	// FU-8, REP-3: the year, a line per month; its figures are the sum of
	// its months'.
	y := st.Stats(ReportYearly, day, at(2026, 12, 31, 17, 30), ReportRecords{Visits: visits, VehicleTypes: types, Appointments: apts})
	if len(y.Days) != 12 || !y.Days[10].Day.Equal(at(2026, 11, 1, 0, 0)) || y.Days[10].Received != m.Received || y.Days[10].Revenue != m.Revenue {
		t.Errorf("months of 2026: %+v", y.Days)
	}
	check("year received", y.Received, m.Received)
	check("year revenue", int(y.Revenue), int(m.Revenue))

	empty := st.Stats(ReportDaily, at(2026, 11, 29, 0, 0), at(2026, 11, 29, 17, 30), ReportRecords{Visits: visits, Appointments: apts})
	if !empty.Empty() {
		t.Errorf("Sunday has data: %+v", empty)
	}
}

// FU-8, REP-3, CMP-2: the after-sales figures of a period.
func TestSummarizeAfterSalesFU8(t *testing.T) {
	from, to := at(2026, 11, 22, 0, 0), at(2026, 11, 29, 0, 0)
	w := func(closes time.Time) Window {
		return Window{Opens: closes.AddDate(0, 0, -6), Target: closes.AddDate(0, 0, -5), Closes: closes}
	}
	calls := []Call{
		{ID: 1, Kind: CallFirst, Status: CallDone, Window: w(at(2026, 11, 25, 0, 0)), DoneAt: at(2026, 11, 23, 10, 0)},
		{ID: 2, Kind: CallSecond, Status: CallMissed, Window: w(at(2026, 11, 29, 0, 0))},
		{ID: 3, Kind: CallFirst, Status: CallOpen, Window: w(at(2026, 11, 27, 0, 0))},
		{ID: 4, Kind: CallPromo, Status: CallOpen, Window: w(at(2026, 11, 27, 0, 0))},
		{ID: 5, Kind: CallFirst, Status: CallOpen, Window: w(at(2026, 11, 30, 0, 0))}, // closes later
		{ID: 6, Kind: CallFirst, Status: CallDone, Window: w(at(2026, 11, 22, 0, 0))}, // closed before
	}
	cmps := []Complaint{
		{ID: 1, Category: "quality", Status: CmpClosed, Verdict: VerdictSatisfied, FiledAt: at(2026, 11, 23, 9, 0),
			FirstDueAt: at(2026, 11, 24, 9, 0), FirstAnsweredAt: at(2026, 11, 23, 15, 0)},
		{ID: 2, Category: "safety", Status: CmpOpen, FiledAt: at(2026, 11, 28, 9, 0), FirstDueAt: at(2026, 11, 28, 13, 0)},
		{ID: 3, Category: "price", Status: CmpClosed, Verdict: VerdictDissatisfied, FiledAt: at(2026, 11, 24, 9, 0),
			FirstDueAt: at(2026, 11, 25, 9, 0), FirstAnsweredAt: at(2026, 11, 26, 9, 0)},
		{ID: 4, Category: "price", FiledAt: at(2026, 11, 21, 9, 0)},
	}
	svs := []Survey{
		{ID: 1, Status: SurveyDone, DoneAt: at(2026, 11, 23, 9, 0), SurveyResult: SurveyResult{Scores: [4]int{5, 4, 5, 4}}},
		{ID: 2, Status: SurveyDone, DoneAt: at(2026, 11, 24, 9, 0), SurveyResult: SurveyResult{Scores: [4]int{3, 2, 5, 4}}},
		{ID: 3, Status: SurveySent, DoneAt: at(2026, 11, 24, 9, 0)},
		{ID: 4, Status: SurveyDone, DoneAt: at(2026, 11, 29, 9, 0), SurveyResult: SurveyResult{Scores: [4]int{1, 1, 1, 1}}},
	}
	m := SummarizeAfterSales(from, to, shanghai, append(calls, calls[0]), cmps, svs)
	if m.Month != "2026-11-22..2026-11-28" {
		t.Errorf("label %q", m.Month)
	}
	if m.CallsDue != 3 || m.CallsDoneInWindow != 1 || m.CallsMissed != 1 || m.CallsOpen != 1 {
		t.Errorf("calls %+v", m)
	}
	if m.Complaints != 3 || m.AnsweredInTime != 1 || m.Satisfied != 1 || m.Dissatisfied != 1 || m.StillOpen != 1 || m.ByCategory["price"] != 1 {
		t.Errorf("complaints %+v", m)
	}
	if m.Surveys != 2 || m.LowSurveys != 1 || m.SurveyAverages != [4]float64{4, 3, 5, 4} {
		t.Errorf("surveys %+v", m)
	}
	if l := periodLabel(at(2026, 2, 1, 0, 0), at(2026, 3, 1, 0, 0), shanghai); l != "2026-02" {
		t.Errorf("month label %q", l)
	}
	if l := periodLabel(at(2026, 2, 1, 0, 0), at(2026, 2, 2, 0, 0), shanghai); l != "2026-02-01" {
		t.Errorf("day label %q", l)
	}
}

// REP-1: the message that carries the PDF states the period and the main
// figures in both languages.
func TestReportTextREP1(t *testing.T) {
	for k, v := range reportTexts {
		if v.Zh == "" || v.En == "" || strings.Count(v.Zh, "%") != strings.Count(v.En, "%") {
			t.Errorf("report text %q", k)
		}
	}
	for _, k := range ReportKinds {
		if _, ok := reportTexts["rep."+string(k)]; !ok {
			t.Errorf("no text names the %s report", k)
		}
	}
	st := DefaultSettings()
	b := BusinessStats{Kind: ReportWeekly, From: at(2026, 11, 22, 0, 0), To: at(2026, 11, 29, 0, 0), Received: 31, Delivered: 28,
		Revenue: 4560000, Receivables: 12000, Appointments: 9, Kept: 7, Missed: 2}
	zh := ReportText(&st, b, ZH)
	for _, want := range []string{"业务统计表（周报）2026-11-22–2026-11-28", "进厂 31 台", "营业收入 ¥45,600.00", "应收账款 ¥120.00", "爽约 2", "详见附件 PDF。"} {
		if !strings.Contains(zh, want) {
			t.Errorf("zh text lacks %q:\n%s", want, zh)
		}
	}
	en := ReportText(&st, BusinessStats{Kind: ReportDaily, From: at(2026, 11, 29, 0, 0), To: at(2026, 11, 30, 0, 0)}, EN)
	if !strings.Contains(en, "Business statistics (daily) 2026-11-29") || !strings.Contains(en, "No business recorded") || len([]rune(en)) > 1024 {
		t.Errorf("en text: %s", en)
	}
}

// A report's Ref comes back from the outbox and the console's URLs: any
// number parses without a panic, and a day parsed prints back the same.
func FuzzParseReportRef(f *testing.F) {
	for _, s := range []uint64{20261130, 0, 1, 20260229, 20280229, 99999999, 1 << 63} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, ref uint64) {
		day, err := ParseReportRef(ref, shanghai)
		if err != nil {
			return
		}
		if back := ReportRef(day, shanghai); back != ref {
			t.Fatalf("%d → %v → %d", ref, day, back)
		}
	})
}
