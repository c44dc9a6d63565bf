package console

import (
	"crypto/subtle"
	"errors"
	"frontoffice/internal/web"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	fo "frontoffice"
)

// The staff console (/staff): today's appointments and queue, intake, job
// status, pickup calls, archives and settings, behind a login.
//
// Every console route is registered through a staffRoutes group, which
// checks the session cookie (or sends GETs to the login page and refuses
// everything else), the CSRF token of every POST, and the group's roles;
// console pages are never cached (Cache-Control: no-store) and never carry
// personal data in a URL: archives are searched by POST and addressed by
// their opaque numeric id.
//
// Other console pages (the follow-up ones in followup.go) plug in the
// same way:
//
//	g := s.staffGroup(mux).require(fo.RoleFollowUp, fo.RoleSupervisor)
//	g.handle("GET /staff/complaints", s.complaintsPage)   // a staffHandler
//	s.addConsoleNav(consoleNavItem{Key: "<their text key>", Path: "/staff/complaints",
//		Roles: []string{fo.RoleFollowUp, fo.RoleSupervisor}})
//
// and render with s.renderConsole(w, r, c, status, "their_template", page),
// where page embeds consolePage (made by c.page(titleKey)) and the template
// opens with {{template "console_top" .}} and closes with
// {{template "console_bottom" .}}. Forms post a hidden field "csrf" with
// {{.CSRF}}.

// authStore is what the login, the session checks, the settings and the
// accounts pages use of the store.
type authStore interface {
	Settings() (fo.Settings, error)
	SaveSettingsAs(st fo.Settings, by string) error

	Authenticate(login, password string) (fo.Account, error)
	CreateSession(login string) (string, fo.Session, error)
	Session(token string) (fo.Session, fo.Account, error)
	DeleteSession(token string) error
	SetAccountLang(login string, lang fo.Lang) error
	Account(login string) (fo.Account, error)
	Accounts() ([]fo.Account, error)
	SetAccountDisabledAs(login string, disabled bool, by string) (fo.Account, error)
	SetAccountRoleAs(login, role, by string) (fo.Account, error)
}

// deskStore is what the desk's pages (today, visit, pickups, documents)
// use of the store.
type deskStore interface {
	WorkshopLoad() (fo.WorkshopLoad, error) // INT-3: the promise follows the workshop
	Appointment(id uint64) (fo.Appointment, error)
	AppointmentsBetween(from, to time.Time) ([]fo.Appointment, error)
	Register(from, to time.Time) ([]fo.RegisterEntry, error)
	SetAppointmentStatus(id uint64, status fo.AppointmentStatus, by string) (fo.Appointment, error)
	VisitsOn(day string) ([]fo.Visit, error)
	OpenVisits() ([]fo.Visit, error)
	Visit(id uint64) (fo.Visit, error)
	CallNext(id uint64, by string) (fo.Visit, error)
	Intake(req fo.IntakeRequest) (fo.Visit, error)
	SignWorkOrder(req fo.SignRequest) (fo.Visit, error)
	File(id uint64) (fo.StoredFile, []byte, error)
	SetReady(id uint64, c fo.DeliveryChecklist, by string) (fo.Visit, error)
	BackToWorkshop(id uint64, by string) (fo.Visit, error)
	Delay(id uint64, newPromise time.Time, reason, by string) (fo.Visit, error)
	AddWork(req fo.AddWorkRequest) (fo.Visit, fo.AdditionalWork, error)
	AnswerWork(visitID uint64, n int, approve bool, customerID uint64, by string) (fo.Visit, error)
	Deliver(req fo.DeliverRequest) (fo.Visit, error)
	Leave(id uint64, fee fo.Money, reason, by string) (fo.Visit, error)
	PhoneTasks(day string) ([]fo.PhoneTask, []string, error)
	PhoneTaskDone(id string, by string) error
	Customer(id uint64) (fo.Customer, error)
	bookStore      // appointment.go
	exportStore    // export.go
	queueCallStore // today.go
	workshopStore  // workshop.go
}

// archiveStore is what the archive pages use of the store.
type archiveStore interface {
	VehicleByPlate(plate string) (fo.Vehicle, error)
	ArchivesOfPhone(phone string) (fo.Customer, []fo.Vehicle, error)
	Archive(vehicleID uint64) (fo.Archive, error)
	SaveArchive(e fo.ArchiveEdit) (fo.Archive, error)
	IncompleteArchives(limit int) ([]fo.ArchiveGap, int, error)
	CustomerHistory(customerID uint64) (fo.CustomerHistory, error) // archive.go: ARC-1's complaints, calls, surveys
}

// consoleState is the console's own state in the Server.
type consoleState struct {
	limiter *staffLimiter

	mu      sync.Mutex
	nav     []consoleNavItem // the console's and the added pages
	navTail []consoleNavItem // admin pages, always last
	routes  []string         // every pattern registered through a staffRoutes group
}

