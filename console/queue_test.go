package console

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// #9: a parked message and a parked due entry appear on /staff/queue for a
// supervisor (the customer's chat masked), not for the reception; the
// retry button (POST with CSRF) puts the message back in the outbox.
func TestQueuePageRetry(t *testing.T) {
	h := newConHarness(t)
	parkForTest(t, h)

	li := h.login("li")
	if r := li.get("/staff/queue"); r.status != http.StatusForbidden {
		t.Errorf("reception got the queue page: %d", r.status)
	}
	zhao := h.login("zhao")
	page := zhao.get("/staff/queue")
	if page.status != http.StatusOK {
		t.Fatalf("queue page: %d %s", page.status, excerpt(page.body))
	}
	for _, want := range []string{`href="/staff/queue"`, "test:parked", "***234", "Internal Server Error", "无法读取的记录 raw:", "unknown due entry", ">8<"} {
		if !strings.Contains(page.body, want) {
			t.Errorf("queue page lacks %q", want)
		}
	}
	if strings.Contains(page.body, "13800001234") {
		t.Errorf("the customer's chat id is shown unmasked")
	}
	if home := li.get("/staff/today"); strings.Contains(home.body, `href="/staff/queue"`) {
		t.Errorf("the reception's navigation links the queue page")
	}

	ps, _ := h.store.Parked()
	var id string
	for _, p := range ps {
		if p.Queue == fo.QueueOutbox {
			id = p.ID
		}
	}
	if r := zhao.post("/staff/queue/retry", url.Values{"queue": {"outbox"}, "id": {id}, "csrf": {"forged"}}); r.status != http.StatusForbidden {
		t.Errorf("retry without the CSRF token: %d", r.status)
	}
	if r := li.post("/staff/queue/retry", url.Values{"queue": {"outbox"}, "id": {id}}); r.status != http.StatusForbidden {
		t.Errorf("retry by the reception: %d", r.status)
	}
	if r := zhao.post("/staff/queue/retry", url.Values{"queue": {"nope"}, "id": {id}}); r.status != http.StatusBadRequest {
		t.Errorf("retry of an unknown queue: %d", r.status)
	}
	if r := zhao.post("/staff/queue/retry", url.Values{"queue": {"outbox"}, "id": {"99999"}}); r.status != http.StatusNotFound {
		t.Errorf("retry of an unknown entry: %d", r.status)
	}
	r := zhao.post("/staff/queue/retry", url.Values{"queue": {"outbox"}, "id": {id}})
	after := zhao.follow(r)
	if !strings.Contains(after.body, "已重新排队") || strings.Contains(after.body, "test:parked") {
		t.Errorf("after retry: %s", excerpt(after.body))
	}
	es, _, _ := h.store.Pending(h.clock.Now().Add(time.Second), 10)
	found := false
	for _, e := range es {
		found = found || (e.Message.Key == "test:parked" && e.Tries == 0)
	}
	if !found {
		t.Errorf("retried message not waiting to go: %+v", es)
	}
	if st, _ := h.store.QueueStats(h.clock.Now()); st.OutboxParked != 0 || st.DueParked != 1 {
		t.Errorf("stats = %+v", st)
	}
}

// parkForTest parks a message to customer chat 13800001234 (8 failed
// tries with 500) and an unreadable due entry.
func parkForTest(t *testing.T, h *conHarness) {
	t.Helper()
	const chat = int64(13800001234)
	if err := h.store.Enqueue(fo.Message{Key: "test:parked", ChatID: chat, Text: "hello"}); err != nil {
		t.Fatal(err)
	}
	for try := 1; try <= fo.MaxQueueTries; try++ {
		es, _, err := h.store.Pending(h.clock.Now(), 10)
		if err != nil || len(es) == 0 {
			t.Fatalf("try %d: pending %v %v", try, es, err)
		}
		if err := h.store.MarkFailed(es[0].Seq, "Internal Server Error", false); err != nil {
			t.Fatal(err)
		}
		h.clock.Advance(fo.QueueBackoff(try))
	}
	h.store.DB().Update(func(tx *bolt.Tx) error {
		k := append(make([]byte, 8), "nosuchkind:1"...)
		return tx.Bucket([]byte("due")).Put(k, nil)
	})
	if _, err := h.store.RunDue(h.clock.Now()); err != nil {
		t.Fatal(err)
	}

}

// The queue page in Chromium, in both languages, and its retry button.
func TestBrowserQueue(t *testing.T) {
	h := newConHarness(t)
	parkForTest(t, h)
	b := newConBrowser(t, h)
	b.login("zhao")
	b.goTo("/staff/queue", `!!document.querySelector("button")`)
	b.shot("queue_zh")
	b.submit(`#parked-outbox-1 button`, `!!document.querySelector("#outbox-none")`)
	b.shot("queue_retried_zh")
	if body := b.Eval(`document.body.innerText`); !strings.Contains(body, "已重新排队") {
		t.Errorf("no note after the retry: %s", body)
	}
}
