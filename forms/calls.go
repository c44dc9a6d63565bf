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
	d := e.NewDoc(DocOptions{Lang: lang, Shop: ShopOf(st, lang), Title: Title{Zh: "跟踪服务电话登记表", En: "Follow-up Call Register"},
		Number: "C" + day.Format("20060102"), Loc: loc})
	d.Fields(2,
		Field{Label: d.T("日期", "Day"), Value: day.Format("2006-01-02") + " " + fo.Texts.T(lang, "wd."+strconv.Itoa(int(day.Weekday())))},
		Field{Label: d.T("待回访", "Calls to make"), Value: strconv.Itoa(list.Len()), Strong: true},
	)
	d.Space(3)
	if list.Len() == 0 {
		d.Paragraph(d.T("今日没有待回访的客户。", "No follow-up calls are due today."), Style{Size: 10.5, Bold: true})
	}
	for _, sc := range list.Staff {
		d.Heading(d.T("回访人：", "Calls of ")+sc.Name+" ("+strconv.Itoa(len(sc.Calls))+")", 30)
		var rows [][]string
		for i, it := range sc.Calls {
			c := it.Call
			win := c.Opens.In(loc).Format("01-02") + " – " + c.Closes.In(loc).Add(-time.Second).Format("01-02")
			if it.ClosesToday {
				win += d.T("\n今日截止", "\nlast day")
			}
			var mind []string
			if len(c.AvoidTopics) > 0 {
				var ts []string
				for _, t := range c.AvoidTopics {
					ts = append(ts, fo.Texts.T(lang, "topic."+t))
				}
				mind = append(mind, d.T("上次已谈：", "Covered last time: ")+strings.Join(ts, d.T("、", ", "))) // FU-4
			}
			if c.Survey != nil {
				s := c.Survey.Scores
				short := ""
				if c.Short() {
					short = d.T("，可简短回访", "; a short call will do")
				}
				mind = append(mind, d.T("满意度 ", "Survey ")+strconv.Itoa(s[0])+"/"+strconv.Itoa(s[1])+"/"+strconv.Itoa(s[2])+"/"+strconv.Itoa(s[3])+short) // SUR-2
			}
			if !it.NextMaint.IsZero() {
				mind = append(mind, d.T("下次保养 ", "Next maintenance ")+d.date(it.NextMaint))
			}
			if len(it.Promotions) > 0 {
				mind = append(mind, d.T("活动：", "Promotions: ")+strings.Join(it.Promotions, d.T("；", "; "))) // FU-6
			}
			if it.Staff != it.Taker && it.Staff != "" {
				mind = append(mind, d.T("代 ", "For ")+st.StaffName(it.Staff)) // FU-1
			}
			work := c.Work
			if !c.DeliveredAt.IsZero() {
				work = joinNonEmpty("\n", d.T("交车 ", "Delivered ")+d.date(c.DeliveredAt), work)
			}
			rows = append(rows, []string{
				strconv.Itoa(i + 1),
				it.CustomerName + "\n" + it.Phone,
				joinNonEmpty("\n", fo.FormatPlate(it.Plate), it.Model),
				dash(work),
				d.pick(callKinds, string(c.Kind)) + "\n" + win,
				dash(strings.Join(mind, "\n")),
				"",
			})
		}
		d.Table(Table{
			Columns: []Column{
				{Title: d.T("序号", "No."), Width: 0.5, Align: Center},
				{Title: d.T("客户 / 电话", "Customer / phone"), Width: 1.25},
				{Title: d.T("车辆", "Vehicle"), Width: 1.05},
				{Title: d.T("施工内容", "Work done"), Width: 1.4},
				{Title: d.T("回访 / 期限", "Call / window"), Width: 1.05},
				{Title: d.T("注意事项", "Mind"), Width: 1.75},
				{Title: d.T("回访结果", "Outcome"), Width: 1.3},
			},
			Rows: rows,
			Size: 8.5,
		})
		d.Space(3)
	}
	d.Space(2)
	d.Heading(d.T("今日电话登记（FU-7）", "Calls of the day (FU-7)"), 20)
	d.Table(registerTable(d, st, register, "15:04", d.T("今日尚无电话记录。", "No calls recorded today.")))
	d.Space(4)
	d.Signatures(d.T("回访人", "Caller"), d.T("业务主管", "Supervisor"))
	return d.Bytes()
}

// LetterRegister prints the letter register 跟踪服务信函登记表 (FU-7) of
// [from, to) in lang: every notice, invitation, reply and survey sent, and
// every written complaint received, oldest first. An empty register says
// so.
func (e *Engine) LetterRegister(st *fo.Settings, from, to time.Time, entries []fo.RegisterEntry, lang fo.Lang) ([]byte, error) {
	loc := st.Location()
	f, l := from.In(loc), to.In(loc).AddDate(0, 0, -1)
	d := e.NewDoc(DocOptions{Lang: lang, Shop: ShopOf(st, lang), Title: Title{Zh: "跟踪服务信函登记表", En: "Letter Register"},
		Number: "L" + f.Format("200601"), Loc: loc})
	d.Fields(2,
		Field{Label: d.T("期间", "Period"), Value: f.Format("2006-01-02") + d.T(" 至 ", " to ") + l.Format("2006-01-02")},
		Field{Label: d.T("登记条数", "Entries"), Value: strconv.Itoa(len(entries)), Strong: true},
	)
	d.Space(3)
	d.Table(registerTable(d, st, entries, "01-02 15:04", d.T("本期没有信函记录。", "No letters in this period.")))
	d.Space(4)
	d.Signatures(d.T("登记人", "Kept by"), d.T("业务主管", "Supervisor"))
	return d.Bytes()
}

// registerTable is a register's entries as a table: time (in layout),
// kind, action, detail, by.
func registerTable(d *Doc, st *fo.Settings, entries []fo.RegisterEntry, layout, empty string) Table {
	var rows [][]string
	for _, e := range entries {
		kind := e.Code
		if p, ok := callKinds[e.Code]; ok {
			kind = d.word(p)
		} else {
			kind = d.pick(map[string]pair{"promo": {"活动", "promotion"}, "survey": {"调查", "survey"}, "task": {"待办", "task"}}, e.Code)
		}
		rows = append(rows, []string{e.At.In(d.opt.Loc).Format(layout), dash(kind), d.pick(registerActions, e.Action), dash(e.Detail), d.staffName(st, e.By)})
	}
	return Table{
		Columns: []Column{
			{Title: d.T("时间", "Time"), Width: 0.85},
			{Title: d.T("类别", "Kind"), Width: 1.4},
			{Title: d.T("事项", "Action"), Width: 0.9},
			{Title: d.T("内容", "Detail"), Width: 2.9},
			{Title: d.T("经办人", "By"), Width: 0.85},
		},
		Rows:  rows,
		Empty: empty,
		Size:  8.5,
	}
}
