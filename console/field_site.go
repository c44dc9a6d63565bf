package console

import (
	"encoding/base64"
	"errors"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"

	fo "frontoffice"
)

// A field job on site in the console (FLD-5): the section of the job page
// (template "field_site", included in the field job's page; also shown
// alone at /staff/field/{id}/site) with the check-in, the work log and
// its photos, the problems with their resolve forms, the acceptance and
// its signature, the two PDFs, and "close" for an accepted job whose
// problems staff leave open; and the list of the open problems of every
// field job (/staff/field/problems), each resolved there. A technician
// without a linked Telegram reads the job here and gets a phone call from
// the reception (the pickups page's call list).

// fieldSiteStore is what the on-site section and the problems list use.
type fieldSiteStore interface {
	FieldJob(id uint64) (fo.FieldJob, error)
	FieldProblems(id uint64) ([]fo.QualityFeedback, error)
	OpenFieldProblems() ([]fo.QualityFeedback, error)
	ResolveFieldProblem(qid uint64, resolution, by, idem string) (fo.QualityFeedback, error)
	CloseFieldJob(id uint64, by, idem string) (fo.FieldJob, error)
	File(id uint64) (fo.StoredFile, []byte, error)
}

// fieldSiteRoles may see a field job's on-site part and resolve its
// problems (admins too).
var fieldSiteRoles = []string{fo.RoleReception, fo.RoleFollowUp, fo.RoleSupervisor}

const fieldProblemsPath = "/staff/field/problems"

func init() {
	// The on-site PDFs, for the same roles (document.go).
	documentRoles[fo.DocFieldLog] = fieldSiteRoles
	documentRoles[fo.DocFieldAcceptance] = fieldSiteRoles
}

func (s *Server) fieldSiteRoutes(mux *http.ServeMux) {
	g := s.staffGroup(mux).require(fieldSiteRoles...)
	g.handle("GET "+fieldProblemsPath, s.fieldProblems)
	g.handle("POST /staff/field/problems/{qid}/resolve", s.fieldProblemResolve)
	g.handle("GET /staff/field/{id}/site", s.fieldSitePage)
	g.handle("POST /staff/field/{id}/site/close", s.fieldSiteClose)
	g.handle("GET /staff/field/{id}/site/files/{file}", s.fieldSiteFile)
	s.addConsoleNav(consoleNavItem{Key: "site.nav.problems", Path: fieldProblemsPath, Roles: fieldSiteRoles})
}

// fieldSiteView is the on-site section of a job's page.
type fieldSiteView struct {
	P          consolePage
	Job        fo.FieldJob
	Tech       string
	TechLinked bool
	Entries    []siteEntry
	Problems   []siteProblem
	Days       int
	// Signature is the customer's stroke image as a data URL (img-src
	// data: is allowed), "" when none.
	Signature template.URL
	// PaperURL is the photo of the acceptance signed on paper.
	PaperURL string
	CanClose bool
	LogPDF   string
	AccPDF   string
}

type siteEntry struct {
	fo.FieldLogEntry
	FileURL string
	Fetched bool
	Failed  bool // the fetch was given up
}

type siteProblem struct {
	fo.QualityFeedback
	Err, Resolution string
}

// Class is a problem class's name in the page's language.
func (v fieldSiteView) Class(c fo.QualityClass) string { return c.Label(v.P.Lang) }

// Stage is the job's stage in the page's language.
func (v fieldSiteView) Stage() string { return v.P.T("site.stage." + string(v.Job.Stage)) }

// fieldSiteView builds the section of job j for c.
func (s *Server) fieldSiteView(c *staffCtx, p consolePage, j fo.FieldJob) (*fieldSiteView, error) {
	probs, err := s.cfg.Store.FieldProblems(j.ID)
	if err != nil {
		return nil, err
	}
	v := &fieldSiteView{P: p, Job: j, Tech: j.Dispatch.Technician, Days: j.DaysOnSite(c.loc),
		LogPDF: documentPath(fo.DocFieldLog, j.ID), AccPDF: documentPath(fo.DocFieldAcceptance, j.ID),
		CanClose: j.Stage == fo.FieldAccepted}
	if m, ok := c.st.StaffMember(j.Dispatch.Technician); ok {
		v.Tech, v.TechLinked = m.Name, m.TelegramUserID != 0
	}
	for _, e := range j.Site.Log {
		se := siteEntry{FieldLogEntry: e}
		if e.FileID != 0 {
			f, _, err := s.cfg.Store.File(e.FileID)
			if err != nil && !errors.Is(err, fo.ErrNotFound) {
				return nil, err
			}
			se.Fetched, se.Failed = !f.FetchedAt.IsZero(), f.GaveUp
			se.FileURL = "/staff/field/" + strconv.FormatUint(j.ID, 10) + "/site/files/" + strconv.FormatUint(e.FileID, 10)
		}
		v.Entries = append(v.Entries, se)
	}
	for _, q := range probs {
		v.Problems = append(v.Problems, siteProblem{QualityFeedback: q})
	}
	png := j.Site.Acceptance.Signature.PNG
	if f := j.Site.Acceptance.Signature.File; f != 0 && len(png) == 0 && j.Site.Acceptance.Signature.Via == fo.SignedOnPad {
		_, data, err := s.cfg.Store.File(f)
		if err != nil && !errors.Is(err, fo.ErrNotFound) {
			return nil, err
		}
		png = data
	}
	if pf := j.Site.Acceptance.PaperFileID; pf != 0 {
		v.PaperURL = "/staff/field/" + strconv.FormatUint(j.ID, 10) + "/site/files/" + strconv.FormatUint(pf, 10)
	}
	if len(png) > 0 {
		// Safe: a data URL of the PNG bytes the store holds (re-encoded by
		// web.SignaturePNG when signed), nothing a visitor typed.
		v.Signature = template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(png))
	}
	return v, nil
}

