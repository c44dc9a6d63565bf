package console

import (
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	fo "frontoffice"
	"frontoffice/internal/demo"
	"frontoffice/internal/webtest"
)

// The console in headless Chromium: a staff login, an intake and the move
// to ready, with screenshots of the console's pages in Chinese and English
// saved to testdata/artifacts/console_*.png (git-ignored) for a person to
// look at.

// conArtifacts is where the console's screenshots go.
const conArtifacts = "testdata/artifacts"

// conBrowser is a headless Chromium with a fresh profile that records the
// URL of every request (webtest.Browser), on the console harness h.
type conBrowser struct {
	*webtest.Browser
	tb testing.TB
	h  *conHarness
}

func newConBrowser(tb testing.TB, h *conHarness) *conBrowser {
	tb.Helper()
	return &conBrowser{Browser: webtest.NewBrowser(tb, 1366, 900), tb: tb, h: h}
}

// submit clicks sel and waits for the next page to be loaded and to hold
// the condition js.
func (b *conBrowser) submit(sel, js string) {
	b.tb.Helper()
	b.Do(chromedp.Evaluate[chromedp.Void](`window.oldPage = true`), chromedp.Click(chromedp.CSS(sel)))
	b.WaitFor(`!window.oldPage && document.readyState === "complete" && (`+js+`)`, 15*time.Second)
}

// shot saves a full-page screenshot as testdata/artifacts/console_<name>.png.
func (b *conBrowser) shot(name string) {
	b.tb.Helper()
	b.Screenshot(filepath.Join(conArtifacts, "console_"+name+".png"))
}

func (b *conBrowser) goTo(path, js string) {
	b.tb.Helper()
	b.Do(chromedp.Navigate(b.h.ts.URL + path))
	b.WaitFor(`document.readyState === "complete" && (`+js+`)`, 15*time.Second)
}

func (b *conBrowser) login(login string) {
	b.tb.Helper()
	b.goTo("/staff", `!!document.querySelector("#login-form")`)
	b.Do(chromedp.SendKeys(chromedp.CSS("#login"), login), chromedp.SendKeys(chromedp.CSS("#password"), conPassword))
	b.submit("#login-submit", `!!document.querySelector("#logout")`)
}

