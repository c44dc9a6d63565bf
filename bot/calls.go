package bot

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	fo "frontoffice"
)

// callStore is what recording follow-up calls needs (FU-5, FU-7).
type callStore interface {
	Customer(id uint64) (fo.Customer, error)
	Vehicles(customerID uint64) ([]fo.Vehicle, error)
	Call(id uint64) (fo.Call, error)
	CallList(day time.Time) (fo.CallList, error)
	RecordCall(req fo.CallOutcome) (fo.Call, error)
}

// Follow-up calls from the call list (FU-2 to FU-5, FU-7, FU-9). The store
// sends each caller the day's list (store.SendCallLists), one message a
// call, with the buttons "call:ok|na|later|note:<id>":
//
//   - na (no answer): recorded at once; the call is back on tomorrow's list
//     while its window lasts.
//   - ok (reached): the topics covered (FU-4, buttons, several), the key
//     points, requests heard (each becomes a task, FU-5) and complaints
//     heard (each is registered, CMP-1) → store.RecordCall, which closes the
//     call and schedules the second (FU-3).
//   - later: when the customer wants to be called (FU-9): in 1 hour, in 3
//     hours, tomorrow at 10:00, or a typed HH:MM.
//   - note: a note on the call, nothing else changes.
//
// Every outcome goes into the call record and, but a note, the call
// register (FU-7); the list's message shows it. Only the call's staff
// member — the designated one, or whoever makes their calls today (FU-1) —
// or a supervisor may act on it.

// maxHeard is how many requests or complaints one call can record.
const maxHeard = 10

// callButtons are a call's outcome buttons, as the store's list has them.
func (t *turn) callButtons(id uint64) [][]fo.Button {
	b := func(key, action string) fo.Button { return button(t.T(key), fo.CallData(action, id)) }
	return [][]fo.Button{
		{b("btn.call.ok", fo.CallReached), b("btn.call.na", fo.CallNoReply)},
		{b("btn.call.later", fo.CallLater), b("btn.call.note", fo.CallNote)},
	}
}

// mayCall reports whether the staff member may record call c: a
// supervisor, the staff member the call was made for, the customer's
// designated one, or whoever makes that one's calls today (FU-1).
func (t *turn) mayCall(c fo.Call) (bool, error) {
	if t.member.Has(fo.RoleSupervisor) || t.member.ID == c.Staff {
		return true, nil
	}
	designated := c.Staff
	cust, err := t.b.calls.Customer(c.CustomerID)
	if err != nil && !errors.Is(err, fo.ErrNotFound) {
		return false, err
	}
	if cust.FollowUpStaff != "" {
		designated = cust.FollowUpStaff
	}
	return t.member.ID == designated || t.member.ID == t.st.CallTaker(designated, t.now), nil
}

// callLabel names a call for the staff: kind, customer and plate.
func (t *turn) callLabel(c fo.Call) (string, error) {
	parts := []string{t.T("call.kind." + string(c.Kind))}
	cust, err := t.b.calls.Customer(c.CustomerID)
	if err != nil && !errors.Is(err, fo.ErrNotFound) {
		return "", err
	}
	parts = append(parts, cust.Name)
	vs, err := t.b.calls.Vehicles(c.CustomerID)
	if err != nil {
		return "", err
	}
	for _, v := range vs {
		if v.ID == c.VehicleID {
			parts = append(parts, fo.FormatPlate(v.Plate))
		}
	}
	return strings.Join(parts, " · "), nil
}

