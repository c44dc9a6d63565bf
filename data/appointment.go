package data

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// Book books an appointment (APT-1 to APT-5) in one transaction: it checks
// the slot's rules and that every segment has a free bay once every car
// the shop has taken on is counted (WS-1, occupancyTx), records the
// customer (REC-2) and the vehicle's archive (ARC-1), writes the appointment,
// its register entry (APT-3), the confirmation with any deposit (APT-1,
// APT-2), the staff chat notice (APT-4) and the reminder's due time (APT-5).
// Concurrent requests for the last place of a slot cannot both win: bbolt
// has one writer and the check runs inside the write. A full slot is
// ErrSlotTaken; a broken rule an EINVALID *Error.
func (s *Store) Book(req fo.BookRequest) (fo.Appointment, error) {
	var a fo.Appointment
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		w.setBy(req.By)
		if done, err := idemGet(tx, req.Idem, &a); done || err != nil {
			return err
		}
		st, err := settingsTx(tx)
		if err != nil {
			return err
		}
		sv, ok := st.Service(req.ServiceID)
		if !ok {
			return fo.Errorf(fo.EINVALID, "err.service")
		}
		start := req.Start.UTC()
		if err := st.CheckSlotFor(w.now, start, sv, req.Desk); err != nil {
			return err
		}
		end := start.Add(sv.Duration())
		occ, err := occupancyTx(tx, &st, w.now, start, end, 0)
		if err != nil {
			return err
		}
		if !occ.Fits(start, sv.Duration(), st.Bays) {
			return fo.ErrSlotTaken
		}
		if req.Plate == "" {
			return fo.Errorf(fo.EINVALID, "err.plate")
		}
		c, err := w.upsertCustomer(req.Customer)
		if err != nil {
			return err
		}
		v, err := w.upsertVehicle(c.ID, req.Plate)
		if err != nil {
			return err
		}
		abkt := tx.Bucket(bAppointments)
		id, err := nextID(abkt)
		if err != nil {
			return err
		}
		code, err := newCode(tx)
		if err != nil {
			return err
		}
		chat := req.Customer.ChatID
		if chat == 0 {
			chat = c.ChatID
		}
		a = fo.Appointment{
			ID: id, Code: code, CustomerID: c.ID, VehicleID: v.ID, ServiceID: sv.ID,
			Start: start, End: end, Status: fo.AptBooked, Deposit: st.Deposit(sv),
			Confirmed: w.now, Source: req.Source, Note: req.Note,
			Plate: v.Plate, CustomerName: c.Name, Lang: c.Lang, ChatID: chat,
			CreatedAt: w.now, UpdatedAt: w.now,
		}
		if req.Customer.Lang != "" {
			a.Lang = req.Customer.Lang
		}
		if at, ok := st.ReminderAt(start, w.now); ok {
			a.RemindAt = at
		}
		if err := w.putAppointment(a, nil); err != nil {
			return err
		}
		if err := tx.Bucket(bAptCode).Put([]byte(code), u64(id)); err != nil {
			return err
		}
		detail := fmt.Sprintf("%s %s %s", sv.ID, a.Start.Format(time.RFC3339), a.Plate)
		if err := w.register(bRegApt, fo.RegisterEntry{Action: "booked", Ref: id, Code: code, By: req.By, Detail: detail}); err != nil {
			return err
		}
		// APT-1, APT-2: the appointment slip (安装服务预约单) goes with the
		// confirmation, printed at send time.
		if err := w.enqueue(fo.BookingMessages(&st, a, req.ReplyKey)...); err != nil {
			return err
		}
		return idemPut(tx, req.Idem, a)
	})
	return a, err
}

// newCode returns a booking code not yet used.
func newCode(tx *bolt.Tx) (string, error) {
	codes := tx.Bucket(bAptCode)
	for range 20 {
		code, err := fo.NewBookingCode(nil)
		if err != nil {
			return "", fmt.Errorf("booking code: %w", err)
		}
		if codes.Get([]byte(code)) == nil {
			return code, nil
		}
	}
	return "", errors.New("booking code: no free code after 20 tries")
}