// TestBrowserConsole logs in as reception, calls the next customer, takes
// the vehicle in (INT-1..INT-5, with INT-2's live notice) and marks it
// ready; then it photographs every console page in both languages.
func TestBrowserConsole(t *testing.T) {
	h := newConHarness(t)
	b := newConBrowser(t, h)
	v := h.walkIn("王五", "13900000001", "京B11111", "repair")
	h.walkIn("Anna Müller", "13900000002", "京C22222", "radar")
	if _, err := h.store.Book(fo.BookRequest{ServiceID: "maint", Start: conAt(27, 10, 30), Plate: "京D33333", Source: "test", By: "test",
		Customer: fo.CustomerInput{Name: "张三", Phone: "13900000003"}}); err != nil {
		t.Fatal(err)
	}

	b.goTo("/staff", `!!document.querySelector("#login-form")`)
	b.shot("login_zh")
	b.login("li")
	if got := b.Eval(`location.pathname`); got != "/staff/today" {
		t.Fatalf("after login at %s", got)
	}
	b.shot("today_zh")

	// Call the next number: the reception lands on its intake.
	b.submit("#call-next", `!!document.querySelector("#intake-form")`)
	if got := b.Eval(`location.pathname`); got != visitPath(v.ID) {
		t.Fatalf("called into %s", got)
	}
	if got, _ := h.store.Visit(v.ID); got.Status != fo.VisitCalled {
		t.Fatalf("visit %s after the call", got.Status)
	}
	// INT-2, live: a customer-supplied part at a critical place.
	if b.Eval(`String(document.querySelector("#noguar-all").hidden)`) != "true" {
		t.Error("no-guarantee notice shown before any such line")
	}
	b.Do(chromedp.Evaluate[chromedp.Void](`for (const [n, v] of [["l0_source", "customer"], ["l0_kind", "original"]]) {
		const s = document.querySelector('#intake-form select[name="' + n + '"]'); s.value = v; s.dispatchEvent(new Event("change", {bubbles: true})) }`),
		chromedp.Click(chromedp.CSS(`#intake-form input[name="l0_critical"]`)))
	b.WaitFor(`document.querySelector("#noguar-all").hidden === false`, 5*time.Second)
	b.Do(chromedp.SendKeys(chromedp.CSS("#odometer"), "42000"),
		chromedp.SendKeys(chromedp.CSS("#key"), "K-17"),
		chromedp.SendKeys(chromedp.CSS("#receiver"), "车间 老张"),
		chromedp.SendKeys(chromedp.CSS(`textarea[name="belongings"]`), "雨伞\n行车记录仪"))
	b.shot("intake_zh")
	b.submit("#intake-submit", `!!document.querySelector("#sign-form")`)
	// INT-4: the customer signs the saved work order with a finger.
	b.Sign("#sign-form .sigpad")
	b.shot("sign_zh")
	b.submit("#sign-submit", `!!document.querySelector("#set-ready")`)
	got, _ := h.store.Visit(v.ID)
	if got.Status != fo.VisitWorkshop || got.WorkOrder == nil || got.WorkOrder.KeyNo != "K-17" || !got.WorkOrder.NoGuarantee() ||
		got.WorkOrder.Signature.Via != fo.SignedOnPad || got.WorkOrder.Signature.File == 0 {
		t.Fatalf("after intake: %s %+v", got.Status, got.WorkOrder)
	}
	b.shot("workshop_zh")

	// Ready (DEL-1) with the checklist ticked; the settlement form follows
	// the typed amounts.
	b.Do(chromedp.Click(chromedp.CSS(`input[name="cleaned"]`)), chromedp.Click(chromedp.CSS(`input[name="checked"]`)),
		chromedp.Click(chromedp.CSS(`input[name="belongings"]`)), chromedp.Click(chromedp.CSS(`input[name="settlement"]`)))
	b.submit("#set-ready", `!!document.querySelector("#deliver-form")`)
	if got, _ := h.store.Visit(v.ID); got.Status != fo.VisitReady {
		t.Fatalf("after ready: %s", got.Status)
	}
	if s := b.Eval(`document.querySelector("#visit-status").textContent`); s != "已完工待交车" {
		t.Errorf("status shown %q", s)
	}
	b.Do(chromedp.Evaluate[chromedp.Void](`document.querySelector('input[name="paid"]').value = ""`),
		chromedp.SendKeys(chromedp.CSS(`input[name="paid"]`), "100"))
	b.WaitFor(`document.querySelector("#receivable").textContent === "¥250.00"`, 5*time.Second)
	b.Sign("#deliver-form .sigpad")
	b.shot("ready_zh")

	// English.
	b.submit("#lang-switch", `document.documentElement.lang === "en"`)
	b.shot("ready_en")
	if s := b.Eval(`document.querySelector("#visit-status").textContent`); s != "Ready for pickup" {
		t.Errorf("English status %q", s)
	}
	for _, p := range []struct{ path, name string }{{"/staff/today", "today"}, {"/staff/pickups", "pickups"}, {"/staff/archives", "archives"}, {archivePath(v.VehicleID), "archive"}} {
		b.goTo(p.path, `!!document.querySelector("main")`)
		b.shot(p.name + "_en")
	}
	// Back to Chinese for the remaining pages, then the admin's settings.
	b.submit("#lang-switch", `document.documentElement.lang === "zh-CN"`)
	b.goTo("/staff/pickups", `!!document.querySelector("main")`)
	b.shot("pickups_zh")
	b.goTo(archivePath(v.VehicleID), `!!document.querySelector("#archive-form")`)
	b.shot("archive_zh")
	b.submit("#logout", `!!document.querySelector("#login-form")`)
	b.login("admin")
	b.goTo("/staff/settings", `!!document.querySelector("#settings-form")`)
	b.shot("settings_zh")
	b.submit("#lang-switch", `document.documentElement.lang === "en"`)
	b.shot("settings_en")

	// Nothing left the machine; no personal data went into a URL.
	urls := b.Log.All()
	base, _ := url.Parse(h.ts.URL)
	for _, raw := range urls {
		u, err := url.Parse(raw)
		if err != nil || (u.Host != base.Host && u.Scheme != "data" && raw != "about:blank") {
			t.Errorf("request leaving the server: %s", raw)
		}
		dec, _ := url.QueryUnescape(raw)
		for _, leak := range []string{"13900000001", "京B", "11111", "王五", "Anna", "张三"} {
			if strings.Contains(dec, leak) {
				t.Errorf("personal data %q in URL %s", leak, raw)
			}
		}
	}
	if len(urls) < 10 {
		t.Errorf("only %d requests recorded", len(urls))
	}
}

