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
// editMessageText, answerCallbackQuery, setMyCommands, getMyCommands,
// deleteMessage and getFile, and serves file downloads (file.go). It
// keeps every chat's bot messages as they stand after edits, records every
// call with its parameters and arrival time, assigns message ids per chat,
// and can fail the next calls of a method (429 with retry_after, 403, 400)
// on demand: the next calls of a method (Fail, RateLimit), every call
// matching a rule (FailWhen, e.g. one message refused with 500 forever),
// every call to a chat (Block), or everything (Down, Up).
//
// Updates behave as Telegram's do: the test queues them (SendText,
// SendPhoto, Press, ShareContact, Reply, Push); getUpdates returns those
// with an id at or above the requested offset and forgets those below it,
// so an update is delivered again until the bot confirms it by asking for
// a higher offset.
package telegramtest

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

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
	rules      []rule   // failures for every matching call, until cleared
	down       *Failure // every call fails so while set (Down)
	blocked    map[int64]bool
	closeOnce  sync.Once

	files files // file downloads (file.go)
}

type chatState struct {
	nextID int
	msgs   []*Message // the bot's messages, in id order
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

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	at := time.Now()
	if strings.HasPrefix(r.URL.Path, "/file/bot") { // file downloads (file.go)
		s.serveFile(w, r)
		return
	}
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
		if f, failed := s.takeFailure(method); failed || s.ruleFailure(method, params, &f) {
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
	case "getMyCommands":
		return []tgbotapi.BotCommand{}, 0, nil
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
	case "getFile": // file.go
		return s.getFile(p)
	}
	return nil, 0, &Failure{Code: 404, Description: "Not Found: method " + method}
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
