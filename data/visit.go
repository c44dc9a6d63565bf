package data

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// CheckIn opens a visit and gives it the day's next queue number: A001… for
// appointments, W001… for walk-ins, counted per day in the shop's zone. An
// appointment must be booked and due now (fo.CheckInTiming); it becomes
// checked_in (APT-3). A walk-in's customer and vehicle archive is created or
// the visit added to the existing one (ARC-1). The staff chat is told.
func (s *Store) CheckIn(req fo.CheckInRequest) (fo.Visit, error) {
	var v fo.Visit
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		st, err := settingsTx(tx)
		if err != nil {
			return err
		}
		loc := st.Location()
		day := w.now.In(loc).Format(time.DateOnly)
		prefix := byte('W')
		if req.AppointmentID != 0 {
			var a fo.Appointment
			if err := getJSON(tx.Bucket(bAppointments), u64(req.AppointmentID), &a); err != nil {
				return err
			}
			if a.Status != fo.AptBooked {
				return fo.Errorf(fo.ECONFLICT, "kiosk.not_booked")
			}
			if key := fo.CheckInTiming(a, w.now, loc); key != "" {
				return fo.Errorf(fo.EINVALID, key, fo.FormatWhen(a.Lang, a.Start, loc))
			}
			old := a
			a.Status, a.UpdatedAt, a.RemindAt = fo.AptCheckedIn, w.now, time.Time{}
			if err := w.putAppointment(a, &old); err != nil {
				return err
			}
			if err := w.register(bRegApt, fo.RegisterEntry{Action: "checked_in", Ref: a.ID, Code: a.Code, By: req.By}); err != nil {
				return err
			}
			var c fo.Customer
			if err := getJSON(tx.Bucket(bCustomers), u64(a.CustomerID), &c); err != nil {
				return err
			}
			prefix = 'A'
			v = fo.Visit{CustomerID: a.CustomerID, VehicleID: a.VehicleID, AppointmentID: a.ID, ServiceID: a.ServiceID,
				Plate: a.Plate, CustomerName: c.Name, Lang: c.Lang, ChatID: c.ChatID, Concern: req.Concern}
		} else {
			if req.Plate == "" {
				return fo.Errorf(fo.EINVALID, "err.plate")
			}
			if req.ServiceID != "" {
				if _, ok := st.Service(req.ServiceID); !ok {
					return fo.Errorf(fo.EINVALID, "err.service")
				}
			}
			if len([]rune(req.Concern)) > 500 {
				return fo.Errorf(fo.EINVALID, "err.too_long", 500)
			}
			c, err := w.upsertCustomer(req.Customer)
			if err != nil {
				return err
			}
			veh, err := w.upsertVehicle(c.ID, req.Plate)
			if err != nil {
				return err
			}
			v = fo.Visit{CustomerID: c.ID, VehicleID: veh.ID, ServiceID: req.ServiceID, Concern: req.Concern,
				Plate: veh.Plate, CustomerName: c.Name, Lang: c.Lang, ChatID: c.ChatID}
		}
		n, err := w.nextQueue(day, prefix)
		if err != nil {
			return err
		}
		id, err := nextID(tx.Bucket(bVisits))
		if err != nil {
			return err
		}
		v.ID, v.Day, v.QueueNo, v.Status, v.Source = id, day, fo.QueueNo(prefix, n), fo.VisitWaiting, req.Source
		v.CheckedInAt, v.UpdatedAt = w.now, w.now
		if err := w.putVisit(v, nil); err != nil {
			return err
		}
		w.boardChanged = true // one more waiting
		return w.enqueue(fo.CheckInMessages(&st, v)...)
	})
	return v, err
}

// nextQueue returns the day's next number for prefix.
func (w *writer) nextQueue(day string, prefix byte) (int, error) {
	b := w.tx.Bucket(bQueueSeq)
	k := append([]byte(day), prefix)
	n := uint64(0)
	if v := b.Get(k); v != nil {
		n = btou(v)
	}
	n++
	if n > 999 {
		return 0, fo.Errorf(fo.ECONFLICT, "kiosk.queue_full")
	}
	return int(n), b.Put(k, u64(n))
}

