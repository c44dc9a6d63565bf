package forms

import (
	"fmt"
	"strconv"

	fo "frontoffice"
)

// WorkOrder prints the work order 进厂安装服务单 of a visit taken in
// (INT-1 to INT-5) in lang: the customer and vehicle; the purpose and the
// diagnosis consent (INT-1); the handover — documents checked, anomalies,
// fuel, odometer, key number, the workshop's receiver and the time to the
// 10 minutes (INT-5); the belongings list 随车物品清单 to sign (INT-5); the
// estimate with each line's pricing mode, parts source and kind, and the
// statement of any line without a quality guarantee (INT-2); the promised
// delivery time (INT-3); and boxes for the customer's signature (INT-4),
// the receptionist's and the workshop's. A visit without a work order is
// an ECONFLICT *Error.
func (e *Engine) WorkOrder(st *fo.Settings, r VisitRecord, lang fo.Lang) ([]byte, error) {
	v := &r.Visit
	wo := v.WorkOrder
	if wo == nil {
		return nil, notAllowed("visit %d has no work order yet", v.ID)
	}
	d := e.visitDoc(st, &r, lang, Title{Zh: "进厂安装服务单", En: "Work Order"})

	d.Fields(2, append(d.customerFields(&r, true),
		Field{Label: d.T("到店时间", "Checked in"), Value: d.stamp(v.CheckedInAt) + "  " + v.QueueNo},
		Field{Label: d.T("服务项目", "Service"), Value: dash(serviceName(st, v.ServiceID, lang))},
	)...)
	d.Space(2)

	d.Heading(d.T("接车检查与交接", "Intake and handover"), 30)
	diag := ""
	if wo.DiagnosisConsent {
		diag = d.T("客户同意检测诊断", "The customer agrees to a diagnosis")
	} else {
		diag = d.T("未经客户同意，不做检测诊断", "No diagnosis without the customer's consent")
	}
	docs := d.T("未核对", "Not checked")
	if wo.DocumentsChecked {
		docs = d.T("已核对", "Checked")
	}
	if wo.DiagnosisReport != "" {
		diag += d.T("。结果：", ". Result: ") + wo.DiagnosisReport
	}
	d.Fields(2,
		Field{Label: d.T("来店目的", "Purpose"), Value: wo.Purpose, Span: 2}, // INT-1
		Field{Label: d.T("检测诊断", "Diagnosis"), Value: diag, Span: 2},
	)
	// INT-5: documents, fuel, odometer, key number.
	d.Fields(4,
		Field{Label: d.T("证件核对", "Documents"), Value: docs},
		Field{Label: d.T("燃油", "Fuel"), Value: d.fuel(wo.FuelEighths)},
		Field{Label: d.T("里程表", "Odometer"), Value: km(wo.Odometer)},
		Field{Label: d.T("钥匙编号", "Key no."), Value: wo.KeyNo, Strong: true},
	)
	d.Fields(2,
		Field{Label: d.T("外观内饰仪表", "Condition"), Value: dash2(wo.Anomalies, d.T("未见异常", "No anomalies")), Span: 2},
		Field{Label: d.T("车间接车人", "Received by"), Value: wo.Receiver},
		Field{Label: d.T("接车时间", "Handed over"), Value: d.stamp(fo.HandoverTime(wo.HandoverAt))}, // INT-5: to the 10 minutes
		Field{Label: d.T("预计工时", "Estimated time"), Value: minutesText(d, wo.EstimatedMinutes)},
		Field{Label: d.T("承诺交车时间", "Promised for"), Value: d.stamp(wo.PromisedAt), Strong: true}, // INT-3
	)
	d.Space(2)

	// INT-5: the belongings list, signed by the customer.
	d.Heading(d.T("随车物品清单", "Belongings in the vehicle"), 14)
	if len(wo.Belongings) == 0 {
		d.Paragraph(d.T("车内无贵重物品登记。", "No belongings recorded in the vehicle."), Style{Size: 9.5, Muted: true, Indent: 3})
	} else {
		var items []Check
		for _, b := range wo.Belongings {
			items = append(items, Check{Label: b, Checked: true})
		}
		d.Checklist(4, items...)
	}
	d.Space(2)

	// INT-2: the estimate, its modes and parts, and the guarantee.
	d.Heading(d.T("估价", "Estimate"), 22)
	d.Table(estimateTable(d, wo.Lines))
	if note := d.noGuaranteeNote(wo.Lines); note != "" {
		d.Space(1.5)
		d.Paragraph(note, Style{Size: 10, Bold: true})
	}
	d.Space(4)

	// INT-4: the customer signs the work order.
	d.Paragraph(d.T(
		"本人已核对以上车辆状况、随车物品及估价，同意按本单施工；如发现追加项目，本店将先征得本人同意。",
		"I have checked the vehicle's condition, the belongings and the estimate above and agree to the work; any additional work will be done only with my consent."),
		Style{Size: 9.5})
	if wo.CustomerSigned {
		d.Paragraph(d.T("客户已于 ", "Confirmed by the customer at the counter on ")+d.stamp(wo.CreatedAt)+d.T(" 在接待台确认。", "."), Style{Size: 8.5, Muted: true})
	}
	d.Space(2)
	d.Signatures(d.T("客户签字", "Customer"), d.T("接待员", "Service advisor"), d.T("车间接车", "Workshop"))
	return d.Bytes()
}

