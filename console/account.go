package console

import (
	"net/http"
	"strings"

	fo "frontoffice"
	"frontoffice/internal/web"
)

// The accounts page (admin only): every console account with its role and
// state; an admin disables or enables an account and changes its role
// here, as `frontoffice staff disable|enable|role` does on the server.
// Accounts are created and given passwords with the CLI only (the
// password never travels through a form). They are never deleted: the
// registers and records name the account that made them, so a deleted
// login given to someone else would make them lie; disabling is the
// audit-safe removal. The login travels in the form's body, not the URL.

// accountsPage lists the console accounts.
type accountsPage struct {
	consolePage
	Accounts []fo.Account
	Roles    []string
	Stations []fo.Station // to bind a station account to (issue 14, station.go)
}

// accountRoles are the roles offered, in the order the shop reads them.
var accountRoles = []string{fo.RoleReception, fo.RoleFollowUp, fo.RoleSupervisor, fo.RoleAdmin}

func (s *Server) accountsPage(w http.ResponseWriter, r *http.Request, c *staffCtx) (*accountsPage, bool) {
	accs, err := s.cfg.Store.Accounts()
	if err != nil {
		s.consoleFail(w, r, c, err)
		return nil, false
	}
	stations, err := s.cfg.Store.Stations()
	if err != nil {
		s.consoleFail(w, r, c, err)
		return nil, false
	}
	return &accountsPage{consolePage: s.consolePage(c, "con.accounts.title"), Accounts: accs, Roles: accountRoles, Stations: stations}, true
}

func (s *Server) consoleAccounts(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	if p, ok := s.accountsPage(w, r, c); ok {
		s.renderConsole(w, r, c, http.StatusOK, "console_accounts", p)
	}
}

// consoleAccountChange disables, enables or gives a role to the account
// named by the form's "login" (op is disable, enable or role). Disabling
// ends the account's sessions at once (data.Store.SetAccountDisabled); the
// last enabled admin can neither be disabled nor demoted
// (fo.ErrLastAdmin). A refused change comes back on the accounts page with
// what is wrong, nothing changed.
func (s *Server) consoleAccountChange(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	login := strings.TrimSpace(r.PostForm.Get("login"))
	var (
		acc  fo.Account
		err  error
		note string
	)
	switch op := r.PathValue("op"); op {
	case "disable", "enable":
		acc, err = s.cfg.Store.SetAccountDisabledAs(login, op == "disable", c.by())
		note = "con.flash.account_enabled"
		if op == "disable" {
			note = "con.flash.account_disabled"
		}
	case "role":
		acc, err = s.cfg.Store.SetAccountRoleAs(login, r.PostForm.Get("role"), c.by())
		note = "con.flash.account_role"
	default:
		s.consoleError(w, r, c, http.StatusNotFound, "err.not_found")
		return
	}
	if err != nil {
		p, ok := s.accountsPage(w, r, c)
		if !ok {
			return
		}
		p.Err = s.consoleErrText(c, err)
		s.renderConsole(w, r, c, web.ErrorStatus(err), "console_accounts", p)
		return
	}
	s.log.Info("console account changed", "by", c.acc.Login, "login", acc.Login, "role", acc.Role, "disabled", acc.Disabled)
	s.done(w, r, "/staff/accounts", note)
}
