package scheduler

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	fo "frontoffice"
	"frontoffice/internal/fakeclock"
)

// sentReports records what the report jobs send.
type sentReports struct{ sent []string }

func (s *sentReports) SendReport(kind fo.ReportKind, day time.Time) (fo.BusinessStats, error) {
	s.sent = append(s.sent, string(kind)+" "+day.In(shanghai).Format("2006-01-02 Mon 15:04"))
	return fo.BusinessStats{Kind: kind}, nil
}

// fire runs every job for each of its scheduled times in [from, to), in
// time order, as the cron table would.
func fire(t *testing.T, jobs []Job, from, to time.Time) {
	t.Helper()
	type run struct {
		at  time.Time
		job Job
	}
	var runs []run
	for _, j := range jobs {
		sched, err := ParseSpec(j.Spec)
		if err != nil {
			t.Fatal(err)
		}
		for at := sched.Next(from.Add(-time.Second)); at.Before(to); at = sched.Next(at) {
			runs = append(runs, run{at, j})
		}
	}
	slices.SortStableFunc(runs, func(a, b run) int { return a.at.Compare(b.at) })
	for _, r := range runs {
		if err := r.job.Run(context.Background(), r.at); err != nil {
			t.Fatal(err)
		}
	}
}

// REP-1: with the default hours (weekdays to 18:00, Saturday to 17:00,
// Sunday closed) the daily report comes at 17:30 on weekdays and 16:30 on
// Saturday, the weekly one on Saturday at 16:30, the monthly one on the
// month's last day at that weekday's time — also when it is a Saturday, a
// Sunday, 28 February or 29 February.
func TestReportJobsREP1(t *testing.T) {
	st := fo.DefaultSettings()
	var names, specs []string
	for _, j := range ReportJobs(&st, &sentReports{}) {
		names = append(names, j.Name)
		specs = append(specs, j.Spec)
		if j.CatchUp != CatchUpEach {
			t.Errorf("%s does not catch up each missed run", j.Name)
		}
	}
	wantNames := []string{"report-daily@16:30", "report-daily@17:30", "report-weekly@16:30", "report-monthly@16:30", "report-yearly@16:30",
		"report-monthly@17:30", "report-yearly@17:30"}
	wantSpecs := []string{"30 16 * * 6", "30 17 * * 1,2,3,4,5", "30 16 * * 6", "30 16 28-31 * *", "30 16 31 12 *", "30 17 28-31 * *", "30 17 31 12 *"}
	if !slices.Equal(names, wantNames) || !slices.Equal(specs, wantSpecs) {
		t.Fatalf("jobs %v %v", names, specs)
	}

	for _, tc := range []struct {
		name     string
		from, to time.Time
		monthly  []string
		weekly   []string
		daily    int
	}{
		// February 2027: 28 days, the last a Sunday (closed: ReportAt).
		{"February", at(2027, 2, 1, 0, 0), at(2027, 3, 1, 0, 0), []string{"monthly 2027-02-28 Sun 17:30"},
			[]string{"weekly 2027-02-06 Sat 16:30", "weekly 2027-02-13 Sat 16:30", "weekly 2027-02-20 Sat 16:30", "weekly 2027-02-27 Sat 16:30"}, 24},
		// A leap February: the 29th, a Tuesday.
		{"leap February", at(2028, 2, 1, 0, 0), at(2028, 3, 1, 0, 0), []string{"monthly 2028-02-29 Tue 17:30"},
			[]string{"weekly 2028-02-05 Sat 16:30", "weekly 2028-02-12 Sat 16:30", "weekly 2028-02-19 Sat 16:30", "weekly 2028-02-26 Sat 16:30"}, 25},
		// December 2026: 31 days, the last a Thursday.
		{"December", at(2026, 12, 1, 0, 0), at(2027, 1, 1, 0, 0), []string{"monthly 2026-12-31 Thu 17:30"},
			[]string{"weekly 2026-12-05 Sat 16:30", "weekly 2026-12-12 Sat 16:30", "weekly 2026-12-19 Sat 16:30", "weekly 2026-12-26 Sat 16:30"}, 27},
		// October 2026: 31 days, the last a Saturday (closing 17:00).
		{"October", at(2026, 10, 1, 0, 0), at(2026, 11, 1, 0, 0), []string{"monthly 2026-10-31 Sat 16:30"},
			[]string{"weekly 2026-10-03 Sat 16:30", "weekly 2026-10-10 Sat 16:30", "weekly 2026-10-17 Sat 16:30", "weekly 2026-10-24 Sat 16:30", "weekly 2026-10-31 Sat 16:30"}, 27},
		// November 2026: 30 days, the last a Monday.
		{"November", at(2026, 11, 1, 0, 0), at(2026, 12, 1, 0, 0), []string{"monthly 2026-11-30 Mon 17:30"}, nil, 25},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := &sentReports{}
			fire(t, ReportJobs(&st, rec), tc.from, tc.to)
			var monthly, weekly, yearly []string
			daily := 0
			for _, s := range rec.sent {
				switch {
				case strings.HasPrefix(s, "yearly"):
					yearly = append(yearly, s)
				case strings.HasPrefix(s, "monthly"):
					monthly = append(monthly, s)
				case strings.HasPrefix(s, "weekly"):
					weekly = append(weekly, s)
				default:
					daily++
					if strings.Contains(s, "Sun") || (strings.Contains(s, "Sat") != strings.HasSuffix(s, "16:30")) || (!strings.Contains(s, "Sat") && !strings.HasSuffix(s, "17:30")) {
						t.Errorf("daily report at %s", s)
					}
				}
			}
			// FU-8, REP-3: the year's summary on 31 December only.
			wantYearly := []string(nil)
			if tc.name == "December" {
				wantYearly = []string{"yearly 2026-12-31 Thu 17:30"}
			}
			if !slices.Equal(yearly, wantYearly) {
				t.Errorf("yearly %v, want %v", yearly, wantYearly)
			}
			if !slices.Equal(monthly, tc.monthly) {
				t.Errorf("monthly %v, want %v", monthly, tc.monthly)
			}
			if tc.weekly != nil && !slices.Equal(weekly, tc.weekly) {
				t.Errorf("weekly %v, want %v", weekly, tc.weekly)
			}
			if daily != tc.daily {
				t.Errorf("%d daily reports, want %d (every open day)", daily, tc.daily)
			}
		})
	}

	// A report time earlier than every closing time: one job of each kind.
	st.ReportAt = 16 * 60
	var got []string
	for _, j := range ReportJobs(&st, &sentReports{}) {
		got = append(got, j.Name+" "+j.Spec)
	}
	if want := []string{"report-daily@16:00 0 16 * * 1,2,3,4,5,6", "report-weekly@16:00 0 16 * * 6", "report-monthly@16:00 0 16 28-31 * *", "report-yearly@16:00 0 16 31 12 *"}; !slices.Equal(got, want) {
		t.Errorf("jobs at 16:00: %v", got)
	}
}

