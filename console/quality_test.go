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
