package data

import (
	"bytes"
	"crypto/subtle"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// AppointmentForCheckIn finds the appointment a customer at the lobby kiosk
// means when they give their vehicle's plate and the last 4 digits of their
// phone instead of a booking code: the vehicle's booked appointment whose
// start is nearest to now (a later one wins a tie), provided the phone of
// the vehicle's owner ends with last4. plate must be normalised
// (fo.ParsePlate).
//
// It reads only the indexes of that one vehicle and its owner (veh_plate,
// vehicles, customers, apt_cust), never a list of customers, so its cost does
// not grow with the number of archives. An unknown plate, wrong digits and a
// vehicle with no booked appointment all return the same fo.ErrNotFound, so
// that the answer does not tell a guesser which part was wrong. Appointments
// booked under an earlier owner of a vehicle that changed hands are not
// found; the desk checks those in.
func (s *Store) AppointmentForCheckIn(plate, last4 string) (fo.Appointment, error) {
	var out fo.Appointment
	if len(last4) != 4 || strings.Trim(last4, "0123456789") != "" || plate == "" {
		return out, fo.ErrNotFound
	}
	now := s.now()
	err := s.db.View(func(tx *bolt.Tx) error {
		vid := tx.Bucket(bVehPlate).Get([]byte(plate))
		if vid == nil {
			return fo.ErrNotFound
		}
		var veh fo.Vehicle
		if err := getJSON(tx.Bucket(bVehicles), vid, &veh); err != nil {
			return err
		}
		var c fo.Customer
		if err := getJSON(tx.Bucket(bCustomers), u64(veh.CustomerID), &c); err != nil {
			return err
		}
		if len(c.Phone) < 4 || subtle.ConstantTimeCompare([]byte(c.Phone[len(c.Phone)-4:]), []byte(last4)) != 1 {
			return fo.ErrNotFound
		}
		prefix := u64(c.ID)
		cur := tx.Bucket(bAptCust).Cursor()
		ab := tx.Bucket(bAppointments)
		var best time.Duration = -1
		for k, _ := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = cur.Next() {
			var a fo.Appointment
			if err := getJSON(ab, k[16:24], &a); err != nil {
				return err
			}
			if a.VehicleID != veh.ID || a.Status != fo.AptBooked {
				continue
			}
			d := a.Start.Sub(now).Abs()
			// Keys sort by start, so on a tie the later (upcoming) one
			// comes second and wins with <=.
			if best < 0 || d <= best {
				best, out = d, a
			}
		}
		if best < 0 {
			return fo.ErrNotFound
		}
		return nil
	})
	if err != nil {
		return fo.Appointment{}, err
	}
	return out, nil
}
