package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
	"frontoffice/data"
	"frontoffice/internal/telegramtest"
	"frontoffice/internal/testlog"
)

// syncBuffer is a buffer safe for the server's log and the test.
type syncBuffer = testlog.Buffer

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

// The command line as a table: exit codes and messages.
func TestRunTable(t *testing.T) {
	dir := t.TempDir()
	dataFile := filepath.Join(dir, "f.db")
	badSettings := filepath.Join(dir, "bad.json")
	os.WriteFile(badSettings, []byte(`{"shop":{"name":"x","time_zone":"Asia/Shanghai"},"bays":0}`), 0o600)
	notJSON := filepath.Join(dir, "nope.json")
	os.WriteFile(notJSON, []byte(`{{`), 0o600)
	tokenFile := filepath.Join(dir, "token")
	os.WriteFile(tokenFile, []byte("12345:abc\n"), 0o600)
	base := map[string]string{"FRONTOFFICE_DATA": dataFile}
	with := func(kv ...string) map[string]string {
		m := map[string]string{}
		for k, v := range base {
			m[k] = v
		}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	cases := []struct {
		name string
		args []string
		env  map[string]string
		code int
		out  string // in stdout or stderr
	}{
		{"help", []string{"help"}, base, 0, "frontoffice backup FILE"},
		{"unknown command", []string{"frobnicate"}, base, 2, `unknown command "frobnicate"`},
		{"bad flag", []string{"serve", "-nope"}, base, 2, "flag provided but not defined"},
		{"bad addr", []string{}, with("FRONTOFFICE_ADDR", "8080"), 2, "FRONTOFFICE_ADDR (-addr)"},
		{"bad tz", []string{}, with("FRONTOFFICE_TZ", "Mars/Base"), 2, "FRONTOFFICE_TZ (-tz)"},
		{"bad endpoint", []string{}, with("TELEGRAM_API_ENDPOINT", "http://x/bot"), 2, "TELEGRAM_API_ENDPOINT"},
		{"bad token", []string{}, with("TELEGRAM_BOT_TOKEN", "not a token"), 2, "does not look like a bot token"},
		{"token twice", []string{}, with("TELEGRAM_BOT_TOKEN", "1:a", "TELEGRAM_BOT_TOKEN_FILE", tokenFile), 2, "not both"},
		{"bad log level", []string{}, with("FRONTOFFICE_LOG_LEVEL", "loud"), 2, "FRONTOFFICE_LOG_LEVEL"},
		{"bad public url", []string{}, with("FRONTOFFICE_PUBLIC_URL", "shop.example.com"), 2, "FRONTOFFICE_PUBLIC_URL (-public-url)"}, // FLD-5
		{"backup no file arg", []string{"backup"}, base, 2, "usage: frontoffice backup FILE"},
		{"backup onto itself", []string{"backup", dataFile}, base, 2, "must not overwrite"},
		{"settings export", []string{"settings", "export"}, base, 0, `"time_zone": "Asia/Shanghai"`},
		{"settings import invalid", []string{"settings", "import", badSettings}, base, 1, "Invalid settings: the shop is closed every day"},
		{"settings import not json", []string{"settings", "import", notJSON}, base, 1, "is not a settings file"},
		{"settings usage", []string{"settings", "frob"}, base, 2, "usage: frontoffice settings"},
		{"backup offline", []string{"backup", filepath.Join(dir, "copy.db")}, base, 0, "backup written to"},
		{"demo", []string{"demo"}, base, 0, "demo data loaded"},
		{"demo again", []string{"demo"}, base, 0, "already loaded"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := run(context.Background(), c.args, &out, &errOut, env(c.env))
			all := out.String() + errOut.String()
			if code != c.code || !strings.Contains(all, c.out) {
				t.Errorf("run(%q) = %d, want %d with %q; output:\n%s", c.args, code, c.code, c.out, all)
			}
		})
	}
	// The invalid import changed nothing.
	s, err := data.Open(dataFile, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if st, _ := s.Settings(); st.Bays != fo.DefaultSettings().Bays {
		t.Errorf("invalid import stored bays=%d", st.Bays)
	}
}

var listenRe = regexp.MustCompile(`msg=listening addr=(\S+)`)

// serveAddr waits for the server's "listening" log line and returns the
// address.
func serveAddr(t testing.TB, logs *syncBuffer) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if m := listenRe.FindStringSubmatch(logs.String()); m != nil {
			return m[1]
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("server did not start:\n%s", logs.String())
	return ""
}

// The product end to end: serve with a bot token against the fake Bot API
// server, greet a customer (REC-1), pass an unknown question to the staff
// chat (REC-3), serve /healthz and /metrics, create the first admin while it
// runs, make a hot backup that holds what the file held (settings, the
// booking, customers, vehicles, the account), and shut down in order on a
// signal (the store closes, so it opens again at once).
func TestServeEndToEnd(t *testing.T) {
	tg := telegramtest.New(t, telegramtest.Options{MaxLongPoll: 200 * time.Millisecond})
	dir := t.TempDir()
	dataFile := filepath.Join(dir, "f.db")
	// A staff chat and a booking for next Monday, set before the start.
	var booked fo.Appointment
	{
		s, err := data.Open(dataFile, data.Options{Clock: wallClock})
		if err != nil {
			t.Fatal(err)
		}
		st, _ := s.Settings()
		st.StaffChats = []int64{-500}
		if err := s.SaveSettings(st); err != nil {
			t.Fatal(err)
		}
		monday := fo.DayStart(testNow, st.Location()).AddDate(0, 0, 3).Add(10 * time.Hour)
		booked, err = s.Book(fo.BookRequest{ServiceID: "maint", Start: monday, Plate: "京B12345",
			Customer: fo.CustomerInput{Name: "周明", Phone: "13900000042", ChatID: 4242}, Source: "console", By: "staff:li"})
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
	e := env(map[string]string{
		"FRONTOFFICE_DATA":      dataFile,
		"FRONTOFFICE_ADDR":      "127.0.0.1:0",
		"TELEGRAM_BOT_TOKEN":    telegramtest.Token,
		"TELEGRAM_API_ENDPOINT": tg.Endpoint(),
	})
	ctx, cancel := context.WithCancel(context.Background())
	logs := &syncBuffer{}
	done := make(chan int, 1)
	go func() { done <- run(ctx, []string{"serve"}, io.Discard, logs, e) }()
	addr := serveAddr(t, logs)

	// The queues' figures and the record counts are wired into /metrics
	// (#9).
	for _, c := range []struct{ path, want string }{
		{"/healthz", "ok"},
		{"/metrics", "frontoffice_queue_waiting{queue=\"outbox\"}"},
		{"/metrics", "frontoffice_queue_parked{queue=\"due\"}"},
		{"/metrics", "frontoffice_records_created_total{kind=\"customers\"}"},
	} {
		resp, err := http.Get("http://" + addr + c.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(body), c.want) {
			t.Errorf("%s: %d, want %q in %q", c.path, resp.StatusCode, c.want, body)
		}
	}

	customer := telegramtest.Customer(42, "zh-hans")
	tg.SendText(42, customer, "/start")
	if _, ok := tg.WaitText(42, 10*time.Second, "您好", fo.DefaultSettings().Shop.Name); !ok {
		t.Fatalf("no greeting; log:\n%s", logs.String())
	}
	// The sender reports to /metrics: the greeting counts as sent (#9).
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		resp, err := http.Get("http://" + addr + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if strings.Contains(string(body), `frontoffice_sends_total{result="ok"}`) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no sends counted in /metrics:\n%s", body)
		}
	}
	tg.SendText(42, customer, "你们周末营业吗？")
	if _, ok := tg.WaitText(-500, 10*time.Second, "你们周末营业吗"); !ok {
		t.Fatalf("question not passed to the staff chat; log:\n%s", logs.String())
	}

	// The first admin, created while the server runs (it holds the file).
	var out, errOut bytes.Buffer
	_, port, _ := strings.Cut(addr, ":")
	pwFile := filepath.Join(dir, "pw")
	os.WriteFile(pwFile, []byte("correct horse battery\n"), 0o600)
	staffEnv := env(map[string]string{"FRONTOFFICE_DATA": dataFile, "FRONTOFFICE_ADDR": "127.0.0.1:" + port})
	if code := staffMain([]string{"add", "--login", "admin", "--name", "管理员", "--role", "admin", "--password-file", pwFile},
		strings.NewReader(""), &out, &errOut, staffEnv); code != 0 || !strings.Contains(out.String(), "account admin (admin) created") {
		t.Fatalf("staff add while serving: %d %q %q", code, out.String(), errOut.String())
	}
	out.Reset()
	if code := staffMain([]string{"list"}, strings.NewReader(""), &out, &errOut, staffEnv); code != 0 || !strings.Contains(out.String(), "admin") {
		t.Fatalf("staff list while serving: %d %q %q", code, out.String(), errOut.String())
	}
	// A caller without the secret is refused.
	resp, err := http.Post("http://"+addr+"/internal/staff", "application/json", strings.NewReader(`{"sub":"list","own":{}}`))
	if err != nil || resp.StatusCode != http.StatusForbidden {
		t.Fatalf("internal endpoint without the secret: %v %v", resp.Status, err)
	}
	resp.Body.Close()

	// Hot backup while serving: a data file that holds the settings, the
	// booking with its customer and vehicle, and the account.
	copyFile := filepath.Join(dir, "copy.db")
	out.Reset()
	errOut.Reset()
	if code := run(context.Background(), []string{"backup", copyFile, "-addr", "127.0.0.1:" + port}, &out, &errOut,
		env(map[string]string{"FRONTOFFICE_DATA": dataFile})); code != 0 {
		t.Fatalf("backup: %d %s %s", code, out.String(), errOut.String())
	}
	c, err := data.Open(copyFile, data.Options{Clock: wallClock})
	if err != nil {
		t.Fatal(err)
	}
	if st, _ := c.Settings(); !slices.Equal(st.StaffChats, []int64{-500}) {
		t.Errorf("backup settings: staff chats %v, want [-500]", st.StaffChats)
	}
	if a, err := c.AppointmentByCode(booked.Code); err != nil || a.ID != booked.ID || !a.Start.Equal(booked.Start) || a.Plate != booked.Plate {
		t.Errorf("backup: appointment %s is %+v, %v; want %+v", booked.Code, a, err, booked)
	}
	if cust, err := c.CustomerByChat(4242); err != nil || cust.ID != booked.CustomerID || cust.Name != "周明" || cust.Phone != "13900000042" {
		t.Errorf("backup: customer %+v, %v", cust, err)
	}
	if acc, err := c.Account("admin"); err != nil || acc.Name != "管理员" {
		t.Errorf("backup: account admin %+v, %v", acc, err)
	}
	c.Close()

	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("serve exited %d:\n%s", code, logs.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop")
	}
	// Nothing but the server's own traffic (outbox, conversations, jobs)
	// changed after the backup: the records are the source's, byte for byte.
	sameBuckets(t, dataFile, copyFile, "settings", "customers", "cust_phone", "cust_chat", "vehicles", "veh_plate", "veh_cust",
		"appointments", "apt_code", "apt_start", "apt_cust", "reg_apt", "accounts")
	if strings.Contains(logs.String(), telegramtest.Token) {
		t.Error("the token appears in the log")
	}
	s, err := data.Open(dataFile, data.Options{Timeout: time.Second})
	if err != nil {
		t.Fatalf("store not closed on shutdown: %v", err)
	}
	s.Close()
}

// Without Telegram the rest of the shop runs and the bot keeps trying.
func TestServeWithTelegramDown(t *testing.T) {
	dir := t.TempDir()
	e := env(map[string]string{
		"FRONTOFFICE_DATA":      filepath.Join(dir, "f.db"),
		"FRONTOFFICE_ADDR":      "127.0.0.1:0",
		"TELEGRAM_BOT_TOKEN":    telegramtest.Token,
		"TELEGRAM_API_ENDPOINT": "http://127.0.0.1:1/bot%s/%s",
	})
	ctx, cancel := context.WithCancel(context.Background())
	logs := &syncBuffer{}
	done := make(chan int, 1)
	go func() { done <- run(ctx, nil, io.Discard, logs, e) }()
	addr := serveAddr(t, logs)
	resp, err := http.Get("http://" + addr + "/healthz")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("healthz with Telegram down: %v", err)
	}
	resp.Body.Close()
	cancel()
	if code := <-done; code != 0 {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(logs.String(), "Telegram not reachable") || strings.Contains(logs.String(), telegramtest.Token) {
		t.Errorf("log:\n%s", logs.String())
	}
}

// sameBuckets opens two data files with bbolt and checks that each named
// bucket holds the same keys and values in both, and that the first holds
// something in each bucket it names.
func sameBuckets(t *testing.T, want, got string, buckets ...string) {
	t.Helper()
	open := func(path string) *bolt.DB {
		db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
		if err != nil {
			t.Fatalf("bbolt open %s: %v", path, err)
		}
		return db
	}
	dump := func(db *bolt.DB, name string) map[string]string {
		m := map[string]string{}
		db.View(func(tx *bolt.Tx) error {
			if b := tx.Bucket([]byte(name)); b != nil {
				b.ForEach(func(k, v []byte) error {
					m[string(k)] = string(v)
					return nil
				})
			}
			return nil
		})
		return m
	}
	w, g := open(want), open(got)
	defer w.Close()
	defer g.Close()
	for _, name := range buckets {
		wm, gm := dump(w, name), dump(g, name)
		if len(wm) == 0 {
			t.Errorf("bucket %s of %s is empty: nothing to compare", name, want)
		}
		for k, v := range wm {
			if gv, ok := gm[k]; !ok {
				t.Errorf("backup: bucket %s lacks key %q", name, k)
			} else if gv != v {
				t.Errorf("backup: bucket %s key %q holds %q, the source %q", name, k, gv, v)
			}
		}
		for k := range gm {
			if _, ok := wm[k]; !ok {
				t.Errorf("backup: bucket %s has key %q the source has not", name, k)
			}
		}
	}
}
