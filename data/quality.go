package data

// Quality information (REP-2).
//
// Bucket and key layout:
//
//	quality      id → JSON fo.QualityFeedback
//	quality_at   time | id → empty (the report reads its period)
//	quality_open id → empty (open problems, listed until resolved)
//	quality_ref  source 0x00 ref → id (staff's classification of a
//	             complaint: "complaint" 0x00 ticket, ClassifyComplaint)

import (
	"fmt"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// putQuality stores q, giving it an ID and At when it has none, and keeps
// the indexes; it returns q as stored. Field jobs (FLD-5), complaints and
// stations (NET-3) record their feedback through it in their own
// transaction.
func (w *writer) putQuality(q fo.QualityFeedback) (fo.QualityFeedback, error) {
	b := w.tx.Bucket(bQuality)
	if q.ID == 0 {
		id, err := nextID(b)
		if err != nil {
			return q, err
		}
		q.ID = id
		if q.At.IsZero() {
			q.At = w.now
		}
		if err := w.tx.Bucket(bQualityAt).Put(key(tkey(q.At), q.ID), nil); err != nil {
			return q, err
		}
	}
	if err := putJSON(b, u64(q.ID), q); err != nil {
		return q, err
	}
	open := w.tx.Bucket(bQualityOpen)
	if q.Open {
		return q, open.Put(u64(q.ID), nil)
	}
	return q, open.Delete(u64(q.ID))
}

// getQuality reads feedback id; fo.ErrNotFound when there is none.
func getQuality(tx *bolt.Tx, id uint64) (fo.QualityFeedback, error) {
	var q fo.QualityFeedback
	err := getJSON(tx.Bucket(bQuality), u64(id), &q)
	return q, err
}

// qualityRefKey is the quality_ref key of the feedback of source about
// ref (a complaint's ticket).
func qualityRefKey(source, ref string) []byte {
	return append(append([]byte(source), 0), ref...)
}

// QualityReport returns the quality information report of [from, to)
// (REP-2) as of now, in one read: the feedback recorded in the period
// (the quality_at index), the complaints filed on its days (the ticket
// index) with the service of each one's visit, every open problem (the
// quality_open index) and the names of the stations counted.
func (s *Store) QualityReport(from, to time.Time) (fo.QualityReport, error) {
	var r fo.QualityReport
	err := s.db.View(func(tx *bolt.Tx) error {
		st, err := settingsTx(tx)
		if err != nil {
			return err
		}
		r, err = qualityReportTx(tx, &st, "", from, to, s.now())
		return err
	})
	return r, err
}

func qualityReportTx(tx *bolt.Tx, st *fo.Settings, kind fo.ReportKind, from, to, now time.Time) (fo.QualityReport, error) {
	recs := fo.QualityRecords{Products: map[uint64]string{}, Stations: map[uint64]string{}}
	qb := tx.Bucket(bQuality)
	c := tx.Bucket(bQualityAt).Cursor()
	for k, _ := c.Seek(key(tkey(from))); k != nil && btou(k[:8]) < tkey(to); k, _ = c.Next() {
		var q fo.QualityFeedback
		if err := getJSON(qb, k[8:16], &q); err != nil {
			return fo.QualityReport{}, fmt.Errorf("quality feedback %d: %w", btou(k[8:16]), err)
		}
		recs.Feedback = append(recs.Feedback, q)
	}
	if to.After(from) {
		cmps, err := complaintsFiledTx(tx, from, to.Add(-time.Nanosecond))
		if err != nil {
			return fo.QualityReport{}, err
		}
		vb := tx.Bucket(bVisits)
		for _, cm := range cmps {
			recs.Complaints = append(recs.Complaints, cm)
			if cm.VisitID == 0 {
				continue
			}
			if raw := vb.Get(u64(cm.VisitID)); raw != nil {
				if v, err := receivedFigures(raw); err == nil && v.ServiceID != "" {
					recs.Products[cm.ID] = v.ServiceID
				}
			}
		}
	}
	err := tx.Bucket(bQualityOpen).ForEach(func(k, _ []byte) error {
		q, err := getQuality(tx, btou(k))
		if err != nil {
			return fmt.Errorf("open quality problem %d: %w", btou(k), err)
		}
		recs.Open = append(recs.Open, q)
		return nil
	})
	if err != nil {
		return fo.QualityReport{}, err
	}
	name := func(id uint64) {
		if _, ok := recs.Stations[id]; id == 0 || ok {
			return
		}
		if stn, err := getStation(tx, id); err == nil {
			recs.Stations[id] = stn.Name
		} else {
			recs.Stations[id] = ""
		}
	}
	for _, q := range recs.Feedback {
		name(q.StationID)
	}
	for _, q := range recs.Open {
		name(q.StationID)
	}
	for _, cm := range recs.Complaints {
		name(cm.StationID)
	}
	return fo.BuildQualityReport(kind, from, to, now, recs), nil
}

// SendQualityReport puts the quality report of the period of kind
// (weekly or monthly, fo.ReportPeriod) holding day in the outbox for the
// quality department (REP-2, fo.QualityMessages): one message per chat
// with its PDF, keyed by the period, so sending it again adds nothing.
// It returns the report.
func (s *Store) SendQualityReport(kind fo.ReportKind, day time.Time) (fo.QualityReport, error) {
	var r fo.QualityReport
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		st, err := settingsTx(tx)
		if err != nil {
			return err
		}
		from, to := fo.ReportPeriod(kind, day, st.Location())
		if r, err = qualityReportTx(tx, &st, kind, from, to, w.now); err != nil {
			return err
		}
		return w.enqueue(fo.QualityMessages(&st, r)...)
	})
	return r, err
}

