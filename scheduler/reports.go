package scheduler

// Jobs of the business statistics (REP-1): daily before the end of the day
// shift, weekly before the end of Saturday's shift, monthly on the month's
// last day before the end of the shift. The time is Settings.ReportTime of
// the weekday — Settings.ReportAt (17:30 by default), or half an hour before
// closing on a day the shop closes earlier (16:30 on Saturday with the
// default hours) — so each report is a job per distinct time, named after
// it ("report-daily@17:30"). The store sends each report once (its
// messages are keyed by kind and day), so every job catches up each missed
// run: a report missed while the box was off is made at the next start, for
// its own period.

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	fo "frontoffice"
)

// Reports sends a business statistics report.
type Reports interface {
	SendReport(kind fo.ReportKind, day time.Time) (fo.BusinessStats, error)
}

// ReportJobs returns the report jobs for the settings' hours and report
// time (REP-1):
//   - "report-daily@HH:MM": on the open weekdays whose report time is
//     HH:MM, the day's report;
//   - "report-weekly@HH:MM": on Saturday at its report time, the week's
//     (Sunday to Saturday);
//   - "report-monthly@HH:MM": on days 28-31 at HH:MM, for every report
//     time of the week (cron has no "L"); a run sends the month's report
//     only on the month's last day (IsLastDayOfMonth) whose weekday's
//     report time is HH:MM;
//   - "report-yearly@HH:MM": on 31 December at its report time, the year's
//     summary (FU-8, REP-3).
//
// Every job catches up each missed run (CatchUpEach).
func ReportJobs(st *fo.Settings, r Reports) []Job {
	byTime := map[fo.HM][]time.Weekday{}
	var times []fo.HM
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		t := st.ReportTime(wd)
		if !slices.Contains(times, t) {
			times = append(times, t)
		}
		if st.Hours[wd].IsOpen() {
			byTime[t] = append(byTime[t], wd)
		}
	}
	slices.Sort(times)
	var jobs []Job
	for _, t := range times {
		if wds := byTime[t]; len(wds) > 0 {
			jobs = append(jobs, reportJob(fo.ReportDaily, t, "* * "+weekdays(wds), r, nil))
		}
	}
	sat := st.ReportTime(time.Saturday)
	jobs = append(jobs, reportJob(fo.ReportWeekly, sat, "* * 6", r, nil))
	for _, t := range times {
		t := t
		jobs = append(jobs, reportJob(fo.ReportMonthly, t, "28-31 * *", r, func(at time.Time) bool {
			return IsLastDayOfMonth(at) && st.ReportTime(at.Weekday()) == t
		}))
		jobs = append(jobs, reportJob(fo.ReportYearly, t, "31 12 *", r, func(at time.Time) bool {
			return st.ReportTime(at.Weekday()) == t
		}))
	}
	return jobs
}

// reportJob is the job sending kind's report at time of day t on the days
// of days (the last three fields of a cron spec), when send (nil: always)
// says so for the scheduled time.
func reportJob(kind fo.ReportKind, t fo.HM, days string, r Reports, send func(at time.Time) bool) Job {
	return Job{
		Name:    "report-" + string(kind) + "@" + t.String(),
		Spec:    fmt.Sprintf("%d %d %s", int(t)%60, int(t)/60, days),
		CatchUp: CatchUpEach,
		Run: func(_ context.Context, at time.Time) error {
			if send != nil && !send(at) {
				return nil
			}
			_, err := r.SendReport(kind, at)
			return err
		},
	}
}

// weekdays writes weekdays as a cron day-of-week list ("1,2,3,4,5").
func weekdays(wds []time.Weekday) string {
	var s []string
	for _, wd := range wds {
		s = append(s, strconv.Itoa(int(wd)))
	}
	return strings.Join(s, ",")
}
