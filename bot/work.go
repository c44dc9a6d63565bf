package bot

import (
	"errors"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	fo "frontoffice"
)

// workStore is what answering additional work needs (INT-6).
type workStore interface {
	CustomerByChat(chatID int64) (fo.Customer, error)
	Visit(id uint64) (fo.Visit, error)
	AnswerWork(visitID uint64, n int, approve bool, customerID uint64, by string) (fo.Visit, error)
}

// INT-6: additional work found in the workshop. store.AddWork asks the
// customer in their chat with two buttons, approve and decline
// (fo.WorkButtonData); the workshop waits for the answer.

// workAnswer is a parsed additional-work button.
type workAnswer struct {
	approve bool
	visit   uint64
	n       int
}

// maxWorkItems bounds n: no visit has a thousand additional items.
const maxWorkItems = fo.MaxWorkItems

// parseWorkData parses an additional-work button with fo.ParseWorkButton.
func parseWorkData(s string) (workAnswer, bool) {
	approve, visit, n, ok := fo.ParseWorkButton(s)
	return workAnswer{approve: approve, visit: visit, n: n}, ok
}

// answerWork records the customer's answer to additional work with its
// time (INT-6, store.AnswerWork with this chat's customer) and edits the
// question to show the answer and when it was given. The store tells the
// staff chat (the workshop proceeds or not) and thanks the customer with
// the delivery time. A press from a chat whose customer does not own the
// visit (forged data), for an unknown item, or a second press is stale and
// changes nothing.
func (t *turn) answerWork(cq *tgbotapi.CallbackQuery, w workAnswer) error {
	c, err := t.b.work.CustomerByChat(t.chatID)
	if errors.Is(err, fo.ErrNotFound) {
		t.stale()
		return nil
	}
	if err != nil {
		return err
	}
	v, err := t.b.work.AnswerWork(w.visit, w.n, w.approve, c.ID, "customer:bot")
	switch {
	case errors.Is(err, fo.ErrNotAllowed):
		// Answered already (a second press, or this update delivered
		// again after a crash): nothing changes, but the question shows
		// the answer on record.
		t.stale()
		v, err := t.b.work.Visit(w.visit)
		if err != nil || v.CustomerID != c.ID || w.n > len(v.Additional) || v.Additional[w.n-1].Status == fo.AddPending {
			return nil
		}
		t.showWorkAnswer(cq, v.Additional[w.n-1])
		return nil
	case errors.Is(err, fo.ErrNotFound):
		t.stale()
		return nil
	case err != nil:
		return err
	}
	t.answer(t.showWorkAnswer(cq, v.Additional[w.n-1]))
	return nil
}

// showWorkAnswer edits the question to show the recorded answer and its
// time, and returns that line.
func (t *turn) showWorkAnswer(cq *tgbotapi.CallbackQuery, aw fo.AdditionalWork) string {
	key := "aw.declined"
	if aw.Status == fo.AddApproved {
		key = "aw.approved"
	}
	line := t.T(key, fo.FormatWhen(t.lang, aw.AnsweredAt, t.st.Location()))
	text := cq.Message.Text
	if text == "" {
		text = aw.Description
	}
	if strings.Contains(text, line) {
		return line
	}
	t.editID = cq.Message.MessageID
	t.show(text+"\n\n"+line, nil)
	return line
}
