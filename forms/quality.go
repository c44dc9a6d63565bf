package forms

import (
	"strconv"
	"time"

	fo "frontoffice"
)

// KindQuality is the quality information report (REP-2); Ref:
// fo.QualityRef of its period.
const KindQuality = fo.DocQuality

// QualityStore is what the Renderer reads for the quality report; a
// Store that has it prints KindQuality (*data.Store does).
type QualityStore interface {
	QualityReport(from, to time.Time) (fo.QualityReport, error)
}

// qualityTitles are the report's titles by its period.
var qualityTitles = map[fo.ReportKind]string{
	fo.ReportWeekly:  "form.title.quality.weekly",
	fo.ReportMonthly: "form.title.quality.monthly",
}

// renderQuality prints the quality report doc.Ref names, read from the
// store at printing time.
func (r *Renderer) renderQuality(st *fo.Settings, doc fo.Document, lang fo.Lang) ([]byte, error) {
	qs, ok := r.Store.(QualityStore)
	if !ok {
		return nil, fo.ErrNotFound
	}
	from, to, err := fo.ParseQualityRef(doc.Ref, st.Location())
	if err != nil {
		return nil, err
	}
	rep, err := qs.QualityReport(from, to)
	if err != nil {
		return nil, err
	}
	// A week or a month names its kind on the title.
	switch {
	case to.Equal(from.AddDate(0, 0, 7)) && from.Weekday() == time.Sunday:
		rep.Kind = fo.ReportWeekly
	case to.Equal(from.AddDate(0, 1, 0)) && from.Day() == 1:
		rep.Kind = fo.ReportMonthly
	}
	return r.Engine.QualityReport(st, rep, lang)
}

// QualityReport prints the quality information report 质量信息周报/月报 of
// rep (REP-2) in lang: the period and when the figures were taken; the
// feedback of the period by class (产品、安装、配件、服务), with a bar
// chart; by source (complaints, field jobs, stations); by product, site
// and service station, each line with its classes; and every problem
// still open, oldest first, with its source, reference, class, product,
// site and text. Signed by who prepared it and the quality department.
func (e *Engine) QualityReport(st *fo.Settings, rep fo.QualityReport, lang fo.Lang) ([]byte, error) {
	loc := st.Location()
	title := qualityTitles[rep.Kind]
	if title == "" {
		title = "form.title.quality"
	}
	from := rep.From.In(loc)
	last := rep.To.In(loc).AddDate(0, 0, -1)
	d := e.NewDoc(DocOptions{Lang: lang, Shop: ShopOf(st, lang), Title: titleOf(title), Loc: loc, Issued: rep.AsOf,
		Number: "Q" + from.Format("20060102") + "-" + last.Format("0102")})
	n := strconv.Itoa
	d.Fields(2,
		Field{Label: d.T("form.report.period"), Value: from.Format("2006-01-02") + d.T("form.range_to") + last.Format("2006-01-02")},
		Field{Label: d.T("form.report.figures_as"), Value: d.stamp(rep.AsOf)},
	)
	d.Fields(3,
		Field{Label: d.T("form.quality.total"), Value: n(rep.Total), Strong: true},
		Field{Label: d.T("form.quality.open_period"), Value: n(rep.Open)},
		Field{Label: d.T("form.quality.open_all"), Value: n(len(rep.OpenProblems)), Strong: true},
	)
	d.Space(2)
	if rep.Total == 0 {
		d.Paragraph(d.T("form.quality.none"), Style{Size: 11, Bold: true})
		d.Space(2)
	}

	// By class.
	d.Heading(d.T("form.quality.by_class"), 40)
	var bars []Bar
	var row []string
	for i, c := range fo.QualityClasses {
		bars = append(bars, Bar{Label: c.Label(lang), Value: float64(rep.ByClass[i])})
		row = append(row, n(rep.ByClass[i]))
	}
	classCols := func(first string) []Column {
		cols := []Column{{Title: first, Width: 2.4}}
		for _, c := range fo.QualityClasses {
			cols = append(cols, Column{Title: c.Label(lang), Width: 1.3, Align: Right})
		}
		return append(cols, Column{Title: d.T("form.total"), Width: 1, Align: Right}, Column{Title: d.T("form.quality.open"), Width: 1, Align: Right})
	}
	d.Table(Table{Columns: classCols(d.T("form.quality.feedback")), Size: 9.5,
		Rows: [][]string{append(append([]string{d.T("form.quality.all_feedback")}, row...), n(rep.Total), n(rep.Open))}})
	d.Space(2)
	d.BarChart(BarChart{Title: d.T("form.quality.class_chart"), Bars: bars, Dense: true, Empty: d.T("form.quality.none")})

	table := func(heading, first string, lines []fo.QualityCount, name func(string) string, empty string) {
		d.Heading(heading, 30)
		var rows [][]string
		for _, l := range lines {
			r := []string{name(l.Key)}
			for _, c := range l.ByClass {
				r = append(r, n(c))
			}
			rows = append(rows, append(r, n(l.Total), n(l.Open)))
		}
		d.Table(Table{Columns: classCols(first), Rows: rows, Empty: empty, Size: 9})
		d.Space(3)
	}
	table(d.T("form.quality.by_source"), d.T("form.quality.source"), rep.BySource, func(k string) string { return fo.QualitySourceLabel(k, lang) }, d.T("form.quality.none"))
	table(d.T("form.quality.by_product"), d.T("form.quality.product"), rep.ByProduct, func(k string) string {
		if k == "" {
			return d.T("form.quality.not_given")
		}
		return productName(st, k, lang)
	}, d.T("form.quality.none"))
	table(d.T("form.quality.by_site"), d.T("form.quality.site"), rep.BySite, func(k string) string {
		if k == "" {
			return d.T("form.quality.shop_own")
		}
		return k
	}, d.T("form.quality.none"))
	table(d.T("form.quality.by_station"), d.T("form.quality.station"), rep.ByStation, func(k string) string { return k },
		d.T("form.quality.no_station"))

	// The open problems, whatever their period.
	d.Heading(d.T("form.quality.open_problems"), 30)
	var rows [][]string
	for i, q := range rep.OpenProblems {
		where := q.Site
		if q.Product != "" {
			where = productName(st, q.Product, lang) + " · " + where
		}
		rows = append(rows, []string{n(i + 1), d.date(q.At), fo.QualitySourceLabel(q.Source, lang) + " " + q.Ref,
			q.Class.Label(lang), where, q.Text})
	}
	d.Table(Table{Columns: []Column{{Title: d.T("form.no"), Width: 0.5}, {Title: d.T("form.quality.date"), Width: 1.3},
		{Title: d.T("form.quality.source"), Width: 1.8}, {Title: d.T("form.quality.class"), Width: 0.8},
		{Title: d.T("form.quality.product_site"), Width: 2}, {Title: d.T("form.quality.problem"), Width: 4}},
		Rows: rows, Empty: d.T("form.quality.no_open"), Size: 8.5})
	d.Space(4)
	d.Signatures(d.T("form.report.prepared"), d.T("form.quality.received"))
	return d.Bytes()
}

// productName is the name of a product key in lang: a service of the
// price list, a labour standard's code (工时定额), or the key as given.
func productName(st *fo.Settings, key string, lang fo.Lang) string {
	if sv, ok := st.Service(key); ok {
		return sv.Name(lang)
	}
	if l, ok := st.LabourStandardByCode(key); ok {
		return l.Name(lang)
	}
	return key
}
