package bot

import (
	"errors"
	"fmt"
	"runtime/debug"
	"time"
	"unicode/utf8"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	fo "frontoffice"
)

// conversationStore is what handling an update needs of the store: the
// settings, the chat's and the staff member's conversations, and
// FinishUpdate / FinishStaffUpdate, which save the conversation, queue the
// replies and move the offset in one transaction.
type conversationStore interface {
	Settings() (fo.Settings, error)
	Conversation(chatID int64) ([]byte, error)
	FinishUpdate(updateID int, chatID int64, conv []byte, replies []fo.Message) (bool, error)
	StaffConversation(chatID, userID int64) ([]byte, error)
	FinishStaffUpdate(updateID int, chatID, userID int64, conv []byte, replies []fo.Message) (bool, error)
	DeleteStaffConversation(chatID, userID int64) error
}

// MaxInputLen is the longest text the bot reads, in characters; longer
// text gets "err.too_long" and changes nothing.
const MaxInputLen = 1000

// turn is the handling of one update: what it read and what it leaves for
// FinishUpdate.
type turn struct {
	b      *Bot
	update int
	chatID int64
	lang   fo.Lang
	st     fo.Settings
	now    time.Time
	// conv is the chat's conversation; nil when there is none (then
	// FinishUpdate deletes any saved one).
	conv    *conversation
	replies []fo.Message
	// cq is the callback query being handled; answered once.
	cq       *tgbotapi.CallbackQuery
	answered bool
	// editID is the message show edits in place (the pressed one); 0
	// sends a new message.
	editID int

	// from is the user the update came from; member the staff member
	// they are (zero when they are none).
	from   *tgbotapi.User
	member fo.StaffMember
	// sconv is the staff member's own conversation in this chat (staff
	// work only); nil when there is none.
	sconv *staffConv
	// siteJob is the technician's job on site when the message is on-site
	// work, siteErr the store's error looking it up (field_site.go).
	siteJob *fo.FieldJob
	siteErr error
}

// isStaff reports whether the update's user is a staff member.
func (t *turn) isStaff() bool { return t.member.ID != "" }

// idem is the idempotency key of the state change this update makes.
func (t *turn) idem() string { return fmt.Sprintf("tg:%d", t.update) }

// storeReplyKey is the outbox key of the reply the store writes with the
// state change (a confirmation, a cancellation notice).
func (t *turn) storeReplyKey() string { return fmt.Sprintf("tg:%d:r0", t.update) }

// T returns the text key in the turn's language.
func (t *turn) T(key string, args ...any) string { return t.b.texts.T(t.lang, key, args...) }

// send queues m as the next reply of this update, keyed "tg:<update>:r<n>"
// (n from 1; r0 is the store's). The chat defaults to the update's.
func (t *turn) send(m fo.Message) {
	m.Key = fmt.Sprintf("tg:%d:r%d", t.update, len(t.replies)+1)
	if m.ChatID == 0 {
		m.ChatID = t.chatID
	}
	if m.Lang == "" {
		m.Lang = t.lang
	}
	t.replies = append(t.replies, m)
}

// say sends text with optional inline buttons to the update's chat.
func (t *turn) say(text string, buttons [][]fo.Button) {
	t.send(fo.Message{Text: text, Buttons: buttons})
}

// show puts text and buttons on the message editID (editing it in place:
// the conversation's own message as the user steps through), or sends a new
// message when editID is 0.
func (t *turn) show(text string, buttons [][]fo.Button) {
	t.send(fo.Message{Text: text, Buttons: buttons, EditMessageID: t.editID})
}

// answer acknowledges the callback query at once, with an optional toast.
// It goes straight to Telegram, not through the outbox: an
// acknowledgement is no chat message, and Telegram accepts one answer per
// query, so a repeat after a crash fails harmlessly (and is ignored).
func (t *turn) answer(text string) {
	if t.cq == nil || t.answered {
		return
	}
	t.answered = true
	cfg := tgbotapi.NewCallback(t.cq.ID, text)
	if _, err := t.b.request(cfg); err != nil {
		t.b.log.Debug("answerCallbackQuery", "err", err)
	}
}

