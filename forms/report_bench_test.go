package forms

import (
	"context"
	"syscall"
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
		cpu := cpuTime()
		for b.Loop() {
			if _, err := r.Render(context.Background(), doc, frontoffice.ZH); err != nil {
				b.Fatal(err)
			}
		}
		reportCPU(b, cpu)
		b.ReportMetric(float64(y.Received), "visits")
	})
	b.Run("stats", func(b *testing.B) {
		cpu := cpuTime()
		for b.Loop() {
			if _, err := s.BusinessStats(frontoffice.ReportYearly, clock.Now()); err != nil {
				b.Fatal(err)
			}
		}
		reportCPU(b, cpu)
	})
	// The monthly report of the year's last month, in a file of a year.
	b.Run("monthly-in-year", func(b *testing.B) {
		mdoc := frontoffice.Document{Kind: "report-monthly", Ref: doc.Ref}
		cpu := cpuTime()
		for b.Loop() {
			if _, err := r.Render(context.Background(), mdoc, frontoffice.ZH); err != nil {
				b.Fatal(err)
			}
		}
		reportCPU(b, cpu)
	})
}

// cpuTime is the process's CPU time so far (user and system). On a
// machine shared with other builds a benchmark's wall time counts the
// time it waited for a core; "cpu-ms/op" (reportCPU) counts what the
// work itself cost, garbage collection included.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU reports the CPU time per operation since since (cpuTime).
func reportCPU(b *testing.B, since time.Duration) {
	if b.N > 0 {
		b.ReportMetric(float64(cpuTime()-since)/float64(b.N)/1e6, "cpu-ms/op")
	}
}
