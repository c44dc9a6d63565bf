package bot

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	fo "frontoffice"
	"frontoffice/data"
	"frontoffice/internal/fakeclock"
	"frontoffice/internal/telegramtest"
	"frontoffice/internal/testlog"
)

// Test fixtures: the shop's staff chat and one staff member in it.
const (
	staffChat = int64(-1001234)
	staffUser = int64(7001)
	waitLong  = 5 * time.Second
)

// monday0900 is Monday 30 Nov 2026, 09:00 in Shanghai: the shop is open
// today and tomorrow.
var monday0900 = time.Date(2026, 11, 30, 1, 0, 0, 0, time.UTC)

// harness runs a bot against the fake server and a real store in a temp
// dir, and can stop it, reopen the store and start again.
type harness struct {
	t     *testing.T
	srv   *telegramtest.Server
	clock *fakeclock.Clock
	path  string
	store *data.Store
	api   *tgbotapi.BotAPI
	logs  *testlog.Buffer

	// wrap, when set, wraps the store the next bot uses.
	wrap   func(Store) Store
	limits Limits
	docs   Documents
	onSend func(string)
	nudges int

	cancel context.CancelFunc
	done   chan error
}

type harnessOpt func(*harness)

// realLimits keeps Telegram's limits instead of the short test ones.
func realLimits(h *harness) { h.limits = Limits{} }

func newHarness(t *testing.T, opts ...harnessOpt) *harness {
	t.Helper()
	h := &harness{
		t:      t,
		srv:    telegramtest.New(t, telegramtest.Options{}),
		clock:  fakeclock.New(monday0900),
		path:   filepath.Join(t.TempDir(), "f.db"),
		logs:   &testlog.Buffer{},
		limits: Limits{PerChat: 20 * time.Millisecond, PerGroup: 20 * time.Millisecond, Global: time.Millisecond},
	}
	for _, o := range opts {
		o(h)
	}
	h.open()
	st, err := h.store.Settings()
	if err != nil {
		t.Fatal(err)
	}
	st.StaffChats = []int64{staffChat}
	st.Staff[0].TelegramUserID = staffUser
	if err := h.store.SaveSettings(st); err != nil {
		t.Fatal(err)
	}
	api, err := NewAPI(telegramtest.Token, h.srv.Endpoint(), nil)
	if err != nil {
		t.Fatal(err)
	}
	h.api = api
	t.Cleanup(func() {
		h.stop()
		if h.store != nil {
			h.store.Close()
		}
		if strings.Contains(h.logs.String(), telegramtest.Token) {
			t.Errorf("the log shows the token:\n%s", h.logs.String())
		}
	})
	return h
}

func (h *harness) open() {
	h.t.Helper()
	s, err := data.Open(h.path, data.Options{Clock: h.clock, NoSync: true})
	if err != nil {
		h.t.Fatal(err)
	}
	h.store = s
}

