package scheduler

// The quality information report's job (REP-2): weekly or monthly as
// Settings.QualityReport says (weekly by default), at the time the
// business statistics of that period go out (REP-1, reports.go): weekly
// on Saturday at Saturday's report time, monthly on the month's last day
// at that weekday's report time. The store sends each period's report
// once (its messages are keyed by the period), so the job catches up each
// missed run.

import (
	"context"
	"fmt"
	"slices"
	"time"

	fo "frontoffice"
)

// QualityReports sends the quality report (REP-2).
type QualityReports interface {
	SendQualityReport(kind fo.ReportKind, day time.Time) (fo.QualityReport, error)
}

// QualityJobs returns the quality report's jobs for the settings (REP-2):
// "quality-weekly@HH:MM" on Saturdays, or "quality-monthly@HH:MM" on days
// 28-31 for every report time of the week, sending only on the month's
// last day whose weekday's report time is HH:MM.
func QualityJobs(st *fo.Settings, q QualityReports) []Job {
	job := func(kind fo.ReportKind, t fo.HM, days string, send func(at time.Time) bool) Job {
		return Job{
			Name:    "quality-" + string(kind) + "@" + t.String(),
			Spec:    fmt.Sprintf("%d %d %s", int(t)%60, int(t)/60, days),
			CatchUp: CatchUpEach,
			Run: func(_ context.Context, at time.Time) error {
				if send != nil && !send(at) {
					return nil
				}
				_, err := q.SendQualityReport(kind, at)
				return err
			},
		}
	}
	if st.QualityReportKind() == fo.ReportWeekly {
		return []Job{job(fo.ReportWeekly, st.ReportTime(time.Saturday), "* * 6", nil)}
	}
	var times []fo.HM
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		if t := st.ReportTime(wd); !slices.Contains(times, t) {
			times = append(times, t)
		}
	}
	slices.Sort(times)
	var jobs []Job
	for _, t := range times {
		jobs = append(jobs, job(fo.ReportMonthly, t, "28-31 * *", func(at time.Time) bool {
			return IsLastDayOfMonth(at) && st.ReportTime(at.Weekday()) == t
		}))
	}
	return jobs
}
