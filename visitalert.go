package frontoffice

import (
	"slices"
	"time"
)

// SuggestPromise is the delivery time the desk suggests for a job of
// minutes handed over at handover (INT-3): the estimate plus a margin of a
// quarter of it, at least 30 minutes, rounded up to the next half hour.
//
// The optional load makes the promise follow the workshop (INT-3: 「并留有
// 一定的余地」 means a margin over what the workshop can really do): the
// job starts not at the handover but at WorkshopLoad.StartAt — when a bay
// frees up for it, given the cars taken on ahead of it, and when its
// parts on order are expected. With an empty workshop and no parts on
// order the suggestion is the same as without a load. Staff may promise
// another time; WorkOrder.Validate only requires it to be after the
// handover.
func SuggestPromise(handover time.Time, minutes int, load ...WorkshopLoad) time.Time {
	start := handover
	for _, l := range load {
		start = l.StartAt(start)
	}
	d := time.Duration(minutes) * time.Minute
	margin := max(d/4, 30*time.Minute)
	t := start.Add(d + margin)
	if r := t.Truncate(30 * time.Minute); !r.Equal(t) {
		t = r.Add(30 * time.Minute)
	}
	return t
}

// WorkshopLoad is what delays a new job's start (INT-3).
type WorkshopLoad struct {
	// Bays is how many vehicles the workshop takes at once (Settings.Bays).
	Bays int
	// Busy holds the promised times of the active visits in the workshop
	// (status workshop), the cars taken on ahead of the new one.
	Busy []time.Time
	// PartsExpected is when the parts on order of the new job's estimate
	// are expected (the latest EstimateLine.PartsExpected of a line with
	// PartsOnOrder); zero when none are on order.
	PartsExpected time.Time
}

// StartAt returns when a job handed over at handover can start (INT-3).
// Queue: while fewer cars than bays are in the workshop a bay is free at
// once; otherwise the cars beyond the bays are ahead of it, and the job
// waits for the k-th earliest of their promised times, k being the number
// of cars in the workshop minus the bays plus one — bays free up as the
// jobs ahead are delivered on their promises (a promise already passed
// counts as the handover). Parts: not before PartsExpected. The later of
// the two, and never before the handover.
func (l WorkshopLoad) StartAt(handover time.Time) time.Time {
	start := handover
	if l.Bays > 0 && len(l.Busy) >= l.Bays {
		busy := slices.SortedFunc(slices.Values(l.Busy), func(a, b time.Time) int { return a.Compare(b) })
		if free := busy[len(busy)-l.Bays]; free.After(start) {
			start = free
		}
	}
	if l.PartsExpected.After(start) {
		start = l.PartsExpected
	}
	return start
}

// PartsExpectedOf returns the latest expected date of the lines with
// parts on order (INT-3), zero when none.
func PartsExpectedOf(lines []EstimateLine) time.Time {
	var t time.Time
	for _, l := range lines {
		if l.PartsOnOrder && l.PartsExpected.After(t) {
			t = l.PartsExpected
		}
	}
	return t
}

// Late reports whether the visit is in the workshop at now with its
// promised time passed (INT-3: the promise the reception gave is not
// kept; the console shows the visit in red).
func (v *Visit) Late(now time.Time) bool {
	p := v.PromisedAt()
	return v.Status == VisitWorkshop && !p.IsZero() && !p.After(now)
}

// ToldNotReady reports whether the pickup notice's time has come (DEL-2)
// while the vehicle is still in the workshop at now, before its promised
// time: the customer is not told until it is ready (or was told before it
// was sent back), and the console marks it. A late visit is Late, not
// ToldNotReady.
func (v *Visit) ToldNotReady(now time.Time) bool {
	return v.Status == VisitWorkshop && !v.PromisedAt().IsZero() && !v.Late(now) &&
		!v.PickupNoticeAt.IsZero() && !v.PickupNoticeAt.After(now)
}
