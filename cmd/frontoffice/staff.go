package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
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

ROLE is reception, followup, supervisor or admin. --staff-id links the
account to a staff member of the settings (e.g. li). The password is read
from the first line of FILE, or of standard input, never from the command
line; it needs at least 10 characters. Create the first admin this way
before opening /staff, with the server stopped (the data file is locked
while it runs), for example:

  read -rs PW && echo "$PW" | frontoffice staff add --login admin --name "管理员" --role admin

A new password ends the account's open sessions. The usual flags (-data,
...) and environment variables choose the data file.
`

// staffFlags are the staff command's own flags; the rest go to loadConfig.
var staffFlags = map[string]bool{"login": true, "name": true, "role": true, "staff-id": true, "password-file": true}

// staffMain runs "frontoffice staff add|passwd|list" and returns the exit
// code: 0, 1 for a failure, 2 for a usage mistake. The password comes from
// --password-file or the first line of stdin.
func staffMain(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	own, rest, err := splitStaffFlags(args)
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
	if len(pos) != 1 {
		fmt.Fprint(stderr, staffUsage)
		return 2
	}
	sub := pos[0]
	switch sub {
	case "help":
		fmt.Fprint(stdout, staffUsage)
		return 0
	case "add", "passwd":
		if own["login"] == "" || (sub == "add" && (own["name"] == "" || own["role"] == "")) {
			fmt.Fprintf(stderr, "frontoffice staff %s: --login%s required\n\n%s", sub, map[bool]string{true: ", --name and --role are", false: " is"}[sub == "add"], staffUsage)
			return 2
		}
	case "list":
	default:
		fmt.Fprintf(stderr, "frontoffice staff: unknown command %q\n\n%s", sub, staffUsage)
		return 2
	}
	log := newLogger(stderr, cfg.LogLevel)
	store, err := openStore(cfg, log, nil)
	if err != nil {
		fmt.Fprintf(stderr, "frontoffice staff: %v (stop the server first)\n", err)
		return 1
	}
	defer store.Close()
	if err := staffCmd(store, sub, own, stdin, stdout, stderr); err != nil {
		fmt.Fprintf(stderr, "frontoffice staff %s: %v\n", sub, err)
		return 1
	}
	return 0
}

// staffCmd does one staff subcommand on an open store.
func staffCmd(store *data.Store, sub string, own map[string]string, stdin io.Reader, stdout, stderr io.Writer) error {
	switch sub {
	case "list":
		accs, err := store.Accounts()
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "LOGIN\tROLE\tSTAFF ID\tNAME\tCREATED")
		for _, a := range accs {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", a.Login, a.Role, a.StaffID, a.Name, a.CreatedAt.Format(time.DateOnly))
		}
		return tw.Flush()
	case "add":
		pw, err := readPassword(own["password-file"], stdin, stderr)
		if err != nil {
			return err
		}
		a, err := store.AddAccount(data.Account{Login: own["login"], Name: own["name"], Role: own["role"], StaffID: own["staff-id"]}, pw)
		if err != nil {
			return accountError(err)
		}
		fmt.Fprintf(stdout, "account %s (%s) created; log in at /staff\n", a.Login, a.Role)
		return nil
	case "passwd":
		pw, err := readPassword(own["password-file"], stdin, stderr)
		if err != nil {
			return err
		}
		login := strings.ToLower(strings.TrimSpace(own["login"]))
		if err := store.SetPassword(login, pw); err != nil {
			return accountError(err)
		}
		fmt.Fprintf(stdout, "password of %s changed; its sessions are ended\n", login)
		return nil
	}
	return nil
}

// splitStaffFlags takes the staff command's own flags (--login x,
// --login=x, -login x) out of args.
func splitStaffFlags(args []string) (map[string]string, []string, error) {
	own := map[string]string{}
	var rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		name := strings.TrimLeft(a, "-")
		if name == a || a == "-" || a == "--" {
			rest = append(rest, a)
			continue
		}
		name, val, hasVal := strings.Cut(name, "=")
		if !staffFlags[name] {
			rest = append(rest, a)
			continue
		}
		if !hasVal {
			if i+1 >= len(args) {
				return nil, nil, fmt.Errorf("flag --%s needs a value", name)
			}
			i++
			val = args[i]
		}
		own[name] = val
	}
	return own, rest, nil
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
	case errors.Is(err, data.ErrBadPassword):
		return fmt.Errorf("the password needs at least %d characters (at most %d bytes)", data.MinPasswordLen, data.MaxPasswordLen)
	case errors.Is(err, data.ErrBadLogin):
		return errors.New("a login is 2 to 32 lower-case letters, digits, '.', '_' or '-'")
	case errors.Is(err, data.ErrBadRole):
		return errors.New("the role must be reception, followup, supervisor or admin")
	case errors.Is(err, data.ErrLoginTaken):
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
