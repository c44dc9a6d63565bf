// Package metrics is the shop's /metrics: the Prometheus exposition format
// from github.com/prometheus/client_golang, on a registry of its own (never
// the global one). It holds the Go runtime and process collectors, HTTP
// requests by route pattern and status with their latency (Middleware),
// the bot's update lag, sends and backups by result, the queues' figures
// (a QueueStats callback read at each scrape) and the store's cheap totals
// (a Totals callback). Nothing here walks the data file: the callbacks
// must answer from counts kept as they change.
//
// /metrics answers only the loopback and an allow-list of networks
// (Handler), 403 otherwise.
package metrics

import (
	"net/http"
	"net/netip"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Queue is one queue's figures at a scrape.
type Queue struct {
	// Name labels the queue: "outbox", "due".
	Name string
	// Waiting entries are to be done; Parked ones gave up after their
	// limit and wait for a person.
	Waiting, Parked int
	// OldestAge is how long the oldest waiting entry has waited past its
	// time (for the due queue: the lag of the most overdue entry); zero
	// when none waits.
	OldestAge time.Duration
}

// QueueStats returns the queues' figures; it is called at each scrape and
// must be cheap.
type QueueStats func() ([]Queue, error)

// Totals returns named counts (customers, vehicles, data_file_bytes...)
// at each scrape; it must be cheap (kept counts, never a bucket walk).
type Totals func() (map[string]int, error)

// Config configures the metrics.
type Config struct {
	Queues QueueStats // optional
	Totals Totals     // optional
}

// Metrics are the shop's metrics. The zero value is not usable: use New.
// Its methods are safe for concurrent use and for a nil *Metrics (they do
// nothing), so that a part may be wired without metrics in tests.
type Metrics struct {
	reg       *prometheus.Registry
	requests  *prometheus.CounterVec
	latency   *prometheus.HistogramVec
	sends     *prometheus.CounterVec
	backups   *prometheus.CounterVec
	lastBak   prometheus.Gauge
	updateLag prometheus.Histogram
}

// New returns the metrics with their own registry.
func New(cfg Config) *Metrics {
	reg := prometheus.NewRegistry()
	m := &Metrics{
		reg: reg,
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "frontoffice_http_requests_total",
			Help: "HTTP requests answered, by route pattern and status code.",
		}, []string{"route", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "frontoffice_http_request_duration_seconds",
			Help:    "Time to answer an HTTP request (to the end of its handler), by route pattern.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"route"}),
		sends: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "frontoffice_sends_total",
			Help: "Messages handed to Telegram, by result (sent, retry, parked, rate_limited...).",
		}, []string{"result"}),
		backups: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "frontoffice_backups_total",
			Help: "Backups of the data file, by result (ok, failed).",
		}, []string{"result"}),
		lastBak: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "frontoffice_backup_last_success_timestamp_seconds",
			Help: "Unix time of the last backup that was written and verified; 0 before the first.",
		}),
		updateLag: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "frontoffice_bot_update_lag_seconds",
			Help:    "Time from a Telegram update's date to the bot handling it.",
			Buckets: []float64{.1, .25, .5, 1, 2.5, 5, 10, 30, 60, 300, 1800},
		}),
	}
	reg.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		m.requests, m.latency, m.sends, m.backups, m.lastBak, m.updateLag,
	)
	// Results known in advance show as 0 before the first.
	for _, r := range []string{"ok", "failed"} {
		m.backups.WithLabelValues(r)
	}
	if cfg.Queues != nil {
		reg.MustRegister(queueCollector{cfg.Queues})
	}
	if cfg.Totals != nil {
		reg.MustRegister(totalsCollector{cfg.Totals})
	}
	return m
}

// Registry returns the registry, for tests and further collectors.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// SendResult counts one attempt to hand a message to Telegram, by result:
// "ok" (Telegram took it), "retry" (a failure to try again), "parked" (given up after its
// limit), "rate_limited" (429).
func (m *Metrics) SendResult(result string) {
	if m != nil {
		m.sends.WithLabelValues(result).Inc()
	}
}

// BackupResult counts a backup, and when ok sets the time of the last
// good one to at.
func (m *Metrics) BackupResult(ok bool, at time.Time) {
	if m == nil {
		return
	}
	if ok {
		m.backups.WithLabelValues("ok").Inc()
		m.lastBak.Set(float64(at.Unix()))
		return
	}
	m.backups.WithLabelValues("failed").Inc()
}

