package forms

import (
	"strconv"
	"strings"

	fo "frontoffice"
)

// SettlementStatement prints a station's monthly settlement statement
// 服务网点费用结算单 (NET-2) in lang: the station and the month, every claim
// settled with its lines (labour by the labour-hour standards, parts,
// travel), the amount claimed and approved and the audit's reason, the
// totals, and boxes for the supervisor's, finance's and the station's
// signatures.
func (e *Engine) SettlementStatement(st *fo.Settings, set fo.StationSettlement, claims []fo.StationClaim, s fo.Station, lang fo.Lang) ([]byte, error) {
	d := e.NewDoc(DocOptions{Lang: lang, Shop: ShopOf(st, lang), Title: titleOf("form.title.station_settlement"),
		Number: set.No, Loc: st.Location(), Issued: set.At})
	d.Fields(3,
		Field{Label: d.T("form.net.station"), Value: s.Code + " " + s.Name, Span: 2},
		Field{Label: d.T("form.net.month"), Value: set.Month},
		Field{Label: d.T("form.net.settlement_no"), Value: set.No},
		Field{Label: d.T("form.net.settled_at"), Value: d.stamp(set.At)},
		Field{Label: d.T("form.net.claims"), Value: strconv.Itoa(len(claims))},
	)
	d.Space(3)
	var rows [][]string
	for _, c := range claims {
		var lines []string
		for _, l := range c.Lines {
			lines = append(lines, d.claimLine(l))
		}
		audit := d.T("form.net.status.approved")
		switch {
		case c.Status == fo.ClaimRefused:
			audit = d.T("form.net.status.refused")
		case c.Approved != c.Claimed:
			audit = d.T("form.net.status.adjusted")
		}
		if c.Reason != "" {
			audit += "：" + c.Reason
		}
		rows = append(rows, []string{c.No + "\n" + d.stamp(c.SubmittedAt), strings.Join(lines, "\n"),
			c.Claimed.String(), c.Approved.String(), audit})
	}
	d.Table(Table{
		Columns: []Column{
			{Title: d.T("form.net.claim_no"), Width: 1.2},
			{Title: d.T("form.net.lines"), Width: 3.2},
			{Title: d.T("form.net.claimed"), Width: 1, Align: Right},
			{Title: d.T("form.net.approved"), Width: 1, Align: Right},
			{Title: d.T("form.net.audit"), Width: 1.6},
		},
		Rows:   rows,
		Footer: []string{d.T("form.total"), "", set.Claimed.String(), set.Total.String(), ""},
		Size:   9,
	})
	d.Space(3)
	d.Fields(2,
		Field{Label: d.T("form.net.total_claimed"), Value: set.Claimed.String()},
		Field{Label: d.T("form.net.total_paid"), Value: set.Total.String(), Strong: true},
	)
	d.Space(2)
	d.Paragraph(d.T("form.net.settlement_note"), Style{Size: 9, Muted: true})
	d.Space(5)
	d.Signatures(d.T("form.report.reviewed_supervisor"), d.T("form.net.finance"), d.T("form.net.station_ack"))
	return d.Bytes()
}

// claimLine is a claim line as the statement prints it.
func (d *Doc) claimLine(l fo.ClaimLine) string {
	switch l.Kind {
	case fo.ClaimLabour:
		how := fo.Texts.T(d.Lang(), "net.claim.install")
		if l.Repair {
			how = fo.Texts.T(d.Lang(), "net.claim.repair")
		}
		return d.T("form.net.line.labour", l.Code, l.Text, how, l.Qty, l.Minutes, l.Amount.String())
	case fo.ClaimParts:
		return d.T("form.net.line.parts", l.Text, l.Amount.String())
	}
	return d.T("form.net.line.travel", l.Text, l.Amount.String())
}
