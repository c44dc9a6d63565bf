package telegramtest

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// Call is one request the server received.
type Call struct {
	Method string
	// Params holds the form or multipart fields, JSON values as sent.
	Params map[string]string
	// Files holds uploaded files by field name (sendDocument: "document").
	Files map[string]File
	At    time.Time
	// Code is 200 for a successful call, else the error code answered.
	Code int
	// MessageID is the message a send created or an edit changed.
	MessageID int
}

// ChatID returns the call's chat_id parameter, 0 when absent.
func (c Call) ChatID() int64 {
	id, _ := strconv.ParseInt(c.Params["chat_id"], 10, 64)
	return id
}

// File is an uploaded file.
type File struct {
	Name string
	Data []byte
}

// Message is a message the bot sent, as it stands after any edits.
type Message struct {
	ID     int
	ChatID int64
	// Text is the message's text, or a document's caption.
	Text string
	// Buttons is the inline keyboard.
	Buttons [][]Button
	// Keyboard holds the labels of a reply keyboard; AskContact is set when
	// one of its buttons requests the user's contact.
	Keyboard       []string
	AskContact     bool
	RemoveKeyboard bool
	Document       *File
	// Edits counts editMessageText calls that changed the message.
	Edits   int
	Deleted bool
	SentAt  time.Time
}

// Button is an inline keyboard button.
type Button struct {
	Text string
	Data string
	URL  string
}

// HasButton reports whether the message has an inline button whose text
// or callback data equals s.
func (m Message) HasButton(s string) bool {
	_, ok := m.Button(s)
	return ok
}

// Button returns the inline button whose text or callback data equals s.
func (m Message) Button(s string) (Button, bool) {
	for _, row := range m.Buttons {
		for _, b := range row {
			if b.Text == s || b.Data == s {
				return b, true
			}
		}
	}
	return Button{}, false
}

// ButtonWithPrefix returns the first inline button whose text or callback
// data starts with prefix.
func (m Message) ButtonWithPrefix(prefix string) (Button, bool) {
	for _, row := range m.Buttons {
		for _, b := range row {
			if strings.HasPrefix(b.Text, prefix) || strings.HasPrefix(b.Data, prefix) {
				return b, true
			}
		}
	}
	return Button{}, false
}

func (m *Message) clone() Message {
	c := *m
	c.Buttons = make([][]Button, len(m.Buttons))
	for i, row := range m.Buttons {
		c.Buttons[i] = slices.Clone(row)
	}
	c.Keyboard = slices.Clone(m.Keyboard)
	if m.Document != nil {
		d := *m.Document
		c.Document = &d
	}
	return c
}

func (s *Server) findLocked(p map[string]string) *Message {
	chatID, _ := strconv.ParseInt(p["chat_id"], 10, 64)
	id, _ := strconv.Atoi(p["message_id"])
	c := s.chats[chatID]
	if c == nil {
		return nil
	}
	for _, m := range c.msgs {
		if m.ID == id && !m.Deleted {
			return m
		}
	}
	return nil
}

// markup is reply_markup in any of its forms.
type markup struct {
	InlineKeyboard [][]struct {
		Text         string `json:"text"`
		CallbackData string `json:"callback_data"`
		URL          string `json:"url"`
	} `json:"inline_keyboard"`
	Keyboard [][]struct {
		Text           string `json:"text"`
		RequestContact bool   `json:"request_contact"`
	} `json:"keyboard"`
	RemoveKeyboard bool `json:"remove_keyboard"`
}

// applyMarkup reads reply_markup into m, checking the limits Telegram
// enforces on callback data.
func applyMarkup(m *Message, raw string) *Failure {
	m.Buttons, m.Keyboard, m.AskContact, m.RemoveKeyboard = nil, nil, false, false
	if raw == "" {
		return nil
	}
	var mk markup
	if err := json.Unmarshal([]byte(raw), &mk); err != nil {
		return badRequest("can't parse reply keyboard markup JSON object")
	}
	for _, row := range mk.InlineKeyboard {
		var out []Button
		for _, b := range row {
			if b.CallbackData == "" && b.URL == "" {
				return badRequest("BUTTON_DATA_INVALID")
			}
			if len(b.CallbackData) > tgMaxCallbackData {
				return badRequest("BUTTON_DATA_INVALID")
			}
			out = append(out, Button{Text: b.Text, Data: b.CallbackData, URL: b.URL})
		}
		m.Buttons = append(m.Buttons, out)
	}
	for _, row := range mk.Keyboard {
		for _, b := range row {
			m.Keyboard = append(m.Keyboard, b.Text)
			m.AskContact = m.AskContact || b.RequestContact
		}
	}
	m.RemoveKeyboard = mk.RemoveKeyboard
	return nil
}

