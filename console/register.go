package console

import (
	"net/http"
	"time"

	fo "frontoffice"
)

// The call register (电话登记表) and the letter register (信函登记表) of a
// range of days (FU-7): every call made or received — follow-up calls,
// complaint calls and answers given on the phone — and every message and
// letter sent or received — complaint acknowledgements and answers,
// promotion notices and invitations, survey invitations, solutions of
// tasks.

const registersPath = "/staff/registers"

// maxRegisterDays bounds the range of days one page shows.
const maxRegisterDays = 92

type registerRow struct {
	E      fo.RegisterEntry
	Action string
	Who    string
}

type registersPage struct {
	consolePage
	From, To   string // YYYY-MM-DD, both included
	Calls      []registerRow
	Letters    []registerRow
	CallsPDF   string // the call list and register of From
	LettersPDF string // the letter register of From's month
	Clipped    bool
}

// asRegisters shows both registers for ?from= to ?to= (both included;
// today by default).
func (s *Server) asRegisters(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	from := dayParam(r, "from", c.loc, c.now)
	to := dayParam(r, "to", c.loc, from)
	if to.Before(from) {
		from, to = to, from
	}
	p := &registersPage{consolePage: s.consolePage(c, "as.reg.title")}
	if to.Sub(from) > maxRegisterDays*24*time.Hour {
		to, p.Clipped = from.AddDate(0, 0, maxRegisterDays), true
	}
	p.From, p.To = from.Format(time.DateOnly), to.Format(time.DateOnly)
	p.CallsPDF, p.LettersPDF = documentPath("calls", dayRef(from, c.loc)), documentPath("letters", dayRef(from, c.loc))
	end := to.AddDate(0, 0, 1)
	calls, err := s.cfg.Store.CallRegister(from, end)
	if err != nil {
		s.consoleFail(w, r, c, err)
		return
	}
	letters, err := s.cfg.Store.LetterRegister(from, end)
	if err != nil {
		s.consoleFail(w, r, c, err)
		return
	}
	p.Calls, p.Letters = s.registerRows(c, calls), s.registerRows(c, letters)
	s.renderConsole(w, r, c, http.StatusOK, "registers", p)
}

func (s *Server) registerRows(c *staffCtx, entries []fo.RegisterEntry) []registerRow {
	out := make([]registerRow, 0, len(entries))
	for _, e := range entries {
		action := e.Action
		if _, ok := s.texts["as.reg."+e.Action]; ok {
			action = s.texts.T(c.lang, "as.reg."+e.Action)
		}
		out = append(out, registerRow{E: e, Action: action, Who: staffLabel(&c.st, c.lang, s.texts, e.By)})
	}
	return out
}

// The supervisor's reports (REP-1) and monthly summary (FU-8) for a day.

type reportLink struct{ Label, Path string }

type summaryCategory struct {
	Label string
	N     int
}

type reportsPage struct {
	consolePage
	Day        string // YYYY-MM-DD
	Month      string // "2026年11月" / "November 2026"
	Links      []reportLink
	S          fo.MonthlySummary
	Categories []summaryCategory
	Averages   []string // per survey question
}

// asReports shows, for ?day= (today by default), the daily, weekly and
// monthly business statistics to download (REP-1), the day's call list and
// the month's letter register (FU-7), and the month's follow-up summary
// (FU-8): calls due, done in their window, missed; complaints by category,
// answered in time, satisfied; survey averages.
func (s *Server) asReports(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	day := dayParam(r, "day", c.loc, c.now)
	m, err := s.cfg.Store.MonthlySummary(day)
	if err != nil {
		s.consoleFail(w, r, c, err)
		return
	}
	p := &reportsPage{consolePage: s.consolePage(c, "as.rep.title"), Day: day.Format(time.DateOnly), S: m,
		Month: s.texts.T(c.lang, "as.rep.month", day.Year(), int(day.Month()), day.Format("January"))}
	ref := dayRef(day, c.loc)
	for _, l := range []struct{ key, kind string }{
		{"as.rep.daily", fo.ReportDaily.DocKind()}, {"as.rep.weekly", fo.ReportWeekly.DocKind()},
		{"as.rep.monthly", fo.ReportMonthly.DocKind()}, {"as.rep.yearly", fo.ReportYearly.DocKind()}, {"as.rep.calls", "calls"}, {"as.rep.letters", "letters"},
	} {
		p.Links = append(p.Links, reportLink{Label: p.T(l.key), Path: documentPath(l.kind, ref)})
	}
	for _, cat := range fo.ComplaintCategories {
		p.Categories = append(p.Categories, summaryCategory{Label: label(s.texts, c.lang, "cmp.cat."+cat), N: m.ByCategory[cat]})
	}
	for q := range fo.Questions {
		if m.Surveys == 0 {
			break
		}
		p.Averages = append(p.Averages, p.T("as.rep.avg", p.T("as.q."+string(rune('0'+q))), m.SurveyAverages[q]))
	}
	s.renderConsole(w, r, c, http.StatusOK, "reports", p)
}

// registerTable is a register's rows with the page, for the
// register_rows template.
type registerTable struct {
	P    consolePage
	ID   string
	Rows []registerRow
}

// RegRows pairs a register's rows with the page and the table's id.
func (p *registersPage) RegRows(id string, rows []registerRow) registerTable {
	return registerTable{P: p.consolePage, ID: id, Rows: rows}
}
