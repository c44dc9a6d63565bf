package data

import (
	"bytes"
	"encoding/json"
	"strings"
	"time"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// What the staff console reads of the archives (ARC-1, ARC-2). These
// methods read the buckets of data/customer.go and data/visit.go; they add
// none of their own.

// fo.Archive returns the archive of vehicle id in one read, or ErrNotFound.
func (s *Store) Archive(vehicleID uint64) (fo.Archive, error) {
	var a fo.Archive
	err := s.db.View(func(tx *bolt.Tx) error {
		if err := getJSON(tx.Bucket(bVehicles), u64(vehicleID), &a.Vehicle); err != nil {
			return err
		}
		if err := getJSON(tx.Bucket(bCustomers), u64(a.Vehicle.CustomerID), &a.Customer); err != nil {
			return err
		}
		vs, err := vehiclesTx(tx, a.Customer.ID)
		if err != nil {
			return err
		}
		for _, v := range vs {
			if v.ID != vehicleID {
				a.Others = append(a.Others, v)
			}
		}
		c := tx.Bucket(bVisitVeh).Cursor()
		prefix := u64(vehicleID)
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			v, err := getVisit(tx, btou(k[8:]))
			if err != nil {
				return err
			}
			a.Visits = append(a.Visits, v)
		}
		ac := tx.Bucket(bAptCust).Cursor()
		ab := tx.Bucket(bAppointments)
		cp := u64(a.Customer.ID)
		for k, _ := ac.Seek(cp); k != nil && bytes.HasPrefix(k, cp); k, _ = ac.Next() {
			var apt fo.Appointment
			if err := getJSON(ab, k[16:24], &apt); err != nil {
				return err
			}
			if apt.VehicleID == vehicleID {
				a.Appointments = append(a.Appointments, apt)
			}
		}
		a.Gaps = fo.ArchiveGaps(a.Customer, a.Vehicle)
		return nil
	})
	return a, err
}

// ArchivesOfPhone returns the vehicle archives of the customer with the
// (normalised) phone, or ErrNotFound when no customer has it.
func (s *Store) ArchivesOfPhone(phone string) (fo.Customer, []fo.Vehicle, error) {
	var c fo.Customer
	var vs []fo.Vehicle
	err := s.db.View(func(tx *bolt.Tx) error {
		id := tx.Bucket(bCustPhone).Get([]byte(phone))
		if id == nil {
			return fo.ErrNotFound
		}
		if err := getJSON(tx.Bucket(bCustomers), id, &c); err != nil {
			return err
		}
		var err error
		vs, err = vehiclesTx(tx, c.ID)
		return err
	})
	return c, vs, err
}

// IncompleteArchives returns the archives created before now −
// fo.ArchiveGapGrace that still miss ARC-1 fields, oldest first, at most limit
// of them, and how many there are in all. It is one read transaction over
// the vehicles bucket, decoding only the fields the check needs and each
// owner once (BenchmarkIncompleteArchives: about 60 ms for 10,000 archives
// on a small machine).
func (s *Store) IncompleteArchives(limit int) ([]fo.ArchiveGap, int, error) {
	var out []fo.ArchiveGap
	total := 0
	cutoff := s.now().Add(-fo.ArchiveGapGrace)
	err := s.db.View(func(tx *bolt.Tx) error {
		cb := tx.Bucket(bCustomers)
		owners := map[uint64]*fo.Customer{}
		return tx.Bucket(bVehicles).ForEach(func(k, raw []byte) error {
			var gv gapVehicle
			if err := json.Unmarshal(raw, &gv); err != nil {
				return err
			}
			if gv.CreatedAt.After(cutoff) {
				return nil
			}
			c, ok := owners[gv.CustomerID]
			if !ok {
				var gc gapCustomer
				if raw := cb.Get(u64(gv.CustomerID)); raw != nil {
					if err := json.Unmarshal(raw, &gc); err != nil {
						return err
					}
				}
				c = &fo.Customer{ID: gv.CustomerID, Name: gc.Name, Phone: gc.Phone, Address: gc.Address}
				owners[gv.CustomerID] = c
			}
			v := fo.Vehicle{ID: gv.ID, Plate: gv.Plate, Model: gv.Model, Type: gv.Type, MaintIntervalDays: gv.MaintIntervalDays}
			if gv.NextMaintenance != "" && gv.NextMaintenance != "0001-01-01T00:00:00Z" {
				v.NextMaintenance = gv.CreatedAt // any non-zero time: only its presence counts
			}
			gaps := fo.ArchiveGaps(*c, v)
			if len(gaps) == 0 {
				return nil
			}
			total++
			if len(out) < limit {
				out = append(out, fo.ArchiveGap{VehicleID: v.ID, CustomerID: c.ID, Plate: v.Plate, CustomerName: c.Name, Since: gv.CreatedAt, Gaps: gaps})
			}
			return nil
		})
	})
	return out, total, err
}

