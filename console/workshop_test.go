package console

import (
	"fmt"
	"frontoffice/internal/sigdraw"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	fo "frontoffice"
)

// toWorkshop takes a visit into the workshop through the store with an
// estimate of minutes, handed over now.
func (h *conHarness) toWorkshop(v fo.Visit, minutes int) fo.Visit {
	h.t.Helper()
	now := h.clock.Now()
	v, err := h.store.Intake(fo.IntakeRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, By: "staff:li", WorkOrder: fo.WorkOrder{
		Purpose: "安装", DiagnosisConsent: true, Lines: []fo.EstimateLine{{Description: "安装", Mode: fo.PriceByItem, Labor: 10000}},
		DocumentsChecked: true, FuelEighths: 4, Odometer: 1000, KeyNo: "K-1", Receiver: "车间 老张",
		EstimatedMinutes: minutes, HandoverAt: now, PromisedAt: now.Add(time.Duration(minutes) * time.Minute * 2)}})
	if err != nil {
		h.t.Fatal(err)
	}
	return v
}

// rowOf returns the table row of the page that holds marker.
func rowOf(t *testing.T, body, marker string) string {
	t.Helper()
	i := strings.Index(body, marker)
	if i < 0 {
		t.Fatalf("no %q on the page: %s", marker, excerpt(body))
	}
	start := strings.LastIndex(body[:i], "<tr")
	end := strings.Index(body[i:], "</tr>")
	return body[start : i+end]
}

