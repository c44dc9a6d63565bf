package kiosk

// Issue 10, written as the attacks: a stranger on the shop's network, or a
// malicious visitor at the kiosk.

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	fo "frontoffice"
)

// strangerAddr is an address on the shop's Wi-Fi that is not a device.
const strangerAddr = "192.168.1.77:50000"

// remote is a client calling the kiosk's handler from addr, with a cookie
// jar of its own (a phone on the Wi-Fi, or an enrolled kiosk).
type remote struct {
	tb      testing.TB
	h       http.Handler
	addr    string
	cookies map[string]*http.Cookie
}

func (h *harness) remote(addr string) *remote {
	return &remote{tb: h.tb, h: h.srv.Handler(), addr: addr, cookies: map[string]*http.Cookie{}}
}

// do sends a request (a form for POST) and keeps the cookies it sets.
func (c *remote) do(method, path string, kv ...string) *httptest.ResponseRecorder {
	form := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		form.Add(kv[i], kv[i+1])
	}
	req := httptest.NewRequest(method, path, strings.NewReader(form.Encode()))
	req.RemoteAddr = c.addr
	if method == "POST" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for _, ck := range c.cookies {
		req.AddCookie(ck)
	}
	w := httptest.NewRecorder()
	c.h.ServeHTTP(w, req)
	for _, ck := range w.Result().Cookies() {
		if ck.MaxAge < 0 {
			delete(c.cookies, ck.Name)
		} else {
			c.cookies[ck.Name] = ck
		}
	}
	return w
}

// enrol enrols a device called name from addr as the console would (a
// code from the store, typed on the device) and returns its client.
func (h *harness) enrol(addr, name string) *remote {
	h.tb.Helper()
	code, _, err := h.store.CreateEnrolment(name, "staff:admin")
	if err != nil {
		h.tb.Fatal(err)
	}
	c := h.remote(addr)
	if w := c.do("GET", "/kiosk/enrol?code="+url.QueryEscape(code)); w.Code != 200 || !strings.Contains(w.Body.String(), `value="`+code+`"`) {
		h.tb.Fatalf("enrol page: %d", w.Code)
	}
	if w := c.do("POST", "/kiosk/enrol", "code", strings.ToLower(code)); w.Code != http.StatusSeeOther || c.cookies[deviceCookie] == nil {
		h.tb.Fatalf("enrol: %d %v", w.Code, c.cookies)
	}
	ck := c.cookies[deviceCookie]
	if !ck.HttpOnly || ck.SameSite != http.SameSiteStrictMode || ck.Path != "/" || ck.MaxAge < 300*24*3600 {
		h.tb.Errorf("device cookie %+v", ck)
	}
	return c
}

// walkInForm is a valid walk-in.
func walkInForm(plate, phone, name string) []string {
	return []string{"province", "京", "plate", plate, "phone", phone, "name", name, "service", "repair", "consent", "yes"}
}