// putAppointment writes a and its indexes, replacing those of old when a
// replaces an earlier version of itself.
func (w *writer) putAppointment(a fo.Appointment, old *fo.Appointment) error {
	starts := w.tx.Bucket(bAptStart)
	cust := w.tx.Bucket(bAptCust)
	due := w.tx.Bucket(bDue)
	if old != nil {
		if err := starts.Delete(key(tkey(old.Start), old.ID)); err != nil {
			return err
		}
		if err := cust.Delete(key(old.CustomerID, tkey(old.Start), old.ID)); err != nil {
			return err
		}
		if !old.RemindAt.IsZero() {
			if err := due.Delete(dueKey(old.RemindAt, remindKind, old.ID)); err != nil {
				return err
			}
		}
	}
	if a.Status.Occupies() {
		if err := starts.Put(key(tkey(a.Start), a.ID), u64(tkey(a.End))); err != nil {
			return err
		}
	}
	if err := cust.Put(key(a.CustomerID, tkey(a.Start), a.ID), nil); err != nil {
		return err
	}
	if a.Status == fo.AptBooked && !a.RemindAt.IsZero() {
		if err := due.Put(dueKey(a.RemindAt, remindKind, a.ID), nil); err != nil {
			return err
		}
	}
	if err := putJSON(w.tx.Bucket(bAppointments), u64(a.ID), a); err != nil {
		return err
	}
	if old == nil {
		return w.audit(fo.AuditAppointment, auditID(a.ID), "create", nil, nil)
	}
	return w.audit(fo.AuditAppointment, auditID(a.ID), "change", *old, a)
}

// occupancyTx counts the cars holding a bay in each segment of [from, to)
// at now (WS-1, fo.Settings.Occupancy): the appointments that hold one,
// leaving out the appointment skip, and every car the shop has taken on —
// walk-ins waiting or called, jobs in the workshop, running over their
// estimate or across days. It reads the start index from (from − the
// longest service) to to — widened to the rest of today, around whose
// bookings the walk-ins are placed — and the active visits
// (activeVisitsTx), inside
// the caller's transaction, so a booking's check and its write see the
// same workshop.
func occupancyTx(tx *bolt.Tx, st *fo.Settings, now, from, to time.Time, skip uint64) (fo.Occupancy, error) {
	longest := 0
	for _, sv := range st.Services {
		longest = max(longest, sv.Minutes)
	}
	// Walk-ins are placed around the rest of today's bookings, so those
	// are read whatever period is asked about.
	if now.Before(from) {
		from = now
	}
	if tomorrow := fo.DayStart(now, st.Location()).AddDate(0, 0, 1); to.Before(tomorrow) {
		to = tomorrow
	}
	var apts []fo.Appointment
	c := tx.Bucket(bAptStart).Cursor()
	lo := key(tkey(from.Add(-time.Duration(longest) * time.Minute)))
	hi := tkey(to)
	for k, v := c.Seek(lo); k != nil && btou(k[:8]) < hi; k, v = c.Next() {
		id := btou(k[8:])
		if id == skip {
			continue
		}
		end := time.Unix(int64(btou(v)), 0)
		if end.After(from) {
			// The start index holds only appointments holding a bay.
			apts = append(apts, fo.Appointment{ID: id, Start: time.Unix(int64(btou(k[:8])), 0), End: end, Status: fo.AptBooked})
		}
	}
	visits, err := activeVisitsTx(tx)
	if err != nil {
		return nil, err
	}
	if apts, err = withVisitAppointments(tx, visits, apts); err != nil {
		return nil, err
	}
	return st.Occupancy(now, apts, visits), nil
}

// FreeSlots returns the slots at which serviceID can be booked now on each
// open day of the booking horizon (today to MaxDaysAhead), earliest first,
// in a workshop whose bays every car taken on counts against (WS-1,
// occupancyTx). Days without a free slot are left out. It reads the start
// index over the horizon and the active visits.
func (s *Store) FreeSlots(serviceID string) ([]fo.DaySlots, error) {
	return s.FreeSlotsExcept(serviceID, 0)
}

// FreeSlotsExcept is FreeSlots as if appointment skip held no bay: the
// slots an appointment can move to, its own time's neighbours included.
func (s *Store) FreeSlotsExcept(serviceID string, skip uint64) ([]fo.DaySlots, error) {
	return s.freeSlots(serviceID, skip, false)
}

// DeskFreeSlots is FreeSlotsExcept for the reception desk: slots inside the
// online lead time count too (fo.Settings.CheckSlotFor, APT-1).
func (s *Store) DeskFreeSlots(serviceID string, skip uint64) ([]fo.DaySlots, error) {
	return s.freeSlots(serviceID, skip, true)
}

