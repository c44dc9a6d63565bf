package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	fo "frontoffice"
	"frontoffice/data"
	"frontoffice/internal/fakeclock"
	"frontoffice/internal/telegramtest"
)

// BenchmarkServeRSS is the resident memory of the shipped program: it
// builds cmd/frontoffice, runs "frontoffice serve" as its own process on a
// data file — the demo shop ("frontoffice demo" first), and a file of
// 100,000 archives — with the bot long-polling a local fake Bot API, lets
// it settle and reads VmRSS from /proc/PID/status (target ≤ 40 MB). It
// reports the settled idle VmRSS and RssAnon (the process's own memory,
// without the pages of the data file it has read), the same after a lobby
// page and after a /metrics scrape, and the peak (VmHWM). Run it alone:
//
//	go test ./cmd/frontoffice -run '^$' -bench ServeRSS -benchtime 1x
//
// The 100,000-archive file takes a few minutes to build the first time; it
// is kept in the system's temp folder, keyed by the store's schema version.
func BenchmarkServeRSS(b *testing.B) {
	bin := buildFrontoffice(b)
	b.Run("demo", func(b *testing.B) {
		path := filepath.Join(b.TempDir(), "f.db")
		cmd := exec.Command(bin, "demo")
		cmd.Env = append(os.Environ(), "FRONTOFFICE_DATA="+path)
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("frontoffice demo: %v\n%s", err, out)
		}
		measureServe(b, bin, path)
	})
	b.Run("archives=100000", func(b *testing.B) {
		measureServe(b, bin, archivesFile(b, 100_000))
	})
}

// buildFrontoffice builds the binary as shipped (go build, no race
// detector, no test code) into a temp dir.
func buildFrontoffice(b *testing.B) string {
	b.Helper()
	bin := filepath.Join(b.TempDir(), "frontoffice")
	out, err := exec.Command("go", "build", "-o", bin, "frontoffice/cmd/frontoffice").CombinedOutput()
	if err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

var listeningRe = regexp.MustCompile(`msg=listening addr=(\S+)`)

// measureServe runs bin serve on path and reports its memory.
func measureServe(b *testing.B, bin, path string) {
	b.Helper()
	tg := telegramtest.New(b, telegramtest.Options{MaxLongPoll: 10 * time.Second})
	cmd := exec.Command(bin, "serve")
	cmd.Env = append(os.Environ(),
		"FRONTOFFICE_DATA="+path,
		"FRONTOFFICE_ADDR=127.0.0.1:0",
		"TELEGRAM_BOT_TOKEN="+telegramtest.Token,
		"TELEGRAM_API_ENDPOINT="+tg.Endpoint(),
	)
	logs := &syncBuffer{}
	cmd.Stderr = logs
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	stop := sync.OnceFunc(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(15 * time.Second):
			cmd.Process.Kill()
			<-exited
		}
	})
	defer stop()

	var addr string
	for deadline := time.Now().Add(30 * time.Second); addr == ""; time.Sleep(50 * time.Millisecond) {
		if m := listeningRe.FindStringSubmatch(logs.String()); m != nil {
			addr = m[1]
		} else if time.Now().After(deadline) {
			b.Fatalf("serve did not start:\n%s", logs.String())
		}
		select {
		case err := <-exited:
			b.Fatalf("serve exited: %v\n%s", err, logs.String())
		default:
		}
	}
	// The bot is up when it has asked for updates.
	for deadline := time.Now().Add(30 * time.Second); len(tg.Calls("getUpdates")) == 0; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			b.Fatalf("the bot never polled:\n%s", logs.String())
		}
	}
	pid := cmd.Process.Pid
	b.ResetTimer()
	rss, anon := settledRSS(b, pid)
	b.ReportMetric(rss, "MB-rss-idle")
	b.ReportMetric(anon, "MB-anon-idle")
	// Then after a lobby page and after a scrape of the metrics: VmRSS
	// counts the pages of the data file the process has read (RssFile) as
	// well as its own memory (RssAnon).
	for _, p := range []string{"/kiosk", "/metrics"} {
		resp, err := http.Get("http://" + addr + p)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			b.Fatalf("%s: %s", p, resp.Status)
		}
		rss, anon := settledRSS(b, pid)
		name := strings.TrimPrefix(p, "/")
		b.ReportMetric(rss, "MB-rss-"+name)
		b.ReportMetric(anon, "MB-anon-"+name)
	}
	b.ReportMetric(procStatusMB(b, pid, "VmHWM"), "MB-peak")
	b.StopTimer()
	stop()
	if st, err := os.Stat(path); err == nil {
		b.ReportMetric(float64(st.Size())/(1<<20), "MB-file")
	}
}

