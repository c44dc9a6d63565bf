package data

import (
	"errors"
	"strings"
	"testing"

	fo "frontoffice"
	"frontoffice/internal/sigdraw"
)

// DEL-3: the reception asks a supervisor for a discount; the supervisors
// are asked with buttons; only a supervisor decides, once; the reception
// may then settle with up to the approved discount, recorded as that
// supervisor's with the reason asked — and not a fen more.
func TestDiscountAskedInTelegramDEL3(t *testing.T) {
	s, _ := newTestStore(t)
	v := readyJob(t, s, "13900000091", "京B99991", 30000)
	if _, err := s.AskDiscount(v.ID, 40000, "老客户", "staff:li"); !errors.Is(err, fo.ErrDiscountAsk) {
		t.Fatalf("a discount above the bill: %v", err)
	}
	if _, err := s.AskDiscount(v.ID, 3000, "", "staff:li"); !errors.Is(err, fo.ErrDiscountAsk) {
		t.Fatalf("a discount without a reason: %v", err)
	}
	got, err := s.AskDiscount(v.ID, 3000, "老客户", "staff:li")
	if err != nil || got.DiscountAsk.Status != fo.DiscountPending {
		t.Fatalf("ask: %+v %v", got.DiscountAsk, err)
	}
	var ask *fo.Message
	for _, m := range pending(t, s) {
		if strings.Contains(m.Text, "折扣申请") {
			ask = &m
		}
	}
	if ask == nil || len(ask.Buttons) != 1 || ask.Buttons[0][0].Data != fo.DiscountButtonData(true, v.ID) || !strings.Contains(ask.Text, "老客户") {
		t.Fatalf("the supervisors' ask: %+v", ask)
	}
	// Before the decision, the reception cannot settle with it.
	set := fo.Settlement{Amount: 27000, Paid: 27000}
	if _, err := s.Deliver(fo.DeliverRequest{VisitID: v.ID, Settlement: set, Signature: sigdraw.Pad("王五"), By: "staff:li"}); fo.ErrorCode(err) != fo.EFORBIDDEN {
		t.Fatalf("settled before the approval: %v", err)
	}
	if _, err := s.DecideDiscount(v.ID, true, "li"); !errors.Is(err, fo.ErrNotSupervisor) {
		t.Fatalf("reception approving its own ask: %v", err)
	}
	if _, err := s.DecideDiscount(v.ID, true, "zhao"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DecideDiscount(v.ID, false, "zhao"); !errors.Is(err, fo.ErrNotAllowed) {
		t.Fatalf("decided twice: %v", err)
	}
	// Not a fen more than approved.
	if _, err := s.Deliver(fo.DeliverRequest{VisitID: v.ID, Settlement: fo.Settlement{Amount: 26999, Paid: 26999}, Signature: sigdraw.Pad("王五"), By: "staff:li"}); fo.ErrorCode(err) != fo.EFORBIDDEN {
		t.Fatalf("more than approved: %v", err)
	}
	done, err := s.Deliver(fo.DeliverRequest{VisitID: v.ID, Settlement: set, Signature: sigdraw.Pad("王五"), By: "staff:li"})
	if err != nil {
		t.Fatal(err)
	}
	if st := done.Settlement; st.Discount != 3000 || st.DiscountBy != "staff:zhao" || st.DiscountReason != "老客户" || st.By != "staff:li" {
		t.Fatalf("settlement %+v", st)
	}
}
