package kiosk

import (
	"context"
	"fmt"
	"frontoffice/internal/webtest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	fo "frontoffice"
)

// Browser tests: the kiosk and the board in headless Chromium, against a
// real store. Screenshots of every screen, in Chinese and English, go to
// testdata/artifacts/ (git-ignored) for a person to look at.

// artifacts is where screenshots go.
const artifacts = "testdata/artifacts"

// browser is a headless Chromium with a fresh profile, recording the URL of
// every request its page makes (webtest.Browser), on the kiosk harness h.
type browser struct {
	*webtest.Browser
	tb testing.TB
	h  *harness
}

func newBrowser(tb testing.TB, h *harness) *browser {
	tb.Helper()
	return &browser{Browser: webtest.NewBrowser(tb, 1280, 1024, chromedp.Flag("lang", "zh-CN")), tb: tb, h: h}
}

func (b *browser) text(sel string) string {
	b.tb.Helper()
	ctx, cancel := context.WithTimeout(b.Ctx, 10*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.tb.Fatalf("text of %s: %v (at %s)", sel, err, b.Location())
	}
	return strings.TrimSpace(s)
}

// html is the current document.
func (b *browser) html() string { return b.Eval(`document.documentElement.outerHTML`) }

// screen waits for a kiosk screen.
func (b *browser) screen(name string) {
	b.tb.Helper()
	b.Do(chromedp.WaitVisible(chromedp.CSS("body.screen-" + name)))
}

// click clicks and waits for the new page of the screen it leads to: the
// old page carries a mark that the new one lacks.
func (b *browser) click(sel, screen string) {
	b.tb.Helper()
	b.Do(chromedp.Evaluate[chromedp.Void](`window.oldPage = true`), chromedp.Click(chromedp.CSS(sel)))
	b.WaitFor(fmt.Sprintf(`!window.oldPage && document.readyState === "complete" && document.body.classList.contains(%q)`, "screen-"+screen), 15*time.Second)
}

// lang switches the kiosk to lang on the current screen.
func (b *browser) lang(lang fo.Lang) {
	b.tb.Helper()
	want := "zh-CN"
	if lang == fo.EN {
		want = "en"
	}
	b.Do(chromedp.Evaluate[chromedp.Void](`window.oldPage = true`), chromedp.Click(chromedp.CSS("#lang-"+string(lang))))
	b.WaitFor(fmt.Sprintf(`!window.oldPage && document.readyState === "complete" && document.documentElement.lang === %q`, want), 15*time.Second)
}

// smallTargetsJS lists the touch targets of the page smaller than 48 px in
// either direction (visually hidden radio buttons excepted: their tiles
// are the targets).
const smallTargetsJS = `Array.from(document.querySelectorAll(
  "a, button, select, textarea, input:not([type=hidden]):not([type=radio]), label.tile span"))
  .filter(e => e.offsetParent !== null)
  .map(e => [e, e.getBoundingClientRect()])
  .filter(([e, r]) => r.width < 48 || r.height < 48)
  .map(([e, r]) => (e.id || e.name || e.textContent.trim()) + " " + Math.round(r.width) + "x" + Math.round(r.height))
  .join("; ")`

// checkTargets fails when a touch target of the screen is under 48 px.
func (b *browser) checkTargets(screen string) {
	b.tb.Helper()
	if small := b.Eval(smallTargetsJS); small != "" {
		b.tb.Errorf("%s: touch targets under 48 px: %s", screen, small)
	}
}

// shot saves a full-page PNG screenshot as testdata/artifacts/<name>.png.
func (b *browser) shot(name string) {
	b.tb.Helper()
	if !strings.HasPrefix(name, "board") {
		b.checkTargets(name)
	}
	b.Screenshot(filepath.Join(artifacts, name+".png"))
}

