package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	fo "frontoffice"
	"frontoffice/data"
	"frontoffice/internal/sigdraw"
)

// frontoffice calls prints a day's call list (FU-2, FU-3), masks phones
// unless asked, refuses a bad date, and says the PDF is not there yet.
func TestCallsCommand(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "f.db")
	getenv := env(map[string]string{"FRONTOFFICE_DATA": path})
	call := func(args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		code := run(context.Background(), append([]string{"calls"}, args...), &out, &errb, getenv)
		return code, out.String(), errb.String()
	}
	if code, _, stderr := call(); code != 1 || !strings.Contains(stderr, "no data file") {
		t.Errorf("no file: %d %s", code, stderr)
	}
	// A delivered vehicle: its first call is on the list from day 3.
	s, err := data.Open(path, data.Options{Clock: wallClock})
	if err != nil {
		t.Fatal(err)
	}
	v, err := s.CheckIn(fo.CheckInRequest{Customer: fo.CustomerInput{Name: "王五", Phone: "13900000001"}, Plate: "京B11111", ServiceID: "radar", Source: "kiosk"})
	if err != nil {
		t.Fatal(err)
	}
	now := wallClock.Now()
	wo := fo.WorkOrder{Purpose: "安装", Lines: []fo.EstimateLine{{Description: "安装雷达", Mode: fo.PriceByItem, Labor: 100}},
		FuelEighths: 4, KeyNo: "K1", EstimatedMinutes: 60, PromisedAt: now.Add(2 * time.Hour), Receiver: "老张", HandoverAt: now}
	s.Intake(fo.IntakeRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, WorkOrder: wo})
	s.SetReady(v.ID, fo.CompleteChecklist, "staff:li")
	if _, err := s.Deliver(fo.DeliverRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, Settlement: fo.Settlement{Amount: 100, Paid: 100}}); err != nil {
		t.Fatal(err)
	}
	st, _ := s.Settings()
	s.Close()
	day := st.FirstCallWindow(now).Target.In(st.Location()).Format(time.DateOnly)

	code, stdout, stderr := call("--date", day)
	if code != 0 || !strings.Contains(stdout, "回访清单 · 王强：1 个电话") || !strings.Contains(stdout, "139****0001") || strings.Contains(stdout, "13900000001") {
		t.Errorf("list: %d\n%s\n%s", code, stdout, stderr)
	}
	if code, stdout, _ := call("--date="+day, "--phones", "--lang", "en"); code != 0 || !strings.Contains(stdout, "Call list") || !strings.Contains(stdout, "+8613900000001") {
		t.Errorf("english with phones: %d\n%s", code, stdout)
	}
	if code, stdout, _ := call("-date", "today"); code != 0 || stdout == "" {
		t.Errorf("today: %d %q", code, stdout)
	}
	if code, _, stderr := call("--date", "13-45"); code != 2 || !strings.Contains(stderr, "not valid") {
		t.Errorf("bad date: %d %s", code, stderr)
	}
	pdfPath := filepath.Join(dir, "x.pdf")
	if code, stdout, stderr := call("--date", day, "--pdf", pdfPath); code != 0 || !strings.Contains(stderr, "call list written to") || stdout == "" {
		t.Errorf("pdf: %d %s", code, stderr)
	} else if b, err := os.ReadFile(pdfPath); err != nil || !bytes.HasPrefix(b, []byte("%PDF")) {
		t.Errorf("pdf file: %v", err)
	}
	if code, _, _ := call("extra"); code != 2 {
		t.Errorf("extra argument: %d", code)
	}
	if code, _, _ := call("--lang", "fr"); code != 2 {
		t.Errorf("bad language: %d", code)
	}
}

func TestSplitOwnFlags(t *testing.T) {
	// The calls command's own flags, as callsMain declares them.
	var phones bool
	own := map[string]string{"date": "today", "lang": "", "pdf": ""}
	rest, err := splitOwnFlags([]string{"-data", "x.db", "--date=明天", "--phones", "-lang", "en", "--pdf", "a.pdf", "-log-level=debug"},
		own, map[string]*bool{"phones": &phones})
	if err != nil || own["date"] != "明天" || !phones || own["lang"] != "en" || own["pdf"] != "a.pdf" || !slices.Equal(rest, []string{"-data", "x.db", "-log-level=debug"}) {
		t.Errorf("%+v %v %v %v", own, phones, rest, err)
	}
	if _, err := splitOwnFlags([]string{"--date"}, map[string]string{"date": ""}, nil); err == nil {
		t.Errorf("missing value accepted")
	}
}
