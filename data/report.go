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
	floor := from.AddDate(0, 0, -callLookBack)
	c := tx.Bucket(bCalls).Cursor()
	calls := make([]fo.CallCount, 0, 4096)
	for k, v := c.Last(); k != nil; k, v = c.Prev() {
		// A quick look at the keys first (see jsonTime): the window's
		// close sits near the record's start. A call closing before the
		// floor was made before it, and so were all older ones (ids grow
		// with time, a call closes after it is made): the walk ends. One
		// closing outside the period is not read further.
		closes, ok := jsonTime(v, `"closes":"`)
		if ok && closes.Before(floor) {
			break
		}
		if ok && (!closes.After(from) || closes.After(to)) {
			continue
		}
		// Only what the counts read: decoding the calls' attempts and
		// notes cost most of a month's report. A call whose record does
		// not read so is decoded.
		kind, ok1 := jsonPlain(v, `"kind":"`)
		status, ok2 := jsonPlain(v, `"status":"`)
		opens, ok3 := jsonTime(v, `"opens":"`)
		done, _ := jsonTime(v, `"done_at":"`)
		if !(ok && ok1 && ok2 && ok3) {
			var f fo.Call
			if err := jsonUnmarshal(v, &f); err != nil {
				return fo.MonthlySummary{}, fmt.Errorf("call %d: %w", btou(k), err)
			}
			kind, status, opens, closes, done = string(f.Kind), string(f.Status), f.Opens, f.Closes, f.DoneAt
		}
		calls = append(calls, fo.CallCount{ID: btou(k), Kind: fo.CallKind(kind), Status: fo.CallStatus(status),
			Opens: opens, Closes: closes, DoneAt: done})
	}
	cmps, err := complaintCountsTx(tx, from, to.AddDate(0, 0, -1), loc)
	if err != nil {
		return fo.MonthlySummary{}, err
	}
	svs, err := surveysDoneTx(tx, from, to)
	if err != nil {
		return fo.MonthlySummary{}, err
	}
	return fo.SummarizeCounts(from, to, loc, calls, cmps, svs), nil
}

// surveyCounts reads a survey's status, answer and creation times and
// scores by a quick look at the keys (a survey holds no nested record
// before its scores); ok is false when any is not plain.
func surveyCounts(raw []byte) (fo.Survey, bool) {
	st, ok1 := jsonPlain(raw, `"status":"`)
	done, ok2 := jsonTime(raw, `"done_at":"`)
	created, ok3 := jsonTime(raw, `"created_at":"`)
	i := bytes.Index(raw, []byte(`"scores":[`))
	if !ok1 || !ok2 || !ok3 || i < 0 {
		return fo.Survey{}, false
	}
	sv := fo.Survey{Status: fo.SurveyStatus(st), DoneAt: done, CreatedAt: created}
	rest := raw[i+len(`"scores":[`):]
	for q := range fo.Questions {
		n, j := 0, 0
		for ; j < len(rest) && rest[j] >= '0' && rest[j] <= '9'; j++ {
			n = n*10 + int(rest[j]-'0')
		}
		if j == 0 || j >= len(rest) || (q < fo.Questions-1 && rest[j] != ',') || (q == fo.Questions-1 && rest[j] != ']') {
			return fo.Survey{}, false
		}
		sv.Scores[q] = n
		rest = rest[j+1:]
	}
	return sv, true
}

// complaintCountsTx returns the complaints filed on the days from through
// last in loc (the ticket index, as complaintsFiledTx reads it) with only
// what SummarizeAfterSales counts — id, category, status, filing, first
// deadline and answer, verdict — read by a quick look at the keys before
// the complaint's history; one that does not read so is decoded.
func complaintCountsTx(tx *bolt.Tx, from, last time.Time, loc *time.Location) ([]fo.Complaint, error) {
	lo := []byte("T" + from.In(loc).Format("20060102"))
	hi := []byte("T" + last.In(loc).Format("20060102") + "\xff")
	var out []fo.Complaint
	b := tx.Bucket(bComplaints)
	c := b.Cursor()
	for k, id := c.Seek(lo); k != nil && bytes.Compare(k, hi) < 0 && k[0] == 'T'; k, id = c.Next() {
		raw := b.Get(id)
		if raw == nil {
			return nil, fmt.Errorf("complaint %d: %w", btou(id), fo.ErrNotFound)
		}
		head := raw
		if i := bytes.Index(raw, []byte(`"history":`)); i >= 0 {
			head = raw[:i]
		}
		cat, ok1 := jsonPlain(head, `"category":"`)
		st, ok2 := jsonPlain(head, `"status":"`)
		verdict, ok3 := jsonPlain(head, `"verdict":"`)
		filed, ok4 := jsonTime(head, `"filed_at":"`)
		due, ok5 := jsonTime(head, `"first_due_at":"`)
		answered, _ := jsonTime(head, `"first_answered_at":"`)
		if ok1 && ok2 && ok3 && ok4 && ok5 {
			out = append(out, fo.Complaint{ID: btou(id), Category: cat, Status: fo.ComplaintStatus(st), Verdict: verdict,
				FiledAt: filed, FirstDueAt: due, FirstAnsweredAt: answered})
			continue
		}
		one, err := getComplaint(tx, btou(id))
		if err != nil {
			return nil, err
		}
		out = append(out, one)
	}
	return out, nil
}

// surveysDoneTx returns the surveys made since surveyLookBack days before
// [from, to) that were answered in it — what SummarizeAfterSales counts —
// walking them newest first as eachRecentSurvey does, and decoding only
// those whose status and answer time (a quick look at the keys) say so.
func surveysDoneTx(tx *bolt.Tx, from, to time.Time) ([]fo.SurveyCount, error) {
	floor := from.AddDate(0, 0, -surveyLookBack)
	var out []fo.SurveyCount
	c := tx.Bucket(bSurveys).Cursor()
	k, v := c.Seek([]byte("V"))
	if k == nil {
		k, v = c.Last()
	} else {
		k, v = c.Prev()
	}
	for ; k != nil; k, v = c.Prev() {
		if t, ok := jsonTime(v, `"created_at":"`); ok && t.Before(floor) {
			break
		}
		if st, ok := jsonPlain(v, `"status":"`); ok && st != string(fo.SurveyDone) {
			continue
		}
		if t, ok := jsonTime(v, `"done_at":"`); ok && (t.Before(from) || !t.Before(to)) {
			continue
		}
		// What the counts read: the status, the answer time and the
		// scores (before any comment); decoded when not plain.
		if sv, ok := surveyCounts(v); ok {
			out = append(out, fo.SurveyCount{ID: btou(k), Status: sv.Status, DoneAt: sv.DoneAt, Scores: sv.Scores})
			continue
		}
		var sv fo.Survey
		if err := jsonUnmarshal(v, &sv); err != nil {
			return nil, fmt.Errorf("survey %d: %w", btou(k), err)
		}
		if sv.CreatedAt.Before(floor) {
			break
		}
		out = append(out, fo.SurveyCount{ID: sv.ID, Status: sv.Status, DoneAt: sv.DoneAt, Scores: sv.Scores})
	}
	return out, nil
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
