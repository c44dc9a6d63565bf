package console

import (
	"errors"
	"frontoffice/internal/web"
	"net/http"
	"sort"
	"strconv"
	"time"

	fo "frontoffice"
)

// todayPage is the reception's day: today's appointments, today's queue and
// the jobs still in the shop from earlier days.
type todayPage struct {
	consolePage
	Appointments []aptRow
	Queue        []visitRow
	Earlier      []visitRow
	Waiting      int
	// Called are today's numbers called and not yet taken in: the desk
	// recalls them or moves them back (issue 11 item 6).
	Called []calledRow
	// Next is the number the next call takes ("" when nobody waits).
	Next string
	// MoveID and Places keep a refused move-back's form as typed.
	MoveID uint64
	Places string
	// Conflicts are today's half hours in which the cars taken on plus
	// the bookings exceed the bays (WS-1).
	Conflicts []string
}

// aptRow is an appointment of today.
type aptRow struct {
	ID        uint64
	Start     time.Time
	End       time.Time
	Code      string
	Service   string
	Name      string
	Plate     string
	Status    string
	Booked    bool
	CanNoShow bool // booked and its start has passed
	Deposit   fo.Money
}

// visitRow is a visit in a list.
type visitRow struct {
	ID       uint64
	QueueNo  string
	Plate    string
	Name     string
	Service  string
	Status   fo.VisitStatus
	In       time.Time
	Promised time.Time
	Alerts   []visitAlert
}

// visitAlert is a badge on a visit: Key names its text, Class its colour.
type visitAlert struct {
	Key   string
	Class string // warn, danger, info
}

// visitAlerts are what needs attention in a visit: the progress check found
// it not ready (INT-7), additional work waits for the customer's answer
// (INT-6), it was delayed or is late, the customer was told to come and it
// is not ready (DEL-2), the work order has no quality guarantee (INT-2).
func visitAlerts(v fo.Visit, now time.Time) []visitAlert {
	var out []visitAlert
	if v.Status == fo.VisitWorkshop && v.ProgressAlerted {
		out = append(out, visitAlert{"con.alert.progress", "warn"}) // INT-7
	}
	for _, aw := range v.Additional {
		if aw.Status == fo.AddPending && v.Open() {
			out = append(out, visitAlert{"con.alert.aw_pending", "warn"}) // INT-6
			break
		}
	}
	if len(v.Delays) > 0 && v.Open() {
		out = append(out, visitAlert{"con.alert.delayed", "info"}) // DEL-2
	}
	switch {
	case v.Late(now): // INT-3
		out = append(out, visitAlert{"con.alert.late", "danger"})
	case v.ToldNotReady(now): // DEL-2
		out = append(out, visitAlert{"con.alert.told_not_ready", "danger"})
	}
	if v.WorkOrder != nil && v.WorkOrder.NoGuarantee() && v.Open() {
		out = append(out, visitAlert{"con.alert.no_guarantee", "info"}) // INT-2
	}
	return out
}

func (s *Server) visitRow(c *staffCtx, v fo.Visit) visitRow {
	sv, _ := c.st.Service(v.ServiceID)
	return visitRow{ID: v.ID, QueueNo: v.QueueNo, Plate: v.Plate, Name: v.CustomerName, Service: sv.Name(c.lang),
		Status: v.Status, In: v.CheckedInAt, Promised: v.PromisedAt(), Alerts: visitAlerts(v, c.now)}
}

// consoleToday shows today's appointments and queue.
func (s *Server) consoleToday(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	p, err := s.todayPage(c)
	if err != nil {
		s.consoleFail(w, r, c, err)
		return
	}
	s.renderConsole(w, r, c, http.StatusOK, "console_today", p)
}

