package forms

import (
	"strconv"

	fo "frontoffice"
)

// Settlement prints the settlement 安装服务结算单 of a visit (DEL-3) in lang:
// the customer and vehicle, the work order's lines and the approved
// additional work, the amount, the discount with the supervisor who
// granted it (DEL-3: discounts go to the supervisor), what is due, paid
// and still owed, who settled it and when, the handover list of DEL-3 to
// tick, and boxes for the customer's and the cashier's signatures. A visit
// without a settlement is an ECONFLICT *Error.
func (e *Engine) Settlement(st *fo.Settings, r VisitRecord, lang fo.Lang) ([]byte, error) {
	v := &r.Visit
	s := v.Settlement
	if s == nil {
		return nil, notAllowed("visit %d is not settled", v.ID)
	}
	d := e.visitDoc(st, &r, lang, Title{Zh: "安装服务结算单", En: "Settlement"})
	d.Fields(2, append(d.customerFields(&r, true),
		Field{Label: d.T("到店时间", "Checked in"), Value: d.stamp(v.CheckedInAt)},
		Field{Label: d.T("结算时间", "Settled"), Value: d.stamp(s.At)},
	)...)
	d.Space(3)

	d.Heading(d.T("结算明细", "Details"), 22)
	var rows [][]string
	var total fo.Money
	if v.WorkOrder != nil {
		for _, l := range v.WorkOrder.Lines {
			rows = append(rows, []string{strconv.Itoa(len(rows) + 1), l.Description, l.Labor.String(), l.Parts.String(), l.Total().String()})
			total += l.Total()
		}
	}
	for _, a := range v.Additional {
		if a.Status == fo.AddApproved {
			rows = append(rows, []string{strconv.Itoa(len(rows) + 1), a.Description + d.T("（追加项目）", " (additional)"), "", "", a.Price.String()})
			total += a.Price
		}
	}
	if v.Status == fo.VisitLeft {
		rows = append(rows, []string{strconv.Itoa(len(rows) + 1), d.T("诊断 / 估价费", "Diagnosis / estimate fee"), "", "", s.Amount.String()})
		total = s.Amount
	}
	d.Table(Table{
		Columns: []Column{
			{Title: d.T("序号", "No."), Width: 0.55, Align: Center},
			{Title: d.T("项目", "Item"), Width: 3},
			{Title: d.T("工时费", "Labour"), Width: 1, Align: Right},
			{Title: d.T("配件费", "Parts"), Width: 1, Align: Right},
			{Title: d.T("金额", "Amount"), Width: 1.1, Align: Right},
		},
		Rows:   rows,
		Footer: []string{"", d.T("明细合计", "Total of the lines"), "", "", total.String()},
		Empty:  d.T("无明细", "No lines"),
		Size:   9.5,
	})
	d.Space(3)

	discount := s.Discount.String()
	if s.Discount > 0 && s.DiscountBy != "" {
		discount += d.T("（业务主管 ", " (approved by ") + d.staffName(st, s.DiscountBy) + d.T(" 批准）", ")")
	}
	d.Fields(2,
		Field{Label: d.T("结算金额", "Amount"), Value: s.Amount.String()},
		Field{Label: d.T("优惠", "Discount"), Value: discount},
		Field{Label: d.T("应付金额", "Due"), Value: s.Due().String(), Strong: true},
		Field{Label: d.T("实收金额", "Paid"), Value: s.Paid.String(), Strong: true},
		Field{Label: d.T("欠款（应收）", "Still owed"), Value: s.Receivable().String()},
		Field{Label: d.T("收银员", "Cashier"), Value: d.staffName(st, s.By)},
	)
	d.Space(4)

	if v.Status == fo.VisitDelivered {
		// DEL-3: what is handed over with the vehicle.
		d.Heading(d.T("交车交付（客户核对后签字）", "Handed over (the customer checks and signs)"), 14)
		d.Checklist(3,
			Check{Label: d.T("出厂通知单", "Exit notice")}, Check{Label: d.T("进厂安装服务单", "Work order")},
			Check{Label: d.T("安装服务结算单", "Settlement")}, Check{Label: d.T("售后服务卡（质量保证）", "Service card (guarantee)")},
			Check{Label: d.T("车辆证件", "Vehicle documents")}, Check{Label: d.T("车钥匙", "Keys")},
		)
		d.Space(3)
	}
	d.Signatures(d.T("客户签字", "Customer"), d.T("收银员", "Cashier"))
	return d.Bytes()
}

