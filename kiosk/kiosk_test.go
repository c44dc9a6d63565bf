package kiosk

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	fo "frontoffice"
)

// REC-1: the start screen greets with the shop's name, in the visitor's
// language; the session cookie is HttpOnly, SameSite=Strict, kiosk only.
func TestKioskStartGreetsREC1(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	r := c.get("/kiosk")
	if r.status != 200 {
		t.Fatalf("status %d", r.status)
	}
	mustContain(t, "start zh", r.body, "您好，欢迎光临泰远汽车安装服务中心！", `href="/kiosk/appointment"`, `href="/kiosk/walkin"`)
	if got := r.header.Get("Cache-Control"); got != "no-store" {
		t.Errorf("Cache-Control %q", got)
	}
	if csp := r.header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
		t.Errorf("CSP %q", csp)
	}
	u, _ := url.Parse(h.ts.URL + "/kiosk")
	cookies := c.http.Jar.Cookies(u)
	if len(cookies) != 1 || cookies[0].Name != sessionCookie {
		t.Fatalf("cookies %v", cookies)
	}
	raw := c.resp[0].header.Get("Set-Cookie")
	for _, want := range []string{"HttpOnly", "SameSite=Strict", "Path=/kiosk"} {
		if !strings.Contains(raw, want) {
			t.Errorf("Set-Cookie %q lacks %s", raw, want)
		}
	}
	r = c.post("/kiosk/lang", "lang", "en", "screen", "start")
	mustContain(t, "start en", r.body, "Hello, welcome to Taiyuan Auto Installation Center!", `lang="en"`)
	// The language belongs to the session, not the URL.
	if r.url != h.ts.URL+"/kiosk" {
		t.Errorf("after the switch at %s", r.url)
	}
}

// Check-in with a booking code: the appointment shows masked, the check-in
// gives A001, the appointment is checked in (APT-3) and the staff chat is
// told the same day (APT-4); a QR code links Telegram.
func TestKioskCheckInByCodeAPT4(t *testing.T) {
	h := newHarness(t)
	a := h.book("13812345678", "京A12345", "张三", at(27, 11, 0))
	c := h.client()
	c.get("/kiosk")
	r := c.post("/kiosk/find", "mode", "code", "code", strings.ToLower(a.Code[:3])+" "+a.Code[3:])
	if r.status != 200 || !strings.HasSuffix(r.url, "/kiosk/confirm") {
		t.Fatalf("find: %d %s\n%s", r.status, r.url, r.body)
	}
	mustContain(t, "confirm", r.body, "京A·***45", "*******5678", "张*", "定期保养", `action="/kiosk/checkin"`)
	mustNotContain(t, "confirm", r.body, personal("13812345678", "京A12345", "张三")...)
	r = c.post("/kiosk/checkin")
	if !strings.HasSuffix(r.url, "/kiosk/done") {
		t.Fatalf("check-in: %d %s\n%s", r.status, r.url, r.body)
	}
	mustContain(t, "done", r.body, `id="queue-no">A001<`, "京A·***45", `<svg class="qr"`, "谢谢，再见！")
	got, _ := h.store.Appointment(a.ID)
	if got.Status != fo.AptCheckedIn {
		t.Errorf("appointment %s", got.Status)
	}
	msgs, _, err := h.store.Pending(h.clock.Now().Add(time.Hour), 100)
	if err != nil {
		t.Fatal(err)
	}
	told := false
	for _, m := range msgs {
		told = told || (m.Message.ChatID == staffChat && strings.Contains(m.Message.Text, "A001"))
	}
	if !told {
		t.Error("APT-4: the staff chat was not told of the check-in")
	}
	// Reloading the result or tapping twice gives the same number, not a
	// second check-in.
	r = c.post("/kiosk/checkin")
	mustContain(t, "second tap", r.body, `id="queue-no">A001<`)
	if vs, _ := h.store.VisitsOn("2026-11-27"); len(vs) != 1 {
		t.Errorf("%d visits", len(vs))
	}
}

