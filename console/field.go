package console

import (
	"errors"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	fo "frontoffice"
	"frontoffice/internal/web"
)

// Field jobs in the console (FLD-1..4): the open jobs with their stage,
// a new job when the goods ship, and one job with each step and its
// action — the shipment tasks and the arrival day, the signed delivery
// receipt and the commissioning request (uploaded here, or received in
// Telegram), the dispatch request form, the approval chain (done in
// Telegram; shown here with who, when and what waits), the out-of-office
// or trip papers as PDF — and its history.
//
// For the desk and the supervisor (and admins); a station account never.

// fieldStore is what the field pages use of the store.
type fieldStore interface {
	FieldJob(id uint64) (fo.FieldJob, error)
	OpenFieldJobs() ([]fo.FieldJob, error)
	CreateFieldJob(in fo.FieldJobInput, by string) (fo.FieldJob, error)
	FieldTask(id uint64, task, arrival, by string) (fo.FieldJob, error)
	AttachFieldUpload(id uint64, kind, name, mime string, data []byte, by string) (fo.FieldJob, error)
	SubmitFieldDispatch(id uint64, in fo.FieldDispatchInput, by string) (fo.FieldJob, error)
	CancelFieldJob(id uint64, reason, by string) (fo.FieldJob, error)
	File(id uint64) (fo.StoredFile, []byte, error)
}

// fieldRoles may use the field pages.
var fieldRoles = []string{fo.RoleReception, fo.RoleSupervisor}

// fieldPath is the list of open field jobs.
const fieldPath = "/staff/field"

// maxFieldUpload is the largest upload body: the largest stored file and
// the form's fields.
const maxFieldUpload = fo.MaxStoredFile + 64<<10

func (s *Server) fieldRoutes(mux *http.ServeMux) {
	g := s.staffGroup(mux).require(fieldRoles...)
	g.handle("GET /staff/field", s.fieldList)
	g.handle("GET /staff/field/new", s.fieldNewPage)
	g.handle("POST /staff/field/new", s.fieldNew)
	g.handle("GET /staff/field/{id}", s.fieldPage)
	g.handle("POST /staff/field/{id}/task", s.fieldTask)
	g.uploads(maxFieldUpload).handle("POST /staff/field/{id}/upload", s.fieldUpload)
	g.handle("POST /staff/field/{id}/dispatch", s.fieldDispatch)
	g.handle("POST /staff/field/{id}/cancel", s.fieldCancel)
	g.handle("GET /staff/field/{id}/files/{file}", s.fieldFile)
	g.handle("GET /staff/field/{id}/pdf/{kind}", s.fieldPDF)
	s.addConsoleNav(consoleNavItem{Key: "fldc.nav", Path: fieldPath, Roles: fieldRoles})
}

// fieldBy names the account in a job's records: its staff member when
// linked ("staff:<id>"), else its login.
func fieldBy(c *staffCtx) string {
	if _, ok := c.st.StaffMember(c.acc.StaffID); ok {
		return "staff:" + c.acc.StaffID
	}
	return c.by()
}

// fieldRow is a line of the open jobs.
type fieldRow struct {
	J     fo.FieldJob
	Stage string
	Next  string
	Late  bool
}

type fieldListPage struct {
	consolePage
	Rows []fieldRow
}

func (s *Server) fieldList(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	jobs, err := s.cfg.Store.OpenFieldJobs()
	if err != nil {
		s.consoleFail(w, r, c, err)
		return
	}
	p := &fieldListPage{consolePage: s.consolePage(c, "fldc.list_title")}
	for i := len(jobs) - 1; i >= 0; i-- { // newest first
		j := jobs[i]
		p.Rows = append(p.Rows, fieldRow{J: j, Stage: fo.FieldStageLabel(j.Stage, c.lang), Next: s.fieldNext(c, j),
			Late: j.WaitingStep() != "" && !c.now.Before(j.Dispatch.StepDueAt)})
	}
	s.renderConsole(w, r, c, http.StatusOK, "field_list", p)
}

// fieldNext says what a job waits for.
func (s *Server) fieldNext(c *staffCtx, j fo.FieldJob) string {
	T := func(k string, a ...any) string { return s.texts.T(c.lang, k, a...) }
	switch {
	case j.Stage == fo.FieldShipped && len(j.OpenTasks()) > 0:
		return T("fldc.next.tasks", len(j.OpenTasks()))
	case j.Stage == fo.FieldShipped:
		return T("fldc.next.receipt")
	case j.Stage == fo.FieldReceived:
		return T("fldc.next.request")
	case j.Stage == fo.FieldRequested:
		return T("fldc.next.form")
	case j.WaitingStep() != "":
		return T("fldc.next.step", T("fld.step."+j.WaitingStep()), staffNames(&c.st, fo.FieldStepRole(j.WaitingStep())))
	case j.Dispatch.Trip && !j.Dispatch.TravelBooked.Done():
		return T("fldc.next.travel")
	}
	return ""
}

