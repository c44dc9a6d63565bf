package bot

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"frontoffice/data"
	"frontoffice/internal/telegramtest"
)

// BenchmarkIdle measures what the idle bot costs: CPU as a percentage of
// one core (target < 2%) and the process's resident memory (target ≤ 40
// MB), with a server that answers getUpdates at once with nothing (the
// poller must back off) and with one that long-polls. The figures cover
// the whole test process, the fake server included, so they are upper
// bounds. A measurement, never a pass/fail test:
//
//	go test -run '^$' -bench Idle -benchtime 1x ./bot/
func BenchmarkIdle(b *testing.B) {
	for _, tc := range []struct {
		name string
		opts telegramtest.Options
	}{
		{"answer-at-once", telegramtest.Options{AnswerAtOnce: true}},
		{"long-poll", telegramtest.Options{}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			srv := telegramtest.New(b, tc.opts)
			store, err := data.Open(filepath.Join(b.TempDir(), "f.db"), data.Options{})
			if err != nil {
				b.Fatal(err)
			}
			defer store.Close()
			api, err := NewAPI(telegramtest.Token, srv.Endpoint(), nil)
			if err != nil {
				b.Fatal(err)
			}
			bot := New(Config{API: api, Store: store})
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() { done <- bot.Run(ctx) }()
			defer func() { cancel(); <-done }()

			// Let start-up and the first back-off steps pass, then measure
			// the steady state.
			time.Sleep(2 * time.Second)
			runtime.GC()
			const window = 8 * time.Second
			polls0 := len(srv.Calls("getUpdates"))
			cpu0 := cpuTime(b)
			t0 := time.Now()
			b.ResetTimer()
			time.Sleep(window)
			b.StopTimer()
			cpu := cpuTime(b) - cpu0
			wall := time.Since(t0)
			b.ReportMetric(100*cpu.Seconds()/wall.Seconds(), "%cpu")
			b.ReportMetric(rssMB(b), "MB-rss")
			b.ReportMetric(float64(len(srv.Calls("getUpdates"))-polls0)/wall.Seconds(), "polls/s")
		})
	}
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// rssMB reads VmRSS from /proc/self/status, in MB.
func rssMB(b *testing.B) float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		b.Skip("no /proc/self/status")
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			if err != nil {
				b.Fatal(err)
			}
			return kb / 1024
		}
	}
	b.Fatal("no VmRSS")
	return 0
}