// stale answers a button that no longer applies (err.stale) and changes
// nothing.
func (t *turn) stale() { t.answer(fo.Texts.T(t.lang, "err.stale")) }

// handleUpdate handles one update and finishes it in the store. An error
// means nothing was finished: the poller asks for the update again. A
// panic in a handler is turned into an error.
func (b *Bot) handleUpdate(u tgbotapi.Update) (err error) {
	t := &turn{b: b, update: u.UpdateID, cq: u.CallbackQuery}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic handling update %d: %v\n%s", u.UpdateID, r, debug.Stack())
		}
		if err != nil {
			t.answer(fo.Texts.T(t.lang, "err.internal"))
		} else {
			t.answer("")
		}
	}()
	if b.onUpdate != nil && u.Message != nil && u.Message.Date > 0 {
		b.onUpdate(b.clock.Now().Sub(time.Unix(int64(u.Message.Date), 0)))
	}
	var chat *tgbotapi.Chat
	var from *tgbotapi.User
	switch {
	case u.Message != nil:
		chat, from = u.Message.Chat, u.Message.From
	case u.CallbackQuery != nil:
		from = u.CallbackQuery.From
		if u.CallbackQuery.Message != nil {
			chat = u.CallbackQuery.Message.Chat
		}
	}
	if from != nil {
		t.lang = fo.ParseLang(from.LanguageCode)
		t.from = from
	}
	if chat == nil {
		_, err := b.convs.FinishUpdate(u.UpdateID, 0, nil, nil)
		return err
	}
	t.chatID = chat.ID
	if t.st, err = b.convs.Settings(); err != nil {
		return fmt.Errorf("read settings: %w", err)
	}
	t.now = b.clock.Now()

	staffChat := t.st.IsStaffChat(chat.ID)
	if !staffChat && !chat.IsPrivate() {
		// NET-2, NET-3 (netb): a service station's group chat takes its
		// complaints and claims first.
		if handled, err := t.stationChat(u); handled || err != nil {
			return err
		}
		// A group the bot was added to: a service station's, or one
		// linking itself to a station; anything else is not ours to talk
		// in (station.go, issue 14).
		return t.groupChat(u, chat)
	}
	// Staff work happens only for users the settings know as staff
	// (StaffByTelegram), in the staff chats or their own private chats.
	if from != nil {
		if m, ok := t.st.StaffByTelegram(from.ID); ok {
			t.member = m
			raw, err := b.convs.StaffConversation(chat.ID, from.ID)
			if err != nil {
				return fmt.Errorf("read staff conversation: %w", err)
			}
			t.sconv = decodeStaffConv(raw, t.now)
		}
	}
	// Staff chats are never customer conversations (REC-3).
	if staffChat {
		return t.finishStaff(u)
	}
	raw, err := b.convs.Conversation(chat.ID)
	if err != nil {
		return fmt.Errorf("read conversation: %w", err)
	}
	t.conv = decodeConversation(raw, t.now)
	if t.staffWork(u) {
		return t.finishStaff(u)
	}
	if t.sconv != nil && u.Message != nil && u.Message.IsCommand() {
		// A staff member going on to their own business in their private
		// chat with a command leaves their unfinished staff work, so that
		// no later text is taken for it.
		if err := b.convs.DeleteStaffConversation(chat.ID, from.ID); err != nil {
			return fmt.Errorf("drop staff conversation: %w", err)
		}
		t.sconv = nil
	}
	if u.Message != nil {
		err = t.message(u.Message)
	} else {
		err = t.callback(u.CallbackQuery)
	}
	if err != nil {
		msg, ok := t.userError(err)
		if !ok {
			return err // ours or the store's: try again
		}
		// A rule said no where no step expected it (a service dropped
		// from the settings mid-conversation, say): tell the user, end
		// the conversation, do not retry.
		t.b.log.Info("conversation ended by a rule", "chat", chat.ID, "err", err)
		t.replies, t.conv, t.editID = nil, nil, 0
		t.answer(msg)
		t.say(msg, nil)
	}
	if t.conv != nil {
		t.conv.Updated = t.now
	}
	_, err = b.convs.FinishUpdate(u.UpdateID, chat.ID, t.conv.encode(), t.replies)
	return err
}

