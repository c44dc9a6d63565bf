package data

// Pending kiosk matches (ARC-2, REC-2; fo.PendingMatch, fo.KioskMatch).
//
// Buckets and key layouts:
//
//	pending       id → JSON fo.PendingMatch
//	pending_open  id → empty, for every match the desk has not decided
//
// A kiosk walk-in or complaint whose typed phone or plate is on file is
// written, in the transaction that writes the visit or complaint, on a
// provisional record: a customer whose phone is not in cust_phone, a
// vehicle whose plate is not in veh_plate (it is in veh_cust and
// visit_veh under its own id). Nothing of the archive on file is read
// into it or written. MergePending moves the record onto the archive in one
// transaction (visit_veh, veh_cust, the provisional records removed) and
// writes the messages the archive's customer would have had; KeepSeparate
// leaves the provisional records as they are, on their own.

import (
	"bytes"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// newGuestCustomer records a customer typed at the kiosk whose phone is on
// file under someone else: the typed name and phone, not indexed by phone.
func (w *writer) newGuestCustomer(in fo.CustomerInput) (fo.Customer, error) {
	if in.Name == "" {
		return fo.Customer{}, fo.Errorf(fo.EINVALID, "err.name")
	}
	cb := w.tx.Bucket(bCustomers)
	id, err := nextID(cb)
	if err != nil {
		return fo.Customer{}, err
	}
	c := fo.Customer{ID: id, Name: in.Name, Phone: in.Phone, Lang: in.Lang, Consent: in.Consent, CreatedAt: w.now, UpdatedAt: w.now}
	if c.Lang == "" {
		c.Lang = fo.ZH
	}
	return c, putJSON(cb, u64(id), c)
}

// newGuestVehicle records a vehicle typed at the kiosk whose plate is on
// file: owned by customerID, not indexed by plate.
func (w *writer) newGuestVehicle(customerID uint64, plate string) (fo.Vehicle, error) {
	vb := w.tx.Bucket(bVehicles)
	id, err := nextID(vb)
	if err != nil {
		return fo.Vehicle{}, err
	}
	v := fo.Vehicle{ID: id, CustomerID: customerID, Plate: plate, CreatedAt: w.now, UpdatedAt: w.now}
	if err := w.tx.Bucket(bVehCust).Put(key(customerID, id), nil); err != nil {
		return v, err
	}
	return v, putJSON(vb, u64(id), v)
}

// unprovenCustomer finds the customer of a typed phone: a new customer when
// the phone is not on file, else a provisional one and the match.
func (w *writer) unprovenCustomer(in fo.CustomerInput) (fo.Customer, *fo.PendingMatch, error) {
	id := w.tx.Bucket(bCustPhone).Get([]byte(in.Phone))
	if pending, _, _ := fo.KioskMatch(id != nil, false); !pending {
		c, err := w.upsertCustomer(in)
		return c, nil, err
	}
	var match fo.Customer
	if err := getJSON(w.tx.Bucket(bCustomers), id, &match); err != nil {
		return fo.Customer{}, nil, err
	}
	c, err := w.newGuestCustomer(in)
	if err != nil {
		return c, nil, err
	}
	return c, &fo.PendingMatch{CustomerID: c.ID, GuestCustomer: true, TypedName: in.Name,
		MatchCustomerID: match.ID, MatchPhone: fo.MaskPhone(match.Phone)}, nil
}

// unprovenParties finds the customer and vehicle of a kiosk walk-in
// (fo.KioskMatch): new ones for a phone and plate not on file, provisional
// ones for those on file, with the match for the desk (nil when nothing
// matched).
func (w *writer) unprovenParties(in fo.CustomerInput, plate string) (fo.Customer, fo.Vehicle, *fo.PendingMatch, error) {
	vid := w.tx.Bucket(bVehPlate).Get([]byte(plate))
	c, pm, err := w.unprovenCustomer(in)
	if err != nil {
		return c, fo.Vehicle{}, nil, err
	}
	if vid == nil {
		veh, err := w.upsertVehicle(c.ID, plate)
		return c, veh, pm, err
	}
	var match fo.Vehicle
	if err := getJSON(w.tx.Bucket(bVehicles), vid, &match); err != nil {
		return c, fo.Vehicle{}, nil, err
	}
	veh, err := w.newGuestVehicle(c.ID, plate)
	if err != nil {
		return c, veh, nil, err
	}
	if pm == nil {
		pm = &fo.PendingMatch{CustomerID: c.ID, TypedName: in.Name}
	}
	pm.VehicleID, pm.GuestVehicle = veh.ID, true
	pm.MatchVehicleID, pm.MatchPlate = match.ID, fo.MaskPlate(match.Plate)
	return c, veh, pm, nil
}

// putPending writes a new pending match for the desk.
func (w *writer) putPending(pm *fo.PendingMatch) error {
	b := w.tx.Bucket(bPending)
	id, err := nextID(b)
	if err != nil {
		return err
	}
	pm.ID, pm.Status, pm.CreatedAt = id, fo.PendingOpen, w.now
	if err := w.tx.Bucket(bPendingOpen).Put(u64(id), nil); err != nil {
		return err
	}
	return putJSON(b, u64(id), pm)
}

// PendingMatches returns the matches the desk has not decided, oldest
// first.
func (s *Store) PendingMatches() ([]fo.PendingMatch, error) {
	var out []fo.PendingMatch
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bPendingOpen).ForEach(func(k, _ []byte) error {
			var pm fo.PendingMatch
			if err := getJSON(tx.Bucket(bPending), k, &pm); err != nil {
				return err
			}
			out = append(out, pm)
			return nil
		})
	})
	return out, err
}

