package bot

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	fo "frontoffice"
	"frontoffice/internal/telegramtest"
)

// TestComplaintLoopCMP1toCMP4 walks a complaint through the fake server in
// Chinese and in English: the customer files it in the chat (CMP-1) and
// gets the ticket and the answer deadline (CMP-2, CMP-3: 4 hours for a
// major complaint, 24 for a general one); the staff chat gets it with
// "take" and "answer" buttons; li takes it and answers by replying to the
// bot's prompt; the customer's verdict closes the loop (CMP-4) — in
// Chinese first "not satisfied", which reopens it to the supervisor, who
// answers from their private chat, then "satisfied". Every message of it
// is in the letter register (FU-7).
func TestComplaintLoopCMP1toCMP4(t *testing.T) {
	for _, lang := range []string{"zh", "en"} {
		t.Run(lang, func(t *testing.T) {
			h := newHarness(t)
			h.afterSales()
			h.start()
			l := fo.ParseLang(lang)
			zh := l == fo.ZH
			chat := int64(9001)
			u := telegramtest.Customer(chat, lang)
			if zh {
				// A customer on file: the staff see their name and plate.
				h.deliver("张伟", "13812345678", "京A12345", chat, fo.ZH)
				h.drained()
			}
			st := h.settings()
			loc := st.Location()

			// CMP-1: menu → category → what happened → photo → major?
			h.text(chat, u, "/start")
			h.press(chat, u, h.T(l, "menu.complaint"))
			start := h.wait(chat, h.T(l, "cmpc.start", st.ShopName(l)))
			cat := "quality"
			if !zh {
				cat = "service"
			}
			for _, c := range fo.ComplaintCategories {
				if _, ok := start.ButtonWithPrefix(h.T(l, "cmp.cat."+c)); !ok {
					t.Errorf("no button for category %s:\n%s", c, h.dump(chat))
				}
			}
			h.press(chat, u, h.T(l, "cmp.cat."+cat))
			h.wait(chat, h.T(l, "cmpc.what", h.T(l, "cmp.cat."+cat), fo.MaxComplaintText))
			what := "雷达装好后一直误报，倒车时响个不停"
			if !zh {
				what = "Nobody told me the car was ready; I waited two hours."
			}
			h.text(chat, u, what)
			h.wait(chat, h.T(l, "cmpc.photo"))
			if zh {
				h.handled(h.srv.SendPhoto(chat, u, "ph1", ""))
				h.wait(chat, h.T(l, "cmpc.major"))
				h.press(chat, u, h.T(l, "btn.cmp_major_yes"))
			} else {
				h.press(chat, u, h.T(l, "btn.cmp_skip"))
				h.wait(chat, h.T(l, "cmpc.major"))
				h.press(chat, u, h.T(l, "btn.cmp_major_no"))
			}

			// CMP-2, CMP-3: the ticket and the deadline, in the customer's
			// language.
			c, err := h.store.Complaint(1)
			if err != nil {
				t.Fatal(err)
			}
			ticket := fo.TicketNo(monday0900.In(loc), 1)
			hours := 24 * time.Hour
			if zh {
				hours = 4 * time.Hour
			}
			due := fo.FormatWhen(l, monday0900.Add(hours), loc)
			ack := h.wait(chat, ticket, due)
			if c.Ticket != ticket || c.Major != zh || c.Channel != fo.ChannelBot || c.ChatID != chat || c.Lang != l ||
				c.Category != cat || c.Text != what || c.Status != fo.CmpOpen {
				t.Errorf("complaint = %+v", c)
			}
			if zh && (c.PhotoID != "ph1-l" || c.CustomerName != "张伟" || c.Plate != "京A12345") {
				t.Errorf("CMP-1: photo %q (want the largest size), customer %q, plate %q", c.PhotoID, c.CustomerName, c.Plate)
			}
			if !zh && c.PhotoID != "" {
				t.Errorf("a skipped photo is %q", c.PhotoID)
			}
			if strings.Contains(ack.Text, "13812345678") {
				t.Errorf("the acknowledgement shows the phone")
			}
			h.wait(chat, h.T(l, "cmpc.filed", h.T(l, "cmp.cat."+cat), what, h.yesNo(l, zh), h.yesNo(l, zh)))

			// The staff chat gets it with take and answer buttons; a major
			// complaint reaches the supervisor's own chat too.
			notice := h.wait(staffChat, ticket, what)
			if !notice.HasButton("cmp:take:1") || !notice.HasButton("cmp:ans:1") {
				t.Fatalf("staff notice buttons: %+v", notice.Buttons)
			}
			if zh {
				if !strings.Contains(notice.Text, "重大") || !strings.Contains(notice.Text, "照片") || !strings.Contains(notice.Text, "张伟") {
					t.Errorf("staff notice of a major complaint with a photo:\n%s", notice.Text)
				}
				h.wait(zhaoUser, ticket, what)
			} else if n := len(h.srv.Messages(zhaoUser)); n != 0 {
				t.Errorf("a general complaint went to the supervisor's chat (%d messages)", n)
			}

			// li takes it: the staff chat is told, the notice keeps only the
			// answer button and names li.
			up := h.press(staffChat, liTG, "cmp:take:1")
			if a := h.answered(up); !strings.Contains(a, ticket) {
				t.Errorf("take answered %q", a)
			}
			h.wait(staffChat, ticket, "由 李娜 负责处理")
			taken, _ := h.srv.Message(staffChat, notice.ID)
			if taken.HasButton("cmp:take:1") || !taken.HasButton("cmp:ans:1") || !strings.Contains(taken.Text, "李娜") {
				t.Errorf("the notice after take: %+v", taken)
			}
			if c, _ := h.store.Complaint(1); c.Assignee != "li" {
				t.Errorf("assignee %q", c.Assignee)
			}

			// li answers: the prompt, then a reply to it.
			h.press(staffChat, liTG, "cmp:ans:1")
			who := c.CustomerName
			if !zh {
				// Not on file: the name the chat goes by in Telegram.
				who = "Telegram: " + strings.TrimSpace(u.FirstName+" "+u.LastName)
				if got, _ := h.store.Complaint(1); got.CustomerName != who {
					t.Errorf("complaint names %q, want %q", got.CustomerName, who)
				}
			}
			prompt := h.wait(staffChat, h.T(fo.ZH, "staffc.ask_answer", "李娜", ticket, fo.MaxAnswerText, who, what))
			answer := "非常抱歉！技师明天上午上门重新校准雷达，费用全免。"
			if !zh {
				answer = "We are sorry. Next time we call you the moment it is ready, and this visit's labour is on us."
			}
			h.handled(h.srv.Reply(staffChat, liTG, prompt.ID, answer))
			h.wait(staffChat, h.T(fo.ZH, "staffc.answered", ticket))
			got := h.wait(chat, ticket, answer)
			if !got.HasButton("cmp:ok:1") || !got.HasButton("cmp:no:1") {
				t.Fatalf("the answer has no verdict buttons: %+v", got.Buttons)
			}
			if c, _ := h.store.Complaint(1); c.Status != fo.CmpAnswered || c.Answer != answer {
				t.Errorf("after the answer: %s %q", c.Status, c.Answer)
			}

			if zh {
				// CMP-4: not satisfied → reopened to the supervisor.
				h.press(chat, u, h.T(l, "btn.cmp.no"))
				h.wait(chat, ticket, "已转交主管处理")
				edited, _ := h.srv.Message(chat, got.ID)
				if len(edited.Buttons) != 0 || !strings.Contains(edited.Text, h.T(l, "cmpc.verdict_no")) {
					t.Errorf("the answer after the verdict: %+v", edited)
				}
				reopened := h.wait(zhaoUser, ticket, "重开")
				if c, _ := h.store.Complaint(1); c.Status != fo.CmpReopened || c.Assignee != "zhao" || c.Verdict != fo.VerdictDissatisfied {
					t.Errorf("after dissatisfied: %s %s %s", c.Status, c.Assignee, c.Verdict)
				}
				// The supervisor answers from their private chat: any text
				// there is the answer.
				up := h.srv.Press(zhaoUser, zhaoTG, reopened.ID, "cmp:ans:1")
				h.handled(up)
				h.wait(zhaoUser, "赵敏，请回复本条消息")
				answer = "主管赵敏：明天上午我亲自陪同技师上门，并赠送一次免费保养。"
				h.text(zhaoUser, zhaoTG, answer)
				h.wait(zhaoUser, h.T(fo.ZH, "staffc.answered", ticket))
				got = h.wait(chat, ticket, answer)
			}
			// CMP-4: satisfied closes it with the answer as its resolution.
			h.press(chat, u, h.T(l, "btn.cmp.ok"))
			h.wait(chat, ticket, h.T(l, "cmp.thanks_ok", ticket))
			c, _ = h.store.Complaint(1)
			if c.Status != fo.CmpClosed || c.Verdict != fo.VerdictSatisfied || c.Resolution != answer {
				t.Errorf("after satisfied: %s %s %q", c.Status, c.Verdict, c.Resolution)
			}
			// A second press changes nothing.
			up = h.srv.Press(chat, u, got.ID, "cmp:no:1")
			h.handled(up)
			if a := h.answered(up); a != h.T(l, "err.stale") {
				t.Errorf("second verdict answered %q", a)
			}
			if c2, _ := h.store.Complaint(1); c2.Status != fo.CmpClosed || len(c2.History) != len(c.History) {
				t.Errorf("a second verdict changed the complaint: %s", c2.Status)
			}

			h.dumpChats(t, chat, staffChat, zhaoUser)

			// FU-7: every message of the complaint is in the letter
			// register; no call was made.
			letters, calls := h.registers()
			want := []string{"complaint_in " + ticket + " customer:bot", "ack " + ticket + " system",
				"answer " + ticket + " staff:li", "verdict " + ticket + " customer:bot"}
			if zh {
				want = append(want, "answer "+ticket+" staff:zhao", "verdict "+ticket+" customer:bot")
			}
			var mine []string
			for _, e := range letters {
				if strings.Contains(e, ticket) {
					mine = append(mine, e)
				}
			}
			if !slices.Equal(mine, want) {
				t.Errorf("FU-7 letter register:\n%s\nwant\n%s", strings.Join(mine, "\n"), strings.Join(want, "\n"))
			}
			for _, e := range calls {
				if strings.Contains(e, ticket) {
					t.Errorf("FU-7: a chat complaint in the call register: %s", e)
				}
			}
		})
	}
}