// checkURLs fails when the page requested anything from another machine or
// put personal data into a URL.
func (b *browser) checkURLs(leaks ...string) {
	b.tb.Helper()
	urls := b.Log.All()
	base, _ := url.Parse(b.h.ts.URL)
	if len(urls) == 0 {
		b.tb.Fatal("no requests recorded")
	}
	for _, raw := range urls {
		u, err := url.Parse(raw)
		if err != nil {
			b.tb.Errorf("bad URL %q", raw)
			continue
		}
		if u.Scheme == "data" || raw == "about:blank" {
			continue
		}
		if u.Host != base.Host {
			b.tb.Errorf("request leaving the kiosk's server: %s", raw)
		}
		dec, _ := url.QueryUnescape(raw)
		for _, l := range leaks {
			if l != "" && (strings.Contains(raw, l) || strings.Contains(dec, l)) {
				b.tb.Errorf("personal data %q in URL %s", l, raw)
			}
		}
	}
}

var langs = []fo.Lang{fo.ZH, fo.EN}

// Check-in with a booking code, in both languages: start → appointment →
// confirm (masked) → queue number with the Telegram QR code.
func TestBrowserCheckInByCode(t *testing.T) {
	h := newHarness(t)
	b := newBrowser(t, h)
	var leaks []string
	for i, lang := range langs {
		phone, plate := fmt.Sprintf("1381234%04d", 5678+i), fmt.Sprintf("京A1234%d", 5+i)
		a := h.book(phone, plate, "张三", at(27, 11, 0))
		leaks = append(leaks, append(personal(phone, plate, "张三"), a.Code, phone[7:])...)
		b.Do(chromedp.Navigate(h.ts.URL + "/kiosk"))
		b.screen("start")
		if lang == fo.EN {
			b.lang(fo.EN)
		}
		b.shot("start_" + string(lang))
		b.click("#go-appointment", "appointment")
		b.shot("appointment_" + string(lang))
		b.Do(chromedp.SendKeys(chromedp.CSS("#code"), strings.ToLower(a.Code)))
		b.click("#find-code-go", "confirm")
		b.shot("confirm_" + string(lang))
		if got := b.text("#apt-phone"); got != maskLast4(phone) {
			t.Errorf("phone shown as %q", got)
		}
		if got := b.text("#apt-plate"); got != fo.MaskPlate(plate) {
			t.Errorf("plate shown as %q", got)
		}
		b.click("#checkin", "done")
		b.Do(chromedp.WaitVisible(chromedp.CSS("#qr svg")))
		b.shot("done_" + string(lang))
		if got := b.text("#queue-no"); got != fmt.Sprintf("A%03d", i+1) {
			t.Errorf("queue number %q", got)
		}
		mustNotContain(t, "done page", b.html(), leaks...)
		b.click("#finish", "start")
		if got := b.Eval(`document.documentElement.lang`); got != "zh-CN" {
			t.Errorf("after finishing, the kiosk speaks %q", got)
		}
	}
	b.checkURLs(leaks...)
}

