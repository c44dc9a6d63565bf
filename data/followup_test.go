package data

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	fo "frontoffice"
)

func listOf(t testing.TB, s *Store, day time.Time) map[string][]fo.CallItem {
	t.Helper()
	l, err := s.CallList(day)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]fo.CallItem{}
	for _, sc := range l.Staff {
		out[sc.Staff] = sc.Calls
	}
	return out
}

func callIDs(items []fo.CallItem) []uint64 {
	var out []uint64
	for _, it := range items {
		out = append(out, it.Call.ID)
	}
	return out
}

// FU-1, FU-2: a delivery designates the customer's follow-up staff member
// (the one with the fewest open calls) and schedules the first call in day
// 2 to day 7 after it, on the list from day 3 — here across a month end.
// The list shows the masked and the full phone, the vehicle, what was
// done, and marks the window's last day.
func TestFirstCallFU1FU2(t *testing.T) {
	s, clock := newTestStore(t, noSync(), followUpStaff())
	v1 := deliver(t, s, "13900000001", "京B11111", chatCust, fo.ZH) // Fri 27 Nov
	v2 := deliver(t, s, "13900000002", "京B22222", 0, fo.ZH)
	v3 := deliver(t, s, "13900000003", "京B33333", 0, fo.EN)
	for v, want := range map[uint64]string{v1.CustomerID: "wang", v2.CustomerID: "liu", v3.CustomerID: "wang"} {
		if c, _ := s.Customer(v); c.FollowUpStaff != want {
			t.Errorf("customer %d designated %q, want %q", v, c.FollowUpStaff, want)
		}
	}
	c1, _ := s.Call(1)
	if c1.VisitID != v1.ID || c1.Kind != fo.CallFirst || !c1.Opens.Equal(at(2026, 11, 29, 0, 0)) ||
		!c1.Target.Equal(at(2026, 11, 30, 0, 0)) || !c1.Closes.Equal(at(2026, 12, 5, 0, 0)) {
		t.Errorf("first call window %+v", c1.Window)
	}
	if l := listOf(t, s, at(2026, 11, 29, 0, 0)); len(l) != 0 {
		t.Errorf("day 2 list %+v", l)
	}
	l := listOf(t, s, at(2026, 11, 30, 0, 0))
	if !slices.Equal(callIDs(l["wang"]), []uint64{1, 3}) || !slices.Equal(callIDs(l["liu"]), []uint64{2}) {
		t.Fatalf("day 3 list %+v", l)
	}
	it := l["wang"][0]
	if it.Phone != "13900000001" || it.PhoneMasked != "139****0001" || it.Plate != "京B11111" || it.ClosesToday || it.CustomerName != "王五" {
		t.Errorf("item %+v", it)
	}
	st, _ := s.Settings()
	text := fo.CallItemText(&st, it, at(2026, 11, 30, 0, 0), fo.ZH)
	for _, want := range []string{"首次回访", "12月4日", "139****0001", "+8613900000001", "京B·11111", "倒车雷达安装", "更换探头", "11月27日"} {
		if !strings.Contains(text, want) {
			t.Errorf("call text lacks %q:\n%s", want, text)
		}
	}
	if l := listOf(t, s, at(2026, 12, 4, 0, 0)); len(l["wang"]) != 2 || !l["wang"][0].ClosesToday {
		t.Errorf("last day %+v", l)
	}
	if l := listOf(t, s, at(2026, 12, 5, 0, 0)); len(l) != 0 {
		t.Errorf("after the window %+v", l)
	}
	// The lists go to each caller's chat: a head and one message per call
	// with its buttons; sending again adds nothing.
	clock.Set(at(2026, 11, 30, 8, 30))
	n, err := s.SendCallLists(clock.Now())
	if err != nil || n != 3 {
		t.Fatal(n, err)
	}
	ms := outbox(t, s, "calls:20261130:")
	if len(ms) != 5 || !slices.Equal(chatsOf(ms), []int64{chatWang, chatWang, chatWang, chatLiu, chatLiu}) {
		t.Errorf("call list messages to %v", chatsOf(ms))
	}
	var withButtons int
	for _, m := range ms {
		if hasButton(m, "call:ok:2") && hasButton(m, "call:na:2") && hasButton(m, "call:later:2") && hasButton(m, "call:note:2") {
			withButtons++
		}
	}
	if withButtons != 1 {
		t.Errorf("call 2's message with its four buttons: %d", withButtons)
	}
	s.SendCallLists(clock.Now())
	if again := outbox(t, s, "calls:20261130:"); len(again) != 5 {
		t.Errorf("sent again: %d messages", len(again))
	}
}

