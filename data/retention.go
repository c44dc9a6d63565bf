package data

import (
	"bytes"
	"encoding/json"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// Retention: the transport records — what only serves to carry a message
// or a request safely — are pruned by age every night (Prune, the
// scheduler's "prune" job); business records (customers, vehicles, visits,
// appointments, complaints, calls, registers, tasks, surveys) are kept.
//
// Ages, and why each keeps its guarantee:
//
//   - idem (a request's first result, keyed by its idempotency key): 30
//     days. A key guards the repeats of one request: Telegram redelivers an
//     unconfirmed update for at most 24 hours, a kiosk or console form is
//     resubmitted within minutes, the CLI retries at once. No repeat of a
//     request comes 30 days later, so a pruned key can never let one through.
//   - outbox_keys of sent (or dead) messages: 60 days. A key stops a
//     message from being enqueued twice when the event that causes it is
//     handled again; the latest such repeat is a scheduler job caught up
//     after downtime, at most scheduler.MaxCatchUp (31) days back. Keys of
//     waiting messages are never pruned.
//   - relay (where a staff reply to a relayed message goes, REC-3): 60 days
//     after the message was sent; a reply to a two-month-old message is
//     taken by the bot as a new message.
//   - outbox_dead (refused for good: blocked bot, unknown chat): 30 days.
//   - parked entries: 30 days after their last try, once the console has
//     shown them (never before a supervisor could see them).
//   - sessions and link tokens: when expired.
const (
	IdemTTL      = 30 * 24 * time.Hour
	OutboxKeyTTL = 60 * 24 * time.Hour
	RelayTTL     = 60 * 24 * time.Hour
	DeadTTL      = 30 * 24 * time.Hour
	ParkedTTL    = 30 * 24 * time.Hour
)

// pruneBatch bounds the deletions of one transaction, so that a first prune
// of a large old file does not hold the writer for long.
const pruneBatch = 5000

// Prune removes the transport records older than their retention age at
// now (see the constants above), in transactions of at most pruneBatch
// deletions, and returns how many it removed of each kind.
func (s *Store) Prune(now time.Time) (map[string]int, error) {
	out := map[string]int{}
	if err := s.indexOldRecords(now); err != nil {
		return out, err
	}
	if err := s.checkOutbox(); err != nil {
		return out, err
	}
	steps := []struct {
		name string
		fn   func(tx *bolt.Tx, w *writer, now time.Time, budget int) (int, error)
	}{
		{"idem", pruneByTimeIndex(bIdemAt, bIdem, IdemTTL)},
		{"relay", pruneByTimeIndex(bRelayAt, bRelay, RelayTTL)},
		{"outbox_keys", pruneOutboxKeys},
		{"outbox_dead", pruneDead},
		{"parked", pruneParked},
		{"sessions", pruneExpired(bSessions, func(v []byte) time.Time {
			var x fo.Session
			json.Unmarshal(v, &x)
			return x.ExpiresAt
		})},
		{"link_tokens", pruneExpired(bLinkTokens, func(v []byte) time.Time {
			var x linkToken
			json.Unmarshal(v, &x)
			return x.Expires
		})},
	}
	for _, st := range steps {
		for {
			n := 0
			err := s.update(func(tx *bolt.Tx, w *writer) error {
				var err error
				n, err = st.fn(tx, w, now, pruneBatch)
				return err
			})
			if err != nil {
				return out, err
			}
			out[st.name] += n
			if n < pruneBatch {
				break
			}
		}
	}
	return out, nil
}

// checkOutbox makes sure every waiting record is in the outbox's indexes:
// one that is not (written by hand, or damaged where the indexes could not
// see it) is indexed when it can be decoded and parked when it cannot. The
// outbox holds only what waits, so this walk is short.
func (s *Store) checkOutbox() error {
	type lost struct {
		seq     uint64
		r       *outboxRecord
		err     error
		indexed bool
	}
	var found []lost
	err := s.db.View(func(tx *bolt.Tx) error {
		chats := tx.Bucket(bOutboxChat)
		indexed := map[uint64]bool{}
		tx.Bucket(bOutboxNext).ForEach(func(k, _ []byte) error {
			indexed[btou(k[8:])] = true
			return nil
		})
		return tx.Bucket(bOutbox).ForEach(func(k, v []byte) error {
			var r outboxRecord
			if err := json.Unmarshal(v, &r); err != nil {
				found = append(found, lost{btou(k), nil, err, indexed[btou(k)]})
			} else if chats.Get(key(uint64(r.ChatID), btou(k))) == nil {
				found = append(found, lost{btou(k), &r, nil, false})
			}
			return nil
		})
	})
	if err != nil {
		return err
	}
	for _, l := range found {
		if l.r == nil {
			s.log.Error("outbox record cannot be decoded; parked", "seq", l.seq, "err", l.err)
			if err := s.parkUndecodable(l.seq, l.err, l.indexed); err != nil {
				return err
			}
			continue
		}
		s.log.Warn("outbox record was not indexed; indexed", "seq", l.seq)
		err := s.update(func(_ *bolt.Tx, w *writer) error {
			if err := w.indexOutbox(l.seq, l.r); err != nil {
				return err
			}
			return w.count(statOutboxWaiting, 1)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// indexOldRecords gives the idem and relay records of a file written before
// their age indexes existed the age now, once.
func (s *Store) indexOldRecords(now time.Time) error {
	flag := []byte("retention_indexed")
	return s.update(func(tx *bolt.Tx, _ *writer) error {
		meta := tx.Bucket(bMeta)
		if meta.Get(flag) != nil {
			return nil
		}
		t := u64(tkey(now))
		for _, p := range [][2][]byte{{bIdem, bIdemAt}, {bRelay, bRelayAt}} {
			var ks [][]byte
			tx.Bucket(p[0]).ForEach(func(k, _ []byte) error { ks = append(ks, bytes.Clone(k)); return nil })
			for _, k := range ks {
				if err := tx.Bucket(p[1]).Put(append(bytes.Clone(t), k...), nil); err != nil {
					return err
				}
			}
		}
		return meta.Put(flag, u64(1))
	})
}

// pruneByTimeIndex deletes the records of data whose entry in the age index
// (time | record key → empty) is older than ttl.
func pruneByTimeIndex(index, data []byte, ttl time.Duration) func(*bolt.Tx, *writer, time.Time, int) (int, error) {
	return func(tx *bolt.Tx, _ *writer, now time.Time, budget int) (int, error) {
		cut := tkey(now.Add(-ttl))
		c := tx.Bucket(index).Cursor()
		var ks [][]byte
		for k, _ := c.First(); k != nil && btou(k[:8]) < cut && len(ks) < budget; k, _ = c.Next() {
			ks = append(ks, bytes.Clone(k))
		}
		for _, k := range ks {
			if err := tx.Bucket(data).Delete(k[8:]); err != nil {
				return 0, err
			}
			if err := tx.Bucket(index).Delete(k); err != nil {
				return 0, err
			}
		}
		return len(ks), nil
	}
}

// pruneOutboxKeys deletes the keys of messages sent (or refused) more than
// OutboxKeyTTL ago; a waiting message's key (sent time 0) stays.
func pruneOutboxKeys(tx *bolt.Tx, _ *writer, now time.Time, budget int) (int, error) {
	cut := tkey(now.Add(-OutboxKeyTTL))
	b := tx.Bucket(bOutboxKeys)
	var ks [][]byte
	b.ForEach(func(k, v []byte) error {
		if len(ks) < budget && len(v) == 16 {
			if sent := btou(v[8:]); sent != 0 && sent < cut {
				ks = append(ks, bytes.Clone(k))
			}
		}
		return nil
	})
	for _, k := range ks {
		if err := b.Delete(k); err != nil {
			return 0, err
		}
	}
	return len(ks), nil
}

func pruneDead(tx *bolt.Tx, _ *writer, now time.Time, budget int) (int, error) {
	cut := now.Add(-DeadTTL)
	b := tx.Bucket(bOutboxDead)
	var ks [][]byte
	b.ForEach(func(k, v []byte) error {
		var d deadMessage
		if len(ks) < budget && (json.Unmarshal(v, &d) != nil || d.At.Before(cut)) {
			ks = append(ks, bytes.Clone(k))
		}
		return nil
	})
	for _, k := range ks {
		if err := b.Delete(k); err != nil {
			return 0, err
		}
	}
	return len(ks), nil
}

// pruneParked deletes parked entries shown on the console and last tried
// more than ParkedTTL ago.
func pruneParked(tx *bolt.Tx, w *writer, now time.Time, budget int) (int, error) {
	cut := now.Add(-ParkedTTL)
	n := 0
	for _, name := range [][]byte{bOutboxParked, bDueParked} {
		b := tx.Bucket(name)
		var ks [][]byte
		b.ForEach(func(k, v []byte) error {
			var p fo.ParkedEntry
			if n+len(ks) < budget && json.Unmarshal(v, &p) == nil && !p.Shown.IsZero() && p.LastTry.Before(cut) {
				ks = append(ks, bytes.Clone(k))
			}
			return nil
		})
		for _, k := range ks {
			if err := b.Delete(k); err != nil {
				return 0, err
			}
		}
		stat := statOutboxParked
		if bytes.Equal(name, bDueParked) {
			stat = statDueParked
		}
		if err := w.count(stat, -len(ks)); err != nil {
			return 0, err
		}
		n += len(ks)
	}
	return n, nil
}

// pruneExpired deletes the records of bucket whose expiry (read by
// expires) has passed, or that cannot be read.
func pruneExpired(bucket []byte, expires func([]byte) time.Time) func(*bolt.Tx, *writer, time.Time, int) (int, error) {
	return func(tx *bolt.Tx, _ *writer, now time.Time, budget int) (int, error) {
		b := tx.Bucket(bucket)
		var ks [][]byte
		b.ForEach(func(k, v []byte) error {
			if len(ks) < budget && !expires(v).After(now) {
				ks = append(ks, bytes.Clone(k))
			}
			return nil
		})
		for _, k := range ks {
			if err := b.Delete(k); err != nil {
				return 0, err
			}
		}
		return len(ks), nil
	}
}

// idemGet loads the recorded result of an idempotent request into v. done
// reports whether there was one.
func idemGet(tx *bolt.Tx, k string, v any) (done bool, err error) {
	if k == "" {
		return false, nil
	}
	raw := tx.Bucket(bIdem).Get([]byte(k))
	if raw == nil {
		return false, nil
	}
	return true, json.Unmarshal(raw, v)
}

// idemPut records the result of the idempotent request k, and its age for
// retention (IdemTTL).
func idemPut(tx *bolt.Tx, k string, v any) error {
	if k == "" {
		return nil
	}
	b := tx.Bucket(bIdem)
	if b.Get([]byte(k)) == nil {
		if err := tx.Bucket(bIdemAt).Put(append(u64(tkey(txNow(tx))), k...), nil); err != nil {
			return err
		}
	}
	return putJSON(b, []byte(k), v)
}

// txTimes maps a live read-write transaction to its writer's time (the
// store's clock), for helpers that get the transaction alone.
var txTimes sync.Map

func txNow(tx *bolt.Tx) time.Time {
	if t, ok := txTimes.Load(tx); ok {
		return t.(time.Time)
	}
	return time.Now().UTC()
}
