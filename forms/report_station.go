package forms

import (
	"strconv"

	fo "frontoffice"
)

// networkSection prints the service network's figures of a report
// (REP-1, NET-2, NET-3): per station and in total, the jobs reported, the
// complaints routed to the station with those answered by their deadline,
// and the claims settled with the amount paid. Nothing when the shop has
// no stations.
func (e *Engine) networkSection(d *Doc, n fo.NetworkStats) {
	if len(n.Stations) == 0 {
		return
	}
	d.Space(2)
	d.Heading(d.T("form.report.network"), 30)
	itoa := strconv.Itoa
	var rows [][]string
	for _, s := range n.Stations {
		rows = append(rows, []string{s.Code + " " + s.Name, itoa(s.Jobs), itoa(s.Complaints), itoa(s.AnsweredInTime),
			itoa(s.ClaimsSettled), s.Paid.String()})
	}
	t := n.Total
	d.Table(Table{
		Columns: []Column{
			{Title: d.T("form.net.station"), Width: 2.6},
			{Title: d.T("form.net.jobs"), Width: 1, Align: Right},
			{Title: d.T("form.net.complaints"), Width: 1, Align: Right},
			{Title: d.T("form.net.in_time"), Width: 1, Align: Right},
			{Title: d.T("form.net.claims_settled"), Width: 1.1, Align: Right},
			{Title: d.T("form.report.network_paid"), Width: 1.3, Align: Right},
		},
		Rows:   rows,
		Footer: []string{d.T("form.total"), itoa(t.Jobs), itoa(t.Complaints), itoa(t.AnsweredInTime), itoa(t.ClaimsSettled), t.Paid.String()},
		Size:   9,
	})
}

func init() {
	for k, v := range (fo.Catalog{
		"form.report.network":      {Zh: "服务网点", En: "Service stations"},
		"form.report.network_paid": {Zh: "结算金额", En: "Paid"},
	}) {
		if _, dup := Texts[k]; dup {
			panic("forms: key " + k + " defined twice")
		}
		Texts[k] = v
	}
}
