package data

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

type outboxRecord struct {
	fo.Message
	Tries     int       `json:"tries,omitempty"`
	Enqueued  time.Time `json:"enqueued"`
	LastError string    `json:"last_error,omitempty"`
}

type deadMessage struct {
	outboxRecord
	Reason string    `json:"reason"`
	At     time.Time `json:"at"`
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
		if err := putJSON(out, u64(seq), outboxRecord{Message: m, Enqueued: w.now}); err != nil {
			return err
		}
		if err := keys.Put([]byte(m.Key), key(seq, 0)); err != nil {
			return err
		}
		w.enqueued++
	}
	return nil
}

// dropQueued removes a waiting message by key (a reminder for an appointment
// that moved). A message already sent is left alone.
func (w *writer) dropQueued(k string) error {
	keys := w.tx.Bucket(bOutboxKeys)
	v := keys.Get([]byte(k))
	if v == nil || btou(v[8:]) != 0 {
		return nil
	}
	if err := w.tx.Bucket(bOutbox).Delete(v[:8]); err != nil {
		return err
	}
	return keys.Delete([]byte(k))
}

// Enqueue puts msgs in the outbox in a transaction of their own.
func (s *Store) Enqueue(msgs ...fo.Message) error {
	return s.update(func(_ *bolt.Tx, w *writer) error { return w.enqueue(msgs...) })
}

// Pending returns up to limit waiting messages whose NotBefore has come, in
// the order they were enqueued, and the earliest NotBefore of those held
// back (zero when none).
func (s *Store) Pending(now time.Time, limit int) ([]fo.OutboxEntry, time.Time, error) {
	var out []fo.OutboxEntry
	var next time.Time
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bOutbox).Cursor()
		for k, v := c.First(); k != nil && len(out) < limit; k, v = c.Next() {
			var r outboxRecord
			if err := json.Unmarshal(v, &r); err != nil {
				return fmt.Errorf("decode outbox %d: %w", btou(k), err)
			}
			if r.NotBefore.After(now) {
				if next.IsZero() || r.NotBefore.Before(next) {
					next = r.NotBefore
				}
				continue
			}
			out = append(out, fo.OutboxEntry{Seq: btou(k), Message: r.Message, Tries: r.Tries})
		}
		return nil
	})
	return out, next, err
}

// MarkSent records that the entry seq was delivered as Telegram message
// messageID: it leaves the outbox, its key is remembered as sent, and a
// message with RelayTo remembers where staff replies to it go (REC-3).
func (s *Store) MarkSent(seq uint64, messageID int) error {
	return s.update(func(tx *bolt.Tx, w *writer) error {
		out := tx.Bucket(bOutbox)
		var r outboxRecord
		if err := getJSON(out, u64(seq), &r); err != nil {
			return fmt.Errorf("mark sent %d: %w", seq, err)
		}
		if err := out.Delete(u64(seq)); err != nil {
			return err
		}
		if err := tx.Bucket(bOutboxKeys).Put([]byte(r.Key), key(seq, tkey(w.now))); err != nil {
			return err
		}
		if r.RelayTo != 0 && messageID != 0 {
			return tx.Bucket(bRelay).Put(key(uint64(r.ChatID), uint64(messageID)), append(i64(r.RelayTo), r.RelayLang...))
		}
		return nil
	})
}

// MarkFailed records a failed attempt at seq. When permanent (Telegram will
// never take it: blocked bot, unknown chat) the message moves to the dead
// letters; otherwise it stays for the next try.
func (s *Store) MarkFailed(seq uint64, reason string, permanent bool) error {
	return s.update(func(tx *bolt.Tx, w *writer) error {
		out := tx.Bucket(bOutbox)
		var r outboxRecord
		if err := getJSON(out, u64(seq), &r); err != nil {
			return fmt.Errorf("mark failed %d: %w", seq, err)
		}
		r.Tries++
		r.LastError = reason
		if !permanent {
			return putJSON(out, u64(seq), r)
		}
		if err := out.Delete(u64(seq)); err != nil {
			return err
		}
		if err := tx.Bucket(bOutboxKeys).Put([]byte(r.Key), key(seq, tkey(w.now))); err != nil {
			return err
		}
		return putJSON(tx.Bucket(bOutboxDead), u64(seq), deadMessage{outboxRecord: r, Reason: reason, At: w.now})
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
