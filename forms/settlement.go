package forms

import (
	"strconv"

	fo "frontoffice"
)

// Settlement prints the settlement 安装服务结算单 of a visit (DEL-3) in lang:
// the customer and vehicle, the work order's lines (the agreed estimate's)
// and the approved additional work, the amount, the discount with its
// reason and the supervisor who granted it (DEL-3: discounts go to the
// supervisor), what is due, the deposit paid before with when and who
// took it (APT-2) and what was left to pay, what was paid and still owed, who settled it and when, the handover list of DEL-3 to
// tick, and boxes for the customer's and the cashier's signatures. A visit
// without a settlement is an ECONFLICT *Error.
func (e *Engine) Settlement(st *fo.Settings, r VisitRecord, lang fo.Lang) ([]byte, error) {
	v := &r.Visit
	s := v.Settlement
	if s == nil {
		return nil, notAllowed("visit %d is not settled", v.ID)
	}
	d := e.visitDoc(st, &r, lang, titleOf("form.title.settlement"))
	d.Fields(2, append(d.customerFields(&r, true),
		Field{Label: d.T("form.checked_in"), Value: d.stamp(v.CheckedInAt)},
		Field{Label: d.T("form.settlement.settled"), Value: d.stamp(s.At)},
	)...)
	d.Space(3)

	// DEL-3: every number explained — the work's lines (the agreed
	// estimate's, on the work order), the approved additional work, the
	// deposit paid before (APT-2).
	d.Heading(d.T("form.settlement.details"), 22)
	var rows [][]string
	bill := fo.VisitBill(v)
	var total fo.Money
	if v.Status == fo.VisitLeft {
		rows = append(rows, []string{"1", d.T("form.settlement.diagnosis_estimate_fee"), "", "", s.Amount.String()})
		total = s.Amount
	} else {
		if v.WorkOrder != nil {
			for _, l := range v.WorkOrder.Lines {
				rows = append(rows, []string{strconv.Itoa(len(rows) + 1), l.Description, l.Labor.String(), l.Parts.String(), l.Total().String()})
			}
		}
		for _, l := range bill.Lines {
			if l.Kind == fo.BillLineAdditional {
				rows = append(rows, []string{strconv.Itoa(len(rows) + 1), l.Description + d.T("form.settlement.additional"), "", "", l.Amount.String()})
			}
		}
		total = bill.Total()
	}
	d.Table(Table{
		Columns: []Column{
			{Title: d.T("form.no"), Width: 0.55, Align: Center},
			{Title: d.T("form.item"), Width: 3},
			{Title: d.T("form.labour"), Width: 1, Align: Right},
			{Title: d.T("form.parts"), Width: 1, Align: Right},
			{Title: d.T("form.settlement.amount"), Width: 1.1, Align: Right},
		},
		Rows:   rows,
		Footer: []string{"", d.T("form.settlement.total_lines"), "", "", total.String()},
		Empty:  d.T("form.settlement.no_lines"),
		Size:   9.5,
	})
	d.Space(3)

	discount := s.Discount.String()
	if s.Discount > 0 {
		if s.DiscountReason != "" {
			discount += d.T("form.settlement.discount_reason", s.DiscountReason)
		}
		if s.DiscountBy != "" {
			discount += d.T("form.settlement.approved_by", d.staffName(st, s.DiscountBy))
		}
	}
	fields := []Field{
		{Label: d.T("form.settlement.billed"), Value: s.Amount.String()},
		{Label: d.T("form.settlement.discount"), Value: discount},
		{Label: d.T("form.settlement.due"), Value: s.Due().String(), Strong: true},
	}
	if s.Deposit > 0 || v.Deposit != nil {
		dep := s.Deposit.String()
		if v.Deposit != nil {
			dep += d.T("form.settlement.deposit_paid", d.stamp(v.Deposit.PaidAt), d.staffName(st, v.Deposit.By))
		}
		fields = append(fields,
			Field{Label: d.T("form.settlement.deposit"), Value: dep},
			Field{Label: d.T("form.settlement.to_pay"), Value: s.ToPay().String(), Strong: true})
	}
	fields = append(fields,
		Field{Label: d.T("form.settlement.paid"), Value: s.Paid.String(), Strong: true},
		Field{Label: d.T("form.settlement.still_owed"), Value: s.Receivable().String()},
		Field{Label: d.T("form.settlement.cashier"), Value: d.staffName(st, s.By)},
	)
	d.Fields(2, fields...)
	d.Space(4)

	if v.Status == fo.VisitDelivered {
		// DEL-3: what is handed over with the vehicle.
		d.Heading(d.T("form.settlement.handed_over_customer"), 14)
		d.Checklist(3,
			Check{Label: d.T("form.settlement.exit_notice")}, Check{Label: d.T("form.settlement.work_order")},
			Check{Label: d.T("form.settlement.settlement")}, Check{Label: d.T("form.settlement.service_card_guarantee")},
			Check{Label: d.T("form.settlement.vehicle_documents")}, Check{Label: d.T("form.settlement.keys")},
		)
		d.Space(3)
	}
	// DEL-3, INT-4: the customer's signature taken at handover (the
	// store hands nothing over without it); a settlement from before
	// signatures were taken, or of a visit that left, has a line to sign.
	customer := SignatureBox{Label: d.T("form.sign.customer")}
	if s.Signature.Signed() {
		customer.Sig = &s.Signature
	}
	d.SignatureBoxes(customer, SignatureBox{Label: d.T("form.settlement.cashier")})
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
	d := e.visitDoc(st, &r, lang, titleOf("form.title.exit"))
	plate := fo.FormatPlate(dash2(r.Vehicle.Plate, v.Plate))
	fields := d.customerFields(&r, false)
	if v.WorkOrder != nil {
		fields = append(fields, Field{Label: d.T("form.settlement.key_number"), Value: v.WorkOrder.KeyNo})
	}
	var text string
	s := v.Settlement
	if v.Status == fo.VisitDelivered {
		fields = append(fields, Field{Label: d.T("form.settlement.leaves"), Value: d.stamp(v.DeliveredAt)})
		text = d.T("form.settlement.exit_done", plate)
	} else {
		fields = append(fields, Field{Label: d.T("form.settlement.leaves"), Value: d.stamp(v.LeftAt)})
		text = d.T("form.settlement.exit_left", plate)
	}
	if s != nil {
		owed := ""
		if s.Receivable() > 0 {
			owed = d.T("form.settlement.owed_inline") + s.Receivable().String()
		}
		label := d.T("form.settlement.settled_inline")
		if v.Status == fo.VisitLeft {
			label = d.T("form.settlement.diagnosis_estimate_fee")
		}
		fields = append(fields, Field{Label: label, Value: d.T("form.settlement.due_inline") + s.Due().String() + d.T("form.settlement.paid_inline") + s.Paid.String() + owed, Span: 2})
	} else if v.Status == fo.VisitLeft {
		fields = append(fields, Field{Label: d.T("form.settlement.diagnosis_estimate_fee"), Value: d.T("form.settlement.none"), Span: 2})
	}
	d.Fields(2, fields...)
	d.Space(4)
	d.Paragraph(text, Style{Size: 11, Bold: true})
	if v.Status == fo.VisitLeft {
		if reason := lastLine(v.Concern); reason != "" {
			d.Space(1)
			d.Paragraph(d.T("form.settlement.note")+reason, Style{Size: 9.5})
		}
	}
	d.Space(5)
	d.Signatures(d.T("form.settlement.cashier"), d.T("form.sign.customer"), d.T("form.settlement.gate"))
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