// FU-2..FU-5, FU-7, FU-9: no answer puts the call on tomorrow's list; a
// time agreed with the customer reminds the caller then; reached records
// topics, makes requests tasks and complaints complaints, and schedules
// the second call in day 7 to day 14 after it, avoiding its topics. Every
// call is in the call register.
func TestCallOutcomesFU3FU4FU5FU9(t *testing.T) {
	s, clock := newTestStore(t, noSync(), followUpStaff())
	deliver(t, s, "13900000001", "京B11111", chatCust, fo.ZH)
	rec := func(o fo.CallOutcome) (fo.Call, error) {
		o.CallID, o.Staff = 1, "wang"
		return s.RecordCall(o)
	}
	clock.Set(at(2026, 11, 28, 10, 0))
	if _, err := rec(fo.CallOutcome{Outcome: fo.OutcomeReached}); !errors.Is(err, fo.Errorf(fo.EINVALID, "err.call.early")) {
		t.Errorf("reached before the window: %v", err)
	}
	clock.Set(at(2026, 11, 30, 10, 0))
	if _, err := s.RecordCall(fo.CallOutcome{CallID: 1, Outcome: fo.OutcomeNoAnswer, Staff: "mallory"}); !errors.Is(err, fo.ErrForbidden) {
		t.Errorf("unknown staff: %v", err)
	}
	if _, err := rec(fo.CallOutcome{Outcome: fo.OutcomeNoAnswer, Idem: "u1"}); err != nil {
		t.Fatal(err)
	}
	if _, err := rec(fo.CallOutcome{Outcome: fo.OutcomeNoAnswer, Idem: "u1"}); err != nil {
		t.Fatal(err)
	}
	if l := listOf(t, s, at(2026, 11, 30, 0, 0)); len(l) != 0 {
		t.Errorf("today's list after no answer %+v", l)
	}
	tomorrow := listOf(t, s, at(2026, 12, 1, 0, 0))["wang"]
	if len(tomorrow) != 1 || len(tomorrow[0].Call.Attempts) != 1 {
		t.Fatalf("tomorrow's list %+v", tomorrow)
	}
	clock.Set(at(2026, 12, 1, 9, 0))
	if _, err := rec(fo.CallOutcome{Outcome: fo.OutcomeLater, Later: at(2026, 12, 5, 10, 0)}); !errors.Is(err, fo.Errorf(fo.EINVALID, "err.call.later")) {
		t.Errorf("later after the window: %v", err)
	}
	if _, err := rec(fo.CallOutcome{Outcome: fo.OutcomeLater, Later: at(2026, 12, 1, 15, 0), Notes: "客户在开会"}); err != nil {
		t.Fatal(err)
	}
	clock.Set(at(2026, 12, 1, 15, 0))
	s.RunDue(clock.Now())
	if ms := outbox(t, s, "call:1:at:"); len(ms) != 1 || ms[0].ChatID != chatWang || !hasButton(ms[0], "call:ok:1") || !strings.Contains(ms[0].Text, "15:00") {
		t.Errorf("agreed-time reminder %+v", ms)
	}
	st, _ := s.Settings()
	if it := listOf(t, s, at(2026, 12, 1, 0, 0))["wang"]; len(it) != 1 || !strings.Contains(fo.CallItemText(&st, it[0], at(2026, 12, 1, 0, 0), fo.ZH), "约定时间：15:00") {
		t.Errorf("agreed time on the list %+v", it)
	}
	clock.Set(at(2026, 12, 1, 15, 5))
	if _, err := rec(fo.CallOutcome{Outcome: fo.OutcomeReached, Topics: []string{"opinion", "vehicle", "bogus"}}); !errors.Is(err, fo.Errorf(fo.EINVALID, "err.call.topic")) {
		t.Errorf("bad topic: %v", err)
	}
	c, err := rec(fo.CallOutcome{Outcome: fo.OutcomeReached, Topics: []string{"opinion", "vehicle"}, Notes: "一切正常",
		Requests: []string{"想加装 360 全景影像，问价格"}, Complaints: []string{"上次等车等太久"}})
	if err != nil {
		t.Fatal(err)
	}
	if c.Status != fo.CallDone || !slices.Equal(c.Topics, []string{"vehicle", "opinion"}) {
		t.Errorf("reached %+v", c)
	}
	if _, err := rec(fo.CallOutcome{Outcome: fo.OutcomeReached}); !errors.Is(err, fo.ErrStale) {
		t.Errorf("reached twice: %v", err)
	}
	second, _ := s.Call(2)
	if second.Kind != fo.CallSecond || second.PrevCallID != 1 || !second.Opens.Equal(at(2026, 12, 8, 0, 0)) ||
		!second.Closes.Equal(at(2026, 12, 16, 0, 0)) || !slices.Equal(second.AvoidTopics, []string{"vehicle", "opinion"}) {
		t.Errorf("second call %+v", second)
	}
	if it := listOf(t, s, at(2026, 12, 8, 0, 0))["wang"]; len(it) != 1 || !strings.Contains(fo.CallItemText(&st, it[0], at(2026, 12, 8, 0, 0), fo.ZH), "勿重复（FU-4）：车辆使用情况、服务意见") {
		t.Errorf("second call on the list %+v", it)
	}
	tasks, _ := s.OpenTasks()
	if len(tasks) != 1 || tasks[0].CallID != 1 || tasks[0].Staff != "wang" {
		t.Errorf("tasks %+v", tasks)
	}
	open, _ := s.OpenComplaints()
	if len(open) != 1 || open[0].Channel != fo.ChannelCall || open[0].CallID != 1 || open[0].Assignee != "wang" {
		t.Errorf("complaint from the call %+v", open)
	}
	reg, _ := s.CallRegister(at(2026, 11, 27, 0, 0), at(2026, 12, 31, 0, 0))
	var got []string
	for _, e := range reg {
		got = append(got, e.Action)
	}
	if strings.Join(got, " ") != "no_answer later reached complaint_in" {
		t.Errorf("call register %v", got)
	}
	if !strings.Contains(reg[2].Detail, "首次回访 王五 京B·11111 一切正常 车辆使用情况、服务意见") {
		t.Errorf("register detail %q", reg[2].Detail)
	}
}

