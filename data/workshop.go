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

// duePickup sends the pickup notice (DEL-2) when its time comes: to the
// customer's chat when linked, otherwise onto the reception's pickup call
// list of the day. A job not yet ready at that time also warns the staff
// chat, so that they finish it or record a delay.
func duePickup(w *writer, st *fo.Settings, id uint64, at, now time.Time) error {
	v, err := getVisit(w.tx, id)
	if err != nil || (v.Status != fo.VisitWorkshop && v.Status != fo.VisitReady) || tkey(v.PickupNoticeAt) != tkey(at) {
		return nil
	}
	if err := w.tell(st, fo.PickupNotices(st, v, w.customerChat(v.CustomerID))); err != nil {
		return err
	}
	if v.Status != fo.VisitReady {
		if err := w.enqueue(fo.NotReadyMessages(st, v, at)...); err != nil {
			return err
		}
	}
	return putJSON(w.tx.Bucket(bVisits), u64(v.ID), v)
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

// SetReady marks the job ready: cleaned and checked, settlement prepared
// (DEL-1). A job ready before its pickup notice was due notifies the
// customer at once (DEL-2).
func (s *Store) SetReady(id uint64, by string) (fo.Visit, error) {
	return s.changeVisit(id, func(tx *bolt.Tx, w *writer, st *fo.Settings, v *fo.Visit) error {
		if !v.CanMove(fo.VisitReady) {
			return fo.ErrNotAllowed
		}
		v.Status, v.ReadyAt = fo.VisitReady, w.now
		if err := w.delDue(v.ProgressCheckAt, progressKind, v.ID); err != nil {
			return err
		}
		if v.PickupNoticeAt.After(w.now) {
			if err := w.delDue(v.PickupNoticeAt, pickupKind, v.ID); err != nil {
				return err
			}
			v.PickupNoticeAt = w.now
			return w.tell(st, fo.ReadyEarlyNotices(st, *v, w.customerChat(v.CustomerID)))
		}
		return nil
	})
}

// BackToWorkshop returns a ready job to the workshop (a problem found at the
// final check).
func (s *Store) BackToWorkshop(id uint64, by string) (fo.Visit, error) {
	return s.changeVisit(id, func(tx *bolt.Tx, w *writer, st *fo.Settings, v *fo.Visit) error {
		if v.Status != fo.VisitReady {
			return fo.ErrNotAllowed
		}
		v.Status, v.ReadyAt = fo.VisitWorkshop, time.Time{}
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
		v.WorkOrder.PromisedAt = newPromise
		if err := w.scheduleVisit(v, w.now); err != nil {
			return err
		}
		return w.tell(st, fo.DelayNotices(st, *v, w.customerChat(v.CustomerID), reason))
	})
}
