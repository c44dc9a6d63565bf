package console

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	fo "frontoffice"
)

// REP-2 on the console: the supervisor sees the week's quality
// information, records feedback (bad input refused with the reason,
// nothing stored), classifies a complaint, resolves an open problem and
// downloads the report's PDF; reception may not.
func TestConsoleQualityREP2(t *testing.T) {
	h := newAsHarness(t)
	cmp, err := h.store.FileComplaint(fo.ComplaintRequest{Channel: fo.ChannelPhone, Category: "quality", Text: "雷达误报",
		Customer: fo.CustomerInput{Name: "张伟", Phone: "13900001111"}, By: "staff:li"})
	if err != nil {
		t.Fatal(err)
	}
	if r := h.login("li").get("/staff/quality"); r.status != http.StatusForbidden {
		t.Errorf("reception on the quality page: %d", r.status)
	}
	c := h.login("zhao")
	page := c.get("/staff/quality")
	if page.status != http.StatusOK || !strings.Contains(page.body, "2026-11-22") || !strings.Contains(page.body, cmp.Ticket) ||
		!strings.Contains(page.body, "本期反馈 1 条") || !strings.Contains(page.body, `href="/staff/quality"`) {
		t.Fatalf("quality page: %d %s", page.status, excerpt(page.body))
	}
	// Bad input: no text, an unknown class.
	for _, bad := range []url.Values{
		{"source": {"field"}, "class": {"product"}, "text": {"  "}},
		{"source": {"field"}, "class": {"paint"}, "text": {"x"}},
		{"source": {"mail"}, "class": {"product"}, "text": {"x"}},
	} {
		bad.Set("from", "2026-11-22")
		bad.Set("to", "2026-11-28")
		r := c.post("/staff/quality/add", bad)
		if r.status != http.StatusBadRequest || !strings.Contains(r.body, `class="error"`) {
			t.Errorf("bad feedback %v: %d %s", bad, r.status, excerpt(r.body))
		}
	}
	if rep, _ := h.store.QualityReport(conAt(22, 0, 0), conAt(29, 0, 0)); rep.Total != 1 {
		t.Fatalf("bad input stored: %+v", rep)
	}
	r := c.post("/staff/quality/add", url.Values{"source": {"field"}, "class": {"parts"}, "product": {"RADAR-4"}, "site": {"华东物流"},
		"ref": {"FJ-0003"}, "text": {"缺少支架"}, "open": {"1"}, "from": {"2026-11-22"}, "to": {"2026-11-28"}})
	if r.status != http.StatusSeeOther || r.location != "/staff/quality?from=2026-11-22&to=2026-11-28" {
		t.Fatalf("add: %d %s %s", r.status, r.location, excerpt(r.body))
	}
	page = c.follow(r)
	if !strings.Contains(page.body, "质量信息已登记") || !strings.Contains(page.body, "缺少支架") || !strings.Contains(page.body, "待解决问题（1）") {
		t.Fatalf("after add: %s", excerpt(page.body))
	}
	// Classify the complaint as a product problem.
	r = c.post("/staff/quality/classify", url.Values{"ticket": {cmp.Ticket}, "class": {"product"}, "product": {"RADAR-4"}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("classify: %d %s", r.status, excerpt(r.body))
	}
	rep, _ := h.store.QualityReport(conAt(22, 0, 0), conAt(29, 0, 0))
	if rep.Total != 2 || rep.ByClass != [4]int{1, 0, 1, 0} || len(rep.OpenProblems) != 1 {
		t.Fatalf("after classify: %+v", rep)
	}
	if r := c.post("/staff/quality/classify", url.Values{"ticket": {"TS-20991231-0001"}, "class": {"product"}}); r.status != http.StatusNotFound {
		t.Errorf("unknown ticket: %d", r.status)
	}
	// Resolve the open problem; again is a conflict.
	id := strconv.FormatUint(rep.OpenProblems[0].ID, 10)
	if r := c.post("/staff/quality/"+id+"/resolve", url.Values{"resolution": {""}}); r.status != http.StatusBadRequest {
		t.Errorf("empty resolution: %d", r.status)
	}
	if r := c.post("/staff/quality/"+id+"/resolve", url.Values{"resolution": {"厂家已补发"}}); r.status != http.StatusSeeOther {
		t.Fatalf("resolve: %d %s", r.status, excerpt(r.body))
	}
	if r := c.post("/staff/quality/"+id+"/resolve", url.Values{"resolution": {"again"}}); r.status != http.StatusConflict {
		t.Errorf("resolve twice: %d", r.status)
	}
	// A chosen period and its PDF.
	page = c.get("/staff/quality?from=2026-11-01&to=2026-11-30")
	ref := fo.QualityRef(conAt(1, 0, 0), conAt(30, 0, 0).AddDate(0, 0, 1), conLoc)
	pdfPath := "/staff/documents/quality/" + strconv.FormatUint(ref, 10)
	if !strings.Contains(page.body, pdfPath) {
		t.Fatalf("no PDF link %s: %s", pdfPath, excerpt(page.body))
	}
	pdf := c.get(pdfPath)
	if pdf.status != http.StatusOK || !strings.HasPrefix(pdf.body, "%PDF") {
		t.Fatalf("PDF: %d %s", pdf.status, excerpt(pdf.body))
	}
	if r := h.login("li").get(pdfPath); r.status != http.StatusForbidden {
		t.Errorf("reception downloads the quality report: %d", r.status)
	}
	if r := c.get("/staff/quality?from=2026-11-30&to=2026-11-01"); r.status != http.StatusBadRequest {
		t.Errorf("a period backwards: %d", r.status)
	}
}

// 工时定额 on the settings page: standards and regional rates added,
// a bad one refused as typed with nothing stored, the quality report's
// period set.
func TestConsoleSettingsLabour(t *testing.T) {
	h := newConHarness(t)
	c := h.login("admin")
	form := formValues(c.get("/staff/settings").body, "settings-form")
	if form.Get("labour") != "2" || form.Get("rates") != "1" {
		t.Fatalf("labour rows: %s %s", form.Get("labour"), form.Get("rates"))
	}
	form.Set("lb0_code", "RADAR-4")
	form.Set("lb0_zh", "四探头倒车雷达")
	form.Set("lb0_install", "90")
	form.Set("lb0_repair", "40")
	form.Set("lb1_code", "DVR")
	form.Set("lb1_zh", "行车记录仪")
	form.Set("lb1_install", "0")
	form.Set("lb1_repair", "0") // both 0: refused
	form.Set("rt0_region", "")
	form.Set("rt0_rate", "120")
	form.Set("quality_report", "monthly")
	r := c.post("/staff/settings", form)
	if r.status != http.StatusBadRequest && r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "工时定额 2") || !strings.Contains(r.body, `value="行车记录仪"`) {
		t.Fatalf("bad standard: %d %s", r.status, excerpt(r.body))
	}
	if st, _ := h.store.Settings(); len(st.Labour) != 0 || st.QualityReport != "" {
		t.Fatalf("a refused form stored labour %+v", st.Labour)
	}
	form.Set("lb1_install", "50")
	form.Set("rt0_rate", "abc")
	if r := c.post("/staff/settings", form); r.status == http.StatusSeeOther {
		t.Fatal("a rate that is no amount saved")
	}
	form.Set("rt0_rate", "120")
	r = c.post("/staff/settings", form)
	if r.status != http.StatusSeeOther {
		t.Fatalf("save: %d %s", r.status, excerpt(r.body))
	}
	form = formValues(c.follow(r).body, "settings-form")
	form.Set("rt1_region", "苏州")
	form.Set("rt1_rate", "99")
	if r := c.post("/staff/settings", form); r.status != http.StatusSeeOther {
		t.Fatalf("add a region: %d %s", r.status, excerpt(r.body))
	}
	st, _ := h.store.Settings()
	if len(st.Labour) != 2 || st.QualityReportKind() != fo.ReportMonthly || len(st.LabourRates) != 2 {
		t.Fatalf("saved %+v %+v %q", st.Labour, st.LabourRates, st.QualityReport)
	}
	if cost, _, ok := st.LabourCost("RADAR-4", "苏州", false); !ok || cost != 14850 {
		t.Errorf("RADAR-4 in 苏州: %v %v", cost, ok)
	}
}

