package data

// Delivery and what it sets going: the settlement and handover (DEL-3),
// a customer who leaves (INT-4), and the follow-up loop that a delivery
// starts (FU-1, FU-2, SUR-1).

import (
	"fmt"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// Deliver settles and hands over a ready vehicle (DEL-3): the settlement is
// validated (a discount needs a supervisor) and signed by the customer
// (fo.ErrAwaitingSignature without it), the visit is delivered, the
// vehicle's next maintenance date follows from its interval. Delivery
// starts the after-sales follow-up (FU-2) through afterDelivery.
func (s *Store) Deliver(req fo.DeliverRequest) (fo.Visit, error) {
	return s.changeVisit(req.VisitID, func(tx *bolt.Tx, w *writer, st *fo.Settings, v *fo.Visit) error {
		w.setBy(req.By)
		// INT-6: only a ready car, and no additional work left unanswered.
		if err := v.DeliverError(); err != nil {
			return err
		}
		// DEL-3, INT-4: the customer signs the settlement at handover.
		sig, err := w.stamp(req.Signature)
		if err != nil {
			return err
		}
		// DEL-3, APT-2: the bill from the visit, less the deposit; any
		// amount below it a discount with a reason, a supervisor's only.
		set, err := fo.VisitBill(v).Settle(req.Settlement, req.DiscountReason, req.Supervisor, req.By, w.now)
		if err != nil {
			return err
		}
		set.Signature = sig
		v.Settlement = &set
		v.Status, v.DeliveredAt = fo.VisitDelivered, w.now
		if err := w.delDue(v.PickupNoticeAt, pickupKind, v.ID); err != nil {
			return err
		}
		var veh fo.Vehicle
		if err := getJSON(tx.Bucket(bVehicles), u64(v.VehicleID), &veh); err == nil && veh.MaintIntervalDays > 0 {
			veh.NextMaintenance = fo.DayStart(w.now, st.Location()).AddDate(0, 0, veh.MaintIntervalDays).UTC()
			veh.UpdatedAt = w.now
			if err := putJSON(tx.Bucket(bVehicles), u64(veh.ID), veh); err != nil {
				return err
			}
		}
		if err := w.indexEnd(v); err != nil { // REP-1
			return err
		}
		return afterDelivery(w, st, v)
	})
}

// afterDelivery is what a delivery sets going besides the handover. The
// after-sales loop (follow-up calls FU-2, surveys SUR-1, the service card)
// hooks in here.
var afterDelivery = func(w *writer, st *fo.Settings, v *fo.Visit) error {
	// DEL-3: the service card (售后服务卡) goes with the message, printed at send time.
	if err := w.enqueue(fo.DeliveredMessages(st, *v, w.customerChat(v.CustomerID))...); err != nil {
		return err
	}
	return w.startAfterSales(st, v) // FU-1, FU-2, SUR-1: below
}

// Leave ends a visit whose customer declined the estimate or the work
// order, or left: they get the exit notice (出厂通知单) and pay any
// diagnosis or estimate fee (INT-4), recorded as the settlement. The
// declined estimate stays on the visit (INT-1) and the visit gets its
// first follow-up call like a delivered one (FU-2 covers every visit).
func (s *Store) Leave(id uint64, fee fo.Money, reason, by string) (fo.Visit, error) {
	return s.changeVisit(id, func(tx *bolt.Tx, w *writer, st *fo.Settings, v *fo.Visit) error {
		w.setBy(by)
		if !v.CanMove(fo.VisitLeft) {
			return fo.ErrNotAllowed
		}
		if fee < 0 || fee > fo.MaxAmount {
			return &fo.FieldError{Field: "fee", Err: fo.Errorf(fo.EINVALID, "err.amount", fo.MaxAmount)}
		}
		v.Status, v.LeftAt = fo.VisitLeft, w.now
		if fee > 0 {
			v.Settlement = &fo.Settlement{Amount: fee, Paid: fee, At: w.now, By: by}
		}
		if len([]rune(reason)) > fo.MaxReason {
			return &fo.FieldError{Field: "reason", Err: fo.Errorf(fo.EINVALID, "err.too_long", fo.MaxReason)}
		}
		v.Concern = strings.TrimSpace(v.Concern + "\n" + reason)
		if err := w.indexEnd(v); err != nil { // REP-1
			return err
		}
		return w.startFirstCall(st, v, v.LeftAt) // FU-2
	})
}

// startAfterSales starts the after-sales loop of a delivered visit: the
// customer's designated follow-up staff member (FU-1), the first follow-up
// call in the window of day 2 to day 7 (FU-2), and the satisfaction survey
// (SUR-1).
func (w *writer) startAfterSales(st *fo.Settings, v *fo.Visit) error {
	var cust fo.Customer
	if err := getJSON(w.tx.Bucket(bCustomers), u64(v.CustomerID), &cust); err != nil {
		return fmt.Errorf("customer of visit %d: %w", v.ID, err)
	}
	c, err := w.firstCall(st, &cust, v, v.DeliveredAt)
	if err != nil {
		return err
	}
	return w.scheduleSurvey(st, v, c)
}

// startFirstCall opens the first follow-up call of a visit that ended at
// end without a delivery: declined at reception or left (FU-2: every
// visit, 「业务访谈、咨询后三天至一周内」).
func (w *writer) startFirstCall(st *fo.Settings, v *fo.Visit, end time.Time) error {
	var cust fo.Customer
	if err := getJSON(w.tx.Bucket(bCustomers), u64(v.CustomerID), &cust); err != nil {
		return fmt.Errorf("customer of visit %d: %w", v.ID, err)
	}
	_, err := w.firstCall(st, &cust, v, end)
	return err
}

// firstCall adds the first follow-up call of visit v that ended at end,
// in its window of day 2 to day 7 (FU-2), with the customer's designated
// staff member (FU-1).
func (w *writer) firstCall(st *fo.Settings, cust *fo.Customer, v *fo.Visit, end time.Time) (fo.Call, error) {
	staff, err := w.designate(st, cust, nil)
	if err != nil {
		return fo.Call{}, err
	}
	return w.addCall(st, fo.Call{Kind: fo.CallFirst, CustomerID: cust.ID, VehicleID: v.VehicleID, VisitID: v.ID,
		Staff: staff, Window: st.FirstCallWindow(end), ServiceID: v.ServiceID, Work: v.WorkSummary(),
		DeliveredAt: end})
}

// designate returns the customer's designated follow-up staff member and,
// when they have none or theirs left the staff, chooses one (FU-1): of the
// follow-up staff not away today, the one with the fewest open calls (the
// call_due index's values, or load when not nil: a fan-out counts once and
// keeps load up to date), the first in settings order on a tie. With no
// follow-up staff at all the supervisor takes the calls and the customer
// stays undesignated.
func (w *writer) designate(st *fo.Settings, c *fo.Customer, load map[string]int) (string, error) {
	if _, ok := st.StaffMember(c.FollowUpStaff); ok {
		return c.FollowUpStaff, nil
	}
	cands := st.StaffWith(fo.RoleFollowUp)
	var here []fo.StaffMember
	for _, m := range cands {
		if _, away := st.Away(m.ID, w.now); !away {
			here = append(here, m)
		}
	}
	if len(here) > 0 {
		cands = here
	}
	if len(cands) == 0 {
		return st.SupervisorID(), nil
	}
	if load == nil {
		load = map[string]int{}
		if len(cands) > 1 {
			w.tx.Bucket(bCallDue).ForEach(func(_, v []byte) error {
				load[string(v)]++
				return nil
			})
		}
	}
	best := cands[0]
	for _, m := range cands[1:] {
		if load[m.ID] < load[best.ID] {
			best = m
		}
	}
	load[best.ID]++
	c.FollowUpStaff, c.UpdatedAt = best.ID, w.now
	return best.ID, putJSON(w.tx.Bucket(bCustomers), u64(c.ID), c)
}
