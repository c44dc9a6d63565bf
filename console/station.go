package console

import (
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	fo "frontoffice"
	"frontoffice/internal/web"
)

// The station register (NET-1) for supervisors and admins: the list
// (/staff/stations), a new candidate (/staff/stations/new) and a
// station's page (/staff/stations/{id}): its details, the register's steps
// with their documents, the certificate (PDF), the one-time code that
// links its Telegram group, and its reported jobs with their spot checks
// (NET-4). A station's own people use the pages under /staff/station/
// (station_own.go) and see nothing of these.

// stationStore is what the station pages use of the store.
type stationStore interface {
	Stations() ([]fo.Station, error)
	Station(id uint64) (fo.Station, error)
	CreateStation(in fo.StationInput, by string) (fo.Station, error)
	UpdateStation(id uint64, in fo.StationInput, by string) (fo.Station, error)
	StepStation(id uint64, step fo.StationStep, files []fo.StationUpload) (fo.Station, error)
	StationFile(id, fileID uint64) (fo.StoredFile, []byte, error)
	NewStationLinkCode(id uint64, by string) (string, error)
	SetAccountStationAs(login string, id uint64, by string) (fo.Account, error)
	StationJobs(station uint64, from, to time.Time) ([]fo.StationJob, error)
	StationJob(id uint64) (fo.StationJob, error)
	AddStationJob(in fo.StationJobInput) (fo.StationJob, error)
	RecordStationCheck(id uint64, score int, finding, by string) (fo.StationJob, error)
}

const stationsPath = "/staff/stations"

// stationRoutes registers the register's pages (issue 14, NET-1, NET-4)
// and the station accounts' own pages.
func (s *Server) stationRoutes(staff staffRoutes) {
	sup := staff.require(supervisorRoles...)
	sup.handle("GET "+stationsPath, s.stationList)
	sup.handle("GET "+stationsPath+"/new", s.stationNew)
	sup.handle("POST "+stationsPath+"/new", s.stationCreate)
	sup.handle("GET "+stationsPath+"/{id}", s.stationPage)
	sup.handle("POST "+stationsPath+"/{id}", s.stationEdit)
	sup.handle("POST "+stationsPath+"/{id}/step", s.stationStep)
	sup.handle("POST "+stationsPath+"/{id}/link", s.stationLink)
	sup.handle("GET "+stationsPath+"/{id}/files/{file}", s.stationFile)
	sup.handle("GET "+stationsPath+"/{id}/cert", s.stationCert)
	sup.handle("POST "+stationsPath+"/{id}/jobs/{job}/check", s.stationCheck)
	staff.require(adminRoles...).handle("POST /staff/accounts/station", s.stationAccount)

	own := staff.require(fo.RoleStation)
	own.handle("GET "+stationPrefix+"{$}", s.stationOwn)
	own.handle("POST "+stationPrefix+"jobs", s.stationOwnJob)
	own.handle("GET "+stationPrefix+"cert", s.stationOwnCert)

	s.addConsoleNav(consoleNavItem{Key: "con.nav.stations", Path: stationsPath, Roles: supervisorRoles})
	s.addConsoleNav(consoleNavItem{Key: "con.nav.station", Path: stationPrefix, Roles: []string{fo.RoleStation}})
}

// stationRow is a line of the list.
type stationRow struct {
	fo.Station
	Offered bool
	Lapsed  bool // certified, but the certificate is no longer valid
}

type stationListPage struct {
	consolePage
	Rows []stationRow
}

func (s *Server) stationList(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	list, err := s.cfg.Store.Stations()
	if err != nil {
		s.consoleFail(w, r, c, err)
		return
	}
	p := &stationListPage{consolePage: s.consolePage(c, "con.st.list")}
	for _, st := range list {
		p.Rows = append(p.Rows, stationRow{Station: st, Offered: st.Offered(c.now),
			Lapsed: st.Status == fo.StationCertified && !st.Cert.Valid(c.now)})
	}
	s.renderConsole(w, r, c, http.StatusOK, "station_list", p)
}

// stationForm is the details form as typed.
type stationForm struct {
	Name, City, Area, Address, Hotline, Region, Contact, ContactPhone, Services string
}

func stationFormOf(st fo.Station) stationForm {
	return stationForm{Name: st.Name, City: st.City, Area: st.Area, Address: st.Address, Hotline: st.Hotline,
		Region: st.Region, Contact: st.Contact, ContactPhone: st.ContactPhone, Services: strings.Join(st.Services, ", ")}
}

