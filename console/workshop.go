package console

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	fo "frontoffice"
	"frontoffice/internal/web"
)

// The dispatch board (WS-1): /staff/workshop shows which bay and team hold
// which car now, each job's estimate against its time so far (overruns
// marked), what comes next (today's bookings still to come and the cars
// waiting) and the half hours where the cars taken on plus the bookings
// exceed the bays; reception and supervisors put a job in a bay with a
// team. /staff/workshop?tv=1 is the same board for the workshop's TV:
// read-only, large, refreshed every 30 s, with masked plates and no names.
// The TV variant stays behind the console's login: the workshop board
// shows what every car in the shop is in for and when it is due, which is
// the shop's business, not the lobby's, so it is not an anonymous kiosk
// page; the TV's browser holds a reception session.

// workshopStore is what the dispatch board uses of the store besides the
// desk's reads (OpenVisits, AppointmentsBetween).
type workshopStore interface {
	AssignWorkshop(visitID uint64, bay int, team, by string) (fo.Visit, error)
}

// tvRefresh is how often the TV variant reloads, in seconds.
const tvRefresh = 30

// workshopPage is the dispatch board.
type workshopPage struct {
	consolePage
	TV         bool
	Refresh    int
	Bays       []bayRow
	Unassigned []*jobRow
	Next       []nextRow
	Conflicts  []string // "10:00" … segments of today over the bays
	Teams      []fo.Team
	BayNos     []int
}

// jobs returns every job on the board.
func (p *workshopPage) jobs() []*jobRow {
	out := slices.Clone(p.Unassigned)
	for _, b := range p.Bays {
		if b.Job != nil {
			out = append(out, b.Job)
		}
	}
	return out
}

// bayRow is a bay and the car it holds, if any.
type bayRow struct {
	No  int
	Job *jobRow
}

// jobRow is a car in the workshop.
type jobRow struct {
	ID       uint64
	QueueNo  string
	Plate    string // masked on the TV
	Name     string // empty on the TV
	Service  string
	Bay      int
	Team     string
	TeamName string
	Estimate string // "2:30"
	Elapsed  string
	Percent  int // elapsed of estimate, capped at 100 for the bar
	DueAt    time.Time
	Overrun  bool
	Bad      bool // its assignment was refused: the form shows what was chosen
}

// nextRow is a car that comes next: a booking of today still to come, or
// a car waiting in the lobby.
type nextRow struct {
	Kind    string // text key: booking, waiting
	At      time.Time
	Ref     string // booking code or queue number
	Plate   string
	Name    string
	Service string
	Minutes int
}

// jobOf is a job with its board, for the console_ws_job template.
type jobOf struct {
	P *workshopPage
	J *jobRow
}

// JobOf pairs a job with the board: {{template "console_ws_job" ($.JobOf .)}}.
func (p *workshopPage) JobOf(j *jobRow) jobOf { return jobOf{P: p, J: j} }

// Now is the board's time (the TV's clock).
func (p *workshopPage) Now() time.Time { return p.now }

// hmDur writes d as "h:mm".
func hmDur(d time.Duration) string {
	m := int(d / time.Minute)
	return fmt.Sprintf("%d:%02d", m/60, m%60)
}

// workshopView builds the board from the open visits and the day's
// appointments at now (WS-1); tv masks plates and leaves names out.
func workshopView(p *workshopPage, st *fo.Settings, now time.Time, apts []fo.Appointment, open []fo.Visit, tv bool) {
	loc := st.Location()
	plate := func(s string) string {
		if tv {
			return fo.MaskPlate(s)
		}
		return fo.FormatPlate(s)
	}
	name := func(s string) string {
		if tv {
			return ""
		}
		return s
	}
	svName := func(id string) string {
		sv, ok := st.Service(id)
		if !ok {
			return ""
		}
		return sv.Name(p.Lang)
	}
	p.Teams, p.TV = st.Teams, tv
	for i := 1; i <= st.Bays; i++ {
		p.BayNos = append(p.BayNos, i)
		p.Bays = append(p.Bays, bayRow{No: i})
	}
	today := fo.DayStart(now, loc)
	for _, v := range open {
		switch v.Status {
		case fo.VisitWorkshop:
			jc := st.JobClock(&v, now)
			j := jobRow{ID: v.ID, QueueNo: v.QueueNo, Plate: plate(v.Plate), Name: name(v.CustomerName), Service: svName(v.ServiceID),
				Bay: v.Bay, Team: v.Team, Estimate: hmDur(jc.Estimate), Elapsed: hmDur(jc.Elapsed), DueAt: jc.DueAt, Overrun: jc.Overrun}
			if t, ok := st.Team(v.Team); ok {
				j.TeamName = t.Name
			}
			if jc.Estimate > 0 {
				j.Percent = min(100, int(jc.Elapsed*100/jc.Estimate))
			}
			if v.Bay >= 1 && v.Bay <= len(p.Bays) && p.Bays[v.Bay-1].Job == nil {
				p.Bays[v.Bay-1].Job = &j
			} else {
				p.Unassigned = append(p.Unassigned, &j)
			}
		case fo.VisitWaiting, fo.VisitCalled:
			if v.Day != today.Format(time.DateOnly) {
				continue
			}
			p.Next = append(p.Next, nextRow{Kind: "con.ws.waiting", At: v.CheckedInAt, Ref: v.QueueNo, Plate: plate(v.Plate),
				Name: name(v.CustomerName), Service: svName(v.ServiceID), Minutes: int(st.Estimate(&v) / time.Minute)})
		}
	}
	for _, a := range apts {
		if a.Status == fo.AptBooked && a.End.After(now) && !a.Start.Before(today) && a.Start.Before(today.AddDate(0, 0, 1)) {
			ref := a.Code
			if tv { // a booking code checks in at the kiosk: not on a screen
				ref = ""
			}
			p.Next = append(p.Next, nextRow{Kind: "con.ws.booking", At: a.Start, Ref: ref, Plate: plate(a.Plate),
				Name: name(a.CustomerName), Service: svName(a.ServiceID), Minutes: int(a.End.Sub(a.Start) / time.Minute)})
		}
	}
	slices.SortStableFunc(p.Next, func(a, b nextRow) int { return a.At.Compare(b.At) })
	p.Conflicts = conflictTimes(st, st.Occupancy(now, apts, open), today, loc)
}

