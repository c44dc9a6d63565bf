package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	fo "frontoffice"
	"frontoffice/internal/telegramtest"
)

func enqueue(t *testing.T, h *harness, msgs ...fo.Message) {
	t.Helper()
	if err := h.store.Enqueue(msgs...); err != nil {
		t.Fatal(err)
	}
}

// okSends returns the successful sends to chat, oldest first.
func okSends(h *harness, chat int64) []telegramtest.Call {
	var out []telegramtest.Call
	for _, c := range h.srv.Calls("sendMessage", "sendDocument", "editMessageText") {
		if c.Code == 200 && c.ChatID() == chat {
			out = append(out, c)
		}
	}
	return out
}

// TestSenderPerChatLimit keeps Telegram's real limits: messages to one
// chat arrive at least a second apart, in order, and a chat waiting for its
// turn does not hold up another.
func TestSenderPerChatLimit(t *testing.T) {
	h := newHarness(t, realLimits)
	const a, b = int64(6001), int64(6002)
	for i := range 3 {
		enqueue(t, h,
			fo.Message{Key: fmt.Sprintf("t:a:%d", i), ChatID: a, Text: fmt.Sprintf("a%d", i)},
			fo.Message{Key: fmt.Sprintf("t:b:%d", i), ChatID: b, Text: fmt.Sprintf("b%d", i)})
	}
	h.start()
	if !h.srv.WaitFor(func() bool { return len(okSends(h, a))+len(okSends(h, b)) == 6 }, 10*time.Second) {
		t.Fatalf("sent %d+%d of 6", len(okSends(h, a)), len(okSends(h, b)))
	}
	for _, chat := range []int64{a, b} {
		calls := okSends(h, chat)
		for i := 1; i < len(calls); i++ {
			if gap := calls[i].At.Sub(calls[i-1].At); gap < time.Second {
				t.Errorf("chat %d: messages %d and %d only %v apart", chat, i-1, i, gap)
			}
			if want := fmt.Sprintf("%c%d", "ab"[map[int64]int{a: 0, b: 1}[chat]], i); calls[i].Params["text"] != want {
				t.Errorf("chat %d: message %d is %q, want %q", chat, i, calls[i].Params["text"], want)
			}
		}
	}
	// b0 went out before a1: b did not wait for a's second.
	if okSends(h, b)[0].At.After(okSends(h, a)[1].At) {
		t.Errorf("chat b waited for chat a")
	}
	h.drained()
	sent, _ := h.store.SentKeys("t:")
	if len(sent) != 6 {
		t.Errorf("sent keys = %v", sent)
	}
}

// TestSenderRetryAfter: a 429 with retry_after pauses sending that long,
// then the message goes out once.
func TestSenderRetryAfter(t *testing.T) {
	h := newHarness(t)
	h.srv.RateLimit("sendMessage", 1, 2)
	const chat = int64(6003)
	enqueue(t, h, fo.Message{Key: "t:429", ChatID: chat, Text: "after the flood"})
	h.start()
	h.wait(chat, "after the flood")
	calls := h.srv.Calls("sendMessage")
	if len(calls) != 2 || calls[0].Code != 429 || calls[1].Code != 200 {
		t.Fatalf("calls = %+v", calls)
	}
	if gap := calls[1].At.Sub(calls[0].At); gap < 2*time.Second {
		t.Errorf("retried after %v, Telegram asked for 2 s", gap)
	}
	h.drained()
	if n := h.count(chat, "after the flood"); n != 1 {
		t.Errorf("sent %d times", n)
	}
}

