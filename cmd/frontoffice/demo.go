package main

import (
	"errors"
	"fmt"
	"io"
	"log/slog"

	"frontoffice/internal/demo"
	"frontoffice/internal/fakeclock"
)

// demoCmd loads the demo data into the data file. The server must not be
// running on the same file (the file is locked while it runs).
func demoCmd(cfg Config, log *slog.Logger, args []string, stdout io.Writer) error {
	if len(args) > 0 {
		return usageError{"usage: frontoffice demo"}
	}
	now := wallClock.Now()
	clock := fakeclock.New(now)
	store, err := openStore(cfg, log, clock, nil)
	if err != nil {
		return fmt.Errorf("%w (stop the server before loading the demo data)", err)
	}
	defer store.Close()
	sum, err := demo.Load(store, clock, now, demo.Seed)
	if errors.Is(err, demo.ErrLoaded) {
		fmt.Fprintln(stdout, err)
		return nil
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "demo data loaded into %s: %d customers, %d vehicles, %d past and %d upcoming appointments, %d visits today\n",
		cfg.DataPath, sum.Customers, sum.Vehicles, sum.PastAppointments, sum.Upcoming, sum.Visits)
	if accs, err := store.Accounts(); err == nil && len(accs) == 0 {
		fmt.Fprintln(stdout, `to open the staff console, create an admin: frontoffice staff add --login admin --name 管理员 --role admin (password on stdin)`)
	}
	return nil
}
