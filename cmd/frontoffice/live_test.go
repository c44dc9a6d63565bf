package main

import (
	"context"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	fo "frontoffice"
	"frontoffice/console"
	"frontoffice/data"
	"frontoffice/internal/fakeclock"
	"frontoffice/internal/testlog"
	"frontoffice/internal/web"
)

var (
	csrfRe    = regexp.MustCompile(`name="csrf" value="([^"]+)"`)
	preRe     = regexp.MustCompile(`name="pre" value="([^"]+)"`)
	formRe    = regexp.MustCompile(`(?s)<form[^>]*id="settings-form".*?</form>`)
	inputRe   = regexp.MustCompile(`<input([^>]*)>`)
	attrRe    = regexp.MustCompile(`(\w+)="([^"]*)"`)
	textareaR = regexp.MustCompile(`(?s)<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>`)
)

// consoleClient is a browser-like client of the console: cookies, no
// redirect following.
type consoleClient struct {
	t    *testing.T
	base string
	http *http.Client
	csrf string
}

func (c *consoleClient) do(method, path string, form url.Values) (int, string, string) {
	c.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, _ := http.NewRequest(method, c.base+path, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if m := csrfRe.FindSubmatch(b); m != nil {
		c.csrf = string(m[1])
	}
	return resp.StatusCode, string(b), resp.Header.Get("Location")
}

// settingsForm reads the console's settings form as a browser would send
// it back: every input (checkboxes only when checked) and textarea.
func settingsForm(t *testing.T, page string) url.Values {
	t.Helper()
	f := formRe.FindString(page)
	if f == "" {
		t.Fatalf("no settings form in %.500s", page)
	}
	v := url.Values{}
	for _, in := range inputRe.FindAllStringSubmatch(f, -1) {
		attrs := map[string]string{}
		for _, a := range attrRe.FindAllStringSubmatch(in[1], -1) {
			attrs[a[1]] = html.UnescapeString(a[2])
		}
		if attrs["name"] == "" || (attrs["type"] == "checkbox" && !strings.Contains(in[1], "checked")) {
			continue
		}
		v.Set(attrs["name"], attrs["value"])
	}
	for _, ta := range textareaR.FindAllStringSubmatch(f, -1) {
		v.Set(ta[1], html.UnescapeString(ta[2]))
	}
	return v
}

// Live settings (issue 9): an admin saves new hours, then a new zone, in
// the console while the server's scheduler runs on a fake clock; the cron
// table is rebuilt at once and the daily report fires at the new time in
// the new zone — no restart (REP-1).
func TestConsoleSettingsApplyLive(t *testing.T) {
	data.SetPasswordCost(bcrypt.MinCost)
	sh, _ := time.LoadLocation("Asia/Shanghai")
	clock := fakeclock.New(time.Date(2026, 11, 27, 12, 0, 0, 0, sh)) // Friday noon
	dir := t.TempDir()
	store, err := data.Open(filepath.Join(dir, "f.db"), data.Options{Clock: clock, NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	night := nightly{store, Config{DataPath: filepath.Join(dir, "f.db"), BackupDir: filepath.Join(dir, "backups"), BackupDays: 7, BackupMonths: 12}}
	defer store.Close()
	if _, err := store.AddAccount(fo.Account{Login: "admin", Name: "管理员", Role: fo.RoleAdmin}, "correct horse battery"); err != nil {
		t.Fatal(err)
	}
	logs := &testlog.Buffer{}
	log := slog.New(slog.NewTextHandler(logs, nil))
	con, err := console.New(console.Config{Store: store, Clock: clock, Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	con.Register(mux)
	web.MountShared(mux)
	ts := httptest.NewServer(mux)
	defer ts.Close()

	sched, err := newScheduler(store, night, clock, log)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sched.Start(ctx)
	defer sched.Stop()
	ready := make(chan struct{})
	go followSettings(ctx, store, night, sched, log, ready)
	<-ready
	// Before: Monday to Friday at 17:30, Saturday (closing 17:00) at 16:30.
	if got, want := sched.Next("report-daily@17:30"), time.Date(2026, 11, 27, 17, 30, 0, 0, sh); !got.Equal(want) {
		t.Fatalf("before: next daily report at 17:30 is %v, want %v", got, want)
	}
	if got, want := sched.Next("report-daily@16:30"), time.Date(2026, 11, 28, 16, 30, 0, 0, sh); !got.Equal(want) {
		t.Fatalf("before: next daily report at 16:30 is %v, want %v", got, want)
	}

	jar, _ := cookiejar.New(nil)
	c := &consoleClient{t: t, base: ts.URL, http: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	_, page, _ := c.do("GET", "/staff/login", nil)
	m := preRe.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("login page: %.300s", page)
	}
	if code, _, _ := c.do("POST", "/staff/login", url.Values{"login": {"admin"}, "password": {"correct horse battery"}, "pre": {m[1]}}); code != http.StatusSeeOther {
		t.Fatalf("login: %d", code)
	}
	save := func(change func(url.Values)) {
		t.Helper()
		_, page, _ := c.do("GET", "/staff/settings", nil)
		form := settingsForm(t, page)
		change(form)
		form.Set("csrf", c.csrf)
		if code, body, loc := c.do("POST", "/staff/settings", form); code != http.StatusSeeOther || loc != "/staff/settings" {
			t.Fatalf("save settings: %d %s %.400s", code, loc, body)
		}
	}
	// waitFor waits for the watcher to apply the save (it runs beside the
	// request, as in the server).
	waitFor := func(what string, ok func() bool) {
		t.Helper()
		for deadline := time.Now().Add(10 * time.Second); !ok(); time.Sleep(5 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("%s never applied; log:\n%s", what, logs.String())
			}
		}
	}

	// Friday closes at 17:00: its report comes at 16:30.
	save(func(f url.Values) { f.Set("h5_close", "17:00") })
	today1630 := time.Date(2026, 11, 27, 16, 30, 0, 0, sh)
	waitFor("the new hours", func() bool { return sched.Next("report-daily@16:30").Equal(today1630) })
	if got := sched.Next("report-daily@17:30"); got.Weekday() != time.Monday {
		t.Errorf("the 17:30 report still fires on %v", got)
	}

	// The zone becomes Tokyo: 16:30 there is 15:30 in Shanghai.
	save(func(f url.Values) { f.Set("tz", "Asia/Tokyo") })
	waitFor("the new zone", func() bool { return sched.Location().String() == "Asia/Tokyo" })
	want := time.Date(2026, 11, 27, 15, 30, 0, 0, sh)
	if got := sched.Next("report-daily@16:30"); !got.Equal(want) {
		t.Errorf("next daily report in Tokyo %v, want %v", got, want)
	}
	clock.Set(want.Add(-time.Minute))
	sched.Tick(clock.Now())
	if last, _ := store.LastRun("report-daily@16:30"); !last.Before(want) {
		t.Fatalf("the report ran early: %v", last)
	}
	clock.Set(want)
	sched.Tick(clock.Now())
	if last, _ := store.LastRun("report-daily@16:30"); !last.Equal(want) {
		t.Fatalf("the daily report's last run is %v, want %v (16:30 Tokyo); log:\n%s", last, want, logs.String())
	}
	if !strings.Contains(logs.String(), "settings applied") {
		t.Errorf("no log line for the applied settings:\n%s", logs.String())
	}
}

// FRONTOFFICE_TZ only seeds the zone of a new data file; an existing
// file keeps the zone stored in its settings (the console's), with a
// warning naming both.
func TestTZOnlySeedsANewFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "f.db")
	logs := &testlog.Buffer{}
	log := slog.New(slog.NewTextHandler(logs, nil))
	zone := func() string {
		s, err := data.Open(path, data.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		st, _ := s.Settings()
		return st.Shop.TimeZone
	}
	s, err := openStore(Config{DataPath: path, TimeZone: "Asia/Tokyo"}, log, wallClock, nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if z := zone(); z != "Asia/Tokyo" {
		t.Fatalf("a new file's zone is %s, want Asia/Tokyo", z)
	}
	if strings.Contains(logs.String(), "FRONTOFFICE_TZ") {
		t.Errorf("a warning for a seeded file:\n%s", logs.String())
	}
	s, err = openStore(Config{DataPath: path, TimeZone: "Europe/Berlin"}, log, wallClock, nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if z := zone(); z != "Asia/Tokyo" {
		t.Errorf("FRONTOFFICE_TZ overrode the stored zone: %s", z)
	}
	if !strings.Contains(logs.String(), "FRONTOFFICE_TZ=Europe/Berlin stored=Asia/Tokyo") {
		t.Errorf("no warning naming both zones:\n%s", logs.String())
	}
}