// todayPage reads the Today page.
func (s *Server) todayPage(c *staffCtx) (*todayPage, error) {
	p := &todayPage{consolePage: s.consolePage(c, "con.today.title")}
	from := fo.DayStart(c.now, c.loc)
	apts, err := s.cfg.Store.AppointmentsBetween(from, from.AddDate(0, 0, 1))
	if err != nil {
		return nil, err
	}
	// No-shows hold no bay, so AppointmentsBetween leaves them out; those
	// marked today come back from the appointment register (APT-3), so that
	// the day's list still shows them.
	reg, err := s.cfg.Store.Register(from, from.AddDate(0, 0, 1))
	if err != nil {
		return nil, err
	}
	for _, e := range reg {
		if e.Action != string(fo.AptNoShow) {
			continue
		}
		a, err := s.cfg.Store.Appointment(e.Ref)
		if err == nil && a.Status == fo.AptNoShow && !a.Start.Before(from) && a.Start.Before(from.AddDate(0, 0, 1)) {
			apts = append(apts, a)
		}
	}
	sort.SliceStable(apts, func(i, j int) bool { return apts[i].Start.Before(apts[j].Start) })
	for _, a := range apts {
		sv, _ := c.st.Service(a.ServiceID)
		p.Appointments = append(p.Appointments, aptRow{ID: a.ID, Start: a.Start, End: a.End, Code: a.Code,
			Service: sv.Name(c.lang), Name: a.CustomerName, Plate: a.Plate, Status: a.Status.Label(c.lang),
			Booked: a.Status == fo.AptBooked, CanNoShow: a.Status == fo.AptBooked && !a.Start.After(c.now), Deposit: a.Deposit})
	}
	day := c.now.In(c.loc).Format(time.DateOnly)
	visits, err := s.cfg.Store.VisitsOn(day)
	if err != nil {
		return nil, err
	}
	for _, v := range visits {
		p.Queue = append(p.Queue, s.visitRow(c, v))
		if v.Status == fo.VisitWaiting {
			p.Waiting++
		}
		if v.Status == fo.VisitCalled {
			p.Called = append(p.Called, calledRowOf(v))
		}
	}
	if q := fo.QueueOrder(visits); len(q) > 0 {
		p.Next = q[0].QueueNo
	}
	open, err := s.cfg.Store.OpenVisits()
	if err != nil {
		return nil, err
	}
	for _, v := range open {
		if v.Day < day {
			p.Earlier = append(p.Earlier, s.visitRow(c, v))
		}
	}
	p.Conflicts = conflictTimes(&c.st, c.st.Occupancy(c.now, apts, open), from, c.loc) // WS-1
	return p, nil
}

// consoleFail answers an error of the store: its text on the error page,
// with the status of its code.
func (s *Server) consoleFail(w http.ResponseWriter, r *http.Request, c *staffCtx, err error) {
	p := s.consolePage(c, "con.err.title")
	p.Err = s.consoleErrText(c, err)
	s.renderConsole(w, r, c, web.ErrorStatus(err), "console_error", &p)
}

// consoleCallNext calls the first waiting number of today to the counter;
// the board shows it. The reception goes on to that visit's intake.
func (s *Server) consoleCallNext(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	v, err := s.cfg.Store.CallNext(0, c.by())
	if errors.Is(err, fo.ErrNotFound) {
		s.done(w, r, "/staff/today", "con.flash.nobody_waiting")
		return
	}
	if err != nil {
		s.consoleFail(w, r, c, err)
		return
	}
	s.done(w, r, visitPath(v.ID), "con.flash.called")
}

// consoleNoShow marks a booked appointment whose time has passed a no-show
// (APT-3 registers it; its bay is freed).
func (s *Server) consoleNoShow(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	id, ok := pathID(r, "id")
	if !ok {
		s.consoleError(w, r, c, http.StatusNotFound, "err.not_found")
		return
	}
	a, err := s.cfg.Store.Appointment(id)
	if err != nil {
		s.consoleFail(w, r, c, err)
		return
	}
	if a.Start.After(c.now) {
		s.consoleError(w, r, c, http.StatusConflict, "con.err.noshow_early")
		return
	}
	if _, err := s.cfg.Store.SetAppointmentStatus(id, fo.AptNoShow, c.by()); err != nil {
		s.consoleFail(w, r, c, err)
		return
	}
	s.done(w, r, "/staff/today", "con.flash.noshow")
}

func visitPath(id uint64) string { return "/staff/visits/" + strconv.FormatUint(id, 10) }

// pickupsPage is the reception's call list of the day: pickup notices,
// delays and additional-work questions for customers without Telegram
// (DEL-2, INT-6), and the undone ones of earlier days.
type pickupsPage struct {
	consolePage
	Tasks []taskRow
	Open  int
}

// taskRow is a call to make.
type taskRow struct {
	ID      string // opaque key for PhoneTaskDone
	Kind    string
	Text    string
	Name    string
	Phone   string
	VisitID uint64
	QueueNo string
	Plate   string
	Created time.Time
	Earlier bool
	Done    time.Time
	DoneBy  string
}

