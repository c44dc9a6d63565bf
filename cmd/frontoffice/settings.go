package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	fo "frontoffice"
	"frontoffice/data"
)

// settingsCmd exports or imports the shop settings as JSON. An import is
// validated in full before anything is stored; an invalid file changes
// nothing and says what is wrong. While the server runs, both go through
// it (ask): an import then takes effect at once — the cron table, the
// reminders and the zone — without a restart.
func settingsCmd(ctx context.Context, cfg Config, args []string, stdout, stderr io.Writer) int {
	usage := func() int {
		fmt.Fprintln(stderr, "frontoffice settings: usage: frontoffice settings export [FILE] | import FILE")
		return 2
	}
	if len(args) == 0 {
		return usage()
	}
	switch {
	case args[0] == "export" && len(args) <= 2:
		path := ""
		if len(args) == 2 {
			path = args[1]
		}
		a := ask(ctx, cfg, query{Cmd: "settings", Args: []string{"export"}}, true)
		if path == "" {
			a.Stdout, a.File = string(a.File), nil
		}
		return a.print(stdout, stderr, path, func(p string, b []byte) error { return os.WriteFile(p, b, 0o600) })
	case args[0] == "import" && len(args) == 2:
		f, err := os.Open(args[1])
		if err != nil {
			fmt.Fprintf(stderr, "frontoffice settings: %v\n", err)
			return 1
		}
		b, err := io.ReadAll(io.LimitReader(f, fo.MaxSettingsBytes+1))
		f.Close()
		if err != nil {
			fmt.Fprintf(stderr, "frontoffice settings: %v\n", err)
			return 1
		}
		if len(b) > fo.MaxSettingsBytes {
			fmt.Fprintf(stderr, "frontoffice settings: %s is larger than %d KB: not a settings file\n", args[1], fo.MaxSettingsBytes>>10)
			return 1
		}
		a := ask(ctx, cfg, query{Cmd: "settings", Args: []string{"import", args[1]}, Input: b}, true)
		return a.print(stdout, stderr, "", nil)
	}
	return usage()
}

// settingsAnswer exports the settings of store, or imports q.Input into it.
func settingsAnswer(store *data.Store, q query) answer {
	switch {
	case len(q.Args) == 1 && q.Args[0] == "export":
		st, err := store.Settings()
		if err != nil {
			return failed(1, "frontoffice settings: %v", err)
		}
		b, err := json.MarshalIndent(st, "", "  ")
		if err != nil {
			return failed(1, "frontoffice settings: %v", err)
		}
		return answer{File: append(b, '\n')}
	case len(q.Args) == 2 && q.Args[0] == "import":
		name := q.Args[1]
		st, err := fo.DecodeSettings(bytes.NewReader(q.Input))
		if err != nil {
			return failed(1, "frontoffice settings: %s is not a settings file: %v", name, err)
		}
		if err := store.SaveSettingsAs(st, "cli:settings import"); err != nil {
			return failed(1, "frontoffice settings: %s: %s", name, fo.ErrorText(fo.EN, err))
		}
		return answer{Stdout: fmt.Sprintf("settings imported from %s\n", name)}
	}
	return failed(2, "frontoffice settings: usage: frontoffice settings export [FILE] | import FILE")
}