// Console cookies. The session cookie holds the token whose SHA-256 the
// store keeps; the others hold no secret and no personal data.
const (
	staffCookie      = "fo_staff"       // session token
	staffLangCookie  = "fo_staff_lang"  // zh or en, before login
	staffFlashCookie = "fo_staff_flash" // text key of the last action's note
	staffPreCookie   = "fo_staff_pre"   // login form's CSRF token
)

// maxConsoleForm bounds a console form body.
const maxConsoleForm = 256 << 10

// consoleNavItem is a link of the console's navigation bar, shown to
// accounts with one of Roles (all staff when empty; admins see all).
type consoleNavItem struct {
	Key   string // text key of the label
	Path  string
	Roles []string
}

// addConsoleNav adds a link to the console's navigation bar, after the
// console's own.
func (s *Server) addConsoleNav(item consoleNavItem) {
	s.console.mu.Lock()
	defer s.console.mu.Unlock()
	s.console.nav = append(s.console.nav, item)
}

// Role sets of the console's pages.
var (
	deskRoles  = []string{fo.RoleReception, fo.RoleSupervisor}
	adminRoles = []string{fo.RoleAdmin}
)

func (s *Server) consoleRoutes(mux *http.ServeMux) {
	if s.console.limiter == nil {
		s.console.limiter = newStaffLimiter(s.cfg.Clock)
	}
	mux.HandleFunc("GET /staff/login", s.staffLoginPage)
	mux.HandleFunc("POST /staff/login", s.staffLogin)

	staff := s.staffGroup(mux)
	staff.handle("GET /staff", s.staffHome)
	staff.handle("GET /staff/{$}", s.staffHome)
	staff.handle("POST /staff/logout", s.staffLogout)
	staff.handle("POST /staff/lang", s.staffSetLang)

	desk := staff.require(deskRoles...)
	desk.handle("GET /staff/today", s.consoleToday)
	desk.handle("POST /staff/call-next", s.consoleCallNext)
	desk.handle("POST /staff/visits/{id}/recall", s.consoleRecall)      // today.go
	desk.handle("POST /staff/visits/{id}/move-back", s.consoleMoveBack) // today.go
	desk.handle("POST /staff/appointments/{id}/no-show", s.consoleNoShow)
	desk.handle("GET /staff/visits/{id}", s.consoleVisit)
	desk.handle("POST /staff/visits/{id}/call", s.consoleCall)
	desk.handle("POST /staff/visits/{id}/intake", s.consoleIntake)
	desk.handle("POST /staff/visits/{id}/sign", s.consoleSign) // INT-4, signature.go
	desk.handle("GET /staff/files/{id}", s.consoleFile)        // signature.go
	desk.handle("POST /staff/visits/{id}/ready", s.consoleReady)
	desk.handle("POST /staff/visits/{id}/back", s.consoleBack)
	desk.handle("POST /staff/visits/{id}/delay", s.consoleDelay)
	desk.handle("POST /staff/visits/{id}/work", s.consoleAddWork)
	desk.handle("POST /staff/visits/{id}/work/{n}", s.consoleAnswerWork)
	desk.handle("POST /staff/visits/{id}/deliver", s.consoleDeliver)
	desk.handle("POST /staff/visits/{id}/leave", s.consoleLeave)
	desk.handle("POST /staff/visits/{id}/estimate", s.consoleEstimate)      // INT-1
	desk.handle("POST /staff/visits/{id}/estimate/decide", s.consoleDecide) // INT-1
	desk.handle("POST /staff/visits/{id}/deposit", s.consoleDeposit)        // APT-2
	desk.handle("GET /staff/pickups", s.consolePickups)
	desk.handle("POST /staff/pickups/{id}/done", s.consolePickupDone)
	// The appointment book (appointment.go, APT-1..4, WS-1).
	desk.handle("GET /staff/appointments", s.consoleBook)
	desk.handle("GET /staff/appointments/week", s.consoleWeek)
	desk.handle("POST /staff/appointments/find", s.consoleBookFind)
	desk.handle("POST /staff/appointments/book", s.consoleBookPost)
	desk.handle("GET /staff/appointments/{id}", s.consoleApt)
	desk.handle("POST /staff/appointments/{id}/move", s.consoleAptMove)
	desk.handle("POST /staff/appointments/{id}/cancel", s.consoleAptCancel)
	staff.require(exportRoles...).handle("GET /staff/export/{what}", s.consoleExport) // export.go
	// The dispatch board (workshop.go, WS-1).
	desk.handle("GET /staff/workshop", s.consoleWorkshop)
	desk.handle("POST /staff/workshop/{id}/assign", s.consoleWorkshopAssign)

	// ARC-2: archives are for logged-in staff only.
	staff.handle("GET /staff/archives", s.consoleArchives)
	staff.handle("POST /staff/archives/search", s.consoleArchiveSearch)
	staff.handle("GET /staff/archives/{id}", s.consoleArchive)
	staff.handle("POST /staff/archives/{id}", s.consoleArchiveSave)

	// #9: parked queue entries, for supervisors (and admins).
	queue := staff.require(supervisorRoles...)
	queue.handle("GET /staff/queue", s.consoleQueue)
	queue.handle("POST /staff/queue/retry", s.consoleQueueRetry)

	admin := staff.require(adminRoles...)
	admin.handle("GET /staff/settings", s.consoleSettings)
	admin.handle("POST /staff/settings", s.consoleSettingsSave)
	admin.handle("GET /staff/accounts", s.consoleAccounts)
	admin.handle("POST /staff/accounts/{op}", s.consoleAccountChange)
	admin.handle("GET /staff/audit", s.consoleAudit) // audit.go (issue 12 item 6)

	s.console.nav = append(s.console.nav,
		consoleNavItem{Key: "con.nav.today", Path: "/staff/today", Roles: deskRoles},
		consoleNavItem{Key: "con.nav.book", Path: "/staff/appointments", Roles: deskRoles},
		consoleNavItem{Key: "con.nav.workshop", Path: "/staff/workshop", Roles: deskRoles},
		consoleNavItem{Key: "con.nav.pickups", Path: "/staff/pickups", Roles: deskRoles},
		consoleNavItem{Key: "con.nav.archives", Path: "/staff/archives"},
		// After-sales links (complaints, follow-up calls) are added here
		// by addConsoleNav from followup.go.
	)
	s.console.navTail = []consoleNavItem{
		{Key: "con.nav.queue", Path: "/staff/queue", Roles: supervisorRoles},
		{Key: "con.nav.settings", Path: "/staff/settings", Roles: adminRoles},
		{Key: "con.nav.accounts", Path: "/staff/accounts", Roles: adminRoles},
		{Key: "con.nav.audit", Path: "/staff/audit", Roles: adminRoles},
	}
}

