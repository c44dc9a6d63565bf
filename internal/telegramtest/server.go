// Package telegramtest is a fake Telegram Bot API server for tests. The real
// telegram-bot-api library talks to it over HTTP, so a test exercises the
// same requests, encodings and error paths as production, without a
// network:
//
//	srv := telegramtest.New(t, telegramtest.Options{})
//	api, _ := tgbotapi.NewBotAPIWithAPIEndpoint(telegramtest.Token, srv.Endpoint())
//	srv.SendText(42, telegramtest.Customer(42, "zh"), "/start")
//	msg, ok := srv.WaitMessage(42, func(m telegramtest.Message) bool { return m.HasButton("预约") }, 5*time.Second)
//
// The server answers getMe, getUpdates, sendMessage, sendDocument (multipart),
// editMessageText, answerCallbackQuery, setMyCommands and deleteMessage. It
// keeps every chat's bot messages as they stand after edits, records every
// call with its parameters and arrival time, assigns message ids per chat,
// and can fail the next calls of a method (429 with retry_after, 403, 400)
// on demand.
//
// Updates behave as Telegram's do: the test queues them (SendText, Press,
// ShareContact, Reply, Push); getUpdates returns those with an id at or above
// the requested offset and forgets those below it, so an update is delivered
// again until the bot confirms it by asking for a higher offset.
package telegramtest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// Token is the bot token the server accepts unless Options.Token says
// otherwise. Requests with another token get 401 Unauthorized.
const Token = "123456789:TEST-fake_token-for-telegramtest"

// BotUserID is the user id of the bot, as getMe reports it.
const BotUserID = 100000001

// Options configure a Server. The zero value is a server that long-polls
// like Telegram.
type Options struct {
	// Token is the accepted bot token; Token (the constant) when empty.
	Token string
	// AnswerAtOnce makes getUpdates return at once even when there is
	// nothing to deliver and the request asked for a long poll, like a
	// server (or proxy) that does not long-poll.
	AnswerAtOnce bool
	// MaxLongPoll caps how long getUpdates holds a request open; the
	// request's own timeout when zero.
	MaxLongPoll time.Duration
}

// Server is a fake Bot API server. It is safe for concurrent use. Close it
// (New registers that with the test's Cleanup).
type Server struct {
	srv   *httptest.Server
	opts  Options
	token string
	done  chan struct{}

	mu         sync.Mutex
	notify     chan struct{} // closed and replaced at every change
	nextUpdate int
	updates    []tgbotapi.Update // not confirmed yet, in id order
	again      []tgbotapi.Update // redeliveries, returned once whatever the offset
	offset     int               // the highest offset asked for
	calls      []Call
	chats      map[int64]*chatState
	failures   map[string][]Failure
	blocked    map[int64]bool
	closeOnce  sync.Once
}

type chatState struct {
	nextID int
	msgs   []*Message // the bot's messages, in id order
}

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

// Failure is an error answer queued for a method.
type Failure struct {
	Code        int
	Description string
	RetryAfter  int // seconds, for 429
}

// New starts a server and closes it when the test ends.
func New(tb testing.TB, opts Options) *Server {
	tb.Helper()
	s := &Server{
		opts:     opts,
		token:    opts.Token,
		done:     make(chan struct{}),
		notify:   make(chan struct{}),
		chats:    map[int64]*chatState{},
		failures: map[string][]Failure{},
		blocked:  map[int64]bool{},
	}
	if s.token == "" {
		s.token = Token
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serveHTTP))
	tb.Cleanup(s.Close)
	return s
}

// Close stops the server, ending any getUpdates it holds open.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		close(s.done)
		s.srv.Close()
	})
}

// Endpoint returns the API endpoint in the library's form,
// "http://127.0.0.1:port/bot%s/%s".
func (s *Server) Endpoint() string { return s.srv.URL + "/bot%s/%s" }

// URL returns the server's base URL.
func (s *Server) URL() string { return s.srv.URL }

// changedLocked wakes everyone waiting for a change. s.mu is held.
func (s *Server) changedLocked() {
	close(s.notify)
	s.notify = make(chan struct{})
}

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

// Fail makes the next n calls of method fail with f.
func (s *Server) Fail(method string, n int, f Failure) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		s.failures[method] = append(s.failures[method], f)
	}
}

// RateLimit makes the next n calls of method answer 429 Too Many Requests
// with retry_after seconds.
func (s *Server) RateLimit(method string, n, retryAfter int) {
	s.Fail(method, n, Failure{Code: 429, Description: fmt.Sprintf("Too Many Requests: retry after %d", retryAfter), RetryAfter: retryAfter})
}

// Block makes every later message to chatID fail with 403, as when the
// user blocked the bot.
func (s *Server) Block(chatID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.blocked[chatID] = true
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

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	at := time.Now()
	tok, method, ok := strings.Cut(strings.TrimPrefix(r.URL.Path, "/bot"), "/")
	params, files, err := readParams(r)
	call := Call{Method: method, Params: params, Files: files, At: at, Code: http.StatusOK}
	switch {
	case !ok || !strings.HasPrefix(r.URL.Path, "/bot"):
		call.Code = http.StatusNotFound
		writeError(w, Failure{Code: 404, Description: "Not Found"})
	case tok != s.token:
		call.Code = http.StatusUnauthorized
		writeError(w, Failure{Code: 401, Description: "Unauthorized"})
	case err != nil:
		call.Code = http.StatusBadRequest
		writeError(w, Failure{Code: 400, Description: "Bad Request: " + err.Error()})
	default:
		if f, failed := s.takeFailure(method); failed {
			call.Code = f.Code
			s.record(call)
			writeError(w, f)
			return
		}
		if method == "getUpdates" {
			// Recorded before it blocks, so that the call list shows the
			// poll in progress.
			s.record(call)
			s.getUpdates(w, r, params)
			return
		}
		result, msgID, f := s.handle(method, params, files, at)
		call.MessageID = msgID
		if f != nil {
			call.Code = f.Code
			s.record(call)
			writeError(w, *f)
			return
		}
		s.record(call)
		writeResult(w, result)
		return
	}
	s.record(call)
}

