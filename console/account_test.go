package console

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	fo "frontoffice"
)

// Tests of the console's login throttling and accounts page (issue 10,
// finding 4). The harness serves through fromAddr, so that a client made
// by clientFrom is seen at another address, as a second PC on the shop's
// network would be.

const testAddrHeader = "X-Test-Remote-Addr"

// fromAddr sets the request's connection address from testAddrHeader, for
// tests only: the console reads the client's address as the server sees it
// (web.ClientIP).
func fromAddr(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if a := r.Header.Get(testAddrHeader); a != "" {
			r.RemoteAddr = a + ":40000"
		}
		h.ServeHTTP(w, r)
	})
}

type addrTransport struct{ addr string }

func (t addrTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set(testAddrHeader, t.addr)
	return http.DefaultTransport.RoundTrip(r)
}

// clientFrom is a browser at the client address addr.
func (h *conHarness) clientFrom(addr string) *conClient {
	c := h.client()
	c.http.Transport = addrTransport{addr}
	return c
}

var waitRe = regexp.MustCompile(`请 (\d+) 秒后|请约 (\d+) 分钟后`)

// The attack of finding 4: five wrong passwords for admin from one
// address. The attacker's address is slowed (the fourth and fifth tries
// are refused unseen, with when to try again), but the real admin at
// another PC logs in at once with the right password.
func TestConsoleLoginThrottleFiveWrongThenRightFromElsewhere(t *testing.T) {
	h := newConHarness(t)
	attacker := h.clientFrom("192.168.1.66")
	var statuses []int
	for range 5 {
		statuses = append(statuses, attacker.tryLogin("admin", "wrong password!").status)
	}
	want := []int{401, 401, 401, 429, 429}
	for i := range want {
		if statuses[i] != want[i] {
			t.Fatalf("five wrong passwords: %v, want %v", statuses, want)
		}
	}
	// The real admin, from the office PC, at the same instant.
	if r := h.clientFrom("192.168.1.10").tryLogin("admin", conPassword); r.status != http.StatusSeeOther {
		t.Fatalf("right password from another address: %d %s", r.status, excerpt(r.body))
	}
	// The attacker's address waits, even with the right password; the
	// answer says when to try again.
	r := attacker.tryLogin("admin", conPassword)
	if r.status != http.StatusTooManyRequests || !waitRe.MatchString(r.body) || !strings.Contains(r.body, "09:00:02") {
		t.Fatalf("attacker's address not slowed: %d %s", r.status, excerpt(r.body))
	}
	if strings.Contains(r.body, "登录名或密码不对") {
		t.Error("a throttled try was judged")
	}
	res, err := attacker.http.PostForm(h.ts.URL+"/staff/login", url.Values{"login": {"admin"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusForbidden { // no form token: refused before anything else
		t.Errorf("login without its token: %d", res.StatusCode)
	}
	r2 := attacker.get("/staff/login")
	pre := preRe.FindStringSubmatch(r2.body)
	res, err = attacker.http.PostForm(h.ts.URL+"/staff/login", url.Values{"login": {"admin"}, "password": {conPassword}, "pre": {pre[1]}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") != "2" {
		t.Errorf("throttled answer: %d, Retry-After %q", res.StatusCode, res.Header.Get("Retry-After"))
	}
	// After the wait the right password works from there too.
	h.clock.Advance(2 * time.Second)
	if r := attacker.tryLogin("admin", conPassword); r.status != http.StatusSeeOther {
		t.Fatalf("after the wait: %d %s", r.status, excerpt(r.body))
	}
}

// Fifty wrong passwords for admin from one address, each as soon as the
// console allows: the waits double up to throttleCap, the address is slowed
// for every login, and the right password from another address still logs
// in at once.
func TestConsoleLoginThrottleFiftyWrong(t *testing.T) {
	h := newConHarness(t)
	const ip = "192.168.1.66"
	attacker := h.clientFrom(ip)
	var waits []time.Duration
	start := h.clock.Now()
	for i := range 50 {
		if w := h.srv.console.limiter.wait("admin", ip); w > 0 {
			if r := attacker.tryLogin("admin", "wrong password "+strconv.Itoa(i)); r.status != http.StatusTooManyRequests {
				t.Fatalf("try %d before its wait: %d", i+1, r.status)
			}
			waits = append(waits, w)
			h.clock.Advance(w)
		}
		if r := attacker.tryLogin("admin", "wrong password "+strconv.Itoa(i)); r.status != http.StatusUnauthorized {
			t.Fatalf("try %d after its wait: %d %s", i+1, r.status, excerpt(r.body))
		}
	}
	for i := 1; i < len(waits); i++ {
		if waits[i] < waits[i-1] {
			t.Errorf("wait %d shorter than the one before: %v", i, waits)
		}
	}
	if len(waits) != 50-pairFree || waits[0] != throttleBase || waits[len(waits)-1] != throttleCap {
		t.Errorf("waits %v", waits)
	}
	if spent := h.clock.Now().Sub(start); spent < 8*time.Hour {
		t.Errorf("fifty guesses took only %v", spent)
	}
	// The attacker's address is slowed for every login, the right one too.
	if r := attacker.tryLogin("li", conPassword); r.status != http.StatusTooManyRequests || !strings.Contains(r.body, "分钟") {
		t.Errorf("attacker's address, another login: %d %s", r.status, excerpt(r.body))
	}
	if r := h.clientFrom("192.168.1.10").tryLogin("admin", conPassword); r.status != http.StatusSeeOther {
		t.Fatalf("right password from another address after fifty: %d %s", r.status, excerpt(r.body))
	}
}

// The throttled answer is the same for an existing login and a made-up
// one, and in the user's language.
func TestConsoleLoginThrottleRevealsNothing(t *testing.T) {
	h := newConHarness(t)
	bodies := map[string]string{}
	for i, login := range []string{"admin", "nosuchuser"} {
		c := h.clientFrom("10.0.0." + strconv.Itoa(i+1))
		var got []int
		var last conResp
		for range 5 {
			last = c.tryLogin(login, "wrong password!")
			got = append(got, last.status)
		}
		if got[3] != http.StatusTooManyRequests || got[4] != http.StatusTooManyRequests {
			t.Errorf("%s: %v", login, got)
		}
		bodies[login] = strings.ReplaceAll(last.body, login, "LOGIN")
		bodies[login] = regexp.MustCompile(`value="[A-Za-z0-9_-]{20,}"`).ReplaceAllString(bodies[login], "")
	}
	if bodies["admin"] != bodies["nosuchuser"] {
		t.Errorf("the answers differ:\n%s\n---\n%s", excerpt(bodies["admin"]), excerpt(bodies["nosuchuser"]))
	}
	// English, chosen on the login page.
	c := h.clientFrom("10.0.0.9")
	c.get("/staff/login?lang=en")
	for range 4 {
		c.tryLogin("admin", "wrong password!")
	}
	if r := c.tryLogin("admin", "wrong password!"); r.status != http.StatusTooManyRequests || !strings.Contains(r.body, "Try again in 2 seconds (after 09:00:02)") {
		t.Errorf("English: %d %s", r.status, excerpt(r.body))
	}
}

// The delays: free tries, then doubling from throttleBase up to
// throttleCap.
func TestThrottleDelay(t *testing.T) {
	for _, c := range []struct {
		n, free int
		want    time.Duration
	}{
		{0, 3, 0}, {2, 3, 0}, {3, 3, 2 * time.Second}, {4, 3, 4 * time.Second}, {5, 3, 8 * time.Second},
		{11, 3, 512 * time.Second}, {12, 3, throttleCap}, {1000, 3, throttleCap}, {10, 10, 2 * time.Second},
	} {
		if got := throttleDelay(c.n, c.free); got != c.want {
			t.Errorf("throttleDelay(%d, %d) = %v, want %v", c.n, c.free, got, c.want)
		}
	}
	if addrKey("2001:db8:1:2:3:4:5:6") != addrKey("2001:db8:1:2:ffff::1") || addrKey("10.0.0.1") == addrKey("10.0.0.2") {
		t.Error("IPv6 not counted by /64, or IPv4 merged")
	}
}

// The limiter stays bounded under a flood of made-up logins, and still
// slows the flooding addresses; counts are forgotten after throttleForget.
func TestStaffLimiterBounded(t *testing.T) {
	h := newConHarness(t)
	l := newStaffLimiter(h.clock)
	for i := range 3 * limiterMax {
		l.failed("guess"+strconv.Itoa(i), "10.0.0."+strconv.Itoa(i%7), false)
	}
	if n := len(l.fails); n > 2*limiterMax+10 {
		t.Errorf("%d entries", n)
	}
	if l.wait("anyone", "10.0.0.1") != throttleCap {
		t.Error("flooding address not slowed")
	}
	if l.wait("anyone", "10.0.0.8") != 0 {
		t.Error("another address slowed")
	}
	h.clock.Advance(throttleCap)
	if l.wait("anyone", "10.0.0.1") != 0 {
		t.Error("still slowed after the cap")
	}
	h.clock.Advance(throttleForget)
	l.failed("x", "10.0.0.1", false)
	if l.wait("anyone", "10.0.0.1") != 0 {
		t.Error("old failures not forgotten")
	}
}

// An admin disables an account on the accounts page: its open session ends
// at once and it cannot log in; enabling lets it in again. A role change
// applies at the next click. The last enabled admin can be neither
// disabled nor demoted. Only admins, with the CSRF token, may do any of it.
func TestConsoleAccountsDisableEnableRole(t *testing.T) {
	h := newConHarness(t)
	admin := h.login("admin")
	li := h.login("li")
	if r := li.get("/staff/today"); r.status != http.StatusOK {
		t.Fatalf("li before: %d", r.status)
	}
	page := admin.get("/staff/accounts")
	mustContain(t, "accounts page", page.body, `action="/staff/accounts/disable"`, `name="login" value="li"`, "停用")

	// Not for other roles, nor without the token.
	zhao := h.login("zhao")
	if r := zhao.post("/staff/accounts/disable", url.Values{"login": {"li"}}); r.status != http.StatusForbidden {
		t.Errorf("supervisor disabling: %d", r.status)
	}
	if r := admin.post("/staff/accounts/disable", url.Values{"login": {"li"}, "csrf": {""}}); r.status != http.StatusForbidden {
		t.Errorf("without the token: %d", r.status)
	}
	if a, _ := h.store.Account("li"); a.Disabled {
		t.Fatal("disabled without the right")
	}

	r := admin.post("/staff/accounts/disable", url.Values{"login": {"li"}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("disable: %d %s", r.status, excerpt(r.body))
	}
	mustContain(t, "after disable", admin.follow(r).body, "账号已停用", "已停用")
	if r := li.get("/staff/today"); r.status != http.StatusSeeOther || r.location != "/staff/login" {
		t.Errorf("disabled account's session still open: %d %q", r.status, r.location)
	}
	if r := h.clientFrom("10.1.1.1").tryLogin("li", conPassword); r.status != http.StatusUnauthorized || !strings.Contains(r.body, "登录名或密码不对") {
		t.Errorf("disabled account logs in: %d", r.status)
	}
	if r := admin.post("/staff/accounts/enable", url.Values{"login": {"li"}}); r.status != http.StatusSeeOther {
		t.Fatalf("enable: %d %s", r.status, excerpt(r.body))
	}
	li = h.login("li")

	// A role change applies at the next click: reception cannot open the
	// follow-up calls' page... and then can, as a supervisor.
	if r := li.get("/staff/settings"); r.status != http.StatusForbidden {
		t.Fatalf("reception on settings: %d", r.status)
	}
	if r := admin.post("/staff/accounts/role", url.Values{"login": {"li"}, "role": {"admin"}}); r.status != http.StatusSeeOther {
		t.Fatalf("role: %d %s", r.status, excerpt(r.body))
	}
	if r := li.get("/staff/settings"); r.status != http.StatusOK {
		t.Errorf("li as admin on settings: %d", r.status)
	}
	if r := admin.post("/staff/accounts/role", url.Values{"login": {"li"}, "role": {"boss"}}); r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "角色须为") {
		t.Errorf("unknown role: %d %s", r.status, excerpt(r.body))
	}
	if r := admin.post("/staff/accounts/disable", url.Values{"login": {"nobody"}}); r.status != http.StatusNotFound {
		t.Errorf("unknown login: %d", r.status)
	}

	// Two admins now: li may demote admin, but then li is the last one.
	if r := li.post("/staff/accounts/role", url.Values{"login": {"admin"}, "role": {"reception"}}); r.status != http.StatusSeeOther {
		t.Fatalf("demote the other admin: %d %s", r.status, excerpt(r.body))
	}
	for _, c := range []struct {
		path string
		form url.Values
	}{
		{"/staff/accounts/disable", url.Values{"login": {"li"}}},
		{"/staff/accounts/role", url.Values{"login": {"li"}, "role": {"supervisor"}}},
	} {
		r := li.post(c.path, c.form)
		if r.status != http.StatusConflict || !strings.Contains(r.body, "最后一个启用的管理员账号") {
			t.Errorf("%s on the last admin: %d %s", c.path, r.status, excerpt(r.body))
		}
	}
	if a, _ := h.store.Account("li"); a.Disabled || a.Role != fo.RoleAdmin {
		t.Errorf("last admin changed: %+v", a)
	}
	// In English.
	li.post("/staff/lang", url.Values{"lang": {"en"}, "back": {"/staff/accounts"}})
	if r := li.post("/staff/accounts/disable", url.Values{"login": {"li"}}); !strings.Contains(r.body, "This is the last enabled admin account") {
		t.Errorf("English: %s", excerpt(r.body))
	}
	if r := li.get("/staff/accounts"); !strings.Contains(r.body, "Disable") || !strings.Contains(r.body, "Set role") {
		t.Errorf("English page: %s", excerpt(r.body))
	}
}

// The console's settings form keeps the same limits as every door: an
// oversized shop name, too many closed dates and a removed staff member
// an enabled account is linked to are refused with the field named,
// nothing stored (issue 10, finding 6).
func TestConsoleSettingsLimits(t *testing.T) {
	h := newConHarness(t)
	c := h.login("admin")
	before, _ := h.store.Settings()
	base := formValues(c.get("/staff/settings").body, "settings-form")
	var dates []string
	for i := range 1001 {
		dates = append(dates, time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i).Format(time.DateOnly))
	}
	for _, tc := range []struct {
		name   string
		change func(url.Values)
		want   string
	}{
		{"long name", func(f url.Values) { f.Set("name", strings.Repeat("店", 101)) }, "shop.name is 101 characters long; at most 100"},
		{"too many closed dates", func(f url.Values) { f.Set("closed", strings.Join(dates, "\n")) }, "closed_dates has 1001 entries; at most 1000"},
		{"linked staff removed", func(f url.Values) { f.Set("m0_id", "") }, "account li is linked to staff member li"},
	} {
		form := url.Values{}
		for k, v := range base {
			form[k] = v
		}
		tc.change(form)
		r := c.post("/staff/settings", form)
		if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, tc.want) {
			t.Errorf("%s: %d %s", tc.name, r.status, excerpt(r.body))
		}
	}
	if after, _ := h.store.Settings(); after.Shop.Name != before.Shop.Name || len(after.ClosedDates) != 0 || len(after.Staff) != len(before.Staff) {
		t.Error("refused settings stored")
	}
	// When li leaves: disable the account, then remove the staff member;
	// the account cannot be enabled again without it.
	if r := c.post("/staff/accounts/disable", url.Values{"login": {"li"}}); r.status != http.StatusSeeOther {
		t.Fatalf("disable li: %d", r.status)
	}
	form := formValues(c.get("/staff/settings").body, "settings-form")
	form.Set("m0_id", "")
	if r := c.post("/staff/settings", form); r.status != http.StatusSeeOther {
		t.Fatalf("remove li's staff member after disabling the account: %d %s", r.status, excerpt(r.body))
	}
	if r := c.post("/staff/accounts/enable", url.Values{"login": {"li"}}); r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "员工编号 li 已不在设置中") {
		t.Errorf("enable li without the staff member: %d %s", r.status, excerpt(r.body))
	}
}
