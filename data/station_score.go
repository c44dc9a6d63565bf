package data

// Stations' monthly scorecards (NET-2): computed from the raw records —
// the complaints routed to the station (NET-3), the jobs it reported and
// their spot checks (NET-4), the month's settlement — by
// fo.ScoreStation, and sent as PDFs to the supervisor and the station.

import (
	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// stationScoreTx computes station s's scorecard of month.
func stationScoreTx(tx *bolt.Tx, st *fo.Settings, s fo.Station, month string) (fo.StationScorecard, error) {
	from, to, ok := fo.MonthRange(month, st.Location())
	if !ok {
		return fo.StationScorecard{}, fo.Errorf(fo.EINVALID, "err.date")
	}
	complaints, err := complaintsFiledTx(tx, from, to.AddDate(0, 0, -1))
	if err != nil {
		return fo.StationScorecard{}, err
	}
	jobs, err := stationJobsTx(tx, s.ID, from, to)
	if err != nil {
		return fo.StationScorecard{}, err
	}
	set, err := settlementOfTx(tx, s.ID, month)
	if err != nil {
		return fo.StationScorecard{}, err
	}
	return fo.ScoreStation(st.Network, s, month, from, to, complaints, jobs, set), nil
}

// StationScorecard returns station's scorecard of month ("2026-12")
// with the station.
func (s *Store) StationScorecard(station uint64, month string) (fo.StationScorecard, fo.Station, error) {
	var sc fo.StationScorecard
	var stn fo.Station
	err := s.db.View(func(tx *bolt.Tx) error {
		st, err := settingsTx(tx)
		if err != nil {
			return err
		}
		if stn, err = getStation(tx, station); err != nil {
			return err
		}
		sc, err = stationScoreTx(tx, &st, stn, month)
		return err
	})
	return sc, stn, err
}

// scoredStation reports whether a station gets a monthly scorecard: it is
// certified, or suspended (it was working in the network).
func scoredStation(s fo.Station) bool {
	return s.Status == fo.StationCertified || s.Status == fo.StationSuspended
}

// SendStationScorecards computes the scorecard of month for every
// certified or suspended station and sends each as a PDF to the
// supervisor and to the station's chat (NET-2). Sending a month again
// sends nothing new (the messages are keyed by station and month).
func (s *Store) SendStationScorecards(month string) ([]fo.StationScorecard, error) {
	var out []fo.StationScorecard
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		out = nil
		st, err := settingsTx(tx)
		if err != nil {
			return err
		}
		return tx.Bucket(bStations).ForEach(func(_, v []byte) error {
			var stn fo.Station
			if err := jsonUnmarshal(v, &stn); err != nil {
				return err
			}
			if !scoredStation(stn) {
				return nil
			}
			sc, err := stationScoreTx(tx, &st, stn, month)
			if err != nil {
				return err
			}
			out = append(out, sc)
			return w.enqueue(fo.ScorecardMessages(&st, sc, stn)...)
		})
	})
	return out, err
}
