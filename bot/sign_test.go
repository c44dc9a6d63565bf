package bot

import (
	"strconv"
	"strings"
	"testing"
	"time"

	fo "frontoffice"
	"frontoffice/internal/telegramtest"
)

// INT-4: a work order saved at the desk is sent to the customer's linked
// chat with the work order attached and one button; a press from another
// customer's chat is stale and changes nothing; the customer's tap is the
// signature on record (chat and time), the vehicle goes to the workshop,
// the staff chat is told and the customer thanked; a second tap only says
// it is signed. In Chinese and in English.
func TestOneTapSignatureINT4(t *testing.T) {
	for _, tc := range []struct {
		lang                      fo.Lang
		chat                      int64
		ask, button, done, thanks string
	}{
		{fo.ZH, 9401, "请核对后点击下方按钮签字确认", "同意并签字", "✅ 已签字确认（", "已收到您的签字确认"},
		{fo.EN, 9402, "tap the button below to sign", "I agree — sign", "✅ Signed (", "your approval is recorded"},
	} {
		t.Run(string(tc.lang), func(t *testing.T) {
			h := newHarness(t)
			h.docs = fakeDocs{} // the work order goes as a document
			h.start()
			u := telegramtest.Customer(tc.chat, string(tc.lang))
			v, err := h.store.CheckIn(fo.CheckInRequest{Customer: fo.CustomerInput{Name: "周杰", Phone: "13912345678", ChatID: tc.chat, Lang: tc.lang},
				Plate: "京A54321", ServiceID: "radar", Source: "kiosk", By: "kiosk"})
			if err != nil {
				t.Fatal(err)
			}
			now := h.clock.Now()
			if _, err := h.store.Intake(fo.IntakeRequest{VisitID: v.ID, WorkOrder: workOrder(now, now.Add(3*time.Hour)), By: "staff:li"}); err != nil {
				t.Fatal(err)
			}
			data := "sg:" + strconv.FormatUint(v.ID, 10)
			ask := h.wait(tc.chat, tc.ask)
			if !ask.HasButton(data) || ask.Document == nil {
				t.Fatalf("the question: buttons %+v, document %v", ask.Buttons, ask.Document != nil)
			}

			mallory := int64(9499)
			if _, err := h.store.Book(fo.BookRequest{ServiceID: "inspect", Start: monday0900.Add(26 * time.Hour), Source: "bot", By: "customer:bot",
				Plate: "京D12345", Customer: fo.CustomerInput{Name: "Mallory", Phone: "13500000000", ChatID: mallory}}); err != nil {
				t.Fatal(err)
			}
			h.drained()
			for _, d := range []string{data, "sg:0", "sg:0" + strconv.FormatUint(v.ID, 10)} {
				up := h.srv.Press(mallory, telegramtest.Customer(mallory, "zh"), 1, d)
				h.handled(up)
				if a := h.answered(up); a != h.T(fo.ZH, "err.stale") {
					t.Errorf("forged %s answered %q", d, a)
				}
			}
			if got, _ := h.store.Visit(v.ID); got.Status != fo.VisitWaiting || got.WorkOrder.Signed() {
				t.Fatalf("a forged press signed: %s", got.Status)
			}

			h.clock.Advance(3 * time.Minute)
			up := h.srv.Press(tc.chat, u, ask.ID, data)
			h.handled(up)
			if a := h.answered(up); !strings.HasPrefix(a, tc.done) {
				t.Errorf("tap answered %q", a)
			}
			got, _ := h.store.Visit(v.ID)
			sig := got.WorkOrder.Signature
			if got.Status != fo.VisitWorkshop || sig.Via != fo.SignedByTelegram || sig.ChatID != tc.chat || !sig.At.Equal(h.clock.Now()) {
				t.Fatalf("after the tap: %s %+v", got.Status, sig)
			}
			h.wait(tc.chat, tc.thanks)
			h.wait(staffChat, "京A·54321")
			up = h.srv.Press(tc.chat, u, ask.ID, data)
			h.handled(up)
			if a := h.answered(up); a != h.T(tc.lang, "sign.already") {
				t.Errorf("second tap answered %q", a)
			}
		})
	}
}
