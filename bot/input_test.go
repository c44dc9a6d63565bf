package bot

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	fo "frontoffice"
	"frontoffice/internal/telegramtest"
)

// toPlate walks a new booking of service up to the plate prompt.
func toPlate(t *testing.T, h *harness, chat int64, u tgbotapi.User, service string) {
	t.Helper()
	h.text(chat, u, "/book")
	h.press(chat, u, serviceLabel(mustService(t, h, service), fo.ParseLang(u.LanguageCode)))
	h.pressPrefix(chat, u, "c:")
	h.pressPrefix(chat, u, "c:")
}

// conv reads the chat's saved conversation.
func (h *harness) conv(chat int64) *conversation {
	h.t.Helper()
	raw, err := h.store.Conversation(chat)
	if err != nil {
		h.t.Fatal(err)
	}
	return decodeConversation(raw, h.clock.Now())
}

// TestBadPlateAndPhone: invalid input gets the domain's error text in the
// user's language and the conversation stays on its step.
func TestBadPlateAndPhone(t *testing.T) {
	for _, lang := range []string{"zh", "en-US"} {
		t.Run(lang, func(t *testing.T) {
			h := newHarness(t)
			h.start()
			chat := int64(7001)
			u := telegramtest.Customer(chat, lang)
			l := fo.ParseLang(lang)
			toPlate(t, h, chat, u, "inspect")
			for _, bad := range []string{"ABC123", "京A1234", "京I12345", "12345678"} {
				h.text(chat, u, bad)
				h.wait(chat, fo.Texts.T(l, "err.plate"))
				if c := h.conv(chat); c == nil || c.Step != stepPlate || c.Plate != "" {
					t.Fatalf("after plate %q the conversation is %+v", bad, c)
				}
			}
			h.text(chat, u, "沪C 88888")
			for _, bad := range []string{"12812345678", "1381234567", "+1 415 555 0100", "phone"} {
				before := h.count(chat, fo.Texts.T(l, "err.phone"))
				h.text(chat, u, bad)
				if h.count(chat, fo.Texts.T(l, "err.phone")) != before+1 {
					t.Fatalf("no phone error for %q", bad)
				}
				if c := h.conv(chat); c == nil || c.Step != stepPhone || c.Phone != "" {
					t.Fatalf("after phone %q the conversation is %+v", bad, c)
				}
			}
			// Someone else's contact card is not the user's number.
			other := h.srv.SendContact(chat, u, tgbotapi.Contact{PhoneNumber: "13800000000", FirstName: "Other", UserID: u.ID + 1})
			h.handled(other)
			h.wait(chat, Texts.T(l, "contact.not_own"))
			h.text(chat, u, "+86 139-1234-5678")
			h.wait(chat, Texts.T(l, "book.name"))
			h.text(chat, u, strings.Repeat("名", 41))
			h.wait(chat, fo.Texts.T(l, "err.name"))
			if c := h.conv(chat); c == nil || c.Step != stepName {
				t.Fatalf("after a long name the conversation is %+v", c)
			}
		})
	}
}

// TestUnknownCommandAndLongText: unknown commands get the help (REC-1
// greeting), oversized text err.too_long; neither changes the
// conversation.
func TestUnknownCommandAndLongText(t *testing.T) {
	h := newHarness(t)
	h.start()
	chat := int64(7002)
	u := telegramtest.Customer(chat, "zh")
	toPlate(t, h, chat, u, "inspect")
	before := h.conv(chat)
	h.text(chat, u, "/frobnicate")
	h.wait(chat, "您好，泰远汽车安装服务中心为您服务", "/book")
	h.text(chat, u, strings.Repeat("长", MaxInputLen+1))
	h.wait(chat, fmt.Sprintf("最多 %d 字", MaxInputLen))
	if after := h.conv(chat); after == nil || after.Step != before.Step || after.Nonce != before.Nonce {
		t.Errorf("conversation changed: %+v → %+v", before, after)
	}
	if n := h.count(staffChat, "长长长"); n != 0 {
		t.Errorf("oversized text was forwarded to the staff")
	}
	// /cancel ends it.
	h.text(chat, u, "/cancel")
	h.wait(chat, "已放弃当前操作")
	if c := h.conv(chat); c != nil {
		t.Errorf("conversation after /cancel: %+v", c)
	}
}