// T is the bot's text in lang.
func (h *harness) T(lang fo.Lang, key string, args ...any) string {
	return fo.Texts.Merge(Texts).T(lang, key, args...)
}

func (h *harness) yesNo(lang fo.Lang, b bool) string {
	if b {
		return h.T(lang, "cmpc.yes")
	}
	return h.T(lang, "cmpc.no")
}

// TestComplaintInputCMP1: a safety complaint is major without asking
// (CMP-3); a photo with a caption gives both; too long a text is refused
// and the step stays; /cancel ends it and nothing is filed.
func TestComplaintInputCMP1(t *testing.T) {
	h := newHarness(t)
	h.start()
	chat := int64(9002)
	u := telegramtest.Customer(chat, "zh")
	h.text(chat, u, "/complaint")
	h.press(chat, u, h.T(fo.ZH, "cmp.cat.safety"))
	h.text(chat, u, strings.Repeat("刹", fo.MaxComplaintText+1))
	h.wait(chat, fo.Texts.T(fo.ZH, "err.too_long", fo.MaxComplaintText))
	if c := h.conv(chat); c == nil || c.Step != stepWhat {
		t.Fatalf("after too long a text: %+v", c)
	}
	h.handled(h.srv.SendPhoto(chat, u, "ph9", "防撞系统在高速上突然自动刹车"))
	ack := h.wait(chat, "受理编号")
	if !strings.Contains(ack.Text, "优先处理") {
		t.Errorf("CMP-3: a safety complaint is not acknowledged as major:\n%s", ack.Text)
	}
	c, err := h.store.Complaint(1)
	if err != nil || !c.Major || c.PhotoID != "ph9-l" || c.Text != "防撞系统在高速上突然自动刹车" {
		t.Errorf("complaint = %+v, %v", c, err)
	}
	if h.conv(chat) != nil {
		t.Errorf("the conversation outlived the filing")
	}

	// /cancel mid-way files nothing.
	h.text(chat, u, "/complaint")
	h.press(chat, u, h.T(fo.ZH, "cmp.cat.price"))
	h.text(chat, u, "/cancel")
	h.text(chat, u, "收费太贵")
	if _, err := h.store.Complaint(2); err == nil {
		t.Errorf("a cancelled complaint was filed")
	}
	h.wait(staffChat, "收费太贵") // REC-3: after /cancel the text is a question for a person
}

