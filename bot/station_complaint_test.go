package bot

import (
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	fo "frontoffice"
	"frontoffice/internal/telegramtest"
)

// Station group chats and their people of the network tests.
const (
	stationChatA = int64(-4001)
	stationChatB = int64(-4002)
)

var (
	stationUserA = tgbotapi.User{ID: 8101, FirstName: "Chen", LanguageCode: "zh"}
	stationUserB = tgbotapi.User{ID: 8201, FirstName: "Sun", LanguageCode: "zh"}
)

// seedStations writes two certified stations with their group chats
// through the data package (the register is NET-1's).
func (h *harness) seedStations() (a, b fo.Station) {
	h.t.Helper()
	var err error
	if a, err = h.store.SeedStation(fo.Station{Code: "ST-001", Name: "西城网点", Status: fo.StationCertified, City: "北京",
		Hotline: "010-1111", ChatID: stationChatA}); err != nil {
		h.t.Fatal(err)
	}
	if b, err = h.store.SeedStation(fo.Station{Code: "ST-002", Name: "天津网点", Status: fo.StationCertified, City: "天津",
		Hotline: "022-2222", ChatID: stationChatB}); err != nil {
		h.t.Fatal(err)
	}
	return a, b
}

// runDue does what is due at the clock's time and waits for the outbox
// to drain.
func (h *harness) runDue() {
	h.t.Helper()
	if _, err := h.store.RunDue(h.clock.Now()); err != nil {
		h.t.Fatal(err)
	}
	h.drained()
}

