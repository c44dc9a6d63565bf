package console

import (
	"frontoffice/internal/sigdraw"
	"frontoffice/internal/webtest"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	fo "frontoffice"
)

// Every console route refuses a request without a session: GETs go to the
// login page, everything else is 403, and nothing changes.
func TestConsoleRoutesRefuseWithoutSession(t *testing.T) {
	h := newConHarness(t)
	v := h.walkIn("王五", "13900000001", "京B11111", "repair")
	routes := h.srv.console.routes
	if len(routes) < 20 {
		t.Fatalf("only %d console routes recorded", len(routes))
	}
	c := h.client()
	for _, pattern := range routes {
		method, path, _ := strings.Cut(pattern, " ")
		path = strings.NewReplacer("{id}", strconv.FormatUint(v.ID, 10), "{n}", "1", "{$}", "").Replace(path)
		t.Run(pattern, func(t *testing.T) {
			var r conResp
			if method == http.MethodGet {
				r = c.get(path)
				if r.status != http.StatusSeeOther || r.location != "/staff/login" {
					t.Errorf("GET %s without a session: %d → %q", path, r.status, r.location)
				}
			} else {
				r = c.post(path, url.Values{"csrf": {"x"}})
				if r.status != http.StatusForbidden {
					t.Errorf("%s %s without a session: %d", method, path, r.status)
				}
			}
		})
	}
	// A forged or expired cookie is no session either.
	c.http.Jar.SetCookies(mustURL(h.ts.URL+"/staff"), []*http.Cookie{{Name: staffCookie, Value: "forged", Path: "/staff"}})
	if r := c.get("/staff/today"); r.status != http.StatusSeeOther {
		t.Errorf("forged cookie: %d", r.status)
	}
	if got, _ := h.store.Visit(v.ID); got.Status != fo.VisitWaiting {
		t.Errorf("a refused request changed the visit: %s", got.Status)
	}
}

func mustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}

// A state change without the session's CSRF token is refused and changes
// nothing; so is a login without its form token.
func TestConsoleCSRF(t *testing.T) {
	h := newConHarness(t)
	v := h.walkIn("王五", "13900000001", "京B11111", "repair")
	c := h.login("li")
	for _, form := range []url.Values{{"csrf": {""}}, {"csrf": {"not-the-token"}}} {
		if r := c.post("/staff/call-next", form); r.status != http.StatusForbidden {
			t.Errorf("call-next with csrf %q: %d", form.Get("csrf"), r.status)
		}
	}
	if got, _ := h.store.Visit(v.ID); got.Status != fo.VisitWaiting {
		t.Fatalf("call-next without a token called %s", got.QueueNo)
	}
	// Another session's token does not work either.
	other := h.login("zhao")
	if r := c.post("/staff/call-next", url.Values{"csrf": {other.csrf}}); r.status != http.StatusForbidden {
		t.Errorf("another session's token: %d", r.status)
	}
	// A browser that says the request came from another site is refused.
	req, _ := http.NewRequest(http.MethodPost, h.ts.URL+"/staff/call-next", strings.NewReader("csrf="+url.QueryEscape(c.csrf)))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	if r := c.do(req); r.status != http.StatusForbidden {
		t.Errorf("cross-site POST: %d", r.status)
	}
	// With the token it works.
	if r := c.post("/staff/call-next", nil); r.status != http.StatusSeeOther {
		t.Fatalf("call-next: %d %s", r.status, excerpt(r.body))
	}
	if got, _ := h.store.Visit(v.ID); got.Status != fo.VisitCalled {
		t.Errorf("after call-next: %s", got.Status)
	}
	// Login CSRF: a login form posted without its token.
	fresh := h.client()
	if r := fresh.post("/staff/login", url.Values{"login": {"li"}, "password": {conPassword}}); r.status != http.StatusForbidden {
		t.Errorf("login without the form token: %d", r.status)
	}
}

// Wrong passwords are refused with one answer for a wrong password and an
// unknown login (the throttling is TestConsoleLoginThrottle*); logout
// ends the session.
func TestConsoleLoginRateLimitAndLogout(t *testing.T) {
	h := newConHarness(t)
	c := h.client()
	if r := c.tryLogin("li", "wrong password!"); r.status != http.StatusUnauthorized || !strings.Contains(r.body, "登录名或密码不对") {
		t.Fatalf("wrong password: %d %s", r.status, excerpt(r.body))
	}
	if r := c.tryLogin("nobody", conPassword); r.status != http.StatusUnauthorized || !strings.Contains(r.body, "登录名或密码不对") {
		t.Fatalf("unknown login: %d", r.status)
	}

	// Session cookie attributes; logout.
	s := h.client()
	r := s.tryLogin("li", conPassword)
	u := mustURL(h.ts.URL + "/staff/today")
	var sess *http.Cookie
	for _, ck := range s.http.Jar.Cookies(u) {
		if ck.Name == staffCookie {
			sess = ck
		}
	}
	if r.status != http.StatusSeeOther || sess == nil {
		t.Fatalf("login: %d, cookie %v", r.status, sess)
	}
	s.follow(r)
	s.get("/staff/today")
	if r := s.post("/staff/logout", nil); r.status != http.StatusSeeOther || r.location != "/staff/login" {
		t.Fatalf("logout: %d %q", r.status, r.location)
	}
	// The old token is dead even if replayed.
	replay := h.client()
	replay.http.Jar.SetCookies(u, []*http.Cookie{{Name: staffCookie, Value: sess.Value, Path: "/staff"}})
	if r := replay.get("/staff/today"); r.status != http.StatusSeeOther {
		t.Errorf("session alive after logout: %d", r.status)
	}
}

