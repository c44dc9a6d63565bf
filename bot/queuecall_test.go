package bot

import (
	"strings"
	"testing"

	fo "frontoffice"
)

// Issue 11 item 6 through the fake Bot API server: checked-in customers'
// chats get the queue number and how many are ahead (zh and en), then the
// call "W002，请到前台。" at once; a kiosk walk-in whose typed phone is
// on file under someone else (pending, ARC-2) is never messaged, and that
// someone's chat hears nothing of it.
func TestQueueTicketAndCallReachTheChat(t *testing.T) {
	h := newHarness(t)
	const zhChat, enChat = 5101, 5102
	first, err := h.store.CheckIn(fo.CheckInRequest{Customer: fo.CustomerInput{Name: "Anna", Phone: "13900000011", ChatID: enChat, Lang: fo.EN},
		Plate: "京B11111", ServiceID: "radar", Source: "console", By: "staff:li"})
	if err != nil {
		t.Fatal(err)
	}
	second, err := h.store.CheckIn(fo.CheckInRequest{Customer: fo.CustomerInput{Name: "王五", Phone: "13900000022", ChatID: zhChat, Lang: fo.ZH},
		Plate: "京B22222", ServiceID: "radar", Source: "console", By: "staff:li"})
	if err != nil {
		t.Fatal(err)
	}
	// The kiosk: someone types 王五's phone with another plate.
	guest, err := h.store.CheckIn(fo.CheckInRequest{Customer: fo.CustomerInput{Name: "陌生人", Phone: "13900000022"},
		Plate: "沪C33333", ServiceID: "radar", Source: "kiosk", By: "kiosk", Unproven: true})
	if err != nil {
		t.Fatal(err)
	}
	h.start()
	h.wait(enChat, "your queue number is W001", "nobody is ahead of you")
	h.wait(zhChat, "您的排队号是 W002", "前面还有 1 位")

	if v, err := h.store.CallNext(0, "staff:li"); err != nil || v.ID != first.ID {
		t.Fatalf("first call %+v %v", v, err)
	}
	h.wait(enChat, "W001, please come to the desk.")
	if v, err := h.store.CallNext(0, "staff:li"); err != nil || v.ID != second.ID {
		t.Fatalf("second call %+v %v", v, err)
	}
	h.wait(zhChat, "W002，请到前台。")
	if _, err := h.store.CallNext(guest.ID, "staff:li"); err != nil {
		t.Fatal(err)
	}
	if _, err := h.store.Recall(guest.ID, "staff:li"); err != nil {
		t.Fatal(err)
	}
	h.drained()
	if got := strings.Join(h.sentTo(zhChat), "\n"); strings.Contains(got, guest.QueueNo) || len(h.sentTo(zhChat)) != 2 {
		t.Errorf("王五's chat heard of the kiosk walk-in %s:\n%s", guest.QueueNo, got)
	}
	if n := len(h.sentTo(enChat)); n != 2 {
		t.Errorf("Anna's chat got %d messages:\n%s", n, h.dump(enChat))
	}
	h.dumpChats(t, zhChat, enChat)
}
