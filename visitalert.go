package frontoffice

import "time"

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
