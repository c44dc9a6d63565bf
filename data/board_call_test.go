package data

import (
	"errors"
	"flag"
	"fmt"
	"strings"
	"testing"
	"time"

	fo "frontoffice"
)

// chatTexts returns every text waiting for chat, in order.
func chatTexts(t *testing.T, s *Store, chat int64) []string {
	var out []string
	for _, m := range pending(t, s) {
		if m.ChatID == chat {
			out = append(out, m.Text)
		}
	}
	return out
}

// Issue 11 item 6: a checked-in customer's chat gets the queue number and
// how many are ahead, then the call, a recall, and a move back — each in
// the transaction of the change.
func TestQueueTicketCallRecallMoveBack(t *testing.T) {
	s, clock := newTestStore(t)
	a, err := s.Book(bookReq("13812345678", "京A12345", at(2026, 11, 27, 11, 0)))
	if err != nil {
		t.Fatal(err)
	}
	walkIn(t, s, "13900000001", "京B11111", 0)
	walkIn(t, s, "13900000002", "京B22222", 0)
	me := walkIn(t, s, "13900000003", "京B33333", 7003)
	got := chatTexts(t, s, 7003)
	if len(got) != 1 || !strings.Contains(got[0], "W003") || !strings.Contains(got[0], "前面还有 2 位") {
		t.Fatalf("ticket: %q", got)
	}
	// An appointment's check-in: the booking's chat (1000) hears it, with
	// three ahead.
	clock.Set(at(2026, 11, 27, 10, 45))
	va, err := s.CheckIn(fo.CheckInRequest{AppointmentID: a.ID, By: "kiosk"})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(chatTexts(t, s, 1000), "\n"); !strings.Contains(got, va.QueueNo+"（车牌 京A·12345），前面还有 3 位") {
		t.Errorf("appointment ticket: %q", got)
	}
	// The desk calls W001, W002, then W003 — its chat is told at once.
	for range 2 {
		if _, err := s.CallNext(0, "staff:li"); err != nil {
			t.Fatal(err)
		}
	}
	clock.Advance(30e9)
	v, err := s.CallNext(0, "staff:li")
	if err != nil || v.ID != me.ID {
		t.Fatalf("third call: %+v %v", v, err)
	}
	got = chatTexts(t, s, 7003)
	if len(got) != 2 || got[1] != "W003，请到前台。" {
		t.Fatalf("call: %q", got)
	}
	// Recall: told again, the board shows it again.
	if _, err := s.Recall(va.ID, "staff:li"); !errors.Is(err, fo.ErrNotAllowed) {
		t.Errorf("recall of a waiting number: %v", err)
	}
	clock.Advance(60e9)
	if v, err = s.Recall(me.ID, "staff:li"); err != nil {
		t.Fatal(err)
	}
	got = chatTexts(t, s, 7003)
	if len(got) != 3 || got[2] != "W003，再次叫号，请到前台。" {
		t.Fatalf("recall: %q", got)
	}
	if b, _ := s.Board(); b.Now == nil || b.Now.QueueNo != "W003" || b.Recent[0].QueueNo != "W003" {
		t.Errorf("board after recall: %+v", b)
	}
	// Moved back 1 place: behind the appointment's A001, the only one
	// waiting; it waits again and A001 is called next.
	clock.Advance(60e9)
	if _, err := s.MoveBack(me.ID, 0, "staff:li"); !errors.Is(err, fo.Errorf(fo.EINVALID, "err.move_back")) {
		t.Errorf("move back 0: %v", err)
	}
	if v, err = s.MoveBack(me.ID, 3, "staff:li"); err != nil || v.Status != fo.VisitWaiting {
		t.Fatalf("move back: %+v %v", v, err)
	}
	got = chatTexts(t, s, 7003)
	if len(got) != 4 || !strings.Contains(got[3], "现在前面还有 1 位") {
		t.Fatalf("moved: %q", got)
	}
	kinds := []string{}
	for _, e := range v.QueueLog {
		kinds = append(kinds, e.Kind)
	}
	if strings.Join(kinds, ",") != "called,recalled,moved_back" || v.QueueLog[2].Places != 1 || v.QueueLog[2].By != "staff:li" {
		t.Errorf("queue log %+v", v.QueueLog)
	}
	if _, err := s.MoveBack(me.ID, 1, "staff:li"); !errors.Is(err, fo.ErrNotAllowed) {
		t.Errorf("move back of a waiting number: %v", err)
	}
	if n, err := s.CallNext(0, "staff:li"); err != nil || n.ID != va.ID {
		t.Fatalf("next after move back: %+v %v", n, err)
	}
	if n, err := s.CallNext(0, "staff:li"); err != nil || n.ID != me.ID {
		t.Fatalf("then: %+v %v", n, err)
	}
}