// TestBrowserConsoleDemo photographs the console on the demo's day (what a
// newcomer sees after "frontoffice demo"): today, a visit in each status,
// pickup calls and archives, in Chinese and English.
func TestBrowserConsoleDemo(t *testing.T) {
	h := newConHarness(t)
	now := conAt(27, 15, 20)
	h.clock.Set(now)
	if _, err := demo.Load(h.store, h.clock, now, 42); err != nil {
		t.Fatal(err)
	}
	visits, _ := h.store.VisitsOn("2026-11-27")
	pick := map[string]uint64{}
	for _, v := range visits {
		switch {
		case len(v.Additional) > 0 && pick["work"] == 0:
			pick["work"] = v.ID
		case len(v.Delays) > 0 && pick["delayed"] == 0:
			pick["delayed"] = v.ID
		case v.Status == fo.VisitReady && pick["ready"] == 0:
			pick["ready"] = v.ID
		case v.Status == fo.VisitDelivered && v.Settlement.Discount > 0:
			pick["delivered"] = v.ID
		case v.Status == fo.VisitCalled:
			pick["called"] = v.ID
		}
	}
	if len(pick) != 5 {
		t.Fatalf("demo visits %v", pick)
	}
	b := newConBrowser(t, h)
	b.login("zhao")
	for _, lang := range []string{"zh", "en"} {
		if lang == "en" {
			b.submit("#lang-switch", `document.documentElement.lang === "en"`)
		}
		b.goTo("/staff/today", `!!document.querySelector("#call-next")`)
		b.shot("demo_today_" + lang)
		for _, name := range []string{"work", "delayed", "ready", "delivered", "called"} {
			b.goTo(visitPath(pick[name]), `!!document.querySelector("#visit")`)
			b.shot("demo_" + name + "_" + lang)
		}
		b.goTo("/staff/pickups", `!!document.querySelector("main")`)
		b.shot("demo_pickups_" + lang)
		b.goTo("/staff/archives", `!!document.querySelector("#archive-search")`)
		b.shot("demo_archives_" + lang)
	}
}

// The console's after-sales pages in Chromium, photographed in Chinese
// and English: complaints with their time left, one complaint, filing
// one, the call list, tasks, registers, reports; a download link gives a
// PDF.
func TestBrowserAfterSalesConsole(t *testing.T) {
	h := newAsHarness(t)
	f := newDocFixture(t, h)
	b := newConBrowser(t, h)
	b.login("zhao")
	b.goTo("/staff/complaints", `!!document.querySelector("#complaints")`)
	b.shot("aftersales_complaints_zh")
	b.goTo(complaintPath(f.cmp.ID), `!!document.querySelector("#history")`)
	b.shot("aftersales_complaint_zh")
	b.goTo("/staff/complaints/new?visit="+fmt.Sprint(f.visit.ID), `!!document.querySelector("#complaint-form")`)
	b.shot("aftersales_complaint_new_zh")
	h.clock.Set(conAt(30, 9, 30)) // the first follow-up call is due (FU-2)
	b.login("zhao")
	b.goTo("/staff/calls", `!!document.querySelector(".as-call")`)
	b.shot("aftersales_calls_zh")
	b.goTo("/staff/registers?from=2026-11-27&to=2026-11-30", `!!document.querySelector("#call-register")`)
	b.shot("aftersales_registers_zh")
	b.goTo("/staff/reports?day=2026-11-27", `!!document.querySelector("#summary")`)
	b.shot("aftersales_reports_zh")
	b.goTo(visitPath(f.visit.ID), `!!document.querySelector("#visit-docs")`)
	b.shot("aftersales_visit_docs_zh")
	b.submit("#lang-switch", `document.documentElement.lang === "en"`)
	for _, p := range []struct{ path, name string }{{"/staff/complaints", "complaints"}, {complaintPath(f.cmp.ID), "complaint"},
		{"/staff/calls", "calls"}, {"/staff/tasks", "tasks"}, {"/staff/promotions", "promotions"}, {"/staff/reports?day=2026-11-27", "reports"}} {
		b.goTo(p.path, `!!document.querySelector("main")`)
		b.shot("aftersales_" + p.name + "_en")
	}
	// A download link gives a PDF (fetched by the page itself).
	got := b.Eval(`(() => { const x = new XMLHttpRequest(); x.open("GET", document.querySelector("#report-links a").href, false);
		x.overrideMimeType("text/plain; charset=x-user-defined"); x.send();
		return x.getResponseHeader("content-type") + " " + x.responseText.slice(0, 4) })()`)
	if got != "application/pdf %PDF" {
		t.Errorf("download from the page: %q", got)
	}
}
