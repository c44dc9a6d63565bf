package console

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	fo "frontoffice"
	"frontoffice/internal/sigdraw"
)

// padURL is what the signature pad posts for name's signature.
func padURL(name string) string {
	return "data:image/png;base64," + base64.StdEncoding.EncodeToString(sigdraw.PNG(name))
}

// signed adds the customer's pad signature to a form.
func signed(form url.Values) url.Values {
	form.Set(signatureField, padURL("王五"))
	return form
}

// intake posts the intake form and then the customer's signature on the
// pad (INT-4): the vehicle goes to the workshop. It returns the answer
// to the signature.
func (c *conClient) intake(path string, form url.Values) conResp {
	c.h.t.Helper()
	if r := c.post(path+"/intake", form); r.status != http.StatusSeeOther {
		c.h.t.Fatalf("intake: %d %s", r.status, excerpt(r.body))
	}
	return c.post(path+"/sign", signed(url.Values{}))
}

// INT-4 over HTTP: the saved work order awaits the customer's signature
// (the pad on the page, the Telegram note for a linked customer); an
// empty pad is refused with a message and changes nothing; the strokes
// send the car to the workshop and show on the page; the settlement is
// not handed over without the customer's signature on the pad.
func TestConsoleSignatureINT4(t *testing.T) {
	h := newConHarness(t)
	v := h.walkIn("王五", "13900000001", "京B11111", "repair")
	c := h.login("li")
	r := c.post(visitPath(v.ID)+"/intake", conIntakeForm(conAt(27, 12, 0), "120"))
	page := c.follow(r)
	for _, want := range []string{`id="awaiting-signature"`, `class="sigpad"`, `/static/signature.js`, "服务单已保存，请客户签字"} {
		if !strings.Contains(page.body, want) {
			t.Errorf("awaiting page lacks %q", want)
		}
	}
	if got, _ := h.store.Visit(v.ID); got.Status != fo.VisitWaiting || got.WorkOrder == nil || got.WorkOrder.Signed() {
		t.Fatalf("unsigned work order: %s", got.Status)
	}
	r = c.post(visitPath(v.ID)+"/sign", url.Values{signatureField: {""}})
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "请先在框内用手指签名") {
		t.Fatalf("empty pad: %d %s", r.status, excerpt(r.body))
	}
	if got, _ := h.store.Visit(v.ID); got.Status != fo.VisitWaiting {
		t.Fatal("an empty pad moved the car")
	}
	r = c.post(visitPath(v.ID)+"/sign", signed(url.Values{}))
	if r.status != http.StatusSeeOther {
		t.Fatalf("sign: %d %s", r.status, excerpt(r.body))
	}
	got, _ := h.store.Visit(v.ID)
	sig := got.WorkOrder.Signature
	if got.Status != fo.VisitWorkshop || sig.Via != fo.SignedOnPad || sig.By != "staff:li" || sig.Name != "王五" || sig.File == 0 || sig.PNG != nil {
		t.Fatalf("signed: %s %s %s %s %d", got.Status, sig.Via, sig.By, sig.Name, sig.File)
	}
	page = c.follow(r)
	img := "/staff/files/" + strconv.FormatUint(sig.File, 10)
	if !strings.Contains(page.body, `id="wo-signature"`) || !strings.Contains(page.body, `src="`+img+`"`) {
		t.Errorf("signature not shown: %s", excerpt(page.body))
	}
	// The strokes as kept: a small two-colour PNG, served to staff only.
	if r := c.get(img); r.status != http.StatusOK || !strings.HasPrefix(r.body, "\x89PNG") || len(r.body) > 6000 {
		t.Errorf("signature image: %d, %d bytes", r.status, len(r.body))
	}
	if r := h.client().get(img); r.status == http.StatusOK {
		t.Error("the signature image served without a login")
	}
	if r := c.get("/staff/files/999"); r.status != http.StatusNotFound {
		t.Errorf("unknown file: %d", r.status)
	}
	if r := c.post(visitPath(v.ID)+"/sign", signed(url.Values{})); r.status != http.StatusConflict {
		t.Errorf("signed twice: %d", r.status)
	}

	c.post(visitPath(v.ID)+"/ready", url.Values{"cleaned": {"1"}, "checked": {"1"}, "belongings": {"1"}, "settlement": {"1"}})
	r = c.post(visitPath(v.ID)+"/deliver", url.Values{"amount": {"300"}, "paid": {"300"}})
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "请先在框内用手指签名") || !strings.Contains(r.body, `value="300"`) {
		t.Fatalf("unsigned handover: %d %s", r.status, excerpt(r.body))
	}
	if got, _ := h.store.Visit(v.ID); got.Status != fo.VisitReady {
		t.Fatal("an unsigned handover delivered the car")
	}
	if r := c.post(visitPath(v.ID)+"/deliver", signed(url.Values{"amount": {"300"}, "paid": {"300"}})); r.status != http.StatusSeeOther {
		t.Fatalf("signed handover: %d %s", r.status, excerpt(r.body))
	}
	if got, _ := h.store.Visit(v.ID); got.Status != fo.VisitDelivered || got.Settlement.Signature.Via != fo.SignedOnPad {
		t.Fatalf("delivered: %s", got.Status)
	}
}