// The QR code's deep link carries a token that the bot can redeem once to
// link the customer's chat.
func TestKioskQRLinksTelegram(t *testing.T) {
	h := newHarness(t)
	a := h.book("13812345678", "京A12345", "张三", at(27, 11, 0))
	c := h.client()
	c.post("/kiosk/find", "mode", "code", "code", a.Code)
	c.post("/kiosk/checkin")
	sess := onlySession(t, h)
	tok := sess.done.link
	if !regexp.MustCompile(`^https://t\.me/TaiyuanShopBot\?start=[A-Za-z0-9_-]{16,64}$`).MatchString(tok) {
		t.Fatalf("deep link %q", tok)
	}
	token := strings.TrimPrefix(tok, "https://t.me/TaiyuanShopBot?start=")
	cust, err := h.store.RedeemLinkToken(token, 4242, fo.ZH)
	if err != nil || cust.ID != a.CustomerID {
		t.Fatalf("redeem: %+v %v", cust, err)
	}
	if _, err := h.store.RedeemLinkToken(token, 4243, fo.ZH); !errors.Is(err, fo.ErrStale) {
		t.Errorf("second redeem: %v", err)
	}
	// Without the bot there is no QR code.
	h.setBot("")
	b := h.book("13912345678", "京B12345", "李四", at(27, 11, 0))
	c = h.client()
	c.post("/kiosk/find", "mode", "code", "code", b.Code)
	r := c.post("/kiosk/checkin")
	mustContain(t, "done", r.body, `id="queue-no">A002<`)
	mustNotContain(t, "done without bot", r.body, "<svg", "t.me")
}

// A customer whose Telegram is linked already gets no QR code: the
// pickup notice goes there, and nobody at the kiosk can link another chat
// to them.
func TestKioskLinkedCustomerNoQR(t *testing.T) {
	h := newHarness(t)
	a := h.book("13812345678", "京A12345", "张三", at(27, 11, 0))
	if _, err := h.store.LinkChat(a.CustomerID, 777, fo.ZH); err != nil {
		t.Fatal(err)
	}
	c := h.client()
	c.post("/kiosk/find", "mode", "plate", "province", "京", "plate", "A12345", "last4", "5678")
	r := c.post("/kiosk/checkin")
	mustContain(t, "done", r.body, `id="queue-no">A001<`, `id="linked"`, "我们会通过 Telegram 通知您")
	mustNotContain(t, "done", r.body, "<svg", "t.me")
}

func onlySession(t *testing.T, h *harness) *session {
	t.Helper()
	ss := h.srv.kiosk.sessions
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if len(ss.m) != 1 {
		t.Fatalf("%d sessions", len(ss.m))
	}
	for _, s := range ss.m {
		return s
	}
	return nil
}

// Check-in with the plate and the last 4 digits; wrong digits find nothing
// and change nothing.
func TestKioskCheckInByPlateAndDigits(t *testing.T) {
	h := newHarness(t)
	a := h.book("13812345678", "粤BD12345", "张三", at(27, 11, 0))
	c := h.client()
	r := c.post("/kiosk/find", "mode", "plate", "province", "京", "plate", "粤bd 12345", "last4", "5679")
	if r.status != http.StatusNotFound {
		t.Fatalf("wrong digits: %d", r.status)
	}
	mustContain(t, "miss", r.body, "没有找到对应的预约")
	r = c.post("/kiosk/find", "mode", "plate", "province", "粤", "plate", "BD12345", "last4", "5678")
	mustContain(t, "confirm", r.body, "粤B·****45", "*******5678")
	r = c.post("/kiosk/checkin")
	mustContain(t, "done", r.body, `id="queue-no">A001<`)
	if got, _ := h.store.Appointment(a.ID); got.Status != fo.AptCheckedIn {
		t.Errorf("status %s", got.Status)
	}
	// Bad input is answered without a lookup.
	for _, kv := range [][]string{
		{"mode", "plate", "province", "京", "plate", "A1", "last4", "5678"},
		{"mode", "plate", "province", "京", "plate", "A12345", "last4", "56"},
		{"mode", "code", "code", "O0O0"},
	} {
		if r := c.post("/kiosk/find", kv...); r.status != http.StatusUnprocessableEntity {
			t.Errorf("%v: %d", kv, r.status)
		}
	}
}

