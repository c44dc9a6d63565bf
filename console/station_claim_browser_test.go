package console

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	fo "frontoffice"
)

// TestBrowserStationPages: in headless Chromium a station files a claim on
// its console page and answers a complaint routed to it; the supervisor
// audits the claim. Screenshots of the pages go to
// testdata/artifacts/console_station_*.png for a person to look at.
func TestBrowserStationPages(t *testing.T) {
	h, a, _ := stationHarness(t)
	if _, err := h.store.FileComplaint(fo.ComplaintRequest{Channel: fo.ChannelPhone, Category: "quality", Text: "网点装的雷达误报，倒车一直响",
		Customer: fo.CustomerInput{Phone: "13900000001", Name: "张伟"}, Plate: "京A12345", StationID: a.ID, By: "staff:li"}); err != nil {
		t.Fatal(err)
	}
	b := newConBrowser(t, h)
	b.login("sta")
	b.goTo("/staff/station/claims", `!!document.querySelector("#claim-form")`)
	b.Do(chromedp.SendKeys(chromedp.CSS(`textarea[name="lines"]`), "工时 A01 安装 2\n配件 120 支架\n差旅 80 往返"))
	b.submit("#claim-submit", `!!document.querySelector("#claims")`)
	if got := b.Eval(`document.querySelector("#claims").innerText`); !strings.Contains(got, "SC-000001") || !strings.Contains(got, "¥380.00") {
		t.Errorf("claims table: %s", got)
	}
	b.shot("station_claims_zh")
	b.goTo("/staff/station/complaints", `!!document.querySelector("#station-complaints")`)
	b.shot("station_complaints_zh")
	b.Do(chromedp.SendKeys(chromedp.CSS(`#station-complaints textarea[name="answer"]`), "明天上午上门复检"))
	b.submit(`#station-complaints button.primary`, `!!document.querySelector("#station-complaints")`)
	if c, _ := h.store.Complaint(1); c.Status != fo.CmpAnswered {
		t.Errorf("not answered: %s", c.Status)
	}

	z := newConBrowser(t, h)
	z.login("zhao")
	z.goTo("/staff/network/claims", `!!document.querySelector("#claims-waiting")`)
	z.shot("station_claim_audit_zh")
	z.Do(chromedp.SendKeys(chromedp.CSS(`#claims-waiting input[name="amount"]`), "340"),
		chromedp.SendKeys(chromedp.CSS(`#claims-waiting input[name="reason"]`), "差旅按标准 ¥40"))
	z.submit(`#adjust-1`, `!!document.querySelector("#claims-done")`)
	if c, _ := h.store.Claim(1); c.Status != fo.ClaimAdjusted || c.Approved != 34000 {
		t.Errorf("claim %+v", c)
	}
	z.goTo("/staff/complaints/1", `!!document.querySelector("#complaint")`)
	z.shot("station_complaint_zh")
	z.goTo("/staff/network/scores?month=2026-11", `!!document.querySelector("#scores")`)
	z.shot("station_scores_zh")
}
