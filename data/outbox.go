package data

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// The outbox (layouts in store.go): each waiting message is one record in
// outbox, with its own tries, first and last try, last error and the time
// of its next try (RetryAt, the back-off of fo.QueueBackoff). Two small
// indexes let Pending read only what may go now:
//
//	outbox_next  time | seq → chat     time = max(NotBefore, RetryAt), 0 = at once
//	outbox_chat  chat | seq → NotBefore | RetryAt (8 + 8 bytes)
//
// Pending walks outbox_next up to now (keys only) and, for each chat found
// there, the chat's entries in outbox_chat in sequence order: entries held
// back by NotBefore (quiet hours) are skipped, an entry in back-off holds
// back the later entries of its chat only. A record that cannot be decoded
// is parked by its sequence number, undecoded. Parked entries leave both
// indexes (so they hold back nothing) and wait in outbox_parked for staff.

type outboxRecord struct {
	fo.Message
	Tries     int       `json:"tries,omitempty"`
	Enqueued  time.Time `json:"enqueued"`
	LastError string    `json:"last_error,omitempty"`
	FirstTry  time.Time `json:"first_try,omitzero"`
	LastTry   time.Time `json:"last_try,omitzero"`
	RetryAt   time.Time `json:"retry_at,omitzero"`
}

// indexTime is when the entry may go next (0: at once).
func (r *outboxRecord) indexTime() uint64 {
	t := r.NotBefore
	if r.RetryAt.After(t) {
		t = r.RetryAt
	}
	if t.IsZero() {
		return 0
	}
	return tkey(t)
}

type deadMessage struct {
	outboxRecord
	Reason string    `json:"reason"`
	At     time.Time `json:"at"`
}

// parkedOutbox is a parked outbox entry: what staff see, and the record's
// bytes as they were (possibly undecodable), put back as they are by Retry.
type parkedOutbox struct {
	fo.ParkedEntry
	Raw []byte `json:"raw"`
}

// enqueue puts msgs in the outbox within the transaction. A message whose
// key is already waiting or was sent is dropped: that is what makes a
// repeated handling of the same event harmless. A message without a key is
// a programming error.
func (w *writer) enqueue(msgs ...fo.Message) error {
	out := w.tx.Bucket(bOutbox)
	keys := w.tx.Bucket(bOutboxKeys)
	for _, m := range msgs {
		if m.Key == "" {
			return fmt.Errorf("enqueue: message to %d has no idempotency key", m.ChatID)
		}
		if m.ChatID == 0 {
			continue // nobody to tell (e.g. no staff chat configured)
		}
		if keys.Get([]byte(m.Key)) != nil {
			continue
		}
		seq, err := nextID(out)
		if err != nil {
			return err
		}
		r := outboxRecord{Message: m, Enqueued: w.now}
		if err := putJSON(out, u64(seq), r); err != nil {
			return err
		}
		if err := w.indexOutbox(seq, &r); err != nil {
			return err
		}
		if err := keys.Put([]byte(m.Key), key(seq, 0)); err != nil {
			return err
		}
		if err := w.count(statOutboxWaiting, 1); err != nil {
			return err
		}
		w.enqueued++
	}
	return nil
}

// indexOutbox puts entry seq in outbox_next and outbox_chat.
func (w *writer) indexOutbox(seq uint64, r *outboxRecord) error {
	if err := w.tx.Bucket(bOutboxNext).Put(key(r.indexTime(), seq), i64(r.ChatID)); err != nil {
		return err
	}
	var nb, ra uint64
	if !r.NotBefore.IsZero() {
		nb = tkey(r.NotBefore)
	}
	if !r.RetryAt.IsZero() {
		ra = tkey(r.RetryAt)
	}
	return w.tx.Bucket(bOutboxChat).Put(key(uint64(r.ChatID), seq), key(nb, ra))
}

// unindexOutbox takes entry seq out of both indexes.
func (w *writer) unindexOutbox(seq uint64, r *outboxRecord) error {
	if err := w.tx.Bucket(bOutboxNext).Delete(key(r.indexTime(), seq)); err != nil {
		return err
	}
	return w.tx.Bucket(bOutboxChat).Delete(key(uint64(r.ChatID), seq))
}

// unqueue removes waiting entry seq (record r) from the outbox and its
// indexes.
func (w *writer) unqueue(seq uint64, r *outboxRecord) error {
	if err := w.unindexOutbox(seq, r); err != nil {
		return err
	}
	if err := w.tx.Bucket(bOutbox).Delete(u64(seq)); err != nil {
		return err
	}
	return w.count(statOutboxWaiting, -1)
}

// dropQueued removes a waiting message by key (a reminder for an appointment
// that moved). A message already sent is left alone.
func (w *writer) dropQueued(k string) error {
	keys := w.tx.Bucket(bOutboxKeys)
	v := keys.Get([]byte(k))
	if v == nil || btou(v[8:]) != 0 {
		return nil
	}
	seq := btou(v[:8])
	var r outboxRecord
	if err := getJSON(w.tx.Bucket(bOutbox), u64(seq), &r); err != nil {
		return nil // gone or undecodable: Pending parks the latter
	}
	if err := w.unqueue(seq, &r); err != nil {
		return err
	}
	return keys.Delete([]byte(k))
}

