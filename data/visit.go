package data

import (
	"bytes"
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// CheckIn opens a visit and gives it the day's next queue number: A001… for
// appointments, W001… for walk-ins, counted per day in the shop's zone. An
// appointment must be booked and due now (fo.CheckInTiming); it becomes
// checked_in (APT-3). A walk-in's customer and vehicle archive is created or
// the visit added to the existing one (ARC-1); an Unproven walk-in (the
// kiosk's) whose phone or plate is on file is recorded provisionally with a
// pending match for the desk, in the same transaction (ARC-2,
// data/pending.go). The staff chat is told, and the chat linked to the
// visit's own customer gets the number and how many are ahead.
func (s *Store) CheckIn(req fo.CheckInRequest) (fo.Visit, error) {
	var v fo.Visit
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		w.setBy(req.By)
		st, err := settingsTx(tx)
		if err != nil {
			return err
		}
		loc := st.Location()
		day := w.now.In(loc).Format(time.DateOnly)
		prefix := byte('W')
		var pending *fo.PendingMatch
		if req.AppointmentID != 0 {
			var a fo.Appointment
			if err := getJSON(tx.Bucket(bAppointments), u64(req.AppointmentID), &a); err != nil {
				return err
			}
			if a.Status != fo.AptBooked {
				return fo.Errorf(fo.ECONFLICT, "kiosk.not_booked")
			}
			if err := fo.CheckInError(a, w.now, loc); err != nil {
				return err
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
			if err := req.Validate(); err != nil {
				return err
			}
			var c fo.Customer
			var veh fo.Vehicle
			if req.Unproven {
				// ARC-2: a typed phone or plate on file waits for the desk.
				c, veh, pending, err = w.unprovenParties(req.Customer, req.Plate)
			} else {
				c, err = w.upsertCustomer(req.Customer)
				if err == nil {
					veh, err = w.upsertVehicle(c.ID, req.Plate)
				}
			}
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
		if pending != nil {
			pending.Kind, pending.VisitID, pending.QueueNo = fo.PendingVisit, v.ID, v.QueueNo
			if err := w.putPending(pending); err != nil {
				return err
			}
		}
		if err := w.enqueue(fo.CheckInMessages(&st, v)...); err != nil {
			return err
		}
		// The customer's own chat hears the number and how many are
		// ahead (issue 11 item 6); a provisional kiosk customer has none.
		visits, err := visitsOnTx(tx, day)
		if err != nil {
			return err
		}
		return w.enqueue(fo.QueueTicketMessages(&st, v, fo.QueueAhead(visits, v), w.customerChat(v.CustomerID))...)
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
	if err := putJSON(w.tx.Bucket(bVisits), u64(v.ID), v); err != nil {
		return err
	}
	if old == nil {
		return w.audit(fo.AuditVisit, auditID(v.ID), "create", nil, nil)
	}
	return w.audit(fo.AuditVisit, auditID(v.ID), "change", *old, v)
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
