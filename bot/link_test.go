package bot

import (
	"strings"
	"testing"
	"time"

	fo "frontoffice"
	"frontoffice/internal/telegramtest"
)

// TestKioskDeepLink: the kiosk's QR code opens the bot with "/start
// <token>": the chat is linked to the customer, who is told so greeting
// with the shop's name (REC-1), the vehicle masked and no phone. A second
// use — from another chat or the same one — links nothing more; a forged
// token links nothing.
func TestKioskDeepLink(t *testing.T) {
	h := newHarness(t)
	h.start()
	v := h.inWorkshop("周杰", "13912345678", "京A54321", 0, fo.ZH)
	token, err := h.store.CreateLinkToken(v.CustomerID, v.ID)
	if err != nil {
		t.Fatal(err)
	}
	chat := int64(9201)
	u := telegramtest.Customer(chat, "en-GB")
	h.text(chat, u, "/start "+token)
	done := h.wait(chat, "Hello, welcome to Taiyuan Auto Installation Center!", "京A·***21", "pickup notices")
	if strings.Contains(done.Text, "13912345678") || strings.Contains(done.Text, "5678") || strings.Contains(done.Text, "京A54321") {
		t.Errorf("the link message shows the phone or the full plate:\n%s", done.Text)
	}
	if !done.HasButton(dataMenuBook) {
		t.Errorf("no menu under the link message")
	}
	c, err := h.store.CustomerByChat(chat)
	if err != nil || c.ID != v.CustomerID || c.Lang != fo.EN {
		t.Errorf("linked customer %+v, %v", c, err)
	}

	// The same code from another chat: refused, nothing linked.
	other := int64(9202)
	h.text(other, telegramtest.Customer(other, "zh"), "/start "+token)
	h.wait(other, "这个二维码已经使用过或已过期，无法关联")
	if _, err := h.store.CustomerByChat(other); err == nil {
		t.Errorf("a second use linked another chat")
	}
	// The same chat again: told it is linked already.
	h.text(chat, u, "/start "+token)
	h.wait(chat, "has been used already", "京A·***21")
	// Forged and expired tokens.
	h.text(other, telegramtest.Customer(other, "zh"), "/start ../../etc/passwd")
	h.text(other, telegramtest.Customer(other, "zh"), "/start "+strings.Repeat("A", 65))
	tok2, _ := h.store.CreateLinkToken(v.CustomerID, v.ID)
	h.clock.Advance(16 * time.Minute)
	h.text(other, telegramtest.Customer(other, "zh"), "/start "+tok2)
	if n := h.count(other, "无法关联"); n != 4 {
		t.Errorf("refusals in the other chat: %d, want 4", n)
	}
	if _, err := h.store.CustomerByChat(other); err == nil {
		t.Errorf("an expired token linked a chat")
	}
	if strings.Contains(h.logs.String(), token) || strings.Contains(h.logs.String(), tok2) {
		t.Errorf("the log shows a link token")
	}
	h.dumpChats(t, chat, other)
}

// TestDeepLinkSendsSkippedSurveySUR1: a customer delivered without a
// linked chat had their survey skipped; linking a chat from the kiosk
// sends it (SUR-1).
func TestDeepLinkSendsSkippedSurveySUR1(t *testing.T) {
	h := newHarness(t)
	h.start()
	v := h.deliver("周杰", "13912345678", "京A54321", 0, fo.ZH)
	due := monday0900.Add(25 * time.Hour)
	h.clock.Set(due)
	if _, err := h.store.RunDue(due); err != nil {
		t.Fatal(err)
	}
	if sv, _ := h.store.VisitSurvey(v.ID); sv.Status != fo.SurveySkipped {
		t.Fatalf("survey %s", sv.Status)
	}
	// Back for a check the next day: the kiosk's QR code.
	h.clock.Set(due.Add(24 * time.Hour))
	token, err := h.store.CreateLinkToken(v.CustomerID, 0)
	if err != nil {
		t.Fatal(err)
	}
	chat := int64(9203)
	h.text(chat, telegramtest.Customer(chat, "zh"), "/start "+token)
	h.wait(chat, "本聊天已关联您的客户档案")
	h.wait(chat, "（1/4）", "京A·54321")
	if sv, _ := h.store.VisitSurvey(v.ID); sv.Status != fo.SurveySent || sv.ChatID != chat {
		t.Errorf("survey after linking: %s chat %d", sv.Status, sv.ChatID)
	}
}