// fieldSitePageData is the standalone page of a job's on-site section.
type fieldSitePageData struct {
	consolePage
	Site *fieldSiteView
}

func (s *Server) fieldSitePage(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	id, ok := pathID(r, "id")
	if !ok {
		s.consoleError(w, r, c, http.StatusNotFound, "err.not_found")
		return
	}
	j, err := s.cfg.Store.FieldJob(id)
	if err != nil {
		s.consoleFail(w, r, c, err)
		return
	}
	p := &fieldSitePageData{consolePage: s.consolePage(c, "site.title")}
	if p.Site, err = s.fieldSiteView(c, p.consolePage, j); err != nil {
		s.consoleFail(w, r, c, err)
		return
	}
	s.renderConsole(w, r, c, http.StatusOK, "field_site_page", p)
}

// fieldSiteClose closes an accepted job, its open problems staying on the
// list; finance is told to collect the balance (FLD-5).
func (s *Server) fieldSiteClose(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	id, ok := pathID(r, "id")
	if !ok {
		s.consoleError(w, r, c, http.StatusNotFound, "err.not_found")
		return
	}
	if _, err := s.cfg.Store.CloseFieldJob(id, c.by(), ""); err != nil {
		s.consoleFail(w, r, c, err)
		return
	}
	s.done(w, r, "/staff/field/"+strconv.FormatUint(id, 10)+"/site", "con.flash.site_closed")
}

// fieldSiteFile serves a photo of a job's work log or its paper
// acceptance: only files the job names.
func (s *Server) fieldSiteFile(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	id, ok1 := pathID(r, "id")
	fid, ok2 := pathID(r, "file")
	if !ok1 || !ok2 {
		s.consoleError(w, r, c, http.StatusNotFound, "err.not_found")
		return
	}
	j, err := s.cfg.Store.FieldJob(id)
	if err != nil {
		s.consoleFail(w, r, c, err)
		return
	}
	named := j.Site.Acceptance.PaperFileID == fid || slices.ContainsFunc(j.Site.Log, func(e fo.FieldLogEntry) bool { return e.FileID == fid })
	if !named {
		s.consoleError(w, r, c, http.StatusNotFound, "err.not_found")
		return
	}
	f, data, err := s.cfg.Store.File(fid)
	if err != nil {
		s.consoleFail(w, r, c, err)
		return
	}
	if data == nil {
		s.consoleError(w, r, c, http.StatusNotFound, "site.file.waiting")
		return
	}
	mime := f.Mime
	if !strings.HasPrefix(mime, "image/") && mime != "application/pdf" {
		mime = "application/octet-stream"
	}
	w.Header().Set("Content-Type", mime)
	w.Header().Set("Content-Disposition", `inline; filename="file-`+strconv.FormatUint(fid, 10)+`"`)
	w.Header().Set("Cache-Control", "no-store")
	w.Write(data)
}

// fieldProblemsPage is the list of open problems of the field jobs.
type fieldProblemsPage struct {
	consolePage
	Rows []siteProblem
}

// Class is a problem class's name in the page's language.
func (p fieldProblemsPage) Class(c fo.QualityClass) string { return c.Label(p.Lang) }

func (s *Server) fieldProblemsData(c *staffCtx) (*fieldProblemsPage, error) {
	qs, err := s.cfg.Store.OpenFieldProblems()
	if err != nil {
		return nil, err
	}
	p := &fieldProblemsPage{consolePage: s.consolePage(c, "site.problems.title")}
	for _, q := range qs {
		p.Rows = append(p.Rows, siteProblem{QualityFeedback: q})
	}
	return p, nil
}

func (s *Server) fieldProblems(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	p, err := s.fieldProblemsData(c)
	if err != nil {
		s.consoleFail(w, r, c, err)
		return
	}
	s.renderConsole(w, r, c, http.StatusOK, "field_problems", p)
}

// fieldProblemResolve resolves an open problem (FLD-5); the last one of an
// accepted job closes it and tells finance. From the list or a job's
// section (back=job id).
func (s *Server) fieldProblemResolve(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	qid, ok := pathID(r, "qid")
	if !ok {
		s.consoleError(w, r, c, http.StatusNotFound, "err.not_found")
		return
	}
	res := r.PostForm.Get("resolution")
	_, err := s.cfg.Store.ResolveFieldProblem(qid, res, c.by(), "")
	back := fieldProblemsPath
	if job, ok := pathIDValue(r.PostForm.Get("back")); ok {
		back = "/staff/field/" + strconv.FormatUint(job, 10) + "/site"
	}
	if err == nil {
		s.done(w, r, back, "con.flash.site_resolved")
		return
	}
	if fo.ErrorCode(err) != fo.EINVALID {
		s.consoleFail(w, r, c, err)
		return
	}
	p, perr := s.fieldProblemsData(c)
	if perr != nil {
		s.consoleFail(w, r, c, perr)
		return
	}
	for i := range p.Rows {
		if p.Rows[i].ID == qid {
			p.Rows[i].Err, p.Rows[i].Resolution = s.consoleErrText(c, err), res
		}
	}
	s.renderConsole(w, r, c, http.StatusUnprocessableEntity, "field_problems", p)
}

// pathIDValue reads a record id as pathID does, from a form value.
func pathIDValue(s string) (uint64, bool) { return fo.ParseRecordID(s) }
