package bot

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	fo "frontoffice"
	"frontoffice/internal/telegramtest"
)

// Station groups and their people in these tests.
const (
	groupA = int64(-9001)
	groupB = int64(-9002)
	userA  = int64(8001)
	userB  = int64(8002)
)

// certifiedStation registers a station in city and certifies it through
// the store, as the supervisor does in the console (NET-1).
func (h *harness) certifiedStation(name, city, hotline string) fo.Station {
	h.t.Helper()
	st, err := h.store.CreateStation(fo.StationInput{Name: name, City: city, Address: "文三路 1 号", Hotline: hotline}, "staff:zhao")
	if err != nil {
		h.t.Fatal(err)
	}
	doc := []fo.StationUpload{{Name: "doc.pdf", Mime: "application/pdf", Data: []byte("%PDF-1.4")}}
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
			h.t.Fatal(err)
		}
	}
	return st
}

// linkGroup links chat to st with a fresh code typed by user there.
func (h *harness) linkGroup(st fo.Station, chat int64, user tgbotapi.User) {
	h.t.Helper()
	code, err := h.store.NewStationLinkCode(st.ID, "staff:zhao")
	if err != nil {
		h.t.Fatal(err)
	}
	h.text(chat, user, "/station "+code)
	h.wait(chat, st.Code, "/job")
}

// setCheckPercent sets the share of station jobs spot-checked (NET-4).
func (h *harness) setCheckPercent(p int) {
	h.t.Helper()
	st := h.settings()
	st.Stations.CheckPercent = p
	if err := h.store.SaveSettings(st); err != nil {
		h.t.Fatal(err)
	}
}

// replyTo answers the newest bot message in chat that contains part.
func (h *harness) replyTo(chat int64, u tgbotapi.User, part, text string) {
	h.t.Helper()
	m := h.wait(chat, part)
	h.handled(h.srv.Reply(chat, u, m.ID, text))
}

// NET-1, NET-4: a station's group is linked by the supervisor's one-time
// code; its people report a job by a short conversation (replies to the
// bot), and list the month's jobs.
func TestStationGroupLinkAndJobNET4(t *testing.T) {
	h := newHarness(t)
	h.setCheckPercent(-1)
	h.start()
	a := h.certifiedStation("甲网点", "杭州", "0571-1111")
	u := telegramtest.Customer(userA, "")
	// An unlinked group: a wrong code is refused; other talk is ignored.
	h.text(groupA, u, "/station wrongcode9")
	h.wait(groupA, "关联码无效")
	h.text(groupA, u, "/job")
	if n := len(h.srv.Messages(groupA)); n != 1 {
		t.Fatalf("an unlinked group got an answer to /job:\n%s", h.dump(groupA))
	}
	h.linkGroup(a, groupA, u)

	h.text(groupA, u, "/job")
	h.wait(groupA, "1/5")
	// Text that is no reply to the bot is the station's own talk.
	h.text(groupA, u, "张三")
	if h.count(groupA, "2/5") != 0 {
		t.Fatal("plain group talk taken as the report's input")
	}
	h.replyTo(groupA, u, "1/5", "张三")
	h.replyTo(groupA, u, "2/5", "12345")
	h.wait(groupA, fo.Texts.T(fo.ZH, "err.phone"))
	h.replyTo(groupA, u, "2/5", "139 0000 0001")
	h.wait(groupA, "3/5")
	h.press(groupA, u, "跳过")
	h.replyTo(groupA, u, "4/5", "安装倒车雷达")
	h.wait(groupA, "5/5")
	h.press(groupA, u, "昨天")
	h.wait(groupA, "请确认", "张三 13900000001", "安装倒车雷达", "2026-11-29")
	h.press(groupA, u, "✅ 确认上报")
	h.wait(groupA, "已登记工作 #1")
	jobs, err := h.store.StationJobs(a.ID, monday0900.AddDate(0, 0, -3), monday0900.AddDate(0, 0, 1))
	if err != nil || len(jobs) != 1 {
		t.Fatalf("jobs %+v %v", jobs, err)
	}
	if j := jobs[0]; j.Customer != "张三" || j.Phone != "13900000001" || j.Plate != "" || j.Day != "2026-11-29" || j.StationID != a.ID {
		t.Errorf("job %+v", j)
	}
	h.text(groupA, u, "/jobs")
	h.wait(groupA, "本月上报的工作（1 项）", "张三", "139****0001")
}

