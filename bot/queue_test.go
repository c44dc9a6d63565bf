package bot

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
	"frontoffice/internal/telegramtest"
)

// nudgeChat receives the messages that wake the sender after the fake
// clock moved (a commit that enqueues wakes it, as the scheduler's do).
const nudgeChat = int64(9999)

// tick advances the fake clock by d and wakes the sender.
func (h *harness) tick(d time.Duration) {
	h.t.Helper()
	h.clock.Advance(d)
	h.nudges++
	enqueue(h.t, h, fo.Message{Key: fmt.Sprintf("nudge:%d", h.nudges), ChatID: nudgeChat, Text: "nudge"})
}

// resultLog records Config.OnSend's results.
type resultLog struct {
	mu  sync.Mutex
	all []string
}

func (r *resultLog) add(s string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.all = append(r.all, s)
}

func (r *resultLog) String() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return strings.Join(r.all, " ") + " "
}

func (r *resultLog) has(s string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Contains(r.all, s)
}

// parked returns the store's parked entries.
func (h *harness) parked() []fo.ParkedEntry {
	h.t.Helper()
	p, err := h.store.Parked()
	if err != nil {
		h.t.Fatal(err)
	}
	return p
}

// announcements counts the parking notices in every chat.
func (h *harness) announcements(part string) int {
	n := 0
	for _, c := range h.srv.Calls("sendMessage") {
		if c.Code == 200 && strings.Contains(c.Params["text"], "已暂停") && strings.Contains(c.Params["text"], part) {
			n++
		}
	}
	return n
}

// TestPoisonMessageParked: a message Telegram refuses with 500 every time
// is retried on its own back-off and parked at its MaxQueueTries-th try,
// announced once; meanwhile every other chat gets its messages at once,
// the poisoned chat's later message waits (order) until the parking, and
// the console's retry sends it once Telegram takes it.
func TestPoisonMessageParked(t *testing.T) {
	h := newHarness(t)
	var results resultLog
	h.onSend = results.add
	h.srv.FailText("poison pill", telegramtest.Failure{Code: 500, Description: "Internal Server Error"})
	const a, b = int64(6301), int64(6302)
	enqueue(t, h,
		fo.Message{Key: "p:poison", ChatID: a, Text: "poison pill"},
		fo.Message{Key: "p:a2", ChatID: a, Text: "after the bad one"},
		fo.Message{Key: "p:b1", ChatID: b, Text: "b one"})
	h.start()
	h.wait(b, "b one")
	for try := 1; try < fo.MaxQueueTries; try++ {
		// Another chat is served at once whatever the poison's state.
		enqueue(t, h, fo.Message{Key: fmt.Sprintf("p:b:%d", try), ChatID: b, Text: fmt.Sprintf("b at try %d", try)})
		h.wait(b, fmt.Sprintf("b at try %d", try))
		if h.count(a, "after the bad one") != 0 {
			t.Fatalf("the chat's later message overtook the failing one at try %d", try)
		}
		h.srv.WaitFor(func() bool { return failedCalls(h, "poison pill") == try }, waitLong)
		h.tick(fo.QueueBackoff(try))
	}
	if _, ok := h.srv.WaitText(a, waitLong, "after the bad one"); !ok {
		t.Fatalf("later message never sent; %d poison calls; log:\n%s", failedCalls(h, "poison pill"), h.logs.String())
	}
	if n := failedCalls(h, "poison pill"); n != fo.MaxQueueTries {
		t.Errorf("poison tried %d times, want %d", n, fo.MaxQueueTries)
	}
	p := h.parked()
	if len(p) != 1 || p[0].Key != "p:poison" || p[0].Tries != fo.MaxQueueTries || !strings.Contains(p[0].Error, "Internal Server Error") || p[0].ChatID != a {
		t.Fatalf("parked = %+v", p)
	}
	if !h.srv.WaitFor(func() bool { return h.announcements("p:poison") == 1 }, waitLong) {
		t.Errorf("parking announced %d times", h.announcements("p:poison"))
	}
	if !results.has("parked") || !results.has("retry") || !results.has("ok") {
		t.Errorf("OnSend results = %s", results.String())
	}
	// No more tries once parked.
	h.tick(time.Hour)
	h.drained()
	if n := failedCalls(h, "poison pill"); n != fo.MaxQueueTries {
		t.Errorf("parked entry tried again: %d", n)
	}
	// Fixed and retried by staff: sent once; the notice is not repeated.
	h.srv.ClearRules()
	if err := h.store.RetryParked(fo.QueueOutbox, p[0].ID); err != nil {
		t.Fatal(err)
	}
	h.wait(a, "poison pill")
	h.drained()
	if n := h.count(a, "poison pill"); n != 1 {
		t.Errorf("sent %d times after the retry", n)
	}
	if len(h.parked()) != 0 || h.announcements("p:poison") != 1 {
		t.Errorf("after retry: parked %v, %d notices", h.parked(), h.announcements("p:poison"))
	}
	if st, _ := h.store.QueueStats(h.clock.Now()); st.OutboxParked != 0 || st.OutboxWaiting != 0 {
		t.Errorf("stats = %+v", st)
	}
}

func failedCalls(h *harness, part string) int {
	n := 0
	for _, c := range h.srv.Calls("sendMessage", "sendDocument") {
		if c.Code != 200 && strings.Contains(c.Params["text"]+c.Params["caption"], part) {
			n++
		}
	}
	return n
}

