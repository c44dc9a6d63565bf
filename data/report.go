package data

// What the printed forms and the business statistics read (REP-1, REP-3,
// FU-8). These methods read the buckets of data/visit.go,
// data/appointment.go and the after-sales files through their indexes, and
// the visit_end index kept here: a visit delivered or left is indexed by
// the time it ended and settled, with the figures the statistics count, in
// the same transaction as its settlement (indexEnd), so that a period's
// report reads the visits received in it (visit_day) and those ended in it
// (visit_end), and nothing around it.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// noShowLookAhead is how long after a period's end a no-show may be marked
// and still count as a missed appointment of the period: staff mark
// no-shows on the day, from the console's list of today's appointments.
const noShowLookAhead = 31 * 24 * time.Hour

// BusinessStats returns the business statistics of the report of kind that
// holds day (REP-1), counted from the records as of now in one read: the
// visits checked in during the period (the visit_day index) and those
// delivered or left in it with their settlements (the visit_end index), the appointments starting in the period (the
// apt_start index, and the no-shows from the appointment register), the
// vehicles of the visits received, and the period's after-sales figures:
// the counts of the supervisor's monthly summary (FU-8) over the period
// (fo.SummarizeAfterSales) from the calls, complaints and surveys of the
// period and the weeks before it — for a calendar month, equal to
// MonthlySummary's, at a third of its cost (only the fields counted are
// decoded).
func (s *Store) BusinessStats(kind fo.ReportKind, day time.Time) (fo.BusinessStats, error) {
	var b fo.BusinessStats
	err := s.db.View(func(tx *bolt.Tx) error {
		st, err := settingsTx(tx)
		if err != nil {
			return err
		}
		b, err = businessStatsTx(tx, &st, kind, day, s.now())
		return err
	})
	return b, err
}

func businessStatsTx(tx *bolt.Tx, st *fo.Settings, kind fo.ReportKind, day, now time.Time) (fo.BusinessStats, error) {
	loc := st.Location()
	from, to := fo.ReportPeriod(kind, day, loc)
	recs := fo.ReportRecords{VehicleTypes: map[uint64]string{}}
	var err error
	if recs.Visits, err = reportVisitsTx(tx, from, to, loc); err != nil {
		return fo.BusinessStats{}, err
	}
	vb := tx.Bucket(bVehicles)
	for _, v := range recs.Visits {
		if _, ok := recs.VehicleTypes[v.VehicleID]; ok || v.CheckedInAt.Before(from) {
			continue
		}
		var veh struct {
			Type string `json:"type"`
		}
		if raw := vb.Get(u64(v.VehicleID)); raw != nil {
			// A quick look at the key (a vehicle has no nested record),
			// decoding only a type that is not plain.
			t, ok := jsonPlain(raw, `"type":"`)
			if !ok {
				if err := json.Unmarshal(raw, &veh); err != nil {
					return fo.BusinessStats{}, fmt.Errorf("vehicle %d: %w", v.VehicleID, err)
				}
				t = veh.Type
			}
			veh.Type = t
		}
		recs.VehicleTypes[v.VehicleID] = veh.Type
	}
	if recs.Appointments, err = reportAppointmentsTx(tx, from, to, now); err != nil {
		return fo.BusinessStats{}, err
	}
	// The counts of the supervisor's monthly summary (FU-8) over the
	// period; for a calendar month they equal MonthlySummary's (tested).
	if recs.AfterSales, err = afterSalesTx(tx, from, to, loc); err != nil {
		return fo.BusinessStats{}, err
	}
	b := st.Stats(kind, day, now, recs)
	b.Network, err = networkStatsTx(tx, st, b.From, b.To) // NET-2, NET-3: data/report_station.go
	return b, err
}

// SendReport puts the business statistics of the report of kind holding
// day in the outbox for the supervisors (REP-1): one message per chat,
// its text the main figures (fo.ReportText) and its document the report's
// PDF, printed when sent (Document{Kind: "report-<kind>", Ref: YYYYMMDD}).
// It goes to the private chat of every supervisor on Telegram, or to the
// staff chats when no supervisor is. Message keys name the kind, the day
// and the chat, so sending the same report again adds nothing. On a closed
// date (a holiday) a daily report with no records is not sent. It returns
// the statistics.
func (s *Store) SendReport(kind fo.ReportKind, day time.Time) (fo.BusinessStats, error) {
	var b fo.BusinessStats
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		st, err := settingsTx(tx)
		if err != nil {
			return err
		}
		if b, err = businessStatsTx(tx, &st, kind, day, w.now); err != nil {
			return err
		}
		if kind == fo.ReportDaily && b.Empty() && st.IsClosedDate(day) {
			return nil
		}
		return w.enqueue(fo.ReportMessages(&st, kind, day, b)...)
	})
	return b, err
}