// ExitNotice prints the exit notice 出厂通知单 that lets a vehicle leave
// the shop (DEL-3, INT-4) in lang: for a delivered visit, the work done and
// settled; for a visit whose customer declined the work order, that no
// work was done and the diagnosis or estimate fee paid, if any (INT-4).
// Boxes for the cashier, the customer and the gate. A visit still in the
// shop is an ECONFLICT *Error.
func (e *Engine) ExitNotice(st *fo.Settings, r VisitRecord, lang fo.Lang) ([]byte, error) {
	v := &r.Visit
	if v.Status != fo.VisitDelivered && v.Status != fo.VisitLeft {
		return nil, notAllowed("visit %d is still in the shop", v.ID)
	}
	d := e.visitDoc(st, &r, lang, Title{Zh: "出厂通知单", En: "Exit Notice"})
	plate := fo.FormatPlate(dash2(r.Vehicle.Plate, v.Plate))
	fields := d.customerFields(&r, false)
	if v.WorkOrder != nil {
		fields = append(fields, Field{Label: d.T("钥匙编号", "Key number"), Value: v.WorkOrder.KeyNo})
	}
	var text string
	s := v.Settlement
	if v.Status == fo.VisitDelivered {
		fields = append(fields, Field{Label: d.T("出厂时间", "Leaves at"), Value: d.stamp(v.DeliveredAt)})
		text = d.T("兹有车辆 "+plate+" 已完成施工，经检查合格并办理结算，准予出厂。",
			"Vehicle "+plate+" has been worked on, checked and settled, and may leave the shop.")
	} else {
		fields = append(fields, Field{Label: d.T("出厂时间", "Leaves at"), Value: d.stamp(v.LeftAt)})
		text = d.T("车辆 "+plate+" 未签署进厂安装服务单，未施工，准予出厂。",
			"Vehicle "+plate+" leaves without the work: the work order was not signed.")
	}
	if s != nil {
		owed := ""
		if s.Receivable() > 0 {
			owed = d.T("，欠款 ", ", still owed ") + s.Receivable().String()
		}
		label := d.T("结算", "Settled")
		if v.Status == fo.VisitLeft {
			label = d.T("诊断 / 估价费", "Diagnosis / estimate fee")
		}
		fields = append(fields, Field{Label: label, Value: d.T("应付 ", "due ") + s.Due().String() + d.T("，实收 ", ", paid ") + s.Paid.String() + owed, Span: 2})
	} else if v.Status == fo.VisitLeft {
		fields = append(fields, Field{Label: d.T("诊断 / 估价费", "Diagnosis / estimate fee"), Value: d.T("无", "None"), Span: 2})
	}
	d.Fields(2, fields...)
	d.Space(4)
	d.Paragraph(text, Style{Size: 11, Bold: true})
	if v.Status == fo.VisitLeft {
		if reason := lastLine(v.Concern); reason != "" {
			d.Space(1)
			d.Paragraph(d.T("说明：", "Note: ")+reason, Style{Size: 9.5})
		}
	}
	d.Space(5)
	d.Signatures(d.T("收银员", "Cashier"), d.T("客户签字", "Customer"), d.T("门卫核验", "Gate"))
	return d.Bytes()
}

// lastLine returns the last line of s (Leave appends the reason to the
// visit's concern on a line of its own).
func lastLine(s string) string {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '\n' {
			return s[i+1:]
		}
	}
	return s
}
