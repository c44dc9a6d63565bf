package frontoffice

import (
	"testing"
	"time"
)

// The booking's messages (APT-1, APT-2, APT-4): the customer's
// confirmation with its buttons and slip, keyed "apt:<id>:booked" unless
// the bot gives its reply key, and one notice per staff chat.
func TestBookingMessagesAPT1(t *testing.T) {
	st := DefaultSettings()
	st.StaffChats = []int64{-100, -200}
	sv := st.Services[0]
	start := at(2026, 11, 30, 10, 0)
	a := Appointment{ID: 7, Code: "K7Q2", ServiceID: sv.ID, Start: start, End: start.Add(sv.Duration()), ChatID: 55, Lang: EN, Plate: "京A12345"}
	msgs := BookingMessages(&st, a, "")
	if len(msgs) != 4 {
		t.Fatalf("%d messages", len(msgs))
	}
	// The calendar file follows for a linked customer (APT-1).
	if ics := msgs[3]; ics.Key != "apt:7:booked:ics" || ics.ChatID != 55 || ics.Document == nil ||
		ics.Document.Kind != DocICS || ics.Document.Name != "appointment-K7Q2.ics" {
		t.Errorf("calendar file %+v", ics)
	}
	c := msgs[0]
	if c.Key != "apt:7:booked" || c.ChatID != 55 || c.Text != ConfirmationText(&st, a, EN) || c.Lang != EN {
		t.Errorf("confirmation %+v", c)
	}
	if c.Document == nil || c.Document.Kind != DocSlip || c.Document.Ref != 7 || c.Document.Name != "appointment-K7Q2.pdf" {
		t.Errorf("slip %+v", c.Document)
	}
	if len(c.Buttons) != 1 || c.Buttons[0][0].Data != "apt:mv:7" || c.Buttons[0][1].Data != "apt:cx:7" {
		t.Errorf("buttons %+v", c.Buttons)
	}
	if msgs[1].Key != "apt:7:booked:staff:-100" || msgs[2].Key != "apt:7:booked:staff:-200" || msgs[1].Lang != ZH {
		t.Errorf("staff %+v %+v", msgs[1], msgs[2])
	}
	if got := BookingMessages(&st, a, "tg:9:r0")[0].Key; got != "tg:9:r0" {
		t.Errorf("reply key %q", got)
	}
	a.ChatID = 0
	if b := BookingMessages(&st, a, "")[0].Buttons; b != nil {
		t.Errorf("buttons without a chat: %+v", b)
	}
}

// Outbox keys name what they are about, so that a repeated event adds
// nothing and a new one (a moved reminder, APT-5) is a new message.
func TestOutboxKeys(t *testing.T) {
	st := DefaultSettings()
	st.StaffChats = []int64{-100}
	start := at(2026, 11, 30, 10, 0)
	a := Appointment{ID: 3, ServiceID: st.Services[0].ID, Start: start, ChatID: 5, Lang: ZH}
	if k := ReminderKey(a); k != "remind:apt:3:"+unixKey(start) {
		t.Errorf("reminder key %q", k)
	}
	old := a
	old.Start = start.Add(-24 * time.Hour)
	if k := MoveMessages(&st, a, old, "")[1].Key; k != "apt:3:moved:"+unixKey(start)+":staff:-100" {
		t.Errorf("move key %q", k)
	}
	if k := CancelMessages(&st, a, "")[0].Key; k != "apt:3:cancelled" {
		t.Errorf("cancel key %q", k)
	}
	v := Visit{ID: 4, CustomerID: 1, Day: "2026-11-30", QueueNo: "A001", Settlement: &Settlement{}}
	if m := DeliveredMessages(&st, v, 5); len(m) != 1 || m[0].Key != "visit:4:delivered" || m[0].Document.Kind != DocCard ||
		m[0].Document.Name != "service-card-20261130-A001.pdf" {
		t.Errorf("delivered %+v", m)
	}
	if m := DeliveredMessages(&st, v, 0); m != nil {
		t.Errorf("delivered without a chat %+v", m)
	}
}
