package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"frontoffice/data"
)

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// binary builds the real frontoffice once for the tests that run it as a
// process (kill -9, the exit code and output of a refused start).
func binary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "frontoffice-bin-")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "frontoffice")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binErr = errors.New(string(out))
		}
	})
	if binErr != nil {
		t.Fatalf("build: %v", binErr)
	}
	return binPath
}

// shopFile makes a data file of n records of size bytes and its backup
// folder with one nightly backup; it returns both paths.
func shopFile(t *testing.T, dir string, n, size int) (dataPath, backupPath string) {
	t.Helper()
	dataPath = filepath.Join(dir, "shop.db")
	s, err := data.Open(dataPath, data.Options{Clock: wallClock, NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	err = s.DB().Update(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("customers"))
		for i := 0; i < n; i++ {
			k := []byte{byte(i >> 24), byte(i >> 16), byte(i >> 8), byte(i)}
			if err := b.Put(k, bytes.Repeat([]byte{byte(i)}, size)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	backupPath, err = s.DailyBackup(dataPath+".backups", wallClock.Now().Add(-24*time.Hour), data.DefaultKeep)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	return dataPath, backupPath
}

// A damaged or missing data file at start: one line that says what is
// wrong and names the last backup, a non-zero exit, no panic — run as the
// real binary.
func TestDamagedFileAtStart(t *testing.T) {
	bin := binary(t)
	cases := []struct {
		name   string
		damage func(dataPath string) (path string)
		want   string
	}{
		{"truncated", func(p string) string {
			fi, _ := os.Stat(p)
			os.Truncate(p, fi.Size()/3)
			return p
		}, "truncated"},
		{"meta page overwritten", func(p string) string {
			f, _ := os.OpenFile(p, os.O_RDWR, 0)
			f.WriteAt(bytes.Repeat([]byte{0xAB}, 200), 16)
			f.Close()
			return p
		}, "checksum"},
		{"0-byte file", func(p string) string {
			os.Truncate(p, 0)
			return p
		}, "0 bytes"},
		{"missing folder", func(p string) string {
			return filepath.Join(filepath.Dir(p), "usb-not-mounted", "shop.db")
		}, "is the disk mounted"},
		{"vanished file", func(p string) string {
			os.WriteFile(p+".secret", []byte(strings.Repeat("a", 64)), 0o600)
			os.Remove(p)
			return p
		}, "is missing"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			dataPath, backup := shopFile(t, dir, 3000, 200)
			path := c.damage(dataPath)
			cmd := exec.Command(bin, "-data", path, "-backup-dir", dataPath+".backups", "-addr", "127.0.0.1:0")
			cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir}
			out, err := cmd.CombinedOutput()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() == 0 {
				t.Fatalf("exit %v, want non-zero; output:\n%s", err, out)
			}
			text := strings.TrimSpace(string(out))
			if strings.Count(text, "\n") != 0 || !strings.Contains(text, "frontoffice restore "+backup) ||
				!strings.Contains(text, c.want) || strings.Contains(text, "panic:") || strings.Contains(text, "goroutine") {
				t.Fatalf("output %q: want one line with %q naming %s, no panic", text, c.want, backup)
			}
			if _, err := os.Stat(filepath.Join(dir, "usb-not-mounted")); err == nil {
				t.Fatal("the missing folder was created")
			}
		})
	}
}

// kill -9 during a backup: the previous backup at the target and the data
// file both pass the full check; the target is never a partial file.
func TestKillDuringBackup(t *testing.T) {
	bin := binary(t)
	dir := t.TempDir()
	dataPath, _ := shopFile(t, dir, 40000, 2000) // about 100 MB
	target := filepath.Join(dir, "manual", "copy.db")
	os.MkdirAll(filepath.Dir(target), 0o750)
	if code := run(context.Background(), []string{"backup", target, "-data", dataPath}, io.Discard, io.Discard, env(nil)); code != 0 {
		t.Fatal("first backup failed")
	}
	old, _ := os.ReadFile(target)

	cmd := exec.Command(bin, "backup", target, "-data", dataPath)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH")}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	// Kill it once its temporary copy holds some bytes.
	for killed := false; !killed; {
		select {
		case err := <-exited:
			t.Fatalf("the backup ended (%v) before it could be killed; output: %s", err, out.String())
		default:
		}
		tmps, _ := filepath.Glob(target + ".tmp-*")
		for _, tmp := range tmps {
			if fi, err := os.Stat(tmp); err == nil && fi.Size() > 1<<20 {
				cmd.Process.Signal(syscall.SIGKILL)
				killed = true
			}
		}
		time.Sleep(time.Millisecond)
	}
	if err := <-exited; err == nil || !strings.Contains(err.Error(), "killed") {
		t.Fatalf("the backup was not killed: %v", err)
	}
	now, _ := os.ReadFile(target)
	if !bytes.Equal(now, old) {
		t.Fatal("the target changed: a partial backup replaced the previous one")
	}
	if _, err := data.CheckFile(target); err != nil {
		t.Fatalf("previous backup after the kill: %v", err)
	}
	if _, err := data.CheckFile(dataPath); err != nil {
		t.Fatalf("data file after the kill: %v", err)
	}
}

// check and restore on the command line: a sound file, a damaged one, a
// restore that keeps the replaced file, one refused while the file is in
// use, one refused for a damaged FILE.
func TestCheckAndRestoreCommands(t *testing.T) {
	dir := t.TempDir()
	dataPath, backup := shopFile(t, dir, 500, 100)
	runCmd := func(args ...string) (int, string) {
		var out bytes.Buffer
		code := run(context.Background(), append(args, "-data", dataPath), &out, &out, env(nil))
		return code, out.String()
	}
	if code, out := runCmd("check"); code != 0 || !strings.Contains(out, "is sound") {
		t.Fatalf("check of a sound file: %d %s", code, out)
	}

	// While a process holds the data file, restore refuses.
	s, err := data.Open(dataPath, data.Options{Clock: wallClock})
	if err != nil {
		t.Fatal(err)
	}
	if code, out := runCmd("restore", backup); code == 0 || !strings.Contains(out, "stop the server first") {
		t.Fatalf("restore beside a running store: %d %s", code, out)
	}
	s.Close()

	bad := filepath.Join(dir, "bad.db")
	raw, _ := os.ReadFile(backup)
	os.WriteFile(bad, raw[:len(raw)/2], 0o600)
	before, _ := os.ReadFile(dataPath)
	if code, out := runCmd("restore", bad); code == 0 || !strings.Contains(out, "nothing was changed") {
		t.Fatalf("restore of a damaged file: %d %s", code, out)
	}
	if after, _ := os.ReadFile(dataPath); !bytes.Equal(before, after) {
		t.Fatal("a refused restore changed the data file")
	}

	// Damage the data file: check says so and names the backup.
	f, _ := os.OpenFile(dataPath, os.O_RDWR, 0)
	f.WriteAt(bytes.Repeat([]byte{0xAB}, 200), 16)
	f.Close()
	damaged, _ := os.ReadFile(dataPath)
	if code, out := runCmd("check"); code != 1 || !strings.Contains(out, "frontoffice restore "+backup) {
		t.Fatalf("check of a damaged file: %d %s", code, out)
	}
	code, out := runCmd("restore", backup)
	if code != 0 || !strings.Contains(out, "kept as "+dataPath+".replaced-20261127-103000") {
		t.Fatalf("restore: %d %s", code, out)
	}
	if kept, _ := os.ReadFile(dataPath + ".replaced-20261127-103000"); !bytes.Equal(kept, damaged) {
		t.Fatal("the replaced file is not kept")
	}
	if code, out := runCmd("check"); code != 0 {
		t.Fatalf("check after restore: %d %s", code, out)
	}
}

// Beside a running server, check asks the server, which checks a copy.
func TestCheckAskesRunningServer(t *testing.T) {
	dir := t.TempDir()
	dataPath, _ := shopFile(t, dir, 500, 100)
	e := env(map[string]string{"FRONTOFFICE_DATA": dataPath, "FRONTOFFICE_ADDR": "127.0.0.1:0"})
	ctx, cancel := context.WithCancel(context.Background())
	logs := &syncBuffer{}
	done := make(chan int, 1)
	go func() { done <- run(ctx, nil, io.Discard, logs, e) }()
	addr := serveAddr(t, logs)
	resp, err := http.Get("http://" + addr + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	// The tool is not told the server's address: it finds it beside the
	// data file (#9).
	var out bytes.Buffer
	code := run(context.Background(), []string{"check", "-data", dataPath}, &out, &out, env(nil))
	cancel()
	<-done
	if code != 0 || !strings.Contains(out.String(), "checked by the running server") {
		t.Fatalf("check beside the server: %d %s", code, out.String())
	}
}

// After a run that did not end cleanly the server starts at once and runs
// the full check in the background; a clean run does not.
func TestServeChecksAfterUncleanStop(t *testing.T) {
	dir := t.TempDir()
	dataPath, _ := shopFile(t, dir, 500, 100)
	s, err := data.Open(dataPath, data.Options{Clock: wallClock})
	if err != nil {
		t.Fatal(err)
	}
	s.DB().Close() // killed: never closed
	serveOnce := func() string {
		e := env(map[string]string{"FRONTOFFICE_DATA": dataPath, "FRONTOFFICE_ADDR": "127.0.0.1:0"})
		ctx, cancel := context.WithCancel(context.Background())
		logs := &syncBuffer{}
		done := make(chan int, 1)
		go func() { done <- run(ctx, nil, io.Discard, logs, e) }()
		serveAddr(t, logs)
		cancel()
		if code := <-done; code != 0 {
			t.Fatalf("exit %d:\n%s", code, logs.String())
		}
		return logs.String()
	}
	if logs := serveOnce(); !strings.Contains(logs, "did not end cleanly") || !strings.Contains(logs, "data file check passed") {
		t.Fatalf("no background check after an unclean stop:\n%s", logs)
	}
	if logs := serveOnce(); strings.Contains(logs, "did not end cleanly") {
		t.Fatalf("a check after a clean stop:\n%s", logs)
	}
}

// -init (FRONTOFFICE_INIT=1) makes a new shop where start refuses to: over
// a 0-byte file and in a missing folder.
func TestInitForcesNewFile(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.db")
	os.WriteFile(empty, nil, 0o600)
	for _, p := range []string{empty, filepath.Join(dir, "usb", "shop.db")} {
		e := env(map[string]string{"FRONTOFFICE_DATA": p, "FRONTOFFICE_ADDR": "127.0.0.1:0", "FRONTOFFICE_INIT": "1"})
		ctx, cancel := context.WithCancel(context.Background())
		logs := &syncBuffer{}
		done := make(chan int, 1)
		go func() { done <- run(ctx, nil, io.Discard, logs, e) }()
		serveAddr(t, logs)
		cancel()
		if code := <-done; code != 0 {
			t.Fatalf("%s: exit %d\n%s", p, code, logs.String())
		}
		if _, err := data.CheckFile(p); err != nil {
			t.Fatalf("%s after -init: %v", p, err)
		}
	}
}
