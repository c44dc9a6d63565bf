package forms

import (
	"bytes"
	"fmt"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"

	"frontoffice"
)

// BenchmarkAppointmentSlip is the steady state of a shop printing slips
// (APT-1, APT-2): one Engine, its font subsets cached after the first slip.
func BenchmarkAppointmentSlip(b *testing.B) {
	e, err := New(nil)
	if err != nil {
		b.Fatal(err)
	}
	st, a := slipFixture(b, frontoffice.ZH)
	var n int
	for b.Loop() {
		pdf, err := e.AppointmentSlip(st, a, frontoffice.ZH)
		if err != nil {
			b.Fatal(err)
		}
		n = len(pdf)
	}
	b.ReportMetric(float64(n), "pdf-bytes")
}

// BenchmarkAppointmentSlipUncached prints slips with the subset cache off:
// every slip subsets and compresses its fonts anew, as when every customer
// has a name never printed before.
func BenchmarkAppointmentSlipUncached(b *testing.B) {
	e, err := New(nil)
	if err != nil {
		b.Fatal(err)
	}
	e.cache = newFontCache(0)
	st, a := slipFixture(b, frontoffice.ZH)
	var n int
	for b.Loop() {
		pdf, err := e.AppointmentSlip(st, a, frontoffice.ZH)
		if err != nil {
			b.Fatal(err)
		}
		n = len(pdf)
	}
	b.ReportMetric(float64(n), "pdf-bytes")
}

// BenchmarkAppointmentSlipParallel prints slips from all cores at once on
// one Engine.
func BenchmarkAppointmentSlipParallel(b *testing.B) {
	e, err := New(nil)
	if err != nil {
		b.Fatal(err)
	}
	st, a := slipFixture(b, frontoffice.ZH)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := e.AppointmentSlip(st, a, frontoffice.ZH); err != nil {
				b.Error(err)
			}
		}
	})
}

// BenchmarkNaiveFpdfSlip is the baseline: the same slip's text set with
// plain fpdf, loading the whole CJK font and the two Go fonts into every
// document through AddUTF8FontFromBytes, as fpdf's documentation shows.
func BenchmarkNaiveFpdfSlip(b *testing.B) {
	st, a := slipFixture(b, frontoffice.ZH)
	var n int
	for b.Loop() {
		pdf := naiveSlip(b, st, a)
		n = len(pdf)
	}
	b.ReportMetric(float64(n), "pdf-bytes")
}

func naiveSlip(b *testing.B, st *frontoffice.Settings, a frontoffice.Appointment) []byte {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes("go", "", goregular.TTF)
	pdf.AddUTF8FontFromBytes("go", "B", gobold.TTF)
	pdf.AddUTF8FontFromBytes("cjk", "", droidSansFallback)
	pdf.AddPage()
	loc := st.Location()
	sv, _ := st.Service(a.ServiceID)
	lines := [][2]string{
		{"cjk", st.Shop.Name}, {"cjk", st.Shop.Address}, {"go", st.Shop.Phone},
		{"cjk", "安装服务预约单"}, {"go", "Appointment Slip"},
		{"cjk", "预约号"}, {"go", a.Code},
		{"cjk", "预约时间"}, {"cjk", slipWhen(frontoffice.ZH, a.Start, a.End, loc)},
		{"cjk", "服务项目"}, {"cjk", sv.NameZh}, {"go", sv.Price.String()},
		{"cjk", "车牌号"}, {"cjk", a.Plate}, {"cjk", "客户姓名"}, {"cjk", a.CustomerName},
		{"cjk", "定金"}, {"go", a.Deposit.String()},
		{"cjk", frontoffice.Texts.T(frontoffice.ZH, "apt.deposit", a.Deposit)},
		{"cjk", "请于预约时间前 10 分钟到店，凭预约号或扫描上方二维码在大厅自助机签到。"},
		{"cjk", "本人已确认以上预约时间及服务项目。"}, {"cjk", "客户确认签字"}, {"cjk", "接待员"},
	}
	for i, l := range lines {
		pdf.SetFont(l[0], "", 10)
		pdf.Text(20, 20+float64(i)*8, l[1])
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkLongDocument prints a 6-page document: paragraphs, a 150-row
// table and a bar chart.
func BenchmarkLongDocument(b *testing.B) {
	e, err := New(nil)
	if err != nil {
		b.Fatal(err)
	}
	var n, pages int
	for b.Loop() {
		d := specimen(e, frontoffice.ZH, 150)
		pages = d.Pages()
		pdf, err := d.Bytes()
		if err != nil {
			b.Fatal(err)
		}
		n = len(pdf)
	}
	b.ReportMetric(float64(n), "pdf-bytes")
	b.ReportMetric(float64(pages), "pages")
	_ = fmt.Sprint()
}
