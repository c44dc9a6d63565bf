package frontoffice

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestParsePlate(t *testing.T) {
	ok := map[string]string{
		"京A12345":    "京A12345",
		"京a12345":    "京A12345",
		"京A·12345":   "京A12345",
		" 沪 B-C8K21": "沪BC8K21",
		"粤B·D12345":  "粤BD12345", // new energy, small
		"粤BD12345":   "粤BD12345",
		"粤B12345F":   "粤B12345F", // new energy, large
		"京Ａ１２３４５":    "京A12345",  // full width
		"川A.8X8X8":   "川A8X8X8",
	}
	for in, want := range ok {
		got, err := ParsePlate(in)
		if err != nil || got != want {
			t.Errorf("ParsePlate(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	bad := []string{"", "京", "京A1234", "京A1234567", "XA12345", "京112345", "京I12345",
		"京A12O45", "粤BX12345", "粤B1234XD", "京A12345 ", "京A12😀45", "ABCDEFG", "京A12345\x00"}
	for _, in := range bad {
		if got, err := ParsePlate(in); err == nil && in != "京A12345 " {
			t.Errorf("ParsePlate(%q) = %q, want an error", in, got)
		} else if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Key != "err.plate" {
				t.Errorf("ParsePlate(%q) error %v is not err.plate", in, err)
			}
		}
	}
}

func TestMaskPlate(t *testing.T) {
	cases := map[string]string{"京A12345": "京A·***45", "粤BD12345": "粤B·****45", "x": "***"}
	for in, want := range cases {
		if got := MaskPlate(in); got != want {
			t.Errorf("MaskPlate(%q) = %q, want %q", in, got, want)
		}
	}
	if got := FormatPlate("粤BD12345"); got != "粤B·D12345" {
		t.Errorf("FormatPlate = %q", got)
	}
}

func TestParsePhone(t *testing.T) {
	ok := map[string]string{
		"13812345678":       "13812345678",
		"138 1234 5678":     "13812345678",
		"138-1234-5678":     "13812345678",
		"+86 138 1234 5678": "13812345678",
		"+8613812345678":    "13812345678",
		"8613812345678":     "13812345678",
		"008613812345678":   "13812345678",
		"１３８１２３４５６７８":       "13812345678",
	}
	for in, want := range ok {
		got, err := ParsePhone(in)
		if err != nil || got != want {
			t.Errorf("ParsePhone(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "1381234567", "138123456789", "23812345678", "12812345678", "010-88886666", "138a2345678", "1+3812345678", "+1 415 555 0100"} {
		if got, err := ParsePhone(in); err == nil {
			t.Errorf("ParsePhone(%q) = %q, want an error", in, got)
		}
	}
	if got := MaskPhone("13812341234"); got != "138****1234" {
		t.Errorf("MaskPhone = %q", got)
	}
}

func TestParseDate(t *testing.T) {
	loc, _ := time.LoadLocation("Asia/Shanghai")
	now := time.Date(2026, 11, 27, 23, 30, 0, 0, loc)
	ok := map[string]string{
		"2026-12-01": "2026-12-01", "2026/12/1": "2026-12-01", "12-01": "2026-12-01",
		"12月1日": "2026-12-01", "2027年2月28日": "2027-02-28", "today": "2026-11-27",
		"明天": "2026-11-28", "后天": "2026-11-29", "1-5": "2027-01-05", "11.27": "2026-11-27",
		"2028-02-29": "2028-02-29",
	}
	for in, want := range ok {
		got, err := ParseDate(in, now, loc)
		if err != nil || got.Format(time.DateOnly) != want || got.Location() != loc {
			t.Errorf("ParseDate(%q) = %v, %v; want %s", in, got, err, want)
		}
	}
	for _, in := range []string{"", "2026-13-01", "2026-02-30", "2027-02-29", "26-12-01", "x", "12", "1-2-3-4", "2026-1a-01", "-12-01"} {
		if got, err := ParseDate(in, now, loc); err == nil {
			t.Errorf("ParseDate(%q) = %v, want an error", in, got)
		}
	}
}

func FuzzParsePlate(f *testing.F) {
	for _, s := range []string{"京A12345", "粤B·D12345", "粤B12345F", "京Ａ１２３４５", "", "京", "😀"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePlate(s)
		if err != nil {
			return
		}
		// A valid plate is stable, 7 or 8 characters, and masks to its
		// region plus two visible characters.
		if again, err := ParsePlate(p); err != nil || again != p {
			t.Fatalf("ParsePlate(%q) = %q, but again = %q, %v", s, p, again, err)
		}
		if n := utf8.RuneCountInString(p); n != 7 && n != 8 {
			t.Fatalf("ParsePlate(%q) = %q has %d characters", s, p, n)
		}
		if again, err := ParsePlate(FormatPlate(p)); err != nil || again != p {
			t.Fatalf("FormatPlate(%q) does not parse back", p)
		}
	})
}

func FuzzParsePhone(f *testing.F) {
	for _, s := range []string{"13812345678", "+86 138 1234 5678", "008613812345678", "", "+", "１３８"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePhone(s)
		if err != nil {
			return
		}
		if len(p) != 11 || p[0] != '1' {
			t.Fatalf("ParsePhone(%q) = %q", s, p)
		}
		if again, err := ParsePhone(p); err != nil || again != p {
			t.Fatalf("ParsePhone(%q) not stable", p)
		}
		if m := MaskPhone(p); m[3:7] != "****" {
			t.Fatalf("MaskPhone(%q) = %q", p, m)
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-12-01", "12月1日", "明天", "1-5", "2026/2/29", ""} {
		f.Add(s)
	}
	loc, _ := time.LoadLocation("Asia/Shanghai")
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, loc)
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s, now, loc)
		if err != nil {
			return
		}
		if d.Hour() != 0 || d.Minute() != 0 || d.Location() != loc {
			t.Fatalf("ParseDate(%q) = %v is not a midnight in the shop's zone", s, d)
		}
		if again, err := ParseDate(d.Format(time.DateOnly), now, loc); err != nil || !again.Equal(d) {
			t.Fatalf("ParseDate(%q) = %v does not round-trip", s, d)
		}
	})
}

