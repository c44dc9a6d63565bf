package metrics

import (
	"bytes"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

func remoteIP(r *http.Request) string {
	h, _, _ := net.SplitHostPort(r.RemoteAddr)
	return h
}

// scrape GETs /metrics from remote and parses the answer with the
// Prometheus text parser.
func scrape(t *testing.T, h http.Handler, remote string) (int, map[string]*dto.MetricFamily, string) {
	t.Helper()
	r := httptest.NewRequest(http.MethodGet, "/metrics", nil)
	r.RemoteAddr = remote
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Code != http.StatusOK {
		return w.Code, nil, w.Body.String()
	}
	body := w.Body.String()
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(strings.NewReader(body))
	if err != nil {
		t.Fatalf("the scrape does not parse: %v\n%s", err, body)
	}
	return w.Code, fams, body
}

func value(t *testing.T, fams map[string]*dto.MetricFamily, name string, labels map[string]string) float64 {
	t.Helper()
	f, ok := fams[name]
	if !ok {
		t.Fatalf("no metric %s", name)
	}
next:
	for _, m := range f.Metric {
		for k, v := range labels {
			found := false
			for _, l := range m.Label {
				if l.GetName() == k && l.GetValue() == v {
					found = true
				}
			}
			if !found {
				continue next
			}
		}
		switch {
		case m.Counter != nil:
			return m.Counter.GetValue()
		case m.Gauge != nil:
			return m.Gauge.GetValue()
		case m.Histogram != nil:
			return float64(m.Histogram.GetSampleCount())
		}
	}
	t.Fatalf("no %s with labels %v in %v", name, labels, f)
	return 0
}

// The scrape is the Prometheus exposition format: it parses, every family
// has # HELP and # TYPE, the Go runtime and process collectors are there,
// requests are counted by the mux's route pattern (never the raw path,
// which carries ids), and the callbacks' figures are read at the scrape.
func TestScrape(t *testing.T) {
	queues := []Queue{{Name: "outbox", Waiting: 3, Parked: 1, OldestAge: 90 * time.Second}, {Name: "due", Waiting: 12, OldestAge: 30 * time.Second}}
	m := New(Config{
		Queues: func() ([]Queue, error) { return queues, nil },
		Totals: func() (map[string]int, error) {
			return map[string]int{"customers": 100000, "vehicles": 100001, "data_file_bytes": 4096}, nil
		},
	})
	mux := http.NewServeMux()
	mux.HandleFunc("GET /staff/visits/{id}", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("visit")) })
	mux.HandleFunc("POST /kiosk/walkin", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	})
	mux.Handle("GET /metrics", m.Handler(nil, remoteIP))
	h := m.Middleware(mux)
	for _, req := range []struct{ method, path string }{
		{"GET", "/staff/visits/42"}, {"GET", "/staff/visits/43"}, {"POST", "/kiosk/walkin"}, {"GET", "/no/such/13800138000"},
	} {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(req.method, req.path, nil))
	}
	m.SendResult("ok")
	m.SendResult("ok")
	m.SendResult("parked")
	m.BackupResult(true, time.Unix(1796000000, 0))
	m.BackupResult(false, time.Time{})
	m.UpdateLag(2 * time.Second)

	code, fams, body := scrape(t, h, "127.0.0.1:40000")
	if code != http.StatusOK {
		t.Fatalf("loopback scrape: %d %s", code, body)
	}
	for name := range fams {
		if !strings.Contains(body, "# HELP "+name+" ") || !strings.Contains(body, "# TYPE "+name+" ") {
			t.Errorf("%s lacks # HELP or # TYPE", name)
		}
	}
	for _, name := range []string{"go_goroutines", "go_memstats_heap_alloc_bytes", "process_resident_memory_bytes", "process_open_fds"} {
		if _, ok := fams[name]; !ok {
			t.Errorf("no %s (runtime and process collectors)", name)
		}
	}
	if got := value(t, fams, "frontoffice_http_requests_total", map[string]string{"route": "GET /staff/visits/{id}", "code": "200"}); got != 2 {
		t.Errorf("visits by pattern: %v, want 2", got)
	}
	if got := value(t, fams, "frontoffice_http_requests_total", map[string]string{"route": "POST /kiosk/walkin", "code": "429"}); got != 1 {
		t.Errorf("walk-ins refused: %v", got)
	}
	if got := value(t, fams, "frontoffice_http_requests_total", map[string]string{"route": "none", "code": "404"}); got != 1 {
		t.Errorf("unmatched: %v", got)
	}
	if got := value(t, fams, "frontoffice_http_request_duration_seconds", map[string]string{"route": "GET /staff/visits/{id}"}); got != 2 {
		t.Errorf("latency samples: %v", got)
	}
	for _, raw := range []string{"/staff/visits/42", "13800138000"} {
		if strings.Contains(body, raw) {
			t.Errorf("a raw path %q is a label", raw)
		}
	}
	checks := []struct {
		name   string
		labels map[string]string
		want   float64
	}{
		{"frontoffice_sends_total", map[string]string{"result": "ok"}, 2},
		{"frontoffice_sends_total", map[string]string{"result": "parked"}, 1},
		{"frontoffice_backups_total", map[string]string{"result": "ok"}, 1},
		{"frontoffice_backups_total", map[string]string{"result": "failed"}, 1},
		{"frontoffice_backup_last_success_timestamp_seconds", nil, 1796000000},
		{"frontoffice_bot_update_lag_seconds", nil, 1},
		{"frontoffice_queue_waiting", map[string]string{"queue": "outbox"}, 3},
		{"frontoffice_queue_parked", map[string]string{"queue": "outbox"}, 1},
		{"frontoffice_queue_oldest_age_seconds", map[string]string{"queue": "outbox"}, 90},
		{"frontoffice_queue_oldest_age_seconds", map[string]string{"queue": "due"}, 30},
		{"frontoffice_queue_stats_up", nil, 1},
		{"frontoffice_records_created_total", map[string]string{"kind": "customers"}, 100000},
		{"frontoffice_data_file_bytes", nil, 4096},
	}
	for _, c := range checks {
		if got := value(t, fams, c.name, c.labels); got != c.want {
			t.Errorf("%s%v = %v, want %v", c.name, c.labels, got, c.want)
		}
	}
	// The callbacks are read at each scrape.
	queues[0].Waiting = 0
	_, fams, _ = scrape(t, h, "127.0.0.1:40000")
	if got := value(t, fams, "frontoffice_queue_waiting", map[string]string{"queue": "outbox"}); got != 0 {
		t.Errorf("outbox waiting after it emptied: %v", got)
	}
}