// TestUndecodableOutboxRecord: a damaged outbox record is parked by its
// sequence number, undecoded; the messages before and after it in its
// chat and in other chats go out.
func TestUndecodableOutboxRecord(t *testing.T) {
	h := newHarness(t)
	const a, b = int64(6311), int64(6312)
	enqueue(t, h,
		fo.Message{Key: "u:a1", ChatID: a, Text: "a one"},
		fo.Message{Key: "u:a2", ChatID: a, Text: "a two, damaged"},
		fo.Message{Key: "u:a3", ChatID: a, Text: "a three"},
		fo.Message{Key: "u:b1", ChatID: b, Text: "b one"})
	es, _, err := h.store.Pending(h.clock.Now(), 10)
	if err != nil || len(es) != 4 {
		t.Fatalf("pending %v %v", es, err)
	}
	damaged := es[1].Seq
	err = h.store.DB().Update(func(tx *bolt.Tx) error {
		k := make([]byte, 8)
		for i := range 8 {
			k[7-i] = byte(damaged >> (8 * i))
		}
		return tx.Bucket([]byte("outbox")).Put(k, []byte("\x00{garbage"))
	})
	if err != nil {
		t.Fatal(err)
	}
	h.start()
	h.wait(a, "a three")
	h.wait(b, "b one")
	h.wait(a, "a one")
	p := h.parked()
	if len(p) != 1 || p[0].ID != fmt.Sprint(damaged) || !strings.Contains(p[0].Error, "decode") || p[0].Key != "" {
		t.Fatalf("parked = %+v", p)
	}
	if !h.srv.WaitFor(func() bool { return h.announcements("outbox "+fmt.Sprint(damaged)) == 1 }, waitLong) {
		t.Errorf("damaged record not announced")
	}
}

// failingDocs cannot print one record (Ref 666).
type failingDocs struct{}

func (failingDocs) Render(ctx context.Context, d fo.Document, lang fo.Lang) ([]byte, error) {
	if d.Ref == 666 {
		return nil, errors.New("template broken")
	}
	return fakeDocs{}.Render(ctx, d, lang)
}

// TestDocumentCannotBeRendered: a document that fails to render is the
// entry's own failure (its back-off, other chats go on; Telegram is not
// even asked) and after renderTries its text goes alone.
func TestDocumentCannotBeRendered(t *testing.T) {
	h := newHarness(t)
	h.docs = failingDocs{}
	const a, b = int64(6321), int64(6322)
	enqueue(t, h,
		fo.Message{Key: "d:bad", ChatID: a, Text: "your card", Document: &fo.Document{Kind: "card", Ref: 666, Name: "card.pdf"}},
		fo.Message{Key: "d:good", ChatID: b, Text: "your slip", Document: &fo.Document{Kind: "slip", Ref: 7, Name: "slip.pdf"}})
	h.start()
	if m := h.wait(b, "your slip"); m.Document == nil {
		t.Errorf("the good document went without its file")
	}
	for try := 1; try < renderTries; try++ {
		enqueue(t, h, fo.Message{Key: fmt.Sprintf("d:b:%d", try), ChatID: b, Text: fmt.Sprintf("b at try %d", try)})
		h.wait(b, fmt.Sprintf("b at try %d", try))
		if h.count(a, "your card") != 0 {
			t.Fatalf("sent before its render tries were over")
		}
		h.tick(fo.QueueBackoff(try))
	}
	m := h.wait(a, "your card")
	if m.Document != nil {
		t.Errorf("a document that cannot be rendered was sent as a file")
	}
	if n := len(h.srv.Calls("getMyCommands")); n != 0 {
		t.Errorf("a render failure asked Telegram whether it is up (%d)", n)
	}
}

// TestTelegramDownForAnHour: Telegram answers nothing for an hour (fake
// clock) while messages keep coming; when it is back everything is
// delivered, in order per chat, none twice, nothing parked.
func TestTelegramDownForAnHour(t *testing.T) {
	h := newHarness(t)
	h.limits.DownBackoff = 10 * time.Millisecond
	var results resultLog
	h.onSend = results.add
	chats := []int64{6331, 6332, 6333}
	want := map[int64][]string{}
	n := 0
	add := func() {
		chat := chats[n%len(chats)]
		text := fmt.Sprintf("m%03d", n)
		enqueue(t, h, fo.Message{Key: "down:" + text, ChatID: chat, Text: text})
		want[chat] = append(want[chat], text)
		n++
	}
	for range 6 {
		add()
	}
	h.srv.Down(telegramtest.Failure{})
	h.start()
	h.srv.WaitFor(func() bool { return len(h.srv.Calls("getMyCommands")) >= 2 }, waitLong)
	for range 12 { // an hour in 5-minute steps, 3 new messages each
		h.clock.Advance(5 * time.Minute)
		for range 3 {
			add()
		}
		time.Sleep(20 * time.Millisecond)
	}
	h.srv.Up()
	for _, chat := range chats {
		last := want[chat][len(want[chat])-1]
		if _, ok := h.srv.WaitText(chat, 15*time.Second, last); !ok {
			t.Fatalf("chat %d: %q never came; got %v", chat, last, h.sentTo(chat))
		}
	}
	h.drained()
	for _, chat := range chats {
		if got := h.sentTo(chat); !slices.Equal(got, want[chat]) {
			t.Errorf("chat %d got %v, want %v", chat, got, want[chat])
		}
	}
	if p := h.parked(); len(p) != 0 {
		t.Errorf("an outage parked %v", p)
	}
	if !results.has("retry") {
		t.Errorf("OnSend results = %s", results.String())
	}
}
