package frontoffice

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Times of day in the shop: opening hours, report times, quiet hours.

// HM is a time of day in minutes after midnight, written "HH:MM".
type HM int

func (h HM) String() string { return fmt.Sprintf("%02d:%02d", int(h)/60, int(h)%60) }

// MarshalJSON writes "HH:MM".
func (h HM) MarshalJSON() ([]byte, error) { return json.Marshal(h.String()) }

// UnmarshalJSON reads "HH:MM" (24:00 allowed for a closing time).
func (h *HM) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := ParseHM(s)
	if err != nil {
		return err
	}
	*h = v
	return nil
}

// ParseHM parses "H:MM" or "HH:MM" (00:00 to 24:00).
func ParseHM(s string) (HM, error) {
	hh, mm, ok := strings.Cut(strings.TrimSpace(s), ":")
	if !ok || len(mm) != 2 || len(hh) < 1 || len(hh) > 2 {
		return 0, fmt.Errorf("time of day %q is not HH:MM", s)
	}
	h, err1 := strconv.Atoi(hh)
	m, err2 := strconv.Atoi(mm)
	if err1 != nil || err2 != nil || h < 0 || m < 0 || m > 59 || h > 24 || (h == 24 && m != 0) {
		return 0, fmt.Errorf("time of day %q is not HH:MM", s)
	}
	return HM(h*60 + m), nil
}

// At returns the instant of time of day h on the calendar day of t in loc.
func (h HM) At(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, int(h), 0, 0, loc)
}
