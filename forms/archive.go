package forms

import (
	"strconv"
	"strings"
	"time"

	fo "frontoffice"
)

// ArchiveSheet prints the customer archive sheet 客户档案资料表 (the manual's
// form 13; ARC-1) of one vehicle in lang: the customer's particulars
// (name, phone, address), the vehicle's (plate, model, type, maintenance
// interval and next date, wanted services), what is still missing, and
// the archive's contents as the manual lists them — the service history
// with its work and settlement, the appointments, the complaints, the
// follow-up calls and the surveys. Empty sections say so.
func (e *Engine) ArchiveSheet(st *fo.Settings, a fo.Archive, h fo.CustomerHistory, lang fo.Lang) ([]byte, error) {
	loc := st.Location()
	d := e.NewDoc(DocOptions{Lang: lang, Shop: ShopOf(st, lang), Title: titleOf("form.title.archive"),
		Number: "V" + strconv.FormatUint(a.Vehicle.ID, 10), Loc: loc})
	c, v := a.Customer, a.Vehicle
	interval := ""
	if v.MaintIntervalDays > 0 {
		interval = d.T("form.archive.days", v.MaintIntervalDays)
	}
	vtype := ""
	if v.Type != "" {
		vtype = fo.VehicleType(v.Type).Label(lang)
	}
	d.Heading(d.T("form.archive.customer"), 20)
	d.Fields(2,
		Field{Label: d.T("form.customer_name"), Value: dash(c.Name), Strong: true},
		Field{Label: d.T("form.archive.phone"), Value: dash(c.Phone)},
		Field{Label: d.T("form.archive.address"), Value: dash(c.Address)},
		Field{Label: d.T("form.archive.since"), Value: dash(d.date(c.CreatedAt))},
	)
	d.Space(2)
	d.Heading(d.T("form.archive.vehicle"), 20)
	d.Fields(2,
		Field{Label: d.T("form.plate"), Value: dash(fo.FormatPlate(v.Plate)), Strong: true},
		Field{Label: d.T("form.archive.model"), Value: dash(v.Model)},
		Field{Label: d.T("form.archive.type"), Value: dash(vtype)},
		Field{Label: d.T("form.archive.interval"), Value: dash(interval)},
		Field{Label: d.T("form.archive.next"), Value: dash(d.date(v.NextMaintenance))},
		Field{Label: d.T("form.archive.wants"), Value: dash(v.Wants)},
	)
	if len(a.Gaps) > 0 {
		var miss []string
		for _, g := range a.Gaps {
			miss = append(miss, fo.Texts.T(lang, g))
		}
		d.Space(1)
		d.Paragraph(d.T("form.archive.missing")+strings.Join(miss, d.T("form.list_sep")), Style{Size: 9, Bold: true})
	}
	d.Space(3)

	services := func(id string) string {
		if sv, ok := st.Service(id); ok {
			return sv.Name(lang)
		}
		return id
	}
	var visits [][]string
	for _, vi := range a.Visits {
		work, settle := "", ""
		if vi.WorkOrder != nil && vi.WorkOrder.Purpose != services(vi.ServiceID) {
			work = vi.WorkOrder.Purpose
		}
		if vi.Settlement != nil {
			settle = vi.Settlement.Due().String()
			if r := vi.Settlement.Receivable(); r > 0 {
				settle += "\n" + d.T("form.archive.owed") + r.String()
			}
		}
		visits = append(visits, []string{vi.Day + " " + vi.QueueNo, dash(joinNonEmpty("\n", services(vi.ServiceID), work)),
			vi.Status.Label(lang), dash(d.date(vi.DeliveredAt)), dash(settle)})
	}
	d.Heading(d.T("form.archive.visits"), 30)
	d.Table(Table{Columns: []Column{
		{Title: d.T("form.archive.visit"), Width: 1.1},
		{Title: d.T("form.archive.work"), Width: 2.6},
		{Title: d.T("form.archive.status"), Width: 0.9},
		{Title: d.T("form.archive.delivered"), Width: 0.9},
		{Title: d.T("form.archive.settlement"), Width: 1.1},
	}, Rows: visits, Empty: d.T("form.archive.none"), Size: 8.5})
	d.Space(3)

	var apts [][]string
	for _, ap := range a.Appointments {
		apts = append(apts, []string{ap.Code, ap.Start.In(loc).Format("2006-01-02 15:04"), services(ap.ServiceID), ap.Status.Label(lang)})
	}
	d.Heading(d.T("form.archive.appointments"), 30)
	d.Table(Table{Columns: []Column{
		{Title: d.T("form.archive.code"), Width: 0.9},
		{Title: d.T("form.archive.when"), Width: 1.3},
		{Title: d.T("form.service"), Width: 2.2},
		{Title: d.T("form.archive.status"), Width: 1},
	}, Rows: apts, Empty: d.T("form.archive.none"), Size: 8.5})
	d.Space(3)

	var cmps [][]string
	for _, cm := range h.Complaints {
		cmps = append(cmps, []string{cm.Ticket, d.date(cm.FiledAt), dash(cm.Text), cm.Status.Label(lang)})
	}
	d.Heading(d.T("form.archive.complaints"), 30)
	d.Table(Table{Columns: []Column{
		{Title: d.T("form.archive.ticket"), Width: 1.2},
		{Title: d.T("form.archive.date"), Width: 0.9},
		{Title: d.T("form.archive.text"), Width: 3},
		{Title: d.T("form.archive.status"), Width: 0.9},
	}, Rows: cmps, Empty: d.T("form.archive.none"), Size: 8.5})
	d.Space(3)

	d.Heading(d.T("form.archive.calls"), 30)
	d.Table(callTable(d, st, h.Calls))
	d.Space(3)

	var svs [][]string
	for _, sv := range h.Surveys {
		if sv.Status != fo.SurveyDone {
			continue
		}
		s := sv.Scores
		svs = append(svs, []string{d.date(sv.DoneAt), strconv.Itoa(s[0]) + "/" + strconv.Itoa(s[1]) + "/" + strconv.Itoa(s[2]) + "/" + strconv.Itoa(s[3]), dash(sv.Comment)})
	}
	d.Heading(d.T("form.archive.surveys"), 30)
	d.Table(Table{Columns: []Column{
		{Title: d.T("form.archive.date"), Width: 0.9},
		{Title: d.T("form.archive.scores"), Width: 1.1},
		{Title: d.T("form.archive.comment"), Width: 4},
	}, Rows: svs, Empty: d.T("form.archive.none"), Size: 8.5})
	d.Space(4)
	d.Signatures(d.T("form.archive.kept_by"), d.T("form.calls.supervisor"))
	return d.Bytes()
}

