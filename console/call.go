package console

import (
	"frontoffice/internal/web"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	fo "frontoffice"
)

// The follow-up call list of a day in the console (FU-2, FU-3): per staff
// member — the account's own list first —, most urgent window first, each
// call with what the caller needs to know (FU-4: the earlier call's topics
// to avoid, the survey's answers of SUR-2, the next maintenance, current
// promotions) and its outcome form: reached with the topics covered, notes,
// requests (tasks, FU-5) and complaints heard (CMP-1); no answer; call
// later at an agreed time (FU-9); a note. Every outcome goes in the call
// record, and every call made in the call register (FU-7).

const callsPath = "/staff/calls"

// callsDayPath is the call list of day.
func callsDayPath(day time.Time, loc *time.Location) string {
	return callsPath + "?day=" + day.In(loc).Format(time.DateOnly)
}

// callRow is a call of the list with its outcome form.
type callRow struct {
	Item        fo.CallItem
	Text        string // fo.CallItemText: what to know before calling
	ClosesToday bool
	Topics      []topicBox
	Later       string // the datetime-local value offered for "later"
	// Kept input and error after a failed outcome.
	Notes, Requests, Complaints string
	Err                         string
}

// topicBox is a topic checkbox of a call (FU-4).
type topicBox struct {
	Value, Label string
	Avoid        bool // covered on the earlier call
	Checked      bool
}

type callGroup struct {
	Staff, Name string
	Mine        bool
	Calls       []callRow
}

type callsPage struct {
	consolePage
	Day        string // YYYY-MM-DD
	DayLabel   string
	Prev, Next string
	Groups     []callGroup
	Total      int
	DocLink    string
	Closed     bool // the shop is closed that day
}

// callsPage builds the call list of day for c.
func (s *Server) callsPage(c *staffCtx, day time.Time) (*callsPage, error) {
	list, err := s.cfg.Store.CallList(day)
	if err != nil {
		return nil, err
	}
	p := &callsPage{consolePage: s.consolePage(c, "as.calls.title"), Day: day.Format(time.DateOnly),
		DayLabel: fo.FormatDay(c.lang, day, c.loc), Prev: callsDayPath(day.AddDate(0, 0, -1), c.loc),
		Next: callsDayPath(day.AddDate(0, 0, 1), c.loc), Total: list.Len(), Closed: c.st.IsClosedDate(day),
		DocLink: documentPath("calls", dayRef(day, c.loc))}
	laterAt := c.now.Add(2 * time.Hour).Truncate(30 * time.Minute)
	for _, sc := range list.Staff {
		g := callGroup{Staff: sc.Staff, Name: sc.Name, Mine: sc.Staff != "" && sc.Staff == c.acc.StaffID}
		for _, it := range sc.Calls {
			row := callRow{Item: it, Text: plainText(fo.CallItemText(&c.st, it, day, c.lang)), ClosesToday: it.ClosesToday,
				Later: localInput(laterAt, c.loc)}
			if it.Call.NextAt.After(c.now) && !it.Call.NextAt.Equal(fo.DayStart(it.Call.NextAt, c.loc)) {
				row.Later = localInput(it.Call.NextAt, c.loc)
			}
			for _, t := range fo.CallTopics {
				row.Topics = append(row.Topics, topicBox{Value: t, Label: p.T("topic." + t), Avoid: slices.Contains(it.Call.AvoidTopics, t)})
			}
			g.Calls = append(g.Calls, row)
		}
		p.Groups = append(p.Groups, g)
	}
	// The account's own list first.
	slices.SortStableFunc(p.Groups, func(a, b callGroup) int {
		switch {
		case a.Mine == b.Mine:
			return 0
		case a.Mine:
			return -1
		}
		return 1
	})
	return p, nil
}

// asCalls shows the call list of ?day= (today by default).
func (s *Server) asCalls(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	p, err := s.callsPage(c, dayParam(r, "day", c.loc, c.now))
	if err != nil {
		s.consoleFail(w, r, c, err)
		return
	}
	s.renderConsole(w, r, c, http.StatusOK, "calls", p)
}

// lines splits a textarea into its non-empty lines.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// maxHeard bounds the requests and complaints recorded from one call.
const maxHeard = 10

// asCallRecord records the outcome of call {id} (the button pressed):
// reached (FU-4 topics, FU-5 requests become tasks, complaints become
// complaints, CMP-1), no answer (back on tomorrow's list while the window
// lasts), later (the agreed time, inside the window, FU-9) or a note, and
// goes back to the day's list. The store writes the call record and, for
// a call made, the call register (FU-7).
func (s *Server) asCallRecord(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	id, ok := pathID(r, "id")
	if !ok {
		s.consoleError(w, r, c, http.StatusNotFound, "err.not_found")
		return
	}
	pf := r.PostForm
	day, ok := parseDay(pf.Get("day"), c.loc)
	if !ok {
		day = fo.DayStart(c.now, c.loc)
	}
	staff, ok := s.asStaff(w, r, c)
	if !ok {
		return
	}
	req := fo.CallOutcome{CallID: id, Outcome: pf.Get("outcome"), Notes: pf.Get("notes"), Topics: pf["topic"],
		Requests: lines(pf.Get("requests")), Complaints: lines(pf.Get("complaints")), Staff: staff}
	var err error
	switch {
	case len(req.Requests) > maxHeard || len(req.Complaints) > maxHeard:
		err = fo.Errorf(fo.EINVALID, "as.err.heard", maxHeard)
	case req.Outcome == fo.OutcomeLater:
		t, ok := parseLocal(pf.Get("later"), c.loc)
		if !ok {
			err = fo.Errorf(fo.EINVALID, "con.err.time")
		}
		req.Later = t
	case req.Outcome != fo.OutcomeReached && (len(req.Requests) > 0 || len(req.Complaints) > 0):
		// FU-5: what was heard is recorded with a call the customer was
		// reached on.
		err = fo.Errorf(fo.EINVALID, "as.err.heard_reached")
	}
	if err == nil {
		_, err = s.cfg.Store.RecordCall(req)
	}
	if err != nil {
		s.callFailed(w, r, c, day, id, pf, err)
		return
	}
	s.done(w, r, callsDayPath(day, c.loc), "con.flash.as_call_"+req.Outcome)
}

// callFailed shows the day's list again with err next to call id and what
// was typed kept.
func (s *Server) callFailed(w http.ResponseWriter, r *http.Request, c *staffCtx, day time.Time, id uint64, pf url.Values, err error) {
	p, lerr := s.callsPage(c, day)
	if lerr != nil {
		s.consoleFail(w, r, c, lerr)
		return
	}
	msg := s.consoleErrText(c, err)
	found := false
	for gi := range p.Groups {
		for ci := range p.Groups[gi].Calls {
			row := &p.Groups[gi].Calls[ci]
			if row.Item.Call.ID != id {
				continue
			}
			found = true
			row.Err, row.Notes, row.Requests, row.Complaints = msg, pf.Get("notes"), pf.Get("requests"), pf.Get("complaints")
			if l := pf.Get("later"); l != "" {
				row.Later = l
			}
			for ti := range row.Topics {
				row.Topics[ti].Checked = slices.Contains(pf["topic"], row.Topics[ti].Value)
			}
		}
	}
	if !found { // no longer on the list (recorded elsewhere, window closed)
		p.Err = msg
	}
	s.renderConsole(w, r, c, web.ErrorStatus(err), "calls", p)
}
