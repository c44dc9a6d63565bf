package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	fo "frontoffice"
	"frontoffice/data"
	"frontoffice/forms"
)

const callsUsage = `Usage: frontoffice calls [--date D] [--lang zh|en] [--phones] [--pdf FILE] [flags]

Prints the follow-up call list of day D (default today): per staff member,
the calls due, the window closing soonest first (FU-2, FU-3), with what to
say and what not to repeat (FU-4). D is 2026-12-01, 12-01, 12月1日, today,
tomorrow, 明天, ... Phone numbers are masked unless --phones is given.
Works while the server runs (it reads a consistent copy from it).
--pdf FILE also writes the printed call list with the day's call register
(跟踪服务电话登记表) as a PDF.
`

// callsMain is "frontoffice calls": the day's call list as text.
func callsMain(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	var own callsFlags
	flags := map[string]string{"date": "today", "lang": "", "pdf": ""}
	cfg, pos, code, ok := commandArgs("calls", callsUsage, args, flags, map[string]*bool{"phones": &own.phones}, getenv, stdout, stderr)
	if !ok {
		return code
	}
	own.date, own.lang, own.pdf = flags["date"], flags["lang"], flags["pdf"]
	if len(pos) != 0 {
		fmt.Fprintf(stderr, "frontoffice calls: unexpected argument %q\n\n%s", pos[0], callsUsage)
		return 2
	}
	lang := fo.ParseLang(own.lang)
	if own.lang != "" && own.lang != "zh" && own.lang != "en" {
		fmt.Fprintf(stderr, "frontoffice calls: --lang must be zh or en\n")
		return 2
	}
	store, done, err := openForReading(ctx, cfg)
	if err != nil {
		fmt.Fprintf(stderr, "frontoffice calls: %v\n", err)
		return 1
	}
	defer done()
	st, err := store.Settings()
	if err != nil {
		fmt.Fprintf(stderr, "frontoffice calls: %v\n", err)
		return 1
	}
	day, err := fo.ParseDate(own.date, wallClock.Now(), st.Location())
	if err != nil {
		fmt.Fprintf(stderr, "frontoffice calls: --date %q: %s\n", own.date, fo.ErrorText(fo.EN, err))
		return 2
	}
	list, err := store.CallList(day)
	if err != nil {
		fmt.Fprintf(stderr, "frontoffice calls: %v\n", err)
		return 1
	}
	if list.Len() == 0 {
		fmt.Fprintln(stdout, fo.Texts.T(lang, "calls.none", fo.FormatDay(lang, day, st.Location())))
	}
	for i, sc := range list.Staff {
		if !own.phones {
			for k := range sc.Calls {
				sc.Calls[k].Phone = ""
			}
		}
		if i > 0 {
			fmt.Fprintln(stdout, "\n"+strings.Repeat("─", 40))
		}
		fmt.Fprintln(stdout, fo.CallListText(&st, sc, day, lang))
	}
	if own.pdf != "" {
		// The printed call list and the day's call register (FU-7).
		e, err := forms.New(nil)
		if err != nil {
			fmt.Fprintf(stderr, "frontoffice calls: %v\n", err)
			return 1
		}
		r := &forms.Renderer{Engine: e, Store: store}
		ref, _ := strconv.ParseUint(day.Format("20060102"), 10, 64)
		pdf, err := r.Render(ctx, fo.Document{Kind: forms.KindCalls, Ref: ref}, lang)
		if err == nil {
			err = writeFileAtomic(own.pdf, pdf)
		}
		if err != nil {
			fmt.Fprintf(stderr, "frontoffice calls: --pdf: %v\n", err)
			return 1
		}
		fmt.Fprintf(stderr, "call list written to %s (%d bytes)\n", own.pdf, len(pdf))
	}
	return 0
}

type callsFlags struct {
	date, lang, pdf string
	phones          bool
}

// openForReading opens the data file to read it; when a running server
// holds it, it reads a consistent copy the server makes (as "frontoffice
// backup" does) from a temporary file. done closes and cleans up.
func openForReading(ctx context.Context, cfg Config) (*data.Store, func(), error) {
	if _, err := os.Stat(cfg.DataPath); err != nil {
		return nil, nil, fmt.Errorf("no data file at %s (FRONTOFFICE_DATA)", cfg.DataPath)
	}
	store, err := data.Open(cfg.DataPath, data.Options{Clock: wallClock, Timeout: 300 * time.Millisecond})
	if err == nil {
		return store, func() { store.Close() }, nil
	}
	if !errors.Is(err, data.ErrLocked) {
		return nil, nil, err
	}
	dir, err := os.MkdirTemp("", "frontoffice-calls-")
	if err != nil {
		return nil, nil, err
	}
	copyPath := filepath.Join(dir, "copy.db")
	if err := backupFromServer(ctx, cfg, copyPath); err != nil {
		os.RemoveAll(dir)
		return nil, nil, fmt.Errorf("the data file is in use by a running server and asking it for a copy failed: %w", err)
	}
	store, err = data.Open(copyPath, data.Options{Clock: wallClock, Timeout: time.Second})
	if err != nil {
		os.RemoveAll(dir)
		return nil, nil, err
	}
	return store, func() { store.Close(); os.RemoveAll(dir) }, nil
}