// REP-1: reports missed while the box was off are made at the next start,
// each for its own period, through the real store and scheduler on a fake
// clock: off from Friday evening to Tuesday morning misses Saturday's daily
// and weekly reports, Monday's daily one and November's monthly one.
func TestReportCatchUpREP1(t *testing.T) {
	clock := fakeclock.New(at(2026, 11, 27, 18, 0))
	s := openStore(t, clock)
	st, _ := s.Settings()
	st.Staff = []fo.StaffMember{{ID: "zhao", Name: "赵敏", TelegramUserID: 301, Roles: []string{fo.RoleSupervisor}}}
	if err := s.SaveSettings(st); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CheckIn(fo.CheckInRequest{Customer: fo.CustomerInput{Name: "王五", Phone: "13900000001"}, Plate: "京B11111", ServiceID: "radar", Source: "kiosk"}); err != nil {
		t.Fatal(err)
	}
	sc := New(Config{Store: s, Clock: clock, Location: shanghai})
	for _, j := range ReportJobs(&st, s) {
		if err := sc.Add(j); err != nil {
			t.Fatal(err)
		}
		if err := s.SetLastRun(j.Name, clock.Now()); err != nil { // ran up to Friday 18:00
			t.Fatal(err)
		}
	}
	clock.Set(at(2026, 12, 1, 9, 0))
	sc.CatchUpAll(context.Background())

	es, _, err := s.Pending(clock.Now().Add(time.Hour), 100)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range es {
		if d := e.Message.Document; d != nil && strings.HasPrefix(d.Kind, "report-") {
			got = append(got, fmt.Sprintf("%s %d → %d", d.Kind, d.Ref, e.Message.ChatID))
		}
	}
	want := []string{"report-daily 20261128 → 301", "report-daily 20261130 → 301", "report-monthly 20261130 → 301", "report-weekly 20261128 → 301"}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("caught-up reports %v, want %v", got, want)
	}
	// Running the catch-up again sends nothing new.
	for _, j := range ReportJobs(&st, s) {
		s.SetLastRun(j.Name, at(2026, 11, 27, 18, 0))
	}
	sc.CatchUpAll(context.Background())
	es2, _, _ := s.Pending(clock.Now().Add(time.Hour), 100)
	if len(es2) != len(es) {
		t.Errorf("a second catch-up added %d messages", len(es2)-len(es))
	}
}
