package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	fo "frontoffice"
	"frontoffice/data"
)

const staffUsage = `frontoffice staff — staff console accounts

Usage:
  frontoffice staff add --login NAME --name "显示名" --role ROLE [--staff-id ID] [--password-file FILE]
  frontoffice staff passwd --login NAME [--password-file FILE]
  frontoffice staff list
  frontoffice staff disable LOGIN
  frontoffice staff enable LOGIN
  frontoffice staff role LOGIN ROLE

ROLE is reception, followup, supervisor or admin. --staff-id links the
account to a staff member of the settings (e.g. li). The password is read
from the first line of FILE, or of standard input, never from the command
line; it needs at least 10 characters. Create the first admin this way
before opening /staff; it works with the server running (the command then
asks the server, over loopback, with the secret kept beside the data file)
or stopped. For example:

  read -rs PW && echo "$PW" | frontoffice staff add --login admin --name "管理员" --role admin

A new password ends the account's open sessions; so does disable, and a
disabled account cannot log in until enabled again. A new role applies at
the account's next click. Accounts are disabled, never deleted: records
name the account that made them. The last enabled admin cannot be
disabled or given another role. disable, enable and role also take
--login and --role. The usual flags (-data, ...) and environment
variables choose the data file.
`

// staffMain runs "frontoffice staff add|passwd|list|disable|enable|role"
// and returns the exit
// code: 0, 1 for a failure, 2 for a usage mistake. The password comes from
// --password-file or the first line of stdin.
func staffMain(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	// The staff command's own flags; the rest go to loadConfig.
	own := map[string]string{"login": "", "name": "", "role": "", "staff-id": "", "password-file": ""}
	rest, err := splitOwnFlags(args, own, nil)
	if err != nil {
		fmt.Fprintf(stderr, "frontoffice staff: %v\n\n%s", err, staffUsage)
		return 2
	}
	cfg, pos, err := loadConfig("staff", rest, getenv, stderr)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, staffUsage)
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "frontoffice staff: %v\n", err)
		return 2
	}
	if len(pos) == 0 {
		fmt.Fprint(stderr, staffUsage)
		return 2
	}
	sub, args := pos[0], pos[1:]
	switch sub {
	case "disable", "enable", "role":
		// LOGIN [ROLE] as arguments, or --login and --role.
		if len(args) > 0 && own["login"] == "" {
			own["login"], args = args[0], args[1:]
		}
		if sub == "role" && len(args) > 0 && own["role"] == "" {
			own["role"], args = args[0], args[1:]
		}
		if len(args) > 0 || own["login"] == "" || (sub == "role" && own["role"] == "") {
			want := "LOGIN"
			if sub == "role" {
				want = "LOGIN ROLE"
			}
			fmt.Fprintf(stderr, "frontoffice staff %s: needs %s\n\n%s", sub, want, staffUsage)
			return 2
		}
		pos = pos[:1]
	}
	if len(pos) != 1 {
		fmt.Fprint(stderr, staffUsage)
		return 2
	}
	switch sub {
	case "help":
		fmt.Fprint(stdout, staffUsage)
		return 0
	case "add", "passwd":
		if own["login"] == "" || (sub == "add" && (own["name"] == "" || own["role"] == "")) {
			fmt.Fprintf(stderr, "frontoffice staff %s: --login%s required\n\n%s", sub, map[bool]string{true: ", --name and --role are", false: " is"}[sub == "add"], staffUsage)
			return 2
		}
	case "list", "disable", "enable", "role":
	default:
		fmt.Fprintf(stderr, "frontoffice staff: unknown command %q\n\n%s", sub, staffUsage)
		return 2
	}
	if sub == "add" || sub == "passwd" {
		pw, err := readPassword(own["password-file"], stdin, stderr)
		if err != nil {
			fmt.Fprintf(stderr, "frontoffice staff %s: %v\n", sub, err)
			return 1
		}
		own["password"] = pw
	}
	log := newLogger(stderr, cfg.LogLevel)
	store, err := data.Open(cfg.DataPath, data.Options{Logger: log, Clock: wallClock, Timeout: 300 * time.Millisecond})
	if errors.Is(err, data.ErrLocked) {
		// The server holds the file: ask it.
		if err := staffViaServer(cfg, sub, own, stdout); err != nil {
			fmt.Fprintf(stderr, "frontoffice staff %s: %v\n", sub, err)
			return 1
		}
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "frontoffice staff: %v\n", err)
		return 1
	}
	defer store.Close()
	if err := staffCmd(store, sub, own, stdout); err != nil {
		fmt.Fprintf(stderr, "frontoffice staff %s: %v\n", sub, err)
		return 1
	}
	return 0
}

