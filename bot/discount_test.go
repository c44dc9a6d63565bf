package bot

import (
	"testing"

	fo "frontoffice"
)

// DEL-3: the reception's discount ask reaches the supervisor's chat with
// two buttons; a reception member's press is refused politely and changes
// nothing; the supervisor's approval is recorded with their name and the
// staff chat told; a second press says it is decided.
func TestDiscountApprovedInTelegramDEL3(t *testing.T) {
	h := newHarness(t)
	h.afterSales()
	h.start()
	v := h.inWorkshop("周杰", "13912345678", "京A54321", 0, fo.ZH)
	if _, err := h.store.SetReady(v.ID, fo.CompleteChecklist, "staff:li"); err != nil {
		t.Fatal(err)
	}
	if _, err := h.store.AskDiscount(v.ID, 6800, "老客户回馈", "staff:li"); err != nil {
		t.Fatal(err)
	}
	ask := h.wait(zhaoUser, "折扣申请", "老客户回馈")
	ok := fo.DiscountButtonData(true, v.ID)
	if !ask.HasButton(ok) || !ask.HasButton(fo.DiscountButtonData(false, v.ID)) {
		t.Fatalf("ask buttons %+v", ask.Buttons)
	}
	up := h.srv.Press(staffChat, liTG, 1, ok)
	h.handled(up)
	if a := h.answered(up); a != h.T(fo.ZH, "discount.not_supervisor") {
		t.Errorf("reception's press answered %q", a)
	}
	if got, _ := h.store.Visit(v.ID); got.DiscountAsk.Status != fo.DiscountPending {
		t.Fatalf("a reception press decided: %+v", got.DiscountAsk)
	}
	up = h.srv.Press(zhaoUser, zhaoTG, ask.ID, ok)
	h.handled(up)
	h.wait(zhaoUser, "老客户回馈", "✅ 已批准（")
	h.wait(staffChat, "折扣已批准", "staff:zhao")
	if got, _ := h.store.Visit(v.ID); got.DiscountAsk.Status != fo.DiscountApproved || got.DiscountAsk.DecidedBy != "staff:zhao" {
		t.Fatalf("after approval %+v", got.DiscountAsk)
	}
	up = h.srv.Press(zhaoUser, zhaoTG, ask.ID, fo.DiscountButtonData(false, v.ID))
	h.handled(up)
	if a := h.answered(up); a != h.T(fo.ZH, "discount.decided") {
		t.Errorf("second press answered %q", a)
	}
}
