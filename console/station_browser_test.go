package console

import (
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserStations: in Chromium, the supervisor's station page (its
// certificate, record, documents and jobs) and a station account's own
// page, whose navigation holds its station only; a station account sent
// to a staff page gets the refusal. Screenshots: console_station_page.png,
// console_station_own.png.
func TestBrowserStations(t *testing.T) {
	h := newAsHarness(t)
	f := newStationFixture(t, h)
	b := newConBrowser(t, h)
	b.login("zhao")
	b.goTo("/staff/stations", `!!document.querySelector("#stations")`)
	if got := b.Eval(`document.querySelector("#stations").textContent`); !strings.Contains(got, "甲网点") || !strings.Contains(got, "乙网点") {
		t.Errorf("list: %q", got)
	}
	b.submit(`#station-`+strconv.FormatUint(f.b.ID, 10)+` a`, `!!document.querySelector("#station-history")`)
	if got := b.Eval(`document.querySelector("#station-jobs").textContent`); !strings.Contains(got, f.customer) {
		t.Errorf("jobs: %q", got)
	}
	b.shot("station_page")
	b.submit("#logout", `!!document.querySelector("#login-form")`)
	b.login("sta")
	if got := b.Eval(`location.pathname`); got != "/staff/station/" {
		t.Errorf("a station account's home: %s", got)
	}
	if got := b.Eval(`Array.from(document.querySelectorAll("nav a")).map(a => a.getAttribute("href")).join(" ")`); got != "/staff/station/ /staff/station/complaints /staff/station/claims" {
		t.Errorf("a station account's navigation: %q", got)
	}
	b.Do(chromedp.SendKeys(chromedp.CSS(`input[name="customer"]`), "丙客户"), chromedp.SendKeys(chromedp.CSS(`input[name="phone"]`), "13900000333"),
		chromedp.SendKeys(chromedp.CSS(`input[name="work"]`), "保养"))
	b.submit("#job-add", `!!document.querySelector(".flash")`)
	if got := b.Eval(`document.querySelector("#own-jobs").textContent`); !strings.Contains(got, "丙客户") || strings.Contains(got, f.customer) {
		t.Errorf("own jobs: %q", got)
	}
	b.shot("station_own")
	b.goTo("/staff/archives", `!!document.querySelector(".error")`)
	if got := b.Eval(`document.querySelector(".error").textContent`); !strings.Contains(got, "没有权限") {
		t.Errorf("a staff page for a station account: %q", got)
	}
}
