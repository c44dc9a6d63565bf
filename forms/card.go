package forms

import (
	"strconv"
	"strings"

	fo "frontoffice"
)

// ServiceCard prints the after-sales service card 售后服务卡 that a customer
// gets on delivery (DEL-3: the quality guarantee is handed over) in lang:
// the customer (phone masked: the card travels), the vehicle, the
// delivery, the work done with its parts and whether each is guaranteed
// (INT-2), the guarantee terms, the next maintenance date, the hotline, and
// a QR code of link — what the customer can open again: the shop's
// Telegram bot (https://t.me/<bot>) when the bot runs, or, when link is
// empty, the hotline as a tel: link that a phone offers to call. A visit
// not delivered is an ECONFLICT *Error.
func (e *Engine) ServiceCard(st *fo.Settings, r VisitRecord, lang fo.Lang, link string) ([]byte, error) {
	v := &r.Visit
	if v.Status != fo.VisitDelivered {
		return nil, notAllowed("visit %d is not delivered", v.ID)
	}
	d := e.visitDoc(st, &r, lang, titleOf("form.title.card"))
	caption := d.T("form.card.scan_open_shop")
	if link == "" {
		link = "tel:" + telDigits(st.Shop.Phone)
		caption = d.T("form.card.scan_call_after")
	}

	odo := ""
	if v.WorkOrder != nil {
		odo = km(v.WorkOrder.Odometer)
	}
	const qrSize, gap = 36.0, 5.0
	top := d.Y() + 1
	d.Space(1)
	d.QR(PageWidth-MarginRight-qrSize, top, qrSize, link)
	capLines := d.wrap(caption, qrSize+6, 7.5, false)
	for i, l := range capLines {
		d.Text(PageWidth-MarginRight-qrSize/2-d.Width(l, 7.5, false)/2, top+qrSize+3+float64(i)*lineHeight(7.5), l, 7.5, false)
	}
	fields := append(d.customerFields(&r, false),
		Field{Label: d.T("form.service"), Value: dash(serviceName(st, v.ServiceID, lang))},
		Field{Label: d.T("form.card.delivered"), Value: d.date(v.DeliveredAt)},
		Field{Label: d.T("form.card.odometer"), Value: dash(odo)},
		Field{Label: d.T("form.card.hotline"), Value: st.Shop.Phone, Strong: true},
	)
	d.FieldsAt(MarginLeft, ContentWidth-qrSize-gap, 1, fields...)
	d.Space(max(0, top+qrSize+4+float64(len(capLines))*lineHeight(7.5)-d.Y()))
	d.Space(2)

	d.Heading(d.T("form.card.work_done"), 20)
	var rows [][]string
	var lines []fo.EstimateLine
	if v.WorkOrder != nil {
		lines = v.WorkOrder.Lines
	}
	for i, l := range lines {
		rows = append(rows, []string{strconv.Itoa(i + 1), l.Description, d.partsText(l), d.guaranteeText(l)})
	}
	for _, a := range v.Additional {
		if a.Status == fo.AddApproved {
			rows = append(rows, []string{strconv.Itoa(len(rows) + 1), a.Description + d.T("form.card.additional"), "—", d.T("form.guaranteed")})
		}
	}
	d.Table(Table{
		Columns: []Column{
			{Title: d.T("form.no"), Width: 0.55, Align: Center},
			{Title: d.T("form.card.work"), Width: 3},
			{Title: d.T("form.card.parts"), Width: 1.5},
			{Title: d.T("form.card.guarantee"), Width: 1.1},
		},
		Rows:  rows,
		Empty: d.T("form.card.no_work_recorded"),
		Size:  9.5,
	})
	d.Space(3)

	d.Heading(d.T("form.card.guarantee_terms"), 20)
	terms := []string{
		d.T("form.card.guarantee_months", st.Guarantee()),
		d.T("form.card.parts_brought_customer"),
		d.T("form.card.problem_call", st.Shop.Phone),
		d.T("form.card.please_keep_maintenance"),
	}
	for i, t := range terms {
		terms[i] = strconv.Itoa(i+1) + ". " + t
	}
	d.Paragraph(strings.Join(terms, "\n"), Style{Size: 9.5, Indent: 3})
	d.Space(3)

	d.Heading(d.T("form.card.maintenance"), 12)
	next := d.T("form.card.to_be_agreed")
	if !r.Vehicle.NextMaintenance.IsZero() {
		next = d.date(r.Vehicle.NextMaintenance)
	}
	maint := []Field{{Label: d.T("form.card.next_maintenance"), Value: next, Strong: true}}
	if n := r.Vehicle.MaintIntervalDays; n > 0 {
		maint = append(maint, Field{Label: d.T("form.card.interval"), Value: strconv.Itoa(n) + d.T("form.card.days")})
	}
	d.Fields(2, maint...)
	d.Space(4)
	d.Paragraph(d.T("form.card.thanks", st.ShopName(lang)),
		Style{Size: 10, Bold: true, Align: Center})
	return d.Bytes()
}

// telDigits keeps the digits (and a leading +) of a phone number for a
// tel: link.
func telDigits(s string) string {
	var b strings.Builder
	for i, r := range s {
		if r >= '0' && r <= '9' || (r == '+' && i == 0) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
