package forms

import (
	"context"
	"testing"
	"time"

	"frontoffice"
)

// BenchmarkYearly36000 is the yearly report (REP-1, REP-3) of a year of
// 36,000 visits (120 on each open day of 2026, made through the store as
// the desk makes them: check-in, intake, ready, settlement, surveys,
// complaints), printed as the job and the bot print it. Target: ≤ 300 ms.
// "stats": the store's part alone. The month's figures read the visit_end
// and visit_day indexes of the period only (issue 12).
func BenchmarkYearly36000(b *testing.B) {
	s, clock := shopStore(b, time.Date(2025, 12, 29, 8, 0, 0, 0, shanghai))
	for m := time.January; m <= time.December; m++ {
		fillMonth(b, s, clock, time.Date(2026, m, 1, 0, 0, 0, 0, shanghai), 120, uint64(m))
	}
	r := &Renderer{Engine: testEngine(b), Store: s}
	st, _ := s.Settings()
	y, err := s.BusinessStats(frontoffice.ReportYearly, clock.Now())
	if err != nil || y.Received < 35000 {
		b.Fatalf("%d visits in the year, %v", y.Received, err)
	}
	doc := frontoffice.Document{Kind: "report-yearly", Ref: frontoffice.ReportRef(clock.Now(), st.Location())}
	b.Run("report", func(b *testing.B) {
		for b.Loop() {
			if _, err := r.Render(context.Background(), doc, frontoffice.ZH); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(y.Received), "visits")
	})
	b.Run("stats", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.BusinessStats(frontoffice.ReportYearly, clock.Now()); err != nil {
				b.Fatal(err)
			}
		}
	})
	// The monthly report of the year's last month, in a file of a year.
	b.Run("monthly-in-year", func(b *testing.B) {
		mdoc := frontoffice.Document{Kind: "report-monthly", Ref: doc.Ref}
		for b.Loop() {
			if _, err := r.Render(context.Background(), mdoc, frontoffice.ZH); err != nil {
				b.Fatal(err)
			}
		}
	})
}
