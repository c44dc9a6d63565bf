package console

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	fo "frontoffice"
)

// TestBrowserConsoleQuality: in Chromium, a supervisor opens the quality
// page (REP-2), resolves an open problem with the form and sees it gone
// from the list. Screenshots: console_quality_zh.png and, for the admin's
// labour-hour standards, console_settings_labour_zh.png.
func TestBrowserConsoleQuality(t *testing.T) {
	h := newConHarness(t)
	st, _ := h.store.Settings()
	st.Labour = []fo.LabourStandard{{Code: "RADAR-4", NameZh: "四探头倒车雷达", NameEn: "4-sensor parking radar", InstallMinutes: 90, RepairMinutes: 40}}
	st.LabourRates = []fo.RegionRate{{HourlyRate: 12000}, {Region: "天津", HourlyRate: 10000}}
	if err := h.store.SaveSettings(st); err != nil {
		t.Fatal(err)
	}
	for _, q := range []fo.QualityFeedback{
		{Source: fo.QualitySourceField, Ref: "FJ-0005", Class: fo.QualityProduct, Product: "RADAR-4", Site: "京通公交三分公司", Text: "预警主机开机自检报错 E12", Open: true},
		{Source: fo.QualitySourceStation, Ref: "ST-001", Class: fo.QualityInstallation, Product: "RADAR-4", Site: "天津河西授权服务站", Text: "探头安装高度偏低，误报较多", Open: true},
	} {
		if _, err := h.store.AddQuality(q, "staff:zhao"); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := h.store.FileComplaint(fo.ComplaintRequest{Channel: fo.ChannelPhone, Category: "time", Text: "交车晚了两个小时",
		Customer: fo.CustomerInput{Name: "王芳", Phone: "13900002222"}, By: "staff:li"}); err != nil {
		t.Fatal(err)
	}
	b := newConBrowser(t, h)
	b.login("zhao")
	b.goTo("/staff/quality", `!!document.querySelector("#quality-open")`)
	b.Do(chromedp.SendKeys(chromedp.CSS(`#problem-1 textarea`), "厂家更换主机"))
	b.submit(`#resolve-1`, `!!document.querySelector("#quality-open")`)
	if got := b.Eval(`document.querySelector("#quality-open").textContent`); strings.Contains(got, "E12") || !strings.Contains(got, "误报较多") {
		t.Errorf("open problems after resolving: %q", got)
	}
	b.shot("quality_zh")
	a := newConBrowser(t, h) // the admin, in a browser of their own
	a.login("admin")
	a.goTo("/staff/settings", `!!document.querySelector("#settings-labour")`)
	a.Do(chromedp.ScrollIntoView(chromedp.CSS("#settings-labour")))
	a.shot("settings_labour_zh")
}
