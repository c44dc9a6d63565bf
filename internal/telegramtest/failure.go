package telegramtest

import "fmt"

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