func TestParseMoney(t *testing.T) {
	ok := map[string]Money{"1280": 128000, "1,280.5": 128050, "¥99.90": 9990, "0": 0, "0.01": 1}
	for in, want := range ok {
		if got, err := ParseMoney(in); err != nil || got != want {
			t.Errorf("ParseMoney(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "-1", "1.234", "abc", ".5"} {
		if _, err := ParseMoney(in); err == nil {
			t.Errorf("ParseMoney(%q) accepted", in)
		}
	}
	if s := Money(128050).String(); s != "¥1,280.50" {
		t.Errorf("Money.String = %q", s)
	}
}

func TestParseLang(t *testing.T) {
	cases := map[string]Lang{"en": EN, "en-GB": EN, "EN_us": EN, "zh-hant-tw": ZH, "zh": ZH, "": ZH, "ru": ZH, "english": ZH}
	for in, want := range cases {
		if got := ParseLang(in); got != want {
			t.Errorf("ParseLang(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzNormalizeBookingCode(f *testing.F) {
	for _, s := range []string{"ABC234", " ab-c 234 ", "ＡＢＣ２３４", "O0I1L", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := NormalizeBookingCode(s)
		if c == "" {
			return
		}
		if len(c) != BookingCodeLen || NormalizeBookingCode(c) != c {
			t.Fatalf("NormalizeBookingCode(%q) = %q, not a stable code", s, c)
		}
		for i := 0; i < len(c); i++ {
			if !containsByte(bookingAlphabet, c[i]) {
				t.Fatalf("code %q has %q outside the alphabet", c, c[i])
			}
		}
	})
}

func FuzzParseMoney(f *testing.F) {
	for _, s := range []string{"1280", "1,280.50", "¥99.90", "￥0.01", "", "-1", "1e9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseMoney(s)
		if err != nil {
			return
		}
		if m < 0 {
			t.Fatalf("ParseMoney(%q) = %d, negative", s, m)
		}
		if again, err := ParseMoney(m.String()); err != nil || again != m {
			t.Fatalf("ParseMoney(%q) = %v does not round-trip through %q: %v, %v", s, m, m.String(), again, err)
		}
	})
}

func FuzzParseName(f *testing.F) {
	for _, s := range []string{"张三", "  Anna   Müller ", "<script>", "\x00", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseName(s)
		if err != nil {
			return
		}
		if again, err := ParseName(n); err != nil || again != n {
			t.Fatalf("ParseName(%q) = %q, not stable", s, n)
		}
		if strings.ContainsAny(n, "<>\x00") || utf8.RuneCountInString(n) > MaxNameLen {
			t.Fatalf("ParseName(%q) = %q", s, n)
		}
	})
}

func FuzzParseHM(f *testing.F) {
	for _, s := range []string{"08:30", "24:00", "9:05", "25:00", "", "12:5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		h, err := ParseHM(s)
		if err != nil {
			return
		}
		if h < 0 || h > 24*60 {
			t.Fatalf("ParseHM(%q) = %d", s, h)
		}
		if again, err := ParseHM(h.String()); err != nil || again != h {
			t.Fatalf("ParseHM(%q) = %v does not round-trip", s, h)
		}
	})
}
