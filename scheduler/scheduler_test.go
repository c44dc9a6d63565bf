package scheduler

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	fo "frontoffice"
	"frontoffice/data"
	"frontoffice/internal/fakeclock"
)

var shanghai, _ = time.LoadLocation("Asia/Shanghai")

func at(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, shanghai)
}

// Cron specs are read in the shop's zone, across midnight and month ends.
func TestSpecsInShopZone(t *testing.T) {
	cases := []struct {
		spec       string
		from, want time.Time
	}{
		{"0 18 * * 1-5", at(2026, 11, 27, 17, 59), at(2026, 11, 27, 18, 0)},
		{"0 18 * * 1-5", at(2026, 11, 27, 18, 0), at(2026, 11, 30, 18, 0)}, // Fri → Mon
		{"0 17 * * 6", at(2026, 11, 27, 12, 0), at(2026, 11, 28, 17, 0)},   // Saturday shift end
		{"0 0 * * *", at(2026, 12, 31, 23, 59), at(2027, 1, 1, 0, 0)},      // midnight, new year
		{"30 8 28-31 * *", at(2027, 2, 1, 0, 0), at(2027, 2, 28, 8, 30)},
	}
	for _, c := range cases {
		s, err := ParseSpec(c.spec)
		if err != nil {
			t.Fatal(err)
		}
		if got := s.Next(c.from); !got.Equal(c.want) {
			t.Errorf("%q after %v: %v, want %v", c.spec, c.from, got, c.want)
		}
	}
	// 18:00 in Shanghai is 10:00 UTC.
	s, _ := ParseSpec("0 18 * * *")
	if got := s.Next(at(2026, 11, 27, 12, 0)); got.UTC().Hour() != 10 {
		t.Errorf("18:00 Shanghai = %v UTC", got.UTC())
	}
}

func TestParseSpecBad(t *testing.T) {
	for _, spec := range []string{"", "61 * * * *", "* * *", "@yearly2", "0 0 31 2 *x", "*/0 * * * *"} {
		if _, err := ParseSpec(spec); err == nil {
			t.Errorf("ParseSpec(%q) accepted", spec)
		}
	}
}

// REP-1 month-end: cron has no L, so the job runs on 28-31 and checks.
func TestIsLastDayOfMonth(t *testing.T) {
	s, _ := ParseSpec("0 18 28-31 * *")
	var ends []string
	for t0 := at(2027, 1, 1, 0, 0); t0.Year() == 2027 && len(ends) < 12; {
		t0 = s.Next(t0)
		if IsLastDayOfMonth(t0) {
			ends = append(ends, t0.Format("01-02 15:04"))
		}
	}
	want := "01-31 18:00 02-28 18:00 03-31 18:00 04-30 18:00 05-31 18:00 06-30 18:00 07-31 18:00 08-31 18:00 09-30 18:00 10-31 18:00 11-30 18:00 12-31 18:00"
	if got := strings.Join(ends, " "); got != want {
		t.Errorf("month ends 2027:\n%s\nwant\n%s", got, want)
	}
	if !IsLastDayOfMonth(at(2028, 2, 29, 18, 0)) || IsLastDayOfMonth(at(2028, 2, 28, 18, 0)) {
		t.Error("leap February")
	}
}

func TestMissed(t *testing.T) {
	daily, _ := ParseSpec("0 18 * * *")
	last := at(2026, 11, 24, 18, 0)
	now := at(2026, 11, 27, 19, 0)
	each := Missed(daily, CatchUpEach, last, now)
	if len(each) != 3 || !each[0].Equal(at(2026, 11, 25, 18, 0)) || !each[2].Equal(at(2026, 11, 27, 18, 0)) {
		t.Errorf("each: %v", each)
	}
	latest := Missed(daily, CatchUpLatest, last, now)
	if len(latest) != 1 || !latest[0].Equal(at(2026, 11, 27, 18, 0)) {
		t.Errorf("latest: %v", latest)
	}
	if got := Missed(daily, CatchUpNever, last, now); got != nil {
		t.Errorf("never: %v", got)
	}
	if got := Missed(daily, CatchUpEach, at(2026, 11, 27, 18, 0), now); got != nil {
		t.Errorf("nothing missed: %v", got)
	}
	// A year down: at most MaxCatchUp days back.
	if got := Missed(daily, CatchUpEach, at(2025, 11, 27, 18, 0), now); len(got) != MaxCatchUp {
		t.Errorf("year down: %d runs", len(got))
	}
}

