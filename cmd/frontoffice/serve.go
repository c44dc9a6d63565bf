package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	fo "frontoffice"
	"frontoffice/console"
	"frontoffice/data"
	"frontoffice/forms"
	"frontoffice/internal/metrics"
	"frontoffice/internal/web"
	"frontoffice/kiosk"
	"frontoffice/scheduler"
)

// openStore opens the data file, explaining a lock held by a running
// server. FRONTOFFICE_TZ (-tz) only seeds the zone of a new data file: an
// existing file keeps the zone stored in its settings (the console's), and
// a different -tz is ignored with a warning saying so. onBackup, when not
// nil, is told every backup's result.
func openStore(cfg Config, log *slog.Logger, clock fo.Clock, onBackup func(ok bool)) (*data.Store, error) {
	_, statErr := os.Stat(cfg.DataPath)
	fresh := errors.Is(statErr, fs.ErrNotExist)
	s, err := openData(cfg, log, clock, onBackup)
	if err != nil {
		return nil, err
	}
	if err := seedTimeZone(s, cfg.TimeZone, fresh, log); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// seedTimeZone stores zone in the settings of a fresh data file; for an
// existing one it only warns when zone differs from the stored zone.
func seedTimeZone(s *data.Store, zone string, fresh bool, log *slog.Logger) error {
	if zone == "" {
		return nil
	}
	st, err := s.Settings()
	if err != nil || st.Shop.TimeZone == zone {
		return err
	}
	if !fresh {
		if log != nil {
			log.Warn("FRONTOFFICE_TZ (-tz) only sets the zone of a new data file; the shop's stored zone is kept: change it in the console's settings or with settings import",
				"FRONTOFFICE_TZ", zone, "stored", st.Shop.TimeZone)
		}
		return nil
	}
	st.Shop.TimeZone = zone
	if err := s.SaveSettingsAs(st, "system:tz seed"); err != nil {
		return fmt.Errorf("FRONTOFFICE_TZ: %w", err)
	}
	return nil
}

// serve runs the server until ctx ends, then shuts down in order: HTTP, the
// scheduler, the bot, the store. Nothing is half-written: every change is
// one bbolt transaction, and the store closes only after its users stopped.
func serve(ctx context.Context, cfg Config, log *slog.Logger, args []string) error {
	if len(args) > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", args[0])}
	}
	clock := wallClock
	// Metrics come first so that the store and the bot report to them;
	// their figures are read from the store at each scrape.
	var store *data.Store
	mets := metrics.New(metrics.Config{
		Totals: func() (map[string]int, error) { return store.Metrics() },
		Queues: func() ([]metrics.Queue, error) { return queueFigures(store, clock) },
	})
	store, err := openStore(cfg, log, clock, func(ok bool) { mets.BackupResult(ok, clock.Now()) })
	if err != nil {
		return err
	}
	defer store.Close()
	defer func(done <-chan struct{}) { <-done }(startupCheck(store, cfg, log)) // after an unclean stop
	st, err := store.Settings()
	if err != nil {
		return err
	}
	loc := st.Location()
	log.Info("frontoffice starting", "data", cfg.DataPath, "addr", cfg.Addr, "shop", st.Shop.Name, "tz", loc.String())

	secret, err := adminSecret(cfg.DataPath)
	if err != nil {
		return err
	}

	engine, err := forms.New(log.With("part", "forms"))
	if err != nil {
		return err
	}

	night := nightly{store, cfg}
	sched, err := newScheduler(store, night, clock, log)
	if err != nil {
		return err
	}

	bots := &botRunner{}
	// The PDFs that messages carry (slip, service card, reports) are
	// printed when the bot sends them; the console's downloads the same way.
	docs := &forms.Renderer{Engine: engine, Store: store, BotUsername: bots.Username}
	// Two web doors on one mux: the anonymous lobby (kiosk and board) and
	// the staff console behind a login, each with its own assets; the
	// assets both use are mounted once.
	lobby, err := kiosk.New(kiosk.Config{Store: store, Clock: clock, Logger: log.With("part", "kiosk"), BotUsername: bots.Username,
		SecureCookies: cfg.SecureCookies})
	if err != nil {
		return err
	}
	staffConsole, err := console.New(console.Config{Store: store, Clock: clock, Logger: log.With("part", "console"),
		SecureCookies: cfg.SecureCookies, Documents: docs, BotUsername: bots.Username}) // BotUsername: field jobs' contact links (FLD-2)
	if err != nil {
		return err
	}

	mux := http.NewServeMux()
	lobby.Register(mux)
	staffConsole.Register(mux)
	web.MountShared(mux)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if _, err := store.Settings(); err != nil {
			http.Error(w, "store unavailable", http.StatusServiceUnavailable)
			return
		}
		if store.WriteError() != nil {
			http.Error(w, "read-only: the data file cannot be written (disk full?)", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, "ok")
	})
	mux.Handle("GET /metrics", mets.Handler(cfg.MetricsAllow, web.ClientIP))
	mux.Handle("GET /internal/backup", localOnly(secret, backupHandler(store, log)))
	mux.Handle("POST /internal/staff", localOnly(secret, staffHandler(store)))
	mux.Handle("POST /internal/query", localOnly(secret, queryHandler(store, engine, log)))
	mux.Handle("POST /internal/check", localOnly(secret, checkHandler(store, cfg)))

	// Outermost the client's address through trusted proxies (the
	// limiters and /metrics read it), then the count by route pattern.
	srv, certs, err := newHTTPServer(cfg, web.TrustProxies(cfg.TrustedProxies, mets.Middleware(mux)), log)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s (FRONTOFFICE_ADDR): %w", cfg.Addr, err)
	}
	// Local tools find the server by the address file beside the data
	// file; it goes at a clean stop.
	var der []byte
	if certs != nil {
		der = certs.leaf()
		certs.onChange = func(der []byte) {
			if _, err := writeAddrFile(cfg.DataPath, ln.Addr(), der); err != nil {
				log.Error("address file", "err", err)
			}
		}
	}
	// The settings watcher runs before local tools can find the server: a
	// settings import they send at once is applied, never missed.
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	sched.Start(runCtx)
	watching := make(chan struct{})
	go followSettings(runCtx, store, night, sched, log, watching)
	<-watching
	removeAddr, err := writeAddrFile(cfg.DataPath, ln.Addr(), der)
	if err != nil {
		ln.Close()
		return err
	}
	defer removeAddr()
	// The lobby TV's event stream never ends by itself: end it at shutdown
	// so that Shutdown does not wait for its timeout.
	srv.RegisterOnShutdown(lobby.CloseBoardStreams)
	httpDone := make(chan error, 1)
	go func() {
		if certs != nil {
			httpDone <- srv.ServeTLS(ln, "", "")
			return
		}
		httpDone <- srv.Serve(ln)
	}()
	log.Info("listening", "addr", ln.Addr().String(), "https", certs != nil)

	var wg sync.WaitGroup
	bots.start(runCtx, cfg, store, clock, docs, mets, log, &wg)

	select {
	case <-ctx.Done():
		log.Info("shutting down")
	case err := <-httpDone:
		cancel()
		sched.Stop()
		wg.Wait()
		return fmt.Errorf("http server: %w", err)
	}
	// In order: stop taking requests, stop the scheduler (waits for a
	// running job), stop the bot (finishes the update in hand), then the
	// deferred store.Close.
	shutCtx, done := context.WithTimeout(context.Background(), 10*time.Second)
	defer done()
	if err := srv.Shutdown(shutCtx); err != nil {
		log.Warn("http shutdown", "err", err)
	}
	cancel()
	sched.Stop()
	wg.Wait()
	log.Info("stopped")
	return nil
}