// A failing queue callback is said, and the rest of the scrape stands.
func TestScrapeQueueStatsDown(t *testing.T) {
	m := New(Config{Queues: func() ([]Queue, error) { return nil, errors.New("store closed") }})
	code, fams, body := scrape(t, m.Handler(nil, remoteIP), "[::1]:40000")
	if code != http.StatusOK {
		t.Fatalf("%d %s", code, body)
	}
	if got := value(t, fams, "frontoffice_queue_stats_up", nil); got != 0 {
		t.Errorf("queue_stats_up = %v", got)
	}
	if _, ok := fams["go_goroutines"]; !ok {
		t.Error("runtime metrics lost with the queues")
	}
}

// /metrics answers the loopback and the allow-list only.
func TestMetricsAllowList(t *testing.T) {
	m := New(Config{})
	allow := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("192.168.1.50/32")}
	h := m.Handler(allow, remoteIP)
	for remote, want := range map[string]int{
		"127.0.0.1:1":         200,
		"[::1]:1":             200,
		"10.20.30.40:1":       200,
		"192.168.1.50:1":      200,
		"192.168.1.51:1":      403,
		"203.0.113.9:1":       403,
		"[2001:db8::1]:1":     403,
		"[::ffff:10.1.1.1]:1": 200,
	} {
		code, _, _ := scrape(t, h, remote)
		if code != want {
			t.Errorf("scrape from %s: %d, want %d", remote, code, want)
		}
	}
}

// The middleware keeps what a streaming handler needs: Flush and the
// write deadline through http.NewResponseController.
func TestMiddlewareKeepsStreaming(t *testing.T) {
	m := New(Config{})
	mux := http.NewServeMux()
	mux.HandleFunc("GET /board/events", func(w http.ResponseWriter, r *http.Request) {
		rc := http.NewResponseController(w)
		if err := rc.SetWriteDeadline(time.Time{}); err != nil {
			t.Errorf("SetWriteDeadline through the middleware: %v", err)
		}
		w.Write([]byte("data: x\n\n"))
		if err := rc.Flush(); err != nil {
			t.Errorf("Flush through the middleware: %v", err)
		}
	})
	ts := httptest.NewServer(m.Middleware(mux))
	defer ts.Close()
	resp, err := http.Get(ts.URL + "/board/events")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	b.ReadFrom(resp.Body)
	resp.Body.Close()
	if b.String() != "data: x\n\n" {
		t.Errorf("body %q", b.String())
	}
}
