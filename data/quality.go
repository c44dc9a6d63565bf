package data

// Quality information (REP-2).
//
// Bucket and key layout:
//
//	quality      id → JSON fo.QualityFeedback
//	quality_at   time | id → empty (the report reads its period)
//	quality_open id → empty (open problems, listed until resolved)

import (
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
