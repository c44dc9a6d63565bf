package frontoffice

import (
	"crypto/rand"
	"io"
	"time"
)

// SlotLength is the booking grid: appointments start on the half hour and
// occupy whole 30-minute segments.
const SlotLength = 30 * time.Minute

// AppointmentStatus is where an appointment stands.
type AppointmentStatus string

// Appointment statuses.
const (
	AptBooked    AppointmentStatus = "booked"
	AptCancelled AppointmentStatus = "cancelled"
	AptCheckedIn AppointmentStatus = "checked_in"
	AptNoShow    AppointmentStatus = "no_show"
)

// Occupies reports whether an appointment in this status holds its bay.
func (s AppointmentStatus) Occupies() bool { return s == AptBooked || s == AptCheckedIn }

// Appointment is a booked workshop slot (APT-1 to APT-5). Every change to it
// is written in the appointment register (APT-3).
type Appointment struct {
	ID         uint64            `json:"id"`
	Code       string            `json:"code"` // 6 characters, see NewBookingCode
	CustomerID uint64            `json:"customer_id"`
	VehicleID  uint64            `json:"vehicle_id"`
	ServiceID  string            `json:"service_id"`
	Start      time.Time         `json:"start"`
	End        time.Time         `json:"end"`
	Status     AppointmentStatus `json:"status"`
	// Deposit is what the customer is asked to pay ahead because
	// high-value parts are prepared for them (APT-2); 0 when none.
	Deposit Money `json:"deposit,omitempty"`
	// Confirmed is when the customer confirmed the time (APT-1).
	Confirmed time.Time `json:"confirmed"`
	// RemindAt is when the reminder goes out; zero when none is due (APT-5).
	RemindAt time.Time `json:"remind_at,omitzero"`
	Source   string    `json:"source"` // bot, kiosk, console, demo
	Note     string    `json:"note,omitempty"`
	// Sequence counts the changes of the appointment's time or status
	// after booking: the calendar file's SEQUENCE (AppointmentICS).
	Sequence int `json:"seq,omitempty"`

	// Copies for display, so that lists need not read the archive.
	Plate        string `json:"plate"`
	CustomerName string `json:"customer_name"`
	Lang         Lang   `json:"lang"`
	ChatID       int64  `json:"chat_id,omitempty"`

	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// bookingAlphabet has no 0/O, 1/I/L: codes are read aloud and typed on a
// touch screen.
const bookingAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

// BookingCodeLen is the length of a booking code.
const BookingCodeLen = 6

// NewBookingCode returns a random 6-character booking code from an
// unambiguous alphabet (31^6 ≈ 887 million codes), reading randomness from r
// (crypto/rand.Reader when nil).
func NewBookingCode(r io.Reader) (string, error) {
	if r == nil {
		r = rand.Reader
	}
	var b [BookingCodeLen]byte
	out := make([]byte, BookingCodeLen)
	for i := 0; i < BookingCodeLen; {
		if _, err := io.ReadFull(r, b[:1]); err != nil {
			return "", err
		}
		// Reject the top of the byte range so every symbol is equally likely.
		if int(b[0]) >= 256/len(bookingAlphabet)*len(bookingAlphabet) {
			continue
		}
		out[i] = bookingAlphabet[int(b[0])%len(bookingAlphabet)]
		i++
	}
	return string(out), nil
}

// NormalizeBookingCode upper-cases a typed code and folds the look-alikes
// the alphabet leaves out (O→0 is not in the alphabet, so O and 0 are
// rejected). It returns "" when s cannot be a booking code.
func NormalizeBookingCode(s string) string {
	if len(s) > 32 {
		return ""
	}
	out := make([]byte, 0, BookingCodeLen)
	for _, r := range s {
		switch {
		case r == ' ' || r == '-':
			continue
		case r >= 'a' && r <= 'z':
			r -= 'a' - 'A'
		case r >= 'ａ' && r <= 'ｚ':
			r = r - 'ａ' + 'A'
		case r >= 'Ａ' && r <= 'Ｚ':
			r = r - 'Ａ' + 'A'
		case r >= '０' && r <= '９':
			r = r - '０' + '0'
		}
		if r > 127 || !containsByte(bookingAlphabet, byte(r)) {
			return ""
		}
		out = append(out, byte(r))
	}
	if len(out) != BookingCodeLen {
		return ""
	}
	return string(out)
}

func containsByte(s string, c byte) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return true
		}
	}
	return false
}

