package kiosk

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	fo "frontoffice"
)

// CMP-1, CMP-2, CMP-3 at the kiosk: a complaint with errors comes back
// with every error next to its field and the rest kept (name and phone
// masked), survives the language switch, and filed gives the ticket and
// the answer deadline (4 hours for a major complaint, 24 for a general
// one) in the visitor's language. A phone on file files on that customer
// without renaming them. The entry screen starts afresh.
func TestKioskComplaintCMP1CMP2(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	if r := c.get("/kiosk/complaint"); r.status != http.StatusOK || !strings.Contains(r.body, "screen-complaint") {
		t.Fatalf("complaint screen: %d", r.status)
	}
	r := c.post("/kiosk/complaint", "name", "张三", "phone", "138 1234 5678", "text", "")
	if r.status != http.StatusUnprocessableEntity {
		t.Fatalf("incomplete: %d", r.status)
	}
	mustContain(t, "errors", r.body, `id="err-category"`, `id="err-text"`, `id="err-major"`, `id="err-consent"`, "138****5678", "张*")
	mustNotContain(t, "errors", r.body, `id="err-phone"`, `id="err-name"`)
	// The language switch keeps the form.
	r = c.post("/kiosk/lang", "lang", "en", "screen", "complaint")
	if !strings.HasSuffix(r.url, "/kiosk/complaint/edit") || !strings.Contains(r.body, "Kept as 138****5678") || !strings.Contains(r.body, "What happened?") {
		t.Fatalf("language switch: %s %s", r.url, r.body[:min(len(r.body), 300)])
	}
	r = c.post("/kiosk/complaint", "category", "quality", "text", "The radar still beeps for nothing.", "major", "yes", "consent", "yes")
	if r.status != http.StatusOK || !strings.HasSuffix(r.url, "/kiosk/complaint/done") {
		t.Fatalf("file: %d %s", r.status, r.url)
	}
	cm, err := h.store.ComplaintByTicket("TS-20261127-001")
	if err != nil || cm.Channel != fo.ChannelKiosk || !cm.Major || cm.Lang != fo.EN || cm.Category != "quality" || cm.By != "kiosk" {
		t.Fatalf("filed %+v %v", cm, err)
	}
	// CMP-3: major, 4 hours from 10:30.
	mustContain(t, "done", r.body, "TS-20261127-001", "You will have our answer by Fri 27 Nov 14:30", `id="major-note"`)
	cust, err := h.store.CustomerByPhone("13812345678")
	if err != nil || cust.Name != "张三" || !cust.Consent || cust.ID != cm.CustomerID {
		t.Errorf("REC-2: customer %+v %v", cust, err)
	}
	// A second tap files nothing more.
	c.post("/kiosk/complaint", "category", "quality", "text", "again", "major", "no", "consent", "yes")
	if _, err := h.store.ComplaintByTicket("TS-20261127-002"); err == nil {
		t.Error("a double tap filed a second complaint")
	}
	// The entry screen starts afresh.
	if r := c.get("/kiosk/complaint"); strings.Contains(r.body, "138****5678") || strings.Contains(r.body, "TS-20261127-001") {
		t.Error("the entry screen shows the last visitor's data")
	}

	// A phone on file: typed at the kiosk it proves nothing (ARC-2). The
	// complaint is filed on a record of its own, pending for the desk;
	// the customer on file is neither renamed nor told. A general
	// complaint has 24 hours.
	a := h.book("13698765432", "沪C67890", "欧阳娜娜", at(27, 11, 0))
	c2 := h.client()
	c2.get("/kiosk/complaint")
	r = c2.post("/kiosk/complaint", "category", "time", "text", "等了太久", "major", "no", "name", "Someone Else",
		"phone", "13698765432", "consent", "yes")
	mustContain(t, "general", r.body, "TS-20261127-002", "我们会在 11月28日 周六 10:30 之前答复您")
	cm2, _ := h.store.ComplaintByTicket("TS-20261127-002")
	owner, _ := h.store.Customer(a.CustomerID)
	if cm2.CustomerID == a.CustomerID || cm2.CustomerName != "Someone Else" || owner.Name != "欧阳娜娜" || cm2.Major || cm2.Lang != fo.ZH {
		t.Errorf("complaint %+v on %+v", cm2, owner)
	}
	if pms, _ := h.store.PendingMatches(); len(pms) != 1 || pms[0].ComplaintID != cm2.ID || pms[0].MatchCustomerID != a.CustomerID {
		t.Errorf("pending %+v", pms)
	}

	// Privacy: no full phone, plate or name in any response; no-store; no
	// personal data in a URL.
	leaks := append(personal("13812345678", "", ""), personal("13698765432", "沪C67890", "欧阳娜娜")...)
	leaks = append(leaks, "Someone Else", a.Code)
	for _, cl := range []*client{c, c2} {
		for _, r := range cl.resp {
			mustNotContain(t, r.method+" "+r.url, r.body, leaks...)
			if r.header.Get("Cache-Control") != "no-store" {
				t.Errorf("%s: Cache-Control %q", r.url, r.header.Get("Cache-Control"))
			}
		}
		for _, u := range cl.urls {
			mustNotContain(t, "URL "+u, u, append(leaks, "5678", "张三")...)
		}
	}
}

