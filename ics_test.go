package frontoffice

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func icsFixture() (Settings, Appointment) {
	st := DefaultSettings()
	st.Shop.Address = "北京市朝阳区东三环北路 88 号,泰远汽车服务中心;一层"
	a := Appointment{ID: 42, Code: "K7M2QX", ServiceID: "collision", Plate: "京A12345",
		Start: at(2026, 12, 8, 9, 30), End: at(2026, 12, 8, 12, 30), Status: AptBooked, Deposit: 130000,
		CreatedAt: at(2026, 12, 6, 10, 0), UpdatedAt: at(2026, 12, 6, 10, 0)}
	return st, a
}

// unfold undoes RFC 5545 line folding and splits the content lines.
func unfold(t *testing.T, ics string) []string {
	t.Helper()
	if !strings.HasSuffix(ics, "\r\n") {
		t.Fatalf("calendar does not end in CRLF")
	}
	for _, l := range strings.Split(strings.TrimSuffix(ics, "\r\n"), "\r\n") {
		if len(l) > 75 {
			t.Errorf("line of %d octets: %q", len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("fold split a character: %q", l)
		}
	}
	if strings.Contains(strings.ReplaceAll(ics, "\r\n", ""), "\n") {
		t.Errorf("bare LF in %q", ics)
	}
	return strings.Split(strings.TrimSuffix(strings.ReplaceAll(ics, "\r\n ", ""), "\r\n"), "\r\n")
}

func prop(lines []string, name string) (string, bool) {
	for _, l := range lines {
		if v, ok := strings.CutPrefix(l, name+":"); ok {
			return v, true
		}
		if v, ok := strings.CutPrefix(l, name+";"); ok {
			return v, true
		}
	}
	return "", false
}

// The calendar file of a booking (APT-1): REQUEST, confirmed, stable UID,
// UTC times, the shop's address as LOCATION, escaped and folded.
func TestAppointmentICSAPT1(t *testing.T) {
	st, a := icsFixture()
	for _, lang := range []Lang{ZH, EN} {
		lines := unfold(t, string(AppointmentICS(&st, a, lang)))
		want := map[string]string{
			"METHOD": "REQUEST", "STATUS": "CONFIRMED", "SEQUENCE": "0",
			"UID":     "apt-42-K7M2QX@frontoffice",
			"DTSTART": "20261208T013000Z", "DTEND": "20261208T043000Z", "DTSTAMP": "20261206T020000Z",
			"LOCATION": `北京市朝阳区东三环北路 88 号\,泰远汽车服务中心\;一层`,
		}
		if lang == EN && st.Shop.AddressEn != "" {
			want["LOCATION"] = ICSEscape(st.Shop.AddressEn)
		}
		for k, v := range want {
			if got, _ := prop(lines, k); got != v {
				t.Errorf("%s: %s = %q, want %q", lang, k, got, v)
			}
		}
		if lines[0] != "BEGIN:VCALENDAR" || lines[len(lines)-1] != "END:VCALENDAR" {
			t.Errorf("%s: not a calendar: %q … %q", lang, lines[0], lines[len(lines)-1])
		}
		desc, _ := prop(lines, "DESCRIPTION")
		if !strings.Contains(desc, "K7M2QX") || !strings.Contains(desc, `\n`) || !strings.Contains(desc, `1\,300`) {
			t.Errorf("%s: description %q lacks the code, line breaks or the deposit (APT-2)", lang, desc)
		}
	}
}

// A move keeps the UID and raises SEQUENCE; a cancellation is METHOD:CANCEL
// with STATUS:CANCELLED (APT-4).
func TestAppointmentICSMoveCancelAPT4(t *testing.T) {
	st, a := icsFixture()
	first := unfold(t, string(AppointmentICS(&st, a, ZH)))
	a.Start, a.End, a.Sequence = a.Start.AddDate(0, 0, 1), a.End.AddDate(0, 0, 1), 1
	moved := unfold(t, string(AppointmentICS(&st, a, ZH)))
	u1, _ := prop(first, "UID")
	u2, _ := prop(moved, "UID")
	if u1 != u2 {
		t.Errorf("UID changed on a move: %q → %q", u1, u2)
	}
	if s, _ := prop(moved, "SEQUENCE"); s != "1" {
		t.Errorf("SEQUENCE after a move = %q", s)
	}
	a.Status, a.Sequence = AptCancelled, 2
	cx := unfold(t, string(AppointmentICS(&st, a, EN)))
	for k, v := range map[string]string{"METHOD": "CANCEL", "STATUS": "CANCELLED", "SEQUENCE": "2", "UID": u1} {
		if got, _ := prop(cx, k); got != v {
			t.Errorf("cancelled: %s = %q, want %q", k, got, v)
		}
	}
}

func TestICSEscapeAndFold(t *testing.T) {
	if got := ICSEscape("a,b;c\\d\ne\r"); got != `a\,b\;c\\d\ne` {
		t.Errorf("ICSEscape = %q", got)
	}
	var b strings.Builder
	long := "DESCRIPTION:" + strings.Repeat("预约", 40) // 3-octet characters
	writeICSLine(&b, long)
	out := b.String()
	for i, l := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
		if len(l) > 75 {
			t.Errorf("line %d has %d octets", i, len(l))
		}
		if i > 0 && !strings.HasPrefix(l, " ") {
			t.Errorf("continuation %d does not start with a space", i)
		}
		if !utf8.ValidString(l) {
			t.Errorf("line %d splits a character", i)
		}
	}
	if strings.ReplaceAll(strings.TrimSuffix(out, "\r\n"), "\r\n ", "") != long {
		t.Error("unfolding does not give the line back")
	}
	b.Reset()
	writeICSLine(&b, strings.Repeat("x", 75))
	if b.String() != strings.Repeat("x", 75)+"\r\n" {
		t.Error("a line of exactly 75 octets was folded")
	}
}

