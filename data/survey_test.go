package data

import (
	"errors"
	"frontoffice/internal/sigdraw"
	"strings"
	"testing"
	"time"

	fo "frontoffice"
)

// SUR-1, SUR-2: the survey goes to a linked customer's chat the day after
// delivery at 10:00, in their language; four scored questions and a
// comment; answers of 4-5 without a comment make the first follow-up call a
// short one.
func TestSurveyInChatSUR1(t *testing.T) {
	s, clock := newTestStore(t, noSync(), followUpStaff())
	v := deliver(t, s, "13900000001", "京B11111", chatCust, fo.EN)
	deliver(t, s, "13900000002", "京B22222", 0, fo.ZH)
	sv, err := s.VisitSurvey(v.ID)
	if err != nil || sv.Status != fo.SurveyScheduled || !sv.SendAt.Equal(at(2026, 11, 28, 10, 0)) || sv.CallID != 1 {
		t.Fatalf("scheduled %+v %v", sv, err)
	}
	clock.Set(at(2026, 11, 28, 9, 59))
	s.RunDue(clock.Now())
	if ms := outbox(t, s, "sv:"); len(ms) != 0 {
		t.Errorf("survey early %+v", ms)
	}
	clock.Set(at(2026, 11, 28, 10, 0))
	s.RunDue(clock.Now())
	ms := outbox(t, s, "sv:1:q0")
	if len(ms) != 1 || ms[0].ChatID != chatCust || !hasButton(ms[0], "sv:1:0:1") || !hasButton(ms[0], "sv:1:0:5") || !strings.Contains(ms[0].Text, "(1/4) Overall") {
		t.Fatalf("first question %+v", ms)
	}
	if other, _ := s.Survey(2); other.Status != fo.SurveySkipped {
		t.Errorf("survey of a customer without a chat: %s", other.Status)
	}
	if _, err := s.AnswerSurvey(fo.SurveyAnswer{SurveyID: 1, Q: 0, Score: 5, ChatID: 999}); !errors.Is(err, fo.ErrNotFound) {
		t.Errorf("another chat: %v", err)
	}
	if _, err := s.AnswerSurvey(fo.SurveyAnswer{SurveyID: 1, Q: 1, Score: 5, ChatID: chatCust}); !errors.Is(err, fo.ErrStale) {
		t.Errorf("out of order: %v", err)
	}
	for q, score := range []int{5, 4, 5, 4} {
		if _, err := s.AnswerSurvey(fo.SurveyAnswer{SurveyID: 1, Q: q, Score: score, ChatID: chatCust, MessageID: 77}); err != nil {
			t.Fatal(q, err)
		}
	}
	if ms := outbox(t, s, "sv:1:q4"); len(ms) != 1 || ms[0].EditMessageID != 77 || !hasButton(ms[0], "sv:1:4:0") {
		t.Errorf("comment step %+v", ms)
	}
	sv, err = s.AnswerSurvey(fo.SurveyAnswer{SurveyID: 1, Q: fo.QComment, ChatID: chatCust})
	if err != nil || sv.Status != fo.SurveyDone || sv.ComplaintID != 0 {
		t.Fatalf("done %+v %v", sv, err)
	}
	if _, err := s.AnswerSurvey(fo.SurveyAnswer{SurveyID: 1, Q: fo.QComment, ChatID: chatCust}); !errors.Is(err, fo.ErrStale) {
		t.Errorf("pressed twice: %v", err)
	}
	if ms := outbox(t, s, "sv:1:done"); len(ms) != 1 || !strings.Contains(ms[0].Text, "Thank you") {
		t.Errorf("thanks %+v", ms)
	}
	c, _ := s.Call(1)
	if !c.Short() || c.Survey.Scores != [4]int{5, 4, 5, 4} {
		t.Errorf("first call fed %+v", c.Survey)
	}
	st, _ := s.Settings()
	it := listOf(t, s, at(2026, 11, 30, 0, 0))["wang"]
	if len(it) == 0 || !strings.Contains(fo.CallItemText(&st, it[0], at(2026, 11, 30, 0, 0), fo.ZH), "简短回访") {
		t.Errorf("short call prompt missing: %+v", it)
	}
}

// SUR-2: a score of 2 or less opens a complaint for the supervisor, and
// the customer is told its ticket; the comment reaches the call.
func TestLowSurveyOpensComplaintSUR2(t *testing.T) {
	s, clock := newTestStore(t, noSync(), followUpStaff())
	deliver(t, s, "13900000001", "京B11111", chatCust, fo.ZH)
	clock.Set(at(2026, 11, 28, 10, 0))
	s.RunDue(clock.Now())
	for q, score := range []int{3, 4, 1, 4} {
		if _, err := s.AnswerSurvey(fo.SurveyAnswer{SurveyID: 1, Q: q, Score: score, ChatID: chatCust}); err != nil {
			t.Fatal(err)
		}
	}
	sv, err := s.CommentSurvey(1, chatCust, "说好 11 点交车，等到下午 2 点")
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.Complaint(sv.ComplaintID)
	if err != nil || c.Channel != fo.ChannelSurvey || c.Category != "time" || c.Assignee != "zhao" || c.SurveyID != 1 || c.VisitID != 1 ||
		!strings.Contains(c.Text, "准时 1") || !strings.Contains(c.Text, "等到下午 2 点") || sv.Ticket != c.Ticket {
		t.Fatalf("complaint %+v %v", c, err)
	}
	if ms := outbox(t, s, "sv:1:done"); len(ms) != 1 || !strings.Contains(ms[0].Text, c.Ticket) {
		t.Errorf("customer told %+v", ms)
	}
	if ms := outbox(t, s, "cmp:1:filed"); len(ms) != 0 {
		t.Errorf("a second acknowledgement %+v", ms)
	}
	if ms := outbox(t, s, "cmp:1:new"); len(chatsOf(ms)) != 2 {
		t.Errorf("staff and supervisor told: %v", chatsOf(ms))
	}
	if call, _ := s.Call(1); call.Short() || call.Survey.Comment == "" {
		t.Errorf("call %+v", call.Survey)
	}
}

