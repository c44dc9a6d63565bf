package bot

import (
	"strconv"
	"strings"
	"testing"
	"time"

	fo "frontoffice"
	"frontoffice/internal/telegramtest"
)

// TestAdditionalWorkINT6: the workshop finds additional work; the customer
// approves one item and declines another with the buttons in the chat.
// Each answer is recorded with its time, the question shows it, the staff
// chat is told. A second press, a press from another customer's chat and
// forged data change nothing.
func TestAdditionalWorkINT6(t *testing.T) {
	h := newHarness(t)
	h.start()
	chat := int64(9301)
	u := telegramtest.Customer(chat, "zh")
	v := h.inWorkshop("周杰", "13912345678", "京A54321", chat, fo.ZH)
	add := func(desc string) {
		t.Helper()
		if _, _, err := h.store.AddWork(fo.AddWorkRequest{VisitID: v.ID, Description: desc, Reason: "刹车片磨损到极限",
			Price: 48000, ExtraMinutes: 60, Safety: true, By: "staff:li"}); err != nil {
			t.Fatal(err)
		}
	}
	add("更换前刹车片")
	ask := h.wait(chat, "更换前刹车片", "涉及行车安全")
	id := strconv.FormatUint(v.ID, 10)
	if !ask.HasButton("aw:ok:"+id+":1") || !ask.HasButton("aw:no:"+id+":1") {
		t.Fatalf("question buttons: %+v", ask.Buttons)
	}

	// Another customer's chat pressing forged data: stale, nothing changes.
	mallory := int64(9302)
	if _, err := h.store.Book(fo.BookRequest{ServiceID: "inspect", Start: monday0900.Add(26 * time.Hour), Source: "bot", By: "customer:bot",
		Plate: "京D12345", Customer: fo.CustomerInput{Name: "Mallory", Phone: "13500000000", ChatID: mallory}}); err != nil {
		t.Fatal(err)
	}
	h.drained()
	for _, d := range []string{"aw:ok:" + id + ":1", "aw:no:" + id + ":1", "aw:ok:" + id + ":01", "aw:ok:" + id + ":9", "aw:ok:0:1"} {
		up := h.srv.Press(mallory, telegramtest.Customer(mallory, "zh"), 1, d)
		h.handled(up)
		if a := h.answered(up); a != h.T(fo.ZH, "err.stale") {
			t.Errorf("forged %s answered %q", d, a)
		}
	}
	if got, _ := h.store.Visit(v.ID); got.Additional[0].Status != fo.AddPending {
		t.Fatalf("INT-6: a forged press answered the work: %+v", got.Additional[0])
	}

	// The customer approves: the answer and its time are recorded and shown.
	h.clock.Advance(7 * time.Minute)
	h.press(chat, u, "同意")
	when := fo.FormatWhen(fo.ZH, h.clock.Now(), h.locOf())
	edited := h.wait(chat, "更换前刹车片", "✅ 您已同意（"+when+"）")
	if edited.ID != ask.ID || len(edited.Buttons) != 0 {
		t.Errorf("the question after the answer: %+v", edited)
	}
	h.wait(chat, "您同意了追加项目“更换前刹车片”")
	h.wait(staffChat, "追加项目已同意", "更换前刹车片", "customer:bot")
	got, _ := h.store.Visit(v.ID)
	aw := got.Additional[0]
	if aw.Status != fo.AddApproved || !aw.AnsweredAt.Equal(h.clock.Now()) || aw.AnsweredBy != "customer:bot" ||
		!got.WorkOrder.PromisedAt.Equal(aw.NewPromisedAt) {
		t.Errorf("INT-6: work after approval %+v, promised %v", aw, got.WorkOrder.PromisedAt)
	}
	// A second press (the other button) changes nothing.
	up := h.srv.Press(chat, u, ask.ID, "aw:no:"+id+":1")
	h.handled(up)
	if a := h.answered(up); a != h.T(fo.ZH, "err.stale") {
		t.Errorf("second press answered %q", a)
	}
	if again, _ := h.store.Visit(v.ID); again.Additional[0].Status != fo.AddApproved || !again.Additional[0].AnsweredAt.Equal(aw.AnsweredAt) {
		t.Errorf("a second press changed the answer: %+v", again.Additional[0])
	}

	// A second item, declined.
	add("更换后刹车片")
	h.wait(chat, "更换后刹车片")
	h.press(chat, u, "aw:no:"+id+":2")
	h.wait(chat, "更换后刹车片", "🚫 您已拒绝（")
	h.wait(staffChat, "追加项目被拒绝", "更换后刹车片")
	if got, _ := h.store.Visit(v.ID); got.Additional[1].Status != fo.AddDeclined {
		t.Errorf("second item %+v", got.Additional[1])
	}
	if n := h.count(chat, "您同意了追加项目"); n != 1 {
		t.Errorf("the approval was acknowledged %d times", n)
	}
	h.dumpChats(t, chat)
}

func (h *harness) locOf() *time.Location {
	st := h.settings()
	return st.Location()
}

// FuzzParseWorkData: the additional-work callback data parser accepts only
// what AddWork writes, and reads it back exactly.
func FuzzParseWorkData(f *testing.F) {
	for _, s := range []string{"aw:ok:1:1", "aw:no:42:3", "aw:ok:0:1", "aw:ok:1:0", "aw:ok:01:1", "aw:yes:1:1", "aw:ok:1", "aw:ok:1:1:1",
		"aw:ok:18446744073709551615:999", "aw:ok:18446744073709551616:1", "aw:no:7:1000", "aw:ok:-1:1", "aw:ok:+1:1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		w, ok := parseWorkData(s)
		if !ok {
			return
		}
		if w.visit == 0 || w.n < 1 || w.n > maxWorkItems {
			t.Fatalf("%q parsed to %+v", s, w)
		}
		verb := "no"
		if w.approve {
			verb = "ok"
		}
		if back := "aw:" + verb + ":" + strconv.FormatUint(w.visit, 10) + ":" + strconv.Itoa(w.n); back != s {
			t.Fatalf("%q parsed to %+v, written back %q", s, w, back)
		}
		if !strings.HasPrefix(s, "aw:") || len(s) > fo.MaxCallbackData {
			t.Fatalf("%q accepted", s)
		}
	})
}
