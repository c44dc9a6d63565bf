package telegramtest

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

func newAPI(t *testing.T, s *Server) *tgbotapi.BotAPI {
	t.Helper()
	api, err := tgbotapi.NewBotAPIWithAPIEndpoint(Token, s.Endpoint())
	if err != nil {
		t.Fatal(err)
	}
	return api
}

func getUpdates(t *testing.T, api *tgbotapi.BotAPI, offset, timeout int) []tgbotapi.Update {
	t.Helper()
	resp, err := api.Request(tgbotapi.UpdateConfig{Offset: offset, Timeout: timeout})
	if err != nil {
		t.Fatal(err)
	}
	var ups []tgbotapi.Update
	if err := json.Unmarshal(resp.Result, &ups); err != nil {
		t.Fatal(err)
	}
	return ups
}

// TestUpdatesUntilConfirmed: updates come again until a higher offset
// confirms them, as Telegram's do.
func TestUpdatesUntilConfirmed(t *testing.T) {
	s := New(t, Options{})
	api := newAPI(t, s)
	u1 := s.SendText(1, Customer(1, "zh"), "/start")
	u2 := s.Press(1, Customer(1, "zh"), 5, "m:book")
	if ups := getUpdates(t, api, 0, 0); len(ups) != 2 || ups[0].Message.Text != "/start" || ups[1].CallbackQuery.Data != "m:book" {
		t.Fatalf("updates = %+v", ups)
	}
	if !u1.Message.IsCommand() || u1.Message.Command() != "start" {
		t.Errorf("/start has no bot_command entity")
	}
	if ups := getUpdates(t, api, 0, 0); len(ups) != 2 {
		t.Fatalf("unconfirmed updates not delivered again: %d", len(ups))
	}
	if ups := getUpdates(t, api, u1.UpdateID+1, 0); len(ups) != 1 || ups[0].UpdateID != u2.UpdateID {
		t.Fatalf("after confirming u1: %+v", ups)
	}
	if !s.Confirmed(u1.UpdateID) || s.Confirmed(u2.UpdateID) {
		t.Errorf("Confirmed wrong")
	}
	s.Redeliver(u1)
	if ups := getUpdates(t, api, u2.UpdateID+1, 0); len(ups) != 1 || ups[0].UpdateID != u1.UpdateID {
		t.Fatalf("redelivery: %+v", ups)
	}
}

func ups0IsCommand(u tgbotapi.Update) bool {
	return u.Message.IsCommand() && u.Message.Command() == "start"
}

// TestLongPoll: an empty getUpdates waits for an update or its timeout;
// AnswerAtOnce answers at once.
func TestLongPoll(t *testing.T) {
	s := New(t, Options{})
	api := newAPI(t, s)
	go func() {
		time.Sleep(100 * time.Millisecond)
		s.SendText(2, Customer(2, "en"), "hi")
	}()
	start := time.Now()
	if ups := getUpdates(t, api, 0, 5); len(ups) != 1 {
		t.Fatalf("updates = %+v", ups)
	}
	if d := time.Since(start); d < 50*time.Millisecond || d > 3*time.Second {
		t.Errorf("long poll returned after %v", d)
	}
	quick := New(t, Options{AnswerAtOnce: true})
	start = time.Now()
	if ups := getUpdates(t, newAPI(t, quick), 0, 50); len(ups) != 0 || time.Since(start) > time.Second {
		t.Errorf("AnswerAtOnce: %v after %v", ups, time.Since(start))
	}
}