// TestStationComplaintNET3 walks a complaint about a station's work
// through the fake Bot API server on a fake clock (NET-3, CMP-2..5): the
// customer files it in the bot and says the work was done at station A;
// A's chat gets it with its answer button, B's chat nothing; at 75% of
// the 24 hours A is warned; the deadline passes and the supervisor hears
// of it, naming the station; B's people pressing A's button are refused;
// A answers late by replying to the bot's prompt; the customer is not
// satisfied (reopened to the supervisor, A told), the complaint is
// escalated after 2 days (CMP-5), A answers again and the customer's
// "satisfied" closes it.
func TestStationComplaintNET3(t *testing.T) {
	h := newHarness(t)
	h.afterSales()
	a, _ := h.seedStations()
	h.start()
	chat := int64(9301)
	u := telegramtest.Customer(chat, "zh")
	st := h.settings()
	loc := st.Location()

	h.text(chat, u, "/start")
	h.press(chat, u, h.T(fo.ZH, "menu.complaint"))
	h.press(chat, u, h.T(fo.ZH, "cmp.cat.quality"))
	what := "在西城网点装的雷达一直误报"
	h.text(chat, u, what)
	h.press(chat, u, h.T(fo.ZH, "btn.cmp_skip"))
	h.press(chat, u, h.T(fo.ZH, "btn.cmp_major_no"))
	where := h.wait(chat, h.T(fo.ZH, "net.where"))
	if _, ok := where.Button(h.T(fo.ZH, "net.where.station", "天津网点", "天津")); !ok {
		t.Errorf("station B not offered:\n%s", h.dump(chat))
	}
	h.press(chat, u, h.T(fo.ZH, "net.where.station", "西城网点", "北京"))

	ticket := fo.TicketNo(monday0900.In(loc), 1)
	due := monday0900.Add(24 * time.Hour)
	h.wait(chat, ticket, fo.FormatWhen(fo.ZH, due, loc))
	c, err := h.store.Complaint(1)
	if err != nil || c.StationID != a.ID {
		t.Fatalf("complaint %+v %v", c, err)
	}
	notice := h.wait(stationChatA, ticket, what)
	if !notice.HasButton("scm:ans:1") {
		t.Fatalf("station notice %+v", notice)
	}
	h.wait(staffChat, ticket, "ST-001")

	// CMP-2: the warning at 18 h (03:00, held for the quiet hours' end)
	// goes to A's chat; CMP-3: the deadline passes: the supervisor,
	// naming the station.
	h.clock.Set(monday0900.Add(18 * time.Hour))
	h.runDue()
	h.clock.Set(due.Add(time.Minute))
	h.runDue()
	h.wait(stationChatA, "⏰", ticket)
	h.wait(zhaoUser, ticket, "ST-001", "010-1111")
	h.wait(stationChatA, "🔴", ticket)

	// B's people cannot answer A's complaint, even with forged data.
	up := h.srv.Press(stationChatB, stationUserB, notice.ID, "scm:ans:1")
	h.handled(up)
	if a := h.answered(up); a != h.T(fo.ZH, "err.stale") {
		t.Errorf("B's press answered %q", a)
	}
	// A staff button pressed in a station's chat does nothing either.
	up = h.srv.Press(stationChatA, stationUserA, notice.ID, "cmp:take:1")
	h.handled(up)
	if c, _ := h.store.Complaint(1); c.Assignee != "" {
		t.Errorf("a station took the complaint as staff: %q", c.Assignee)
	}

	// A answers, late, by replying to the prompt.
	h.clock.Set(due.Add(2 * time.Hour))
	h.press(stationChatA, stationUserA, "scm:ans:1")
	prompt := h.wait(stationChatA, "Chen", ticket)
	answer := "非常抱歉，明天上午技师上门重新校准。"
	h.handled(h.srv.Reply(stationChatA, stationUserA, prompt.ID, answer))
	h.wait(stationChatA, h.T(fo.ZH, "net.answered", ticket))
	got := h.wait(chat, ticket, answer)
	if !got.HasButton("cmp:ok:1") || !got.HasButton("cmp:no:1") {
		t.Fatalf("the customer's answer has no verdict buttons: %+v", got)
	}
	if c, _ := h.store.Complaint(1); c.Status != fo.CmpAnswered || c.AnsweredInTime() {
		t.Errorf("late answer: %s in time %v", c.Status, c.AnsweredInTime())
	}
	h.wait(staffChat, "ST-001", answer)

	// CMP-4: not satisfied → reopened to the supervisor; A is told.
	h.press(chat, u, h.T(fo.ZH, "btn.cmp.no"))
	h.wait(zhaoUser, ticket, "重开")
	h.wait(stationChatA, "↩️", ticket)
	// CMP-5: unresolved 2 days after reopening: escalated.
	h.clock.Set(due.Add(50*time.Hour + time.Minute))
	h.runDue()
	h.wait(zhaoUser, "⏫", ticket, "ST-001")
	// A answers again; the customer is satisfied: closed.
	h.pressPrefix(stationChatA, stationUserA, "scm:ans:1")
	prompt = h.waitMsg(stationChatA, "second prompt", func(m telegramtest.Message) bool {
		return strings.Contains(m.Text, "Chen") && m.ID > prompt.ID
	})
	answer = "已为您免费更换雷达探头。"
	h.handled(h.srv.Reply(stationChatA, stationUserA, prompt.ID, answer))
	h.wait(chat, ticket, answer)
	h.press(chat, u, h.T(fo.ZH, "btn.cmp.ok"))
	h.wait(chat, h.T(fo.ZH, "cmp.thanks_ok", ticket))
	h.wait(stationChatA, "✅", ticket)
	if c, _ := h.store.Complaint(1); c.Status != fo.CmpClosed || c.Resolution != answer || c.Verdict != fo.VerdictSatisfied {
		t.Errorf("closed %+v", c)
	}
	// B's chat never saw the complaint.
	for _, m := range h.srv.Messages(stationChatB) {
		if strings.Contains(m.Text, ticket) || strings.Contains(m.Text, what) {
			t.Errorf("station B saw: %s", m.Text)
		}
	}
	// /complaints in B's chat lists none.
	h.text(stationChatB, stationUserB, "/complaints")
	h.wait(stationChatB, h.T(fo.ZH, "staffc.none"))
}
