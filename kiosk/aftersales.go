package kiosk

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	fo "frontoffice"
)

// The after-sales pages: in the staff console, complaints (CMP-1..CMP-5),
// the day's follow-up calls with their outcomes (FU-4, FU-5, FU-7), tasks
// (FU-5), promotions (FU-6), the call and letter registers (FU-7), the
// supervisor's monthly summary and the reports (FU-8, REP-1) and the PDF
// downloads of every form (console_documents.go); at the kiosk, "file a
// complaint" (CMP-1, CMP-2) and "rate your visit" (SUR-1, SUR-2)
// (aftersales_kiosk*.go).
//
// Console pages are registered through staffGroup, so that the session,
// CSRF and role checks of console.go cover them, and never carry personal
// data in a URL: records are addressed by opaque ids, days as YYYY-MM-DD.

// afterSalesStore is what the complaint, survey and call-list pages use of
// the store.
type afterSalesStore interface {
	FileComplaint(req fo.ComplaintRequest) (fo.Complaint, error)
	Complaint(id uint64) (fo.Complaint, error)
	ComplaintByTicket(ticket string) (fo.Complaint, error)
	OpenComplaints() ([]fo.Complaint, error)
	TakeComplaint(id uint64, staff string) (fo.Complaint, error)
	AssignComplaint(id uint64, staff, by string) (fo.Complaint, error)
	AnswerComplaint(req fo.AnswerRequest) (fo.Complaint, error)
	RecordVerdict(req fo.VerdictRequest) (fo.Complaint, error)
	CloseComplaint(id uint64, resolution, verdict, staff string) (fo.Complaint, error)

	CallList(day time.Time) (fo.CallList, error)
	RecordCall(req fo.CallOutcome) (fo.Call, error)
	OpenTasks() ([]fo.Task, error)
	SolveTask(id uint64, solution, staff string) (fo.Task, error)
	AddPromotion(p fo.Promotion, by string) (fo.Promotion, error)
	Promotions(from, to time.Time) ([]fo.Promotion, error)
	CallRegister(from, to time.Time) ([]fo.RegisterEntry, error)
	LetterRegister(from, to time.Time) ([]fo.RegisterEntry, error)
	MonthlySummary(day time.Time) (fo.MonthlySummary, error)

	RateVisit(req fo.RateRequest) (fo.Survey, error)
	VisitSurvey(visitID uint64) (fo.Survey, error)
	VehicleVisits(vehicleID uint64) ([]fo.Visit, error)
}

// Documents prints the shop's paper forms as PDF (forms.Renderer
// implements it): the document doc names, in lang. An unknown kind or
// record is an ENOTFOUND *fo.Error, a record with nothing to print yet
// ECONFLICT.
type Documents interface {
	Render(ctx context.Context, doc fo.Document, lang fo.Lang) ([]byte, error)
}

// Role sets of the after-sales pages. Complaints reach every desk: the
// reception files those taken at the counter (CMP-1); follow-up calls,
// tasks, promotions and registers are the follow-up staff's (FU-4..FU-7);
// the reports and the monthly summary the supervisor's (FU-8, REP-1).
// Admins pass every check.
var (
	complaintRoles  = []string{fo.RoleReception, fo.RoleFollowUp, fo.RoleSupervisor}
	followUpRoles   = []string{fo.RoleFollowUp, fo.RoleSupervisor}
	supervisorRoles = []string{fo.RoleSupervisor}
)

// afterSalesRoutes adds the complaint, survey and call-list pages of the
// kiosk and the console.
func (s *Server) afterSalesRoutes(mux *http.ServeMux) {
	staff := s.staffGroup(mux)
	cmp := staff.require(complaintRoles...)
	cmp.handle("GET /staff/complaints", s.asComplaints)
	cmp.handle("GET /staff/complaints/new", s.asComplaintNew)
	cmp.handle("POST /staff/complaints/new", s.asComplaintFile)
	cmp.handle("GET /staff/complaints/{id}", s.asComplaint)
	cmp.handle("POST /staff/complaints/{id}/take", s.asComplaintTake)
	cmp.handle("POST /staff/complaints/{id}/answer", s.asComplaintAnswer)
	cmp.handle("POST /staff/complaints/{id}/verdict", s.asComplaintVerdict)
	cmp.handle("POST /staff/complaints/{id}/close", s.asComplaintClose)
	sup := staff.require(supervisorRoles...)
	sup.handle("POST /staff/complaints/{id}/assign", s.asComplaintAssign) // CMP-1: the supervisor routes it

	fu := staff.require(followUpRoles...)
	fu.handle("GET /staff/calls", s.asCalls)
	fu.handle("POST /staff/calls/{id}", s.asCallRecord)
	fu.handle("GET /staff/tasks", s.asTasks)
	fu.handle("POST /staff/tasks/{id}/solve", s.asTaskSolve)
	fu.handle("GET /staff/promotions", s.asPromotions)
	fu.handle("POST /staff/promotions", s.asPromotionAdd)
	fu.handle("GET /staff/registers", s.asRegisters)
	sup.handle("GET /staff/reports", s.asReports)

	// Every staff member; the kind decides who may have it.
	staff.handle("GET /staff/documents/{kind}/{ref}", s.consoleDocument)

	for _, n := range []consoleNavItem{
		{Key: "as.nav.complaints", Path: "/staff/complaints", Roles: complaintRoles},
		{Key: "as.nav.calls", Path: "/staff/calls", Roles: followUpRoles},
		{Key: "as.nav.tasks", Path: "/staff/tasks", Roles: followUpRoles},
		{Key: "as.nav.promotions", Path: "/staff/promotions", Roles: followUpRoles},
		{Key: "as.nav.registers", Path: "/staff/registers", Roles: followUpRoles},
		{Key: "as.nav.reports", Path: "/staff/reports", Roles: supervisorRoles},
	} {
		s.addConsoleNav(n)
	}
	s.afterSalesKioskRoutes(mux)
}