// SUR-1, SUR-2 at the kiosk: a delivered visit is found by its queue number
// and the last 4 phone digits (a miss and wrong digits get the same
// answer; a visit not yet delivered is told to wait), shown masked, and
// rated; a second rating is refused. A visit found by its booking code
// rated 2 opens a complaint whose ticket and deadline the visitor gets.
// Misses count against the kiosk's guessing limit.
func TestKioskRateVisitSUR1SUR2(t *testing.T) {
	h := newHarness(t)
	v := delivered(t, h.store, h.clock, "王五", "13900000001", "京B11111")
	waiting, err := h.store.CheckIn(fo.CheckInRequest{Customer: fo.CustomerInput{Name: "钱七", Phone: "13511112222", Consent: true},
		Plate: "津D24680", ServiceID: "repair", Source: "kiosk", By: "kiosk"})
	if err != nil {
		t.Fatal(err)
	}
	c := h.client()
	if r := c.get("/kiosk/rate"); r.status != http.StatusOK || !strings.Contains(r.body, "screen-rate") {
		t.Fatalf("rate screen: %d", r.status)
	}
	if r := c.post("/kiosk/rate/find", "mode", "queue", "queue", "hello", "last4", "0001"); r.status != http.StatusUnprocessableEntity {
		t.Errorf("bad queue number: %d", r.status)
	}
	miss := c.post("/kiosk/rate/find", "mode", "queue", "queue", v.QueueNo, "last4", "9999")
	none := c.post("/kiosk/rate/find", "mode", "queue", "queue", "W099", "last4", "0001")
	if miss.status != http.StatusNotFound || none.status != http.StatusNotFound || !strings.Contains(miss.body, "没有找到对应的服务记录") {
		t.Errorf("misses: %d %d", miss.status, none.status)
	}
	if r := c.post("/kiosk/rate/find", "mode", "queue", "queue", strings.ToLower(waiting.QueueNo), "last4", "2222"); r.status != http.StatusConflict ||
		!strings.Contains(r.body, "车辆交车后才能评价") {
		t.Errorf("not delivered: %d", r.status)
	}
	r := c.post("/kiosk/rate/find", "mode", "queue", "queue", " w 1 ", "last4", "0001")
	if r.status != http.StatusOK || !strings.HasSuffix(r.url, "/kiosk/rate/visit") {
		t.Fatalf("find: %d %s", r.status, r.url)
	}
	mustContain(t, "visit", r.body, "京B·***11", v.QueueNo, `name="q3" value="5"`)
	r = c.post("/kiosk/rate/visit", "q0", "5", "q1", "4", "q3", "5", "comment", "师傅很专业")
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, `id="q2"`) || !strings.Contains(r.body, `name="q1" value="4" checked`) ||
		!strings.Contains(r.body, "师傅很专业") {
		t.Fatalf("missing score: %d", r.status)
	}
	r = c.post("/kiosk/rate/visit", "q0", "5", "q1", "4", "q2", "5", "q3", "5", "comment", "师傅很专业")
	if !strings.HasSuffix(r.url, "/kiosk/rate/done") || !strings.Contains(r.body, "谢谢您的评价") {
		t.Fatalf("rate: %d %s", r.status, r.url)
	}
	sv, err := h.store.VisitSurvey(v.ID)
	if err != nil || sv.Status != fo.SurveyDone || sv.Channel != fo.ChannelKiosk || sv.Scores != [4]int{5, 4, 5, 5} || sv.Comment != "师傅很专业" {
		t.Fatalf("SUR-1 survey %+v %v", sv, err)
	}
	if r := c.post("/kiosk/rate/find", "mode", "queue", "queue", v.QueueNo, "last4", "0001"); r.status != http.StatusConflict ||
		!strings.Contains(r.body, "已经评价过了") {
		t.Errorf("second rating: %d", r.status)
	}

	// By booking code, in English, a low score (SUR-2).
	a := h.book("13698765432", "沪C67890", "欧阳娜娜", at(27, 11, 0))
	av, err := h.store.CheckIn(fo.CheckInRequest{AppointmentID: a.ID, Source: "kiosk", By: "kiosk"})
	if err != nil {
		t.Fatal(err)
	}
	deliver(t, h.store, h.clock, av)
	c2 := h.client()
	c2.get("/kiosk/rate")
	c2.post("/kiosk/lang", "lang", "en", "screen", "rate")
	r = c2.post("/kiosk/rate/find", "mode", "code", "code", strings.ToLower(a.Code))
	if !strings.HasSuffix(r.url, "/kiosk/rate/visit") || !strings.Contains(r.body, "沪C·***90") || !strings.Contains(r.body, "Quality of the work") {
		t.Fatalf("by code: %d %s", r.status, r.url)
	}
	r = c2.post("/kiosk/rate/visit", "q0", "3", "q1", "2", "q2", "4", "q3", "4")
	sv, _ = h.store.VisitSurvey(av.ID)
	if sv.Ticket == "" {
		t.Fatalf("SUR-2: a score of 2 opened no complaint: %+v", sv)
	}
	cm, _ := h.store.ComplaintByTicket(sv.Ticket)
	if cm.Channel != fo.ChannelSurvey || cm.Category != "quality" {
		t.Errorf("SUR-2 complaint %+v", cm)
	}
	mustContain(t, "low score", r.body, sv.Ticket, "our supervisor will contact you by "+fo.FormatWhen(fo.EN, cm.DueAt, shanghai))

	// Guessing: misses in one session end at the desk (429).
	c3 := h.client()
	c3.get("/kiosk/rate")
	for i := 0; i < sessionFails; i++ {
		c3.post("/kiosk/rate/find", "mode", "queue", "queue", "A001", "last4", "1234")
	}
	if r := c3.post("/kiosk/rate/find", "mode", "queue", "queue", v.QueueNo, "last4", "0001"); r.status != http.StatusTooManyRequests {
		t.Errorf("after %d misses: %d", sessionFails, r.status)
	}

	leaks := append(personal("13900000001", "京B11111", "王五"), personal("13698765432", "沪C67890", "欧阳娜娜")...)
	leaks = append(leaks, personal("13511112222", "津D24680", "钱七")...)
	for _, cl := range []*client{c, c2, c3} {
		for _, r := range cl.resp {
			mustNotContain(t, r.method+" "+r.url, r.body, leaks...)
		}
		for _, u := range cl.urls {
			mustNotContain(t, "URL "+u, u, append(leaks, "0001", "2222", a.Code, strings.ToLower(a.Code))...)
		}
	}
}

