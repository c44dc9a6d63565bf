package bot

import (
	"strings"
	"testing"

	fo "frontoffice"
	"frontoffice/data"
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
	if _, err := h.store.FileComplaint(data.ComplaintRequest{Channel: fo.ChannelPhone, Category: "quality", Text: "雷达误报",
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
