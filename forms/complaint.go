package forms

import (
	fo "frontoffice"
)

// ComplaintReceipt prints the receipt of a registered complaint (CMP-1) in
// lang: its ticket number, large and as a QR code, when and how it came,
// its category, what the customer said, and — CMP-2 — by when the shop
// answers; once answered, the answer, the resolution and the customer's
// verdict (CMP-4). It returns the PDF, or an error only when the PDF
// cannot be made.
func (e *Engine) ComplaintReceipt(st *fo.Settings, c fo.Complaint, lang fo.Lang) ([]byte, error) {
	d := e.NewDoc(DocOptions{Lang: lang, Shop: ShopOf(st, lang), Title: titleOf("form.title.complaint"),
		Number: c.Ticket, Loc: st.Location()})
	category := fo.Texts.T(lang, "cmp.cat."+c.Category)
	if c.Major {
		category += d.T("form.complaint.major_handled_first")
	}
	fields := []Field{
		{Label: d.T("form.complaint.ticket"), Value: c.Ticket, Strong: true},
		{Label: d.T("form.complaint.filed"), Value: d.stamp(c.FiledAt)},
		{Label: d.T("form.complaint.channel"), Value: fo.Channel(c.Channel).Label(lang)},
		{Label: d.T("form.complaint.about"), Value: category},
		{Label: d.T("form.complaint.customer"), Value: dash(c.CustomerName)},
	}
	if c.Plate != "" {
		fields = append(fields, Field{Label: d.T("form.plate"), Value: fo.FormatPlate(c.Plate)})
	}
	// CMP-2: the time of the answer, told at filing.
	fields = append(fields,
		Field{Label: d.T("form.complaint.we_answer"), Value: d.stamp(c.FirstDueAt), Strong: true},
		Field{Label: d.T("form.complaint.status"), Value: c.Status.Label(lang)},
	)
	const qrSize, gap = 34.0, 5.0
	top := d.Y() + 1
	d.Space(1)
	d.QR(PageWidth-MarginRight-qrSize, top, qrSize, c.Ticket)
	caption := d.T("form.complaint.quote_ticket_number")
	d.Text(PageWidth-MarginRight-qrSize/2-d.Width(caption, 7.5, false)/2, top+qrSize+3, caption, 7.5, false)
	d.FieldsAt(MarginLeft, ContentWidth-qrSize-gap, 1, fields...)
	d.Space(max(0, top+qrSize+6-d.Y()))
	d.Space(2)

	d.Heading(d.T("form.complaint.what_customer_told"), 14)
	d.Fields(1, Field{Label: d.T("form.complaint.complaint"), Value: c.Text, Lines: 2})
	d.Space(3)
	if c.Answer != "" || c.Resolution != "" || c.Verdict != "" {
		d.Heading(d.T("form.complaint.outcome"), 14)
		var out []Field
		if c.Answer != "" {
			out = append(out, Field{Label: d.T("form.complaint.answer"), Value: c.Answer + "\n" + d.stamp(c.AnsweredAt)})
		}
		if c.Resolution != "" {
			out = append(out, Field{Label: d.T("form.complaint.resolution"), Value: c.Resolution})
		}
		if c.Verdict != "" {
			v := d.T("form.complaint.satisfied")
			if c.Verdict != fo.VerdictSatisfied {
				v = d.T("form.complaint.not_satisfied")
			}
			out = append(out, Field{Label: d.T("form.complaint.customer_s_verdict"), Value: v}) // CMP-4
		}
		d.Fields(1, out...)
		d.Space(3)
	}
	d.Paragraph(d.T("form.complaint.registered", d.stamp(c.FirstDueAt), st.Shop.Phone, c.Ticket),
		Style{Size: 10})
	d.Space(5)
	d.Signatures(d.T("form.complaint.received_by"), d.T("form.complaint.customer"))
	return d.Bytes()
}
