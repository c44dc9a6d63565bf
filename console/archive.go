package console

import (
	"errors"
	"frontoffice/internal/web"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	fo "frontoffice"
)

// Archives (ARC-1, ARC-2): search by plate or phone, one vehicle's archive
// with its history, and the archives still incomplete two days after a
// visit. Only logged-in staff reach these pages; the search is a POST, so
// no plate or phone ever stands in a URL, and an archive is addressed by
// its vehicle's opaque id.

// maxGapsShown is how many incomplete archives the list shows.
const maxGapsShown = 100

// archivesPage is the search form, its results and the incomplete list.
type archivesPage struct {
	consolePage
	Query    string
	Searched bool
	Customer *fo.Customer
	Found    []fo.Vehicle
	Gaps     []gapRow
	GapTotal int
}

// gapRow is an incomplete archive (ARC-1).
type gapRow struct {
	VehicleID uint64
	Plate     string
	Name      string
	Since     time.Time
	Days      int
	Missing   string
}

func (s *Server) archivesPage(w http.ResponseWriter, r *http.Request, c *staffCtx) (*archivesPage, bool) {
	p := &archivesPage{consolePage: s.consolePage(c, "con.archives.title")}
	gaps, total, err := s.cfg.Store.IncompleteArchives(maxGapsShown)
	if err != nil {
		s.consoleFail(w, r, c, err)
		return nil, false
	}
	p.GapTotal = total
	for _, g := range gaps {
		names := make([]string, len(g.Gaps))
		for i, k := range g.Gaps {
			names[i] = p.T(k)
		}
		p.Gaps = append(p.Gaps, gapRow{VehicleID: g.VehicleID, Plate: g.Plate, Name: g.CustomerName, Since: g.Since,
			Days: int(c.now.Sub(g.Since).Hours() / 24), Missing: p.Join(names)})
	}
	return p, true
}

func (s *Server) consoleArchives(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	if p, ok := s.archivesPage(w, r, c); ok {
		s.renderConsole(w, r, c, http.StatusOK, "console_archives", p)
	}
}

// consoleArchiveSearch finds archives by plate or by phone, exactly, after
// normalising either (fo.ParsePlate, fo.ParsePhone). One vehicle found
// opens its archive; a customer with several lists them.
func (s *Server) consoleArchiveSearch(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	p, ok := s.archivesPage(w, r, c)
	if !ok {
		return
	}
	q := strings.TrimSpace(r.PostForm.Get("q"))
	if len(q) > 64 {
		q = q[:64]
	}
	p.Query, p.Searched = q, true
	if plate, err := fo.ParsePlate(q); err == nil {
		v, err := s.cfg.Store.VehicleByPlate(plate)
		if err == nil {
			http.Redirect(w, r, archivePath(v.ID), http.StatusSeeOther)
			return
		}
		if !errors.Is(err, fo.ErrNotFound) {
			s.consoleFail(w, r, c, err)
			return
		}
	} else if phone, err := fo.ParsePhone(q); err == nil {
		cu, vs, err := s.cfg.Store.ArchivesOfPhone(phone)
		if err == nil && len(vs) == 1 {
			http.Redirect(w, r, archivePath(vs[0].ID), http.StatusSeeOther)
			return
		}
		if err != nil && !errors.Is(err, fo.ErrNotFound) {
			s.consoleFail(w, r, c, err)
			return
		}
		if err == nil {
			p.Customer, p.Found = &cu, vs
		}
	} else {
		p.Err = p.T("con.archives.bad_query")
		s.renderConsole(w, r, c, http.StatusUnprocessableEntity, "console_archives", p)
		return
	}
	if len(p.Found) == 0 {
		p.Err = p.T("con.archives.none")
	}
	s.renderConsole(w, r, c, http.StatusOK, "console_archives", p)
}

func archivePath(id uint64) string { return "/staff/archives/" + strconv.FormatUint(id, 10) }

// archivePage is one vehicle's archive (客户档案基本资料表, ARC-1).
type archivePage struct {
	consolePage
	A        fo.Archive
	F        archiveForm
	Missing  []string
	Types    []string
	History  []visitRow        // newest first
	Services map[string]string // service id → name
	// The customer's complaints, follow-up call attempts and answered
	// surveys, shown with the visits (ARC-1), newest first.
	Complaints []fo.Complaint
	Calls      []callAttemptRow
	Surveys    []fo.Survey
}

// callAttemptRow is one attempt of a follow-up call in the archive.
type callAttemptRow struct {
	At      time.Time
	Kind    string
	Outcome string
	Notes   string
	By      string
}

