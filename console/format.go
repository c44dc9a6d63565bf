package console

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	fo "frontoffice"
)

// Helpers of the console's pages: who did something, labels, plain
// text, days and durations as the console shows them.

// asStaff returns the staff member (settings id) the account acts as in
// the complaint and follow-up records, or answers 403 itself: the store records who
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
	case "station": // NET-3: "station:<code>:<who>"
		code, _, _ := strings.Cut(rest, ":")
		return texts.T(lang, "net.by.station", code)
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