// Only enrolled devices reach the kiosk: an address on the Wi-Fi gets the
// page saying the screen is for the shop's lobby devices (and the board);
// an enrolled device's cookie works; a used or wrong code does not; a
// revoked device is refused at once.
func TestKioskEnrolment(t *testing.T) {
	h := newHarness(t)
	s := h.remote(strangerAddr)
	w := s.do("GET", "/kiosk")
	if w.Code != http.StatusForbidden {
		t.Fatalf("stranger's kiosk: %d", w.Code)
	}
	mustContain(t, "unenrolled", w.Body.String(), "本屏幕仅供店内大厅终端使用", "This screen is for the shop&#39;s lobby devices", `href="/board"`)
	for _, p := range []string{"/kiosk/walkin", "/kiosk/complaint", "/kiosk/find", "/kiosk/rate/find"} {
		if w := s.do("POST", p, walkInForm("A12345", "13912345678", "王五")...); w.Code != http.StatusForbidden {
			t.Errorf("stranger POST %s: %d", p, w.Code)
		}
	}
	if w := s.do("GET", "/board"); w.Code != 200 {
		t.Errorf("stranger's board: %d", w.Code)
	}
	if w := s.do("GET", "/board/state"); w.Code != 200 {
		t.Errorf("stranger's board state: %d", w.Code)
	}
	// A wrong code.
	if w := s.do("POST", "/kiosk/enrol", "code", "ABCDE-FGHJK"); w.Code != http.StatusNotFound || s.cookies[deviceCookie] != nil {
		t.Errorf("wrong code: %d", w.Code)
	}
	// Enrolled: the kiosk works from that address with the cookie.
	code, _, _ := h.store.CreateEnrolment("大厅 1 号机", "staff:admin")
	k := h.remote("192.168.1.20:41000")
	if w := k.do("POST", "/kiosk/enrol", "code", code); w.Code != http.StatusSeeOther {
		t.Fatalf("enrol: %d", w.Code)
	}
	if w := k.do("GET", "/kiosk"); w.Code != 200 {
		t.Fatalf("enrolled kiosk: %d", w.Code)
	}
	if w := k.do("POST", "/kiosk/walkin", walkInForm("A12345", "13912345678", "王五")...); w.Code != http.StatusSeeOther {
		t.Fatalf("enrolled walk-in: %d %s", w.Code, w.Body)
	}
	// The code worked once.
	if w := h.remote("192.168.1.21:41000").do("POST", "/kiosk/enrol", "code", code); w.Code != http.StatusNotFound {
		t.Errorf("code used twice: %d", w.Code)
	}
	// The cookie is the device, not the address: from another address too.
	k.addr = "192.168.1.99:41000"
	if w := k.do("GET", "/kiosk"); w.Code != 200 {
		t.Errorf("enrolled kiosk, new address: %d", w.Code)
	}
	devs, _ := h.store.Devices()
	if len(devs) != 2 || devs[1].Name != "大厅 1 号机" {
		t.Fatalf("devices %+v", devs)
	}
	if _, err := h.store.RevokeDevice(devs[1].ID, "staff:admin"); err != nil {
		t.Fatal(err)
	}
	if w := k.do("GET", "/kiosk"); w.Code != http.StatusForbidden {
		t.Errorf("revoked device: %d", w.Code)
	}
	if w := k.do("POST", "/kiosk/walkin", walkInForm("A12346", "13912345679", "王六")...); w.Code != http.StatusForbidden {
		t.Errorf("revoked device walk-in: %d", w.Code)
	}
	// The server's own machine cannot be revoked.
	if _, err := h.store.RevokeDevice(fo.LocalDeviceID, "staff:admin"); err == nil {
		t.Error("revoked the local device")
	}
}

// Finding 1: 1,000 walk-ins from one device are cut off after the device's
// burst, long before the day's 999 numbers run out; from an address that
// is not a device, none is accepted.
func TestKioskThousandWalkIns(t *testing.T) {
	h := newHarnessAt(t, filepath.Join(t.TempDir(), "f.db"), true) // no fsync: a test of logic
	k := h.enrol("192.168.1.20:41000", "kiosk")
	accepted, limited := 0, 0
	for i := range 1000 {
		k.do("POST", "/kiosk/reset") // "start again": a fresh flow
		w := k.do("POST", "/kiosk/walkin", walkInForm("A"+pad5(i), "139"+pad8(i), "王五")...)
		switch w.Code {
		case http.StatusSeeOther:
			accepted++
		case http.StatusTooManyRequests:
			limited++
			if i == 999 {
				mustContain(t, "limited", w.Body.String(), "请到前台登记")
			}
		default:
			t.Fatalf("walk-in %d: %d", i, w.Code)
		}
	}
	if accepted != flowRates[flowWalkIn].burst || limited != 1000-accepted {
		t.Errorf("one device: %d accepted, %d limited", accepted, limited)
	}
	// The desk still has numbers: the day is far from full.
	if b, _ := h.store.Board(); b.Waiting != accepted {
		t.Errorf("board waiting %d", b.Waiting)
	}
	// Another device is not touched by the first one's abuse.
	if w := h.client().post("/kiosk/walkin", walkInForm("B12345", "13700000000", "李四")...); !strings.HasSuffix(w.url, "/kiosk/done") {
		t.Errorf("the local kiosk after another's abuse: %d %s", w.status, w.url)
	}

	h2 := newHarnessAt(t, filepath.Join(t.TempDir(), "f.db"), true)
	s := h2.remote(strangerAddr)
	for i := range 1000 {
		if w := s.do("POST", "/kiosk/walkin", walkInForm("A"+pad5(i), "139"+pad8(i), "王五")...); w.Code != http.StatusForbidden {
			t.Fatalf("stranger walk-in %d: %d", i, w.Code)
		}
	}
	if b, _ := h2.store.Board(); b.Waiting != 0 {
		t.Errorf("stranger registered %d walk-ins", b.Waiting)
	}
}

