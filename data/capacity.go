package data

// What workshop capacity reads of the visits (WS-1): the cars the shop has
// taken on, from the visit_open index (data/store.go), inside the
// transaction of the booking that counts them.

import (
	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// activeVisitsTx returns the visits that may hold a bay: those in the
// visit_open index (still in the shop) that are waiting, called or in the
// workshop, in id order. Ready cars wait in the yard, not in a bay.
func activeVisitsTx(tx *bolt.Tx) ([]fo.Visit, error) {
	var out []fo.Visit
	err := tx.Bucket(bVisitOpen).ForEach(func(k, _ []byte) error {
		v, err := getVisit(tx, btou(k))
		if err != nil {
			return err
		}
		switch v.Status {
		case fo.VisitWaiting, fo.VisitCalled, fo.VisitWorkshop:
			out = append(out, v)
		}
		return nil
	})
	return out, err
}

// withVisitAppointments adds to apts the appointments of visits that apts
// lacks and that still hold a bay, so that a car checked in early is
// counted from its booked start (fo.Settings.Occupancy) whatever period
// apts was read for.
func withVisitAppointments(tx *bolt.Tx, visits []fo.Visit, apts []fo.Appointment) ([]fo.Appointment, error) {
	have := make(map[uint64]bool, len(apts))
	for _, a := range apts {
		have[a.ID] = true
	}
	for _, v := range visits {
		if v.AppointmentID == 0 || have[v.AppointmentID] {
			continue
		}
		var a fo.Appointment
		if err := getJSON(tx.Bucket(bAppointments), u64(v.AppointmentID), &a); err != nil {
			return nil, err
		}
		if a.Status.Occupies() {
			apts = append(apts, a)
			have[a.ID] = true
		}
	}
	return apts, nil
}
