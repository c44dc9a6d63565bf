package bot

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	fo "frontoffice"
	"frontoffice/internal/telegramtest"
)

// TestRestartMidConversation stops the bot and closes the store halfway
// through a booking; after the restart the conversation goes on where it
// stood.
func TestRestartMidConversation(t *testing.T) {
	h := newHarness(t)
	h.start()
	chat := int64(5101)
	u := telegramtest.Customer(chat, "zh")
	h.text(chat, u, "/book")
	h.press(chat, u, serviceLabel(mustService(t, h, "inspect"), fo.ZH))
	h.pressPrefix(chat, u, "c:") // a day
	h.pressPrefix(chat, u, "c:") // a slot
	h.wait(chat, "请输入车牌号")

	h.restart()

	h.text(chat, u, "粤B·D12345")
	h.waitMsg(chat, "contact keyboard after the restart", func(m telegramtest.Message) bool { return m.AskContact })
	h.text(chat, u, "13912345678")
	h.text(chat, u, "李雷")
	h.wait(chat, "请确认您的预约", "粤B·D12345", "李雷")

	h.restart()

	h.press(chat, u, "✅ 确认预约")
	h.wait(chat, "预约号", "粤B·D12345")
	c, err := h.store.CustomerByChat(chat)
	if err != nil {
		t.Fatal(err)
	}
	apts, err := h.store.CustomerAppointments(c.ID, monday0900)
	if err != nil || len(apts) != 1 {
		t.Fatalf("appointments = %v, %v", apts, err)
	}
}

