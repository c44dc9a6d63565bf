package scheduler

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	fo "frontoffice"
	"frontoffice/data"
	"frontoffice/internal/fakeclock"
)

// The nightly backup runs half an hour after the week's latest closing.
func TestBackupSpec(t *testing.T) {
	st := fo.DefaultSettings()
	if got := BackupSpec(&st); got != "30 18 * * *" {
		t.Fatalf("default hours: %s", got)
	}
	st.Hours[time.Saturday].Close = 21 * 60
	if got := BackupSpec(&st); got != "30 21 * * *" {
		t.Fatalf("Saturday to 21:00: %s", got)
	}
	st.Hours[time.Saturday].Close = 23*60 + 45
	if got := BackupSpec(&st); got != "59 23 * * *" {
		t.Fatalf("Saturday to 23:45: %s", got)
	}
	st.Hours = [7]fo.DayHours{}
	if got := BackupSpec(&st); got != "0 22 * * *" {
		t.Fatalf("never open: %s", got)
	}
}

type storeBackups struct {
	s   *data.Store
	dir string
}

func (b storeBackups) DailyBackup(at time.Time) error {
	_, err := b.s.DailyBackup(b.dir, at, data.DefaultKeep)
	return err
}

// A nightly backup missed while the box was off is made once at the next
// start, for the latest missed night.
func TestBackupCatchUp(t *testing.T) {
	clock := fakeclock.New(at(2026, 11, 24, 12, 0))
	store := openStore(t, clock)
	dir := filepath.Join(t.TempDir(), "backups")
	st := fo.DefaultSettings()
	start := func() {
		s := New(Config{Store: store, Clock: clock, Location: shanghai})
		if err := s.Add(BackupJob(&st, storeBackups{store, dir})); err != nil {
			t.Fatal(err)
		}
		s.CatchUpAll(context.Background())
	}
	start()
	if b := data.Backups(dir, store.Path()); len(b) != 0 {
		t.Fatalf("first start made %v", b)
	}
	clock.Set(at(2026, 11, 27, 19, 0))
	start()
	b := data.Backups(dir, store.Path())
	if len(b) != 1 || filepath.Base(b[0].Path) != "f-2026-11-27.db" {
		t.Fatalf("caught up %v, want the backup of 27 November", b)
	}
	if when, err := store.LastBackup(); err != nil || !when.Equal(clock.Now()) {
		t.Fatalf("LastBackup %v %v", when, err)
	}
}
