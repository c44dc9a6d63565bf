package data

import (
	"encoding/binary"
	"fmt"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// Kinds of due entries.
const remindKind = "remind"

// dueKey is the key of a due entry: the time it falls due, then kind:id.
func dueKey(at time.Time, kind string, id uint64) []byte {
	b := binary.BigEndian.AppendUint64(make([]byte, 0, 32), tkey(at))
	b = append(b, kind...)
	b = append(b, ':')
	return strconv.AppendUint(b, id, 10)
}

// reminderKey is the outbox key of an appointment's reminder; it names the
// start so that a moved appointment's new reminder is a new message.
func reminderKey(a fo.Appointment) string {
	return "remind:apt:" + strconv.FormatUint(a.ID, 10) + ":" + strconv.FormatInt(a.Start.Unix(), 10)
}

// SendDueReminders puts in the outbox the reminder of every appointment
// whose reminder time has come by now (APT-5). It reads only the due index
// up to now. An appointment no longer booked, or whose reminder time moved,
// gets none; one that starts within the hour is past reminding (the process
// was down through the whole window). It returns how many reminders it
// queued.
func (s *Store) SendDueReminders(now time.Time) (int, error) {
	n := 0
	for {
		batch, more, err := s.sendDueBatch(now, 200)
		n += batch
		if err != nil || !more {
			return n, err
		}
	}
}

func (s *Store) sendDueBatch(now time.Time, limit int) (sent int, more bool, err error) {
	err = s.update(func(tx *bolt.Tx, w *writer) error {
		st, err := settingsTx(tx)
		if err != nil {
			return err
		}
		due := tx.Bucket(bDue)
		ab := tx.Bucket(bAppointments)
		c := due.Cursor()
		var done [][]byte
		prefix := []byte(remindKind + ":")
		for k, _ := c.First(); k != nil && btou(k[:8]) <= tkey(now); k, _ = c.Next() {
			if len(done) == limit {
				more = true
				break
			}
			rest := k[8:]
			if len(rest) <= len(prefix) || string(rest[:len(prefix)]) != string(prefix) {
				continue
			}
			done = append(done, append([]byte(nil), k...))
			id, err := strconv.ParseUint(string(rest[len(prefix):]), 10, 64)
			if err != nil {
				continue
			}
			var a fo.Appointment
			if err := getJSON(ab, u64(id), &a); err != nil {
				continue
			}
			if a.Status != fo.AptBooked || tkey(a.RemindAt) != btou(k[:8]) || a.Start.Before(now.Add(time.Hour)) {
				continue
			}
			msg := fo.Message{Key: reminderKey(a), ChatID: a.ChatID, Text: fo.ReminderText(&st, a, a.Lang), Lang: a.Lang, Buttons: aptButtons(a)}
			if st.InQuietHours(now) {
				// Caught up during quiet hours: hold it to their end.
				msg.NotBefore = st.QuietEnd.At(now, st.Location())
				if !msg.NotBefore.After(now) {
					msg.NotBefore = st.QuietEnd.At(now.In(st.Location()).AddDate(0, 0, 1), st.Location())
				}
			}
			if err := w.enqueue(msg); err != nil {
				return err
			}
			sent++
		}
		for _, k := range done {
			if err := due.Delete(k); err != nil {
				return err
			}
		}
		return nil
	})
	return sent, more, err
}

// LastRun returns when the job last ran; zero when never.
func (s *Store) LastRun(job string) (time.Time, error) {
	var t time.Time
	err := s.db.View(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bJobs).Get([]byte(job)); v != nil {
			t = time.Unix(int64(btou(v)), 0).UTC()
		}
		return nil
	})
	return t, err
}

// SetLastRun records that the job ran for its scheduled time t.
func (s *Store) SetLastRun(job string, t time.Time) error {
	if job == "" {
		return fmt.Errorf("set last run: empty job name")
	}
	return s.update(func(tx *bolt.Tx, _ *writer) error {
		return tx.Bucket(bJobs).Put([]byte(job), u64(tkey(t)))
	})
}
