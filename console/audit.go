package console

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	fo "frontoffice"
)

// The audit trail's page (issue 12 item 6): who changed which record when,
// field by field, for admins.

// auditStore is what the audit page uses of the store.
type auditStore interface {
	AuditLog(f fo.AuditFilter) ([]fo.AuditEntry, bool, error)
}

type auditRow struct {
	E    fo.AuditEntry
	Who  string
	Kind string
}

type auditPage struct {
	consolePage
	Day, By, Kind, Ref string
	Kinds              []auditKind
	Rows               []auditRow
	Page               int
	Prev, Next         string // links to the neighbouring pages, "" when none
}

type auditKind struct{ Value, Label string }

// auditKinds are the record kinds and their labels' keys.
var auditKinds = []struct{ kind, key string }{
	{fo.AuditVisit, "con.audit.kind.visit"},
	{fo.AuditAppointment, "con.audit.kind.appointment"},
	{fo.AuditCustomer, "con.audit.kind.customer"},
	{fo.AuditVehicle, "con.audit.kind.vehicle"},
	{fo.AuditSettings, "con.audit.kind.settings"},
	{fo.AuditAccount, "con.audit.kind.account"},
}

// consoleAudit lists the audit entries of ?day= (today by default), of
// ?by= (a staff label "staff:<login>") and ?kind= with ?ref= (one
// record), newest first, fo.AuditPageSize a page (?page=, 0-based).
func (s *Server) consoleAudit(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	q := r.URL.Query()
	day := dayParam(r, "day", c.loc, c.now)
	p := &auditPage{consolePage: s.consolePage(c, "con.audit.title"), Day: day.Format(time.DateOnly),
		By: strings.TrimSpace(q.Get("by")), Kind: strings.TrimSpace(q.Get("kind")), Ref: strings.TrimSpace(q.Get("ref"))}
	known := p.Kind == ""
	label := map[string]string{}
	for _, k := range auditKinds {
		label[k.kind] = s.texts.T(c.lang, k.key)
		p.Kinds = append(p.Kinds, auditKind{Value: k.kind, Label: label[k.kind]})
		known = known || k.kind == p.Kind
	}
	if !known {
		p.Err = s.texts.T(c.lang, "con.audit.bad_kind")
		s.renderConsole(w, r, c, http.StatusBadRequest, "console_audit", p)
		return
	}
	if n, err := strconv.Atoi(q.Get("page")); err == nil && n > 0 && n < 1_000_000 {
		p.Page = n
	}
	entries, more, err := s.cfg.Store.AuditLog(fo.AuditFilter{Day: p.Day, By: p.By, Kind: p.Kind, Ref: p.Ref, Page: p.Page})
	if err != nil {
		s.consoleFail(w, r, c, err)
		return
	}
	for _, e := range entries {
		kind, ok := label[e.Kind]
		if !ok {
			kind = e.Kind
		}
		who := staffLabel(&c.st, c.lang, s.texts, e.By)
		if e.By == "" {
			who = s.texts.T(c.lang, "con.audit.unknown")
		}
		p.Rows = append(p.Rows, auditRow{E: e, Who: who, Kind: kind})
	}
	link := func(page int) string {
		v := url.Values{"day": {p.Day}}
		for k, x := range map[string]string{"by": p.By, "kind": p.Kind, "ref": p.Ref} {
			if x != "" {
				v.Set(k, x)
			}
		}
		if page > 0 {
			v.Set("page", strconv.Itoa(page))
		}
		return "/staff/audit?" + v.Encode()
	}
	if p.Page > 0 {
		p.Prev = link(p.Page - 1)
	}
	if more {
		p.Next = link(p.Page + 1)
	}
	s.renderConsole(w, r, c, http.StatusOK, "console_audit", p)
}
