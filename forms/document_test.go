package forms

import (
	"bytes"
	"fmt"
	"log/slog"
	"math"
	"regexp"
	"strings"
	"testing"
	"time"

	"frontoffice"
)

// Long paragraphs for wrapping over pages: the manual's own words, Latin
// mixed in, closing punctuation everywhere.
var (
	longZh = "接待人员应主动告诉并引导客户到收银处办理出厂手续，领取“出厂通知单”；如有我方诊断或估价的，还应通知客户交纳诊断费或估价费。" +
		"预约时间临近时，应提前半天或一天通知客户预约时间，以免遗忘。跟踪电话时，要文明礼貌，尊重客户，在客户方便时与之通话，不可强求；" +
		"跟踪电话要有记录，重点记录客户的要求和投诉（包括电话记录表和电话登记表）。对客户的投诉，应立即答复；不能立即答复的，应向客户致歉，" +
		"并告知下次答复的时间。业务统计报表应于每日下班前、每周六下班前和每月最后一天下班前填制完毕，做到准确、完整，不得估计。"
	longMixed = "本店使用 Telegram Bot（@TaiyuanAutoBot）发送预约提醒、取车通知与 PDF 售后服务卡；客户也可在大厅 kiosk 自助签到。" +
		"English-speaking customers receive the same messages in English, e.g. “Your vehicle 京A·12345 is ready for pickup at 17:30.” " +
		"防撞预警系统（Collision Warning System, CWS-2000）安装后首次保养里程为 5,000 km，之后每 10,000 km 或 12 个月保养一次，以先到者为准。"
	// Characters no embedded font has: an Extension-B name and emoji.
	longRare = "客户 𠀋先生（姓名含扩展 B 区汉字）通过 Telegram 留言：“谢谢👍，服务很好😀！”"
)

// specimen lays out a document that uses every layout helper: header and
// title, a field grid, headings, long paragraphs, a bar chart, a table of
// rows rows whose header repeats on each page, and signature boxes.
func specimen(e *Engine, lang frontoffice.Lang, rows int) *Doc {
	st := frontoffice.DefaultSettings()
	loc := st.Location()
	d := e.NewDoc(DocOptions{
		Lang: lang, Shop: ShopOf(&st, lang),
		Title:  Title{Zh: "业务统计表（样张）", En: "Business Statistics (specimen)"},
		Number: "R-2026-11", Issued: time.Date(2026, 11, 30, 17, 45, 0, 0, loc), Loc: loc,
	})
	tr := func(key string) string { return specimenTexts.T(lang, key) }
	d.Fields(2,
		Field{Label: tr("spec.period"), Value: "2026-11-01 — 2026-11-30"},
		Field{Label: tr("spec.prepared"), Value: "赵敏"},
		Field{Label: tr("spec.vehicles"), Value: "312", Strong: true},
		Field{Label: tr("spec.revenue"), Value: "¥486,320.00", Strong: true},
		Field{Label: tr("spec.note"), Value: longMixed, Span: 2},
	)
	d.Space(3)
	d.Heading(tr("spec.notes"), 15)
	d.Paragraph(longZh, Style{})
	d.Space(2)
	d.Paragraph(longMixed, Style{})
	d.Space(2)
	d.Paragraph(longRare, Style{Muted: true})
	d.Space(3)
	d.BarChart(BarChart{
		Title: tr("spec.vehicles_service"),
		Bars: []Bar{
			{Label: "防撞系统检测", Value: 96}, {Label: "定期保养", Value: 71},
			{Label: "倒车雷达安装", Value: 58}, {Label: "行车记录仪安装", Value: 44},
			{Label: "防撞预警系统安装", Value: 29, Text: "29（¥371,200）"},
			{Label: "防撞设备维修（含返修、保修期内免费维修与保修期外收费维修）", Value: 14},
		},
	})
	d.BarChart(BarChart{Title: tr("spec.complaints"), Empty: tr("spec.no_complaints")})
	d.Space(3)
	d.Heading(tr("spec.vehicles_served"), 20)
	var data [][]string
	for i := range rows {
		data = append(data, []string{
			fmt.Sprintf("%d", i+1),
			fmt.Sprintf("11-%02d %02d:%02d", 1+i%30, 8+i%9, (i%2)*30),
			fmt.Sprintf("京%c·%05d", "ABCEFGHJKLMNPQ"[i%14], (i*7919)%100000),
			[]string{"防撞系统检测", "定期保养", "倒车雷达安装", "行车记录仪安装", "防撞预警系统安装及调试（含 CWS-2000 主机、前向摄像头与线束）"}[i%5],
			frontoffice.Money((i%7+1)*12800 + 50).String(),
		})
	}
	d.Table(Table{
		Columns: []Column{
			{Title: tr("spec.no"), Width: 0.5, Align: Right},
			{Title: tr("spec.date"), Width: 1.1},
			{Title: tr("spec.plate"), Width: 1},
			{Title: tr("spec.service"), Width: 2.6},
			{Title: tr("spec.amount"), Width: 1, Align: Right},
		},
		Rows:   data,
		Footer: []string{"", "", "", tr("spec.total"), "¥486,320.00"},
	})
	d.Space(4)
	d.Heading(tr("spec.belongings"), 10)
	d.Checklist(4,
		Check{Label: tr("spec.spare_wheel"), Checked: true}, Check{Label: tr("spec.jack"), Checked: true},
		Check{Label: tr("spec.warning_triangle")}, Check{Label: tr("spec.fire_extinguisher"), Checked: true},
		Check{Label: tr("spec.registration_certificate")},
	)
	d.Fields(1, Field{Label: tr("spec.remarks"), Lines: 3})
	d.Space(5)
	d.Signatures(tr("spec.prepared_sign"), tr("spec.reviewed_supervisor"))
	return d
}