// asStaff returns the staff member (settings id) the account acts as in
// the after-sales records, or answers 403 itself: the store records who
// took, answered or called by staff id, so an account linked to no staff
// member (an admin without one) can read but not act.
func (s *Server) asStaff(w http.ResponseWriter, r *http.Request, c *staffCtx) (string, bool) {
	if _, ok := c.st.StaffMember(c.acc.StaffID); !ok {
		s.consoleError(w, r, c, http.StatusForbidden, "as.err.no_staff")
		return "", false
	}
	return c.acc.StaffID, true
}

// staffLabel names who did something in a history or register: a staff
// member's name for "staff:<id>" (or "staff:<login>"), the channel's
// name for customers and the system.
func staffLabel(st *fo.Settings, lang fo.Lang, texts fo.Catalog, by string) string {
	who, rest, _ := strings.Cut(by, ":")
	switch who {
	case "staff":
		id, _, _ := strings.Cut(rest, " ")
		if m, ok := st.StaffMember(id); ok {
			return m.Name + strings.TrimPrefix(rest, id)
		}
		return rest
	case "customer":
		return texts.T(lang, "as.by.customer")
	case "system":
		return texts.T(lang, "as.by.system")
	case "kiosk":
		return texts.T(lang, "cmp.ch.kiosk")
	}
	return by
}

// label is a domain text (cmp.cat.*, cmp.ch.*, cmp.st.*: written to sit
// inside a sentence) as a label of the console: capitalised in English.
func label(texts fo.Catalog, lang fo.Lang, key string) string {
	s := texts.T(lang, key)
	if lang == fo.EN && s != "" && s[0] >= 'a' && s[0] <= 'z' {
		return string(s[0]-'a'+'A') + s[1:]
	}
	return s
}

// plainText drops the pictographs chat texts carry (📞, 🆕): the shop's
// console may have no font for them. Lines lose the space they leave.
func plainText(s string) string {
	s = strings.Map(func(r rune) rune {
		if r >= 0x1F000 || r == 0xFE0F {
			return -1
		}
		return r
	}, s)
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimLeft(l, " ")
	}
	return strings.Join(lines, "\n")
}

// dayParam reads a YYYY-MM-DD query parameter as midnight in loc, or
// returns def.
func dayParam(r *http.Request, name string, loc *time.Location, def time.Time) time.Time {
	if t, err := time.ParseInLocation(time.DateOnly, strings.TrimSpace(r.URL.Query().Get(name)), loc); err == nil {
		return t
	}
	return fo.DayStart(def, loc)
}

// parseDay reads a YYYY-MM-DD form field as midnight in loc.
func parseDay(s string, loc *time.Location) (time.Time, bool) {
	t, err := time.ParseInLocation(time.DateOnly, strings.TrimSpace(s), loc)
	return t, err == nil
}

// dayRef is a day's document reference, YYYYMMDD (fo.ReportRef).
func dayRef(t time.Time, loc *time.Location) uint64 { return fo.ReportRef(t, loc) }

// idPath joins a path prefix and an id: "/staff/complaints/7".
func idPath(prefix string, id uint64) string { return prefix + "/" + strconv.FormatUint(id, 10) }

// leftText writes the time until a deadline for the console (CMP-2,
// CMP-3): "还剩 3 小时 59 分" / "3 h 59 min left" in whole minutes,
// rounded down; once past it, "已超时 1 小时 5 分" / "overdue by 1 h 5
// min", rounded up, so that the first second past the deadline already
// reads overdue.
func leftText(texts fo.Catalog, lang fo.Lang, d time.Duration) string {
	if d < 0 {
		m := int((-d + time.Minute - 1) / time.Minute)
		return texts.T(lang, "as.cmp.overdue_by", minutesText(texts, lang, m))
	}
	return texts.T(lang, "as.cmp.left", minutesText(texts, lang, int(d/time.Minute)))
}

// minutesText writes a number of minutes as minutes, hours and minutes,
// or, from two days on, days and hours.
func minutesText(texts fo.Catalog, lang fo.Lang, m int) string {
	switch {
	case m < 60:
		return texts.T(lang, "as.min", m)
	case m < 48*60:
		return texts.T(lang, "as.hmin", m/60, m%60)
	}
	return texts.T(lang, "as.dh", m/(24*60), m%(24*60)/60)
}
