package data

// Discounts asked of a supervisor in Telegram (DEL-3, discount.go).

import (
	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// AskDiscount records the reception's ask for a discount of amount on a
// ready visit, with its reason, and puts it before the supervisors with
// approve and refuse buttons. A new ask replaces the last one; an invalid
// one changes nothing.
func (s *Store) AskDiscount(visitID uint64, amount fo.Money, reason, by string) (fo.Visit, error) {
	return s.changeVisit(visitID, func(tx *bolt.Tx, w *writer, st *fo.Settings, v *fo.Visit) error {
		w.setBy(by)
		if v.Status != fo.VisitReady {
			return fo.ErrNotAllowed
		}
		a, err := fo.AskDiscount(fo.VisitBill(v), amount, reason, by, w.now)
		if err != nil {
			return err
		}
		v.DiscountAsk = &a
		return w.enqueue(fo.DiscountAskMessages(st, *v)...)
	})
}

// DecideDiscount records a supervisor's answer to the visit's pending
// discount ask (from a button in Telegram): staffID must be a supervisor
// of the settings (fo.ErrNotSupervisor), the ask still pending and the
// visit not yet delivered (fo.ErrNotAllowed: a second press). The staff
// chat is told.
func (s *Store) DecideDiscount(visitID uint64, approve bool, staffID string) (fo.Visit, error) {
	return s.changeVisit(visitID, func(tx *bolt.Tx, w *writer, st *fo.Settings, v *fo.Visit) error {
		w.setBy("staff:" + staffID)
		if m, ok := st.StaffMember(staffID); !ok || !m.Has(fo.RoleSupervisor) {
			return fo.ErrNotSupervisor
		}
		a := v.DiscountAsk
		if a == nil || a.Status != fo.DiscountPending || v.Status != fo.VisitReady {
			return fo.ErrNotAllowed
		}
		a.Status, a.DecidedBy, a.DecidedAt = fo.DiscountRefused, "staff:"+staffID, w.now
		if approve {
			a.Status = fo.DiscountApproved
		}
		return w.enqueue(fo.DiscountDecidedMessages(st, *v)...)
	})
}