// TestStaffOnlyCMP1FU5: only staff can act on complaints and call lists. A
// customer's chat sending the staff commands gets the help and nothing
// else; forged staff buttons (cmp:take:1, cmp:ans:1, call:ok:1,
// call:na:1) are answered as stale and change nothing; a stranger in the
// staff chat is ignored too.
func TestStaffOnlyCMP1FU5(t *testing.T) {
	h := newHarness(t)
	h.afterSales()
	h.start()
	v := h.deliver("王五", "13900000001", "京B11111", 0, fo.ZH)
	if _, err := h.store.FileComplaint(fo.ComplaintRequest{Channel: fo.ChannelPhone, Category: "quality", Text: "雷达不响",
		CustomerID: v.CustomerID, By: "staff:li"}); err != nil {
		t.Fatal(err)
	}
	h.clock.Set(monday0900.Add(3 * 24 * time.Hour)) // the first call is on the list
	if n, err := h.store.SendCallLists(h.clock.Now()); err != nil || n != 1 {
		t.Fatalf("call list: %d, %v", n, err)
	}
	h.drained()
	before := h.snapshot()

	chat := int64(9003)
	u := telegramtest.Customer(chat, "zh")
	for _, cmd := range []string{"/calls", "/complaints"} {
		h.text(chat, u, cmd)
	}
	for _, s := range h.sentTo(chat) {
		if !strings.HasPrefix(s, "您好，泰远汽车安装服务中心为您服务。您可以使用") {
			t.Errorf("a customer's staff command got %q", s)
		}
	}
	h.text(chat, u, "/start")
	menu, _ := h.srv.Last(chat)
	for _, d := range []string{"cmp:take:1", "cmp:ans:1", "call:ok:1", "call:na:1", "call:later:1", "call:note:1", "s:abcd:x"} {
		up := h.srv.Press(chat, u, menu.ID, d)
		h.handled(up)
		if a := h.answered(up); a != fo.Texts.T(fo.ZH, "err.stale") {
			t.Errorf("forged %s answered %q", d, a)
		}
	}
	// A stranger in the staff chat.
	stranger := tgbotapi.User{ID: 999, FirstName: "Guest"}
	notice := h.wait(staffChat, "雷达不响")
	for _, d := range []string{"cmp:take:1", "cmp:ans:1"} {
		up := h.srv.Press(staffChat, stranger, notice.ID, d)
		h.handled(up)
		if a := h.answered(up); a != fo.Texts.T(fo.ZH, "err.stale") {
			t.Errorf("a stranger's %s answered %q", d, a)
		}
	}
	h.text(staffChat, stranger, "/calls")
	if after := h.snapshot(); after != before {
		t.Errorf("forged staff actions changed the records:\n%s\nwant\n%s", after, before)
	}
	for _, s := range h.sentTo(chat) {
		if strings.Contains(s, "13900000001") || strings.Contains(s, "雷达不响") || strings.Contains(s, "京B") {
			t.Errorf("a customer's chat was shown staff data: %q", s)
		}
	}
	if raw, _ := h.store.StaffConversation(chat, chat); raw != nil {
		t.Errorf("a customer has a staff conversation: %s", raw)
	}
}

