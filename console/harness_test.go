package console

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	fo "frontoffice"
	"frontoffice/data"
	"frontoffice/forms"
	"frontoffice/internal/fakeclock"
	"frontoffice/internal/web"
	"frontoffice/internal/webtest"
)

// The console's test harness: a real store in a temp dir on a fake clock
// standing at Friday 2026-11-27 09:00 Shanghai, the web door on a random
// port, and one account per role, all with conPassword.

var conLoc = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		panic(err)
	}
	return loc
}()

func conAt(day, hh, mm int) time.Time { return time.Date(2026, 11, day, hh, mm, 0, 0, conLoc) }

const conPassword = "correct horse battery"

type conHarness struct {
	t     testing.TB
	store *data.Store
	clock *fakeclock.Clock
	srv   *Server
	ts    *httptest.Server
}

// newConHarness serves the console on a real store with a fake clock and
// four accounts. withDocs, when given, builds the PDF renderer from the
// store (the after-sales tests' downloads).
func newConHarness(t testing.TB, withDocs ...func(*data.Store) Documents) *conHarness {
	t.Helper()
	data.SetPasswordCost(bcrypt.MinCost) // a default-cost hash takes seconds under -race
	clock := fakeclock.New(conAt(27, 9, 0))
	store, err := data.Open(filepath.Join(t.TempDir(), "console.db"), data.Options{Clock: clock, NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	st, _ := store.Settings()
	st.StaffChats = []int64{-100}
	if err := store.SaveSettings(st); err != nil {
		t.Fatal(err)
	}
	for _, a := range []fo.Account{
		{Login: "admin", Name: "管理员", Role: fo.RoleAdmin},
		{Login: "li", Name: "李娜", Role: fo.RoleReception, StaffID: "li"},
		{Login: "zhao", Name: "赵敏", Role: fo.RoleSupervisor, StaffID: "zhao"},
		{Login: "wang", Name: "王强", Role: fo.RoleFollowUp, StaffID: "wang"},
	} {
		if _, err := store.AddAccount(a, conPassword); err != nil {
			t.Fatal(err)
		}
	}
	cfg := Config{Store: store, Clock: clock, Logger: slog.New(slog.DiscardHandler)}
	for _, f := range withDocs {
		cfg.Documents = f(store)
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	srv.Register(mux)
	web.MountShared(mux)
	ts := httptest.NewServer(fromAddr(mux)) // clientFrom: a client at another address
	t.Cleanup(func() {
		ts.Close()
		store.Close()
	})
	return &conHarness{t: t, store: store, clock: clock, srv: srv, ts: ts}
}

// walkIn checks a walk-in in through the store, as the kiosk does.
func (h *conHarness) walkIn(name, phone, plate, service string) fo.Visit {
	h.t.Helper()
	v, err := h.store.CheckIn(fo.CheckInRequest{Customer: fo.CustomerInput{Name: name, Phone: phone, Consent: true},
		Plate: plate, ServiceID: service, Concern: "倒车雷达报警", Source: "kiosk", By: "kiosk"})
	if err != nil {
		h.t.Fatal(err)
	}
	return v
}

// mustContain and mustNotContain check a page's text (webtest).
var (
	mustContain    = webtest.MustContain
	mustNotContain = webtest.MustNotContain
)

// conClient is a browser-like HTTP client: a cookie jar, no automatic
// redirects (tests look at them), and the last CSRF token seen.
type conClient struct {
	h    *conHarness
	http *http.Client
	csrf string
	// seen records every URL the client was sent to or found in a page.
	seen []string
}

type conResp struct {
	status   int
	body     string
	location string
}

var (
	csrfRe = regexp.MustCompile(`name="csrf" value="([^"]+)"`)
	preRe  = regexp.MustCompile(`name="pre" value="([^"]+)"`)
	urlRe  = regexp.MustCompile(`(?:href|action|src)="([^"]*)"`)
)

func (h *conHarness) client() *conClient {
	jar, _ := cookiejar.New(nil)
	return &conClient{h: h, http: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

func (c *conClient) do(req *http.Request) conResp {
	c.h.t.Helper()
	res, err := c.http.Do(req)
	if err != nil {
		c.h.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	r := conResp{status: res.StatusCode, body: string(b), location: res.Header.Get("Location")}
	if m := csrfRe.FindStringSubmatch(r.body); m != nil {
		c.csrf = m[1]
	}
	c.seen = append(c.seen, req.URL.RequestURI())
	if r.location != "" {
		c.seen = append(c.seen, r.location)
	}
	for _, m := range urlRe.FindAllStringSubmatch(r.body, -1) {
		c.seen = append(c.seen, m[1])
	}
	return r
}

func (c *conClient) get(path string) conResp {
	c.h.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, c.h.ts.URL+path, nil)
	return c.do(req)
}

// post sends form with the client's CSRF token unless form sets "csrf".
func (c *conClient) post(path string, form url.Values) conResp {
	c.h.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if _, ok := form["csrf"]; !ok && c.csrf != "" {
		form.Set("csrf", c.csrf)
	}
	req, _ := http.NewRequest(http.MethodPost, c.h.ts.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.do(req)
}

// follow GETs a redirect's target.
func (c *conClient) follow(r conResp) conResp {
	c.h.t.Helper()
	if r.status != http.StatusSeeOther && r.status != http.StatusFound {
		c.h.t.Fatalf("want a redirect, got %d: %s", r.status, excerpt(r.body))
	}
	return c.get(r.location)
}

// tryLogin posts the login form (fetching its token first).
func (c *conClient) tryLogin(login, password string) conResp {
	c.h.t.Helper()
	page := c.get("/staff/login")
	m := preRe.FindStringSubmatch(page.body)
	if m == nil {
		c.h.t.Fatalf("login page without its token: %s", excerpt(page.body))
	}
	return c.post("/staff/login", url.Values{"login": {login}, "password": {password}, "pre": {m[1]}})
}

// login logs in and loads the home page (which carries the CSRF token).
func (h *conHarness) login(login string) *conClient {
	h.t.Helper()
	c := h.client()
	r := c.tryLogin(login, conPassword)
	if r.status != http.StatusSeeOther {
		h.t.Fatalf("login %s: %d %s", login, r.status, excerpt(r.body))
	}
	home := c.follow(r)
	for home.status == http.StatusSeeOther {
		home = c.follow(home)
	}
	if home.status != http.StatusOK || c.csrf == "" {
		h.t.Fatalf("home of %s: %d %s", login, home.status, excerpt(home.body))
	}
	return c
}

// excerpt shortens a page for a failure message: its error, or its start.
func excerpt(body string) string {
	if i := strings.Index(body, `class="error"`); i >= 0 {
		return body[i:min(len(body), i+300)]
	}
	if i := strings.Index(body, "<main>"); i >= 0 {
		body = body[i:]
	}
	return body[:min(len(body), 600)]
}

// intakeForm is a complete, valid intake form for a visit.
func conIntakeForm(promised time.Time, minutes string) url.Values {
	return url.Values{
		"purpose": {"倒车雷达维修"}, "consent": {"1"},
		"lines": {"1"}, "l0_desc": {"更换探头"}, "l0_mode": {"item"}, "l0_labor": {"100"}, "l0_parts": {"200"},
		"l0_source": {"shop"}, "l0_kind": {"original"}, "l0_critical": {"1"},
		"docs": {"1"}, "anomalies": {"右后门划痕"}, "belongings": {"雨伞\n行车记录仪"}, "fuel": {"4"},
		"odometer": {"42000"}, "key": {"K-17"}, "minutes": {minutes}, "receiver": {"车间 老张"},
		"promised": {promised.In(conLoc).Format("2006-01-02T15:04")},
		"op":       {"save"},
	}
}

// newAsHarness is the console harness (a real store in a
// temp dir, a fake clock at Friday 2026-11-27 09:00 Shanghai, one account
// per role) with the real forms Renderer as Config.Documents, as serve
// wires it.

var (
	engineOnce sync.Once
	engine     *forms.Engine
	engineErr  error
)

// testEngine is one forms engine for the whole test binary: it parses the
// embedded fonts once.
func testEngine(tb testing.TB) *forms.Engine {
	tb.Helper()
	engineOnce.Do(func() { engine, engineErr = forms.New(slog.New(slog.DiscardHandler)) })
	if engineErr != nil {
		tb.Fatal(engineErr)
	}
	return engine
}

func newAsHarness(t testing.TB) *conHarness {
	t.Helper()
	return newConHarness(t, func(store *data.Store) Documents {
		return &forms.Renderer{Engine: testEngine(t), Store: store}
	})
}

// delivered and deliver take a visit on the store to delivery
// (webtest.Delivered, webtest.Deliver).
var (
	delivered = webtest.Delivered
	deliver   = webtest.Deliver
)

// partUntil returns the part of body from marker up to and including the
// first end after it ("" when marker is missing).
func partUntil(body, marker, end string) string {
	i := strings.Index(body, marker)
	if i < 0 {
		return ""
	}
	j := strings.Index(body[i:], end)
	if j < 0 {
		return body[i:]
	}
	return body[i : i+j+len(end)]
}
