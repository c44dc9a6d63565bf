package console

import (
	"errors"
	"net/http"

	fo "frontoffice"
)

// Pending kiosk matches (ARC-2; fo.PendingMatch): a walk-in or complaint
// typed at the kiosk whose phone or plate is on file waits here for the
// desk. "Merge" attaches it to the archive (and sends what the customer
// would have had); "keep separate" leaves it on its own records. Nothing
// reaches the archive before.

const pendingPath = "/staff/pending"

type pendingRow struct {
	fo.PendingMatch
	MatchName string // the matched archive's customer, for the desk
}

type pendingPage struct {
	consolePage
	Rows []pendingRow
}

// consolePending lists the matches waiting for the desk.
func (s *Server) consolePending(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	pms, err := s.cfg.Store.PendingMatches()
	if err != nil {
		s.consoleFail(w, r, c, err)
		return
	}
	p := &pendingPage{consolePage: s.consolePage(c, "con.pend.title")}
	for _, pm := range pms {
		row := pendingRow{PendingMatch: pm}
		if pm.MatchCustomerID != 0 {
			if cu, err := s.cfg.Store.Customer(pm.MatchCustomerID); err == nil {
				row.MatchName = cu.Name
			}
		}
		p.Rows = append(p.Rows, row)
	}
	s.renderConsole(w, r, c, http.StatusOK, "console_pending", p)
}

func (s *Server) decidePending(w http.ResponseWriter, r *http.Request, c *staffCtx, merge bool) {
	id, ok := pathID(r, "id")
	if !ok {
		s.consoleError(w, r, c, http.StatusNotFound, "err.not_found")
		return
	}
	var err error
	flash := "con.flash.pend_merged"
	if merge {
		_, err = s.cfg.Store.MergePending(id, c.by())
	} else {
		_, err = s.cfg.Store.KeepSeparate(id, c.by())
		flash = "con.flash.pend_separate"
	}
	if errors.Is(err, fo.ErrNotAllowed) {
		s.done(w, r, pendingPath, "con.flash.pend_decided")
		return
	}
	if err != nil {
		s.consoleFail(w, r, c, err)
		return
	}
	s.done(w, r, pendingPath, flash)
}

// consolePendingMerge attaches the kiosk's record to the matched archive.
func (s *Server) consolePendingMerge(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	s.decidePending(w, r, c, true)
}

// consolePendingSeparate keeps the kiosk's record on its own.
func (s *Server) consolePendingSeparate(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	s.decidePending(w, r, c, false)
}