func (s *Store) freeSlots(serviceID string, skip uint64, desk bool) ([]fo.DaySlots, error) {
	var out []fo.DaySlots
	now := s.now()
	err := s.db.View(func(tx *bolt.Tx) error {
		st, err := settingsTx(tx)
		if err != nil {
			return err
		}
		sv, ok := st.Service(serviceID)
		if !ok {
			return fo.Errorf(fo.EINVALID, "err.service")
		}
		days := st.BookableDays(now)
		if len(days) == 0 {
			return nil
		}
		occ, err := occupancyTx(tx, &st, now, days[0], days[len(days)-1].AddDate(0, 0, 1), skip)
		if err != nil {
			return err
		}
		for _, d := range days {
			if slots := st.FreeSlotsFor(now, d, sv, occ, desk); len(slots) > 0 {
				out = append(out, fo.DaySlots{Day: d, Slots: slots})
			}
		}
		return nil
	})
	return out, err
}

// Appointment returns the appointment with id, or ErrNotFound.
func (s *Store) Appointment(id uint64) (fo.Appointment, error) {
	var a fo.Appointment
	err := s.db.View(func(tx *bolt.Tx) error {
		return getJSON(tx.Bucket(bAppointments), u64(id), &a)
	})
	return a, err
}

// AppointmentByCode returns the appointment with a booking code, or
// ErrNotFound.
func (s *Store) AppointmentByCode(code string) (fo.Appointment, error) {
	var a fo.Appointment
	err := s.db.View(func(tx *bolt.Tx) error {
		id := tx.Bucket(bAptCode).Get([]byte(code))
		if id == nil {
			return fo.ErrNotFound
		}
		return getJSON(tx.Bucket(bAppointments), id, &a)
	})
	return a, err
}

// CustomerAppointments returns a customer's appointments starting at or
// after from, earliest first, in every status.
func (s *Store) CustomerAppointments(customerID uint64, from time.Time) ([]fo.Appointment, error) {
	var out []fo.Appointment
	err := s.db.View(func(tx *bolt.Tx) error {
		prefix := u64(customerID)
		c := tx.Bucket(bAptCust).Cursor()
		ab := tx.Bucket(bAppointments)
		for k, _ := c.Seek(key(customerID, tkey(from))); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			var a fo.Appointment
			if err := getJSON(ab, k[16:24], &a); err != nil {
				return err
			}
			out = append(out, a)
		}
		return nil
	})
	return out, err
}

// AppointmentsBetween returns the appointments holding a bay that start in
// [from, to), earliest first.
func (s *Store) AppointmentsBetween(from, to time.Time) ([]fo.Appointment, error) {
	var out []fo.Appointment
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bAptStart).Cursor()
		ab := tx.Bucket(bAppointments)
		for k, _ := c.Seek(key(tkey(from))); k != nil && btou(k[:8]) < tkey(to); k, _ = c.Next() {
			var a fo.Appointment
			if err := getJSON(ab, k[8:16], &a); err != nil {
				return err
			}
			out = append(out, a)
		}
		return nil
	})
	return out, err
}

// Reschedule moves an appointment atomically: the new slot is checked and
// taken in the same transaction that frees the old one, so a failed move
// leaves the old slot booked. The old reminder is dropped and a new one set
// (APT-5); the move is registered (APT-3), the customer told and the staff
// chat told the same day (APT-4).
func (s *Store) Reschedule(req fo.ChangeRequest) (fo.Appointment, error) {
	var a fo.Appointment
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		w.setBy(req.By)
		if done, err := idemGet(tx, req.Idem, &a); done || err != nil {
			return err
		}
		old, st, err := changeable(tx, req)
		if err != nil {
			return err
		}
		sv, _ := st.Service(old.ServiceID)
		start := req.Start.UTC()
		if start.Equal(old.Start) {
			a = old
			return nil
		}
		if err := st.CheckSlotFor(w.now, start, sv, req.Desk); err != nil {
			return err
		}
		end := start.Add(sv.Duration())
		occ, err := occupancyTx(tx, &st, w.now, start, end, old.ID)
		if err != nil {
			return err
		}
		if !occ.Fits(start, sv.Duration(), st.Bays) {
			return fo.ErrSlotTaken
		}
		a = old
		a.Start, a.End, a.UpdatedAt, a.Confirmed = start, end, w.now, w.now
		a.Sequence++ // the calendar file replaces the old event
		a.RemindAt = time.Time{}
		if at, ok := st.ReminderAt(start, w.now); ok {
			a.RemindAt = at
		}
		if err := w.dropQueued(fo.ReminderKey(old)); err != nil {
			return err
		}
		if err := w.putAppointment(a, &old); err != nil {
			return err
		}
		detail := fmt.Sprintf("%s → %s", old.Start.Format(time.RFC3339), start.Format(time.RFC3339))
		if err := w.register(bRegApt, fo.RegisterEntry{Action: "moved", Ref: a.ID, Code: a.Code, By: req.By, Detail: detail}); err != nil {
			return err
		}
		if err := w.enqueue(fo.MoveMessages(&st, a, old, req.ReplyKey)...); err != nil {
			return err
		}
		return idemPut(tx, req.Idem, a)
	})
	return a, err
}