func (h *harness) newBot() *Bot {
	var st Store = h.store
	if h.wrap != nil {
		st = h.wrap(st)
	}
	return New(Config{
		API: h.api, Store: st, Clock: h.clock, Documents: h.docs, Limits: h.limits,
		Logger:      slog.New(slog.NewTextHandler(h.logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		PollTimeout: 2 * time.Second, OnSend: h.onSend,
	})
}

// start runs a new bot on the current store.
func (h *harness) start() {
	h.run(func(b *Bot, ctx context.Context) error { return b.Run(ctx) })
}

// run runs fn with a new bot until stop.
func (h *harness) run(fn func(*Bot, context.Context) error) {
	h.t.Helper()
	if h.cancel != nil {
		h.t.Fatal("harness: bot already running")
	}
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel, h.done = cancel, make(chan error, 1)
	b := h.newBot()
	go func() { h.done <- fn(b, ctx) }()
}

// stop stops the bot and waits until Run returned.
func (h *harness) stop() {
	if h.cancel == nil {
		return
	}
	h.cancel()
	select {
	case <-h.done:
	case <-time.After(10 * time.Second):
		h.t.Error("bot did not stop within 10 s")
	}
	h.cancel = nil
}

// restart stops the bot, closes and reopens the store, and starts a new
// bot: what a process restart leaves.
func (h *harness) restart() {
	h.t.Helper()
	h.stop()
	if err := h.store.Close(); err != nil {
		h.t.Fatal(err)
	}
	h.open()
	h.start()
}

// wait waits for a bot message in chat containing every part, failing the
// test with the chat's messages when none comes.
func (h *harness) wait(chat int64, parts ...string) telegramtest.Message {
	h.t.Helper()
	m, ok := h.srv.WaitText(chat, waitLong, parts...)
	if !ok {
		h.t.Fatalf("no message in chat %d with %q; the chat has:\n%s", chat, parts, h.dump(chat))
	}
	return m
}

// waitMsg waits for a bot message in chat that satisfies match.
func (h *harness) waitMsg(chat int64, what string, match func(telegramtest.Message) bool) telegramtest.Message {
	h.t.Helper()
	m, ok := h.srv.WaitMessage(chat, match, waitLong)
	if !ok {
		h.t.Fatalf("no message in chat %d: %s; the chat has:\n%s", chat, what, h.dump(chat))
	}
	return m
}

func (h *harness) dump(chat int64) string {
	var b strings.Builder
	for _, m := range h.srv.Messages(chat) {
		b.WriteString("--- #")
		b.WriteString(strconv.Itoa(m.ID))
		b.WriteString("\n")
		b.WriteString(m.Text)
		for _, row := range m.Buttons {
			b.WriteString("\n  [")
			for _, bt := range row {
				b.WriteString(" " + bt.Text + "=" + bt.Data)
			}
			b.WriteString(" ]")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// press presses the button labelled label (text or data) on the newest
// message that has it, and waits until the bot handled the press.
func (h *harness) press(chat int64, u tgbotapi.User, label string) tgbotapi.Update {
	h.t.Helper()
	up, err := h.srv.PressButton(chat, u, label)
	if err != nil {
		h.t.Fatalf("%v; the chat has:\n%s", err, h.dump(chat))
	}
	h.handled(up)
	return up
}

// pressPrefix presses the first button whose data starts with prefix on
// the newest message that has one.
func (h *harness) pressPrefix(chat int64, u tgbotapi.User, prefix string) tgbotapi.Update {
	h.t.Helper()
	msgs := h.srv.Messages(chat)
	for i := len(msgs) - 1; i >= 0; i-- {
		if b, ok := msgs[i].ButtonWithPrefix(prefix); ok {
			up := h.srv.Press(chat, u, msgs[i].ID, b.Data)
			h.handled(up)
			return up
		}
	}
	h.t.Fatalf("no button with data %q in chat %d:\n%s", prefix, chat, h.dump(chat))
	return tgbotapi.Update{}
}

// text sends text from u in chat and waits until the bot handled it.
func (h *harness) text(chat int64, u tgbotapi.User, text string) tgbotapi.Update {
	h.t.Helper()
	up := h.srv.SendText(chat, u, text)
	h.handled(up)
	return up
}

// handled waits until the bot confirmed the update and the outbox is empty.
func (h *harness) handled(u tgbotapi.Update) {
	h.t.Helper()
	if !h.srv.WaitConfirmed(u.UpdateID, waitLong) {
		h.t.Fatalf("update %d not handled; log:\n%s", u.UpdateID, h.logs.String())
	}
	h.drained()
}

// drained waits until the outbox holds nothing sendable.
func (h *harness) drained() {
	h.t.Helper()
	deadline := time.Now().Add(waitLong)
	for time.Now().Before(deadline) {
		p, _, err := h.store.Pending(h.clock.Now(), 1)
		if err != nil {
			h.t.Fatal(err)
		}
		if len(p) == 0 {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	h.t.Fatalf("outbox not drained; log:\n%s", h.logs.String())
}

// sentTo returns the texts of successful sendMessage calls to chat.
func (h *harness) sentTo(chat int64) []string {
	var out []string
	for _, c := range h.srv.Calls("sendMessage", "sendDocument") {
		if c.Code == 200 && c.ChatID() == chat {
			out = append(out, c.Params["text"]+c.Params["caption"])
		}
	}
	return out
}

// count counts the successful sends to chat whose text contains part.
func (h *harness) count(chat int64, part string) int {
	n := 0
	for _, s := range h.sentTo(chat) {
		if strings.Contains(s, part) {
			n++
		}
	}
	return n
}

// dumpChats logs the chats' messages when DUMP_CHATS is set, so that a
// person can read what the customer and the staff received:
// DUMP_CHATS=1 go test ./bot -run TestComplaintLoop -v.
func (h *harness) dumpChats(t *testing.T, chats ...int64) {
	if os.Getenv("DUMP_CHATS") == "" {
		return
	}
	for _, c := range chats {
		t.Logf("===== chat %d =====\n%s", c, h.dump(c))
	}
}

// settings returns the store's settings.
func (h *harness) settings() fo.Settings {
	h.t.Helper()
	st, err := h.store.Settings()
	if err != nil {
		h.t.Fatal(err)
	}
	return st
}
