package data

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
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
	lateKind     = "late"     // promise passed, job not ready (DEL-2, REC-4)
	maintKind    = "maint"    // maintenance reminder (通知客户按期保养)
)

// dueHandler does what a due entry of its kind asks, inside the
// transaction. at is the entry's due time; id its record. A handler finding
// its record moved on (cancelled, rescheduled, done) does nothing.
type dueHandler func(w *writer, st *fo.Settings, id uint64, at, now time.Time) error

var dueHandlers = map[string]dueHandler{
	remindKind:   dueReminder,
	pickupKind:   duePickup,
	progressKind: dueProgress,
	lateKind:     dueLate,
	maintKind:    dueMaint,
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
	stCertKind:      dueStationCert, // NET-1: a station's certificate lapses soon (data/station.go)
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

// A due entry's value is empty until it fails; then it is re-keyed at its
// next try (so that the scan up to now skips it until then) with a dueRetry
// value. After fo.MaxQueueTries failed tries, or at once when its key or
// value cannot be read, it is parked in due_parked ("kind:id@unix" →
// parkedDue) and announced to the supervisors.
type dueRetry struct {
	At        time.Time `json:"at"` // the entry's own due time, as its handler knows it
	Tries     int       `json:"tries,omitempty"`
	FirstTry  time.Time `json:"first_try,omitzero"`
	LastTry   time.Time `json:"last_try,omitzero"`
	LastError string    `json:"last_error,omitempty"`
}

type parkedDue struct {
	fo.ParkedEntry
	// RawKey is the due key as it was, when it could not be read.
	RawKey []byte `json:"raw_key,omitempty"`
}

// dueBatch is how many due entries one transaction handles at most.
const dueBatch = 200

// RunDue does everything that has come due by now: reminders (APT-5),
// pickup notices (DEL-2), progress checks (INT-7) and the after-sales
// deadlines. It reads only the due index up to now, in batches of dueBatch
// per transaction, and returns how many entries it handled. An entry is
// deleted in the transaction that handles it, so each is handled once.
//
// Entries fail alone: when a handler fails, the batch is rolled back, the
// entries before the failing one are handled again in a transaction of
// their own, and the failing one is rescheduled on its own back-off
// (fo.QueueBackoff) or, at its fo.MaxQueueTries-th failure, parked; then
// the run goes on with the entries after it.
func (s *Store) RunDue(now time.Time) (int, error) {
	n, limit := 0, dueBatch
	for {
		handled, fail, more, err := s.runDueBatch(now, limit)
		if err != nil {
			return n, err
		}
		n += handled
		if fail != nil {
			if fail.index > 0 {
				limit = fail.index // commit those before it first
				continue
			}
			s.log.Warn("due entry failed", "entry", fmt.Sprintf("%q", fail.key[min(8, len(fail.key)):]), "err", fail.err)
			if err := s.dueFailed(now, fail); err != nil {
				return n, err
			}
			limit = dueBatch
			continue
		}
		limit = dueBatch
		if !more {
			return n, nil
		}
	}
}

// dueFailure is the entry a batch stopped at.
type dueFailure struct {
	index     int // its place in the batch
	key, val  []byte
	err       error
	permanent bool // cannot be read: parked at once
}

// errDueFailed rolls a batch back.
var errDueFailed = errors.New("due entry failed")

func (s *Store) runDueBatch(now time.Time, limit int) (handled int, fail *dueFailure, more bool, err error) {
	err = s.update(func(tx *bolt.Tx, w *writer) error {
		handled, fail, more = 0, nil, false
		st, err := settingsTx(tx)
		if err != nil {
			return err
		}
		due := tx.Bucket(bDue)
		c := due.Cursor()
		var done [][]byte
		for k, v := c.First(); k != nil && (len(k) < 8 || btou(k[:8]) <= tkey(now)); k, v = c.Next() {
			if len(done) == limit {
				more = true
				break
			}
			failAt := func(err error, permanent bool) error {
				fail = &dueFailure{index: len(done), key: bytes.Clone(k), val: bytes.Clone(v), err: err, permanent: permanent}
				return errDueFailed
			}
			if len(k) < 8 {
				return failAt(errors.New("malformed due key"), true)
			}
			kind, idText, ok := bytes.Cut(k[8:], []byte(":"))
			h := dueHandlers[string(kind)]
			id, perr := strconv.ParseUint(string(idText), 10, 64)
			if !ok || h == nil || perr != nil {
				return failAt(fmt.Errorf("unknown due entry %q", k[8:]), true)
			}
			at := time.Unix(int64(btou(k[:8])), 0).UTC()
			if len(v) > 0 {
				var r dueRetry
				if err := json.Unmarshal(v, &r); err != nil {
					return failAt(fmt.Errorf("decode due entry: %w", err), true)
				}
				at = r.At
			}
			if err := h(w, &st, id, at, now); err != nil {
				return failAt(err, false)
			}
			done = append(done, bytes.Clone(k))
			if len(v) > 0 {
				if err := w.count(statDueRetry, -1); err != nil {
					return err
				}
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
	if errors.Is(err, errDueFailed) {
		return 0, fail, false, nil
	}
	return handled, nil, more, err
}

// dueFailed records the failure of a due entry in a transaction of its
// own: the entry is rescheduled on its back-off, or parked.
func (s *Store) dueFailed(now time.Time, f *dueFailure) error {
	return s.update(func(tx *bolt.Tx, w *writer) error {
		due := tx.Bucket(bDue)
		if due.Get(f.key) == nil {
			return nil // handled meanwhile
		}
		if err := due.Delete(f.key); err != nil {
			return err
		}
		retrying := len(f.val) > 0
		if f.permanent {
			if retrying {
				if err := w.count(statDueRetry, -1); err != nil {
					return err
				}
			}
			id := "raw:" + hex.EncodeToString(f.key)
			return w.park(fo.ParkedEntry{Queue: fo.QueueDue, ID: id, Error: f.err.Error(), Tries: 1,
				FirstTry: w.now, LastTry: w.now}, f.key)
		}
		kind, idText, _ := bytes.Cut(f.key[8:], []byte(":"))
		id, _ := strconv.ParseUint(string(idText), 10, 64)
		r := dueRetry{At: time.Unix(int64(btou(f.key[:8])), 0).UTC()}
		if retrying {
			if err := json.Unmarshal(f.val, &r); err != nil {
				return err
			}
		}
		r.Tries++
		r.LastTry, r.LastError = w.now, f.err.Error()
		if r.FirstTry.IsZero() {
			r.FirstTry = w.now
		}
		if r.Tries >= fo.MaxQueueTries {
			if retrying {
				if err := w.count(statDueRetry, -1); err != nil {
					return err
				}
			}
			return w.park(fo.ParkedEntry{Queue: fo.QueueDue, ID: parkedDueID(string(kind), id, r.At),
				Key: string(kind) + ":" + string(idText), Error: r.LastError, Tries: r.Tries,
				FirstTry: r.FirstTry, LastTry: r.LastTry}, nil)
		}
		if !retrying {
			if err := w.count(statDueRetry, 1); err != nil {
				return err
			}
		}
		raw, err := json.Marshal(r)
		if err != nil {
			return err
		}
		return due.Put(dueKey(now.Add(fo.QueueBackoff(r.Tries)), string(kind), id), raw)
	})
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
