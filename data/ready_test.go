package data

import (
	"errors"
	"strings"
	"testing"

	fo "frontoffice"
	"frontoffice/internal/fakeclock"
	"frontoffice/internal/sigdraw"
)

// inWorkshop checks a walk-in in at the clock's time and takes it into
// the workshop with a work order from handover to promised.
func inWorkshop(t *testing.T, s *Store, clock *fakeclock.Clock, chat int64, wo fo.WorkOrder) fo.Visit {
	t.Helper()
	clock.Set(wo.HandoverAt)
	v := walkIn(t, s, "13900000001", "京B11111", chat)
	v, err := s.Intake(fo.IntakeRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, WorkOrder: wo, By: "staff:li"})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// DEL-2: a 4-hour notice for a 09:00 promise is due at 05:00; a car made
// ready after closing the evening before is announced at opening (08:30),
// never at night.
func TestPickupNeverAtNightDEL2(t *testing.T) {
	s, clock := newTestStore(t)
	// Tue 09:00 to Thu 09:00: two working days, a long job (4 hours ahead).
	v := inWorkshop(t, s, clock, 555, workOrder(at(2026, 12, 1, 9, 0), 16*60, at(2026, 12, 3, 9, 0)))
	clock.Set(at(2026, 12, 2, 18, 30)) // after closing
	v, err := s.SetReady(v.ID, fo.CompleteChecklist, "staff:li")
	if err != nil {
		t.Fatal(err)
	}
	if cust := messagesTo(t, s, 555); len(cust) != 0 {
		t.Fatalf("told after closing: %q", cust)
	}
	if !v.PickupNoticeAt.Equal(at(2026, 12, 3, 8, 30)) {
		t.Errorf("notice at %v, want Thu 08:30 (opening)", v.PickupNoticeAt.In(shanghai))
	}
	clock.Set(at(2026, 12, 3, 5, 0))
	s.RunDue(clock.Now())
	if cust := messagesTo(t, s, 555); len(cust) != 0 {
		t.Fatalf("told at 05:00: %q", cust)
	}
	clock.Set(at(2026, 12, 3, 8, 30))
	s.RunDue(clock.Now())
	if cust := messagesTo(t, s, 555); len(cust) != 1 || !strings.Contains(cust[0], "09:00") {
		t.Fatalf("pickup notice at opening: %q", cust)
	}
}

// DEL-2: at 05:00 the job is not ready: the customer is not told, the
// staff chat is warned; ready at 08:45, the customer is told at once; the
// promise then never passes unready.
func TestPickupNotReadyDEL2(t *testing.T) {
	s, clock := newTestStore(t)
	v := inWorkshop(t, s, clock, 555, workOrder(at(2026, 12, 1, 9, 0), 16*60, at(2026, 12, 3, 9, 0)))
	if !v.PickupNoticeAt.Equal(at(2026, 12, 3, 5, 0)) {
		t.Fatalf("intake put the notice at %v", v.PickupNoticeAt.In(shanghai))
	}
	clock.Set(at(2026, 12, 3, 5, 0))
	s.RunDue(clock.Now())
	if cust := messagesTo(t, s, 555); len(cust) != 0 {
		t.Fatalf("told while not ready: %q", cust)
	}
	if staff := messagesTo(t, s, -100); !strings.Contains(staff[len(staff)-1], "客户未获通知") {
		t.Fatalf("staff not warned: %q", staff)
	}
	clock.Set(at(2026, 12, 3, 8, 45))
	s.SetReady(v.ID, fo.CompleteChecklist, "staff:li")
	if cust := messagesTo(t, s, 555); len(cust) != 1 || !strings.Contains(cust[0], "已完工") {
		t.Fatalf("notice on readiness: %q", cust)
	}
	clock.Set(at(2026, 12, 3, 9, 30))
	s.RunDue(clock.Now())
	if cust := messagesTo(t, s, 555); len(cust) != 1 {
		t.Fatalf("a ready job announced late: %q", cust)
	}
}

