package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	fo "frontoffice"
	"frontoffice/data"
	"frontoffice/forms"
)

// startServe runs "frontoffice serve" in the test on dataFile with the
// environment extra, and returns the address it logged and its stop.
func startServe(t testing.TB, dataFile string, extra map[string]string) (string, *syncBuffer, func() int) {
	t.Helper()
	m := map[string]string{"FRONTOFFICE_DATA": dataFile}
	for k, v := range extra {
		m[k] = v
	}
	ctx, cancel := context.WithCancel(context.Background())
	logs := &syncBuffer{}
	done := make(chan int, 1)
	go func() { done <- run(ctx, []string{"serve"}, io.Discard, logs, env(m)) }()
	addr := serveAddr(t, logs)
	stopped := false
	var code int
	stop := func() int {
		if stopped {
			return code
		}
		stopped = true
		cancel()
		select {
		case code = <-done:
		case <-time.After(15 * time.Second):
			t.Fatal("serve did not stop")
		}
		return code
	}
	t.Cleanup(func() { stop() })
	return addr, logs, stop
}

// cli runs a command with only FRONTOFFICE_DATA set: no address.
func cli(dataFile string, args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb, env(map[string]string{"FRONTOFFICE_DATA": dataFile}))
	return code, out.String(), errb.String()
}

func deliveredToday(t *testing.T, path string) fo.Visit {
	t.Helper()
	s, err := data.Open(path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st, _ := s.Settings()
	visits, err := s.VisitsOn(testNow.In(st.Location()).Format(time.DateOnly))
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range visits {
		if v.Status == fo.VisitDelivered {
			return v
		}
	}
	t.Fatal("the demo has no visit delivered today")
	return fo.Visit{}
}

// The CLI finds its server (issue 9): with FRONTOFFICE_ADDR=127.0.0.1:<any>
// for the server only, "calls", "report", "card" and "settings" without
// the variable reach it through <data>.addr (0600, the actual port) and
// get the same answers as with the server stopped — asked of the server's
// own store (POST /internal/query), never a copy of the file (no GET
// /internal/backup). A settings import through it applies at once; the
// address file goes at a clean stop.
func TestCLIAsksTheRunningServer(t *testing.T) {
	dir := t.TempDir()
	dataFile := filepath.Join(dir, "f.db")
	if code, _, stderr := cli(dataFile, "demo"); code != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	card := forms.VisitNo(deliveredToday(t, dataFile))
	questions := [][]string{
		{"calls", "--date", "2026-12-01", "--phones"},
		{"report", "monthly", "--date", "today"},
		{"report", "daily", "--lang", "en"},
		{"settings", "export"},
		{"calls", "--date", "yesterday-ish"},
		{"card", "20261127-Z999", "--pdf", filepath.Join(dir, "none.pdf")},
	}
	offline := map[string]string{}
	for _, q := range questions {
		code, stdout, stderr := cli(dataFile, q...)
		offline[strings.Join(q, " ")] = strings.Join([]string{string(rune('0' + code)), stdout, stderr}, "|")
	}

	addr, logs, stop := startServe(t, dataFile, map[string]string{"FRONTOFFICE_ADDR": "127.0.0.1:0"})
	raw, err := os.ReadFile(dataFile + ".addr")
	if err != nil {
		t.Fatalf("no address file: %v", err)
	}
	var a serverAddr
	if err := json.Unmarshal(raw, &a); err != nil || a.URL != "http://"+addr {
		t.Fatalf("address file %s, want http://%s", raw, addr)
	}
	if fi, _ := os.Stat(dataFile + ".addr"); fi.Mode().Perm() != 0o600 {
		t.Errorf("address file mode %v, want 0600", fi.Mode().Perm())
	}
	for _, q := range questions {
		code, stdout, stderr := cli(dataFile, q...)
		got := strings.Join([]string{string(rune('0' + code)), stdout, stderr}, "|")
		if want := offline[strings.Join(q, " ")]; got != want {
			t.Errorf("%v beside the server:\n%s\nwith the server stopped:\n%s", q, got, want)
		}
	}
	cardPDF := filepath.Join(dir, "card.pdf")
	if code, stdout, stderr := cli(dataFile, "card", card, "--pdf", cardPDF); code != 0 || !strings.Contains(stdout, "written to "+cardPDF) {
		t.Fatalf("card beside the server: %d %s %s", code, stdout, stderr)
	}
	if text := pdfTextOf(t, cardPDF); !strings.Contains(text, "售后服务卡") {
		t.Errorf("card PDF from the server: %s", text)
	}
	callsPDF := filepath.Join(dir, "calls.pdf")
	if code, _, stderr := cli(dataFile, "calls", "--pdf", callsPDF); code != 0 || !strings.Contains(stderr, "call list written to "+callsPDF) {
		t.Fatalf("calls --pdf beside the server: %d %s", code, stderr)
	}

	// A settings import through the server applies at once.
	code, stdout, _ := cli(dataFile, "settings", "export")
	if code != 0 {
		t.Fatal("export")
	}
	var st fo.Settings
	json.Unmarshal([]byte(stdout), &st)
	st.Shop.TimeZone = "Asia/Tokyo"
	b, _ := json.Marshal(st)
	imp := filepath.Join(dir, "s.json")
	os.WriteFile(imp, b, 0o600)
	if code, stdout, stderr := cli(dataFile, "settings", "import", imp); code != 0 || !strings.Contains(stdout, "settings imported") {
		t.Fatalf("import beside the server: %d %s %s", code, stdout, stderr)
	}
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(logs.String(), `msg="settings applied" tz=Asia/Tokyo`); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the import was not applied:\n%s", logs.String())
		}
	}
	// Trailing garbage is refused, nothing changed.
	os.WriteFile(imp, append(b, []byte(`{"bays":1}`)...), 0o600)
	if code, _, stderr := cli(dataFile, "settings", "import", imp); code != 1 || !strings.Contains(stderr, "only one JSON object is allowed") {
		t.Errorf("trailing garbage: %d %s", code, stderr)
	}

	// Asked, never copied.
	resp, err := http.Get("http://" + addr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), `frontoffice_http_requests_total{code="200",route="POST /internal/query"}`) {
		t.Errorf("no questions counted:\n%s", body)
	}
	if strings.Contains(string(body), "/internal/backup") {
		t.Error("a tool copied the data file")
	}

	if code := stop(); code != 0 {
		t.Fatalf("serve exited %d", code)
	}
	if _, err := os.Stat(dataFile + ".addr"); !os.IsNotExist(err) {
		t.Errorf("address file left after a clean stop: %v", err)
	}
	// A stale address file (a killed server) does not stop the tools.
	os.WriteFile(dataFile+".addr", []byte(`{"url":"http://127.0.0.1:1"}`), 0o600)
	if code, _, stderr := cli(dataFile, "report", "daily"); code != 0 {
		t.Errorf("with a stale address file: %d %s", code, stderr)
	}
}

