package scheduler

import (
	"context"
	"time"
)

// Due does what has come due by a time.
type Due interface {
	RunDue(now time.Time) (int, error)
}

// DueJob does, every minute, what has come due: appointment reminders 12 to
// 24 hours ahead outside quiet hours (APT-5), pickup notices (DEL-2),
// progress checks (INT-7) and the like. It reads only the due index, so it
// costs nothing when nothing is due. A run caught up after downtime does
// what is still worth doing.
func DueJob(r Due) Job {
	return Job{
		Name:    "due",
		Spec:    "* * * * *",
		CatchUp: CatchUpLatest,
		Run: func(_ context.Context, at time.Time) error {
			// The minute's own reminders are due at its end.
			_, err := r.RunDue(at.Add(59 * time.Second))
			return err
		},
	}
}

// Pruner removes the transport records past their retention age.
type Pruner interface {
	Prune(now time.Time) (map[string]int, error)
}

// PruneJob prunes, every night at 03:10 shop time (the shop is closed and
// the night's backup has not started), what only served to carry messages
// and requests: idempotency keys, sent outbox keys, relay maps, dead
// letters and parked entries once shown, expired sessions and link tokens
// (data/retention.go has the ages and why). A night missed while the
// process was down is made up once at start.
func PruneJob(p Pruner) Job {
	return Job{
		Name:    "prune",
		Spec:    "10 3 * * *",
		CatchUp: CatchUpLatest,
		Run: func(_ context.Context, at time.Time) error {
			_, err := p.Prune(at)
			return err
		},
	}
}
