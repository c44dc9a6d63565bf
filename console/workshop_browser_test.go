package console

import (
	"net/url"
	"testing"

	"github.com/chromedp/chromedp"

	fo "frontoffice"
)

// TestBrowserWorkshop shows the dispatch board (WS-1) in headless
// Chromium on the fake clock: an overrunning job in bay 1 with its team,
// a multi-day job without a bay, a waiting walk-in and a booking coming
// next, a bay conflict; a job is put in bay 2 through the page's form.
// Screenshots: testdata/artifacts/console_workshop_zh.png and _tv.png.
func TestBrowserWorkshop(t *testing.T) {
	h := newConHarness(t) // Friday 09:00
	st, _ := h.store.Settings()
	st.Bays = 2
	if err := h.store.SaveSettings(st); err != nil {
		t.Fatal(err)
	}
	if _, err := h.store.Book(fo.BookRequest{ServiceID: "maint", Start: conAt(27, 10, 0), Plate: "京A10009", Source: "bot",
		Customer: fo.CustomerInput{Name: "预约客户", Phone: "13500000009"}}); err != nil {
		t.Fatal(err)
	}
	short := h.toWorkshop(h.walkIn("短活", "13500000001", "京A10001", "repair"), 60)
	long := h.toWorkshop(h.walkIn("长活", "13500000002", "京A10002", "collision"), 600)
	h.walkIn("候车人", "13500000003", "京A10003", "maint")
	if _, err := h.store.AssignWorkshop(short.ID, 1, "t1", "staff:li"); err != nil {
		t.Fatal(err)
	}
	h.clock.Set(conAt(27, 10, 20))
	h.walkIn("又一位", "13500000004", "京A10004", "collision")
	h.walkIn("再一位", "13500000005", "京A10005", "collision")
	b := newConBrowser(t, h)
	b.login("li")
	b.goTo("/staff/workshop", `!!document.querySelector("#ws-bays")`)
	if got := b.Eval(`document.querySelector("#bay-1 .ws-clock").textContent.trim()`); got != "1:20 / 1:00 超时" {
		t.Errorf("bay 1 clock %q", got)
	}
	if got := b.Eval(`document.querySelector("#ws-conflicts").textContent`); got == "" {
		t.Error("no conflict shown")
	}
	b.shot("workshop_zh")
	b.Do(chromedp.Evaluate[chromedp.Void](`(() => { const f = document.querySelector('form[action="/staff/workshop/` + itoa(long.ID) + `/assign"]');
		f.querySelector('select[name=bay]').value = "2"; f.querySelector('select[name=team]').value = "t2"; f.id = "assign-long"; })()`))
	b.submit(`#assign-long button`, `!!document.querySelector(".flash")`)
	if v, _ := h.store.Visit(long.ID); v.Bay != 2 || v.Team != "t2" {
		t.Errorf("assigned through the page: bay %d team %q", v.Bay, v.Team)
	}
	b.goTo("/staff/workshop?"+url.Values{"tv": {"1"}}.Encode(), `!!document.querySelector("#ws-bays")`)
	b.shot("workshop_tv")
}
