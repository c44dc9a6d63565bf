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