// A kiosk walk-in whose typed phone matched someone else's archive
// (ARC-2, pending for the desk) is never messaged: not at check-in, not
// at the call; the archive's linked chat hears nothing.
func TestQueuePendingWalkInNeverMessaged(t *testing.T) {
	s, _ := newTestStore(t)
	her := walkIn(t, s, "13698765432", "沪C67890", 9001)
	before := len(chatTexts(t, s, 9001))
	v := kioskWalkIn(t, s, "陌生人", "13698765432", "沪C67890")
	if pms, _ := s.PendingMatches(); len(pms) != 1 || pms[0].VisitID != v.ID {
		t.Fatalf("pending %+v", pms)
	}
	if _, err := s.CallNext(her.ID, "staff:li"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CallNext(v.ID, "staff:li"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Recall(v.ID, "staff:li"); err != nil {
		t.Fatal(err)
	}
	// Her plate typed with a new phone: a new customer without a chat,
	// the vehicle pending; still nothing to her chat.
	byPlate := kioskWalkIn(t, s, "路人", "13511112222", "沪C67890")
	if _, err := s.CallNext(byPlate.ID, "staff:li"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.MoveBack(byPlate.ID, 1, "staff:li"); err != nil {
		t.Fatal(err)
	}
	got := chatTexts(t, s, 9001)
	// Her own visit's ticket and call only.
	if len(got) != before+1 || strings.Contains(strings.Join(got, ""), v.QueueNo) || strings.Contains(strings.Join(got, ""), byPlate.QueueNo) {
		t.Errorf("her chat got %q", got)
	}
	for _, m := range pending(t, s) {
		// Staff chats (negative ids) hear of every check-in; customers'
		// chats hear of their own visits only.
		if m.ChatID > 0 && (m.ChatID != 9001 || strings.Contains(m.Text, v.QueueNo) || strings.Contains(m.Text, byPlate.QueueNo)) {
			t.Errorf("the provisional walk-in was messaged: %+v", m)
		}
	}
}

// BenchmarkQueueCall200 measures a call and a move back (20 places, so the
// calls go round 21 visits) on a day of 200 visits with linked chats: each
// reads the day's visits for the queue order and writes the customer's
// message in the same transaction. Run with -benchtime 100x: every round
// lengthens the called visits' queue histories, which no real day does.
// With -args -sync the commits wait for the disk as in the shop.
func BenchmarkQueueCall200(b *testing.B) {
	var opts []storeOption
	if !*benchSync {
		opts = append(opts, noSync())
	}
	s, clock := newTestStore(b, opts...)
	var ids []uint64
	for i := range 200 {
		clock.Advance(30 * time.Second)
		v, err := s.CheckIn(fo.CheckInRequest{Customer: fo.CustomerInput{Name: "王五", Phone: fmt.Sprintf("139%08d", i), ChatID: int64(7000 + i), Consent: true},
			Plate: fmt.Sprintf("京B%05d", i), ServiceID: "repair", Source: "kiosk", By: "kiosk"})
		if err != nil {
			b.Fatal(err)
		}
		ids = append(ids, v.ID)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		v, err := s.CallNext(0, "staff:li")
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.MoveBack(v.ID, fo.MaxMoveBack, "staff:li"); err != nil {
			b.Fatal(err)
		}
	}
}

var benchSync = flag.Bool("sync", false, "BenchmarkQueueCall200: commit with fsync")
