package kiosk

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	fo "frontoffice"
	"frontoffice/data"
	"frontoffice/internal/fakeclock"
)

// Benchmarks on a data file with 10,000 archives (customers with a vehicle
// and a visit each, over the past fortnight), through the real handlers.
// Run: go test -run '^$' -bench . ./kiosk/

// benchArchives is how many archives the benchmarks' data file holds.
const benchArchives = 10000

// seedVersion names the seeding below; change it when seed changes, so
// that a cached file made by the old seed is not used.
const seedVersion = 1

var (
	seedOnce sync.Once
	seedPath string
	seedErr  error
)

// seededFile returns a copy, in tb's temp dir, of a data file holding
// benchArchives archives. The seeded file is cached in the system's temp
// folder, keyed by the store's schema version and seedVersion, so that
// runs neither pay for seeding again nor leave a file behind each time.
func seededFile(tb testing.TB) string {
	tb.Helper()
	seedOnce.Do(func() {
		dir := filepath.Join(os.TempDir(), fmt.Sprintf("frontoffice-kiosk-bench-s%d-v%d-n%d", data.SchemaVersion, seedVersion, benchArchives))
		seedPath = filepath.Join(dir, "f.db")
		if _, err := os.Stat(seedPath); err == nil {
			return
		}
		if seedErr = os.MkdirAll(dir, 0o755); seedErr != nil {
			return
		}
		tmp := filepath.Join(dir, fmt.Sprintf("seed-%d.db", os.Getpid()))
		if seedErr = seed(tmp); seedErr != nil {
			os.Remove(tmp)
			return
		}
		seedErr = os.Rename(tmp, seedPath) // atomic: a parallel run sees all or nothing
	})
	if seedErr != nil {
		tb.Fatal(seedErr)
	}
	raw, err := os.ReadFile(seedPath)
	if err != nil {
		tb.Fatal(err)
	}
	path := filepath.Join(tb.TempDir(), "f.db")
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		tb.Fatal(err)
	}
	return path
}

// seed writes benchArchives walk-ins through the store, 800 a day over the
// days before 2026-11-27 (queue numbers stop at 999 a day).
func seed(path string) error {
	clock := fakeclock.New(at(10, 9, 0))
	s, err := data.Open(path, data.Options{Clock: clock, NoSync: true})
	if err != nil {
		return err
	}
	defer s.Close()
	st, _ := s.Settings()
	st.Bays = 100         // room for the check-in benchmark's bookings…
	st.MinLeadMinutes = 0 // …made just before they check in
	if err := s.SaveSettings(st); err != nil {
		return err
	}
	for i := 0; i < benchArchives; i++ {
		if i%800 == 0 {
			clock.Set(at(10+i/800, 9, 0))
		}
		_, err := s.CheckIn(fo.CheckInRequest{
			Customer: fo.CustomerInput{Name: "客户", Phone: fmt.Sprintf("135%08d", i), Consent: true},
			Plate:    fmt.Sprintf("京A%05d", i), ServiceID: "inspect", Source: "bench"})
		if err != nil {
			return fmt.Errorf("seed %d: %w", i, err)
		}
	}
	return nil
}

// benchHarness is a kiosk on a copy of the seeded file, synced as in the
// shop, with the clock at Friday 2026-11-27 10:30.
func benchHarness(b *testing.B) *harness {
	b.Helper()
	return newHarnessAt(b, seededFile(b), false)
}

