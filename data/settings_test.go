package data

import (
	"strconv"
	"strings"
	"testing"
)

// APT-5 with live settings (issue 9): saving new quiet hours or a new zone
// times the reminders not yet due anew, in the same transaction, and the
// due job sends them at the new time; a reminder already due is left
// alone; SettingsChanged's watchers wake after the commit.
func TestSaveSettingsRetimesRemindersAPT5(t *testing.T) {
	s, clock := newTestStore(t) // Friday 27 November, 09:00 Shanghai
	a, err := s.Book(bookReq("13812345678", "京A12345", at(2026, 11, 30, 10, 0)))
	if err != nil {
		t.Fatal(err)
	}
	if want := at(2026, 11, 29, 10, 0); !a.RemindAt.Equal(want) {
		t.Fatalf("reminder at %v, want %v", a.RemindAt, want)
	}
	// Due by now, so left alone: a reminder (Thursday 11:00) for a
	// booking made on Thursday for Friday 11:00.
	clock.Set(at(2026, 11, 26, 8, 0))
	early, err := s.Book(bookReq("13812345679", "京A12346", at(2026, 11, 27, 11, 0)))
	if err != nil {
		t.Fatal(err)
	}
	clock.Set(at(2026, 11, 27, 9, 0))

	changed := s.SettingsChanged()
	st, _ := s.Settings()
	st.QuietStart, st.QuietEnd = 9*60, 11*60 // Sunday 10:00 is now quiet
	if err := s.SaveSettings(st); err != nil {
		t.Fatal(err)
	}
	select {
	case <-changed:
	default:
		t.Fatal("SettingsChanged did not wake")
	}
	got, _ := s.Appointment(a.ID)
	if want := at(2026, 11, 29, 11, 0); !got.RemindAt.Equal(want) {
		t.Errorf("reminder after new quiet hours at %v, want %v", got.RemindAt, want)
	}
	if e, _ := s.Appointment(early.ID); !e.RemindAt.Equal(early.RemindAt) {
		t.Errorf("a reminder already due moved: %v → %v", early.RemindAt, e.RemindAt)
	}
	reminders := func() int {
		n := 0
		for _, m := range pending(t, s) {
			if strings.HasPrefix(m.Key, "remind:") && strings.Contains(m.Key, ":"+strconv.FormatUint(a.ID, 10)+":") {
				n++
			}
		}
		return n
	}
	if _, err := s.RunDue(at(2026, 11, 29, 10, 0)); err != nil {
		t.Fatal(err)
	}
	if reminders() != 0 {
		t.Fatal("reminded at the old time, inside the new quiet hours")
	}

	// A new zone: Tokyo's 09:00-11:00 is 08:00-10:00 in Shanghai, so
	// 10:00 Shanghai (the 24 hours before) is no longer quiet.
	st.Shop.TimeZone = "Asia/Tokyo"
	if err := s.SaveSettings(st); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Appointment(a.ID)
	if want := at(2026, 11, 29, 10, 0); !got.RemindAt.Equal(want) {
		t.Errorf("reminder after the zone change at %v, want %v", got.RemindAt, want)
	}
	if _, err := s.RunDue(at(2026, 11, 29, 10, 0)); err != nil {
		t.Fatal(err)
	}
	if reminders() != 1 {
		t.Fatal("not reminded at the time of the new zone")
	}

	// Invalid settings change nothing and wake nobody.
	changed = s.SettingsChanged()
	st.Shop.TimeZone = "Mars/Base"
	if err := s.SaveSettings(st); err == nil {
		t.Fatal("invalid zone stored")
	}
	select {
	case <-changed:
		t.Error("SettingsChanged woke for settings that were refused")
	default:
	}
}
