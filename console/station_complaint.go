package console

import (
	"net/http"
	"strconv"
	"strings"

	fo "frontoffice"
)

// The service network in the console (NET-2, NET-3).
//
// A station's own pages, under /staff/station/ only, open to accounts of
// RoleStation and scoped to the account's station (Account.StationID; an
// account bound to no station gets 403): its complaints with the answer
// form, its cost claims with the claim form, its settlements and
// scorecards as PDFs (station_claim.go). Anything of another station
// answers 404, as if it did not exist.
//
// The shop's side: the complaint pages show the station a complaint is
// routed to and let complaint staff route it (POST
// /staff/complaints/{id}/station); the supervisor audits the stations'
// claims (/staff/network/claims) and reads their scorecards
// (/staff/network/scores, station_score.go).

// networkStore is what the network pages use of the store.
type networkStore interface {
	Stations() ([]fo.Station, error)
	Station(id uint64) (fo.Station, error)
	RouteComplaint(id, stationID uint64, by string) (fo.Complaint, error)
	StationComplaints(station uint64, days int) ([]fo.Complaint, error)
	AnswerStationComplaint(req fo.StationAnswerRequest) (fo.Complaint, error)
	SubmitClaim(req fo.ClaimRequest) (fo.StationClaim, error)
	StationClaims(station uint64) ([]fo.StationClaim, error)
	Claim(id uint64) (fo.StationClaim, error)
	AuditClaim(req fo.ClaimAuditRequest, by string) (fo.StationClaim, error)
	StationSettlements(station uint64) ([]fo.StationSettlement, error)
	StationScorecard(station uint64, month string) (fo.StationScorecard, fo.Station, error)
}

// networkRoles may run the network: the supervisor (admins pass every
// check); stationRoles are a station's people.
var (
	networkRoles = []string{fo.RoleSupervisor}
	stationRoles = []string{fo.RoleStation}
)

// stationComplaintDays is how far back a station's closed complaints are
// listed.
const stationComplaintDays = 90

// networkRoutes adds the network's pages.
func (s *Server) networkRoutes(mux *http.ServeMux) {
	staff := s.staffGroup(mux)
	stn := staff.require(stationRoles...)
	stn.handle("GET /staff/station/complaints", s.stationComplaintsPage)
	stn.handle("POST /staff/station/complaints/{id}/answer", s.stationComplaintAnswer)
	stn.handle("GET /staff/station/claims", s.stationClaimsPage)
	stn.handle("POST /staff/station/claims", s.stationClaimSubmit)
	stn.handle("GET /staff/station/documents/{kind}/{ref}", s.stationDocument)

	cmp := staff.require(complaintRoles...)
	cmp.handle("POST /staff/complaints/{id}/station", s.asComplaintRoute)

	net := staff.require(networkRoles...)
	net.handle("GET /staff/network/claims", s.networkClaimsPage)
	net.handle("POST /staff/network/claims/{id}/audit", s.networkClaimAudit)
	net.handle("GET /staff/network/scores", s.networkScoresPage)
	net.handle("GET /staff/network/documents/{kind}/{ref}", s.networkDocument)

	for _, n := range []consoleNavItem{
		{Key: "net.nav.station_complaints", Path: "/staff/station/complaints", Roles: stationRoles},
		{Key: "net.nav.station_claims", Path: "/staff/station/claims", Roles: stationRoles},
		{Key: "net.nav.claims", Path: "/staff/network/claims", Roles: networkRoles},
		{Key: "net.nav.scores", Path: "/staff/network/scores", Roles: networkRoles},
	} {
		s.addConsoleNav(n)
	}
}

// network returns the store's network part.
func (s *Server) network() networkStore { return s.cfg.Store }

// stationOfAccount returns the station the account is bound to, answering
// 403 itself when it is bound to none (an admin, say) or the station is
// gone.
func (s *Server) stationOfAccount(w http.ResponseWriter, r *http.Request, c *staffCtx) (fo.Station, bool) {
	id, ok := stationOf(c.acc) // station_scope.go
	if !ok {
		s.consoleError(w, r, c, http.StatusForbidden, "con.err.role")
		return fo.Station{}, false
	}
	st, err := s.network().Station(id)
	if err != nil {
		s.consoleError(w, r, c, http.StatusForbidden, "con.err.role")
		return fo.Station{}, false
	}
	return st, true
}

// stationComplaintRow is a line of a station's complaints.
type stationComplaintRow struct {
	C        fo.Complaint
	Category string
	Status   string
	Due      deadline
	Err      string
	Answer   string
}

