package data

// What the printed forms and the business statistics read (REP-1, REP-3,
// FU-8). These methods read the buckets of data/visit.go,
// data/appointment.go and the after-sales files through their indexes; they
// add no bucket of their own.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// settleLookBack is how many days before a report's period the visits are
// read whose settlement, delivery or departure may fall in the period: a
// job checked in earlier and settled in the period counts in the period's
// money (REP-1). A work order promises at most 60 days
// (fo.WorkOrder.Validate); a visit settled more than settleLookBack days
// after its check-in would be left out of the money.
const settleLookBack = 62

// noShowLookAhead is how long after a period's end a no-show may be marked
// and still count as a missed appointment of the period: staff mark
// no-shows on the day, from the console's list of today's appointments.
const noShowLookAhead = 31 * 24 * time.Hour

// BusinessStats returns the business statistics of the report of kind that
// holds day (REP-1), counted from the records as of now in one read: the
// visits checked in from settleLookBack days before the period to its end
// (the visit_day index), the appointments starting in the period (the
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
	if recs.Visits, err = reportVisitsTx(tx, from.AddDate(0, 0, -settleLookBack), from, to, loc); err != nil {
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
			if err := json.Unmarshal(raw, &veh); err != nil {
				return fo.BusinessStats{}, fmt.Errorf("vehicle %d: %w", v.VehicleID, err)
			}
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
	return st.Stats(kind, day, now, recs), nil
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

// visitFigures is the part of a visit the statistics count; decoding only
// it skips the work order's allocation.
type visitFigures struct {
	ID          uint64         `json:"id"`
	VehicleID   uint64         `json:"vehicle_id"`
	ServiceID   string         `json:"service_id"`
	Status      fo.VisitStatus `json:"status"`
	CheckedInAt time.Time      `json:"checked_in_at"`
	DeliveredAt time.Time      `json:"delivered_at"`
	LeftAt      time.Time      `json:"left_at"`
	Settlement  *fo.Settlement `json:"settlement"`
}

// reportVisitsTx returns the figures of the visits checked in on the days
// of [from, to) in loc, from the visit_day index, leaving out those checked
// in before since that did not leave the shop or settle from since on: the
// look-back days before a period are read for the jobs that ended in it.
func reportVisitsTx(tx *bolt.Tx, from, since, to time.Time, loc *time.Location) ([]fo.Visit, error) {
	lo := []byte(from.In(loc).Format(time.DateOnly))
	mid := []byte(since.In(loc).Format(time.DateOnly))
	hi := []byte(to.In(loc).Format(time.DateOnly))
	vb := tx.Bucket(bVisits)
	var out []fo.Visit
	c := tx.Bucket(bVisitDay).Cursor()
	for k, _ := c.Seek(lo); k != nil && len(k) == len(lo)+8 && bytes.Compare(k[:len(lo)], hi) < 0; k, _ = c.Next() {
		id := k[len(lo):]
		raw := vb.Get(id)
		if raw == nil {
			return nil, fmt.Errorf("visit %d in the day index is missing", btou(id))
		}
		if bytes.Compare(k[:len(lo)], mid) < 0 && !endsSince(raw, since) {
			continue
		}
		var f visitFigures
		if err := json.Unmarshal(raw, &f); err != nil {
			return nil, fmt.Errorf("visit %d: %w", btou(id), err)
		}
		out = append(out, fo.Visit{ID: f.ID, VehicleID: f.VehicleID, ServiceID: f.ServiceID, Status: f.Status,
			CheckedInAt: f.CheckedInAt, DeliveredAt: f.DeliveredAt, LeftAt: f.LeftAt, Settlement: f.Settlement})
	}
	return out, nil
}

// jsonTime returns the time that follows key (`"name":"`) in raw, the
// JSON of a record written by encoding/json, whose keys are quoted and
// whose string values escape quotes, so that key matches only a key. ok is
// false when the key is missing or its time unreadable.
func jsonTime(raw []byte, key string) (time.Time, bool) {
	i := bytes.Index(raw, []byte(key))
	if i < 0 {
		return time.Time{}, false
	}
	rest := raw[i+len(key):]
	j := bytes.IndexByte(rest, '"')
	if j < 0 {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339Nano, string(rest[:j]))
	return t, err == nil
}

// endsSince reports whether a visit's JSON may hold a delivery, a
// departure or a settlement at or after since: a quick look for those
// times' keys that spares decoding the visits of the look-back days that
// ended before a period. Anything it cannot read counts as maybe.
func endsSince(raw []byte, since time.Time) bool {
	check := func(b []byte, key string) bool {
		if !bytes.Contains(b, []byte(key)) {
			return false
		}
		t, ok := jsonTime(b, key)
		return !ok || !t.Before(since)
	}
	if check(raw, `"delivered_at":"`) || check(raw, `"left_at":"`) {
		return true
	}
	if i := bytes.Index(raw, []byte(`"settlement":{`)); i >= 0 {
		return check(raw[i:], `"at":"`)
	}
	return false
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
		var a fo.Appointment
		if err := getJSON(ab, k[8:16], &a); err != nil {
			return nil, fmt.Errorf("appointment %d: %w", btou(k[8:16]), err)
		}
		out = append(out, a)
	}
	end := to.Add(noShowLookAhead)
	if now.Before(end) {
		end = now.Add(time.Second)
	}
	rc := tx.Bucket(bRegApt).Cursor()
	for k, v := rc.Seek(key(tkey(from))); k != nil && btou(k[:8]) < tkey(end); k, v = rc.Next() {
		var e fo.RegisterEntry
		if err := json.Unmarshal(v, &e); err != nil {
			return nil, fmt.Errorf("appointment register: %w", err)
		}
		if e.Action != string(fo.AptNoShow) {
			continue
		}
		var a fo.Appointment
		if err := getJSON(ab, u64(e.Ref), &a); err != nil {
			return nil, fmt.Errorf("appointment %d: %w", e.Ref, err)
		}
		if a.Status == fo.AptNoShow && !a.Start.Before(from) && a.Start.Before(to) {
			out = append(out, a)
		}
	}
	return out, nil
}

