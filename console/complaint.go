package console

import (
	"frontoffice/internal/web"
	"net/http"
	"slices"
	"strings"
	"time"

	fo "frontoffice"
)

// Complaints in the console: the open ones with the time left to answer
// (CMP-2, CMP-3; overdue highlighted, CMP-5 escalations marked), one
// complaint with its full history, and the closed loop (CMP-4): take it,
// assign it (the supervisor, CMP-1), answer it, record the customer's
// verdict heard on the phone, or close it with its resolution and verdict.

// complaintsPath is the list of open complaints.
const complaintsPath = "/staff/complaints"

// complaintPath is one complaint's page.
func complaintPath(id uint64) string { return idPath(complaintsPath, id) }

// deadline is a complaint's answer deadline as the console shows it.
type deadline struct {
	Text  string // "还剩 3 小时 59 分", "已超时 5 分", or the status when answered
	Class string // "overdue", "soon" (past the warning), "" on time, "done" when not waiting
	Stale bool   // unresolved past StaleAt: escalated to the supervisor (CMP-5)
}

// complaintDeadline is where complaint c stands at now (fo.ComplaintTimeLeft).
func (s *Server) complaintDeadline(c fo.Complaint, now time.Time, lang fo.Lang) deadline {
	// CMP-5: past StaleAt, or escalated already (which moves StaleAt on).
	d := deadline{Stale: c.Status != fo.CmpClosed && ((!c.StaleAt.IsZero() && !now.Before(c.StaleAt)) ||
		slices.ContainsFunc(c.History, func(e fo.ComplaintEvent) bool { return e.Action == "escalated" }))}
	if !c.Unanswered() {
		d.Text, d.Class = label(s.texts, lang, "cmp.st."+string(c.Status)), "done"
		return d
	}
	left := fo.ComplaintTimeLeft(c, now)
	d.Text = leftText(s.texts, lang, left)
	switch {
	case left < 0:
		d.Class = "overdue"
	case !c.WarnAt.IsZero() && !now.Before(c.WarnAt):
		d.Class = "soon"
	}
	return d
}

// complaintRow is a line of the open complaints.
type complaintRow struct {
	C        fo.Complaint
	Category string
	Channel  string
	Status   string
	Assignee string
	Due      deadline
	Station  string // NET-3: the station it is routed to
}

type complaintsPage struct {
	consolePage
	Rows    []complaintRow
	Overdue int
}

// asComplaints lists every complaint not closed, the earliest deadline
// first, with the time left to answer (CMP-2, CMP-3).
func (s *Server) asComplaints(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	list, err := s.cfg.Store.OpenComplaints()
	if err != nil {
		s.consoleFail(w, r, c, err)
		return
	}
	p := &complaintsPage{consolePage: s.consolePage(c, "as.cmp.list_title")}
	for _, cm := range list {
		row := complaintRow{C: cm, Category: label(s.texts, c.lang, "cmp.cat."+cm.Category), Channel: label(s.texts, c.lang, "cmp.ch."+cm.Channel),
			Status:   label(s.texts, c.lang, "cmp.st."+string(cm.Status)),
			Assignee: s.assigneeName(c, cm.Assignee), Due: s.complaintDeadline(cm, c.now, c.lang)}
		if row.Due.Class == "overdue" {
			p.Overdue++
		}
		p.Rows = append(p.Rows, row)
	}
	s.rowStations(p.Rows) // NET-3: station_complaint.go
	s.renderConsole(w, r, c, http.StatusOK, "complaints", p)
}

// assigneeName names a complaint's assignee, "nobody" when none.
func (s *Server) assigneeName(c *staffCtx, id string) string {
	if id == "" {
		return s.texts.T(c.lang, "staff.nobody")
	}
	return c.st.StaffName(id)
}

// historyRow is a line of a complaint's history.
type historyRow struct {
	At     time.Time
	Who    string
	Action string
	Note   string
}

// complaintPage is one complaint: what it is about, where it stands, its
// history, and the forms of the steps open to the account.
type complaintPage struct {
	consolePage
	C        fo.Complaint
	Category string
	Channel  string
	Status   string
	Assignee string
	Phone    string
	HasChat  bool
	Due      deadline
	// Told is what the customer was (or is to be) told at filing: the
	// ticket and the answer deadline (CMP-2), to read out on the phone.
	Told    string
	History []historyRow
	Staff   []fo.StaffMember // to assign to

	CanTake, CanAssign, CanAnswer, CanVerdict, CanClose bool
	DocLink                                             string

	// NET-3 (station_complaint.go): the station it is routed to, and
	// where it may be routed.
	Station  string
	Stations []fo.Station
	CanRoute bool

	// Kept input and which form the page's Err belongs to.
	Answer, Resolution, Verdict, AssignTo string
	ByPhone                               bool
	FormErr                               string
}