// Cancel cancels an appointment: its bay is freed, its reminder dropped, the
// cancellation registered (APT-3), the customer and the staff chat told
// (APT-4). Cancelling a cancelled appointment is ErrNotAllowed.
func (s *Store) Cancel(req fo.ChangeRequest) (fo.Appointment, error) {
	var a fo.Appointment
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		w.setBy(req.By)
		if done, err := idemGet(tx, req.Idem, &a); done || err != nil {
			return err
		}
		old, st, err := changeable(tx, req)
		if err != nil {
			return err
		}
		a = old
		a.Status, a.UpdatedAt, a.RemindAt = fo.AptCancelled, w.now, time.Time{}
		a.Sequence++ // the calendar file cancels the event
		if err := w.dropQueued(fo.ReminderKey(old)); err != nil {
			return err
		}
		if err := w.putAppointment(a, &old); err != nil {
			return err
		}
		if err := w.register(bRegApt, fo.RegisterEntry{Action: "cancelled", Ref: a.ID, Code: a.Code, By: req.By, Detail: req.Reason}); err != nil {
			return err
		}
		if err := w.enqueue(fo.CancelMessages(&st, a, req.ReplyKey)...); err != nil {
			return err
		}
		return idemPut(tx, req.Idem, a)
	})
	return a, err
}

// changeable loads the appointment of req and checks that it may change:
// it exists, belongs to req.CustomerID when that is set, and is still
// booked.
func changeable(tx *bolt.Tx, req fo.ChangeRequest) (fo.Appointment, fo.Settings, error) {
	var a fo.Appointment
	if err := getJSON(tx.Bucket(bAppointments), u64(req.ID), &a); err != nil {
		return a, fo.Settings{}, err
	}
	if req.CustomerID != 0 && a.CustomerID != req.CustomerID {
		return a, fo.Settings{}, fo.ErrNotFound // never confirm another's booking exists
	}
	if a.Status != fo.AptBooked {
		return a, fo.Settings{}, fo.Errorf(fo.ECONFLICT, "err.apt.state")
	}
	st, err := settingsTx(tx)
	return a, st, err
}

// SetAppointmentStatus moves a booked appointment to checked_in or no_show
// (or back to booked), registering the change (APT-3). A no-show frees its
// bay.
func (s *Store) SetAppointmentStatus(id uint64, status fo.AppointmentStatus, by string) (fo.Appointment, error) {
	var a fo.Appointment
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		w.setBy(by)
		var old fo.Appointment
		if err := getJSON(tx.Bucket(bAppointments), u64(id), &old); err != nil {
			return err
		}
		if old.Status == fo.AptCancelled || old.Status == status {
			return fo.Errorf(fo.ECONFLICT, "err.apt.state")
		}
		a = old
		a.Status, a.UpdatedAt = status, w.now
		if status != fo.AptBooked {
			a.RemindAt = time.Time{}
		}
		if err := w.putAppointment(a, &old); err != nil {
			return err
		}
		return w.register(bRegApt, fo.RegisterEntry{Action: string(status), Ref: a.ID, Code: a.Code, By: by})
	})
	return a, err
}

// register appends an entry to a register bucket.
func (w *writer) register(bucket []byte, e fo.RegisterEntry) error {
	b := w.tx.Bucket(bucket)
	seq, err := nextID(b)
	if err != nil {
		return err
	}
	if e.At.IsZero() {
		e.At = w.now
	}
	return putJSON(b, key(tkey(e.At), seq), e)
}

// Register returns the entries of the appointment register (APT-3) written
// in [from, to), oldest first.
func (s *Store) Register(from, to time.Time) ([]fo.RegisterEntry, error) {
	return s.registerRange(bRegApt, from, to)
}

func (s *Store) registerRange(bucket []byte, from, to time.Time) ([]fo.RegisterEntry, error) {
	var out []fo.RegisterEntry
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucket).Cursor()
		for k, v := c.Seek(key(tkey(from))); k != nil && btou(k[:8]) < tkey(to); k, v = c.Next() {
			var e fo.RegisterEntry
			if err := json.Unmarshal(v, &e); err != nil {
				return err
			}
			out = append(out, e)
		}
		return nil
	})
	return out, err
}
