package scheduler

// The service network's monthly job (NET-2): on the 1st of every month,
// the month before is settled — every station's audited cost claims, with
// its settlement statement to the station and finance — and then every
// station's scorecard, which counts the claims settled, goes to the
// supervisor and the station.

import (
	"context"
	"time"

	fo "frontoffice"
)

// Network settles the stations' claims and sends their scorecards.
type Network interface {
	SettleStationClaims(month string) ([]fo.StationSettlement, error)
	SendStationScorecards(month string) ([]fo.StationScorecard, error)
}

// StationMonthJob settles and scores the month before at on the 1st of
// each month at 08:30 shop time (NET-2). Catch-up: each — a month missed
// while the box was off is made at the next start; both steps are made
// once per month (the store keys them by station and month), so a repeat
// sends nothing twice.
func StationMonthJob(n Network) Job {
	return Job{
		Name:    "station-month",
		Spec:    "30 8 1 * *",
		CatchUp: CatchUpEach,
		Run: func(_ context.Context, at time.Time) error {
			month := PreviousMonth(at)
			if _, err := n.SettleStationClaims(month); err != nil {
				return err
			}
			_, err := n.SendStationScorecards(month)
			return err
		},
	}
}

// PreviousMonth returns the month before at's, "2026-11" for any time in
// December 2026 (in at's zone).
func PreviousMonth(at time.Time) string {
	first := time.Date(at.Year(), at.Month(), 1, 12, 0, 0, 0, at.Location())
	return first.AddDate(0, -1, 0).Format("2006-01")
}