// Early, late and wrong-day arrivals get the answer in the visitor's
// language and the way on as a walk-in; nothing is checked in.
func TestKioskEarlyLateWrongDay(t *testing.T) {
	h := newHarness(t)
	early := h.book("13812345678", "京A12345", "张三", at(27, 14, 0))
	late := h.book("13800000001", "京A11111", "王五", at(27, 9, 30))
	other := h.book("13800000002", "京A22222", "赵六", at(30, 10, 0))
	cases := []struct {
		a      fo.Appointment
		lang   string
		want   string
		wantEn string
	}{
		{early, "zh", "您来早了，预约时间是 11月27日 周五 14:00", ""},
		{late, "en", "", "Sorry, your appointment time Fri 27 Nov 09:30 has passed"},
		{other, "zh", "您的预约不在今天，而是 11月30日 周一 10:00", ""},
		{other, "en", "", "Your appointment is not today but Mon 30 Nov 10:00"},
	}
	for _, tc := range cases {
		c := h.client()
		c.post("/kiosk/lang", "lang", tc.lang, "screen", "start")
		r := c.post("/kiosk/find", "mode", "code", "code", tc.a.Code)
		want := tc.want + tc.wantEn
		mustContain(t, "confirm "+tc.lang, r.body, want, `href="/kiosk/walkin"`)
		mustNotContain(t, "confirm "+tc.lang, r.body, `action="/kiosk/checkin"`)
		// Posting anyway gets the store's answer, in the visitor's language.
		r = c.post("/kiosk/checkin")
		if r.status != http.StatusUnprocessableEntity {
			t.Errorf("check-in anyway: %d", r.status)
		}
		mustContain(t, "check-in "+tc.lang, r.body, want)
		if got, _ := h.store.Appointment(tc.a.ID); got.Status != fo.AptBooked {
			t.Errorf("status %s", got.Status)
		}
	}
}

// A walk-in creates the archive (ARC-1) with consent and gives W001; what
// the customer wants is recorded with the visit at once (INT-1: the purpose
// asked first); a QR code is shown for a new customer only.
func TestKioskWalkInARC1(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	r := c.get("/kiosk/walkin")
	mustContain(t, "form", r.body, `name="consent"`, "隐私说明", "防撞设备维修")
	r = c.post("/kiosk/walkin", "province", "京", "plate", "b 54321", "phone", "139 1234 5678", "name", "王 五",
		"service", "repair", "concern", "倒车雷达一直报警", "consent", "yes")
	if !strings.HasSuffix(r.url, "/kiosk/done") {
		t.Fatalf("walk-in: %d %s\n%s", r.status, r.url, r.body)
	}
	mustContain(t, "done", r.body, `id="queue-no">W001<`, "京B·***21", `<svg class="qr"`)
	mustNotContain(t, "done", r.body, personal("13912345678", "京B54321", "王 五")...)
	cust, err := h.store.CustomerByPhone("13912345678")
	if err != nil || cust.Name != "王 五" || !cust.Consent {
		t.Fatalf("customer %+v %v", cust, err)
	}
	veh, err := h.store.VehicleByPlate("京B54321")
	if err != nil || veh.CustomerID != cust.ID {
		t.Fatalf("vehicle %+v %v", veh, err)
	}
	vs, _ := h.store.VehicleVisits(veh.ID)
	if len(vs) != 1 || vs[0].Concern != "倒车雷达一直报警" || vs[0].ServiceID != "repair" || vs[0].Source != "kiosk" {
		t.Fatalf("visits %+v", vs)
	}
	// The same phone and plate again: typed at the kiosk they prove
	// nothing (ARC-2), so the visit waits for the desk to merge it; the
	// screen is the same as for a new customer (a QR code of its own).
	c = h.client()
	r = c.post("/kiosk/walkin", "province", "京", "plate", "B54321", "phone", "13912345678", "name", "王五",
		"service", "other", "consent", "yes")
	mustContain(t, "returning", r.body, `id="queue-no">W002<`, `<svg class="qr"`)
	if vs, _ := h.store.VehicleVisits(veh.ID); len(vs) != 1 {
		t.Errorf("archive has %d visits before the desk merged", len(vs))
	}
	pms, _ := h.store.PendingMatches()
	if len(pms) != 1 || pms[0].QueueNo != "W002" || pms[0].MatchCustomerID != cust.ID || pms[0].MatchVehicleID != veh.ID {
		t.Fatalf("pending %+v", pms)
	}
	if _, err := h.store.MergePending(pms[0].ID, "staff:li"); err != nil {
		t.Fatal(err)
	}
	if vs, _ := h.store.VehicleVisits(veh.ID); len(vs) != 2 {
		t.Errorf("archive has %d visits after the merge", len(vs))
	}
}

