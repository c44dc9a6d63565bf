package data

// Escalations: the due handlers that bring what is late or about to be
// late to staff and the supervisor — complaint warnings, passed deadlines
// and 2-day escalations (CMP-2, CMP-3, CMP-5), follow-up calls about to be
// missed (FU-1, FU-2), tasks unresolved after 2 days (FU-5). Each handler
// does nothing when its record moved on (answered, made, solved, its time
// changed).

import (
	"time"

	fo "frontoffice"
)

// dueCmpWarn warns the assignee (the staff chats while nobody took it) that
// the answer deadline is near. A general complaint's warning caught up in
// quiet hours waits for their end; a major one goes at once.
func dueCmpWarn(w *writer, st *fo.Settings, id uint64, at, now time.Time) error {
	c, err := getComplaint(w.tx, id)
	if err != nil || !c.Unanswered() || tkey(c.WarnAt) != tkey(at) {
		return nil
	}
	c.History = append(c.History, fo.ComplaintEvent{At: w.now, By: "system", Action: "warned", Note: c.Assignee})
	var hold time.Time
	if !c.Major {
		hold = notQuiet(st, now)
	}
	if err := w.enqueue(w.stationEscalation(st, c, cmpWarnKind, at, hold, fo.ComplaintWarnMessages(st, c, at, hold))...); err != nil {
		return err
	}
	return w.putComplaint(c)
}

// dueCmpDue escalates a complaint whose answer deadline passed to the
// supervisor (CMP-2, CMP-3).
func dueCmpDue(w *writer, st *fo.Settings, id uint64, at, now time.Time) error {
	c, err := getComplaint(w.tx, id)
	if err != nil || !c.Unanswered() || tkey(c.DueAt) != tkey(at) {
		return nil
	}
	c.History = append(c.History, fo.ComplaintEvent{At: w.now, By: "system", Action: "overdue"})
	if err := w.enqueue(w.stationEscalation(st, c, cmpDueKind, at, time.Time{}, fo.ComplaintOverdueMessages(st, c, at))...); err != nil {
		return err
	}
	return w.putComplaint(c)
}

// dueCmpStale escalates a complaint still unresolved 2 days after it was
// filed or reopened to the supervisor (CMP-5), and again every 2 days
// while it stays so.
func dueCmpStale(w *writer, st *fo.Settings, id uint64, at, now time.Time) error {
	c, err := getComplaint(w.tx, id)
	if err != nil || c.Status == fo.CmpClosed || tkey(c.StaleAt) != tkey(at) {
		return nil
	}
	c.History = append(c.History, fo.ComplaintEvent{At: w.now, By: "system", Action: "escalated"})
	c.StaleAt = at.Add(fo.ComplaintStaleAfter)
	if err := w.putDue(c.StaleAt, cmpStaleKind, c.ID); err != nil {
		return err
	}
	if err := w.enqueue(w.stationEscalation(st, c, cmpStaleKind, at, time.Time{}, fo.ComplaintStaleMessages(st, c, at))...); err != nil {
		return err
	}
	return w.putComplaint(c)
}

// dueCallWarn tells the supervisor, on the window's last open day, of a
// call still not made, so that someone makes it that day (FU-1, FU-2).
func dueCallWarn(w *writer, st *fo.Settings, id uint64, at, now time.Time) error {
	c, err := getCall(w.tx, id)
	if err != nil || c.Status != fo.CallOpen || !now.Before(c.Closes) {
		return nil
	}
	name, plate := w.callParty(c)
	taker := st.CallTaker(w.designatedOf(c), now)
	return w.enqueue(fo.CallClosingMessages(st, c, name, plate, taker)...)
}

// dueTaskEsc tells the supervisor of a task still unresolved 2 days after
// the call (FU-5).
func dueTaskEsc(w *writer, st *fo.Settings, id uint64, at, now time.Time) error {
	b := w.tx.Bucket(bTasks)
	var t fo.Task
	if getJSON(b, u64(id), &t) != nil || !t.Open || tkey(t.EscalateAt) != tkey(at) {
		return nil
	}
	t.EscalatedAt = w.now
	if err := w.enqueue(fo.TaskStaleMessages(st, t)...); err != nil {
		return err
	}
	return putJSON(b, u64(id), t)
}
