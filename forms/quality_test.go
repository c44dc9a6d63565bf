package forms

import (
	"context"
	"strings"
	"testing"
	"time"

	fo "frontoffice"
)

// REP-2: the quality report printed from the store's records (feedback of
// a field job, a complaint under its default class, another classified by
// staff, an open problem of an earlier week), read back in zh and en and
// rendered to PNG; the station table printed from a report with stations.
func TestQualityReportREP2(t *testing.T) {
	s, clock := shopStore(t, time.Date(2026, 11, 20, 9, 0, 0, 0, shanghai))
	st, _ := s.Settings()
	st.Labour = []fo.LabourStandard{{Code: "RADAR-4", NameZh: "四探头倒车雷达", NameEn: "4-sensor parking radar", InstallMinutes: 90, RepairMinutes: 40}}
	if err := s.SaveSettings(st); err != nil {
		t.Fatal(err)
	}
	old, err := s.AddQuality(fo.QualityFeedback{Source: fo.QualitySourceField, Ref: "FJ-0007", Class: fo.QualityParts,
		Product: "RADAR-4", Site: "华东物流有限公司", Text: "缺少两个探头支架，待厂家补发", Open: true}, "staff:zhao")
	if err != nil {
		t.Fatal(err)
	}
	clock.Set(time.Date(2026, 11, 30, 10, 0, 0, 0, shanghai)) // Monday of the week 29 Nov – 5 Dec
	if _, err := s.AddQuality(fo.QualityFeedback{Source: fo.QualitySourceField, Ref: "FJ-0009", Class: fo.QualityProduct,
		Product: "RADAR-4", Site: "新城公交公司", Text: "第三个探头进水失灵", Open: true}, "staff:zhao"); err != nil {
		t.Fatal(err)
	}
	c1, err := s.FileComplaint(fo.ComplaintRequest{Channel: fo.ChannelPhone, Category: "quality", Text: "倒车雷达误报",
		Customer: fo.CustomerInput{Name: "张伟", Phone: "13900001111"}, By: "staff:li"})
	if err != nil {
		t.Fatal(err)
	}
	c2, err := s.FileComplaint(fo.ComplaintRequest{Channel: fo.ChannelPhone, Category: "time", Text: "交车晚了两个小时",
		Customer: fo.CustomerInput{Name: "王芳", Phone: "13900002222"}, By: "staff:li"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ClassifyComplaint(c2.Ticket, fo.QualityParts, "", false, "staff:zhao"); err != nil {
		t.Fatal(err)
	}
	r := &Renderer{Engine: testEngine(t), Store: s}
	from, to := fo.ReportPeriod(fo.ReportWeekly, clock.Now(), shanghai)
	doc := fo.Document{Kind: KindQuality, Ref: fo.QualityRef(from, to, shanghai)}
	for _, tc := range []struct {
		lang fo.Lang
		want []string
	}{
		{fo.ZH, []string{"质量信息周报", "2026-11-29 至 2026-12-05", "本期质量信息", "3", "按问题分类", "产品", "安装", "配件", "服务",
			"按来源", "客户投诉", "现场安装", "按产品", "四探头倒车雷达", "（未注明）", "按现场（客户单位）", "新城公交公司", "（本店）",
			"按服务网点", "待解决问题清单", "缺少两个探头支架，待厂家补发", "第三个探头进水失灵", "FJ-0007", "2026-11-20", "质量部签收"}},
		{fo.EN, []string{"Quality Information — Weekly", "2026-11-29 to 2026-12-05", "Feedback this period", "By class", "Installation",
			"Parts", "Complaint", "Field job", "4-sensor parking radar", "Open problems"}},
	} {
		pdf, err := r.Render(context.Background(), doc, tc.lang)
		if err != nil {
			t.Fatal(err)
		}
		text := pdfText(t, pdf)
		wantText(t, text, tc.want...)
		if contains(text, "倒车雷达误报") || contains(text, "交车晚了两个小时") {
			t.Errorf("%s: a complaint not on the open list is printed:\n%s", tc.lang, text)
		}
		savePNG(t, pdf, "quality-weekly-"+string(tc.lang))
	}
	rep, _ := s.QualityReport(from, to)
	if rep.Total != 3 || rep.ByClass != [4]int{1, 1, 1, 0} || len(rep.OpenProblems) != 2 || rep.OpenProblems[0].ID != old.ID {
		t.Errorf("report %+v", rep)
	}
	_ = c1

	// Stations and a long list, from the engine.
	rep.ByStation = []fo.QualityCount{{Key: "城东授权服务站", StationID: 1, ByClass: [4]int{0, 2, 1, 0}, Total: 3, Open: 1}}
	for i := 0; i < 30; i++ {
		rep.OpenProblems = append(rep.OpenProblems, fo.QualityFeedback{At: from.Add(time.Duration(i) * time.Hour), Source: fo.QualitySourceStation,
			Ref: "ST-001", Class: fo.QualityService, Site: "城东授权服务站", Text: strings.Repeat("回访发现客户不满意安装位置。", 1+i%3), Open: true})
	}
	pdf, err := testEngine(t).QualityReport(&st, rep, fo.ZH)
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, pdf)
	wantText(t, text, "城东授权服务站", "服务网点", "回访发现客户不满意安装位置。")
	if pngs := savePNG(t, pdf, "quality-stations-zh"); len(pngs) < 2 {
		t.Errorf("32 open problems on %d pages, want the list to run over", len(pngs))
	}
}