// jobs is the cron table of settings st; a rebuild after a settings
// change makes it anew, the nightly backup (after the week's latest
// closing) included.
func jobs(store *data.Store, st *fo.Settings, night nightly) []scheduler.Job {
	all := append([]scheduler.Job{
		scheduler.DueJob(store),
		scheduler.CallListJob(store),       // FU-2, FU-3
		scheduler.MonthlySummaryJob(store), // FU-8
		scheduler.BackupJob(st, night),     // check and back up after closing
		scheduler.PruneJob(store),          // #9: retention of transport records
		scheduler.StationMonthJob(store),   // NET-2 (netb): stations settled and scored monthly
	}, scheduler.ReportJobs(st, store)...) // REP-1: daily, weekly, monthly business statistics
	// REP-2 (qual): the quality information report, weekly or monthly.
	return append(all, scheduler.QualityJobs(st, store)...)
}

// adminSecret returns the secret that local tools (frontoffice backup)
// show to the running server, creating it beside the data file, readable
// only by the owner, on first use. An existing file readable by others is
// made 0600, or start is refused when that fails.
func adminSecret(dataPath string) (string, error) {
	path := dataPath + ".secret"
	if fi, err := os.Stat(path); err == nil && fi.Mode().Perm()&0o077 != 0 {
		if err := os.Chmod(path, 0o600); err != nil {
			return "", fmt.Errorf("the admin secret %s is readable by others (%v) and cannot be made private: %w; run chmod 600 %s or remove it",
				path, fi.Mode().Perm(), err, path)
		}
	}
	if b, err := os.ReadFile(path); err == nil && len(strings.TrimSpace(string(b))) >= 32 {
		return strings.TrimSpace(string(b)), nil
	}
	buf := make([]byte, 32)
	if _, err := rand.Read(buf); err != nil {
		return "", err
	}
	s := hex.EncodeToString(buf)
	if err := os.WriteFile(path, []byte(s+"\n"), 0o600); err != nil {
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Chmod(path, 0o600); err != nil { // an existing short file kept its mode
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	return s, nil
}

// backupHandler streams a consistent copy of the data file (frontoffice
// backup while the server runs).
func backupHandler(store *data.Store, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		if err := store.WriteBackup(w); err != nil {
			log.Error("backup over http", "err", err)
		}
	})
}

// queueFigures are the outbox's and the due entries' figures for /metrics
// (#9): waiting and parked counts kept by the store as they change, the
// oldest waiting message's age and the due queue's lag.
func queueFigures(store *data.Store, clock fo.Clock) ([]metrics.Queue, error) {
	now := clock.Now()
	q, err := store.QueueStats(now)
	if err != nil {
		return nil, err
	}
	var oldest time.Duration
	if !q.OldestOutbox.IsZero() {
		oldest = now.Sub(q.OldestOutbox)
	}
	return []metrics.Queue{
		{Name: "outbox", Waiting: q.OutboxWaiting, Parked: q.OutboxParked, OldestAge: oldest},
		{Name: "due", Waiting: q.DueWaiting, Parked: q.DueParked, OldestAge: q.DueLag},
	}, nil
}
