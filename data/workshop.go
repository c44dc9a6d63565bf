package data

// The job in the workshop: the pickup notice and the progress check as
// they come due (DEL-2, INT-7), a job ready or sent back, a delay told to
// the customer (DEL-2, REC-4).

import (
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// duePickup handles the pickup notice (DEL-2) when its time comes. A job
// not ready tells the customer nothing: the staff chat is warned, the
// notice goes when staff mark it ready (SetReady), and the promise's
// passing is checked (dueLate). For a ready job, the time set at intake
// (the clock lead) is corrected here by the settings: a notice due earlier
// than they allow (outside opening hours, in quiet hours, or a job short in
// working days) moves to the first allowed time; then the customer is told
// — in their chat when linked, otherwise on the reception's pickup call
// list.
func duePickup(w *writer, st *fo.Settings, id uint64, at, now time.Time) error {
	v, err := getVisit(w.tx, id)
	if err != nil || (v.Status != fo.VisitWorkshop && v.Status != fo.VisitReady) || tkey(v.PickupNoticeAt) != tkey(at) ||
		!v.PickupToldAt.IsZero() || v.WorkOrder == nil {
		return nil
	}
	if err := w.pickupNotice(st, &v, now); err != nil {
		return err
	}
	return putJSON(w.tx.Bucket(bVisits), u64(v.ID), v)
}

// pickupNotice tells the customer of a ready visit to collect it when the
// settings allow at now, else puts the notice at the next allowed time
// (DEL-2). A visit not ready tells the customer nothing: the staff chat is
// warned at once and the promise watched (dueLate); SetReady sends the
// notice. The caller stores v.
func (w *writer) pickupNotice(st *fo.Settings, v *fo.Visit, now time.Time) error {
	if v.Status != fo.VisitReady {
		v.PickupNoticeAt = now
		if err := w.enqueue(fo.NotReadyMessages(st, *v, now)...); err != nil {
			return err
		}
		if v.Late(now) { // caught up after the promise
			return w.lateNotice(st, v, now)
		}
		return w.putDue(v.PromisedAt(), lateKind, v.ID)
	}
	if next := st.NoticeTime(maxTime(now, st.PickupTime(v.WorkOrder.HandoverAt, v.PromisedAt()))); next.After(now) {
		v.PickupNoticeAt = next
		return w.putDue(next, pickupKind, v.ID)
	}
	v.PickupNoticeAt, v.PickupToldAt = now, now
	return w.tell(st, fo.PickupNotices(st, *v, w.customerChat(v.CustomerID)))
}

// dueLate checks a job at its promised time (DEL-2, REC-4): still in the
// workshop with that promise passed and not yet announced, the customer
// gets the apology with the reason (fo.LateNotices; in their chat not in
// quiet hours) and the staff chat is asked for a new time. A delay recorded before (Delay) moved the promise:
// nothing more is said.
func dueLate(w *writer, st *fo.Settings, id uint64, at, now time.Time) error {
	v, err := getVisit(w.tx, id)
	if err != nil || !v.Late(now) || v.PromisedAt().After(at) {
		return nil
	}
	if err := w.lateNotice(st, &v, now); err != nil {
		return err
	}
	return putJSON(w.tx.Bucket(bVisits), u64(v.ID), v)
}

// lateNotice tells the customer of a late job once per promise (dueLate).
// The caller stores v.
func (w *writer) lateNotice(st *fo.Settings, v *fo.Visit, now time.Time) error {
	if tkey(v.LateToldFor) == tkey(v.PromisedAt()) {
		return nil
	}
	v.LateToldFor = v.PromisedAt()
	return w.tell(st, fo.LateNotices(st, *v, w.customerChat(v.CustomerID), notQuiet(st, now)))
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// tell writes what the domain says to a customer: messages into the
// outbox, calls onto the reception's phone list.
func (w *writer) tell(st *fo.Settings, n fo.Notices) error {
	if err := w.enqueue(n.Messages...); err != nil {
		return err
	}
	return w.addPhoneTasks(st, n.Calls...)
}

// customerChat returns the customer's linked chat, 0 when none.
func (w *writer) customerChat(customerID uint64) int64 {
	var c fo.Customer
	if getJSON(w.tx.Bucket(bCustomers), u64(customerID), &c) != nil {
		return 0
	}
	return c.ChatID
}

// dueProgress checks a job's progress at 75% of its estimate (INT-7): a job
// not ready alerts the staff chat and is marked on the console.
func dueProgress(w *writer, st *fo.Settings, id uint64, at, now time.Time) error {
	v, err := getVisit(w.tx, id)
	if err != nil || v.Status != fo.VisitWorkshop || tkey(v.ProgressCheckAt) != tkey(at) {
		return nil
	}
	v.ProgressAlerted = true
	if err := w.enqueue(fo.ProgressMessages(st, v, at)...); err != nil {
		return err
	}
	return putJSON(w.tx.Bucket(bVisits), u64(v.ID), v)
}

// SetReady marks the job ready with its delivery checklist (DEL-1: cleaned,
// checked, belongings, settlement prepared — fo.Visit.ReadyError names what
// is missing) once no additional work waits for the customer's answer
// (INT-6). A job ready before its pickup notice was due notifies the
// customer at once when the shop is open outside quiet hours (DEL-2); one
// whose notice time has passed gets the pickup notice now; out of hours
// the notice waits for the lead time or the shop's next allowed time.
func (s *Store) SetReady(id uint64, c fo.DeliveryChecklist, by string) (fo.Visit, error) {
	return s.changeVisit(id, func(tx *bolt.Tx, w *writer, st *fo.Settings, v *fo.Visit) error {
		w.setBy(by)
		if err := v.ReadyError(c); err != nil {
			return err
		}
		c.By, c.At = by, w.now
		v.Checklist = &c
		v.Status, v.ReadyAt = fo.VisitReady, w.now
		if err := w.delDue(v.ProgressCheckAt, progressKind, v.ID); err != nil {
			return err
		}
		if !v.PickupToldAt.IsZero() {
			return nil
		}
		if err := w.delDue(v.PickupNoticeAt, pickupKind, v.ID); err != nil {
			return err
		}
		if v.PickupNoticeAt.After(w.now) && st.NoticeAllowed(w.now) {
			v.PickupNoticeAt, v.PickupToldAt = w.now, w.now
			return w.tell(st, fo.ReadyEarlyNotices(st, *v, w.customerChat(v.CustomerID)))
		}
		// Ready after the notice time: it goes now. Ready out of hours: it
		// goes at the lead time or the shop's next allowed time.
		return w.pickupNotice(st, v, w.now)
	})
}

// BackToWorkshop returns a ready job to the workshop (a problem found at the
// final check).
func (s *Store) BackToWorkshop(id uint64, by string) (fo.Visit, error) {
	return s.changeVisit(id, func(tx *bolt.Tx, w *writer, st *fo.Settings, v *fo.Visit) error {
		w.setBy(by)
		if v.Status != fo.VisitReady {
			return fo.ErrNotAllowed
		}
		v.Status, v.ReadyAt, v.Checklist = fo.VisitWorkshop, time.Time{}, nil
		if !v.PromisedAt().IsZero() { // DEL-2: the promise is watched again
			return w.putDue(maxTime(w.now, v.PromisedAt()), lateKind, v.ID)
		}
		return nil
	})
}

// Delay moves the promised time of a late job and tells the customer at once
// with the reason and an apology — at least as early as the lead time
// before the old promise, since it goes now (DEL-2; REC-4: a customer kept
// waiting is given an apology and the reason). The pickup notice and
// progress check follow the new time.
func (s *Store) Delay(id uint64, newPromise time.Time, reason, by string) (fo.Visit, error) {
	return s.changeVisit(id, func(tx *bolt.Tx, w *writer, st *fo.Settings, v *fo.Visit) error {
		w.setBy(by)
		if v.Status != fo.VisitWorkshop || v.WorkOrder == nil {
			return fo.ErrNotAllowed
		}
		reason = strings.TrimSpace(reason)
		if reason == "" || len([]rune(reason)) > fo.MaxReason {
			return fo.Errorf(fo.EINVALID, "err.delay.reason")
		}
		newPromise = newPromise.UTC()
		if !newPromise.After(v.WorkOrder.PromisedAt) || !newPromise.After(w.now) {
			return fo.Errorf(fo.EINVALID, "err.delay.time")
		}
		v.Delays = append(v.Delays, fo.Delay{At: w.now, Reason: reason, OldPromise: v.WorkOrder.PromisedAt, NewPromise: newPromise, By: by})
		v.WorkOrder.PromisedAt, v.PickupToldAt = newPromise, time.Time{}
		if err := w.scheduleVisit(v, w.now); err != nil {
			return err
		}
		return w.tell(st, fo.DelayNotices(st, *v, w.customerChat(v.CustomerID), reason))
	})
}
