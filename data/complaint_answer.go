package data

// The closed loop of a complaint (CMP-4): taken or assigned (CMP-1),
// answered in the customer's chat or on the phone, the customer's verdict,
// reopened to the supervisor or closed with its resolution.

import (
	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// changeComplaint loads complaint id, lets fn change it and stores it.
func (s *Store) changeComplaint(id uint64, idem string, fn func(w *writer, st *fo.Settings, c *fo.Complaint) error) (fo.Complaint, error) {
	var c fo.Complaint
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		if done, err := idemGet(tx, idem, &c); done || err != nil {
			return err
		}
		var err error
		if c, err = getComplaint(tx, id); err != nil {
			return err
		}
		st, err := settingsTx(tx)
		if err != nil {
			return err
		}
		if err := fn(w, &st, &c); err != nil {
			return err
		}
		if err := w.putComplaint(c); err != nil {
			return err
		}
		return idemPut(tx, idem, c)
	})
	return c, err
}

// TakeComplaint makes staff member staff the complaint's assignee (the
// "take" button). A complaint another staff member took is ECONFLICT
// ("err.cmp.taken"); a closed one ErrNotAllowed; an unknown staff member
// ErrForbidden. Taking one's own complaint again changes nothing.
func (s *Store) TakeComplaint(id uint64, staff string) (fo.Complaint, error) {
	return s.changeComplaint(id, "", func(w *writer, st *fo.Settings, c *fo.Complaint) error {
		if _, ok := st.StaffMember(staff); !ok {
			return fo.ErrForbidden
		}
		switch {
		case c.Status == fo.CmpClosed:
			return fo.ErrNotAllowed
		case c.Assignee == staff:
			return nil
		case c.Assignee != "":
			return fo.Errorf(fo.ECONFLICT, "err.cmp.taken", st.StaffName(c.Assignee))
		}
		c.Assignee = staff
		c.History = append(c.History, fo.ComplaintEvent{At: w.now, By: "staff:" + staff, Action: "taken"})
		return w.enqueue(fo.ComplaintTakenMessages(st, *c, staff)...)
	})
}

// AssignComplaint gives the complaint to staff member staff (the
// supervisor routes it, CMP-1); the new assignee is told.
func (s *Store) AssignComplaint(id uint64, staff, by string) (fo.Complaint, error) {
	return s.changeComplaint(id, "", func(w *writer, st *fo.Settings, c *fo.Complaint) error {
		if _, ok := st.StaffMember(staff); !ok {
			return fo.Errorf(fo.EINVALID, "err.cmp.staff")
		}
		if c.Status == fo.CmpClosed {
			return fo.ErrNotAllowed
		}
		c.Assignee = staff
		c.History = append(c.History, fo.ComplaintEvent{At: w.now, By: by, Action: "assigned", Note: staff})
		return w.enqueue(fo.ComplaintAssignedMessages(st, *c, staff)...)
	})
}

// AnswerComplaint records a staff answer to a complaint waiting for one
// (open or reopened; else ErrNotAllowed). The answer reaches the customer
// in the chat, with buttons asking whether they are satisfied (callback
// data fo.ComplaintData with fo.CmpOK / fo.CmpNo, CMP-4), and goes in the letter
// register; an answer given on the phone goes in the call register and the
// staff record the verdict with RecordVerdict. The staff member becomes
// the assignee when there was none.
func (s *Store) AnswerComplaint(req fo.AnswerRequest) (fo.Complaint, error) {
	return s.changeComplaint(req.ID, req.Idem, func(w *writer, st *fo.Settings, c *fo.Complaint) error {
		if _, ok := st.StaffMember(req.Staff); !ok {
			return fo.ErrForbidden
		}
		if !c.Unanswered() {
			return fo.ErrNotAllowed
		}
		text, err := fo.ParseNote(req.Text, fo.MaxAnswerText)
		if err != nil {
			return err
		}
		if c.Assignee == "" {
			c.Assignee = req.Staff
		}
		return w.answerComplaint(st, c, "staff:"+req.Staff, text, req.ByPhone)
	})
}

