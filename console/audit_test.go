package console

import (
	"frontoffice/internal/sigdraw"
	"net/http"
	"net/url"
	"strings"
	"testing"

	fo "frontoffice"
)

// The audit page (issue 12 item 6): admins see who changed what, filtered by
// day, staff and record; other roles are refused.
func TestConsoleAuditPage(t *testing.T) {
	h := newConHarness(t)
	admin := h.login("admin")
	v := h.walkIn("王五", "13900000001", "京B11111", "repair")

	// Changes made through the console name the account.
	if r := admin.post("/staff/accounts/disable", url.Values{"login": {"wang"}}); r.status != http.StatusSeeOther {
		t.Fatalf("disable: %d %s", r.status, excerpt(r.body))
	}
	if _, err := h.store.SetReady(v.ID, fo.CompleteChecklist, "staff:li"); err == nil {
		t.Fatal("ready before intake")
	}
	if _, err := h.store.Intake(fo.IntakeRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, WorkOrder: fo.WorkOrder{}, By: "staff:li"}); err == nil {
		t.Fatal("empty work order taken")
	}

	page := admin.get("/staff/audit")
	if page.status != http.StatusOK {
		t.Fatalf("audit page: %d %s", page.status, excerpt(page.body))
	}
	mustContain(t, "audit page", page.body, `id="audit"`, "操作日志", `href="/staff/audit"`, "账号", "disable", "disabled", "<td>admin</td>")
	if n := strings.Count(page.body, `class="audit-row"`); n < 3 { // check-in, accounts, settings …
		t.Errorf("%d rows", n)
	}

	// By staff: only the admin's own change.
	mine := admin.get("/staff/audit?" + url.Values{"day": {"2026-11-27"}, "by": {"staff:admin"}}.Encode())
	if n := strings.Count(mine.body, `class="audit-row"`); n != 1 {
		t.Errorf("admin's rows: %d %s", n, excerpt(mine.body))
	}
	// By record.
	rec := admin.get("/staff/audit?" + url.Values{"kind": {"visit"}, "ref": {"1"}}.Encode())
	if n := strings.Count(rec.body, `class="audit-row"`); n != 1 || !strings.Contains(rec.body, "create") {
		t.Errorf("visit rows: %d %s", n, excerpt(rec.body))
	}
	// Another day has none.
	other := admin.get("/staff/audit?day=2026-11-26")
	mustContain(t, "other day", other.body, `id="audit-empty"`)
	// An unknown kind is refused with a message.
	if r := admin.get("/staff/audit?kind=nope"); r.status != http.StatusBadRequest || !strings.Contains(r.body, "未知的记录类型") {
		t.Errorf("bad kind: %d", r.status)
	}

	// Not for other roles, nor a link for them.
	for _, login := range []string{"li", "zhao"} {
		c := h.login(login)
		if r := c.get("/staff/audit"); r.status != http.StatusForbidden {
			t.Errorf("%s on the audit page: %d", login, r.status)
		}
		if r := c.get("/staff/archives"); strings.Contains(r.body, `href="/staff/audit"`) {
			t.Errorf("%s sees the audit link", login)
		}
	}
}
