package bot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// HTTP deadlines per request: a getUpdates long poll (50 s) gets
// pollDeadline, an upload uploadDeadline, anything else sendDeadline, so
// that a hung connection holds the sender (and a shutdown) up for seconds,
// not a minute.
const (
	pollDeadline   = 65 * time.Second
	uploadDeadline = 60 * time.Second
	sendDeadline   = 20 * time.Second
)

// NewAPI builds the Telegram library's client for token at endpoint (the
// library's "https://host/bot%s/%s" form; the public Bot API when empty)
// and checks the token with getMe. client may be nil; NewAPI uses a copy of
// it whose transport puts a deadline on each request by method (above the
// long poll for getUpdates, shorter for the rest) and whose overall
// timeout, when set, is at least pollDeadline. The token never appears in
// the returned error: the library's errors carry the request URL, and that
// is redacted.
func NewAPI(token, endpoint string, client *http.Client) (*tgbotapi.BotAPI, error) {
	if strings.TrimSpace(token) == "" {
		return nil, errors.New("telegram: the bot token is empty")
	}
	if endpoint == "" {
		endpoint = tgbotapi.APIEndpoint
	}
	if strings.Count(endpoint, "%s") != 2 {
		return nil, fmt.Errorf("telegram: API endpoint %q must have the form https://host/bot%%s/%%s", redactor(token)(endpoint))
	}
	var c http.Client
	if client != nil {
		c = *client
	}
	if c.Timeout != 0 && c.Timeout < pollDeadline {
		c.Timeout = pollDeadline
	}
	c.Transport = deadlineTransport{base: c.Transport, poll: pollDeadline, upload: uploadDeadline, other: sendDeadline}
	api, err := tgbotapi.NewBotAPIWithClient(token, endpoint, &c)
	if err != nil {
		return nil, fmt.Errorf("telegram getMe: %w", redactError(err, redactor(token)))
	}
	return api, nil
}

// deadlineTransport gives each request a deadline by its Bot API method
// (the last element of the URL path). The library makes its requests
// without a context, so this is where a deadline can go.
type deadlineTransport struct {
	base                http.RoundTripper // http.DefaultTransport when nil
	poll, upload, other time.Duration
}

func (t deadlineTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	base := t.base
	if base == nil {
		base = http.DefaultTransport
	}
	d := t.other
	switch {
	case strings.HasSuffix(req.URL.Path, "/getUpdates"):
		d = t.poll
	case strings.HasPrefix(req.Header.Get("Content-Type"), "multipart/"):
		d = t.upload
	}
	ctx, cancel := context.WithTimeout(req.Context(), d)
	resp, err := base.RoundTrip(req.WithContext(ctx))
	if err != nil {
		cancel()
		return nil, err
	}
	resp.Body = cancelBody{ReadCloser: resp.Body, cancel: cancel}
	return resp, nil
}

// cancelBody ends a request's deadline when its body is closed.
type cancelBody struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (b cancelBody) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}

// tokenPattern matches a bot token anywhere, as in ".../bot123:ABC/getMe".
var tokenPattern = regexp.MustCompile(`[0-9]{3,}:[A-Za-z0-9_-]{10,}`)

// redactor returns a function that removes token (and anything that looks
// like a bot token) from s.
func redactor(token string) func(string) string {
	return func(s string) string {
		if token != "" {
			s = strings.ReplaceAll(s, token, "<token>")
		}
		return tokenPattern.ReplaceAllString(s, "<token>")
	}
}

// apiError is an error of the Telegram library with the token removed from
// its text. It unwraps to the library's *tgbotapi.Error when there is one,
// so that errors.As finds the code and retry_after, and never to errors
// that carry the URL.
type apiError struct {
	msg string
	tg  *tgbotapi.Error
}

func (e *apiError) Error() string { return e.msg }

func (e *apiError) Unwrap() error {
	if e.tg == nil {
		return nil
	}
	return e.tg
}

// redactError returns err with the token removed, nil for nil.
func redactError(err error, redact func(string) string) error {
	if err == nil {
		return nil
	}
	e := &apiError{msg: redact(err.Error())}
	var tg *tgbotapi.Error
	if errors.As(err, &tg) {
		e.tg = tg
	}
	return e
}

// request calls the API with the token kept out of any error.
func (b *Bot) request(c tgbotapi.Chattable) (*tgbotapi.APIResponse, error) {
	resp, err := b.api.Request(c)
	return resp, redactError(err, b.redact)
}

// Error classes of a failed request, from the sender's and the poller's
// point of view.
type errClass int

const (
	errNetwork   errClass = iota // no answer: connection, timeout, bad JSON
	errRateLimit                 // 429: wait retry_after
	errServer                    // 5xx or an unknown code: retry later
	errPermanent                 // 4xx: Telegram will never take it
)

// classify sorts err and returns the wait Telegram asked for (429).
func classify(err error) (errClass, time.Duration) {
	var tg *tgbotapi.Error
	if !errors.As(err, &tg) {
		return errNetwork, 0
	}
	code := tg.Code
	if code == 0 {
		// UploadFiles drops the code; the description still starts with
		// Telegram's status text.
		switch {
		case tg.RetryAfter > 0 || strings.HasPrefix(tg.Message, "Too Many Requests"):
			code = 429
		case strings.HasPrefix(tg.Message, "Forbidden"):
			code = 403
		case strings.HasPrefix(tg.Message, "Bad Request"):
			code = 400
		}
	}
	switch {
	case code == 429:
		wait := time.Duration(tg.RetryAfter) * time.Second
		if wait <= 0 {
			wait = 5 * time.Second
		}
		return errRateLimit, wait
	case code >= 400 && code < 500:
		return errPermanent, 0
	}
	return errServer, 0
}

// isNotModified reports whether an edit failed because the message already
// reads so: the edit's purpose is met.
func isNotModified(err error) bool {
	var tg *tgbotapi.Error
	return errors.As(err, &tg) && strings.Contains(tg.Message, "message is not modified")
}

// isEditGone reports whether an edit failed because the message cannot be
// edited any more (deleted, too old, not the bot's): the text is sent as a
// new message instead.
func isEditGone(err error) bool {
	var tg *tgbotapi.Error
	if !errors.As(err, &tg) {
		return false
	}
	m := tg.Message
	return strings.Contains(m, "message to edit not found") || strings.Contains(m, "message can't be edited") ||
		strings.Contains(m, "there is no text in the message to edit")
}