// TestSenderServerErrorBacksOff: a 502 while Telegram is up is the
// entry's own failure: it waits its own back-off (fake clock) while a
// message to another chat goes out at once, then goes out once.
func TestSenderServerErrorBacksOff(t *testing.T) {
	h := newHarness(t)
	var results resultLog
	h.onSend = results.add
	h.srv.FailText("eventually", telegramtest.Failure{Code: 502, Description: "Bad Gateway"})
	const chat, other = int64(6004), int64(6009)
	enqueue(t, h, fo.Message{Key: "t:502", ChatID: chat, Text: "eventually"})
	h.start()
	h.srv.WaitFor(func() bool { return len(h.srv.Calls("sendMessage")) == 1 }, waitLong)
	h.srv.ClearRules()
	enqueue(t, h, fo.Message{Key: "t:other", ChatID: other, Text: "at once"})
	h.wait(other, "at once")
	if n := h.count(chat, "eventually"); n != 0 {
		t.Fatalf("retried before its back-off")
	}
	h.tick(fo.QueueBackoff(1))
	h.wait(chat, "eventually")
	if n := h.count(chat, "eventually"); n != 1 {
		t.Errorf("sent %d times", n)
	}
	if got := results.String(); !strings.HasPrefix(got, "retry ok ") {
		t.Errorf("OnSend results = %q", got)
	}
}

// TestSenderPermanentFailure: a chat that blocked the bot gets one try,
// the message goes to the dead letters, other chats go on.
func TestSenderPermanentFailure(t *testing.T) {
	h := newHarness(t)
	const blocked, fine = int64(6005), int64(6006)
	h.srv.Block(blocked)
	enqueue(t, h,
		fo.Message{Key: "t:blocked", ChatID: blocked, Text: "to a blocked chat"},
		fo.Message{Key: "t:fine", ChatID: fine, Text: "to a fine chat"})
	h.start()
	h.wait(fine, "to a fine chat")
	h.drained()
	time.Sleep(100 * time.Millisecond) // a retry would come now
	n := 0
	for _, c := range h.srv.Calls("sendMessage") {
		if c.ChatID() == blocked {
			n++
			if c.Code != 403 {
				t.Errorf("call to the blocked chat answered %d", c.Code)
			}
		}
	}
	if n != 1 {
		t.Errorf("the blocked chat was tried %d times", n)
	}
	if !strings.Contains(h.logs.String(), "bot was blocked by the user") {
		t.Errorf("the refusal was not logged:\n%s", h.logs.String())
	}
}

// TestSenderKinds sends each kind of outbox message: inline buttons, the
// contact keyboard and its removal, an edit, an edit of a message that is
// gone (sent anew), and documents with and without a renderer.
func TestSenderKinds(t *testing.T) {
	h := newHarness(t)
	h.docs = fakeDocs{}
	const chat = int64(6007)
	enqueue(t, h,
		fo.Message{Key: "k:1", ChatID: chat, Text: "buttons", Buttons: [][]fo.Button{{{Text: "A", Data: "m:book"}}}},
		fo.Message{Key: "k:2", ChatID: chat, Text: "contact please", AskContact: true, Lang: fo.EN},
		fo.Message{Key: "k:3", ChatID: chat, Text: "thanks", RemoveKeyboard: true},
		fo.Message{Key: "k:4", ChatID: chat, Text: "edited", EditMessageID: 1},
		fo.Message{Key: "k:5", ChatID: chat, Text: "edit of nothing", EditMessageID: 999},
		fo.Message{Key: "k:6", ChatID: chat, Text: "your slip", Lang: fo.ZH, Document: &fo.Document{Kind: "slip", Ref: 7, Name: "slip.pdf"}},
	)
	h.start()
	h.wait(chat, "your slip")
	msgs := h.srv.Messages(chat)
	if len(msgs) != 5 {
		t.Fatalf("chat has %d messages:\n%s", len(msgs), h.dump(chat))
	}
	if msgs[0].Text != "edited" || msgs[0].Edits != 1 || len(msgs[0].Buttons) != 0 {
		t.Errorf("message 1 after the edit = %+v", msgs[0])
	}
	if !msgs[1].AskContact || msgs[1].Keyboard[0] != "📱 Share my number" {
		t.Errorf("contact keyboard = %+v", msgs[1])
	}
	if !msgs[2].RemoveKeyboard {
		t.Errorf("keyboard not removed: %+v", msgs[2])
	}
	if msgs[3].Text != "edit of nothing" {
		t.Errorf("the failed edit was not sent anew: %+v", msgs[3])
	}
	if d := msgs[4].Document; d == nil || d.Name != "slip.pdf" || string(d.Data) != "%PDF slip 7 zh" || msgs[4].Text != "your slip" {
		t.Errorf("document = %+v", msgs[4])
	}

	// Without a renderer the document's text goes alone.
	h.stop()
	h.docs = nil
	enqueue(t, h, fo.Message{Key: "k:7", ChatID: chat, Text: "card as text", Document: &fo.Document{Kind: "card", Ref: 1, Name: "card.pdf"}})
	h.start()
	m := h.wait(chat, "card as text")
	if m.Document != nil {
		t.Errorf("sent a document without a renderer")
	}
}

