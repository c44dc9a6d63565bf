package console

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	fo "frontoffice"
)

// The quality page (REP-2), for supervisors (and admins): the quality
// information of a period staff choose (this week by default) counted by
// class, with its report as a PDF; the period's complaints with their
// class, which staff change (a complaint counts under its category's
// default class until classified, fo.ComplaintQualityClass); feedback
// entered by hand (a finding heard by phone, a station's report); and
// every open problem with a resolve action. The report also goes out by
// itself, weekly or monthly (scheduler/quality.go).

const qualityPath = "/staff/quality"

// qualityStore is what the quality page uses of the store (data/quality.go).
type qualityStore interface {
	QualityReport(from, to time.Time) (fo.QualityReport, error)
	AddQuality(q fo.QualityFeedback, by string) (fo.QualityFeedback, error)
	ResolveQuality(id uint64, resolution, by string) (fo.QualityFeedback, error)
	ClassifyComplaint(ticket string, class fo.QualityClass, product string, open bool, by string) (fo.QualityFeedback, error)
}

func init() {
	// The quality report's PDF, for the same roles as the page (document.go).
	documentRoles[fo.DocQuality] = supervisorRoles
}

func (s *Server) qualityRoutes(mux *http.ServeMux) {
	g := s.staffGroup(mux).require(supervisorRoles...)
	g.handle("GET "+qualityPath, s.consoleQuality)
	g.handle("POST "+qualityPath+"/add", s.consoleQualityAdd)
	g.handle("POST "+qualityPath+"/classify", s.consoleQualityClassify)
	g.handle("POST "+qualityPath+"/{id}/resolve", s.consoleQualityResolve)
	s.addConsoleNav(consoleNavItem{Key: "con.nav.quality", Path: qualityPath, Roles: supervisorRoles})
}

type qualityOption struct {
	Value, Label string
}

type qualityClassRow struct {
	Label string
	N     int
}

type qualityPage struct {
	consolePage
	From, To  string // the period's first and last day, YYYY-MM-DD
	PDF       string // the report's download path
	Report    fo.QualityReport
	Classes   []qualityClassRow
	Complaint []fo.QualityFeedback // the period's complaints as counted
	Options   []qualityOption      // the classes
	Sources   []qualityOption      // what staff may enter
	// The add form, kept on an error.
	Form fo.QualityFeedback

	st *fo.Settings
}

// Product names a product key: a service, a labour standard's code, or
// the key as typed.
func (p *qualityPage) Product(key string) string {
	if sv, ok := p.st.Service(key); ok {
		return sv.Name(p.Lang)
	}
	if l, ok := p.st.LabourStandardByCode(key); ok {
		return l.Name(p.Lang)
	}
	return key
}

// SourceLabel and ClassLabel name a source and a class in the page's
// language.
func (p *qualityPage) SourceLabel(s string) string         { return fo.QualitySourceLabel(s, p.Lang) }
func (p *qualityPage) ClassLabel(c fo.QualityClass) string { return c.Label(p.Lang) }

// qualityPeriod reads ?from= and ?to= (YYYY-MM-DD, both included): this
// week (Sunday to Saturday) by default; false when the days are not a
// period of 1 to 366 days.
func qualityPeriod(r *http.Request, c *staffCtx) (from, to time.Time, ok bool) {
	from, to = fo.ReportPeriod(fo.ReportWeekly, c.now, c.loc)
	q := r.URL.Query()
	if q.Get("from") == "" && q.Get("to") == "" {
		return from, to, true
	}
	f, ok1 := parseDay(q.Get("from"), c.loc)
	l, ok2 := parseDay(q.Get("to"), c.loc)
	if !ok1 || !ok2 || l.Before(f) || l.After(f.AddDate(1, 0, 0)) {
		return from, to, false
	}
	return f, l.AddDate(0, 0, 1), true
}

// consoleQuality shows the quality page of the period ?from= … ?to=.
func (s *Server) consoleQuality(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	from, to, ok := qualityPeriod(r, c)
	p := s.qualityPage(c, from, to)
	status := http.StatusOK
	if !ok {
		p.Err, status = s.texts.T(c.lang, "con.quality.bad_period"), http.StatusBadRequest
	}
	s.renderQuality(w, r, c, status, p)
}

func (s *Server) qualityPage(c *staffCtx, from, to time.Time) *qualityPage {
	p := &qualityPage{consolePage: s.consolePage(c, "con.quality.title"), From: from.Format(time.DateOnly),
		To: to.AddDate(0, 0, -1).Format(time.DateOnly), PDF: documentPath(fo.DocQuality, fo.QualityRef(from, to, c.loc)), st: &c.st}
	p.Report.From, p.Report.To = from, to
	for _, cl := range fo.QualityClasses {
		p.Options = append(p.Options, qualityOption{Value: string(cl), Label: cl.Label(c.lang)})
	}
	for _, src := range []string{fo.QualitySourceField, fo.QualitySourceStation, fo.QualitySourceComplaint} {
		p.Sources = append(p.Sources, qualityOption{Value: src, Label: fo.QualitySourceLabel(src, c.lang)})
	}
	p.Form = fo.QualityFeedback{Source: fo.QualitySourceField, Class: fo.QualityProduct, Open: true}
	return p
}

