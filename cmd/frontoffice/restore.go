package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"frontoffice/data"
)

// restore puts a backup in place of the data file, with the server
// stopped: it checks FILE fully first (a damaged one is refused and
// nothing changes), keeps the replaced data file beside it with a
// timestamp, and renames a copy of FILE into place atomically.
func restore(cfg Config, args []string, stdout io.Writer) error {
	if len(args) != 1 || args[0] == "" {
		return usageError{"usage: frontoffice restore FILE (with the server stopped; backups are in " + cfg.BackupDir + ")"}
	}
	file := args[0]
	if _, err := os.Stat(file); err != nil {
		return fmt.Errorf("no backup file at %s", file)
	}
	kept, err := data.Restore(cfg.DataPath, file, wallClock.Now())
	switch {
	case errors.Is(err, data.ErrLocked):
		return fmt.Errorf("a running frontoffice holds %s: stop the server first, then restore", cfg.DataPath)
	case errors.Is(err, data.ErrDamaged), errors.Is(err, data.ErrEmptyFile):
		return fmt.Errorf("%s is not a sound data file, nothing was changed: %v", file, err)
	case err != nil:
		return fmt.Errorf("restore from %s: %w", file, err)
	}
	if kept != "" {
		fmt.Fprintf(stdout, "restored %s from %s; the replaced file is kept as %s\n", cfg.DataPath, file, kept)
	} else {
		fmt.Fprintf(stdout, "restored %s from %s\n", cfg.DataPath, file)
	}
	return nil
}
