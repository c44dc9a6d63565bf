package kiosk

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	fo "frontoffice"
	"frontoffice/data"
	"frontoffice/internal/fakeclock"
	"frontoffice/internal/web"
	"frontoffice/internal/webtest"
)

var shanghai = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		panic(err)
	}
	return loc
}()

// at is a time on a day of November 2026 in the shop's zone. The 27th is a
// Friday.
func at(day, hh, mm int) time.Time { return time.Date(2026, 11, day, hh, mm, 0, 0, shanghai) }

// staffChat is the staff chat of the test shop.
const staffChat = -100

// testBot is the bot username of the test shop; deep links point to it.
const testBot = "TaiyuanShopBot"

// harness is a kiosk served by httptest on a random port, on a real store in
// a temp dir with a fake clock standing at Friday 2026-11-27 10:30.
type harness struct {
	tb    testing.TB
	store *data.Store
	clock *fakeclock.Clock
	srv   *Server
	ts    *httptest.Server
	// bot is what Config.BotUsername returns.
	mu  sync.Mutex
	bot string
}

// newHarness starts a kiosk; cfg edits its Config before New.
func newHarness(tb testing.TB, cfg ...func(*Config)) *harness {
	tb.Helper()
	return newHarnessAt(tb, filepath.Join(tb.TempDir(), "f.db"), false, cfg...)
}

func newHarnessAt(tb testing.TB, path string, noSync bool, cfg ...func(*Config)) *harness {
	tb.Helper()
	clock := fakeclock.New(at(27, 10, 30))
	store, err := data.Open(path, data.Options{Clock: clock, NoSync: noSync})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { store.Close() })
	st, _ := store.Settings()
	st.StaffChats = []int64{staffChat}
	if err := store.SaveSettings(st); err != nil {
		tb.Fatal(err)
	}
	h := &harness{tb: tb, store: store, clock: clock, bot: testBot}
	h.start(cfg...)
	return h
}

// start builds the Server and serves it on a random port (or on the
// address of the previous server, after restart).
func (h *harness) start(cfg ...func(*Config)) {
	h.tb.Helper()
	c := Config{Store: h.store, Clock: h.clock, BotUsername: func() string {
		h.mu.Lock()
		defer h.mu.Unlock()
		return h.bot
	}}
	for _, f := range cfg {
		f(&c)
	}
	srv, err := New(c)
	if err != nil {
		h.tb.Fatal(err)
	}
	mux := http.NewServeMux()
	srv.Register(mux)
	web.MountShared(mux)
	ts := httptest.NewUnstartedServer(mux)
	if h.ts != nil {
		// Restart on the same address, as a restarted shop server would.
		addr := h.ts.Listener.Addr().String()
		var l net.Listener
		for i := 0; i < 50; i++ {
			if l, err = net.Listen("tcp", addr); err == nil {
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
		if err != nil {
			h.tb.Fatal(err)
		}
		ts.Listener.Close()
		ts.Listener = l
	}
	ts.Config.RegisterOnShutdown(srv.CloseBoardStreams)
	ts.Start()
	h.srv, h.ts = srv, ts
	h.tb.Cleanup(func() {
		srv.CloseBoardStreams()
		ts.Close()
	})
}

// restart stops the server (ending its event streams, as a shutdown does)
// and starts a new one on the same address and store.
func (h *harness) restart(cfg ...func(*Config)) {
	h.tb.Helper()
	h.srv.CloseBoardStreams()
	h.ts.Close()
	h.start(cfg...)
}

func (h *harness) setBot(name string) {
	h.mu.Lock()
	h.bot = name
	h.mu.Unlock()
}

// book books an appointment as the bot would, with the clock moved to two
// hours before start for the booking and back after.
func (h *harness) book(phone, plate, name string, start time.Time) fo.Appointment {
	h.tb.Helper()
	now := h.clock.Now()
	defer h.clock.Set(now)
	h.clock.Set(start.Add(-2 * time.Hour))
	a, err := h.store.Book(fo.BookRequest{ServiceID: "maint", Start: start, Plate: plate, Source: "bot", By: "customer:test",
		Customer: fo.CustomerInput{Name: name, Phone: phone, ChatID: 0, Lang: fo.ZH}})
	if err != nil {
		h.tb.Fatalf("book %s: %v", start, err)
	}
	return a
}

// client is a browser-like HTTP client: a cookie jar, redirects followed,
// and a record of every URL requested and every response body.
type client struct {
	h    *harness
	http *http.Client
	mu   sync.Mutex
	urls []string
	resp []recorded
}

type recorded struct {
	method, url string
	status      int
	header      http.Header
	body        string
}

func (h *harness) client() *client {
	jar, _ := cookiejar.New(nil)
	c := &client{h: h}
	c.http = &http.Client{Jar: jar, Transport: &recordingTransport{c: c}}
	return c
}

type recordingTransport struct{ c *client }

func (t *recordingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	t.c.mu.Lock()
	t.c.urls = append(t.c.urls, r.URL.String())
	t.c.mu.Unlock()
	return http.DefaultTransport.RoundTrip(r)
}

func (c *client) do(req *http.Request) recorded {
	c.h.tb.Helper()
	res, err := c.http.Do(req)
	if err != nil {
		c.h.tb.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	r := recorded{method: req.Method, url: res.Request.URL.String(), status: res.StatusCode, header: res.Header, body: string(b)}
	c.mu.Lock()
	c.resp = append(c.resp, r)
	c.mu.Unlock()
	return r
}

func (c *client) get(path string) recorded {
	c.h.tb.Helper()
	req, _ := http.NewRequest("GET", c.h.ts.URL+path, nil)
	return c.do(req)
}

// post posts a form given as key, value, key, value…
func (c *client) post(path string, kv ...string) recorded {
	c.h.tb.Helper()
	form := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		form.Add(kv[i], kv[i+1])
	}
	req, _ := http.NewRequest("POST", c.h.ts.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.do(req)
}

// mustContain and mustNotContain check a page's text (webtest).
var (
	mustContain    = webtest.MustContain
	mustNotContain = webtest.MustNotContain
)

// personal returns the forms in which a customer's phone, plate and name
// could leak: the full phone, the plate with and without its dot and in
// URL encoding, the name.
func personal(phone, plate, name string) []string {
	out := []string{phone, plate, fo.FormatPlate(plate), url.QueryEscape(plate), name, url.QueryEscape(name)}
	if len(phone) == 11 {
		out = append(out, fmt.Sprintf("%s %s %s", phone[:3], phone[3:7], phone[7:]))
	}
	return out
}

// delivered and deliver take a visit on the store to delivery
// (webtest.Delivered, webtest.Deliver).
var (
	delivered = webtest.Delivered
	deliver   = webtest.Deliver
)
