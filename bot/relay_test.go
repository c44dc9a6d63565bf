package bot

import (
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"frontoffice/internal/telegramtest"
)

// TestRelayBothWays (REC-3): a question the bot cannot answer goes to the
// staff chat and the customer is told a person will answer; a staff
// member's reply to it reaches the customer, prefixed with the shop's name.
func TestRelayBothWays(t *testing.T) {
	h := newHarness(t)
	h.start()
	chat := int64(8001)
	u := telegramtest.Customer(chat, "en")
	u.UserName = "driver8001"
	h.text(chat, u, "Can you fit a dashcam on a truck?")
	h.wait(chat, "A colleague will answer your question")
	fwd := h.wait(staffChat, "Can you fit a dashcam on a truck?", "@driver8001")
	if target, _, err := h.store.RelayTarget(staffChat, fwd.ID); err != nil || target != chat {
		t.Fatalf("relay target of the forwarded message = %d, %v", target, err)
	}

	staff := tgbotapi.User{ID: staffUser, FirstName: "Li"}
	h.handled(h.srv.Reply(staffChat, staff, fwd.ID, "Yes, from ¥450. Come any weekday."))
	// An English speaker gets the reply under the shop's English name.
	h.wait(chat, "Taiyuan Auto Installation Center: Yes, from ¥450. Come any weekday.")

	// Someone in the staff chat who is not staff is not relayed; nor is
	// a reply to another message, nor plain staff talk — and none of it
	// is a customer conversation.
	stranger := tgbotapi.User{ID: 999, FirstName: "Guest"}
	h.handled(h.srv.Reply(staffChat, stranger, fwd.ID, "not from staff"))
	h.handled(h.srv.Reply(staffChat, staff, fwd.ID-1, "to another message"))
	h.handled(h.srv.SendText(staffChat, staff, "lunch at 12?"))
	h.handled(h.srv.SendText(staffChat, staff, "/start"))
	for _, s := range h.sentTo(chat) {
		for _, bad := range []string{"not from staff", "to another message", "lunch"} {
			if strings.Contains(s, bad) {
				t.Errorf("relayed %q to the customer", s)
			}
		}
	}
	if n := len(h.sentTo(staffChat)); n != 1 {
		t.Errorf("the bot wrote %d messages to the staff chat, want 1", n)
	}
	if raw, _ := h.store.Conversation(staffChat); raw != nil {
		t.Errorf("the staff chat has a conversation: %s", raw)
	}
}

// TestRelayLinkedCustomer (REC-3): the staff see the archive's name and a
// masked phone; the reply comes in the customer's language.
func TestRelayLinkedCustomer(t *testing.T) {
	h := newHarness(t)
	h.start()
	chat := int64(8002)
	u := telegramtest.Customer(chat, "en")
	h.text(chat, u, "/book")
	h.press(chat, u, serviceLabel(mustService(t, h, "inspect"), "en"))
	h.pressPrefix(chat, u, "c:")
	h.pressPrefix(chat, u, "c:")
	h.text(chat, u, "京A12345")
	h.text(chat, u, "13812345678")
	h.text(chat, u, "Li Lei")
	h.press(chat, u, "✅ Confirm")
	h.text(chat, u, "Where do I park?")
	fwd := h.wait(staffChat, "Where do I park?", "Li Lei", "138****5678")
	if strings.Contains(fwd.Text, "13812345678") {
		t.Errorf("the staff notice shows the phone unmasked")
	}
	h.handled(h.srv.Reply(staffChat, tgbotapi.User{ID: staffUser}, fwd.ID, "In the yard."))
	h.wait(chat, "Taiyuan Auto Installation Center: In the yard.")
}

// TestNoStaffChat (REC-3): with no staff chat configured the customer is
// given the shop's phone rather than a promise nobody keeps.
func TestNoStaffChat(t *testing.T) {
	h := newHarness(t)
	st := h.settings()
	st.StaffChats = nil
	if err := h.store.SaveSettings(st); err != nil {
		t.Fatal(err)
	}
	h.start()
	chat := int64(8003)
	h.text(chat, telegramtest.Customer(chat, "zh"), "你好")
	h.wait(chat, "请致电 010-8888-6666")
}

// TestGroupChatIgnored: a group that is not a staff chat gets nothing.
func TestGroupChatIgnored(t *testing.T) {
	h := newHarness(t)
	h.start()
	up := h.srv.SendText(-5555, telegramtest.Customer(1, "zh"), "/start")
	h.handled(up)
	time.Sleep(50 * time.Millisecond)
	if n := len(h.sentTo(-5555)); n != 0 {
		t.Errorf("the bot wrote %d messages in a foreign group", n)
	}
}