// Enqueue puts msgs in the outbox in a transaction of their own.
func (s *Store) Enqueue(msgs ...fo.Message) error {
	return s.update(func(_ *bolt.Tx, w *writer) error { return w.enqueue(msgs...) })
}

// Pending returns up to limit messages that may be sent at now, in the order
// they were enqueued, and the earliest time an entry held back (NotBefore,
// or its own back-off) may go (zero when none). An entry in back-off holds
// back the later entries of its chat (their order is kept) and nothing
// else. A record that cannot be decoded is parked on the way, undecoded,
// and announced to the supervisors.
func (s *Store) Pending(now time.Time, limit int) ([]fo.OutboxEntry, time.Time, error) {
	var out []fo.OutboxEntry
	var next time.Time
	type bad struct {
		seq uint64
		err error
	}
	var bads []bad
	tnow := tkey(now)
	err := s.db.View(func(tx *bolt.Tx) error {
		records := tx.Bucket(bOutbox)
		byChat := tx.Bucket(bOutboxChat).Cursor()
		c := tx.Bucket(bOutboxNext).Cursor()
		seen := map[int64]bool{}
		for k, v := c.First(); k != nil && btou(k[:8]) <= tnow && len(out) < limit; k, v = c.Next() {
			chat := int64(btou(v))
			if seen[chat] {
				continue
			}
			seen[chat] = true
			prefix := u64(uint64(chat))
			for ck, cv := byChat.Seek(prefix); ck != nil && bytes.HasPrefix(ck, prefix) && len(out) < limit; ck, cv = byChat.Next() {
				nb, ra := btou(cv[:8]), btou(cv[8:16])
				if ra > tnow {
					break // in back-off: the chat's later entries wait for it
				}
				if nb > tnow {
					continue // held back by NotBefore only: the others may pass
				}
				seq := btou(ck[8:])
				var r outboxRecord
				if err := json.Unmarshal(records.Get(u64(seq)), &r); err != nil {
					bads = append(bads, bad{seq, err})
					break
				}
				out = append(out, fo.OutboxEntry{Seq: seq, Message: r.Message, Tries: r.Tries})
			}
		}
		if k, _ := c.Seek(key(tnow + 1)); k != nil {
			next = time.Unix(int64(btou(k[:8])), 0).UTC()
		}
		return nil
	})
	if err != nil {
		return nil, time.Time{}, err
	}
	for _, b := range bads {
		s.log.Error("outbox record cannot be decoded; parked", "seq", b.seq, "err", b.err)
		if err := s.parkUndecodable(b.seq, b.err, true); err != nil {
			return nil, time.Time{}, err
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Seq < out[j].Seq })
	return out, next, nil
}

// parkUndecodable parks outbox record seq, which cannot be decoded, by its
// sequence number: its index entries are found by the number alone.
// counted says whether the record is among the waiting count (it was
// enqueued, not written past the store).
func (s *Store) parkUndecodable(seq uint64, derr error, counted bool) error {
	return s.update(func(tx *bolt.Tx, w *writer) error {
		raw := tx.Bucket(bOutbox).Get(u64(seq))
		if raw == nil {
			return nil
		}
		raw = bytes.Clone(raw)
		var chat int64
		for _, b := range [][]byte{bOutboxNext, bOutboxChat} {
			var del [][]byte
			tx.Bucket(b).ForEach(func(k, v []byte) error {
				if btou(k[8:]) == seq {
					del = append(del, bytes.Clone(k))
					if bytes.Equal(b, bOutboxNext) { // its value is the chat
						chat = int64(btou(v))
					}
				}
				return nil
			})
			for _, k := range del {
				if err := tx.Bucket(b).Delete(k); err != nil {
					return err
				}
			}
		}
		if err := tx.Bucket(bOutbox).Delete(u64(seq)); err != nil {
			return err
		}
		if counted {
			if err := w.count(statOutboxWaiting, -1); err != nil {
				return err
			}
		}
		p := fo.ParkedEntry{Queue: fo.QueueOutbox, ID: strconv.FormatUint(seq, 10), ChatID: chat,
			Error: "decode: " + derr.Error(), Tries: 1, FirstTry: w.now, LastTry: w.now}
		return w.park(p, raw)
	})
}

// park keeps p (and the outbox record's raw bytes) among the parked
// entries and tells the supervisors once.
func (w *writer) park(p fo.ParkedEntry, raw []byte) error {
	p.ParkedAt = w.now
	st, err := settingsTx(w.tx)
	if err != nil {
		return err
	}
	msgs := fo.ParkedMessages(&st, p)
	p.Announced = len(msgs) > 0
	switch p.Queue {
	case fo.QueueOutbox:
		seq, _ := strconv.ParseUint(p.ID, 10, 64)
		if err := putJSON(w.tx.Bucket(bOutboxParked), u64(seq), parkedOutbox{ParkedEntry: p, Raw: raw}); err != nil {
			return err
		}
		if err := w.count(statOutboxParked, 1); err != nil {
			return err
		}
	default:
		if err := putJSON(w.tx.Bucket(bDueParked), []byte(p.ID), parkedDue{ParkedEntry: p, RawKey: raw}); err != nil {
			return err
		}
		if err := w.count(statDueParked, 1); err != nil {
			return err
		}
	}
	return w.enqueue(msgs...)
}