// renderQuality reads the period's report into p and renders the page.
func (s *Server) renderQuality(w http.ResponseWriter, r *http.Request, c *staffCtx, status int, p *qualityPage) {
	rep, err := s.cfg.Store.QualityReport(p.Report.From, p.Report.To)
	if err != nil {
		s.consoleFail(w, r, c, err)
		return
	}
	p.Report = rep
	for i, cl := range fo.QualityClasses {
		p.Classes = append(p.Classes, qualityClassRow{Label: cl.Label(c.lang), N: rep.ByClass[i]})
	}
	for _, q := range rep.Items {
		if q.Source == fo.QualitySourceComplaint {
			p.Complaint = append(p.Complaint, q)
		}
	}
	s.renderConsole(w, r, c, status, "quality", p)
}

// qualityBack is the page of the period the form came from (its from and
// to fields), this week when they are not a period.
func qualityBack(r *http.Request) string {
	from, to := strings.TrimSpace(r.PostFormValue("from")), strings.TrimSpace(r.PostFormValue("to"))
	if _, err := time.Parse(time.DateOnly, from); err != nil {
		return qualityPath
	}
	if _, err := time.Parse(time.DateOnly, to); err != nil {
		return qualityPath
	}
	return qualityPath + "?from=" + from + "&to=" + to
}

// qualityFail shows the page again with err's text, nothing changed.
func (s *Server) qualityFail(w http.ResponseWriter, r *http.Request, c *staffCtx, err error, form *fo.QualityFeedback) {
	if fo.ErrorCode(err) == fo.EINTERNAL {
		s.consoleFail(w, r, c, err)
		return
	}
	u := *r.URL
	u.RawQuery = strings.TrimPrefix(strings.TrimPrefix(qualityBack(r), qualityPath), "?")
	rr := r.Clone(r.Context())
	rr.URL = &u
	from, to, _ := qualityPeriod(rr, c)
	p := s.qualityPage(c, from, to)
	p.Err = s.consoleErrText(c, err)
	if form != nil {
		p.Form = *form
	}
	status := http.StatusBadRequest
	switch fo.ErrorCode(err) {
	case fo.ENOTFOUND:
		status = http.StatusNotFound
	case fo.ECONFLICT:
		status = http.StatusConflict
	}
	s.renderQuality(w, r, c, status, p)
}

// consoleQualityAdd records feedback entered by hand (REP-2).
func (s *Server) consoleQualityAdd(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	q := fo.QualityFeedback{
		Source: strings.TrimSpace(r.PostFormValue("source")), Class: fo.QualityClass(strings.TrimSpace(r.PostFormValue("class"))),
		Product: strings.TrimSpace(r.PostFormValue("product")), Site: strings.TrimSpace(r.PostFormValue("site")),
		Ref: strings.TrimSpace(r.PostFormValue("ref")), Text: r.PostFormValue("text"), Open: r.PostFormValue("open") != "",
	}
	if _, err := s.cfg.Store.AddQuality(q, c.by()); err != nil {
		s.qualityFail(w, r, c, err, &q)
		return
	}
	s.done(w, r, qualityBack(r), "con.flash.quality_added")
}

// consoleQualityClassify classifies a complaint of the period (REP-2).
func (s *Server) consoleQualityClassify(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	_, err := s.cfg.Store.ClassifyComplaint(r.PostFormValue("ticket"), fo.QualityClass(strings.TrimSpace(r.PostFormValue("class"))),
		strings.TrimSpace(r.PostFormValue("product")), r.PostFormValue("open") != "", c.by())
	if err != nil {
		s.qualityFail(w, r, c, err, nil)
		return
	}
	s.done(w, r, qualityBack(r), "con.flash.quality_classified")
}

// consoleQualityResolve resolves an open problem (REP-2).
func (s *Server) consoleQualityResolve(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	id, err := strconv.ParseUint(r.PathValue("id"), 10, 64)
	if err != nil || id == 0 {
		s.consoleError(w, r, c, http.StatusNotFound, "err.not_found")
		return
	}
	if _, err := s.cfg.Store.ResolveQuality(id, r.PostFormValue("resolution"), c.by()); err != nil {
		s.qualityFail(w, r, c, err, nil)
		return
	}
	s.done(w, r, qualityBack(r), "con.flash.quality_resolved")
}