// giveUp finishes an update whose handling kept failing: the customer
// gets an apology, the conversation stays as it was, the offset moves on.
func (b *Bot) giveUp(u tgbotapi.Update) error {
	var chatID int64
	lang := fo.ZH
	switch {
	case u.Message != nil && u.Message.Chat != nil:
		chatID = u.Message.Chat.ID
		if u.Message.From != nil {
			lang = fo.ParseLang(u.Message.From.LanguageCode)
		}
	case u.CallbackQuery != nil && u.CallbackQuery.Message != nil && u.CallbackQuery.Message.Chat != nil:
		chatID = u.CallbackQuery.Message.Chat.ID
		lang = fo.ParseLang(u.CallbackQuery.From.LanguageCode)
	}
	var replies []fo.Message
	if chatID > 0 {
		replies = []fo.Message{{Key: fmt.Sprintf("tg:%d:r1", u.UpdateID), ChatID: chatID, Lang: lang,
			Text: fo.Texts.T(lang, "err.internal")}}
	}
	// chatID 0: leave the conversation alone (FinishUpdate would delete
	// it for a nil state).
	_, err := b.convs.FinishUpdate(u.UpdateID, 0, nil, replies)
	return err
}

// message handles a message in a customer's private chat.
func (t *turn) message(m *tgbotapi.Message) error {
	if m.Contact != nil {
		if t.conv != nil && t.conv.Flow == flowBook && t.conv.Step == stepPhone {
			return t.sharedContact(m)
		}
		t.say(t.T("bot.use_buttons"), nil)
		return nil
	}
	if len(m.Photo) > 0 && t.conv != nil && t.conv.Flow == flowComplaint {
		return t.complaintPhoto(m)
	}
	if (m.Document != nil || len(m.Photo) > 0) && t.conv == nil { // a field job's contact (bot/field.go, FLD-2)
		if handled, err := t.fieldCustomerFile(m); handled || err != nil {
			return err
		}
	}
	if m.Text == "" {
		t.say(t.T("bot.text_only"), nil)
		return nil
	}
	if utf8.RuneCountInString(m.Text) > MaxInputLen {
		t.say(fo.Texts.T(t.lang, "err.too_long", MaxInputLen), nil)
		return nil
	}
	if m.IsCommand() {
		return t.command(m.Command(), m.CommandArguments())
	}
	if t.conv != nil {
		switch {
		case t.conv.Flow == flowComplaint:
			return t.complaintText(m.Text)
		case t.conv.Flow == flowSurvey && t.conv.Step == stepComment:
			return t.surveyComment(m.Text)
		case t.conv.Flow == flowStations: // station_customer.go (NET-1)
			return t.nearestStations(m.Text)
		case t.conv.Flow == flowStationCheck: // station_customer.go (NET-4)
			return t.stationCheckComment(m.Text)
		case t.conv.Flow == flowBook && t.conv.Step == stepPlate:
			return t.typedPlate(m.Text)
		case t.conv.Flow == flowBook && t.conv.Step == stepPhone:
			return t.typedPhone(m.Text)
		case t.conv.Flow == flowBook && t.conv.Step == stepName:
			return t.typedName(m.Text)
		}
		t.say(t.T("bot.use_buttons"), nil)
		return nil
	}
	return t.handOff(m)
}

