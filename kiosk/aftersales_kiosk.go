package kiosk

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"net/http"
	"strings"
	"sync"
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
// in a URL. The state is kept here, beside the kiosk session rather than
// in it, and follows the session's idle rule: it is forgotten after the
// idle timeout, every entry screen starts afresh, and a finished flow
// keeps only its result screen.

// asFlow is one kiosk session's after-sales state.
type asFlow struct {
	seen time.Time

	cmp     cmpKept
	cmpDone *cmpDone
	// nonce makes a complaint's filing idempotent: a repeated submit
	// returns the complaint filed first.
	nonce string

	rate     *rateVisit
	rateDone *rateDone
}

// asFlows keeps the after-sales state of the kiosk sessions.
type asFlows struct {
	clock fo.Clock
	idle  func() time.Duration

	mu sync.Mutex
	m  map[string]*asFlow
}

// flow returns the state of sess, fresh when it has none or it went idle.
// The caller holds sess.mu (kioskHandler), so one session's state is used
// by one request at a time.
func (fs *asFlows) flow(sess *session) *asFlow {
	now := fs.clock.Now()
	fs.mu.Lock()
	defer fs.mu.Unlock()
	f := fs.m[sess.id]
	if f == nil || now.Sub(f.seen) > fs.idle() {
		if len(fs.m) >= maxSessions {
			for id, g := range fs.m {
				if now.Sub(g.seen) > fs.idle() || len(fs.m) >= maxSessions {
					delete(fs.m, id)
				}
			}
		}
		f = &asFlow{nonce: newNonce()}
		fs.m[sess.id] = f
	}
	f.seen = now
	return f
}

// fresh forgets sess's state: an entry screen starts afresh.
func (fs *asFlows) fresh(sess *session) *asFlow {
	fs.mu.Lock()
	delete(fs.m, sess.id)
	fs.mu.Unlock()
	return fs.flow(sess)
}

