package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	fo "frontoffice"
	"frontoffice/data"
	"frontoffice/forms"
)

const callsUsage = `Usage: frontoffice calls [--date D] [--lang zh|en] [--phones] [--pdf FILE] [flags]

Prints the follow-up call list of day D (default today): per staff member,
the calls due, the window closing soonest first (FU-2, FU-3), with what to
say and what not to repeat (FU-4). D is 2026-12-01, 12-01, 12月1日, today,
tomorrow, 明天, ... Phone numbers are masked unless --phones is given.
Works while the server runs (the server answers from its own store).
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
	if own.lang != "" && own.lang != "zh" && own.lang != "en" {
		fmt.Fprintf(stderr, "frontoffice calls: --lang must be zh or en\n")
		return 2
	}
	q := query{Cmd: "calls", Own: map[string]string{"date": own.date, "lang": own.lang, "pdf": own.pdf},
		Bools: map[string]bool{"phones": own.phones}}
	return ask(ctx, cfg, q, false).print(stdout, stderr, own.pdf, writeFileAtomic)
}

// callsAnswer is the call list of q's day from store: its text, and the
// printed list with the day's call register when q asks for a PDF.
func callsAnswer(ctx context.Context, store *data.Store, eng engines, q query) answer {
	var stdout bytes.Buffer
	lang := fo.ParseLang(q.Own["lang"])
	st, err := store.Settings()
	if err != nil {
		return failed(1, "frontoffice calls: %v", err)
	}
	day, err := fo.ParseDate(q.Own["date"], wallClock.Now(), st.Location())
	if err != nil {
		return failed(2, "frontoffice calls: --date %q: %s", q.Own["date"], fo.ErrorText(fo.EN, err))
	}
	list, err := store.CallList(day)
	if err != nil {
		return failed(1, "frontoffice calls: %v", err)
	}
	if list.Len() == 0 {
		fmt.Fprintln(&stdout, fo.Texts.T(lang, "calls.none", fo.FormatDay(lang, day, st.Location())))
	}
	for i, sc := range list.Staff {
		if !q.Bools["phones"] {
			for k := range sc.Calls {
				sc.Calls[k].Phone = ""
			}
		}
		if i > 0 {
			fmt.Fprintln(&stdout, "\n"+strings.Repeat("─", 40))
		}
		fmt.Fprintln(&stdout, fo.CallListText(&st, sc, day, lang))
	}
	a := answer{Stdout: stdout.String()}
	if q.Own["pdf"] != "" {
		// The printed call list and the day's call register (FU-7).
		e, err := eng()
		if err != nil {
			return failed(1, "frontoffice calls: %v", err)
		}
		r := &forms.Renderer{Engine: e, Store: store}
		ref, _ := strconv.ParseUint(day.Format("20060102"), 10, 64)
		pdf, err := r.Render(ctx, fo.Document{Kind: forms.KindCalls, Ref: ref}, lang)
		if err != nil {
			a.Stderr, a.Code = fmt.Sprintf("frontoffice calls: --pdf: %v\n", err), 1
			return a
		}
		a.File = pdf
		a.Done, a.DoneToErr = fmt.Sprintf("call list written to %s (%d bytes)\n", q.Own["pdf"], len(pdf)), true
	}
	return a
}

type callsFlags struct {
	date, lang, pdf string
	phones          bool
}