// answerComplaint records text as the answer of c by by — staff, or a
// service station (NET-3, data/station_complaint.go) — and brings it to
// the customer's chat with the verdict buttons, or records it as given on
// the phone (CMP-4).
func (w *writer) answerComplaint(st *fo.Settings, c *fo.Complaint, by, text string, byPhone bool) error {
	c.Status, c.AnsweredAt, c.Answer = fo.CmpAnswered, w.now, text
	if c.FirstAnsweredAt.IsZero() {
		c.FirstAnsweredAt = w.now
	}
	c.Answers++
	chat := w.complaintChat(*c)
	byPhone = byPhone || chat == 0
	how := "chat"
	if byPhone {
		how = "phone"
	}
	c.History = append(c.History, fo.ComplaintEvent{At: w.now, By: by, Action: "answered", Note: how + ": " + text})
	if byPhone {
		return w.registerComplaint(*c, fo.ChannelPhone, "answer", by, text)
	}
	if err := w.registerComplaint(*c, fo.ChannelBot, "answer", by, text); err != nil {
		return err
	}
	return w.enqueue(fo.ComplaintAnswerMessage(st, *c, chat))
}

// RecordVerdict closes the loop of an answered complaint (CMP-4):
// satisfied closes it with the answer as its resolution; dissatisfied
// reopens it to the supervisor with a new deadline (CMP-2, CMP-3), and the
// supervisor is told. The customer is thanked, or told the new deadline. A
// chat that is not the complaint's gets ErrNotFound; a complaint not
// waiting for a verdict ErrStale (a button pressed twice).
func (s *Store) RecordVerdict(req fo.VerdictRequest) (fo.Complaint, error) {
	return s.changeComplaint(req.ID, req.Idem, func(w *writer, st *fo.Settings, c *fo.Complaint) error {
		chat := w.complaintChat(*c)
		by, channel := "staff:"+req.Staff, fo.ChannelPhone
		if req.ChatID != 0 {
			if req.ChatID != chat {
				return fo.ErrNotFound
			}
			by, channel = "customer:bot", fo.ChannelBot
		} else if _, ok := st.StaffMember(req.Staff); !ok {
			return fo.ErrForbidden
		}
		if c.Status != fo.CmpAnswered {
			return fo.ErrStale
		}
		verdict := fo.VerdictDissatisfied
		if req.Satisfied {
			verdict = fo.VerdictSatisfied
		}
		c.Verdict = verdict
		c.History = append(c.History, fo.ComplaintEvent{At: w.now, By: by, Action: verdict})
		if err := w.registerComplaint(*c, channel, "verdict", by, verdict); err != nil {
			return err
		}
		if req.Satisfied {
			c.Status, c.ClosedAt, c.Resolution = fo.CmpClosed, w.now, c.Answer
			c.History = append(c.History, fo.ComplaintEvent{At: w.now, By: by, Action: "closed"})
			if err := w.enqueue(fo.VerdictMessages(st, *c, chat, true)...); err != nil {
				return err
			}
			return w.stationVerdict(st, c, true) // NET-3
		}
		// CMP-4: dissatisfied → reopened to the supervisor.
		c.Status, c.Assignee = fo.CmpReopened, st.SupervisorID()
		c.History = append(c.History, fo.ComplaintEvent{At: w.now, By: "system", Action: "reopened", Note: c.Assignee})
		if err := w.armComplaint(st, c); err != nil {
			return err
		}
		if err := w.enqueue(fo.VerdictMessages(st, *c, chat, false)...); err != nil {
			return err
		}
		return w.stationVerdict(st, c, false) // NET-3
	})
}

// CloseComplaint lets staff (the supervisor) close a complaint with its
// resolution and the customer's verdict as they heard it (CMP-4), for
// example after settling it in person.
func (s *Store) CloseComplaint(id uint64, resolution, verdict, staff string) (fo.Complaint, error) {
	return s.changeComplaint(id, "", func(w *writer, st *fo.Settings, c *fo.Complaint) error {
		if _, ok := st.StaffMember(staff); !ok {
			return fo.ErrForbidden
		}
		if c.Status == fo.CmpClosed {
			return fo.ErrNotAllowed
		}
		if verdict != fo.VerdictSatisfied && verdict != fo.VerdictDissatisfied {
			return fo.Errorf(fo.EINVALID, "err.cmp.verdict")
		}
		res, err := fo.ParseNote(resolution, fo.MaxAnswerText)
		if err != nil {
			return err
		}
		if c.FirstAnsweredAt.IsZero() {
			c.FirstAnsweredAt = w.now
		}
		c.Status, c.ClosedAt, c.Resolution, c.Verdict = fo.CmpClosed, w.now, res, verdict
		c.History = append(c.History, fo.ComplaintEvent{At: w.now, By: "staff:" + staff, Action: "closed", Note: verdict + ": " + res})
		return w.resolveStationQuality(c) // NET-3
	})
}
