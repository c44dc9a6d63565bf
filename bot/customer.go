package bot

import (
	"errors"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	fo "frontoffice"
)

// The booking's questions about the customer: the plate, the phone (typed,
// or shared as a verified contact) and the name of a new customer (REC-2,
// ARC-1, ARC-2).

func (t *turn) typedPlate(text string) error {
	plate, err := fo.ParsePlate(text)
	if err != nil {
		t.say(fo.ErrorText(t.lang, err), nil)
		return nil
	}
	t.conv.Plate = plate
	t.conv.Step = stepPhone
	c, err := t.b.bookings.CustomerByChat(t.chatID)
	switch {
	case err == nil && c.Phone != "":
		t.say(t.T("book.phone_known"), [][]fo.Button{
			{button(t.T("btn.use_phone", fo.MaskPhone(c.Phone)), t.conv.data("me"))},
			{button(t.T("btn.abort"), t.conv.data("x"))},
		})
	case err == nil || errors.Is(err, fo.ErrNotFound):
		t.conv.Keyboard = true
		t.send(fo.Message{Text: t.T("book.phone"), AskContact: true})
	default:
		return err
	}
	return nil
}

func (t *turn) typedPhone(text string) error {
	return t.gotPhone(text, false)
}

// sharedContact takes the number from the request_contact button. Only
// the user's own contact counts (Telegram sets its user_id to the
// sender's): a contact card of someone else, or one without a user, is
// not.
func (t *turn) sharedContact(m *tgbotapi.Message) error {
	if m.From == nil || m.Contact.UserID != m.From.ID {
		t.say(t.T("contact.not_own"), nil)
		return nil
	}
	return t.gotPhone(m.Contact.PhoneNumber, true)
}

// gotPhone goes on from a phone, typed or shared (verified: Telegram
// vouches that it is the user's). A known customer goes to the summary, a
// new one is asked the name (REC-2). A typed number of a customer whose
// archive is not linked to this chat could be anyone's: booking with it
// would link this chat to that customer and show them their appointments,
// so the user is asked to share their contact instead.
func (t *turn) gotPhone(text string, verified bool) error {
	phone, err := fo.ParsePhone(text)
	if err != nil {
		t.say(fo.ErrorText(t.lang, err), nil)
		return nil
	}
	known, err := t.b.bookings.CustomerByPhone(phone)
	if err == nil && known.ChatID != t.chatID && !verified {
		t.conv.Keyboard = true
		t.send(fo.Message{Text: t.T("book.phone_verify"), AskContact: true})
		return nil
	}
	t.conv.Phone, t.conv.CustomerID, t.conv.Verified = phone, 0, verified
	keyboard := t.conv.Keyboard
	t.conv.Keyboard = false
	switch {
	case err == nil:
		t.conv.Name = ""
		t.conv.Step = stepConfirm
		if keyboard {
			t.send(fo.Message{Text: t.T("book.phone_ok", fo.MaskPhone(phone)), RemoveKeyboard: true})
		}
		t.say(t.summary(), t.confirmButtons())
	case errors.Is(err, fo.ErrNotFound):
		t.conv.Step = stepName
		t.send(fo.Message{Text: t.T("book.name"), RemoveKeyboard: keyboard})
	default:
		return err
	}
	return nil
}

// useKnownPhone books for the customer linked to the chat.
func (t *turn) useKnownPhone() error {
	c, err := t.b.bookings.CustomerByChat(t.chatID)
	if errors.Is(err, fo.ErrNotFound) {
		t.stale()
		return nil
	}
	if err != nil {
		return err
	}
	t.conv.CustomerID, t.conv.Phone, t.conv.Name = c.ID, c.Phone, ""
	t.conv.Step = stepConfirm
	t.show(t.summary(), t.confirmButtons())
	return nil
}

func (t *turn) typedName(text string) error {
	name, err := fo.ParseName(text)
	if err != nil {
		t.say(fo.ErrorText(t.lang, err), nil)
		return nil
	}
	t.conv.Name = name
	t.conv.Step = stepConfirm
	t.say(t.summary(), t.confirmButtons())
	return nil
}
