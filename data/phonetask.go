package data

// The reception's phone list: what the domain tells a customer without a
// linked chat, called by the reception (DEL-2, INT-6, FU-5).

import (
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// addPhoneTasks puts calls on the reception's list for today; a task with
// the same key is added once.
func (w *writer) addPhoneTasks(st *fo.Settings, tasks ...fo.PhoneTask) error {
	b := w.tx.Bucket(bPhoneTasks)
	keys := w.tx.Bucket(bOutboxKeys)
	for _, t := range tasks {
		if keys.Get([]byte(t.Key)) != nil {
			continue
		}
		if err := keys.Put([]byte(t.Key), key(0, tkey(w.now))); err != nil {
			return err
		}
		t.Created = w.now
		t.Day = w.now.In(st.Location()).Format(time.DateOnly)
		seq, err := nextID(b)
		if err != nil {
			return err
		}
		if err := putJSON(b, append([]byte(t.Day), u64(seq)...), t); err != nil {
			return err
		}
	}
	return nil
}

// PhoneTasks returns the reception's calls of day (YYYY-MM-DD), with their
// keys for PhoneTaskDone, plus the undone ones of earlier days.
func (s *Store) PhoneTasks(day string) ([]fo.PhoneTask, []string, error) {
	var out []fo.PhoneTask
	var ids []string
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bPhoneTasks).ForEach(func(k, v []byte) error {
			var t fo.PhoneTask
			if err := jsonUnmarshal(v, &t); err != nil {
				return err
			}
			if t.Day == day || (t.Day < day && t.Done.IsZero()) {
				out = append(out, t)
				ids = append(ids, fmt.Sprintf("%x", k))
			}
			return nil
		})
	})
	return out, ids, err
}

// PhoneTaskDone marks a reception call made.
func (s *Store) PhoneTaskDone(id string, by string) error {
	return s.update(func(tx *bolt.Tx, w *writer) error {
		var k []byte
		if _, err := fmt.Sscanf(id, "%x", &k); err != nil {
			return fo.ErrNotFound
		}
		b := tx.Bucket(bPhoneTasks)
		var t fo.PhoneTask
		if err := getJSON(b, k, &t); err != nil {
			return err
		}
		if !t.Done.IsZero() {
			return fo.ErrNotAllowed
		}
		t.Done, t.DoneBy = w.now, by
		return putJSON(b, k, t)
	})
}
