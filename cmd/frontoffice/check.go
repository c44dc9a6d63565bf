package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	fo "frontoffice"
	"frontoffice/data"
)

// openData opens the data file for serving (and the commands that write
// it). It refuses, with one line that says what to do and names the last
// backup, a missing folder (a disk not mounted), a 0-byte file, a damaged
// file, and a missing file where a previous run left its secret or
// backups; -init (FRONTOFFICE_INIT=1) makes a new file in those cases but
// a damaged one. A missing file in an existing folder with no trace of a
// previous run is a first run: a new file is made (the README's first
// command in a fresh clone).
// onBackup, when not nil, is told every backup's result (metrics).
func openData(cfg Config, log *slog.Logger, clock fo.Clock, onBackup func(ok bool)) (*data.Store, error) {
	_, dirErr := os.Stat(filepath.Dir(cfg.DataPath))
	if _, err := os.Stat(cfg.DataPath); errors.Is(err, os.ErrNotExist) && dirErr == nil && !cfg.Init {
		var traces []string
		if _, err := os.Stat(cfg.DataPath + ".secret"); err == nil {
			traces = append(traces, cfg.DataPath+".secret")
		}
		if b := data.LatestBackup(cfg.BackupDir, cfg.DataPath); b != "" {
			traces = append(traces, b)
		}
		if len(traces) > 0 {
			return nil, fmt.Errorf("the data file %s is missing, but an earlier run left %s; %s, or start with -init (FRONTOFFICE_INIT=1) for a new, empty shop",
				cfg.DataPath, strings.Join(traces, " and "), restoreHint(cfg))
		}
	}
	s, err := data.Open(cfg.DataPath, data.Options{Logger: log, Clock: clock, Timeout: 2 * time.Second, Init: cfg.Init, OnBackup: onBackup})
	if err != nil {
		return nil, explainOpen(cfg, err)
	}
	return s, nil
}

// restoreHint names the last backup and how to put it back.
func restoreHint(cfg Config) string {
	if last := data.LatestBackup(cfg.BackupDir, cfg.DataPath); last != "" {
		return "restore the last backup with: frontoffice restore " + last
	}
	return "no backup found in " + cfg.BackupDir + " (FRONTOFFICE_BACKUP_DIR)"
}

// explainOpen turns Open's refusals into one line saying what to do.
func explainOpen(cfg Config, err error) error {
	one := strings.Join(strings.Fields(err.Error()), " ")
	switch {
	case errors.Is(err, data.ErrNoFolder):
		return fmt.Errorf("%s; check FRONTOFFICE_DATA (-data), or start with -init (FRONTOFFICE_INIT=1) to create the folder and a new, empty shop; %s", one, restoreHint(cfg))
	case errors.Is(err, data.ErrEmptyFile):
		return fmt.Errorf("%s; %s, or start with -init (FRONTOFFICE_INIT=1) for a new, empty shop", one, restoreHint(cfg))
	case errors.Is(err, data.ErrDamaged):
		return fmt.Errorf("%s; stop here and %s (the damaged file is kept beside it)", one, restoreHint(cfg))
	}
	return errors.New(one)
}

// startupCheck runs the full check in the background when the last run
// did not end cleanly; the shop serves meanwhile. done closes when it ends.
func startupCheck(store *data.Store, cfg Config, log *slog.Logger) (done <-chan struct{}) {
	ch := make(chan struct{})
	if !store.UncleanStop() {
		close(ch)
		return ch
	}
	log.Warn("the last run did not end cleanly: checking the data file in the background")
	go func() {
		defer close(ch)
		if err := store.CheckInBackground(cfg.BackupDir); err != nil {
			log.Error("data file check", "err", err)
			return
		}
		log.Info("data file check passed")
	}()
	return ch
}

// nightly is the backup job's view of the store with the configured
// folder and counts.
type nightly struct {
	store *data.Store
	cfg   Config
}

func (n nightly) DailyBackup(at time.Time) error {
	_, err := n.store.DailyBackup(n.cfg.BackupDir, at, data.Keep{Daily: n.cfg.BackupDays, Monthly: n.cfg.BackupMonths})
	return err
}

// checkResult is the answer of /internal/check.
type checkResult struct {
	Keys  int    `json:"keys"`
	Error string `json:"error,omitempty"`
}

// checkHandler runs the full check on a copy (frontoffice check while the
// server runs).
func checkHandler(store *data.Store, cfg Config) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var res checkResult
		os.MkdirAll(cfg.BackupDir, 0o750)
		counts, err := store.Check(cfg.BackupDir)
		if err != nil {
			res.Error = strings.Join(strings.Fields(err.Error()), " ")
		}
		res.Keys = counts.Total()
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(res)
	})
}

// check runs the full consistency check of the data file: directly with
// the server stopped, or by asking the running server, which checks a
// fresh copy of itself.
func check(ctx context.Context, cfg Config, args []string, stdout io.Writer) error {
	if len(args) > 0 {
		return usageError{"usage: frontoffice check"}
	}
	if _, err := os.Stat(cfg.DataPath); err != nil {
		return fmt.Errorf("no data file at %s (FRONTOFFICE_DATA); %s", cfg.DataPath, restoreHint(cfg))
	}
	start := time.Now()
	counts, err := data.CheckFile(cfg.DataPath)
	if err == nil {
		fmt.Fprintf(stdout, "%s is sound: %d records in %d buckets, checked in %s\n", cfg.DataPath, counts.Total(), len(counts), time.Since(start).Round(time.Millisecond))
		return nil
	}
	if !errors.Is(err, data.ErrLocked) {
		return explainOpen(cfg, err)
	}
	res, err := checkOnServer(ctx, cfg)
	if err != nil {
		return fmt.Errorf("the data file is in use by a running server and asking it to check failed: %w", err)
	}
	if res.Error != "" {
		return fmt.Errorf("%s; %s", res.Error, restoreHint(cfg))
	}
	fmt.Fprintf(stdout, "%s is sound: %d records, checked by the running server in %s\n", cfg.DataPath, res.Keys, time.Since(start).Round(time.Millisecond))
	return nil
}

func checkOnServer(ctx context.Context, cfg Config) (checkResult, error) {
	var res checkResult
	c, err := dialServer(cfg)
	if err != nil {
		return res, err
	}
	resp, err := c.do(ctx, http.MethodPost, "/internal/check", nil)
	if err != nil {
		return res, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return res, fmt.Errorf("server answered %s", resp.Status)
	}
	return res, json.NewDecoder(resp.Body).Decode(&res)
}
