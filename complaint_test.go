package frontoffice

import (
	"strings"
	"testing"
	"time"
)

// CMP-2, CMP-3: on the clock (the default), a general complaint is due 24
// hours after filing, a major one 4; the warning comes at 75%.
func TestComplaintDeadlineCalendarCMP3(t *testing.T) {
	st := DefaultSettings()
	filed := at(2026, 11, 27, 20, 0) // Friday evening
	if got := st.ComplaintDeadline(filed, false); !got.Equal(at(2026, 11, 28, 20, 0)) {
		t.Errorf("general %v", got)
	}
	if got := st.ComplaintDeadline(filed, true); !got.Equal(at(2026, 11, 28, 0, 0)) {
		t.Errorf("major %v", got)
	}
	if got := st.ComplaintWarnAt(filed, false); !got.Equal(at(2026, 11, 28, 14, 0)) {
		t.Errorf("warn %v", got)
	}
	if got := st.ComplaintWarnAt(filed, true); !got.Equal(at(2026, 11, 27, 23, 0)) {
		t.Errorf("major warn %v", got)
	}
	// Settings change the figures (CMP-3 defaults are settings).
	st.AfterSales.ComplaintGeneralHours, st.AfterSales.ComplaintMajorHours = 48, 2
	if got := st.ComplaintDeadline(filed, false); !got.Equal(at(2026, 11, 29, 20, 0)) {
		t.Errorf("general 48 h %v", got)
	}
}

// CMP-3 with business hours: the clock runs only while the shop is open
// (Mon-Fri 08:30-18:00, Sat 09:00-17:00, Sunday and closed dates shut),
// across nights, weekends, holidays and a month end, in Asia/Shanghai.
func TestAddBusinessTimeCMP3(t *testing.T) {
	st := DefaultSettings()
	st.ClosedDates = []string{"2026-12-02"}
	h := time.Hour
	cases := []struct {
		name string
		from time.Time
		d    time.Duration
		want time.Time
	}{
		{"within the day", at(2026, 11, 27, 9, 0), 4 * h, at(2026, 11, 27, 13, 0)},
		{"to closing exactly", at(2026, 11, 27, 14, 0), 4 * h, at(2026, 11, 27, 18, 0)},
		{"over the night", at(2026, 11, 26, 16, 0), 4 * h, at(2026, 11, 27, 10, 30)},
		{"at night", at(2026, 11, 27, 2, 0), 4 * h, at(2026, 11, 27, 12, 30)},
		{"Friday evening to Saturday", at(2026, 11, 27, 20, 0), 4 * h, at(2026, 11, 28, 13, 0)},
		{"over Sunday", at(2026, 11, 28, 15, 0), 4 * h, at(2026, 11, 30, 10, 30)},
		{"Sunday", at(2026, 11, 29, 11, 0), 4 * h, at(2026, 11, 30, 12, 30)},
		{"24 h over a weekend, a month end and a holiday", at(2026, 11, 28, 16, 0), 24 * h, at(2026, 12, 3, 12, 30)},
		{"zero", at(2026, 11, 29, 11, 0), 0, at(2026, 11, 29, 11, 0)},
	}
	for _, c := range cases {
		if got := st.AddBusinessTime(c.from, c.d); !got.Equal(c.want) {
			t.Errorf("%s: %v + %v = %v, want %v", c.name, c.from, c.d, got.In(shanghai), c.want)
		}
	}
	st.AfterSales.ComplaintBusinessHours = true
	if got := st.ComplaintDeadline(at(2026, 11, 28, 16, 0), true); !got.Equal(at(2026, 11, 30, 11, 30)) {
		t.Errorf("major in business hours %v", got.In(shanghai))
	}
	if got := st.ComplaintDeadline(at(2026, 11, 28, 16, 0), true); got.Location() != time.UTC {
		t.Errorf("deadline stored in %v", got.Location())
	}
}

func TestTicketNo(t *testing.T) {
	if got := TicketNo(at(2026, 11, 27, 0, 0), 3); got != "TS-20261127-003" {
		t.Errorf("ticket %s", got)
	}
	for in, want := range map[string]string{
		"TS-20261127-003": "TS-20261127-003", " ts20261127-3 ": "TS-20261127-003", "20261127-12": "TS-20261127-012",
		"TS-20261327-003": "", "TS-20261127-000": "", "TS-20261127-x": "", "TS-2026112-003": "", "": "", "TS-20261127-12345": "",
	} {
		if got := NormalizeTicket(in); got != want {
			t.Errorf("NormalizeTicket(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestStaffComplaintText(t *testing.T) {
	st := DefaultSettings()
	c := Complaint{Ticket: "TS-20261127-001", Category: "safety", Channel: ChannelBot, Major: true, CustomerName: "王五",
		Plate: "京B11111", Text: "预警失灵", DueAt: at(2026, 11, 27, 14, 0), PhotoID: "AgAC"}
	s := StaffComplaintText(&st, c)
	for _, want := range []string{"重大", "TS-20261127-001", "安全问题", "Telegram", "王五 · 京B·11111", "预警失灵", "11月27日 周五 14:00", "照片"} {
		if !strings.Contains(s, want) {
			t.Errorf("staff text lacks %q:\n%s", want, s)
		}
	}
	if got := ComplaintTimeLeft(Complaint{Status: CmpOpen, DueAt: at(2026, 11, 27, 14, 0)}, at(2026, 11, 27, 13, 0)); got != time.Hour {
		t.Errorf("time left %v", got)
	}
}

// Callback data of complaint buttons (CMP-4): what ComplaintData writes
// parses back, nothing else does, never over 64 bytes.
func FuzzParseComplaintData(f *testing.F) {
	for _, s := range []string{"cmp:take:1", "cmp:ok:18446744073709551615", "cmp:no:01", "cmp:x:1", "cmp:ok:", "call:ok:1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		action, id, ok := ParseComplaintData(s)
		if !ok {
			return
		}
		if back := ComplaintData(action, id); back != s || len(back) > MaxCallbackData {
			t.Errorf("%q parsed as %s %d, written back %q", s, action, id, back)
		}
	})
}
