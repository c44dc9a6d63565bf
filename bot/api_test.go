package bot

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	fo "frontoffice"
	"frontoffice/internal/telegramtest"
)

// TestNewAPIKeepsTokenOut: NewAPI's errors never show the token, whatever
// fails.
func TestNewAPIKeepsTokenOut(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.Options{})
	api, err := NewAPI(telegramtest.Token, srv.Endpoint(), nil)
	if err != nil || api.Self.ID != telegramtest.BotUserID {
		t.Fatalf("NewAPI = %v, %v", api, err)
	}
	if c, ok := api.Client.(*http.Client); !ok || (c.Timeout != 0 && c.Timeout <= 50*time.Second) {
		t.Errorf("the HTTP client's timeout cuts the long poll: %+v", api.Client)
	}
	short, err := NewAPI(telegramtest.Token, srv.Endpoint(), &http.Client{Timeout: 5 * time.Second})
	if err != nil || short.Client.(*http.Client).Timeout < pollDeadline {
		t.Errorf("a short client timeout was kept: %v", err)
	}
	wrong := "987654321:WRONG-token-abcdefghijkl"
	closed := telegramtest.New(t, telegramtest.Options{})
	closed.Close()
	for name, tc := range map[string]struct{ token, endpoint string }{
		"unauthorized": {wrong, srv.Endpoint()},
		"refused":      {wrong, closed.Endpoint()},
		"bad endpoint": {wrong, "http://example.invalid/bot/" + wrong},
		"no host":      {wrong, "http://no-such-host.invalid/bot%s/%s"},
	} {
		_, err := NewAPI(tc.token, tc.endpoint, &http.Client{Timeout: time.Second})
		if err == nil {
			t.Errorf("%s: no error", name)
			continue
		}
		if strings.Contains(err.Error(), tc.token) || strings.Contains(err.Error(), "WRONG-token") {
			t.Errorf("%s: the error shows the token: %v", name, err)
		}
	}
	if _, err := NewAPI("", srv.Endpoint(), nil); err == nil {
		t.Errorf("an empty token was accepted")
	}
	// The library's error stays reachable for errors.As.
	_, err = NewAPI(wrong, srv.Endpoint(), nil)
	var tg *tgbotapi.Error
	if !errors.As(err, &tg) || tg.Code != 401 {
		t.Errorf("errors.As(%v) = %v", err, tg)
	}
}

// TestNetworkErrorsLoggedWithoutToken: with the server gone, the poller
// and the sender log their errors and back off; the log never shows the
// token (the harness checks every test's log for it).
func TestNetworkErrorsLoggedWithoutToken(t *testing.T) {
	h := newHarness(t)
	enqueue(t, h, fo.Message{Key: "t:lost", ChatID: 9001, Text: "into the void"})
	h.srv.Close()
	h.start()
	time.Sleep(1500 * time.Millisecond)
	h.stop()
	logs := h.logs.String()
	if !strings.Contains(logs, "getUpdates failed") || !strings.Contains(logs, "send failed") {
		t.Errorf("errors not logged:\n%s", logs)
	}
	if !strings.Contains(logs, "<token>") {
		t.Errorf("expected the URL with the token redacted in the log:\n%s", logs)
	}
	if n := strings.Count(logs, "getUpdates failed"); n > 3 {
		t.Errorf("the poller retried %d times in 1.5 s: no back-off", n)
	}
}

// TestSetMyCommands: Chinese commands by default, English ones for
// language_code "en".
func TestSetMyCommands(t *testing.T) {
	h := newHarness(t)
	h.start()
	if !h.srv.WaitFor(func() bool { return len(h.srv.Commands("en")) > 0 }, waitLong) {
		t.Fatal("no setMyCommands")
	}
	zh, en := h.srv.Commands(""), h.srv.Commands("en")
	if len(zh) != 7 || len(en) != 7 { // with /stations (issue 14)
		t.Fatalf("commands: %v / %v", zh, en)
	}
	// CMP-1: customers can file a complaint with /complaint.
	if zh[3].Command != "complaint" || zh[3].Description != "投诉" || en[3].Description != "File a complaint" {
		t.Errorf("complaint command: %v / %v", zh[3], en[3])
	}
	// The staff commands show in the staff chat and in a staff member's
	// private chat, never in the default list.
	if !h.srv.WaitFor(func() bool { return len(h.srv.ChatCommands(staffUser, "en")) > 0 }, waitLong) {
		t.Fatal("no setMyCommands for the staff")
	}
	names := func(cs []tgbotapi.BotCommand) string {
		var out []string
		for _, c := range cs {
			out = append(out, c.Command)
		}
		return strings.Join(out, " ")
	}
	if got := names(h.srv.ChatCommands(staffChat, "")); got != "calls complaints cancel" {
		t.Errorf("staff chat commands: %s", got)
	}
	if got := names(h.srv.ChatCommands(staffUser, "en")); got != "start book my complaint stations help cancel calls complaints" {
		t.Errorf("staff member's private chat commands: %s", got)
	}
	if strings.Contains(names(zh), "calls") {
		t.Errorf("customers see the staff commands: %s", names(zh))
	}
	for i, c := range zh {
		if c.Command != en[i].Command || c.Description == en[i].Description {
			t.Errorf("command %d: %v / %v", i, c, en[i])
		}
	}
	if zh[1].Command != "book" || zh[1].Description != "预约服务" || en[1].Description != "Book a service" {
		t.Errorf("book command: %v / %v", zh[1], en[1])
	}
}