type fakeDocs struct{}

func (fakeDocs) Render(_ context.Context, d fo.Document, lang fo.Lang) ([]byte, error) {
	if d.Ref == 0 {
		return nil, errors.New("nothing to print")
	}
	return fmt.Appendf(nil, "%%PDF %s %d %s", d.Kind, d.Ref, lang), nil
}

// TestSenderHeldBack: a message with NotBefore waits for it (the fake
// clock) and then goes out.
func TestSenderHeldBack(t *testing.T) {
	h := newHarness(t)
	const chat = int64(6008)
	enqueue(t, h, fo.Message{Key: "t:later", ChatID: chat, Text: "good morning", NotBefore: monday0900.Add(time.Hour)})
	h.start()
	time.Sleep(100 * time.Millisecond)
	if n := len(okSends(h, chat)); n != 0 {
		t.Fatalf("sent before NotBefore")
	}
	h.clock.Advance(time.Hour)
	// A commit wakes the sender, as the scheduler's would.
	enqueue(t, h, fo.Message{Key: "t:now", ChatID: chat + 1, Text: "wake"})
	h.wait(chat, "good morning")
}

// TestSenderNeverTwice runs many messages through two restarts and a rate
// limit and checks that each was sent exactly once.
func TestSenderNeverTwice(t *testing.T) {
	h := newHarness(t)
	h.srv.RateLimit("sendMessage", 2, 1)
	var want []string
	for i := range 30 {
		chat := int64(6100 + i%5)
		text := fmt.Sprintf("msg-%02d", i)
		want = append(want, text)
		enqueue(t, h, fo.Message{Key: "n:" + text, ChatID: chat, Text: text})
	}
	h.start()
	time.Sleep(50 * time.Millisecond)
	h.restart()
	time.Sleep(50 * time.Millisecond)
	h.restart()
	h.drained()
	seen := map[string]int{}
	for _, c := range h.srv.Calls("sendMessage") {
		if c.Code == 200 {
			seen[c.Params["text"]]++
		}
	}
	for _, w := range want {
		if seen[w] != 1 {
			t.Errorf("%s sent %d times", w, seen[w])
		}
	}
}

// TestSenderBacklogDoesNotStarve: a backlog of more than a batch to one
// chat does not hold up a message to another chat queued after it.
func TestSenderBacklogDoesNotStarve(t *testing.T) {
	h := newHarness(t)
	h.limits.PerChat = 100 * time.Millisecond
	const busy, other = int64(6201), int64(6202)
	var msgs []fo.Message
	for i := range 2*sendBatch + 10 {
		msgs = append(msgs, fo.Message{Key: fmt.Sprintf("b:%d", i), ChatID: busy, Text: fmt.Sprintf("backlog %d", i)})
	}
	enqueue(t, h, msgs...)
	enqueue(t, h, fo.Message{Key: "b:other", ChatID: other, Text: "not stuck"})
	h.start()
	h.wait(other, "not stuck")
	if n := len(okSends(h, busy)); n > 20 {
		t.Errorf("the other chat waited for %d messages of the busy one", n)
	}
}
