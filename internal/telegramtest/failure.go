package telegramtest

import (
	"fmt"
	"strings"
)

// Failure is an error answer queued for a method.
type Failure struct {
	Code        int
	Description string
	RetryAfter  int // seconds, for 429
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

// rule fails every call that match accepts.
type rule struct {
	match func(method string, params map[string]string) bool
	f     Failure
}

// FailWhen makes every later call for which match (given the method and
// the request's parameters: chat_id, text, caption, ...) returns true fail
// with f, until ClearRules: a message Telegram refuses every time.
func (s *Server) FailWhen(match func(method string, params map[string]string) bool, f Failure) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rules = append(s.rules, rule{match, f})
}

// FailText makes every send or edit whose text or caption contains part
// fail with f, until ClearRules.
func (s *Server) FailText(part string, f Failure) {
	s.FailWhen(func(_ string, p map[string]string) bool {
		return strings.Contains(p["text"], part) || strings.Contains(p["caption"], part)
	}, f)
}

// ClearRules drops the rules of FailWhen and FailText.
func (s *Server) ClearRules() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rules = nil
}

// Down makes every call of every method fail with f (502 Bad Gateway when
// f is zero) until Up: Telegram, or the way to it, is down.
func (s *Server) Down(f Failure) {
	if f.Code == 0 {
		f = Failure{Code: 502, Description: "Bad Gateway"}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.down = &f
}

// Up ends Down.
func (s *Server) Up() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.down = nil
}

// ruleFailure reports whether the call fails by Down or a rule, and how.
func (s *Server) ruleFailure(method string, params map[string]string, f *Failure) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.down != nil {
		*f = *s.down
		return true
	}
	for _, r := range s.rules {
		if r.match(method, params) {
			*f = r.f
			return true
		}
	}
	return false
}
