package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	fo "frontoffice"
	"frontoffice/data"
	"frontoffice/forms"
)

const cardUsage = `Usage: frontoffice card VISIT --pdf FILE [--lang zh|en] [flags]

Writes the after-sales service card 售后服务卡 of a delivered visit to FILE
as a PDF (DEL-3), in the customer's language unless --lang says otherwise.
VISIT is the visit's number as its forms print it (20261127-A003) or its
id. Works while the server runs (the server answers from its own store).
`

// cardMain is "frontoffice card".
func cardMain(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	own := map[string]string{"pdf": "", "lang": ""}
	cfg, pos, code, ok := commandArgs("card", cardUsage, args, own, nil, getenv, stdout, stderr)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		fmt.Fprintf(stderr, "frontoffice card: say which visit (its number, e.g. 20261127-A003)\n\n%s", cardUsage)
		return 2
	}
	if own["pdf"] == "" {
		fmt.Fprintf(stderr, "frontoffice card: --pdf FILE is required\n\n%s", cardUsage)
		return 2
	}
	var lang fo.Lang
	if own["lang"] != "" {
		l, ok := parseLangFlag(own["lang"])
		if !ok {
			fmt.Fprintf(stderr, "frontoffice card: --lang must be zh or en\n")
			return 2
		}
		lang = l
	}
	q := query{Cmd: "card", Args: pos, Own: map[string]string{"lang": string(lang), "pdf": own["pdf"]}}
	return ask(ctx, cfg, q, false).print(stdout, stderr, own["pdf"], writeFileAtomic)
}

// cardAnswer is the service card of the visit q names, from store.
func cardAnswer(ctx context.Context, store *data.Store, eng engines, q query) answer {
	if len(q.Args) != 1 {
		return failed(2, "frontoffice card: say which visit (its number, e.g. 20261127-A003)")
	}
	ref := q.Args[0]
	v, err := findVisit(store, ref)
	switch {
	case errors.Is(err, fo.ErrNotFound):
		return failed(1, "frontoffice card: there is no visit %s", ref)
	case fo.ErrorCode(err) == fo.EINVALID:
		return failed(2, "frontoffice card: %q is no visit number (like 20261127-A003) or id", ref)
	case err != nil:
		return failed(1, "frontoffice card: %v", err)
	}
	lang := fo.Lang(q.Own["lang"])
	if lang == "" {
		lang = v.Lang
	}
	e, err := eng()
	if err != nil {
		return failed(1, "frontoffice card: %v", err)
	}
	r := &forms.Renderer{Engine: e, Store: store}
	pdf, err := r.Render(ctx, fo.Document{Kind: forms.KindCard, Ref: v.ID}, lang)
	if fo.ErrorCode(err) == fo.ECONFLICT {
		return failed(1, "frontoffice card: visit %s is %s, not delivered: its service card comes at delivery", forms.VisitNo(v), v.Status)
	}
	if err != nil {
		return failed(1, "frontoffice card: %v", err)
	}
	return answer{File: pdf, Done: fmt.Sprintf("service card of visit %s (%s) written to %s (%d bytes)\n",
		forms.VisitNo(v), fo.FormatPlate(v.Plate), q.Own["pdf"], len(pdf))}
}

// findVisit finds a visit by its number ("20261127-A003", the day and the
// queue number) or its id. A malformed reference is an EINVALID *Error, an
// unknown visit ErrNotFound.
func findVisit(store *data.Store, ref string) (fo.Visit, error) {
	ref = strings.ToUpper(strings.TrimSpace(ref))
	if id, err := strconv.ParseUint(ref, 10, 64); err == nil && len(ref) < 8 {
		return store.Visit(id)
	}
	day, queue, ok := strings.Cut(ref, "-")
	t, err := time.Parse("20060102", day)
	if !ok || err != nil || len(queue) != 4 {
		return fo.Visit{}, fo.Errorf(fo.EINVALID, "err.not_found")
	}
	visits, err := store.VisitsOn(t.Format(time.DateOnly))
	if err != nil {
		return fo.Visit{}, err
	}
	for _, v := range visits {
		if v.QueueNo == queue {
			return v, nil
		}
	}
	return fo.Visit{}, fo.ErrNotFound
}
