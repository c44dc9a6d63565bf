package data

// Maintenance reminders (客户档案: 「通知客户按期保养」): a due entry per
// vehicle (maintKind, keyed by the vehicle id) at fo.Settings.MaintRemindAt
// of its next maintenance date.

import (
	"encoding/json"
	"fmt"
	"time"

	fo "frontoffice"

	bolt "go.etcd.io/bbolt"
)

// A delivery sets the vehicle's next maintenance date (Deliver); its
// reminder is scheduled with it.
func init() {
	deliver := afterDelivery
	afterDelivery = func(w *writer, st *fo.Settings, v *fo.Visit) error {
		if err := deliver(w, st, v); err != nil {
			return err
		}
		var veh fo.Vehicle
		if err := getJSON(w.tx.Bucket(bVehicles), u64(v.VehicleID), &veh); err != nil {
			return nil
		}
		return w.scheduleMaint(st, veh)
	}
}

// scheduleMaint puts the maintenance reminder of veh into the due index: at
// MaintRemindAt of its next maintenance date, or now when that has passed
// with the date still ahead. Nothing without a date or when the date has
// passed. The same date gives the same entry.
func (w *writer) scheduleMaint(st *fo.Settings, veh fo.Vehicle) error {
	at := st.MaintRemindAt(veh.NextMaintenance)
	if at.IsZero() || !veh.NextMaintenance.After(w.now) {
		return nil
	}
	return w.putDue(maxTime(w.now, at), maintKind, veh.ID)
}

// dueMaint reminds the vehicle's customer of its maintenance
// (fo.MaintReminderNotices): in their chat with the book button, not in
// quiet hours, else on the reception's call list. A vehicle whose date
// moved (a later delivery, an archive edit) or has passed gets nothing
// here; its new date has its own entry.
func dueMaint(w *writer, st *fo.Settings, id uint64, at, now time.Time) error {
	var veh fo.Vehicle
	if err := getJSON(w.tx.Bucket(bVehicles), u64(id), &veh); err != nil {
		return nil
	}
	want := st.MaintRemindAt(veh.NextMaintenance)
	if want.IsZero() || !veh.NextMaintenance.After(now) || at.Before(want) {
		return nil
	}
	var c fo.Customer
	if err := getJSON(w.tx.Bucket(bCustomers), u64(veh.CustomerID), &c); err != nil {
		return nil
	}
	return w.tell(st, fo.MaintReminderNotices(st, c, veh, notQuiet(st, now)))
}

// scheduleMaintTx is scheduleMaint with the settings read in the
// transaction, for a vehicle whose next maintenance date was edited.
func (w *writer) scheduleMaintTx(veh fo.Vehicle) error {
	st, err := settingsTx(w.tx)
	if err != nil {
		return err
	}
	return w.scheduleMaint(&st, veh)
}

// scheduleAllMaint is the migration that gives every vehicle with a next
// maintenance date ahead its reminder: vehicles delivered before the
// reminders existed have the date in their archive but no due entry. An
// entry already there is put again (the same key), so the migration can
// run on any file.
func scheduleAllMaint(tx *bolt.Tx) error {
	if tx.Bucket(bSettings).Get([]byte("shop")) == nil {
		return nil // a new file: no vehicle yet
	}
	st, err := settingsTx(tx)
	if err != nil {
		return err
	}
	due := tx.Bucket(bDue)
	return tx.Bucket(bVehicles).ForEach(func(k, raw []byte) error {
		var veh fo.Vehicle
		if err := json.Unmarshal(raw, &veh); err != nil {
			return fmt.Errorf("vehicle %d: %w", btou(k), err)
		}
		at := st.MaintRemindAt(veh.NextMaintenance)
		if at.IsZero() {
			return nil
		}
		// A date passed by now is skipped by dueMaint when the entry comes up.
		return due.Put(dueKey(at, maintKind, veh.ID), nil)
	})
}