// PendingMatch returns the pending match with id, or ErrNotFound.
func (s *Store) PendingMatch(id uint64) (fo.PendingMatch, error) {
	var pm fo.PendingMatch
	err := s.db.View(func(tx *bolt.Tx) error { return getJSON(tx.Bucket(bPending), u64(id), &pm) })
	return pm, err
}

// decidePending loads an open match, lets fn act on it and closes it.
// A decided match is ErrNotAllowed.
func (s *Store) decidePending(id uint64, by string, status fo.PendingStatus, fn func(w *writer, st *fo.Settings, pm *fo.PendingMatch) error) (fo.PendingMatch, error) {
	var pm fo.PendingMatch
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		w.setBy(by)
		if err := getJSON(tx.Bucket(bPending), u64(id), &pm); err != nil {
			return err
		}
		if pm.Status != fo.PendingOpen {
			return fo.ErrNotAllowed
		}
		st, err := settingsTx(tx)
		if err != nil {
			return err
		}
		if err := fn(w, &st, &pm); err != nil {
			return err
		}
		pm.Status, pm.DecidedAt, pm.DecidedBy = status, w.now, by
		if err := tx.Bucket(bPendingOpen).Delete(u64(id)); err != nil {
			return err
		}
		return putJSON(tx.Bucket(bPending), u64(id), pm)
	})
	return pm, err
}

// KeepSeparate closes a pending match without merging: the kiosk's record
// stays on its own provisional customer and vehicle.
func (s *Store) KeepSeparate(id uint64, by string) (fo.PendingMatch, error) {
	return s.decidePending(id, by, fo.PendingSeparate, func(*writer, *fo.Settings, *fo.PendingMatch) error { return nil })
}

// MergePending attaches a pending kiosk record to the archive it matched,
// as a staff member confirmed (ARC-2), in one transaction: a visit moves
// to the matched vehicle's history and/or the matched customer (the
// provisional records go; a vehicle new to the shop moves to the
// customer); a complaint moves to the matched customer and its receipt
// goes to their chat (CMP-2). The archive keeps its name. A Telegram
// chat the visitor linked to the provisional customer (the kiosk's QR
// code) joins the matched customer only when they have none.
func (s *Store) MergePending(id uint64, by string) (fo.PendingMatch, error) {
	return s.decidePending(id, by, fo.PendingMerged, func(w *writer, st *fo.Settings, pm *fo.PendingMatch) error {
		switch pm.Kind {
		case fo.PendingVisit:
			return w.mergeVisit(pm)
		case fo.PendingComplaint:
			return w.mergeComplaint(st, pm)
		}
		return fo.ErrNotAllowed
	})
}