// conflictTimes lists the segments of day in which occ counts more cars
// than bays (WS-1), as "15:04".
func conflictTimes(st *fo.Settings, occ fo.Occupancy, day time.Time, loc *time.Location) []string {
	var out []string
	for _, t := range occ.Over(st.Bays) {
		if fo.DayStart(t, loc).Equal(day) {
			out = append(out, t.In(loc).Format("15:04"))
		}
	}
	return out
}

// dayLoad reads what capacity counts for the days [from, to) at now: the
// appointments that may hold a bay in them and in the rest of today
// (around which the walk-ins are placed) and the visits still in the shop
// (WS-1).
func (s *Server) dayLoad(c *staffCtx, from, to time.Time) ([]fo.Appointment, []fo.Visit, error) {
	today := fo.DayStart(c.now, c.loc)
	if today.Before(from) {
		from = today
	}
	if tomorrow := today.AddDate(0, 0, 1); to.Before(tomorrow) {
		to = tomorrow
	}
	longest := 0
	for _, sv := range c.st.Services {
		longest = max(longest, sv.Minutes)
	}
	apts, err := s.cfg.Store.AppointmentsBetween(from.Add(-time.Duration(longest)*time.Minute), to)
	if err != nil {
		return nil, nil, err
	}
	open, err := s.cfg.Store.OpenVisits()
	return apts, open, err
}

// refused is an assignment the store refused: the job, what was chosen
// and why.
type refused struct {
	id   uint64
	bay  int
	team string
	err  string
}

// workshopBoard renders the board; bad, when set, is a refused assignment
// whose form keeps what was chosen, marked, with the reason on top.
func (s *Server) workshopBoard(w http.ResponseWriter, r *http.Request, c *staffCtx, status int, tv bool, bad *refused) {
	p := &workshopPage{consolePage: s.consolePage(c, "con.ws.title"), Refresh: tvRefresh}
	today := fo.DayStart(c.now, c.loc)
	apts, open, err := s.dayLoad(c, today, today.AddDate(0, 0, 1))
	if err != nil {
		s.consoleFail(w, r, c, err)
		return
	}
	workshopView(p, &c.st, c.now, apts, open, tv)
	if bad != nil {
		p.Err = bad.err
		for _, j := range p.jobs() {
			if j.ID == bad.id {
				j.Bay, j.Team, j.Bad = bad.bay, bad.team, true
			}
		}
	}
	name := "console_workshop"
	if tv {
		name = "console_workshop_tv"
	}
	s.renderConsole(w, r, c, status, name, p)
}

// consoleWorkshop is the dispatch board: GET /staff/workshop[?tv=1].
func (s *Server) consoleWorkshop(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	s.workshopBoard(w, r, c, http.StatusOK, r.URL.Query().Get("tv") == "1", nil)
}

// consoleWorkshopAssign puts a car in a bay with a team (WS-1): POST
// /staff/workshop/{id}/assign with bay (0..Bays) and team ("" or a team
// id). A refused assignment shows the board again with the reason.
func (s *Server) consoleWorkshopAssign(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	id, ok := pathID(r, "id")
	if !ok {
		s.consoleError(w, r, c, http.StatusNotFound, "err.not_found")
		return
	}
	bay, ok := parseInt(r.PostForm.Get("bay"), 0, c.st.Bays, 0)
	team := strings.TrimSpace(r.PostForm.Get("team"))
	var err error
	if !ok {
		err = fo.Errorf(fo.EINVALID, "err.ws.bay", c.st.Bays)
	} else if len(team) > fo.MaxTeamID {
		err = fo.Errorf(fo.EINVALID, "err.ws.team")
	} else {
		_, err = s.cfg.Store.AssignWorkshop(id, bay, team, c.by())
	}
	if err != nil {
		s.workshopBoard(w, r, c, web.ErrorStatus(err), false, &refused{id: id, bay: bay, team: team, err: s.consoleErrText(c, err)})
		return
	}
	s.done(w, r, "/staff/workshop", "con.flash.ws_assigned")
}