// specimenTexts are the specimen document's own words, in the catalog
// style of the forms' Texts.
var specimenTexts = frontoffice.Catalog{
	"spec.period":                   {Zh: "统计期间", En: "Period"},
	"spec.prepared":                 {Zh: "制表人", En: "Prepared by"},
	"spec.vehicles":                 {Zh: "接车台次", En: "Vehicles"},
	"spec.revenue":                  {Zh: "营业收入", En: "Revenue"},
	"spec.note":                     {Zh: "备注", En: "Note"},
	"spec.notes":                    {Zh: "说明", En: "Notes"},
	"spec.vehicles_service":         {Zh: "按服务类别的台次", En: "Vehicles by service category"},
	"spec.complaints":               {Zh: "投诉（件）", En: "Complaints"},
	"spec.no_complaints":            {Zh: "本期无投诉。", En: "No complaints in this period."},
	"spec.vehicles_served":          {Zh: "接车明细", En: "Vehicles served"},
	"spec.no":                       {Zh: "序号", En: "No."},
	"spec.date":                     {Zh: "日期时间", En: "Date"},
	"spec.plate":                    {Zh: "车牌号", En: "Plate"},
	"spec.service":                  {Zh: "服务项目", En: "Service"},
	"spec.amount":                   {Zh: "金额", En: "Amount"},
	"spec.total":                    {Zh: "合计", En: "Total"},
	"spec.belongings":               {Zh: "随车物品清单", En: "Belongings"},
	"spec.spare_wheel":              {Zh: "备胎", En: "Spare wheel"},
	"spec.jack":                     {Zh: "千斤顶", En: "Jack"},
	"spec.warning_triangle":         {Zh: "三角警示牌", En: "Warning triangle"},
	"spec.fire_extinguisher":        {Zh: "灭火器", En: "Fire extinguisher"},
	"spec.registration_certificate": {Zh: "行驶证（原件，交接时核对）", En: "Registration certificate (original, checked at handover)"},
	"spec.remarks":                  {Zh: "客户意见", En: "Remarks"},
	"spec.prepared_sign":            {Zh: "制表", En: "Prepared by"},
	"spec.reviewed_supervisor":      {Zh: "业务主管审核", En: "Reviewed by the supervisor"},
}