// TestStaleButtons: a button of an earlier conversation, a step's button
// pressed twice, and unknown data are answered "err.stale" and change
// nothing.
func TestStaleButtons(t *testing.T) {
	h := newHarness(t)
	h.start()
	chat := int64(7003)
	u := telegramtest.Customer(chat, "en")
	stale := fo.Texts.T(fo.EN, "err.stale")
	h.text(chat, u, "/book")
	first, _ := h.srv.Last(chat)
	h.text(chat, u, "/book")
	second, _ := h.srv.Last(chat)
	conv := h.conv(chat)

	sv := serviceLabel(mustService(t, h, "inspect"), fo.EN)
	b, _ := first.Button(sv)
	sends := len(h.srv.Calls("sendMessage", "editMessageText"))
	for _, data := range []string{b.Data, "c:" + conv.Nonce + ":ok", "c:" + conv.Nonce + ":sv:nosuch", "c:zzzz:x", "apt:cx:abc", "nonsense", "apt:mv:99999"} {
		up := h.srv.Press(chat, u, first.ID, data)
		h.handled(up)
		if text, ok := h.srv.AnswerText(up); !ok || text != stale {
			t.Errorf("press %q answered %q, want %q", data, text, stale)
		}
	}
	if n := len(h.srv.Calls("sendMessage", "editMessageText")); n != sends {
		t.Errorf("stale presses sent %d messages", n-sends)
	}
	if after := h.conv(chat); after.Nonce != conv.Nonce || after.Step != stepService {
		t.Errorf("conversation changed: %+v", after)
	}
	// The current message still works.
	b2, _ := second.Button(sv)
	h.handled(h.srv.Press(chat, u, second.ID, b2.Data))
	h.wait(chat, "Please choose a day")

	// A double press of confirm books once.
	h.pressPrefix(chat, u, "c:")
	h.pressPrefix(chat, u, "c:")
	h.text(chat, u, "京A12345")
	h.text(chat, u, "13812345678")
	h.text(chat, u, "Han")
	sum, _ := h.srv.Last(chat)
	ok, _ := sum.Button("✅ Confirm")
	h.srv.Press(chat, u, sum.ID, ok.Data)
	p2 := h.srv.Press(chat, u, sum.ID, ok.Data)
	h.handled(p2)
	if text, _ := h.srv.AnswerText(p2); text != stale {
		t.Errorf("second confirm answered %q", text)
	}
	c, _ := h.store.CustomerByChat(chat)
	if apts, _ := h.store.CustomerAppointments(c.ID, monday0900); len(apts) != 1 {
		t.Errorf("%d appointments after a double press", len(apts))
	}
}

// TestSlotTakenMeanwhile: the slot fills up while the customer types; the
// confirm answers err.slot_taken, shows the free slots again, and books
// nothing until another slot is chosen.
func TestSlotTakenMeanwhile(t *testing.T) {
	h := newHarness(t)
	h.start()
	chat := int64(7004)
	u := telegramtest.Customer(chat, "zh")
	toPlate(t, h, chat, u, "inspect")
	start := h.conv(chat).Start
	h.text(chat, u, "京A12345")
	h.text(chat, u, "13812345678")
	h.text(chat, u, "王芳")
	h.wait(chat, "请确认您的预约")

	bays := h.settings().Bays
	for i := range bays {
		_, err := h.store.Book(fo.BookRequest{ServiceID: "inspect", Start: start, Source: "console", By: "staff:li",
			Plate:    fmt.Sprintf("京B%05d", 10000+i),
			Customer: fo.CustomerInput{Name: "客户" + strconv.Itoa(i), Phone: fmt.Sprintf("137%08d", i)}})
		if err != nil {
			t.Fatalf("filling the slot: %v", err)
		}
	}
	up := h.press(chat, u, "✅ 确认预约")
	taken := fo.Texts.T(fo.ZH, "err.slot_taken")
	if text, _ := h.srv.AnswerText(up); text != taken {
		t.Errorf("confirm answered %q", text)
	}
	m := h.wait(chat, taken, "请选择时间")
	for _, row := range m.Buttons {
		for _, b := range row {
			if strings.HasSuffix(b.Data, ":t:"+strconv.FormatInt(start.Unix(), 10)) {
				t.Errorf("the taken slot is offered again")
			}
		}
	}
	if _, err := h.store.CustomerByChat(chat); err == nil {
		t.Errorf("a customer was linked though nothing was booked")
	}
	// Choosing another slot goes on to the confirmation.
	h.pressPrefix(chat, u, "c:")
	h.wait(chat, "请输入车牌号")
}