func stationFormFrom(r *http.Request) stationForm {
	g := func(k string) string { return strings.TrimSpace(r.PostForm.Get(k)) }
	return stationForm{Name: g("name"), City: g("city"), Area: g("area"), Address: g("address"), Hotline: g("hotline"),
		Region: g("region"), Contact: g("contact"), ContactPhone: g("contact_phone"), Services: g("services")}
}

func (f stationForm) input() fo.StationInput {
	return fo.StationInput{Name: f.Name, City: f.City, Area: f.Area, Address: f.Address, Hotline: f.Hotline,
		Region: f.Region, Contact: f.Contact, ContactPhone: f.ContactPhone, Services: f.Services}
}

type stationNewPage struct {
	consolePage
	F       stationForm
	Regions []string
}

func regionsOf(st fo.Settings) []string {
	var out []string
	for _, r := range st.LabourRates {
		if r.Region != "" {
			out = append(out, r.Region)
		}
	}
	return out
}

func (s *Server) stationNew(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	s.renderConsole(w, r, c, http.StatusOK, "station_new",
		&stationNewPage{consolePage: s.consolePage(c, "con.st.new"), Regions: regionsOf(c.st)})
}

// stationCreate registers a candidate; a bad form comes back with what
// is wrong and the input kept.
func (s *Server) stationCreate(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	f := stationFormFrom(r)
	st, err := s.cfg.Store.CreateStation(f.input(), c.by())
	if err != nil {
		p := &stationNewPage{consolePage: s.consolePage(c, "con.st.new"), F: f, Regions: regionsOf(c.st)}
		p.Err = s.consoleErrText(c, err)
		s.renderConsole(w, r, c, web.ErrorStatus(err), "station_new", p)
		return
	}
	s.done(w, r, fmt.Sprintf("%s/%d", stationsPath, st.ID), "con.flash.station_saved")
}

// stationPageData is a station's page.
type stationPageData struct {
	consolePage
	S        fo.Station
	F        stationForm
	Regions  []string
	Actions  []string
	Offered  bool
	Lapsed   bool
	Code     string // a fresh link code, shown once
	Jobs     []fo.StationJob
	StepErr  string
	CheckErr string
	Files    map[uint64]fo.StoredFile
}

// ActionLabel is a register action's name.
func (p stationPageData) ActionLabel(a string) string { return fo.StationActionLabel(p.Lang, a) }

// StatusLabel is a station status's name.
func (p stationPageData) StatusLabel(st fo.StationStatus) string { return st.Label(p.Lang) }

// IssuesCert reports whether action asks for a certificate's validity.
func (p stationPageData) IssuesCert(a string) bool { return fo.StationActionIssuesCert(a) }

// FileName is the name of a stored document.
func (p stationPageData) FileName(id uint64) string {
	if f, ok := p.Files[id]; ok {
		return f.Name
	}
	return "#" + strconv.FormatUint(id, 10)
}

func (s *Server) stationPageOf(c *staffCtx, id uint64) (*stationPageData, error) {
	st, err := s.cfg.Store.Station(id)
	if err != nil {
		return nil, err
	}
	today := fo.DayStart(c.now, c.loc)
	jobs, err := s.cfg.Store.StationJobs(id, today.AddDate(0, -2, 0), today.AddDate(0, 0, 1))
	if err != nil {
		return nil, err
	}
	slices.Reverse(jobs)
	p := &stationPageData{consolePage: s.consolePage(c, "con.st.page"), S: st, F: stationFormOf(st), Regions: regionsOf(c.st),
		Actions: fo.StationActions(st.Status), Offered: st.Offered(c.now),
		Lapsed: st.Status == fo.StationCertified && !st.Cert.Valid(c.now), Jobs: jobs, Files: map[uint64]fo.StoredFile{}}
	p.Title = st.Code + " " + st.Name
	for _, e := range st.History {
		for _, fid := range e.Files {
			if f, _, err := s.cfg.Store.StationFile(id, fid); err == nil {
				p.Files[fid] = f
			}
		}
	}
	return p, nil
}

func (s *Server) stationPage(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	id, ok := pathID(r, "id")
	if !ok {
		s.consoleError(w, r, c, http.StatusNotFound, "err.not_found")
		return
	}
	p, err := s.stationPageOf(c, id)
	if err != nil {
		s.consoleFail(w, r, c, err)
		return
	}
	s.renderConsole(w, r, c, http.StatusOK, "station_page", p)
}