// snapshot is the state of complaint 1 and call 1 and the registers.
func (h *harness) snapshot() string {
	h.t.Helper()
	c, _ := h.store.Complaint(1)
	call, _ := h.store.Call(1)
	letters, calls := h.registers()
	return fmt.Sprintf("complaint %s %q %d\ncall %s %d\nletters %v\ncalls %v", c.Status, c.Assignee, len(c.History),
		call.Status, len(call.Attempts), letters, calls)
}

// TestStaffCommands: /complaints lists the open complaints with the time
// left and their buttons; /calls the staff member's calls of the day with
// theirs (FU-2).
func TestStaffCommands(t *testing.T) {
	h := newHarness(t)
	h.afterSales()
	h.start()
	v := h.deliver("王五", "13900000001", "京B11111", 0, fo.ZH)
	if _, err := h.store.FileComplaint(fo.ComplaintRequest{Channel: fo.ChannelPhone, Category: "quality", Text: "雷达不响",
		CustomerID: v.CustomerID, By: "staff:li"}); err != nil {
		t.Fatal(err)
	}
	h.clock.Set(monday0900.Add(3*24*time.Hour + 2*time.Hour))
	h.text(staffChat, liTG, "/complaints")
	m := h.wait(staffChat, "雷达不响", "状态：待答复", "已超时")
	if !m.HasButton("cmp:take:1") || !m.HasButton("cmp:ans:1") {
		t.Errorf("/complaints buttons: %+v", m.Buttons)
	}
	h.text(wangUser, wangTG, "/calls")
	item := h.wait(wangUser, "首次回访", "王五", "+8613900000001")
	if !item.HasButton("call:ok:1") || !item.HasButton("call:note:1") {
		t.Errorf("/calls buttons: %+v", item.Buttons)
	}
	// li has no calls of her own today.
	h.text(staffUser, liTG, "/calls")
	h.wait(staffUser, "没有需要回访的电话")
}
