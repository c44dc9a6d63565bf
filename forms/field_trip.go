package forms

import (
	"fmt"
	"math"

	fo "frontoffice"
)

// The papers of a dispatched technician (FLD-4): a job done the same day
// needs the out-of-office slip 员工外出单; a longer one a business trip, with
// the trip request 出差申请表 and the work handover form 员工外出工作移交表.

// FieldOutSlip prints the out-of-office slip 员工外出单 of a same-day field
// job (FLD-4) in lang: who goes out, where and why, when they leave and
// are back, who dispatched them; boxes for the signatures at the front
// desk.
func (e *Engine) FieldOutSlip(st *fo.Settings, j fo.FieldJob, lang fo.Lang) ([]byte, error) {
	d := e.NewDoc(DocOptions{Lang: lang, Shop: ShopOf(st, lang), Title: titleOf("form.title.fieldout"),
		Number: j.Number, Loc: st.Location(), Issued: j.Dispatch.DispatchedAt})
	f := j.Dispatch.Form
	d.Fields(2,
		Field{Label: d.T("form.field.technician"), Value: d.fieldTech(st, j), Strong: true},
		Field{Label: d.T("form.field.job"), Value: j.Number},
		Field{Label: d.T("form.trip.reason"), Value: d.T("form.trip.reason_text", j.Equipment), Span: 2},
		Field{Label: d.T("form.trip.place"), Value: j.Customer.Company + "\n" + j.Customer.Address, Span: 2},
		Field{Label: d.T("form.field.contact"), Value: j.Customer.Contact + "  " + j.Customer.Phone, Span: 2},
		Field{Label: d.T("form.trip.out_at"), Value: d.stamp(f.Departure), Strong: true},
		Field{Label: d.T("form.trip.back_at"), Value: d.stamp(f.Return), Strong: true},
		Field{Label: d.T("form.trip.approved"), Value: d.fieldApprovedBy(st, j), Span: 2},
		Field{Label: d.T("form.trip.actual_back"), Value: "", Span: 2, Lines: 1},
	)
	d.Space(4)
	d.Paragraph(d.T("form.trip.out_note"), Style{Size: 9, Muted: true})
	d.Space(3)
	d.Signatures(d.T("form.trip.sig_out"), d.T("form.field.sig_dept"), d.T("form.trip.sig_desk"))
	return d.Bytes()
}

// FieldTripRequest prints the business-trip request 出差申请表 of a field job
// longer than its day of departure (FLD-4) in lang: the traveller, where
// and why, the dates and days, the travel booked by administration (or
// still to book), the route and the tools; lines for the advance and for
// the report after the trip; boxes for the signatures.
func (e *Engine) FieldTripRequest(st *fo.Settings, j fo.FieldJob, lang fo.Lang) ([]byte, error) {
	d := e.NewDoc(DocOptions{Lang: lang, Shop: ShopOf(st, lang), Title: titleOf("form.title.fieldtrip"),
		Number: j.Number, Loc: st.Location(), Issued: j.Dispatch.DispatchedAt})
	f := j.Dispatch.Form
	travel := d.T("form.trip.to_book")
	if b := j.Dispatch.TravelBooked; b.Done() {
		travel = d.T("form.trip.booked", st.StaffName(b.By), d.stamp(b.At))
	}
	d.Fields(2,
		Field{Label: d.T("form.field.technician"), Value: d.fieldTech(st, j), Strong: true},
		Field{Label: d.T("form.field.job"), Value: j.Number},
		Field{Label: d.T("form.trip.place"), Value: j.Customer.Company + "\n" + j.Customer.Address, Span: 2},
		Field{Label: d.T("form.trip.reason"), Value: f.Problem, Span: 2, Lines: 2},
		Field{Label: d.T("form.trip.out_at"), Value: d.stamp(f.Departure), Strong: true},
		Field{Label: d.T("form.trip.back_at"), Value: d.stamp(f.Return), Strong: true},
		Field{Label: d.T("form.trip.days"), Value: d.T("form.trip.days_n", tripDays(st, f))},
		Field{Label: d.T("form.trip.travel"), Value: travel},
		Field{Label: d.T("form.field.route"), Value: dash(j.Customer.Route), Span: 2},
		Field{Label: d.T("form.field.tools"), Value: dash(f.Tools), Span: 2},
		Field{Label: d.T("form.trip.advance"), Value: "", Span: 2, Lines: 1},
		Field{Label: d.T("form.trip.approved"), Value: d.fieldApprovedBy(st, j), Span: 2},
	)
	d.Space(3)
	d.Heading(d.T("form.trip.after"), 30)
	d.Fields(1, Field{Label: d.T("form.trip.report"), Value: "", Lines: 4},
		Field{Label: d.T("form.trip.expenses"), Value: "", Lines: 1})
	d.Space(3)
	d.Paragraph(d.T("form.trip.trip_note"), Style{Size: 9, Muted: true})
	d.Space(3)
	d.Signatures(d.T("form.trip.sig_traveller"), d.T("form.field.sig_dept"), d.T("form.trip.sig_gm"))
	return d.Bytes()
}