// callButton handles a call list button from a staff member.
func (t *turn) callButton(cq *tgbotapi.CallbackQuery, action string, id uint64) error {
	c, err := t.b.calls.Call(id)
	if errors.Is(err, fo.ErrNotFound) {
		t.stale()
		return nil
	}
	if err != nil {
		return err
	}
	if c.Status != fo.CallOpen {
		t.answer(t.T("callc.closed"))
		return nil
	}
	ok, err := t.mayCall(c)
	if err != nil {
		return err
	}
	if !ok {
		t.b.log.Info("call button of another caller", "call", id, "staff", t.member.ID)
		t.answer(t.T("callc.not_yours"))
		return nil
	}
	label, err := t.callLabel(c)
	if err != nil {
		return err
	}
	sc := &staffConv{Nonce: newNonce(), Call: id, ListMsg: cq.Message.MessageID, ListText: cq.Message.Text}
	abort := []fo.Button{button(t.T("btn.abort"), sc.data("x"))}
	switch action {
	case fo.CallNoReply: // at once; any other business of the staff member stays
		return t.recordCall(sc, fo.CallOutcome{Outcome: fo.OutcomeNoAnswer})
	case fo.CallReached:
		if t.now.Before(c.Opens) {
			t.answer(fo.ErrorText(t.lang, fo.Errorf(fo.EINVALID, "err.call.early", fo.FormatDay(t.lang, c.Opens, t.st.Location()))))
			return nil
		}
		sc.Flow, sc.Step = sflowReached, sstepTopics
		t.sconv = sc
		t.showTopics(label, c.AvoidTopics)
	case fo.CallLater:
		sc.Flow, sc.Step = sflowLater, sstepTime
		t.sconv = sc
		t.say(t.T("callc.ask_later", label, t.member.Name), [][]fo.Button{
			{button(t.T("btn.later_1h"), sc.data("h1")), button(t.T("btn.later_3h"), sc.data("h3"))},
			{button(t.T("btn.later_tomorrow"), sc.data("tm")), abort[0]},
		})
	case fo.CallNote:
		sc.Flow, sc.Step = sflowNote, sstepText
		t.sconv = sc
		t.say(t.T("callc.ask_note", label, t.member.Name), [][]fo.Button{abort})
	}
	return nil
}

// showTopics shows the topics (FU-4) with the chosen ones ticked and the
// earlier call's marked: the second call must not repeat them.
func (t *turn) showTopics(label string, avoid []string) {
	sc := t.sconv
	var bs []fo.Button
	for i, tp := range fo.CallTopics {
		mark := "☐ "
		if slices.Contains(sc.Topics, tp) {
			mark = "✅ "
		}
		name := t.T("topic." + tp)
		if slices.Contains(avoid, tp) {
			name += " ⚠️"
		}
		bs = append(bs, button(mark+name, sc.data("tp", strconv.Itoa(i))))
	}
	rows := grid(bs, 2)
	rows = append(rows, []fo.Button{button(t.T("btn.topics_done"), sc.data("ok")), button(t.T("btn.abort"), sc.data("x"))})
	text := t.T("callc.topics", label)
	if len(avoid) > 0 {
		text += "\n" + t.T("call.avoid", fo.TopicNames(t.lang, avoid))
	}
	t.show(text, rows)
}

// reachedAction handles the buttons of a reached call's steps.
func (t *turn) reachedAction(a convAction) error {
	sc := t.sconv
	skip := func(key string) [][]fo.Button {
		return [][]fo.Button{{button(t.T(key), sc.data("skip")), button(t.T("btn.abort"), sc.data("x"))}}
	}
	switch {
	case sc.Step == sstepTopics && a.action == "tp":
		i, err := strconv.Atoi(a.arg)
		if err != nil || i < 0 || i >= len(fo.CallTopics) {
			t.stale()
			return nil
		}
		if tp := fo.CallTopics[i]; slices.Contains(sc.Topics, tp) {
			sc.Topics = slices.DeleteFunc(sc.Topics, func(s string) bool { return s == tp })
		} else {
			sc.Topics, _ = fo.ParseTopics(append(sc.Topics, tp))
		}
		c, err := t.b.calls.Call(sc.Call)
		if err != nil {
			return err
		}
		label, err := t.callLabel(c)
		if err != nil {
			return err
		}
		t.showTopics(label, c.AvoidTopics)
	case sc.Step == sstepTopics && a.action == "ok":
		sc.Step = sstepNotes
		t.show(t.T("callc.topics_chosen", t.topicList(sc.Topics))+"\n\n"+t.T("callc.ask_notes"), skip("btn.skip"))
	case sc.Step == sstepNotes && a.action == "skip":
		sc.Step = sstepRequests
		t.show(t.T("callc.ask_requests", maxHeard), skip("btn.none"))
	case sc.Step == sstepRequests && a.action == "skip":
		sc.Step = sstepComplaints
		t.show(t.T("callc.ask_complaints", maxHeard), skip("btn.none"))
	case sc.Step == sstepComplaints && a.action == "skip":
		return t.recordReached(nil)
	default:
		t.stale()
	}
	return nil
}

