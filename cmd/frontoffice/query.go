package main

// Local tools ask the data file a question: calls, report, card and
// settings export/import. Each question is answered by one function of a
// store (answerQuery), run in the tool itself when the file is free, or in
// the running server that holds it (POST /internal/query, over the
// address in <data>.addr, with the admin secret): the server answers from
// its own store, never by copying the file. Only "backup" copies.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	fo "frontoffice"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"sync"
	"time"

	"frontoffice/data"
	"frontoffice/forms"
)

// query is a tool's question: the command, its positional arguments, its
// own flags, and an input file's content (settings import).
type query struct {
	Cmd   string            `json:"cmd"`
	Args  []string          `json:"args,omitempty"`
	Own   map[string]string `json:"own,omitempty"`
	Bools map[string]bool   `json:"bools,omitempty"`
	Input []byte            `json:"input,omitempty"`
}

// answer is what the tool prints and writes: Stdout and Stderr as they
// are, File (a PDF, an export) to the file the tool was given, then Done
// (to stderr when DoneToErr) once the file is written; Code is the exit
// code.
type answer struct {
	Stdout    string `json:"stdout,omitempty"`
	Stderr    string `json:"stderr,omitempty"`
	File      []byte `json:"file,omitempty"`
	Done      string `json:"done,omitempty"`
	DoneToErr bool   `json:"done_to_err,omitempty"`
	Code      int    `json:"code"`
}

func failed(code int, format string, args ...any) answer {
	return answer{Stderr: fmt.Sprintf(format, args...) + "\n", Code: code}
}

// engines lends the PDF engine: the server's, or one made on first use.
type engines func() (*forms.Engine, error)

func lazyEngine() engines {
	return sync.OnceValues(func() (*forms.Engine, error) { return forms.New(nil) })
}

// answerQuery answers q from store.
func answerQuery(ctx context.Context, store *data.Store, eng engines, q query) answer {
	switch q.Cmd {
	case "calls":
		return callsAnswer(ctx, store, eng, q)
	case "report":
		return reportAnswer(ctx, store, eng, q)
	case "card":
		return cardAnswer(ctx, store, eng, q)
	case "settings":
		return settingsAnswer(store, q)
	}
	return failed(2, "unknown question %q", q.Cmd)
}

// ask answers q: through the running server when <data>.addr names one
// that answers, else from the data file opened here. create allows a new
// data file (settings); otherwise a missing file is an error.
func ask(ctx context.Context, cfg Config, q query, create bool) answer {
	if _, err := os.Stat(addrPath(cfg.DataPath)); err == nil {
		a, err := askServer(ctx, cfg, q)
		if err == nil {
			return a
		}
		var se serverError
		if errors.As(err, &se) {
			return failed(1, "%v", err)
		}
		// A stale address file (the server was killed): the file may be
		// free; open it below, which says so when it is not.
	}
	_, statErr := os.Stat(cfg.DataPath)
	if statErr != nil && !create {
		return failed(1, "no data file at %s (FRONTOFFICE_DATA)", cfg.DataPath)
	}
	store, err := data.Open(cfg.DataPath, data.Options{Clock: wallClock, Timeout: 300 * time.Millisecond})
	if errors.Is(err, data.ErrLocked) {
		a, err := askServer(ctx, cfg, q)
		if err != nil {
			return failed(1, "%v", err)
		}
		return a
	}
	if err != nil {
		return failed(1, "%v", err)
	}
	defer store.Close()
	if err := seedTimeZone(store, cfg.TimeZone, errors.Is(statErr, fs.ErrNotExist), nil); err != nil {
		return failed(1, "%v", err)
	}
	return answerQuery(ctx, store, lazyEngine(), q)
}

// serverError is an answer of the server that is not the question's
// answer (refused, broken): no point in opening the file.
type serverError struct{ error }

func askServer(ctx context.Context, cfg Config, q query) (answer, error) {
	c, err := dialServer(cfg)
	if err != nil {
		return answer{}, err
	}
	body, _ := json.Marshal(q)
	resp, err := c.do(ctx, http.MethodPost, "/internal/query", body)
	if err != nil {
		return answer{}, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
		return answer{}, serverError{fmt.Errorf("the running server at %s answered %s: %s", c.base, resp.Status, bytes.TrimSpace(msg))}
	}
	var a answer
	if err := json.NewDecoder(resp.Body).Decode(&a); err != nil {
		return answer{}, serverError{fmt.Errorf("the running server's answer: %w", err)}
	}
	return a, nil
}

// print prints a, writing its File to path with write; it returns the
// exit code.
func (a answer) print(stdout, stderr io.Writer, path string, write func(string, []byte) error) int {
	io.WriteString(stdout, a.Stdout)
	io.WriteString(stderr, a.Stderr)
	if a.Code != 0 {
		return a.Code
	}
	if a.File != nil && path != "" {
		if err := write(path, a.File); err != nil {
			fmt.Fprintf(stderr, "%v\n", err)
			return 1
		}
	}
	if a.DoneToErr {
		io.WriteString(stderr, a.Done)
	} else {
		io.WriteString(stdout, a.Done)
	}
	return 0
}

// queryHandler answers local tools' questions from the server's store.
func queryHandler(store *data.Store, eng *forms.Engine, log *slog.Logger) http.Handler {
	engine := func() (*forms.Engine, error) { return eng, nil }
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var q query
		dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, fo.MaxSettingsBytes/3*4+1<<20)) // a settings file, base64 in JSON
		if err := dec.Decode(&q); err != nil {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		a := answerQuery(r.Context(), store, engine, q)
		if a.Code == 1 {
			log.Warn("local tool's question failed", "cmd", q.Cmd, "err", a.Stderr)
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(a)
	})
}
