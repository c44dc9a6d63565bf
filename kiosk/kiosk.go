package kiosk

import (
	"frontoffice/internal/web"
	"net/http"
	"time"

	fo "frontoffice"
)

// checkInStore is what the check-in and walk-in screens use of the store.
type checkInStore interface {
	Settings() (fo.Settings, error)
	AppointmentByCode(code string) (fo.Appointment, error)
	AppointmentForCheckIn(plate, last4 string) (fo.Appointment, error)
	Customer(id uint64) (fo.Customer, error)
	CustomerByPhone(phone string) (fo.Customer, error)
	CheckIn(req fo.CheckInRequest) (fo.Visit, error)
	CreateLinkToken(customerID, visitID uint64) (string, error)
}

// boardStore is what the queue board uses of the store.
type boardStore interface {
	Settings() (fo.Settings, error)
	Board() (fo.Board, error)
	BoardChanged() <-chan struct{}
}

// feedbackStore is what "file a complaint" and "rate your visit" use of
// the store.
type feedbackStore interface {
	Settings() (fo.Settings, error)
	AppointmentByCode(code string) (fo.Appointment, error)
	Customer(id uint64) (fo.Customer, error)
	CustomerByPhone(phone string) (fo.Customer, error)
	VisitsOn(day string) ([]fo.Visit, error)
	VehicleVisits(vehicleID uint64) ([]fo.Visit, error)
	FileComplaint(req fo.ComplaintRequest) (fo.Complaint, error)
	ComplaintByTicket(ticket string) (fo.Complaint, error)
	RateVisit(req fo.RateRequest) (fo.Survey, error)
	VisitSurvey(visitID uint64) (fo.Survey, error)
}

// DefaultKioskIdle is how long the kiosk waits for a touch before it goes
// back to the start screen with every field cleared.
const DefaultKioskIdle = 60 * time.Second

// kioskState is the kiosk's and the board's own state in the Server: the
// kiosk sessions, the guessing limiter and the board's open streams.
type kioskState struct {
	sessions *sessions
	limiter  *limiter
	enrol    enrolLimiter
	board    boardStreams
	// origin refuses state changes sent by pages of other sites.
	origin *http.CrossOriginProtection
}

// kioskIdle returns the configured idle timeout, DefaultKioskIdle when unset.
func (s *Server) kioskIdle() time.Duration {
	if s.cfg.KioskIdle > 0 {
		return s.cfg.KioskIdle
	}
	return DefaultKioskIdle
}

// kioskRoutes adds the kiosk's screens. Every screen is a GET rendered from
// the kiosk session; every action is a POST that changes the session and
// redirects to a screen (303) or, on an error, renders the screen with the
// error and a 4xx status. No personal data ever travels in a URL.
func (s *Server) kioskRoutes(mux *http.ServeMux) {
	s.kiosk.sessions = newSessions(s.cfg.Clock, s.kioskIdle)
	s.kiosk.limiter = newLimiter(s.cfg.Clock)
	s.kiosk.origin = http.NewCrossOriginProtection()
	mux.HandleFunc("GET /kiosk", s.kioskHandler(s.kioskStart))
	mux.HandleFunc("GET /kiosk/{$}", s.kioskHandler(s.kioskStart))
	mux.HandleFunc("POST /kiosk/lang", s.kioskHandler(s.kioskLang))
	mux.HandleFunc("POST /kiosk/reset", s.kioskHandler(s.kioskReset))
	mux.HandleFunc("GET /kiosk/appointment", s.kioskHandler(s.kioskAppointment))
	mux.HandleFunc("POST /kiosk/find", s.kioskHandler(s.kioskFind))
	mux.HandleFunc("GET /kiosk/confirm", s.kioskHandler(s.kioskConfirm))
	mux.HandleFunc("POST /kiosk/checkin", s.kioskHandler(s.kioskCheckIn))
	mux.HandleFunc("GET /kiosk/walkin", s.kioskHandler(s.kioskWalkIn))
	mux.HandleFunc("POST /kiosk/walkin", s.kioskHandler(s.kioskWalkInPost))
	mux.HandleFunc("GET /kiosk/done", s.kioskHandler(s.kioskDone))
	mux.HandleFunc("GET /kiosk/enrol", s.enrolPage)
	mux.HandleFunc("POST /kiosk/enrol", s.enrolPost)
}

// kioskHandler wraps a kiosk handler: it finds or starts the visitor's
// kiosk session (locked for the request) and marks every kiosk response
// Cache-Control: no-store, since most screens show personal data, masked
// or typed, and none may be kept by the browser or shown by "back". A POST
// from a page of another site is refused with 403 (the kiosk has no login
// and so no CSRF token; the browser's Sec-Fetch-Site and Origin headers
// tell), so that no web page can register walk-ins through a browser on
// the shop's network. Only an enrolled device (device.go) gets a session;
// any other gets the page saying that this screen is for the shop's lobby
// devices (403).
func (s *Server) kioskHandler(h func(w http.ResponseWriter, r *http.Request, sess *session)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		if err := s.kiosk.origin.Check(r); err != nil {
			web.PlainError(w, s.texts, http.StatusForbidden, "http.forbidden")
			return
		}
		dev, ok, err := s.device(r)
		if err != nil {
			s.log.Error("kiosk: device", "err", err)
			web.PlainError(w, s.texts, http.StatusInternalServerError, "http.internal")
			return
		}
		if !ok {
			s.notADevice(w, r)
			return
		}
		sess := s.kiosk.sessions.get(w, r, s.cfg.SecureCookies)
		defer sess.mu.Unlock()
		sess.dev = dev
		r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
		h(w, r, sess)
	}
}