// estimateTable is the estimate's table (INT-2): description, pricing
// mode, labour, parts, parts source and kind, guarantee, line total.
func estimateTable(d *Doc, lines []fo.EstimateLine) Table {
	var rows [][]string
	var labor, parts, total fo.Money
	for i, l := range lines {
		rows = append(rows, []string{strconv.Itoa(i + 1), l.Description, d.pick(priceModes, l.Mode),
			l.Labor.String(), l.Parts.String(), d.partsText(l), d.guaranteeText(l), l.Total().String()})
		labor += l.Labor
		parts += l.Parts
		total += l.Total()
	}
	return Table{
		Columns: []Column{
			{Title: d.T("序号", "No."), Width: 0.5, Align: Center},
			{Title: d.T("项目", "Item"), Width: 2.1},
			{Title: d.T("计价方式", "Pricing"), Width: 0.9},
			{Title: d.T("工时费", "Labour"), Width: 0.95, Align: Right},
			{Title: d.T("配件费", "Parts"), Width: 0.95, Align: Right},
			{Title: d.T("配件来源", "Parts source"), Width: 1.3},
			{Title: d.T("质保", "Guarantee"), Width: 1.2},
			{Title: d.T("小计", "Total"), Width: 1.05, Align: Right},
		},
		Rows:   rows,
		Footer: []string{"", d.T("合计", "Total"), "", labor.String(), parts.String(), "", "", total.String()},
		Empty:  d.T("无估价项目", "No estimate lines"),
		Size:   9,
	}
}

// minutesText writes a duration in minutes as hours and minutes.
func minutesText(d *Doc, m int) string {
	h, mm := m/60, m%60
	switch {
	case h == 0:
		return fmt.Sprintf(d.T("%d 分钟", "%d min"), mm)
	case mm == 0:
		return fmt.Sprintf(d.T("%d 小时", "%d h"), h)
	}
	return fmt.Sprintf(d.T("%d 小时 %d 分钟", "%d h %d min"), h, mm)
}

// dash2 returns s, or alt when s is empty.
func dash2(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}

// AdditionalWork prints the additional-work order 安装服务追加项目单 of a
// visit (INT-6) in lang: each item found in the workshop with the reason
// (safety stressed), the price, the extra time and the new delivery time
// told to the customer, and the customer's answer with its time and how it
// was given; the workshop proceeds only on an approval recorded here. A
// visit without additional work is an ECONFLICT *Error.
func (e *Engine) AdditionalWork(st *fo.Settings, r VisitRecord, lang fo.Lang) ([]byte, error) {
	v := &r.Visit
	if len(v.Additional) == 0 {
		return nil, notAllowed("visit %d has no additional work", v.ID)
	}
	d := e.visitDoc(st, &r, lang, Title{Zh: "安装服务追加项目单", En: "Additional Work Order"})
	promised := ""
	if v.WorkOrder != nil {
		promised = d.stamp(v.WorkOrder.PromisedAt)
	}
	d.Fields(2, append(d.customerFields(&r, true),
		Field{Label: d.T("工单编号", "Work order"), Value: VisitNo(*v)},
		Field{Label: d.T("当前交车时间", "Delivery now"), Value: dash(promised)},
	)...)
	d.Space(3)
	d.Heading(d.T("追加项目", "Additional work"), 22)
	var rows [][]string
	var approved fo.Money
	for _, a := range v.Additional {
		reason := a.Reason
		if a.Safety {
			reason = d.T("【涉及行车安全】", "[Safety] ") + reason
		}
		answer := d.pick(workAnswers, a.Status)
		if !a.AnsweredAt.IsZero() {
			answer += "\n" + d.stamp(a.AnsweredAt) + "\n" + d.staffName(st, a.AnsweredBy)
		}
		rows = append(rows, []string{strconv.Itoa(a.N), a.Description, dash(reason), a.Price.String(),
			minutesText(d, a.ExtraMinutes), d.stamp(a.NewPromisedAt), answer})
		if a.Status == fo.AddApproved {
			approved += a.Price
		}
	}
	d.Table(Table{
		Columns: []Column{
			{Title: d.T("序号", "No."), Width: 0.55, Align: Center},
			{Title: d.T("追加项目", "Work"), Width: 1.5},
			{Title: d.T("原因", "Why"), Width: 2},
			{Title: d.T("价格", "Price"), Width: 0.95, Align: Right},
			{Title: d.T("增加工时", "Extra time"), Width: 0.85},
			{Title: d.T("新交车时间", "New delivery"), Width: 1.1},
			{Title: d.T("客户答复", "Customer's answer"), Width: 1.5},
		},
		Rows:   rows,
		Footer: []string{"", d.T("已同意合计", "Approved, total"), "", approved.String(), "", "", ""},
		Size:   9,
	})
	d.Space(3)
	d.Paragraph(d.T(
		"说明：追加项目须先向客户说明原因（涉及安全的须重点说明）及新的交车时间，客户答复及时间记录在案后，车间方可施工。",
		"Additional work is explained to the customer first — the reason, safety above all, and the new delivery time; the workshop starts it only once the customer's answer is recorded with its time."),
		Style{Size: 9, Muted: true})
	d.Space(4)
	d.Signatures(d.T("客户确认", "Customer"), d.T("接待员", "Service advisor"), d.T("车间", "Workshop"))
	return d.Bytes()
}