// Issue 14 Security in Telegram: a station's group reaches its own
// station's buttons only. Every station button carrying another station
// (each action the groups know), and every other kind of button (a
// customer's, a staff member's), pressed in station A's group is refused
// and changes nothing; staff and customer commands get no answer there.
func TestStationIsolationTelegram(t *testing.T) {
	h := newHarness(t)
	h.setCheckPercent(-1)
	h.start()
	a := h.certifiedStation("甲网点", "杭州", "0571-1111")
	b := h.certifiedStation("乙网点", "宁波", "0574-2222")
	ua, ub := telegramtest.Customer(userA, ""), telegramtest.Customer(userB, "")
	h.linkGroup(a, groupA, ua)
	h.linkGroup(b, groupB, ub)
	// B is mid-way through a report, at its confirmation.
	h.text(groupB, ub, "/job")
	h.replyTo(groupB, ub, "1/5", "乙站客户")
	h.replyTo(groupB, ub, "2/5", "13900000222")
	h.press(groupB, ub, "跳过")
	h.replyTo(groupB, ub, "4/5", "更换探头")
	h.press(groupB, ub, "今天")
	confirm := h.wait(groupB, "请确认")
	okB, ok := confirm.ButtonWithPrefix(fmt.Sprintf("stn:%d:ok:", b.ID))
	if !ok {
		t.Fatalf("no confirm button:\n%s", h.dump(groupB))
	}
	nonceB := strings.TrimPrefix(okB.Data, fmt.Sprintf("stn:%d:ok:", b.ID))
	// A's member starts a report too, so that A's own buttons are live.
	h.text(groupA, ua, "/job")
	askA := h.wait(groupA, "1/5")
	xA, ok := askA.ButtonWithPrefix(fmt.Sprintf("stn:%d:x:", a.ID))
	if !ok {
		t.Fatalf("no drop button:\n%s", h.dump(groupA))
	}
	nonceA := strings.TrimPrefix(xA.Data, fmt.Sprintf("stn:%d:x:", a.ID))
	before := len(h.srv.Messages(groupA))

	var forged []string
	for _, action := range append([]string{"x", "skip", "day", "ok"}, keysOf(stationActions)...) {
		// B's station with B's report, and with A's own live report.
		forged = append(forged, fo.StationData(b.ID, action, nonceB), fo.StationData(b.ID, action, nonceB+".20261130"),
			fo.StationData(b.ID, action, nonceA), fo.StationData(b.ID, action, nonceA+".20261130"))
	}
	forged = append(forged, okB.Data,
		fo.ComplaintData(fo.CmpTake, 1), fo.ComplaintData(fo.CmpAnswer, 1), fo.ComplaintData(fo.CmpOK, 1),
		fo.CallData("ok", 1), fo.SurveyData(1, 0, 5), fo.StationCheckData(1, 5), fo.AptButtonData(fo.AptMove, 1),
		fo.WorkButtonData(true, 1, 1), fo.MaintButtonData(1), dataMenuBook, dataMenuStations, "c:abcd:ok", "s:abcd:x",
		fo.StationData(a.ID+b.ID+7, "ok", ""), "stn:0:ok:", "garbage")
	for _, data := range forged {
		up := h.srv.Press(groupA, ua, 1, data)
		h.handled(up)
		if got := h.answered(up); got != h.T(fo.ZH, "err.stale") {
			t.Errorf("press %q in A's group answered %q, want the stale answer", data, got)
		}
	}
	// (/complaints and /claim are a station group's own commands, NET-2,
	// NET-3: station_complaint_test.go checks they show only its own.)
	for _, cmd := range []string{"/calls", "/book", "/my", "/stations", "/complaint"} {
		h.text(groupA, ua, cmd)
	}
	if n := len(h.srv.Messages(groupA)); n != before {
		t.Errorf("A's group got %d messages from forged presses and foreign commands:\n%s", n-before, h.dump(groupA))
	}
	// Nothing was reported for either station; B's report still waits.
	for _, st := range []fo.Station{a, b} {
		if jobs, _ := h.store.StationJobs(st.ID, monday0900.AddDate(0, 0, -3), monday0900.AddDate(0, 0, 1)); len(jobs) != 0 {
			t.Errorf("station %s got jobs %+v", st.Code, jobs)
		}
	}
	h.press(groupB, ub, okB.Data)
	h.wait(groupB, "已登记工作 #1")
	// A's /jobs never shows B's customer.
	h.text(groupA, ua, "/jobs")
	h.wait(groupA, "本月还没有上报工作")
	for _, m := range h.srv.Messages(groupA) {
		if strings.Contains(m.Text, "乙站客户") || strings.Contains(m.Text, "13900000222") {
			t.Errorf("A's group saw B's customer: %s", m.Text)
		}
	}
	// A code of B's typed in A's group does not move A's group to B.
	code, _ := h.store.NewStationLinkCode(b.ID, "staff:zhao")
	h.text(groupA, ua, "/station "+code)
	h.wait(groupA, "已关联到另一个网点")
	if st, _ := h.store.StationByChat(groupA); st.ID != a.ID {
		t.Errorf("A's group now belongs to %s", st.Code)
	}
}

