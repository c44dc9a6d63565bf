package console

import (
	"frontoffice/internal/sigdraw"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	fo "frontoffice"
)

// INT-1, INT-2, FU-2: at reception the desk records the diagnosis and
// the estimate before any work order; a bad form comes back with what was
// typed and the field named; the customer's answer is recorded; a decline
// is kept and the visit leaves with its follow-up call; an agreement lets
// the work order start from the estimate. Both documents download.
func TestConsoleEstimateINT1(t *testing.T) {
	h := newAsHarness(t) // with the document renderer
	li := h.login("li")
	v := h.walkIn("王五", "13900000001", "京B11111", "repair")
	page := li.get(visitPath(v.ID))
	if !strings.Contains(page.body, `id="estimate-form"`) || !strings.Contains(page.body, `id="intake-form"`) {
		t.Fatalf("visit page without the estimate form: %s", excerpt(page.body))
	}
	form := url.Values{"purpose": {"倒车雷达报警"}, "diagnosis": {"左后探头损坏"}, "lines": {"1"},
		"l0_desc": {"更换左后探头"}, "l0_mode": {"symptom"}, "l0_labor": {"80"}, "l0_parts": {"120"}, "l0_source": {"shop"}, "l0_kind": {"original"},
		"minutes": {"60"}}
	// No consent: the diagnosis is refused, everything typed kept.
	r := li.post(visitPath(v.ID)+"/estimate", form)
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "诊断须先征得客户同意") || !strings.Contains(r.body, "左后探头损坏") ||
		!strings.Contains(r.body, `value="更换左后探头"`) || !strings.Contains(r.body, `<label class="wide bad">检测诊断结果`) {
		t.Fatalf("diagnosis without consent: %d %s", r.status, excerpt(r.body))
	}
	// An oversized amount is refused and named.
	big := cloneValues(form)
	big.Set("consent", "1")
	big.Set("l0_labor", "99999999")
	if r := li.post(visitPath(v.ID)+"/estimate", big); r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "金额须在 0 到") {
		t.Fatalf("oversized line: %d %s", r.status, excerpt(r.body))
	}
	form.Set("consent", "1")
	if r := li.post(visitPath(v.ID)+"/estimate", form); r.status != http.StatusSeeOther {
		t.Fatalf("estimate: %d %s", r.status, excerpt(r.body))
	}
	page = li.get(visitPath(v.ID))
	if !strings.Contains(page.body, "待客户确认") || !strings.Contains(page.body, `id="intake-blocked"`) || strings.Contains(page.body, `id="intake-form"`) ||
		!strings.Contains(page.body, `href="/staff/documents/estimate/`) || !strings.Contains(page.body, `href="/staff/documents/diagnosis/`) {
		t.Fatalf("proposed estimate page: %s", excerpt(page.body))
	}
	for _, kind := range []string{"estimate", "diagnosis"} {
		res, body := li.download("/staff/documents/" + kind + "/" + itoa64(v.ID))
		if res.StatusCode != http.StatusOK || !strings.HasPrefix(string(body), "%PDF") {
			t.Errorf("%s: %d", kind, res.StatusCode)
		}
	}
	// Declined: kept, and the visit leaves with the reason.
	if r := li.post(visitPath(v.ID)+"/estimate/decide", url.Values{"answer": {"decline"}, "reason": {"太贵"}}); r.status != http.StatusSeeOther {
		t.Fatalf("decline: %d %s", r.status, excerpt(r.body))
	}
	got, _ := h.store.Visit(v.ID)
	if e := got.CurrentEstimate(); e.Status != fo.EstimateDeclined || e.DeclineReason != "太贵" || e.DecidedBy != "staff:li" {
		t.Fatalf("declined %+v", e)
	}
	if r := li.post(visitPath(v.ID)+"/estimate/decide", url.Values{"answer": {"agree"}}); r.status != http.StatusConflict {
		t.Errorf("second answer: %d", r.status)
	}
	if r := li.post(visitPath(v.ID)+"/leave", url.Values{"fee": {"50"}}); r.status != http.StatusSeeOther {
		t.Fatalf("leave: %d %s", r.status, excerpt(r.body))
	}
	if got, _ = h.store.Visit(v.ID); got.Status != fo.VisitLeft || !strings.Contains(got.Concern, "太贵") || len(got.Estimates) != 1 {
		t.Errorf("left %+v", got)
	}

	// Agreed: the work order starts from the estimate.
	v2 := h.walkIn("赵六", "13900000002", "京B22222", "repair")
	if r := li.post(visitPath(v2.ID)+"/estimate", form); r.status != http.StatusSeeOther {
		t.Fatalf("estimate: %d %s", r.status, excerpt(r.body))
	}
	if r := li.post(visitPath(v2.ID)+"/estimate/decide", url.Values{"answer": {"agree"}}); r.status != http.StatusSeeOther {
		t.Fatalf("agree: %d %s", r.status, excerpt(r.body))
	}
	page = li.get(visitPath(v2.ID))
	if !strings.Contains(page.body, `id="from-estimate"`) || !strings.Contains(page.body, `id="intake-form"`) || !strings.Contains(page.body, "客户已同意") {
		t.Fatalf("agreed page: %s", excerpt(page.body))
	}
	wo := testWorkOrder(conAt(27, 12, 0))
	got, err := h.store.Intake(fo.IntakeRequest{Signature: sigdraw.Pad("客户"), VisitID: v2.ID, WorkOrder: wo, By: "staff:li"})
	if err != nil || len(got.WorkOrder.Lines) != 1 || got.WorkOrder.Lines[0].Description != "更换左后探头" || got.WorkOrder.Total() != 20000 {
		t.Errorf("work order %+v %v", got.WorkOrder, err)
	}
}