// Bad walk-in input changes nothing, says what is wrong in the visitor's
// language and keeps the other fields, personal ones only masked.
func TestKioskWalkInValidation(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	c.post("/kiosk/lang", "lang", "en", "screen", "walkin")
	r := c.post("/kiosk/walkin", "province", "京", "plate", "I2345", "phone", "13912345678", "name", "Wang Wu",
		"service", "repair", "concern", "beeping <b>sensor</b>")
	if r.status != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", r.status)
	}
	mustContain(t, "errors", r.body, "That plate is not valid", "Please read the privacy note and tick the box",
		"139****5678", "W******", "beeping &lt;b&gt;sensor&lt;/b&gt;", `value="repair" checked`)
	mustNotContain(t, "errors", r.body, personal("13912345678", "", "Wang Wu")...)
	if _, err := h.store.CustomerByPhone("13912345678"); !errors.Is(err, fo.ErrNotFound) {
		t.Fatalf("a bad form stored the customer: %v", err)
	}
	// The switch keeps the form and translates its messages.
	r = c.post("/kiosk/lang", "lang", "zh", "screen", "walkin")
	mustContain(t, "zh", r.body, "车牌号格式不对", "139****5678")
	// Phone and name left empty keep their values; a bad phone typed
	// over a kept one drops it.
	r = c.post("/kiosk/walkin", "province", "京", "plate", "A12345", "phone", "99999", "name", "",
		"service", "repair", "consent", "yes")
	mustContain(t, "bad phone", r.body, "手机号格式不对")
	mustNotContain(t, "bad phone", r.body, "139****5678", "99999")
	r = c.post("/kiosk/walkin", "phone", "13912345678", "service", "repair", "consent", "yes")
	if !strings.HasSuffix(r.url, "/kiosk/done") {
		t.Fatalf("fixed form: %d %s\n%s", r.status, r.url, r.body)
	}
	cust, err := h.store.CustomerByPhone("13912345678")
	if err != nil || cust.Name != "Wang Wu" || cust.Lang != fo.ZH {
		t.Fatalf("customer %+v %v", cust, err)
	}
	if _, err := h.store.VehicleByPlate("京A12345"); err != nil {
		t.Errorf("vehicle: %v", err)
	}
	// No service chosen, an unknown one, a concern too long.
	c = h.client()
	r = c.post("/kiosk/walkin", "province", "京", "plate", "C12345", "phone", "13712345678", "name", "李",
		"service", "nope", "concern", strings.Repeat("长", 501), "consent", "yes")
	mustContain(t, "service", r.body, "请选择服务项目", "内容太长了")
}

// The idle timeout also clears the server's state: a visitor who walks away
// from a half-filled form leaves nothing for the next one, even without
// the page's script.
func TestKioskIdleClearsServerState(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	c.post("/kiosk/lang", "lang", "en", "screen", "walkin")
	r := c.post("/kiosk/walkin", "province", "京", "plate", "A12345", "phone", "13912345678", "name", "Wang")
	mustContain(t, "kept", r.body, "139****5678", "京A·***45")
	h.clock.Advance(DefaultKioskIdle + time.Second)
	r = c.get("/kiosk/walkin")
	mustNotContain(t, "after idle", r.body, "139****5678", "京A·***45", "W***", "Please check the marked fields")
	mustContain(t, "after idle", r.body, `<html lang="zh-CN">`)
	// The reset the page's timer posts does the same at once.
	c.post("/kiosk/lang", "lang", "en", "screen", "walkin")
	c.post("/kiosk/walkin", "province", "京", "plate", "A12345")
	r = c.post("/kiosk/reset")
	if !strings.HasSuffix(r.url, "/kiosk") {
		t.Errorf("reset went to %s", r.url)
	}
	r = c.get("/kiosk/walkin")
	mustNotContain(t, "after reset", r.body, "京A·***45")
	mustContain(t, "after reset", r.body, `<html lang="zh-CN">`)
}