// TestForgedCancel: a customer presses forged apt:cx / apt:mv data naming
// another customer's appointment: answered as stale, nothing cancelled or
// moved, nothing revealed.
func TestForgedCancel(t *testing.T) {
	h := newHarness(t)
	h.start()
	victim, err := h.store.Book(fo.BookRequest{ServiceID: "maint", Start: monday0900.Add(25 * time.Hour), Source: "bot", By: "customer:bot",
		Plate: "京C12345", Customer: fo.CustomerInput{Name: "Victim", Phone: "13600000000", ChatID: 7999}})
	if err != nil {
		t.Fatal(err)
	}
	chat := int64(7005)
	u := telegramtest.Customer(chat, "zh")
	stale := fo.Texts.T(fo.ZH, "err.stale")
	forge := func() {
		t.Helper()
		h.text(chat, u, "/start")
		menu, _ := h.srv.Last(chat)
		for _, data := range []string{"apt:cx:" + strconv.FormatUint(victim.ID, 10), "apt:mv:" + strconv.FormatUint(victim.ID, 10)} {
			up := h.srv.Press(chat, u, menu.ID, data)
			h.handled(up)
			if text, _ := h.srv.AnswerText(up); text != stale {
				t.Errorf("forged %q answered %q", data, text)
			}
		}
		if c := h.conv(chat); c != nil {
			t.Errorf("a forged press started %+v", c)
		}
	}
	forge() // a chat with no customer
	// The same from a chat whose customer has an appointment of their own.
	if _, err := h.store.Book(fo.BookRequest{ServiceID: "inspect", Start: monday0900.Add(26 * time.Hour), Source: "bot", By: "customer:bot",
		Plate: "京D12345", Customer: fo.CustomerInput{Name: "Mallory", Phone: "13500000000", ChatID: chat}}); err != nil {
		t.Fatal(err)
	}
	h.drained()
	forge()
	v, _ := h.store.Appointment(victim.ID)
	if v.Status != fo.AptBooked || !v.Start.Equal(victim.Start) {
		t.Errorf("victim's appointment changed: %+v", v)
	}
	if n := h.count(7999, "已取消"); n != 0 {
		t.Errorf("the victim was told of a cancellation")
	}
}

// TestTypedPhoneOfAnotherCustomer: typing the number of a customer whose
// archive is linked elsewhere does not link this chat to them; sharing
// one's own contact (verified by Telegram) does.
func TestTypedPhoneOfAnotherCustomer(t *testing.T) {
	h := newHarness(t)
	h.start()
	owner, err := h.store.Book(fo.BookRequest{ServiceID: "maint", Start: monday0900.Add(25 * time.Hour), Source: "bot", By: "customer:bot",
		Plate: "京C12345", Customer: fo.CustomerInput{Name: "Owner", Phone: "13600000000", ChatID: 7998}})
	if err != nil {
		t.Fatal(err)
	}
	chat := int64(7006)
	u := telegramtest.Customer(chat, "zh")
	toPlate(t, h, chat, u, "inspect")
	h.text(chat, u, "京E12345")
	h.text(chat, u, "136 0000 0000")
	ask := h.wait(chat, "请点下方按钮分享您的手机号")
	if !ask.AskContact {
		t.Errorf("no contact keyboard with the request")
	}
	if c := h.conv(chat); c.Step != stepPhone || c.Phone != "" {
		t.Errorf("conversation after a foreign number: %+v", c)
	}
	// A contact card without the sender's user id does not verify.
	h.handled(h.srv.SendContact(chat, u, tgbotapi.Contact{PhoneNumber: "13600000000", FirstName: "Owner"}))
	h.wait(chat, Texts.T(fo.ZH, "contact.not_own"))
	// The owner on a new phone shares their own contact: no name asked.
	h.handled(h.srv.ShareContact(chat, u, "8613600000000"))
	h.wait(chat, "请确认您的预约", "136****0000")
	h.press(chat, u, "✅ 确认预约")
	h.wait(chat, "预约号", "京E·12345")
	c, err := h.store.CustomerByChat(chat)
	if err != nil || c.ID != owner.CustomerID {
		t.Errorf("chat linked to %+v, %v; want customer %d", c, err, owner.CustomerID)
	}
}

// TestServiceDroppedMidConversation: settings change under a conversation
// (the chosen service is removed); the user is told, nothing is retried.
func TestServiceDroppedMidConversation(t *testing.T) {
	h := newHarness(t)
	h.start()
	chat := int64(7007)
	u := telegramtest.Customer(chat, "en")
	h.text(chat, u, "/book")
	h.press(chat, u, serviceLabel(mustService(t, h, "repair"), fo.EN))
	st := h.settings()
	var kept []fo.Service
	for _, sv := range st.Services {
		if sv.ID != "repair" {
			kept = append(kept, sv)
		}
	}
	st.Services = kept
	if err := h.store.SaveSettings(st); err != nil {
		t.Fatal(err)
	}
	h.pressPrefix(chat, u, "c:") // a day: FreeSlots now refuses the service
	h.wait(chat, fo.Texts.T(fo.EN, "err.service"))
	if c := h.conv(chat); c != nil {
		t.Errorf("conversation after the error: %+v", c)
	}
	if strings.Contains(h.logs.String(), "give up on update") {
		t.Errorf("a rule's refusal was retried as a failure")
	}
}
