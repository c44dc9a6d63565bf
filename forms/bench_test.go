package forms

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

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

// BenchmarkServiceCard is the steady state of the service card sent with
// every delivery (DEL-3): one Engine, subsets cached. Target: ≤ 5 ms and
// ≤ 60 KB.
func BenchmarkServiceCard(b *testing.B) {
	e, err := New(nil)
	if err != nil {
		b.Fatal(err)
	}
	st, r := visitFixture(frontoffice.ZH)
	var n int
	for b.Loop() {
		pdf, err := e.ServiceCard(st, r, frontoffice.ZH, "https://t.me/TaiyuanAutoBot")
		if err != nil {
			b.Fatal(err)
		}
		n = len(pdf)
	}
	b.ReportMetric(float64(n), "pdf-bytes")
}

// BenchmarkWorkOrder prints the one-page work order (INT-2, INT-5).
func BenchmarkWorkOrder(b *testing.B) {
	e, err := New(nil)
	if err != nil {
		b.Fatal(err)
	}
	st, r := visitFixture(frontoffice.ZH)
	var n int
	for b.Loop() {
		pdf, err := e.WorkOrder(st, r, frontoffice.ZH)
		if err != nil {
			b.Fatal(err)
		}
		n = len(pdf)
	}
	b.ReportMetric(float64(n), "pdf-bytes")
}

// BenchmarkMonthly3000 is the monthly report (REP-1) of a month of 3,000
// visits (120 on each of November's 25 open days) after a month as busy,
// as the job and the bot make it. "report": the Renderer reads the month
// from the store (the visit_day index from 62 days before, appointments,
// after-sales records) and prints the PDF. Target: ≤ 200 ms. "stats": the
// store's part alone. "pdf": the printing alone, from the figures.
func BenchmarkMonthly3000(b *testing.B) {
	s, clock := shopStore(b, time.Date(2026, 9, 28, 8, 0, 0, 0, shanghai))
	fillMonth(b, s, clock, time.Date(2026, 10, 1, 0, 0, 0, 0, shanghai), 120, 2)
	fillMonth(b, s, clock, time.Date(2026, 11, 1, 0, 0, 0, 0, shanghai), 120, 3)
	r := &Renderer{Engine: testEngine(b), Store: s}
	st, _ := s.Settings()
	m, err := s.BusinessStats(frontoffice.ReportMonthly, clock.Now())
	if err != nil || m.Received < 2950 {
		b.Fatalf("%d visits in the month, %v", m.Received, err)
	}
	doc := frontoffice.Document{Kind: "report-monthly", Ref: frontoffice.ReportRef(clock.Now(), st.Location())}
	b.Run("report", func(b *testing.B) {
		var n int
		for b.Loop() {
			pdf, err := r.Render(context.Background(), doc, frontoffice.ZH)
			if err != nil {
				b.Fatal(err)
			}
			n = len(pdf)
		}
		b.ReportMetric(float64(n), "pdf-bytes")
		b.ReportMetric(float64(m.Received), "visits")
	})
	b.Run("stats", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.BusinessStats(frontoffice.ReportMonthly, clock.Now()); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("pdf", func(b *testing.B) {
		for b.Loop() {
			if _, err := r.Engine.BusinessReport(&st, m, frontoffice.ZH); err != nil {
				b.Fatal(err)
			}
		}
	})
}