// Deposit returns the deposit asked for sv: for a service with high-value
// parts at least half their price (APT-2; DepositPercent, never below 50),
// rounded up to whole yuan; 0 otherwise.
func (s *Settings) Deposit(sv Service) Money {
	if !sv.HighValueParts || sv.PartsPrice <= 0 {
		return 0
	}
	pct := max(s.DepositPercent, 50)
	d := (int64(sv.PartsPrice)*int64(pct) + 99) / 100
	return Money((d + 99) / 100 * 100)
}

// Occupancy counts the appointments holding a bay in each 30-minute segment,
// keyed by the segment's start (Unix seconds).
type Occupancy map[int64]int

// Add counts an appointment occupying [start, end).
func (o Occupancy) Add(start, end time.Time) {
	for t := start; t.Before(end); t = t.Add(SlotLength) {
		o[t.Unix()]++
	}
}

// Fits reports whether an appointment of duration d starting at start finds
// a free bay in every segment it covers: each holds fewer than bays.
func (o Occupancy) Fits(start time.Time, d time.Duration, bays int) bool {
	for t := start; t.Before(start.Add(d)); t = t.Add(SlotLength) {
		if o[t.Unix()] >= bays {
			return false
		}
	}
	return true
}

// CheckSlot checks the rules of a slot that do not depend on other
// bookings: on the 30-minute grid, on an open day, inside opening hours
// (the service ends by closing time), not in the past, at least
// MinLeadMinutes ahead and at most MaxDaysAhead days ahead (APT-1). It
// returns an EINVALID *Error whose key says which rule failed, one of the
// ErrSlotRule family; beyond the horizon it carries the number of days
// that can be booked.
func (s *Settings) CheckSlot(now, start time.Time, sv Service) error {
	return s.CheckSlotFor(now, start, sv, false)
}

// CheckSlotFor is CheckSlot for a booking made online (desk false) or at
// the reception desk (desk true): the desk, booking a customer on the
// phone or at the counter, may book inside the online lead time
// (MinLeadMinutes) but never in the past, off the grid, on a closed day,
// outside opening hours or beyond the horizon (APT-1).
func (s *Settings) CheckSlotFor(now, start time.Time, sv Service, desk bool) error {
	loc := s.Location()
	local := start.In(loc)
	if start.Before(now) {
		return Errorf(EINVALID, "err.slot.past")
	}
	if local.Second() != 0 || local.Nanosecond() != 0 || local.Minute()%30 != 0 {
		return Errorf(EINVALID, "err.slot.grid")
	}
	if s.IsClosedDate(local) {
		return Errorf(EINVALID, "err.slot.closed")
	}
	h := s.Hours[local.Weekday()]
	if start.Before(h.Open.At(local, loc)) || start.Add(sv.Duration()).After(h.Close.At(local, loc)) {
		return Errorf(EINVALID, "err.slot.hours")
	}
	if !desk && start.Before(now.Add(time.Duration(s.MinLeadMinutes)*time.Minute)) {
		return Errorf(EINVALID, "err.slot.lead")
	}
	today := DayStart(now, loc)
	if !DayStart(local, loc).Before(today.AddDate(0, 0, s.MaxDaysAhead+1)) {
		return Errorf(EINVALID, "err.slot.horizon", s.MaxDaysAhead+1)
	}
	return nil
}

// BookableDays returns the starts (midnight, shop zone) of the days from
// today to MaxDaysAhead on which the shop is open.
func (s *Settings) BookableDays(now time.Time) []time.Time {
	loc := s.Location()
	today := DayStart(now, loc)
	var days []time.Time
	for i := 0; i <= s.MaxDaysAhead; i++ {
		d := today.AddDate(0, 0, i)
		if !s.IsClosedDate(d) {
			days = append(days, d)
		}
	}
	return days
}

// FreeSlots returns the starts of the slots on day (any instant of it) at
// which sv can be booked now: slots that pass CheckSlot and fit the
// occupancy. occ must hold every appointment of that day that occupies a bay.
func (s *Settings) FreeSlots(now, day time.Time, sv Service, occ Occupancy) []time.Time {
	return s.FreeSlotsFor(now, day, sv, occ, false)
}