// CallRecord prints a customer's follow-up call record 跟踪服务客户电话记录表
// (the manual's form 9; FU-7) in lang: the customer, then every attempt of
// every follow-up call made to them, oldest first — when, which call,
// the vehicle, who called, the outcome, the topics covered and the notes.
// A customer never called gets the empty table with a note.
func (e *Engine) CallRecord(st *fo.Settings, c fo.Customer, vehicles []fo.Vehicle, calls []fo.Call, lang fo.Lang) ([]byte, error) {
	loc := st.Location()
	d := e.NewDoc(DocOptions{Lang: lang, Shop: ShopOf(st, lang), Title: titleOf("form.title.callrecord"),
		Number: "K" + strconv.FormatUint(c.ID, 10), Loc: loc})
	var plates []string
	for _, v := range vehicles {
		plates = append(plates, fo.FormatPlate(v.Plate))
	}
	d.Fields(2,
		Field{Label: d.T("form.customer_name"), Value: dash(c.Name), Strong: true},
		Field{Label: d.T("form.archive.phone"), Value: dash(c.Phone)},
		Field{Label: d.T("form.plate"), Value: dash(strings.Join(plates, d.T("form.list_sep")))},
		Field{Label: d.T("form.archive.follow_up_staff"), Value: dash(st.StaffName(c.FollowUpStaff))},
	)
	d.Space(3)
	d.Table(callTable(d, st, calls))
	d.Space(4)
	d.Signatures(d.T("form.calls.caller"), d.T("form.calls.supervisor"))
	return d.Bytes()
}

// callTable is the attempts of calls, oldest first, as a table.
func callTable(d *Doc, st *fo.Settings, calls []fo.Call) Table {
	type row struct {
		at  time.Time
		row []string
	}
	var rows []row
	for _, c := range calls {
		for _, at := range c.Attempts {
			var topics []string
			for _, t := range at.Topics {
				topics = append(topics, fo.Texts.T(d.Lang(), "topic."+t))
			}
			rows = append(rows, row{at.At, []string{
				at.At.In(d.opt.Loc).Format("2006-01-02 15:04"), c.Kind.Label(d.Lang()), d.staffName(st, at.By),
				d.registerAction(at.Outcome), dash(joinNonEmpty("\n", strings.Join(topics, d.T("form.list_sep")), at.Notes)),
			}})
		}
	}
	out := make([][]string, 0, len(rows))
	for i := range rows { // calls are oldest first, and so are their attempts: merge by time
		j := i
		for k := i + 1; k < len(rows); k++ {
			if rows[k].at.Before(rows[j].at) {
				j = k
			}
		}
		rows[i], rows[j] = rows[j], rows[i]
		out = append(out, rows[i].row)
	}
	return Table{Columns: []Column{
		{Title: d.T("form.calls.time"), Width: 1.2},
		{Title: d.T("form.calls.kind"), Width: 1.1},
		{Title: d.T("form.calls.by"), Width: 0.9},
		{Title: d.T("form.calls.outcome"), Width: 0.9},
		{Title: d.T("form.archive.topics_notes"), Width: 2.8},
	}, Rows: out, Empty: d.T("form.archive.no_calls"), Size: 8.5}
}

