package data

// Follow-up calls (FU-1 to FU-5, FU-7, FU-9), the tasks requests heard on
// calls become (FU-5), and the supervisor's monthly summary (FU-8).
//
// Buckets and key layouts:
//
//	calls     id → JSON fo.Call
//	call_due  next time | call id → designated staff id, for every open
//	          call. The day's call list reads this index up to the day's
//	          end and the records it names, never the calls bucket as a
//	          whole; its values count open calls per staff member (FU-1).
//	tasks     id → JSON fo.Task; "O" | id → empty while the task is open
//
// Due kinds: callwarn (the window's last open day: the supervisor hears of
// a call still unattended), callmiss (the window closed: the call is
// missed), callat (the time agreed with the customer: the caller is
// reminded, FU-9), taskesc (a task unresolved 2 days: the supervisor,
// FU-5).

import (
	"fmt"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

const (
	callWarnKind = "callwarn"
	callMissKind = "callmiss"
	callAtKind   = "callat"
	taskEscKind  = "taskesc"
)

// addCall stores a new open call, on the lists from its target day, with
// the supervisor's warning on the window's last open day and the miss at
// its close in the due index.
func (w *writer) addCall(st *fo.Settings, c fo.Call) (fo.Call, error) {
	id, err := nextID(w.tx.Bucket(bCalls))
	if err != nil {
		return c, err
	}
	c.ID, c.Status, c.CreatedAt = id, fo.CallOpen, w.now
	if c.NextAt.IsZero() {
		c.NextAt = c.Target
	}
	if err := w.putCall(c, nil); err != nil {
		return c, err
	}
	if warn := callWarnAt(st, c.Window); warn.After(w.now) {
		if err := w.putDue(warn, callWarnKind, id); err != nil {
			return c, err
		}
	}
	return c, w.putDue(c.Closes, callMissKind, id)
}

// callWarnAt returns when the supervisor hears of a call still unattended:
// at the opening of the window's last open day (FU-1: the supervisor finds
// someone to make it that day), or a day before the close when the window
// has no open day.
func callWarnAt(st *fo.Settings, win fo.Window) time.Time {
	loc := st.Location()
	for d := fo.DayStart(win.Closes.Add(-time.Second), loc); !d.Before(fo.DayStart(win.Opens, loc)); d = d.AddDate(0, 0, -1) {
		if !st.IsClosedDate(d) {
			return st.Hours[d.Weekday()].Open.At(d, loc).UTC()
		}
	}
	return win.Closes.Add(-24 * time.Hour)
}

// putCall stores c and keeps the call_due index: an open call is in it
// under its NextAt; and the reports' call_close index.
func (w *writer) putCall(c fo.Call, old *fo.Call) error {
	due := w.tx.Bucket(bCallDue)
	if old != nil && old.Status == fo.CallOpen {
		if err := due.Delete(key(tkey(old.NextAt), c.ID)); err != nil {
			return err
		}
	}
	if c.Status == fo.CallOpen {
		if err := due.Put(key(tkey(c.NextAt), c.ID), []byte(c.Staff)); err != nil {
			return err
		}
	}
	c.UpdatedAt = w.now
	if err := indexCall(w.tx, &c, old); err != nil { // the reports' call_close (report_aftersales.go)
		return err
	}
	return putJSON(w.tx.Bucket(bCalls), u64(c.ID), c)
}

func getCall(tx *bolt.Tx, id uint64) (fo.Call, error) {
	var c fo.Call
	err := getJSON(tx.Bucket(bCalls), u64(id), &c)
	return c, err
}

// Call returns the call with id, or ErrNotFound.
func (s *Store) Call(id uint64) (fo.Call, error) {
	var c fo.Call
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		c, err = getCall(tx, id)
		return err
	})
	return c, err
}

