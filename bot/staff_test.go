package bot

import (
	"strings"
	"testing"
	"time"

	fo "frontoffice"
	"frontoffice/internal/telegramtest"
)

// TestStaffConversationsCMP4: two staff members start answering the same
// complaint in the staff group; each has a conversation of their own,
// which survives a restart. In the group only a reply to the bot is taken
// as the answer, so colleagues' talk never reaches the customer; the
// first answer goes out, the second finds the complaint answered; nobody
// can press another's buttons.
func TestStaffConversationsCMP4(t *testing.T) {
	h := newHarness(t)
	h.afterSales()
	h.start()
	chat := int64(9501)
	v := h.deliver("张伟", "13812345678", "京A12345", chat, fo.ZH)
	if _, err := h.store.FileComplaint(fo.ComplaintRequest{Channel: fo.ChannelPhone, Category: "quality", Text: "雷达误报",
		CustomerID: v.CustomerID, By: "staff:li"}); err != nil {
		t.Fatal(err)
	}
	h.drained()
	h.press(staffChat, liTG, "cmp:ans:1")
	liPrompt := h.wait(staffChat, "李娜，请回复本条消息")
	h.press(staffChat, wangTG, "cmp:ans:1")
	wangPrompt := h.wait(staffChat, "王强，请回复本条消息")

	// li cannot stop wang's answer.
	up := h.srv.Press(staffChat, liTG, wangPrompt.ID, wangPrompt.Buttons[0][0].Data)
	h.handled(up)
	if a := h.answered(up); a != h.T(fo.ZH, "err.stale") {
		t.Errorf("li pressing wang's button answered %q", a)
	}
	// Talk in the group that is no reply to the bot is no answer.
	h.text(staffChat, liTG, "这个客户上周也投诉过")

	h.restart()
	h.handled(h.srv.Reply(staffChat, liTG, liPrompt.ID, "已安排明天上门校准。"))
	h.wait(chat, "已安排明天上门校准。")
	h.handled(h.srv.Reply(staffChat, wangTG, wangPrompt.ID, "另一个答复"))
	h.wait(staffChat, "目前不需要答复")
	for _, s := range h.sentTo(chat) {
		if strings.Contains(s, "上周也投诉过") || strings.Contains(s, "另一个答复") {
			t.Errorf("the customer got %q", s)
		}
	}
	if c, _ := h.store.Complaint(1); c.Answers != 1 || c.Answer != "已安排明天上门校准。" {
		t.Errorf("complaint after two answers: %d %q", c.Answers, c.Answer)
	}
	for _, u := range []int64{staffUser, wangUser} {
		if raw, _ := h.store.StaffConversation(staffChat, u); raw != nil {
			t.Errorf("staff %d still has a conversation: %s", u, raw)
		}
	}
	// The complaint came by phone: the answer is in the letter register,
	// as sent in the chat (FU-7).
	letters, calls := h.registers()
	if !strings.Contains(strings.Join(letters, "\n"), "answer TS-20261130-001 staff:li") ||
		!strings.Contains(strings.Join(calls, "\n"), "complaint_in TS-20261130-001 staff:li") {
		t.Errorf("FU-7 registers: letters %v, calls %v", letters, calls)
	}
}

