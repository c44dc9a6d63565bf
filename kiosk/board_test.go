package kiosk

import (
	"bufio"
	"context"
	"encoding/json"
	fo "frontoffice"
	"net/http"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// sseEvent is one server-sent event.
type sseEvent struct {
	name string
	id   string
	data string
	at   time.Time // when it was read
}

// openEvents connects to the board's event stream and returns its events
// as they come; the channel closes when the stream ends.
func openEvents(tb testing.TB, ctx context.Context, base string) <-chan sseEvent {
	tb.Helper()
	req, _ := http.NewRequestWithContext(ctx, "GET", base+"/board/events", nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/event-stream") {
		tb.Fatalf("events: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	ch := make(chan sseEvent, 16)
	go func() {
		defer close(ch)
		defer res.Body.Close()
		br := bufio.NewReader(res.Body)
		var ev sseEvent
		for {
			line, err := br.ReadString('\n')
			if err != nil {
				return
			}
			line = strings.TrimRight(line, "\n")
			switch {
			case line == "":
				if ev.name != "" || ev.data != "" {
					ev.at = time.Now()
					ch <- ev
				}
				ev = sseEvent{}
			case strings.HasPrefix(line, "event: "):
				ev.name = line[len("event: "):]
			case strings.HasPrefix(line, "id: "):
				ev.id = line[len("id: "):]
			case strings.HasPrefix(line, "data: "):
				ev.data = line[len("data: "):]
			}
		}
	}()
	return ch
}

// nextBoard waits up to limit for the next board event.
func nextBoard(tb testing.TB, ch <-chan sseEvent, limit time.Duration) boardView {
	tb.Helper()
	select {
	case ev, ok := <-ch:
		if !ok {
			tb.Fatal("stream ended")
		}
		if ev.name != "board" {
			tb.Fatalf("event %q", ev.name)
		}
		var b boardView
		if err := json.Unmarshal([]byte(ev.data), &b); err != nil {
			tb.Fatal(err)
		}
		return b
	case <-time.After(limit):
		tb.Fatalf("no board event within %s", limit)
	}
	return boardView{}
}

func walkIn(tb testing.TB, h *harness, phone, plate string) {
	tb.Helper()
	_, err := h.store.CheckIn(fo.CheckInRequest{Customer: fo.CustomerInput{Name: "王五", Phone: phone, Consent: true},
		Plate: plate, ServiceID: "repair", Source: "kiosk"})
	if err != nil {
		tb.Fatal(err)
	}
}

// The board's stream sends the board at connect and a call within 2 s,
// plates masked; check-ins change the waiting count.
func TestBoardEvents(t *testing.T) {
	h := newHarness(t)
	walkIn(t, h, "13900000001", "京B11111")
	walkIn(t, h, "13900000002", "京B22222")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ch := openEvents(t, ctx, h.ts.URL)
	b := nextBoard(t, ch, 30*time.Second)
	if b.Now != nil || b.Waiting != 2 || len(b.Recent) != 0 {
		t.Fatalf("first board %+v", b)
	}
	if _, err := h.store.CallNext(0, "staff:li"); err != nil {
		t.Fatal(err)
	}
	b = nextBoard(t, ch, 30*time.Second)
	if b.Now == nil || b.Now.QueueNo != "W001" || b.Now.Plate != "京B·***11" || b.Waiting != 1 {
		t.Fatalf("after the call %+v", b)
	}
	walkIn(t, h, "13900000003", "京B33333")
	if b = nextBoard(t, ch, 30*time.Second); b.Waiting != 2 {
		t.Fatalf("after a check-in %+v", b)
	}
	h.store.CallNext(0, "staff:li")
	b = nextBoard(t, ch, 30*time.Second)
	if b.Now.QueueNo != "W002" || len(b.Recent) != 1 || b.Recent[0].QueueNo != "W001" || b.Recent[0].Plate != "京B·***11" {
		t.Fatalf("second call %+v", b)
	}
}

// CloseBoardStreams ends open streams, so that shutdown does not wait for
// the TVs; they reconnect to the next server and get the whole board.
func TestBoardStreamsEndAtShutdown(t *testing.T) {
	h := newHarness(t)
	walkIn(t, h, "13900000001", "京B11111")
	h.store.CallNext(0, "staff:li")
	ch := openEvents(t, context.Background(), h.ts.URL)
	nextBoard(t, ch, 30*time.Second)
	h.restart()
	select {
	case _, ok := <-ch:
		if ok {
			t.Fatal("an event after shutdown")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the stream outlived the shutdown")
	}
	ch = openEvents(t, context.Background(), h.ts.URL)
	if b := nextBoard(t, ch, 30*time.Second); b.Now == nil || b.Now.QueueNo != "W001" {
		t.Fatalf("after restart %+v", b)
	}
}

// The page and the JSON show the board, masked, in both languages.
func TestBoardPageAndState(t *testing.T) {
	h := newHarness(t)
	walkIn(t, h, "13900000001", "京B11111")
	walkIn(t, h, "13900000002", "沪C12345")
	h.store.CallNext(0, "staff:li")
	h.store.CallNext(0, "staff:li")
	c := h.client()
	r := c.get("/board")
	mustContain(t, "board", r.body, "当前叫号", "Now serving", `id="now-no">W002<`, "沪C·***45", "京B·***11", `src="/static/board.js"`)
	mustNotContain(t, "board", r.body, "京B11111", "沪C12345", "13900000001", "王五")
	if r.header.Get("Cache-Control") != "no-store" {
		t.Errorf("Cache-Control %q", r.header.Get("Cache-Control"))
	}
	r = c.get("/board/state")
	var b boardView
	if err := json.Unmarshal([]byte(r.body), &b); err != nil || b.Now.QueueNo != "W002" || b.Now.Plate != "沪C·***45" {
		t.Fatalf("state %s %v", r.body, err)
	}
}

func TestRemask(t *testing.T) {
	for in, want := range map[string]string{"京A12345": "京A·***45", "京A·***45": "京A·***45", "": ""} {
		if got := remask(in); got != want {
			t.Errorf("remask(%q) = %q", in, got)
		}
	}
}

// countingStore counts the board's reads of the store.
type countingStore struct {
	Store
	reads atomic.Int64
}

func (c *countingStore) Board() (fo.Board, error) {
	c.reads.Add(1)
	return c.Store.Board()
}

// Finding 6 (board): streams are capped, the one over the cap is refused
// (the page then polls /board/state, which still answers), and the board
// is read from the store once per change however many TVs listen.
func TestBoardStreamsCappedAndShared(t *testing.T) {
	var cs *countingStore
	h := newHarness(t, func(c *Config) {
		cs = &countingStore{Store: c.Store}
		c.Store = cs
	})
	walkIn(t, h, "13900000001", "京B11111")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var streams []<-chan sseEvent
	for range maxBoardStreams {
		ch := openEvents(t, ctx, h.ts.URL)
		if b := nextBoard(t, ch, 30*time.Second); b.Waiting != 1 {
			t.Fatalf("first board %+v", b)
		}
		streams = append(streams, ch)
	}
	res, err := http.Get(h.ts.URL + "/board/events")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("stream over the cap: %d", res.StatusCode)
	}
	if r := h.client().get("/board/state"); r.status != 200 || !strings.Contains(r.body, `"waiting":1`) {
		t.Errorf("polling over the cap: %d %s", r.status, r.body)
	}
	if n := cs.reads.Load(); n != 1 {
		t.Errorf("%d streams and a poll read the board %d times", maxBoardStreams, n)
	}
	if _, err := h.store.CallNext(0, "staff:li"); err != nil {
		t.Fatal(err)
	}
	for _, ch := range streams {
		if b := nextBoard(t, ch, 30*time.Second); b.Now == nil || b.Now.QueueNo != "W001" {
			t.Fatalf("after the call %+v", b)
		}
	}
	if n := cs.reads.Load(); n != 2 {
		t.Errorf("one change read the board %d times for %d streams", n-1, maxBoardStreams)
	}
	// A stream that ends frees its place.
	cancel()
	deadline := time.Now().Add(10 * time.Second)
	for {
		s := &h.srv.kiosk.board
		s.mu.Lock()
		open := s.open
		s.mu.Unlock()
		if open == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d streams still counted", open)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// BenchmarkBoardState measures a poll of /board/state on a day with 200
// visits: "shared" is the board's snapshot (read once per change), "store"
// reads and encodes the day for every poll, as each reader did before.
func BenchmarkBoardState(b *testing.B) {
	h := newHarnessAt(b, filepath.Join(b.TempDir(), "f.db"), true)
	for i := range 200 {
		walkIn(b, h, "139"+pad8(i), "京B"+pad5(i))
	}
	handler := h.srv.Handler()
	b.Run("shared", func(b *testing.B) {
		for b.Loop() {
			if w := call(handler, nil, "GET", "/board/state", nil); w.Code != 200 {
				b.Fatal(w.Code)
			}
		}
	})
	b.Run("store", func(b *testing.B) {
		for b.Loop() {
			bd, err := h.store.Board()
			if err != nil {
				b.Fatal(err)
			}
			json.Marshal(newBoardView(bd))
		}
	})
}