// FieldHandover prints the work handover form 员工外出工作移交表 of a
// business trip (FLD-4) in lang: who is away when and why, and rows to
// write the work handed over, to whom, and what to mind; boxes for the
// signatures. The general manager's office keeps it.
func (e *Engine) FieldHandover(st *fo.Settings, j fo.FieldJob, lang fo.Lang) ([]byte, error) {
	d := e.NewDoc(DocOptions{Lang: lang, Shop: ShopOf(st, lang), Title: titleOf("form.title.fieldhandover"),
		Number: j.Number, Loc: st.Location(), Issued: j.Dispatch.DispatchedAt})
	f := j.Dispatch.Form
	d.Fields(2,
		Field{Label: d.T("form.trip.handing_over"), Value: d.fieldTech(st, j), Strong: true},
		Field{Label: d.T("form.field.job"), Value: j.Number},
		Field{Label: d.T("form.trip.away"), Value: d.stamp(f.Departure) + " – " + d.stamp(f.Return), Span: 2},
		Field{Label: d.T("form.trip.place"), Value: j.Customer.Company + "  " + j.Customer.Address, Span: 2},
	)
	d.Space(3)
	d.Heading(d.T("form.trip.work"), 40)
	rows := make([][]string, 8)
	for i := range rows {
		rows[i] = []string{fmt.Sprint(i + 1), "\n", "", ""}
	}
	d.Table(Table{Columns: []Column{{Title: "#", Width: 0.3}, {Title: d.T("form.trip.col_work"), Width: 2.4},
		{Title: d.T("form.trip.col_to"), Width: 1}, {Title: d.T("form.trip.col_mind"), Width: 1.8}}, Rows: rows})
	d.Space(3)
	d.Paragraph(d.T("form.trip.handover_note"), Style{Size: 9, Muted: true})
	d.Space(3)
	d.Signatures(d.T("form.trip.sig_from"), d.T("form.trip.sig_to"), d.T("form.field.sig_gm"))
	return d.Bytes()
}

// fieldTech names the job's technician.
func (d *Doc) fieldTech(st *fo.Settings, j fo.FieldJob) string {
	return st.StaffName(j.Dispatch.Technician)
}

// fieldApprovedBy names who dispatched the technician and when.
func (d *Doc) fieldApprovedBy(st *fo.Settings, j fo.FieldJob) string {
	if j.Dispatch.DispatchedAt.IsZero() {
		return d.T("form.field.waiting")
	}
	return d.T("form.trip.approved_by", st.StaffName(j.Dispatch.DispatchedBy), d.stamp(j.Dispatch.DispatchedAt))
}

