package console

import (
	"net/http"
	"slices"
	"strings"

	fo "frontoffice"
)

// Station accounts (fo.RoleStation, issue 14 Security): a service
// station's people see their own station's records only. The gate is in
// the console's middleware (stationGate, wrapped around every route a
// staffRoutes group registers): an account of role station reaches the
// routes under stationPrefix and the few of stationCommon (home, logout,
// language), and every other route — a new one too — answers 403. The
// routes under stationPrefix filter by the account's station
// (stationOf), never by an id from the request.

// stationPrefix is where a station account's own pages live.
const stationPrefix = "/staff/station/"

// stationCommon are the routes outside stationPrefix a station account
// may use: its home (which sends it to its station's page), logout and the
// language switch.
var stationCommon = []string{"GET /staff", "GET /staff/{$}", "POST /staff/logout", "POST /staff/lang"}

// stationOf returns the station whose records acc may see, when acc is a
// station account bound to one; ok is false for every other account (an
// admin too: staff see stations through /staff/stations, not as one of
// them). Handlers under stationPrefix call it and show nothing else.
func stationOf(acc fo.Account) (uint64, bool) {
	if acc.Role != fo.RoleStation || acc.StationID == 0 {
		return 0, false
	}
	return acc.StationID, true
}

// stationRoute reports whether a route pattern ("GET /staff/x") is open
// to station accounts.
func stationRoute(pattern string) bool {
	_, path, _ := strings.Cut(pattern, " ")
	return strings.HasPrefix(path, stationPrefix) || slices.Contains(stationCommon, pattern)
}

// stationGate wraps the handler of pattern: a station account passes only
// to routes open to it (stationRoute); any other account passes to every
// route but those under stationPrefix, which are a station's own.
func (s *Server) stationGate(pattern string, h staffHandler) staffHandler {
	open := stationRoute(pattern)
	_, path, _ := strings.Cut(pattern, " ")
	own := strings.HasPrefix(path, stationPrefix)
	return func(w http.ResponseWriter, r *http.Request, c *staffCtx) {
		if c.acc.Role == fo.RoleStation && !open || c.acc.Role != fo.RoleStation && own {
			s.log.Warn("console: station gate refused a request", "login", c.acc.Login, "role", c.acc.Role, "pattern", pattern)
			s.consoleError(w, r, c, http.StatusForbidden, "con.err.role")
			return
		}
		h(w, r, c)
	}
}

// navOpen reports whether the navigation link to path shows to acc:
// station accounts see their station's links only, and nobody else sees
// those.
func navOpen(acc fo.Account, path string) bool {
	return (acc.Role == fo.RoleStation) == strings.HasPrefix(path, stationPrefix)
}
