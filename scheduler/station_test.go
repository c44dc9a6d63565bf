package scheduler

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/robfig/cron/v3"

	fo "frontoffice"
)

type fakeNetwork struct{ calls []string }

func (f *fakeNetwork) SettleStationClaims(month string) ([]fo.StationSettlement, error) {
	f.calls = append(f.calls, "settle "+month)
	return nil, nil
}

func (f *fakeNetwork) SendStationScorecards(month string) ([]fo.StationScorecard, error) {
	f.calls = append(f.calls, "score "+month)
	return nil, nil
}

// NET-2: on the 1st the month before is settled, then scored; January
// settles December of the year before.
func TestStationMonthJobNET2(t *testing.T) {
	loc, _ := time.LoadLocation("Asia/Shanghai")
	f := &fakeNetwork{}
	j := StationMonthJob(f)
	sched, err := cron.ParseStandard(j.Spec)
	if err != nil {
		t.Fatal(err)
	}
	next := sched.Next(time.Date(2026, 12, 6, 10, 0, 0, 0, loc))
	if want := time.Date(2027, 1, 1, 8, 30, 0, 0, loc); !next.Equal(want) {
		t.Errorf("next run %v, want %v", next, want)
	}
	for _, at := range []time.Time{next, time.Date(2026, 12, 1, 8, 30, 0, 0, loc)} {
		if err := j.Run(context.Background(), at); err != nil {
			t.Fatal(err)
		}
	}
	if want := []string{"settle 2026-12", "score 2026-12", "settle 2026-11", "score 2026-11"}; !slices.Equal(f.calls, want) {
		t.Errorf("calls %v, want %v", f.calls, want)
	}
	if got := PreviousMonth(time.Date(2026, 3, 31, 23, 0, 0, 0, loc)); got != "2026-02" {
		t.Errorf("PreviousMonth = %s", got)
	}
}
