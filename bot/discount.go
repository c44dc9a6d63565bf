package bot

import (
	"errors"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	fo "frontoffice"
)

// discountStore is what a supervisor's answer to a discount ask needs
// (DEL-3).
type discountStore interface {
	DecideDiscount(visitID uint64, approve bool, staffID string) (fo.Visit, error)
}

// DEL-3: the reception asks a supervisor for a discount from the console;
// the supervisors get the ask with approve and refuse buttons
// (fo.DiscountButtonData). The first supervisor's press decides it; the
// store tells the staff chat.

// discountButton records the pressing supervisor's decision and shows it
// on the ask. A press by a staff member who is not a supervisor is
// refused politely and changes nothing; a second press (or one after the
// car left) says the ask is decided; forged data is stale.
func (t *turn) discountButton(cq *tgbotapi.CallbackQuery, approve bool, visit uint64) error {
	v, err := t.b.discounts.DecideDiscount(visit, approve, t.member.ID)
	switch {
	case errors.Is(err, fo.ErrNotSupervisor):
		t.answer(t.T("discount.not_supervisor"))
		return nil
	case errors.Is(err, fo.ErrNotAllowed):
		t.answer(t.T("discount.decided"))
		return nil
	case errors.Is(err, fo.ErrNotFound):
		t.stale()
		return nil
	case err != nil:
		return err
	}
	key := "discount.refused"
	if v.DiscountAsk.Status == fo.DiscountApproved {
		key = "discount.approved"
	}
	line := t.T(key, fo.FormatWhen(t.lang, v.DiscountAsk.DecidedAt, t.st.Location()))
	t.answer(line)
	if text := cq.Message.Text; text != "" && !strings.Contains(text, line) {
		t.editID = cq.Message.MessageID
		t.show(text+"\n\n"+line, nil)
	}
	return nil
}
