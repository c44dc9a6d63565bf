package data

import (
	"errors"
	"frontoffice/internal/sigdraw"
	"slices"
	"strings"
	"testing"
	"time"

	fo "frontoffice"
)

// Staff of the after-sales tests: private chats are Telegram user ids.
const (
	chatLi   = 101 // reception
	chatWang = 201 // follow-up
	chatLiu  = 202 // follow-up
	chatZhao = 301 // supervisor
	chatCust = 555 // a customer
)

// deliver checks a walk-in in now, takes it in, readies it and delivers
// it: the start of the after-sales loop.
func deliver(t testing.TB, s *Store, phone, plate string, chat int64, lang fo.Lang) fo.Visit {
	t.Helper()
	in := fo.CustomerInput{Name: "王五", Phone: phone, ChatID: chat, Lang: lang}
	if c, err := s.CustomerByPhone(phone); err == nil { // a returning customer
		in = fo.CustomerInput{ID: c.ID}
		if chat != 0 && c.ChatID != chat {
			if _, err := s.LinkChat(c.ID, chat, lang); err != nil {
				t.Fatal(err)
			}
		}
	}
	v, err := s.CheckIn(fo.CheckInRequest{Customer: in, Plate: plate, ServiceID: "radar", Source: "kiosk", By: "kiosk"})
	if err != nil {
		t.Fatal(err)
	}
	now := s.now()
	if _, err := s.Intake(fo.IntakeRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, WorkOrder: workOrder(now, 60, now.Add(2*time.Hour)), By: "staff:li"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetReady(v.ID, fo.CompleteChecklist, "staff:li"); err != nil {
		t.Fatal(err)
	}
	v, err = s.Deliver(fo.DeliverRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, Settlement: fo.Settlement{Amount: 30000, Paid: 30000}, By: "staff:li"})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// outbox returns the waiting messages whose key starts with prefix.
func outbox(t testing.TB, s *Store, prefix string) []fo.Message {
	t.Helper()
	es, _, err := s.Pending(s.clock.Now().Add(1000*time.Hour), 100000)
	if err != nil {
		t.Fatal(err)
	}
	var out []fo.Message
	for _, e := range es {
		if strings.HasPrefix(e.Message.Key, prefix) {
			out = append(out, e.Message)
		}
	}
	return out
}

func chatsOf(ms []fo.Message) []int64 {
	var out []int64
	for _, m := range ms {
		out = append(out, m.ChatID)
	}
	slices.Sort(out)
	return out
}

func hasButton(m fo.Message, data string) bool {
	for _, row := range m.Buttons {
		for _, b := range row {
			if b.Data == data {
				return true
			}
		}
	}
	return false
}

// CMP-1, CMP-2, CMP-3: a complaint gets a ticket numbered per day, its
// answer deadline, the customer's acknowledgement in their language, the
// staff chat's notice with take and answer buttons, and its register
// entry (FU-7). A major one is due in 4 hours and goes to the supervisor.
func TestFileComplaintCMP1CMP2CMP3(t *testing.T) {
	s, clock := newTestStore(t, noSync(), followUpStaff())
	v := deliver(t, s, "13900000001", "京B11111", chatCust, fo.EN)
	c1, err := s.FileComplaint(fo.ComplaintRequest{Channel: fo.ChannelBot, Category: "quality", Text: "The sensor beeps for no reason",
		ChatID: chatCust, VisitID: v.ID, By: "customer:bot", ReplyKey: "tg:7:r0", Idem: "tg:7"})
	if err != nil {
		t.Fatal(err)
	}
	if c1.Ticket != "TS-20261127-001" || c1.CustomerID != v.CustomerID || c1.Plate != "京B11111" || c1.Major {
		t.Errorf("complaint %+v", c1)
	}
	if want := at(2026, 11, 28, 9, 0); !c1.DueAt.Equal(want) || !c1.FirstDueAt.Equal(want) { // CMP-3: 24 h
		t.Errorf("due %v, want %v", c1.DueAt, want)
	}
	if again, _ := s.FileComplaint(fo.ComplaintRequest{Idem: "tg:7", Channel: fo.ChannelBot, Category: "quality", Text: "x", ChatID: chatCust}); again.ID != c1.ID {
		t.Errorf("idempotent filing made %d", again.ID)
	}
	ack := outbox(t, s, "tg:7:r0")
	if len(ack) != 1 || ack[0].ChatID != chatCust || !strings.Contains(ack[0].Text, "TS-20261127-001") || !strings.Contains(ack[0].Text, "Sat 28 Nov 09:00") {
		t.Errorf("acknowledgement %+v", ack)
	}
	staff := outbox(t, s, "cmp:1:new")
	if got := chatsOf(staff); !slices.Equal(got, []int64{-100}) || !hasButton(staff[0], "cmp:take:1") || !hasButton(staff[0], "cmp:ans:1") {
		t.Errorf("staff notice to %v: %+v", got, staff)
	}
	clock.Advance(time.Hour)
	c2, err := s.FileComplaint(fo.ComplaintRequest{Channel: fo.ChannelPhone, Category: "safety", Text: "刹车时防撞系统误报",
		Customer: fo.CustomerInput{Phone: "13900000002", Name: "赵六"}, Plate: "京B11111", By: "staff:li"})
	if err != nil {
		t.Fatal(err)
	}
	if c2.Ticket != "TS-20261127-002" || !c2.Major || !c2.DueAt.Equal(at(2026, 11, 27, 14, 0)) {
		t.Errorf("major complaint %+v", c2)
	}
	if got := chatsOf(outbox(t, s, "cmp:2:new")); !slices.Equal(got, []int64{-100, chatZhao}) {
		t.Errorf("major complaint went to %v", got)
	}
	if found, err := s.ComplaintByTicket("ts20261127-2"); err != nil || found.ID != c2.ID {
		t.Errorf("by ticket: %v %v", found.ID, err)
	}
	calls, _ := s.CallRegister(at(2026, 11, 27, 0, 0), at(2026, 11, 28, 0, 0))
	letters, _ := s.LetterRegister(at(2026, 11, 27, 0, 0), at(2026, 11, 28, 0, 0))
	if len(calls) != 1 || calls[0].Code != c2.Ticket || calls[0].Action != "complaint_in" {
		t.Errorf("call register %+v", calls)
	}
	if len(letters) != 2 || letters[0].Action != "complaint_in" || letters[1].Action != "ack" || letters[0].Code != c1.Ticket {
		t.Errorf("letter register %+v", letters)
	}
	// Tickets start again the next day.
	clock.Set(at(2026, 11, 28, 8, 0))
	c3, _ := s.FileComplaint(fo.ComplaintRequest{Channel: fo.ChannelKiosk, Category: "time", Text: "late", Customer: fo.CustomerInput{Phone: "13900000001"}})
	if c3.Ticket != "TS-20261128-001" {
		t.Errorf("next day's ticket %s", c3.Ticket)
	}
	for _, bad := range []fo.ComplaintRequest{
		{Channel: fo.ChannelBot, Category: "weather", Text: "x", ChatID: chatCust},
		{Channel: fo.ChannelBot, Category: "other", Text: "  ", ChatID: chatCust},
		{Channel: "fax", Category: "other", Text: "x", ChatID: chatCust},
		{Channel: fo.ChannelKiosk, Category: "other", Text: "x"},
		{Channel: fo.ChannelBot, Category: "other", Text: strings.Repeat("长", 1001), ChatID: chatCust},
	} {
		if _, err := s.FileComplaint(bad); fo.ErrorCode(err) != fo.EINVALID {
			t.Errorf("%+v: %v", bad, err)
		}
	}
}

// CMP-4: the answer reaches the customer with satisfied/not buttons; not
// satisfied reopens it to the supervisor with a new deadline; satisfied
// closes it with the resolution. Only the complaint's chat can answer.
func TestComplaintClosedLoopCMP4(t *testing.T) {
	s, clock := newTestStore(t, noSync(), followUpStaff())
	deliver(t, s, "13900000001", "京B11111", chatCust, fo.ZH)
	c, _ := s.FileComplaint(fo.ComplaintRequest{Channel: fo.ChannelBot, Category: "service", Text: "前台态度不好", ChatID: chatCust, By: "customer:bot"})
	if _, err := s.TakeComplaint(c.ID, "li"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.TakeComplaint(c.ID, "wang"); !errors.Is(err, fo.Errorf(fo.ECONFLICT, "err.cmp.taken")) {
		t.Errorf("taken twice: %v", err)
	}
	if _, err := s.TakeComplaint(c.ID, "nobody"); !errors.Is(err, fo.ErrForbidden) {
		t.Errorf("unknown staff: %v", err)
	}
	if _, err := s.RecordVerdict(fo.VerdictRequest{ID: c.ID, Satisfied: true, ChatID: chatCust}); !errors.Is(err, fo.ErrStale) {
		t.Errorf("verdict before an answer: %v", err)
	}
	clock.Advance(2 * time.Hour)
	c, err := s.AnswerComplaint(fo.AnswerRequest{ID: c.ID, Staff: "li", Text: "非常抱歉，已对相关员工进行培训，并为您提供一次免费检测。"})
	if err != nil {
		t.Fatal(err)
	}
	ans := outbox(t, s, "cmp:1:answer:1")
	if len(ans) != 1 || ans[0].ChatID != chatCust || !hasButton(ans[0], "cmp:ok:1") || !hasButton(ans[0], "cmp:no:1") || !c.AnsweredInTime() {
		t.Errorf("answer %+v", ans)
	}
	if _, err := s.RecordVerdict(fo.VerdictRequest{ID: c.ID, Satisfied: true, ChatID: 999}); !errors.Is(err, fo.ErrNotFound) {
		t.Errorf("verdict from another chat: %v", err)
	}
	c, err = s.RecordVerdict(fo.VerdictRequest{ID: c.ID, Satisfied: false, ChatID: chatCust})
	if err != nil {
		t.Fatal(err)
	}
	if c.Status != fo.CmpReopened || c.Assignee != "zhao" || !c.DueAt.Equal(clock.Now().Add(24*time.Hour)) || !c.FirstDueAt.Equal(at(2026, 11, 28, 9, 0)) {
		t.Errorf("reopened %+v", c)
	}
	if sup := outbox(t, s, "cmp:1:reopened:1"); !slices.Equal(chatsOf(sup), []int64{chatZhao, chatCust}) {
		t.Errorf("reopen told %v", chatsOf(sup))
	}
	if _, err := s.RecordVerdict(fo.VerdictRequest{ID: c.ID, Satisfied: false, ChatID: chatCust}); !errors.Is(err, fo.ErrStale) {
		t.Errorf("button pressed twice: %v", err)
	}
	clock.Advance(time.Hour)
	s.AnswerComplaint(fo.AnswerRequest{ID: c.ID, Staff: "zhao", Text: "主管已致电道歉，退还检测费。"})
	c, err = s.RecordVerdict(fo.VerdictRequest{ID: c.ID, Satisfied: true, ChatID: chatCust})
	if err != nil {
		t.Fatal(err)
	}
	if c.Status != fo.CmpClosed || c.Verdict != fo.VerdictSatisfied || c.Resolution != "主管已致电道歉，退还检测费。" || c.Answers != 2 {
		t.Errorf("closed %+v", c)
	}
	if open, _ := s.OpenComplaints(); len(open) != 0 {
		t.Errorf("open complaints %+v", open)
	}
	var actions []string
	for _, h := range c.History {
		actions = append(actions, h.Action)
	}
	if want := "filed taken answered dissatisfied reopened answered satisfied closed"; strings.Join(actions, " ") != want {
		t.Errorf("history %v", actions)
	}
	letters, _ := s.LetterRegister(at(2026, 11, 27, 0, 0), at(2026, 11, 29, 0, 0))
	var got []string
	for _, e := range letters {
		if e.Code == c.Ticket {
			got = append(got, e.Action)
		}
	}
	if want := "complaint_in ack answer verdict answer verdict"; strings.Join(got, " ") != want {
		t.Errorf("letter register of the complaint: %v", got)
	}
}

// CMP-4, FU-7: a phone complaint of a customer without a chat is answered
// on the phone (call register) and staff record the verdict.
func TestPhoneComplaintVerdictByStaff(t *testing.T) {
	s, _ := newTestStore(t, noSync(), followUpStaff())
	c, err := s.FileComplaint(fo.ComplaintRequest{Channel: fo.ChannelPhone, Category: "price", Text: "收费比报价高",
		Customer: fo.CustomerInput{Phone: "13700000000", Name: "钱七"}, By: "staff:li"})
	if err != nil {
		t.Fatal(err)
	}
	s.AnswerComplaint(fo.AnswerRequest{ID: c.ID, Staff: "li", Text: "多收的 50 元已退还。"})
	if _, err := s.RecordVerdict(fo.VerdictRequest{ID: c.ID, Satisfied: true, Staff: "li"}); err != nil {
		t.Fatal(err)
	}
	calls, _ := s.CallRegister(at(2026, 11, 27, 0, 0), at(2026, 11, 28, 0, 0))
	var got []string
	for _, e := range calls {
		got = append(got, e.Action)
	}
	if strings.Join(got, " ") != "complaint_in answer verdict" {
		t.Errorf("call register %v", got)
	}
	if ms := outbox(t, s, "cmp:1:answer"); len(ms) != 0 {
		t.Errorf("a phone answer sent messages %+v", ms)
	}
}

// CMP-2, CMP-3, CMP-5: driven minute by minute, the assignee is warned at
// 75% of the answer time, the supervisor hears when the deadline passes
// and again when the complaint is unresolved after 2 days (and every 2
// days after); an answered complaint is not overdue.
func TestComplaintDeadlineEscalationsCMP5(t *testing.T) {
	s, clock := newTestStore(t, noSync(), followUpStaff())
	start := at(2026, 11, 27, 10, 0)
	clock.Set(start)
	general, _ := s.FileComplaint(fo.ComplaintRequest{Channel: fo.ChannelBot, Category: "quality", Text: "异响", ChatID: chatCust, Assignee: "wang"})
	major, _ := s.FileComplaint(fo.ComplaintRequest{Channel: fo.ChannelBot, Category: "safety", Text: "预警失灵", ChatID: chatCust, Assignee: "liu"})
	answered, _ := s.FileComplaint(fo.ComplaintRequest{Channel: fo.ChannelBot, Category: "time", Text: "晚了", ChatID: chatCust, Assignee: "li"})
	clock.Advance(time.Hour)
	s.AnswerComplaint(fo.AnswerRequest{ID: answered.ID, Staff: "li", Text: "抱歉"})

	fired := map[string]time.Duration{} // message key prefix → minutes after filing
	seen := map[string]bool{}
	for m := 0; m <= 5*24*60; m++ {
		now := start.Add(time.Duration(m) * time.Minute)
		clock.Set(now)
		if !runDueMinute(t, s, now) {
			continue
		}
		for _, msg := range outbox(t, s, "cmp:") {
			if seen[msg.Key] {
				continue
			}
			seen[msg.Key] = true
			parts := strings.Split(msg.Key, ":")
			if len(parts) >= 3 && (parts[2] == "warn" || parts[2] == "overdue" || parts[2] == "stale") {
				k := parts[1] + ":" + parts[2] + ":" + strings.Join(parts[4:], ":")
				if _, ok := fired[k]; ok {
					k += "+"
				}
				fired[k] = now.Sub(start)
			}
		}
	}
	h := time.Hour
	want := map[string]time.Duration{
		"1:warn:c:201":    18 * h, // 75% of 24 h, to the assignee
		"1:overdue:c:301": 24 * h, // to the supervisor
		"1:stale:c:301":   48 * h, // CMP-5
		"1:stale:c:301+":  96 * h, // and again
		"2:warn:c:202":    3 * h,  // 75% of 4 h
		"2:overdue:c:301": 4 * h,
		"2:stale:c:301":   48 * h,
		"2:stale:c:301+":  96 * h,
		"3:stale:c:301":   48 * h, // answered, but not closed
		"3:stale:c:301+":  96 * h,
	}
	for k, d := range want {
		if got, ok := fired[k]; !ok || got != d {
			t.Errorf("%s fired after %v, want %v", k, got, d)
		}
	}
	for k := range fired {
		if _, ok := want[k]; !ok {
			t.Errorf("unexpected escalation %s after %v", k, fired[k])
		}
	}
	c, _ := s.Complaint(general.ID)
	if !strings.Contains(historyOf(c), "warned overdue escalated escalated") {
		t.Errorf("history %s", historyOf(c))
	}
	_ = major
}

func historyOf(c fo.Complaint) string {
	var out []string
	for _, h := range c.History {
		out = append(out, h.Action)
	}
	return strings.Join(out, " ")
}

// CMP-3 with AfterSales.ComplaintBusinessHours: a general complaint filed
// on Saturday afternoon is due 24 opening hours later, across Sunday.
func TestComplaintBusinessHoursCMP3(t *testing.T) {
	s, clock := newTestStore(t, noSync(), followUpStaff())
	st, _ := s.Settings()
	st.AfterSales.ComplaintBusinessHours = true
	s.SaveSettings(st)
	clock.Set(at(2026, 11, 28, 16, 0)) // Saturday, closes 17:00
	c, _ := s.FileComplaint(fo.ComplaintRequest{Channel: fo.ChannelBot, Category: "other", Text: "x", ChatID: chatCust})
	// Sat 1 h, Mon 9.5 h, Tue 9.5 h → 20 h, then Wed 08:30 + 4 h.
	if want := at(2026, 12, 2, 12, 30); !c.DueAt.Equal(want) {
		t.Errorf("due %v, want %v", c.DueAt.In(shanghai), want)
	}
	if want := at(2026, 12, 1, 16, 0); !c.WarnAt.Equal(want) { // 18 h: Sat 1, Mon 9.5, Tue 7.5
		t.Errorf("warn %v, want %v", c.WarnAt.In(shanghai), want)
	}
}
