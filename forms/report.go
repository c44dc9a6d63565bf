package forms

import (
	"fmt"
	"strconv"
	"strings"

	fo "frontoffice"
)

var reportTitles = map[fo.ReportKind]string{
	fo.ReportDaily:   "form.title.report.daily",
	fo.ReportWeekly:  "form.title.report.weekly",
	fo.ReportMonthly: "form.title.report.monthly",
	fo.ReportYearly:  "form.title.report.yearly",
}

// BusinessReport prints the business statistics 业务统计表 of b (REP-1) in
// lang: the period and when the figures were taken; the vehicles received,
// delivered and declined; revenue, payments, receivables, discounts and
// fees; the appointments kept, missed and pending; the vehicles and revenue
// by service category and the vehicles by vehicle type, as tables and bar
// charts; for a week or a month, every day's vehicles and revenue; and the
// after-sales figures (REP-3, FU-8): follow-up calls in their window,
// complaints answered by their deadline (CMP-2) and the survey averages.
// A period with no records says so. Every figure is b's, never estimated.
func (e *Engine) BusinessReport(st *fo.Settings, b fo.BusinessStats, lang fo.Lang) ([]byte, error) {
	loc := st.Location()
	title, ok := reportTitles[b.Kind]
	if !ok {
		return nil, fmt.Errorf("forms: unknown report kind %q", b.Kind)
	}
	from := b.From.In(loc)
	last := b.To.In(loc).AddDate(0, 0, -1)
	d := e.NewDoc(DocOptions{Lang: lang, Shop: ShopOf(st, lang), Title: titleOf(title), Loc: loc, Issued: b.AsOf,
		Number: "R" + from.Format("20060102") + "-" + strings.ToUpper(string(b.Kind[:1]))})

	period := from.Format("2006-01-02")
	if b.Kind != fo.ReportDaily {
		period += d.T("form.range_to") + last.Format("2006-01-02")
	} else {
		period += " " + fo.Texts.T(lang, "wd."+strconv.Itoa(int(from.Weekday())))
	}
	d.Fields(2,
		Field{Label: d.T("form.report.period"), Value: period},
		Field{Label: d.T("form.report.figures_as"), Value: d.stamp(b.AsOf)},
	)
	d.Space(2)
	if b.Empty() {
		none := map[fo.ReportKind]string{
			fo.ReportDaily:   "form.report.none.daily",
			fo.ReportWeekly:  "form.report.none.weekly",
			fo.ReportMonthly: "form.report.none.monthly",
			fo.ReportYearly:  "form.report.none.yearly",
		}[b.Kind]
		d.Paragraph(d.T(none), Style{Size: 11, Bold: true})
		d.Space(2)
	}

	// REP-1: vehicles, money, appointments.
	d.Heading(d.T("form.report.key_figures"), 40)
	n := strconv.Itoa
	d.Fields(4,
		Field{Label: d.T("form.report.received"), Value: n(b.Received), Strong: true},
		Field{Label: d.T("form.report.delivered"), Value: n(b.Delivered), Strong: true},
		Field{Label: d.T("form.report.declined"), Value: n(b.Declined)},
		Field{Label: d.T("form.report.bills"), Value: n(b.Settlements)},
	)
	d.Fields(2,
		Field{Label: d.T("form.report.revenue"), Value: b.Revenue.String(), Strong: true},
		Field{Label: d.T("form.report.collected"), Value: b.Collected.String() + d.T("form.report.deposits_inline", b.Deposits)},
		Field{Label: d.T("form.report.receivables"), Value: b.Receivables.String() + d.T("form.report.count_inline", b.Owing), Strong: true},
		Field{Label: d.T("form.report.discounts"), Value: b.Discounts.String() + d.T("form.report.count_inline", b.Discounted)},
		Field{Label: d.T("form.report.billed"), Value: b.Amount.String()},
		Field{Label: d.T("form.report.fees"), Value: b.Fees.String()},
	)
	d.Fields(4,
		Field{Label: d.T("form.report.booked"), Value: n(b.Appointments)},
		Field{Label: d.T("form.report.kept"), Value: n(b.Kept)},
		Field{Label: d.T("form.report.missed"), Value: n(b.Missed)},
		Field{Label: d.T("form.report.pending"), Value: n(b.Pending)},
	)
	d.Paragraph(d.T("form.report.revenue_period_s"),
		Style{Size: 8, Muted: true})
	d.Space(3)

	// A period with no records has no breakdown to show.
	if !b.Empty() {
		// REP-1: by service category.
		d.Heading(d.T("form.report.service_category"), 30)
		var rows [][]string
		var vehBars, revBars []Bar
		for _, t := range b.ByService {
			name := serviceName(st, t.Key, lang)
			if t.Key == "" {
				name = d.T("form.report.no_service_given")
			}
			rows = append(rows, []string{name, n(t.Vehicles), t.Revenue.String()})
			vehBars = append(vehBars, Bar{Label: name, Value: float64(t.Vehicles)})
			revBars = append(revBars, Bar{Label: name, Value: float64(t.Revenue) / 100, Text: t.Revenue.String()})
		}
		d.Table(Table{
			Columns: []Column{{Title: d.T("form.report.service"), Width: 3}, {Title: d.T("form.report.vehicles"), Width: 1, Align: Right},
				{Title: d.T("form.report.revenue"), Width: 1.4, Align: Right}},
			Rows:   rows,
			Footer: []string{d.T("form.total"), n(b.Received), b.Revenue.String()},
			Size:   9.5,
		})
		d.Space(2)
		d.BarChart(BarChart{Title: d.T("form.report.vehicles_service_category"), Bars: vehBars, Empty: d.T("form.report.no_vehicles_period")})
		// The days of a week or a month.
		if len(b.Days) > 0 {
			var dayBars []Bar
			for _, dt := range b.Days {
				day := dt.Day.In(loc)
				label := day.Format("01-02") + " " + fo.Texts.T(lang, "wd."+strconv.Itoa(int(day.Weekday())))
				if b.Kind == fo.ReportYearly {
					label = day.Format("2006-01")
				}
				dayBars = append(dayBars, Bar{Label: label, Value: float64(dt.Revenue) / 100,
					Text: dt.Revenue.String() + d.T("form.report.day_vehicles", n(dt.Received))})
			}
			title := d.T("form.report.revenue_per_day")
			if b.Kind == fo.ReportYearly {
				title = d.T("form.report.revenue_per_month")
			}
			d.BarChart(BarChart{Title: title, Bars: dayBars, Dense: true,
				Empty: d.T("form.report.no_settlements_period")})
		}

		d.BarChart(BarChart{Title: d.T("form.report.revenue_service_category"), Bars: revBars, Empty: d.T("form.report.no_settlements_period")})

		// REP-1: by vehicle type.
		var typeBars []Bar
		for _, t := range b.ByType {
			name := fo.VehicleType(t.Key).Label(d.Lang())
			typeBars = append(typeBars, Bar{Label: name, Value: float64(t.Vehicles)})
		}
		d.BarChart(BarChart{Title: d.T("form.report.vehicles_type"), Bars: typeBars, Dense: true, Empty: d.T("form.report.no_vehicles_period")})

		d.BarChart(BarChart{Title: d.T("form.report.appointments_kept_missed"), Bars: []Bar{
			{Label: d.T("form.report.kept"), Value: float64(b.Kept)},
			{Label: d.T("form.report.missed"), Value: float64(b.Missed)},
			{Label: d.T("form.report.pending"), Value: float64(b.Pending)},
		}, Dense: true, Empty: d.T("form.report.no_appointments_period")})
	}
	e.afterSalesSection(d, b.AfterSales, !b.Empty())
	e.networkSection(d, b.Network) // NET-2, NET-3: report_station.go

	d.Space(4)
	d.Signatures(d.T("form.report.prepared"), d.T("form.report.reviewed_supervisor"))
	return d.Bytes()
}