// tripDays counts the calendar days of a trip, both ends included, in the
// shop's zone.
func tripDays(st *fo.Settings, f fo.FieldDispatchForm) int {
	loc := st.Location()
	a, b := fo.DayStart(f.Departure.In(loc), loc), fo.DayStart(f.Return.In(loc), loc)
	return int(math.Round(b.Sub(a).Hours()/24)) + 1
}

var tripFormTexts = fo.Catalog{
	"form.title.fieldout":      {Zh: "员工外出单", En: "Out-of-Office Slip"},
	"form.title.fieldtrip":     {Zh: "出差申请表", En: "Business Trip Request"},
	"form.title.fieldhandover": {Zh: "员工外出工作移交表", En: "Work Handover Form"},
	"form.trip.reason":         {Zh: "外出事由", En: "Purpose"},
	"form.trip.reason_text":    {Zh: "安装调试：%s", En: "Installation and commissioning: %s"},
	"form.trip.place":          {Zh: "外出地点", En: "Where"},
	"form.trip.out_at":         {Zh: "外出时间", En: "Leaves"},
	"form.trip.back_at":        {Zh: "预计返回", En: "Back"},
	"form.trip.actual_back":    {Zh: "实际返回时间", En: "Actually back"},
	"form.trip.approved":       {Zh: "批准", En: "Approved"},
	"form.trip.approved_by":    {Zh: "部门经理 %s 派遣，%s", En: "Dispatched by department manager %s, %s"},
	"form.trip.out_note":       {Zh: "当天完成的安装调试工作，出发前到公司前台登记本单；返回后填写实际返回时间。", En: "Work done the same day: register this slip at the front desk before leaving; write the actual return when back."},
	"form.trip.sig_out":        {Zh: "外出人", En: "Employee"},
	"form.trip.sig_desk":       {Zh: "前台登记", En: "Front desk"},
	"form.trip.days":           {Zh: "出差天数", En: "Days"},
	"form.trip.days_n":         {Zh: "%d 天", En: "%d days"},
	"form.trip.travel":         {Zh: "车票/机票", En: "Tickets"},
	"form.trip.to_book":        {Zh: "待行政部协助购买", En: "to be booked by administration"},
	"form.trip.booked":         {Zh: "行政部已订（%s，%s）", En: "booked by administration (%s, %s)"},
	"form.trip.advance":        {Zh: "暂支金额", En: "Cash advance"},
	"form.trip.after":          {Zh: "出差情况（返回后填写）", En: "After the trip (filled in on return)"},
	"form.trip.report":         {Zh: "工作完成情况", En: "Work done"},
	"form.trip.expenses":       {Zh: "费用报销", En: "Expenses claimed"},
	"form.trip.trip_note":      {Zh: "出差前交有关领导签字后交售后服务部留存；返回后取回填写出差情况，交部门经理和（副）总经理签字，并办理费用报销。", En: "Have it signed before leaving and leave it with after-sales; on return fill in the trip, have the department manager and the (deputy) general manager sign, and claim the expenses."},
	"form.trip.sig_traveller":  {Zh: "出差人", En: "Traveller"},
	"form.trip.sig_gm":         {Zh: "（副）总经理", En: "(Deputy) general manager"},
	"form.trip.handing_over":   {Zh: "外出人（移交人）", En: "Away (handing over)"},
	"form.trip.away":           {Zh: "外出期间", En: "Away"},
	"form.trip.work":           {Zh: "移交的工作", En: "Work handed over"},
	"form.trip.col_work":       {Zh: "工作事项", En: "Work"},
	"form.trip.col_to":         {Zh: "接手人", En: "Taken over by"},
	"form.trip.col_mind":       {Zh: "注意事项", En: "What to mind"},
	"form.trip.handover_note":  {Zh: "外出前填写，交总经理办公室留存。", En: "Fill in before leaving; the general manager's office keeps it."},
	"form.trip.sig_from":       {Zh: "移交人", En: "Handed over by"},
	"form.trip.sig_to":         {Zh: "接手人", En: "Taken over by"},
}

func init() { mergeFormTexts(tripFormTexts) }
