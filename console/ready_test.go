package console

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	fo "frontoffice"
)

// readyChecklist returns the mark-ready form with every box ticked (DEL-1).
func readyChecklist() url.Values {
	return url.Values{"cleaned": {"1"}, "checked": {"1"}, "belongings": {"1"}, "settlement": {"1"}}
}

// DEL-1: marking ready without the whole checklist is refused, the page
// naming the missing items; INT-6: unanswered additional work refuses it
// with its own message.
func TestConsoleReadyChecklistDEL1INT6(t *testing.T) {
	h := newConHarness(t)
	v := h.walkIn("王五", "13900000001", "京B11111", "repair")
	c := h.login("li")
	c.intake(visitPath(v.ID), conIntakeForm(conAt(27, 12, 0), "120"))
	r := c.post(visitPath(v.ID)+"/ready", url.Values{"checked": {"1"}, "belongings": {"1"}})
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "缺少：车辆清洗、结算单准备") {
		t.Fatalf("partial checklist: %d %s", r.status, excerpt(r.body))
	}
	if got, _ := h.store.Visit(v.ID); got.Status != fo.VisitWorkshop {
		t.Fatalf("status after refusal %s", got.Status)
	}
	c.post(visitPath(v.ID)+"/work", url.Values{"desc": {"更换刹车片"}, "reason": {"磨损到极限"}, "price": {"480"}, "minutes": {"60"}})
	c.get(visitPath(v.ID))
	r = c.post(visitPath(v.ID)+"/ready", readyChecklist())
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "追加项目尚待客户答复") {
		t.Fatalf("ready with pending work: %d %s", r.status, excerpt(r.body))
	}
	c.get(visitPath(v.ID))
	c.post(visitPath(v.ID)+"/work/1", url.Values{"answer": {"decline"}})
	c.get(visitPath(v.ID))
	if r := c.post(visitPath(v.ID)+"/ready", readyChecklist()); r.status != http.StatusSeeOther {
		t.Fatalf("ready: %d %s", r.status, excerpt(r.body))
	}
}

// 通知客户按期保养, REC-4: the reception's call list names the new kinds
// of call: the maintenance reminder and the late job's apology.
func TestConsoleCallKindsMaintLate(t *testing.T) {
	h := newConHarness(t)
	v := h.walkIn("王五", "13900000001", "京B11111", "repair")
	c := h.login("li")
	c.intake(visitPath(v.ID), conIntakeForm(conAt(27, 12, 0), "120"))
	if _, err := h.store.SaveArchive(fo.ArchiveEdit{VehicleID: v.VehicleID, Name: "王五", NextMaintenance: conAt(27, 0, 0).AddDate(0, 0, 3)}); err != nil {
		t.Fatal(err)
	}
	h.clock.Set(conAt(27, 12, 0))
	h.store.RunDue(h.clock.Now())
	page := c.get("/staff/pickups")
	for _, want := range []string{"保养提醒", "逾期致歉", "下次保养日期"} {
		if !strings.Contains(page.body, want) {
			t.Errorf("call list lacks %q: %s", want, excerpt(page.body))
		}
	}
}