func (s *Server) record(c Call) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = append(s.calls, c)
	s.changedLocked()
}

func (s *Server) takeFailure(method string) (Failure, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q := s.failures[method]
	if len(q) == 0 {
		return Failure{}, false
	}
	s.failures[method] = q[1:]
	return q[0], true
}

func readParams(r *http.Request) (map[string]string, map[string]File, error) {
	params := map[string]string{}
	files := map[string]File{}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		if err := r.ParseMultipartForm(32 << 20); err != nil {
			return params, files, err
		}
		for k, v := range r.MultipartForm.Value {
			params[k] = v[0]
		}
		for k, fhs := range r.MultipartForm.File {
			f, err := fhs[0].Open()
			if err != nil {
				return params, files, err
			}
			data, err := io.ReadAll(f)
			f.Close()
			if err != nil {
				return params, files, err
			}
			files[k] = File{Name: fhs[0].Filename, Data: data}
		}
		return params, files, nil
	}
	if err := r.ParseForm(); err != nil {
		return params, files, err
	}
	for k, v := range r.Form {
		params[k] = v[0]
	}
	return params, files, nil
}

func writeResult(w http.ResponseWriter, result any) {
	raw, err := json.Marshal(result)
	if err != nil {
		writeError(w, Failure{Code: 500, Description: "Internal Server Error: " + err.Error()})
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(tgbotapi.APIResponse{Ok: true, Result: raw})
}

func writeError(w http.ResponseWriter, f Failure) {
	resp := tgbotapi.APIResponse{Ok: false, ErrorCode: f.Code, Description: f.Description}
	if f.RetryAfter > 0 {
		resp.Parameters = &tgbotapi.ResponseParameters{RetryAfter: f.RetryAfter}
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(f.Code)
	json.NewEncoder(w).Encode(resp)
}

func badRequest(desc string) *Failure {
	return &Failure{Code: 400, Description: "Bad Request: " + desc}
}

// handle answers every method but getUpdates.
func (s *Server) handle(method string, p map[string]string, files map[string]File, at time.Time) (any, int, *Failure) {
	switch method {
	case "getMe":
		return tgbotapi.User{ID: BotUserID, IsBot: true, FirstName: "Front Office", UserName: "frontoffice_test_bot"}, 0, nil
	case "answerCallbackQuery":
		if p["callback_query_id"] == "" {
			return nil, 0, badRequest("query id is empty")
		}
		return true, 0, nil
	case "setMyCommands":
		var cmds []tgbotapi.BotCommand
		if err := json.Unmarshal([]byte(p["commands"]), &cmds); err != nil || len(cmds) == 0 {
			return nil, 0, badRequest("commands are invalid")
		}
		return true, 0, nil
	case "deleteMessage":
		s.mu.Lock()
		defer s.mu.Unlock()
		m := s.findLocked(p)
		if m == nil {
			return nil, 0, badRequest("message to delete not found")
		}
		m.Deleted = true
		return true, m.ID, nil
	case "sendMessage", "sendDocument":
		return s.send(method, p, files, at)
	case "editMessageText":
		return s.edit(p)
	}
	return nil, 0, &Failure{Code: 404, Description: "Not Found: method " + method}
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

// getUpdates answers with the queued updates at or above the offset,
// holding the request open up to its timeout when there are none.
func (s *Server) getUpdates(w http.ResponseWriter, r *http.Request, p map[string]string) {
	offset, _ := strconv.Atoi(p["offset"])
	limit, _ := strconv.Atoi(p["limit"])
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	timeout, _ := strconv.Atoi(p["timeout"])
	wait := time.Duration(timeout) * time.Second
	if s.opts.AnswerAtOnce {
		wait = 0
	} else if s.opts.MaxLongPoll > 0 && wait > s.opts.MaxLongPoll {
		wait = s.opts.MaxLongPoll
	}
	deadline := time.NewTimer(wait)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		if offset > s.offset {
			s.offset = offset
			s.changedLocked()
		}
		// Updates below the offset are confirmed: Telegram forgets them.
		for len(s.updates) > 0 && s.updates[0].UpdateID < offset {
			s.updates = s.updates[1:]
		}
		out := s.again
		s.again = nil
		for _, u := range s.updates {
			if len(out) >= limit {
				break
			}
			out = append(out, u)
		}
		ch := s.notify
		s.mu.Unlock()
		if len(out) > 0 {
			writeResult(w, out)
			return
		}
		select {
		case <-ch:
		case <-deadline.C:
			writeResult(w, []tgbotapi.Update{})
			return
		case <-s.done:
			writeResult(w, []tgbotapi.Update{})
			return
		case <-r.Context().Done():
			return
		}
	}
}

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
// for languageCode ("" for the default list).
func (s *Server) Commands(languageCode string) []tgbotapi.BotCommand {
	var out []tgbotapi.BotCommand
	for _, c := range s.Calls("setMyCommands") {
		if c.Code == http.StatusOK && c.Params["language_code"] == languageCode {
			out = nil
			json.Unmarshal([]byte(c.Params["commands"]), &out)
		}
	}
	return out
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
