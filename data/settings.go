package data

import (
	"bytes"
	"time"

	fo "frontoffice"
)

// retimeReminders times anew, for settings st, the reminder of every
// booked appointment still to start whose reminder is not yet due: a new
// zone or new quiet hours move it at once, without a restart (APT-5). It
// reads only the start index from now on. A reminder already due or sent
// is left alone.
func (w *writer) retimeReminders(st *fo.Settings) error {
	ab := w.tx.Bucket(bAppointments)
	c := w.tx.Bucket(bAptStart).Cursor()
	from := key(tkey(w.now))
	type change struct{ a, old fo.Appointment }
	var changes []change
	for k, _ := c.Seek(from); k != nil && bytes.Compare(k[:8], from) >= 0; k, _ = c.Next() {
		var a fo.Appointment
		if err := getJSON(ab, k[8:16], &a); err != nil {
			return err
		}
		if a.Status != fo.AptBooked || (!a.RemindAt.IsZero() && !a.RemindAt.After(w.now)) {
			continue
		}
		old := a
		a.RemindAt = time.Time{}
		if at, ok := st.ReminderAt(a.Start, w.now); ok {
			a.RemindAt = at
		}
		if !a.RemindAt.Equal(old.RemindAt) {
			changes = append(changes, change{a, old})
		}
	}
	// Written after the walk: a cursor must not see its bucket change.
	for _, ch := range changes {
		if err := w.putAppointment(ch.a, &ch.old); err != nil {
			return err
		}
	}
	return nil
}