// stationAgain shows the station's page again with err next to what caused
// it (set names the place).
func (s *Server) stationAgain(w http.ResponseWriter, r *http.Request, c *staffCtx, id uint64, err error, set func(p *stationPageData, msg string)) {
	p, perr := s.stationPageOf(c, id)
	if perr != nil {
		s.consoleFail(w, r, c, perr)
		return
	}
	set(p, s.consoleErrText(c, err))
	s.renderConsole(w, r, c, web.ErrorStatus(err), "station_page", p)
}

// stationEdit saves the details.
func (s *Server) stationEdit(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	id, ok := pathID(r, "id")
	if !ok {
		s.consoleError(w, r, c, http.StatusNotFound, "err.not_found")
		return
	}
	f := stationFormFrom(r)
	if _, err := s.cfg.Store.UpdateStation(id, f.input(), c.by()); err != nil {
		s.stationAgain(w, r, c, id, err, func(p *stationPageData, msg string) { p.F, p.Err = f, msg })
		return
	}
	s.done(w, r, fmt.Sprintf("%s/%d", stationsPath, id), "con.flash.station_saved")
}

// stationStep takes a register step with its documents (a multipart form:
// "files" may hold several).
func (s *Server) stationStep(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	id, ok := pathID(r, "id")
	if !ok {
		s.consoleError(w, r, c, http.StatusNotFound, "err.not_found")
		return
	}
	step := fo.StationStep{Action: r.PostForm.Get("action"), By: c.by(), Note: r.PostForm.Get("note"),
		CertNo: r.PostForm.Get("cert_no")}
	if u := strings.TrimSpace(r.PostForm.Get("cert_until")); u != "" {
		if d, ok := parseDay(u, c.loc); ok {
			step.CertUntil = d
		}
	}
	files, err := formFiles(r, "files")
	if err == nil {
		_, err = s.cfg.Store.StepStation(id, step, files)
	}
	if err != nil {
		s.stationAgain(w, r, c, id, err, func(p *stationPageData, msg string) { p.StepErr = msg })
		return
	}
	s.done(w, r, fmt.Sprintf("%s/%d", stationsPath, id), "con.flash.station_step")
}

// formFiles reads the files of a multipart field, at most
// fo.MaxStationFiles of at most fo.MaxStoredFile each.
func formFiles(r *http.Request, field string) ([]fo.StationUpload, error) {
	if r.MultipartForm == nil {
		return nil, nil
	}
	hs := r.MultipartForm.File[field]
	if len(hs) > fo.MaxStationFiles {
		return nil, fo.Errorf(fo.EINVALID, "err.station.files", fo.MaxStationFiles)
	}
	var out []fo.StationUpload
	for _, h := range hs {
		if h.Size == 0 {
			continue
		}
		if h.Size > fo.MaxStoredFile {
			return nil, fo.Errorf(fo.EINVALID, "err.file.size", fo.MaxStoredFile>>20)
		}
		f, err := h.Open()
		if err != nil {
			return nil, err
		}
		data := make([]byte, h.Size)
		_, err = io.ReadFull(f, data)
		f.Close()
		if err != nil {
			return nil, err
		}
		mime := http.DetectContentType(data)
		out = append(out, fo.StationUpload{Name: cleanFileName(h.Filename), Mime: mime, Data: data})
	}
	return out, nil
}