func pad5(i int) string { return strings.Repeat("0", 5-len(itoa(i))) + itoa(i) }
func pad8(i int) string { return strings.Repeat("0", 8-len(itoa(i))) + itoa(i) }
func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	s := ""
	for ; i > 0; i /= 10 {
		s = string(rune('0'+i%10)) + s
	}
	return s
}

// Finding 1: 25 major complaints in a burst from one device are not all
// accepted.
func TestKioskComplaintBurst(t *testing.T) {
	h := newHarness(t)
	accepted := 0
	for i := range 25 {
		c := h.client()
		c.get("/kiosk/complaint")
		r := c.post("/kiosk/complaint", "category", "safety", "text", "刹车有问题", "major", "yes", "name", "某人",
			"phone", "135"+pad8(i), "consent", "yes")
		switch {
		case strings.HasSuffix(r.url, "/kiosk/complaint/done"):
			accepted++
		case r.status == http.StatusTooManyRequests:
			mustContain(t, "limited", r.body, "请到前台反映")
		default:
			t.Fatalf("complaint %d: %d %s", i, r.status, r.url)
		}
	}
	if accepted != flowRates[flowComplaint].burst {
		t.Errorf("%d of 25 complaints accepted", accepted)
	}
	open, _ := h.store.OpenComplaints()
	if len(open) != accepted {
		t.Errorf("%d complaints open", len(open))
	}
}

// Finding 2: nine misses from fresh sessions ("start again" each time)
// and the next real customer still checks in, by booking code and by plate
// and last 4 digits.
func TestKioskNineMissesThenCheckIn(t *testing.T) {
	h := newHarness(t)
	a := h.book("13812345678", "京A12345", "张三", at(27, 11, 0))
	b := h.book("13812345679", "京A12346", "李四", at(27, 11, 0))
	c := h.client()
	for i := range 9 {
		c.post("/kiosk/reset")
		if r := c.post("/kiosk/find", "mode", "code", "code", "ZZZZZ"+string(rune('2'+i%8))); r.status != http.StatusNotFound {
			t.Fatalf("miss %d: %d", i, r.status)
		}
	}
	c.post("/kiosk/reset")
	r := c.post("/kiosk/find", "mode", "code", "code", a.Code)
	if !strings.HasSuffix(r.url, "/kiosk/confirm") {
		t.Fatalf("real customer by code: %d %s", r.status, r.url)
	}
	if r = c.post("/kiosk/checkin"); !strings.HasSuffix(r.url, "/kiosk/done") {
		t.Fatalf("check-in: %d %s", r.status, r.url)
	}
	c.post("/kiosk/reset")
	r = c.post("/kiosk/find", "mode", "plate", "province", "京", "plate", "A12346", "last4", "5679")
	if !strings.HasSuffix(r.url, "/kiosk/confirm") {
		t.Fatalf("real customer by plate: %d %s", r.status, r.url)
	}
	if r = c.post("/kiosk/checkin"); !strings.HasSuffix(r.url, "/kiosk/done") {
		t.Fatalf("check-in by plate: %d %s", r.status, r.url)
	}
	if got, _ := h.store.Appointment(b.ID); got.Status != fo.AptCheckedIn {
		t.Errorf("appointment %s", got.Status)
	}
}