// The kiosk's idle time comes from the config and reaches the page.
func TestKioskIdleConfigured(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.KioskIdle = 1500 * time.Millisecond })
	r := h.client().get("/kiosk/walkin")
	mustContain(t, "page", r.body, `data-idle-ms="1500"`, `src="/static/kiosk.js"`)
	r = newHarness(t).client().get("/kiosk/walkin")
	mustContain(t, "default", r.body, `data-idle-ms="60000"`)
}

// Guessing is limited per session and per device, with "please ask at
// the desk"; a hit costs nothing; tokens come back with time, and the
// console's unlock refills the device at once.
func TestKioskRateLimit(t *testing.T) {
	h := newHarness(t)
	a := h.book("13812345678", "京A12345", "张三", at(27, 11, 0))
	miss := func(c *client) recorded {
		return c.post("/kiosk/find", "mode", "plate", "province", "京", "plate", "A12345", "last4", "0000")
	}
	// One session: sessionFails misses, then the desk.
	c := h.client()
	for i := 0; i < sessionFails; i++ {
		if r := miss(c); r.status != http.StatusNotFound {
			t.Fatalf("miss %d: %d", i, r.status)
		}
	}
	r := c.post("/kiosk/find", "mode", "code", "code", a.Code)
	if r.status != http.StatusTooManyRequests {
		t.Fatalf("after %d misses: %d", sessionFails, r.status)
	}
	mustContain(t, "blocked", r.body, "尝试次数过多，请到前台办理签到")
	// "Start again" gives a fresh session, not a fresh device: the
	// device's bucket (flowLookup) runs out after its burst in all.
	burst := flowRates[flowLookup].burst
	for i := sessionFails; i < burst; i++ {
		if r := miss(h.client()); r.status != http.StatusNotFound {
			t.Fatalf("miss %d: %d", i, r.status)
		}
	}
	c = h.client()
	c.post("/kiosk/lang", "lang", "en", "screen", "appointment")
	r = c.post("/kiosk/find", "mode", "code", "code", a.Code)
	if r.status != http.StatusTooManyRequests {
		t.Fatalf("device limit: %d", r.status)
	}
	mustContain(t, "blocked en", r.body, "Please ask at the front desk")
	// A token comes back after the refill period; a hit does not use it up.
	h.clock.Advance(flowRates[flowLookup].every)
	if r := c.post("/kiosk/find", "mode", "code", "code", a.Code); r.status != 200 {
		t.Fatalf("after refill: %d", r.status)
	}
	if r := h.client().post("/kiosk/find", "mode", "code", "code", a.Code); r.status != 200 {
		t.Fatalf("hit after hit: %d", r.status)
	}
	// Empty again; the desk's unlock (console, Devices) refills it.
	for miss(h.client()).status == http.StatusNotFound {
	}
	if r := h.client().post("/kiosk/find", "mode", "code", "code", a.Code); r.status != http.StatusTooManyRequests {
		t.Fatalf("empty again: %d", r.status)
	}
	if _, err := h.store.UnlockDevice(fo.LocalDeviceID, "staff:li"); err != nil {
		t.Fatal(err)
	}
	if r := h.client().post("/kiosk/find", "mode", "code", "code", a.Code); r.status != 200 {
		t.Fatalf("after unlock: %d", r.status)
	}
}

// The kiosk can never list or search customers: nothing answers but the
// screens, and a lookup shows one appointment, masked.
func TestKioskNoListing(t *testing.T) {
	h := newHarness(t)
	h.book("13812345678", "京A12345", "张三", at(27, 11, 0))
	c := h.client()
	for _, p := range []string{"/kiosk/customers", "/kiosk/search?q=138", "/kiosk/appointments", "/kiosk/find?mode=code&code=ABCDEF", "/kiosk/api/board"} {
		if r := c.get(p); r.status != http.StatusNotFound && r.status != http.StatusMethodNotAllowed {
			t.Errorf("GET %s: %d", p, r.status)
		}
	}
}

