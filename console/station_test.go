package console

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	fo "frontoffice"
)

// stationFixture is two certified stations, A and B, each with a job and
// a station account (sta, stb), and B's documents.
type stationFixture struct {
	a, b     fo.Station
	jobA     fo.StationJob
	jobB     fo.StationJob
	fileB    uint64
	visitID  uint64
	customer string // B's customer: never shown to A
	phone    string
}

func certify(t *testing.T, h *conHarness, name, city string) fo.Station {
	t.Helper()
	st, err := h.store.CreateStation(fo.StationInput{Name: name, City: city, Address: "文三路 1 号", Hotline: "0571-88886666"}, "staff:zhao")
	if err != nil {
		t.Fatal(err)
	}
	doc := []fo.StationUpload{{Name: "report.pdf", Mime: "application/pdf", Data: []byte("%PDF-1.4 " + name)}}
	for _, step := range []fo.StationStep{
		{Action: fo.StationAssess, By: "staff:zhao"},
		{Action: fo.StationContract, By: "staff:zhao"},
		{Action: fo.StationCertify, By: "staff:zhao", CertUntil: h.clock.Now().AddDate(1, 0, 0)},
	} {
		files := doc
		if step.Action == fo.StationCertify {
			files = nil
		}
		if st, err = h.store.StepStation(st.ID, step, files); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

func newStationFixture(t *testing.T, h *conHarness) stationFixture {
	t.Helper()
	f := stationFixture{customer: "乙站客户", phone: "13900000222"}
	f.a = certify(t, h, "甲网点", "杭州")
	f.b = certify(t, h, "乙网点", "宁波")
	f.fileB = f.b.History[1].Files[0]
	day := h.clock.Now().In(conLoc).Format(time.DateOnly)
	var err error
	if f.jobA, err = h.store.AddStationJob(fo.StationJobInput{StationID: f.a.ID, Customer: "甲站客户", Phone: "13900000111", Work: "安装雷达", Day: day, By: "t"}); err != nil {
		t.Fatal(err)
	}
	if f.jobB, err = h.store.AddStationJob(fo.StationJobInput{StationID: f.b.ID, Customer: f.customer, Phone: f.phone, Work: "更换探头", Day: day, By: "t"}); err != nil {
		t.Fatal(err)
	}
	for login, st := range map[string]fo.Station{"sta": f.a, "stb": f.b} {
		if _, err := h.store.AddAccount(fo.Account{Login: login, Name: "网点 " + st.Name, Role: fo.RoleReception}, conPassword); err != nil {
			t.Fatal(err)
		}
		if _, err := h.store.SetAccountStationAs(login, st.ID, "staff:admin"); err != nil {
			t.Fatal(err)
		}
	}
	f.visitID = h.walkIn("王五", "13900000001", "京B11111", "repair").ID
	return f
}

// stationRouteDecisions is the decision taken for every console route
// about station accounts (issue 14 Security): "own" routes are a
// station's own pages, filtered by the account's station; every other
// route is "closed" to them (403). A route added to the console without
// a line here fails TestStationIsolationConsoleRoutes: decide, then add it.
var stationRouteDecisions = map[string]string{
	"GET /staff": "common", "GET /staff/{$}": "common", "POST /staff/logout": "common", "POST /staff/lang": "common",
	"GET /staff/station/{$}": "own", "POST /staff/station/jobs": "own", "GET /staff/station/cert": "own",

	"GET /staff/today": "closed", "POST /staff/call-next": "closed", "POST /staff/visits/{id}/recall": "closed",
	"POST /staff/visits/{id}/move-back": "closed", "POST /staff/appointments/{id}/no-show": "closed",
	"GET /staff/visits/{id}": "closed", "POST /staff/visits/{id}/call": "closed", "POST /staff/visits/{id}/intake": "closed",
	"POST /staff/visits/{id}/ready": "closed", "POST /staff/visits/{id}/back": "closed", "POST /staff/visits/{id}/delay": "closed",
	"POST /staff/visits/{id}/work": "closed", "POST /staff/visits/{id}/work/{n}": "closed",
	"POST /staff/visits/{id}/deliver": "closed", "POST /staff/visits/{id}/leave": "closed",
	"POST /staff/visits/{id}/estimate": "closed", "POST /staff/visits/{id}/estimate/decide": "closed",
	"POST /staff/visits/{id}/deposit": "closed", "GET /staff/pickups": "closed", "POST /staff/pickups/{id}/done": "closed",
	"GET /staff/appointments": "closed", "GET /staff/appointments/week": "closed", "POST /staff/appointments/find": "closed",
	"POST /staff/appointments/book": "closed", "GET /staff/appointments/{id}": "closed",
	"POST /staff/appointments/{id}/move": "closed", "POST /staff/appointments/{id}/cancel": "closed",
	"GET /staff/export/{what}": "closed", "GET /staff/workshop": "closed", "POST /staff/workshop/{id}/assign": "closed",
	"GET /staff/archives": "closed", "POST /staff/archives/search": "closed", "GET /staff/archives/{id}": "closed",
	"POST /staff/archives/{id}": "closed", "GET /staff/queue": "closed", "POST /staff/queue/retry": "closed",
	"GET /staff/settings": "closed", "POST /staff/settings": "closed", "GET /staff/accounts": "closed",
	"POST /staff/accounts/{op}": "closed", "GET /staff/audit": "closed", "GET /staff/complaints": "closed",
	"GET /staff/complaints/new": "closed", "POST /staff/complaints/new": "closed", "GET /staff/complaints/{id}": "closed",
	"POST /staff/complaints/{id}/take": "closed", "POST /staff/complaints/{id}/answer": "closed",
	"POST /staff/complaints/{id}/verdict": "closed", "POST /staff/complaints/{id}/close": "closed",
	"POST /staff/complaints/{id}/assign": "closed", "GET /staff/calls": "closed", "POST /staff/calls/{id}": "closed",
	"GET /staff/tasks": "closed", "POST /staff/tasks/{id}/solve": "closed", "GET /staff/promotions": "closed",
	"POST /staff/promotions": "closed", "GET /staff/registers": "closed", "GET /staff/reports": "closed",
	"GET /staff/documents/{kind}/{ref}": "closed", "GET /staff/devices": "closed", "POST /staff/devices/{id}/unlock": "closed",
	"POST /staff/devices/enrol": "closed", "POST /staff/devices/{id}/revoke": "closed", "GET /staff/pending": "closed",
	"POST /staff/pending/{id}/merge": "closed", "POST /staff/pending/{id}/separate": "closed", "GET /staff/walkin": "closed",
	"POST /staff/walkin":  "closed",
	"GET /staff/stations": "closed", "GET /staff/stations/new": "closed", "POST /staff/stations/new": "closed",
	"GET /staff/stations/{id}": "closed", "POST /staff/stations/{id}": "closed", "POST /staff/stations/{id}/step": "closed",
	"POST /staff/stations/{id}/link": "closed", "GET /staff/stations/{id}/files/{file}": "closed",
	"GET /staff/stations/{id}/cert": "closed", "POST /staff/stations/{id}/jobs/{job}/check": "closed",
	"POST /staff/accounts/station": "closed",
	"POST /staff/visits/{id}/sign": "closed", "GET /staff/files/{id}": "closed", // INT-4 (issue 12)
	"POST /staff/visits/{id}/discount": "closed", // DEL-3 (issue 12)
	// Field jobs (issue 13): the shop's own, never a station's.
	"GET /staff/field": "closed", "GET /staff/field/new": "closed", "POST /staff/field/new": "closed",
	"GET /staff/field/{id}": "closed", "POST /staff/field/{id}/task": "closed", "POST /staff/field/{id}/upload": "closed",
	"POST /staff/field/{id}/dispatch": "closed", "POST /staff/field/{id}/cancel": "closed",
	"GET /staff/field/{id}/files/{file}": "closed", "GET /staff/field/{id}/pdf/{kind}": "closed",
	// Quality information (REP-2): the shop's supervisors'.
	"GET /staff/quality": "closed", "POST /staff/quality/add": "closed", "POST /staff/quality/classify": "closed",
	"POST /staff/quality/{id}/resolve": "closed",
	// NET-2, NET-3: a station's own complaints, claims and documents; the
	// shop's routing, audit and scorecards.
	"GET /staff/station/complaints": "own", "POST /staff/station/complaints/{id}/answer": "own",
	"GET /staff/station/claims": "own", "POST /staff/station/claims": "own", "GET /staff/station/documents/{kind}/{ref}": "own",
	"POST /staff/complaints/{id}/station": "closed", "GET /staff/network/claims": "closed",
	"POST /staff/network/claims/{id}/audit": "closed", "GET /staff/network/scores": "closed",
	"GET /staff/network/documents/{kind}/{ref}": "closed",
}

// routePath fills a pattern's wildcards with other records: B's station,
// file and job, a visit, a complaint's document.
func (f stationFixture) routePath(pattern string) (method, path string) {
	method, path, _ = strings.Cut(pattern, " ")
	id := fmt.Sprint(f.b.ID)
	if !strings.HasPrefix(path, "/staff/stations/") {
		id = fmt.Sprint(f.visitID)
	}
	path = strings.NewReplacer("{id}", id, "{n}", "1", "{$}", "", "{file}", fmt.Sprint(f.fileB),
		"{job}", fmt.Sprint(f.jobB.ID), "{kind}", "complaint", "{ref}", "1", "{what}", "visits", "{op}", "role").Replace(path)
	return method, path
}

// Issue 14 Security: a station account reaches its own pages only; every
// other console route — each one registered, compared with the decisions
// above — answers 403 and changes nothing; its own pages never show
// another station's customers, jobs or documents, and no other account
// opens a station's own pages.
func TestStationIsolationConsoleRoutes(t *testing.T) {
	h := newAsHarness(t)
	f := newStationFixture(t, h)
	routes := h.srv.console.routes
	registered := map[string]bool{}
	for _, p := range routes {
		registered[p] = true
		if _, ok := stationRouteDecisions[p]; !ok {
			t.Errorf("route %q has no station decision: add it to stationRouteDecisions", p)
		}
	}
	for p := range stationRouteDecisions {
		if !registered[p] {
			t.Errorf("decision for %q, which is not a console route", p)
		}
	}
	c := h.login("sta")
	for _, pattern := range routes {
		if pattern == "POST /staff/logout" {
			continue // at the end: it ends the session
		}
		method, path := f.routePath(pattern)
		t.Run(pattern, func(t *testing.T) {
			var r conResp
			form := url.Values{"login": {"sta"}, "station": {fmt.Sprint(f.b.ID)}, "role": {"admin"}, "score": {"1"},
				"customer": {"x"}, "phone": {"13900000999"}, "work": {"x"}, "day": {"2026-11-27"}, "lang": {"en"}}
			if method == http.MethodGet {
				r = c.get(path)
			} else {
				r = c.post(path, form)
			}
			for _, secret := range []string{f.customer, f.phone, f.b.Name, "%PDF-1.4 乙网点", "13900000001", "京B11111"} {
				if strings.Contains(r.body, secret) {
					t.Errorf("%s %s shows another's %q", method, path, secret)
				}
			}
			switch stationRouteDecisions[pattern] {
			case "closed":
				if r.status != http.StatusForbidden {
					t.Errorf("%s %s as a station account: %d, want 403", method, path, r.status)
				}
			case "own", "common":
				if r.status == http.StatusForbidden {
					t.Errorf("%s %s as a station account: 403", method, path)
				}
			}
		})
	}
	// Nothing of B changed; A got the one job the own form posted.
	if b, _ := h.store.Station(f.b.ID); b.Status != fo.StationCertified || b.LinkHash != "" || len(b.History) != len(f.b.History) {
		t.Errorf("station B changed: %+v", b)
	}
	if acc, _ := h.store.Account("sta"); acc.Role != fo.RoleStation || acc.StationID != f.a.ID {
		t.Errorf("account sta changed: %+v", acc)
	}
	if jb, _ := h.store.StationJob(f.jobB.ID); jb.Check.Score != 0 {
		t.Errorf("B's check changed: %+v", jb.Check)
	}
	// The station's own page shows its own job, and the home goes there.
	if r := c.get("/staff"); r.status != http.StatusSeeOther || r.location != "/staff/station/" {
		t.Errorf("station home: %d %q", r.status, r.location)
	}
	own := c.get("/staff/station/")
	mustContain(t, "own", own.body, "甲站客户", "甲网点")
	if strings.Contains(own.body, "/staff/archives") || strings.Contains(own.body, "/staff/stations") {
		t.Error("the station's navigation links to staff pages")
	}
	if r := c.post("/staff/logout", nil); r.status != http.StatusSeeOther {
		t.Errorf("station logout: %d", r.status)
	}
	// No other account opens a station's own pages.
	for _, login := range []string{"admin", "zhao", "li"} {
		oc := h.login(login)
		for _, p := range []string{"/staff/station/", "/staff/station/cert"} {
			if r := oc.get(p); r.status != http.StatusForbidden {
				t.Errorf("%s GET %s: %d", login, p, r.status)
			}
		}
		if r := oc.post("/staff/station/jobs", url.Values{"customer": {"x"}, "phone": {"13900000999"}, "work": {"x"}, "day": {"2026-11-27"}}); r.status != http.StatusForbidden {
			t.Errorf("%s POST own job: %d", login, r.status)
		}
	}
}

// Issue 14 Security, NET-4: a station reports jobs in the console; the
// form never takes a station from the request.
func TestStationOwnJobNET4(t *testing.T) {
	h := newAsHarness(t)
	f := newStationFixture(t, h)
	c := h.login("stb")
	page := c.get("/staff/station/")
	mustContain(t, "page", page.body, f.customer, "乙网点")
	mustNotContain(t, "page", page.body, "甲站客户")
	idem := regexp.MustCompile(`name="idem" value="([^"]+)"`).FindStringSubmatch(page.body)[1]
	form := url.Values{"customer": {"丙客户"}, "phone": {"13900000333"}, "plate": {"浙B12345"}, "work": {"保养"},
		"day": {"2026-11-26"}, "idem": {idem}, "station": {fmt.Sprint(f.a.ID)}}
	r := c.post("/staff/station/jobs", form)
	if r.status != http.StatusSeeOther {
		t.Fatalf("report: %d %s", r.status, excerpt(r.body))
	}
	c.post("/staff/station/jobs", form) // a second press of the same form
	jobs, _ := h.store.StationJobs(f.b.ID, conAt(20, 0, 0), conAt(28, 0, 0))
	if len(jobs) != 2 || jobs[0].Customer != "丙客户" {
		t.Fatalf("B's jobs %+v", jobs)
	}
	if ja, _ := h.store.StationJobs(f.a.ID, conAt(20, 0, 0), conAt(28, 0, 0)); len(ja) != 1 {
		t.Errorf("A got a job from B's form: %+v", ja)
	}
	bad := c.post("/staff/station/jobs", url.Values{"customer": {"丁"}, "phone": {"123"}, "work": {"x"}, "day": {"2026-11-26"}})
	if bad.status != http.StatusUnprocessableEntity {
		t.Errorf("bad phone: %d", bad.status)
	}
	mustContain(t, "bad", bad.body, "丁")
	cert := c.get("/staff/station/cert")
	if cert.status != http.StatusOK || !strings.HasPrefix(cert.body, "%PDF") {
		t.Errorf("own certificate: %d %s", cert.status, excerpt(cert.body))
	}
}

// postMultipart posts a form with files.
func (c *conClient) postMultipart(path string, fields url.Values, files map[string][]byte) conResp {
	c.h.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fields.Set("csrf", c.csrf)
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	for name, data := range files {
		w, _ := mw.CreateFormFile("files", name)
		w.Write(data)
	}
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, c.h.ts.URL+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.do(req)
}

// NET-1 in the console: the supervisor registers a candidate, takes it
// through assessment (with the report), contract (with the contract) to
// certified, downloads its documents and certificate, and makes the
// group's link code; reception sees none of it.
func TestStationRegisterConsoleNET1(t *testing.T) {
	h := newAsHarness(t)
	c := h.login("zhao")
	if r := c.post("/staff/stations/new", url.Values{"name": {"杭州西湖站"}, "city": {"杭州"}, "address": {""}, "hotline": {"0571-1"}}); r.status != http.StatusUnprocessableEntity {
		t.Fatalf("no address: %d", r.status)
	} else {
		mustContain(t, "r", r.body, "杭州西湖站", "请填写地址")
	}
	r := c.post("/staff/stations/new", url.Values{"name": {"杭州西湖站"}, "city": {"杭州"}, "area": {"西湖区"}, "address": {"文三路 1 号"},
		"hotline": {"0571-88886666"}, "contact": {"周强"}, "contact_phone": {"13800000003"}, "services": {"安装, 维修"}})
	if r.status != http.StatusSeeOther || r.location != "/staff/stations/1" {
		t.Fatalf("create: %d %q %s", r.status, r.location, excerpt(r.body))
	}
	page := c.follow(r)
	mustContain(t, "page", page.body, "ST-001 杭州西湖站", "候选", "考察评审")
	// Assessment without its report: refused.
	if r := c.postMultipart("/staff/stations/1/step", url.Values{"action": {"assess"}}, nil); r.status != http.StatusUnprocessableEntity {
		t.Fatalf("assess without a report: %d", r.status)
	}
	steps := []struct {
		fields url.Values
		files  map[string][]byte
	}{
		{url.Values{"action": {"assess"}, "note": {"场地合格"}}, map[string][]byte{"考察报告.pdf": []byte("%PDF-1.4 report")}},
		{url.Values{"action": {"contract"}}, map[string][]byte{"contract.pdf": []byte("%PDF-1.4 contract")}},
		{url.Values{"action": {"certify"}, "cert_until": {"2027-11-30"}, "cert_no": {"NET-2026-001"}}, nil},
	}
	for _, s := range steps {
		if r := c.postMultipart("/staff/stations/1/step", s.fields, s.files); r.status != http.StatusSeeOther {
			t.Fatalf("%s: %d %s", s.fields.Get("action"), r.status, excerpt(r.body))
		}
	}
	page = c.get("/staff/stations/1")
	mustContain(t, "page", page.body, "已授权", "NET-2026-001", "考察报告.pdf", "场地合格", "对客户开放")
	st, _ := h.store.Station(1)
	file := st.History[1].Files[0]
	if r := c.get(fmt.Sprintf("/staff/stations/1/files/%d", file)); r.status != http.StatusOK || r.body != "%PDF-1.4 report" {
		t.Errorf("document: %d %q", r.status, r.body)
	}
	if r := c.get("/staff/stations/1/cert"); r.status != http.StatusOK || !strings.HasPrefix(r.body, "%PDF") {
		t.Errorf("certificate: %d", r.status)
	}
	r = c.post("/staff/stations/1/link", nil)
	m := regexp.MustCompile(`id="station-code">[^<]*：([a-z0-9]{10}) ——`).FindStringSubmatch(r.body)
	if r.status != http.StatusOK || m == nil || m[1] == "" {
		t.Fatalf("link code: %d %s", r.status, excerpt(r.body))
	}
	if _, err := h.store.LinkStationChat(m[1], -700, false, "tg:1"); err != nil {
		t.Errorf("the code shown does not link: %v", err)
	}
	list := c.get("/staff/stations")
	mustContain(t, "list", list.body, "ST-001", "杭州西湖站", "NET-2026-001")
	// Reception: none of it.
	li := h.login("li")
	for _, p := range []string{"/staff/stations", "/staff/stations/1", "/staff/stations/1/cert"} {
		if r := li.get(p); r.status != http.StatusForbidden {
			t.Errorf("reception GET %s: %d", p, r.status)
		}
	}
}