// afterSalesTx counts the after-sales figures of [from, to) (FU-8 counts,
// fo.SummarizeAfterSales): the calls made since callLookBack days before
// the period (newest first, ids grow with time), the complaints filed on
// its days (the ticket index) and the surveys made since surveyLookBack
// days before it.
func afterSalesTx(tx *bolt.Tx, from, to time.Time, loc *time.Location) (fo.MonthlySummary, error) {
	var calls []fo.Call
	floor := from.AddDate(0, 0, -callLookBack)
	c := tx.Bucket(bCalls).Cursor()
	for k, v := c.Last(); k != nil; k, v = c.Prev() {
		// A quick look first: a call made before the floor ends the walk,
		// one whose window closes outside the period is not decoded.
		if t, ok := jsonTime(v, `"created_at":"`); ok && t.Before(floor) {
			break
		}
		if t, ok := jsonTime(v, `"closes":"`); ok && (!t.After(from) || t.After(to)) {
			continue
		}
		// Only what the counts read: decoding a call's attempts and notes
		// would double the cost of a month's report.
		var f struct {
			ID        uint64        `json:"id"`
			Kind      fo.CallKind   `json:"kind"`
			Status    fo.CallStatus `json:"status"`
			Opens     time.Time     `json:"opens"`
			Closes    time.Time     `json:"closes"`
			DoneAt    time.Time     `json:"done_at"`
			CreatedAt time.Time     `json:"created_at"`
		}
		if err := jsonUnmarshal(v, &f); err != nil {
			return fo.MonthlySummary{}, fmt.Errorf("call %d: %w", btou(k), err)
		}
		if f.CreatedAt.Before(floor) {
			break
		}
		calls = append(calls, fo.Call{ID: f.ID, Kind: f.Kind, Status: f.Status, Window: fo.Window{Opens: f.Opens, Closes: f.Closes},
			DoneAt: f.DoneAt, CreatedAt: f.CreatedAt})
	}
	cmps, err := complaintsFiledTx(tx, from, to.AddDate(0, 0, -1))
	if err != nil {
		return fo.MonthlySummary{}, err
	}
	var svs []fo.Survey
	err = eachRecentSurvey(tx, from.AddDate(0, 0, -surveyLookBack), func(sv fo.Survey) { svs = append(svs, sv) })
	if err != nil {
		return fo.MonthlySummary{}, err
	}
	return fo.SummarizeAfterSales(from, to, loc, calls, cmps, svs), nil
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
