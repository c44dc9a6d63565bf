package data

// Tasks: requests heard on follow-up calls (FU-5).
//
// Bucket and key layout:
//
//	tasks  id → JSON fo.Task
//	       "O" | id → empty while the task is open
//
// Due kind: taskesc (a task unresolved 2 days: the supervisor, FU-5; the
// handler is in data/escalation.go).

import (
	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

func taskOpenKey(id uint64) []byte { return append([]byte("O"), u64(id)...) }

// addTask records a request heard on call c as an open task, escalated to
// the supervisor when unresolved after 2 days (FU-5).
func (w *writer) addTask(c fo.Call, name, plate, text, staff string) error {
	b := w.tx.Bucket(bTasks)
	id, err := nextID(b)
	if err != nil {
		return err
	}
	t := fo.Task{ID: id, CallID: c.ID, CustomerID: c.CustomerID, CustomerName: name, Plate: plate, Text: text, Staff: staff,
		Open: true, CreatedAt: w.now, EscalateAt: w.now.Add(fo.TaskEscalateAfter)}
	if err := putJSON(b, u64(id), t); err != nil {
		return err
	}
	if err := b.Put(taskOpenKey(id), nil); err != nil {
		return err
	}
	return w.putDue(t.EscalateAt, taskEscKind, id)
}

// SolveTask records the solution of an open task (else ErrNotAllowed) and
// tells the customer the same day (FU-5): in their chat (outside quiet
// hours, so at the latest the next morning) with a letter register entry,
// or on the reception's phone list.
func (s *Store) SolveTask(id uint64, solution, staff string) (fo.Task, error) {
	var t fo.Task
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		st, err := settingsTx(tx)
		if err != nil {
			return err
		}
		if _, ok := st.StaffMember(staff); !ok {
			return fo.ErrForbidden
		}
		b := tx.Bucket(bTasks)
		if err := getJSON(b, u64(id), &t); err != nil {
			return err
		}
		if !t.Open {
			return fo.ErrNotAllowed
		}
		if t.Solution, err = fo.ParseNote(solution, fo.MaxSolution); err != nil {
			return err
		}
		t.Open, t.SolvedAt, t.SolvedBy = false, w.now, staff
		if err := b.Delete(taskOpenKey(id)); err != nil {
			return err
		}
		if err := putJSON(b, u64(id), t); err != nil {
			return err
		}
		var cust fo.Customer
		if err := getJSON(tx.Bucket(bCustomers), u64(t.CustomerID), &cust); err != nil {
			return err
		}
		n := fo.TaskSolvedNotices(&st, t, cust, notQuiet(&st, w.now))
		if len(n.Calls) > 0 {
			return w.addPhoneTasks(&st, n.Calls...)
		}
		if err := w.register(bRegLetter, fo.RegisterEntry{Action: "solution", Ref: id, Code: "task", By: "staff:" + staff,
			Detail: fo.TaskRegisterDetail(t, cust)}); err != nil {
			return err
		}
		return w.enqueue(n.Messages...)
	})
	return t, err
}

// OpenTasks returns the tasks not solved yet, oldest first.
func (s *Store) OpenTasks() ([]fo.Task, error) {
	var out []fo.Task
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bTasks)
		c := b.Cursor()
		for k, _ := c.Seek([]byte("O")); k != nil && k[0] == 'O'; k, _ = c.Next() {
			var t fo.Task
			if err := getJSON(b, k[1:], &t); err != nil {
				return err
			}
			out = append(out, t)
		}
		return nil
	})
	return out, err
}