// APT-2: the deposit is recorded as paid on the visit (amount, time, who),
// a bad amount is refused with the field named and the input kept, and
// the settlement form asks only for what is left.
func TestConsoleDepositAPT2(t *testing.T) {
	h := newConHarness(t)
	li := h.login("li")
	v := h.walkIn("王五", "13900000001", "京B11111", "repair")
	for _, bad := range []string{"-5", "abc", "99999999"} {
		r := li.post(visitPath(v.ID)+"/deposit", url.Values{"amount": {bad}})
		if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, `value="`+bad+`"`) || !strings.Contains(r.body, `<label class="bad">已收定金`) {
			t.Errorf("deposit %q: %d %s", bad, r.status, excerpt(r.body))
		}
	}
	if r := li.post(visitPath(v.ID)+"/deposit", url.Values{"amount": {"100"}, "paid_at": {"2026-11-26T15:00"}}); r.status != http.StatusSeeOther {
		t.Fatalf("deposit: %d %s", r.status, excerpt(r.body))
	}
	got, _ := h.store.Visit(v.ID)
	if d := got.Deposit; d == nil || d.Amount != 10000 || d.By != "staff:li" || !d.PaidAt.Equal(conAt(26, 15, 0)) {
		t.Fatalf("deposit %+v", got.Deposit)
	}
	if _, err := h.store.Intake(fo.IntakeRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, WorkOrder: testWorkOrder(conAt(27, 12, 0))}); err != nil {
		t.Fatal(err)
	}
	h.store.SetReady(v.ID, fo.CompleteChecklist, "test")
	page := li.get(visitPath(v.ID))
	if !strings.Contains(page.body, `id="bill-due">¥200.00`) || !strings.Contains(page.body, `name="paid" inputmode="decimal" value="200.00"`) {
		t.Fatalf("settlement form: %s", excerpt(page.body))
	}
	if r := li.post(visitPath(v.ID)+"/deliver", url.Values{"amount": {"300"}, "paid": {"200"}}); r.status != http.StatusSeeOther {
		t.Fatalf("deliver: %d %s", r.status, excerpt(r.body))
	}
	if got, _ = h.store.Visit(v.ID); got.Settlement.Deposit != 10000 || got.Settlement.Receivable() != 0 {
		t.Errorf("settlement %+v", got.Settlement)
	}
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

func itoa64(n uint64) string { return strconv.FormatUint(n, 10) }

// INT-4: the leave form keeps what was typed and names the bad field
// (a negative or oversized fee).
func TestConsoleLeaveBadFee(t *testing.T) {
	h := newConHarness(t)
	li := h.login("li")
	v := h.walkIn("王五", "13900000001", "京B11111", "repair")
	for _, fee := range []string{"-1", "99999999"} {
		r := li.post(visitPath(v.ID)+"/leave", url.Values{"fee": {fee}, "reason": {"不做了"}})
		if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, `value="`+fee+`"`) || !strings.Contains(r.body, `value="不做了"`) ||
			!strings.Contains(r.body, `<label class="bad">诊断/估价费`) {
			t.Errorf("fee %s: %d %s", fee, r.status, excerpt(r.body))
		}
	}
	if got, _ := h.store.Visit(v.ID); got.Status != fo.VisitWaiting {
		t.Errorf("visit %s after a bad fee", got.Status)
	}
}
