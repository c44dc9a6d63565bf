package bot

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	fo "frontoffice"
	"frontoffice/internal/telegramtest"
)

// TestCallListButtonsFU5FU7: wang gets the day's call list in his private
// chat (store.SendCallLists, FU-2) and presses each button: reached (the
// topics covered, FU-4; key points, a request and a complaint heard,
// FU-5), no answer, later (a button and a typed time, FU-9) and note. The
// call record, the call register (FU-7), the second call (FU-3), the task
// and the complaint follow; the list's messages show each outcome. li,
// who is not the caller, may not record his calls; the supervisor may.
func TestCallListButtonsFU5FU7(t *testing.T) {
	h := newHarness(t)
	h.afterSales()
	h.start()
	for i, p := range []struct{ name, phone, plate string }{
		{"王一", "13900000001", "京B11111"}, {"王二", "13900000002", "京B22222"},
		{"王三", "13900000003", "京B33333"}, {"王四", "13900000004", "京B44444"},
	} {
		if v := h.deliver(p.name, p.phone, p.plate, 0, fo.ZH); v.ID != uint64(i+1) {
			t.Fatalf("visit %d", v.ID)
		}
	}
	day3 := monday0900.Add(3 * 24 * time.Hour) // Thursday: the target day (FU-2)
	h.clock.Set(day3)
	if n, err := h.store.SendCallLists(day3); err != nil || n != 4 {
		t.Fatalf("SendCallLists = %d, %v", n, err)
	}
	h.wait(wangUser, "回访清单", "4 个电话")
	// The list's message of each call, by its buttons.
	itemID := map[uint64]int{}
	for id := uint64(1); id <= 4; id++ {
		itemID[id] = h.waitMsg(wangUser, "call item", func(m telegramtest.Message) bool { return m.HasButton(fo.CallData("ok", id)) }).ID
	}
	item := func(id uint64) telegramtest.Message {
		t.Helper()
		m, _ := h.srv.Message(wangUser, itemID[id])
		return m
	}

	// Call 1 reached: topics, key points, a request and a complaint.
	h.press(wangUser, wangTG, "call:ok:1")
	h.wait(wangUser, "本次通话谈到了哪些话题")
	h.press(wangUser, wangTG, "☐ "+h.T(fo.ZH, "topic.vehicle"))
	h.press(wangUser, wangTG, "☐ "+h.T(fo.ZH, "topic.opinion"))
	h.press(wangUser, wangTG, "✅ "+h.T(fo.ZH, "topic.opinion")) // untick
	h.press(wangUser, wangTG, "☐ "+h.T(fo.ZH, "topic.maintenance"))
	h.press(wangUser, wangTG, h.T(fo.ZH, "btn.topics_done"))
	h.wait(wangUser, "谈到的话题：车辆使用情况、下次保养", "通话要点")
	h.text(wangUser, wangTG, "雷达工作正常，客户满意")
	h.wait(wangUser, "需要跟进的需求")
	h.text(wangUser, wangTG, "想加装行车记录仪，请报价")
	h.wait(wangUser, "客户有投诉吗")
	h.text(wangUser, wangTG, "上次交车晚了一小时")
	h.wait(wangUser, "已记录", "✅ 已接通 · 王强", "需求 1 条已建任务，投诉 1 条已登记")
	c1, _ := h.store.Call(1)
	if c1.Status != fo.CallDone || c1.DoneBy != "wang" || !slices.Equal(c1.Topics, []string{"vehicle", "maintenance"}) ||
		c1.Attempts[0].Notes != "雷达工作正常，客户满意" {
		t.Errorf("FU-5: call 1 = %s by %s, topics %v, attempts %+v", c1.Status, c1.DoneBy, c1.Topics, c1.Attempts)
	}
	if m := item(1); len(m.Buttons) != 0 || !strings.Contains(m.Text, "✅ 已接通 · 王强") || !strings.Contains(m.Text, "王一") {
		t.Errorf("the list's message of a reached call: %+v", m)
	}
	second, err := h.store.Call(5)
	if err != nil || second.Kind != fo.CallSecond || second.PrevCallID != 1 || !slices.Equal(second.AvoidTopics, c1.Topics) {
		t.Errorf("FU-3/FU-4: second call %+v, %v", second, err)
	}
	tasks, _ := h.store.OpenTasks()
	if len(tasks) != 1 || tasks[0].Text != "想加装行车记录仪，请报价" || tasks[0].Staff != "wang" || tasks[0].CallID != 1 {
		t.Errorf("FU-5: tasks %+v", tasks)
	}
	cmp, err := h.store.Complaint(1)
	if err != nil || cmp.Channel != fo.ChannelCall || cmp.Text != "上次交车晚了一小时" || cmp.Assignee != "wang" || cmp.CallID != 1 {
		t.Errorf("CMP-1: complaint heard on the call %+v, %v", cmp, err)
	}

	// Call 2: no answer — back on tomorrow's list; the buttons stay.
	up := h.press(wangUser, wangTG, "call:na:2")
	if a := h.answered(up); !strings.Contains(a, "未接通") {
		t.Errorf("no answer answered %q", a)
	}
	st := h.settings()
	c2, _ := h.store.Call(2)
	if c2.Status != fo.CallOpen || !c2.NextAt.Equal(fo.DayStart(day3, st.Location()).AddDate(0, 0, 1).UTC()) {
		t.Errorf("call 2 after no answer: %s next %v", c2.Status, c2.NextAt)
	}
	if m := item(2); !m.HasButton("call:ok:2") || !strings.Contains(m.Text, "📵 未接通 · 王强") {
		t.Errorf("the list's message after no answer: %+v", m)
	}

	// Call 3: later, with a button (FU-9).
	h.press(wangUser, wangTG, "call:later:3")
	h.wait(wangUser, "客户希望什么时候再打")
	h.press(wangUser, wangTG, h.T(fo.ZH, "btn.later_3h"))
	h.wait(wangUser, "已记录", "🕒 约定")
	if c3, _ := h.store.Call(3); !c3.NextAt.Equal(day3.Add(3*time.Hour)) || c3.Attempts[0].Outcome != fo.OutcomeLater {
		t.Errorf("call 3 later: next %v, %+v", c3.NextAt, c3.Attempts)
	}

	// Call 4: a note, then later with a typed time; a time outside the
	// window is refused and asked again.
	h.press(wangUser, wangTG, "call:note:4")
	h.wait(wangUser, "请回复本条消息输入备注")
	h.text(wangUser, wangTG, "客户出差，周五回来")
	h.wait(wangUser, "📝 备注 · 王强", "客户出差，周五回来")
	h.press(wangUser, wangTG, "call:later:4")
	h.text(wangUser, wangTG, "25:00")
	h.wait(wangUser, h.T(fo.ZH, "callc.bad_time"))
	h.text(wangUser, wangTG, "16:30")
	h.wait(wangUser, "已记录", "🕒 约定 12月3日 周四 16:30")
	c4, _ := h.store.Call(4)
	if len(c4.Attempts) != 2 || c4.Attempts[0].Outcome != fo.OutcomeNote || !c4.NextAt.Equal(day3.Add(7*time.Hour+30*time.Minute)) {
		t.Errorf("call 4: %+v next %v", c4.Attempts, c4.NextAt)
	}
	if m := item(4); !strings.Contains(m.Text, "📝 备注") || !strings.Contains(m.Text, "🕒 约定") || !m.HasButton("call:note:4") {
		t.Errorf("the list's message of call 4: %+v", m)
	}

	// li may not record wang's call; the supervisor may.
	up = h.srv.Press(staffChat, liTG, 1, "call:na:2")
	h.handled(up)
	if a := h.answered(up); a != h.T(fo.ZH, "callc.not_yours") {
		t.Errorf("li's press answered %q", a)
	}
	h.handled(h.srv.Press(zhaoUser, zhaoTG, 1, "call:na:2"))
	if c2, _ := h.store.Call(2); len(c2.Attempts) != 2 || c2.Attempts[1].By != "staff:zhao" {
		t.Errorf("the supervisor's press: %+v", c2.Attempts)
	}
	// A call done is stale on its old buttons.
	up = h.srv.Press(wangUser, wangTG, item(1).ID, "call:na:1")
	h.handled(up)
	if a := h.answered(up); a != h.T(fo.ZH, "callc.closed") {
		t.Errorf("a done call's button answered %q", a)
	}

	h.dumpChats(t, wangUser, zhaoUser)

	// FU-7: the call register holds every call made, the complaint heard
	// and nothing for the note.
	_, calls := h.registers()
	want := []string{"reached first staff:wang", "complaint_in " + cmp.Ticket + " staff:wang", "no_answer first staff:wang",
		"later first staff:wang", "later first staff:wang", "no_answer first staff:zhao"}
	if !slices.Equal(calls, want) {
		t.Errorf("FU-7 call register:\n%s\nwant\n%s", strings.Join(calls, "\n"), strings.Join(want, "\n"))
	}
}

