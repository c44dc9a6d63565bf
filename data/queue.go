package data

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// The queues' counts (queue_stats: name → 8-byte count) are kept in the
// transactions that change them, so that QueueStats reads a few keys and
// never walks a bucket of records.
var (
	statOutboxWaiting = []byte("outbox_waiting")
	statOutboxParked  = []byte("outbox_parked")
	statDueRetry      = []byte("due_retry") // due entries waiting for a retry
	statDueParked     = []byte("due_parked")
	statVersion       = []byte("v") // present once the counts and indexes are built
)

// count adds delta to the count name.
func (w *writer) count(name []byte, delta int) error {
	b := w.tx.Bucket(bQueueStats)
	var n int64
	if v := b.Get(name); v != nil {
		n = int64(btou(v))
	}
	n += int64(delta)
	if n < 0 {
		n = 0
	}
	return b.Put(name, i64(n))
}

// initQueues builds, once per data file, the outbox's indexes and the
// queues' counts from what a file of an earlier version holds. Open calls
// it; it costs nothing once done.
func initQueues(tx *bolt.Tx) error {
	stats := tx.Bucket(bQueueStats)
	if stats.Get(statVersion) != nil {
		return nil
	}
	w := &writer{tx: tx}
	n := 0
	err := tx.Bucket(bOutbox).ForEach(func(k, v []byte) error {
		n++
		var r outboxRecord
		if json.Unmarshal(v, &r) != nil {
			// Indexed at once with no chat: Pending parks it.
			if err := tx.Bucket(bOutboxNext).Put(key(0, btou(k)), i64(0)); err != nil {
				return err
			}
			return tx.Bucket(bOutboxChat).Put(key(0, btou(k)), key(0, 0))
		}
		return w.indexOutbox(btou(k), &r)
	})
	if err != nil {
		return err
	}
	for name, v := range map[string]int{string(statOutboxWaiting): n, string(statOutboxParked): tx.Bucket(bOutboxParked).Stats().KeyN,
		string(statDueParked): tx.Bucket(bDueParked).Stats().KeyN} {
		if err := stats.Put([]byte(name), u64(uint64(v))); err != nil {
			return err
		}
	}
	return stats.Put(statVersion, u64(1))
}

// QueueStats returns the queues' counts at now for /metrics: from the kept
// counts, the oldest waiting message's record, and the due index up to now
// only (never its future).
func (s *Store) QueueStats(now time.Time) (fo.QueueStats, error) {
	var q fo.QueueStats
	err := s.db.View(func(tx *bolt.Tx) error {
		stats := tx.Bucket(bQueueStats)
		get := func(name []byte) int {
			if v := stats.Get(name); v != nil {
				return int(btou(v))
			}
			return 0
		}
		q.OutboxWaiting, q.OutboxParked = get(statOutboxWaiting), get(statOutboxParked)
		q.DueWaiting, q.DueParked = get(statDueRetry), get(statDueParked)
		c := tx.Bucket(bOutbox).Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			var r outboxRecord
			if json.Unmarshal(v, &r) == nil {
				q.OldestOutbox = r.Enqueued
				break
			}
		}
		tnow := tkey(now)
		dc := tx.Bucket(bDue).Cursor()
		for k, v := dc.First(); k != nil && len(k) >= 8 && btou(k[:8]) <= tnow; k, v = dc.Next() {
			if q.DueLag == 0 {
				q.DueLag = now.Sub(time.Unix(int64(btou(k[:8])), 0))
			}
			if len(v) == 0 { // a retry (non-empty value) is counted already
				q.DueWaiting++
			}
		}
		return nil
	})
	return q, err
}

// Parked returns the parked entries of both queues, outbox first, oldest
// first, and marks those listed for the first time as shown (retention
// counts from then).
func (s *Store) Parked() ([]fo.ParkedEntry, error) {
	var out []fo.ParkedEntry
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		for _, name := range [][]byte{bOutboxParked, bDueParked} {
			b := tx.Bucket(name)
			var shown [][2][]byte
			err := b.ForEach(func(k, v []byte) error {
				var p fo.ParkedEntry
				if err := json.Unmarshal(v, &p); err != nil {
					return fmt.Errorf("decode parked %s/%q: %w", name, k, err)
				}
				if p.Shown.IsZero() {
					var m map[string]json.RawMessage
					if err := json.Unmarshal(v, &m); err != nil {
						return err
					}
					m["shown"], _ = json.Marshal(w.now)
					raw, err := json.Marshal(m)
					if err != nil {
						return err
					}
					shown = append(shown, [2][]byte{bytes.Clone(k), raw})
				}
				out = append(out, p)
				return nil
			})
			if err != nil {
				return err
			}
			for _, kv := range shown {
				if err := b.Put(kv[0], kv[1]); err != nil {
					return err
				}
			}
		}
		return nil
	})
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Queue != out[j].Queue {
			return out[i].Queue == fo.QueueOutbox
		}
		return out[i].ParkedAt.Before(out[j].ParkedAt)
	})
	return out, err
}

