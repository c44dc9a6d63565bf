package kiosk

import (
	"crypto/rand"
	"encoding/base64"
	"frontoffice/internal/web"
	"net/http"
	"strings"
	"time"

	fo "frontoffice"
)

// The kiosk's after-sales screens, no login, touch, zh/en, in the kiosk's
// layout: "file a complaint" (CMP-1: category, what happened, safety or
// unusable → major (CMP-3), name and phone → a ticket number and the time
// of the answer, CMP-2) and "rate your visit" (SUR-1: the survey of a
// delivered visit found by queue number and the last 4 phone digits or by
// booking code; a low score opens a complaint for the supervisor, SUR-2).
//
// Like the check-in, the flow's state lives on the server, keyed by the
// kiosk session, and personal data is shown only masked and never travels
// in a URL. The state is kept in the kiosk session (feedbackFlow) and
// follows its rules: it is forgotten after the idle timeout and by the
// reset, every entry screen starts afresh, and a finished flow keeps only
// its result screen.

// feedbackFlow is one kiosk session's state in "file a complaint" and
// "rate your visit". It lives in the kiosk session (session.feedback) and
// so follows the session's idle rule.
type feedbackFlow struct {
	cmp     cmpKept
	cmpDone *cmpDone
	// nonce makes a complaint's filing idempotent: a repeated submit
	// returns the complaint filed first.
	nonce string

	rate     *rateVisit
	rateDone *rateDone
}

