package console

import (
	"net/http"
	"strconv"
	"time"

	fo "frontoffice"
)

// The appointment book's week (WS-1): the free bays of every half hour of
// seven days, from the same layout as the day (fo.Settings.BookDay).

// weekPage is the week view: for each segment of each day, the free bays.
type weekPage struct {
	consolePage
	From       time.Time
	Prev, Next string
	Days       []weekDay
	Rows       []weekRow
	Bays       int
}

// weekDay is a column of the week view.
type weekDay struct {
	Label  string
	Path   string
	Closed bool
	Booked int
}

// weekRow is a time of day across the week; a cell is nil where the shop
// is closed then.
type weekRow struct {
	Time  string
	Cells []*weekCell
}

// weekCell is one segment of one day.
type weekCell struct {
	Free  int
	Class string // free, some, full
	Past  bool
	Over  bool // the cars taken on plus the bookings exceed the bays (WS-1)
}

// weekView computes the week of 7 days from from (WS-1): the free bays of
// every open segment. apts must hold the appointments holding a bay from
// the longest service before from to the week's end; occ, when not nil,
// counts every car taken on at now (fo.Settings.Occupancy) and gives the
// free bays of the segments not over yet, marking those over the bays.
func weekView(st *fo.Settings, from time.Time, now time.Time, apts []fo.Appointment, occ fo.Occupancy, lang fo.Lang) ([]weekDay, []weekRow) {
	loc := st.Location()
	days := make([]weekDay, 7)
	type key struct{ day, minute int }
	cells := map[key]*weekCell{}
	lo, hi := 24*60, 0
	for i := range 7 {
		d := from.AddDate(0, 0, i)
		segs, entries := st.BookDay(d, apts)
		days[i] = weekDay{Label: fo.FormatDay(lang, d, loc), Path: bookPath(d), Closed: segs == nil}
		for _, e := range entries {
			if !e.Start.Before(d) {
				days[i].Booked++
			}
		}
		for _, sg := range segs {
			t := sg.Start.In(loc)
			m := t.Hour()*60 + t.Minute()
			lo, hi = min(lo, m), max(hi, m)
			free, held, over := sg.Free, sg.Held, false
			if occ != nil && sg.Start.Add(fo.SlotLength).After(now) { // WS-1
				load := occ.At(sg.Start)
				free, held, over = max(0, st.Bays-load), load, load > st.Bays
			}
			cl := "some"
			switch {
			case free == 0:
				cl = "full"
			case held == 0:
				cl = "free"
			}
			cells[key{i, m}] = &weekCell{Free: free, Class: cl, Past: !sg.Start.After(now), Over: over}
		}
	}
	var rows []weekRow
	for m := lo; m <= hi; m += int(fo.SlotLength / time.Minute) {
		row := weekRow{Time: strconv.Itoa(m/60/10) + strconv.Itoa(m/60%10) + ":" + strconv.Itoa(m%60/10) + strconv.Itoa(m%10), Cells: make([]*weekCell, 7)}
		for i := range 7 {
			row.Cells[i] = cells[key{i, m}]
		}
		rows = append(rows, row)
	}
	return days, rows
}

// consoleWeek is the week view: GET /staff/appointments/week?from=YYYY-MM-DD.
func (s *Server) consoleWeek(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	from := bookDay(r.URL.Query().Get("from"), c)
	p := &weekPage{consolePage: s.consolePage(c, "con.week.title"), From: from, Bays: c.st.Bays,
		Prev: "/staff/appointments/week?from=" + from.AddDate(0, 0, -7).Format(time.DateOnly),
		Next: "/staff/appointments/week?from=" + from.AddDate(0, 0, 7).Format(time.DateOnly)}
	p.Title = p.T("con.week.title") + " · " + from.Format(time.DateOnly)
	apts, open, err := s.dayLoad(c, from, from.AddDate(0, 0, 7))
	if err != nil {
		s.consoleFail(w, r, c, err)
		return
	}
	p.Days, p.Rows = weekView(&c.st, from, c.now, apts, c.st.Occupancy(c.now, apts, open), c.lang)
	s.renderConsole(w, r, c, http.StatusOK, "console_week", p)
}
