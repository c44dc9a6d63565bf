package kiosk

import (
	"errors"
	"net/http"
	"time"

	fo "frontoffice"
	"frontoffice/internal/web"
)

// The acceptance signature page of a field job (FLD-5): the technician
// shows the customer a link (/sign/{token}, single-use, expiring after
// fo.FieldSignTTL); the page, anonymous, shows that job's acceptance
// summary only — company, site, equipment, days on site, the work log's
// size and the problems found — and the customer signs with a finger on the
// signature pad, giving their name. The signature moves the job to
// accepted (store.SignFieldAcceptance). An unknown, used or expired link
// and a job no longer on site all get the same "link not valid" page.
// The page needs no enrolled device: it opens on the technician's or the
// customer's phone.

// signStore is what the signature page needs of the store.
type signStore interface {
	FieldSignPage(token string) (fo.FieldJob, []fo.QualityFeedback, error)
	SignFieldAcceptance(token string, sig fo.Signature) (fo.FieldJob, error)
}

// maxSignForm bounds the signature form: the PNG of a phone-sized pad as
// a data URL is tens of KB.
const maxSignForm = 1 << 20

// signPage is what the signature templates get.
type signPage struct {
	Lang   fo.Lang
	Shop   string
	Token  string
	Job    fo.FieldJob
	Tech   string
	Probs  []fo.QualityFeedback
	Days   int
	Name   string
	Msg    string
	Signed time.Time
	// Invalid is the "link not valid" text in both languages: whose link
	// it was is not known.
	Invalid [2]string
	loc     *time.Location
}

// Stamp writes a time in the shop's zone.
func (p signPage) Stamp(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(p.loc).Format("2006-01-02 15:04")
}

// Class is a problem class's name in the page's language.
func (p signPage) Class(c fo.QualityClass) string { return c.Label(p.Lang) }

func (s *Server) signRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /sign/{token}", s.signForm)
	mux.HandleFunc("POST /sign/{token}", s.signPost)
}

// signLang is the page's language: ?lang= when given, else the job's.
func signLang(r *http.Request, j fo.FieldJob) fo.Lang {
	if l := r.URL.Query().Get("lang"); l == "zh" || l == "en" {
		return fo.Lang(l)
	}
	if j.Lang == fo.EN {
		return fo.EN
	}
	return fo.ZH
}

// signView loads the page of token; ok is false (the "not valid" page
// written) when the link cannot be used.
func (s *Server) signView(w http.ResponseWriter, r *http.Request) (signPage, bool) {
	token := r.PathValue("token")
	st, err := s.cfg.Store.Settings()
	if err != nil {
		s.log.Error("sign page", "err", err)
		web.PlainError(w, s.texts, http.StatusInternalServerError, "http.internal")
		return signPage{}, false
	}
	j, probs, err := s.cfg.Store.FieldSignPage(token)
	lang := signLang(r, j)
	p := signPage{Lang: lang, Shop: st.ShopName(lang), Token: token, loc: st.Location()}
	if err != nil {
		if !errors.Is(err, fo.ErrNotFound) {
			s.log.Error("sign page", "err", err)
		}
		s.signInvalid(w, r, p)
		return p, false
	}
	p.Job, p.Probs, p.Name = j, probs, j.Customer.Contact
	p.Days = max(1, j.DaysOnSite(st.Location()))
	p.Tech = j.Dispatch.Technician
	if m, ok := st.StaffMember(j.Dispatch.Technician); ok {
		p.Tech = m.Name
	}
	return p, true
}

// signInvalid answers a link that cannot be used: one page for every
// reason, in both languages.
func (s *Server) signInvalid(w http.ResponseWriter, r *http.Request, p signPage) {
	p.Invalid = [2]string{s.texts.T(fo.ZH, "sign.invalid"), s.texts.T(fo.EN, "sign.invalid")}
	p.Job, p.Probs = fo.FieldJob{}, nil
	s.render(w, r, http.StatusNotFound, "sign_invalid", p)
}

func (s *Server) signForm(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	if p, ok := s.signView(w, r); ok {
		s.render(w, r, http.StatusOK, "sign_form", p)
	}
}

func (s *Server) signPost(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	if web.CrossSite(r) {
		web.PlainError(w, s.texts, http.StatusForbidden, "http.forbidden")
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxSignForm)
	if err := r.ParseForm(); err != nil {
		web.PlainError(w, s.texts, http.StatusRequestEntityTooLarge, "http.bad_form")
		return
	}
	p, ok := s.signView(w, r)
	if !ok {
		return
	}
	p.Name = r.PostFormValue("name")
	name, err := fo.ParseSignerName(p.Name)
	if err != nil {
		p.Msg = fo.ErrorText(p.Lang, err)
		s.render(w, r, http.StatusUnprocessableEntity, "sign_form", p)
		return
	}
	img, err := web.SignaturePNG(r.PostFormValue("signature"))
	if err != nil {
		p.Msg = fo.ErrorText(p.Lang, err)
		s.render(w, r, http.StatusUnprocessableEntity, "sign_form", p)
		return
	}
	j, err := s.cfg.Store.SignFieldAcceptance(p.Token, fo.Signature{Via: fo.SignedOnPad, Name: name, PNG: img})
	if errors.Is(err, fo.ErrNotFound) {
		s.signInvalid(w, r, p)
		return
	}
	if err != nil {
		if key, args, ok := web.ErrorKey(s.texts, err); ok {
			p.Msg = s.texts.T(p.Lang, key, args...)
			s.render(w, r, web.ErrorStatus(err), "sign_form", p)
			return
		}
		s.log.Error("sign acceptance", "job", p.Job.ID, "err", err)
		web.PlainError(w, s.texts, http.StatusInternalServerError, "http.internal")
		return
	}
	p.Job, p.Signed, p.Name = j, j.Site.Acceptance.Signature.At, name
	s.render(w, r, http.StatusOK, "sign_done", p)
}
