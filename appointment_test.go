package frontoffice

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
)

var shanghai = mustZone("Asia/Shanghai")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

func at(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, shanghai)
}

func TestDefaultSettingsValid(t *testing.T) {
	st := DefaultSettings()
	if err := st.Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestValidateRejects(t *testing.T) {
	cases := map[string]func(*Settings){
		"no name":        func(s *Settings) { s.Shop.Name = " " },
		"bad zone":       func(s *Settings) { s.Shop.TimeZone = "Mars/Olympus" },
		"deposit < 50":   func(s *Settings) { s.DepositPercent = 40 }, // APT-2
		"no bays":        func(s *Settings) { s.Bays = 0 },
		"odd hours":      func(s *Settings) { s.Hours[1].Open = 8*60 + 15 },
		"closed always":  func(s *Settings) { s.Hours = [7]DayHours{} },
		"dup service":    func(s *Settings) { s.Services = append(s.Services, s.Services[0]) },
		"service 45 min": func(s *Settings) { s.Services[0].Minutes = 45 },
		"parts no price": func(s *Settings) { s.Services[0].HighValueParts = true },
		"bad role":       func(s *Settings) { s.Staff[0].Roles = []string{"boss"} },
		"bad date":       func(s *Settings) { s.ClosedDates = []string{"2026-13-01"} },
	}
	for name, mutate := range cases {
		st := DefaultSettings()
		mutate(&st)
		err := st.Validate()
		var e *Error
		if !errors.As(err, &e) || e.Code != EINVALID {
			t.Errorf("%s: Validate() = %v, want EINVALID", name, err)
		}
	}
}

// APT-2: a service with high-value parts asks at least half their price.
func TestDepositAPT2(t *testing.T) {
	st := DefaultSettings()
	sv, _ := st.Service("collision")
	if got := st.Deposit(sv); got != 130000 {
		t.Errorf("deposit = %v, want ¥1,300.00 (half of ¥2,600)", got)
	}
	sv.PartsPrice = 100001 // ¥1,000.01 → at least ¥500.005 → ¥501
	if got := st.Deposit(sv); got != 50100 || got*2 < sv.PartsPrice {
		t.Errorf("deposit = %v, want ¥501.00", got)
	}
	st.DepositPercent = 80
	if got := st.Deposit(sv); got != 80100 {
		t.Errorf("deposit at 80%% = %v", got)
	}
	plain, _ := st.Service("maint")
	if got := st.Deposit(plain); got != 0 {
		t.Errorf("deposit for a service without parts = %v", got)
	}
}

func TestCheckSlot(t *testing.T) {
	st := DefaultSettings()
	st.ClosedDates = []string{"2026-12-02"}
	maint, _ := st.Service("maint")         // 60 min
	collision, _ := st.Service("collision") // 180 min
	now := at(2026, 11, 27, 10, 0)          // a Friday
	cases := []struct {
		start time.Time
		sv    Service
		want  string
	}{
		{at(2026, 11, 27, 11, 0), maint, ""},
		{at(2026, 11, 27, 9, 0), maint, "err.slot.past"},
		{at(2026, 11, 27, 10, 30), maint, "err.slot.lead"},
		{at(2026, 11, 27, 11, 15), maint, "err.slot.grid"},
		{at(2026, 11, 29, 10, 0), maint, "err.slot.closed"}, // Sunday
		{at(2026, 12, 2, 10, 0), maint, "err.slot.closed"},  // closed date
		{at(2026, 11, 27, 8, 0).AddDate(0, 0, 3), maint, "err.slot.hours"},
		{at(2026, 11, 30, 17, 0), maint, ""},                   // ends at closing
		{at(2026, 11, 30, 17, 30), maint, "err.slot.hours"},    // would end after closing
		{at(2026, 11, 28, 15, 0), collision, "err.slot.hours"}, // Saturday closes 17:00
		{at(2026, 12, 11, 10, 0), maint, ""},                   // day 14
		{at(2026, 12, 12, 10, 0), maint, "err.slot.horizon"},   // day 15
	}
	for _, c := range cases {
		err := st.CheckSlot(now, c.start, c.sv)
		var e *Error
		got := ""
		if errors.As(err, &e) {
			got = e.Key
		}
		if got != c.want {
			t.Errorf("CheckSlot(%s, %s) = %v, want %q", c.start.Format("Mon 01-02 15:04"), c.sv.ID, err, c.want)
		}
	}
}

// A slot is free when every segment of the service has fewer bookings than
// bays (WS-1).
func TestFreeSlotsOccupancy(t *testing.T) {
	st := DefaultSettings()
	st.Bays = 2
	maint, _ := st.Service("maint")
	now := at(2026, 11, 27, 7, 0)
	day := at(2026, 11, 30, 0, 0) // Monday 08:30-18:00
	occ := Occupancy{}
	free := st.FreeSlots(now, day, maint, occ)
	if len(free) != 18 || !free[0].Equal(at(2026, 11, 30, 8, 30)) || !free[17].Equal(at(2026, 11, 30, 17, 0)) {
		t.Fatalf("empty day: %d slots from %v to %v", len(free), free[0], free[len(free)-1])
	}
	// Two bookings at 10:00-11:00 fill both bays: 09:30 (overlaps 10:00),
	// 10:00 and 10:30 are gone; 09:00 and 11:00 stay.
	occ.Add(at(2026, 11, 30, 10, 0), at(2026, 11, 30, 11, 0))
	occ.Add(at(2026, 11, 30, 10, 0), at(2026, 11, 30, 11, 0))
	free = st.FreeSlots(now, day, maint, occ)
	has := func(h, m int) bool {
		for _, f := range free {
			if f.Equal(at(2026, 11, 30, h, m)) {
				return true
			}
		}
		return false
	}
	for _, c := range []struct {
		h, m int
		want bool
	}{{9, 0, true}, {9, 30, false}, {10, 0, false}, {10, 30, false}, {11, 0, true}} {
		if has(c.h, c.m) != c.want {
			t.Errorf("%02d:%02d free = %v, want %v", c.h, c.m, !c.want, c.want)
		}
	}
	if got := st.FreeSlots(now, at(2026, 11, 29, 0, 0), maint, occ); got != nil {
		t.Errorf("Sunday has slots %v", got)
	}
}

// APT-5: reminded 12 to 24 hours ahead, never in the quiet hours.
func TestReminderAtAPT5(t *testing.T) {
	st := DefaultSettings() // quiet 21:00-08:00
	cases := []struct {
		name       string
		start, now time.Time
		want       time.Time // zero: none
	}{
		{"day ahead", at(2026, 12, 1, 10, 0), at(2026, 11, 27, 9, 0), at(2026, 11, 30, 10, 0)},
		{"early start, 24h back is quiet", at(2026, 12, 1, 7, 0), at(2026, 11, 27, 9, 0), at(2026, 11, 30, 8, 0)},
		{"booked 20h ahead", at(2026, 12, 1, 15, 0), at(2026, 11, 30, 19, 0), at(2026, 11, 30, 21, 0).Add(11 * time.Hour)}, // 08:00, 7h before: outside → none?
		{"booked 13h ahead in the evening", at(2026, 12, 1, 9, 0), at(2026, 11, 30, 20, 0), time.Time{}},
		{"booked 30h ahead at night", at(2026, 12, 2, 8, 30), at(2026, 12, 1, 2, 30), at(2026, 12, 1, 8, 30)},
	}
	cases[2].want = time.Time{} // 19:00+2h = 21:00 quiet → 08:00 is 7h before: past the window
	for _, c := range cases {
		got, ok := st.ReminderAt(c.start.UTC(), c.now.UTC())
		if c.want.IsZero() {
			if ok {
				t.Errorf("%s: reminder at %v, want none", c.name, got.In(shanghai))
			}
			continue
		}
		if !ok || !got.Equal(c.want) {
			t.Errorf("%s: reminder at %v (%v), want %v", c.name, got.In(shanghai), ok, c.want)
			continue
		}
		if st.InQuietHours(got) {
			t.Errorf("%s: reminder in quiet hours", c.name)
		}
		if lead := c.start.Sub(got); lead < 12*time.Hour || lead > 24*time.Hour {
			t.Errorf("%s: reminder %v before the start", c.name, lead)
		}
	}
}

// APT-5 over every half hour of a fortnight: a reminder, when there is one,
// always falls 12-24 h before, outside quiet hours, 2 h or more after
// booking; and there is always one when booked two days ahead.
func TestReminderAtInvariantAPT5(t *testing.T) {
	st := DefaultSettings()
	now := at(2026, 11, 27, 0, 0)
	for i := 0; i < 14*48; i++ {
		booked := now.Add(time.Duration(i) * 30 * time.Minute)
		for _, ahead := range []time.Duration{3 * time.Hour, 13 * time.Hour, 20 * time.Hour, 47 * time.Hour, 72 * time.Hour} {
			start := booked.Add(ahead)
			got, ok := st.ReminderAt(start, booked)
			if !ok {
				if ahead >= 47*time.Hour {
					t.Fatalf("no reminder for %v booked %v ahead", start, ahead)
				}
				continue
			}
			if st.InQuietHours(got) || start.Sub(got) < RemindLatest || start.Sub(got) > RemindEarliest || got.Sub(booked) < RemindMinGap {
				t.Fatalf("start %v booked %v: bad reminder %v", start, booked, got)
			}
		}
	}
}

func TestBookingCode(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 2000; i++ {
		c, err := NewBookingCode(nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(c) != BookingCodeLen || strings.ContainsAny(c, "01OIL") || NormalizeBookingCode(strings.ToLower(c)) != c {
			t.Fatalf("bad code %q", c)
		}
		seen[c] = true
	}
	if len(seen) < 1990 {
		t.Errorf("only %d distinct codes in 2000", len(seen))
	}
	// A reader that runs dry is an error, not a short code.
	if _, err := NewBookingCode(bytes.NewReader([]byte{1, 2})); err == nil {
		t.Error("short randomness accepted")
	}
	for _, bad := range []string{"", "ABC", "ABCDE0", "ABCDEFG", "ABCDEO", "ＡＢＣ"} {
		if NormalizeBookingCode(bad) != "" {
			t.Errorf("NormalizeBookingCode(%q) accepted", bad)
		}
	}
	if got := NormalizeBookingCode(" ab-c 234 "); got != "ABC234" {
		t.Errorf("NormalizeBookingCode = %q", got)
	}
}

func TestQuietHoursWrap(t *testing.T) {
	st := DefaultSettings()
	for h, want := range map[int]bool{20: false, 21: true, 23: true, 0: true, 7: true, 8: false, 12: false} {
		if got := st.InQuietHours(at(2026, 11, 27, h, 0)); got != want {
			t.Errorf("%02d:00 quiet = %v", h, got)
		}
	}
	st.QuietStart, st.QuietEnd = 13*60, 14*60
	if !st.InQuietHours(at(2026, 11, 27, 13, 30)) || st.InQuietHours(at(2026, 11, 27, 14, 0)) {
		t.Error("daytime quiet hours wrong")
	}
}

func TestTextsComplete(t *testing.T) {
	for k, v := range Texts {
		if v.Zh == "" || v.En == "" {
			t.Errorf("text %q lacks a language", k)
		}
		if strings.Count(v.Zh, "%") != strings.Count(v.En, "%") {
			t.Errorf("text %q: zh and en take different arguments", k)
		}
	}
}

func TestConfirmationTextREC1(t *testing.T) {
	st := DefaultSettings()
	a := Appointment{Code: "ABC234", ServiceID: "collision", Start: at(2026, 12, 1, 10, 0), End: at(2026, 12, 1, 13, 0), Plate: "京A12345", Deposit: 130000}
	zh := ConfirmationText(&st, a, ZH)
	for _, want := range []string{"您好，" + st.Shop.Name, "ABC234", "12月1日", "10:00", "京A·12345", st.Shop.Address, "¥1,300.00", "谢谢，再见"} {
		if !strings.Contains(zh, want) {
			t.Errorf("zh confirmation lacks %q:\n%s", want, zh)
		}
	}
	en := ConfirmationText(&st, a, EN)
	for _, want := range []string{"Hello, " + st.Shop.NameEn, "ABC234", "Tue 1 Dec 10:00", st.Shop.AddressEn, "deposit", "goodbye"} {
		if !strings.Contains(en, want) {
			t.Errorf("en confirmation lacks %q:\n%s", want, en)
		}
	}
}