// TestRestartBetweenHandlingAndSending handles updates with the sender
// stopped (replies wait in the outbox, none sent), restarts, and checks
// that each reply is sent exactly once.
func TestRestartBetweenHandlingAndSending(t *testing.T) {
	h := newHarness(t)
	h.run(func(b *Bot, ctx context.Context) error { return b.runPoller(ctx) })
	chat := int64(5102)
	u := telegramtest.Customer(chat, "zh")
	u1 := h.srv.SendText(chat, u, "/start")
	u2 := h.srv.SendText(chat, u, "/help")
	u3 := h.srv.SendText(chat, u, "你们周日开门吗？") // REC-3: also one to the staff chat
	for _, up := range []int{u1.UpdateID, u2.UpdateID, u3.UpdateID} {
		if !h.srv.WaitConfirmed(up, waitLong) {
			t.Fatalf("update %d not handled", up)
		}
	}
	pending, _, err := h.store.Pending(h.clock.Now(), 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(pending) != 4 {
		t.Fatalf("outbox holds %d messages, want 4", len(pending))
	}
	if n := len(h.srv.Calls("sendMessage")); n != 0 {
		t.Fatalf("%d messages sent with the sender stopped", n)
	}

	h.restart()
	h.drained()
	// One more exchange: by its answer everything before it went out.
	h.text(chat, u, "/help")
	for part, want := range map[string]int{"欢迎您": 1, "您可以使用": 2, "请同事来回答": 1} {
		if n := h.count(chat, part); n != want {
			t.Errorf("%q sent %d times, want %d", part, n, want)
		}
	}
	if n := h.count(staffChat, "你们周日开门吗"); n != 1 {
		t.Errorf("REC-3 hand-over sent %d times to the staff", n)
	}
}

// TestRedeliveredUpdateChangesNothing sends already handled updates
// again (a confirmed booking and a typed plate): nothing changes, nothing
// is sent, the button is not even answered again.
func TestRedeliveredUpdateChangesNothing(t *testing.T) {
	h := newHarness(t)
	h.start()
	chat := int64(5103)
	u := telegramtest.Customer(chat, "en")
	h.text(chat, u, "/book")
	h.press(chat, u, serviceLabel(mustService(t, h, "maint"), fo.EN))
	h.pressPrefix(chat, u, "c:")
	h.pressPrefix(chat, u, "c:")
	plate := h.text(chat, u, "京A12345")
	h.text(chat, u, "13812345678")
	h.text(chat, u, "Li Lei")
	confirm := h.press(chat, u, "✅ Confirm")
	h.wait(chat, "Booking code")

	before := len(h.srv.Calls("sendMessage", "editMessageText"))
	reg, _ := h.store.Register(monday0900.AddDate(0, 0, -1), monday0900.AddDate(0, 0, 30))
	polls := len(h.srv.Calls("getUpdates"))
	h.srv.Redeliver(confirm)
	h.srv.Redeliver(plate)
	// The redelivered updates go out with the next getUpdates; the one
	// after it shows the bot is done with them.
	if !h.srv.WaitFor(func() bool { return len(h.srv.Calls("getUpdates")) >= polls+2 }, waitLong) {
		t.Fatal("the bot did not poll again")
	}
	h.drained()
	if after := len(h.srv.Calls("sendMessage", "editMessageText")); after != before {
		t.Errorf("redelivery sent %d messages", after-before)
	}
	reg2, _ := h.store.Register(monday0900.AddDate(0, 0, -1), monday0900.AddDate(0, 0, 30))
	if len(reg2) != len(reg) {
		t.Errorf("redelivery wrote the register: %d → %d entries", len(reg), len(reg2))
	}
	n := 0
	for _, c := range h.srv.Calls("answerCallbackQuery") {
		if c.Params["callback_query_id"] == confirm.CallbackQuery.ID {
			n++
		}
	}
	if n != 1 {
		t.Errorf("the confirm press was answered %d times", n)
	}
}

// flakyStore fails FinishUpdate once on demand: a crash after the booking
// committed and before the update was finished.
type flakyStore struct {
	Store
	failFinish atomic.Bool
}

func (s *flakyStore) FinishUpdate(updateID int, chatID int64, conv []byte, replies []fo.Message) (bool, error) {
	if s.failFinish.CompareAndSwap(true, false) {
		return false, errors.New("disk gone (test)")
	}
	return s.Store.FinishUpdate(updateID, chatID, conv, replies)
}

func (s *flakyStore) FinishStaffUpdate(updateID int, chatID, userID int64, conv []byte, replies []fo.Message) (bool, error) {
	if s.failFinish.CompareAndSwap(true, false) {
		return false, errors.New("disk gone (test)")
	}
	return s.Store.FinishStaffUpdate(updateID, chatID, userID, conv, replies)
}

// TestBookThenFailBeforeFinish: Book commits (with its confirmation and
// staff notice, APT-4) but finishing the update fails; the update is
// handled again, the store answers the repeated booking with the first
// result, and the customer and staff each get one message.
func TestBookThenFailBeforeFinish(t *testing.T) {
	h := newHarness(t)
	fs := &flakyStore{}
	h.wrap = func(s Store) Store { fs.Store = s; return fs }
	h.start()
	chat := int64(5104)
	u := telegramtest.Customer(chat, "zh")
	h.text(chat, u, "/book")
	h.press(chat, u, serviceLabel(mustService(t, h, "dashcam"), fo.ZH))
	h.pressPrefix(chat, u, "c:")
	h.pressPrefix(chat, u, "c:")
	h.text(chat, u, "京B23456")
	h.text(chat, u, "13712345678")
	h.text(chat, u, "韩梅梅")
	fs.failFinish.Store(true)
	start := time.Now()
	h.press(chat, u, "✅ 确认预约")
	if time.Since(start) < errMin {
		t.Errorf("the update was retried without back-off")
	}
	h.wait(chat, "预约号")
	if n := h.count(chat, "已为您确认预约"); n != 1 {
		t.Errorf("confirmation sent %d times", n)
	}
	if n := h.count(staffChat, "新预约"); n != 1 {
		t.Errorf("APT-4: staff notice sent %d times", n)
	}
	c, _ := h.store.CustomerByChat(chat)
	apts, _ := h.store.CustomerAppointments(c.ID, monday0900)
	if len(apts) != 1 {
		t.Errorf("%d appointments, want 1", len(apts))
	}
	if !strings.Contains(h.logs.String(), "disk gone") {
		t.Errorf("the failure was not logged")
	}
}

func mustService(t *testing.T, h *harness, id string) fo.Service {
	t.Helper()
	st := h.settings()
	sv, ok := st.Service(id)
	if !ok {
		t.Fatalf("no service %s", id)
	}
	return sv
}
