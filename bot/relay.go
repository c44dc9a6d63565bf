package bot

import (
	"errors"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	fo "frontoffice"
)

// relayStore finds who a staff reply goes to (REC-3).
type relayStore interface {
	CustomerByChat(chatID int64) (fo.Customer, error)
	RelayTarget(chatID int64, messageID int) (int64, fo.Lang, error)
}

// REC-3: never guess an answer. Text the bot cannot handle goes to every
// staff chat as an outbox message with RelayTo set to the customer's chat;
// when the sender has delivered it, the store remembers which customer a
// reply to it is for. A staff member's reply to that message in the staff
// chat is passed on to the customer, prefixed with the shop's name.

// handOff forwards the customer's text to the staff chats and tells the
// customer a person will answer (REC-3). With no staff chat configured
// the customer is given the shop's phone instead.
func (t *turn) handOff(m *tgbotapi.Message) error {
	shop := t.st.ShopName(t.lang)
	if len(t.st.StaffChats) == 0 {
		t.b.log.Warn("REC-3: no staff chat configured; customer told to call", "chat", t.chatID)
		t.say(t.T("handoff.no_staff", shop, t.st.Shop.Phone), nil)
		return nil
	}
	who, err := t.who(m.From)
	if err != nil {
		return err
	}
	text := t.b.texts.T(fo.ZH, "handoff.staff", who, m.Text) // staff read Chinese
	for _, staff := range t.st.StaffChats {
		t.send(fo.Message{ChatID: staff, Text: text, Lang: fo.ZH, RelayTo: t.chatID, RelayLang: t.lang})
	}
	t.say(t.T("handoff.customer", shop), nil)
	return nil
}

// who names the customer for the staff: the archive's name and masked
// phone when the chat is linked, else the Telegram name.
func (t *turn) who(u *tgbotapi.User) (string, error) {
	var parts []string
	c, err := t.b.relays.CustomerByChat(t.chatID)
	switch {
	case err == nil:
		parts = append(parts, c.Name, fo.MaskPhone(c.Phone))
	case !errors.Is(err, fo.ErrNotFound):
		return "", err
	}
	if u != nil {
		name := strings.TrimSpace(u.FirstName + " " + u.LastName)
		if u.UserName != "" {
			name += " @" + u.UserName
		}
		parts = append(parts, "Telegram: "+name)
	}
	return strings.Join(parts, " · "), nil
}

// relayReply passes a staff member's text reply to a forwarded customer
// message on to that customer (REC-3), and reports whether m was such a
// reply. t.member is the staff member.
func (t *turn) relayReply(m *tgbotapi.Message) (bool, error) {
	if m.ReplyToMessage == nil || m.Text == "" {
		return false, nil
	}
	to, relayLang, err := t.b.relays.RelayTarget(t.chatID, m.ReplyToMessage.MessageID)
	if errors.Is(err, fo.ErrNotFound) {
		return false, nil // a reply to something else
	}
	if err != nil {
		return false, err
	}
	lang, err := t.customerLang(to, relayLang)
	if err != nil {
		return false, err
	}
	text := m.Text
	if r := []rune(text); len(r) > fo.MaxTextLen-100 {
		text = string(r[:fo.MaxTextLen-100]) + "…"
	}
	t.send(fo.Message{ChatID: to, Lang: lang, Text: t.b.texts.T(lang, "relay.customer", t.st.ShopName(lang), text)})
	t.b.log.Info("REC-3: staff reply relayed", "staff", t.member.ID, "to_chat", to)
	return true, nil
}

// customerLang is the language of the customer in chat: the archive's, or
// for a chat not linked to a customer the language the relay remembered.
func (t *turn) customerLang(chat int64, remembered fo.Lang) (fo.Lang, error) {
	c, err := t.b.relays.CustomerByChat(chat)
	if err == nil && c.Lang != "" {
		return c.Lang, nil
	}
	if err != nil && !errors.Is(err, fo.ErrNotFound) {
		return "", err
	}
	return remembered, nil
}
