package main

import (
	"context"
	"log/slog"

	fo "frontoffice"
	"frontoffice/data"
	"frontoffice/scheduler"
)

// newScheduler builds the cron table of the stored settings, in their
// zone.
func newScheduler(store *data.Store, night nightly, clock fo.Clock, log *slog.Logger) (*scheduler.Scheduler, error) {
	st, err := store.Settings()
	if err != nil {
		return nil, err
	}
	sched := scheduler.New(scheduler.Config{Store: store, Clock: clock, Logger: log, Location: st.Location()})
	for _, j := range jobs(store, &st, night) {
		if err := sched.Add(j); err != nil {
			return nil, err
		}
	}
	return sched, nil
}

// followSettings rebuilds the cron table and its zone each time settings
// are saved (the console, or "settings import" through the running
// server), until ctx ends: new hours, report times and zone take effect at
// once, without a restart. The reminders not yet due are timed anew by
// SaveSettings itself. ready, when not nil, is closed once it watches.
func followSettings(ctx context.Context, store *data.Store, night nightly, sched *scheduler.Scheduler, log *slog.Logger, ready chan<- struct{}) {
	for {
		// Watch before reading: a save between the read and the wait is
		// not missed.
		changed := store.SettingsChanged()
		if ready != nil {
			close(ready)
			ready = nil
		}
		select {
		case <-ctx.Done():
			return
		case <-changed:
		}
		st, err := store.Settings()
		if err != nil {
			log.Error("settings changed but cannot be read", "err", err)
			continue
		}
		if err := sched.Rebuild(st.Location(), jobs(store, &st, night)); err != nil {
			log.Error("rebuild the cron table", "err", err)
			continue
		}
		log.Info("settings applied", "tz", st.Location().String())
	}
}
