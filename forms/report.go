package forms

import (
	"fmt"
	"strconv"
	"strings"

	fo "frontoffice"
)

var reportTitles = map[fo.ReportKind]Title{
	fo.ReportDaily:   {Zh: "业务统计表（日报）", En: "Business Statistics — Daily"},
	fo.ReportWeekly:  {Zh: "业务统计表（周报）", En: "Business Statistics — Weekly"},
	fo.ReportMonthly: {Zh: "业务统计表（月报）", En: "Business Statistics — Monthly"},
	fo.ReportYearly:  {Zh: "业务统计表（年报）", En: "Business Statistics — Yearly"},
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
	d := e.NewDoc(DocOptions{Lang: lang, Shop: ShopOf(st, lang), Title: title, Loc: loc, Issued: b.AsOf,
		Number: "R" + from.Format("20060102") + "-" + strings.ToUpper(string(b.Kind[:1]))})

	period := from.Format("2006-01-02")
	if b.Kind != fo.ReportDaily {
		period += d.T(" 至 ", " to ") + last.Format("2006-01-02")
	} else {
		period += " " + fo.Texts.T(lang, "wd."+strconv.Itoa(int(from.Weekday())))
	}
	d.Fields(2,
		Field{Label: d.T("统计期间", "Period"), Value: period},
		Field{Label: d.T("数据截至", "Figures as of"), Value: d.stamp(b.AsOf)},
	)
	d.Space(2)
	if b.Empty() {
		none := map[fo.ReportKind]pair{
			fo.ReportDaily:   {"本日无业务数据：没有到店车辆、结算、预约及售后记录。", "No business recorded on this day: no vehicles, settlements, appointments or after-sales records."},
			fo.ReportWeekly:  {"本周无业务数据：没有到店车辆、结算、预约及售后记录。", "No business recorded this week: no vehicles, settlements, appointments or after-sales records."},
			fo.ReportMonthly: {"本月无业务数据：没有到店车辆、结算、预约及售后记录。", "No business recorded this month: no vehicles, settlements, appointments or after-sales records."},
			fo.ReportYearly:  {"本年无业务数据：没有到店车辆、结算、预约及售后记录。", "No business recorded this year: no vehicles, settlements, appointments or after-sales records."},
		}[b.Kind]
		d.Paragraph(d.word(none), Style{Size: 11, Bold: true})
		d.Space(2)
	}

	// REP-1: vehicles, money, appointments.
	d.Heading(d.T("主要指标", "Key figures"), 40)
	n := strconv.Itoa
	d.Fields(4,
		Field{Label: d.T("进厂台次", "Received"), Value: n(b.Received), Strong: true},
		Field{Label: d.T("交车台次", "Delivered"), Value: n(b.Delivered), Strong: true},
		Field{Label: d.T("未施工离店", "Declined"), Value: n(b.Declined)},
		Field{Label: d.T("结算笔数", "Bills"), Value: n(b.Settlements)},
	)
	d.Fields(2,
		Field{Label: d.T("营业收入", "Revenue"), Value: b.Revenue.String(), Strong: true},
		Field{Label: d.T("实收", "Collected"), Value: b.Collected.String()},
		Field{Label: d.T("应收账款", "Receivables"), Value: b.Receivables.String(), Strong: true},
		Field{Label: d.T("优惠", "Discounts"), Value: b.Discounts.String()},
		Field{Label: d.T("结算金额", "Billed"), Value: b.Amount.String()},
		Field{Label: d.T("诊断估价费", "Fees"), Value: b.Fees.String()},
	)
	d.Fields(4,
		Field{Label: d.T("预约台次", "Booked"), Value: n(b.Appointments)},
		Field{Label: d.T("按约到店", "Kept"), Value: n(b.Kept)},
		Field{Label: d.T("爽约", "Missed"), Value: n(b.Missed)},
		Field{Label: d.T("待到店", "Pending"), Value: n(b.Pending)},
	)
	d.Paragraph(d.T("营业收入 = 本期结算金额 − 优惠（含未施工车辆的诊断估价费）；应收账款 = 本期结算中尚未付清的金额；爽约含已标记未到及超过签到时限仍未到店的预约。",
		"Revenue = the period's settlements less discounts (diagnosis and estimate fees of declined visits included); receivables = what those settlements still owe; missed = marked no-shows and bookings past their check-in window."),
		Style{Size: 8, Muted: true})
	d.Space(3)

	// A period with no records has no breakdown to show.
	if !b.Empty() {
		// REP-1: by service category.
		d.Heading(d.T("按服务类别", "By service category"), 30)
		var rows [][]string
		var vehBars, revBars []Bar
		for _, t := range b.ByService {
			name := serviceName(st, t.Key, lang)
			if t.Key == "" {
				name = d.T("未指定服务", "No service given")
			}
			rows = append(rows, []string{name, n(t.Vehicles), t.Revenue.String()})
			vehBars = append(vehBars, Bar{Label: name, Value: float64(t.Vehicles)})
			revBars = append(revBars, Bar{Label: name, Value: float64(t.Revenue) / 100, Text: t.Revenue.String()})
		}
		d.Table(Table{
			Columns: []Column{{Title: d.T("服务类别", "Service"), Width: 3}, {Title: d.T("进厂台次", "Vehicles"), Width: 1, Align: Right},
				{Title: d.T("营业收入", "Revenue"), Width: 1.4, Align: Right}},
			Rows:   rows,
			Footer: []string{d.T("合计", "Total"), n(b.Received), b.Revenue.String()},
			Size:   9.5,
		})
		d.Space(2)
		d.BarChart(BarChart{Title: d.T("各服务类别进厂台次", "Vehicles by service category"), Bars: vehBars, Empty: d.T("本期无进厂车辆。", "No vehicles in this period.")})
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
					Text: dt.Revenue.String() + d.T(" · "+n(dt.Received)+" 台", " · "+n(dt.Received)+" vehicles")})
			}
			title := d.T("每日营业收入（元）与进厂台次", "Revenue per day (yuan) and vehicles received")
			if b.Kind == fo.ReportYearly {
				title = d.T("每月营业收入（元）与进厂台次", "Revenue per month (yuan) and vehicles received")
			}
			d.BarChart(BarChart{Title: title, Bars: dayBars, Dense: true,
				Empty: d.T("本期无结算。", "No settlements in this period.")})
		}

		d.BarChart(BarChart{Title: d.T("各服务类别营业收入（元）", "Revenue by service category (yuan)"), Bars: revBars, Empty: d.T("本期无结算。", "No settlements in this period.")})

		// REP-1: by vehicle type.
		var typeBars []Bar
		for _, t := range b.ByType {
			name := d.pick(vehicleTypes, t.Key)
			typeBars = append(typeBars, Bar{Label: name, Value: float64(t.Vehicles)})
		}
		d.BarChart(BarChart{Title: d.T("各车型进厂台次", "Vehicles by type"), Bars: typeBars, Dense: true, Empty: d.T("本期无进厂车辆。", "No vehicles in this period.")})

		d.BarChart(BarChart{Title: d.T("预约（按约到店 / 爽约 / 待到店）", "Appointments (kept / missed / pending)"), Bars: []Bar{
			{Label: d.T("按约到店", "Kept"), Value: float64(b.Kept)},
			{Label: d.T("爽约", "Missed"), Value: float64(b.Missed)},
			{Label: d.T("待到店", "Pending"), Value: float64(b.Pending)},
		}, Dense: true, Empty: d.T("本期无预约。", "No appointments in this period.")})
	}
	e.afterSalesSection(d, b.AfterSales, !b.Empty())

	d.Space(4)
	d.Signatures(d.T("制表", "Prepared by"), d.T("业务主管审核", "Reviewed by the supervisor"))
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
	d.Heading(d.T("售后服务（跟踪回访、投诉、满意度）", "After-sales (follow-up calls, complaints, satisfaction)"), 40)
	d.Fields(4,
		Field{Label: d.T("应回访", "Calls due"), Value: n(a.CallsDue)},
		Field{Label: d.T("按期回访", "In window"), Value: pct(a.CallsDoneInWindow, a.CallsDue)},
		Field{Label: d.T("超期未访", "Missed"), Value: n(a.CallsMissed)},
		Field{Label: d.T("尚在期限内", "Still open"), Value: n(a.CallsOpen)},
		Field{Label: d.T("投诉", "Complaints"), Value: n(a.Complaints)},
		Field{Label: d.T("按时答复", "Answered in time"), Value: pct(a.AnsweredInTime, a.Complaints)},
		Field{Label: d.T("满意 / 不满意", "Satisfied / not"), Value: n(a.Satisfied) + " / " + n(a.Dissatisfied)},
		Field{Label: d.T("未结案", "Open"), Value: n(a.StillOpen)},
		Field{Label: d.T("满意度调查", "Surveys"), Value: n(a.Surveys)},
		Field{Label: d.T("低分问卷", "Low scores"), Value: n(a.LowSurveys)},
	)
	d.Paragraph(d.T("应回访：回访期限在本期结束的首次及二次回访（FU-2、FU-3）；按时答复：在受理时告知的期限内首次答复（CMP-2）。",
		"Calls due: first and second follow-up calls whose window ends in the period (FU-2, FU-3); answered in time: first answered by the deadline told at filing (CMP-2)."),
		Style{Size: 8, Muted: true})
	d.Space(2)
	if !charts {
		return
	}
	var cats []Bar
	for _, c := range fo.ComplaintCategories {
		cats = append(cats, Bar{Label: fo.Texts.T(d.Lang(), "cmp.cat."+c), Value: float64(a.ByCategory[c])})
	}
	d.BarChart(BarChart{Title: d.T("投诉类别", "Complaints by category"), Bars: cats, Dense: true, Empty: d.T("本期无投诉。", "No complaints in this period.")})
	q := []pair{{"总体满意度", "Overall"}, {"施工质量", "Quality of work"}, {"交车准时", "On time"}, {"服务态度", "Staff"}}
	var avgs []Bar
	if a.Surveys > 0 {
		for i, p := range q {
			avgs = append(avgs, Bar{Label: d.word(p), Value: a.SurveyAverages[i], Text: fmt.Sprintf("%.2f / 5", a.SurveyAverages[i])})
		}
	}
	d.BarChart(BarChart{Title: d.T("满意度调查平均分（满分 5 分）", "Survey averages (out of 5)"), Bars: avgs, Max: 5, Dense: true, Empty: d.T("本期无满意度调查答卷。", "No surveys answered in this period.")})
}
