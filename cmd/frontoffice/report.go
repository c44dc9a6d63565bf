package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	fo "frontoffice"
	"frontoffice/data"
	"frontoffice/forms"
)

const reportUsage = `Usage: frontoffice report daily|weekly|monthly|yearly [--date D] [--pdf FILE] [--lang zh|en] [flags]

Prints the business statistics 业务统计表 (REP-1) of the day, the week
(Sunday to Saturday), the month or the year holding day D (default today): vehicles
by type and service, revenue, receivables, appointments kept and missed,
and the after-sales figures (REP-3, FU-8). D is 2026-11-30, 11-30, 11月30日,
today or yesterday (昨天); a day without a year that is still to come is
last year's. With --pdf the report is written to FILE as a PDF with its
bar charts, else its main figures are printed. --lang: zh (default) or en.
Works while the server runs (the server answers from its own store).
`

// reportMain is "frontoffice report".
func reportMain(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	own := map[string]string{"date": "today", "pdf": "", "lang": "zh"}
	cfg, pos, code, ok := commandArgs("report", reportUsage, args, own, nil, getenv, stdout, stderr)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		fmt.Fprintf(stderr, "frontoffice report: say which report: daily, weekly, monthly or yearly\n\n%s", reportUsage)
		return 2
	}
	if _, err := fo.ParseReportKind(pos[0]); err != nil {
		fmt.Fprintf(stderr, "frontoffice report: %q is not a report: daily, weekly, monthly or yearly\n", pos[0])
		return 2
	}
	lang, ok := parseLangFlag(own["lang"])
	if !ok {
		fmt.Fprintf(stderr, "frontoffice report: --lang must be zh or en\n")
		return 2
	}
	q := query{Cmd: "report", Args: pos, Own: map[string]string{"date": own["date"], "lang": string(lang), "pdf": own["pdf"]}}
	return ask(ctx, cfg, q, false).print(stdout, stderr, own["pdf"], writeFileAtomic)
}

// reportAnswer is the report q asks for from store: its main figures as
// text, or its PDF.
func reportAnswer(ctx context.Context, store *data.Store, eng engines, q query) answer {
	if len(q.Args) != 1 {
		return failed(2, "frontoffice report: say which report: daily, weekly, monthly or yearly")
	}
	kind, err := fo.ParseReportKind(q.Args[0])
	if err != nil {
		return failed(2, "frontoffice report: %q is not a report: daily, weekly, monthly or yearly", q.Args[0])
	}
	lang, ok := parseLangFlag(q.Own["lang"])
	if !ok {
		return failed(2, "frontoffice report: --lang must be zh or en")
	}
	st, err := store.Settings()
	if err != nil {
		return failed(1, "frontoffice report: %v", err)
	}
	day, err := reportDay(q.Own["date"], wallClock.Now(), st.Location())
	if err != nil {
		return failed(2, "frontoffice report: --date %q: %s", q.Own["date"], fo.ErrorText(fo.EN, err))
	}
	if q.Own["pdf"] == "" {
		b, err := store.BusinessStats(kind, day)
		if err != nil {
			return failed(1, "frontoffice report: %v", err)
		}
		return answer{Stdout: fo.ReportText(&st, b, lang) + "\n"}
	}
	e, err := eng()
	if err != nil {
		return failed(1, "frontoffice report: %v", err)
	}
	r := &forms.Renderer{Engine: e, Store: store}
	pdf, err := r.Render(ctx, fo.Document{Kind: kind.DocKind(), Ref: fo.ReportRef(day, st.Location())}, lang)
	if err != nil {
		return failed(1, "frontoffice report: %v", err)
	}
	from, to := fo.ReportPeriod(kind, day, st.Location())
	return answer{File: pdf, Done: fmt.Sprintf("%s report %s..%s written to %s (%d bytes)\n", kind,
		from.Format(time.DateOnly), to.AddDate(0, 0, -1).Format(time.DateOnly), q.Own["pdf"], len(pdf))}
}

// yearless matches a typed day without a year: "11-30", "11/30", "11月30日".
var yearless = regexp.MustCompile(`^\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?\s*$`)

// reportDay reads the day of a report with fo.ParseDate, and "yesterday";
// a day without a year that is still to come is last year's, since
// reports look back.
func reportDay(s string, now time.Time, loc *time.Location) (time.Time, error) {
	switch strings.TrimSpace(strings.ToLower(s)) {
	case "yesterday", "昨天", "昨日":
		return fo.DayStart(now, loc).AddDate(0, 0, -1), nil
	}
	day, err := fo.ParseDate(s, now, loc)
	if err != nil {
		return day, err
	}
	if yearless.MatchString(s) && day.After(fo.DayStart(now, loc)) {
		day = day.AddDate(-1, 0, 0)
	}
	return day, nil
}

// parseLangFlag reads --lang: zh or en.
func parseLangFlag(s string) (fo.Lang, bool) {
	switch s {
	case "zh":
		return fo.ZH, true
	case "en":
		return fo.EN, true
	}
	return "", false
}

// commandArgs reads a subcommand's command line: its own flags (own,
// bools; see splitOwnFlags), then the global flags and environment
// (loadConfig). It returns the config and the positional arguments, or
// ok false with the exit code after saying what is wrong (0 for -help,
// which prints usage).
func commandArgs(name, usage string, args []string, own map[string]string, bools map[string]*bool,
	getenv func(string) string, stdout, stderr io.Writer) (cfg Config, pos []string, code int, ok bool) {
	rest, err := splitOwnFlags(args, own, bools)
	if err != nil {
		fmt.Fprintf(stderr, "frontoffice %s: %v\n\n%s", name, err, usage)
		return cfg, nil, 2, false
	}
	cfg, pos, err = loadConfig(name, rest, getenv, stderr)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, usage)
		return cfg, nil, 0, false
	}
	if err != nil {
		fmt.Fprintf(stderr, "frontoffice %s: %v\n", name, err)
		return cfg, nil, 2, false
	}
	return cfg, pos, 0, true
}

// splitOwnFlags takes a command's own flags out of args: the keys of own,
// each with a value (-name value, -name=value, --name value), into own, and
// the keys of bools (-name, -name=true|false) into the bools they point to.
// It returns the other arguments, for loadConfig.
func splitOwnFlags(args []string, own map[string]string, bools map[string]*bool) ([]string, error) {
	var rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if !strings.HasPrefix(a, "-") || a == "-" || a == "--" {
			rest = append(rest, a)
			continue
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if b, ok := bools[name]; ok {
			*b = !hasValue || value == "true" || value == "1"
			continue
		}
		if _, ok := own[name]; !ok {
			rest = append(rest, a)
			continue
		}
		if !hasValue {
			if i+1 >= len(args) {
				return nil, fmt.Errorf("flag -%s needs a value", name)
			}
			i++
			value = args[i]
		}
		own[name] = value
	}
	return rest, nil
}

// writeFileAtomic writes b to path through a temporary file in the same
// folder, synced and then renamed, so that path is never half written.
func writeFileAtomic(path string, b []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // fails harmlessly after the rename
	_, err = tmp.Write(b)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