// TestStaffPrivateChatIsAlsoTheirOwn: a staff member's private chat is
// also where they are a customer. Text goes to whichever of their staff
// work and their own conversation they touched last; a command of their
// own leaves the staff work, so no later text is taken for it.
func TestStaffPrivateChatIsAlsoTheirOwn(t *testing.T) {
	h := newHarness(t)
	h.afterSales()
	h.start()
	h.deliver("王一", "13900000001", "京B11111", 0, fo.ZH)
	h.clock.Set(monday0900.Add(3 * 24 * time.Hour))
	if _, err := h.store.SendCallLists(h.clock.Now()); err != nil {
		t.Fatal(err)
	}
	h.drained()

	// A note started, then a booking of his own: the note is left.
	h.press(wangUser, wangTG, "call:note:1")
	h.text(wangUser, wangTG, "/book")
	if raw, _ := h.store.StaffConversation(wangUser, wangUser); raw != nil {
		t.Errorf("the staff work outlived /book: %s", raw)
	}
	h.press(wangUser, wangTG, serviceLabel(mustService(t, h, "inspect"), fo.ZH))
	h.pressPrefix(wangUser, wangTG, "c:")
	h.pressPrefix(wangUser, wangTG, "c:")
	h.wait(wangUser, "请输入车牌号")
	// Mid-booking, a note on the call: the next text is the note ...
	h.press(wangUser, wangTG, "call:note:1")
	h.text(wangUser, wangTG, "客户下午方便接电话")
	h.wait(wangUser, "📝 备注 · 王强", "客户下午方便接电话")
	// ... and the one after it the booking's plate.
	h.text(wangUser, wangTG, "京C12345")
	if c := h.conv(wangUser); c == nil || c.Plate != "京C12345" || c.Step != stepPhone {
		t.Errorf("the booking after the note: %+v", c)
	}
	call, _ := h.store.Call(1)
	if len(call.Attempts) != 1 || call.Attempts[0].Notes != "客户下午方便接电话" {
		t.Errorf("call attempts %+v", call.Attempts)
	}
}

// TestAfterSalesFailBeforeFinish: the store's change commits but finishing
// the update fails, so the update is handled again — filing a complaint
// (CMP-1), a staff answer (CMP-4), a survey's last score (SUR-1): one
// complaint, one acknowledgement, one answer, and the chat still waits for
// the survey's comment.
func TestAfterSalesFailBeforeFinish(t *testing.T) {
	h := newHarness(t)
	fs := &flakyStore{}
	h.wrap = func(s Store) Store { fs.Store = s; return fs }
	h.afterSales()
	h.start()
	chat := int64(9601)
	u := telegramtest.Customer(chat, "zh")
	h.deliver("韩梅", "13700000002", "沪C66666", chat, fo.ZH)

	h.text(chat, u, "/complaint")
	h.press(chat, u, h.T(fo.ZH, "cmp.cat.time"))
	h.text(chat, u, "交车晚了两个小时")
	h.press(chat, u, h.T(fo.ZH, "btn.cmp_skip"))
	fs.failFinish.Store(true)
	h.press(chat, u, h.T(fo.ZH, "btn.cmp_major_no"))
	h.wait(chat, "受理编号")
	if n := h.count(chat, "受理编号"); n != 1 {
		t.Errorf("acknowledged %d times", n)
	}
	if _, err := h.store.Complaint(2); err == nil {
		t.Errorf("the complaint was filed twice")
	}

	h.press(staffChat, liTG, "cmp:ans:1")
	prompt := h.wait(staffChat, "李娜，请回复本条消息")
	fs.failFinish.Store(true)
	h.handled(h.srv.Reply(staffChat, liTG, prompt.ID, "抱歉，下次提前通知您。"))
	h.wait(chat, "抱歉，下次提前通知您。")
	if n := h.count(chat, "抱歉，下次提前通知您。"); n != 1 {
		t.Errorf("the answer reached the customer %d times", n)
	}
	if c, _ := h.store.Complaint(1); c.Answers != 1 {
		t.Errorf("answers %d", c.Answers)
	}

	sendAt := monday0900.Add(25 * time.Hour)
	h.clock.Set(sendAt)
	if _, err := h.store.RunDue(sendAt); err != nil {
		t.Fatal(err)
	}
	h.wait(chat, "（1/4）")
	for i := range 3 {
		h.press(chat, u, fo.SurveyData(1, i, 4))
	}
	fs.failFinish.Store(true)
	h.press(chat, u, fo.SurveyData(1, 3, 4))
	if c := h.conv(chat); c == nil || c.Flow != flowSurvey || c.Survey != 1 {
		t.Fatalf("after the retried last score the chat does not wait for the comment: %+v", c)
	}
	h.text(chat, u, "整体不错")
	h.wait(chat, "谢谢您的评价！")
	if sv, _ := h.store.Survey(1); sv.Comment != "整体不错" {
		t.Errorf("comment %q", sv.Comment)
	}
}