// Check-in with the plate and the last 4 digits: a miss first, then the
// hit; an early arrival is told when to come and offered the walk-in.
func TestBrowserCheckInByPlate(t *testing.T) {
	h := newHarness(t)
	b := newBrowser(t, h)
	var leaks []string
	for i, lang := range langs {
		phone, plate := fmt.Sprintf("1391234%04d", 1000+i), fmt.Sprintf("粤BD1234%d", i)
		h.book(phone, plate, "欧阳娜娜", at(27, 11, 0))
		earlyPhone, earlyPlate := fmt.Sprintf("1371234%04d", 2000+i), fmt.Sprintf("沪C5555%d", i)
		h.book(earlyPhone, earlyPlate, "李四", at(27, 15, 0))
		leaks = append(leaks, personal(phone, plate, "欧阳娜娜")...)
		leaks = append(leaks, personal(earlyPhone, earlyPlate, "李四")...)
		leaks = append(leaks, phone[7:], earlyPhone[7:])

		b.Do(chromedp.Navigate(h.ts.URL + "/kiosk"))
		b.screen("start")
		if lang == fo.EN {
			b.lang(fo.EN)
		}
		b.click("#go-appointment", "appointment")
		b.Do(chromedp.SetValue(chromedp.CSS("#find-plate select[name=province]"), "粤"),
			chromedp.SendKeys(chromedp.CSS("#find-plate input[name=plate]"), strings.ToLower(plate[len("粤"):])),
			chromedp.SendKeys(chromedp.CSS("#last4"), "0000"))
		b.click("#find-plate-go", "appointment")
		b.Do(chromedp.WaitVisible(chromedp.CSS("#msg")))
		b.shot("appointment_miss_" + string(lang))

		b.Do(chromedp.SetValue(chromedp.CSS("#find-plate select[name=province]"), "粤"),
			chromedp.SendKeys(chromedp.CSS("#find-plate input[name=plate]"), plate[len("粤"):]),
			chromedp.SendKeys(chromedp.CSS("#last4"), phone[7:]))
		b.click("#find-plate-go", "confirm")
		if got := b.text("#apt-plate"); got != fo.MaskPlate(plate) {
			t.Errorf("plate shown as %q", got)
		}
		b.click("#checkin", "done")
		if got := b.text("#queue-no"); got != fmt.Sprintf("A%03d", i+1) {
			t.Errorf("queue number %q", got)
		}

		// Early.
		b.click("#finish", "start")
		if lang == fo.EN {
			b.lang(fo.EN)
		}
		b.click("#go-appointment", "appointment")
		b.Do(chromedp.SetValue(chromedp.CSS("#find-plate select[name=province]"), "沪"),
			chromedp.SendKeys(chromedp.CSS("#find-plate input[name=plate]"), earlyPlate[len("沪"):]),
			chromedp.SendKeys(chromedp.CSS("#last4"), earlyPhone[7:]))
		b.click("#find-plate-go", "confirm")
		b.Do(chromedp.WaitVisible(chromedp.CSS("#timing")))
		b.shot("confirm_early_" + string(lang))
		want := map[fo.Lang]string{fo.ZH: "您来早了", fo.EN: "You are early"}[lang]
		if got := b.text("#timing"); !strings.Contains(got, want) {
			t.Errorf("early answer %q", got)
		}
		b.click("#to-walkin", "walkin")
		mustNotContain(t, "pages", b.html(), leaks...)
	}
	b.checkURLs(leaks...)
}

// A walk-in, in both languages: a bad plate and no consent are explained
// and the other fields kept (masked); fixed, the visitor gets a W number.
func TestBrowserWalkIn(t *testing.T) {
	h := newHarness(t)
	b := newBrowser(t, h)
	var leaks []string
	for i, lang := range langs {
		phone, plate, name := fmt.Sprintf("1361234%04d", 3000+i), fmt.Sprintf("京B5432%d", i), []string{"王小五", "Wang Wu"}[i]
		leaks = append(leaks, personal(phone, plate, name)...)
		b.Do(chromedp.Navigate(h.ts.URL + "/kiosk"))
		b.screen("start")
		if lang == fo.EN {
			b.lang(fo.EN)
		}
		b.click("#go-walkin", "walkin")
		b.shot("walkin_" + string(lang))
		b.Do(chromedp.SendKeys(chromedp.CSS("input[name=plate]"), "I2345"),
			chromedp.SendKeys(chromedp.CSS("#phone"), phone),
			chromedp.SendKeys(chromedp.CSS("#name"), name),
			chromedp.Click(chromedp.CSS(`input[name=service][value=repair] + span`)),
			chromedp.SendKeys(chromedp.CSS("#concern"), "倒车雷达一直响"))
		b.click("#walkin-go", "walkin")
		b.Do(chromedp.WaitVisible(chromedp.CSS("#err-plate")), chromedp.WaitVisible(chromedp.CSS("#err-consent")))
		b.shot("walkin_error_" + string(lang))
		page := b.html()
		mustContain(t, "error page", page, fo.MaskPhone(phone), "倒车雷达一直响")
		mustNotContain(t, "error page", page, leaks...)
		if got := b.Eval(`document.querySelector('input[name=service]:checked').value`); got != "repair" {
			t.Errorf("service kept as %q", got)
		}
		b.Do(chromedp.SendKeys(chromedp.CSS("input[name=plate]"), plate[len("京"):]),
			chromedp.Click(chromedp.CSS("#consent")))
		b.click("#walkin-go", "done")
		b.shot("walkin_done_" + string(lang))
		if got := b.text("#queue-no"); got != fmt.Sprintf("W%03d", i+1) {
			t.Errorf("queue number %q", got)
		}
		if got := b.text("#done-plate"); got != fo.MaskPlate(plate) {
			t.Errorf("plate %q", got)
		}
		cust, err := h.store.CustomerByPhone(phone)
		if err != nil || cust.Name != name || !cust.Consent || cust.Lang != lang {
			t.Errorf("customer %+v %v", cust, err)
		}
	}
	// Too many misses: the desk.
	b.Do(chromedp.Navigate(h.ts.URL + "/kiosk/appointment"))
	b.screen("appointment")
	b.lang(fo.ZH)
	for i := 0; i <= sessionFails; i++ {
		b.Do(chromedp.SendKeys(chromedp.CSS("#code"), "ABCDEF"))
		b.click("#find-code-go", "appointment")
	}
	if got := b.text("#msg"); !strings.Contains(got, "请到前台") {
		t.Errorf("after %d misses: %q", sessionFails+1, got)
	}
	b.shot("appointment_blocked_zh")
	b.lang(fo.EN)
	b.shot("appointment_blocked_en")
	b.checkURLs(leaks...)
}