func keysOf(m map[string]stationActionFunc) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// NET-1: a customer asking for service elsewhere picks or types a city and
// gets its certified stations with their hotlines, nothing else of them.
func TestStationsNearCustomerNET1(t *testing.T) {
	h := newHarness(t)
	h.start()
	a := h.certifiedStation("甲网点", "杭州", "0571-1111")
	h.certifiedStation("乙网点", "宁波", "0574-2222")
	if _, err := h.store.UpdateStation(a.ID, fo.StationInput{Name: "甲网点", City: "杭州", Area: "西湖区", Address: "文三路 1 号",
		Hotline: "0571-1111", Contact: "周强", ContactPhone: "13800000003"}, "staff:zhao"); err != nil {
		t.Fatal(err)
	}
	chat := int64(9301)
	u := telegramtest.Customer(chat, "")
	h.text(chat, u, "/start")
	h.press(chat, u, dataMenuStations)
	h.wait(chat, "请输入您所在的城市")
	h.press(chat, u, "杭州")
	m := h.wait(chat, "“杭州”附近的授权服务网点", "甲网点（杭州 西湖区）热线 0571-1111")
	for _, secret := range []string{"文三路", "周强", "13800000003", "乙网点"} {
		if strings.Contains(m.Text, secret) {
			t.Errorf("the customer is shown %q: %s", secret, m.Text)
		}
	}
	h.text(chat, u, "/stations")
	h.text(chat, u, "宁波市")
	h.wait(chat, "乙网点（宁波）热线 0574-2222")
	h.text(chat, u, "/stations")
	h.text(chat, u, "上海")
	h.wait(chat, "“上海”附近暂时没有授权服务网点")
}

// NET-4: a sampled job's linked customer answers the survey in Telegram
// (score, then a comment); presses from another chat or a second score
// change nothing; the answer is on the job's check.
func TestStationCheckSurveyNET4(t *testing.T) {
	h := newHarness(t)
	h.afterSales()
	h.setCheckPercent(100)
	h.start()
	chat := int64(9401)
	u := telegramtest.Customer(chat, "")
	h.deliver("王五", "13900000005", "京B55555", chat, fo.ZH)
	h.drained()
	a := h.certifiedStation("甲网点", "杭州", "0571-1111")
	set := h.settings()
	j, err := h.store.AddStationJob(fo.StationJobInput{StationID: a.ID, Customer: "王五", Phone: "13900000005", Work: "安装倒车雷达",
		Day: h.clock.Now().In(set.Location()).Format(time.DateOnly), By: "test"})
	if err != nil || j.Check.Via != fo.CheckBySurvey {
		t.Fatalf("%+v %v", j.Check, err)
	}
	q := h.wait(chat, "甲网点", "安装倒车雷达", "1–5")
	other := int64(9402)
	up := h.srv.Press(other, telegramtest.Customer(other, ""), q.ID, fo.StationCheckData(j.ID, 1))
	h.handled(up)
	if got := h.answered(up); got != h.T(fo.ZH, "err.stale") {
		t.Errorf("another chat's press: %q", got)
	}
	h.press(chat, u, fo.StationCheckData(j.ID, 4))
	h.wait(chat, "谢谢您的评分（4 星）")
	up = h.srv.Press(chat, u, q.ID, fo.StationCheckData(j.ID, 1))
	h.handled(up)
	if got := h.answered(up); got != h.T(fo.ZH, "err.stale") {
		t.Errorf("a second score: %q", got)
	}
	h.text(chat, u, "师傅很专业")
	h.wait(chat, "师傅很专业")
	got, _ := h.store.StationJob(j.ID)
	if got.Check.Score != 4 || got.Check.Finding != "师傅很专业" || !got.Check.Answered() {
		t.Errorf("check %+v", got.Check)
	}
}
