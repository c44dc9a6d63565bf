package data

// The service network's figures of a report (REP-1, NET-2, NET-3): read
// from the stations, their reported jobs, the complaints of the period and
// the claims, counted by fo.NetworkFigures.

import (
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// networkStatsTx returns the network's figures of [from, to).
func networkStatsTx(tx *bolt.Tx, st *fo.Settings, from, to time.Time) (fo.NetworkStats, error) {
	var r fo.NetworkRecords
	if err := tx.Bucket(bStations).ForEach(func(_, v []byte) error {
		var s fo.Station
		if err := jsonUnmarshal(v, &s); err != nil {
			return err
		}
		r.Stations = append(r.Stations, s)
		return nil
	}); err != nil {
		return fo.NetworkStats{}, err
	}
	if len(r.Stations) == 0 {
		return fo.NetworkStats{}, nil
	}
	loc := st.Location()
	dayFrom := fo.DayStart(from, loc)
	for _, s := range r.Stations {
		jobs, err := stationJobsTx(tx, s.ID, dayFrom, to)
		if err != nil {
			return fo.NetworkStats{}, err
		}
		r.Jobs = append(r.Jobs, jobs...)
	}
	var err error
	if r.Complaints, err = complaintsFiledTx(tx, from, to.Add(-time.Second)); err != nil {
		return fo.NetworkStats{}, err
	}
	if err := tx.Bucket(bStationClaims).ForEach(func(_, v []byte) error {
		var c fo.StationClaim
		if err := jsonUnmarshal(v, &c); err != nil {
			return err
		}
		if c.SettlementID != 0 {
			r.Claims = append(r.Claims, c)
		}
		return nil
	}); err != nil {
		return fo.NetworkStats{}, err
	}
	return fo.NetworkFigures(r, from, to, loc), nil
}
