package data

// Vehicle intake: the signed work order sends a visit to the workshop
// (INT-4) and sets its pickup notice (DEL-2) and progress check (INT-7).

import (
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// Intake records the signed work order (INT-4) and sends the vehicle to the
// workshop. A visit with an estimate is taken in only once the customer
// agreed to it, and the work order's lines are the estimate's (INT-1): the handover time is kept to the 10 minutes (INT-5), the
// progress check is set at 75% of the estimate (INT-7) and the pickup notice
// at its lead time before the promised time (DEL-2). An invalid work order
// changes nothing.
func (s *Store) Intake(req fo.IntakeRequest) (fo.Visit, error) {
	return s.changeVisit(req.VisitID, func(tx *bolt.Tx, w *writer, st *fo.Settings, v *fo.Visit) error {
		w.setBy(req.By)
		if v.Status != fo.VisitWaiting && v.Status != fo.VisitCalled {
			return fo.ErrNotAllowed
		}
		wo := req.WorkOrder
		// INT-1: the work order starts from the agreed estimate; none
		// while the customer has not answered or declined it.
		if err := v.StartFromEstimate(&wo); err != nil {
			return err
		}
		if wo.HandoverAt.IsZero() {
			wo.HandoverAt = w.now
		}
		wo.HandoverAt = fo.HandoverTime(wo.HandoverAt).UTC()
		wo.PromisedAt = wo.PromisedAt.UTC()
		wo.CreatedAt, wo.By, wo.CustomerSigned = w.now, req.By, true
		if err := wo.Validate(); err != nil {
			return err
		}
		v.WorkOrder = &wo
		v.Status = fo.VisitWorkshop
		if err := w.scheduleVisit(v, wo.HandoverAt); err != nil {
			return err
		}
		return w.enqueue(fo.IntakeMessages(st, *v)...)
	})
}

// scheduleVisit (re)sets the visit's pickup notice (DEL-2) and progress
// check (INT-7) in the due index from its work order.
func (w *writer) scheduleVisit(v *fo.Visit, from time.Time) error {
	if err := w.delDue(v.PickupNoticeAt, pickupKind, v.ID); err != nil {
		return err
	}
	if err := w.delDue(v.ProgressCheckAt, progressKind, v.ID); err != nil {
		return err
	}
	wo := v.WorkOrder
	v.PickupNoticeAt = fo.PickupNoticeAt(wo.HandoverAt, wo.PromisedAt)
	if v.PickupNoticeAt.Before(w.now) {
		v.PickupNoticeAt = w.now
	}
	if err := w.putDue(v.PickupNoticeAt, pickupKind, v.ID); err != nil {
		return err
	}
	if v.ProgressCheckAt.IsZero() || v.ProgressAlerted {
		v.ProgressCheckAt = fo.ProgressCheckAt(from, wo.EstimatedMinutes)
		v.ProgressAlerted = false
	}
	if v.ProgressCheckAt.After(w.now) {
		return w.putDue(v.ProgressCheckAt, progressKind, v.ID)
	}
	return nil
}