// settledRSS waits until the process's VmRSS has not moved by more than
// 1% over 3 seconds (at most 30 s), and returns it and RssAnon, in MB.
func settledRSS(b *testing.B, pid int) (rss, anon float64) {
	b.Helper()
	prev := procStatusMB(b, pid, "VmRSS")
	for i := 0; i < 10; i++ {
		time.Sleep(3 * time.Second)
		cur := procStatusMB(b, pid, "VmRSS")
		if d := cur - prev; d < prev/100 && -d < prev/100 {
			break
		}
		prev = cur
	}
	return procStatusMB(b, pid, "VmRSS"), procStatusMB(b, pid, "RssAnon")
}

// procStatusMB reads a kB field of /proc/PID/status, in MB.
func procStatusMB(b *testing.B, pid int, field string) float64 {
	b.Helper()
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		b.Fatalf("the RSS is read from /proc (Linux): %v", err)
	}
	sc := bufio.NewScanner(bytes.NewReader(raw))
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), field+":"); ok {
			kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			if err != nil {
				b.Fatal(err)
			}
			return kb / 1024
		}
	}
	b.Fatalf("no %s in /proc/%d/status", field, pid)
	return 0
}

// archivesFile returns a copy, in b's temp dir, of a data file with n
// archives: walk-ins through the store, a customer and a vehicle each, 800
// a day (queue numbers stop at 999 a day) on the open days before
// 2026-11-27, each visit ended (the customer left) so that none is open.
// The file is cached in the system's temp folder, keyed by the store's
// schema version and n.
func archivesFile(b *testing.B, n int) string {
	b.Helper()
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("frontoffice-rss-bench-s%d-n%d", data.SchemaVersion, n))
	cached := filepath.Join(dir, "f.db")
	if _, err := os.Stat(cached); err != nil {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			b.Fatal(err)
		}
		tmp := filepath.Join(dir, fmt.Sprintf("seed-%d.db", os.Getpid()))
		if err := seedArchives(tmp, n); err != nil {
			os.Remove(tmp)
			b.Fatal(err)
		}
		if err := os.Rename(tmp, cached); err != nil { // atomic: a parallel run sees all or nothing
			b.Fatal(err)
		}
	}
	raw, err := os.ReadFile(cached)
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "f.db")
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		b.Fatal(err)
	}
	return path
}

func seedArchives(path string, n int) error {
	loc, _ := time.LoadLocation(fo.DefaultTimeZone)
	day := time.Date(2026, 11, 27, 0, 0, 0, 0, loc).AddDate(0, 0, -(n/800)*7/6-20)
	clock := fakeclock.New(day)
	s, err := data.Open(path, data.Options{Clock: clock, NoSync: true})
	if err != nil {
		return err
	}
	defer s.Close()
	st, _ := s.Settings()
	for i := 0; i < n; i++ {
		if i%800 == 0 {
			for day = day.AddDate(0, 0, 1); st.IsClosedDate(day); day = day.AddDate(0, 0, 1) {
			}
			clock.Set(day.Add(9 * time.Hour))
		}
		v, err := s.CheckIn(fo.CheckInRequest{
			Customer: fo.CustomerInput{Name: "客户", Phone: fmt.Sprintf("135%08d", i), Consent: true},
			Plate:    fmt.Sprintf("京%c%05d", 'A'+rune(i/100_000), i%100_000), ServiceID: "inspect", Source: "bench"})
		if err != nil {
			return fmt.Errorf("archive %d: %w", i, err)
		}
		if _, err := s.Leave(v.ID, 0, "bench", "bench"); err != nil {
			return fmt.Errorf("archive %d leaves: %w", i, err)
		}
	}
	return nil
}
