package data

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// Kinds of due entries. Each has a handler in dueHandlers.
const (
	remindKind   = "remind"   // appointment reminder (APT-5)
	pickupKind   = "pickup"   // pickup notice (DEL-2)
	progressKind = "progress" // progress check (INT-7)
)

// dueHandler does what a due entry of its kind asks, inside the
// transaction. at is the entry's due time; id its record. A handler finding
// its record moved on (cancelled, rescheduled, done) does nothing.
type dueHandler func(w *writer, st *fo.Settings, id uint64, at, now time.Time) error

var dueHandlers = map[string]dueHandler{
	remindKind:   dueReminder,
	pickupKind:   duePickup,
	progressKind: dueProgress,
	// After-sales (data/complaint.go, followup.go, survey.go, promotion.go).
	cmpWarnKind:     dueCmpWarn,     // CMP-2
	cmpDueKind:      dueCmpDue,      // CMP-3
	cmpStaleKind:    dueCmpStale,    // CMP-5
	callWarnKind:    dueCallWarn,    // FU-1, FU-2
	callMissKind:    dueCallMiss,    // FU-2, FU-3
	callAtKind:      dueCallAt,      // FU-9
	taskEscKind:     dueTaskEsc,     // FU-5
	surveyKind:      dueSurvey,      // SUR-1
	promoKind:       duePromo,       // FU-6
	promoLetterKind: duePromoLetter, // FU-6
}

// dueKey is the key of a due entry: the time it falls due, then kind:id.
func dueKey(at time.Time, kind string, id uint64) []byte {
	b := binary.BigEndian.AppendUint64(make([]byte, 0, 32), tkey(at))
	b = append(b, kind...)
	b = append(b, ':')
	return strconv.AppendUint(b, id, 10)
}

// putDue and delDue keep the due index.
func (w *writer) putDue(at time.Time, kind string, id uint64) error {
	return w.tx.Bucket(bDue).Put(dueKey(at, kind, id), nil)
}

func (w *writer) delDue(at time.Time, kind string, id uint64) error {
	if at.IsZero() {
		return nil
	}
	return w.tx.Bucket(bDue).Delete(dueKey(at, kind, id))
}

// RunDue does everything that has come due by now: reminders (APT-5),
// pickup notices (DEL-2), progress checks (INT-7). It reads only the due
// index up to now, in batches of 200 per transaction, and returns how many
// entries it handled. An entry is deleted in the transaction that handles
// it, so each is handled once.
func (s *Store) RunDue(now time.Time) (int, error) {
	n := 0
	for {
		batch, more, err := s.runDueBatch(now, 200)
		n += batch
		if err != nil || !more {
			return n, err
		}
	}
}

func (s *Store) runDueBatch(now time.Time, limit int) (handled int, more bool, err error) {
	err = s.update(func(tx *bolt.Tx, w *writer) error {
		st, err := settingsTx(tx)
		if err != nil {
			return err
		}
		due := tx.Bucket(bDue)
		c := due.Cursor()
		var done [][]byte
		for k, _ := c.First(); k != nil && btou(k[:8]) <= tkey(now); k, _ = c.Next() {
			if len(done) == limit {
				more = true
				break
			}
			done = append(done, bytes.Clone(k))
			kind, idText, ok := bytes.Cut(k[8:], []byte(":"))
			if !ok {
				continue
			}
			h := dueHandlers[string(kind)]
			id, perr := strconv.ParseUint(string(idText), 10, 64)
			if h == nil || perr != nil {
				s.log.Warn("unknown due entry dropped", "key", fmt.Sprintf("%q", k[8:]))
				continue
			}
			at := time.Unix(int64(btou(k[:8])), 0).UTC()
			if err := h(w, &st, id, at, now); err != nil {
				return fmt.Errorf("due %s:%d: %w", kind, id, err)
			}
			handled++
		}
		for _, k := range done {
			if err := due.Delete(k); err != nil {
				return err
			}
		}
		return nil
	})
	return handled, more, err
}

// dueReminder sends an appointment's reminder (APT-5). An appointment no
// longer booked, or whose reminder time moved, gets none; one starting
// within the hour is past reminding (the process was down through the whole
// window). Caught up in quiet hours, the message waits for their end.
func dueReminder(w *writer, st *fo.Settings, id uint64, at, now time.Time) error {
	var a fo.Appointment
	if err := getJSON(w.tx.Bucket(bAppointments), u64(id), &a); err != nil {
		return nil
	}
	if a.Status != fo.AptBooked || tkey(a.RemindAt) != tkey(at) || a.Start.Before(now.Add(time.Hour)) {
		return nil
	}
	return w.enqueue(fo.ReminderMessage(st, a, notQuiet(st, now)))
}

// notQuiet returns zero when now is outside the quiet hours, else the end of
// the quiet hours: the earliest a non-urgent message may go.
func notQuiet(st *fo.Settings, now time.Time) time.Time {
	if !st.InQuietHours(now) {
		return time.Time{}
	}
	loc := st.Location()
	end := st.QuietEnd.At(now, loc)
	if !end.After(now) {
		end = st.QuietEnd.At(now.In(loc).AddDate(0, 0, 1), loc)
	}
	return end.UTC()
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
