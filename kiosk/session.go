package kiosk

import (
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"sync"
	"time"

	fo "frontoffice"
)

// Kiosk sessions.
//
// The flow's state (the appointment found, the walk-in fields already
// accepted, the queue number given) is kept on the server, keyed by a random
// cookie, rather than in hidden signed form fields. Hidden fields would put
// the phone, plate and name into every page as plain text (the signature
// protects integrity, not secrecy), and the kiosk promises that its pages
// show personal data only masked. Server-side state also lets the idle reset
// really forget: a reset drops the state here, so nothing typed by one
// visitor can come back for the next one, with or without JavaScript.
// The state is memory only: a restart forgets half-done flows, which
// the idle reset would have dropped a minute later anyway.

// sessionCookie names the kiosk session cookie: HttpOnly, SameSite=Strict,
// limited to /kiosk, no expiry (gone when the browser closes).
const sessionCookie = "fo_kiosk"

// maxSessions bounds the sessions kept; the lobby has one or two kiosks,
// so only a misbehaving client fills this, and the least recently seen
// session goes first.
const maxSessions = 500

// session is one kiosk visitor's state. Its mutex is held for the duration
// of a request.
type session struct {
	mu   sync.Mutex
	id   string
	seen time.Time
	// dev is the enrolled device of the current request (kioskHandler).
	dev fo.Device

	lang fo.Lang
	// msg is the error or notice shown on msgScreen, in both languages so
	// that a language switch keeps it.
	msg       *fo.Text
	msgScreen string

	find  findState
	apt   *aptView
	walk  walkState
	done  *doneView
	fails int // lookups that found nothing in this session

	// feedback is the state of "file a complaint" and "rate your
	// visit", nil until one of them starts.
	feedback *feedbackFlow
}

// clearFlow forgets everything the visitor did, keeping the language.
func (s *session) clearFlow() {
	s.msg, s.msgScreen = nil, ""
	s.find, s.apt, s.walk, s.done = findState{}, nil, walkState{}, nil
}

// reset forgets everything, language included: the next visitor starts
// on a Chinese start screen.
func (s *session) reset() {
	s.clearFlow()
	s.lang = fo.ZH
	s.fails = 0
	s.feedback = nil
}

// feedbackFlow returns the session's complaint and survey state, fresh
// when it has none. The caller holds s.mu (kioskHandler).
func (s *session) feedbackFlow() *feedbackFlow {
	if s.feedback == nil {
		s.feedback = &feedbackFlow{nonce: newNonce()}
	}
	return s.feedback
}

// freshFeedback forgets the session's complaint and survey state: an
// entry screen starts afresh.
func (s *session) freshFeedback() *feedbackFlow {
	s.feedback = nil
	return s.feedbackFlow()
}

// say sets the message of screen, in both languages.
func (s *session) say(screen string, t *fo.Text) { s.msg, s.msgScreen = t, screen }

// sessions keeps the kiosk sessions in memory.
type sessions struct {
	clock fo.Clock
	idle  func() time.Duration

	mu sync.Mutex
	m  map[string]*session
}

func newSessions(clock fo.Clock, idle func() time.Duration) *sessions {
	return &sessions{clock: clock, idle: idle, m: map[string]*session{}}
}

// get returns the request's session, locked, starting a new one (and
// setting its cookie) when the request has none or an unknown one. A
// session idle for longer than the idle timeout is reset first, so that
// the server forgets a walked-away visitor even when the page's timer did
// not run.
func (ss *sessions) get(w http.ResponseWriter, r *http.Request, secure bool) *session {
	now := ss.clock.Now()
	var sess *session
	if c, err := r.Cookie(sessionCookie); err == nil {
		ss.mu.Lock()
		sess = ss.m[c.Value]
		ss.mu.Unlock()
	}
	if sess == nil {
		sess = &session{id: newSessionID(), lang: fo.ZH, seen: now}
		ss.mu.Lock()
		if len(ss.m) >= maxSessions {
			ss.evict(now)
		}
		ss.m[sess.id] = sess
		ss.mu.Unlock()
		http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: sess.id, Path: "/kiosk",
			HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: secure})
	}
	sess.mu.Lock()
	if now.Sub(sess.seen) > ss.idle() {
		sess.reset()
	}
	sess.seen = now
	return sess
}

// evict drops idle sessions, and the least recently seen one when none
// is idle. The caller holds ss.mu.
func (ss *sessions) evict(now time.Time) {
	oldest, oldestSeen := "", time.Time{}
	for id, s := range ss.m {
		if !s.mu.TryLock() {
			continue // in use right now
		}
		seen := s.seen
		s.mu.Unlock()
		if now.Sub(seen) > ss.idle() {
			delete(ss.m, id)
			continue
		}
		if oldest == "" || seen.Before(oldestSeen) {
			oldest, oldestSeen = id, seen
		}
	}
	if len(ss.m) >= maxSessions && oldest != "" {
		delete(ss.m, oldest)
	}
}

// newSessionID returns 32 random bytes, base64url.
func newSessionID() string {
	b := make([]byte, 32)
	rand.Read(b) // never fails (crypto/rand panics on a broken source)
	return base64.RawURLEncoding.EncodeToString(b)
}
