package data

// Field installation jobs (FLD-1..5).
//
// Bucket and key layout:
//
//	field_jobs   id → JSON fo.FieldJob
//	field_open   id → empty (jobs not closed or cancelled: the console's
//	             list and the scheduler's reminders read them)
//
// Every change of a job is one transaction with its history line, its
// audit entry (fo.AuditFieldJob) and the messages it causes.

import (
	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// getFieldJob reads job id; fo.ErrNotFound when there is none.
func getFieldJob(tx *bolt.Tx, id uint64) (fo.FieldJob, error) {
	var j fo.FieldJob
	err := getJSON(tx.Bucket(bFieldJobs), u64(id), &j)
	return j, err
}

// putFieldJob stores j (its ID set), keeps the open index and records the
// change from old (nil for a new job) in the audit trail under action.
func (w *writer) putFieldJob(j fo.FieldJob, old *fo.FieldJob, action string) error {
	j.UpdatedAt = w.now
	if err := putJSON(w.tx.Bucket(bFieldJobs), u64(j.ID), j); err != nil {
		return err
	}
	open := w.tx.Bucket(bFieldOpen)
	var err error
	if j.Stage == fo.FieldClosed || j.Stage == fo.FieldCancelled {
		err = open.Delete(u64(j.ID))
	} else {
		err = open.Put(u64(j.ID), nil)
	}
	if err != nil {
		return err
	}
	var before any
	if old != nil {
		before = old
	}
	return w.audit(fo.AuditFieldJob, auditID(j.ID), action, before, j)
}

// FieldJob returns job id; fo.ErrNotFound when there is none.
func (s *Store) FieldJob(id uint64) (fo.FieldJob, error) {
	var j fo.FieldJob
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		j, err = getFieldJob(tx, id)
		return err
	})
	return j, err
}

// OpenFieldJobs returns the jobs not closed or cancelled, oldest first.
func (s *Store) OpenFieldJobs() ([]fo.FieldJob, error) {
	var out []fo.FieldJob
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bFieldOpen).ForEach(func(k, _ []byte) error {
			j, err := getFieldJob(tx, btou(k))
			if err != nil {
				return err
			}
			out = append(out, j)
			return nil
		})
	})
	return out, err
}