// AppointmentRegister prints the appointment register 安装服务预约登记表
// (the manual's form 12; APT-3) of day in lang: the appointments holding a
// bay that day (time, code, customer, plate, service, deposit, source,
// status), then the register's entries written that day — bookings,
// moves, cancellations, check-ins and no-shows with who made them.
func (e *Engine) AppointmentRegister(st *fo.Settings, day time.Time, apts []fo.Appointment, entries []fo.RegisterEntry, lang fo.Lang) ([]byte, error) {
	loc := st.Location()
	day = fo.DayStart(day, loc)
	d := e.NewDoc(DocOptions{Lang: lang, Shop: ShopOf(st, lang), Title: titleOf("form.title.aptregister"),
		Number: "R" + day.Format("20060102"), Loc: loc})
	d.Fields(2,
		Field{Label: d.T("form.calls.day"), Value: day.Format("2006-01-02") + " " + fo.Texts.T(lang, "wd."+strconv.Itoa(int(day.Weekday())))},
		Field{Label: d.T("form.register.booked"), Value: strconv.Itoa(len(apts)), Strong: true},
	)
	d.Space(3)
	var rows [][]string
	for i, a := range apts {
		sv, _ := st.Service(a.ServiceID)
		dep := ""
		if a.Deposit > 0 {
			dep = a.Deposit.String()
		}
		rows = append(rows, []string{strconv.Itoa(i + 1), a.Start.In(loc).Format("15:04") + "–" + a.End.In(loc).Format("15:04"), a.Code,
			dash(a.CustomerName), dash(fo.FormatPlate(a.Plate)), sv.Name(lang), dash(dep), dash(a.Source), a.Status.Label(lang)})
	}
	d.Heading(d.T("form.register.appointments"), 30)
	d.Table(Table{Columns: []Column{
		{Title: d.T("form.no"), Width: 0.4, Align: Center},
		{Title: d.T("form.archive.when"), Width: 0.9},
		{Title: d.T("form.archive.code"), Width: 0.8},
		{Title: d.T("form.customer_name"), Width: 0.9},
		{Title: d.T("form.plate"), Width: 0.9},
		{Title: d.T("form.service"), Width: 1.5},
		{Title: d.T("form.register.deposit"), Width: 0.8},
		{Title: d.T("form.register.source"), Width: 0.6},
		{Title: d.T("form.archive.status"), Width: 0.7},
	}, Rows: rows, Empty: d.T("form.register.no_appointments"), Size: 8})
	d.Space(3)
	var reg [][]string
	for _, en := range entries {
		reg = append(reg, []string{en.At.In(loc).Format("15:04"), d.registerAction(en.Action), dash(en.Code), dash(aptDetail(st, en, lang)), d.staffName(st, en.By)})
	}
	d.Heading(d.T("form.register.entries"), 30)
	d.Table(Table{Columns: []Column{
		{Title: d.T("form.calls.time"), Width: 0.7},
		{Title: d.T("form.calls.action"), Width: 0.9},
		{Title: d.T("form.archive.code"), Width: 0.8},
		{Title: d.T("form.calls.detail"), Width: 3},
		{Title: d.T("form.calls.by"), Width: 1},
	}, Rows: reg, Empty: d.T("form.register.no_entries"), Size: 8})
	d.Space(4)
	d.Signatures(d.T("form.calls.kept_by"), d.T("form.calls.supervisor"))
	return d.Bytes()
}

// aptDetail writes an appointment register entry's detail for people: the
// store records "<service> <RFC 3339 start> <plate>" for a booking and
// "<RFC 3339> → <RFC 3339>" for a move; these print as the service's name,
// the local time and the plate with its dot. Any other detail prints as
// recorded.
func aptDetail(st *fo.Settings, e fo.RegisterEntry, lang fo.Lang) string {
	loc := st.Location()
	local := func(s string) (string, bool) {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			return "", false
		}
		return t.In(loc).Format("2006-01-02 15:04"), true
	}
	switch e.Action {
	case "booked":
		f := strings.Fields(e.Detail)
		if len(f) != 3 {
			break
		}
		sv, ok := st.Service(f[0])
		when, ok2 := local(f[1])
		if ok && ok2 {
			return when + " " + sv.Name(lang) + " " + fo.FormatPlate(f[2])
		}
	case "moved":
		from, to, ok := strings.Cut(e.Detail, " → ")
		a, ok1 := local(from)
		b, ok2 := local(to)
		if ok && ok1 && ok2 {
			return a + " → " + b
		}
	}
	return e.Detail
}
