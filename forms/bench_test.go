package forms

import (
	"context"
	"fmt"
	"testing"
	"time"

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
// from the store (the visits received in the month by the visit_day index,
// those settled in it by the visit_end index, appointments, after-sales
// records) and prints the PDF. Target: ≤ 30 ms (issue 12). "stats": the
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
		cpu := cpuTime()
		for b.Loop() {
			pdf, err := r.Render(context.Background(), doc, frontoffice.ZH)
			if err != nil {
				b.Fatal(err)
			}
			n = len(pdf)
		}
		reportCPU(b, cpu)
		b.ReportMetric(float64(n), "pdf-bytes")
		b.ReportMetric(float64(m.Received), "visits")
	})
	b.Run("stats", func(b *testing.B) {
		cpu := cpuTime()
		for b.Loop() {
			if _, err := s.BusinessStats(frontoffice.ReportMonthly, clock.Now()); err != nil {
				b.Fatal(err)
			}
		}
		reportCPU(b, cpu)
	})
	b.Run("pdf", func(b *testing.B) {
		for b.Loop() {
			if _, err := r.Engine.BusinessReport(&st, m, frontoffice.ZH); err != nil {
				b.Fatal(err)
			}
		}
	})
}
