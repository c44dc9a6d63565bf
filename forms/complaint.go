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
	d := e.NewDoc(DocOptions{Lang: lang, Shop: ShopOf(st, lang), Title: Title{Zh: "客户投诉受理单", En: "Complaint Receipt"},
		Number: c.Ticket, Loc: st.Location()})
	category := fo.Texts.T(lang, "cmp.cat."+c.Category)
	if c.Major {
		category += d.T("（重大，优先处理）", " (major: handled first)")
	}
	fields := []Field{
		{Label: d.T("受理编号", "Ticket"), Value: c.Ticket, Strong: true},
		{Label: d.T("受理时间", "Filed"), Value: d.stamp(c.FiledAt)},
		{Label: d.T("投诉渠道", "Received by"), Value: d.pick(channels, c.Channel)},
		{Label: d.T("投诉类别", "About"), Value: category},
		{Label: d.T("客户", "Customer"), Value: dash(c.CustomerName)},
	}
	if c.Plate != "" {
		fields = append(fields, Field{Label: d.T("车牌号", "Plate"), Value: fo.FormatPlate(c.Plate)})
	}
	// CMP-2: the time of the answer, told at filing.
	fields = append(fields,
		Field{Label: d.T("答复期限", "We answer by"), Value: d.stamp(c.FirstDueAt), Strong: true},
		Field{Label: d.T("处理状态", "Status"), Value: d.pick(complaintStatuses, string(c.Status))},
	)
	const qrSize, gap = 34.0, 5.0
	top := d.Y() + 1
	d.Space(1)
	d.QR(PageWidth-MarginRight-qrSize, top, qrSize, c.Ticket)
	caption := d.T("查询时请出示受理编号", "Quote this ticket number")
	d.Text(PageWidth-MarginRight-qrSize/2-d.Width(caption, 7.5, false)/2, top+qrSize+3, caption, 7.5, false)
	d.FieldsAt(MarginLeft, ContentWidth-qrSize-gap, 1, fields...)
	d.Space(max(0, top+qrSize+6-d.Y()))
	d.Space(2)

	d.Heading(d.T("投诉内容", "What the customer told us"), 14)
	d.Fields(1, Field{Label: d.T("内容", "Complaint"), Value: c.Text, Lines: 2})
	d.Space(3)
	if c.Answer != "" || c.Resolution != "" || c.Verdict != "" {
		d.Heading(d.T("处理结果", "Outcome"), 14)
		var out []Field
		if c.Answer != "" {
			out = append(out, Field{Label: d.T("答复", "Answer"), Value: c.Answer + "\n" + d.stamp(c.AnsweredAt)})
		}
		if c.Resolution != "" {
			out = append(out, Field{Label: d.T("解决方案", "Resolution"), Value: c.Resolution})
		}
		if c.Verdict != "" {
			v := d.T("满意", "Satisfied")
			if c.Verdict != fo.VerdictSatisfied {
				v = d.T("不满意", "Not satisfied")
			}
			out = append(out, Field{Label: d.T("客户评价", "Customer's verdict"), Value: v}) // CMP-4
		}
		d.Fields(1, out...)
		d.Space(3)
	}
	d.Paragraph(d.T(
		"您的投诉已登记。我们将于 "+d.stamp(c.FirstDueAt)+" 前答复您；如需补充情况，请致电 "+st.Shop.Phone+" 并告知受理编号 "+c.Ticket+"。处理完毕后我们会询问您是否满意。",
		"Your complaint is registered. We will answer you by "+d.stamp(c.FirstDueAt)+". To add anything, call "+st.Shop.Phone+" and quote ticket "+c.Ticket+". Once it is resolved we will ask whether you are satisfied."),
		Style{Size: 10})
	d.Space(5)
	d.Signatures(d.T("受理人", "Received by"), d.T("客户", "Customer"))
	return d.Bytes()
}
