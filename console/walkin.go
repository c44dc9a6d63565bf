package console

import (
	"errors"
	"frontoffice/internal/web"
	"net/http"
	"strconv"
	"strings"

	fo "frontoffice"
)

// The desk's walk-in (issue 10): the reception registers a walk-in on the
// console with what the kiosk asks (name, phone, plate, service, what is
// wrong, consent), so that the kiosk is never the only door. The desk sees
// the customer, so a phone or plate on file joins that archive (ARC-1) as
// the desk registers it; the archive's name is kept. The queue number is
// shown at once, large, for the customer's slip.

const walkInPath = "/staff/walkin"

type walkInForm struct {
	Name, Phone, Plate, Service, Concern string
	Consent                              bool
}

type walkInPage struct {
	consolePage
	F        walkInForm
	Services []fo.Service
	Errs     map[string]string
	Max      int
	// Done is the visit just registered (?v=id), with its queue number.
	Done *fo.Visit
}

func (s *Server) walkInPage(c *staffCtx, f walkInForm) *walkInPage {
	return &walkInPage{consolePage: s.consolePage(c, "con.walk.title"), F: f, Services: c.st.Services,
		Errs: map[string]string{}, Max: fo.MaxConcern}
}

// consoleWalkIn shows the form, and the queue number of the walk-in just
// registered.
func (s *Server) consoleWalkIn(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	p := s.walkInPage(c, walkInForm{Consent: false})
	if id, err := strconv.ParseUint(r.URL.Query().Get("v"), 10, 64); err == nil {
		if v, err := s.cfg.Store.Visit(id); err == nil {
			p.Done = &v
		}
	}
	s.renderConsole(w, r, c, http.StatusOK, "console_walkin", p)
}

// consoleWalkInPost registers the walk-in (store.CheckIn, source console):
// bad input comes back next to its field with the rest kept; a valid one
// goes to the page with its queue number.
func (s *Server) consoleWalkInPost(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	pf := r.PostForm
	f := walkInForm{Name: strings.TrimSpace(pf.Get("name")), Phone: strings.TrimSpace(pf.Get("phone")),
		Plate: strings.TrimSpace(pf.Get("plate")), Service: pf.Get("service"), Concern: strings.TrimSpace(pf.Get("concern")),
		Consent: pf.Get("consent") == "yes"}
	p := s.walkInPage(c, f)
	req := fo.CheckInRequest{Concern: f.Concern, Source: "console", By: c.by()}
	var err error
	if req.Customer.Name, err = fo.ParseName(f.Name); err != nil {
		p.Errs["name"] = s.consoleErrText(c, err)
	}
	if req.Customer.Phone, err = fo.ParsePhone(f.Phone); err != nil {
		p.Errs["phone"] = s.consoleErrText(c, err)
	}
	if req.Plate, err = fo.ParsePlate(f.Plate); err != nil {
		p.Errs["plate"] = s.consoleErrText(c, err)
	}
	if f.Service != "other" {
		if _, ok := c.st.Service(f.Service); !ok {
			p.Errs["service"] = s.texts.T(c.lang, "con.walk.err_service")
		}
		req.ServiceID = f.Service
	}
	var fe *fo.FieldError
	if err := (&fo.CheckInRequest{Concern: f.Concern}).Validate(); errors.As(err, &fe) {
		p.Errs[fe.Field] = s.consoleErrText(c, err)
	}
	if !f.Consent {
		p.Errs["consent"] = s.texts.T(c.lang, "con.walk.err_consent")
	}
	req.Customer.Consent, req.Customer.Lang = true, fo.ZH
	if len(p.Errs) == 0 {
		var v fo.Visit
		if v, err = s.cfg.Store.CheckIn(req); err == nil {
			s.done(w, r, walkInPath+"?v="+strconv.FormatUint(v.ID, 10), "con.flash.walkin")
			return
		}
		p.Err = s.consoleErrText(c, err)
		s.renderConsole(w, r, c, web.ErrorStatus(err), "console_walkin", p)
		return
	}
	p.Err = s.texts.T(c.lang, "con.walk.fix")
	s.renderConsole(w, r, c, http.StatusUnprocessableEntity, "console_walkin", p)
}