// The idle timeout (configurable; 60 s in the shop) clears a half-filled
// form in the page and on the server, and brings back the Chinese start
// screen.
func TestBrowserIdleReset(t *testing.T) {
	const idle = 1500 * time.Millisecond
	h := newHarness(t, func(c *Config) { c.KioskIdle = idle })
	b := newBrowser(t, h)
	b.Do(chromedp.Navigate(h.ts.URL + "/kiosk"))
	b.screen("start")
	b.lang(fo.EN)
	b.click("#go-walkin", "walkin")
	// A form posted with an error leaves state on the server…
	b.Do(chromedp.SendKeys(chromedp.CSS("#phone"), "13912345678"), chromedp.SendKeys(chromedp.CSS("#name"), "Wang"))
	b.click("#walkin-go", "walkin")
	mustContain(t, "kept", b.html(), "139****5678")
	// …and fields typed since are in the page only.
	b.Do(chromedp.SendKeys(chromedp.CSS("input[name=plate]"), "A12345"), chromedp.SendKeys(chromedp.CSS("#concern"), "noise"))
	b.shot("idle_before")
	b.WaitFor(`document.readyState === "complete" && document.body.classList.contains("screen-start")`, idle+10*time.Second)
	b.shot("idle_after")
	if got := b.Eval(`document.documentElement.lang`); got != "zh-CN" {
		t.Errorf("after the reset the kiosk speaks %q", got)
	}
	b.click("#go-walkin", "walkin")
	for _, sel := range []string{"#phone", "#name", "input[name=plate]", "#concern"} {
		if v := b.Eval(`document.querySelector("` + sel + `").value`); v != "" {
			t.Errorf("%s still holds %q", sel, v)
		}
	}
	mustNotContain(t, "form after reset", b.html(), "139****5678", "W***", "noise")
	b.checkURLs("13912345678", "Wang", "A12345")
}

