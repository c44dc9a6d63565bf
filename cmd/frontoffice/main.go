// Command frontoffice runs the front office of an after-sales installation
// and service shop: Telegram bot, lobby kiosk, queue board, staff console,
// scheduler and PDF forms, on one bbolt data file.
//
// Usage:
//
//	frontoffice [serve] [flags]      run everything (the default)
//	frontoffice backup FILE          consistent copy of the data file, also while serving
//	frontoffice check                full consistency check of the data file
//	frontoffice restore FILE         put a backup in place (server stopped)
//	frontoffice demo                 load demo data into the data file
//	frontoffice calls --date D       the follow-up call list of a day
//	frontoffice report daily|weekly|monthly --date D --pdf FILE   business statistics
//	frontoffice card VISIT --pdf FILE   the service card of a delivered visit
//	frontoffice settings export [FILE]
//	frontoffice settings import FILE
//	frontoffice staff add|passwd|list|disable|enable|role   staff console accounts
//
// Flags and environment variables: see Config and the README.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	fo "frontoffice"
)

// wallClock is the time every command runs at: the wall clock. The
// package's tests stand it still at a fixed instant (TestMain).
var wallClock fo.Clock = fo.SystemClock{}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr, os.Getenv)
	stop()
	os.Exit(code)
}

const usage = `frontoffice — the front office of an installation and service shop

Usage:
  frontoffice [serve] [flags]          run kiosk, console, scheduler and (with a token) the bot
  frontoffice backup FILE [flags]      write a consistent, checked copy of the data file (works while serving)
  frontoffice check [flags]            full consistency check of the data file (works while serving)
  frontoffice restore FILE [flags]     put a backup in place of the data file (server stopped; keeps the old file)
  frontoffice demo [flags]             load demo customers, vehicles and appointments
  frontoffice calls [--date D]         print the follow-up call list of a day (default today)
  frontoffice report daily|weekly|monthly [--date D] [--pdf FILE]
                                       business statistics of a day, week or month (PDF with --pdf)
  frontoffice card VISIT --pdf FILE    the service card of a delivered visit (20261127-A003) as PDF
  frontoffice settings export [FILE]   print the shop settings as JSON (to FILE)
  frontoffice settings import FILE     validate and store shop settings from JSON
  frontoffice staff add|passwd|list|disable|enable|role
                                       staff console accounts; the first admin:
                                       frontoffice staff add --login admin --name 管理员 --role admin
                                       (password on stdin or --password-file; "frontoffice staff help")

Flags (each also an environment variable):
  -data FILE                FRONTOFFICE_DATA        data file (default frontoffice.db)
  -addr HOST:PORT           FRONTOFFICE_ADDR        HTTP address (default :8080)
  -tz ZONE                  FRONTOFFICE_TZ          time zone of a new data file (an existing one keeps its settings' zone)
  -telegram-token-file F    TELEGRAM_BOT_TOKEN[_FILE]  bot token; the bot is off without one
  -telegram-endpoint URL    TELEGRAM_API_ENDPOINT   Bot API endpoint (default: the public Bot API)
  -log-level LEVEL          FRONTOFFICE_LOG_LEVEL   debug, info, warn, error
  -secure-cookies           FRONTOFFICE_SECURE_COOKIES  console cookies only over HTTPS (default: on with TLS)
  -tls-cert-file F          FRONTOFFICE_TLS_CERT_FILE   serve HTTPS with this PEM certificate ...
  -tls-key-file F           FRONTOFFICE_TLS_KEY_FILE    ... and this PEM key
  -trusted-proxies LIST     FRONTOFFICE_TRUSTED_PROXIES  proxies whose X-Forwarded-For is believed (CIDRs)
  -metrics-allow LIST       FRONTOFFICE_METRICS_ALLOW   who besides the loopback may read /metrics (CIDRs)

Tools beside a running server (backup, calls, report, card, settings, staff)
find it by the address file it writes beside the data file (<data>.addr).
  -init                     FRONTOFFICE_INIT=1      create a new, empty data file where a missing
                                                    folder, a 0-byte file or a vanished file is refused
  -backup-dir DIR           FRONTOFFICE_BACKUP_DIR  nightly backups (default: <data>.backups)
  -backup-days N            FRONTOFFICE_BACKUP_DAYS     daily backups kept (default 7)
  -backup-months N          FRONTOFFICE_BACKUP_MONTHS   monthly backups kept (default 12)
`

// run is the program; it returns the exit code. Tests call it directly.
func run(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	cmd := "serve"
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	case "serve", "backup", "demo", "settings", "check", "restore":
	case "staff":
		return staffMain(args, os.Stdin, stdout, stderr, getenv)
	case "calls":
		return callsMain(ctx, args, stdout, stderr, getenv)
	case "report":
		return reportMain(ctx, args, stdout, stderr, getenv)
	case "card":
		return cardMain(ctx, args, stdout, stderr, getenv)
	default:
		fmt.Fprintf(stderr, "frontoffice: unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	cfg, rest, err := loadConfig(cmd, args, getenv, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "frontoffice %s: %v\n", cmd, err)
		return 2
	}
	if cmd == "settings" {
		return settingsCmd(ctx, cfg, rest, stdout, stderr)
	}
	log := newLogger(stderr, cfg.LogLevel)
	switch cmd {
	case "serve":
		err = serve(ctx, cfg, log, rest)
	case "backup":
		err = backup(ctx, cfg, rest, stdout)
	case "check":
		err = check(ctx, cfg, rest, stdout)
	case "restore":
		err = restore(cfg, rest, stdout)
	case "demo":
		err = demoCmd(cfg, log, rest, stdout)
	}
	if err != nil {
		var u usageError
		if errors.As(err, &u) {
			fmt.Fprintf(stderr, "frontoffice %s: %v\n", cmd, err)
			return 2
		}
		fmt.Fprintf(stderr, "frontoffice %s: %v\n", cmd, err)
		return 1
	}
	return 0
}

// usageError is a mistake in the command line.
type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

func newLogger(w io.Writer, level string) *slog.Logger {
	var l slog.Level
	l.UnmarshalText([]byte(level))
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: l}))
}
