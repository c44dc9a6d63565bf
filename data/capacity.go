package data

// What workshop capacity reads of the visits (WS-1): the cars the shop has
// taken on, from the visit_open index (data/store.go), inside the
// transaction of the booking that counts them.

import (
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// activeVisitsTx returns the visits that may hold a bay: those in the
// visit_open index (still in the shop) that are waiting, called or in the
// workshop, in id order. Ready cars wait in the yard, not in a bay. Only
// what capacity and the bay check read is decoded (loadProbe): the id,
// appointment, day, queue number, status, service, check-in, the work
// order's estimate and handover, the additional work's answers and
// minutes, bay and team.
func activeVisitsTx(tx *bolt.Tx) ([]fo.Visit, error) {
	var out []fo.Visit
	vb := tx.Bucket(bVisits)
	err := tx.Bucket(bVisitOpen).ForEach(func(k, _ []byte) error {
		var p loadProbe
		if err := getJSON(vb, k, &p); err != nil {
			return err
		}
		switch p.Status {
		case fo.VisitWaiting, fo.VisitCalled, fo.VisitWorkshop:
			v := fo.Visit{ID: p.ID, AppointmentID: p.AppointmentID, Day: p.Day, QueueNo: p.QueueNo, Status: p.Status,
				ServiceID: p.ServiceID, CheckedInAt: p.CheckedInAt, Bay: p.Bay, Team: p.Team}
			if p.WorkOrder != nil {
				v.WorkOrder = &fo.WorkOrder{EstimatedMinutes: p.WorkOrder.EstimatedMinutes, HandoverAt: p.WorkOrder.HandoverAt}
			}
			for _, a := range p.Additional {
				v.Additional = append(v.Additional, fo.AdditionalWork{Status: a.Status, ExtraMinutes: a.ExtraMinutes})
			}
			out = append(out, v)
		}
		return nil
	})
	return out, err
}

// loadProbe is the part of a stored fo.Visit that workshop capacity reads
// (same JSON names).
type loadProbe struct {
	ID            uint64         `json:"id"`
	AppointmentID uint64         `json:"appointment_id"`
	Day           string         `json:"day"`
	QueueNo       string         `json:"queue_no"`
	Status        fo.VisitStatus `json:"status"`
	ServiceID     string         `json:"service_id"`
	CheckedInAt   time.Time      `json:"checked_in_at"`
	Bay           int            `json:"bay"`
	Team          string         `json:"team"`
	WorkOrder     *struct {
		EstimatedMinutes int       `json:"estimated_minutes"`
		HandoverAt       time.Time `json:"handover_at"`
	} `json:"work_order"`
	Additional []struct {
		Status       string `json:"status"`
		ExtraMinutes int    `json:"extra_minutes"`
	} `json:"additional"`
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