// MarkSent records that the entry seq was delivered as Telegram message
// messageID: it leaves the outbox, its key is remembered as sent, and a
// message with RelayTo remembers where staff replies to it go (REC-3).
func (s *Store) MarkSent(seq uint64, messageID int) error {
	return s.update(func(tx *bolt.Tx, w *writer) error {
		var r outboxRecord
		if err := getJSON(tx.Bucket(bOutbox), u64(seq), &r); err != nil {
			return fmt.Errorf("mark sent %d: %w", seq, err)
		}
		if err := w.unqueue(seq, &r); err != nil {
			return err
		}
		if err := tx.Bucket(bOutboxKeys).Put([]byte(r.Key), key(seq, tkey(w.now))); err != nil {
			return err
		}
		if r.RelayTo != 0 && messageID != 0 {
			k := key(uint64(r.ChatID), uint64(messageID))
			if err := tx.Bucket(bRelay).Put(k, append(i64(r.RelayTo), r.RelayLang...)); err != nil {
				return err
			}
			return tx.Bucket(bRelayAt).Put(append(u64(tkey(w.now)), k...), nil)
		}
		return nil
	})
}

// MarkFailed records a failed try of seq. When permanent (Telegram will
// never take it: blocked bot, unknown chat) the message moves to the dead
// letters. Otherwise the try counts: the entry waits fo.QueueBackoff(tries)
// before its next try (holding back the later messages of its chat only),
// and at its fo.MaxQueueTries-th failed try it is parked and announced to
// the supervisors. A failure that is not the entry's fault (Telegram down)
// is not to be recorded here.
func (s *Store) MarkFailed(seq uint64, reason string, permanent bool) error {
	return s.update(func(tx *bolt.Tx, w *writer) error {
		out := tx.Bucket(bOutbox)
		var r outboxRecord
		if err := getJSON(out, u64(seq), &r); err != nil {
			return fmt.Errorf("mark failed %d: %w", seq, err)
		}
		old := r
		r.Tries++
		r.LastError = reason
		r.LastTry = w.now
		if r.FirstTry.IsZero() {
			r.FirstTry = w.now
		}
		if permanent {
			if err := w.unqueue(seq, &old); err != nil {
				return err
			}
			if err := tx.Bucket(bOutboxKeys).Put([]byte(r.Key), key(seq, tkey(w.now))); err != nil {
				return err
			}
			return putJSON(tx.Bucket(bOutboxDead), u64(seq), deadMessage{outboxRecord: r, Reason: reason, At: w.now})
		}
		if r.Tries >= fo.MaxQueueTries {
			raw, err := json.Marshal(r)
			if err != nil {
				return err
			}
			if err := w.unqueue(seq, &old); err != nil {
				return err
			}
			// The key is kept as settled (for retention, like a dead letter's).
			if err := tx.Bucket(bOutboxKeys).Put([]byte(r.Key), key(seq, tkey(w.now))); err != nil {
				return err
			}
			return w.park(fo.ParkedEntry{Queue: fo.QueueOutbox, ID: strconv.FormatUint(seq, 10), Key: r.Key,
				ChatID: r.ChatID, Error: reason, Tries: r.Tries, FirstTry: r.FirstTry, LastTry: r.LastTry}, raw)
		}
		r.RetryAt = w.now.Add(fo.QueueBackoff(r.Tries))
		if err := w.unindexOutbox(seq, &old); err != nil {
			return err
		}
		if err := w.indexOutbox(seq, &r); err != nil {
			return err
		}
		return putJSON(out, u64(seq), r)
	})
}

// RelayTarget returns the customer chat that a staff reply to message
// messageID in chatID goes to, and its language (RelayLang of the relayed
// message; Chinese when none was given), or ErrNotFound (REC-3).
func (s *Store) RelayTarget(chatID int64, messageID int) (int64, fo.Lang, error) {
	var to int64
	lang := fo.ZH
	err := s.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bRelay).Get(key(uint64(chatID), uint64(messageID)))
		if v == nil {
			return fo.ErrNotFound
		}
		to = int64(btou(v[:8]))
		if len(v) > 8 {
			lang = fo.ParseLang(string(v[8:]))
		}
		return nil
	})
	return to, lang, err
}

// SentKeys returns the idempotency keys of sent messages that start with
// prefix, for tests and the console.
func (s *Store) SentKeys(prefix string) ([]string, error) {
	var out []string
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bOutboxKeys).Cursor()
		for k, v := c.Seek([]byte(prefix)); k != nil && bytes.HasPrefix(k, []byte(prefix)); k, v = c.Next() {
			if btou(v[8:]) != 0 {
				out = append(out, string(k))
			}
		}
		return nil
	})
	return out, err
}
