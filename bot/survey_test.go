package bot

import (
	"strings"
	"testing"
	"time"

	fo "frontoffice"
	"frontoffice/internal/telegramtest"
)

// TestSurveyLowScoreSUR1SUR2: the day after delivery the survey reaches
// the linked customer's chat (SUR-1); they score each question with the
// buttons (the question message changes in place), then type a comment.
// A score of 2 or less opens a complaint for the supervisor, whose chat
// gets it, and the customer is told its ticket (SUR-2); the answers feed
// the first follow-up call. Presses from another chat or on an answered
// question change nothing.
func TestSurveyLowScoreSUR1SUR2(t *testing.T) {
	h := newHarness(t)
	h.afterSales()
	h.start()
	chat := int64(9101)
	u := telegramtest.Customer(chat, "en")
	v := h.deliver("Li Lei", "13700000001", "沪C88888", chat, fo.EN)
	h.drained()
	sendAt := monday0900.Add(25 * time.Hour) // Tuesday 10:00, SurveyAfterDays 1
	h.clock.Set(sendAt)
	if _, err := h.store.RunDue(sendAt); err != nil {
		t.Fatal(err)
	}
	q := h.wait(chat, "rate the service on 沪C·88888", "(1/4)")
	if !q.HasButton("sv:1:0:5") {
		t.Fatalf("question buttons: %+v", q.Buttons)
	}

	// Another chat pressing this survey's buttons changes nothing.
	other := int64(9102)
	up := h.srv.Press(other, telegramtest.Customer(other, "en"), q.ID, "sv:1:0:1")
	h.handled(up)
	if a := h.answered(up); a != h.T(fo.EN, "err.stale") {
		t.Errorf("another chat's press answered %q", a)
	}

	for i, score := range []int{3, 2, 4, 1} {
		h.press(chat, u, fo.SurveyData(1, i, score))
		if i < 3 {
			h.wait(chat, "("+string(rune('2'+i))+"/4)")
		}
	}
	prompt := h.wait(chat, "anything you would like to tell us")
	if prompt.ID != q.ID {
		t.Errorf("the questions are new messages (%d), not the first edited (%d)", prompt.ID, q.ID)
	}
	// An answered question's button is stale.
	up = h.srv.Press(chat, u, q.ID, "sv:1:1:5")
	h.handled(up)
	if a := h.answered(up); a != h.T(fo.EN, "err.stale") {
		t.Errorf("an answered question answered %q", a)
	}
	if c := h.conv(chat); c == nil || c.Flow != flowSurvey || c.Survey != 1 {
		t.Fatalf("the chat does not wait for the comment: %+v", c)
	}
	h.text(chat, u, "The installer was rude and the sensor still beeps.")
	thanks := h.wait(chat, "we are sorry we let you down", "TS-20261201-001")
	if strings.Contains(thanks.Text, "13700000001") {
		t.Errorf("the thanks shows the phone")
	}
	h.wait(chat, "💬 Your comment: The installer was rude")

	sv, err := h.store.VisitSurvey(v.ID)
	if err != nil || sv.Status != fo.SurveyDone || sv.Scores != [4]int{3, 2, 4, 1} || sv.Comment != "The installer was rude and the sensor still beeps." {
		t.Errorf("SUR-1: survey = %+v, %v", sv, err)
	}
	c, err := h.store.Complaint(sv.ComplaintID)
	if err != nil || c.Channel != fo.ChannelSurvey || c.Assignee != "zhao" || c.Ticket != "TS-20261201-001" || c.Category != "service" {
		t.Errorf("SUR-2: complaint = %+v, %v", c, err)
	}
	h.wait(zhaoUser, "TS-20261201-001", "满意度调查")
	if call, _ := h.store.Call(1); call.Survey == nil || call.Survey.Scores != sv.Scores || call.Short() {
		t.Errorf("SUR-2: the first call's survey: %+v", call.Survey)
	}
	if h.conv(chat) != nil {
		t.Errorf("the chat still waits after the comment")
	}
	letters, _ := h.registers()
	if !strings.Contains(strings.Join(letters, "\n"), "survey survey system") {
		t.Errorf("FU-7: the survey is not in the letter register: %v", letters)
	}
	h.dumpChats(t, chat, zhaoUser)
}

// TestSurveyNoCommentSUR1: top scores and "no comment" finish the survey
// without a complaint; the comment button goes, and a later text is a
// question for a person again (REC-3), not a comment.
func TestSurveyNoCommentSUR1(t *testing.T) {
	h := newHarness(t)
	h.afterSales()
	h.start()
	chat := int64(9103)
	u := telegramtest.Customer(chat, "zh")
	v := h.deliver("韩梅", "13700000002", "沪C66666", chat, fo.ZH)
	sendAt := monday0900.Add(25 * time.Hour)
	h.clock.Set(sendAt)
	if _, err := h.store.RunDue(sendAt); err != nil {
		t.Fatal(err)
	}
	h.wait(chat, "（1/4）")
	for i := range 4 {
		h.press(chat, u, fo.SurveyData(1, i, 5))
	}
	h.press(chat, u, h.T(fo.ZH, "sv.no_comment"))
	h.wait(chat, "谢谢您的评价！")
	last, _ := h.srv.Message(chat, h.wait(chat, h.T(fo.ZH, "sv.comment")).ID)
	if len(last.Buttons) != 0 {
		t.Errorf("the comment prompt keeps its button: %+v", last.Buttons)
	}
	sv, _ := h.store.VisitSurvey(v.ID)
	if sv.Status != fo.SurveyDone || sv.ComplaintID != 0 || !sv.Short() {
		t.Errorf("survey = %+v", sv)
	}
	h.text(chat, u, "下次保养要带什么？")
	h.wait(staffChat, "下次保养要带什么？")
}
