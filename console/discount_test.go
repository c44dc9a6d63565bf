package console

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	fo "frontoffice"
	"frontoffice/internal/sigdraw"
)

// DEL-3 at the desk: the reception asks for a discount (a bad ask gets a
// message and changes nothing); once a supervisor approved it in
// Telegram, the delivery form offers it and the reception settles with
// it, recorded as the supervisor's.
func TestConsoleDiscountAskDEL3(t *testing.T) {
	h := newConHarness(t)
	li := h.login("li")
	v := h.walkIn("王五", "13900000001", "京B11111", "repair")
	if _, err := h.store.Intake(fo.IntakeRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, WorkOrder: testWorkOrder(conAt(27, 12, 0))}); err != nil {
		t.Fatal(err)
	}
	h.store.SetReady(v.ID, fo.CompleteChecklist, "test")
	if page := li.get(visitPath(v.ID)); !strings.Contains(page.body, `id="discount-form"`) {
		t.Fatal("no discount ask for the reception")
	}
	r := li.post(visitPath(v.ID)+"/discount", url.Values{"amount": {"30"}, "reason": {""}})
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "请填写折扣金额") {
		t.Fatalf("ask without a reason: %d %s", r.status, excerpt(r.body))
	}
	if got, _ := h.store.Visit(v.ID); got.DiscountAsk != nil {
		t.Fatal("a bad ask was recorded")
	}
	r = li.post(visitPath(v.ID)+"/discount", url.Values{"amount": {"30"}, "reason": {"老客户"}})
	if page := li.follow(r); !strings.Contains(page.body, "等待主管批准") {
		t.Fatalf("after the ask: %s", excerpt(page.body))
	}
	if _, err := h.store.DecideDiscount(v.ID, true, "zhao"); err != nil {
		t.Fatal(err)
	}
	page := li.get(visitPath(v.ID))
	if !strings.Contains(page.body, `id="discount-approved"`) || !strings.Contains(page.body, `name="discount" inputmode="decimal" value="30.00"`) {
		t.Fatalf("approved discount not offered: %s", excerpt(page.body))
	}
	r = li.post(visitPath(v.ID)+"/deliver", signed(url.Values{"amount": {"300"}, "discount": {"30"}, "paid": {"270"}}))
	if r.status != http.StatusSeeOther {
		t.Fatalf("deliver with the approved discount: %d %s", r.status, excerpt(r.body))
	}
	got, _ := h.store.Visit(v.ID)
	if got.Status != fo.VisitDelivered || got.Settlement.Discount != 3000 || got.Settlement.DiscountBy != "staff:zhao" || got.Settlement.DiscountReason != "老客户" {
		t.Fatalf("settlement %+v", got.Settlement)
	}
}
