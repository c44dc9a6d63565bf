package frontoffice

import (
	"fmt"
	"time"
)

// After-sales figures of a period: the supervisor's monthly summary and
// the after-sales part of the business reports (FU-8, REP-3).

// SummarizeAfterSales counts the after-sales figures of [from, to) as the
// supervisor's monthly summary counts those of a month (FU-8, REP-3): the
// first and second follow-up calls whose window closes in the period — due,
// done inside the window, missed, still open —, the complaints filed in it
// (by category, answered by the deadline told at filing (CMP-2),
// satisfied, dissatisfied, still open) and the surveys answered in it with
// their averages and low scores. The slices may hold more than the
// period's records; a record listed twice counts once. Month is set to the
// period ("2026-11-23..2026-11-29", or "2026-11" for a calendar month).
func SummarizeAfterSales(from, to time.Time, loc *time.Location, calls []Call, complaints []Complaint, surveys []Survey) MonthlySummary {
	cc := make([]CallCount, len(calls))
	for i, c := range calls {
		cc[i] = CallCount{ID: c.ID, Kind: c.Kind, Status: c.Status, Opens: c.Opens, Closes: c.Closes, DoneAt: c.DoneAt}
	}
	sc := make([]SurveyCount, len(surveys))
	for i, sv := range surveys {
		sc[i] = SurveyCount{ID: sv.ID, Status: sv.Status, DoneAt: sv.DoneAt, Scores: sv.Scores}
	}
	return SummarizeCounts(from, to, loc, cc, complaints, sc)
}

// CallCount is what the after-sales figures read of a call: a small
// copy, so that a year's calls are cheap to collect (REP-1, REP-3).
type CallCount struct {
	ID            uint64
	Kind          CallKind
	Status        CallStatus
	Opens, Closes time.Time
	DoneAt        time.Time
}

// SurveyCount is what the after-sales figures read of a survey.
type SurveyCount struct {
	ID     uint64
	Status SurveyStatus
	DoneAt time.Time
	Scores [Questions]int
}

// SummarizeCounts is SummarizeAfterSales over the small copies of the
// calls and surveys that the store collects for a report.
func SummarizeCounts(from, to time.Time, loc *time.Location, calls []CallCount, complaints []Complaint, surveys []SurveyCount) MonthlySummary {
	m := MonthlySummary{Month: periodLabel(from, to, loc), ByCategory: map[string]int{}}
	seen := map[uint64]bool{}
	for _, c := range calls {
		if seen[c.ID] || c.Kind == CallPromo || !c.Closes.After(from) || c.Closes.After(to) {
			continue
		}
		seen[c.ID] = true
		m.CallsDue++
		switch {
		case c.Status == CallDone && !c.DoneAt.Before(c.Opens) && c.DoneAt.Before(c.Closes): // Call.InWindow
			m.CallsDoneInWindow++
		case c.Status == CallMissed:
			m.CallsMissed++
		case c.Status == CallOpen:
			m.CallsOpen++
		}
	}
	clear(seen)
	for _, c := range complaints {
		if seen[c.ID] || c.FiledAt.Before(from) || !c.FiledAt.Before(to) {
			continue
		}
		seen[c.ID] = true
		m.Complaints++
		m.ByCategory[c.Category]++
		if c.AnsweredInTime() {
			m.AnsweredInTime++
		}
		switch {
		case c.Status != CmpClosed:
			m.StillOpen++
		case c.Verdict == VerdictSatisfied:
			m.Satisfied++
		default:
			m.Dissatisfied++
		}
	}
	clear(seen)
	var sums [Questions]int
	for _, sv := range surveys {
		if seen[sv.ID] || sv.Status != SurveyDone || sv.DoneAt.Before(from) || !sv.DoneAt.Before(to) {
			continue
		}
		seen[sv.ID] = true
		m.Surveys++
		for i, sc := range sv.Scores {
			sums[i] += sc
		}
		if _, low := (SurveyResult{Scores: sv.Scores}).Low(); low {
			m.LowSurveys++
		}
	}
	if m.Surveys > 0 {
		for i := range sums {
			m.SurveyAverages[i] = float64(sums[i]) / float64(m.Surveys)
		}
	}
	return m
}

// periodLabel names [from, to): "2026-11" for a calendar month,
// "2026-11-28" for a day, "2026-11-22..2026-11-28" otherwise.
func periodLabel(from, to time.Time, loc *time.Location) string {
	f, l := from.In(loc), to.In(loc).AddDate(0, 0, -1)
	switch {
	case f.Day() == 1 && to.In(loc).Day() == 1 && f.AddDate(0, 1, 0).Equal(to.In(loc)):
		return f.Format("2006-01")
	case f.Format(time.DateOnly) == l.Format(time.DateOnly):
		return f.Format(time.DateOnly)
	}
	return fmt.Sprintf("%s..%s", f.Format(time.DateOnly), l.Format(time.DateOnly))
}