type runs struct {
	mu  sync.Mutex
	ats []time.Time
}

func (r *runs) job(name, spec string, c CatchUp) Job {
	return Job{Name: name, Spec: spec, CatchUp: c, Run: func(_ context.Context, at time.Time) error {
		r.mu.Lock()
		r.ats = append(r.ats, at)
		r.mu.Unlock()
		return nil
	}}
}

func openStore(t *testing.T, clock fo.Clock) *data.Store {
	t.Helper()
	s, err := data.Open(filepath.Join(t.TempDir(), "f.db"), data.Options{Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// Last runs persist; a restart after downtime catches up once per policy.
func TestCatchUpAtStart(t *testing.T) {
	clock := fakeclock.New(at(2026, 11, 24, 12, 0))
	store := openStore(t, clock)
	var r runs
	newSched := func() *Scheduler {
		s := New(Config{Store: store, Clock: clock, Location: shanghai})
		if err := s.Add(r.job("daily", "0 18 * * *", CatchUpEach)); err != nil {
			t.Fatal(err)
		}
		return s
	}
	// First start: nothing to catch up, the start is recorded.
	s := newSched()
	s.CatchUpAll(context.Background())
	if len(r.ats) != 0 {
		t.Fatalf("first start ran %v", r.ats)
	}
	// Down from Tuesday noon until Friday 19:00: four reports (Tue-Fri
	// 18:00) are made up, oldest first.
	clock.Set(at(2026, 11, 27, 19, 0))
	s = newSched()
	s.CatchUpAll(context.Background())
	if len(r.ats) != 4 || !r.ats[0].Equal(at(2026, 11, 24, 18, 0)) || !r.ats[3].Equal(at(2026, 11, 27, 18, 0)) {
		t.Fatalf("caught up %v", r.ats)
	}
	// Another restart catches up nothing more.
	s = newSched()
	s.CatchUpAll(context.Background())
	if len(r.ats) != 4 {
		t.Fatalf("caught up twice: %v", r.ats)
	}
	if last, _ := store.LastRun("daily"); !last.Equal(at(2026, 11, 27, 18, 0)) {
		t.Errorf("last run %v", last)
	}
}

func TestAddRejects(t *testing.T) {
	s := New(Config{})
	var r runs
	if err := s.Add(r.job("a", "bad spec", CatchUpLatest)); err == nil {
		t.Error("bad spec accepted")
	}
	s.Add(r.job("a", "* * * * *", CatchUpLatest))
	if err := s.Add(r.job("a", "* * * * *", CatchUpLatest)); err == nil {
		t.Error("duplicate accepted")
	}
}

// APT-5 end to end on the store: the reminder job sends at the due minute,
// not before, and catches up after downtime.
func TestReminderJobAPT5(t *testing.T) {
	clock := fakeclock.New(at(2026, 11, 27, 9, 0))
	store := openStore(t, clock)
	a, err := store.Book(fo.BookRequest{ServiceID: "maint", Start: at(2026, 11, 30, 10, 0), Plate: "京A12345",
		Customer: fo.CustomerInput{Name: "张三", Phone: "13812345678", ChatID: 7}, By: "test"})
	if err != nil {
		t.Fatal(err)
	}
	job := DueJob(store)
	ctx := context.Background()
	reminders := func() int {
		es, _, _ := store.Pending(at(2027, 1, 1, 0, 0), 100)
		n := 0
		for _, e := range es {
			if strings.HasPrefix(e.Message.Key, "remind:") {
				n++
			}
		}
		return n
	}
	job.Run(ctx, at(2026, 11, 29, 9, 59))
	if reminders() != 0 {
		t.Fatal("reminded a minute early")
	}
	job.Run(ctx, at(2026, 11, 29, 10, 0))
	if reminders() != 1 {
		t.Fatalf("not reminded at %v", a.RemindAt.In(shanghai))
	}
	job.Run(ctx, at(2026, 11, 29, 10, 1))
	if reminders() != 1 {
		t.Fatal("reminded twice")
	}

	// Down over the due time of a second appointment: caught up at start.
	clock.Set(at(2026, 11, 28, 9, 0))
	store.Book(fo.BookRequest{ServiceID: "maint", Start: at(2026, 12, 1, 10, 0), Plate: "京A54321",
		Customer: fo.CustomerInput{Name: "李四", Phone: "13912345678", ChatID: 8}, By: "test"})
	store.SetLastRun("due", at(2026, 11, 30, 9, 0))
	clock.Set(at(2026, 11, 30, 13, 0))
	s := New(Config{Store: store, Clock: clock, Location: shanghai})
	s.Add(job)
	s.CatchUpAll(ctx)
	if reminders() != 2 {
		t.Fatalf("%d reminders after catch-up, want 2", reminders())
	}
}

// The cron table really fires in the shop's zone and Stop waits.
func TestStartStop(t *testing.T) {
	clock := fo.SystemClock{}
	store := openStore(t, clock)
	var r runs
	s := New(Config{Store: store, Clock: clock, Location: shanghai})
	s.Add(r.job("every", "@every 1s", CatchUpNever))
	ctx, cancel := context.WithCancel(context.Background())
	s.Start(ctx)
	deadline := time.Now().Add(5 * time.Second)
	for {
		r.mu.Lock()
		n := len(r.ats)
		r.mu.Unlock()
		if n > 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	cancel()
	s.Stop()
	if len(r.ats) == 0 {
		t.Fatal("job never ran")
	}
}

// Live settings (issue 9): the table is rebuilt while the scheduler runs,
// on its fake clock. A new report time fires at the new time and not at
// the old; a new zone moves every job to the same wall time of the new
// zone; a job kept as it was keeps its next time.
func TestRebuildWhileRunning(t *testing.T) {
	clock := fakeclock.New(at(2026, 11, 27, 9, 0)) // Friday, Shanghai
	store := openStore(t, clock)
	var r, minutes runs // the report jobs' runs, the every-minute job's
	s := New(Config{Store: store, Clock: clock, Location: shanghai})
	s.Add(r.job("report@17:30", "30 17 * * *", CatchUpEach))
	s.Add(minutes.job("every-minute", "* * * * *", CatchUpLatest))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s.Start(ctx)
	defer s.Stop()
	if got := s.Next("report@17:30"); !got.Equal(at(2026, 11, 27, 17, 30)) {
		t.Fatalf("next report %v", got)
	}
	clock.Set(at(2026, 11, 27, 12, 0))
	s.Tick(clock.Now())
	if len(r.ats) != 0 || len(minutes.ats) != 1 || !minutes.ats[0].Equal(at(2026, 11, 27, 12, 0)) {
		t.Fatalf("at noon: reports %v, every minute %v", r.ats, minutes.ats)
	}

	// The report time moves to 16:30 at noon.
	if err := s.Rebuild(shanghai, []Job{r.job("report@16:30", "30 16 * * *", CatchUpEach), minutes.job("every-minute", "* * * * *", CatchUpLatest)}); err != nil {
		t.Fatal(err)
	}
	if got := s.Next("report@16:30"); !got.Equal(at(2026, 11, 27, 16, 30)) {
		t.Errorf("next report after the change: %v", got)
	}
	if !s.Next("report@17:30").IsZero() {
		t.Error("the old report time is still in the table")
	}
	if got := s.Next("every-minute"); !got.Equal(at(2026, 11, 27, 12, 1)) {
		t.Errorf("a kept job's next time moved: %v", got)
	}
	clock.Set(at(2026, 11, 27, 16, 29))
	s.Tick(clock.Now())
	clock.Set(at(2026, 11, 27, 16, 30))
	s.Tick(clock.Now())
	clock.Set(at(2026, 11, 27, 17, 31))
	s.Tick(clock.Now())
	reports := func() []time.Time {
		r.mu.Lock()
		defer r.mu.Unlock()
		return slices.Clone(r.ats)
	}
	if got := reports(); len(got) != 1 || !got[0].Equal(at(2026, 11, 27, 16, 30)) {
		t.Fatalf("reports fired at %v, want once at 16:30", got)
	}
	if last, _ := store.LastRun("report@16:30"); !last.Equal(at(2026, 11, 27, 16, 30)) {
		t.Errorf("last run %v", last)
	}

	// The zone moves to Tokyo (an hour ahead): 16:30 is 15:30 in Shanghai.
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Rebuild(tokyo, []Job{r.job("report@16:30", "30 16 * * *", CatchUpEach)}); err != nil {
		t.Fatal(err)
	}
	if s.Location() != tokyo {
		t.Errorf("zone %v", s.Location())
	}
	want := at(2026, 11, 28, 15, 30)
	if got := s.Next("report@16:30"); !got.Equal(want) {
		t.Errorf("next report in Tokyo: %v, want %v", got, want)
	}
	clock.Set(want)
	s.Tick(clock.Now())
	if got := reports(); len(got) != 2 || !got[1].Equal(want) || got[1].In(tokyo).Hour() != 16 {
		t.Fatalf("reports %v, want the second at 16:30 Tokyo", got)
	}

	// A bad table changes nothing.
	if err := s.Rebuild(tokyo, []Job{r.job("x", "61 * * * *", CatchUpEach)}); err == nil {
		t.Error("a bad spec was accepted")
	}
	if s.Next("report@16:30").IsZero() {
		t.Error("a refused rebuild emptied the table")
	}
}

// A job still running when its next time comes is skipped for it; a
// panicking job is logged and the table goes on.
func TestTickSkipsBusyAndRecovers(t *testing.T) {
	clock := fakeclock.New(at(2026, 11, 27, 9, 0))
	store := openStore(t, clock)
	s := New(Config{Store: store, Clock: clock, Location: shanghai})
	release := make(chan struct{})
	started := make(chan struct{}, 10)
	var n int
	var mu sync.Mutex
	s.Add(Job{Name: "slow", Spec: "* * * * *", Run: func(context.Context, time.Time) error {
		mu.Lock()
		n++
		mu.Unlock()
		started <- struct{}{}
		<-release
		return nil
	}})
	s.Add(Job{Name: "panics", Spec: "* * * * *", Run: func(context.Context, time.Time) error { panic("boom") }})
	clock.Set(at(2026, 11, 27, 9, 1))
	wg := s.tick(clock.Now())
	<-started
	clock.Set(at(2026, 11, 27, 9, 2))
	s.tick(clock.Now()).Wait() // slow is still running: skipped; panics panics again
	close(release)
	wg.Wait()
	if n != 1 {
		t.Errorf("slow ran %d times, want 1 (skipped while running)", n)
	}
	clock.Set(at(2026, 11, 27, 9, 3))
	s.Tick(clock.Now())
	if n != 2 {
		t.Errorf("slow ran %d times after it finished, want 2", n)
	}
}

type prunes struct{ ats []time.Time }

func (p *prunes) Prune(now time.Time) (map[string]int, error) {
	p.ats = append(p.ats, now)
	return map[string]int{}, nil
}

// The nightly prune runs at 03:10 shop time and, after downtime, is made
// up once for the latest missed night.
func TestPruneJobNightlyCatchUp(t *testing.T) {
	clock := fakeclock.New(at(2026, 11, 27, 9, 0))
	store := openStore(t, clock)
	var p prunes
	job := PruneJob(&p)
	sched, err := ParseSpec(job.Spec)
	if err != nil {
		t.Fatal(err)
	}
	if next := sched.Next(at(2026, 11, 27, 9, 0)); !next.Equal(at(2026, 11, 28, 3, 10)) {
		t.Errorf("next prune %v", next)
	}
	store.SetLastRun("prune", at(2026, 11, 24, 3, 10))
	s := New(Config{Store: store, Clock: clock, Location: shanghai})
	if err := s.Add(job); err != nil {
		t.Fatal(err)
	}
	s.CatchUpAll(context.Background())
	if len(p.ats) != 1 || !p.ats[0].Equal(at(2026, 11, 27, 3, 10)) {
		t.Errorf("caught up %v, want once for 11-27 03:10", p.ats)
	}
}
