package console

import (
	"net/http"
	"time"

	fo "frontoffice"
)

// The follow-up pages of the console: complaints (CMP-1..CMP-5), the day's
// follow-up calls with their outcomes (FU-4, FU-5, FU-7), tasks (FU-5),
// promotions (FU-6), the call and letter registers (FU-7), the
// supervisor's monthly summary and the reports (FU-8, REP-1) and the PDF
// downloads of every form (document.go).
//
// They are registered through staffGroup, so that the session, CSRF and
// role checks of console.go cover them, and never carry personal data in
// a URL: records are addressed by opaque ids, days as YYYY-MM-DD.

// complaintStore is what the complaint pages use of the store.
type complaintStore interface {
	FileComplaint(req fo.ComplaintRequest) (fo.Complaint, error)
	Complaint(id uint64) (fo.Complaint, error)
	OpenComplaints() ([]fo.Complaint, error)
	TakeComplaint(id uint64, staff string) (fo.Complaint, error)
	AssignComplaint(id uint64, staff, by string) (fo.Complaint, error)
	AnswerComplaint(req fo.AnswerRequest) (fo.Complaint, error)
	RecordVerdict(req fo.VerdictRequest) (fo.Complaint, error)
	CloseComplaint(id uint64, resolution, verdict, staff string) (fo.Complaint, error)
	Customer(id uint64) (fo.Customer, error)
	CustomerByPhone(phone string) (fo.Customer, error)
	VehicleByPlate(plate string) (fo.Vehicle, error)
	VehicleVisits(vehicleID uint64) ([]fo.Visit, error)
	Visit(id uint64) (fo.Visit, error)
}

// followUpStore is what the follow-up pages (calls, tasks, promotions,
// registers, reports) use of the store.
type followUpStore interface {
	complaintStore

	CallList(day time.Time) (fo.CallList, error)
	RecordCall(req fo.CallOutcome) (fo.Call, error)
	OpenTasks() ([]fo.Task, error)
	SolveTask(id uint64, solution, staff string) (fo.Task, error)
	AddPromotion(p fo.Promotion, by string) (fo.Promotion, error)
	Promotions(from, to time.Time) ([]fo.Promotion, error)
	CallRegister(from, to time.Time) ([]fo.RegisterEntry, error)
	LetterRegister(from, to time.Time) ([]fo.RegisterEntry, error)
	MonthlySummary(day time.Time) (fo.MonthlySummary, error)
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

// followUpRoutes adds the complaint, follow-up and report pages and the
// document downloads.
func (s *Server) followUpRoutes(mux *http.ServeMux) {
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
}