// UpdateLag records how late the bot handled a Telegram update.
func (m *Metrics) UpdateLag(d time.Duration) {
	if m != nil {
		m.updateLag.Observe(max(d, 0).Seconds())
	}
}

// Middleware counts every request next answers by the pattern of the mux
// route that matched (r.Pattern, "GET /staff/visits/{id}"), never the raw
// path: an unmatched request is route "none". Put it outside the
// http.ServeMux, which sets r.Pattern on the request it is given.
func (m *Metrics) Middleware(next http.Handler) http.Handler {
	if m == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		route := r.Pattern
		if route == "" {
			route = "none"
		}
		code := sw.status
		if code == 0 {
			code = http.StatusOK
		}
		m.requests.WithLabelValues(route, strconv.Itoa(code)).Inc()
		m.latency.WithLabelValues(route).Observe(time.Since(start).Seconds())
	})
}

// statusWriter notes the status written; Unwrap lets
// http.NewResponseController reach the connection (Flush, deadlines).
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Flush passes a flush on (server-sent events of the board).
func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Handler serves the metrics to clients whose address clientIP returns is
// a loopback address or in allow; others get 403.
func (m *Metrics) Handler(allow []netip.Prefix, clientIP func(*http.Request) string) http.Handler {
	h := promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{ErrorHandling: promhttp.ContinueOnError})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !Allowed(clientIP(r), allow) {
			http.Error(w, "forbidden", http.StatusForbidden)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// Allowed reports whether ip is a loopback address or in one of allow.
func Allowed(ip string, allow []netip.Prefix) bool {
	a, err := netip.ParseAddr(ip)
	if err != nil {
		return false
	}
	a = a.Unmap()
	if a.IsLoopback() {
		return true
	}
	for _, p := range allow {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// queueCollector reads QueueStats at each scrape.
type queueCollector struct{ stats QueueStats }

var (
	queueWaiting = prometheus.NewDesc("frontoffice_queue_waiting", "Entries waiting to be done, by queue.", []string{"queue"}, nil)
	queueParked  = prometheus.NewDesc("frontoffice_queue_parked", "Entries parked after their retry limit, waiting for a person, by queue.", []string{"queue"}, nil)
	queueOldest  = prometheus.NewDesc("frontoffice_queue_oldest_age_seconds", "How long the oldest waiting entry is past its time (the due queue's lag), by queue.", []string{"queue"}, nil)
	queueUp      = prometheus.NewDesc("frontoffice_queue_stats_up", "1 when the queues' figures could be read at this scrape.", nil, nil)
	totalDesc    = prometheus.NewDesc("frontoffice_records_created_total", "Records ever created, by kind: the store's id counters, read without walking a bucket; merging a provisional record or pruning never lowers them.", []string{"kind"}, nil)
	fileDesc     = prometheus.NewDesc("frontoffice_data_file_bytes", "Size of the data file.", nil, nil)
)

func (c queueCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- queueWaiting
	ch <- queueParked
	ch <- queueOldest
	ch <- queueUp
}

func (c queueCollector) Collect(ch chan<- prometheus.Metric) {
	qs, err := c.stats()
	if err != nil {
		ch <- prometheus.MustNewConstMetric(queueUp, prometheus.GaugeValue, 0)
		return
	}
	ch <- prometheus.MustNewConstMetric(queueUp, prometheus.GaugeValue, 1)
	for _, q := range qs {
		ch <- prometheus.MustNewConstMetric(queueWaiting, prometheus.GaugeValue, float64(q.Waiting), q.Name)
		ch <- prometheus.MustNewConstMetric(queueParked, prometheus.GaugeValue, float64(q.Parked), q.Name)
		ch <- prometheus.MustNewConstMetric(queueOldest, prometheus.GaugeValue, max(q.OldestAge, 0).Seconds(), q.Name)
	}
}

// totalsCollector reads Totals at each scrape; "data_file_bytes" is its
// own gauge, every other name a kind of frontoffice_records_created_total.
type totalsCollector struct{ totals Totals }

func (c totalsCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- totalDesc
	ch <- fileDesc
}

func (c totalsCollector) Collect(ch chan<- prometheus.Metric) {
	t, err := c.totals()
	if err != nil {
		ch <- prometheus.NewInvalidMetric(totalDesc, err)
		return
	}
	for k, v := range t {
		if k == "data_file_bytes" {
			ch <- prometheus.MustNewConstMetric(fileDesc, prometheus.GaugeValue, float64(v))
			continue
		}
		ch <- prometheus.MustNewConstMetric(totalDesc, prometheus.CounterValue, float64(v), k)
	}
}