// fieldForm is the new job form's input, kept on an error.
type fieldForm struct {
	In      fo.FieldJobInput
	Shipped string
}

type fieldNewPage struct {
	consolePage
	F        fieldForm
	Products []fo.LabourStandard
	Regions  []string
	FieldErr string
}

func (s *Server) fieldNewForm(c *staffCtx, f fieldForm) *fieldNewPage {
	p := &fieldNewPage{consolePage: s.consolePage(c, "fldc.new_title"), F: f, Products: c.st.Labour}
	for _, r := range c.st.LabourRates {
		if r.Region != "" {
			p.Regions = append(p.Regions, r.Region)
		}
	}
	if p.F.Shipped == "" {
		p.F.Shipped = c.now.In(c.loc).Format(time.DateOnly)
	}
	return p
}

func (s *Server) fieldNewPage(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	s.renderConsole(w, r, c, http.StatusOK, "field_new", s.fieldNewForm(c, fieldForm{In: fo.FieldJobInput{Lang: fo.ZH}}))
}

func (s *Server) fieldNew(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	f := r.PostForm.Get
	in := fo.FieldJobInput{Customer: fieldCustomer(r), Equipment: f("equipment"), Product: f("product"), Region: f("region"),
		Lang: fo.ParseLang(f("lang")), Shipped: f("shipped")}
	j, err := s.cfg.Store.CreateFieldJob(in, fieldBy(c))
	if err != nil {
		p := s.fieldNewForm(c, fieldForm{In: in, Shipped: in.Shipped})
		p.Err = s.consoleErrText(c, err)
		var fe *fo.FieldError
		if errors.As(err, &fe) {
			p.FieldErr = fe.Field
		}
		s.renderConsole(w, r, c, web.ErrorStatus(err), "field_new", p)
		return
	}
	s.done(w, r, idPath(fieldPath, j.ID), "con.flash.fld_created")
}

// fieldCustomer reads the customer's lines of a form.
func fieldCustomer(r *http.Request) fo.FieldCustomer {
	f := r.PostForm.Get
	return fo.FieldCustomer{Company: f("company"), Address: f("address"), Contact: f("contact"), Phone: f("phone"), Route: f("route")}
}

// fieldTask marks a shipment task done, with the arrival day (FLD-1).
func (s *Server) fieldTask(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	s.fieldStep(w, r, c, "tasks", "con.flash.fld_task", func(j fo.FieldJob) error {
		_, err := s.cfg.Store.FieldTask(j.ID, r.PostForm.Get("task"), r.PostForm.Get("arrival"), fieldBy(c))
		return err
	})
}

