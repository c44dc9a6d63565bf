package data

// The call and letter registers (FU-7) and the supervisor's monthly
// summary (FU-8). What a delivery sets going is in data/delivery.go; each
// part of the follow-up work documents its buckets where it lives: data/complaint.go (complaints,
// complaint_open, reg_call, reg_letter), data/followup.go (calls,
// call_due), data/task.go (tasks), data/survey.go (surveys),
// data/promotion.go (promotions); data/escalation.go holds the due
// handlers that bring things to staff and the supervisor.

import (
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// CallRegister returns the call register's entries (FU-7) written in
// [from, to), oldest first.
func (s *Store) CallRegister(from, to time.Time) ([]fo.RegisterEntry, error) {
	return s.registerRange(bRegCall, from, to)
}

// LetterRegister returns the letter register's entries (FU-7) written in
// [from, to), oldest first.
func (s *Store) LetterRegister(from, to time.Time) ([]fo.RegisterEntry, error) {
	return s.registerRange(bRegLetter, from, to)
}

// Monthly summary (FU-8).

// callLookBack bounds how long before a month a call whose window ends in
// it can have been made: a second call after a missed first closes 23 days
// after it was made.
const callLookBack = 40

// MonthlySummary returns the supervisor's summary of the month holding day
// (FU-8): the follow-up calls (first and second) whose window ends in the
// month — due, done in the window, missed, still open —, the complaints
// filed in it by category, answered in time, satisfied, dissatisfied and
// still open, and the surveys answered in it with their averages. It reads
// the calls and surveys of the month and the weeks before (newest first),
// and the month's part of the ticket index.
func (s *Store) MonthlySummary(day time.Time) (fo.MonthlySummary, error) {
	var m fo.MonthlySummary
	err := s.db.View(func(tx *bolt.Tx) error {
		st, err := settingsTx(tx)
		if err != nil {
			return err
		}
		m, err = monthlySummaryTx(tx, &st, day)
		return err
	})
	return m, err
}

func monthlySummaryTx(tx *bolt.Tx, st *fo.Settings, day time.Time) (fo.MonthlySummary, error) {
	loc := st.Location()
	d := day.In(loc)
	first := time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, loc)
	next := first.AddDate(0, 1, 0)
	m := fo.MonthlySummary{Month: first.Format("2006-01"), ByCategory: map[string]int{}}
	floor := first.AddDate(0, 0, -callLookBack)
	c := tx.Bucket(bCalls).Cursor()
	for k, v := c.Last(); k != nil; k, v = c.Prev() {
		var call fo.Call
		if err := jsonUnmarshal(v, &call); err != nil {
			return m, fmt.Errorf("call %d: %w", btou(k), err)
		}
		if call.CreatedAt.Before(floor) {
			break
		}
		if call.Kind == fo.CallPromo || !call.Closes.After(first) || call.Closes.After(next) {
			continue
		}
		m.CallsDue++
		switch {
		case call.Status == fo.CallDone && call.InWindow(call.DoneAt):
			m.CallsDoneInWindow++
		case call.Status == fo.CallMissed:
			m.CallsMissed++
		case call.Status == fo.CallOpen:
			m.CallsOpen++
		}
	}
	cmps, err := complaintsFiledTx(tx, first, next.AddDate(0, 0, -1))
	if err != nil {
		return m, err
	}
	for _, cp := range cmps {
		m.Complaints++
		m.ByCategory[cp.Category]++
		if cp.AnsweredInTime() {
			m.AnsweredInTime++
		}
		switch {
		case cp.Status != fo.CmpClosed:
			m.StillOpen++
		case cp.Verdict == fo.VerdictSatisfied:
			m.Satisfied++
		default:
			m.Dissatisfied++
		}
	}
	var sums [fo.Questions]int
	err = eachRecentSurvey(tx, first.AddDate(0, 0, -surveyLookBack), func(sv fo.Survey) {
		if sv.Status != fo.SurveyDone || sv.DoneAt.Before(first) || !sv.DoneAt.Before(next) {
			return
		}
		m.Surveys++
		for i, sc := range sv.Scores {
			sums[i] += sc
		}
		if _, low := sv.Low(); low {
			m.LowSurveys++
		}
	})
	if m.Surveys > 0 {
		for i := range sums {
			m.SurveyAverages[i] = float64(sums[i]) / float64(m.Surveys)
		}
	}
	return m, err
}

// SendMonthlySummary sends the summary of the month holding day to the
// supervisor's chat (FU-8), once per month, and returns it.
func (s *Store) SendMonthlySummary(day time.Time) (fo.MonthlySummary, error) {
	var m fo.MonthlySummary
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		st, err := settingsTx(tx)
		if err != nil {
			return err
		}
		if m, err = monthlySummaryTx(tx, &st, day); err != nil {
			return err
		}
		return w.enqueue(fo.MonthlySummaryMessages(&st, m)...)
	})
	return m, err
}