// afterSalesSection prints the after-sales figures (REP-3, FU-8).
// With charts false only the figures are printed.
func (e *Engine) afterSalesSection(d *Doc, a fo.MonthlySummary, charts bool) {
	n := strconv.Itoa
	pct := func(part, whole int) string {
		if whole == 0 {
			return n(part)
		}
		return fmt.Sprintf("%d (%d%%)", part, (part*100+whole/2)/whole)
	}
	d.Heading(d.T("form.report.after_sales_follow"), 40)
	d.Fields(4,
		Field{Label: d.T("form.report.calls_due"), Value: n(a.CallsDue)},
		Field{Label: d.T("form.report.window"), Value: pct(a.CallsDoneInWindow, a.CallsDue)},
		Field{Label: d.T("form.report.calls_missed"), Value: n(a.CallsMissed)},
		Field{Label: d.T("form.report.still_open"), Value: n(a.CallsOpen)},
		Field{Label: d.T("form.report.complaints"), Value: n(a.Complaints)},
		Field{Label: d.T("form.report.answered_time"), Value: pct(a.AnsweredInTime, a.Complaints)},
		Field{Label: d.T("form.report.satisfied_not"), Value: n(a.Satisfied) + " / " + n(a.Dissatisfied)},
		Field{Label: d.T("form.report.open"), Value: n(a.StillOpen)},
		Field{Label: d.T("form.report.surveys"), Value: n(a.Surveys)},
		Field{Label: d.T("form.report.low_scores"), Value: n(a.LowSurveys)},
	)
	d.Paragraph(d.T("form.report.calls_due_first"),
		Style{Size: 8, Muted: true})
	d.Space(2)
	if !charts {
		return
	}
	var cats []Bar
	for _, c := range fo.ComplaintCategories {
		cats = append(cats, Bar{Label: fo.Texts.T(d.Lang(), "cmp.cat."+c), Value: float64(a.ByCategory[c])})
	}
	d.BarChart(BarChart{Title: d.T("form.report.complaints_category"), Bars: cats, Dense: true, Empty: d.T("form.report.no_complaints_period")})
	q := []string{"form.report.survey.overall", "form.report.survey.work", "form.report.survey.on_time", "form.report.survey.staff"}
	var avgs []Bar
	if a.Surveys > 0 {
		for i, p := range q {
			avgs = append(avgs, Bar{Label: d.T(p), Value: a.SurveyAverages[i], Text: fmt.Sprintf("%.2f / 5", a.SurveyAverages[i])})
		}
	}
	d.BarChart(BarChart{Title: d.T("form.report.survey_averages_out"), Bars: avgs, Max: 5, Dense: true, Empty: d.T("form.report.no_surveys_answered")})
}