// RetryParked puts the parked entry id of queue (fo.QueueOutbox or
// fo.QueueDue) back in its queue with no tries counted, to go at once. An
// unknown entry is ErrNotFound.
func (s *Store) RetryParked(queue, id string) error {
	return s.update(func(tx *bolt.Tx, w *writer) error {
		switch queue {
		case fo.QueueOutbox:
			seq, ok := fo.ParseRecordID(id)
			if !ok {
				return fo.ErrNotFound
			}
			var p parkedOutbox
			if err := getJSON(tx.Bucket(bOutboxParked), u64(seq), &p); err != nil {
				return err
			}
			var r outboxRecord
			raw := p.Raw
			if err := json.Unmarshal(raw, &r); err == nil {
				r.Tries, r.RetryAt, r.LastError = 0, time.Time{}, ""
				r.FirstTry, r.LastTry = time.Time{}, time.Time{}
				if raw, err = json.Marshal(r); err != nil {
					return err
				}
				if err := w.indexOutbox(seq, &r); err != nil {
					return err
				}
				if err := tx.Bucket(bOutboxKeys).Put([]byte(r.Key), key(seq, 0)); err != nil {
					return err
				}
			} else {
				// Still undecodable: indexed to go at once, Pending parks it again.
				if err := tx.Bucket(bOutboxNext).Put(key(0, seq), i64(p.ChatID)); err != nil {
					return err
				}
				if err := tx.Bucket(bOutboxChat).Put(key(uint64(p.ChatID), seq), key(0, 0)); err != nil {
					return err
				}
			}
			if err := tx.Bucket(bOutbox).Put(u64(seq), raw); err != nil {
				return err
			}
			if err := tx.Bucket(bOutboxParked).Delete(u64(seq)); err != nil {
				return err
			}
			if err := w.count(statOutboxParked, -1); err != nil {
				return err
			}
			w.enqueued++
			return w.count(statOutboxWaiting, 1)
		case fo.QueueDue:
			var p parkedDue
			if err := getJSON(tx.Bucket(bDueParked), []byte(id), &p); err != nil {
				return err
			}
			k := p.RawKey
			var v []byte
			if kind, idn, at, ok := parseParkedDueID(id); ok {
				k = dueKey(w.now, kind, idn)
				var err error
				if v, err = json.Marshal(dueRetry{At: at}); err != nil {
					return err
				}
				if err := w.count(statDueRetry, 1); err != nil {
					return err
				}
			}
			if err := tx.Bucket(bDue).Put(k, v); err != nil {
				return err
			}
			if err := tx.Bucket(bDueParked).Delete([]byte(id)); err != nil {
				return err
			}
			return w.count(statDueParked, -1)
		}
		return fo.ErrNotFound
	})
}

// parkedDueID names a parked due entry: "kind:id@unix" of its due time.
func parkedDueID(kind string, id uint64, at time.Time) string {
	return kind + ":" + strconv.FormatUint(id, 10) + "@" + strconv.FormatInt(at.Unix(), 10)
}

func parseParkedDueID(s string) (kind string, id uint64, at time.Time, ok bool) {
	head, unix, ok := strings.Cut(s, "@")
	if !ok {
		return "", 0, time.Time{}, false
	}
	kind, idText, ok := strings.Cut(head, ":")
	if !ok || dueHandlers[kind] == nil {
		return "", 0, time.Time{}, false
	}
	id, err := strconv.ParseUint(idText, 10, 64)
	t, err2 := strconv.ParseInt(unix, 10, 64)
	if err != nil || err2 != nil {
		return "", 0, time.Time{}, false
	}
	return kind, id, time.Unix(t, 0).UTC(), true
}
