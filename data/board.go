package data

// The queue board: calling the next visit to the counter and the lobby
// TV's view of the queue; recalling a number and moving it back (issue 11
// item 6). Every call tells the chat linked to the visit's own customer
// (fo.QueueCallMessages) in the call's transaction.

import (
	"bytes"
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// boardKeep is how many calls the board remembers per day.
const boardKeep = 8

// CallNext calls the first waiting visit of today in queue order
// (fo.QueueOrder) to the counter, or the visit id when it is not 0 (a
// called one is called again: a recall). It returns ErrNotFound when
// nobody waits. The board shows the call (its watchers are woken), the
// visit's queue history records it, and the customer's chat is told.
func (s *Store) CallNext(id uint64, by string) (fo.Visit, error) {
	return s.call(id, by, false)
}

// Recall calls a called visit's number again: the board shows it again and
// the customer's chat is told again. A visit not called is ErrNotAllowed.
func (s *Store) Recall(id uint64, by string) (fo.Visit, error) {
	return s.call(id, by, true)
}

func (s *Store) call(id uint64, by string, recallOnly bool) (fo.Visit, error) {
	var v fo.Visit
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		w.setBy(by)
		st, err := settingsTx(tx)
		if err != nil {
			return err
		}
		day := w.now.In(st.Location()).Format(time.DateOnly)
		if id == 0 {
			visits, err := visitsOnTx(tx, day)
			if err != nil {
				return err
			}
			q := fo.QueueOrder(visits)
			if len(q) == 0 {
				return fo.ErrNotFound
			}
			id = q[0].ID
		}
		if v, err = getVisit(tx, id); err != nil {
			return err
		}
		if v.Status != fo.VisitWaiting && v.Status != fo.VisitCalled || recallOnly && v.Status != fo.VisitCalled {
			return fo.ErrNotAllowed
		}
		old := v
		kind := fo.QueueEvCalled
		if v.Status == fo.VisitCalled {
			kind = fo.QueueEvRecalled
		}
		v.Status, v.CalledAt = fo.VisitCalled, w.now
		v.QueueLog = append(v.QueueLog, fo.QueueEvent{At: w.now, Kind: kind, By: by})
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
		if err := putJSON(b, []byte(day), calls); err != nil {
			return err
		}
		return w.enqueue(fo.QueueCallMessages(v, w.customerChat(v.CustomerID), w.now, kind == fo.QueueEvRecalled)...)
	})
	return v, err
}

// MoveBack puts a called visit whose customer did not come back in the
// queue, places places further back (fo.QueueMoveBack): it waits again,
// its queue history records the move, and the customer's chat is told
// how many now wait ahead.
func (s *Store) MoveBack(id uint64, places int, by string) (fo.Visit, error) {
	var v fo.Visit
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		w.setBy(by)
		var err error
		if v, err = getVisit(tx, id); err != nil {
			return err
		}
		visits, err := visitsOnTx(tx, v.Day)
		if err != nil {
			return err
		}
		moves, moved, ahead, err := fo.QueueMoveBack(visits, v, places)
		if err != nil {
			return err
		}
		old := v
		v.Status, v.QueueAt = fo.VisitWaiting, moves[0].At
		v.QueueLog = append(v.QueueLog, fo.QueueEvent{At: w.now, Kind: fo.QueueEvMovedBack, By: by, Places: moved})
		if err := w.putVisit(v, &old); err != nil {
			return err
		}
		// Visits behind whose keys had to make room keep their order.
		for _, m := range moves[1:] {
			o, err := getVisit(tx, m.ID)
			if err != nil {
				return err
			}
			n := o
			n.QueueAt = m.At
			if err := w.putVisit(n, &o); err != nil {
				return err
			}
		}
		w.boardChanged = true
		return w.enqueue(fo.QueueMovedMessages(v, ahead, w.customerChat(v.CustomerID), w.now)...)
	})
	return v, err
}

// queueVisit is what the queue's order needs of a visit (fo.QueueOrder):
// decoding only these fields reads a day of 200 visits several times
// faster than whole visits with their work orders and queue histories.
type queueVisit struct {
	ID          uint64         `json:"id"`
	Status      fo.VisitStatus `json:"status"`
	QueueNo     string         `json:"queue_no"`
	CheckedInAt time.Time      `json:"checked_in_at"`
	QueueAt     time.Time      `json:"queue_at"`
}

// visitsOnTx returns the visits checked in on day, in check-in order, with
// only the fields of queueVisit set.
func visitsOnTx(tx *bolt.Tx, day string) ([]fo.Visit, error) {
	var out []fo.Visit
	b := tx.Bucket(bVisits)
	c := tx.Bucket(bVisitDay).Cursor()
	prefix := []byte(day)
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix) && len(k) == len(prefix)+8; k, _ = c.Next() {
		var q queueVisit
		if err := getJSON(b, k[len(prefix):], &q); err != nil {
			return nil, err
		}
		out = append(out, fo.Visit{ID: q.ID, Status: q.Status, QueueNo: q.QueueNo, CheckedInAt: q.CheckedInAt, QueueAt: q.QueueAt})
	}
	return out, nil
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
