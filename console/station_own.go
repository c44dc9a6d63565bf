package console

import (
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"slices"
	"strings"
	"time"

	fo "frontoffice"
	"frontoffice/internal/web"
)

// A station account's own pages (issue 14 Security; NET-1, NET-4): its
// station's details and certificate, the form to report a job done and
// the jobs it reported. Every handler reads the station from the account
// (stationOf), never from the request: there is no id to change.

// stationOwnPage is the station's own page.
type stationOwnPage struct {
	consolePage
	S     fo.Station
	Valid bool
	Jobs  []fo.StationJob
	F     stationJobForm
	Idem  string
	Max   string // today, the latest day the form takes
}

// StatusLabel is a station status's name.
func (p stationOwnPage) StatusLabel(st fo.StationStatus) string { return st.Label(p.Lang) }

// stationJobForm is the job form as typed.
type stationJobForm struct {
	Customer, Phone, Plate, Work, Day string
}

// ownStation returns the account's station, or answers 403 and false.
func (s *Server) ownStation(w http.ResponseWriter, r *http.Request, c *staffCtx) (fo.Station, bool) {
	id, ok := stationOf(c.acc)
	if !ok {
		s.consoleError(w, r, c, http.StatusForbidden, "con.err.role")
		return fo.Station{}, false
	}
	st, err := s.cfg.Store.Station(id)
	if err != nil {
		s.consoleFail(w, r, c, err)
		return fo.Station{}, false
	}
	return st, true
}

func (s *Server) stationOwnPageOf(c *staffCtx, st fo.Station, f stationJobForm) (*stationOwnPage, error) {
	today := fo.DayStart(c.now, c.loc)
	jobs, err := s.cfg.Store.StationJobs(st.ID, today.AddDate(0, -1, 0), today.AddDate(0, 0, 1))
	if err != nil {
		return nil, err
	}
	slices.Reverse(jobs)
	b := make([]byte, 12)
	rand.Read(b)
	if f.Day == "" {
		f.Day = today.Format(time.DateOnly)
	}
	p := &stationOwnPage{consolePage: s.consolePage(c, "con.st.own"), S: st, Valid: st.Offered(c.now), Jobs: jobs, F: f,
		Idem: base64.RawURLEncoding.EncodeToString(b), Max: today.Format(time.DateOnly)}
	p.Title = st.Code + " " + st.Name
	return p, nil
}

// stationOwn shows the account's station.
func (s *Server) stationOwn(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	st, ok := s.ownStation(w, r, c)
	if !ok {
		return
	}
	p, err := s.stationOwnPageOf(c, st, stationJobForm{})
	if err != nil {
		s.consoleFail(w, r, c, err)
		return
	}
	s.renderConsole(w, r, c, http.StatusOK, "station_own", p)
}

// stationOwnJob records a job the station reports (NET-4); a bad form
// comes back with what is wrong and the input kept.
func (s *Server) stationOwnJob(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	st, ok := s.ownStation(w, r, c)
	if !ok {
		return
	}
	g := func(k string) string { return strings.TrimSpace(r.PostForm.Get(k)) }
	f := stationJobForm{Customer: g("customer"), Phone: g("phone"), Plate: g("plate"), Work: g("work"), Day: g("day")}
	idem := g("idem")
	if idem != "" {
		idem = "con:stjob:" + c.acc.Login + ":" + idem
	}
	_, err := s.cfg.Store.AddStationJob(fo.StationJobInput{Idem: idem, StationID: st.ID, Customer: f.Customer,
		Phone: f.Phone, Plate: f.Plate, Work: f.Work, Day: f.Day, By: c.by()})
	if err != nil {
		p, perr := s.stationOwnPageOf(c, st, f)
		if perr != nil {
			s.consoleFail(w, r, c, perr)
			return
		}
		p.Err = s.consoleErrText(c, err)
		s.renderConsole(w, r, c, web.ErrorStatus(err), "station_own", p)
		return
	}
	s.done(w, r, stationPrefix, "con.flash.station_job")
}

// stationOwnCert serves the account's station's certificate.
func (s *Server) stationOwnCert(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	st, ok := s.ownStation(w, r, c)
	if !ok {
		return
	}
	if st.Cert.No == "" {
		s.consoleError(w, r, c, http.StatusNotFound, "err.not_found")
		return
	}
	s.serveStationCert(w, r, c, st.ID)
}

// CertDates are the certificate's first and last valid days.
func (p stationOwnPage) CertDates() string { return certDates(p.S.Cert, p.loc) }

// certDates writes a certificate's validity: "2026-11-27 – 2027-11-27".
func certDates(c fo.StationCert, loc *time.Location) string {
	return c.From.In(loc).Format(time.DateOnly) + " – " + c.Until.Add(-time.Hour).In(loc).Format(time.DateOnly)
}
