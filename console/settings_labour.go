package console

import (
	"net/url"
	"strconv"
	"strings"

	fo "frontoffice"
)

// The settings page's labour-hour standards (工时定额: per product or
// service, installation and repair minutes), the hourly rates by region
// (工时单价, with regional differences; the blank region is the shop's
// own) and the quality report's period (REP-2). A row without a code, or
// a rate row without a rate, is dropped: that is how one is removed.

type labourForm struct {
	Rows          []labourRow
	Rates         []rateRow
	QualityReport string // "weekly" or "monthly"
}

type labourRow struct {
	I                                     int
	Code, NameZh, NameEn, Install, Repair string
}

type rateRow struct {
	I            int
	Region, Rate string
}

// newLabourForm fills the labour part of the form from st, with two blank
// rows to add a standard and one to add a rate.
func newLabourForm(st fo.Settings) labourForm {
	f := labourForm{QualityReport: string(st.QualityReportKind())}
	for _, l := range st.Labour {
		f.Rows = append(f.Rows, labourRow{Code: l.Code, NameZh: l.NameZh, NameEn: l.NameEn,
			Install: strconv.Itoa(l.InstallMinutes), Repair: strconv.Itoa(l.RepairMinutes)})
	}
	f.Rows = append(f.Rows, labourRow{}, labourRow{})
	for _, r := range st.LabourRates {
		f.Rates = append(f.Rates, rateRow{Region: r.Region, Rate: yuan(r.HourlyRate, false)})
	}
	f.Rates = append(f.Rates, rateRow{})
	f.number()
	return f
}

func (f *labourForm) number() {
	for i := range f.Rows {
		f.Rows[i].I = i
	}
	for i := range f.Rates {
		f.Rates[i].I = i
	}
}

// readLabourForm reads the labour part of the posted form.
func readLabourForm(form url.Values) labourForm {
	g := func(k string) string { return strings.TrimSpace(form.Get(k)) }
	f := labourForm{QualityReport: g("quality_report")}
	n, _ := strconv.Atoi(g("labour"))
	for i := range min(max(n, 0), fo.MaxLabourStandards+2) {
		k := "lb" + strconv.Itoa(i) + "_"
		f.Rows = append(f.Rows, labourRow{Code: g(k + "code"), NameZh: g(k + "zh"), NameEn: g(k + "en"), Install: g(k + "install"), Repair: g(k + "repair")})
	}
	n, _ = strconv.Atoi(g("rates"))
	for i := range min(max(n, 0), fo.MaxLabourRates+1) {
		k := "rt" + strconv.Itoa(i) + "_"
		f.Rates = append(f.Rates, rateRow{Region: g(k + "region"), Rate: g(k + "rate")})
	}
	f.number()
	return f
}

// apply writes the labour part into st; a number that does not parse is
// an EINVALID *fo.Error naming the row; fo.Settings.Validate judges the
// rest.
func (f labourForm) apply(st *fo.Settings) error {
	bad := func(what string) error { return fo.Errorf(fo.EINVALID, "err.settings", what) }
	st.Labour = nil
	for _, r := range f.Rows {
		if r.Code == "" {
			continue
		}
		l := fo.LabourStandard{Code: r.Code, NameZh: r.NameZh, NameEn: r.NameEn}
		var ok1, ok2 bool
		l.InstallMinutes, ok1 = parseInt(r.Install, 0, fo.MaxLabourMinutes, 0)
		l.RepairMinutes, ok2 = parseInt(r.Repair, 0, fo.MaxLabourMinutes, 0)
		if !ok1 || !ok2 {
			return bad("labour " + r.Code + ": minutes 0.." + strconv.Itoa(fo.MaxLabourMinutes))
		}
		st.Labour = append(st.Labour, l)
	}
	st.LabourRates = nil
	for _, r := range f.Rates {
		if r.Rate == "" {
			continue
		}
		m, err := fo.ParseMoney(r.Rate)
		if err != nil {
			return bad("labour rate " + r.Region + ": " + r.Rate)
		}
		st.LabourRates = append(st.LabourRates, fo.RegionRate{Region: r.Region, HourlyRate: m})
	}
	switch k := fo.ReportKind(f.QualityReport); k {
	case "": // not posted: kept
	case fo.DefaultQualityReport:
		st.QualityReport = ""
	default:
		st.QualityReport = k
	}
	return nil
}
