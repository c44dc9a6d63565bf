package data

// Service stations (NET-1..4).
//
// Bucket and key layout:
//
//	stations       id → JSON fo.Station
//	station_jobs   station id | day (Unix seconds of its midnight) | id → JSON fo.StationJob (NET-4)
//
// Every change of a station is one transaction with its history line and
// its audit entry (fo.AuditStation).

import (
	"bytes"
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// getStation reads station id; fo.ErrNotFound when there is none.
func getStation(tx *bolt.Tx, id uint64) (fo.Station, error) {
	var st fo.Station
	err := getJSON(tx.Bucket(bStations), u64(id), &st)
	return st, err
}

// putStation stores st (its ID set) and records the change from old (nil
// for a new station) in the audit trail under action.
func (w *writer) putStation(st fo.Station, old *fo.Station, action string) error {
	st.UpdatedAt = w.now
	if err := putJSON(w.tx.Bucket(bStations), u64(st.ID), st); err != nil {
		return err
	}
	var before any
	if old != nil {
		before = old
	}
	return w.audit(fo.AuditStation, auditID(st.ID), action, before, st)
}

// Station returns station id; fo.ErrNotFound when there is none.
func (s *Store) Station(id uint64) (fo.Station, error) {
	var st fo.Station
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		st, err = getStation(tx, id)
		return err
	})
	return st, err
}

// Stations returns every station of the register, by id.
func (s *Store) Stations() ([]fo.Station, error) {
	var out []fo.Station
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bStations).ForEach(func(k, v []byte) error {
			var st fo.Station
			if err := jsonUnmarshal(v, &st); err != nil {
				return err
			}
			out = append(out, st)
			return nil
		})
	})
	return out, err
}

// stationJobsTx returns the jobs station reported for days from ≤ day < to.
func stationJobsTx(tx *bolt.Tx, station uint64, from, to time.Time) ([]fo.StationJob, error) {
	var out []fo.StationJob
	c := tx.Bucket(bStationJobs).Cursor()
	end := key(station, tkey(to))
	for k, v := c.Seek(key(station, tkey(from))); k != nil && bytes.Compare(k, end) < 0; k, v = c.Next() {
		var j fo.StationJob
		if err := jsonUnmarshal(v, &j); err != nil {
			return nil, err
		}
		out = append(out, j)
	}
	return out, nil
}