// putVisit writes v and its indexes.
func (w *writer) putVisit(v fo.Visit, old *fo.Visit) error {
	if old == nil {
		if err := w.tx.Bucket(bVisitDay).Put(append([]byte(v.Day), u64(v.ID)...), nil); err != nil {
			return err
		}
		if err := w.tx.Bucket(bVisitVeh).Put(key(v.VehicleID, v.ID), nil); err != nil {
			return err
		}
	}
	open := w.tx.Bucket(bVisitOpen)
	var err error
	if v.Open() {
		err = open.Put(u64(v.ID), nil)
	} else {
		err = open.Delete(u64(v.ID))
	}
	if err != nil {
		return err
	}
	v.UpdatedAt = w.now
	return putJSON(w.tx.Bucket(bVisits), u64(v.ID), v)
}

func getVisit(tx *bolt.Tx, id uint64) (fo.Visit, error) {
	var v fo.Visit
	err := getJSON(tx.Bucket(bVisits), u64(id), &v)
	return v, err
}

// Visit returns the visit with id, or ErrNotFound.
func (s *Store) Visit(id uint64) (fo.Visit, error) {
	var v fo.Visit
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		v, err = getVisit(tx, id)
		return err
	})
	return v, err
}

// VisitsOn returns the visits checked in on day (YYYY-MM-DD, shop zone), in
// check-in order.
func (s *Store) VisitsOn(day string) ([]fo.Visit, error) {
	var out []fo.Visit
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bVisitDay).Cursor()
		prefix := []byte(day)
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix) && len(k) == len(prefix)+8; k, _ = c.Next() {
			v, err := getVisit(tx, btou(k[len(prefix):]))
			if err != nil {
				return err
			}
			out = append(out, v)
		}
		return nil
	})
	return out, err
}

// OpenVisits returns the visits still in the shop, oldest first.
func (s *Store) OpenVisits() ([]fo.Visit, error) {
	var out []fo.Visit
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bVisitOpen).ForEach(func(k, _ []byte) error {
			v, err := getVisit(tx, btou(k))
			if err == nil {
				out = append(out, v)
			}
			return err
		})
	})
	return out, err
}

// VehicleVisits returns a vehicle's visits, oldest first: the service
// history of its archive (ARC-1).
func (s *Store) VehicleVisits(vehicleID uint64) ([]fo.Visit, error) {
	var out []fo.Visit
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bVisitVeh).Cursor()
		prefix := u64(vehicleID)
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			v, err := getVisit(tx, btou(k[8:]))
			if err != nil {
				return err
			}
			out = append(out, v)
		}
		return nil
	})
	return out, err
}

// changeVisit loads a visit, lets fn change it, and stores it.
func (s *Store) changeVisit(id uint64, fn func(tx *bolt.Tx, w *writer, st *fo.Settings, v *fo.Visit) error) (fo.Visit, error) {
	var v fo.Visit
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		var err error
		if v, err = getVisit(tx, id); err != nil {
			return err
		}
		old := v
		st, err := settingsTx(tx)
		if err != nil {
			return err
		}
		if err := fn(tx, w, &st, &v); err != nil {
			return err
		}
		return w.putVisit(v, &old)
	})
	return v, err
}

// boardKeep is how many calls the board remembers per day.
const boardKeep = 8

// CallNext calls the first waiting visit of today to the counter, or the
// visit id when it is not 0. It returns ErrNotFound when nobody waits. The
// board shows the call (its watchers are woken).
func (s *Store) CallNext(id uint64, by string) (fo.Visit, error) {
	var v fo.Visit
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		st, err := settingsTx(tx)
		if err != nil {
			return err
		}
		day := w.now.In(st.Location()).Format(time.DateOnly)
		if id == 0 {
			c := tx.Bucket(bVisitDay).Cursor()
			prefix := []byte(day)
			for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
				cand, err := getVisit(tx, btou(k[len(prefix):]))
				if err != nil {
					return err
				}
				if cand.Status == fo.VisitWaiting {
					id = cand.ID
					break
				}
			}
			if id == 0 {
				return fo.ErrNotFound
			}
		}
		if v, err = getVisit(tx, id); err != nil {
			return err
		}
		if v.Status != fo.VisitWaiting && v.Status != fo.VisitCalled {
			return fo.ErrNotAllowed
		}
		old := v
		v.Status, v.CalledAt = fo.VisitCalled, w.now
		if err := w.putVisit(v, &old); err != nil {
			return err
		}
		w.boardChanged = true
		b := tx.Bucket(bBoard)
		var calls []fo.BoardCall
		getJSON(b, []byte(day), &calls)
		calls = append([]fo.BoardCall{{QueueNo: v.QueueNo, Plate: fo.MaskPlate(v.Plate), At: w.now}}, calls...)
		if len(calls) > boardKeep {
			calls = calls[:boardKeep]
		}
		return putJSON(b, []byte(day), calls)
	})
	return v, err
}

