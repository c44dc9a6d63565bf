package kiosk

import (
	"errors"
	"frontoffice/internal/web"
	"net/http"
	"strings"

	fo "frontoffice"
)

// walkState is the walk-in form kept in the session after a submission
// with errors. Plate, phone and name are kept only when they were valid,
// and are shown back masked, never as the value of a field: the visitor
// leaves such a field empty to keep it or types it again to change it.
type walkState struct {
	plate, phone, name string
	service            string
	concern            string
	consent            bool
	errs               map[string]*fo.Text // field → message
}

// walkPage is the walk-in screen's view in a language.
type walkPage struct {
	// Kept values, masked; empty when none is kept.
	Plate, Phone, Name string
	Services           []serviceOption
	Concern            string
	Consent            bool
	Errs               map[string]string
	Max                int
}

// serviceOption is a service offered on the walk-in screen.
type serviceOption struct {
	ID, Name string
	Checked  bool
}

// walkPage renders the session's walk-in form in its language.
func (s *Server) walkPage(sess *session, st *fo.Settings) walkPage {
	ws, lang := &sess.walk, sess.lang
	p := walkPage{Concern: ws.concern, Consent: ws.consent, Errs: map[string]string{}, Max: fo.MaxConcern}
	if ws.plate != "" {
		p.Plate = fo.MaskPlate(ws.plate)
	}
	if ws.phone != "" {
		p.Phone = fo.MaskPhone(ws.phone)
	}
	if ws.name != "" {
		p.Name = maskName(ws.name)
	}
	for _, sv := range st.Services {
		p.Services = append(p.Services, serviceOption{ID: sv.ID, Name: sv.Name(lang), Checked: ws.service == sv.ID})
	}
	p.Services = append(p.Services, serviceOption{ID: "other", Name: s.texts.T(lang, "k.walk.other"), Checked: ws.service == "other"})
	for f, t := range ws.errs {
		p.Errs[f] = s.pick(lang, *t)
	}
	return p
}

// kioskWalkIn shows the walk-in form.
func (s *Server) kioskWalkIn(w http.ResponseWriter, r *http.Request, sess *session) {
	st, ok := s.settings(w)
	if !ok {
		return
	}
	s.renderScreen(w, r, sess, &st, "walkin", http.StatusOK)
}

// kioskWalkInPost registers a walk-in: plate, phone and name are checked
// with the domain's parsers, a service is chosen, what is wrong is up to
// 500 characters (INT-1: the purpose, asked at once) and consent to keep
// the data is required. Any error changes nothing, is explained next to
// its field in the visitor's language and keeps the other fields. A valid
// form creates the customer's archive (ARC-1), or, when the phone or plate
// is on file, a visit pending for the desk (ARC-2), and gives a W queue
// number (store.CheckIn); walk-ins are limited per device (limit.go).
func (s *Server) kioskWalkInPost(w http.ResponseWriter, r *http.Request, sess *session) {
	if sess.done != nil {
		// A double tap: the first one registered.
		http.Redirect(w, r, "/kiosk/done", http.StatusSeeOther)
		return
	}
	st, ok := s.settings(w)
	if !ok {
		return
	}
	ws := &sess.walk
	ws.errs = map[string]*fo.Text{}
	sess.msg = nil

	// Each personal field: typed → parsed (kept when valid, dropped
	// when not); left empty → the kept value, if any.
	field := func(name, raw, in string, kept *string, parse func(string) (string, error)) {
		if strings.TrimSpace(raw) == "" {
			if *kept == "" {
				_, err := parse("")
				ws.errs[name] = web.ErrorText(err)
			}
			return
		}
		v, err := parse(in)
		if err != nil {
			*kept = ""
			ws.errs[name] = web.ErrorText(err)
			return
		}
		*kept = v
	}
	plate := r.PostFormValue("plate")
	field("plate", plate, joinPlate(r.PostFormValue("province"), plate), &ws.plate, fo.ParsePlate)
	field("phone", r.PostFormValue("phone"), r.PostFormValue("phone"), &ws.phone, fo.ParsePhone)
	field("name", r.PostFormValue("name"), r.PostFormValue("name"), &ws.name, fo.ParseName)

	ws.service = r.PostFormValue("service")
	serviceID := ws.service
	if ws.service == "other" {
		serviceID = ""
	} else if _, ok := st.Service(ws.service); !ok {
		ws.service = ""
		ws.errs["service"] = s.both("k.walk.err_service")
	}
	ws.concern = strings.TrimSpace(r.PostFormValue("concern"))
	// The concern's limit is the domain's (fo.CheckInRequest.Validate).
	var fe *fo.FieldError
	if err := (&fo.CheckInRequest{Concern: ws.concern}).Validate(); errors.As(err, &fe) {
		ws.errs[fe.Field] = web.ErrorText(err)
	}
	ws.consent = r.PostFormValue("consent") == "yes"
	if !ws.consent {
		ws.errs["consent"] = s.both("k.walk.err_consent")
	}
	if len(ws.errs) > 0 {
		sess.say("walkin", s.both("k.walk.fix"))
		s.renderScreen(w, r, sess, &st, "walkin", http.StatusUnprocessableEntity)
		return
	}

	if !s.kiosk.limiter.take(sess.dev, flowWalkIn) {
		s.log.Warn("kiosk: walk-ins limited", "device", sess.dev.ID)
		sess.say("walkin", s.both("k.walk.limited"))
		s.renderScreen(w, r, sess, &st, "walkin", http.StatusTooManyRequests)
		return
	}
	// ARC-2: what is typed here proves nothing. A phone or plate on file
	// makes the visit pending for the desk (Unproven, fo.KioskMatch); the
	// visit is recorded on its own and nothing joins the archive on file.
	// The answer is the same either way: the queue number and the QR code
	// linking Telegram to the visit's own record, never to an archive.
	v, err := s.cfg.Store.CheckIn(fo.CheckInRequest{
		Customer:  fo.CustomerInput{Name: ws.name, Phone: ws.phone, Lang: sess.lang, Consent: true},
		Plate:     ws.plate,
		ServiceID: serviceID,
		Concern:   ws.concern,
		Source:    "kiosk",
		By:        "kiosk",
		Unproven:  true,
	})
	if err != nil {
		s.kioskError(w, r, sess, &st, "walkin", err)
		return
	}
	sess.walk = walkState{}
	sess.done = s.doneView(v, false, offerQR)
	http.Redirect(w, r, "/kiosk/done", http.StatusSeeOther)
}
