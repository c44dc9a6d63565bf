package console

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	fo "frontoffice"
)

// Issue 10: the desk registers a walk-in on the console (the kiosk is never
// the only door), with the kiosk's fields; bad input changes nothing.
func TestConsoleDeskWalkIn(t *testing.T) {
	h := newConHarness(t)
	c := h.login("li")
	r := c.get("/staff/walkin")
	mustContain(t, "form", r.body, `action="/staff/walkin"`, `name="consent"`, `href="/staff/walkin"`)
	bad := c.post("/staff/walkin", url.Values{"plate": {"I2345"}, "phone": {"123"}, "name": {"王五"}, "service": {"nope"}})
	if bad.status != http.StatusUnprocessableEntity {
		t.Fatalf("bad walk-in: %d", bad.status)
	}
	mustContain(t, "errors", bad.body, "车牌号格式不对", "手机号格式不对", "请选择服务项目", "需要客户同意才能登记", `value="王五"`)
	if b, _ := h.store.Board(); b.Waiting != 0 {
		t.Fatal("a bad walk-in was registered")
	}
	r = c.post("/staff/walkin", url.Values{"plate": {"京B 54321"}, "phone": {"139 1234 5678"}, "name": {"王五"},
		"service": {"repair"}, "concern": {"倒车雷达报警"}, "consent": {"yes"}})
	if r.status != http.StatusSeeOther || !strings.HasPrefix(r.location, "/staff/walkin?v=") {
		t.Fatalf("walk-in: %d %s %s", r.status, r.location, excerpt(r.body))
	}
	r = c.follow(r)
	mustContain(t, "done", r.body, `id="queue-no">W001<`, "散客已登记", "京B·54321")
	cust, err := h.store.CustomerByPhone("13912345678")
	if err != nil || cust.Name != "王五" || !cust.Consent {
		t.Fatalf("customer %+v %v", cust, err)
	}
	veh, _ := h.store.VehicleByPlate("京B54321")
	vs, _ := h.store.VehicleVisits(veh.ID)
	if len(vs) != 1 || vs[0].Source != "console" || vs[0].Concern != "倒车雷达报警" || vs[0].QueueNo != "W001" {
		t.Fatalf("visits %+v", vs)
	}
	// The follow-up role has no desk.
	if r := h.login("wang").post("/staff/walkin", url.Values{}); r.status != http.StatusForbidden {
		t.Errorf("follow-up walk-in: %d", r.status)
	}
}