// The dispatch board on a fake clock (WS-1): which bay and team hold which
// car, estimate against elapsed with the overrun marked, what comes next;
// a job is put in a bay with a team by a POST with the CSRF token, a bay
// holds one car, and the TV variant shows masked plates and no names.
func TestWorkshopBoardWS1(t *testing.T) {
	h := newConHarness(t) // Friday 2026-11-27 09:00
	short := h.toWorkshop(h.walkIn("短活", "13500000001", "京A10001", "repair"), 60)
	long := h.toWorkshop(h.walkIn("长活", "13500000002", "京A10002", "collision"), 600)
	waiting := h.walkIn("候车人", "13500000003", "京A10003", "maint")
	apt, err := h.store.Book(fo.BookRequest{ServiceID: "maint", Start: conAt(27, 14, 0), Plate: "京A10004", Source: "bot",
		Customer: fo.CustomerInput{Name: "预约客户", Phone: "13500000004"}})
	if err != nil {
		t.Fatal(err)
	}
	h.clock.Set(conAt(27, 10, 20))
	li := h.login("li")
	page := li.get("/staff/workshop")
	if page.status != http.StatusOK {
		t.Fatalf("board: %d %s", page.status, excerpt(page.body))
	}
	row := rowOf(t, page.body, short.QueueNo+"</a>")
	mustContain(t, "short job", row, "1:20 / 1:00", "超时", "overrun", "京A·10001", "短活")
	row = rowOf(t, page.body, long.QueueNo+"</a>")
	mustContain(t, "multi-day job", row, "1:20 / 10:00", "11月28日 周六 10:00") // 09:00 + 10 h of opening hours: Saturday 10:00
	mustNotContain(t, "multi-day job", row, "超时")
	next := page.body[strings.Index(page.body, `id="ws-next"`):]
	mustContain(t, "coming next", next, waiting.QueueNo, apt.Code, "14:00", "等候中", "预约")

	// Put the short job in bay 2 with team 1.
	r := li.post(fmt.Sprintf("/staff/workshop/%d/assign", short.ID), url.Values{"bay": {"2"}, "team": {"t1"}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("assign: %d %s", r.status, excerpt(r.body))
	}
	if v, _ := h.store.Visit(short.ID); v.Bay != 2 || v.Team != "t1" {
		t.Errorf("stored bay %d team %q", v.Bay, v.Team)
	}
	page = li.follow(r)
	mustContain(t, "after assigning", page.body, "已安排工位和班组。")
	bay2 := rowOf(t, page.body, `id="bay-2"`)
	mustContain(t, "bay 2", bay2, short.QueueNo, "安装一组")
	// Bay 2 is taken; bay 9 does not exist; without the token nothing is done.
	for _, c := range []struct {
		form   url.Values
		status int
		text   string
	}{
		{url.Values{"bay": {"2"}, "team": {"t2"}}, http.StatusConflict, "2 号工位已有车辆（" + short.QueueNo + "）"},
		{url.Values{"bay": {"9"}}, http.StatusUnprocessableEntity, "工位须为 1 到 4"},
		{url.Values{"bay": {"1"}, "team": {"t9"}}, http.StatusUnprocessableEntity, "没有这个班组"},
		{url.Values{"bay": {"1"}, "csrf": {"forged"}}, http.StatusForbidden, ""},
	} {
		r := li.post(fmt.Sprintf("/staff/workshop/%d/assign", long.ID), c.form)
		if r.status != c.status || !strings.Contains(r.body, c.text) {
			t.Errorf("assign %v: %d, want %d with %q: %s", c.form, r.status, c.status, c.text, excerpt(r.body))
		}
	}
	if v, _ := h.store.Visit(long.ID); v.Bay != 0 || v.Team != "" {
		t.Errorf("a refused assignment changed the visit: bay %d team %q", v.Bay, v.Team)
	}
	// The refused form keeps what was chosen, marked.
	r = li.post(fmt.Sprintf("/staff/workshop/%d/assign", long.ID), url.Values{"bay": {"2"}, "team": {"t2"}})
	form := rowOf(t, r.body, fmt.Sprintf(`action="/staff/workshop/%d/assign"`, long.ID))
	mustContain(t, "refused form", form, `class="bad"`, `<option value="2" selected>`, `<option value="t2" selected>`)
	// A waiting car has no work order: not assignable.
	if r := li.post(fmt.Sprintf("/staff/workshop/%d/assign", waiting.ID), url.Values{"bay": {"3"}}); r.status != http.StatusConflict {
		t.Errorf("a waiting car given a bay: %d", r.status)
	}

	// The TV: read-only, masked plates, no names.
	tv := li.get("/staff/workshop?tv=1")
	if tv.status != http.StatusOK {
		t.Fatalf("tv: %d", tv.status)
	}
	mustContain(t, "tv", tv.body, fo.MaskPlate("京A10001"), "1:20 / 1:00", "超时", `http-equiv="refresh"`, short.QueueNo)
	mustNotContain(t, "tv", tv.body, "京A·10001", "10001", "短活", "长活", "候车人", "预约客户", "<form", "13500000001", apt.Code)

	// Follow-up staff have no business on the board.
	if r := h.login("wang").get("/staff/workshop"); r.status != http.StatusForbidden {
		t.Errorf("follow-up role: %d", r.status)
	}
}

// WS-1: a walk-in taken on when the bays are full does not push the
// booking out; the day view, the week view and the Today page mark the
// half hours where the cars taken on plus the bookings exceed the bays.
func TestConflictMarksWS1(t *testing.T) {
	h := newConHarness(t) // Friday 09:00
	st, _ := h.store.Settings()
	st.Bays = 2
	if err := h.store.SaveSettings(st); err != nil {
		t.Fatal(err)
	}
	if _, err := h.store.Book(fo.BookRequest{ServiceID: "maint", Start: conAt(27, 10, 0), Plate: "京A20001", Source: "bot",
		Customer: fo.CustomerInput{Name: "预约客户", Phone: "13600000001"}}); err != nil {
		t.Fatal(err)
	}
	li := h.login("li")
	mustNotContain(t, "today before", li.get("/staff/today").body, `id="ws-conflicts"`)
	// Two walk-ins of 2 h go into the workshop at 09:00: with the 10:00
	// booking, three cars for two bays from 10:00 to 11:00.
	h.toWorkshop(h.walkIn("甲", "13600000002", "京A20002", "repair"), 120)
	h.toWorkshop(h.walkIn("乙", "13600000003", "京A20003", "repair"), 120)
	today := li.get("/staff/today")
	mustContain(t, "today", today.body, `id="ws-conflicts"`, "10:00、10:30")
	book := li.get("/staff/appointments?day=2026-11-27")
	mustContain(t, "day view 10:00", rowOf(t, book.body, `<td class="mono">10:00</td>`), "over-mark", "超出工位")
	mustNotContain(t, "day view 11:00", rowOf(t, book.body, `<td class="mono">11:00</td>`), "over-mark")
	mustContain(t, "day view 09:30", rowOf(t, book.body, `<td class="mono">09:30</td>`), "含已接车辆 2")
	week := li.get("/staff/appointments/week?from=2026-11-27")
	if n := strings.Count(week.body, " over\""); n != 2 {
		t.Errorf("week view marks %d segments over the bays, want 2", n)
	}
	mustContain(t, "board", li.get("/staff/workshop").body, `id="ws-conflicts"`, "10:00、10:30")
	// The booking still holds its bay: nothing was moved.
	if a, _ := h.store.AppointmentsBetween(conAt(27, 10, 0), conAt(27, 10, 1)); len(a) != 1 || a[0].Status != fo.AptBooked {
		t.Errorf("the booking was touched: %+v", a)
	}
}
