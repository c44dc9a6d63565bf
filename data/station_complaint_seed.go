package data

// Seeding the service network for the tests of other packages and the
// demo shop, while the station register (NET-1) and job reporting (NET-4)
// have their own flows: a station and a station job written as given,
// with their audit entries.

import (
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// SeedStation stores st as given (a new ID when it has none) and returns
// it; for tests and the demo shop.
func (s *Store) SeedStation(st fo.Station) (fo.Station, error) {
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		if st.ID == 0 {
			id, err := nextID(tx.Bucket(bStations))
			if err != nil {
				return err
			}
			st.ID, st.CreatedAt = id, w.now
		}
		return w.putStation(st, nil, "seed")
	})
	return st, err
}

// SeedStationJob stores a station's reported job as given (NET-4), keyed
// by its station and day; for tests and the demo shop.
func (s *Store) SeedStationJob(j fo.StationJob) (fo.StationJob, error) {
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		st, err := settingsTx(tx)
		if err != nil {
			return err
		}
		day, err := time.ParseInLocation(time.DateOnly, j.Day, st.Location())
		if err != nil {
			return fo.Errorf(fo.EINVALID, "err.date")
		}
		b := tx.Bucket(bStationJobs)
		if j.ID == 0 {
			if j.ID, err = nextID(b); err != nil {
				return err
			}
			j.CreatedAt = w.now
		}
		return putJSON(b, key(j.StationID, tkey(day), j.ID), j)
	})
	return j, err
}
