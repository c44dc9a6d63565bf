package console

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	fo "frontoffice"
)

// registerActions lists the actions of register entries about record ref
// of kind code (a call's kind, a complaint's ticket).
func registerActions(entries []fo.RegisterEntry, ref uint64, code string) string {
	var out []string
	for _, e := range entries {
		if e.Ref == ref && e.Code == code {
			out = append(out, e.Action)
		}
	}
	return strings.Join(out, ",")
}

// FU-4, FU-5, FU-7, FU-9: the day's call list in the console and its
// outcome forms. No answer puts the call on tomorrow's list, later on the
// agreed time's, a bad outcome comes back with the error next to the call
// and the input kept; reached closes it with its topics, turns a request
// into a task and a complaint into a complaint, and schedules the second
// call, which avoids the first's topics. Each call made is in the call
// register.
func TestAfterSalesCallListFU4FU5FU7(t *testing.T) {
	h := newAsHarness(t)
	v := delivered(t, h.store, h.clock, "王五", "13900000001", "京B11111") // Fri 27 Nov: first call from Mon 30 (FU-2)
	h.clock.Set(conAt(29, 10, 0))
	wang := h.login("wang")
	if page := wang.get("/staff/calls"); !strings.Contains(page.body, `id="no-calls"`) {
		t.Errorf("a call before its target day: %s", excerpt(page.body))
	}
	h.clock.Set(conAt(30, 9, 0))
	wang = h.login("wang")
	page := wang.get("/staff/calls")
	list, _ := h.store.CallList(h.clock.Now())
	if list.Len() != 1 {
		t.Fatalf("call list: %+v", list)
	}
	call := list.Staff[0].Calls[0].Call
	id := strconv.FormatUint(call.ID, 10)
	mustContain(t, "call list", page.body, "首次回访", "王五", "13900000001", "京B·11111", `id="calls-wang"`, "我的",
		`action="/staff/calls/`+id+`"`, `id="reached-`+id+`"`, "/staff/documents/calls/20261130")
	if got := wang.get("/staff/calls?day=2026-11-30"); got.body != page.body {
		t.Error("?day= of today differs from today's list")
	}

	// Roles: the reception has no call list.
	li := h.login("li")
	if r := li.get("/staff/calls"); r.status != http.StatusForbidden {
		t.Errorf("reception call list: %d", r.status)
	}
	if r := li.post("/staff/calls/"+id, url.Values{"outcome": {"no_answer"}, "day": {"2026-11-30"}}); r.status != http.StatusForbidden {
		t.Errorf("reception records a call: %d", r.status)
	}

	post := func(form url.Values) conResp {
		t.Helper()
		form.Set("day", "2026-11-30")
		return wang.post("/staff/calls/"+id, form)
	}
	// Requests heard need a call the customer was reached on (FU-5).
	r := post(url.Values{"outcome": {"no_answer"}, "requests": {"想加装行车记录仪"}})
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "已接通") || !strings.Contains(r.body, "想加装行车记录仪") {
		t.Errorf("no answer with a request: %d %s", r.status, excerpt(r.body))
	}
	// No answer: tomorrow's list (FU-2 window still open).
	r = post(url.Values{"outcome": {"no_answer"}})
	if r.status != http.StatusSeeOther || r.location != "/staff/calls?day=2026-11-30" {
		t.Fatalf("no answer: %d %q %s", r.status, r.location, excerpt(r.body))
	}
	page = wang.follow(r)
	mustContain(t, "after no answer", page.body, "未接通，明天再打", `id="no-calls"`)
	got, _ := h.store.Call(call.ID)
	if !got.NextAt.Equal(time.Date(2026, 12, 1, 0, 0, 0, 0, conLoc)) {
		t.Errorf("next at %s", got.NextAt.In(conLoc))
	}

	h.clock.Set(time.Date(2026, 12, 1, 10, 0, 0, 0, conLoc))
	wang = h.login("wang")
	page = wang.get("/staff/calls")
	mustContain(t, "next day", page.body, "已拨打 1 次未接通", `id="call-`+id+`"`)
	post = func(form url.Values) conResp {
		t.Helper()
		form.Set("day", "2026-12-01")
		return wang.post("/staff/calls/"+id, form)
	}
	// FU-9: a later time outside the window is refused, the input kept.
	r = post(url.Values{"outcome": {"later"}, "later": {"2026-12-09T10:00"}, "notes": {"客户在外地"}, "topic": {"vehicle"}})
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "约定时间须在现在之后") ||
		!strings.Contains(r.body, `value="2026-12-09T10:00"`) || !strings.Contains(r.body, "客户在外地") ||
		!strings.Contains(r.body, `value="vehicle" checked`) {
		t.Errorf("later outside the window: %d %s", r.status, excerpt(r.body))
	}
	if r := post(url.Values{"outcome": {"note"}}); r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "内容不能为空") {
		t.Errorf("empty note: %d", r.status)
	}
	if r := post(url.Values{"outcome": {"shout"}}); r.status != http.StatusUnprocessableEntity {
		t.Errorf("unknown outcome: %d", r.status)
	}
	if r := post(url.Values{"outcome": {"note"}, "notes": {"客户说下午方便"}}); r.status != http.StatusSeeOther {
		t.Errorf("note: %d %s", r.status, excerpt(r.body))
	}
	if r := post(url.Values{"outcome": {"later"}, "later": {"2026-12-01T15:00"}}); r.status != http.StatusSeeOther {
		t.Fatalf("later: %d %s", r.status, excerpt(r.body))
	}
	if got, _ := h.store.Call(call.ID); !got.NextAt.Equal(time.Date(2026, 12, 1, 15, 0, 0, 0, conLoc)) {
		t.Errorf("later: next at %s", got.NextAt.In(conLoc))
	}
	// Reached (FU-4, FU-5, CMP-1).
	h.clock.Set(time.Date(2026, 12, 1, 15, 5, 0, 0, conLoc))
	wang = h.login("wang")
	page = wang.get("/staff/calls")
	mustContain(t, "agreed time", page.body, "客户约定时间：15:00")
	r = post(url.Values{"outcome": {"reached"}, "topic": {"vehicle", "opinion"}, "notes": {"雷达正常，客户满意"},
		"requests": {"想加装行车记录仪\n\n"}, "complaints": {"上次等待时间太长"}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("reached: %d %s", r.status, excerpt(r.body))
	}
	got, _ = h.store.Call(call.ID)
	if got.Status != fo.CallDone || strings.Join(got.Topics, ",") != "vehicle,opinion" || got.DoneBy != "wang" {
		t.Fatalf("reached call %+v", got)
	}
	tasks, _ := h.store.OpenTasks()
	if len(tasks) != 1 || tasks[0].Text != "想加装行车记录仪" || tasks[0].CustomerID != v.CustomerID {
		t.Fatalf("FU-5 tasks %+v", tasks)
	}
	open, _ := h.store.OpenComplaints()
	if len(open) != 1 || open[0].Channel != fo.ChannelCall || open[0].Text != "上次等待时间太长" || open[0].CallID != call.ID {
		t.Fatalf("CMP-1 complaint heard on the call %+v", open)
	}
	// FU-7: every call made is in the call register.
	reg, _ := h.store.CallRegister(conAt(30, 0, 0), time.Date(2026, 12, 2, 0, 0, 0, 0, conLoc))
	if got := registerActions(reg, call.ID, string(fo.CallFirst)); got != "no_answer,later,reached" {
		t.Errorf("call register of the call: %q", got)
	}
	regPage := wang.get("/staff/registers?from=2026-11-30&to=2026-12-01")
	calls := partUntil(regPage.body, `id="call-register"`, "</table>")
	for _, want := range []string{"未接通", "约定再联系", "已接通", "受理投诉", "王强", open[0].Ticket} {
		if !strings.Contains(calls, want) {
			t.Errorf("call register page lacks %q", want)
		}
	}

	// The task: solved, the customer (no chat) goes on the reception's
	// phone list the same day (FU-5).
	tp := wang.get("/staff/tasks")
	tid := strconv.FormatUint(tasks[0].ID, 10)
	mustContain(t, "tasks", tp.body, "想加装行车记录仪", "13900000001", `action="/staff/tasks/`+tid+`/solve"`)
	if r := wang.post("/staff/tasks/"+tid+"/solve", url.Values{"solution": {" "}}); r.status != http.StatusUnprocessableEntity {
		t.Errorf("empty solution: %d", r.status)
	}
	if r := wang.post("/staff/tasks/"+tid+"/solve", url.Values{"solution": {"下周二有货，可预约安装。"}}); r.status != http.StatusSeeOther {
		t.Fatalf("solve: %d %s", r.status, excerpt(r.body))
	}
	if left, _ := h.store.OpenTasks(); len(left) != 0 {
		t.Errorf("task still open: %+v", left)
	}
	phone, _, _ := h.store.PhoneTasks("2026-12-01")
	if len(phone) == 0 || !strings.Contains(phone[len(phone)-1].Text, "下周二有货") {
		t.Errorf("the solution is not on the reception's phone list: %+v", phone)
	}

	// FU-3, FU-4: the second call, 7 days on, avoids the first's topics.
	h.clock.Set(time.Date(2026, 12, 8, 9, 0, 0, 0, conLoc))
	wang = h.login("wang")
	page = wang.get("/staff/calls")
	mustContain(t, "second call", page.body, "二次回访", "上次已谈，勿重复（FU-4）：车辆使用情况、服务意见")
	if n := strings.Count(page.body, `class="check as-avoid"`); n != 2 {
		t.Errorf("%d topics marked as covered", n)
	}
}