func TestSpecimenDocument(t *testing.T) {
	var logs bytes.Buffer
	e, err := New(slog.New(slog.NewTextHandler(&logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	d := specimen(e, frontoffice.ZH, 150)
	pages := d.Pages()
	if pages < 4 {
		t.Fatalf("specimen has %d pages, want a long document", pages)
	}
	pdf, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, pdf)
	// No rune of a wrapped paragraph is dropped or added: the paragraphs
	// come back whole, white space aside, the rare characters as □.
	rare := strings.NewReplacer("𠀋", "□", "👍", "□", "😀", "□").Replace(longRare)
	wantText(t, text, longZh, longMixed, rare)
	for p := 1; p <= pages; p++ {
		wantText(t, text, fmt.Sprintf("第 %d / %d 页", p, pages))
	}
	// The table's header row is repeated on every page it runs over.
	if n := strings.Count(text, "日期时间"); n < pages-2 {
		t.Errorf("table header printed %d times over %d pages", n, pages)
	}
	wantText(t, text, "业务统计表（样张）（续）", "本期无投诉。", "29（¥371,200）", "防撞预警系统安装及调试（含 CWS-2000 主机、前向摄像头与线束）", "业务主管审核",
		"随车物品清单", "三角警示牌", "行驶证（原件，交接时核对）", "客户意见",
		"防撞设备维修（含返修、保修期内免费维修与保修期外收费维修）")
	for _, r := range []string{"U+2000B", "U+1F44D", "U+1F600"} {
		if !strings.Contains(logs.String(), r) {
			t.Errorf("missing character %s not logged:\n%s", r, logs.String())
		}
	}
	savePNG(t, pdf, "specimen-zh")

	d = specimen(e, frontoffice.EN, 20)
	pdf, err = d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	wantText(t, pdfText(t, pdf), "Business Statistics (specimen)", "Vehicles by service category", "No complaints in this period.",
		fmt.Sprintf("Page 1 of %d", d.Pages()), longMixed)
	savePNG(t, pdf, "specimen-en")
}

// A document of nothing but characters outside the fonts still prints: each
// is a visible replacement, none is dropped.
func TestOnlyMissingCharacters(t *testing.T) {
	e := testEngine(t)
	d := e.NewDoc(DocOptions{Title: Title{Zh: "😀", En: "😀"}, Shop: Shop{Name: "🚗🚗"}})
	d.Paragraph("😀😀😀 \x01\x7f 𠀋𠀋", Style{})
	pdf, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	text := squash(pdfText(t, pdf))
	if n := strings.Count(text, "□"); n < 2+1+3+2+2 {
		t.Errorf("%d replacements in %q", n, text)
	}
}

// A table row taller than a page is split between lines over pages; no
// line is cut off and the header repeats.
func TestTallRowSplitsAcrossPages(t *testing.T) {
	e := testEngine(t)
	d := e.NewDoc(DocOptions{Title: Title{Zh: "长行", En: "Tall row"}, Shop: Shop{Name: "测试"}})
	long := strings.Repeat(longZh, 8)
	d.Table(Table{
		Columns: []Column{{Title: "项目", Width: 1}, {Title: "说明", Width: 4}},
		Rows:    [][]string{{"第一行", "短"}, {"第二行", long}, {"第三行", "短"}},
	})
	d.Fields(1, Field{Label: "备注", Value: long})
	if d.Pages() < 3 {
		t.Fatalf("%d pages, want the long cells to run over pages", d.Pages())
	}
	pdf, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, pdf)
	// Take out what every page repeats: header, "(continued)" title, table
	// header row, page number.
	body := regexp.MustCompile(`第\d+/\d+页|测试|长行（续）|项目说明`).ReplaceAllString(squash(text), "")
	if n := strings.Count(body, squash(long)); n != 2 {
		t.Errorf("long cell text found %d times whole, want 2", n)
	}
	wantText(t, text, "第一行", "第三行")
	if _, err := d.Bytes(); err == nil {
		t.Error("second Bytes call did not fail")
	}
	savePNG(t, pdf, "tall-row")
}

// The header's height constant matches what header draws.
func TestHeaderHeight(t *testing.T) {
	d := testEngine(t).NewDoc(DocOptions{Title: Title{Zh: "标题"}})
	d.NewPage()
	if got, want := d.Y(), MarginTop+headerHeight+contTitleHeight; math.Abs(got-want) > 1e-9 {
		t.Errorf("continuation content starts at %.2f mm, want %.2f", got, want)
	}
}

// A chart of more bars than a page holds goes on over pages, with its scale
// on each; no bar is lost.
func TestBarChartOverPages(t *testing.T) {
	d := testEngine(t).NewDoc(DocOptions{Lang: frontoffice.EN, Title: Title{Zh: "图表", En: "Chart"}, Shop: Shop{Name: "Shop"}})
	var bars []Bar
	for i := range 70 {
		bars = append(bars, Bar{Label: fmt.Sprintf("Day %02d", i+1), Value: float64(i*37%101 + 1)})
	}
	d.BarChart(BarChart{Title: "Visits per day", Bars: bars})
	if d.Pages() < 2 {
		t.Fatalf("%d pages", d.Pages())
	}
	pdf, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, pdf)
	for _, b := range bars {
		wantText(t, text, b.Label)
	}
	if n := strings.Count(text, "\n0\n"); n < d.Pages() {
		t.Errorf("scale zero label found %d times over %d pages, want it on every page", n, d.Pages())
	}
	savePNG(t, pdf, "chart-pages")
}

func TestMaxStep(t *testing.T) {
	for end, want := range map[float64]float64{5: 1, 10: 2, 100: 20, 3: 1, 7: 7, 0.5: 0.1} {
		if got := maxStep(end); math.Abs(got-want) > 1e-9 {
			t.Errorf("maxStep(%v) = %v, want %v", end, got, want)
		}
	}
}

func TestNiceScale(t *testing.T) {
	for _, tc := range []struct {
		top       float64
		whole     bool
		end, step float64
	}{
		{96, true, 100, 25}, {101, true, 150, 50}, {5, true, 6, 2}, {1, true, 1, 1},
		{0.8, false, 0.8, 0.2}, {3000, true, 3000, 1000}, {486320, true, 600000, 200000},
	} {
		end, step := niceScale(tc.top, tc.whole)
		if math.Abs(end-tc.end) > 1e-9 || math.Abs(step-tc.step) > 1e-9 {
			t.Errorf("niceScale(%v) = %v, %v; want %v, %v", tc.top, end, step, tc.end, tc.step)
		}
	}
}
