package bot

import (
	"errors"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	fo "frontoffice"
)

// surveyStore is what answering a survey needs (SUR-1).
type surveyStore interface {
	Survey(id uint64) (fo.Survey, error)
	AnswerSurvey(a fo.SurveyAnswer) (fo.Survey, error)
	CommentSurvey(id uint64, chatID int64, text string) (fo.Survey, error)
}

// SUR-1: the satisfaction survey (顾客满意度调查表) goes to a linked
// customer's chat after delivery. The store asks the questions and edits
// them in place; the bot passes the presses on ("sv:<id>:<q>:<score>") and,
// once the four scores are in, catches the next text as the comment. What
// the answers lead to — a shorter first call, or a complaint for the
// supervisor on a score of 2 or less (SUR-2) — is the store's business.

// surveyAnswer records a score (or "no comment", q = fo.QComment with
// score 0) through store.AnswerSurvey, which edits the question message
// into the next question. After the last score the chat waits for the
// comment: the next text is it (this replaces any other conversation of
// the chat, whose buttons then go stale). A press from another chat than
// the survey's, for a question not the one asked, or on a finished or
// expired survey is stale and changes nothing.
func (t *turn) surveyAnswer(cq *tgbotapi.CallbackQuery, id uint64, q, score int) error {
	sv, err := t.b.surveys.AnswerSurvey(fo.SurveyAnswer{SurveyID: id, Q: q, Score: score, ChatID: t.chatID, MessageID: cq.Message.MessageID})
	switch {
	case errors.Is(err, fo.ErrStale):
		t.stale()
		// Answered already — maybe by this very update, delivered again
		// after a crash before it was finished: the chat still waits for
		// the comment when the survey does.
		sv, err := t.b.surveys.Survey(id)
		if err == nil && sv.ChatID == t.chatID && sv.Status == fo.SurveySent && sv.Next() == fo.QComment &&
			(t.conv == nil || t.conv.Survey != sv.ID) {
			t.conv = &conversation{Flow: flowSurvey, Step: stepComment, Nonce: newNonce(), Survey: sv.ID, Message: cq.Message.MessageID}
		}
		return nil
	case errors.Is(err, fo.ErrNotFound):
		t.stale()
		return nil
	case err != nil:
		return err
	}
	switch {
	case sv.Status == fo.SurveyDone:
		// "No comment": the store thanks the customer; the button goes.
		if t.conv != nil && t.conv.Flow == flowSurvey {
			t.conv = nil
		}
		t.editID = cq.Message.MessageID
		t.show(cq.Message.Text, nil)
	case sv.Next() == fo.QComment:
		t.conv = &conversation{Flow: flowSurvey, Step: stepComment, Nonce: newNonce(), Survey: sv.ID, Message: cq.Message.MessageID}
	}
	return nil
}

// surveyComment records the text as the survey's comment
// (store.CommentSurvey), which finishes the survey; the comment prompt
// shows it. Too long a comment is refused and the chat keeps waiting; a
// survey finished meanwhile (at the kiosk) or expired ends the wait.
func (t *turn) surveyComment(text string) error {
	c := t.conv
	_, err := t.b.surveys.CommentSurvey(c.Survey, t.chatID, text)
	return t.commented(err, "sv.closed", func() string { return t.T("sv.comment_got", text) })
}

// commented ends the wait for a comment typed after a score (a survey,
// a station's spot check) once the store answered: a record finished
// meanwhile or gone ends the wait with closedKey; a refused comment (too
// long) is explained and the chat keeps waiting; a kept one shows got()
// on the score's message.
func (t *turn) commented(err error, closedKey string, got func() string) error {
	c := t.conv
	switch {
	case errors.Is(err, fo.ErrNotFound) || errors.Is(err, fo.ErrStale):
		t.conv = nil
		t.say(t.T(closedKey), nil)
		return nil
	case err != nil:
		if msg, ok := t.userError(err); ok {
			t.say(msg, nil)
			return nil
		}
		return err
	}
	t.conv = nil
	if c.Message != 0 {
		t.send(fo.Message{EditMessageID: c.Message, Text: got()})
	}
	return nil
}
