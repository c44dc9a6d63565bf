package data

// Delivery and what it sets going: the settlement and handover (DEL-3),
// a customer who leaves (INT-4), and the follow-up loop that a delivery
// starts (FU-1, FU-2, SUR-1).

import (
	"fmt"
	"strings"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// Deliver settles and hands over a ready vehicle (DEL-3): the settlement is
// validated (a discount needs a supervisor), the visit is delivered, the
// vehicle's next maintenance date follows from its interval. Delivery
// starts the after-sales follow-up (FU-2) through afterDelivery.
func (s *Store) Deliver(req fo.DeliverRequest) (fo.Visit, error) {
	return s.changeVisit(req.VisitID, func(tx *bolt.Tx, w *writer, st *fo.Settings, v *fo.Visit) error {
		if v.Status != fo.VisitReady {
			return fo.ErrNotAllowed
		}
		if err := req.Validate(); err != nil {
			return err
		}
		set := req.Settlement
		if set.Discount > 0 {
			set.DiscountBy = req.By
		}
		set.At, set.By = w.now, req.By
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

// Leave ends a visit whose customer declined the work order or left: they
// get the exit notice (出厂通知单) and pay any diagnosis or estimate fee
// (INT-4), recorded as the settlement.
func (s *Store) Leave(id uint64, fee fo.Money, reason, by string) (fo.Visit, error) {
	return s.changeVisit(id, func(tx *bolt.Tx, w *writer, st *fo.Settings, v *fo.Visit) error {
		if !v.CanMove(fo.VisitLeft) {
			return fo.ErrNotAllowed
		}
		if fee < 0 {
			return fo.Errorf(fo.EINVALID, "err.money")
		}
		v.Status, v.LeftAt = fo.VisitLeft, w.now
		if fee > 0 {
			v.Settlement = &fo.Settlement{Amount: fee, Paid: fee, At: w.now, By: by}
		}
		if len([]rune(reason)) > fo.MaxReason {
			return fo.Errorf(fo.EINVALID, "err.too_long", fo.MaxReason)
		}
		v.Concern = strings.TrimSpace(v.Concern + "\n" + reason)
		return nil
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
	staff, err := w.designate(st, &cust, nil)
	if err != nil {
		return err
	}
	c, err := w.addCall(st, fo.Call{Kind: fo.CallFirst, CustomerID: cust.ID, VehicleID: v.VehicleID, VisitID: v.ID,
		Staff: staff, Window: st.FirstCallWindow(v.DeliveredAt), ServiceID: v.ServiceID, Work: v.WorkSummary(),
		DeliveredAt: v.DeliveredAt})
	if err != nil {
		return err
	}
	return w.scheduleSurvey(st, v, c)
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