// The after-sales kiosk state follows the kiosk's idle rule: after the
// idle timeout the kept form is gone.
func TestKioskComplaintIdleForgets(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	c.get("/kiosk/complaint")
	c.post("/kiosk/complaint", "phone", "13812345678", "name", "张三")
	if r := c.get("/kiosk/complaint/edit"); !strings.Contains(r.body, "138****5678") {
		t.Fatal("form not kept")
	}
	h.clock.Advance(DefaultKioskIdle + 1)
	if r := c.get("/kiosk/complaint/edit"); strings.Contains(r.body, "138****5678") || strings.Contains(r.body, "张*") {
		t.Error("the form outlived the idle timeout")
	}
	if r := c.get("/kiosk/complaint/done"); !strings.HasSuffix(r.url, "/kiosk") {
		t.Errorf("done without a complaint: %s", r.url)
	}
}

func TestParseQueueNo(t *testing.T) {
	for in, want := range map[string]string{"A001": "A001", "a1": "A001", " w 12 ": "W012", "W0123": "W0123", "A000": "",
		"AB01": "", "1234": "", "": "", "A": "", "A12345": "", "Ａ001": ""} {
		if got := parseQueueNo(in); got != want {
			t.Errorf("parseQueueNo(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzParseQueueNo(f *testing.F) {
	for _, s := range []string{"A001", "w 12", "", "Ａ001", "A\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q := parseQueueNo(s)
		if q != "" && (!queueNoRe.MatchString(q) || parseQueueNo(q) != q) {
			t.Fatalf("parseQueueNo(%q) = %q", s, q)
		}
	})
}

// A page of another site cannot file a complaint or rate a visit through
// a browser in the lobby.
func TestKioskAfterSalesRefusesCrossSitePosts(t *testing.T) {
	h := newHarness(t)
	for _, path := range []string{"/kiosk/complaint", "/kiosk/rate/find", "/kiosk/rate/visit"} {
		req := httptest.NewRequest("POST", path, strings.NewReader("category=quality&text=x&major=no&name=x&phone=13912345678&consent=yes"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		w := httptest.NewRecorder()
		h.srv.Handler().ServeHTTP(w, req)
		if w.Code != http.StatusForbidden {
			t.Errorf("%s: %d", path, w.Code)
		}
	}
	if open, _ := h.store.OpenComplaints(); len(open) != 0 {
		t.Errorf("a cross-site post filed %+v", open)
	}
}