type stationComplaintsPage struct {
	consolePage
	Station fo.Station
	Rows    []stationComplaintRow
}

// stationComplaintsPage lists the complaints routed to the account's
// station (NET-3): those not closed, the earliest deadline first, each
// with its answer form, then the recently closed.
func (s *Server) stationComplaintsPage(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	s.renderStationComplaints(w, r, c, http.StatusOK, 0, "", "")
}

func (s *Server) renderStationComplaints(w http.ResponseWriter, r *http.Request, c *staffCtx, status int, failed uint64, errText, kept string) {
	stn, ok := s.stationOfAccount(w, r, c)
	if !ok {
		return
	}
	list, err := s.network().StationComplaints(stn.ID, stationComplaintDays)
	if err != nil {
		s.consoleFail(w, r, c, err)
		return
	}
	p := &stationComplaintsPage{consolePage: s.consolePage(c, "net.title.station_complaints"), Station: stn}
	for _, cm := range list {
		if cm.StationID != stn.ID {
			continue // never another station's
		}
		row := stationComplaintRow{C: cm, Category: label(s.texts, c.lang, "cmp.cat."+cm.Category),
			Status: label(s.texts, c.lang, "cmp.st."+string(cm.Status)), Due: s.complaintDeadline(cm, c.now, c.lang)}
		if cm.ID == failed {
			row.Err, row.Answer = errText, kept
		}
		p.Rows = append(p.Rows, row)
	}
	s.renderConsole(w, r, c, status, "station_complaints", p)
}

// stationComplaintAnswer records the station's answer (NET-3): a
// complaint of another station is 404.
func (s *Server) stationComplaintAnswer(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	stn, ok := s.stationOfAccount(w, r, c)
	if !ok {
		return
	}
	id, ok := pathID(r, "id")
	if !ok {
		s.consoleError(w, r, c, http.StatusNotFound, "err.not_found")
		return
	}
	text := r.PostForm.Get("answer")
	_, err := s.network().AnswerStationComplaint(fo.StationAnswerRequest{ID: id, StationID: stn.ID, By: "station:" + c.acc.Login, Text: text})
	if err != nil {
		if fo.ErrorCode(err) == fo.EINVALID {
			s.renderStationComplaints(w, r, c, http.StatusUnprocessableEntity, id, s.consoleErrText(c, err), text)
			return
		}
		s.consoleFail(w, r, c, err)
		return
	}
	s.done(w, r, "/staff/station/complaints", "con.flash.as_answered")
}

// asComplaintRoute routes a complaint to a certified station (NET-3);
// station 0 is refused (a routed complaint stays with its station until
// closed, or is routed to another).
func (s *Server) asComplaintRoute(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	to, _ := strconv.ParseUint(strings.TrimSpace(r.PostForm.Get("station")), 10, 64)
	s.complaintStep(w, r, c, "station", "con.flash.net_routed", nil, func(cm fo.Complaint, staff string) error {
		_, err := s.network().RouteComplaint(cm.ID, to, "staff:"+staff)
		return err
	})
}

// complaintStations fills in the complaint page's station (NET-3): the
// station it is routed to, and the stations it may be routed to.
func (s *Server) complaintStations(c *staffCtx, p *complaintPage) {
	all, err := s.network().Stations()
	if err != nil {
		return
	}
	for _, st := range all {
		if st.ID == p.C.StationID {
			p.Station = st.Code + " " + st.Name + " · " + st.Hotline
		}
		if fo.StationRoutable(st) && st.ID != p.C.StationID {
			p.Stations = append(p.Stations, st)
		}
	}
	p.CanRoute = p.C.Status != fo.CmpClosed && len(p.Stations) > 0 && c.acc.StaffID != ""
}

// rowStations names the station of each complaint row (NET-3).
func (s *Server) rowStations(rows []complaintRow) {
	all, err := s.network().Stations()
	if err != nil {
		return
	}
	names := map[uint64]string{}
	for _, st := range all {
		names[st.ID] = st.Code + " " + st.Name
	}
	for i := range rows {
		rows[i].Station = names[rows[i].C.StationID]
	}
}

// stationOptions are the stations a complaint may be routed to at filing
// (NET-3), selected the one chosen; none when the shop has none.
func (s *Server) stationOptions(selected uint64) []option {
	all, err := s.network().Stations()
	if err != nil {
		return nil
	}
	var out []option
	for _, st := range all {
		if fo.StationRoutable(st) {
			out = append(out, option{Value: strconv.FormatUint(st.ID, 10), Label: st.Code + " " + st.Name + " · " + st.City,
				Selected: st.ID == selected})
		}
	}
	return out
}
