package main

import (
	"strings"
	"testing"
)

// BenchmarkCLIBesideServer compares the tools' questions on a file of
// 100,000 archives (the one BenchmarkServeRSS builds) with the server
// stopped (the tool opens the file) and beside a running server (the tool
// asks it over loopback; issue 9 asks for within 2×). Both run in the
// test's process, so the figures leave out the start of a tool's own
// process, which both pay alike. Run it alone:
//
//	go test ./cmd/frontoffice -run '^$' -bench CLIBesideServer -benchtime 20x
func BenchmarkCLIBesideServer(b *testing.B) {
	dataFile := archivesFile(b, 100_000)
	questions := []struct {
		name string
		args []string
	}{
		{"calls-tomorrow", []string{"calls", "--date", "明天"}},
		{"report-monthly", []string{"report", "monthly"}},
	}
	ask := func(b *testing.B, args []string) {
		for b.Loop() {
			code, stdout, stderr := cli(dataFile, args...)
			if code != 0 || stdout == "" {
				b.Fatalf("%v: %d %s %s", args, code, stdout, stderr)
			}
		}
	}
	for _, q := range questions {
		b.Run(q.name+"/server-stopped", func(b *testing.B) { ask(b, q.args) })
	}
	_, _, stop := startServe(b, dataFile, map[string]string{"FRONTOFFICE_ADDR": "127.0.0.1:0"})
	defer stop()
	for _, q := range questions {
		b.Run(q.name+"/beside-server", func(b *testing.B) {
			code, _, stderr := cli(dataFile, q.args...)
			if code != 0 || strings.Contains(stderr, "copy") {
				b.Fatalf("%d %s", code, stderr)
			}
			ask(b, q.args)
		})
	}
}