// command handles /start (with a kiosk link token, or plain), /book, /my,
// /complaint, /help and /cancel; any other command — the staff commands
// too, in a customer's chat — gets the help.
func (t *turn) command(cmd, args string) error {
	switch cmd {
	case "start":
		t.conv = nil
		if _, _, ok := fo.ParseFieldLink(args); ok { // a field job's contact (bot/field.go, FLD-2)
			return t.fieldLink(args)
		}
		if args != "" {
			return t.link(args)
		}
		t.welcome()
	case "complaint":
		return t.startComplaint()
	case "book":
		return t.startBooking()
	case "stations": // station_customer.go (NET-1)
		return t.startStations()
	case "my":
		t.conv = nil
		return t.myAppointments()
	case "cancel":
		keyboard := t.conv != nil && t.conv.Keyboard
		t.conv = nil
		t.send(fo.Message{Text: t.T("bot.aborted"), RemoveKeyboard: keyboard})
	default: // help and unknown commands
		t.say(t.T("bot.help", t.st.ShopName(t.lang)), nil)
	}
	return nil
}

// callback handles a button press in a customer's private chat.
func (t *turn) callback(cq *tgbotapi.CallbackQuery) error {
	d := cq.Data
	switch d {
	case dataMenuBook: // a new message: the menu stays usable
		return t.startBooking()
	case dataMenuMy:
		t.conv = nil
		return t.myAppointments()
	case dataMenuContact:
		t.contact()
		return nil
	case dataMenuComplaint:
		return t.startComplaint()
	case dataMenuStations: // station_customer.go (NET-1)
		return t.startStations()
	}
	// Buttons under the store's messages: a complaint's answer (CMP-4),
	// a survey's questions (SUR-1), additional work (INT-6). Each checks
	// that this chat is the one asked; anything else is stale.
	if action, id, ok := fo.ParseComplaintData(d); ok && (action == fo.CmpOK || action == fo.CmpNo) {
		return t.verdict(cq, id, action == fo.CmpOK)
	}
	if id, q, score, ok := fo.ParseSurveyData(d); ok {
		return t.surveyAnswer(cq, id, q, score)
	}
	if id, score, ok := fo.ParseStationCheckData(d); ok { // NET-4 (station_customer.go)
		return t.stationCheckAnswer(cq, id, score)
	}
	if w, ok := parseWorkData(d); ok {
		return t.answerWork(cq, w)
	}
	if id, ok := fo.ParseSignButton(d); ok { // a work order's one-tap signature (INT-4, sign.go)
		return t.sign(id)
	}
	if id, ok := fo.ParseMaintButton(d); ok { // a maintenance reminder's book button
		return t.startMaintBooking(id)
	}
	if action, id, ok := fo.ParseAptButton(d); ok {
		if action == fo.AptMove {
			return t.startMove(id)
		}
		return t.startCancel(id)
	}
	a, ok := parseConvData(d)
	if !ok || t.conv == nil || a.nonce != t.conv.Nonce {
		// An older conversation's button, or forged data.
		t.stale()
		return nil
	}
	// The conversation's own buttons edit their message as it goes on.
	t.editID = cq.Message.MessageID
	switch t.conv.Flow {
	case flowBook:
		return t.bookAction(a)
	case flowMove:
		return t.moveAction(a)
	case flowCancel:
		return t.cancelAction(a)
	case flowComplaint:
		return t.complaintAction(a)
	case flowStations:
		return t.stationsAction(a)
	}
	t.stale()
	return nil
}

// userError reports whether err is a domain error the user should read
// (anything but EINTERNAL); its text is then in the turn's language.
func (t *turn) userError(err error) (string, bool) {
	var e *fo.Error
	if !errors.As(err, &e) || e.Code == fo.EINTERNAL {
		return "", false
	}
	return fo.ErrorText(t.lang, err), true
}