// reachedText reads the key points, the requests and the complaints of a
// reached call (FU-5).
func (t *turn) reachedText(text string) error {
	sc := t.sconv
	skip := func(key string) [][]fo.Button {
		return [][]fo.Button{{button(t.T(key), sc.data("skip")), button(t.T("btn.abort"), sc.data("x"))}}
	}
	switch sc.Step {
	case sstepNotes:
		notes, err := fo.ParseNote(text, 1000)
		if err != nil {
			t.say(fo.ErrorText(t.lang, err), nil)
			return nil
		}
		sc.Notes, sc.Step = notes, sstepRequests
		t.say(t.T("callc.ask_requests", maxHeard), skip("btn.none"))
	case sstepRequests:
		reqs, ok := t.heard(text, 500)
		if !ok {
			return nil
		}
		sc.Requests, sc.Step = reqs, sstepComplaints
		t.say(t.T("callc.ask_complaints", maxHeard), skip("btn.none"))
	case sstepComplaints:
		cmps, ok := t.heard(text, fo.MaxComplaintText)
		if !ok {
			return nil
		}
		return t.recordReached(cmps)
	default:
		t.say(t.T("callc.use_buttons"), nil)
	}
	return nil
}

// heard splits text into its non-empty lines, each at most max
// characters, at most maxHeard of them; ok is false (and the staff member
// told) when they are not.
func (t *turn) heard(text string, max int) ([]string, bool) {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); l == "" {
			continue
		}
		if _, err := fo.ParseNote(l, max); err != nil {
			t.say(fo.ErrorText(t.lang, err), nil)
			return nil, false
		}
		out = append(out, l)
	}
	if len(out) > maxHeard {
		t.say(t.T("callc.too_many", maxHeard), nil)
		return nil, false
	}
	return out, true
}

func (t *turn) topicList(topics []string) string {
	if len(topics) == 0 {
		return "—"
	}
	return fo.TopicNames(t.lang, topics)
}

// recordReached records a reached call with everything gathered.
func (t *turn) recordReached(complaints []string) error {
	sc := t.sconv
	return t.recordCall(sc, fo.CallOutcome{Outcome: fo.OutcomeReached, Topics: sc.Topics, Notes: sc.Notes,
		Requests: sc.Requests, Complaints: complaints})
}

// laterAction handles the time buttons of "call later" (FU-9).
func (t *turn) laterAction(a convAction) error {
	loc := t.st.Location()
	var at time.Time
	switch a.action {
	case "h1":
		at = t.now.Add(time.Hour)
	case "h3":
		at = t.now.Add(3 * time.Hour)
	case "tm":
		at = fo.DayStart(t.now, loc).AddDate(0, 0, 1).Add(10 * time.Hour)
	default:
		t.stale()
		return nil
	}
	return t.recordCall(t.sconv, fo.CallOutcome{Outcome: fo.OutcomeLater, Later: at})
}

// laterText reads a typed time of day, HH:MM: today, or tomorrow when it
// has passed.
func (t *turn) laterText(text string) error {
	at, ok := parseClock(text, t.now, t.st.Location())
	if !ok {
		t.say(t.T("callc.bad_time"), nil)
		return nil
	}
	return t.recordCall(t.sconv, fo.CallOutcome{Outcome: fo.OutcomeLater, Later: at})
}

