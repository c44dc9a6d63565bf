package data

// The queue board: calling the next visit to the counter and the lobby
// TV's view of the queue.

import (
	"bytes"
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// boardKeep is how many calls the board remembers per day.
const boardKeep = 8

// CallNext calls the first waiting visit of today to the counter, or the
// visit id when it is not 0. It returns ErrNotFound when nobody waits. The
// board shows the call (its watchers are woken).
func (s *Store) CallNext(id uint64, by string) (fo.Visit, error) {
	var v fo.Visit
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		st, err := settingsTx(tx)
		if err != nil {
			return err
		}
		day := w.now.In(st.Location()).Format(time.DateOnly)
		if id == 0 {
			c := tx.Bucket(bVisitDay).Cursor()
			prefix := []byte(day)
			for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
				cand, err := getVisit(tx, btou(k[len(prefix):]))
				if err != nil {
					return err
				}
				if cand.Status == fo.VisitWaiting {
					id = cand.ID
					break
				}
			}
			if id == 0 {
				return fo.ErrNotFound
			}
		}
		if v, err = getVisit(tx, id); err != nil {
			return err
		}
		if v.Status != fo.VisitWaiting && v.Status != fo.VisitCalled {
			return fo.ErrNotAllowed
		}
		old := v
		v.Status, v.CalledAt = fo.VisitCalled, w.now
		if err := w.putVisit(v, &old); err != nil {
			return err
		}
		w.boardChanged = true
		b := tx.Bucket(bBoard)
		var calls []fo.BoardCall
		getJSON(b, []byte(day), &calls)
		calls = append([]fo.BoardCall{{QueueNo: v.QueueNo, Plate: fo.MaskPlate(v.Plate), At: w.now}}, calls...)
		if len(calls) > boardKeep {
			calls = calls[:boardKeep]
		}
		return putJSON(b, []byte(day), calls)
	})
	return v, err
}

// fo.Board returns the board of today.
func (s *Store) Board() (fo.Board, error) {
	var out fo.Board
	err := s.db.View(func(tx *bolt.Tx) error {
		st, err := settingsTx(tx)
		if err != nil {
			return err
		}
		out.Day = s.now().In(st.Location()).Format(time.DateOnly)
		var calls []fo.BoardCall
		getJSON(tx.Bucket(bBoard), []byte(out.Day), &calls)
		if len(calls) > 0 {
			out.Now, out.Recent = &calls[0], calls[1:]
		}
		if out.Recent == nil {
			out.Recent = []fo.BoardCall{}
		}
		c := tx.Bucket(bVisitDay).Cursor()
		prefix := []byte(out.Day)
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			v, err := getVisit(tx, btou(k[len(prefix):]))
			if err == nil && v.Status == fo.VisitWaiting {
				out.Waiting++
			}
		}
		out.Version = tx.Bucket(bBoard).Sequence()
		return nil
	})
	return out, err
}