// AddQuality records feedback staff enter on the console (REP-2): q is
// validated (fo.QualityFeedback.Validate), dated now, open unless said
// otherwise by the caller, and stored with its indexes. It returns q as
// stored.
func (s *Store) AddQuality(q fo.QualityFeedback, by string) (fo.QualityFeedback, error) {
	if err := q.Validate(); err != nil {
		return q, err
	}
	q.ID, q.At, q.By, q.ResolvedAt, q.Resolution = 0, time.Time{}, by, time.Time{}, ""
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		var err error
		q, err = w.putQuality(q)
		return err
	})
	return q, err
}

// ResolveQuality closes open problem id with resolution by by (REP-2):
// it leaves the open-problem list. ErrNotFound when there is no such
// feedback; a problem already resolved is an ECONFLICT *Error.
func (s *Store) ResolveQuality(id uint64, resolution, by string) (fo.QualityFeedback, error) {
	var q fo.QualityFeedback
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		var err error
		if q, err = getQuality(tx, id); err != nil {
			return err
		}
		if err := q.Resolve(resolution, by, w.now); err != nil {
			return err
		}
		q, err = w.putQuality(q)
		return err
	})
	return q, err
}

// ClassifyComplaint records staff's classification of the complaint with
// ticket (REP-2): its feedback of source "complaint", dated when it was
// filed so that it counts in the filing's period instead of the
// complaint's default class, with product and, when open, on the
// open-problem list. Classifying again changes the same record. An
// unknown ticket is ErrNotFound; a bad class or product an EINVALID
// *Error.
func (s *Store) ClassifyComplaint(ticket string, class fo.QualityClass, product string, open bool, by string) (fo.QualityFeedback, error) {
	var q fo.QualityFeedback
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		t := fo.NormalizeTicket(ticket)
		if t == "" {
			return fo.ErrNotFound
		}
		n, _ := strconv.Atoi(t[len("TS-20261127-"):])
		id := tx.Bucket(bComplaints).Get(ticketKey(t[3:11], n))
		if id == nil {
			return fo.ErrNotFound
		}
		c, err := getComplaint(tx, btou(id))
		if err != nil {
			return err
		}
		q = fo.ComplaintFeedback(c, product)
		q.Class, q.Open, q.By = class, open, by
		if !open {
			q.ResolvedAt, q.Resolution = time.Time{}, ""
		}
		if err := q.Validate(); err != nil {
			return err
		}
		refs := tx.Bucket(bQualityRef)
		rk := qualityRefKey(fo.QualitySourceComplaint, c.Ticket)
		if old := refs.Get(rk); old != nil {
			prev, err := getQuality(tx, btou(old))
			if err != nil {
				return err
			}
			q.ID, q.At = prev.ID, prev.At
		}
		if q, err = w.putQuality(q); err != nil {
			return err
		}
		return refs.Put(rk, u64(q.ID))
	})
	return q, err
}