// The session cookie is HttpOnly, SameSite=Strict, scoped to /staff, and
// Secure when the config says so.
func TestConsoleSessionCookie(t *testing.T) {
	h := newConHarness(t)
	for _, secure := range []bool{false, true} {
		h.srv.cfg.SecureCookies = secure
		c := h.client()
		page := c.get("/staff/login")
		pre := preRe.FindStringSubmatch(page.body)[1]
		form := url.Values{"login": {"li"}, "password": {conPassword}, "pre": {pre}}
		req, _ := http.NewRequest(http.MethodPost, h.ts.URL+"/staff/login", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		for _, ck := range c.http.Jar.Cookies(req.URL) {
			req.AddCookie(ck)
		}
		res, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		var sess *http.Cookie
		for _, ck := range res.Cookies() {
			if ck.Name == staffCookie {
				sess = ck
			}
		}
		if sess == nil || !sess.HttpOnly || sess.SameSite != http.SameSiteStrictMode || sess.Path != "/staff" || sess.Secure != secure || sess.MaxAge <= 0 {
			t.Errorf("secure=%v: session cookie %+v", secure, sess)
		}
		if strings.Contains(res.Header.Get("Location"), sess.Value) {
			t.Error("token in a URL")
		}
	}
}

// Roles: reception cannot open admin pages or grant a discount (DEL-3);
// follow-up staff read archives (ARC-2) but do not run the desk; a
// supervisor grants discounts.
func TestConsoleRolesDEL3(t *testing.T) {
	h := newConHarness(t)
	li := h.login("li")
	for _, p := range []string{"/staff/settings", "/staff/accounts"} {
		if r := li.get(p); r.status != http.StatusForbidden {
			t.Errorf("reception GET %s: %d", p, r.status)
		}
	}
	before, _ := h.store.Settings()
	if r := li.post("/staff/settings", url.Values{"name": {"Hacked"}}); r.status != http.StatusForbidden {
		t.Errorf("reception POST settings: %d", r.status)
	}
	if after, _ := h.store.Settings(); after.Shop.Name != before.Shop.Name {
		t.Fatal("reception changed the settings")
	}
	wang := h.login("wang")
	if r := wang.get("/staff/today"); r.status != http.StatusForbidden {
		t.Errorf("follow-up opens the desk: %d", r.status)
	}
	if r := wang.get("/staff/archives"); r.status != http.StatusOK {
		t.Errorf("follow-up archives: %d", r.status)
	}
	if r := h.login("admin").get("/staff/settings"); r.status != http.StatusOK {
		t.Errorf("admin settings: %d", r.status)
	}

	// A ready job: reception cannot give a discount, a supervisor can.
	v := h.walkIn("王五", "13900000001", "京B11111", "repair")
	if _, err := h.store.Intake(fo.IntakeRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, WorkOrder: testWorkOrder(conAt(27, 12, 0))}); err != nil {
		t.Fatal(err)
	}
	h.store.SetReady(v.ID, fo.CompleteChecklist, "test")
	page := li.get(visitPath(v.ID))
	if strings.Contains(page.body, `name="discount"`) || !strings.Contains(page.body, "优惠须由主管办理") {
		t.Error("reception sees a discount field")
	}
	r := li.post(visitPath(v.ID)+"/deliver", url.Values{"amount": {"300"}, "discount": {"30"}, "paid": {"270"}})
	if r.status != http.StatusForbidden || !strings.Contains(r.body, "差额 ¥30.00 为优惠，须由主管办理") || !strings.Contains(r.body, `value="270"`) {
		t.Fatalf("reception discount: %d %s", r.status, excerpt(r.body))
	}
	// DEL-3: the ¥300.00 job for ¥1.00 — refused to reception, the amount
	// kept and named.
	r = li.post(visitPath(v.ID)+"/deliver", url.Values{"amount": {"1"}, "paid": {"1"}})
	if r.status != http.StatusForbidden || !strings.Contains(r.body, "结算金额 ¥1.00 低于应收 ¥300.00") ||
		!strings.Contains(r.body, `<label class="bad">`) || !strings.Contains(r.body, `value="1"`) {
		t.Fatalf("reception ¥1: %d %s", r.status, excerpt(r.body))
	}
	if got, _ := h.store.Visit(v.ID); got.Status != fo.VisitReady {
		t.Fatal("delivered with a reception discount")
	}
	zhao := h.login("zhao")
	if !strings.Contains(zhao.get(visitPath(v.ID)).body, `name="discount"`) {
		t.Error("supervisor has no discount field")
	}
	r = zhao.post(visitPath(v.ID)+"/deliver", url.Values{"amount": {"300"}, "discount": {"30"}, "paid": {"200"}})
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "请填写优惠原因") || !strings.Contains(r.body, `value="200"`) {
		t.Fatalf("supervisor discount without a reason: %d %s", r.status, excerpt(r.body))
	}
	r = zhao.post(visitPath(v.ID)+"/deliver", url.Values{"amount": {"300"}, "discount": {"30"}, "reason": {"老客户"}, "paid": {"200"}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("supervisor discount: %d %s", r.status, excerpt(r.body))
	}
	page = zhao.follow(r)
	got, _ := h.store.Visit(v.ID)
	if got.Status != fo.VisitDelivered || got.Settlement.DiscountBy != "staff:zhao" || got.Settlement.DiscountReason != "老客户" || got.Settlement.Receivable() != 7000 {
		t.Fatalf("delivered %+v", got.Settlement)
	}
	if !strings.Contains(page.body, "¥70.00") || !strings.Contains(page.body, "已结算交车") {
		t.Errorf("settlement page: %s", excerpt(page.body))
	}
}