// Finding 5: an unknown, a cancelled and an already checked-in code get
// the same answer (status and page) and count the same; the confirm
// screen shows only the last 4 phone digits.
func TestKioskMissesAnswerAlike(t *testing.T) {
	h := newHarness(t)
	cancelled := h.book("13812345678", "京A12345", "张三", at(27, 11, 0))
	if _, err := h.store.SetAppointmentStatus(cancelled.ID, fo.AptCancelled, "staff:li"); err != nil {
		t.Fatal(err)
	}
	checked := h.book("13812345679", "京A12346", "李四", at(27, 11, 0))
	if _, err := h.store.CheckIn(fo.CheckInRequest{AppointmentID: checked.ID, Source: "kiosk", By: "kiosk"}); err != nil {
		t.Fatal(err)
	}
	codes := map[string]string{"unknown": "ZZZZZZ", "cancelled": cancelled.Code, "checked in": checked.Code}
	var first recorded
	for name, code := range codes {
		c := h.client()
		r := c.post("/kiosk/find", "mode", "code", "code", code)
		if first.body == "" {
			first = r
		}
		if r.status != http.StatusNotFound || r.body != first.body {
			t.Errorf("%s code: %d, page differs: %v", name, r.status, r.body != first.body)
		}
	}
	// They count alike: sessionFails mixed misses, then the desk.
	c := h.client()
	for i := range sessionFails {
		code := []string{"ZZZZZZ", cancelled.Code, checked.Code}[i%3]
		if r := c.post("/kiosk/find", "mode", "code", "code", code); r.status != http.StatusNotFound {
			t.Fatalf("miss %d: %d", i, r.status)
		}
	}
	if r := c.post("/kiosk/find", "mode", "code", "code", cancelled.Code); r.status != http.StatusTooManyRequests {
		t.Errorf("after mixed misses: %d", r.status)
	}
	// Only the last 4 digits.
	a := h.book("13698765432", "沪C67890", "欧阳娜娜", at(27, 11, 0))
	r := h.client().post("/kiosk/find", "mode", "code", "code", a.Code)
	mustContain(t, "confirm", r.body, "*******5432")
	mustNotContain(t, "confirm", r.body, "136****5432", "1369")
}

var qrRe = regexp.MustCompile(`(?s)<svg class="qr".*?</svg>`)

// resultScreen is a walk-in's result page without what differs for every
// visit (the queue number, the masked plate, the QR code's pattern).
func resultScreen(body string) string {
	body = qrRe.ReplaceAllString(body, "<svg/>")
	body = regexp.MustCompile(`W\d{3}`).ReplaceAllString(body, "W###")
	return regexp.MustCompile(`[京沪]\w·\**\d\d`).ReplaceAllString(body, "PLATE")
}

// outboxTo returns the waiting messages to chat.
func outboxTo(tb testing.TB, h *harness, chat int64) []fo.Message {
	entries, _, err := h.store.Pending(h.clock.Now().Add(24*3600e9), 10000)
	if err != nil {
		tb.Fatal(err)
	}
	var out []fo.Message
	for _, e := range entries {
		if e.Message.ChatID == chat {
			out = append(out, e.Message)
		}
	}
	return out
}

