package kiosk

import (
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	fo "frontoffice"
)

// findState is what the appointment screen remembers: which of its two
// forms was used last. The code and digits typed are never kept.
type findState struct {
	Mode string // code, plate
}

// aptView is the appointment found by a lookup, as the kiosk keeps it: its
// id and only masked personal data.
type aptView struct {
	ID        uint64
	Start     time.Time
	ServiceID string
	Plate     string // masked: 京A·***45
	Phone     string // masked to its last 4 digits: *******1234
	Name      string // masked: 张*
	// Linked is set when the customer's Telegram is linked already: the
	// pickup notice goes there, and no QR code is offered that would let
	// whoever stands at the kiosk link another chat instead.
	Linked bool
}

// aptPage is the confirm screen's view of an appointment in a language.
type aptPage struct {
	When, Service, Plate, Phone, Name string
	// Timing explains why the appointment cannot be checked in now (early,
	// late, another day); empty when it can.
	Timing string
}

// doneView is the result screen: the queue number and, when the bot runs,
// the QR code of the Telegram deep link.
type doneView struct {
	QueueNo     string
	Plate       string // masked
	Appointment bool
	QR          template.HTML // inline SVG, empty without a link
	// Linked is set when the customer's Telegram is linked already.
	Linked bool
	link   string // the deep link in the QR code, for tests
}

// provinceList is the plate regions offered on the kiosk, in the order of
// fo.ParsePlate's list.
var provinceList = strings.Split("京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼", "")

// kioskAppointment shows the two ways to find an appointment: its booking
// code, or the plate and the last 4 digits of the phone.
func (s *Server) kioskAppointment(w http.ResponseWriter, r *http.Request, sess *session) {
	st, ok := s.settings(w)
	if !ok {
		return
	}
	s.renderScreen(w, r, sess, &st, "appointment", http.StatusOK)
}

// kioskFind looks the appointment up. Bad input is answered without a
// lookup; lookups are limited per session and per device (limit.go), and
// every miss — an unknown code, a cancelled or checked-in appointment,
// wrong digits — gets the same status and text and counts the same. A hit keeps the
// appointment in the session, masked, and goes to the confirm screen.
func (s *Server) kioskFind(w http.ResponseWriter, r *http.Request, sess *session) {
	st, ok := s.settings(w)
	if !ok {
		return
	}
	sess.msg, sess.apt = nil, nil
	mode := r.PostFormValue("mode")
	sess.find.Mode = mode
	fail := func(status int, key string) {
		sess.say("appointment", s.both(key))
		s.renderScreen(w, r, sess, &st, "appointment", status)
	}
	var lookup func() (fo.Appointment, error)
	switch mode {
	case "code":
		code := fo.NormalizeBookingCode(r.PostFormValue("code"))
		if code == "" {
			fail(http.StatusUnprocessableEntity, "k.find.bad_code")
			return
		}
		lookup = func() (fo.Appointment, error) { return s.cfg.Store.AppointmentByCode(code) }
	case "plate":
		plate, err := fo.ParsePlate(joinPlate(r.PostFormValue("province"), r.PostFormValue("plate")))
		if err != nil {
			fail(http.StatusUnprocessableEntity, "err.plate")
			return
		}
		last4 := strings.TrimSpace(r.PostFormValue("last4"))
		if !last4Re.MatchString(last4) {
			fail(http.StatusUnprocessableEntity, "k.find.bad_last4")
			return
		}
		lookup = func() (fo.Appointment, error) { return s.cfg.Store.AppointmentForCheckIn(plate, last4) }
	default:
		http.Redirect(w, r, "/kiosk/appointment", http.StatusSeeOther)
		return
	}
	if sess.fails >= sessionFails || !s.kiosk.limiter.take(sess.dev, flowLookup) {
		s.log.Warn("kiosk: lookups limited", "device", sess.dev.ID, "session_fails", sess.fails)
		fail(http.StatusTooManyRequests, "k.find.blocked")
		return
	}
	a, err := lookup()
	if err == nil && a.Status != fo.AptBooked {
		// One answer for every miss: a cancelled or checked-in code is
		// answered and counted like an unknown one, so that the kiosk
		// tells nobody which codes exist.
		err = fo.ErrNotFound
	}
	if errors.Is(err, fo.ErrNotFound) {
		sess.fails++
		fail(http.StatusNotFound, "k.find.none")
		return
	}
	if err != nil {
		s.kioskError(w, r, sess, &st, "appointment", err)
		return
	}
	s.kiosk.limiter.refund(sess.dev, flowLookup)
	c, err := s.cfg.Store.Customer(a.CustomerID)
	if err != nil {
		s.kioskError(w, r, sess, &st, "appointment", err)
		return
	}
	sess.apt = &aptView{ID: a.ID, Start: a.Start, ServiceID: a.ServiceID,
		Plate: fo.MaskPlate(a.Plate), Phone: maskLast4(c.Phone), Name: maskName(c.Name), Linked: c.ChatID != 0}
	http.Redirect(w, r, "/kiosk/confirm", http.StatusSeeOther)
}

var last4Re = regexp.MustCompile(`^[0-9]{4}$`)

// joinPlate puts the chosen region before what was typed, unless what was
// typed starts with a region itself.
func joinPlate(province, rest string) string {
	rest = strings.TrimSpace(rest)
	if r, _ := utf8.DecodeRuneInString(rest); r >= 0x4e00 && r <= 0x9fff {
		return rest
	}
	return province + rest
}