// Every kiosk response is no-store, no response holds a full phone number,
// plate or name, nor any other customer's data, and no URL carries
// personal data.
func TestKioskPrivacy(t *testing.T) {
	h := newHarness(t)
	a := h.book("13812345678", "京A12345", "张三", at(27, 11, 0))
	other := h.book("13698765432", "沪C67890", "欧阳娜娜", at(27, 11, 0))
	h.store.CheckIn(fo.CheckInRequest{Customer: fo.CustomerInput{Name: "钱七", Phone: "13511112222"}, Plate: "津D24680", Source: "console"})
	c := h.client()
	c.get("/kiosk")
	c.get("/kiosk/appointment")
	c.post("/kiosk/find", "mode", "plate", "province", "京", "plate", "A12345", "last4", "1111")
	c.post("/kiosk/find", "mode", "plate", "province", "京", "plate", "A12345", "last4", "5678")
	c.post("/kiosk/lang", "lang", "en", "screen", "confirm")
	c.post("/kiosk/checkin")
	c.post("/kiosk/lang", "lang", "zh", "screen", "done")
	c.post("/kiosk/reset")
	c.post("/kiosk/walkin", "province", "京", "plate", "B13579", "phone", "13900001234", "name", "孙八", "service", "bogus")
	c.post("/kiosk/walkin", "service", "inspect", "consent", "yes")
	c.get("/kiosk/done")
	c.get("/board")
	c.get("/board/state")
	var leaks []string
	leaks = append(leaks, personal("13812345678", "京A12345", "张三")...)
	leaks = append(leaks, personal("13900001234", "京B13579", "孙八")...)
	leaks = append(leaks, personal("13698765432", "沪C67890", "欧阳娜娜")...)
	leaks = append(leaks, personal("13511112222", "津D24680", "钱七")...)
	leaks = append(leaks, a.Code, other.Code, "沪C·***90", "欧*", "136****5432")
	for _, r := range c.resp {
		mustNotContain(t, r.method+" "+r.url, r.body, leaks...)
		if strings.Contains(r.url, "/kiosk") && r.header.Get("Cache-Control") != "no-store" {
			t.Errorf("%s: Cache-Control %q", r.url, r.header.Get("Cache-Control"))
		}
	}
	for _, u := range c.urls {
		mustNotContain(t, "URL "+u, u, append(leaks, "5678", "1111", "1234")...)
	}
	if t.Failed() {
		return
	}
	// The flows did run: A001 and W001 were given.
	if vs, _ := h.store.VisitsOn("2026-11-27"); len(vs) != 3 {
		t.Errorf("%d visits", len(vs))
	}
}

// A page of another site cannot post to the kiosk.
func TestKioskRefusesCrossSitePosts(t *testing.T) {
	h := newHarness(t)
	for _, hdr := range [][2]string{{"Sec-Fetch-Site", "cross-site"}, {"Origin", "https://evil.example"}} {
		req := httptest.NewRequest("POST", "/kiosk/walkin", strings.NewReader("province=京&plate=A12345&phone=13912345678&name=x&service=repair&consent=yes"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set(hdr[0], hdr[1])
		w := httptest.NewRecorder()
		h.srv.Handler().ServeHTTP(w, req)
		if w.Code != http.StatusForbidden {
			t.Errorf("%s: %d", hdr[0], w.Code)
		}
	}
	if _, err := h.store.CustomerByPhone("13912345678"); !errors.Is(err, fo.ErrNotFound) {
		t.Errorf("a cross-site post registered a walk-in: %v", err)
	}
}

func TestMaskName(t *testing.T) {
	for in, want := range map[string]string{"张三": "张*", "欧阳娜娜": "欧***", "Wang Wu": "W******", "李": "李*", "": "*"} {
		if got := maskName(in); got != want {
			t.Errorf("maskName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestJoinPlate(t *testing.T) {
	for _, c := range [][3]string{{"京", "A12345", "京A12345"}, {"京", " 粤B12345", "粤B12345"}, {"沪", "", "沪"}} {
		if got := joinPlate(c[0], c[1]); got != c[2] {
			t.Errorf("joinPlate(%q, %q) = %q", c[0], c[1], got)
		}
	}
}