// Finding 3: a stranger types a customer's phone (and then her plate) at
// the walk-in: nothing joins her archive, nothing is renamed, nothing goes
// to her Telegram, and the result screen is the one a new phone gets.
func TestKioskStrangerPhoneAtWalkIn(t *testing.T) {
	h := newHarness(t)
	const herChat = 777001
	her, err := h.store.CheckIn(fo.CheckInRequest{Customer: fo.CustomerInput{Name: "欧阳娜娜", Phone: "13698765432", Consent: true},
		Plate: "沪C67890", ServiceID: "repair", Source: "console", By: "staff:li"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.store.LinkChat(her.CustomerID, herChat, fo.ZH); err != nil {
		t.Fatal(err)
	}
	before, beforeVehicles, _ := h.store.ArchivesOfPhone("13698765432")
	beforeVisits, _ := h.store.VehicleVisits(her.VehicleID)
	beforeMsgs := outboxTo(t, h, herChat)

	// A new phone and plate: the reference screen.
	c := h.client()
	ref := c.post("/kiosk/walkin", walkInForm("A11111", "13500000000", "新客")...)
	if !strings.HasSuffix(ref.url, "/kiosk/done") {
		t.Fatalf("new walk-in: %d %s", ref.status, ref.url)
	}
	// Her phone, a new plate; then her plate, a new phone; then both.
	for _, f := range [][]string{
		walkInForm("A22222", "13698765432", "陌生人"),
		{"province", "沪", "plate", "C67890", "phone", "13511112222", "name", "陌生人", "service", "repair", "consent", "yes"},
		{"province", "沪", "plate", "C67890", "phone", "13698765432", "name", "陌生人", "service", "repair", "consent", "yes"},
	} {
		c := h.client()
		r := c.post("/kiosk/walkin", f...)
		if r.status != ref.status || !strings.HasSuffix(r.url, "/kiosk/done") || resultScreen(r.body) != resultScreen(ref.body) {
			t.Errorf("%v: the result screen differs from a new customer's (%d %s)", f, r.status, r.url)
		}
		mustContain(t, "QR", r.body, `<svg class="qr"`)
	}
	after, afterVehicles, _ := h.store.ArchivesOfPhone("13698765432")
	afterVisits, _ := h.store.VehicleVisits(her.VehicleID)
	if after.Name != before.Name || after.ChatID != before.ChatID || len(afterVehicles) != len(beforeVehicles) {
		t.Errorf("her archive changed: %+v %d vehicles → %+v %d vehicles", before, len(beforeVehicles), after, len(afterVehicles))
	}
	if len(afterVisits) != len(beforeVisits) {
		t.Errorf("her vehicle's history has %d visits, had %d", len(afterVisits), len(beforeVisits))
	}
	if msgs := outboxTo(t, h, herChat); len(msgs) != len(beforeMsgs) {
		t.Errorf("messages to her chat: %d, were %d", len(msgs), len(beforeMsgs))
	}
	pms, _ := h.store.PendingMatches()
	if len(pms) != 3 {
		t.Fatalf("%d pending matches", len(pms))
	}
	for _, pm := range pms {
		if pm.Kind != fo.PendingVisit || pm.Status != fo.PendingOpen || pm.TypedName != "陌生人" {
			t.Errorf("pending %+v", pm)
		}
	}
}

// Finding 3: a stranger files a complaint with a customer's phone: it is
// not filed under her name, her Telegram gets nothing (no receipt, no
// verdict buttons), and the screen is the one a new phone gets; once the
// desk merges it, it is hers and she gets the receipt.
func TestKioskStrangerPhoneAtComplaint(t *testing.T) {
	h := newHarness(t)
	const herChat = 777002
	her, err := h.store.CheckIn(fo.CheckInRequest{Customer: fo.CustomerInput{Name: "欧阳娜娜", Phone: "13698765432", Consent: true},
		Plate: "沪C67890", ServiceID: "repair", Source: "console", By: "staff:li"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.store.LinkChat(her.CustomerID, herChat, fo.ZH); err != nil {
		t.Fatal(err)
	}
	beforeMsgs := outboxTo(t, h, herChat)
	file := func(phone string) recorded {
		c := h.client()
		c.get("/kiosk/complaint")
		return c.post("/kiosk/complaint", "category", "service", "text", "态度不好", "major", "no", "name", "陌生人",
			"phone", phone, "consent", "yes")
	}
	ref := file("13500000000")
	r := file("13698765432")
	ticket := regexp.MustCompile(`TS-\d{8}-\d{3}`)
	if r.status != ref.status || ticket.ReplaceAllString(r.body, "T") != ticket.ReplaceAllString(ref.body, "T") {
		t.Errorf("the result screen differs from a new phone's")
	}
	cm, err := h.store.ComplaintByTicket(ticket.FindString(r.body))
	if err != nil {
		t.Fatal(err)
	}
	owner, _ := h.store.Customer(her.CustomerID)
	if cm.CustomerID == her.CustomerID || owner.Name != "欧阳娜娜" || cm.CustomerName != "陌生人" {
		t.Errorf("complaint %+v filed on her (%+v)", cm, owner)
	}
	if msgs := outboxTo(t, h, herChat); len(msgs) != len(beforeMsgs) {
		t.Fatalf("messages to her chat before the merge: %+v", msgs)
	}
	pms, _ := h.store.PendingMatches()
	if len(pms) != 1 || pms[0].ComplaintID != cm.ID || pms[0].MatchPhone != "136****5432" {
		t.Fatalf("pending %+v", pms)
	}
	// The desk confirms: one transaction moves it and sends the receipt.
	if _, err := h.store.MergePending(pms[0].ID, "staff:li"); err != nil {
		t.Fatal(err)
	}
	cm, _ = h.store.Complaint(cm.ID)
	if cm.CustomerID != her.CustomerID || cm.CustomerName != "欧阳娜娜" {
		t.Errorf("merged complaint %+v", cm)
	}
	if msgs := outboxTo(t, h, herChat); len(msgs) != len(beforeMsgs)+1 || !strings.Contains(msgs[len(msgs)-1].Text, cm.Ticket) {
		t.Errorf("messages to her chat after the merge: %+v", msgs)
	}
	if _, err := h.store.MergePending(pms[0].ID, "staff:li"); err == nil {
		t.Error("merged twice")
	}
}