// fo.Board returns the board of today.
func (s *Store) Board() (fo.Board, error) {
	var out fo.Board
	err := s.db.View(func(tx *bolt.Tx) error {
		st, err := settingsTx(tx)
		if err != nil {
			return err
		}
		out.Day = s.now().In(st.Location()).Format(time.DateOnly)
		var calls []fo.BoardCall
		getJSON(tx.Bucket(bBoard), []byte(out.Day), &calls)
		if len(calls) > 0 {
			out.Now, out.Recent = &calls[0], calls[1:]
		}
		if out.Recent == nil {
			out.Recent = []fo.BoardCall{}
		}
		c := tx.Bucket(bVisitDay).Cursor()
		prefix := []byte(out.Day)
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			v, err := getVisit(tx, btou(k[len(prefix):]))
			if err == nil && v.Status == fo.VisitWaiting {
				out.Waiting++
			}
		}
		out.Version = tx.Bucket(bBoard).Sequence()
		return nil
	})
	return out, err
}

// Intake records the signed work order (INT-4) and sends the vehicle to the
// workshop: the handover time is kept to the 10 minutes (INT-5), the
// progress check is set at 75% of the estimate (INT-7) and the pickup notice
// at its lead time before the promised time (DEL-2). An invalid work order
// changes nothing.
func (s *Store) Intake(req fo.IntakeRequest) (fo.Visit, error) {
	return s.changeVisit(req.VisitID, func(tx *bolt.Tx, w *writer, st *fo.Settings, v *fo.Visit) error {
		if v.Status != fo.VisitWaiting && v.Status != fo.VisitCalled {
			return fo.ErrNotAllowed
		}
		wo := req.WorkOrder
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
		if reason == "" || len([]rune(reason)) > 300 {
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

// AddWork records additional work (追加项目, INT-6) and asks the customer:
// with approve/decline buttons in Telegram when linked (callback data
// fo.WorkButtonData), otherwise on the reception's phone list
// (fo.AddWorkNotices). The reason is given, safety stressed, with the new delivery
// time. The workshop waits for the answer.
func (s *Store) AddWork(req fo.AddWorkRequest) (fo.Visit, fo.AdditionalWork, error) {
	var aw fo.AdditionalWork
	v, err := s.changeVisit(req.VisitID, func(tx *bolt.Tx, w *writer, st *fo.Settings, v *fo.Visit) error {
		if v.Status != fo.VisitWorkshop || v.WorkOrder == nil {
			return fo.ErrNotAllowed
		}
		req.Description = strings.TrimSpace(req.Description)
		if req.Description == "" || len([]rune(req.Description)) > 200 || len([]rune(req.Reason)) > 300 {
			return fo.Errorf(fo.EINVALID, "err.aw.description")
		}
		if req.Price < 0 || req.ExtraMinutes < 0 || req.ExtraMinutes > 60*24*30 {
			return fo.Errorf(fo.EINVALID, "err.aw.price")
		}
		aw = fo.AdditionalWork{N: len(v.Additional) + 1, Description: req.Description, Reason: strings.TrimSpace(req.Reason),
			Price: req.Price, ExtraMinutes: req.ExtraMinutes, Safety: req.Safety, Status: fo.AddPending, CreatedAt: w.now,
			NewPromisedAt: v.WorkOrder.PromisedAt.Add(time.Duration(req.ExtraMinutes) * time.Minute)}
		v.Additional = append(v.Additional, aw)
		return w.tell(st, fo.AddWorkNotices(st, *v, aw, w.customerChat(v.CustomerID)))
	})
	return v, aw, err
}

// AnswerWork records the customer's answer to additional work n with its
// time (INT-6): from the customer's chat (customerID set: it must own the
// visit) or from staff who took it by phone (customerID 0). An approval
// moves the promised time and the pickup notice; the staff chat is told so
// the workshop proceeds or not. A second answer is ErrNotAllowed.
func (s *Store) AnswerWork(visitID uint64, n int, approve bool, customerID uint64, by string) (fo.Visit, error) {
	return s.changeVisit(visitID, func(tx *bolt.Tx, w *writer, st *fo.Settings, v *fo.Visit) error {
		if customerID != 0 && v.CustomerID != customerID {
			return fo.ErrNotFound
		}
		if n < 1 || n > len(v.Additional) {
			return fo.ErrNotFound
		}
		aw := &v.Additional[n-1]
		if aw.Status != fo.AddPending || !v.Open() {
			return fo.ErrNotAllowed
		}
		aw.Status, aw.AnsweredAt, aw.AnsweredBy = fo.AddDeclined, w.now, by
		if approve {
			aw.Status = fo.AddApproved
			if v.WorkOrder != nil && aw.NewPromisedAt.After(v.WorkOrder.PromisedAt) {
				v.WorkOrder.PromisedAt = aw.NewPromisedAt
				if v.Status == fo.VisitWorkshop {
					if err := w.scheduleVisit(v, w.now); err != nil {
						return err
					}
				}
			}
		}
		return w.enqueue(fo.WorkAnswerMessages(st, *v, n, approve, by, w.customerChat(v.CustomerID))...)
	})
}

// Deliver settles and hands over a ready vehicle (DEL-3): the settlement is
// validated (a discount needs a supervisor), the visit is delivered, the
// vehicle's next maintenance date follows from its interval. Delivery
// starts the after-sales follow-up (FU-2) through afterDelivery.
func (s *Store) Deliver(req fo.DeliverRequest) (fo.Visit, error) {
	return s.changeVisit(req.VisitID, func(tx *bolt.Tx, w *writer, st *fo.Settings, v *fo.Visit) error {
		if v.Status != fo.VisitReady {
			return fo.ErrNotAllowed
		}
		set := req.Settlement
		if err := set.Validate(req.Supervisor); err != nil {
			return err
		}
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
	return w.startAfterSales(st, v) // FU-1, FU-2, SUR-1: data/followup.go
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
		if len([]rune(reason)) > 300 {
			return fo.Errorf(fo.EINVALID, "err.too_long", 300)
		}
		v.Concern = strings.TrimSpace(v.Concern + "\n" + reason)
		return nil
	})
}

// addPhoneTasks puts calls on the reception's list for today; a task with
// the same key is added once.
func (w *writer) addPhoneTasks(st *fo.Settings, tasks ...fo.PhoneTask) error {
	b := w.tx.Bucket(bPhoneTasks)
	keys := w.tx.Bucket(bOutboxKeys)
	for _, t := range tasks {
		if keys.Get([]byte(t.Key)) != nil {
			continue
		}
		if err := keys.Put([]byte(t.Key), key(0, tkey(w.now))); err != nil {
			return err
		}
		t.Created = w.now
		t.Day = w.now.In(st.Location()).Format(time.DateOnly)
		seq, err := nextID(b)
		if err != nil {
			return err
		}
		if err := putJSON(b, append([]byte(t.Day), u64(seq)...), t); err != nil {
			return err
		}
	}
	return nil
}

// PhoneTasks returns the reception's calls of day (YYYY-MM-DD), with their
// keys for PhoneTaskDone, plus the undone ones of earlier days.
func (s *Store) PhoneTasks(day string) ([]fo.PhoneTask, []string, error) {
	var out []fo.PhoneTask
	var ids []string
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bPhoneTasks).ForEach(func(k, v []byte) error {
			var t fo.PhoneTask
			if err := jsonUnmarshal(v, &t); err != nil {
				return err
			}
			if t.Day == day || (t.Day < day && t.Done.IsZero()) {
				out = append(out, t)
				ids = append(ids, fmt.Sprintf("%x", k))
			}
			return nil
		})
	})
	return out, ids, err
}

// PhoneTaskDone marks a reception call made.
func (s *Store) PhoneTaskDone(id string, by string) error {
	return s.update(func(tx *bolt.Tx, w *writer) error {
		var k []byte
		if _, err := fmt.Sscanf(id, "%x", &k); err != nil {
			return fo.ErrNotFound
		}
		b := tx.Bucket(bPhoneTasks)
		var t fo.PhoneTask
		if err := getJSON(b, k, &t); err != nil {
			return err
		}
		if !t.Done.IsZero() {
			return fo.ErrNotAllowed
		}
		t.Done, t.DoneBy = w.now, by
		return putJSON(b, k, t)
	})
}
