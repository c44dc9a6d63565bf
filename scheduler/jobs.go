package scheduler

import (
	"context"
	"time"
)

// Reminders sends the appointment reminders that have come due.
type Reminders interface {
	SendDueReminders(now time.Time) (int, error)
}

// ReminderJob checks every minute for appointment reminders that have come
// due (APT-5): 12 to 24 hours before the appointment, outside quiet hours.
// It reads only the due index, so it costs nothing when nothing is due. A
// run caught up after downtime sends the reminders still worth sending.
func ReminderJob(r Reminders) Job {
	return Job{
		Name:    "reminders",
		Spec:    "* * * * *",
		CatchUp: CatchUpLatest,
		Run: func(_ context.Context, at time.Time) error {
			// The minute's own reminders are due at its end.
			_, err := r.SendDueReminders(at.Add(59 * time.Second))
			return err
		},
	}
}