// complaintPage builds the page of complaint cm for c.
func (s *Server) complaintPage(c *staffCtx, cm fo.Complaint) *complaintPage {
	p := &complaintPage{consolePage: s.consolePage(c, "as.cmp.title"), C: cm,
		Category: label(s.texts, c.lang, "cmp.cat."+cm.Category), Channel: label(s.texts, c.lang, "cmp.ch."+cm.Channel),
		Status: label(s.texts, c.lang, "cmp.st."+string(cm.Status)), Assignee: s.assigneeName(c, cm.Assignee),
		Due: s.complaintDeadline(cm, c.now, c.lang), Told: fo.ComplaintFiledText(&c.st, cm, cm.Lang)}
	p.Title = p.T("as.cmp.title") + " " + cm.Ticket
	if cm.ChatID != 0 {
		p.HasChat = true
	}
	if cm.CustomerID != 0 {
		if cu, err := s.cfg.Store.Customer(cm.CustomerID); err == nil {
			p.Phone, p.HasChat = cu.Phone, p.HasChat || cu.ChatID != 0
		}
	}
	p.ByPhone = !p.HasChat
	for _, e := range cm.History {
		note := e.Note
		switch e.Action {
		case "filed":
			note = label(s.texts, c.lang, "cmp.ch."+e.Note)
		case "assigned", "reopened", "warned":
			note = c.st.StaffName(e.Note)
		}
		p.History = append(p.History, historyRow{At: e.At, Who: staffLabel(&c.st, c.lang, s.texts, e.By),
			Action: s.texts.T(c.lang, "as.act."+e.Action), Note: note})
	}
	open := cm.Status != fo.CmpClosed
	me := c.acc.StaffID
	sup := c.acc.Is(fo.RoleSupervisor)
	p.CanTake = open && me != "" && cm.Assignee != me && (cm.Assignee == "" || sup)
	p.CanAssign = open && sup
	p.CanAnswer = cm.Unanswered()
	p.CanVerdict = cm.Status == fo.CmpAnswered
	p.CanClose = open && (sup || (me != "" && cm.Assignee == me))
	if p.CanAssign {
		p.Staff = c.st.Staff
		p.AssignTo = cm.Assignee
	}
	if allowed(c.acc, complaintRoles) {
		p.DocLink = documentPath("complaint", cm.ID)
	}
	s.complaintStations(c, p) // NET-3
	return p
}

// loadComplaint reads the {id} complaint, answering 404 itself when it
// fails.
func (s *Server) loadComplaint(w http.ResponseWriter, r *http.Request, c *staffCtx) (fo.Complaint, bool) {
	id, ok := pathID(r, "id")
	if !ok {
		s.consoleError(w, r, c, http.StatusNotFound, "err.not_found")
		return fo.Complaint{}, false
	}
	cm, err := s.cfg.Store.Complaint(id)
	if err != nil {
		s.consoleFail(w, r, c, err)
		return cm, false
	}
	return cm, true
}

// asComplaint shows one complaint with its full history (CMP-4).
func (s *Server) asComplaint(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	if cm, ok := s.loadComplaint(w, r, c); ok {
		s.renderConsole(w, r, c, http.StatusOK, "complaint", s.complaintPage(c, cm))
	}
}

// complaintFailed shows the complaint page again with err next to form
// and the input kept by keep.
func (s *Server) complaintFailed(w http.ResponseWriter, r *http.Request, c *staffCtx, cm fo.Complaint, form string, err error, keep func(p *complaintPage)) {
	if fresh, ferr := s.cfg.Store.Complaint(cm.ID); ferr == nil {
		cm = fresh
	}
	p := s.complaintPage(c, cm)
	if keep != nil {
		keep(p)
	}
	p.Err, p.FormErr = s.consoleErrText(c, err), form
	// A form the page no longer offers shows its error at the top.
	if shown := map[string]bool{"take": p.CanTake, "assign": p.CanAssign, "answer": p.CanAnswer, "verdict": p.CanVerdict,
		"close": p.CanClose, "station": p.CanRoute}; !shown[form] {
		p.FormErr = ""
	}
	s.renderConsole(w, r, c, web.ErrorStatus(err), "complaint", p)
}