// staffCtx is what a console handler knows of its request: the account,
// its session, the language and the shop's settings.
type staffCtx struct {
	acc   fo.Account
	sess  fo.Session
	token string
	lang  fo.Lang
	st    fo.Settings
	loc   *time.Location
	now   time.Time
	path  string
}

// by names the account for registers and records: "staff:<login>".
func (c *staffCtx) by() string { return "staff:" + c.acc.Login }

// staffHandler serves a console request of a logged-in account.
type staffHandler func(w http.ResponseWriter, r *http.Request, c *staffCtx)

// staffRoutes is a group of console routes: all need a session; roles,
// when set, restrict the group to accounts with one of them (admins pass).
type staffRoutes struct {
	s     *Server
	mux   *http.ServeMux
	roles []string
}

func (s *Server) staffGroup(mux *http.ServeMux) staffRoutes { return staffRoutes{s: s, mux: mux} }

// require returns a sub-group open only to accounts with one of roles.
func (g staffRoutes) require(roles ...string) staffRoutes {
	g.roles = roles
	return g
}

// handle registers h at pattern behind the group's checks.
func (g staffRoutes) handle(pattern string, h staffHandler) {
	g.s.console.mu.Lock()
	g.s.console.routes = append(g.s.console.routes, pattern)
	g.s.console.mu.Unlock()
	g.mux.Handle(pattern, g.s.staffOnly(g.roles, h))
}

// allowed reports whether acc may use something open to roles.
func allowed(acc fo.Account, roles []string) bool {
	if len(roles) == 0 || acc.Role == fo.RoleAdmin {
		return true
	}
	return slices.Contains(roles, acc.Role)
}

// staffOnly is the console's middleware: no caching; a live session or
// away (GET/HEAD to the login page, anything else 403); on POST a body of
// at most maxConsoleForm and the session's CSRF token; then the roles.
func (s *Server) staffOnly(roles []string, h staffHandler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		cookie, err := r.Cookie(staffCookie)
		if err != nil {
			s.staffAway(w, r)
			return
		}
		sess, acc, err := s.cfg.Store.Session(cookie.Value)
		if err != nil {
			if !errors.Is(err, fo.ErrNotFound) {
				s.log.Error("console session", "err", err)
			}
			s.staffAway(w, r)
			return
		}
		c := &staffCtx{acc: acc, sess: sess, token: cookie.Value, lang: staffLang(r, acc), path: r.URL.Path}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			r.Body = http.MaxBytesReader(w, r.Body, maxConsoleForm)
			if err := r.ParseForm(); err != nil {
				web.PlainError(w, s.texts, http.StatusBadRequest, "http.bad_form")
				return
			}
			if !sameToken(r.PostForm.Get("csrf"), sess.CSRF) || web.CrossSite(r) {
				s.log.Warn("console: refused a POST without a valid CSRF token", "path", r.URL.Path, "login", acc.Login)
				s.consoleError(w, r, c, http.StatusForbidden, "con.err.csrf")
				return
			}
		}
		if !allowed(acc, roles) {
			s.consoleError(w, r, c, http.StatusForbidden, "con.err.role")
			return
		}
		st, err := s.cfg.Store.Settings()
		if err != nil {
			s.log.Error("console settings", "err", err)
			web.PlainError(w, s.texts, http.StatusInternalServerError, "http.internal")
			return
		}
		c.st, c.loc, c.now = st, st.Location(), s.cfg.Clock.Now()
		h(w, r, c)
	})
}

