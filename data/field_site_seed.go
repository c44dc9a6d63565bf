package data

import (
	"fmt"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// SeedFieldJob stores a new field job as an earlier step left it, for the
// demo data and for tests of the later steps: a job at FieldDispatched
// gets the dispatch's on-site notices (the technician's message, or the
// reception's call) in the same transaction, as the dispatch writes them.
// It gives the job its ID, and a number when it has none.
func (s *Store) SeedFieldJob(j fo.FieldJob) (fo.FieldJob, error) {
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		w.setBy("system:seed")
		st, err := settingsTx(tx)
		if err != nil {
			return err
		}
		if j.ID, err = nextID(tx.Bucket(bFieldJobs)); err != nil {
			return err
		}
		if j.Number == "" {
			j.Number = fmt.Sprintf("AZ-%s-%03d", w.now.In(st.Location()).Format("20060102"), j.ID)
		}
		if j.CreatedAt.IsZero() {
			j.CreatedAt = w.now
		}
		if j.Stage == fo.FieldDispatched {
			if j.Dispatch.DispatchedAt.IsZero() {
				j.Dispatch.DispatchedAt = w.now
			}
			if err := w.fieldSiteDispatched(&st, j); err != nil {
				return err
			}
		}
		return w.putFieldJob(j, nil, "seeded")
	})
	return j, err
}