// FU-2, FU-3: a call nobody makes is brought to the supervisor on the
// window's last open day, then recorded missed when the window closes; the
// customer still gets a second call, counted from the first window's last
// day.
func TestMissedCallFU2(t *testing.T) {
	s, clock := newTestStore(t, noSync(), followUpStaff())
	deliver(t, s, "13900000001", "京B11111", 0, fo.ZH)
	for now := at(2026, 11, 27, 10, 0); now.Before(at(2026, 12, 6, 0, 0)); now = now.Add(time.Minute) {
		clock.Set(now)
		runDueMinute(t, s, now)
		if now.Equal(at(2026, 12, 4, 8, 30)) {
			if ms := outbox(t, s, "call:1:closing"); len(ms) != 1 || ms[0].ChatID != chatZhao || !hasButton(ms[0], "call:ok:1") {
				t.Errorf("closing warning at 08:30 on the last day: %+v", ms)
			}
		}
		if now.Equal(at(2026, 12, 4, 8, 29)) && len(outbox(t, s, "call:1:closing")) != 0 {
			t.Errorf("closing warning too early")
		}
	}
	c, _ := s.Call(1)
	if c.Status != fo.CallMissed || !c.MissedAt.Equal(at(2026, 12, 5, 0, 0)) {
		t.Errorf("missed %+v", c)
	}
	second, _ := s.Call(2)
	if second.Kind != fo.CallSecond || !second.Opens.Equal(at(2026, 12, 11, 0, 0)) || !second.Closes.Equal(at(2026, 12, 19, 0, 0)) {
		t.Errorf("second after a missed first %+v", second.Window)
	}
	if _, err := s.RecordCall(fo.CallOutcome{CallID: 1, Outcome: fo.OutcomeReached, Staff: "wang"}); !errors.Is(err, fo.ErrStale) {
		t.Errorf("reaching a missed call: %v", err)
	}
	reg, _ := s.CallRegister(at(2026, 12, 5, 0, 0), at(2026, 12, 6, 0, 0))
	if len(reg) != 1 || reg[0].Action != "missed" || reg[0].Ref != 1 {
		t.Errorf("register %+v", reg)
	}
}

