package data

import (
	"errors"
	"testing"

	fo "frontoffice"
)

// The kiosk's plate + last-4-digits lookup finds the vehicle's booked
// appointment nearest to now, and answers every miss the same way.
func TestAppointmentForCheckIn(t *testing.T) {
	s, clock := newTestStore(t)
	// Booked on Wednesday for Thursday 10:00 (missed: still booked), then
	// today 11:00 and Monday 09:00 for the same vehicle.
	clock.Set(at(2026, 11, 25, 9, 0))
	past, err := s.Book(bookReq("13812345678", "京A12345", at(2026, 11, 26, 10, 0)))
	if err != nil {
		t.Fatal(err)
	}
	clock.Set(at(2026, 11, 27, 9, 0))
	today, err := s.Book(bookReq("13812345678", "京A12345", at(2026, 11, 27, 11, 0)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Book(bookReq("13812345678", "京A12345", at(2026, 11, 30, 9, 0))); err != nil {
		t.Fatal(err)
	}
	// Another vehicle of the same customer, and another customer.
	if _, err := s.Book(bookReq("13812345678", "京B99999", at(2026, 11, 27, 10, 30))); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Book(bookReq("13900001111", "京C11111", at(2026, 11, 27, 10, 30))); err != nil {
		t.Fatal(err)
	}

	got, err := s.AppointmentForCheckIn("京A12345", "5678")
	if err != nil || got.ID != today.ID {
		t.Fatalf("nearest: got %d %v, want %d", got.ID, err, today.ID)
	}
	// Once today's is checked in, the nearest booked one is yesterday's
	// missed one (one day away) rather than Monday's.
	clock.Set(at(2026, 11, 27, 10, 30))
	if _, err := s.CheckIn(fo.CheckInRequest{AppointmentID: today.ID, Source: "kiosk"}); err != nil {
		t.Fatal(err)
	}
	got, err = s.AppointmentForCheckIn("京A12345", "5678")
	if err != nil || got.ID != past.ID {
		t.Fatalf("after check-in: got %d %v, want %d", got.ID, err, past.ID)
	}

	// Misses all look alike: wrong digits, unknown plate, another
	// customer's digits, malformed digits, no booked appointment.
	for _, c := range []struct{ plate, last4 string }{
		{"京A12345", "5679"},
		{"京A00000", "5678"},
		{"京A12345", "1111"},
		{"京A12345", "678"},
		{"京A12345", "56789"},
		{"京A12345", "56a8"},
		{"", "5678"},
	} {
		if _, err := s.AppointmentForCheckIn(c.plate, c.last4); !errors.Is(err, fo.ErrNotFound) {
			t.Errorf("%q %q: %v, want not found", c.plate, c.last4, err)
		}
	}
	if _, err := s.Cancel(fo.ChangeRequest{ID: got.ID, By: "test"}); err != nil {
		t.Fatal(err)
	}
	got, err = s.AppointmentForCheckIn("京A12345", "5678")
	if err != nil || got.Start != at(2026, 11, 30, 9, 0).UTC() {
		t.Fatalf("after cancelling: %+v %v", got, err)
	}
}
