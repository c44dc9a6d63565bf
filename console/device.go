package console

import (
	"errors"
	"frontoffice/internal/web"
	"net/http"
	"strconv"
	"time"

	fo "frontoffice"
)

// Lobby devices (issue 10): the kiosks and TVs allowed to use the kiosk.
// A supervisor (or admin) enrols one: a name, then an enrolment code shown
// once, which the device's browser types at /kiosk/enrol within
// fo.EnrolmentTTL; revoking it refuses its token at once. The desk
// (reception, supervisor) unlocks a device whose kiosk limits a visitor
// used up (fo.Device.Unlocks), and the server's own machine too.

// lobbyStore is what the devices, pending-match and desk walk-in pages use
// of the store.
type lobbyStore interface {
	Devices() ([]fo.Device, error)
	CreateEnrolment(name, by string) (string, time.Time, error)
	RevokeDevice(id uint64, by string) (fo.Device, error)
	UnlockDevice(id uint64, by string) (fo.Device, error)
	PendingMatches() ([]fo.PendingMatch, error)
	MergePending(id uint64, by string) (fo.PendingMatch, error)
	KeepSeparate(id uint64, by string) (fo.PendingMatch, error)
	CheckIn(req fo.CheckInRequest) (fo.Visit, error)
}

const devicesPath = "/staff/devices"

// Role sets of the lobby pages: the desk sees devices and unlocks them;
// enrolling and revoking is a supervisor's (admins pass everywhere).
var enrolRoles = []string{fo.RoleSupervisor}

func (s *Server) lobbyRoutes(mux *http.ServeMux) {
	desk := s.staffGroup(mux).require(deskRoles...)
	desk.handle("GET "+devicesPath, s.consoleDevices)
	desk.handle("POST "+devicesPath+"/{id}/unlock", s.consoleDeviceUnlock)
	enrol := s.staffGroup(mux).require(enrolRoles...)
	enrol.handle("POST "+devicesPath+"/enrol", s.consoleDeviceEnrol)
	enrol.handle("POST "+devicesPath+"/{id}/revoke", s.consoleDeviceRevoke)

	desk.handle("GET "+pendingPath, s.consolePending)
	desk.handle("POST "+pendingPath+"/{id}/merge", s.consolePendingMerge)
	desk.handle("POST "+pendingPath+"/{id}/separate", s.consolePendingSeparate)

	desk.handle("GET "+walkInPath, s.consoleWalkIn)
	desk.handle("POST "+walkInPath, s.consoleWalkInPost)

	s.addConsoleNav(consoleNavItem{Key: "con.nav.walkin", Path: walkInPath, Roles: deskRoles})
	s.addConsoleNav(consoleNavItem{Key: "con.nav.pending", Path: pendingPath, Roles: deskRoles})
	s.addConsoleNav(consoleNavItem{Key: "con.nav.devices", Path: devicesPath, Roles: deskRoles})
}

type devicesPage struct {
	consolePage
	Devices  []fo.Device
	CanEnrol bool
	Name     string
	// Code is the enrolment code just created, shown once, and until when
	// it works.
	Code    string
	Expires time.Time
}

func (s *Server) devicesPage(c *staffCtx) (*devicesPage, error) {
	devs, err := s.cfg.Store.Devices()
	if err != nil {
		return nil, err
	}
	return &devicesPage{consolePage: s.consolePage(c, "con.dev.title"), Devices: devs, CanEnrol: allowed(c.acc, enrolRoles)}, nil
}

// consoleDevices lists the devices with their unlock and revoke buttons
// and the enrolment form.
func (s *Server) consoleDevices(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	p, err := s.devicesPage(c)
	if err != nil {
		s.consoleFail(w, r, c, err)
		return
	}
	s.renderConsole(w, r, c, http.StatusOK, "console_devices", p)
}

// consoleDeviceEnrol creates an enrolment code and shows it, once (the page
// is not cached and the code is kept only hashed).
func (s *Server) consoleDeviceEnrol(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	name := r.PostForm.Get("name")
	code, exp, err := s.cfg.Store.CreateEnrolment(name, c.by())
	p, perr := s.devicesPage(c)
	if perr != nil {
		s.consoleFail(w, r, c, perr)
		return
	}
	if err != nil {
		p.Err, p.Name = s.consoleErrText(c, err), name
		s.renderConsole(w, r, c, web.ErrorStatus(err), "console_devices", p)
		return
	}
	s.log.Info("console: enrolment code created", "login", c.acc.Login)
	p.Code, p.Expires = code, exp
	s.renderConsole(w, r, c, http.StatusOK, "console_devices", p)
}

// deviceID reads a device id from the path; 0 is the server's own machine.
func deviceID(r *http.Request) (uint64, bool) {
	id, err := strconv.ParseUint(r.PathValue("id"), 10, 64)
	return id, err == nil
}

// consoleDeviceUnlock refills a device's kiosk limits.
func (s *Server) consoleDeviceUnlock(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	id, ok := deviceID(r)
	if !ok {
		s.consoleError(w, r, c, http.StatusNotFound, "err.not_found")
		return
	}
	if _, err := s.cfg.Store.UnlockDevice(id, c.by()); err != nil {
		s.consoleFail(w, r, c, err)
		return
	}
	s.log.Info("console: device unlocked", "device", id, "login", c.acc.Login)
	s.done(w, r, devicesPath, "con.flash.dev_unlocked")
}

// consoleDeviceRevoke revokes a device: its cookie no longer works.
func (s *Server) consoleDeviceRevoke(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	id, ok := deviceID(r)
	if !ok {
		s.consoleError(w, r, c, http.StatusNotFound, "err.not_found")
		return
	}
	if _, err := s.cfg.Store.RevokeDevice(id, c.by()); err != nil {
		if errors.Is(err, fo.ErrNotAllowed) {
			s.consoleError(w, r, c, http.StatusConflict, "con.dev.local_stays")
			return
		}
		s.consoleFail(w, r, c, err)
		return
	}
	s.log.Info("console: device revoked", "device", id, "login", c.acc.Login)
	s.done(w, r, devicesPath, "con.flash.dev_revoked")
}
