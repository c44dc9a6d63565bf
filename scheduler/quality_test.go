package scheduler

import (
	"context"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	fo "frontoffice"
	"frontoffice/bot"
	"frontoffice/forms"
	"frontoffice/internal/fakeclock"
	"frontoffice/internal/telegramtest"
)

// sentQuality records what the quality jobs send.
type sentQuality struct{ sent []string }

func (s *sentQuality) SendQualityReport(kind fo.ReportKind, day time.Time) (fo.QualityReport, error) {
	s.sent = append(s.sent, string(kind)+" "+day.In(shanghai).Format("2006-01-02 Mon 15:04"))
	return fo.QualityReport{Kind: kind}, nil
}

// REP-2: weekly by default, on Saturday at Saturday's report time (16:30
// with the default hours); monthly when set, on the month's last day at
// that weekday's report time.
func TestQualityJobsREP2(t *testing.T) {
	st := fo.DefaultSettings()
	rec := &sentQuality{}
	jobs := QualityJobs(&st, rec)
	if len(jobs) != 1 || jobs[0].Name != "quality-weekly@16:30" || jobs[0].Spec != "30 16 * * 6" || jobs[0].CatchUp != CatchUpEach {
		t.Fatalf("weekly jobs %+v", jobs)
	}
	fire(t, jobs, at(2027, 2, 1, 0, 0), at(2027, 3, 1, 0, 0))
	want := []string{"weekly 2027-02-06 Sat 16:30", "weekly 2027-02-13 Sat 16:30", "weekly 2027-02-20 Sat 16:30", "weekly 2027-02-27 Sat 16:30"}
	if !slices.Equal(rec.sent, want) {
		t.Errorf("weekly sent %v, want %v", rec.sent, want)
	}
	st.QualityReport = fo.ReportMonthly
	rec = &sentQuality{}
	jobs = QualityJobs(&st, rec)
	var names []string
	for _, j := range jobs {
		names = append(names, j.Name+" "+j.Spec)
	}
	if !slices.Equal(names, []string{"quality-monthly@16:30 30 16 28-31 * *", "quality-monthly@17:30 30 17 28-31 * *"}) {
		t.Fatalf("monthly jobs %v", names)
	}
	// February 2027 ends on a Sunday (closed: 17:30), January on a
	// Sunday too, April 2027 on a Friday (17:30), July 2027 on a Saturday (16:30).
	fire(t, jobs, at(2027, 1, 1, 0, 0), at(2027, 8, 1, 0, 0))
	want = []string{"monthly 2027-01-31 Sun 17:30", "monthly 2027-02-28 Sun 17:30", "monthly 2027-03-31 Wed 17:30",
		"monthly 2027-04-30 Fri 17:30", "monthly 2027-05-31 Mon 17:30", "monthly 2027-06-30 Wed 17:30", "monthly 2027-07-31 Sat 16:30"}
	if !slices.Equal(rec.sent, want) {
		t.Errorf("monthly sent %v, want %v", rec.sent, want)
	}
}

// REP-2 end to end: the scheduler on a fake clock runs the weekly job on
// Saturday at 16:30; the bot sends the report with its PDF, printed by
// the forms, to the quality department's chat through the fake Bot API
// server; the PDF reads back; a second tick sends nothing more.
func TestQualityReportSentREP2(t *testing.T) {
	clock := fakeclock.New(at(2026, 12, 1, 10, 0)) // Tuesday
	s := openStore(t, clock)
	st, _ := s.Settings()
	st.Staff = []fo.StaffMember{
		{ID: "zhao", Name: "赵敏", TelegramUserID: 301, Roles: []string{fo.RoleSupervisor}},
		{ID: "qa", Name: "钱质检", TelegramUserID: 401, Roles: []string{fo.RoleQuality}},
	}
	if err := s.SaveSettings(st); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddQuality(fo.QualityFeedback{Source: fo.QualitySourceField, Ref: "FJ-0012", Class: fo.QualityInstallation,
		Product: "RADAR-4", Site: "华东物流", Text: "线束走线未固定", Open: true}, "staff:zhao"); err != nil {
		t.Fatal(err)
	}
	sched := New(Config{Store: s, Clock: clock, Location: shanghai})
	for _, j := range QualityJobs(&st, s) {
		if err := sched.Add(j); err != nil {
			t.Fatal(err)
		}
	}
	clock.Set(at(2026, 12, 5, 16, 29))
	sched.Tick(clock.Now())
	if got := keysTo(t, s, "quality:"); len(got) != 0 {
		t.Fatalf("sent before its time: %v", got)
	}
	clock.Set(at(2026, 12, 5, 16, 31))
	sched.Tick(clock.Now())
	sched.Tick(clock.Now())
	if got := keysTo(t, s, "quality:"); len(got) != 1 {
		t.Fatalf("after Saturday 16:30: %v, want one message", got)
	}

	srv := telegramtest.New(t, telegramtest.Options{})
	api, err := bot.NewAPI(telegramtest.Token, srv.Endpoint(), nil)
	if err != nil {
		t.Fatal(err)
	}
	engine, err := forms.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	b := bot.New(bot.Config{API: api, Store: s, Clock: clock, Documents: &forms.Renderer{Engine: engine, Store: s},
		Limits: bot.Limits{PerChat: 10 * time.Millisecond, PerGroup: 10 * time.Millisecond, Global: time.Millisecond}, PollTimeout: time.Second})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.Run(ctx) }()
	defer func() { cancel(); <-done }()
	m, ok := srv.WaitMessage(401, func(m telegramtest.Message) bool { return m.Document != nil }, 10*time.Second)
	if !ok {
		t.Fatalf("no report in the quality chat; calls %v", srv.Calls("sendDocument", "sendMessage"))
	}
	if !strings.Contains(m.Text, "质量信息报告 2026-11-29 至 2026-12-05") || !strings.Contains(m.Document.Name, "quality-2026112920261205") {
		t.Errorf("message %q, document %q", m.Text, m.Document.Name)
	}
	if len(srv.Messages(301)) != 0 {
		t.Errorf("the supervisor got the report although the quality department is on Telegram")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext not found: install poppler-utils")
	}
	cmd := exec.Command("pdftotext", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = strings.NewReader(string(m.Document.Data))
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(out)), "")
	for _, w := range []string{"质量信息周报", "2026-11-29至2026-12-05", "线束走线未固定", "FJ-0012"} {
		if !strings.Contains(text, w) {
			t.Errorf("PDF lacks %q:\n%s", w, out)
		}
	}
}
