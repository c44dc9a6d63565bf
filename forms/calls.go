package forms

import (
	"strconv"
	"strings"
	"time"

	fo "frontoffice"
)

// CallList prints the day's follow-up call register 跟踪服务电话登记表 (FU-7)
// in lang: for each staff member making calls that day, the calls on their
// list, most urgent first (FU-2, FU-3) — the customer and phone, the
// vehicle, what was done and when it left, the call's kind and window
// (marked when it closes that day), what to mind (the earlier call's
// topics, FU-4; the survey, SUR-2; the next maintenance and current
// promotions, FU-6) and a column to write the outcome in; then the call
// register's entries of the day, calls made and received (FU-7). An empty
// list or register says so.
func (e *Engine) CallList(st *fo.Settings, list fo.CallList, register []fo.RegisterEntry, lang fo.Lang) ([]byte, error) {
	loc := st.Location()
	day := list.Day.In(loc)
	d := e.NewDoc(DocOptions{Lang: lang, Shop: ShopOf(st, lang), Title: titleOf("form.title.calls"),
		Number: "C" + day.Format("20060102"), Loc: loc})
	d.Fields(2,
		Field{Label: d.T("form.calls.day"), Value: day.Format("2006-01-02") + " " + fo.Texts.T(lang, "wd."+strconv.Itoa(int(day.Weekday())))},
		Field{Label: d.T("form.calls.calls_make"), Value: strconv.Itoa(list.Len()), Strong: true},
	)
	d.Space(3)
	if list.Len() == 0 {
		d.Paragraph(d.T("form.calls.no_follow_up"), Style{Size: 10.5, Bold: true})
	}
	for _, sc := range list.Staff {
		d.Heading(d.T("form.calls.calls_of")+sc.Name+" ("+strconv.Itoa(len(sc.Calls))+")", 30)
		var rows [][]string
		for i, it := range sc.Calls {
			c := it.Call
			win := c.Opens.In(loc).Format("01-02") + " – " + c.Closes.In(loc).Add(-time.Second).Format("01-02")
			if it.ClosesToday {
				win += d.T("form.calls.last_day")
			}
			var mind []string
			if len(c.AvoidTopics) > 0 {
				var ts []string
				for _, t := range c.AvoidTopics {
					ts = append(ts, fo.Texts.T(lang, "topic."+t))
				}
				mind = append(mind, d.T("form.calls.covered_last_time")+strings.Join(ts, d.T("form.list_sep"))) // FU-4
			}
			if c.Survey != nil {
				s := c.Survey.Scores
				short := ""
				if c.Short() {
					short = d.T("form.calls.short_call_will")
				}
				mind = append(mind, d.T("form.calls.survey")+strconv.Itoa(s[0])+"/"+strconv.Itoa(s[1])+"/"+strconv.Itoa(s[2])+"/"+strconv.Itoa(s[3])+short) // SUR-2
			}
			if !it.NextMaint.IsZero() {
				mind = append(mind, d.T("form.calls.next_maintenance")+d.date(it.NextMaint))
			}
			if len(it.Promotions) > 0 {
				mind = append(mind, d.T("form.calls.promotions")+strings.Join(it.Promotions, d.T("form.calls.clause_sep"))) // FU-6
			}
			if it.Staff != it.Taker && it.Staff != "" {
				mind = append(mind, d.T("form.calls.for")+st.StaffName(it.Staff)) // FU-1
			}
			work := c.Work
			if !c.DeliveredAt.IsZero() {
				work = joinNonEmpty("\n", d.T("form.calls.delivered")+d.date(c.DeliveredAt), work)
			}
			rows = append(rows, []string{
				strconv.Itoa(i + 1),
				it.CustomerName + "\n" + it.Phone,
				joinNonEmpty("\n", fo.FormatPlate(it.Plate), it.Model),
				dash(work),
				c.Kind.Label(lang) + "\n" + win,
				dash(strings.Join(mind, "\n")),
				"",
			})
		}
		d.Table(Table{
			Columns: []Column{
				{Title: d.T("form.no"), Width: 0.5, Align: Center},
				{Title: d.T("form.calls.customer_phone"), Width: 1.25},
				{Title: d.T("form.calls.vehicle"), Width: 1.05},
				{Title: d.T("form.calls.work_done"), Width: 1.4},
				{Title: d.T("form.calls.call_window"), Width: 1.05},
				{Title: d.T("form.calls.mind"), Width: 1.75},
				{Title: d.T("form.calls.outcome"), Width: 1.3},
			},
			Rows: rows,
			Size: 8.5,
		})
		d.Space(3)
	}
	d.Space(2)
	d.Heading(d.T("form.calls.calls_day_fu"), 20)
	d.Table(registerTable(d, st, register, "15:04", d.T("form.calls.no_calls_recorded")))
	d.Space(4)
	d.Signatures(d.T("form.calls.caller"), d.T("form.calls.supervisor"))
	return d.Bytes()
}

// LetterRegister prints the letter register 跟踪服务信函登记表 (FU-7) of
// [from, to) in lang: every notice, invitation, reply and survey sent, and
// every written complaint received, oldest first. An empty register says
// so.
func (e *Engine) LetterRegister(st *fo.Settings, from, to time.Time, entries []fo.RegisterEntry, lang fo.Lang) ([]byte, error) {
	loc := st.Location()
	f, l := from.In(loc), to.In(loc).AddDate(0, 0, -1)
	d := e.NewDoc(DocOptions{Lang: lang, Shop: ShopOf(st, lang), Title: titleOf("form.title.letters"),
		Number: "L" + f.Format("200601"), Loc: loc})
	d.Fields(2,
		Field{Label: d.T("form.calls.period"), Value: f.Format("2006-01-02") + d.T("form.range_to") + l.Format("2006-01-02")},
		Field{Label: d.T("form.calls.entries"), Value: strconv.Itoa(len(entries)), Strong: true},
	)
	d.Space(3)
	d.Table(registerTable(d, st, entries, "01-02 15:04", d.T("form.calls.no_letters_period")))
	d.Space(4)
	d.Signatures(d.T("form.calls.kept_by"), d.T("form.calls.supervisor"))
	return d.Bytes()
}

// registerTable is a register's entries as a table: time (in layout),
// kind, action, detail, by.
func registerTable(d *Doc, st *fo.Settings, entries []fo.RegisterEntry, layout, empty string) Table {
	var rows [][]string
	for _, e := range entries {
		kind := e.Code
		switch k := fo.CallKind(e.Code); k {
		case fo.CallFirst, fo.CallSecond, fo.CallPromo:
			kind = k.Label(d.Lang())
		default:
			kind = d.textOr("form.entry."+e.Code, e.Code)
		}
		rows = append(rows, []string{e.At.In(d.opt.Loc).Format(layout), dash(kind), d.registerAction(e.Action), dash(e.Detail), d.staffName(st, e.By)})
	}
	return Table{
		Columns: []Column{
			{Title: d.T("form.calls.time"), Width: 0.85},
			{Title: d.T("form.calls.kind"), Width: 1.4},
			{Title: d.T("form.calls.action"), Width: 0.9},
			{Title: d.T("form.calls.detail"), Width: 2.9},
			{Title: d.T("form.calls.by"), Width: 0.85},
		},
		Rows:  rows,
		Empty: empty,
		Size:  8.5,
	}
}
