package data

// Vehicle intake: the work order, and the customer's signature of it that
// sends a visit to the workshop (INT-4) and sets its pickup notice (DEL-2)
// and progress check (INT-7).

import (
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// Intake records the work order (INT-1 to INT-5). A visit with an estimate
// is taken in only once the customer agreed to it, and the work order's
// lines are the estimate's (INT-1); the handover time is kept to the 10
// minutes (INT-5). With the customer's signature (INT-4) the vehicle goes
// to the workshop at once (see signed). Without it the work order waits
// for the signature: the vehicle stays at reception, and a customer with
// a linked chat is asked to approve it there with one tap; a work order
// made again replaces the unsigned one. An invalid work order or
// signature changes nothing.
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
		wo.CreatedAt, wo.By = w.now, req.By
		wo.Signature, wo.CustomerSigned = fo.Signature{}, false
		if err := wo.Validate(); err != nil {
			return err
		}
		var sig fo.Signature
		if req.Signature.Via != "" {
			var err error
			if sig, err = w.stamp(req.Signature); err != nil {
				return err
			}
		}
		v.WorkOrder = &wo
		if sig.Signed() {
			return w.signed(st, v, sig)
		}
		// INT-4: awaiting the signature; asked in the chat when linked.
		return w.enqueue(fo.SignRequestMessages(st, *v, w.customerChat(v.CustomerID))...)
	})
}

// SignWorkOrder records the customer's signature of the work order awaiting
// it (INT-4) and sends the vehicle to the workshop. A signature from
// Telegram must come from the visit's customer's own chat (else
// fo.ErrNotFound, as for a forged button); a work order already signed,
// or none, is fo.ErrNotAllowed. An invalid signature changes nothing.
func (s *Store) SignWorkOrder(req fo.SignRequest) (fo.Visit, error) {
	return s.changeVisit(req.VisitID, func(tx *bolt.Tx, w *writer, st *fo.Settings, v *fo.Visit) error {
		w.setBy(req.By)
		sig := req.Signature
		if sig.Via == fo.SignedByTelegram && (sig.ChatID == 0 || sig.ChatID != w.customerChat(v.CustomerID)) {
			return fo.ErrNotFound
		}
		if v.WorkOrder == nil || v.WorkOrder.Signed() || (v.Status != fo.VisitWaiting && v.Status != fo.VisitCalled) {
			return fo.ErrNotAllowed
		}
		sig, err := w.stamp(sig)
		if err != nil {
			return err
		}
		return w.signed(st, v, sig)
	})
}

// signed puts the customer's signature on v's work order (INT-4) and sends
// the vehicle to the workshop: the progress check is set at 75% of the
// estimate (INT-7) and the pickup notice at its lead time before the
// promised time (DEL-2).
func (w *writer) signed(st *fo.Settings, v *fo.Visit, sig fo.Signature) error {
	v.WorkOrder.Signature = sig
	v.Status = fo.VisitWorkshop
	if err := w.scheduleVisit(v, v.WorkOrder.HandoverAt); err != nil {
		return err
	}
	return w.enqueue(fo.SignedMessages(st, *v, w.customerChat(v.CustomerID))...)
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

// stamp dates a signature given now (the time is the store's, never the
// client's), names who took it, and checks it: none at all is
// fo.ErrAwaitingSignature, an invalid one fo.ErrBadSignature.
func (w *writer) stamp(sig fo.Signature) (fo.Signature, error) {
	if sig.Via == "" {
		return sig, fo.ErrAwaitingSignature
	}
	sig.At = w.now
	if sig.By == "" {
		sig.By = w.by
	}
	return sig, sig.Validate()
}