// fieldUpload puts the signed receipt or the commissioning request on
// file (FLD-1, FLD-2): a PDF or a photo, its type read from its bytes.
func (s *Server) fieldUpload(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	kind := r.PostForm.Get("kind")
	form := "receipt"
	if kind == fo.FieldDocRequest {
		form = "request"
	}
	s.fieldStep(w, r, c, form, "con.flash.fld_doc_"+form, func(j fo.FieldJob) error {
		if kind != fo.FieldDocReceipt && kind != fo.FieldDocRequest {
			return fo.ErrNotFound
		}
		if r.MultipartForm == nil || len(r.MultipartForm.File["file"]) != 1 {
			return fo.Errorf(fo.EINVALID, "fldc.err.no_file")
		}
		fh := r.MultipartForm.File["file"][0]
		file, err := fh.Open()
		if err != nil {
			return err
		}
		defer file.Close()
		data, err := io.ReadAll(io.LimitReader(file, fo.MaxStoredFile+1))
		if err != nil {
			return err
		}
		mime := http.DetectContentType(data)
		name := fh.Filename
		if i := strings.LastIndexAny(name, `/\`); i >= 0 {
			name = name[i+1:]
		}
		if len(name) > 100 {
			name = name[:100]
		}
		_, err = s.cfg.Store.AttachFieldUpload(j.ID, kind, name, mime, data, fieldBy(c))
		return err
	})
}

// fieldDispatch fills in the dispatch request (FLD-3).
func (s *Server) fieldDispatch(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	f := r.PostForm.Get
	in := fo.FieldDispatchInput{Customer: fieldCustomer(r), Departure: f("departure"), Return: f("return"), Problem: f("problem"),
		Tools: f("tools"), Notes: f("notes")}
	s.fieldStepKeep(w, r, c, "dispatch", "con.flash.fld_dispatch", func(p *fieldPage) { p.Form = in }, func(j fo.FieldJob) error {
		_, err := s.cfg.Store.SubmitFieldDispatch(j.ID, in, fieldBy(c))
		return err
	})
}

func (s *Server) fieldCancel(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	s.fieldStep(w, r, c, "cancel", "con.flash.fld_cancelled", func(j fo.FieldJob) error {
		_, err := s.cfg.Store.CancelFieldJob(j.ID, r.PostForm.Get("reason"), fieldBy(c))
		return err
	})
}

func (s *Server) fieldStep(w http.ResponseWriter, r *http.Request, c *staffCtx, form, flash string, step func(fo.FieldJob) error) {
	s.fieldStepKeep(w, r, c, form, flash, nil, step)
}

// fieldStepKeep runs step on the job of the path; on an error the job's
// page shows it next to form, with keep's input.
func (s *Server) fieldStepKeep(w http.ResponseWriter, r *http.Request, c *staffCtx, form, flash string, keep func(*fieldPage), step func(fo.FieldJob) error) {
	j, ok := s.loadFieldJob(w, r, c)
	if !ok {
		return
	}
	if err := step(j); err != nil {
		if fresh, ferr := s.cfg.Store.FieldJob(j.ID); ferr == nil {
			j = fresh
		}
		p := s.fieldJobPage(c, j)
		if keep != nil {
			keep(p)
		}
		p.Err, p.FormErr = s.consoleErrText(c, err), form
		s.renderConsole(w, r, c, web.ErrorStatus(err), "field", p)
		return
	}
	s.done(w, r, idPath(fieldPath, j.ID), flash)
}

func (s *Server) loadFieldJob(w http.ResponseWriter, r *http.Request, c *staffCtx) (fo.FieldJob, bool) {
	id, ok := pathID(r, "id")
	if !ok {
		s.consoleError(w, r, c, http.StatusNotFound, "err.not_found")
		return fo.FieldJob{}, false
	}
	j, err := s.cfg.Store.FieldJob(id)
	if err != nil {
		s.consoleFail(w, r, c, err)
		return j, false
	}
	return j, true
}

// fieldFile serves a document on file of the job (FLD-1, FLD-2): only a
// file the job names, never another's.
func (s *Server) fieldFile(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	j, ok := s.loadFieldJob(w, r, c)
	if !ok {
		return
	}
	fid, ok := pathID(r, "file")
	var mine []uint64
	for _, d := range []*fo.FieldDoc{j.Shipment.Receipt, j.Dispatch.Request} {
		if d != nil {
			mine = append(mine, d.FileID)
		}
	}
	if !ok || !slices.Contains(mine, fid) {
		s.consoleError(w, r, c, http.StatusNotFound, "err.not_found")
		return
	}
	f, data, err := s.cfg.Store.File(fid)
	if err != nil {
		s.consoleFail(w, r, c, err)
		return
	}
	if data == nil {
		s.consoleError(w, r, c, http.StatusNotFound, "fldc.err.not_fetched")
		return
	}
	w.Header().Set("Content-Type", f.Mime)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Disposition", `attachment; filename="`+fieldFileName(f)+`"`)
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.Write(data)
}

// fieldFileName is a stored file's download name: its id and extension,
// never the uploader's text.
func fieldFileName(f fo.StoredFile) string {
	ext := ".bin"
	switch f.Mime {
	case "application/pdf":
		ext = ".pdf"
	case "image/jpeg":
		ext = ".jpg"
	case "image/png":
		ext = ".png"
	}
	return "file-" + strconv.FormatUint(f.ID, 10) + ext
}

// fieldPDF prints one of the job's forms (FLD-3, FLD-4) in the console's
// language, or ?lang=.
func (s *Server) fieldPDF(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	j, ok := s.loadFieldJob(w, r, c)
	if !ok {
		return
	}
	kind := r.PathValue("kind")
	if !slices.Contains([]string{fo.DocFieldDispatch, fo.DocFieldOut, fo.DocFieldTrip, fo.DocFieldHandover}, kind) || s.cfg.Documents == nil {
		s.consoleError(w, r, c, http.StatusNotFound, "err.not_found")
		return
	}
	lang := c.lang
	if l := r.URL.Query().Get("lang"); l != "" {
		lang = fo.ParseLang(l)
	}
	pdf, err := s.cfg.Documents.Render(r.Context(), fo.Document{Kind: kind, Ref: j.ID}, lang)
	if err != nil {
		s.consoleFail(w, r, c, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="`+j.Number+"-"+kind+`.pdf"`)
	w.Header().Set("Content-Length", strconv.Itoa(len(pdf)))
	w.Write(pdf)
}
