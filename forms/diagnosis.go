package forms

import (
	"strconv"

	fo "frontoffice"
)

// Diagnosis prints the diagnosis report 汽车检测诊断报告单 of a visit
// (INT-1) in lang: the customer and vehicle, what the customer came for,
// the customer's consent to the diagnosis (none is made without it), the
// findings, and the work the estimate proposes from them; boxes for the
// technician's and the customer's signatures. A visit whose latest
// estimate has no diagnosis is an ECONFLICT *Error.
func (e *Engine) Diagnosis(st *fo.Settings, r VisitRecord, lang fo.Lang) ([]byte, error) {
	v := &r.Visit
	est := v.CurrentEstimate()
	if est == nil || !est.DiagnosisConsent || est.Diagnosis == "" {
		return nil, notAllowed("visit %d has no diagnosis", v.ID)
	}
	d := e.visitDoc(st, &r, lang, titleOf("form.title.diagnosis"))
	d.Fields(2, append(d.customerFields(&r, true),
		Field{Label: d.T("form.checked_in"), Value: d.stamp(v.CheckedInAt) + "  " + v.QueueNo},
		Field{Label: d.T("form.diagnosis.made"), Value: d.stamp(est.CreatedAt)},
	)...)
	d.Space(2)
	d.Fields(2,
		Field{Label: d.T("form.workorder.purpose"), Value: est.Purpose, Span: 2},
		Field{Label: d.T("form.diagnosis.consent"), Value: d.T("form.workorder.customer_agrees_diagnosis"), Span: 2}, // INT-1
	)
	d.Space(2)
	d.Heading(d.T("form.diagnosis.findings"), 22)
	d.Paragraph(est.Diagnosis, Style{Size: 10.5, Indent: 3})
	d.Space(3)
	d.Heading(d.T("form.diagnosis.proposed"), 22)
	var rows [][]string
	for i, l := range est.Lines {
		rows = append(rows, []string{strconv.Itoa(i + 1), l.Description, fo.PriceMode(l.Mode).Label(d.Lang()), l.Total().String()})
	}
	d.Table(Table{
		Columns: []Column{
			{Title: d.T("form.no"), Width: 0.5, Align: Center},
			{Title: d.T("form.item"), Width: 3.5},
			{Title: d.T("form.workorder.pricing"), Width: 1},
			{Title: d.T("form.workorder.total"), Width: 1.1, Align: Right},
		},
		Rows:   rows,
		Footer: []string{"", d.T("form.total"), "", est.Total().String()},
		Size:   9.5,
	})
	d.Space(3)
	d.Paragraph(d.T("form.diagnosis.note"), Style{Size: 9, Muted: true})
	d.Space(4)
	d.Signatures(d.T("form.diagnosis.technician"), d.T("form.sign.customer"))
	return d.Bytes()
}