// The board shows a called number within 2 s of the call, without
// reloading, and after a server restart it reconnects and redraws.
func TestBrowserBoard(t *testing.T) {
	h := newHarness(t)
	walkIn(t, h, "13900000001", "京B11111")
	walkIn(t, h, "13900000002", "沪C22222")
	walkIn(t, h, "13900000003", "粤BD33333")
	h.store.CallNext(0, "staff:li")
	b := newBrowser(t, h)
	b.Do(chromedp.EmulateViewport(1920, 1080), chromedp.Navigate(h.ts.URL+"/board")) // a TV
	b.Do(chromedp.WaitVisible(chromedp.CSS("#now-no")))
	b.Eval(`window.loadedOnce = "yes"`)
	shown := func(no string, limit time.Duration) time.Duration {
		t.Helper()
		return b.WaitFor(fmt.Sprintf(`document.getElementById("now-no").textContent === %q`, no), limit)
	}
	shown("W001", 30*time.Second)
	time.Sleep(300 * time.Millisecond) // let the stream settle after its first event
	if _, err := h.store.CallNext(0, "staff:li"); err != nil {
		t.Fatal(err)
	}
	d := shown("W002", 30*time.Second)
	t.Logf("the board showed the call after %s", d)
	if got := b.text("#recent"); !strings.Contains(got, "W001") || !strings.Contains(got, "京B·***11") {
		t.Errorf("recent %q", got)
	}
	b.shot("board")

	// A restart: the page stays, reconnects and draws the next call.
	h.restart()
	if _, err := h.store.CallNext(0, "staff:li"); err != nil {
		t.Fatal(err)
	}
	d = shown("W003", 30*time.Second)
	t.Logf("after the restart the board showed the call after %s", d)
	if got := b.Eval(`window.loadedOnce || "reloaded"`); got != "yes" {
		t.Errorf("the page reloaded: %q", got)
	}
	if got := b.text("#now-plate"); got != "粤B·****33" {
		t.Errorf("plate %q", got)
	}
	b.shot("board_after_restart")
	page := b.html()
	mustNotContain(t, "board", page, "京B11111", "沪C22222", "粤BD33333", "139000", "王五")
	b.checkURLs("京B11111", "沪C22222", "粤BD33333")
}

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
		b.Do(chromedp.Navigate(h.ts.URL + "/kiosk/complaint"))
		b.screen("complaint")
		if lang == fo.EN {
			b.lang(fo.EN)
			if got := b.Eval(`location.pathname`); got != "/kiosk/complaint/edit" {
				t.Errorf("the language switch went to %s", got)
			}
		}
		b.shot("aftersales_complaint_" + string(lang))
		text := []string{"倒车雷达装好后一直误报，开车很分心。", "The parking radar beeps all the time since it was fitted."}[i]
		b.Do(chromedp.Click(chromedp.CSS(`input[name=category][value=quality] + span`)),
			chromedp.SendKeys(chromedp.CSS("#text"), text),
			chromedp.Click(chromedp.CSS(`#major-yes + span`)),
			chromedp.SendKeys(chromedp.CSS("#name"), name),
			chromedp.SendKeys(chromedp.CSS("#phone"), phone))
		b.click("#complaint-go", "complaint")
		b.Do(chromedp.WaitVisible(chromedp.CSS("#err-consent")))
		b.shot("aftersales_complaint_error_" + string(lang))
		page := b.html()
		mustContain(t, "error page", page, fo.MaskPhone(phone), maskName(name), text)
		mustNotContain(t, "error page", page, leaks...)
		if got := b.Eval(`document.querySelector('input[name=category]:checked').value`); got != "quality" {
			t.Errorf("category kept as %q", got)
		}
		b.Do(chromedp.Click(chromedp.CSS("#consent")))
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
		if got := b.Eval(`document.documentElement.lang`); got != "zh-CN" {
			t.Errorf("after finishing, the kiosk speaks %q", got)
		}
	}

	// Rate a delivered visit (SUR-1), in English.
	v := delivered(t, h.store, h.clock, "王五", "13900000001", "京B11111")
	leaks = append(leaks, personal("13900000001", "京B11111", "王五")...)
	b.Do(chromedp.Navigate(h.ts.URL + "/kiosk/rate"))
	b.screen("rate")
	b.shot("aftersales_rate_zh")
	b.lang(fo.EN)
	b.shot("aftersales_rate_en")
	b.Do(chromedp.SendKeys(chromedp.CSS("#queue"), strings.ToLower(v.QueueNo)), chromedp.SendKeys(chromedp.CSS("#rate-last4"), "0001"))
	b.click("#rate-queue-go", "rate_visit")
	if got := b.text("#rate-plate"); got != fo.MaskPlate(v.Plate) {
		t.Errorf("plate shown as %q", got)
	}
	for q, score := range []int{5, 4, 5, 3} {
		b.Do(chromedp.Click(chromedp.CSS(fmt.Sprintf(`input[name=q%d][value="%d"] + span`, q, score))))
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
