package frontoffice

import (
	"slices"
	"time"
)

// Workshop capacity as it really is (WS-1, docs/rules.md): every car the
// shop has taken on holds a bay, not only the booked ones. The manual
// arranges the workshop's day from the work orders (安装车间管理制度 一
// 「以生产作业的安装服务单为依据」) and the desk tells the workshop of each
// booking so that a bay is kept free (16 「以利到时留出工位」); a bay that a
// walk-in or an overrunning job holds is not free, whatever the book says.
//
// Settings.Occupancy counts, segment by segment (SlotLength):
//
//  1. every appointment that holds a bay (AppointmentStatus.Occupies), over
//     its booked segments — unless a taken-on visit of it stands for it;
//  2. every car in the workshop (VisitWorkshop), from now for the rest of
//     its estimate (WorkOrder.EstimatedMinutes plus approved additional
//     work) counted in opening hours only: a job whose estimate runs past
//     closing continues at the next open day's opening (multi-day jobs).
//     A job at or past its estimate and not yet marked ready holds its bay
//     for the rest of the current half hour and the next one (OverrunHold),
//     every time capacity is counted, until it is marked ready;
//  3. every car checked in for an appointment and not yet in the workshop,
//     for its service's duration from its booked start (from now once that
//     has passed);
//  4. every walk-in of today waiting or called, for its service's duration
//     (WalkInMinutes when it has none yet), in check-in order, at the
//     earliest start from now at which a bay is free for all of it before
//     today's closing. A walk-in never pushes a booked customer out: when no
//     such start is left it is counted from now anyway — the shop took the
//     car on — and the segments it overfills are the conflict the desk sees
//     coming (Occupancy.Over).
//
// Ready, delivered and left visits hold nothing. Waiting walk-ins of
// earlier days are stale records, not cars in the yard, and hold nothing.

// WalkInMinutes is how long a taken-on car whose service is not known yet
// is counted to hold a bay (WS-1).
const WalkInMinutes = 60

// OverrunHold is how long beyond the current half hour a job past its
// estimate is counted to hold its bay (WS-1).
const OverrunHold = SlotLength

// maxLayDays bounds the days work is laid over (an estimate is at most 60
// days of clock time, WorkOrder.Validate).
const maxLayDays = 400

// Over returns the starts of the segments in which more cars are counted
// than there are bays, in time order: where the walk-ins and jobs taken on
// plus the bookings exceed the workshop (WS-1).
func (o Occupancy) Over(bays int) []time.Time {
	var out []time.Time
	for k, n := range o {
		if n > bays {
			out = append(out, time.Unix(k, 0))
		}
	}
	slices.SortFunc(out, func(a, b time.Time) int { return a.Compare(b) })
	return out
}

// At returns how many cars hold a bay in the segment starting at t.
func (o Occupancy) At(t time.Time) int { return o[t.Unix()] }

// segStart returns the start of the segment holding t.
func segStart(t time.Time) time.Time {
	return time.Unix(t.Unix()-(t.Unix()%int64(SlotLength/time.Second)), 0)
}

// openSpan returns the opening hours [open, close) of t's day, and ok false
// when the day is closed.
func (s *Settings) openSpan(t time.Time) (open, close time.Time, ok bool) {
	if s.IsClosedDate(t) {
		return time.Time{}, time.Time{}, false
	}
	loc := s.Location()
	h := s.Hours[t.In(loc).Weekday()]
	return h.Open.At(t, loc), h.Close.At(t, loc), true
}

// layWork calls mark with the start of every segment that work done from
// from on, in opening hours only, touches: the work continues at the next
// open day's opening when it runs past closing (WS-1). It returns when the
// work ends.
func (s *Settings) layWork(from time.Time, work time.Duration, mark func(seg time.Time) bool) time.Time {
	loc := s.Location()
	c := from
	for day := 0; work > 0 && day < maxLayDays; day++ {
		open, close, ok := s.openSpan(c)
		if ok && c.Before(close) {
			if c.Before(open) {
				c = open
			}
			for work > 0 && c.Before(close) {
				seg := segStart(c)
				end := seg.Add(SlotLength)
				if close.Before(end) {
					end = close
				}
				if !mark(seg) {
					return c
				}
				used := min(end.Sub(c), work)
				work -= used
				c = c.Add(used)
			}
			if work <= 0 {
				return c
			}
		}
		c = DayStart(c, loc).AddDate(0, 0, 1)
	}
	return c
}

// WorkTime returns the opening-hours time in [from, to): how long a job
// handed over at from has been worked on at to (WS-1).
func (s *Settings) WorkTime(from, to time.Time) time.Duration {
	loc := s.Location()
	var d time.Duration
	c := from
	for day := 0; c.Before(to) && day < maxLayDays; day++ {
		if open, close, ok := s.openSpan(c); ok {
			lo, hi := c, to
			if open.After(lo) {
				lo = open
			}
			if close.Before(hi) {
				hi = close
			}
			if lo.Before(hi) {
				d += hi.Sub(lo)
			}
		}
		c = DayStart(c, loc).AddDate(0, 0, 1)
	}
	return d
}