// DEL-2: "2 days or more" counts working days. Saturday 10:00 to Monday
// 10:00 is 48 clock hours but one working day across the closed Sunday:
// the notice goes 1 hour ahead (09:00), not 4.
func TestPickupTwoWorkingDaysAcrossSundayDEL2(t *testing.T) {
	s, clock := newTestStore(t)
	v := inWorkshop(t, s, clock, 555, workOrder(at(2026, 12, 5, 10, 0), 8*60, at(2026, 12, 7, 10, 0)))
	clock.Set(at(2026, 12, 5, 17, 30)) // Saturday after closing
	if _, err := s.SetReady(v.ID, fo.CompleteChecklist, "staff:li"); err != nil {
		t.Fatal(err)
	}
	clock.Set(at(2026, 12, 7, 8, 59))
	s.RunDue(clock.Now())
	if cust := messagesTo(t, s, 555); len(cust) != 0 {
		t.Fatalf("told before the 1-hour lead: %q", cust)
	}
	clock.Set(at(2026, 12, 7, 9, 0))
	s.RunDue(clock.Now())
	if cust := messagesTo(t, s, 555); len(cust) != 1 || !strings.Contains(cust[0], "10:00") {
		t.Fatalf("pickup notice: %q", cust)
	}
}

// DEL-2, REC-4: the promise passes with the job not ready: the customer
// gets the apology with the reason staff gave, staff are asked for a new
// time, once. A delay recorded before the promise: nothing more.
func TestLateNoticeWithReasonDEL2REC4(t *testing.T) {
	s, clock := newTestStore(t)
	v := inWorkshop(t, s, clock, 555, workOrder(at(2026, 11, 27, 9, 0), 60, at(2026, 11, 27, 11, 0)))
	clock.Set(at(2026, 11, 27, 10, 0))
	if _, err := s.Delay(v.ID, at(2026, 11, 27, 15, 0), "配件未到货", "staff:li"); err != nil {
		t.Fatal(err)
	}
	clock.Set(at(2026, 11, 27, 11, 0))
	s.RunDue(clock.Now())
	if cust := messagesTo(t, s, 555); len(cust) != 1 { // the delay itself
		t.Fatalf("after a delay the old promise says more: %q", cust)
	}
	clock.Set(at(2026, 11, 27, 14, 0))
	s.RunDue(clock.Now()) // pickup due: not ready
	clock.Set(at(2026, 11, 27, 15, 0))
	s.RunDue(clock.Now())
	cust := messagesTo(t, s, 555)
	if len(cust) != 2 || !strings.Contains(cust[1], "配件未到货") || !strings.Contains(cust[1], "抱歉") || !strings.Contains(cust[1], "15:00") {
		t.Fatalf("late notice: %q", cust)
	}
	staff := messagesTo(t, s, -100)
	if !strings.Contains(staff[len(staff)-1], "新的交车时间") {
		t.Errorf("staff not asked for a new time: %q", staff)
	}
	clock.Set(at(2026, 11, 27, 16, 0))
	s.RunDue(clock.Now())
	if got := messagesTo(t, s, 555); len(got) != 2 {
		t.Errorf("late notice repeated: %q", got)
	}
}

// DEL-2, REC-4 for a customer without Telegram: the late notice is a call
// on the reception's list, with the generic reason.
func TestLateNoticeCallWhenNotLinkedDEL2(t *testing.T) {
	s, clock := newTestStore(t)
	v := inWorkshop(t, s, clock, 0, workOrder(at(2026, 11, 27, 9, 0), 60, at(2026, 11, 27, 11, 0)))
	clock.Set(at(2026, 11, 27, 10, 0))
	s.RunDue(clock.Now())
	clock.Set(at(2026, 11, 27, 11, 0))
	s.RunDue(clock.Now())
	tasks, _, _ := s.PhoneTasks("2026-11-27")
	if len(tasks) != 1 || tasks[0].Kind != "visit.late" || !strings.Contains(tasks[0].Text, "超出预计") || tasks[0].VisitID != v.ID {
		t.Fatalf("late call %+v", tasks)
	}
}

