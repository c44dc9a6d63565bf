package telegramtest

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// WaitFor waits until cond returns true or timeout passes, and reports
// whether cond held. cond is checked at once and after every change the
// server sees (a call, a queued update); it must not block.
func (s *Server) WaitFor(cond func() bool, timeout time.Duration) bool {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		ch := s.notify
		s.mu.Unlock()
		if cond() {
			return true
		}
		select {
		case <-ch:
		case <-deadline.C:
			return cond()
		}
	}
}

// WaitMessage waits until a bot message in chatID satisfies match (nil
// matches any) and returns the newest such message.
func (s *Server) WaitMessage(chatID int64, match func(Message) bool, timeout time.Duration) (Message, bool) {
	var found Message
	ok := s.WaitFor(func() bool {
		msgs := s.Messages(chatID)
		for i := len(msgs) - 1; i >= 0; i-- {
			if match == nil || match(msgs[i]) {
				found = msgs[i]
				return true
			}
		}
		return false
	}, timeout)
	return found, ok
}

// WaitText waits until a bot message in chatID contains every one of
// parts and returns it.
func (s *Server) WaitText(chatID int64, timeout time.Duration, parts ...string) (Message, bool) {
	return s.WaitMessage(chatID, func(m Message) bool {
		for _, p := range parts {
			if !strings.Contains(m.Text, p) {
				return false
			}
		}
		return true
	}, timeout)
}

// Calls returns the recorded calls of the given methods (all calls when
// none is given), oldest first.
func (s *Server) Calls(methods ...string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Call
	for _, c := range s.calls {
		if len(methods) == 0 || slices.Contains(methods, c.Method) {
			out = append(out, c)
		}
	}
	return out
}

// Messages returns the bot's messages in chatID as they stand, deleted
// ones included (see Message.Deleted), oldest first.
func (s *Server) Messages(chatID int64) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chats[chatID]
	if c == nil {
		return nil
	}
	out := make([]Message, 0, len(c.msgs))
	for _, m := range c.msgs {
		out = append(out, m.clone())
	}
	return out
}

// Message returns the bot's message id in chatID.
func (s *Server) Message(chatID int64, id int) (Message, bool) {
	for _, m := range s.Messages(chatID) {
		if m.ID == id {
			return m, true
		}
	}
	return Message{}, false
}

// Last returns the newest bot message in chatID.
func (s *Server) Last(chatID int64) (Message, bool) {
	msgs := s.Messages(chatID)
	if len(msgs) == 0 {
		return Message{}, false
	}
	return msgs[len(msgs)-1], true
}

// Offset returns the highest offset the bot asked getUpdates for: every
// update below it is confirmed.
func (s *Server) Offset() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.offset
}

// Confirmed reports whether the bot confirmed update id by asking for a
// higher offset — that is, whether it finished handling it.
func (s *Server) Confirmed(id int) bool { return s.Offset() > id }

// WaitConfirmed waits until the bot confirmed update id.
func (s *Server) WaitConfirmed(id int, timeout time.Duration) bool {
	return s.WaitFor(func() bool { return s.Confirmed(id) }, timeout)
}

// AnswerText returns the text of the answerCallbackQuery call for the
// callback query of update u, and whether there was one.
func (s *Server) AnswerText(u tgbotapi.Update) (string, bool) {
	if u.CallbackQuery == nil {
		return "", false
	}
	for _, c := range s.Calls("answerCallbackQuery") {
		if c.Params["callback_query_id"] == u.CallbackQuery.ID && c.Code == http.StatusOK {
			return c.Params["text"], true
		}
	}
	return "", false
}

// Commands returns the commands of the last successful setMyCommands call
// for languageCode ("" for the default list) in the default scope (no
// scope, or type "default").
func (s *Server) Commands(languageCode string) []tgbotapi.BotCommand {
	return s.scopedCommands(languageCode, func(sc commandScope) bool { return sc.Type == "" || sc.Type == "default" })
}

// ChatCommands returns the commands of the last successful setMyCommands
// call for languageCode in the scope of one chat (type "chat").
func (s *Server) ChatCommands(chatID int64, languageCode string) []tgbotapi.BotCommand {
	return s.scopedCommands(languageCode, func(sc commandScope) bool { return sc.Type == "chat" && sc.ChatID == chatID })
}

type commandScope struct {
	Type   string `json:"type"`
	ChatID int64  `json:"chat_id"`
}

func (s *Server) scopedCommands(languageCode string, match func(commandScope) bool) []tgbotapi.BotCommand {
	var out []tgbotapi.BotCommand
	for _, c := range s.Calls("setMyCommands") {
		var sc commandScope
		if raw := c.Params["scope"]; raw != "" {
			json.Unmarshal([]byte(raw), &sc)
		}
		if c.Code == http.StatusOK && c.Params["language_code"] == languageCode && match(sc) {
			out = nil
			json.Unmarshal([]byte(c.Params["commands"]), &out)
		}
	}
	return out
}