func testWorkOrder(promised time.Time) fo.WorkOrder { return webtest.WorkOrder(promised) }

// No personal data in any URL: every link, form action and redirect met
// while using the console carries only opaque ids, never a phone, a plate
// or a name; archive search is a POST.
func TestConsoleNoPersonalDataInURLs(t *testing.T) {
	h := newConHarness(t)
	v := h.walkIn("王五", "13900000001", "京B11111", "repair")
	h.walkIn("Anna Müller", "13900000002", "京C22222", "radar")
	h.store.Book(fo.BookRequest{ServiceID: "maint", Start: conAt(27, 9, 30), Plate: "京D33333", Source: "test", By: "test",
		Customer: fo.CustomerInput{Name: "张三", Phone: "13900000003"}})
	c := h.login("admin")
	c.get("/staff/today")
	c.post("/staff/call-next", nil)
	c.follow(c.post(visitPath(v.ID)+"/intake", conIntakeForm(conAt(27, 12, 0), "120")))
	h.clock.Set(conAt(27, 11, 0))
	h.store.RunDue(h.clock.Now())
	c.get("/staff/pickups")
	r := c.post("/staff/archives/search", url.Values{"q": {"京 b 11111"}})
	if r.status != http.StatusSeeOther || !strings.HasPrefix(r.location, "/staff/archives/") {
		t.Fatalf("search by plate: %d %q", r.status, r.location)
	}
	c.follow(r)
	r = c.post("/staff/archives/search", url.Values{"q": {"139-0000-0002"}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("search by phone: %d %s", r.status, excerpt(r.body))
	}
	c.follow(r)
	c.get("/staff/archives")
	c.get("/staff/settings")
	c.get("/staff/accounts")
	leak := regexp.MustCompile(`1[3-9]\d{9}|139|京|%E4%BA%AC|王五|Anna|M%C3%BCller|张三|11111|22222|33333`)
	if len(c.seen) < 30 {
		t.Fatalf("only %d URLs seen", len(c.seen))
	}
	for _, u := range c.seen {
		if leak.MatchString(u) {
			t.Errorf("personal data in a URL: %q", u)
		}
	}
}

// INT-1..INT-5: an invalid intake comes back with the error next to the
// form and everything typed kept; the line buttons edit the form only;
// INT-2's notice shows for a customer-supplied critical part.
func TestConsoleIntakeErrorsKeepInputINT1INT5(t *testing.T) {
	h := newConHarness(t)
	v := h.walkIn("王五", "13900000001", "京B11111", "repair")
	c := h.login("li")
	page := c.get(visitPath(v.ID))
	if !strings.Contains(page.body, `id="intake-form"`) || !strings.Contains(page.body, "防撞设备维修") {
		t.Fatalf("no intake form: %s", excerpt(page.body))
	}
	form := conIntakeForm(conAt(27, 12, 0), "120")
	form.Set("key", "")
	form.Set("l0_source", "customer")
	r := c.post(visitPath(v.ID)+"/intake", form)
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "请填写钥匙编号") {
		t.Fatalf("missing key: %d %s", r.status, excerpt(r.body))
	}
	for _, kept := range []string{`value="倒车雷达维修"`, `value="42000"`, "雨伞\n行车记录仪", `value="车间 老张"`, `value="customer" selected`} {
		if !strings.Contains(r.body, kept) {
			t.Errorf("input %q not kept", kept)
		}
	}
	if !regexp.MustCompile(`id="noguar-all"\s*>`).MatchString(r.body) {
		t.Error("INT-2 notice hidden for a customer part at a critical place")
	}
	if got, _ := h.store.Visit(v.ID); got.WorkOrder != nil || got.Status != fo.VisitWaiting {
		t.Fatal("an invalid intake changed the visit")
	}
	// Add and remove lines without saving.
	form.Set("key", "K-17")
	form.Set("op", "addline")
	r = c.post(visitPath(v.ID)+"/intake", form)
	if r.status != http.StatusOK || !strings.Contains(r.body, `name="l1_desc"`) {
		t.Fatalf("add line: %d", r.status)
	}
	form.Set("op", "del:0")
	r = c.post(visitPath(v.ID)+"/intake", form)
	if strings.Contains(r.body, `value="更换探头"`) {
		t.Error("line not removed")
	}
	if got, _ := h.store.Visit(v.ID); got.WorkOrder != nil {
		t.Fatal("a line button saved the intake")
	}
	// A promise before the handover: the store's rule, shown at the field.
	form = conIntakeForm(conAt(27, 8, 0), "120")
	r = c.post(visitPath(v.ID)+"/intake", form)
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "承诺交车时间须晚于接车时间") {
		t.Fatalf("early promise: %d %s", r.status, excerpt(r.body))
	}
	// Valid: the work order is signed, the vehicle in the workshop, the
	// handover kept to the 10 minutes (INT-5).
	h.clock.Set(conAt(27, 9, 7))
	r = c.post(visitPath(v.ID)+"/intake", conIntakeForm(conAt(27, 12, 0), "120"))
	if r.status != http.StatusSeeOther {
		t.Fatalf("intake: %d %s", r.status, excerpt(r.body))
	}
	got, _ := h.store.Visit(v.ID)
	wo := got.WorkOrder
	if got.Status != fo.VisitWorkshop || wo == nil || !wo.CustomerSigned || wo.By != "staff:li" || len(wo.Belongings) != 2 ||
		wo.Lines[0].Labor != 10000 || wo.Lines[0].Parts != 20000 || !wo.HandoverAt.Equal(conAt(27, 9, 10)) || wo.DiagnosisReport != "" {
		t.Fatalf("work order %+v", wo)
	}
	page = c.follow(r)
	if !strings.Contains(page.body, "接车完成") || !strings.Contains(page.body, `id="set-ready"`) {
		t.Errorf("after intake: %s", excerpt(page.body))
	}
}