// FU-6: an event is added with its day; a day in the past is refused with
// the input kept; the list shows when customers are told.
func TestAfterSalesPromotionsFU6(t *testing.T) {
	h := newAsHarness(t)
	wang := h.login("wang")
	wang.get("/staff/promotions")
	r := wang.post("/staff/promotions", url.Values{"title": {"冬季保养节"}, "day": {"2026-11-01"}})
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "活动日期不能早于今天") || !strings.Contains(r.body, `value="冬季保养节"`) {
		t.Fatalf("past day: %d %s", r.status, excerpt(r.body))
	}
	r = wang.post("/staff/promotions", url.Values{"title": {"冬季保养节"}, "title_en": {"Winter care days"}, "day": {"2026-12-19"},
		"last_day": {"2026-12-20"}, "text": {"全车检测免费"}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("add: %d %s", r.status, excerpt(r.body))
	}
	page := wang.follow(r)
	// Told 2 weeks ahead at 10:00 (Sat 5 Dec), the letter a day later.
	mustContain(t, "promotions", page.body, "活动已登记", "冬季保养节", "12月19日 周六 – 12月20日 周日", "12月5日 周六 10:00", "12月6日 周日 10:00")
	if r := h.login("li").get("/staff/promotions"); r.status != http.StatusForbidden {
		t.Errorf("reception promotions: %d", r.status)
	}
}