// FU-1: while the designated staff member is away, the calls are on the
// substitute's list (marked as theirs), or the supervisor's when no
// substitute was named.
func TestAwaySubstituteFU1(t *testing.T) {
	s, _ := newTestStore(t, noSync(), followUpStaff())
	deliver(t, s, "13900000001", "京B11111", 0, fo.ZH) // wang's
	st, _ := s.Settings()
	st.AfterSales.Absences = []fo.Absence{{Staff: "wang", Substitute: "liu", From: "2026-11-30", To: "2026-12-01"}, {Staff: "wang", From: "2026-12-02", To: "2026-12-02"}}
	if err := s.SaveSettings(st); err != nil {
		t.Fatal(err)
	}
	day := at(2026, 11, 30, 0, 0)
	l := listOf(t, s, day)
	if len(l["liu"]) != 1 || l["liu"][0].Staff != "wang" || l["liu"][0].Taker != "liu" || len(l["wang"]) != 0 {
		t.Fatalf("substitute's list %+v", l)
	}
	if text := fo.CallItemText(&st, l["liu"][0], day, fo.ZH); !strings.Contains(text, "代 王强") {
		t.Errorf("substitute's call text:\n%s", text)
	}
	if l := listOf(t, s, at(2026, 12, 2, 0, 0)); len(l["zhao"]) != 1 {
		t.Errorf("no substitute: the supervisor's list %+v", l)
	}
	if l := listOf(t, s, at(2026, 12, 3, 0, 0)); len(l["wang"]) != 1 {
		t.Errorf("back: %+v", l)
	}
	// A new customer delivered while wang is away goes to liu.
	st.AfterSales.Absences = []fo.Absence{{Staff: "wang", Substitute: "liu", From: "2026-11-27"}}
	s.SaveSettings(st)
	v := deliver(t, s, "13900000002", "京B22222", 0, fo.ZH)
	if c, _ := s.Customer(v.CustomerID); c.FollowUpStaff != "liu" {
		t.Errorf("designated while away: %q", c.FollowUpStaff)
	}
	st.AfterSales.Absences = []fo.Absence{{Staff: "wang", Substitute: "nobody", From: "2026-11-27"}}
	if err := s.SaveSettings(st); fo.ErrorCode(err) != fo.EINVALID {
		t.Errorf("unknown substitute saved: %v", err)
	}
}

// FU-5: a request heard on a call is a task; unresolved after 2 days it
// goes to the supervisor; solved, the customer is told the same day (in
// the chat outside quiet hours, on the reception's phone list without a
// chat).
func TestTasksFU5(t *testing.T) {
	s, clock := newTestStore(t, noSync(), followUpStaff())
	deliver(t, s, "13900000001", "京B11111", chatCust, fo.ZH)
	deliver(t, s, "13900000002", "京B22222", 0, fo.ZH)
	clock.Set(at(2026, 11, 30, 10, 0))
	for id := uint64(1); id <= 2; id++ {
		if _, err := s.RecordCall(fo.CallOutcome{CallID: id, Outcome: fo.OutcomeReached, Staff: "wang", Requests: []string{"问保养价格"}}); err != nil {
			t.Fatal(err)
		}
	}
	clock.Set(at(2026, 12, 2, 10, 0))
	s.RunDue(clock.Now())
	if ms := outbox(t, s, "task:"); !slices.Equal(chatsOf(ms), []int64{chatZhao, chatZhao}) {
		t.Errorf("escalations to %v", chatsOf(ms))
	}
	clock.Set(at(2026, 12, 2, 22, 0)) // quiet hours
	if _, err := s.SolveTask(1, "保养套餐 300 元，含检测。", "wang"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SolveTask(1, "again", "wang"); !errors.Is(err, fo.ErrNotAllowed) {
		t.Errorf("solved twice: %v", err)
	}
	ms := outbox(t, s, "task:1:solved")
	if len(ms) != 1 || ms[0].ChatID != chatCust || !ms[0].NotBefore.Equal(at(2026, 12, 3, 8, 0)) || !strings.Contains(ms[0].Text, "保养套餐") {
		t.Errorf("solution message %+v", ms)
	}
	s.SolveTask(2, "保养套餐 300 元。", "wang")
	tasks, _, _ := s.PhoneTasks("2026-12-02")
	if i := slices.IndexFunc(tasks, func(p fo.PhoneTask) bool { return p.Kind == "task.solved" }); i < 0 || tasks[i].CustomerID != 2 {
		t.Errorf("reception phone list %+v", tasks)
	}
	if open, _ := s.OpenTasks(); len(open) != 0 {
		t.Errorf("open tasks %+v", open)
	}
}