// call runs one request through the handler, as httptest does, with the
// session cookie.
func call(h http.Handler, cookie *http.Cookie, method, path string, form url.Values) *httptest.ResponseRecorder {
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req := httptest.NewRequest(method, path, body)
	req.RemoteAddr = "127.0.0.1:40000" // the kiosk browser on the server's machine
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if cookie != nil {
		req.AddCookie(cookie)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

// kioskCookie starts a kiosk session and returns its cookie.
func kioskCookie(b *testing.B, h http.Handler) *http.Cookie {
	w := call(h, nil, "GET", "/kiosk", nil)
	for _, c := range w.Result().Cookies() {
		if c.Name == sessionCookie {
			return c
		}
	}
	b.Fatal("no session cookie")
	return nil
}

// nextDay moves the clock to 10:30 of the next open day.
func nextDay(h *harness) {
	st, _ := h.store.Settings()
	t := h.clock.Now()
	for {
		t = fo.DayStart(t, shanghai).AddDate(0, 0, 1).Add(10*time.Hour + 30*time.Minute)
		if !st.IsClosedDate(t) && st.Hours[t.Weekday()].IsOpen() {
			h.clock.Set(t)
			return
		}
	}
}

// BenchmarkKioskCheckIn measures the kiosk's check-in request (POST
// /kiosk/checkin, the confirm button) on 10,000 archives, with fsync: the
// appointment checked in, the queue number given, the staff chat told,
// the Telegram link token made. Target ≤ 5 ms.
func BenchmarkKioskCheckIn(b *testing.B) {
	h := benchHarness(b)
	handler := h.srv.Handler()
	cookie := kioskCookie(b, handler)
	var spent time.Duration
	given := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		// A busy lobby: a check-in every 30 s, so that link tokens expire
		// (15 min) as they do in the shop.
		h.clock.Advance(30 * time.Second)
		if given == 990 || h.clock.Now().In(shanghai).Hour() >= 16 {
			nextDay(h)
			given = 0
		}
		now := h.clock.Now()
		day := fo.DayStart(now, shanghai)
		start := day.Add(now.Sub(day).Truncate(30 * time.Minute)).Add(30 * time.Minute) // the next slot
		a, err := h.store.Book(fo.BookRequest{ServiceID: "inspect", Start: start, Plate: fmt.Sprintf("沪B%05d", i%100000),
			Customer: fo.CustomerInput{Name: "顾客", Phone: fmt.Sprintf("137%08d", i)}, Source: "bench"})
		if err != nil {
			b.Fatal(err)
		}
		if w := call(handler, cookie, "POST", "/kiosk/find", url.Values{"mode": {"code"}, "code": {a.Code}}); w.Code != http.StatusSeeOther {
			b.Fatalf("find: %d %s", w.Code, w.Body)
		}
		b.StartTimer()
		t0 := time.Now()
		w := call(handler, cookie, "POST", "/kiosk/checkin", url.Values{})
		spent += time.Since(t0)
		b.StopTimer()
		if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/kiosk/done" {
			b.Fatalf("check-in: %d %s", w.Code, w.Body)
		}
		given++
		// Free the bay again for the next booking.
		if _, err := h.store.SetAppointmentStatus(a.ID, fo.AptNoShow, "bench"); err != nil {
			b.Fatal(err)
		}
		call(handler, cookie, "POST", "/kiosk/reset", url.Values{})
		b.StartTimer()
	}
	b.ReportMetric(float64(spent.Microseconds())/1000/float64(b.N), "ms/checkin")
}

// BenchmarkKioskWalkIn measures a walk-in registration (POST
// /kiosk/walkin): parsing, the archive created (ARC-1), the visit, the
// queue number, the link token. Target ≤ 5 ms.
func BenchmarkKioskWalkIn(b *testing.B) {
	h := benchHarness(b)
	handler := h.srv.Handler()
	cookie := kioskCookie(b, handler)
	var spent time.Duration
	given := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		h.clock.Advance(30 * time.Second) // a walk-in every 30 s: link tokens expire as in the shop
		if given == 990 || h.clock.Now().In(shanghai).Hour() >= 16 {
			nextDay(h)
			given = 0
		}
		form := url.Values{"province": {"粤"}, "plate": {fmt.Sprintf("B%05d", i%100000)}, "phone": {fmt.Sprintf("136%08d", i)},
			"name": {"王五"}, "service": {"repair"}, "concern": {"雷达报警"}, "consent": {"yes"}}
		b.StartTimer()
		t0 := time.Now()
		w := call(handler, cookie, "POST", "/kiosk/walkin", form)
		spent += time.Since(t0)
		b.StopTimer()
		if w.Code != http.StatusSeeOther {
			b.Fatalf("walk-in: %d %s", w.Code, w.Body)
		}
		given++
		call(handler, cookie, "POST", "/kiosk/reset", url.Values{})
		b.StartTimer()
	}
	b.ReportMetric(float64(spent.Microseconds())/1000/float64(b.N), "ms/walkin")
}

// BenchmarkKioskFindByPlate measures the plate + last-4-digits lookup
// (POST /kiosk/find) among 10,000 archives.
func BenchmarkKioskFindByPlate(b *testing.B) {
	h := benchHarness(b)
	h.book("13812345678", "京A12345", "张三", at(27, 11, 0))
	handler := h.srv.Handler()
	cookie := kioskCookie(b, handler)
	form := url.Values{"mode": {"plate"}, "province": {"京"}, "plate": {"A12345"}, "last4": {"5678"}}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if w := call(handler, cookie, "POST", "/kiosk/find", form); w.Code != http.StatusSeeOther {
			b.Fatalf("find: %d %s", w.Code, w.Body)
		}
	}
}

// assetRe finds what a page loads: scripts, style sheets, images.
var assetRe = regexp.MustCompile(`(?:src|href)="([^"]+)"`)

