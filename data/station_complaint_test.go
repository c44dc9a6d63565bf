package data

import (
	"errors"
	"slices"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// Station chats of the network tests.
const (
	chatStationA = -2001
	chatStationB = -2002
)

// seedStations writes two certified stations with their group chats.
func seedStations(t testing.TB, s *Store) (a, b fo.Station) {
	t.Helper()
	var err error
	a, err = s.SeedStation(fo.Station{Code: "ST-001", Name: "西城网点", Status: fo.StationCertified, City: "北京",
		Hotline: "010-1111", Region: "north", ChatID: chatStationA})
	if err != nil {
		t.Fatal(err)
	}
	b, err = s.SeedStation(fo.Station{Code: "ST-002", Name: "天津网点", Status: fo.StationCertified, City: "天津",
		Hotline: "022-2222", ChatID: chatStationB})
	if err != nil {
		t.Fatal(err)
	}
	return a, b
}

func qualityOf(t *testing.T, s *Store, id uint64) fo.QualityFeedback {
	t.Helper()
	var q fo.QualityFeedback
	if err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		q, err = getQuality(tx, id)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return q
}

// NET-3 (CMP-2, CMP-3, CMP-4, CMP-5): a complaint about a station's work
// is routed to the station's chat with the same ticket and deadline; the
// station is warned, the deadline passes unanswered and the supervisor
// hears of it naming the station; the station answers late; the customer
// is not satisfied, the complaint is reopened to the supervisor and the
// station told; after 2 days it is escalated (CMP-5); the station answers
// again and the customer's verdict closes it. It is quality feedback of
// the station, resolved at the close. Another station can never answer it.
func TestStationComplaintLoopNET3(t *testing.T) {
	s, clock := newTestStore(t, noSync(), followUpStaff())
	a, b := seedStations(t, s)
	v := deliver(t, s, "13900000001", "京B11111", chatCust, fo.ZH)
	c, err := s.FileComplaint(fo.ComplaintRequest{Channel: fo.ChannelBot, Category: "quality", Text: "网点装的雷达不响",
		ChatID: chatCust, VisitID: v.ID, StationID: a.ID, By: "customer:bot"})
	if err != nil {
		t.Fatal(err)
	}
	if c.StationID != a.ID || c.Ticket != "TS-20261127-001" || !c.DueAt.Equal(at(2026, 11, 28, 9, 0)) {
		t.Fatalf("routed complaint %+v", c)
	}
	routed := outbox(t, s, "cmp:1:station:")
	if got := chatsOf(routed); !slices.Equal(got, []int64{chatStationA, -100}) {
		t.Errorf("routing told %v", got)
	}
	for _, m := range routed {
		if m.ChatID == chatStationA && (!hasButton(m, "scm:ans:1") || !strings.Contains(m.Text, c.Ticket)) {
			t.Errorf("station notice %+v", m)
		}
	}
	q := qualityOf(t, s, c.QualityID)
	if q.Source != fo.QualitySourceStation || q.StationID != a.ID || !q.Open || q.Ref != c.Ticket || q.Class != fo.QualityInstallation {
		t.Errorf("quality feedback %+v", q)
	}

	// CMP-2: the warning at 75% of 24 h goes to the station's chat.
	clock.Set(at(2026, 11, 28, 3, 0))
	if _, err := s.RunDue(clock.Now()); err != nil {
		t.Fatal(err)
	}
	warn := outbox(t, s, "cmp:1:swarn:")
	if len(warn) != 1 || warn[0].ChatID != chatStationA || !hasButton(warn[0], "scm:ans:1") {
		t.Errorf("warning %+v", warn)
	}
	if staffWarn := outbox(t, s, "cmp:1:warn:"); len(staffWarn) != 0 {
		t.Errorf("the staff chats were warned of a station's complaint: %+v", staffWarn)
	}
	// CMP-3: the deadline passes: the supervisor, naming the station.
	clock.Set(at(2026, 11, 28, 9, 1))
	if _, err := s.RunDue(clock.Now()); err != nil {
		t.Fatal(err)
	}
	over := outbox(t, s, "cmp:1:overdue:")
	if got := chatsOf(over); !slices.Equal(got, []int64{chatStationA, chatZhao}) {
		t.Errorf("overdue went to %v", got)
	}
	for _, m := range over {
		if m.ChatID == chatZhao && !strings.Contains(m.Text, "ST-001") {
			t.Errorf("the supervisor's notice does not name the station: %s", m.Text)
		}
	}

	// Isolation: station B cannot answer A's complaint.
	if _, err := s.AnswerStationComplaint(fo.StationAnswerRequest{ID: c.ID, StationID: b.ID, By: "tg:9", Text: "x"}); !errors.Is(err, fo.ErrNotFound) {
		t.Errorf("another station answered: %v", err)
	}
	clock.Set(at(2026, 11, 28, 10, 0))
	c, err = s.AnswerStationComplaint(fo.StationAnswerRequest{ID: c.ID, StationID: a.ID, By: "tg:9", Text: "已上门重新调试", Idem: "tg:50"})
	if err != nil {
		t.Fatal(err)
	}
	if c.Status != fo.CmpAnswered || c.AnsweredInTime() {
		t.Errorf("late answer: status %s, in time %v", c.Status, c.AnsweredInTime())
	}
	ans := outbox(t, s, "cmp:1:answer:1")
	if len(ans) != 1 || ans[0].ChatID != chatCust || !hasButton(ans[0], "cmp:ok:1") {
		t.Errorf("customer's answer %+v", ans)
	}
	if len(outbox(t, s, "cmp:1:sanswered:1")) != 1 {
		t.Error("the staff chats were not told the station's answer")
	}

	// CMP-4: dissatisfied → reopened to the supervisor; the station told.
	c, err = s.RecordVerdict(fo.VerdictRequest{ID: c.ID, Satisfied: false, ChatID: chatCust})
	if err != nil {
		t.Fatal(err)
	}
	if c.Status != fo.CmpReopened || c.Assignee != "zhao" {
		t.Errorf("reopened %+v", c)
	}
	if m := outbox(t, s, "cmp:1:sreopened:1"); len(m) != 1 || m[0].ChatID != chatStationA || !hasButton(m[0], "scm:ans:1") {
		t.Errorf("station's reopened notice %+v", m)
	}
	// CMP-5: 2 days after reopening, still open: the supervisor again.
	clock.Set(at(2026, 11, 30, 10, 1))
	if _, err := s.RunDue(clock.Now()); err != nil {
		t.Fatal(err)
	}
	stale := outbox(t, s, "cmp:1:stale:")
	if len(stale) == 0 || !strings.Contains(stale[len(stale)-1].Text, "ST-001") {
		t.Errorf("escalation %+v", stale)
	}
	if c, err = s.AnswerStationComplaint(fo.StationAnswerRequest{ID: c.ID, StationID: a.ID, By: "tg:9", Text: "已更换雷达"}); err != nil {
		t.Fatal(err)
	}
	c, err = s.RecordVerdict(fo.VerdictRequest{ID: c.ID, Satisfied: true, ChatID: chatCust})
	if err != nil || c.Status != fo.CmpClosed || c.Resolution != "已更换雷达" {
		t.Fatalf("closed %+v %v", c, err)
	}
	if m := outbox(t, s, "cmp:1:sclosed"); len(m) != 1 || m[0].ChatID != chatStationA {
		t.Errorf("station's closed notice %+v", m)
	}
	if q := qualityOf(t, s, c.QualityID); q.Open || q.Resolution != "已更换雷达" {
		t.Errorf("quality feedback not resolved: %+v", q)
	}
	// Nothing of A's complaint ever reached B's chat.
	for _, m := range outbox(t, s, "") {
		if m.ChatID == chatStationB {
			t.Errorf("station B saw %s: %s", m.Key, m.Text)
		}
	}
	list, err := s.StationComplaints(b.ID, 90)
	if err != nil || len(list) != 0 {
		t.Errorf("B's list %v %v", list, err)
	}
	if list, _ := s.StationComplaints(a.ID, 90); len(list) != 1 {
		t.Errorf("A's list %v", list)
	}
}

// NET-3: staff route a filed complaint to a station later; only a
// certified station with a chat may have it.
func TestRouteComplaintNET3(t *testing.T) {
	s, _ := newTestStore(t, noSync(), followUpStaff())
	a, _ := seedStations(t, s)
	off, err := s.SeedStation(fo.Station{Code: "ST-003", Name: "候选网点", Status: fo.StationCandidate, ChatID: -2003})
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.FileComplaint(fo.ComplaintRequest{Channel: fo.ChannelPhone, Category: "service", Text: "网点态度差",
		Customer: fo.CustomerInput{Phone: "13900000009", Name: "钱七"}, By: "staff:li"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.RouteComplaint(c.ID, off.ID, "staff:li"); fo.ErrorCode(err) != fo.EINVALID {
		t.Errorf("routed to a candidate: %v", err)
	}
	if _, err := s.RouteComplaint(c.ID, 99, "staff:li"); fo.ErrorCode(err) != fo.EINVALID {
		t.Errorf("routed to no station: %v", err)
	}
	c, err = s.RouteComplaint(c.ID, a.ID, "staff:li")
	if err != nil || c.StationID != a.ID || c.QualityID == 0 {
		t.Fatalf("routed %+v %v", c, err)
	}
	if got := chatsOf(outbox(t, s, "cmp:1:station:")); !slices.Contains(got, chatStationA) {
		t.Errorf("station not told: %v", got)
	}
	if q := qualityOf(t, s, c.QualityID); q.Class != fo.QualityService || !q.Open {
		t.Errorf("quality %+v", q)
	}
}
