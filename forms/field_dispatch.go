package forms

import (
	"fmt"

	fo "frontoffice"
)

// KindFieldDispatch and the FLD-4 papers (field_trip.go): Ref is the field
// job's id.
const (
	KindFieldDispatch = fo.DocFieldDispatch // dispatch request 安装调试人员派遣申请表 (FLD-3)
	KindFieldOut      = fo.DocFieldOut      // out-of-office slip 员工外出单 (FLD-4)
	KindFieldTrip     = fo.DocFieldTrip     // business-trip request 出差申请表 (FLD-4)
	KindFieldHandover = fo.DocFieldHandover // work handover form 员工外出工作移交表 (FLD-4)
)

// FieldDoc prints the field job document of kind (KindFieldDispatch,
// KindFieldOut, KindFieldTrip, KindFieldHandover) in lang. A job without a
// dispatch request yet is an ECONFLICT *Error; so is a trip paper of a
// same-day job or the reverse.
func (e *Engine) FieldDoc(st *fo.Settings, j fo.FieldJob, kind string, lang fo.Lang) ([]byte, error) {
	if j.Dispatch.SubmittedAt.IsZero() {
		return nil, notAllowed("field job %d has no dispatch request", j.ID)
	}
	switch kind {
	case KindFieldDispatch:
		return e.FieldDispatch(st, j, lang)
	case KindFieldOut:
		if j.Dispatch.Trip {
			return nil, notAllowed("field job %d is a business trip", j.ID)
		}
		return e.FieldOutSlip(st, j, lang)
	case KindFieldTrip, KindFieldHandover:
		if !j.Dispatch.Trip {
			return nil, notAllowed("field job %d is a same-day job", j.ID)
		}
		if kind == KindFieldTrip {
			return e.FieldTripRequest(st, j, lang)
		}
		return e.FieldHandover(st, j, lang)
	}
	return nil, fo.ErrNotFound
}

// FieldDispatch prints the dispatch request 安装调试人员派遣申请表 of a
// field job (FLD-3) in lang: the customer company, its address, the
// contact and phone, how to get there, the equipment, departure and
// expected return, the main problem, the tools and spares, the notes; the
// commissioning request on file (FLD-2); the approval chain with who did
// each step and when, or what it waits for and by when; and boxes for the
// signatures on paper.
func (e *Engine) FieldDispatch(st *fo.Settings, j fo.FieldJob, lang fo.Lang) ([]byte, error) {
	d := e.NewDoc(DocOptions{Lang: lang, Shop: ShopOf(st, lang), Title: titleOf("form.title.fielddispatch"),
		Number: j.Number, Loc: st.Location(), Issued: j.Dispatch.SubmittedAt})
	f := j.Dispatch.Form
	d.Fields(2,
		Field{Label: d.T("form.field.company"), Value: j.Customer.Company, Span: 2},
		Field{Label: d.T("form.field.address"), Value: j.Customer.Address, Span: 2},
		Field{Label: d.T("form.field.contact"), Value: j.Customer.Contact},
		Field{Label: d.T("form.field.phone"), Value: j.Customer.Phone},
		Field{Label: d.T("form.field.route"), Value: dash(j.Customer.Route), Span: 2},
		Field{Label: d.T("form.field.equipment"), Value: d.fieldEquipment(st, j), Span: 2},
		Field{Label: d.T("form.field.departure"), Value: d.stamp(f.Departure), Strong: true},
		Field{Label: d.T("form.field.return"), Value: d.stamp(f.Return), Strong: true},
		Field{Label: d.T("form.field.problem"), Value: f.Problem, Span: 2, Lines: 3},
		Field{Label: d.T("form.field.tools"), Value: dash(f.Tools), Span: 2, Lines: 2},
		Field{Label: d.T("form.field.notes"), Value: dash(f.Notes), Span: 2, Lines: 2},
		Field{Label: d.T("form.field.request"), Value: d.fieldDocText(j.Dispatch.Request), Span: 2},
		Field{Label: d.T("form.field.papers"), Value: d.fieldPapers(j), Span: 2},
	)
	d.Space(3)
	// FLD-3: who signs, who picks, who dispatches.
	d.Heading(d.T("form.field.approval"), 30)
	loc := st.Location()
	var rows [][]string
	for _, step := range fo.FieldSteps {
		var who, when, note string
		var done fo.FieldStep
		switch step {
		case fo.FieldStepSign:
			done, note = j.Dispatch.Signed, d.T("form.field.agreed")
		case fo.FieldStepPick:
			done, note = j.Dispatch.Picked, d.T("form.field.picked", st.StaffName(j.Dispatch.Technician))
		default:
			done, note = fo.FieldStep{By: j.Dispatch.DispatchedBy, At: j.Dispatch.DispatchedAt}, d.T("form.field.sent")
		}
		if done.Done() {
			who, when = st.StaffName(done.By), d.stamp(done.At)
		} else {
			who, note = "", d.T("form.field.waiting")
			if j.WaitingStep() == step && !j.Dispatch.StepDueAt.IsZero() {
				note = d.T("form.field.waiting_by", j.Dispatch.StepDueAt.In(loc).Format("2006-01-02 15:04"))
			}
		}
		rows = append(rows, []string{d.T("form.field.step." + step), who, when, note})
	}
	d.Table(Table{Columns: []Column{{Title: d.T("form.field.col_step"), Width: 1.6}, {Title: d.T("form.field.col_who")},
		{Title: d.T("form.field.col_when"), Width: 1.2}, {Title: d.T("form.field.col_note"), Width: 1.6}}, Rows: rows})
	d.Space(4)
	d.Paragraph(d.T("form.field.filled_by", d.staffName(st, j.Dispatch.SubmittedBy), d.stamp(j.Dispatch.SubmittedAt)), Style{Size: 9, Muted: true})
	d.Space(3)
	d.Signatures(d.T("form.field.sig_aftersales"), d.T("form.field.sig_gm"), d.T("form.field.sig_dept"))
	return d.Bytes()
}