// FU-8, REP-1: the supervisor's reports page gives the month's follow-up
// summary, equal to the store's, and the links to the statistics.
func TestAfterSalesReportsFU8(t *testing.T) {
	h := newAsHarness(t)
	delivered(t, h.store, h.clock, "王五", "13900000001", "京B11111")
	zhao := h.login("zhao")
	zhao.get("/staff/complaints/new")
	cmpID(t, zhao.post("/staff/complaints/new", url.Values{"channel": {"phone"}, "category": {"price"}, "text": {"收费太高"},
		"plate": {"京B11111"}}))
	page := zhao.get("/staff/reports?day=2026-11-27")
	m, _ := h.store.MonthlySummary(conAt(27, 12, 0))
	if m.Complaints != 1 {
		t.Fatalf("summary %+v", m)
	}
	mustContain(t, "reports", page.body, "2026年11月 回访工作月度小结", `id="s-complaints">1<`, `id="s-calls-due">`+strconv.Itoa(m.CallsDue)+`<`,
		"价格费用", "/staff/documents/report-daily/20261127", "/staff/documents/report-weekly/20261127",
		"/staff/documents/report-monthly/20261127", "/staff/documents/letters/20261127")
	for _, login := range []string{"wang", "li"} {
		if r := h.login(login).get("/staff/reports"); r.status != http.StatusForbidden {
			t.Errorf("%s reports: %d", login, r.status)
		}
	}
	if r := h.login("admin").get("/staff/reports"); r.status != http.StatusOK {
		t.Errorf("admin reports: %d", r.status)
	}
}