// CallList returns the call list of day (its calendar day in the shop's
// zone): for each staff member making calls that day, the open calls that
// show on it — from their next day on, while their window lasts — the
// window closing soonest first (FU-2, FU-3), each with the customer, the
// phone (full and masked), the vehicle, what was done, the earlier call's
// topics (FU-4), the survey's answers (SUR-2), the next maintenance date
// and the current promotions (FU-6). The calls of a designated staff
// member away that day are on the substitute's list (FU-1). It reads the
// call_due index up to the day's end and the records it names.
func (s *Store) CallList(day time.Time) (fo.CallList, error) {
	var list fo.CallList
	err := s.db.View(func(tx *bolt.Tx) error {
		st, err := settingsTx(tx)
		if err != nil {
			return err
		}
		list, err = callListTx(tx, &st, day)
		return err
	})
	return list, err
}

func callListTx(tx *bolt.Tx, st *fo.Settings, day time.Time) (fo.CallList, error) {
	loc := st.Location()
	start := fo.DayStart(day, loc)
	end := start.AddDate(0, 0, 1)
	list := fo.CallList{Day: start.UTC()}
	promos, err := promotionsOnTx(tx, st, start)
	if err != nil {
		return list, err
	}
	titles := fo.PromotionTitles(promos, loc)
	groups := map[string]*fo.StaffCalls{}
	takers := map[string]string{}
	calls, custs, vehs := tx.Bucket(bCalls), tx.Bucket(bCustomers), tx.Bucket(bVehicles)
	c := tx.Bucket(bCallDue).Cursor()
	for k, _ := c.First(); k != nil && btou(k[:8]) < tkey(end); k, _ = c.Next() {
		var call fo.Call
		if err := getJSON(calls, k[8:16], &call); err != nil {
			return list, fmt.Errorf("call %d: %w", btou(k[8:16]), err)
		}
		if call.Status != fo.CallOpen || !call.Closes.After(start) {
			continue
		}
		var cust fo.Customer
		if err := getJSON(custs, u64(call.CustomerID), &cust); err != nil {
			return list, fmt.Errorf("customer of call %d: %w", call.ID, err)
		}
		it := fo.CallItem{Call: call, CustomerName: cust.Name, Phone: cust.Phone, PhoneMasked: fo.MaskPhone(cust.Phone),
			Lang: cust.Lang, Promotions: titles, ClosesToday: !call.Closes.After(end), Staff: cust.FollowUpStaff}
		if call.VehicleID != 0 {
			var v fo.Vehicle
			if err := getJSON(vehs, u64(call.VehicleID), &v); err == nil {
				it.Plate, it.Model, it.NextMaint = v.Plate, v.Model, v.NextMaintenance
			}
		}
		if it.Staff == "" {
			it.Staff = call.Staff
		}
		taker, ok := takers[it.Staff]
		if !ok {
			taker = st.CallTaker(it.Staff, start)
			takers[it.Staff] = taker
		}
		it.Taker = taker
		g := groups[taker]
		if g == nil {
			g = &fo.StaffCalls{Staff: taker, Name: st.StaffName(taker)}
			groups[taker] = g
		}
		g.Calls = append(g.Calls, it)
	}
	for _, m := range st.Staff {
		if g := groups[m.ID]; g != nil {
			fo.SortCallItems(g.Calls)
			list.Staff = append(list.Staff, *g)
			delete(groups, m.ID)
		}
	}
	for _, g := range groups { // no staff to take them: shown, not lost
		fo.SortCallItems(g.Calls)
		g.Name = fo.StaffNobody()
		list.Staff = append(list.Staff, *g)
	}
	return list, nil
}

// SendCallLists sends the call list of day to each caller's chat (their
// private chat, else the staff chats): a header, then every call with its
// buttons — reached, no answer, later, note (callback data
// "call:ok|na|later|note:<id>"). Message keys name the day, the caller
// and the call, so that sending again on the same day adds only what was
// not sent (a call moved to a substitute, FU-1). It returns how many calls
// the list holds.
func (s *Store) SendCallLists(day time.Time) (int, error) {
	n := 0
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		st, err := settingsTx(tx)
		if err != nil {
			return err
		}
		list, err := callListTx(tx, &st, day)
		if err != nil {
			return err
		}
		n = list.Len()
		return w.enqueue(fo.CallListMessages(&st, list, day)...)
	})
	return n, err
}