// fieldEquipment is the equipment with its product (labour standard) and
// region when known.
func (d *Doc) fieldEquipment(st *fo.Settings, j fo.FieldJob) string {
	s := j.Equipment
	if l, ok := st.LabourStandardByCode(j.Product); ok {
		s += fmt.Sprintf("  [%s %s]", l.Code, l.Name(d.Lang()))
	}
	if j.Region != "" {
		s += "  " + d.T("form.field.region", j.Region)
	}
	return s
}

// fieldDocText says how and when a document came, or that it did not.
func (d *Doc) fieldDocText(doc *fo.FieldDoc) string {
	if doc == nil {
		return d.T("form.field.not_on_file")
	}
	return d.T("form.field.on_file."+doc.Via, d.stamp(doc.At))
}

// fieldPapers says which FLD-4 papers the dispatch takes.
func (d *Doc) fieldPapers(j fo.FieldJob) string {
	if j.Dispatch.Trip {
		return d.T("form.field.papers_trip")
	}
	return d.T("form.field.papers_out")
}

// fieldFormTexts are the words of the field jobs' forms (FLD-3, FLD-4);
// init merges them into Texts, refusing a key defined twice.
var fieldFormTexts = fo.Catalog{
	"form.title.fielddispatch":    {Zh: "安装调试人员派遣申请表", En: "Commissioning Technician Dispatch Request"},
	"form.field.company":          {Zh: "客户单位名称", En: "Customer company"},
	"form.field.address":          {Zh: "客户单位地址", En: "Company address"},
	"form.field.contact":          {Zh: "联系人姓名", En: "Contact"},
	"form.field.phone":            {Zh: "联系人电话", En: "Contact phone"},
	"form.field.route":            {Zh: "乘车方式", En: "How to get there"},
	"form.field.equipment":        {Zh: "设备", En: "Equipment"},
	"form.field.region":           {Zh: "地区：%s", En: "region: %s"},
	"form.field.departure":        {Zh: "要求出发时间", En: "Departure"},
	"form.field.return":           {Zh: "预计返回时间", En: "Expected return"},
	"form.field.problem":          {Zh: "设备存在的主要问题", En: "Main problem"},
	"form.field.tools":            {Zh: "携带的工具和备件", En: "Tools and spares"},
	"form.field.notes":            {Zh: "其他注意事项", En: "Notes"},
	"form.field.request":          {Zh: "客户调试申请", En: "Commissioning request"},
	"form.field.not_on_file":      {Zh: "未收到", En: "not on file"},
	"form.field.on_file.console":  {Zh: "已收到（盖章、签字），扫描件上传于 %s", En: "on file (sealed, signed), scan uploaded %s"},
	"form.field.on_file.telegram": {Zh: "已收到（盖章、签字），经 Telegram 收到于 %s", En: "on file (sealed, signed), received in Telegram %s"},
	"form.field.papers":           {Zh: "外出手续", En: "Papers"},
	"form.field.papers_out":       {Zh: "当天完成：填写员工外出单", En: "Done the same day: out-of-office slip"},
	"form.field.papers_trip":      {Zh: "出差：出差申请表、员工外出工作移交表，行政部协助订票", En: "Business trip: trip request, handover form; administration books the travel"},
	"form.field.approval":         {Zh: "审批", En: "Approval"},
	"form.field.col_step":         {Zh: "步骤", En: "Step"},
	"form.field.col_who":          {Zh: "办理人", En: "By"},
	"form.field.col_when":         {Zh: "时间", En: "When"},
	"form.field.col_note":         {Zh: "意见", En: "Decision"},
	"form.field.step.sign":        {Zh: "售后服务部经理签字", En: "After-sales manager signs"},
	"form.field.step.pick":        {Zh: "总经理办公室安排人员", En: "GM office picks the technician"},
	"form.field.step.disp":        {Zh: "部门经理派遣", En: "Department manager dispatches"},
	"form.field.agreed":           {Zh: "同意派遣", En: "Agreed"},
	"form.field.picked":           {Zh: "派 %s", En: "Send %s"},
	"form.field.sent":             {Zh: "已派遣", En: "Dispatched"},
	"form.field.waiting":          {Zh: "待办", En: "Waiting"},
	"form.field.waiting_by":       {Zh: "待办，期限 %s", En: "Waiting, due %s"},
	"form.field.filled_by":        {Zh: "售后服务部填表：%s，%s", En: "Filled in by after-sales: %s, %s"},
	"form.field.sig_aftersales":   {Zh: "售后服务部经理", En: "After-sales manager"},
	"form.field.sig_gm":           {Zh: "总经理办公室", En: "General manager's office"},
	"form.field.sig_dept":         {Zh: "部门经理", En: "Department manager"},
	"form.field.job":              {Zh: "任务编号", En: "Job"},
	"form.field.technician":       {Zh: "安装调试人员", En: "Technician"},
}

func init() { mergeFormTexts(fieldFormTexts) }

// mergeFormTexts adds c to Texts; a key already there is a programming
// error (two forms files defining it).
func mergeFormTexts(c fo.Catalog) {
	for k, v := range c {
		if _, dup := Texts[k]; dup {
			panic("forms: text " + k + " defined twice")
		}
		Texts[k] = v
	}
}
