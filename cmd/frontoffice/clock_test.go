package main

import (
	"os"
	"testing"
	"time"

	"frontoffice/internal/fakeclock"
)

// testNow is the instant every test of the commands runs at: Friday
// 27 November 2026, 10:30 in the shop's zone, the shop open. The demo data
// the tests load is then always the same (demo.Seed, same clock).
var testNow = time.Date(2026, 11, 27, 10, 30, 0, 0, time.FixedZone("CST", 8*3600))

// TestMain stands the commands' clock still at testNow: no test of this
// package reads the wall clock for a rule.
func TestMain(m *testing.M) {
	wallClock = fakeclock.New(testNow)
	os.Exit(m.Run())
}
