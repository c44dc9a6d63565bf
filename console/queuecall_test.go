package console

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	fo "frontoffice"
)

// chatTexts are the outbox's texts to chat, in order.
func chatTexts(t *testing.T, h *conHarness, chat int64) []string {
	t.Helper()
	es, _, err := h.store.Pending(h.clock.Now().Add(time.Hour), 1000)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		if e.Message.ChatID == chat {
			out = append(out, e.Message.Text)
		}
	}
	return out
}

// Issue 11 item 6: the desk recalls a called number that did not come
// (the chat told again, the board shows it again) or moves it back by N
// places (it waits again behind N others); bad input names the field and
// changes nothing; CSRF is checked.
func TestConsoleRecallAndMoveBack(t *testing.T) {
	h := newConHarness(t)
	me, err := h.store.CheckIn(fo.CheckInRequest{Customer: fo.CustomerInput{Name: "王五", Phone: "13900000001", ChatID: 8801, Consent: true},
		Plate: "京B11111", ServiceID: "repair", Source: "console", By: "staff:li"})
	if err != nil {
		t.Fatal(err)
	}
	w2 := h.walkIn("赵六", "13900000002", "京B22222", "repair")
	w3 := h.walkIn("钱七", "13900000003", "京B33333", "repair")
	c := h.login("li")
	if r := c.follow(c.post("/staff/call-next", nil)); r.status != http.StatusOK {
		t.Fatalf("call next: %d", r.status)
	}
	page := c.get("/staff/today")
	id := strconv.FormatUint(me.ID, 10)
	for _, want := range []string{`id="called-` + id + `"`, `action="/staff/visits/` + id + `/recall"`, `action="/staff/visits/` + id + `/move-back"`, "下一位：W002"} {
		if !strings.Contains(page.body, want) {
			t.Errorf("today page lacks %s", want)
		}
	}
	if got := chatTexts(t, h, 8801); len(got) != 2 || !strings.Contains(got[0], "前面没有人在等") || got[1] != "W001，请到前台。" {
		t.Fatalf("chat after the call: %q", got)
	}

	// Recall without the token: refused, nothing told.
	if r := c.post("/staff/visits/"+id+"/recall", url.Values{"csrf": {"x"}}); r.status != http.StatusForbidden {
		t.Errorf("recall without csrf: %d", r.status)
	}
	h.clock.Advance(time.Minute)
	r := c.post("/staff/visits/"+id+"/recall", nil)
	if r.status != http.StatusSeeOther || r.location != "/staff/today" {
		t.Fatalf("recall: %d %s", r.status, r.location)
	}
	if got := chatTexts(t, h, 8801); len(got) != 3 || got[2] != "W001，再次叫号，请到前台。" {
		t.Fatalf("chat after the recall: %q", got)
	}
	if b, _ := h.store.Board(); b.Now == nil || b.Now.QueueNo != "W001" || len(b.Recent) != 1 || b.Recent[0].QueueNo != "W001" {
		t.Errorf("board after recall %+v", b)
	}
	if page := c.follow(r); !strings.Contains(page.body, "已叫 2 次") || !strings.Contains(page.body, "已再次叫号") {
		t.Errorf("today after recall lacks the count or the note")
	}
	// A waiting number cannot be recalled.
	if r := c.post("/staff/visits/"+strconv.FormatUint(w2.ID, 10)+"/recall", nil); r.status != http.StatusBadRequest && r.status != http.StatusConflict && r.status != http.StatusForbidden {
		t.Errorf("recall of a waiting number: %d", r.status)
	}

	// Bad places: the field named, what was typed kept, nothing changed.
	for _, bad := range []string{"0", "21", "abc", "-1", ""} {
		r := c.post("/staff/visits/"+id+"/move-back", url.Values{"places": {bad}})
		if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "顺延位数须为 1 到 20") || !strings.Contains(r.body, `value="`+bad+`"`) && bad != "" {
			t.Errorf("move back %q: %d %s", bad, r.status, excerpt(r.body))
		}
	}
	if v, _ := h.store.Visit(me.ID); v.Status != fo.VisitCalled || len(v.QueueLog) != 2 {
		t.Fatalf("bad input changed the visit: %+v", v)
	}
	// Moved back 1: behind W002, before W003.
	h.clock.Advance(time.Minute)
	r = c.post("/staff/visits/"+id+"/move-back", url.Values{"places": {"1"}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("move back: %d %s", r.status, excerpt(r.body))
	}
	v, _ := h.store.Visit(me.ID)
	if v.Status != fo.VisitWaiting || v.QueueLog[2].Kind != fo.QueueEvMovedBack || v.QueueLog[2].Places != 1 || v.QueueLog[2].By != "staff:li" {
		t.Fatalf("after move back %+v", v)
	}
	if got := chatTexts(t, h, 8801); len(got) != 4 || !strings.Contains(got[3], "现在前面还有 1 位") {
		t.Fatalf("chat after the move: %q", got)
	}
	for _, want := range []uint64{w2.ID, me.ID, w3.ID} {
		got, err := h.store.CallNext(0, "staff:li")
		if err != nil || got.ID != want {
			t.Fatalf("queue after the move: called %s, want visit %d (%v)", got.QueueNo, want, err)
		}
	}
	// In English too.
	c.post("/staff/lang", url.Values{"lang": {"en"}, "back": {"/staff/today"}})
	if r := c.post("/staff/visits/"+id+"/move-back", url.Values{"places": {"99"}}); !strings.Contains(r.body, "Move back by 1 to 20 places.") {
		t.Errorf("English error: %s", excerpt(r.body))
	}
}
