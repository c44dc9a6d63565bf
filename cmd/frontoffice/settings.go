package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	fo "frontoffice"
)

// settingsCmd exports or imports the shop settings as JSON. An import is
// decoded strictly (fo.DecodeSettings: one JSON object, no unknown field,
// at most fo.MaxSettingsBytes) and validated in full (fo.Settings.Validate,
// with its size limits, and the store's check that no staff member linked
// to an account is removed) before anything is stored; an invalid file
// changes nothing and says what is wrong.
func settingsCmd(cfg Config, args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return usageError{"usage: frontoffice settings export [FILE] | import FILE"}
	}
	store, err := openStore(cfg, nil, wallClock)
	if err != nil {
		return err
	}
	defer store.Close()
	switch {
	case args[0] == "export" && len(args) <= 2:
		st, err := store.Settings()
		if err != nil {
			return err
		}
		b, err := json.MarshalIndent(st, "", "  ")
		if err != nil {
			return err
		}
		b = append(b, '\n')
		if len(args) == 2 {
			return os.WriteFile(args[1], b, 0o600)
		}
		_, err = stdout.Write(b)
		return err
	case args[0] == "import" && len(args) == 2:
		f, err := os.Open(args[1])
		if err != nil {
			return err
		}
		st, err := fo.DecodeSettings(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("%s is not a settings file: %w", args[1], err)
		}
		if err := store.SaveSettings(st); err != nil {
			return fmt.Errorf("%s: %s", args[1], fo.ErrorText(fo.EN, err))
		}
		fmt.Fprintf(stdout, "settings imported from %s\n", args[1])
		return nil
	}
	return usageError{"usage: frontoffice settings export [FILE] | import FILE"}
}
