package scheduler

// Jobs of the after-sales loop. Most of its timing is per record and rides
// on the due index that DueJob works every minute: complaint warnings,
// deadlines and 2-day escalations (CMP-2, CMP-3, CMP-5), a call window's
// last-day warning and its close (FU-1, FU-2), reminders of times agreed
// with customers (FU-9), tasks unresolved after 2 days (FU-5), surveys the
// day after delivery (SUR-1), promotion notices and letters (FU-6). Those
// are caught up by DueJob's catch-up, each handler deciding what is still
// worth doing. What is per day or per month has its own job here.

import (
	"context"
	"time"

	fo "frontoffice"
)

// CallLists sends a day's call lists.
type CallLists interface {
	SendCallLists(day time.Time) (int, error)
}

// OpeningHours says when the shop opens and closes on a day.
type OpeningHours interface {
	Settings() (fo.Settings, error)
}

// CallListStore is what CallListJob uses.
type CallListStore interface {
	CallLists
	OpeningHours
}

// CallListJob sends each follow-up staff member the day's call list at the
// start of the shift, in the shop's zone (FU-2, FU-3): the spec fires every
// half hour (opening times are on the half hour) and a run sends only
// between the day's opening and closing, on days the shop is open. The
// store keys every message by day, caller and call, so the first run after
// opening sends the list and later runs of the day add only calls that
// changed hands (a substitute named, FU-1). Catch-up: latest — after
// downtime one run for the latest missed half hour sends today's list if
// the shop is open by then; yesterday's list is of no use today.
func CallListJob(s CallListStore) Job {
	return Job{
		Name:    "call-list",
		Spec:    "0,30 * * * *",
		CatchUp: CatchUpLatest,
		Run: func(_ context.Context, at time.Time) error {
			st, err := s.Settings()
			if err != nil {
				return err
			}
			if !InShift(&st, at) {
				return nil
			}
			_, err = s.SendCallLists(at)
			return err
		},
	}
}

// InShift reports whether t falls in the opening hours of its day, on a
// day the shop is open.
func InShift(st *fo.Settings, t time.Time) bool {
	if st.IsClosedDate(t) {
		return false
	}
	loc := st.Location()
	h := st.Hours[t.In(loc).Weekday()]
	return !t.Before(h.Open.At(t, loc)) && t.Before(h.Close.At(t, loc))
}

// MonthlySummaries sends the supervisor's monthly summary.
type MonthlySummaries interface {
	SendMonthlySummary(day time.Time) (fo.MonthlySummary, error)
}

// MonthlySummaryJob sends the supervisor the month's follow-up summary on
// the month's last day at 16:00, before the end of every shift (FU-8,
// REP-1). cron has no "L": the spec fires on days 28-31 and the run checks
// IsLastDayOfMonth. Catch-up: each — every missed month-end is a summary of
// its own month, sent once (the store keys it by month).
func MonthlySummaryJob(s MonthlySummaries) Job {
	return Job{
		Name:    "monthly-summary",
		Spec:    "0 16 28-31 * *",
		CatchUp: CatchUpEach,
		Run: func(_ context.Context, at time.Time) error {
			if !IsLastDayOfMonth(at) {
				return nil
			}
			_, err := s.SendMonthlySummary(at)
			return err
		},
	}
}