// Telegram's limits.
const (
	tgMaxText         = 4096
	tgMaxCaption      = 1024
	tgMaxCallbackData = 64
)

func (s *Server) send(method string, p map[string]string, files map[string]File, at time.Time) (any, int, *Failure) {
	chatID, err := strconv.ParseInt(p["chat_id"], 10, 64)
	if err != nil || chatID == 0 {
		return nil, 0, badRequest("chat not found")
	}
	m := &Message{ChatID: chatID, SentAt: at}
	if method == "sendDocument" {
		doc, ok := files["document"]
		if !ok {
			return nil, 0, badRequest("there is no document in the request")
		}
		m.Document = &doc
		m.Text = p["caption"]
		if utf8.RuneCountInString(m.Text) > tgMaxCaption {
			return nil, 0, badRequest("message caption is too long")
		}
	} else {
		m.Text = p["text"]
		if m.Text == "" {
			return nil, 0, badRequest("message text is empty")
		}
		if utf8.RuneCountInString(m.Text) > tgMaxText {
			return nil, 0, badRequest("message is too long")
		}
	}
	if f := applyMarkup(m, p["reply_markup"]); f != nil {
		return nil, 0, f
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.blocked[chatID] {
		return nil, 0, &Failure{Code: 403, Description: "Forbidden: bot was blocked by the user"}
	}
	c := s.chatLocked(chatID)
	c.nextID++
	m.ID = c.nextID
	c.msgs = append(c.msgs, m)
	return s.tgMessage(m), m.ID, nil
}

func (s *Server) edit(p map[string]string) (any, int, *Failure) {
	s.mu.Lock()
	defer s.mu.Unlock()
	chatID, _ := strconv.ParseInt(p["chat_id"], 10, 64)
	if s.blocked[chatID] {
		return nil, 0, &Failure{Code: 403, Description: "Forbidden: bot was blocked by the user"}
	}
	m := s.findLocked(p)
	if m == nil {
		return nil, 0, badRequest("message to edit not found")
	}
	if m.Document != nil {
		return nil, m.ID, badRequest("there is no text in the message to edit")
	}
	text := p["text"]
	if text == "" {
		return nil, m.ID, badRequest("message text is empty")
	}
	if utf8.RuneCountInString(text) > tgMaxText {
		return nil, m.ID, badRequest("message is too long")
	}
	next := m.clone()
	next.Text = text
	if f := applyMarkup(&next, p["reply_markup"]); f != nil {
		return nil, m.ID, f
	}
	if next.Text == m.Text && slices.EqualFunc(next.Buttons, m.Buttons, slices.Equal) {
		return nil, m.ID, badRequest("message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message")
	}
	// An edit keeps a reply keyboard the message had; only the inline
	// keyboard and the text change.
	m.Text, m.Buttons = next.Text, next.Buttons
	m.Edits++
	return s.tgMessage(m), m.ID, nil
}

func (s *Server) chatLocked(chatID int64) *chatState {
	c := s.chats[chatID]
	if c == nil {
		c = &chatState{}
		s.chats[chatID] = c
	}
	return c
}

func chatOf(chatID int64) *tgbotapi.Chat {
	if chatID < 0 {
		return &tgbotapi.Chat{ID: chatID, Type: "supergroup", Title: "Staff " + strconv.FormatInt(-chatID, 10)}
	}
	return &tgbotapi.Chat{ID: chatID, Type: "private"}
}

// tgMessage is m as the Bot API returns it.
func (s *Server) tgMessage(m *Message) tgbotapi.Message {
	msg := tgbotapi.Message{
		MessageID: m.ID,
		From:      &tgbotapi.User{ID: BotUserID, IsBot: true, FirstName: "Front Office"},
		Date:      int(m.SentAt.Unix()),
		Chat:      chatOf(m.ChatID),
	}
	if m.Document != nil {
		msg.Caption = m.Text
		msg.Document = &tgbotapi.Document{FileID: "doc-" + strconv.Itoa(m.ID), FileName: m.Document.Name}
	} else {
		msg.Text = m.Text
	}
	return msg
}