// staffAway answers a request without a session.
func (s *Server) staffAway(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		http.Redirect(w, r, "/staff/login", http.StatusSeeOther)
		return
	}
	web.PlainError(w, s.texts, http.StatusForbidden, "http.login")
}

// sameToken compares a posted token with the expected one in constant time.
func sameToken(got, want string) bool {
	return want != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

// staffLang is the console language: the account's choice, else the
// language cookie, else Chinese.
func staffLang(r *http.Request, acc fo.Account) fo.Lang {
	if acc.Lang != "" {
		return acc.Lang
	}
	if c, err := r.Cookie(staffLangCookie); err == nil {
		return fo.ParseLang(c.Value)
	}
	return fo.ZH
}

// staffHome sends the account to its first page.
func (s *Server) staffHome(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	for _, n := range s.consoleNav() {
		if allowed(c.acc, n.Roles) {
			http.Redirect(w, r, n.Path, http.StatusSeeOther)
			return
		}
	}
	s.consoleError(w, r, c, http.StatusForbidden, "con.err.role")
}

// consoleNav is the navigation bar: the console's pages, the added ones,
// then the admin pages.
func (s *Server) consoleNav() []consoleNavItem {
	s.console.mu.Lock()
	defer s.console.mu.Unlock()
	return append(slices.Clone(s.console.nav), s.console.navTail...)
}

// consoleError renders an error page with the text of key.
func (s *Server) consoleError(w http.ResponseWriter, r *http.Request, c *staffCtx, status int, key string, args ...any) {
	p := s.consolePage(c, "con.err.title")
	p.Err = s.texts.T(c.lang, key, args...)
	s.renderConsole(w, r, c, status, "console_error", &p)
}

// errText is the message for err in the console's language: the text of an
// *fo.Error's key, a generic apology for anything else (which is logged).
func (s *Server) consoleErrText(c *staffCtx, err error) string {
	if key, args, ok := web.ErrorKey(s.texts, err); ok {
		return s.texts.T(c.lang, key, args...)
	}
	s.log.Error("console", "path", c.path, "login", c.acc.Login, "err", err)
	return s.texts.T(c.lang, "err.internal")
}

// renderConsole renders a console page (a pointer to a struct embedding
// consolePage), showing on a successful GET the note left by the last
// action.
func (s *Server) renderConsole(w http.ResponseWriter, r *http.Request, c *staffCtx, status int, name string, page any) {
	w.Header().Set("Cache-Control", "no-store")
	if f, ok := page.(interface{ setFlash(string) }); ok && r.Method == http.MethodGet && status == http.StatusOK {
		f.setFlash(s.flash(w, r, c.lang))
	}
	s.render(w, r, status, name, page)
}

// done ends a successful action: a note for the next page (a text key, no
// personal data) and a redirect to it (POST-redirect-GET).
func (s *Server) done(w http.ResponseWriter, r *http.Request, to, flashKey string) {
	http.SetCookie(w, &http.Cookie{Name: staffFlashCookie, Value: flashKey, Path: "/staff", HttpOnly: true,
		SameSite: http.SameSiteStrictMode, Secure: s.cfg.SecureCookies, MaxAge: 60})
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// flash takes the note left by the last action.
func (s *Server) flash(w http.ResponseWriter, r *http.Request, lang fo.Lang) string {
	ck, err := r.Cookie(staffFlashCookie)
	if err != nil {
		return ""
	}
	http.SetCookie(w, &http.Cookie{Name: staffFlashCookie, Value: "", Path: "/staff", HttpOnly: true,
		SameSite: http.SameSiteStrictMode, Secure: s.cfg.SecureCookies, MaxAge: -1})
	if !strings.HasPrefix(ck.Value, "con.flash.") {
		return ""
	}
	if _, ok := s.texts[ck.Value]; !ok {
		return ""
	}
	return s.texts.T(lang, ck.Value)
}