// parseClock reads "HH:MM" (or "HH：MM") as the next such time after now
// in loc.
func parseClock(s string, now time.Time, loc *time.Location) (time.Time, bool) {
	s = strings.ReplaceAll(strings.TrimSpace(s), "：", ":")
	hh, mm, ok := strings.Cut(s, ":")
	h, err1 := strconv.Atoi(hh)
	m, err2 := strconv.Atoi(mm)
	if !ok || err1 != nil || err2 != nil || len(hh) > 2 || len(mm) != 2 || h < 0 || h > 23 || m < 0 || m > 59 {
		return time.Time{}, false
	}
	at := fo.DayStart(now, loc).Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute)
	if !at.After(now) {
		at = at.AddDate(0, 0, 1)
	}
	return at, true
}

// noteText records a note on the call.
func (t *turn) noteText(text string) error {
	return t.recordCall(t.sconv, fo.CallOutcome{Outcome: fo.OutcomeNote, Notes: text})
}

// recordCall records the outcome of sc's call (store.RecordCall, FU-5,
// FU-7), shows it on the call list's message and ends sc. A rule the
// outcome breaks (a time outside the window, too long a note) is told and
// sc stays; a call closed meanwhile ends it.
func (t *turn) recordCall(sc *staffConv, out fo.CallOutcome) error {
	end := func() {
		if t.sconv == sc {
			t.sconv = nil
		}
	}
	out.Idem, out.CallID, out.Staff = t.idem(), sc.Call, t.member.ID
	c, err := t.b.calls.RecordCall(out)
	switch {
	case errors.Is(err, fo.ErrStale) || errors.Is(err, fo.ErrNotFound):
		end()
		t.answer(t.T("callc.closed"))
		t.say(t.T("callc.closed"), nil)
		return nil
	case fo.ErrorCode(err) == fo.EINVALID:
		msg := fo.ErrorText(t.lang, err)
		t.answer(msg)
		t.say(msg, nil)
		return nil
	case err != nil:
		return err
	}
	end()
	loc := t.st.Location()
	when := fo.FormatWhen(t.lang, t.now, loc)
	var line string
	switch out.Outcome {
	case fo.OutcomeReached:
		line = t.T("callc.line_reached", t.member.Name, when, t.topicList(out.Topics))
	case fo.OutcomeNoAnswer:
		line = t.T("callc.line_na", t.member.Name, when)
	case fo.OutcomeLater:
		line = t.T("callc.line_later", fo.FormatWhen(t.lang, out.Later, loc), t.member.Name)
	case fo.OutcomeNote:
		line = t.T("callc.line_note", t.member.Name, when, c.Attempts[len(c.Attempts)-1].Notes)
	}
	var buttons [][]fo.Button
	if c.Status == fo.CallOpen {
		buttons = t.callButtons(c.ID)
	}
	if sc.ListMsg != 0 && sc.ListText != "" {
		t.send(fo.Message{EditMessageID: sc.ListMsg, Text: truncate(sc.ListText+"\n\n"+line, fo.MaxTextLen), Buttons: buttons})
	}
	if out.Outcome == fo.OutcomeNoAnswer {
		t.answer(line) // pressed on the list itself: its edit shows it
		return nil
	}
	done := t.T("callc.recorded", line)
	if out.Outcome == fo.OutcomeReached {
		done += "\n" + t.T("callc.heard", len(out.Requests), len(out.Complaints))
	}
	t.show(done, nil)
	return nil
}

// myCalls sends the staff member today's calls (the supervisor everyone's),
// each with its buttons, as the store's list has them: /calls.
func (t *turn) myCalls() error {
	list, err := t.b.calls.CallList(t.now)
	if err != nil {
		return err
	}
	n := 0
	for _, sc := range list.Staff {
		if sc.Staff != t.member.ID && !t.member.Has(fo.RoleSupervisor) {
			continue
		}
		t.say(fo.CallListHeader(&t.st, sc, list.Day, t.lang), nil)
		for _, it := range sc.Calls {
			t.say(fo.CallItemText(&t.st, it, list.Day, t.lang), t.callButtons(it.Call.ID))
			n++
		}
	}
	if n == 0 {
		t.say(t.T("calls.none", fo.FormatDay(t.lang, list.Day, t.st.Location())), nil)
	}
	return nil
}