// 工时定额 in the estimate (INT-2): the desk adds a line priced from a
// standard at the region's rate, edits nothing else, and saves it; an
// unknown standard is the form's error, nothing saved.
func TestConsoleEstimateLabourLine(t *testing.T) {
	h := newConHarness(t)
	st, _ := h.store.Settings()
	st.Labour = []fo.LabourStandard{{Code: "RADAR-4", NameZh: "四探头倒车雷达", InstallMinutes: 90, RepairMinutes: 40}}
	st.LabourRates = []fo.RegionRate{{Region: "", HourlyRate: 12000}, {Region: "苏州", HourlyRate: 9900}}
	if err := h.store.SaveSettings(st); err != nil {
		t.Fatal(err)
	}
	li := h.login("li")
	v := h.walkIn("王五", "13900000001", "京B11111", "repair")
	page := li.get(visitPath(v.ID))
	if !strings.Contains(page.body, `id="est-labour"`) || !strings.Contains(page.body, "RADAR-4 四探头倒车雷达") {
		t.Fatalf("no labour picker: %s", excerpt(page.body))
	}
	form := formValues(page.body, "estimate-form")
	form.Set("op", "labour")
	form.Set("labour_code", "RADAR-4")
	form.Set("labour_region", "苏州")
	r := li.post(visitPath(v.ID)+"/estimate", form)
	if r.status != http.StatusOK || !strings.Contains(r.body, `value="四探头倒车雷达 安装工时 1.5 小时 × ¥99.00/小时"`) || !strings.Contains(r.body, `value="148.50"`) {
		t.Fatalf("labour line: %d %s", r.status, excerpt(partUntil(r.body, `id="estimate-form"`, "</form>")))
	}
	if got, _ := h.store.Visit(v.ID); got.CurrentEstimate() != nil {
		t.Fatal("adding a line saved the estimate")
	}
	bad := cloneValues(form)
	bad.Set("labour_code", "NOPE")
	if r := li.post(visitPath(v.ID)+"/estimate", bad); r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "没有这个工时定额") {
		t.Fatalf("unknown standard: %d %s", r.status, excerpt(r.body))
	}
	form = formValues(r.body, "estimate-form")
	n, _ := strconv.Atoi(form.Get("lines"))
	for i := range n { // formValues does not read the selects
		form.Set("l"+strconv.Itoa(i)+"_mode", "item")
	}
	form.Set("op", "save")
	form.Set("purpose", "装倒车雷达")
	if r := li.post(visitPath(v.ID)+"/estimate", form); r.status != http.StatusSeeOther {
		t.Fatalf("save: %d %s", r.status, excerpt(r.body))
	}
	got, _ := h.store.Visit(v.ID)
	e := got.CurrentEstimate()
	if e == nil {
		t.Fatal("no estimate saved")
	}
	found := false
	for _, l := range e.Lines {
		found = found || (l.Labor == 14850 && strings.HasPrefix(l.Description, "四探头倒车雷达 安装工时"))
	}
	if !found {
		t.Errorf("estimate lines %+v", e.Lines)
	}
}