// maskLast4 shows only the last 4 digits of a phone: *******5678.
func maskLast4(p string) string {
	if len(p) < 4 {
		return "****"
	}
	return strings.Repeat("*", len(p)-4) + p[len(p)-4:]
}

// maskName keeps the first character of a name: 张*, W***.
func maskName(name string) string {
	r, size := utf8.DecodeRuneInString(name)
	if r == utf8.RuneError {
		return "*"
	}
	return string(r) + strings.Repeat("*", max(1, utf8.RuneCountInString(name[size:])))
}

// kioskConfirm shows the appointment found, masked, with a button to check
// in, or, when it is not the time to check in, why and the way on (walk-in).
func (s *Server) kioskConfirm(w http.ResponseWriter, r *http.Request, sess *session) {
	st, ok := s.settings(w)
	if !ok {
		return
	}
	s.renderScreen(w, r, sess, &st, "confirm", http.StatusOK)
}

// aptPage renders the session's appointment in its language, with the
// check-in window's verdict (fo.CheckInTiming).
func (s *Server) aptPage(sess *session, st *fo.Settings) *aptPage {
	a, lang, loc := sess.apt, sess.lang, st.Location()
	sv, _ := st.Service(a.ServiceID)
	p := &aptPage{When: fo.FormatWhen(lang, a.Start, loc), Service: sv.Name(lang), Plate: a.Plate, Phone: a.Phone, Name: a.Name}
	if key := fo.CheckInTiming(fo.Appointment{Start: a.Start}, s.cfg.Clock.Now(), loc); key != "" {
		p.Timing = s.texts.T(lang, key, fo.FormatWhen(lang, a.Start, loc))
	}
	return p
}

// kioskCheckIn checks the session's appointment in (store.CheckIn), which
// gives the queue number and tells the staff chat the same day (APT-4). An
// early, late or wrong-day arrival stays on the confirm screen with the
// store's answer in the visitor's language and the walk-in button.
func (s *Server) kioskCheckIn(w http.ResponseWriter, r *http.Request, sess *session) {
	if sess.apt == nil {
		to := "/kiosk"
		if sess.done != nil {
			to = "/kiosk/done" // a double tap: the first one checked in
		}
		http.Redirect(w, r, to, http.StatusSeeOther)
		return
	}
	st, ok := s.settings(w)
	if !ok {
		return
	}
	v, err := s.cfg.Store.CheckIn(fo.CheckInRequest{AppointmentID: sess.apt.ID, Source: "kiosk", By: "kiosk"})
	if err != nil {
		var fe *fo.Error
		if fo.ErrCheckInWindow(err) && errors.As(err, &fe) {
			// The store formats the time in the customer's language;
			// the kiosk speaks the visitor's, with the error's text.
			loc := st.Location()
			sess.say("confirm", &fo.Text{
				Zh: s.texts.T(fo.ZH, fe.Key, fo.FormatWhen(fo.ZH, sess.apt.Start, loc)),
				En: s.texts.T(fo.EN, fe.Key, fo.FormatWhen(fo.EN, sess.apt.Start, loc)),
			})
			s.renderScreen(w, r, sess, &st, "confirm", http.StatusUnprocessableEntity)
			return
		}
		s.kioskError(w, r, sess, &st, "confirm", err)
		return
	}
	offer := offerQR
	if sess.apt.Linked {
		offer = offerNone
	}
	sess.msg, sess.apt = nil, nil
	sess.done = s.doneView(v, true, offer)
	http.Redirect(w, r, "/kiosk/done", http.StatusSeeOther)
}

// botNameRe is a Telegram bot username.
var botNameRe = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]{3,31}$`)

// linkOffer is how the result screen offers to link Telegram.
type linkOffer int

const (
	offerQR   linkOffer = iota // a QR code of a fresh deep link
	offerNone                  // the customer's Telegram is linked already
)

// doneView builds the result screen of visit v. When the bot runs, it
// offers the Telegram link as offer says: offerQR gives the QR code of a
// deep link (https://t.me/<bot>?start=<token>) with a fresh single-use
// token that expires (store.CreateLinkToken), so that the customer gets
// the pickup notice in Telegram. Without the bot it offers nothing.
func (s *Server) doneView(v fo.Visit, appointment bool, offer linkOffer) *doneView {
	d := &doneView{QueueNo: v.QueueNo, Plate: fo.MaskPlate(v.Plate), Appointment: appointment}
	bot := s.cfg.BotUsername()
	switch {
	case bot == "":
		return d
	case offer == offerNone:
		d.Linked = true
		return d
	}
	if !botNameRe.MatchString(bot) {
		s.log.Error("kiosk: bad bot username, no QR code", "bot", bot)
		return d
	}
	tok, err := s.cfg.Store.CreateLinkToken(v.CustomerID, v.ID)
	if err != nil {
		s.log.Error("kiosk: link token", "visit", v.ID, "err", err)
		return d
	}
	d.link = "https://t.me/" + bot + "?start=" + url.QueryEscape(tok)
	if d.QR, err = qrSVG(d.link, "Telegram"); err != nil {
		s.log.Error("kiosk: qr code", "visit", v.ID, "err", err)
	}
	return d
}

// kioskDone shows the queue number.
func (s *Server) kioskDone(w http.ResponseWriter, r *http.Request, sess *session) {
	st, ok := s.settings(w)
	if !ok {
		return
	}
	s.renderScreen(w, r, sess, &st, "done", http.StatusOK)
}
