package data

// Escalations: the due handlers that bring what is late or about to be
// late to staff and the supervisor — complaint warnings, passed deadlines
// and 2-day escalations (CMP-2, CMP-3, CMP-5), follow-up calls about to be
// missed (FU-1, FU-2), tasks unresolved after 2 days (FU-5). Each handler
// does nothing when its record moved on (answered, made, solved, its time
// changed).

import (
	"fmt"
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
	chats := st.StaffChats
	if c.Assignee != "" {
		chats = staffChats(st, c.Assignee)
	}
	var hold time.Time
	if !c.Major {
		hold = notQuiet(st, now)
	}
	text := fo.Texts.T(fo.ZH, "staff.cmp.warn", c.Ticket, fo.FormatWhen(fo.ZH, c.DueAt, st.Location()), c.CustomerName, c.Text)
	if err := w.enqueue(toChats(chats, fmt.Sprintf("cmp:%d:warn:%d", c.ID, tkey(at)), text, answerButtons(c.ID), hold)...); err != nil {
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
	who := st.StaffName(c.Assignee)
	if c.Assignee == "" {
		who = fo.Texts.T(fo.ZH, "staff.nobody")
	}
	text := fo.Texts.T(fo.ZH, "staff.cmp.overdue", c.Ticket, fo.FormatWhen(fo.ZH, c.DueAt, st.Location()), who, c.CustomerName, c.Text)
	if err := w.enqueue(toChats(supervisorChats(st), fmt.Sprintf("cmp:%d:overdue:%d", c.ID, tkey(at)), text, answerButtons(c.ID), time.Time{})...); err != nil {
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
	text := fo.Texts.T(fo.ZH, "staff.cmp.stale", c.Ticket, fo.FormatWhen(fo.ZH, c.FiledAt, st.Location()),
		fo.Texts.T(fo.ZH, "cmp.st."+string(c.Status)), st.StaffName(c.Assignee), c.CustomerName, c.Text)
	if err := w.enqueue(toChats(supervisorChats(st), fmt.Sprintf("cmp:%d:stale:%d", c.ID, tkey(at)), text, answerButtons(c.ID), time.Time{})...); err != nil {
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
	text := fo.Texts.T(fo.ZH, "staff.call.closing", fo.Texts.T(fo.ZH, "call.kind."+string(c.Kind)), name, fo.FormatPlate(plate),
		st.StaffName(taker), fo.FormatDay(fo.ZH, c.Closes.Add(-time.Second), st.Location()), len(c.Attempts))
	return w.enqueue(toChats(supervisorChats(st), fmt.Sprintf("call:%d:closing", c.ID), text, callButtons(c.ID), time.Time{})...)
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
	text := fo.Texts.T(fo.ZH, "staff.task.stale", t.CustomerName, fo.FormatPlate(t.Plate), t.Text, st.StaffName(t.Staff),
		fo.FormatWhen(fo.ZH, t.CreatedAt, st.Location()))
	if err := w.enqueue(toChats(supervisorChats(st), fmt.Sprintf("task:%d:stale", id), text, nil, time.Time{})...); err != nil {
		return err
	}
	return putJSON(b, u64(id), t)
}