// FreeSlotsFor is FreeSlots for an online (desk false) or a desk booking
// (desk true, CheckSlotFor).
func (s *Settings) FreeSlotsFor(now, day time.Time, sv Service, occ Occupancy, desk bool) []time.Time {
	loc := s.Location()
	day = DayStart(day, loc)
	if s.IsClosedDate(day) {
		return nil
	}
	h := s.Hours[day.Weekday()]
	var out []time.Time
	for t := h.Open.At(day, loc); !t.Add(sv.Duration()).After(h.Close.At(day, loc)); t = t.Add(SlotLength) {
		if s.CheckSlotFor(now, t, sv, desk) == nil && occ.Fits(t, sv.Duration(), s.Bays) {
			out = append(out, t)
		}
	}
	return out
}

// DayStart returns midnight of t's calendar day in loc.
func DayStart(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
}

// InQuietHours reports whether t falls in the quiet hours, in which no
// non-urgent message goes to customers.
func (s *Settings) InQuietHours(t time.Time) bool {
	local := t.In(s.Location())
	m := HM(local.Hour()*60 + local.Minute())
	if s.QuietStart == s.QuietEnd {
		return false
	}
	if s.QuietStart < s.QuietEnd {
		return m >= s.QuietStart && m < s.QuietEnd
	}
	return m >= s.QuietStart || m < s.QuietEnd
}

// Reminder window (APT-5): the customer is reminded half a day to one day
// before the appointment.
const (
	RemindEarliest = 24 * time.Hour // before the start
	RemindLatest   = 12 * time.Hour // before the start
	// RemindMinGap is how long after booking a reminder is worth sending:
	// one sooner would repeat the confirmation just read.
	RemindMinGap = 2 * time.Hour
)

// ReminderAt returns when to remind the customer of an appointment starting
// at start, booked (or moved) at now (APT-5): the first minute of the window
// from 24 to 12 hours before the start that is outside the quiet hours and
// at least RemindMinGap after now. ok is false when the window has no such
// minute — a booking made less than about 14 hours ahead needs no reminder
// beyond its confirmation.
func (s *Settings) ReminderAt(start, now time.Time) (at time.Time, ok bool) {
	from := start.Add(-RemindEarliest)
	if earliest := now.Add(RemindMinGap); from.Before(earliest) {
		from = earliest
	}
	to := start.Add(-RemindLatest)
	from = from.Truncate(time.Minute)
	if from.Before(start.Add(-RemindEarliest)) {
		from = from.Add(time.Minute)
	}
	if s.InQuietHours(from) {
		// Jump to the end of the quiet hours.
		loc := s.Location()
		end := s.QuietEnd.At(from, loc)
		if !end.After(from) {
			end = s.QuietEnd.At(from.In(loc).AddDate(0, 0, 1), loc)
		}
		from = end
	}
	if from.After(to) {
		return time.Time{}, false
	}
	return from, true
}

// BookRequest asks for an appointment.
type BookRequest struct {
	// Idem, when set, makes the request idempotent: a repeated request with
	// the same key returns the appointment the first one made.
	Idem      string
	ServiceID string
	Start     time.Time
	Customer  CustomerInput
	Plate     string // parsed with ParsePlate
	Source    string // bot, kiosk, console
	By        string // who, for the register: "customer:bot", "staff:li"
	// ReplyKey is the outbox key of the confirmation; "apt:<id>:booked"
	// when empty. The bot passes a key derived from the update it handles.
	ReplyKey string
	Note     string
	// Desk marks a booking made by staff at the reception desk (a phone or
	// counter customer): it may fall inside the online lead time and
	// nothing else (CheckSlotFor).
	Desk bool
}

// DaySlots are the free slots of one day.
type DaySlots struct {
	Day   time.Time // midnight in the shop's zone
	Slots []time.Time
}

// ChangeRequest moves or cancels an appointment.
type ChangeRequest struct {
	ID uint64
	// CustomerID, when set, must own the appointment: a customer can only
	// change their own. Staff leave it 0.
	CustomerID uint64
	Start      time.Time // the new start, for Reschedule
	Idem       string
	ReplyKey   string
	By         string
	Reason     string
	// Desk marks a move made by staff at the reception desk: the new time
	// may fall inside the online lead time (CheckSlotFor).
	Desk bool
}
