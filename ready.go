package frontoffice

import (
	"strings"
	"time"
)

// DeliveryChecklist is what the console confirms when a job is marked
// ready (DEL-1: 「作好相应交车准备」): the vehicle cleaned, checked, the
// belongings of the intake list checked and returned to the car, and the
// settlement prepared. Marking ready needs all four.
type DeliveryChecklist struct {
	Cleaned    bool      `json:"cleaned"`
	Checked    bool      `json:"checked"`
	Belongings bool      `json:"belongings"`
	Settlement bool      `json:"settlement"`
	By         string    `json:"by,omitempty"`
	At         time.Time `json:"at,omitzero"`
}

// ChecklistItems names the checklist's items in order; each has the label
// "ready.item.<name>".
var ChecklistItems = []string{"cleaned", "checked", "belongings", "settlement"}

// Missing returns the names (ChecklistItems) of the items not ticked, in
// order; none when the checklist is complete.
func (c DeliveryChecklist) Missing() []string {
	var out []string
	for i, ok := range []bool{c.Cleaned, c.Checked, c.Belongings, c.Settlement} {
		if !ok {
			out = append(out, ChecklistItems[i])
		}
	}
	return out
}

// PendingWork returns the numbers of the additional-work items the customer
// has not answered yet (INT-6).
func (v *Visit) PendingWork() []int {
	var out []int
	for _, a := range v.Additional {
		if a.Status == AddPending {
			out = append(out, a.N)
		}
	}
	return out
}

// ReadyError is nil when the visit may be marked ready with checklist c,
// else an *Error: ErrNotAllowed out of the workshop; EINVALID
// "err.ready.pending_work" while additional work waits for the customer's
// answer (INT-6: it can be neither billed nor skipped unanswered);
// EINVALID "err.ready.checklist" naming the missing items in the reader's
// language (DEL-1).
func (v *Visit) ReadyError(c DeliveryChecklist) error {
	if !v.CanMove(VisitReady) {
		return ErrNotAllowed
	}
	if err := v.pendingError(); err != nil {
		return err
	}
	if miss := c.Missing(); len(miss) > 0 {
		zh, en := make([]string, len(miss)), make([]string, len(miss))
		for i, m := range miss {
			zh[i], en[i] = Texts.T(ZH, "ready.item."+m), Texts.T(EN, "ready.item."+m)
		}
		// The zh text prints %[1]s, the en text %[2]s.
		return Errorf(EINVALID, "err.ready.checklist", strings.Join(zh, "、"), strings.Join(en, ", "))
	}
	return nil
}

// DeliverError is nil when the visit may be settled and handed over, else
// ErrNotAllowed when it is not ready, or EINVALID "err.ready.pending_work"
// while additional work waits for the customer's answer (INT-6).
func (v *Visit) DeliverError() error {
	if v.Status != VisitReady {
		return ErrNotAllowed
	}
	return v.pendingError()
}

func (v *Visit) pendingError() error {
	if p := v.PendingWork(); len(p) > 0 {
		return Errorf(EINVALID, "err.ready.pending_work", len(p))
	}
	return nil
}

// WorkingDays counts the open days (Settings.IsClosedDate false) after the
// calendar day of from up to and including the day of to, in the shop's
// zone: 0 for a job done the same day, 1 for the next open day (DEL-2).
func (s *Settings) WorkingDays(from, to time.Time) int {
	loc := s.Location()
	d := DayStart(from, loc)
	end := DayStart(to, loc)
	n := 0
	for i := 0; i < 366 && d.Before(end); i++ {
		d = DayStart(d.AddDate(0, 0, 1).Add(12*time.Hour), loc)
		if !s.IsClosedDate(d) {
			n++
		}
	}
	return n
}

// PickupLongDays is the length of a long job in working days (DEL-2:
// 「工期在两天以上包括两天」).
const PickupLongDays = 2

// PickupLeadFor returns how long before the promised time the customer is
// told to come (DEL-2): 4 hours for a job of PickupLongDays working days or
// more from intake to promise (closed days not counted), else 1 hour.
func (s *Settings) PickupLeadFor(intake, promised time.Time) time.Duration {
	if s.WorkingDays(intake, promised) >= PickupLongDays {
		return PickupLeadLong
	}
	return PickupLeadShort
}

// PickupTime returns when the pickup notice of a job taken in at intake and
// promised for promised may go (DEL-2): the lead time before the promise
// (PickupLeadFor), moved forward to the earliest time the shop is open and
// outside the quiet hours (NoticeTime). A 4-hour notice for a 09:00 promise
// goes at opening, not at 05:00.
func (s *Settings) PickupTime(intake, promised time.Time) time.Time {
	return s.NoticeTime(promised.Add(-s.PickupLeadFor(intake, promised)))
}

// NoticeAllowed reports whether a customer may be told at t: on an open
// day, within its opening hours, outside the quiet hours.
func (s *Settings) NoticeAllowed(t time.Time) bool {
	return s.NoticeTime(t).Equal(t)
}

// NoticeTime returns the earliest time at or after t at which the shop is
// open (its day's opening hours, closed dates skipped) and outside the
// quiet hours; t itself when allowed. Without such a time in the next 60
// days it returns t.
func (s *Settings) NoticeTime(t time.Time) time.Time {
	loc := s.Location()
	day := DayStart(t, loc)
	for i := 0; i < 60; i++ {
		if i > 0 {
			day = DayStart(day.Add(36*time.Hour), loc)
		}
		if s.IsClosedDate(day) {
			continue
		}
		h := s.Hours[day.In(loc).Weekday()]
		open, closing := h.Open.At(day, loc), h.Close.At(day, loc)
		c := open
		if t.After(c) {
			c = t
		}
		for j := 0; j < 2 && s.InQuietHours(c); j++ {
			end := s.QuietEnd.At(c, loc)
			if !end.After(c) {
				end = s.QuietEnd.At(c.In(loc).AddDate(0, 0, 1), loc)
			}
			c = end
		}
		if c.Before(closing) && DayStart(c, loc).Equal(day) {
			return c.UTC()
		}
	}
	return t
}

// CompleteChecklist is a delivery checklist with every item ticked, for
// tests and the demo shop.
var CompleteChecklist = DeliveryChecklist{Cleaned: true, Checked: true, Belongings: true, Settlement: true}
