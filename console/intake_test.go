package console

import (
	"testing"

	fo "frontoffice"
	"frontoffice/internal/sigdraw"
	"frontoffice/internal/webtest"
)

// INT-3: the intake form's suggested promise follows the workshop. With
// every bay taken by a car promised at 15:00, a 120-minute job handed over
// at 09:00 waits for the first bay to free: 15:00 + 120 + 30 = 17:30, not
// the empty workshop's 11:30.
func TestIntakeSuggestsPromiseWithLoadINT3(t *testing.T) {
	h := newConHarness(t)
	st, _ := h.store.Settings()
	st.Bays = 1
	if err := h.store.SaveSettings(st); err != nil {
		t.Fatal(err)
	}
	busy := h.walkIn("张三", "13900000011", "京B11112", "repair")
	if _, err := h.store.CallNext(0, "staff:li"); err != nil {
		t.Fatal(err)
	}
	if _, err := h.store.Intake(fo.IntakeRequest{Signature: sigdraw.Pad("客户"), VisitID: busy.ID, WorkOrder: webtest.WorkOrder(conAt(27, 15, 0)), By: "staff:li"}); err != nil {
		t.Fatal(err)
	}
	v := h.walkIn("王五", "13900000001", "京B11111", "repair")
	c := h.login("li")
	page := c.get("/staff/visits/" + itoa(v.ID))
	loc := st.Location()
	want := fo.FormatWhen(fo.ZH, conAt(27, 17, 30), loc)
	empty := fo.FormatWhen(fo.ZH, fo.SuggestPromise(fo.HandoverTime(conAt(27, 9, 0)), 120), loc)
	if empty == want {
		t.Fatal("the test cannot tell a loaded workshop from an empty one")
	}
	mustContain(t, "intake with a full workshop", page.body, want)
	mustNotContain(t, "intake with a full workshop", page.body, empty)
}