// FuzzParseClock: a typed time of day (FU-9) is the next such time after
// now, within a day, on the minute typed.
func FuzzParseClock(f *testing.F) {
	for _, s := range []string{"15:30", "9:05", "09：05", "00:00", "23:59", "24:00", "7:5", "", ":", "1:2:3", " 8:00 ", "-1:30", "+8:30"} {
		f.Add(s)
	}
	loc, _ := time.LoadLocation("Asia/Shanghai")
	now := day3Of(loc)
	f.Fuzz(func(t *testing.T, s string) {
		at, ok := parseClock(s, now, loc)
		if !ok {
			return
		}
		if !at.After(now) || at.Sub(now) > 24*time.Hour || at.Second() != 0 {
			t.Fatalf("%q → %v (now %v)", s, at, now)
		}
		hh, mm, _ := strings.Cut(strings.ReplaceAll(strings.TrimSpace(s), "：", ":"), ":")
		if h, _ := strconv.Atoi(hh); at.In(loc).Hour() != h {
			t.Fatalf("%q → %v", s, at)
		}
		if m, _ := strconv.Atoi(mm); at.In(loc).Minute() != m {
			t.Fatalf("%q → %v", s, at)
		}
	})
}

func day3Of(loc *time.Location) time.Time { return time.Date(2026, 12, 3, 9, 17, 0, 0, loc) }