func (s *Server) consolePickups(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	p := &pickupsPage{consolePage: s.consolePage(c, "con.pickups.title")}
	day := c.now.In(c.loc).Format(time.DateOnly)
	tasks, ids, err := s.cfg.Store.PhoneTasks(day)
	if err != nil {
		s.consoleFail(w, r, c, err)
		return
	}
	for i, t := range tasks {
		row := taskRow{ID: ids[i], Kind: p.T("con.task." + t.Kind), Text: t.Text, VisitID: t.VisitID, Created: t.Created,
			Earlier: t.Day < day, Done: t.Done, DoneBy: t.DoneBy}
		if cu, err := s.cfg.Store.Customer(t.CustomerID); err == nil {
			row.Name, row.Phone = cu.Name, cu.Phone
		}
		if v, err := s.cfg.Store.Visit(t.VisitID); err == nil {
			row.QueueNo, row.Plate = v.QueueNo, v.Plate
		}
		if row.Done.IsZero() {
			p.Open++
		}
		p.Tasks = append(p.Tasks, row)
	}
	s.renderConsole(w, r, c, http.StatusOK, "console_pickups", p)
}

// consolePickupDone marks a call made.
func (s *Server) consolePickupDone(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	id := r.PathValue("id")
	if len(id) > 64 {
		s.consoleError(w, r, c, http.StatusNotFound, "err.not_found")
		return
	}
	if err := s.cfg.Store.PhoneTaskDone(id, c.by()); err != nil {
		s.consoleFail(w, r, c, err)
		return
	}
	s.done(w, r, "/staff/pickups", "con.flash.call_done")
}

// queueCallStore is what the desk's queue calls use of the store (issue 11
// item 6; data/board.go).
type queueCallStore interface {
	Recall(id uint64, by string) (fo.Visit, error)
	MoveBack(id uint64, places int, by string) (fo.Visit, error)
}

// calledRow is a number called and not yet taken in: how often it was
// called, when last, and whether it was moved back before.
type calledRow struct {
	ID       uint64
	QueueNo  string
	Plate    string
	Name     string
	CalledAt time.Time
	Calls    int
	Moves    int
}

func calledRowOf(v fo.Visit) calledRow {
	r := calledRow{ID: v.ID, QueueNo: v.QueueNo, Plate: v.Plate, Name: v.CustomerName, CalledAt: v.CalledAt}
	for _, e := range v.QueueLog {
		switch e.Kind {
		case fo.QueueEvCalled, fo.QueueEvRecalled:
			r.Calls++
		case fo.QueueEvMovedBack:
			r.Moves++
		}
	}
	return r
}

// defaultMoveBack is the move-back form's places as first shown.
const defaultMoveBack = 3

// DefaultPlaces is the move-back form's value: what was typed after an
// error on that row, else defaultMoveBack.
func (p *todayPage) DefaultPlaces(id uint64) string {
	if id == p.MoveID && p.Places != "" {
		return p.Places
	}
	return strconv.Itoa(defaultMoveBack)
}

// MaxMoveBack bounds the move-back form.
func (p *todayPage) MaxMoveBack() int { return fo.MaxMoveBack }

// consoleRecall calls a called number again: the board shows it again and
// the customer's chat is told again.
func (s *Server) consoleRecall(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	id, ok := pathID(r, "id")
	if !ok {
		s.consoleError(w, r, c, http.StatusNotFound, "err.not_found")
		return
	}
	if _, err := s.cfg.Store.Recall(id, c.by()); err != nil {
		s.todayFailed(w, r, c, err, 0, "")
		return
	}
	s.done(w, r, "/staff/today", "con.flash.recalled")
}

// consoleMoveBack moves a called number whose customer did not come back
// in the queue by the places typed (fo.QueueMoveBack); it waits again.
func (s *Server) consoleMoveBack(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	id, ok := pathID(r, "id")
	if !ok {
		s.consoleError(w, r, c, http.StatusNotFound, "err.not_found")
		return
	}
	typed := r.PostFormValue("places")
	n, err := strconv.Atoi(typed)
	if err != nil || n < 1 || n > fo.MaxMoveBack {
		s.todayFailed(w, r, c, fo.Errorf(fo.EINVALID, "err.move_back", fo.MaxMoveBack), id, typed)
		return
	}
	if _, err := s.cfg.Store.MoveBack(id, n, c.by()); err != nil {
		s.todayFailed(w, r, c, err, id, typed)
		return
	}
	s.done(w, r, "/staff/today", "con.flash.moved_back")
}

// todayFailed shows the Today page with a queue action's error, the
// move-back form of row id keeping what was typed.
func (s *Server) todayFailed(w http.ResponseWriter, r *http.Request, c *staffCtx, err error, id uint64, typed string) {
	p, perr := s.todayPage(c)
	if perr != nil {
		s.consoleFail(w, r, c, perr)
		return
	}
	p.Err, p.MoveID, p.Places = s.consoleErrText(c, err), id, typed
	s.renderConsole(w, r, c, web.ErrorStatus(err), "console_today", p)
}
