package scheduler

import (
	"context"
	"strings"
	"testing"
	"time"

	fo "frontoffice"
	"frontoffice/data"
	"frontoffice/internal/fakeclock"
	"frontoffice/internal/sigdraw"
)

// afterSalesStore opens a store with a follow-up staff member and a
// supervisor on Telegram and one vehicle delivered on Friday 27 Nov 09:00,
// whose first call shows on Monday 30 Nov's list (FU-2).
func afterSalesStore(t *testing.T) (*data.Store, *fakeclock.Clock) {
	t.Helper()
	clock := fakeclock.New(at(2026, 11, 27, 9, 0))
	s := openStore(t, clock)
	st, _ := s.Settings()
	st.Staff = []fo.StaffMember{
		{ID: "wang", Name: "王强", TelegramUserID: 201, Roles: []string{fo.RoleFollowUp}},
		{ID: "zhao", Name: "赵敏", TelegramUserID: 301, Roles: []string{fo.RoleSupervisor}},
	}
	if err := s.SaveSettings(st); err != nil {
		t.Fatal(err)
	}
	v, err := s.CheckIn(fo.CheckInRequest{Customer: fo.CustomerInput{Name: "王五", Phone: "13900000001"}, Plate: "京B11111", ServiceID: "radar", Source: "kiosk"})
	if err != nil {
		t.Fatal(err)
	}
	wo := fo.WorkOrder{Purpose: "安装", Lines: []fo.EstimateLine{{Description: "安装雷达", Mode: fo.PriceByItem, Labor: 100}},
		FuelEighths: 4, KeyNo: "K1", EstimatedMinutes: 60, PromisedAt: clock.Now().Add(2 * time.Hour), Receiver: "老张", HandoverAt: clock.Now()}
	if _, err := s.Intake(fo.IntakeRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, WorkOrder: wo}); err != nil {
		t.Fatal(err)
	}
	s.SetReady(v.ID, fo.CompleteChecklist, "staff:li")
	if _, err := s.Deliver(fo.DeliverRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, Settlement: fo.Settlement{Amount: 100, Paid: 100}}); err != nil {
		t.Fatal(err)
	}
	return s, clock
}

// everythingDue is a time after every message the tests make is due.
var everythingDue = time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)

func keysTo(t *testing.T, s *data.Store, prefix string) []string {
	t.Helper()
	es, _, err := s.Pending(everythingDue, 1000)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		if strings.HasPrefix(e.Message.Key, prefix) {
			out = append(out, e.Message.Key)
		}
	}
	return out
}

// FU-2: the call list goes out at the start of the shift in the shop's
// zone — not on Sunday, not before opening, once a day.
func TestCallListJobStartOfShiftFU2(t *testing.T) {
	s, _ := afterSalesStore(t)
	j := CallListJob(s)
	sched, err := ParseSpec(j.Spec)
	if err != nil {
		t.Fatal(err)
	}
	if got := sched.Next(at(2026, 11, 30, 8, 10)); !got.Equal(at(2026, 11, 30, 8, 30)) {
		t.Errorf("next run %v", got)
	}
	for _, tick := range []time.Time{at(2026, 11, 29, 8, 30), at(2026, 11, 29, 10, 0), at(2026, 11, 30, 8, 0), at(2026, 11, 30, 18, 0)} {
		if err := j.Run(context.Background(), tick); err != nil {
			t.Fatal(err)
		}
		if got := keysTo(t, s, "calls:"); len(got) != 0 {
			t.Fatalf("list sent at %v: %v", tick, got)
		}
	}
	j.Run(context.Background(), at(2026, 11, 30, 8, 30))
	j.Run(context.Background(), at(2026, 11, 30, 9, 0))
	if got := keysTo(t, s, "calls:20261130:wang:"); len(got) != 2 { // head and the call
		t.Errorf("list messages %v", got)
	}
}

// A restart at 10:05 after a weekend down catches up the call list once
// (CatchUpLatest).
func TestCallListJobCatchUp(t *testing.T) {
	s, clock := afterSalesStore(t)
	s.SetLastRun("call-list", at(2026, 11, 27, 18, 0))
	clock.Set(at(2026, 11, 30, 10, 5))
	sc := New(Config{Store: s, Clock: clock, Location: shanghai})
	if err := sc.Add(CallListJob(s)); err != nil {
		t.Fatal(err)
	}
	sc.CatchUpAll(context.Background())
	if got := keysTo(t, s, "calls:20261130:"); len(got) != 2 {
		t.Errorf("caught-up list %v", got)
	}
	if last, _ := s.LastRun("call-list"); !last.Equal(at(2026, 11, 30, 10, 0)) {
		t.Errorf("last run %v", last)
	}
}

// FU-8: the monthly summary goes to the supervisor on the month's last
// day (cron has no L: days 28-31 and a check), once; missed month ends are
// caught up each.
func TestMonthlySummaryJobFU8(t *testing.T) {
	s, clock := afterSalesStore(t)
	j := MonthlySummaryJob(s)
	sched, _ := ParseSpec(j.Spec)
	var ends []string
	for t0 := at(2026, 11, 27, 0, 0); len(ends) < 4; {
		t0 = sched.Next(t0)
		if IsLastDayOfMonth(t0) {
			ends = append(ends, t0.Format("2006-01-02 15:04"))
		}
	}
	if got := strings.Join(ends, " "); got != "2026-11-30 16:00 2026-12-31 16:00 2027-01-31 16:00 2027-02-28 16:00" {
		t.Errorf("month ends %s", got)
	}
	j.Run(context.Background(), at(2026, 11, 29, 16, 0))
	if got := keysTo(t, s, "fu8:"); len(got) != 0 {
		t.Errorf("summary before the month's end %v", got)
	}
	j.Run(context.Background(), at(2026, 11, 30, 16, 0))
	j.Run(context.Background(), at(2026, 11, 30, 16, 0))
	if got := keysTo(t, s, "fu8:"); len(got) != 1 || got[0] != "fu8:2026-11:c:301" {
		t.Errorf("summary %v", got)
	}
	// Down over the December month end: caught up at start.
	s.SetLastRun("monthly-summary", at(2026, 12, 20, 16, 0))
	clock.Set(at(2027, 1, 3, 9, 0))
	sc := New(Config{Store: s, Clock: clock, Location: shanghai})
	sc.Add(j)
	sc.CatchUpAll(context.Background())
	if got := keysTo(t, s, "fu8:2026-12"); len(got) != 1 {
		t.Errorf("caught-up December summary %v", got)
	}
}