// TestLanguageCodes: language_code is matched by prefix (en-GB is
// English, zh-hant-tw Chinese); anything else is Chinese (REC-1 greeting
// either way).
func TestLanguageCodes(t *testing.T) {
	h := newHarness(t)
	h.start()
	for i, tc := range []struct{ code, want string }{
		{"en", "Hello, welcome to Taiyuan"},
		{"en-GB", "Hello, welcome to Taiyuan"},
		{"zh-hant-tw", "您好，泰远汽车安装服务中心"},
		{"", "您好，泰远汽车安装服务中心"},
		{"fr", "您好，泰远汽车安装服务中心"},
	} {
		chat := int64(9100 + i)
		h.text(chat, telegramtest.Customer(chat, tc.code), "/start")
		h.wait(chat, tc.want)
	}
}

// TestPollerHonoursRetryAfter: a 429 on getUpdates waits retry_after.
func TestPollerHonoursRetryAfter(t *testing.T) {
	h := newHarness(t)
	h.srv.RateLimit("getUpdates", 1, 2)
	h.start()
	if !h.srv.WaitFor(func() bool { return len(h.srv.Calls("getUpdates")) >= 2 }, waitLong) {
		t.Fatal("no second getUpdates")
	}
	calls := h.srv.Calls("getUpdates")
	if calls[0].Code != 429 {
		t.Fatalf("first call answered %d", calls[0].Code)
	}
	if gap := calls[1].At.Sub(calls[0].At); gap < 2*time.Second {
		t.Errorf("polled again after %v, Telegram asked for 2 s", gap)
	}
}

// TestPollerBacksOffOnEmptyAnswers: a server that answers getUpdates at
// once with nothing is polled with a growing pause, not in a loop.
func TestPollerBacksOffOnEmptyAnswers(t *testing.T) {
	h := newHarness(t)
	h.srv = telegramtest.New(t, telegramtest.Options{AnswerAtOnce: true})
	api, err := NewAPI(telegramtest.Token, h.srv.Endpoint(), nil)
	if err != nil {
		t.Fatal(err)
	}
	h.api = api
	h.start()
	time.Sleep(2 * time.Second)
	n := len(h.srv.Calls("getUpdates"))
	// 0.25 + 0.5 + 1 s of pauses fit in 2 s: about four polls.
	if n > 8 {
		t.Errorf("%d polls in 2 s", n)
	}
	// An update still comes through.
	chat := int64(9200)
	up := h.srv.SendText(chat, telegramtest.Customer(chat, "zh"), "/help")
	if !h.srv.WaitConfirmed(up.UpdateID, 10*time.Second) {
		t.Fatal("update not handled")
	}
}

// TestDeadlineTransport: each request gets the deadline of its method; a
// long poll is not cut at the short deadline of a send.
func TestDeadlineTransport(t *testing.T) {
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(150 * time.Millisecond)
		w.Write([]byte(`{"ok":true,"result":[]}`))
	}))
	defer slow.Close()
	c := &http.Client{Transport: deadlineTransport{poll: time.Second, upload: time.Second, other: 50 * time.Millisecond}}
	if _, err := c.Post(slow.URL+"/bot1:x/sendMessage", "application/x-www-form-urlencoded", nil); err == nil {
		t.Errorf("a slow sendMessage was not cut at its deadline")
	}
	resp, err := c.Post(slow.URL+"/bot1:x/getUpdates", "application/x-www-form-urlencoded", nil)
	if err != nil {
		t.Fatalf("the long poll was cut: %v", err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || !strings.Contains(string(body), `"ok":true`) {
		t.Errorf("body = %q, %v", body, err)
	}
}