// Issue 10 (ARC-2): a kiosk walk-in and a kiosk complaint with a phone on
// file wait on the console ("matches … — merge?"); the desk's merge
// attaches them, "keep separate" does not.
func TestConsolePendingMerge(t *testing.T) {
	h := newConHarness(t)
	her := h.walkIn("欧阳娜娜", "13698765432", "沪C67890", "repair")
	if _, err := h.store.LinkChat(her.CustomerID, 5150, fo.ZH); err != nil {
		t.Fatal(err)
	}
	kiosk := func(phone, plate string) fo.Visit {
		v, err := h.store.CheckIn(fo.CheckInRequest{Customer: fo.CustomerInput{Name: "陌生人", Phone: phone, Consent: true},
			Plate: plate, ServiceID: "repair", Source: "kiosk", By: "kiosk", Unproven: true})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	plateVisit := kiosk("13500000000", "沪C67890") // her plate, a new phone
	phoneVisit := kiosk("13698765432", "京A11111") // her phone, a new plate
	if vs, _ := h.store.VehicleVisits(her.VehicleID); len(vs) != 1 {
		t.Fatalf("her vehicle has %d visits before the desk", len(vs))
	}
	c := h.login("li")
	r := c.get("/staff/pending")
	mustContain(t, "pending", r.body, "沪C·***90", "136****5432", "欧阳娜娜", "陌生人", plateVisit.QueueNo, phoneVisit.QueueNo, "合并？", "分开保存")
	pms, _ := h.store.PendingMatches()
	if len(pms) != 2 {
		t.Fatalf("pending %+v", pms)
	}
	// Merge the plate match: the visit joins her vehicle's history.
	if r := c.post("/staff/pending/"+itoa(pms[0].ID)+"/merge", nil); r.status != http.StatusSeeOther {
		t.Fatalf("merge: %d %s", r.status, excerpt(r.body))
	}
	if vs, _ := h.store.VehicleVisits(her.VehicleID); len(vs) != 2 || vs[1].ID != plateVisit.ID {
		t.Errorf("her vehicle's history after the merge: %+v", vs)
	}
	// Keep the phone match separate: her archive gets nothing.
	if r := c.post("/staff/pending/"+itoa(pms[1].ID)+"/separate", nil); r.status != http.StatusSeeOther {
		t.Fatalf("separate: %d", r.status)
	}
	if _, vehicles, _ := h.store.ArchivesOfPhone("13698765432"); len(vehicles) != 1 {
		t.Errorf("her archive has %d vehicles", len(vehicles))
	}
	if v, _ := h.store.Visit(phoneVisit.ID); v.CustomerID == her.CustomerID || v.ChatID != 0 {
		t.Errorf("kept separate, the visit is hers: %+v", v)
	}
	// Decided twice: told so, nothing changes.
	r = c.follow(c.post("/staff/pending/"+itoa(pms[1].ID)+"/merge", nil))
	mustContain(t, "twice", r.body, "这条记录已经处理过了", "没有待确认的记录")
	if v, _ := h.store.Visit(phoneVisit.ID); v.CustomerID == her.CustomerID {
		t.Error("merged after keep separate")
	}
	// A merge of a phone match: the visit and its new vehicle join her.
	v3 := kiosk("13698765432", "京A22222")
	pms, _ = h.store.PendingMatches()
	c.get("/staff/pending")
	c.post("/staff/pending/"+itoa(pms[0].ID)+"/merge", nil)
	if v, _ := h.store.Visit(v3.ID); v.CustomerID != her.CustomerID || v.CustomerName != "欧阳娜娜" || v.ChatID != 5150 {
		t.Errorf("merged visit %+v", v)
	}
	if _, vehicles, _ := h.store.ArchivesOfPhone("13698765432"); len(vehicles) != 2 {
		t.Errorf("her archive has %d vehicles after the merge", len(vehicles))
	}
}

// Issue 10: devices. A supervisor creates an enrolment code (shown once),
// which enrols a device; the desk unlocks a device; a supervisor revokes
// it; the reception may neither enrol nor revoke; the server's own machine
// cannot be revoked.
func TestConsoleDevices(t *testing.T) {
	h := newConHarness(t)
	li := h.login("li")
	r := li.get("/staff/devices")
	mustContain(t, "reception", r.body, "本机", "解除限制")
	mustNotContain(t, "reception", r.body, `action="/staff/devices/enrol"`)
	if r := li.post("/staff/devices/enrol", url.Values{"name": {"大厅"}}); r.status != http.StatusForbidden {
		t.Errorf("reception enrols: %d", r.status)
	}
	zhao := h.login("zhao")
	zhao.get("/staff/devices")
	if r := zhao.post("/staff/devices/enrol", url.Values{"name": {""}}); r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "请给设备起一个名字") {
		t.Errorf("no name: %d", r.status)
	}
	r = zhao.post("/staff/devices/enrol", url.Values{"name": {"大厅 1 号机"}})
	code := regexp.MustCompile(`id="code">([A-Z0-9-]+)<`).FindStringSubmatch(r.body)
	if r.status != 200 || code == nil {
		t.Fatalf("enrol: %d %s", r.status, excerpt(r.body))
	}
	mustContain(t, "code", r.body, "/kiosk/enrol", "只能用一次")
	_, dev, err := h.store.EnrolDevice(code[1])
	if err != nil || dev.Name != "大厅 1 号机" {
		t.Fatalf("enrol with the console's code: %+v %v", dev, err)
	}
	r = li.get("/staff/devices")
	mustContain(t, "listed", r.body, "大厅 1 号机", "/staff/devices/"+itoa(dev.ID)+"/unlock")
	if r := li.post("/staff/devices/"+itoa(dev.ID)+"/unlock", nil); r.status != http.StatusSeeOther {
		t.Fatalf("unlock: %d", r.status)
	}
	if r := li.post("/staff/devices/0/unlock", nil); r.status != http.StatusSeeOther {
		t.Fatalf("unlock local: %d", r.status)
	}
	devs, _ := h.store.Devices()
	if devs[0].Unlocks != 1 || devs[1].Unlocks != 1 {
		t.Errorf("unlocks %+v", devs)
	}
	if r := li.post("/staff/devices/"+itoa(dev.ID)+"/revoke", nil); r.status != http.StatusForbidden {
		t.Errorf("reception revokes: %d", r.status)
	}
	zhao.get("/staff/devices")
	if r := zhao.post("/staff/devices/"+itoa(dev.ID)+"/revoke", nil); r.status != http.StatusSeeOther {
		t.Fatalf("revoke: %d", r.status)
	}
	if r := zhao.post("/staff/devices/0/revoke", nil); r.status != http.StatusConflict {
		t.Errorf("revoke local: %d", r.status)
	}
	devs, _ = h.store.Devices()
	if !devs[1].Revoked() || devs[0].Revoked() {
		t.Errorf("devices %+v", devs)
	}
}

func itoa(n uint64) string {
	const digits = "0123456789"
	if n == 0 {
		return "0"
	}
	s := ""
	for ; n > 0; n /= 10 {
		s = string(digits[n%10]) + s
	}
	return s
}