// cleanFileName keeps a file name's last part, printable, at most 100
// characters.
func cleanFileName(s string) string {
	if i := strings.LastIndexAny(s, `/\`); i >= 0 {
		s = s[i+1:]
	}
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == '"' || r == '<' || r == '>' {
			return -1
		}
		return r
	}, s)
	if r := []rune(s); len(r) > 100 {
		s = string(r[len(r)-100:])
	}
	if s == "" {
		s = "document"
	}
	return s
}

// stationLink makes a one-time code for the station's group and shows it
// once, on this page (it is not kept: only its hash is).
func (s *Server) stationLink(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	id, ok := pathID(r, "id")
	if !ok {
		s.consoleError(w, r, c, http.StatusNotFound, "err.not_found")
		return
	}
	code, err := s.cfg.Store.NewStationLinkCode(id, c.by())
	if err != nil {
		s.stationAgain(w, r, c, id, err, func(p *stationPageData, msg string) { p.Err = msg })
		return
	}
	p, err := s.stationPageOf(c, id)
	if err != nil {
		s.consoleFail(w, r, c, err)
		return
	}
	p.Code = code
	s.renderConsole(w, r, c, http.StatusOK, "station_page", p)
}

// stationFile serves a document of the station's steps.
func (s *Server) stationFile(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	id, ok1 := pathID(r, "id")
	fid, ok2 := pathID(r, "file")
	if !ok1 || !ok2 {
		s.consoleError(w, r, c, http.StatusNotFound, "err.not_found")
		return
	}
	f, data, err := s.cfg.Store.StationFile(id, fid)
	if err == nil && data == nil {
		err = fo.ErrNotFound // a Telegram file not fetched yet
	}
	if err != nil {
		s.consoleFail(w, r, c, err)
		return
	}
	mime := f.Mime
	if mime != "application/pdf" && mime != "image/png" && mime != "image/jpeg" {
		mime = "application/octet-stream" // never rendered as a page of the console's origin
	}
	w.Header().Set("Content-Type", mime)
	w.Header().Set("Content-Disposition", `attachment; filename="`+strings.ReplaceAll(f.Name, `"`, "")+`"`)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.Write(data)
}

// stationCert serves the station's certificate as a PDF (NET-1).
func (s *Server) stationCert(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	id, ok := pathID(r, "id")
	if !ok {
		s.consoleError(w, r, c, http.StatusNotFound, "err.not_found")
		return
	}
	s.serveStationCert(w, r, c, id)
}

func (s *Server) serveStationCert(w http.ResponseWriter, r *http.Request, c *staffCtx, id uint64) {
	if s.cfg.Documents == nil {
		s.consoleError(w, r, c, http.StatusNotFound, "as.err.no_documents")
		return
	}
	lang := c.lang
	if l := r.URL.Query().Get("lang"); l != "" {
		lang = fo.ParseLang(l)
	}
	pdf, err := s.cfg.Documents.Render(r.Context(), fo.Document{Kind: fo.DocStationCert, Ref: id}, lang)
	if err != nil {
		s.consoleFail(w, r, c, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="station-cert-%d.pdf"`, id))
	w.Header().Set("Content-Length", strconv.Itoa(len(pdf)))
	w.Write(pdf)
}

// stationCheck records what the customer of a job checked by call said
// (NET-4): score and finding.
func (s *Server) stationCheck(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	id, ok1 := pathID(r, "id")
	jid, ok2 := pathID(r, "job")
	if !ok1 || !ok2 {
		s.consoleError(w, r, c, http.StatusNotFound, "err.not_found")
		return
	}
	j, err := s.cfg.Store.StationJob(jid)
	if err == nil && j.StationID != id {
		err = fo.ErrNotFound
	}
	if err == nil {
		score, _ := strconv.Atoi(r.PostForm.Get("score"))
		_, err = s.cfg.Store.RecordStationCheck(jid, score, r.PostForm.Get("finding"), c.by())
	}
	if err != nil {
		s.stationAgain(w, r, c, id, err, func(p *stationPageData, msg string) { p.CheckErr = msg })
		return
	}
	s.done(w, r, fmt.Sprintf("%s/%d", stationsPath, id), "con.flash.station_check")
}

// stationAccount makes an account a station's (admins, on the accounts
// page): role station, bound to the station picked.
func (s *Server) stationAccount(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	id, _ := strconv.ParseUint(r.PostForm.Get("station"), 10, 64)
	acc, err := s.cfg.Store.SetAccountStationAs(strings.TrimSpace(r.PostForm.Get("login")), id, c.by())
	if err != nil {
		p, ok := s.accountsPage(w, r, c)
		if !ok {
			return
		}
		p.Err = s.consoleErrText(c, err)
		s.renderConsole(w, r, c, web.ErrorStatus(err), "console_accounts", p)
		return
	}
	s.log.Info("console account bound to a station", "by", c.acc.Login, "login", acc.Login, "station", acc.StationID)
	s.done(w, r, "/staff/accounts", "con.flash.account_role")
}

// stationFields is what the details' fields template (station_form.html)
// shows.
type stationFields struct {
	P       consolePage
	F       stationForm
	Regions []string
}

// Fields is the details' fields of the new station's form.
func (p stationNewPage) Fields() stationFields {
	return stationFields{P: p.consolePage, F: p.F, Regions: p.Regions}
}

// Fields is the details' fields of the station's page.
func (p stationPageData) Fields() stationFields {
	return stationFields{P: p.consolePage, F: p.F, Regions: p.Regions}
}

// Scores are the scores a check's answer may give (NET-4).
func (p stationPageData) Scores() []int { return []int{5, 4, 3, 2, 1} }

// CertDates are the certificate's first and last valid days.
func (p stationPageData) CertDates() string { return certDates(p.S.Cert, p.loc) }