func (w *writer) mergeVisit(pm *fo.PendingMatch) error {
	v, err := getVisit(w.tx, pm.VisitID)
	if err != nil {
		return err
	}
	old := v
	if pm.MatchVehicleID != 0 && pm.GuestVehicle {
		var match fo.Vehicle
		if err := getJSON(w.tx.Bucket(bVehicles), u64(pm.MatchVehicleID), &match); err != nil {
			return err
		}
		vv := w.tx.Bucket(bVisitVeh)
		if err := vv.Delete(key(pm.VehicleID, v.ID)); err != nil {
			return err
		}
		if err := vv.Put(key(match.ID, v.ID), nil); err != nil {
			return err
		}
		if err := w.dropVehicle(pm.VehicleID); err != nil {
			return err
		}
		v.VehicleID, v.Plate = match.ID, match.Plate
	}
	if pm.MatchCustomerID != 0 && pm.GuestCustomer {
		target, err := w.absorbGuest(pm.CustomerID, pm.MatchCustomerID)
		if err != nil {
			return err
		}
		v.CustomerID, v.CustomerName, v.Lang, v.ChatID = target.ID, target.Name, target.Lang, target.ChatID
	}
	return w.putVisit(v, &old)
}

func (w *writer) mergeComplaint(st *fo.Settings, pm *fo.PendingMatch) error {
	c, err := getComplaint(w.tx, pm.ComplaintID)
	if err != nil {
		return err
	}
	target, err := w.absorbGuest(pm.CustomerID, pm.MatchCustomerID)
	if err != nil {
		return err
	}
	c.CustomerID, c.CustomerName, c.Lang = target.ID, target.Name, target.Lang
	if err := w.putComplaint(c); err != nil {
		return err
	}
	// The receipt the customer would have had at filing (CMP-2).
	if m, ok := fo.ComplaintReceipt(st, c, w.complaintChat(c), ""); ok {
		if err := w.registerComplaint(c, fo.ChannelBot, "ack", "system", ""); err != nil {
			return err
		}
		return w.enqueue(m)
	}
	return nil
}

// dropVehicle removes a provisional vehicle (not indexed by plate).
func (w *writer) dropVehicle(id uint64) error {
	var v fo.Vehicle
	if err := getJSON(w.tx.Bucket(bVehicles), u64(id), &v); err != nil {
		return err
	}
	if err := w.tx.Bucket(bVehCust).Delete(key(v.CustomerID, id)); err != nil {
		return err
	}
	return w.tx.Bucket(bVehicles).Delete(u64(id))
}

// absorbGuest removes the provisional customer guestID in favour of the
// customer targetID: the guest's remaining vehicles (new to the shop)
// move to the target, and the guest's chat joins the target when it has
// none. It returns the target as stored.
func (w *writer) absorbGuest(guestID, targetID uint64) (fo.Customer, error) {
	cb := w.tx.Bucket(bCustomers)
	var guest, target fo.Customer
	if err := getJSON(cb, u64(guestID), &guest); err != nil {
		return target, err
	}
	if err := getJSON(cb, u64(targetID), &target); err != nil {
		return target, err
	}
	vc := w.tx.Bucket(bVehCust)
	var moved []uint64
	cur := vc.Cursor()
	for k, _ := cur.Seek(u64(guestID)); k != nil && bytes.HasPrefix(k, u64(guestID)); k, _ = cur.Next() {
		moved = append(moved, btou(k[8:]))
	}
	for _, vid := range moved {
		var v fo.Vehicle
		if err := getJSON(w.tx.Bucket(bVehicles), u64(vid), &v); err != nil {
			return target, err
		}
		if err := vc.Delete(key(guestID, vid)); err != nil {
			return target, err
		}
		if err := vc.Put(key(targetID, vid), nil); err != nil {
			return target, err
		}
		v.CustomerID, v.UpdatedAt = targetID, w.now
		if err := putJSON(w.tx.Bucket(bVehicles), u64(vid), v); err != nil {
			return target, err
		}
	}
	if guest.ChatID != 0 {
		if err := w.tx.Bucket(bCustChat).Delete(i64(guest.ChatID)); err != nil {
			return target, err
		}
		if target.ChatID == 0 {
			if err := w.linkChat(&target, guest.ChatID); err != nil {
				return target, err
			}
			target.UpdatedAt = w.now
			if err := putJSON(cb, u64(targetID), target); err != nil {
				return target, err
			}
		}
	}
	return target, cb.Delete(u64(guestID))
}
