package frontoffice

import "time"

// SuggestPromise is the delivery time the desk suggests for a job of
// minutes handed over at handover (INT-3): the estimate plus a margin of a
// quarter of it, at least 30 minutes, rounded up to the next half hour.
// Staff may promise another time; WorkOrder.Validate only requires it to
// be after the handover.
func SuggestPromise(handover time.Time, minutes int) time.Time {
	d := time.Duration(minutes) * time.Minute
	margin := max(d/4, 30*time.Minute)
	t := handover.Add(d + margin)
	if r := t.Truncate(30 * time.Minute); !r.Equal(t) {
		t = r.Add(30 * time.Minute)
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

// ToldNotReady reports whether the customer was told to come for the
// vehicle (the pickup notice went out, DEL-2) while it is still in the
// workshop at now, before its promised time. A late visit is Late, not
// ToldNotReady.
func (v *Visit) ToldNotReady(now time.Time) bool {
	return v.Status == VisitWorkshop && !v.PromisedAt().IsZero() && !v.Late(now) &&
		!v.PickupNoticeAt.IsZero() && !v.PickupNoticeAt.After(now)
}