// complaintStep loads the {id} complaint and the acting staff member, runs
// step and goes back to the complaint with flash, or shows the error next
// to form.
func (s *Server) complaintStep(w http.ResponseWriter, r *http.Request, c *staffCtx, form, flash string,
	keep func(p *complaintPage), step func(cm fo.Complaint, staff string) error) {
	cm, ok := s.loadComplaint(w, r, c)
	if !ok {
		return
	}
	staff, ok := s.asStaff(w, r, c)
	if !ok {
		return
	}
	if err := step(cm, staff); err != nil {
		s.complaintFailed(w, r, c, cm, form, err, keep)
		return
	}
	s.done(w, r, complaintPath(cm.ID), flash)
}

// asComplaintTake makes the account's staff member the assignee; a
// supervisor may take one another took.
func (s *Server) asComplaintTake(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	s.complaintStep(w, r, c, "take", "con.flash.as_taken", nil, func(cm fo.Complaint, staff string) error {
		if cm.Assignee != "" && cm.Assignee != staff && c.acc.Is(fo.RoleSupervisor) {
			_, err := s.cfg.Store.AssignComplaint(cm.ID, staff, "staff:"+staff)
			return err
		}
		_, err := s.cfg.Store.TakeComplaint(cm.ID, staff)
		return err
	})
}

// asComplaintAssign routes the complaint to a staff member (CMP-1); the
// route is open to supervisors only.
func (s *Server) asComplaintAssign(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	to := strings.TrimSpace(r.PostForm.Get("staff"))
	s.complaintStep(w, r, c, "assign", "con.flash.as_assigned", func(p *complaintPage) { p.AssignTo = to },
		func(cm fo.Complaint, staff string) error {
			_, err := s.cfg.Store.AssignComplaint(cm.ID, to, "staff:"+staff)
			return err
		})
}

// asComplaintAnswer records the answer (CMP-2, CMP-4): sent to the
// customer's chat with the satisfied/not buttons, or given on the phone
// (always so without a chat), which goes in the call register (FU-7).
func (s *Server) asComplaintAnswer(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	text := r.PostForm.Get("answer")
	byPhone := r.PostForm.Get("phone") != ""
	s.complaintStep(w, r, c, "answer", "con.flash.as_answered", func(p *complaintPage) { p.Answer, p.ByPhone = text, byPhone },
		func(cm fo.Complaint, staff string) error {
			_, err := s.cfg.Store.AnswerComplaint(fo.AnswerRequest{ID: cm.ID, Staff: staff, Text: text, ByPhone: byPhone})
			return err
		})
}

// asComplaintVerdict records the customer's verdict on an answer as heard
// on the phone (CMP-4): satisfied closes the complaint with the answer as
// its resolution, dissatisfied reopens it to the supervisor with a new
// deadline.
func (s *Server) asComplaintVerdict(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	v := r.PostForm.Get("verdict")
	s.complaintStep(w, r, c, "verdict", "con.flash.as_verdict", nil, func(cm fo.Complaint, staff string) error {
		if v != fo.VerdictSatisfied && v != fo.VerdictDissatisfied {
			return fo.Errorf(fo.EINVALID, "err.cmp.verdict")
		}
		_, err := s.cfg.Store.RecordVerdict(fo.VerdictRequest{ID: cm.ID, Satisfied: v == fo.VerdictSatisfied, Staff: staff})
		return err
	})
}

// asComplaintClose closes the complaint with its resolution and the
// customer's verdict (CMP-4): the supervisor, or the staff member who has
// it.
func (s *Server) asComplaintClose(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	res, v := r.PostForm.Get("resolution"), r.PostForm.Get("verdict")
	s.complaintStep(w, r, c, "close", "con.flash.as_closed", func(p *complaintPage) { p.Resolution, p.Verdict = res, v },
		func(cm fo.Complaint, staff string) error {
			if !c.acc.Is(fo.RoleSupervisor) && cm.Assignee != staff {
				return fo.Errorf(fo.EFORBIDDEN, "as.err.close")
			}
			_, err := s.cfg.Store.CloseComplaint(cm.ID, res, v, staff)
			return err
		})
}
