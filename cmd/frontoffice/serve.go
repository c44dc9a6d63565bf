package main

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
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
	"frontoffice/internal/web"
	"frontoffice/kiosk"
	"frontoffice/scheduler"
)

// openStore opens the data file, explaining a lock held by a running
// server.
func openStore(cfg Config, log *slog.Logger, clock fo.Clock) (*data.Store, error) {
	s, err := data.Open(cfg.DataPath, data.Options{Logger: log, Clock: clock, Timeout: 2 * time.Second})
	if err != nil {
		return nil, err
	}
	if cfg.TimeZone != "" {
		st, err := s.Settings()
		if err == nil && st.Shop.TimeZone != cfg.TimeZone {
			st.Shop.TimeZone = cfg.TimeZone
			if err := s.SaveSettings(st); err != nil {
				s.Close()
				return nil, fmt.Errorf("FRONTOFFICE_TZ: %w", err)
			}
		}
	}
	return s, nil
}

// serve runs the server until ctx ends, then shuts down in order: HTTP, the
// scheduler, the bot, the store. Nothing is half-written: every change is
// one bbolt transaction, and the store closes only after its users stopped.
func serve(ctx context.Context, cfg Config, log *slog.Logger, args []string) error {
	if len(args) > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", args[0])}
	}
	clock := wallClock
	store, err := openStore(cfg, log, clock)
	if err != nil {
		return err
	}
	defer store.Close()
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

	sched := scheduler.New(scheduler.Config{Store: store, Clock: clock, Logger: log, Location: loc})
	for _, j := range jobs(store, &st) {
		if err := sched.Add(j); err != nil {
			return err
		}
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
		SecureCookies: cfg.SecureCookies, Documents: docs})
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
		fmt.Fprintln(w, "ok")
	})
	mux.Handle("GET /metrics", metricsHandler(store))
	mux.Handle("GET /internal/backup", localOnly(secret, backupHandler(store, log)))
	mux.Handle("POST /internal/staff", localOnly(secret, staffHandler(store)))

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s (FRONTOFFICE_ADDR): %w", cfg.Addr, err)
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	// The lobby TV's event stream never ends by itself: end it at shutdown
	// so that Shutdown does not wait for its timeout.
	srv.RegisterOnShutdown(lobby.CloseBoardStreams)
	httpDone := make(chan error, 1)
	go func() { httpDone <- srv.Serve(ln) }()
	log.Info("listening", "addr", ln.Addr().String())

	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	sched.Start(runCtx)

	var wg sync.WaitGroup
	bots.start(runCtx, cfg, store, clock, docs, log, &wg)

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

// jobs is the cron table.
func jobs(store *data.Store, st *fo.Settings) []scheduler.Job {
	return append([]scheduler.Job{
		scheduler.DueJob(store),
		scheduler.CallListJob(store),       // FU-2, FU-3
		scheduler.MonthlySummaryJob(store), // FU-8
		scheduler.PruneJob(store),          // #9: retention of transport records
	}, scheduler.ReportJobs(st, store)...) // REP-1: daily, weekly, monthly business statistics
}

// adminSecret returns the secret that local tools (frontoffice backup) show
// to the running server, creating it beside the data file, readable only by
// the owner, on first use.
func adminSecret(dataPath string) (string, error) {
	path := dataPath + ".secret"
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
	return s, nil
}

// localOnly serves h only to a local tool: a loopback caller showing the
// admin secret kept beside the data file (readable by its owner only).
func localOnly(secret string, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, _, _ := net.SplitHostPort(r.RemoteAddr)
		ip := net.ParseIP(host)
		got := r.Header.Get("X-Frontoffice-Secret")
		if ip == nil || !ip.IsLoopback() || subtle.ConstantTimeCompare([]byte(got), []byte(secret)) != 1 {
			http.Error(w, "forbidden", http.StatusForbidden)
			return
		}
		h.ServeHTTP(w, r)
	})
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

// metricsHandler serves a few gauges in the Prometheus text format.
func metricsHandler(store *data.Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		m, err := store.Metrics()
		if err != nil {
			http.Error(w, "store unavailable", http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "text/plain; version=0.0.4")
		for _, k := range m.Names() {
			fmt.Fprintf(w, "frontoffice_%s %d\n", k, m[k])
		}
	})
}
