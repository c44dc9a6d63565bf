package frontoffice

import (
	"slices"
	"time"
)

// The appointment book (APT-1, APT-4, WS-1): a day of the workshop's bays
// segment by segment, as the reception desk plans it.

// BookSegment is one 30-minute segment of a day in the appointment book:
// how many bays are held and free, and which appointment holds each bay
// (0 for a free bay).
type BookSegment struct {
	Start time.Time
	Held  int
	Free  int
	Bays  []uint64 // appointment id per bay, 0 when free
}

// BookEntry is an appointment placed in the book: the bay it is drawn in.
type BookEntry struct {
	Appointment
	Bay int // 0-based
}

// BookDay lays the appointments holding a bay out over the open hours of
// day (any instant of it; shop zone): each appointment gets a bay for all
// its segments (the earliest free, in start order — interval partitioning,
// so no more bays are used than the busiest segment holds), and each
// segment says how many bays are held and free (WS-1). apts may hold
// appointments of other days and ones that hold no bay; they are left
// out. A closed day has no segments. Appointments beyond the bays (data
// written before a bay was removed) are drawn in extra bays and the
// segment's Free is then 0.
func (s *Settings) BookDay(day time.Time, apts []Appointment) ([]BookSegment, []BookEntry) {
	loc := s.Location()
	day = DayStart(day, loc)
	if s.IsClosedDate(day) {
		return nil, nil
	}
	h := s.Hours[day.Weekday()]
	open, close := h.Open.At(day, loc), h.Close.At(day, loc)
	if !open.Before(close) {
		return nil, nil
	}
	var in []Appointment
	for _, a := range apts {
		if a.Status.Occupies() && a.End.After(open) && a.Start.Before(close) {
			in = append(in, a)
		}
	}
	slices.SortFunc(in, func(a, b Appointment) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		return int(a.ID) - int(b.ID)
	})
	var bayFree []time.Time // per bay: when it is free again
	entries := make([]BookEntry, 0, len(in))
	for _, a := range in {
		bay := -1
		for i, f := range bayFree {
			if !f.After(a.Start) {
				bay = i
				break
			}
		}
		if bay < 0 {
			bay = len(bayFree)
			bayFree = append(bayFree, time.Time{})
		}
		bayFree[bay] = a.End
		entries = append(entries, BookEntry{Appointment: a, Bay: bay})
	}
	n := max(s.Bays, len(bayFree))
	var segs []BookSegment
	for t := open; t.Before(close); t = t.Add(SlotLength) {
		seg := BookSegment{Start: t, Bays: make([]uint64, n)}
		for _, e := range entries {
			if !e.Start.After(t) && e.End.After(t) {
				seg.Bays[e.Bay] = e.ID
				seg.Held++
			}
		}
		seg.Free = max(0, s.Bays-seg.Held)
		segs = append(segs, seg)
	}
	return segs, entries
}

// NearestSlots returns up to n of the free slots in days closest in time
// to want, in time order: what the desk is offered when the slot it chose
// was taken between viewing and saving.
func NearestSlots(days []DaySlots, want time.Time, n int) []time.Time {
	var all []time.Time
	for _, d := range days {
		all = append(all, d.Slots...)
	}
	dist := func(t time.Time) time.Duration {
		if d := t.Sub(want); d >= 0 {
			return d
		}
		return want.Sub(t)
	}
	slices.SortStableFunc(all, func(a, b time.Time) int {
		if c := dist(a) - dist(b); c != 0 {
			if c < 0 {
				return -1
			}
			return 1
		}
		return a.Compare(b)
	})
	all = all[:min(n, len(all))]
	slices.SortFunc(all, func(a, b time.Time) int { return a.Compare(b) })
	return all
}

// CustomerMatch is a customer the desk found by name, phone or plate, with
// their vehicles.
type CustomerMatch struct {
	Customer Customer
	Vehicles []Vehicle
}