func newNonce() string {
	b := make([]byte, 12)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// asKiosk serves the kiosk's after-sales screens.
type asKiosk struct {
	s     *Server
	flows *asFlows
}

func (s *Server) afterSalesKioskRoutes(mux *http.ServeMux) {
	k := &asKiosk{s: s, flows: &asFlows{clock: s.cfg.Clock, idle: s.kioskIdle, m: map[string]*asFlow{}}}
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

// asKioskPage is what the after-sales kiosk templates get: the kiosk's
// frame and the screen's view.
type asKioskPage struct {
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

func (k *asKiosk) render(w http.ResponseWriter, r *http.Request, sess *session, st *fo.Settings, screen string, status int, fill func(p *asKioskPage)) {
	p := &asKioskPage{kioskPage: k.s.page(sess, screen, st), zone: st.Location()}
	if fill != nil {
		fill(p)
	}
	k.s.render(w, r, status, "aftersales_kiosk_"+screen, p)
}

// cmpView renders the kept form in the session's language.
func (k *asKiosk) cmpView(sess *session, f *asFlow) *cmpView {
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
func (k *asKiosk) complaintStart(w http.ResponseWriter, r *http.Request, sess *session) {
	sess.clearFlow()
	k.flows.fresh(sess)
	k.complaintForm(w, r, sess)
}

// complaintForm shows the form as kept (after the language switch).
func (k *asKiosk) complaintForm(w http.ResponseWriter, r *http.Request, sess *session) {
	st, ok := k.s.settings(w)
	if !ok {
		return
	}
	f := k.flows.flow(sess)
	if f.cmpDone != nil {
		http.Redirect(w, r, "/kiosk/complaint/done", http.StatusSeeOther)
		return
	}
	k.render(w, r, sess, &st, "complaint", http.StatusOK, func(p *asKioskPage) { p.Cmp = k.cmpView(sess, f) })
}

// complaintPost files the complaint (CMP-1, channel kiosk): a category,
// what happened (up to 1000 characters), whether it is about safety or a
// vehicle that cannot be used (→ major, 4 hours instead of 24, CMP-3),
// name, phone and consent to keep them. Errors are explained next to their
// fields and keep the rest. A phone already on file files the complaint on
// that customer without changing their record (whoever stands at the
// kiosk may not rename a customer); a new one is recorded (REC-2). The
// answer goes to the customer's chat when linked, else staff call.
func (k *asKiosk) complaintPost(w http.ResponseWriter, r *http.Request, sess *session) {
	f := k.flows.flow(sess)
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
		c.errs["category"] = k.s.errText(err)
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
				c.errs[name] = k.s.errText(err)
			}
			return
		}
		v, err := parse(raw)
		if err != nil {
			*kept = ""
			c.errs[name] = k.s.errText(err)
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
		k.render(w, r, sess, &st, "complaint", http.StatusUnprocessableEntity, func(p *asKioskPage) { p.Cmp = k.cmpView(sess, f) })
		return
	}
	req := fo.ComplaintRequest{Idem: "kiosk:cmp:" + f.nonce, Channel: fo.ChannelKiosk, Category: c.category, Text: c.text,
		Major: c.major == "yes", By: "kiosk"}
	cu, err := k.s.cfg.Store.CustomerByPhone(c.phone)
	switch {
	case err == nil:
		req.CustomerID, req.Customer.Lang = cu.ID, sess.lang
	case errors.Is(err, fo.ErrNotFound):
		req.Customer = fo.CustomerInput{Name: c.name, Phone: c.phone, Lang: sess.lang, Consent: true}
	default:
		k.fail(w, r, sess, &st, "complaint", err, func(p *asKioskPage) { p.Cmp = k.cmpView(sess, f) })
		return
	}
	cm, err := k.s.cfg.Store.FileComplaint(req)
	if err != nil {
		k.fail(w, r, sess, &st, "complaint", err, func(p *asKioskPage) { p.Cmp = k.cmpView(sess, f) })
		return
	}
	f.cmp = cmpKept{}
	f.cmpDone = &cmpDone{Ticket: cm.Ticket, Due: cm.DueAt, Major: cm.Major}
	http.Redirect(w, r, "/kiosk/complaint/done", http.StatusSeeOther)
}

// fail answers an error the visitor can do nothing about on screen: logged
// without personal data when it is ours, apologised for in their language.
func (k *asKiosk) fail(w http.ResponseWriter, r *http.Request, sess *session, st *fo.Settings, screen string, err error, fill func(p *asKioskPage)) {
	status := errorStatus(err)
	if status == http.StatusInternalServerError {
		k.s.log.Error("kiosk after-sales", "screen", screen, "err", err)
	}
	sess.say(screen, k.s.errText(err))
	k.render(w, r, sess, st, screen, status, fill)
}

// complaintDone shows the ticket and the time of the answer (CMP-2).
func (k *asKiosk) complaintDone(w http.ResponseWriter, r *http.Request, sess *session) {
	f := k.flows.flow(sess)
	if f.cmpDone == nil {
		http.Redirect(w, r, "/kiosk", http.StatusSeeOther)
		return
	}
	st, ok := k.s.settings(w)
	if !ok {
		return
	}
	k.render(w, r, sess, &st, "complaint_done", http.StatusOK, func(p *asKioskPage) { p.CmpDone = f.cmpDone })
}

// When formats an instant for the kiosk's language in the shop's zone.
func (p *asKioskPage) When(t time.Time) string {
	return fo.FormatWhen(p.Lang, t, p.loc())
}

// Day formats a day for the kiosk's language in the shop's zone.
func (p *asKioskPage) Day(t time.Time) string { return fo.FormatDay(p.Lang, t, p.loc()) }

func (p *asKioskPage) loc() *time.Location {
	if p.zone == nil {
		return time.UTC
	}
	return p.zone
}
