package console

import (
	"bytes"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	fo "frontoffice"
)

// download GETs a document and returns the response with its whole body.
func (c *conClient) download(path string) (*http.Response, []byte) {
	c.h.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, c.h.ts.URL+path, nil)
	res, err := c.http.Do(req)
	if err != nil {
		c.h.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, b
}

// docFixture is a shop with one of every record a document prints: a
// delivered visit with additional work (INT-6, DEL-3), an appointment
// (APT-1), a complaint (CMP-2), and the day's calls and registers (FU-7).
type docFixture struct {
	visit, open fo.Visit
	apt         fo.Appointment
	cmp         fo.Complaint
}

func newDocFixture(t *testing.T, h *conHarness) docFixture {
	t.Helper()
	var f docFixture
	now := h.clock.Now()
	h.clock.Set(conAt(26, 10, 0))
	a, err := h.store.Book(fo.BookRequest{ServiceID: "maint", Start: conAt(27, 9, 0), Plate: "京D33333", Source: "test", By: "test",
		Customer: fo.CustomerInput{Name: "张三", Phone: "13900000003"}})
	if err != nil {
		t.Fatal(err)
	}
	h.clock.Set(now)
	f.apt = a
	v, err := h.store.CheckIn(fo.CheckInRequest{AppointmentID: a.ID, Source: "kiosk", By: "kiosk"})
	if err != nil {
		t.Fatal(err)
	}
	// INT-1: diagnosed and estimated, agreed, then the work order (the
	// estimate's one line is the test work order's).
	est := fo.Estimate{Purpose: "维修", DiagnosisConsent: true, Diagnosis: "左后探头损坏",
		Lines: []fo.EstimateLine{{Description: "检测", Mode: fo.PriceByItem, Labor: 30000}}}
	if _, err := h.store.Estimate(fo.EstimateRequest{VisitID: v.ID, Estimate: est, By: "staff:li"}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.store.DecideEstimate(fo.DecideRequest{VisitID: v.ID, Agree: true, By: "staff:li"}); err != nil {
		t.Fatal(err)
	}
	f.visit = deliver(t, h.store, h.clock, v)
	f.open = h.walkIn("Anna Müller", "13900000002", "京C22222", "radar")
	f.cmp, err = h.store.FileComplaint(fo.ComplaintRequest{Channel: fo.ChannelPhone, Category: "quality", Text: "雷达误报",
		CustomerID: f.visit.CustomerID, VisitID: f.visit.ID, By: "staff:li"})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// Every kind of document downloads as a PDF — attached, never cached, its
// file name free of personal data — for the roles that may have it, and
// is refused without a session or with the wrong role (REP-1, FU-7,
// CMP-2, DEL-3).
func TestConsoleDocumentsDownload(t *testing.T) {
	h := newAsHarness(t)
	f := newDocFixture(t, h)
	id := func(n uint64) string { return strconv.FormatUint(n, 10) }
	docs := map[string]string{
		"workorder":      id(f.visit.ID),
		"additional":     id(f.visit.ID),
		"settlement":     id(f.visit.ID),
		"exit":           id(f.visit.ID),
		"card":           id(f.visit.ID),
		"estimate":       id(f.visit.ID),
		"diagnosis":      id(f.visit.ID),
		"slip":           id(f.apt.ID),
		"complaint":      id(f.cmp.ID),
		"calls":          "20261127",
		"letters":        "20261127",
		"report-daily":   "20261127",
		"report-weekly":  "20261127",
		"report-monthly": "20261127",
		"report-yearly":  "20261127",
		// Issue 11: forms 13, 9 and 12, and the calendar file.
		"archive":     id(f.visit.VehicleID),
		"callrecord":  id(f.visit.CustomerID),
		"aptregister": "20261127",
		"ics":         id(f.apt.ID),
	}
	// FLD-5: a field job's work log and acceptance report (field_site_test.go).
	fj, _, _ := siteConsoleJob(t, h)
	docs[fo.DocFieldLog], docs[fo.DocFieldAcceptance] = id(fj.ID), id(fj.ID)
	// REP-2: the quality report of November (quality.go).
	loc := h.clock.Now().Location()
	docs[fo.DocQuality] = id(fo.QualityRef(time.Date(2026, 11, 1, 0, 0, 0, 0, loc), time.Date(2026, 12, 1, 0, 0, 0, 0, loc), loc))
	if len(docs) != len(documentRoles) {
		t.Fatalf("%d kinds tested, %d offered", len(docs), len(documentRoles))
	}
	zhao := h.login("zhao")
	for kind, ref := range docs {
		path := "/staff/documents/" + kind + "/" + ref
		for _, lang := range []string{"", "?lang=en"} {
			res, body := zhao.download(path + lang)
			magic, ctype, ext := "%PDF", "application/pdf", ".pdf"
			if kind == fo.DocICS {
				magic, ctype, ext = "BEGIN:VCALENDAR", "text/calendar; charset=utf-8", ".ics"
			}
			if res.StatusCode != http.StatusOK || !bytes.HasPrefix(body, []byte(magic)) {
				t.Errorf("%s%s: %d %q", path, lang, res.StatusCode, body[:min(len(body), 200)])
				continue
			}
			if got := res.Header.Get("Content-Type"); got != ctype {
				t.Errorf("%s: Content-Type %q", path, got)
			}
			if got := res.Header.Get("Content-Disposition"); got != `attachment; filename="`+kind+"-"+ref+ext+`"` {
				t.Errorf("%s: Content-Disposition %q", path, got)
			}
			if got := res.Header.Get("Cache-Control"); got != "no-store" {
				t.Errorf("%s: Cache-Control %q", path, got)
			}
		}
	}

	// Roles: the desk has the visit's forms and receipts, follow-up staff
	// the call lists, registers and receipts, the supervisor everything.
	matrix := map[string]map[string]int{
		"li": {"workorder": 200, "card": 200, "slip": 200, "complaint": 200, "calls": 403, "letters": 403, "report-daily": 403,
			"ics": 200, "aptregister": 200, "archive": 200, "callrecord": 200},
		"wang": {"workorder": 403, "card": 403, "slip": 403, "complaint": 200, "calls": 200, "letters": 200, "report-monthly": 403,
			"ics": 403, "aptregister": 403, "archive": 200, "callrecord": 200},
		"admin": {"workorder": 200, "report-weekly": 200, "calls": 200},
	}
	for login, kinds := range matrix {
		c := h.login(login)
		for kind, want := range kinds {
			res, body := c.download("/staff/documents/" + kind + "/" + docs[kind])
			if res.StatusCode != want {
				t.Errorf("%s GET %s: %d, want %d", login, kind, res.StatusCode, want)
			}
			if want != 200 && bytes.HasPrefix(body, []byte("%PDF")) {
				t.Errorf("%s got %s refused but with a PDF", login, kind)
			}
		}
	}
	// No session: to the login page, no PDF.
	anon := h.client()
	for kind, ref := range docs {
		r := anon.get("/staff/documents/" + kind + "/" + ref)
		if r.status != http.StatusSeeOther || r.location != "/staff/login" || strings.HasPrefix(r.body, "%PDF") {
			t.Errorf("%s without a session: %d %q", kind, r.status, r.location)
		}
	}
	// Unknown kinds and refs, records not there, nothing to print yet.
	for path, want := range map[string]int{
		"/staff/documents/passport/1":                  404,
		"/staff/documents/card/0":                      404,
		"/staff/documents/card/abc":                    404,
		"/staff/documents/card/007":                    404,
		"/staff/documents/card/99999":                  404,
		"/staff/documents/card/" + id(f.open.ID):       409, // not delivered
		"/staff/documents/calls/20261332":              422,
		"/staff/documents/report-daily/99999999999999": 422,
	} {
		if res, body := zhao.download(path); res.StatusCode != want || bytes.HasPrefix(body, []byte("%PDF")) {
			t.Errorf("GET %s: %d, want %d", path, res.StatusCode, want)
		}
	}
	// Without a renderer there is nothing to download.
	h.srv.cfg.Documents = nil
	if res, _ := zhao.download("/staff/documents/card/" + docs["card"]); res.StatusCode != http.StatusNotFound {
		t.Errorf("no renderer: %d", res.StatusCode)
	}
}

// The visit page links the forms its status has, the complaint page its
// receipt, the call list its PDF (console_visit includes
// aftersales_visit_docs).
func TestConsoleDocumentLinks(t *testing.T) {
	h := newAsHarness(t)
	f := newDocFixture(t, h)
	li := h.login("li")
	page := li.get(visitPath(f.visit.ID))
	vid := strconv.FormatUint(f.visit.ID, 10)
	mustContain(t, "delivered visit", page.body, `id="visit-docs"`, "/staff/documents/workorder/"+vid, "/staff/documents/additional/"+vid,
		"/staff/documents/settlement/"+vid, "/staff/documents/exit/"+vid, "/staff/documents/card/"+vid,
		"/staff/documents/slip/"+strconv.FormatUint(f.apt.ID, 10), "/staff/complaints/new?visit="+vid)
	page = li.get(visitPath(f.open.ID))
	mustNotContain(t, "waiting visit", page.body, "/staff/documents/workorder/", "/staff/documents/card/")
	mustContain(t, "waiting visit", page.body, "接车后才有单据")
	// From the visit to a complaint about it (CMP-1).
	form := li.get("/staff/complaints/new?visit=" + vid)
	mustContain(t, "complaint about the visit", form.body, `name="visit" value="`+vid+`" checked`, "京D·33333", "张三")
	mustContain(t, "complaint", li.get(complaintPath(f.cmp.ID)).body, `id="doc-complaint"`)
	h.clock.Set(h.clock.Now().Add(time.Hour))
	mustContain(t, "calls", h.login("wang").get("/staff/calls").body, `id="doc-calls"`)
}