// addHistory fills the archive's after-sales history (ARC-1); an error
// reading it is logged and the page shows the rest.
func (s *Server) addHistory(c *staffCtx, p *archivePage) {
	h, err := s.cfg.Store.CustomerHistory(p.A.Customer.ID)
	if err != nil {
		s.log.Error("archive history", "customer", p.A.Customer.ID, "err", err)
		return
	}
	for i := len(h.Complaints) - 1; i >= 0; i-- {
		p.Complaints = append(p.Complaints, h.Complaints[i])
	}
	for _, call := range h.Calls {
		for _, at := range call.Attempts {
			outcome := at.Outcome
			if _, ok := s.texts["as.reg."+outcome]; ok {
				outcome = s.texts.T(c.lang, "as.reg."+outcome)
			}
			p.Calls = append(p.Calls, callAttemptRow{At: at.At, Kind: call.Kind.Label(c.lang), Outcome: outcome, Notes: at.Notes, By: at.By})
		}
	}
	slices.SortFunc(p.Calls, func(a, b callAttemptRow) int { return b.At.Compare(a.At) })
	for i := len(h.Surveys) - 1; i >= 0; i-- {
		if h.Surveys[i].Status == fo.SurveyDone {
			p.Surveys = append(p.Surveys, h.Surveys[i])
		}
	}
}

// archiveForm is the archive's editable fields as typed.
type archiveForm struct {
	Name, Address, Model, Type, Interval, Next, Wants string
}

func (s *Server) archivePage(c *staffCtx, a fo.Archive) *archivePage {
	p := &archivePage{consolePage: s.consolePage(c, "con.archive.title"), A: a, Types: fo.VehicleTypes, Services: map[string]string{}}
	for _, sv := range c.st.Services {
		p.Services[sv.ID] = sv.Name(c.lang)
	}
	p.Title = p.T("con.archive.title") + " " + fo.FormatPlate(a.Vehicle.Plate)
	v := a.Vehicle
	p.F = archiveForm{Name: a.Customer.Name, Address: a.Customer.Address, Model: v.Model, Type: v.Type, Wants: v.Wants}
	if v.MaintIntervalDays > 0 {
		p.F.Interval = strconv.Itoa(v.MaintIntervalDays)
	}
	if !v.NextMaintenance.IsZero() {
		p.F.Next = v.NextMaintenance.In(c.loc).Format(time.DateOnly)
	}
	for _, g := range a.Gaps {
		p.Missing = append(p.Missing, p.T(g))
	}
	for i := len(a.Visits) - 1; i >= 0; i-- { // newest first
		p.History = append(p.History, s.visitRow(c, a.Visits[i]))
	}
	s.addHistory(c, p)
	return p
}

func (s *Server) loadArchive(w http.ResponseWriter, r *http.Request, c *staffCtx) (fo.Archive, bool) {
	id, ok := pathID(r, "id")
	if !ok {
		s.consoleError(w, r, c, http.StatusNotFound, "err.not_found")
		return fo.Archive{}, false
	}
	a, err := s.cfg.Store.Archive(id)
	if err != nil {
		s.consoleFail(w, r, c, err)
		return a, false
	}
	return a, true
}

func (s *Server) consoleArchive(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	if a, ok := s.loadArchive(w, r, c); ok {
		s.renderConsole(w, r, c, http.StatusOK, "console_archive", s.archivePage(c, a))
	}
}

// consoleArchiveSave stores the archive's fields (ARC-1); an invalid edit
// changes nothing and comes back with what was typed.
func (s *Server) consoleArchiveSave(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	a, ok := s.loadArchive(w, r, c)
	if !ok {
		return
	}
	g := func(k string) string { return strings.TrimSpace(r.PostForm.Get(k)) }
	f := archiveForm{Name: g("name"), Address: g("address"), Model: g("model"), Type: g("type"), Interval: g("interval"), Next: g("next"), Wants: g("wants")}
	e := fo.ArchiveEdit{VehicleID: a.Vehicle.ID, Name: f.Name, Address: f.Address, Model: f.Model, Type: f.Type, Wants: f.Wants, By: c.by()}
	var err error
	if n, ok := parseInt(f.Interval, 0, 3650, 0); ok {
		e.MaintIntervalDays = n
	} else {
		err = fo.Errorf(fo.EINVALID, "err.archive.interval")
	}
	if err == nil && f.Next != "" {
		e.NextMaintenance, err = fo.ParseDate(f.Next, c.now, c.loc)
	}
	if err == nil {
		_, err = s.cfg.Store.SaveArchive(e)
	}
	if err != nil {
		p := s.archivePage(c, a)
		p.F, p.Err = f, s.consoleErrText(c, err)
		s.renderConsole(w, r, c, web.ErrorStatus(err), "console_archive", p)
		return
	}
	s.done(w, r, archivePath(a.Vehicle.ID), "con.flash.archive_saved")
}
