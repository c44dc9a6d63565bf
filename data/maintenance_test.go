package data

import (
	"frontoffice/internal/sigdraw"
	"strings"
	"testing"
	"time"

	fo "frontoffice"
)

// deliveredWithInterval takes a walk-in through the workshop and delivers
// it with a maintenance interval of days: its next maintenance date is
// set from the delivery day.
func deliveredWithInterval(t *testing.T, s *Store, chat int64, days int) (fo.Visit, fo.Vehicle) {
	t.Helper()
	v := walkIn(t, s, "13900000001", "京B11111", chat)
	a, err := s.Archive(v.VehicleID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveArchive(fo.ArchiveEdit{VehicleID: v.VehicleID, Name: a.Customer.Name, MaintIntervalDays: days}); err != nil {
		t.Fatal(err)
	}
	now := s.now()
	if _, err := s.Intake(fo.IntakeRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, WorkOrder: workOrder(now, 30, now.Add(time.Hour)), By: "staff:li"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetReady(v.ID, fo.CompleteChecklist, "staff:li"); err != nil {
		t.Fatal(err)
	}
	v, err = s.Deliver(fo.DeliverRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, Settlement: fo.Settlement{Amount: 30000, Paid: 30000}, By: "staff:li"})
	if err != nil {
		t.Fatal(err)
	}
	a, _ = s.Archive(v.VehicleID)
	return v, a.Vehicle
}

// 通知客户按期保养: delivered Fri 27 Nov with a 30-day interval, the next
// maintenance is Sun 27 Dec; the reminder goes 7 days before, on Sun 20
// Dec — a closed day, so at the next opening, Mon 21 Dec 08:30 local —
// once, with a book button.
func TestMaintenanceReminderLocalDay(t *testing.T) {
	s, clock := newTestStore(t)
	_, veh := deliveredWithInterval(t, s, 555, 30)
	if got := veh.NextMaintenance.In(shanghai).Format(time.DateOnly); got != "2026-12-27" {
		t.Fatalf("next maintenance %s", got)
	}
	before := len(messagesTo(t, s, 555))
	clock.Set(at(2026, 12, 21, 8, 29))
	s.RunDue(clock.Now())
	if got := messagesTo(t, s, 555); len(got) != before {
		t.Fatalf("reminded early: %q", got[before:])
	}
	clock.Set(at(2026, 12, 21, 8, 30))
	s.RunDue(clock.Now())
	var rem []fo.Message
	for _, m := range pending(t, s) {
		if m.ChatID == 555 && strings.Contains(m.Text, "保养") {
			rem = append(rem, m)
		}
	}
	if len(rem) != 1 || !strings.Contains(rem[0].Text, "12月27日") || len(rem[0].Buttons) != 1 {
		t.Fatalf("reminder %+v", rem)
	}
	if id, ok := fo.ParseMaintButton(rem[0].Buttons[0][0].Data); !ok || id != veh.ID {
		t.Errorf("book button %q", rem[0].Buttons[0][0].Data)
	}
	// Re-saving the archive with the same date reminds no second time.
	a, _ := s.Archive(veh.ID)
	s.SaveArchive(fo.ArchiveEdit{VehicleID: veh.ID, Name: a.Customer.Name, MaintIntervalDays: 30, NextMaintenance: veh.NextMaintenance})
	clock.Set(at(2026, 12, 22, 9, 0))
	s.RunDue(clock.Now())
	n := 0
	for _, m := range pending(t, s) {
		if m.ChatID == 555 && strings.Contains(m.Text, "保养") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d reminders for one date", n)
	}
}

// Without a linked chat the reminder is a call on the reception's list of
// the day.
func TestMaintenanceReminderPhoneTask(t *testing.T) {
	s, clock := newTestStore(t)
	_, veh := deliveredWithInterval(t, s, 0, 10) // next: Mon 7 Dec, reminder Mon 30 Nov
	clock.Set(at(2026, 11, 30, 9, 0))
	s.RunDue(clock.Now())
	tasks, _, err := s.PhoneTasks("2026-11-30")
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, tk := range tasks {
		if tk.Kind == "maint.remind" && strings.Contains(tk.Text, "京B·11111") && strings.Contains(tk.Text, "12月7日") && tk.CustomerID == veh.CustomerID {
			found = true
		}
	}
	if !found {
		t.Fatalf("no maintenance call: %+v", tasks)
	}
}