// RecordCall records a call's outcome in the call record and, for a call
// made, the call register (FU-7). Reached closes the call (not before its
// window opens: EINVALID "err.call.early") and, for a first call,
// schedules the second in day 7 to day 14 after it, avoiding its topics
// (FU-3, FU-4); requests heard become tasks and complaints complaints
// (FU-5, CMP-1). No answer puts the call on tomorrow's list while the
// window lasts; later on the list of the agreed time, which must fall in
// the window, with a reminder then (FU-9); a note changes nothing else. A
// call no longer open is ErrStale (a list's button pressed late).
func (s *Store) RecordCall(req fo.CallOutcome) (fo.Call, error) {
	var c fo.Call
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		if done, err := idemGet(tx, req.Idem, &c); done || err != nil {
			return err
		}
		st, err := settingsTx(tx)
		if err != nil {
			return err
		}
		if _, ok := st.StaffMember(req.Staff); !ok {
			return fo.ErrForbidden
		}
		if c, err = getCall(tx, req.CallID); err != nil {
			return err
		}
		if c.Status != fo.CallOpen {
			return fo.ErrStale
		}
		old := c
		loc := st.Location()
		notes := strings.TrimSpace(req.Notes)
		if len([]rune(notes)) > 1000 {
			return fo.Errorf(fo.EINVALID, "err.too_long", 1000)
		}
		by := "staff:" + req.Staff
		att := fo.CallAttempt{At: w.now, By: by, Outcome: req.Outcome, Notes: notes}
		switch req.Outcome {
		case fo.OutcomeReached:
			if w.now.Before(c.Opens) {
				return fo.CallEarlyError(c, loc)
			}
			if att.Topics, err = fo.ParseTopics(req.Topics); err != nil {
				return err
			}
			c.Status, c.DoneAt, c.DoneBy, c.Topics = fo.CallDone, w.now, req.Staff, att.Topics
		case fo.OutcomeNoAnswer:
			c.NextAt = fo.DayStart(w.now, loc).AddDate(0, 0, 1).UTC()
		case fo.OutcomeLater:
			if !req.Later.After(w.now) || !req.Later.Before(c.Closes) {
				return fo.CallLaterError(c, loc)
			}
			c.NextAt, att.Later = req.Later.UTC(), req.Later.UTC()
			if err := w.putDue(c.NextAt, callAtKind, c.ID); err != nil {
				return err
			}
		case fo.OutcomeNote:
			if notes == "" {
				return fo.Errorf(fo.EINVALID, "err.empty")
			}
		default:
			return fo.Errorf(fo.EINVALID, "err.call.outcome")
		}
		c.Attempts = append(c.Attempts, att)
		if err := w.putCall(c, &old); err != nil {
			return err
		}
		if req.Outcome != fo.OutcomeNote {
			if err := w.registerCall(c, req.Outcome, by, notes+" "+fo.TopicNames(fo.ZH, att.Topics)); err != nil {
				return err
			}
		}
		if req.Outcome == fo.OutcomeReached {
			if err := w.afterCall(&st, c, req); err != nil {
				return err
			}
		}
		return idemPut(tx, req.Idem, c)
	})
	return c, err
}

// afterCall does what a reached call leaves: the second call after a first
// (FU-3, FU-4), tasks for requests and complaints for complaints (FU-5).
func (w *writer) afterCall(st *fo.Settings, c fo.Call, req fo.CallOutcome) error {
	if c.Kind == fo.CallStationCheck { // NET-4: the notes are the station check's finding (data/station_job.go)
		if err := w.stationCallReached(c, req.Notes, "staff:"+req.Staff); err != nil {
			return err
		}
	}
	if c.Kind == fo.CallFirst {
		if _, err := w.addCall(st, secondCall(st, c, c.DoneAt)); err != nil {
			return err
		}
	}
	name, plate := w.callParty(c)
	for _, r := range req.Requests {
		text, err := fo.ParseNote(r, fo.MaxCallNote)
		if err != nil {
			return err
		}
		if err := w.addTask(c, name, plate, text, req.Staff); err != nil {
			return err
		}
	}
	for _, text := range req.Complaints {
		if _, err := w.fileComplaint(st, fo.ComplaintRequest{Channel: fo.ChannelCall, Category: "other", Text: text,
			CustomerID: c.CustomerID, VehicleID: c.VehicleID, VisitID: c.VisitID, CallID: c.ID,
			Assignee: req.Staff, By: "staff:" + req.Staff}); err != nil {
			return err
		}
	}
	return nil
}

