package forms

import fo "frontoffice"

// Estimate prints the estimate 安装服务估价单 of a visit (INT-1, INT-2) in
// lang, as the desk put it to the customer before any work order: the
// customer and vehicle, the purpose, whether a diagnosis was made with the
// customer's consent, each line with its pricing mode, labour and parts,
// the parts' source and kind and whether it carries the quality guarantee,
// the statement of the lines that do not, the estimated duration, and the
// customer's decision — agreed or declined (with the reason), when and who
// recorded it, or "awaiting the customer's decision". Boxes for the
// customer's and the service advisor's signatures. A visit without an
// estimate is an ECONFLICT *Error.
func (e *Engine) Estimate(st *fo.Settings, r VisitRecord, lang fo.Lang) ([]byte, error) {
	v := &r.Visit
	est := v.CurrentEstimate()
	if est == nil {
		return nil, notAllowed("visit %d has no estimate", v.ID)
	}
	d := e.visitDoc(st, &r, lang, titleOf("form.title.estimate"))
	d.Fields(2, append(d.customerFields(&r, true),
		Field{Label: d.T("form.checked_in"), Value: d.stamp(v.CheckedInAt) + "  " + v.QueueNo},
		Field{Label: d.T("form.estimate.made"), Value: d.stamp(est.CreatedAt) + "  " + d.staffName(st, est.By)},
	)...)
	d.Space(2)
	diag := d.T("form.workorder.no_diagnosis_without")
	if est.DiagnosisConsent {
		diag = d.T("form.workorder.customer_agrees_diagnosis")
		if est.Diagnosis != "" {
			diag += d.T("form.estimate.see_diagnosis")
		}
	}
	fields := []Field{
		{Label: d.T("form.workorder.purpose"), Value: est.Purpose, Span: 2}, // INT-1
		{Label: d.T("form.workorder.diagnosis"), Value: diag, Span: 2},
	}
	if est.EstimatedMinutes > 0 {
		fields = append(fields, Field{Label: d.T("form.workorder.estimated_time"), Value: minutesText(d, est.EstimatedMinutes), Span: 2})
	}
	d.Fields(2, fields...)
	d.Space(2)

	// INT-2: the lines, their modes and parts, and the guarantee.
	d.Heading(d.T("form.workorder.estimate"), 22)
	d.Table(estimateTable(d, est.Lines))
	if note := d.noGuaranteeNote(est.Lines); note != "" {
		d.Space(1.5)
		d.Paragraph(note, Style{Size: 10, Bold: true})
	}
	d.Space(3)
	d.Paragraph(d.T("form.estimate.explained"), Style{Size: 9, Muted: true})
	d.Space(2)

	// INT-1: the customer's decision, recorded with its time.
	var decision string
	switch est.Status {
	case fo.EstimateAgreed:
		decision = d.T("form.estimate.agreed", d.stamp(est.DecidedAt), d.staffName(st, est.DecidedBy))
	case fo.EstimateDeclined:
		decision = d.T("form.estimate.declined", d.stamp(est.DecidedAt), d.staffName(st, est.DecidedBy))
		if est.DeclineReason != "" {
			decision += d.T("form.estimate.reason") + est.DeclineReason
		}
	default:
		decision = d.T("form.estimate.awaiting")
	}
	d.Fields(1, Field{Label: d.T("form.estimate.decision"), Value: decision, Strong: true})
	d.Space(4)
	d.Signatures(d.T("form.sign.customer"), d.T("form.workorder.service_advisor"))
	return d.Bytes()
}