// INT-6: unanswered additional work blocks ready and therefore delivery;
// the answer unblocks it. DEL-1: the refusal names the missing items.
func TestPendingWorkBlocksReadyAndDeliveryINT6(t *testing.T) {
	s, clock := newTestStore(t)
	v := inWorkshop(t, s, clock, 555, workOrder(at(2026, 11, 27, 9, 0), 60, at(2026, 11, 27, 11, 0)))
	if _, _, err := s.AddWork(fo.AddWorkRequest{VisitID: v.ID, Description: "更换刹车片", Reason: "磨损严重", Price: 30000, ExtraMinutes: 30, Safety: true, By: "staff:li"}); err != nil {
		t.Fatal(err)
	}
	_, err := s.SetReady(v.ID, fo.CompleteChecklist, "staff:li")
	if !errors.Is(err, fo.Errorf(fo.EINVALID, "err.ready.pending_work")) {
		t.Fatalf("ready with pending work: %v", err)
	}
	if _, err := s.Deliver(fo.DeliverRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, Settlement: fo.Settlement{Amount: 30000, Paid: 30000}, By: "staff:li"}); err == nil {
		t.Fatal("delivered with pending work")
	}
	if got, _ := s.Visit(v.ID); got.Status != fo.VisitWorkshop {
		t.Fatalf("status %s", got.Status)
	}
	if _, err := s.AnswerWork(v.ID, 1, false, 0, "staff:li (phone)"); err != nil {
		t.Fatal(err)
	}
	_, err = s.SetReady(v.ID, fo.DeliveryChecklist{Checked: true, Belongings: true}, "staff:li")
	var fe *fo.Error
	if !errors.As(err, &fe) || fe.Key != "err.ready.checklist" || !strings.Contains(fo.ErrorText(fo.ZH, err), "车辆清洗、结算单准备") ||
		!strings.Contains(fo.ErrorText(fo.EN, err), "vehicle cleaned, settlement prepared") || strings.Contains(fo.ErrorText(fo.EN, err), "完工检查") {
		t.Fatalf("checklist refusal: %v", err)
	}
	got, err := s.SetReady(v.ID, fo.CompleteChecklist, "staff:li")
	if err != nil || got.Checklist == nil || !got.Checklist.Cleaned || got.Checklist.By != "staff:li" {
		t.Fatalf("ready: %+v %v", got.Checklist, err)
	}
}

// INT-3: the workshop's load counts the visits in the workshop, with the
// settings' bays; a ready visit has left its bay.
func TestWorkshopLoadINT3(t *testing.T) {
	s, clock := newTestStore(t)
	a := inWorkshop(t, s, clock, 0, workOrder(at(2026, 11, 27, 9, 0), 60, at(2026, 11, 27, 11, 0)))
	v := walkIn(t, s, "13900000002", "京B22222", 0)
	if _, err := s.Intake(fo.IntakeRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, WorkOrder: workOrder(at(2026, 11, 27, 9, 0), 60, at(2026, 11, 27, 12, 0)), By: "staff:li"}); err != nil {
		t.Fatal(err)
	}
	walkIn(t, s, "13900000003", "京B33333", 0) // waiting: not in the workshop
	s.SetReady(a.ID, fo.CompleteChecklist, "staff:li")
	l, err := s.WorkshopLoad()
	st, _ := s.Settings()
	if err != nil || l.Bays != st.Bays || len(l.Busy) != 1 || !l.Busy[0].Equal(at(2026, 11, 27, 12, 0)) {
		t.Fatalf("load %+v %v", l, err)
	}
}

// REC-4: a promise passing at night (20:00 promise, job not ready) tells
// the customer after the quiet hours; the staff chat at once.
func TestLateNoticeAfterQuietHoursREC4(t *testing.T) {
	s, clock := newTestStore(t)
	inWorkshop(t, s, clock, 555, workOrder(at(2026, 11, 27, 9, 0), 60, at(2026, 11, 27, 21, 30)))
	clock.Set(at(2026, 11, 27, 21, 30))
	s.RunDue(clock.Now())
	var late []fo.Message
	for _, m := range pending(t, s) {
		if m.ChatID == 555 && strings.Contains(m.Text, "未能在承诺的") {
			late = append(late, m)
		}
	}
	if len(late) != 1 || !late[0].NotBefore.Equal(at(2026, 11, 28, 8, 0)) {
		t.Fatalf("late notice %+v", late)
	}
	if staff := messagesTo(t, s, -100); !strings.Contains(staff[len(staff)-1], "新的交车时间") {
		t.Errorf("staff not asked: %q", staff)
	}
}