// gapVehicle and gapCustomer are the fields of an archive that the ARC-1
// check reads; decoding only these keeps the list fast.
type gapVehicle struct {
	ID                uint64    `json:"id"`
	CustomerID        uint64    `json:"customer_id"`
	Plate             string    `json:"plate"`
	Model             string    `json:"model"`
	Type              string    `json:"type"`
	MaintIntervalDays int       `json:"maint_interval_days"`
	NextMaintenance   string    `json:"next_maintenance"`
	CreatedAt         time.Time `json:"created_at"`
}

type gapCustomer struct {
	Name    string `json:"name"`
	Phone   string `json:"phone"`
	Address string `json:"address"`
}

// fo.Archive field limits, in characters.
const (
	MaxAddressLen = 200
	MaxModelLen   = 60
	MaxWantsLen   = 300
)

// SaveArchive validates and stores an archive edit in one transaction. An
// invalid edit changes nothing and returns an EINVALID *Error: "err.name",
// "err.too_long" (with the limit), "err.archive.type",
// "err.archive.interval".
func (s *Store) SaveArchive(e fo.ArchiveEdit) (fo.Archive, error) {
	name, err := fo.ParseName(e.Name)
	if err != nil {
		return fo.Archive{}, err
	}
	e.Name = name
	e.Address = strings.TrimSpace(e.Address)
	e.Model = strings.TrimSpace(e.Model)
	e.Wants = strings.TrimSpace(e.Wants)
	for _, f := range []struct {
		s   string
		max int
	}{{e.Address, MaxAddressLen}, {e.Model, MaxModelLen}, {e.Wants, MaxWantsLen}} {
		if utf8.RuneCountInString(f.s) > f.max {
			return fo.Archive{}, fo.Errorf(fo.EINVALID, "err.too_long", f.max)
		}
	}
	if e.Type != "" {
		known := false
		for _, t := range fo.VehicleTypes {
			known = known || t == e.Type
		}
		if !known {
			return fo.Archive{}, fo.Errorf(fo.EINVALID, "err.archive.type")
		}
	}
	if e.MaintIntervalDays < 0 || e.MaintIntervalDays > 3650 {
		return fo.Archive{}, fo.Errorf(fo.EINVALID, "err.archive.interval")
	}
	err = s.update(func(tx *bolt.Tx, w *writer) error {
		w.setBy(e.By)
		vb, cb := tx.Bucket(bVehicles), tx.Bucket(bCustomers)
		var v fo.Vehicle
		if err := getJSON(vb, u64(e.VehicleID), &v); err != nil {
			return err
		}
		var c fo.Customer
		if err := getJSON(cb, u64(v.CustomerID), &c); err != nil {
			return err
		}
		oldC, oldV := c, v
		c.Name, c.Address, c.UpdatedAt = e.Name, e.Address, w.now
		v.Model, v.Type, v.MaintIntervalDays, v.Wants, v.UpdatedAt = e.Model, e.Type, e.MaintIntervalDays, e.Wants, w.now
		v.NextMaintenance = e.NextMaintenance.UTC()
		if e.NextMaintenance.IsZero() {
			v.NextMaintenance = time.Time{}
		}
		if err := putJSON(cb, u64(c.ID), c); err != nil {
			return err
		}
		if err := w.scheduleMaintTx(v); err != nil { // maintenance reminder, data/maintenance.go
			return err
		}
		if err := w.audit(fo.AuditCustomer, auditID(c.ID), "edit", oldC, c); err != nil {
			return err
		}
		if err := w.audit(fo.AuditVehicle, auditID(v.ID), "edit", oldV, v); err != nil {
			return err
		}
		return putJSON(vb, u64(v.ID), v)
	})
	if err != nil {
		return fo.Archive{}, err
	}
	return s.Archive(e.VehicleID)
}