// The job status line end to end over HTTP: ready, back, additional work
// answered by phone (INT-6), delay (DEL-2), ready, deliver; a declined
// work order leaves with its fee (INT-4).
func TestConsoleJobStatusINT6INT4(t *testing.T) {
	h := newConHarness(t)
	v := h.walkIn("王五", "13900000001", "京B11111", "repair")
	c := h.login("li")
	c.post(visitPath(v.ID)+"/intake", conIntakeForm(conAt(27, 12, 0), "120"))
	// Additional work, answered by phone.
	r := c.post(visitPath(v.ID)+"/work", url.Values{"desc": {"更换刹车片"}, "reason": {"磨损到极限"}, "price": {"480"}, "minutes": {"60"}, "safety": {"1"}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("add work: %d %s", r.status, excerpt(r.body))
	}
	page := c.follow(r)
	if !strings.Contains(page.body, "追加项目待客户答复") || !strings.Contains(page.body, "电话：同意") {
		t.Fatalf("pending work not shown: %s", excerpt(page.body))
	}
	tasks, _, _ := h.store.PhoneTasks("2026-11-27")
	if len(tasks) != 1 || tasks[0].Kind != "visit.aw.ask" {
		t.Fatalf("no phone task for the question: %+v", tasks)
	}
	h.clock.Set(conAt(27, 10, 5))
	if r := c.post(visitPath(v.ID)+"/work/1", url.Values{"answer": {"approve"}}); r.status != http.StatusSeeOther {
		t.Fatalf("answer: %d %s", r.status, excerpt(r.body))
	}
	got, _ := h.store.Visit(v.ID)
	if aw := got.Additional[0]; aw.Status != fo.AddApproved || aw.AnsweredBy != "staff:li (phone)" || !aw.AnsweredAt.Equal(conAt(27, 10, 5).UTC()) {
		t.Fatalf("answer %+v", aw)
	}
	if !got.PromisedAt().Equal(conAt(27, 13, 0)) {
		t.Errorf("promise after approval %v", got.PromisedAt().In(conLoc))
	}
	if r := c.post(visitPath(v.ID)+"/work/1", url.Values{"answer": {"decline"}}); r.status != http.StatusConflict {
		t.Errorf("second answer: %d", r.status)
	}
	// Ready, back, ready, deliver: the amount includes the approved work.
	c.post(visitPath(v.ID)+"/ready", readyChecklist())
	c.post(visitPath(v.ID)+"/back", nil)
	if got, _ := h.store.Visit(v.ID); got.Status != fo.VisitWorkshop {
		t.Fatalf("back: %s", got.Status)
	}
	c.post(visitPath(v.ID)+"/ready", readyChecklist())
	page = c.get(visitPath(v.ID))
	if !strings.Contains(page.body, `name="amount" inputmode="decimal" value="780.00"`) {
		t.Errorf("amount not prefilled with estimate + approved work: %s", excerpt(page.body))
	}
	if r := c.post(visitPath(v.ID)+"/deliver", url.Values{"amount": {"780"}, "paid": {"500"}}); r.status != http.StatusSeeOther {
		t.Fatalf("deliver: %d %s", r.status, excerpt(r.body))
	}
	if got, _ := h.store.Visit(v.ID); got.Status != fo.VisitDelivered || got.Settlement.Receivable() != 28000 {
		t.Fatalf("delivered %+v", got.Settlement)
	}
	// INT-4: a customer who declines leaves with the fee.
	w := h.walkIn("赵六", "13900000002", "京B22222", "inspect")
	if r := c.post(visitPath(w.ID)+"/leave", url.Values{"fee": {"50"}, "reason": {"价格太高"}}); r.status != http.StatusSeeOther {
		t.Fatalf("leave: %d %s", r.status, excerpt(r.body))
	}
	if got, _ := h.store.Visit(w.ID); got.Status != fo.VisitLeft || got.Settlement.Paid != 5000 {
		t.Fatalf("left %+v", got)
	}
}

// DEL-2 and INT-7 as the console shows them, on the fake clock: a job over
// two days is announced 4 hours ahead; a delayed job moves its notice and
// shows the delay; the progress check at 75% flags a job not ready on the
// visit and the today page.
func TestConsolePickupAndProgressTimingDEL2INT7(t *testing.T) {
	h := newConHarness(t)
	c := h.login("li")
	// A job over two days: Fri 09:00 → Mon 16:00.
	long := h.walkIn("王五", "13900000001", "京B11111", "collision")
	form := conIntakeForm(conAt(30, 16, 0), strconv.Itoa(16*60))
	form.Set("handover", "2026-11-27T09:00")
	c.post(visitPath(long.ID)+"/intake", form)
	page := c.get(visitPath(long.ID))
	if !strings.Contains(htmlPart(page.body, `id="pickup-notice"`), "11月30日 周一 12:00") {
		t.Errorf("long job notice, want 4 h before: %s", htmlPart(page.body, `id="pickup-notice"`))
	}
	// 75% of 16 h after 09:00 is 21:00.
	if !strings.Contains(htmlPart(page.body, `id="progress-check"`), "11月27日 周五 21:00") {
		t.Errorf("progress check: %s", htmlPart(page.body, `id="progress-check"`))
	}
	// A short job: 09:00 → 11:30, estimate 120 min; progress at 10:30.
	short := h.walkIn("赵六", "13900000002", "京B22222", "repair")
	c.post(visitPath(short.ID)+"/intake", conIntakeForm(conAt(27, 11, 30), "120"))
	page = c.get(visitPath(short.ID))
	if !strings.Contains(htmlPart(page.body, `id="pickup-notice"`), "10:30") || strings.Contains(page.body, "进度检查：未完工") {
		t.Errorf("short job: %s", htmlPart(page.body, `id="pickup-notice"`))
	}
	h.clock.Set(conAt(27, 10, 29))
	h.store.RunDue(h.clock.Now())
	if strings.Contains(c.get(visitPath(short.ID)).body, "进度检查：未完工") {
		t.Fatal("progress alert before 75%")
	}
	h.clock.Set(conAt(27, 10, 30))
	h.store.RunDue(h.clock.Now())
	page = c.get(visitPath(short.ID))
	if !strings.Contains(page.body, "进度检查：未完工") || !strings.Contains(htmlPart(page.body, `id="progress-check"`), "检查时未完工") {
		t.Errorf("no progress alert on the visit (INT-7): %s", excerpt(page.body))
	}
	// The pickup notice was due at 10:30 too (1 h before 11:30), but the job
	// is not ready: the customer is not called (DEL-2), the visit shows it.
	if !strings.Contains(page.body, "取车通知已到时但未完工") {
		t.Error("notice-due-not-ready not shown")
	}
	today := c.get("/staff/today")
	if !strings.Contains(today.body, "进度检查：未完工") {
		t.Error("no progress alert on the today page")
	}
	calls := c.get("/staff/pickups")
	if strings.Contains(calls.body, "13900000002") {
		t.Errorf("pickup call for a job not ready: %s", excerpt(calls.body))
	}
	// Delay the short job to 15:00: the notice moves to 14:00, the reason
	// shows, and the alert is reset.
	r := c.post(visitPath(short.ID)+"/delay", url.Values{"promised": {"2026-11-27T15:00"}, "reason": {"配件未到货"}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("delay: %d %s", r.status, excerpt(r.body))
	}
	page = c.follow(r)
	if !strings.Contains(htmlPart(page.body, `id="promised"`), "15:00") || !strings.Contains(htmlPart(page.body, `id="pickup-notice"`), "14:00") ||
		!strings.Contains(page.body, "配件未到货") || !strings.Contains(page.body, "已延期") {
		t.Errorf("after delay: %s / %s", htmlPart(page.body, `id="promised"`), htmlPart(page.body, `id="pickup-notice"`))
	}
	if strings.Contains(page.body, "进度检查：未完工") {
		t.Error("progress alert kept after the delay reset the check")
	}
	// A delay to an earlier time is refused next to the form, input kept.
	r = c.post(visitPath(short.ID)+"/delay", url.Values{"promised": {"2026-11-27T14:00"}, "reason": {"x"}})
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "新的交车时间须晚于") || !strings.Contains(r.body, `value="2026-11-27T14:00"`) {
		t.Errorf("early delay: %d %s", r.status, excerpt(r.body))
	}
	// DEL-2 for the delayed job: the delay itself is a call on the list.
	calls = c.get("/staff/pickups")
	if !strings.Contains(calls.body, "配件未到货") || !strings.Contains(calls.body, "延期通知") {
		t.Errorf("delay call not listed: %s", excerpt(calls.body))
	}
	// Mark a call done.
	_, ids, _ := h.store.PhoneTasks("2026-11-27")
	if r := c.post("/staff/pickups/"+ids[0]+"/done", nil); r.status != http.StatusSeeOther {
		t.Errorf("call done: %d", r.status)
	}
	// The long job over two days shows among the earlier days on Monday.
	h.clock.Set(conAt(30, 9, 0))
	if r := c.get("/staff/today"); r.status != http.StatusSeeOther {
		t.Errorf("session alive after %v: %d", fo.SessionTTL, r.status)
	}
	c = h.login("li")
	today = c.get("/staff/today")
	if !strings.Contains(today.body, "前几天进厂") || !strings.Contains(today.body, long.QueueNo) {
		t.Errorf("long job not among earlier days: %s", excerpt(today.body))
	}
}

// htmlPart returns the element that starts with marker, up to its end tag.
func htmlPart(body, marker string) string {
	i := strings.Index(body, marker)
	if i < 0 {
		return ""
	}
	j := strings.Index(body[i:], "</")
	if j < 0 {
		return body[i:]
	}
	return body[i : i+j]
}

// Today: call the next number (the board shows it), mark a no-show (not
// before its time).
func TestConsoleTodayCallAndNoShow(t *testing.T) {
	h := newConHarness(t)
	a, err := h.store.Book(fo.BookRequest{ServiceID: "maint", Start: conAt(27, 10, 30), Plate: "京D33333", Source: "test", By: "test",
		Customer: fo.CustomerInput{Name: "张三", Phone: "13900000003"}})
	if err != nil {
		t.Fatal(err)
	}
	c := h.login("li")
	r := c.post("/staff/call-next", nil)
	if r.location != "/staff/today" || !strings.Contains(c.follow(r).body, "现在没有等候的客户") {
		t.Errorf("nobody waiting: %q", r.location)
	}
	v := h.walkIn("王五", "13900000001", "京B11111", "repair")
	page := c.get("/staff/today")
	if !strings.Contains(page.body, v.QueueNo) || !strings.Contains(page.body, a.Code) || !strings.Contains(page.body, "等候中 1 位") {
		t.Fatalf("today: %s", excerpt(page.body))
	}
	r = c.post("/staff/call-next", nil)
	if r.location != visitPath(v.ID) {
		t.Fatalf("call next went to %q", r.location)
	}
	if b, _ := h.store.Board(); b.Now == nil || b.Now.QueueNo != v.QueueNo {
		t.Errorf("board %+v", b)
	}
	if r := c.post("/staff/appointments/"+strconv.FormatUint(a.ID, 10)+"/no-show", nil); r.status != http.StatusConflict {
		t.Errorf("no-show before the start: %d", r.status)
	}
	h.clock.Set(conAt(27, 11, 5))
	if r := c.post("/staff/appointments/"+strconv.FormatUint(a.ID, 10)+"/no-show", nil); r.status != http.StatusSeeOther {
		t.Fatalf("no-show: %d %s", r.status, excerpt(r.body))
	}
	if got, _ := h.store.Appointment(a.ID); got.Status != fo.AptNoShow {
		t.Errorf("appointment %s", got.Status)
	}
	// The no-show stays on the day's list, marked (APT-3: it is in the
	// register).
	if page := c.get("/staff/today"); !strings.Contains(page.body, a.Code) || !strings.Contains(page.body, "未到店") {
		t.Errorf("no-show gone from today: %s", excerpt(page.body))
	}
}

// ARC-1, ARC-2: search, archive page, edit (invalid edits change nothing),
// incomplete archives two days after the visit.
func TestConsoleArchivesARC1ARC2(t *testing.T) {
	h := newConHarness(t)
	v := h.walkIn("王五", "13900000001", "京B11111", "repair")
	c := h.login("wang")
	if r := c.post("/staff/archives/search", url.Values{"q": {"京B99999"}}); !strings.Contains(r.body, "没有找到档案") {
		t.Errorf("unknown plate: %s", excerpt(r.body))
	}
	if r := c.post("/staff/archives/search", url.Values{"q": {"hello"}}); r.status != http.StatusUnprocessableEntity {
		t.Errorf("bad query: %d", r.status)
	}
	path := archivePath(v.VehicleID)
	page := c.get(path)
	if !strings.Contains(page.body, "13900000001") || !strings.Contains(page.body, v.QueueNo) || !strings.Contains(page.body, "资料不全") {
		t.Fatalf("archive page: %s", excerpt(page.body))
	}
	if r := c.post(path, url.Values{"name": {"王五"}, "interval": {"-3"}}); r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "保养周期") {
		t.Fatalf("bad interval: %d %s", r.status, excerpt(r.body))
	}
	if len(c.get("/staff/archives").body) == 0 {
		t.Fatal("archives page empty")
	}
	h.clock.Set(conAt(29, 10, 0))
	c = h.login("wang")
	if list := c.get("/staff/archives"); !strings.Contains(list.body, "京B·11111") || !strings.Contains(list.body, "共 1 份") {
		t.Fatalf("incomplete archive not listed after 2 days: %s", excerpt(list.body))
	}
	r := c.post(path, url.Values{"name": {"王五"}, "address": {"北京市朝阳区建国路 1 号"}, "model": {"大众 帕萨特"}, "type": {"car"},
		"interval": {"180"}, "next": {"2027-05-01"}, "wants": {"360 全景"}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("save: %d %s", r.status, excerpt(r.body))
	}
	if page := c.follow(r); !strings.Contains(page.body, "档案已保存") || strings.Contains(page.body, "资料不全") {
		t.Errorf("after save: %s", excerpt(page.body))
	}
	if list := c.get("/staff/archives"); !strings.Contains(list.body, "共 0 份") {
		t.Errorf("complete archive still listed: %s", excerpt(list.body))
	}
}

// Settings: an admin saves; an invalid form changes nothing, says what is
// wrong and keeps the input.
func TestConsoleSettings(t *testing.T) {
	h := newConHarness(t)
	c := h.login("admin")
	page := c.get("/staff/settings")
	form := formValues(page.body, "settings-form")
	if form.Get("name") == "" || form.Get("s0_id") != "inspect" || form.Get("h1_open") != "08:30" || form.Get("h0_open") != "" {
		t.Fatalf("settings form: %v", form)
	}
	form.Set("bays", "0")
	form.Set("name", "新店名")
	r := c.post("/staff/settings", form)
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "bays must be 1..100") || !strings.Contains(r.body, `value="新店名"`) {
		t.Fatalf("invalid settings: %d %s", r.status, excerpt(r.body))
	}
	if st, _ := h.store.Settings(); st.Bays != 4 || st.Shop.Name == "新店名" {
		t.Fatal("invalid settings stored")
	}
	form.Set("bays", "6")
	form.Set("h0_open", "10:00") // open on Sundays
	form.Set("h0_close", "16:00")
	form.Set("closed", "2026-12-31\n2027-01-01")
	n, _ := strconv.Atoi(form.Get("services"))
	last := "s" + strconv.Itoa(n-1) + "_"
	form.Set(last+"id", "wash")
	form.Set(last+"zh", "洗车")
	form.Set(last+"min", "30")
	form.Set(last+"price", "50")
	form.Set("s0_id", "") // remove "inspect"
	r = c.post("/staff/settings", form)
	if r.status != http.StatusSeeOther {
		t.Fatalf("save settings: %d %s", r.status, excerpt(r.body))
	}
	st, _ := h.store.Settings()
	if st.Bays != 6 || st.Shop.Name != "新店名" || !st.Hours[0].IsOpen() || len(st.ClosedDates) != 2 || len(st.StaffChats) != 1 {
		t.Errorf("saved %+v", st)
	}
	if _, ok := st.Service("wash"); !ok {
		t.Error("service not added")
	}
	if _, ok := st.Service("inspect"); ok {
		t.Error("service not removed")
	}
}