// TestCallLaterOutsideWindowFU9: on the window's last day "tomorrow 10:00"
// falls outside it: refused with the window's end, and the staff member
// can choose again; "in 1 hour" is taken.
func TestCallLaterOutsideWindowFU9(t *testing.T) {
	h := newHarness(t)
	h.afterSales()
	h.start()
	h.deliver("王一", "13900000001", "京B11111", 0, fo.ZH)
	last := monday0900.Add(7 * 24 * time.Hour) // Monday 7 Dec: day 7, the window's last (FU-2)
	h.clock.Set(last)
	if _, err := h.store.SendCallLists(last); err != nil {
		t.Fatal(err)
	}
	h.waitMsg(wangUser, "the call", func(m telegramtest.Message) bool { return m.HasButton("call:later:1") })
	h.press(wangUser, wangTG, "call:later:1")
	h.press(wangUser, wangTG, h.T(fo.ZH, "btn.later_tomorrow"))
	h.wait(wangUser, "约定时间须在现在之后、回访窗口结束（12月7日 周一）之前")
	if raw, _ := h.store.StaffConversation(wangUser, wangUser); raw == nil {
		t.Fatalf("the refused time ended the conversation")
	}
	h.press(wangUser, wangTG, h.T(fo.ZH, "btn.later_1h"))
	h.wait(wangUser, "已记录", "🕒 约定 12月7日 周一 10:00")
	if c, _ := h.store.Call(1); !c.NextAt.Equal(last.Add(time.Hour)) {
		t.Errorf("next %v", c.NextAt)
	}
}