// reportVisitsTx returns the visits a report of [from, to) counts, one
// record each: those checked in on its days in loc (the visit_day index;
// only their vehicle, service and check-in time are read, by a quick look
// at the record's JSON) and those that ended and settled in it (the
// visit_end index, whose values hold the figures).
func reportVisitsTx(tx *bolt.Tx, from, to time.Time, loc *time.Location) ([]fo.Visit, error) {
	out := make([]fo.Visit, 0, 4096)
	at := map[uint64]int{}
	ec := tx.Bucket(bVisitEnd).Cursor()
	for k, raw := ec.Seek(key(tkey(from))); k != nil && btou(k[:8]) < tkey(to); k, raw = ec.Next() {
		var f visitFigures
		if err := f.unmarshal(raw); err != nil {
			return nil, fmt.Errorf("visit %d in the end index: %w", btou(k[8:]), err)
		}
		at[f.ID] = len(out)
		out = append(out, f.visit())
	}
	lo := []byte(from.In(loc).Format(time.DateOnly))
	hi := []byte(to.In(loc).Format(time.DateOnly))
	vb := tx.Bucket(bVisits)
	c := tx.Bucket(bVisitDay).Cursor()
	for k, _ := c.Seek(lo); k != nil && len(k) == len(lo)+8 && bytes.Compare(k[:len(lo)], hi) < 0; k, _ = c.Next() {
		id := btou(k[len(lo):])
		if _, ok := at[id]; ok {
			continue // ended in the period: its figures hold the check-in
		}
		raw := vb.Get(k[len(lo):])
		if raw == nil {
			return nil, fmt.Errorf("visit %d in the day index is missing", id)
		}
		v, err := receivedFigures(raw)
		if err != nil {
			return nil, fmt.Errorf("visit %d: %w", id, err)
		}
		v.ID = id
		out = append(out, v)
	}
	return out, nil
}

// reportAppointmentsTx returns the appointments starting in [from, to)
// that hold a bay (the apt_start index) and those marked no-show (the
// appointment register, from the period's start to noShowLookAhead after
// its end, up to now).
func reportAppointmentsTx(tx *bolt.Tx, from, to, now time.Time) ([]fo.Appointment, error) {
	ab := tx.Bucket(bAppointments)
	var out []fo.Appointment
	c := tx.Bucket(bAptStart).Cursor()
	for k, _ := c.Seek(key(tkey(from))); k != nil && btou(k[:8]) < tkey(to); k, _ = c.Next() {
		a, err := appointmentCounts(ab, btou(k[8:16]))
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	end := to.Add(noShowLookAhead)
	if now.Before(end) {
		end = now.Add(time.Second)
	}
	rc := tx.Bucket(bRegApt).Cursor()
	for k, v := rc.Seek(key(tkey(from))); k != nil && btou(k[:8]) < tkey(end); k, v = rc.Next() {
		// A quick look at the action first: most entries are not no-shows.
		if act, ok := jsonPlain(v, `"action":"`); ok && act != "" && act != string(fo.AptNoShow) {
			continue
		}
		var e fo.RegisterEntry
		if err := json.Unmarshal(v, &e); err != nil {
			return nil, fmt.Errorf("appointment register: %w", err)
		}
		if e.Action != string(fo.AptNoShow) {
			continue
		}
		a, err := appointmentCounts(ab, e.Ref)
		if err != nil {
			return nil, err
		}
		if a.Status == fo.AptNoShow && !a.Start.Before(from) && a.Start.Before(to) {
			out = append(out, a)
		}
	}
	return out, nil
}

// appointmentCounts reads what the statistics count of appointment id —
// its start and status (fo.Settings.Stats) — by a quick look at the keys
// of its record (an appointment holds no nested record), decoding it
// when a value is not plain.
func appointmentCounts(ab *bolt.Bucket, id uint64) (fo.Appointment, error) {
	raw := ab.Get(u64(id))
	if raw == nil {
		return fo.Appointment{}, fmt.Errorf("appointment %d: %w", id, fo.ErrNotFound)
	}
	start, ok1 := jsonTime(raw, `"start":"`)
	status, ok2 := jsonPlain(raw, `"status":"`)
	if ok1 && ok2 && status != "" {
		return fo.Appointment{ID: id, Start: start, Status: fo.AppointmentStatus(status)}, nil
	}
	var a fo.Appointment
	if err := jsonUnmarshal(raw, &a); err != nil {
		return a, fmt.Errorf("appointment %d: %w", id, err)
	}
	return a, nil
}

// VisitRecord returns, in one read, the visit with id, its customer and its
// vehicle: what the visit's forms print (work order, additional work,
// settlement, exit notice, service card). A visit that does not exist is
// ErrNotFound; a customer or vehicle record that is gone reads as empty.
func (s *Store) VisitRecord(id uint64) (fo.Visit, fo.Customer, fo.Vehicle, error) {
	var (
		v   fo.Visit
		c   fo.Customer
		veh fo.Vehicle
	)
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		if v, err = getVisit(tx, id); err != nil {
			return err
		}
		withImages(tx, &v) // INT-4: the signatures printed
		if err := getJSON(tx.Bucket(bCustomers), u64(v.CustomerID), &c); err != nil && !errors.Is(err, fo.ErrNotFound) {
			return err
		}
		if err := getJSON(tx.Bucket(bVehicles), u64(v.VehicleID), &veh); err != nil && !errors.Is(err, fo.ErrNotFound) {
			return err
		}
		return nil
	})
	return v, c, veh, err
}