// formValues reads the named inputs of the form with id from a page: text
// inputs and textareas, checked checkboxes, selected options.
func formValues(body, id string) url.Values {
	i := strings.Index(body, `id="`+id+`"`)
	j := strings.Index(body[i:], "</form>")
	f := body[i : i+j]
	out := url.Values{}
	for _, m := range regexp.MustCompile(`<input ([^>]*)>`).FindAllStringSubmatch(f, -1) {
		attr := func(a string) (string, bool) {
			m := regexp.MustCompile(`\b` + a + `="([^"]*)"`).FindStringSubmatch(m[1])
			if m == nil {
				return "", false
			}
			return unescape(m[1]), true
		}
		name, ok := attr("name")
		if !ok {
			continue
		}
		typ, _ := attr("type")
		if typ == "checkbox" && !strings.Contains(m[1], "checked") {
			continue
		}
		val, _ := attr("value")
		out.Set(name, val)
	}
	for _, m := range regexp.MustCompile(`(?s)<textarea name="([^"]+)"[^>]*>(.*?)</textarea>`).FindAllStringSubmatch(f, -1) {
		out.Set(m[1], unescape(m[2]))
	}
	return out
}

func unescape(s string) string {
	return strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&#34;", `"`, "&#39;", "'", "&quot;", `"`).Replace(s)
}

