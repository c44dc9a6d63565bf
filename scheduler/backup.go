package scheduler

import (
	"context"
	"fmt"
	"time"

	fo "frontoffice"
)

// Backups writes the nightly backup: the full check of the data file, then
// a verified copy, then the rotation (data.Store.DailyBackup with the
// configured folder and counts).
type Backups interface {
	DailyBackup(at time.Time) error
}

// BackupAfterClosing is how long after the week's latest closing time the
// nightly backup runs.
const BackupAfterClosing = 30 * time.Minute

// BackupSpec is the nightly backup's cron spec: every day at the week's
// latest closing time plus BackupAfterClosing (18:30 with the default
// hours), at 23:59 at the latest; 22:00 when the shop never opens.
func BackupSpec(st *fo.Settings) string {
	latest := fo.HM(-1)
	for _, h := range st.Hours {
		if h.IsOpen() && h.Close > latest {
			latest = h.Close
		}
	}
	t := 22 * 60
	if latest >= 0 {
		t = min(int(latest)+int(BackupAfterClosing/time.Minute), 23*60+59)
	}
	return fmt.Sprintf("%d %d * * *", t%60, t/60)
}

// BackupJob is the nightly backup. A run missed while the box was off is
// made once at the next start (CatchUpLatest). A failed run is retried at
// the next start or night; the store announces the failure.
func BackupJob(st *fo.Settings, b Backups) Job {
	return Job{
		Name:    "backup",
		Spec:    BackupSpec(st),
		CatchUp: CatchUpLatest,
		Run: func(_ context.Context, at time.Time) error {
			return b.DailyBackup(at)
		},
	}
}
