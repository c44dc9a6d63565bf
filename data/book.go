package data

import (
	"bytes"
	"cmp"
	"encoding/json"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// What the appointment book and the exports read (issue 11). These methods
// read the buckets of data/customer.go and data/appointment.go and add
// none of their own.

// FindCustomers finds the customers the desk means by q, at most limit:
// the owner of the plate when q parses as one (fo.ParsePlate), the
// customer with the phone when it parses as one (fo.ParsePhone), else
// every customer whose name contains q (case-insensitive), in id order.
// Each comes with their vehicles. Nothing found is an empty list, not an
// error.
func (s *Store) FindCustomers(q string, limit int) ([]fo.CustomerMatch, error) {
	q = strings.TrimSpace(q)
	var out []fo.CustomerMatch
	if q == "" || limit <= 0 {
		return nil, nil
	}
	err := s.db.View(func(tx *bolt.Tx) error {
		cb := tx.Bucket(bCustomers)
		add := func(id []byte) error {
			var c fo.Customer
			if err := getJSON(cb, id, &c); err != nil {
				return err
			}
			vs, err := vehiclesTx(tx, c.ID)
			out = append(out, fo.CustomerMatch{Customer: c, Vehicles: vs})
			return err
		}
		if plate, err := fo.ParsePlate(q); err == nil {
			vid := tx.Bucket(bVehPlate).Get([]byte(plate))
			if vid == nil {
				return nil
			}
			var v fo.Vehicle
			if err := getJSON(tx.Bucket(bVehicles), vid, &v); err != nil {
				return err
			}
			return add(u64(v.CustomerID))
		}
		if phone, err := fo.ParsePhone(q); err == nil {
			if id := tx.Bucket(bCustPhone).Get([]byte(phone)); id != nil {
				return add(id)
			}
			return nil
		}
		needle := []byte(strings.ToLower(q))
		var probe struct {
			Name string `json:"name"`
		}
		c := cb.Cursor()
		for k, v := c.First(); k != nil && len(out) < limit; k, v = c.Next() {
			probe.Name = ""
			if err := json.Unmarshal(v, &probe); err != nil {
				return err
			}
			if bytes.Contains([]byte(strings.ToLower(probe.Name)), needle) {
				if err := add(k); err != nil {
					return err
				}
			}
		}
		return nil
	})
	return out, err
}

// AppointmentsStarting returns every appointment, in any status, that
// starts in [from, to), earliest first: the export's list. It scans the
// appointments bucket (cancelled ones are not in the start index).
func (s *Store) AppointmentsStarting(from, to time.Time) ([]fo.Appointment, error) {
	var out []fo.Appointment
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bAppointments).ForEach(func(_, v []byte) error {
			var a fo.Appointment
			if err := json.Unmarshal(v, &a); err != nil {
				return err
			}
			if !a.Start.Before(from) && a.Start.Before(to) {
				out = append(out, a)
			}
			return nil
		})
	})
	sortByStart(out)
	return out, err
}

func sortByStart(as []fo.Appointment) {
	slices.SortFunc(as, func(a, b fo.Appointment) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
}

// AllArchives returns every vehicle archive with its customer, in vehicle
// id order: the archives export (ARC-1).
func (s *Store) AllArchives() ([]fo.CustomerMatch, error) {
	var out []fo.CustomerMatch
	err := s.db.View(func(tx *bolt.Tx) error {
		cb := tx.Bucket(bCustomers)
		owners := map[uint64]fo.Customer{}
		return tx.Bucket(bVehicles).ForEach(func(_, v []byte) error {
			var veh fo.Vehicle
			if err := json.Unmarshal(v, &veh); err != nil {
				return err
			}
			c, ok := owners[veh.CustomerID]
			if !ok {
				if err := getJSON(cb, u64(veh.CustomerID), &c); err != nil {
					return err
				}
				owners[veh.CustomerID] = c
			}
			out = append(out, fo.CustomerMatch{Customer: c, Vehicles: []fo.Vehicle{veh}})
			return nil
		})
	})
	return out, err
}
