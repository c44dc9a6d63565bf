package kiosk

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	fo "frontoffice"
)

// Filing a complaint at the kiosk in headless Chromium, in Chinese and in
// English (CMP-1, CMP-2): a form sent without consent comes back with the
// error and the rest kept, masked; sent again it gives the ticket and the
// time of the answer. Then rating a delivered visit (SUR-1). Screenshots go
// to testdata/artifacts/aftersales_*.png; every touch target is checked to
// be at least 48 px.
func TestBrowserKioskComplaint(t *testing.T) {
	h := newHarness(t)
	b := newBrowser(t, h)
	var leaks []string
	for i, lang := range langs {
		phone, name := fmt.Sprintf("1371234%04d", 4000+i), []string{"赵六", "Zhao Liu"}[i]
		leaks = append(leaks, personal(phone, "", name)...)
		b.do(chromedp.Navigate(h.ts.URL + "/kiosk/complaint"))
		b.screen("complaint")
		if lang == fo.EN {
			b.lang(fo.EN)
			if got := b.eval(`location.pathname`); got != "/kiosk/complaint/edit" {
				t.Errorf("the language switch went to %s", got)
			}
		}
		b.shot("aftersales_complaint_" + string(lang))
		text := []string{"倒车雷达装好后一直误报，开车很分心。", "The parking radar beeps all the time since it was fitted."}[i]
		b.do(chromedp.Click(chromedp.CSS(`input[name=category][value=quality] + span`)),
			chromedp.SendKeys(chromedp.CSS("#text"), text),
			chromedp.Click(chromedp.CSS(`#major-yes + span`)),
			chromedp.SendKeys(chromedp.CSS("#name"), name),
			chromedp.SendKeys(chromedp.CSS("#phone"), phone))
		b.click("#complaint-go", "complaint")
		b.do(chromedp.WaitVisible(chromedp.CSS("#err-consent")))
		b.shot("aftersales_complaint_error_" + string(lang))
		page := b.html()
		mustContain(t, "error page", page, fo.MaskPhone(phone), maskName(name), text)
		mustNotContain(t, "error page", page, leaks...)
		if got := b.eval(`document.querySelector('input[name=category]:checked').value`); got != "quality" {
			t.Errorf("category kept as %q", got)
		}
		b.do(chromedp.Click(chromedp.CSS("#consent")))
		b.click("#complaint-go", "complaint_done")
		b.shot("aftersales_complaint_done_" + string(lang))
		ticket := fmt.Sprintf("TS-20261127-%03d", i+1)
		if got := b.text("#ticket"); got != ticket {
			t.Errorf("ticket %q, want %s", got, ticket)
		}
		// CMP-3: major, 4 hours from 10:30.
		want := map[fo.Lang]string{fo.ZH: "11月27日 周五 14:30", fo.EN: "Fri 27 Nov 14:30"}[lang]
		if got := b.text("#due"); !strings.Contains(got, want) {
			t.Errorf("deadline shown as %q, want %q", got, want)
		}
		cm, err := h.store.ComplaintByTicket(ticket)
		if err != nil || cm.Text != text || cm.Lang != lang || !cm.Major || cm.Channel != fo.ChannelKiosk {
			t.Errorf("filed %+v %v", cm, err)
		}
		mustNotContain(t, "done page", b.html(), leaks...)
		b.click("#finish", "start")
		if got := b.eval(`document.documentElement.lang`); got != "zh-CN" {
			t.Errorf("after finishing, the kiosk speaks %q", got)
		}
	}

	// Rate a delivered visit (SUR-1), in English.
	v := delivered(t, h.store, h.clock, "王五", "13900000001", "京B11111")
	leaks = append(leaks, personal("13900000001", "京B11111", "王五")...)
	b.do(chromedp.Navigate(h.ts.URL + "/kiosk/rate"))
	b.screen("rate")
	b.shot("aftersales_rate_zh")
	b.lang(fo.EN)
	b.shot("aftersales_rate_en")
	b.do(chromedp.SendKeys(chromedp.CSS("#queue"), strings.ToLower(v.QueueNo)), chromedp.SendKeys(chromedp.CSS("#rate-last4"), "0001"))
	b.click("#rate-queue-go", "rate_visit")
	if got := b.text("#rate-plate"); got != fo.MaskPlate(v.Plate) {
		t.Errorf("plate shown as %q", got)
	}
	for q, score := range []int{5, 4, 5, 3} {
		b.do(chromedp.Click(chromedp.CSS(fmt.Sprintf(`input[name=q%d][value="%d"] + span`, q, score))))
	}
	b.shot("aftersales_rate_visit_en")
	b.click("#rate-go", "rate_done")
	b.shot("aftersales_rate_done_en")
	if sv, err := h.store.VisitSurvey(v.ID); err != nil || sv.Scores != [4]int{5, 4, 5, 3} {
		t.Errorf("survey %+v %v", sv, err)
	}
	mustNotContain(t, "rating", b.html(), leaks...)
	b.checkURLs(append(leaks, "0001")...)
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
	got := b.eval(`(() => { const x = new XMLHttpRequest(); x.open("GET", document.querySelector("#report-links a").href, false);
		x.overrideMimeType("text/plain; charset=x-user-defined"); x.send();
		return x.getResponseHeader("content-type") + " " + x.responseText.slice(0, 4) })()`)
	if got != "application/pdf %PDF" {
		t.Errorf("download from the page: %q", got)
	}
}
