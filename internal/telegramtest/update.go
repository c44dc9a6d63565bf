package telegramtest

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// Customer returns a private-chat user with the given id and
// language_code ("zh", "en", "en-GB", "zh-hant-tw", ...).
func Customer(id int64, languageCode string) tgbotapi.User {
	return tgbotapi.User{ID: id, FirstName: "User" + strconv.FormatInt(id, 10), LanguageCode: languageCode}
}

// Push queues an update and returns its id; a zero UpdateID is assigned
// the next one.
func (s *Server) Push(u tgbotapi.Update) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if u.UpdateID == 0 {
		s.nextUpdate++
		u.UpdateID = s.nextUpdate
	} else if u.UpdateID > s.nextUpdate {
		s.nextUpdate = u.UpdateID
	}
	s.updates = append(s.updates, u)
	slices.SortStableFunc(s.updates, func(a, b tgbotapi.Update) int { return a.UpdateID - b.UpdateID })
	s.changedLocked()
	return u.UpdateID
}

// Redeliver queues again an update pushed earlier, even one the bot
// confirmed: the next getUpdates returns it whatever its offset, as a
// misbehaving server or a replayed webhook would.
func (s *Server) Redeliver(u tgbotapi.Update) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.again = append(s.again, u)
	s.changedLocked()
}

// userMessage builds a message from the user in chatID, taking the chat's
// next message id.
func (s *Server) userMessage(chatID int64, from tgbotapi.User) *tgbotapi.Message {
	s.mu.Lock()
	c := s.chatLocked(chatID)
	c.nextID++
	id := c.nextID
	s.mu.Unlock()
	f := from
	return &tgbotapi.Message{MessageID: id, From: &f, Date: int(time.Now().Unix()), Chat: chatOf(chatID)}
}

// SendText queues a text message from the user in chatID and returns the
// update. Text starting with "/" carries a bot_command entity, as Telegram
// sends commands.
func (s *Server) SendText(chatID int64, from tgbotapi.User, text string) tgbotapi.Update {
	m := s.userMessage(chatID, from)
	m.Text = text
	if strings.HasPrefix(text, "/") {
		cmd, _, _ := strings.Cut(text, " ")
		m.Entities = []tgbotapi.MessageEntity{{Type: "bot_command", Offset: 0, Length: utf16Len(cmd)}}
	}
	u := tgbotapi.Update{Message: m}
	u.UpdateID = s.Push(u)
	return u
}

// Reply queues a text message from the user in chatID that replies to
// the bot's message replyTo.
func (s *Server) Reply(chatID int64, from tgbotapi.User, replyTo int, text string) tgbotapi.Update {
	m := s.userMessage(chatID, from)
	m.Text = text
	orig := &tgbotapi.Message{MessageID: replyTo, Chat: chatOf(chatID), From: &tgbotapi.User{ID: BotUserID, IsBot: true}}
	if bm, ok := s.Message(chatID, replyTo); ok {
		orig.Text = bm.Text
	}
	m.ReplyToMessage = orig
	u := tgbotapi.Update{Message: m}
	u.UpdateID = s.Push(u)
	return u
}

// ShareContact queues the user's own contact, as the request_contact
// button sends it.
func (s *Server) ShareContact(chatID int64, from tgbotapi.User, phone string) tgbotapi.Update {
	return s.SendContact(chatID, from, tgbotapi.Contact{PhoneNumber: phone, FirstName: from.FirstName, UserID: from.ID})
}

// SendContact queues a contact card sent by the user: their own (as
// ShareContact) or anyone's.
func (s *Server) SendContact(chatID int64, from tgbotapi.User, c tgbotapi.Contact) tgbotapi.Update {
	m := s.userMessage(chatID, from)
	m.Contact = &c
	u := tgbotapi.Update{Message: m}
	u.UpdateID = s.Push(u)
	return u
}

// SendPhoto queues a photo from the user in chatID with an optional
// caption. Telegram sends a photo in several sizes, smallest first; the
// sizes here have the file ids fileID+"-s", fileID+"-m" and fileID+"-l".
func (s *Server) SendPhoto(chatID int64, from tgbotapi.User, fileID, caption string) tgbotapi.Update {
	m := s.userMessage(chatID, from)
	m.Caption = caption
	for i, size := range []string{"s", "m", "l"} {
		w := 90 << (2 * i)
		m.Photo = append(m.Photo, tgbotapi.PhotoSize{FileID: fileID + "-" + size, FileUniqueID: "u" + fileID + size,
			Width: w, Height: w * 3 / 4, FileSize: w * w / 4})
	}
	u := tgbotapi.Update{Message: m}
	u.UpdateID = s.Push(u)
	return u
}

// Press queues a callback query: the user pressed the button with data
// on the bot's message messageID in chatID. The data need not be on the
// message, so that tests can forge it.
func (s *Server) Press(chatID int64, from tgbotapi.User, messageID int, data string) tgbotapi.Update {
	msg := &tgbotapi.Message{MessageID: messageID, Chat: chatOf(chatID), From: &tgbotapi.User{ID: BotUserID, IsBot: true}}
	if bm, ok := s.Message(chatID, messageID); ok {
		msg.Text = bm.Text
	}
	f := from
	s.mu.Lock()
	s.nextUpdate++
	id := s.nextUpdate
	s.mu.Unlock()
	u := tgbotapi.Update{UpdateID: id, CallbackQuery: &tgbotapi.CallbackQuery{
		ID: "cq" + strconv.Itoa(id), From: &f, Message: msg, ChatInstance: "ci" + strconv.FormatInt(chatID, 10), Data: data,
	}}
	s.Push(u)
	return u
}

// PressButton presses the inline button whose text or data equals label
// on the newest bot message in chatID that has one.
func (s *Server) PressButton(chatID int64, from tgbotapi.User, label string) (tgbotapi.Update, error) {
	msgs := s.Messages(chatID)
	for i := len(msgs) - 1; i >= 0; i-- {
		if msgs[i].Deleted {
			continue
		}
		if b, ok := msgs[i].Button(label); ok {
			return s.Press(chatID, from, msgs[i].ID, b.Data), nil
		}
	}
	return tgbotapi.Update{}, fmt.Errorf("telegramtest: no button %q in chat %d", label, chatID)
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}