// JobClock is a workshop job's estimate against its time so far (WS-1,
// INT-7): what the dispatch board shows.
type JobClock struct {
	// Estimate is the estimated work: the work order's estimate plus the
	// approved additional work (INT-6).
	Estimate time.Duration
	// Elapsed is the work time since the handover, in opening hours.
	Elapsed time.Duration
	// DueAt is when the estimate runs out, counted in opening hours from
	// the handover.
	DueAt time.Time
	// Overrun is set when the job is past its estimate and not ready.
	Overrun bool
}

// Estimate returns the work a visit is counted to need (WS-1): the work
// order's estimate plus approved additional work once it has one, else
// its service's duration, else WalkInMinutes.
func (s *Settings) Estimate(v *Visit) time.Duration {
	if v.WorkOrder != nil && v.WorkOrder.EstimatedMinutes > 0 {
		m := v.WorkOrder.EstimatedMinutes
		for _, aw := range v.Additional {
			if aw.Status == AddApproved {
				m += aw.ExtraMinutes
			}
		}
		return time.Duration(m) * time.Minute
	}
	if sv, ok := s.Service(v.ServiceID); ok {
		return sv.Duration()
	}
	return WalkInMinutes * time.Minute
}

// JobClock returns the clock of a job in the workshop at now; the zero
// JobClock for a visit without a work order.
func (s *Settings) JobClock(v *Visit, now time.Time) JobClock {
	if v.WorkOrder == nil {
		return JobClock{}
	}
	from := v.WorkOrder.HandoverAt
	jc := JobClock{Estimate: s.Estimate(v), Elapsed: s.WorkTime(from, now)}
	jc.DueAt = s.layWork(from, jc.Estimate, func(time.Time) bool { return true })
	jc.Overrun = v.Status == VisitWorkshop && jc.Elapsed >= jc.Estimate
	return jc
}

// Occupancy counts the cars holding a bay in each segment at now (WS-1,
// see the rules at the top of this file): apts are the appointments that
// may hold a bay in the period asked about (others are ignored), visits
// the visits still in the shop (others are ignored). The result covers
// every segment a car is counted in; Fits and FreeSlots read it as they
// read the appointments' occupancy.
func (s *Settings) Occupancy(now time.Time, apts []Appointment, visits []Visit) Occupancy {
	occ := Occupancy{}
	add := func(seg time.Time) bool { occ[seg.Unix()]++; return true }
	loc := s.Location()
	today := now.In(loc).Format(time.DateOnly)
	starts := map[uint64]time.Time{}
	taken := map[uint64]bool{} // appointments a visit stands for
	for _, a := range apts {
		if a.Status.Occupies() {
			starts[a.ID] = a.Start
		}
	}
	var walkIns []*Visit
	for i := range visits {
		v := &visits[i]
		switch v.Status {
		case VisitWorkshop: // rule 2
			if v.AppointmentID != 0 {
				taken[v.AppointmentID] = true
			}
			from := now
			if v.WorkOrder != nil && v.WorkOrder.HandoverAt.After(now) {
				from = v.WorkOrder.HandoverAt
			}
			jc := s.JobClock(v, now)
			left := jc.Estimate - jc.Elapsed
			if v.WorkOrder == nil {
				left = s.Estimate(v)
			}
			if left <= 0 { // overrun: held until marked ready
				left = segStart(now).Add(SlotLength).Sub(now) + OverrunHold
			}
			s.layWork(from, left, add)
		case VisitWaiting, VisitCalled:
			if v.AppointmentID != 0 { // rule 3
				taken[v.AppointmentID] = true
				from := now
				if st, ok := starts[v.AppointmentID]; ok && st.After(now) {
					from = st
				}
				s.layWork(from, s.Estimate(v), add)
			} else if v.Day == today { // rule 4, after the others
				walkIns = append(walkIns, v)
			}
		}
	}
	for _, a := range apts { // rule 1
		if a.Status.Occupies() && !taken[a.ID] {
			occ.Add(a.Start, a.End)
		}
	}
	slices.SortStableFunc(walkIns, func(a, b *Visit) int {
		if c := a.CheckedInAt.Compare(b.CheckedInAt); c != 0 {
			return c
		}
		return int(a.ID) - int(b.ID)
	})
	for _, v := range walkIns {
		work := s.Estimate(v)
		from := now
		for t := now; ; t = segStart(t).Add(SlotLength) {
			_, close, ok := s.openSpan(t)
			if !ok || !t.Before(close) || !DayStart(t, loc).Equal(DayStart(now, loc)) {
				break // none left today: counted from now, over the bays
			}
			fits := true
			s.layWork(t, work, func(seg time.Time) bool {
				fits = occ[seg.Unix()] < s.Bays
				return fits
			})
			if fits {
				from = t
				break
			}
		}
		s.layWork(from, work, add)
	}
	return occ
}
