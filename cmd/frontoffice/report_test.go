package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	fo "frontoffice"
	"frontoffice/data"
	"frontoffice/forms"
)

// pdfTextOf reads a PDF file back with pdftotext (poppler-utils).
func pdfTextOf(t *testing.T, path string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext not found: run ./scripts/test, which installs poppler-utils (or apt-get install -y poppler-utils)")
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return strings.Join(strings.Fields(string(out)), "")
}

// REP-1, DEL-3: frontoffice report and frontoffice card on the demo data:
// the PDFs are written whole (no temporary file left), the figures are
// printed without --pdf, and mistakes get clear messages and exit codes.
func TestReportAndCardCommands(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "f.db")
	getenv := env(map[string]string{"FRONTOFFICE_DATA": path})
	call := func(args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		code := run(context.Background(), args, &out, &errb, getenv)
		return code, out.String(), errb.String()
	}
	if code, _, stderr := call("report", "daily"); code != 1 || !strings.Contains(stderr, "no data file") {
		t.Errorf("no data file: %d %s", code, stderr)
	}
	if code, _, stderr := call("demo"); code != 0 {
		t.Fatalf("demo: %d %s", code, stderr)
	}

	out := filepath.Join(dir, "out", "daily.pdf")
	os.MkdirAll(filepath.Dir(out), 0o755)
	code, stdout, stderr := call("report", "daily", "--date", "today", "--pdf", out)
	if code != 0 || !strings.Contains(stdout, "written to "+out) {
		t.Fatalf("report daily: %d %s %s", code, stdout, stderr)
	}
	if text := pdfTextOf(t, out); !strings.Contains(text, "业务统计表（日报）") || !strings.Contains(text, "进厂台次") {
		t.Errorf("daily report PDF: %s", text)
	}
	code, _, stderr = call("report", "--pdf="+filepath.Join(dir, "out", "m.pdf"), "monthly", "--lang", "en")
	if code != 0 {
		t.Fatalf("report monthly: %d %s", code, stderr)
	}
	if text := pdfTextOf(t, filepath.Join(dir, "out", "m.pdf")); !strings.Contains(text, "BusinessStatistics—Monthly") {
		t.Errorf("monthly report PDF: %s", text)
	}
	if code, stdout, _ := call("report", "weekly", "--date", testNow.Format("2006-01-02")); code != 0 || !strings.Contains(stdout, "业务统计表（周报）") {
		t.Errorf("report weekly as text: %d %s", code, stdout)
	}
	files, _ := os.ReadDir(filepath.Join(dir, "out"))
	if len(files) != 2 {
		t.Errorf("files left beside the PDFs: %v", files)
	}

	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"report"}, 2, "say which report"},
		{[]string{"report", "hourly"}, 2, `"hourly" is not a report`},
		{[]string{"report", "daily", "--date", "2026-13-45"}, 2, `--date "2026-13-45"`},
		{[]string{"report", "daily", "--lang", "fr"}, 2, "--lang must be zh or en"},
		{[]string{"report", "daily", "--pdf"}, 2, "needs a value"},
		{[]string{"report", "daily", "--pdf", filepath.Join(dir, "nowhere", "x.pdf")}, 1, "write"},
		{[]string{"card"}, 2, "say which visit"},
		{[]string{"card", "20261127-A001"}, 2, "--pdf FILE is required"},
		{[]string{"card", "bogus", "--pdf", filepath.Join(dir, "c.pdf")}, 2, "no visit number"},
		{[]string{"card", "99999", "--pdf", filepath.Join(dir, "c.pdf")}, 1, "there is no visit 99999"},
	} {
		code, _, stderr := call(tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.msg) {
			t.Errorf("%v: %d %q, want %d and %q", tc.args, code, stderr, tc.code, tc.msg)
		}
	}

	// The demo's visits of the day: the card of a delivered one by its
	// number, in the customer's language; a visit not delivered has none.
	s, err := data.Open(path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st, _ := s.Settings()
	// The tests' clock stands on a Friday morning: the demo's day is today.
	visits, err := s.VisitsOn(testNow.In(st.Location()).Format(time.DateOnly))
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	var delivered, open *fo.Visit
	for i, v := range visits {
		switch {
		case v.Status == fo.VisitDelivered && delivered == nil:
			delivered = &visits[i]
		case v.Status == fo.VisitWorkshop && open == nil:
			open = &visits[i]
		}
	}
	if delivered == nil || open == nil {
		t.Fatalf("the demo has no delivered or open visit today: %+v", visits)
	}
	card := filepath.Join(dir, "card.pdf")
	code, stdout, stderr = call("card", forms.VisitNo(*delivered), "--pdf", card)
	if code != 0 || !strings.Contains(stdout, forms.VisitNo(*delivered)) {
		t.Fatalf("card: %d %s %s", code, stdout, stderr)
	}
	text := pdfTextOf(t, card)
	if !strings.Contains(text, "售后服务卡") || !strings.Contains(text, strings.ReplaceAll(fo.FormatPlate(delivered.Plate), " ", "")) {
		t.Errorf("card PDF: %s", text)
	}
	if code, _, stderr := call("card", forms.VisitNo(*open), "--pdf", card); code != 1 || !strings.Contains(stderr, "not delivered") {
		t.Errorf("card of an open visit: %d %s", code, stderr)
	}
}

func TestReportDay(t *testing.T) {
	loc, _ := time.LoadLocation("Asia/Shanghai")
	now := time.Date(2026, 12, 5, 10, 0, 0, 0, loc)
	for in, want := range map[string]string{
		"today": "2026-12-05", "yesterday": "2026-12-04", "昨天": "2026-12-04", "2026-11-30": "2026-11-30",
		"11-30": "2026-11-30", "11月30日": "2026-11-30", "12-05": "2026-12-05", "12-24": "2025-12-24", "2027-01-02": "2027-01-02",
	} {
		got, err := reportDay(in, now, loc)
		if err != nil || got.Format(time.DateOnly) != want {
			t.Errorf("reportDay(%q) = %v, %v; want %s", in, got, err, want)
		}
	}
}