// pageWeight fetches every kiosk screen, as a visitor reaches it, with the
// assets it references, and returns the bytes of each screen (HTML plus
// assets) and every URL referenced.
func pageWeight(tb testing.TB, h *harness) (map[string]int, []string) {
	tb.Helper()
	a := h.book("13812345678", "京A12345", "张三", at(27, 11, 0))
	handler := h.srv.Handler()
	w := call(handler, nil, "GET", "/kiosk", nil)
	var cookie *http.Cookie
	for _, c := range w.Result().Cookies() {
		cookie = c
	}
	weights := map[string]int{}
	var refs []string
	page := func(name, path string) {
		w := call(handler, cookie, "GET", path, nil)
		if w.Code != 200 {
			tb.Fatalf("%s: %d", path, w.Code)
		}
		total := w.Body.Len()
		for _, m := range assetRe.FindAllStringSubmatch(w.Body.String(), -1) {
			ref := m[1]
			refs = append(refs, ref)
			if !strings.HasPrefix(ref, "/static/") {
				continue // links to other screens
			}
			aw := call(handler, nil, "GET", ref, nil)
			if aw.Code != 200 {
				tb.Fatalf("%s: %d", ref, aw.Code)
			}
			total += aw.Body.Len()
		}
		weights[name] = total
	}
	page("start", "/kiosk")
	page("appointment", "/kiosk/appointment")
	page("walkin", "/kiosk/walkin")
	call(handler, cookie, "POST", "/kiosk/find", url.Values{"mode": {"code"}, "code": {a.Code}})
	page("confirm", "/kiosk/confirm")
	call(handler, cookie, "POST", "/kiosk/checkin", url.Values{})
	page("done", "/kiosk/done")
	page("board", "/board")
	return weights, refs
}

// Every kiosk screen with all its assets stays under 150 KB and refers to
// nothing outside the kiosk's own server.
func TestKioskPageWeight(t *testing.T) {
	h := newHarness(t)
	weights, refs := pageWeight(t, h)
	for name, n := range weights {
		if n > 150<<10 {
			t.Errorf("%s weighs %d bytes", name, n)
		}
		t.Logf("%s: %d bytes", name, n)
	}
	for _, r := range refs {
		if !strings.HasPrefix(r, "/") || strings.HasPrefix(r, "//") {
			t.Errorf("reference leaving the machine: %s", r)
		}
	}
}

// BenchmarkKioskPage reports the heaviest kiosk screen with all its assets
// (target ≤ 150 KB; every reference local) and times serving the heaviest
// one, the result screen with its QR code, from its session.
func BenchmarkKioskPage(b *testing.B) {
	h := benchHarness(b)
	weights, refs := pageWeight(b, h)
	heaviest := 0
	for _, n := range weights {
		heaviest = max(heaviest, n)
	}
	for _, r := range refs {
		if !strings.HasPrefix(r, "/") || strings.HasPrefix(r, "//") {
			b.Fatalf("reference leaving the machine: %s", r)
		}
	}
	handler := h.srv.Handler()
	var cookie *http.Cookie
	ss := h.srv.kiosk.sessions
	ss.mu.Lock()
	for _, s := range ss.m {
		if s.done != nil {
			cookie = &http.Cookie{Name: sessionCookie, Value: s.id}
		}
	}
	ss.mu.Unlock()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if w := call(handler, cookie, "GET", "/kiosk/done", nil); w.Code != 200 {
			b.Fatalf("done: %d", w.Code)
		}
	}
	b.ReportMetric(float64(heaviest), "bytes/page")
}

// BenchmarkBoardLatency measures the time from store.CallNext to the board
// event arriving at a connected SSE client over HTTP (target ≤ 2 s).
func BenchmarkBoardLatency(b *testing.B) {
	h := benchHarness(b)
	for i := 0; i < 3; i++ {
		walkIn(b, h, fmt.Sprintf("1331234%04d", i), fmt.Sprintf("京C%05d", i))
	}
	v, err := h.store.CallNext(0, "bench")
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ch := openEvents(b, ctx, h.ts.URL)
	nextBoard(b, ch, 5*time.Second)
	var spent, worst time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		if _, err := h.store.CallNext(v.ID, "bench"); err != nil { // a call again: the board changes
			b.Fatal(err)
		}
		select {
		case ev := <-ch:
			d := ev.at.Sub(t0)
			spent += d
			worst = max(worst, d)
		case <-time.After(5 * time.Second):
			b.Fatal("no board event")
		}
	}
	b.ReportMetric(float64(spent.Microseconds())/1000/float64(b.N), "ms/event")
	b.ReportMetric(float64(worst.Microseconds())/1000, "ms-worst")
}