// staffCmd does one staff subcommand on an open store; own["password"]
// holds the password already read for add and passwd.
func staffCmd(store *data.Store, sub string, own map[string]string, stdout io.Writer) error {
	switch sub {
	case "list":
		accs, err := store.Accounts()
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "LOGIN\tROLE\tSTAFF ID\tNAME\tCREATED\tSTATE")
		for _, a := range accs {
			state := "enabled"
			if a.Disabled {
				state = "disabled"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", a.Login, a.Role, a.StaffID, a.Name, a.CreatedAt.Format(time.DateOnly), state)
		}
		return tw.Flush()
	case "add":
		a, err := store.AddAccount(fo.Account{Login: own["login"], Name: own["name"], Role: own["role"], StaffID: own["staff-id"]}, own["password"])
		if err != nil {
			return accountError(err)
		}
		fmt.Fprintf(stdout, "account %s (%s) created; log in at /staff\n", a.Login, a.Role)
		return nil
	case "passwd":
		login := strings.ToLower(strings.TrimSpace(own["login"]))
		if err := store.SetPassword(login, own["password"]); err != nil {
			return accountError(err)
		}
		fmt.Fprintf(stdout, "password of %s changed; its sessions are ended\n", login)
		return nil
	case "disable", "enable":
		a, err := store.SetAccountDisabledAs(own["login"], sub == "disable", "cli:staff "+sub)
		if err != nil {
			return accountError(err)
		}
		if a.Disabled {
			fmt.Fprintf(stdout, "account %s disabled; its sessions are ended\n", a.Login)
		} else {
			fmt.Fprintf(stdout, "account %s enabled\n", a.Login)
		}
		return nil
	case "role":
		a, err := store.SetAccountRoleAs(own["login"], strings.ToLower(strings.TrimSpace(own["role"])), "cli:staff role")
		if err != nil {
			return accountError(err)
		}
		fmt.Fprintf(stdout, "account %s is now %s\n", a.Login, a.Role)
		return nil
	}
	return nil
}

// readPassword reads the first line of file, or of stdin when file is "".
// A terminal on stdin is warned that the input shows.
func readPassword(file string, stdin io.Reader, stderr io.Writer) (string, error) {
	r := stdin
	if file != "" {
		f, err := os.Open(file)
		if err != nil {
			return "", fmt.Errorf("--password-file: %w", err)
		}
		defer f.Close()
		r = f
	} else if f, ok := stdin.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			fmt.Fprint(stderr, "Password (the input shows; pipe it or use --password-file to hide it): ")
		}
	}
	line, err := bufio.NewReader(io.LimitReader(r, 1024)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("read the password: %w", err)
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", errors.New("no password given (on standard input or with --password-file)")
	}
	return line, nil
}

// accountError explains an account error in English for the terminal.
func accountError(err error) error {
	switch {
	case errors.Is(err, fo.ErrBadPassword):
		return fmt.Errorf("the password needs at least %d characters (at most %d bytes)", fo.MinPasswordLen, fo.MaxPasswordLen)
	case errors.Is(err, fo.ErrWeakPassword):
		return errors.New("that password is too easy to guess (a common password, one character repeated or a simple sequence); choose another")
	case errors.Is(err, fo.ErrStaffGone):
		return errors.New("the account is linked to a staff member who is no longer in the settings; add the staff member back first")
	case errors.Is(err, fo.ErrLastAdmin):
		return errors.New("that is the last enabled admin account: enable or make another admin first")
	case errors.Is(err, fo.ErrBadLogin):
		return errors.New("a login is 2 to 32 lower-case letters, digits, '.', '_' or '-'")
	case errors.Is(err, fo.ErrBadRole):
		return errors.New("the role must be reception, followup, supervisor or admin")
	case errors.Is(err, fo.ErrLoginTaken):
		return errors.New("that login exists already (use passwd to change its password)")
	case errors.Is(err, fo.Errorf(fo.EINVALID, "err.account.staff")):
		return errors.New("no staff member with that --staff-id in the settings")
	case errors.Is(err, fo.Errorf(fo.EINVALID, "err.name")):
		return errors.New("--name must be 1 to 40 characters")
	case errors.Is(err, fo.ErrNotFound):
		return errors.New("no such account")
	}
	return err
}

// staffRequest is what staffViaServer sends to a running server.
type staffRequest struct {
	Sub string            `json:"sub"`
	Own map[string]string `json:"own"`
}

// staffViaServer runs a staff subcommand in the running server (which holds
// the data file), over loopback, authenticated by the admin secret.
func staffViaServer(cfg Config, sub string, own map[string]string, stdout io.Writer) error {
	c, err := dialServer(cfg) // local.go
	if err != nil {
		return err
	}
	body, _ := json.Marshal(staffRequest{Sub: sub, Own: own})
	resp, err := c.do(context.Background(), http.MethodPost, "/internal/staff", body)
	if err != nil {
		return fmt.Errorf("the data file is in use by a running server, and asking it failed: %w", err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode != http.StatusOK {
		return errors.New(strings.TrimSpace(string(out)))
	}
	_, err = stdout.Write(out)
	return err
}

// staffHandler runs a staff subcommand sent by staffViaServer.
func staffHandler(store *data.Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req staffRequest
		if err := json.NewDecoder(io.LimitReader(r.Body, 1<<16)).Decode(&req); err != nil || req.Own == nil {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		switch req.Sub {
		case "add", "passwd", "list", "disable", "enable", "role":
		default:
			http.Error(w, "unknown staff command", http.StatusBadRequest)
			return
		}
		var out bytes.Buffer
		if err := staffCmd(store, req.Sub, req.Own, &out); err != nil {
			http.Error(w, err.Error(), http.StatusUnprocessableEntity)
			return
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write(out.Bytes())
	})
}