// A desk booking may fall inside the online lead time, and nothing else
// (APT-1).
func TestCheckSlotDeskAPT1(t *testing.T) {
	st := DefaultSettings()
	maint, _ := st.Service("maint")
	now := at(2026, 11, 27, 10, 0)
	key := func(err error) string {
		var e *Error
		if errors.As(err, &e) {
			return e.Key
		}
		return ""
	}
	if got := key(st.CheckSlotFor(now, at(2026, 11, 27, 10, 30), maint, false)); got != "err.slot.lead" {
		t.Errorf("online inside the lead time: %q", got)
	}
	for start, want := range map[int]string{10*60 + 30: "", 9 * 60: "err.slot.past", 10*60 + 45: "err.slot.grid", 17*60 + 30: "err.slot.hours"} {
		got := key(st.CheckSlotFor(now, at(2026, 11, 27, start/60, start%60), maint, true))
		if got != want {
			t.Errorf("desk at %02d:%02d: %q, want %q", start/60, start%60, got, want)
		}
	}
	if got := key(st.CheckSlotFor(now, at(2026, 11, 29, 10, 0), maint, true)); got != "err.slot.closed" {
		t.Errorf("desk on a Sunday: %q", got)
	}
}

// The book draws each appointment in one bay and counts free bays per
// segment (WS-1, APT-4).
func TestBookDayWS1(t *testing.T) {
	st := DefaultSettings()
	st.Bays = 2
	day := at(2026, 11, 30, 0, 0) // Monday
	apt := func(id uint64, h, m, mins int) Appointment {
		s := at(2026, 11, 30, h, m)
		return Appointment{ID: id, Start: s, End: s.Add(time.Duration(mins) * time.Minute), Status: AptBooked}
	}
	cx := apt(4, 9, 0, 60)
	cx.Status = AptCancelled
	segs, entries := st.BookDay(day, []Appointment{apt(1, 9, 0, 60), apt(2, 9, 30, 90), apt(3, 10, 0, 30), cx})
	if len(entries) != 3 {
		t.Fatalf("%d entries", len(entries))
	}
	bay := map[uint64]int{}
	for _, e := range entries {
		bay[e.ID] = e.Bay
	}
	if bay[1] != 0 || bay[2] != 1 || bay[3] != 0 {
		t.Errorf("bays %v", bay)
	}
	free := map[string]int{}
	for _, s := range segs {
		free[s.Start.In(shanghai).Format("15:04")] = s.Free
	}
	if free["09:00"] != 1 || free["09:30"] != 0 || free["10:00"] != 0 || free["10:30"] != 1 || free["11:00"] != 2 {
		t.Errorf("free %v", free)
	}
	if segs, _ := st.BookDay(at(2026, 11, 29, 0, 0), nil); segs != nil {
		t.Error("a Sunday has segments")
	}
}

// The desk is offered the free slots nearest the one it lost.
func TestNearestSlots(t *testing.T) {
	days := []DaySlots{{Slots: []time.Time{at(2026, 11, 30, 9, 0), at(2026, 11, 30, 11, 0), at(2026, 11, 30, 14, 0)}},
		{Slots: []time.Time{at(2026, 12, 1, 9, 0)}}}
	got := NearestSlots(days, at(2026, 11, 30, 10, 0), 2)
	if len(got) != 2 || !got[0].Equal(at(2026, 11, 30, 9, 0)) || !got[1].Equal(at(2026, 11, 30, 11, 0)) {
		t.Errorf("nearest %v", got)
	}
}