// Every text key the console's templates and code use exists in Chinese and
// English.
func TestConsoleTextsComplete(t *testing.T) {
	h := newConHarness(t)
	files, _ := filepath.Glob("templates/console_*.html")
	gos, _ := filepath.Glob("console*.go")
	keyRe := regexp.MustCompile(`"((?:con|err)\.[a-z_]+(?:\.[a-z_]+)*)"`)
	n := 0
	for _, f := range append(files, gos...) {
		if strings.HasSuffix(f, "_test.go") || strings.HasSuffix(f, "console_texts.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range keyRe.FindAllStringSubmatch(string(b), -1) {
			k := m[1]
			if strings.HasSuffix(k, ".") {
				continue
			}
			n++
			txt, ok := h.srv.texts[k]
			if !ok || txt.Zh == "" || txt.En == "" {
				t.Errorf("%s: text %q missing", f, k)
			}
		}
	}
	// Keys made from values.
	for _, prefix := range []string{"con.apt.", "con.role.", "con.task."} {
		found := false
		for k := range consoleTexts {
			found = found || strings.HasPrefix(k, prefix)
		}
		if !found {
			t.Errorf("no texts for %s*", prefix)
		}
	}
	// Statuses, modes, parts, answers and vehicle types are the domain's
	// labels (labels.go), the same words as on the printed forms.
	for _, s := range fo.VisitStatuses {
		if l := s.Label(fo.EN); l == string(s) || s.Label(fo.ZH) == l {
			t.Errorf("no label for status %s", s)
		}
	}
	for _, vt := range fo.VehicleTypes {
		if l := fo.VehicleType(vt).Label(fo.ZH); l == vt && vt != "suv" && vt != "mpv" {
			t.Errorf("no label for vehicle type %s", vt)
		}
	}
	for _, k := range []string{"label.mode.system", "label.parts.shop", "label.aw.pending"} {
		if _, ok := h.srv.texts[k]; !ok {
			t.Errorf("the console's catalog lacks the domain's %s", k)
		}
	}
	if n < 100 {
		t.Errorf("only %d keys found", n)
	}
}

// Pages render in English for an account that chose it.
func TestConsoleEnglish(t *testing.T) {
	h := newConHarness(t)
	c := h.login("li")
	r := c.post("/staff/lang", url.Values{"lang": {"en"}, "back": {"/staff/pickups"}})
	if r.status != http.StatusSeeOther || r.location != "/staff/pickups" {
		t.Fatalf("lang: %d %q", r.status, r.location)
	}
	if page := c.get("/staff/today"); !strings.Contains(page.body, "Call next") || strings.Contains(page.body, "叫下一位") {
		t.Errorf("not English: %s", excerpt(page.body))
	}
	if acc, _ := h.store.Account("li"); acc.Lang != fo.EN {
		t.Errorf("language not kept on the account: %q", acc.Lang)
	}
	// An open redirect through "back" is not possible.
	if r := c.post("/staff/lang", url.Values{"lang": {"zh"}, "back": {"//evil.example/staff"}}); r.location != "/staff" {
		t.Errorf("back to %q", r.location)
	}
}