// SUR-1: the kiosk's "rate your visit" answers the visit's survey in one
// go (its chat buttons go stale); a visit is rated once; an unanswered chat
// survey expires after 30 days.
func TestRateVisitAtKioskSUR1(t *testing.T) {
	s, clock := newTestStore(t, noSync(), followUpStaff())
	v := deliver(t, s, "13900000001", "京B11111", chatCust, fo.ZH)
	clock.Set(at(2026, 11, 28, 10, 0))
	s.RunDue(clock.Now())
	if _, err := s.RateVisit(fo.RateRequest{VisitID: v.ID, Scores: [4]int{5, 5, 0, 5}}); fo.ErrorCode(err) != fo.EINVALID {
		t.Errorf("missing score: %v", err)
	}
	sv, err := s.RateVisit(fo.RateRequest{VisitID: v.ID, Scores: [4]int{5, 5, 4, 5}})
	if err != nil || sv.Channel != fo.ChannelKiosk || sv.Status != fo.SurveyDone || sv.ID != 1 {
		t.Fatalf("rated %+v %v", sv, err)
	}
	if _, err := s.RateVisit(fo.RateRequest{VisitID: v.ID, Scores: [4]int{1, 1, 1, 1}}); !errors.Is(err, fo.ErrNotAllowed) {
		t.Errorf("rated twice: %v", err)
	}
	if _, err := s.AnswerSurvey(fo.SurveyAnswer{SurveyID: 1, Q: 0, Score: 3, ChatID: chatCust}); err == nil {
		t.Errorf("chat button after the kiosk answer worked")
	}
	v2 := deliver(t, s, "13900000002", "京B22222", 666, fo.ZH)
	clock.Set(at(2026, 11, 29, 10, 0))
	s.RunDue(clock.Now())
	clock.Set(at(2026, 11, 29, 10, 0).Add(fo.SurveyExpiry))
	sv2, _ := s.VisitSurvey(v2.ID)
	if _, err := s.AnswerSurvey(fo.SurveyAnswer{SurveyID: sv2.ID, Q: 0, Score: 3, ChatID: 666}); !errors.Is(err, fo.ErrStale) {
		t.Errorf("expired survey answered: %v", err)
	}
	// A visit rated before its delivery feeds the first call at delivery.
	clock.Set(at(2026, 12, 1, 9, 0))
	v3, _ := s.CheckIn(fo.CheckInRequest{Customer: fo.CustomerInput{Name: "孙八", Phone: "13900000003"}, Plate: "京B33333", Source: "kiosk"})
	if _, err := s.RateVisit(fo.RateRequest{VisitID: v3.ID, Scores: [4]int{4, 4, 4, 4}}); err != nil {
		t.Fatal(err)
	}
	s.Intake(fo.IntakeRequest{Signature: sigdraw.Pad("客户"), VisitID: v3.ID, WorkOrder: workOrder(clock.Now(), 60, clock.Now().Add(2*time.Hour))})
	s.SetReady(v3.ID, fo.CompleteChecklist, "staff:li")
	s.Deliver(fo.DeliverRequest{Signature: sigdraw.Pad("客户"), VisitID: v3.ID, Settlement: fo.Settlement{Amount: 30000, Paid: 30000}})
	sv3, _ := s.VisitSurvey(v3.ID)
	if c, _ := s.Call(sv3.CallID); c.VisitID != v3.ID || !c.Short() {
		t.Errorf("call of a visit rated before delivery %+v", c)
	}
}

// SUR-1: a survey skipped because the customer had no chat goes out when
// started after they linked one; only once.
func TestStartSurveySUR1(t *testing.T) {
	s, clock := newTestStore(t, noSync(), followUpStaff())
	v := deliver(t, s, "13900000001", "京B11111", 0, fo.ZH)
	if _, err := s.StartSurvey(v.ID); fo.ErrorCode(err) != fo.EINVALID {
		t.Errorf("no chat: %v", err)
	}
	clock.Set(at(2026, 11, 28, 10, 0))
	s.RunDue(clock.Now())
	if sv, _ := s.VisitSurvey(v.ID); sv.Status != fo.SurveySkipped {
		t.Fatalf("status %s", sv.Status)
	}
	s.LinkChat(v.CustomerID, chatCust, fo.EN)
	sv, err := s.StartSurvey(v.ID)
	if err != nil || sv.Status != fo.SurveySent || sv.ChatID != chatCust {
		t.Fatalf("%+v %v", sv, err)
	}
	if ms := outbox(t, s, "sv:1:q0"); len(ms) != 1 || !hasButton(ms[0], "sv:1:0:3") || !strings.Contains(ms[0].Text, "Overall") {
		t.Errorf("question %+v", ms)
	}
	if _, err := s.StartSurvey(v.ID); !errors.Is(err, fo.ErrNotAllowed) {
		t.Errorf("started twice: %v", err)
	}
	if _, err := s.StartSurvey(99); !errors.Is(err, fo.ErrNotFound) {
		t.Errorf("no survey: %v", err)
	}
}