// TestMessagesAndEdits: sends get ids per chat, edits change the message,
// an edit that changes nothing is refused as Telegram refuses it, and
// markup is kept.
func TestMessagesAndEdits(t *testing.T) {
	s := New(t, Options{})
	api := newAPI(t, s)
	s.SendText(3, Customer(3, "zh"), "hello") // takes id 1 in chat 3
	msg := tgbotapi.NewMessage(3, "pick one")
	msg.ReplyMarkup = tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData("A", "a")))
	sent, err := api.Send(msg)
	if err != nil || sent.MessageID != 2 {
		t.Fatalf("send = %+v, %v", sent, err)
	}
	other, _ := api.Send(tgbotapi.NewMessage(4, "elsewhere"))
	if other.MessageID != 1 {
		t.Errorf("ids are not per chat: %d", other.MessageID)
	}
	if _, err := api.Request(tgbotapi.NewEditMessageText(3, 2, "picked")); err != nil {
		t.Fatal(err)
	}
	m, _ := s.Message(3, 2)
	if m.Text != "picked" || len(m.Buttons) != 0 || m.Edits != 1 {
		t.Errorf("after the edit: %+v", m)
	}
	_, err = api.Request(tgbotapi.NewEditMessageText(3, 2, "picked"))
	if err == nil || !strings.Contains(err.Error(), "message is not modified") {
		t.Errorf("same edit: %v", err)
	}
	if _, err := api.Request(tgbotapi.NewEditMessageText(3, 99, "x")); err == nil {
		t.Errorf("edit of a missing message succeeded")
	}
	long := tgbotapi.NewMessage(3, "x")
	long.ReplyMarkup = tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
		tgbotapi.NewInlineKeyboardButtonData("B", strings.Repeat("d", 65))))
	if _, err := api.Request(long); err == nil {
		t.Errorf("callback data over 64 bytes accepted")
	}
	doc := tgbotapi.NewDocument(3, tgbotapi.FileBytes{Name: "a.pdf", Bytes: []byte("%PDF")})
	doc.Caption = "your card"
	if _, err := api.Request(doc); err != nil {
		t.Fatal(err)
	}
	last, _ := s.Last(3)
	if last.Document == nil || string(last.Document.Data) != "%PDF" || last.Text != "your card" {
		t.Errorf("document = %+v", last)
	}
	calls := s.Calls("sendMessage")
	if len(calls) != 3 || calls[0].ChatID() != 3 || calls[0].MessageID != 2 {
		t.Errorf("calls = %+v", calls)
	}
}

// TestFailures: queued failures answer the next calls of a method, 429
// with retry_after; a blocked chat answers 403; a wrong token 401.
func TestFailures(t *testing.T) {
	s := New(t, Options{})
	api := newAPI(t, s)
	s.RateLimit("sendMessage", 1, 7)
	_, err := api.Request(tgbotapi.NewMessage(5, "x"))
	var tg *tgbotapi.Error
	if !errors.As(err, &tg) || tg.Code != 429 || tg.RetryAfter != 7 {
		t.Fatalf("429: %v", err)
	}
	if _, err := api.Request(tgbotapi.NewMessage(5, "x")); err != nil {
		t.Fatalf("after the 429: %v", err)
	}
	s.Block(6)
	if _, err := api.Request(tgbotapi.NewMessage(6, "x")); !errors.As(err, &tg) || tg.Code != 403 {
		t.Errorf("blocked: %v", err)
	}
	if _, err := tgbotapi.NewBotAPIWithAPIEndpoint("1:wrong", s.Endpoint()); err == nil {
		t.Errorf("wrong token accepted")
	}
	if _, err := api.Request(tgbotapi.NewCallback("cq1", "ok")); err != nil {
		t.Errorf("answerCallbackQuery: %v", err)
	}
	cmds := tgbotapi.NewSetMyCommandsWithScopeAndLanguage(tgbotapi.NewBotCommandScopeDefault(), "en",
		tgbotapi.BotCommand{Command: "start", Description: "Start"})
	if _, err := api.Request(cmds); err != nil {
		t.Errorf("setMyCommands: %v", err)
	}
	if c := s.Commands("en"); len(c) != 1 || c[0].Command != "start" {
		t.Errorf("commands = %v", c)
	}
}