func newNonce() string {
	b := make([]byte, 12)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// feedback serves the kiosk's complaint and survey screens.
type feedback struct {
	s *Server
}

func (s *Server) lobbyRoutes(mux *http.ServeMux) {
	k := &feedback{s: s}
	mux.HandleFunc("GET /kiosk/complaint", s.kioskHandler(k.complaintStart))
	mux.HandleFunc("GET /kiosk/complaint/edit", s.kioskHandler(k.complaintForm))
	mux.HandleFunc("POST /kiosk/complaint", s.kioskHandler(k.complaintPost))
	mux.HandleFunc("GET /kiosk/complaint/done", s.kioskHandler(k.complaintDone))
	mux.HandleFunc("GET /kiosk/rate", s.kioskHandler(k.rateStart))
	mux.HandleFunc("POST /kiosk/rate/find", s.kioskHandler(k.rateFind))
	mux.HandleFunc("GET /kiosk/rate/visit", s.kioskHandler(k.rateVisitPage))
	mux.HandleFunc("POST /kiosk/rate/visit", s.kioskHandler(k.ratePost))
	mux.HandleFunc("GET /kiosk/rate/done", s.kioskHandler(k.rateDonePage))
}

// lobbyPage is what the after-sales kiosk templates get: the kiosk's
// frame and the screen's view.
type lobbyPage struct {
	kioskPage
	Cmp      *cmpView
	CmpDone  *cmpDone
	Rate     *rateVisit
	Scores   []scoreRow
	RateDone *rateDone
	Service  string // the rated visit's service, in Lang
	Comment  string // kept
	Thanks   string

	zone *time.Location
}

// option is a choice of a select or radio group.
type option struct {
	Value, Label string
	Selected     bool
}

// cmpKept is the complaint form kept on the server after a submission with
// errors. Name and phone are kept only when valid and shown back masked.
type cmpKept struct {
	category, text, major string // major: "yes", "no" or ""
	name, phone           string
	consent               bool
	errs                  map[string]*fo.Text
}

// cmpView is the complaint screen in a language.
type cmpView struct {
	Categories  []option
	Text, Major string
	Name, Phone string // kept, masked
	Consent     bool
	Errs        map[string]string
	Max         int
}

// cmpDone is the result: the ticket and when the answer comes (CMP-2).
type cmpDone struct {
	Ticket string
	Due    time.Time
	Major  bool
}

func (k *feedback) render(w http.ResponseWriter, r *http.Request, sess *session, st *fo.Settings, screen string, status int, fill func(p *lobbyPage)) {
	p := &lobbyPage{kioskPage: k.s.page(sess, screen, st), zone: st.Location()}
	if fill != nil {
		fill(p)
	}
	k.s.render(w, r, status, "lobby_"+screen, p)
}

// cmpView renders the kept form in the session's language.
func (k *feedback) cmpView(sess *session, f *feedbackFlow) *cmpView {
	c, lang := &f.cmp, sess.lang
	v := &cmpView{Text: c.text, Major: c.major, Consent: c.consent, Errs: map[string]string{}, Max: fo.MaxComplaintText}
	for _, cat := range fo.ComplaintCategories {
		v.Categories = append(v.Categories, option{Value: cat, Label: k.s.texts.T(lang, "as.k.cat."+cat), Selected: cat == c.category})
	}
	if c.phone != "" {
		v.Phone = fo.MaskPhone(c.phone)
	}
	if c.name != "" {
		v.Name = maskName(c.name)
	}
	for f, t := range c.errs {
		v.Errs[f] = k.s.pick(lang, *t)
	}
	return v
}

// complaintStart is the entry of "file a complaint": an empty form.
func (k *feedback) complaintStart(w http.ResponseWriter, r *http.Request, sess *session) {
	sess.clearFlow()
	sess.freshFeedback()
	k.complaintForm(w, r, sess)
}

// complaintForm shows the form as kept (after the language switch).
func (k *feedback) complaintForm(w http.ResponseWriter, r *http.Request, sess *session) {
	st, ok := k.s.settings(w)
	if !ok {
		return
	}
	f := sess.feedbackFlow()
	if f.cmpDone != nil {
		http.Redirect(w, r, "/kiosk/complaint/done", http.StatusSeeOther)
		return
	}
	k.render(w, r, sess, &st, "complaint", http.StatusOK, func(p *lobbyPage) { p.Cmp = k.cmpView(sess, f) })
}

// complaintPost files the complaint (CMP-1, channel kiosk): a category,
// what happened (up to 1000 characters), whether it is about safety or a
// vehicle that cannot be used (→ major, 4 hours instead of 24, CMP-3),
// name, phone and consent to keep them. Errors are explained next to their
// fields and keep the rest. A new phone is recorded (REC-2); a phone
// already on file files the complaint on a record of its own, pending for
// the desk to merge (ARC-2): nothing reaches that customer's archive or
// chat until staff confirm. Complaints are limited per device (limit.go).
// The answer goes to the customer's chat when linked, else staff call.
func (k *feedback) complaintPost(w http.ResponseWriter, r *http.Request, sess *session) {
	f := sess.feedbackFlow()
	if f.cmpDone != nil { // a double tap: the first one filed it
		http.Redirect(w, r, "/kiosk/complaint/done", http.StatusSeeOther)
		return
	}
	st, ok := k.s.settings(w)
	if !ok {
		return
	}
	c := &f.cmp
	c.errs = map[string]*fo.Text{}
	sess.msg = nil
	c.category = r.PostFormValue("category")
	if _, err := fo.ParseCategory(c.category); err != nil {
		c.category = ""
		c.errs["category"] = web.ErrorText(err)
	}
	c.text = strings.TrimSpace(r.PostFormValue("text"))
	if _, err := fo.ParseNote(c.text, fo.MaxComplaintText); err != nil {
		c.errs["text"] = k.s.both("as.k.err_text", fo.MaxComplaintText)
	}
	c.major = r.PostFormValue("major")
	if c.major != "yes" && c.major != "no" {
		c.major = ""
		c.errs["major"] = k.s.both("as.k.err_major")
	}
	keep := func(name, raw string, kept *string, parse func(string) (string, error)) {
		if strings.TrimSpace(raw) == "" {
			if *kept == "" {
				_, err := parse("")
				c.errs[name] = web.ErrorText(err)
			}
			return
		}
		v, err := parse(raw)
		if err != nil {
			*kept = ""
			c.errs[name] = web.ErrorText(err)
			return
		}
		*kept = v
	}
	keep("name", r.PostFormValue("name"), &c.name, fo.ParseName)
	keep("phone", r.PostFormValue("phone"), &c.phone, fo.ParsePhone)
	c.consent = r.PostFormValue("consent") == "yes"
	if !c.consent {
		c.errs["consent"] = k.s.both("as.k.err_consent")
	}
	if len(c.errs) > 0 {
		sess.say("complaint", k.s.both("k.walk.fix"))
		k.render(w, r, sess, &st, "complaint", http.StatusUnprocessableEntity, func(p *lobbyPage) { p.Cmp = k.cmpView(sess, f) })
		return
	}
	if !k.s.kiosk.limiter.take(sess.dev, flowComplaint) {
		k.s.log.Warn("kiosk: complaints limited", "device", sess.dev.ID)
		sess.say("complaint", k.s.both("as.k.limited"))
		k.render(w, r, sess, &st, "complaint", http.StatusTooManyRequests, func(p *lobbyPage) { p.Cmp = k.cmpView(sess, f) })
		return
	}
	// ARC-2: a typed phone on file files the complaint on its own record,
	// pending for the desk (Unproven); the answer is the same either way.
	req := fo.ComplaintRequest{Idem: "kiosk:cmp:" + f.nonce, Channel: fo.ChannelKiosk, Category: c.category, Text: c.text,
		Major: c.major == "yes", By: "kiosk", Unproven: true,
		Customer: fo.CustomerInput{Name: c.name, Phone: c.phone, Lang: sess.lang, Consent: true}}
	cm, err := k.s.cfg.Store.FileComplaint(req)
	if err != nil {
		k.fail(w, r, sess, &st, "complaint", err, func(p *lobbyPage) { p.Cmp = k.cmpView(sess, f) })
		return
	}
	f.cmp = cmpKept{}
	f.cmpDone = &cmpDone{Ticket: cm.Ticket, Due: cm.DueAt, Major: cm.Major}
	http.Redirect(w, r, "/kiosk/complaint/done", http.StatusSeeOther)
}

// fail answers an error the visitor can do nothing about on screen: logged
// without personal data when it is ours, apologised for in their language.
func (k *feedback) fail(w http.ResponseWriter, r *http.Request, sess *session, st *fo.Settings, screen string, err error, fill func(p *lobbyPage)) {
	status := web.ErrorStatus(err)
	if status == http.StatusInternalServerError {
		k.s.log.Error("kiosk after-sales", "screen", screen, "err", err)
	}
	sess.say(screen, web.ErrorText(err))
	k.render(w, r, sess, st, screen, status, fill)
}

// complaintDone shows the ticket and the time of the answer (CMP-2).
func (k *feedback) complaintDone(w http.ResponseWriter, r *http.Request, sess *session) {
	f := sess.feedbackFlow()
	if f.cmpDone == nil {
		http.Redirect(w, r, "/kiosk", http.StatusSeeOther)
		return
	}
	st, ok := k.s.settings(w)
	if !ok {
		return
	}
	k.render(w, r, sess, &st, "complaint_done", http.StatusOK, func(p *lobbyPage) { p.CmpDone = f.cmpDone })
}

// When formats an instant for the kiosk's language in the shop's zone.
func (p *lobbyPage) When(t time.Time) string {
	return fo.FormatWhen(p.Lang, t, p.loc())
}

// Day formats a day for the kiosk's language in the shop's zone.
func (p *lobbyPage) Day(t time.Time) string { return fo.FormatDay(p.Lang, t, p.loc()) }

func (p *lobbyPage) loc() *time.Location {
	if p.zone == nil {
		return time.UTC
	}
	return p.zone
}