// kioskPage is what every kiosk template gets.
type kioskPage struct {
	Lang     fo.Lang
	Screen   string // start, appointment, confirm, walkin, done
	Shop     string
	IdleMS   int64
	Msg      string // the error or notice of the screen, in Lang
	NoReset  bool   // the start screen in its pristine state needs no idle reset
	Greeting string

	Provinces []string
	Find      findState
	Apt       *aptPage
	Walk      walkPage
	Done      *doneView
}

// page builds the common part of a screen from the session.
func (s *Server) page(sess *session, screen string, st *fo.Settings) kioskPage {
	p := kioskPage{Lang: sess.lang, Screen: screen, Shop: st.ShopName(sess.lang), IdleMS: s.kioskIdle().Milliseconds()}
	if sess.msg != nil && sess.msgScreen == screen {
		p.Msg = s.pick(sess.lang, *sess.msg)
	}
	return p
}

// pick returns a text in lang.
func (s *Server) pick(lang fo.Lang, t fo.Text) string {
	if lang == fo.EN && t.En != "" {
		return t.En
	}
	return t.Zh
}

// both returns the text of key in both languages, for a message kept in the
// session across a language switch.
func (s *Server) both(key string, args ...any) *fo.Text {
	return &fo.Text{Zh: s.texts.T(fo.ZH, key, args...), En: s.texts.T(fo.EN, key, args...)}
}

// settings reads the shop settings or answers 500.
func (s *Server) settings(w http.ResponseWriter) (fo.Settings, bool) {
	st, err := s.cfg.Store.Settings()
	if err != nil {
		s.log.Error("kiosk: read settings", "err", err)
		web.PlainError(w, s.texts, http.StatusInternalServerError, "http.internal")
		return st, false
	}
	return st, true
}

// kioskStart is the start screen: the shop's greeting (REC-1) and the two
// ways in. Coming back to it always starts afresh: the flow's state is
// cleared, the language kept.
func (s *Server) kioskStart(w http.ResponseWriter, r *http.Request, sess *session) {
	st, ok := s.settings(w)
	if !ok {
		return
	}
	sess.clearFlow()
	if c, err := r.Cookie(deviceCookie); err == nil && !sess.dev.Local() {
		s.setDeviceCookie(w, c.Value) // kept for another 400 days
	}
	p := s.page(sess, "start", &st)
	p.NoReset = sess.lang == fo.ZH
	// REC-1: every first reply greets with the shop's name.
	p.Greeting = s.texts.T(sess.lang, "k.start.greeting", st.ShopName(sess.lang))
	s.render(w, r, http.StatusOK, "kiosk_start", p)
}

// screens are the screens a language switch may return to.
var screens = map[string]string{
	"start": "/kiosk", "appointment": "/kiosk/appointment", "confirm": "/kiosk/confirm",
	"walkin": "/kiosk/walkin", "done": "/kiosk/done",
	// The complaint and survey screens (complaint.go, rate.go).
	"complaint": "/kiosk/complaint/edit", "complaint_done": "/kiosk/complaint/done",
	"rate": "/kiosk/rate", "rate_visit": "/kiosk/rate/visit", "rate_done": "/kiosk/rate/done",
}

// kioskLang switches the session's language and returns to the screen the
// switch was on, with the screen's state kept.
func (s *Server) kioskLang(w http.ResponseWriter, r *http.Request, sess *session) {
	sess.lang = fo.ParseLang(r.PostFormValue("lang"))
	to, ok := screens[r.PostFormValue("screen")]
	if !ok {
		to = "/kiosk"
	}
	if to == "/kiosk" {
		// The start screen clears the flow; keep the switch only.
		sess.clearFlow()
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// kioskReset ends the visitor's session: every field, message and result is
// cleared and the language goes back to Chinese. The idle timer posts here.
func (s *Server) kioskReset(w http.ResponseWriter, r *http.Request, sess *session) {
	sess.reset()
	http.Redirect(w, r, "/kiosk", http.StatusSeeOther)
}

// kioskError answers an error the visitor can do nothing about: logged
// (without personal data) and apologised for in their language.
func (s *Server) kioskError(w http.ResponseWriter, r *http.Request, sess *session, st *fo.Settings, screen string, err error) {
	code := web.ErrorStatus(err)
	if code == http.StatusInternalServerError {
		s.log.Error("kiosk", "screen", screen, "err", err)
	}
	sess.say(screen, web.ErrorText(err))
	s.renderScreen(w, r, sess, st, screen, code)
}

// renderScreen renders screen from the session with status.
func (s *Server) renderScreen(w http.ResponseWriter, r *http.Request, sess *session, st *fo.Settings, screen string, status int) {
	p := s.page(sess, screen, st)
	switch screen {
	case "appointment":
		p.Provinces = provinceList
		p.Find = sess.find
	case "confirm":
		if sess.apt == nil {
			http.Redirect(w, r, "/kiosk", http.StatusSeeOther)
			return
		}
		p.Apt = s.aptPage(sess, st)
	case "walkin":
		p.Provinces = provinceList
		p.Walk = s.walkPage(sess, st)
	case "done":
		if sess.done == nil {
			http.Redirect(w, r, "/kiosk", http.StatusSeeOther)
			return
		}
		p.Done = sess.done
	}
	s.render(w, r, status, "kiosk_"+screen, p)
}
