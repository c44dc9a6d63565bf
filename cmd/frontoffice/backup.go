package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"frontoffice/data"
)

// backup writes a consistent copy of the data file to the file named in
// args. When a server holds the file, the copy comes from it over loopback
// HTTP (authenticated by the admin secret beside the data file); otherwise
// the file is opened directly. Either way the copy is written to a temporary
// file, fsynced and renamed: the target is never half-written.
func backup(ctx context.Context, cfg Config, args []string, stdout io.Writer) error {
	if len(args) != 1 || args[0] == "" {
		return usageError{"usage: frontoffice backup FILE"}
	}
	target := args[0]
	if abs, err := filepath.Abs(target); err == nil {
		if d, err2 := filepath.Abs(cfg.DataPath); err2 == nil && abs == d {
			return usageError{"the backup must not overwrite the data file itself"}
		}
	}
	if _, statErr := os.Stat(cfg.DataPath); statErr != nil {
		return fmt.Errorf("no data file at %s (FRONTOFFICE_DATA)", cfg.DataPath)
	}
	store, err := data.Open(cfg.DataPath, data.Options{Timeout: 300 * time.Millisecond})
	if err == nil {
		defer store.Close()
		if err := store.Backup(target); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "backup written to %s\n", target)
		return nil
	}
	if !errors.Is(err, data.ErrLocked) {
		return explainOpen(cfg, err)
	}
	// The server holds the file: ask it.
	if err := fetchFromServer(ctx, cfg, target, func(tmp string) error {
		_, err := data.CheckFile(tmp)
		return err
	}); err != nil {
		return fmt.Errorf("the data file is in use by a running server and asking it failed: %w", err)
	}
	fmt.Fprintf(stdout, "backup written to %s (from the running server)\n", target)
	return nil
}

// fetchFromServer writes the running server's copy of the data file to
// target through a temporary file that must pass check first.
func fetchFromServer(ctx context.Context, cfg Config, target string, check func(tmp string) error) error {
	c, err := dialServer(cfg)
	if err != nil {
		return err
	}
	resp, err := c.do(ctx, http.MethodGet, "/internal/backup", nil)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("server answered %s", resp.Status)
	}
	tmp, err := os.CreateTemp(filepath.Dir(target), filepath.Base(target)+".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	n, err := io.Copy(tmp, resp.Body)
	if err == nil && n == 0 {
		err = errors.New("empty backup")
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	// Check the copy before it replaces anything.
	if err := check(tmp.Name()); err != nil {
		return fmt.Errorf("the copy fails its check: %w", err)
	}
	return os.Rename(tmp.Name(), target)
}