// secondCall is the second follow-up call after first, made (or missed) on
// the day of base: day 7 to day 14 after it (FU-3), not repeating the
// first's topics (FU-4).
func secondCall(st *fo.Settings, first fo.Call, base time.Time) fo.Call {
	return fo.Call{Kind: fo.CallSecond, CustomerID: first.CustomerID, VehicleID: first.VehicleID, VisitID: first.VisitID,
		PrevCallID: first.ID, Staff: first.Staff, Window: st.SecondCallWindow(base), ServiceID: first.ServiceID,
		Work: first.Work, DeliveredAt: first.DeliveredAt, AvoidTopics: first.Topics}
}

// callParty returns the customer's name and the plate of a call.
func (w *writer) callParty(c fo.Call) (name, plate string) {
	var cust fo.Customer
	if getJSON(w.tx.Bucket(bCustomers), u64(c.CustomerID), &cust) == nil {
		name = cust.Name
	}
	var v fo.Vehicle
	if c.VehicleID != 0 && getJSON(w.tx.Bucket(bVehicles), u64(c.VehicleID), &v) == nil {
		plate = v.Plate
	}
	return name, plate
}

// registerCall writes a call in the call register (FU-7).
func (w *writer) registerCall(c fo.Call, action, by, note string) error {
	name, plate := w.callParty(c)
	return w.register(bRegCall, fo.RegisterEntry{Action: action, Ref: c.ID, Code: string(c.Kind), By: by, Detail: fo.CallRegisterDetail(c, name, plate, note)})
}

// designatedOf returns who the call's customer's designated staff member
// is now.
func (w *writer) designatedOf(c fo.Call) string {
	var cust fo.Customer
	if getJSON(w.tx.Bucket(bCustomers), u64(c.CustomerID), &cust) == nil && cust.FollowUpStaff != "" {
		return cust.FollowUpStaff
	}
	return c.Staff
}

// dueCallMiss marks a call whose window closed unattended missed, in the
// call and the call register (FU-2, FU-3). A missed first call still gets
// its second, counted from the first window's last day: the customer is
// not dropped from the follow-up.
func dueCallMiss(w *writer, st *fo.Settings, id uint64, at, now time.Time) error {
	c, err := getCall(w.tx, id)
	if err != nil || c.Status != fo.CallOpen || tkey(c.Closes) != tkey(at) {
		return nil
	}
	old := c
	c.Status, c.MissedAt = fo.CallMissed, at
	if err := w.putCall(c, &old); err != nil {
		return err
	}
	if err := w.registerCall(c, "missed", "system", ""); err != nil {
		return err
	}
	if c.Kind == fo.CallFirst {
		_, err := w.addCall(st, secondCall(st, c, c.Closes.Add(-time.Second)))
		return err
	}
	return nil
}

// dueCallAt reminds the caller of a time agreed with the customer (FU-9).
func dueCallAt(w *writer, st *fo.Settings, id uint64, at, now time.Time) error {
	c, err := getCall(w.tx, id)
	if err != nil || c.Status != fo.CallOpen || tkey(c.NextAt) != tkey(at) {
		return nil
	}
	var cust fo.Customer
	getJSON(w.tx.Bucket(bCustomers), u64(c.CustomerID), &cust)
	taker := st.CallTaker(w.designatedOf(c), now)
	return w.enqueue(fo.CallAtMessages(st, c, cust, taker, at)...)
}
