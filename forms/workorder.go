package forms

import (
	"fmt"
	"strconv"
	"strings"

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
	d := e.visitDoc(st, &r, lang, titleOf("form.title.workorder"))

	d.Fields(2, append(d.customerFields(&r, true),
		Field{Label: d.T("form.checked_in"), Value: d.stamp(v.CheckedInAt) + "  " + v.QueueNo},
		Field{Label: d.T("form.service"), Value: dash(serviceName(st, v.ServiceID, lang))},
	)...)
	d.Space(2)

	d.Heading(d.T("form.workorder.intake_handover"), 30)
	diag := ""
	if wo.DiagnosisConsent {
		diag = d.T("form.workorder.customer_agrees_diagnosis")
	} else {
		diag = d.T("form.workorder.no_diagnosis_without")
	}
	docs := d.T("form.workorder.not_checked")
	if wo.DocumentsChecked {
		docs = d.T("form.workorder.checked")
	}
	if wo.DiagnosisReport != "" {
		diag += d.T("form.workorder.result") + wo.DiagnosisReport
	}
	d.Fields(2,
		Field{Label: d.T("form.workorder.purpose"), Value: wo.Purpose, Span: 2}, // INT-1
		Field{Label: d.T("form.workorder.diagnosis"), Value: diag, Span: 2},
	)
	// INT-5: documents, fuel, odometer, key number.
	d.Fields(4,
		Field{Label: d.T("form.workorder.documents"), Value: docs},
		Field{Label: d.T("form.workorder.fuel"), Value: d.fuel(wo.FuelEighths)},
		Field{Label: d.T("form.workorder.odometer"), Value: km(wo.Odometer)},
		Field{Label: d.T("form.workorder.key_no"), Value: wo.KeyNo, Strong: true},
	)
	d.Fields(2,
		Field{Label: d.T("form.workorder.condition"), Value: dash2(wo.Anomalies, d.T("form.workorder.no_anomalies")), Span: 2},
		Field{Label: d.T("form.workorder.received"), Value: wo.Receiver},
		Field{Label: d.T("form.workorder.handed_over"), Value: d.stamp(fo.HandoverTime(wo.HandoverAt))}, // INT-5: to the 10 minutes
		Field{Label: d.T("form.workorder.estimated_time"), Value: minutesText(d, wo.EstimatedMinutes)},
		Field{Label: d.T("form.workorder.promised"), Value: d.stamp(wo.PromisedAt), Strong: true}, // INT-3
	)
	d.Space(2)

	// INT-5: the belongings list, signed by the customer.
	d.Heading(d.T("form.workorder.belongings_vehicle"), 14)
	if len(wo.Belongings) == 0 {
		d.Paragraph(d.T("form.workorder.no_belongings_recorded"), Style{Size: 9.5, Muted: true, Indent: 3})
	} else {
		var items []Check
		for _, b := range wo.Belongings {
			items = append(items, Check{Label: b, Checked: true})
		}
		d.Checklist(4, items...)
	}
	d.Space(2)

	// INT-2: the estimate, its modes and parts, and the guarantee.
	d.Heading(d.T("form.workorder.estimate"), 22)
	d.Table(estimateTable(d, wo.Lines))
	if note := d.noGuaranteeNote(wo.Lines); note != "" {
		d.Space(1.5)
		d.Paragraph(note, Style{Size: 10, Bold: true})
	}
	d.Space(4)

	// INT-4: the customer signs the work order.
	d.Paragraph(d.T("form.workorder.i_have_checked"),
		Style{Size: 9.5})
	// A work order from before electronic signatures was signed on paper:
	// its box is a line, with the note that it was confirmed.
	customer := SignatureBox{Label: d.T("form.sign.customer"), Sig: &wo.Signature}
	if wo.CustomerSigned && !wo.Signature.Signed() {
		d.Paragraph(d.T("form.workorder.confirmed", d.stamp(wo.CreatedAt)), Style{Size: 8.5, Muted: true})
		customer.Sig = nil
	}
	d.Space(2)
	d.SignatureBoxes(customer, SignatureBox{Label: d.T("form.workorder.service_advisor")}, SignatureBox{Label: d.T("form.workorder.workshop_intake")})
	return d.Bytes()
}