// TestFailOnDemand: a rule fails only the matching calls, every time,
// until cleared; Down fails every method until Up.
func TestFailOnDemand(t *testing.T) {
	s := New(t, Options{})
	api := newAPI(t, s)
	s.FailText("poison", Failure{Code: 500, Description: "Internal Server Error"})
	var tg *tgbotapi.Error
	for range 3 {
		if _, err := api.Request(tgbotapi.NewMessage(5, "a poison pill")); !errors.As(err, &tg) || tg.Code != 500 {
			t.Fatalf("rule: %v", err)
		}
	}
	if _, err := api.Request(tgbotapi.NewMessage(5, "fine")); err != nil {
		t.Errorf("a call the rule does not match: %v", err)
	}
	s.ClearRules()
	if _, err := api.Request(tgbotapi.NewMessage(5, "a poison pill")); err != nil {
		t.Errorf("after ClearRules: %v", err)
	}
	s.Down(Failure{})
	if _, err := api.Request(tgbotapi.GetMyCommandsConfig{}); !errors.As(err, &tg) || tg.Code != 502 {
		t.Errorf("getMyCommands while down: %v", err)
	}
	if _, err := api.Request(tgbotapi.NewMessage(5, "x")); err == nil {
		t.Errorf("sendMessage while down")
	}
	s.Up()
	if _, err := api.Request(tgbotapi.GetMyCommandsConfig{}); err != nil {
		t.Errorf("getMyCommands when up: %v", err)
	}
	if n := len(s.Messages(5)); n != 2 {
		t.Errorf("chat has %d messages, want the 2 that were taken", n)
	}
}

// TestWaitFor wakes on changes.
func TestWaitFor(t *testing.T) {
	s := New(t, Options{})
	api := newAPI(t, s)
	go func() {
		time.Sleep(50 * time.Millisecond)
		api.Request(tgbotapi.NewMessage(7, "ping"))
	}()
	if _, ok := s.WaitText(7, 2*time.Second, "ping"); !ok {
		t.Fatal("WaitText timed out")
	}
	if s.WaitFor(func() bool { return false }, 20*time.Millisecond) {
		t.Error("WaitFor reported a false condition")
	}
	if _, err := s.PressButton(7, Customer(7, "zh"), "nothing"); err == nil {
		t.Error("PressButton found a missing button")
	}
}

// TestPhotoAndStartPayload: a photo arrives in three sizes, largest last,
// with its caption; "/start <payload>" carries the payload as the
// command's argument, as a deep link does.
func TestPhotoAndStartPayload(t *testing.T) {
	s := New(t, Options{})
	api := newAPI(t, s)
	s.SendPhoto(1, Customer(1, "zh"), "ph1", "裂了")
	s.SendText(1, Customer(1, "zh"), "/start AbC_12-x")
	ups := getUpdates(t, api, 0, 0)
	if len(ups) != 2 {
		t.Fatalf("updates = %+v", ups)
	}
	p := ups[0].Message
	if len(p.Photo) != 3 || p.Photo[2].FileID != "ph1-l" || p.Photo[2].Width <= p.Photo[0].Width || p.Caption != "裂了" {
		t.Errorf("photo = %+v caption %q", p.Photo, p.Caption)
	}
	if m := ups[1].Message; m.Command() != "start" || m.CommandArguments() != "AbC_12-x" {
		t.Errorf("start payload = %q %q", m.Command(), m.CommandArguments())
	}
}

// TestCommandScopes: Commands reads the default scope, ChatCommands one
// chat's.
func TestCommandScopes(t *testing.T) {
	s := New(t, Options{})
	api := newAPI(t, s)
	def := tgbotapi.NewSetMyCommandsWithScopeAndLanguage(tgbotapi.NewBotCommandScopeDefault(), "en", tgbotapi.BotCommand{Command: "book", Description: "Book"})
	chat := tgbotapi.NewSetMyCommandsWithScopeAndLanguage(tgbotapi.NewBotCommandScopeChat(-5), "en", tgbotapi.BotCommand{Command: "calls", Description: "Calls"})
	for _, c := range []tgbotapi.Chattable{def, chat} {
		if _, err := api.Request(c); err != nil {
			t.Fatal(err)
		}
	}
	if got := s.Commands("en"); len(got) != 1 || got[0].Command != "book" {
		t.Errorf("default scope: %v", got)
	}
	if got := s.ChatCommands(-5, "en"); len(got) != 1 || got[0].Command != "calls" {
		t.Errorf("chat scope: %v", got)
	}
	if got := s.ChatCommands(-6, "en"); got != nil {
		t.Errorf("another chat: %v", got)
	}
}
