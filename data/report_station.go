package data

// The service network's figures of a report (REP-1, NET-2, NET-3): read
// from the stations, their reported jobs, the complaints of the period and
// the claims, counted by fo.NetworkFigures.

import (
	"bytes"
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
		r.Jobs = append(r.Jobs, stationJobKeysTx(tx, s.ID, dayFrom, to, loc)...)
	}
	var err error
	if r.Complaints, err = stationComplaintsFiledTx(tx, from, to.Add(-time.Second), loc); err != nil {
		return fo.NetworkStats{}, err
	}
	if err := tx.Bucket(bStationClaims).ForEach(func(_, v []byte) error {
		if !bytes.Contains(v, []byte(`"settlement_id":`)) {
			return nil // not settled: a quick look is enough
		}
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

// stationJobKeysTx returns station's jobs reported for days from ≤ day <
// to with their ID, station and day only, read from the keys (station |
// day | id) without decoding the records: all the report counts.
func stationJobKeysTx(tx *bolt.Tx, station uint64, from, to time.Time, loc *time.Location) []fo.StationJob {
	var out []fo.StationJob
	c := tx.Bucket(bStationJobs).Cursor()
	end := key(station, tkey(to))
	days := map[uint64]string{}
	for k, _ := c.Seek(key(station, tkey(from))); k != nil && bytes.Compare(k, end) < 0; k, _ = c.Next() {
		if len(k) != 24 {
			continue
		}
		t := btou(k[8:16])
		day, ok := days[t]
		if !ok {
			day = time.Unix(int64(t), 0).In(loc).Format(time.DateOnly)
			days[t] = day
		}
		out = append(out, fo.StationJob{ID: btou(k[16:]), StationID: station, Day: day})
	}
	return out
}

// stationComplaintsFiledTx returns the complaints filed on the days
// from..to (shop zone, both included) that are routed to a station,
// decoding only those (a quick look at the record for its station).
func stationComplaintsFiledTx(tx *bolt.Tx, from, to time.Time, loc *time.Location) ([]fo.Complaint, error) {
	lo := []byte("T" + from.In(loc).Format("20060102"))
	hi := []byte("T" + to.In(loc).Format("20060102") + "\xff")
	b := tx.Bucket(bComplaints)
	var out []fo.Complaint
	c := b.Cursor()
	for k, v := c.Seek(lo); k != nil && bytes.Compare(k, hi) < 0 && k[0] == 'T'; k, v = c.Next() {
		raw := b.Get(v)
		if raw == nil || !bytes.Contains(raw, []byte(`"station_id":`)) {
			continue
		}
		var one fo.Complaint
		if err := jsonUnmarshal(raw, &one); err != nil {
			return nil, err
		}
		out = append(out, one)
	}
	return out, nil
}
