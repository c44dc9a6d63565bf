package console

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	fo "frontoffice"
)

// consolePage is what every console page shows around its content (the
// console_top and console_bottom templates): the title, the account, the
// navigation, the note of the last action, the CSRF token for forms. Its
// methods format for the page's language and the shop's zone.
type consolePage struct {
	Lang     fo.Lang
	Title    string
	ShopName string
	Account  fo.Account
	RoleName string
	CSRF     string
	Path     string
	Nav      []consoleNavLink
	Flash    string
	Err      string // the page's error, next to what caused it
	Today    string

	texts fo.Catalog
	loc   *time.Location
	now   time.Time
}

// consoleNavLink is a link of the navigation bar.
type consoleNavLink struct {
	Label  string
	Path   string
	Active bool
}

// consolePage returns the frame of a page titled by titleKey for c.
func (s *Server) consolePage(c *staffCtx, titleKey string) consolePage {
	p := consolePage{
		Lang: c.lang, Title: s.texts.T(c.lang, titleKey), ShopName: c.st.ShopName(c.lang),
		Account: c.acc, RoleName: s.texts.T(c.lang, "con.role."+c.acc.Role), CSRF: c.sess.CSRF, Path: c.path,
		texts: s.texts, loc: c.loc, now: c.now,
	}
	if p.loc == nil {
		p.loc = time.UTC
	}
	if !c.now.IsZero() {
		p.Today = fo.FormatDay(c.lang, c.now, p.loc)
	}
	for _, n := range s.consoleNav() {
		if allowed(c.acc, n.Roles) && navOpen(c.acc, n.Path) {
			p.Nav = append(p.Nav, consoleNavLink{Label: s.texts.T(c.lang, n.Key), Path: n.Path,
				Active: c.path == n.Path || strings.HasPrefix(c.path, n.Path+"/")})
		}
	}
	return p
}

func (p *consolePage) setFlash(f string) { p.Flash = f }

// T returns the text of key in the page's language.
func (p consolePage) T(key string, args ...any) string { return p.texts.T(p.Lang, key, args...) }

// Other is the language the switch offers.
func (p consolePage) Other() fo.Lang {
	if p.Lang == fo.EN {
		return fo.ZH
	}
	return fo.EN
}

// When formats an instant: "11月28日 周六 10:00"; "" for zero.
func (p consolePage) When(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return fo.FormatWhen(p.Lang, t, p.loc)
}

// Clock formats the time of day of t, with the day when it is not today:
// "14:00" or "11月30日 周一 16:00".
func (p consolePage) Clock(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if fo.DayStart(t, p.loc).Equal(fo.DayStart(p.now, p.loc)) {
		return t.In(p.loc).Format("15:04")
	}
	return p.When(t)
}

// Day formats a calendar day: "11月28日 周六"; "" for zero.
func (p consolePage) Day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return fo.FormatDay(p.Lang, t, p.loc)
}

// Money formats an amount: "¥1,280.00".
func (p consolePage) Money(m fo.Money) string { return m.String() }

// Plate writes a plate with its dot: 京A·12345. Staff see plates in full.
func (p consolePage) Plate(s string) string { return fo.FormatPlate(s) }

// Past reports whether t has passed.
func (p consolePage) Past(t time.Time) bool { return !t.IsZero() && !t.After(p.now) }

// Join lists items with the language's separator: "、" or ", ".
func (p consolePage) Join(items []string) string {
	if p.Lang == fo.EN {
		return strings.Join(items, ", ")
	}
	return strings.Join(items, "、")
}

// Status names a visit status.
func (p consolePage) Status(s fo.VisitStatus) string { return s.Label(p.Lang) }

// yuan writes m for an input field: "1280.00"; "" for 0 when blank.
func yuan(m fo.Money, blank bool) string {
	if m == 0 && blank {
		return ""
	}
	return fmt.Sprintf("%d.%02d", int64(m)/100, int64(m)%100)
}

// localInput writes t for a datetime-local input in loc.
func localInput(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format("2006-01-02T15:04")
}

// parseLocal reads a datetime-local input ("2026-11-27T14:00") in loc.
func parseLocal(s string, loc *time.Location) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02T15:04:05", "2006-01-02 15:04"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// parseMoney reads an amount field; blank is 0.
func parseMoney(s string) (fo.Money, error) {
	if strings.TrimSpace(s) == "" {
		return 0, nil
	}
	return fo.ParseMoney(s)
}

// parseInt reads a whole-number field in [lo, hi]; blank is def.
func parseInt(s string, lo, hi, def int) (int, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return def, true
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= lo && n <= hi
}

// pathID reads the {name} path value as an id.
func pathID(r interface{ PathValue(string) string }, name string) (uint64, bool) {
	id, err := strconv.ParseUint(r.PathValue(name), 10, 64)
	return id, err == nil && id > 0
}

// visitRows is a list of visits with the page that formats them, for the
// console_visit_rows template.
type visitRows struct {
	P    consolePage
	Rows []visitRow
}

// Rows pairs rows with the page, for {{template "console_visit_rows" (.Rows .Queue)}}.
func (p consolePage) Rows(rows []visitRow) visitRows { return visitRows{P: p, Rows: rows} }