// estimateTable is the estimate's table (INT-2): description, pricing
// mode, labour, parts, parts source and kind, guarantee, line total.
func estimateTable(d *Doc, lines []fo.EstimateLine) Table {
	var rows [][]string
	var labor, parts, total fo.Money
	for i, l := range lines {
		rows = append(rows, []string{strconv.Itoa(i + 1), l.Description, fo.PriceMode(l.Mode).Label(d.Lang()),
			l.Labor.String(), l.Parts.String(), d.partsText(l), d.guaranteeText(l), l.Total().String()})
		labor += l.Labor
		parts += l.Parts
		total += l.Total()
	}
	return Table{
		Columns: []Column{
			{Title: d.T("form.no"), Width: 0.5, Align: Center},
			{Title: d.T("form.item"), Width: 2.1},
			{Title: d.T("form.workorder.pricing"), Width: 0.9},
			{Title: d.T("form.labour"), Width: 0.95, Align: Right},
			{Title: d.T("form.parts"), Width: 0.95, Align: Right},
			{Title: d.T("form.workorder.parts_source"), Width: 1.3},
			{Title: d.T("form.workorder.guarantee"), Width: 1.2},
			{Title: d.T("form.workorder.total"), Width: 1.05, Align: Right},
		},
		Rows:   rows,
		Footer: []string{"", d.T("form.total"), "", labor.String(), parts.String(), "", "", total.String()},
		Empty:  d.T("form.workorder.no_estimate_lines"),
		Size:   9,
	}
}

// minutesText writes a duration in minutes as hours and minutes.
func minutesText(d *Doc, m int) string {
	h, mm := m/60, m%60
	switch {
	case h == 0:
		return fmt.Sprintf(d.T("form.workorder.d_min"), mm)
	case mm == 0:
		return fmt.Sprintf(d.T("form.workorder.d_h"), h)
	}
	return fmt.Sprintf(d.T("form.workorder.d_h_d"), h, mm)
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
	d := e.visitDoc(st, &r, lang, titleOf("form.title.additional"))
	promised := ""
	if v.WorkOrder != nil {
		promised = d.stamp(v.WorkOrder.PromisedAt)
	}
	d.Fields(2, append(d.customerFields(&r, true),
		Field{Label: d.T("form.workorder.work_order"), Value: VisitNo(*v)},
		Field{Label: d.T("form.workorder.delivery_now"), Value: dash(promised)},
	)...)
	d.Space(3)
	d.Heading(d.T("form.workorder.additional_work"), 22)
	var rows [][]string
	var approved fo.Money
	for _, a := range v.Additional {
		reason := a.Reason
		if a.Safety {
			reason = d.T("form.workorder.safety") + reason
		}
		answer := fo.WorkAnswer(a.Status).Label(d.Lang())
		switch {
		case a.Signature.Signed():
			// INT-4, INT-6: approved by the customer themselves (in
			// Telegram with one tap, or on the pad), with the time.
			answer += "\n" + strings.TrimSpace(d.T("form.sign.via."+a.Signature.Via, "")) + "\n" + d.stamp(a.Signature.At)
		case !a.AnsweredAt.IsZero():
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
			{Title: d.T("form.no"), Width: 0.55, Align: Center},
			{Title: d.T("form.workorder.work"), Width: 1.5},
			{Title: d.T("form.workorder.why"), Width: 2},
			{Title: d.T("form.workorder.price"), Width: 0.95, Align: Right},
			{Title: d.T("form.workorder.extra_time"), Width: 0.85},
			{Title: d.T("form.workorder.new_delivery"), Width: 1.1},
			{Title: d.T("form.workorder.customer_s_answer"), Width: 1.5},
		},
		Rows:   rows,
		Footer: []string{"", d.T("form.workorder.approved_total"), "", approved.String(), "", "", ""},
		Size:   9,
	})
	d.Space(3)
	d.Paragraph(d.T("form.workorder.additional_work_explained"),
		Style{Size: 9, Muted: true})
	d.Space(4)
	d.Signatures(d.T("form.workorder.sign.customer"), d.T("form.workorder.service_advisor"), d.T("form.workorder.sign.workshop"))
	return d.Bytes()
}