// Bound to one LAN address, the server is reached there by the tools on
// its machine.
func TestCLIFindsServerOnALANAddress(t *testing.T) {
	var lan net.IP
	addrs, _ := net.InterfaceAddrs()
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && !n.IP.IsLoopback() && n.IP.To4() != nil {
			lan = n.IP
			break
		}
	}
	if lan == nil {
		t.Skip("this machine has no LAN IPv4 address")
	}
	dataFile := filepath.Join(t.TempDir(), "f.db")
	addr, _, _ := startServe(t, dataFile, map[string]string{"FRONTOFFICE_ADDR": lan.String() + ":0"})
	if !strings.HasPrefix(addr, lan.String()+":") {
		t.Fatalf("listening on %s", addr)
	}
	if code, stdout, stderr := cli(dataFile, "report", "daily"); code != 0 || stdout == "" {
		t.Fatalf("report beside a server on %s: %d %s %s", addr, code, stdout, stderr)
	}
	if code, stdout, stderr := cli(dataFile, "backup", filepath.Join(t.TempDir(), "b.db")); code != 0 || !strings.Contains(stdout, "from the running server") {
		t.Fatalf("backup beside a server on %s: %d %s %s", addr, code, stdout, stderr)
	}
	// From another address of the same machine... the loopback is the
	// machine too; a stranger would need the secret and this machine.
	req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/internal/query", strings.NewReader(`{"cmd":"settings","args":["export"]}`))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("a question without the secret: %d", resp.StatusCode)
	}
}

// localURL: a wildcard listener is reached on the loopback, a given
// address at itself.
func TestLocalURL(t *testing.T) {
	for in, want := range map[string]string{
		"0.0.0.0:8080":     "http://127.0.0.1:8080",
		"[::]:8080":        "http://127.0.0.1:8080",
		"127.0.0.1:18080":  "http://127.0.0.1:18080",
		"192.168.1.5:8080": "http://192.168.1.5:8080",
		"[fd00::5]:8080":   "http://[fd00::5]:8080",
		"[::1]:8080":       "http://[::1]:8080",
	} {
		a, _ := net.ResolveTCPAddr("tcp", in)
		if got := localURL(a, false); got != want {
			t.Errorf("localURL(%s) = %s, want %s", in, got, want)
		}
	}
}
