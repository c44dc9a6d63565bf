// Package scheduler runs the jobs that the manual asks people to remember
// (APT-5 reminders, call lists, reports, escalations) on a cron table in the
// shop's time zone. robfig/cron never catches up a run missed while the
// process was down, so the scheduler persists each job's last run and, at
// start, runs every job whose scheduled time passed since then.
package scheduler

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/robfig/cron/v3"

	fo "frontoffice"
)

// Store keeps each job's last run.
type Store interface {
	LastRun(job string) (time.Time, error)
	SetLastRun(job string, t time.Time) error
}

// CatchUp says what a job does about the runs it missed while the process
// was down.
type CatchUp int

const (
	// CatchUpLatest runs once, for the latest missed time: reminders and
	// lists that look at "everything due by now".
	CatchUpLatest CatchUp = iota
	// CatchUpEach runs once for every missed time, oldest first, at most
	// MaxCatchUp of them: reports that are about one day each.
	CatchUpEach
	// CatchUpNever skips missed runs.
	CatchUpNever
)

// MaxCatchUp bounds how many missed runs of a CatchUpEach job are made up,
// and how far back missed runs are looked for (days).
const MaxCatchUp = 31

// Job is a scheduled task.
type Job struct {
	// Name identifies the job in the store and the logs; it must be unique.
	Name string
	// Spec is a standard 5-field cron spec ("0 18 * * 1-5") in the shop's
	// zone, or a descriptor such as "@every 1m".
	Spec    string
	CatchUp CatchUp
	// Run does the work for the scheduled time at (in the shop's zone). It
	// must be safe to run twice for the same at: the last run is stored
	// after it returns, so a crash in between repeats it.
	Run func(ctx context.Context, at time.Time) error
}

// Config configures a Scheduler.
type Config struct {
	Store    Store
	Clock    fo.Clock
	Logger   *slog.Logger
	Location *time.Location
}

// Scheduler is a cron table with persisted last runs, on the injected
// clock. Its table and zone may be replaced while it runs (Rebuild): the
// shop's settings change the report times, the hours and the zone, and a
// saved change takes effect at once.
//
// It uses robfig/cron's parser and schedules but runs its own loop on
// Config.Clock, so that tests drive it with a fake clock (Tick). A job
// still running when its next time comes is skipped for that time
// (robfig's SkipIfStillRunning); a panicking job is logged and the table
// goes on (robfig's Recover).
type Scheduler struct {
	cfg Config

	mu      sync.Mutex
	loc     *time.Location
	jobs    []*entry
	ctx     context.Context
	wake    chan struct{}
	stopped chan struct{}
	loop    sync.WaitGroup
	running sync.WaitGroup
}

type entry struct {
	job   Job
	sched cron.Schedule
	// next is the next scheduled time, in the zone the entry was built for;
	// busy is set while a run is in progress.
	next time.Time
	busy bool
}

// New returns a scheduler; add jobs, then Start it.
func New(cfg Config) *Scheduler {
	if cfg.Clock == nil {
		cfg.Clock = fo.SystemClock{}
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Location == nil {
		cfg.Location = time.UTC
	}
	return &Scheduler{cfg: cfg, loc: cfg.Location, ctx: context.Background(), wake: make(chan struct{}, 1)}
}

// ParseSpec parses a cron spec. A bad spec is an error, never a panic: the
// parser is guarded, because specs may come from settings.
func ParseSpec(spec string) (s cron.Schedule, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("cron spec %q: %v", spec, r)
		}
	}()
	s, err = cron.ParseStandard(spec)
	if err != nil {
		return nil, fmt.Errorf("cron spec %q: %w", spec, err)
	}
	return s, nil
}

// Add adds a job. It fails on a bad spec or a duplicate name.
func (s *Scheduler) Add(j Job) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, err := newEntry(j, s.jobs)
	if err != nil {
		return err
	}
	e.next = e.sched.Next(s.cfg.Clock.Now().In(s.loc))
	s.jobs = append(s.jobs, e)
	return nil
}

func newEntry(j Job, have []*entry) (*entry, error) {
	if j.Name == "" || j.Run == nil {
		return nil, errors.New("scheduler: job needs a name and a Run")
	}
	for _, e := range have {
		if e.job.Name == j.Name {
			return nil, fmt.Errorf("scheduler: job %q added twice", j.Name)
		}
	}
	sched, err := ParseSpec(j.Spec)
	if err != nil {
		return nil, fmt.Errorf("scheduler: job %s: %w", j.Name, err)
	}
	return &entry{job: j, sched: sched}, nil
}

// Rebuild replaces the cron table with jobs in zone loc, at once, while
// the scheduler runs (or before it starts): the shop's settings changed.
// A job kept with the same name, spec and zone keeps its next time; every
// other job's next time is the first after now in loc, and a job never
// run before is recorded as run now (as at Start: no catching up of a
// time it never had). Runs in progress finish. A bad spec or a duplicate
// name changes nothing and is returned.
func (s *Scheduler) Rebuild(loc *time.Location, jobs []Job) error {
	if loc == nil {
		return errors.New("scheduler: rebuild without a zone")
	}
	var fresh []*entry
	for _, j := range jobs {
		e, err := newEntry(j, fresh)
		if err != nil {
			return err
		}
		fresh = append(fresh, e)
	}
	now := s.cfg.Clock.Now().In(loc)
	s.mu.Lock()
	old := map[string]*entry{}
	for _, e := range s.jobs {
		old[e.job.Name] = e
	}
	for i, e := range fresh {
		if o := old[e.job.Name]; o != nil && o.job.Spec == e.job.Spec && s.loc.String() == loc.String() {
			// The same entry goes on (a run in progress clears its busy
			// mark), with the new Run.
			o.job = e.job
			fresh[i] = o
			continue
		}
		e.next = e.sched.Next(now)
	}
	s.jobs, s.loc = fresh, loc
	s.mu.Unlock()
	for _, e := range fresh {
		if old[e.job.Name] != nil {
			continue
		}
		if last, err := s.cfg.Store.LastRun(e.job.Name); err == nil && last.IsZero() {
			if err := s.cfg.Store.SetLastRun(e.job.Name, now); err != nil {
				s.cfg.Logger.Error("record job run", "job", e.job.Name, "err", err)
			}
		}
	}
	s.cfg.Logger.Info("cron table rebuilt", "jobs", len(fresh), "tz", loc.String())
	select {
	case s.wake <- struct{}{}:
	default:
	}
	return nil
}

// Location returns the zone the table runs in.
func (s *Scheduler) Location() *time.Location {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.loc
}

// Next returns the next scheduled time of the named job, zero when there
// is no such job.
func (s *Scheduler) Next(name string) time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, e := range s.jobs {
		if e.job.Name == name {
			return e.next
		}
	}
	return time.Time{}
}

// Start catches up missed runs, then runs the table on the clock until ctx
// ends or Stop. Jobs get ctx.
func (s *Scheduler) Start(ctx context.Context) {
	s.mu.Lock()
	s.ctx = ctx
	s.stopped = make(chan struct{})
	stopped := s.stopped
	s.mu.Unlock()
	s.CatchUpAll(ctx)
	s.mu.Lock()
	now := s.cfg.Clock.Now().In(s.loc)
	for _, e := range s.jobs {
		e.next = e.sched.Next(now)
	}
	s.mu.Unlock()
	s.loop.Add(1)
	go func() {
		defer s.loop.Done()
		for {
			wait := time.Minute
			if next := s.earliest(); !next.IsZero() {
				wait = min(max(next.Sub(s.cfg.Clock.Now()), 0), time.Minute)
			}
			timer := time.NewTimer(wait)
			select {
			case <-ctx.Done():
				timer.Stop()
				return
			case <-stopped:
				timer.Stop()
				return
			case <-s.wake:
				timer.Stop()
			case <-timer.C:
			}
			s.tick(s.cfg.Clock.Now())
		}
	}()
}

// earliest is the soonest next time of the table.
func (s *Scheduler) earliest() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	var t time.Time
	for _, e := range s.jobs {
		if t.IsZero() || e.next.Before(t) {
			t = e.next
		}
	}
	return t
}

// Stop stops the loop and waits for running jobs to finish.
func (s *Scheduler) Stop() {
	s.mu.Lock()
	if s.stopped != nil {
		select {
		case <-s.stopped:
		default:
			close(s.stopped)
		}
	}
	s.mu.Unlock()
	s.loop.Wait()
	s.running.Wait()
}

// Tick runs every job whose scheduled time came by now, and waits until
// no run is in progress (its own, and any the loop started). The loop
// ticks on the clock by itself; tests call Tick with a fake clock's time.
func (s *Scheduler) Tick(now time.Time) {
	s.tick(now).Wait()
	for s.busy() {
		time.Sleep(time.Millisecond)
	}
}

func (s *Scheduler) busy() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, e := range s.jobs {
		if e.busy {
			return true
		}
	}
	return false
}

// tick starts the runs of every job due by now, each in its own goroutine
// (a job still running is skipped), and returns a group that is done when
// they are.
func (s *Scheduler) tick(now time.Time) *sync.WaitGroup {
	var wg sync.WaitGroup
	s.mu.Lock()
	ctx, loc := s.ctx, s.loc
	now = now.In(loc)
	type due struct {
		e   *entry
		job Job
		ats []time.Time
	}
	var runs []due
	for _, e := range s.jobs {
		if e.next.IsZero() || e.next.After(now) {
			continue
		}
		// The times that came since the last: each for a job that makes
		// up each, else the latest.
		policy := e.job.CatchUp
		if policy == CatchUpNever {
			policy = CatchUpLatest
		}
		ats := Missed(e.sched, policy, e.next.Add(-time.Second), now)
		e.next = e.sched.Next(now)
		if e.busy {
			s.cfg.Logger.Warn("job still running, skipped", "job", e.job.Name, "at", now)
			continue
		}
		if len(ats) == 0 {
			continue
		}
		e.busy = true
		runs = append(runs, due{e, e.job, ats})
	}
	s.mu.Unlock()
	if ctx.Err() != nil {
		s.mu.Lock()
		for _, r := range runs {
			r.e.busy = false
		}
		s.mu.Unlock()
		return &wg
	}
	for _, r := range runs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				s.mu.Lock()
				r.e.busy = false
				s.mu.Unlock()
			}()
			for _, at := range r.ats {
				s.run(ctx, r.job, at)
			}
		}()
	}
	return &wg
}

func (s *Scheduler) run(ctx context.Context, job Job, at time.Time) {
	s.running.Add(1)
	defer s.running.Done()
	defer func() {
		if r := recover(); r != nil {
			s.cfg.Logger.Error("job panicked", "job", job.Name, "at", at, "panic", r)
		}
	}()
	start := time.Now()
	if err := job.Run(ctx, at); err != nil {
		s.cfg.Logger.Error("job failed", "job", job.Name, "at", at, "err", err)
		return
	}
	if err := s.cfg.Store.SetLastRun(job.Name, at); err != nil {
		s.cfg.Logger.Error("record job run", "job", job.Name, "err", err)
	}
	s.cfg.Logger.Debug("job ran", "job", job.Name, "at", at, "took", time.Since(start))
}

// CatchUpAll runs, for every job, the runs it missed since its last run,
// as its CatchUp says. A job that never ran has nothing to catch up: its
// first run is recorded as now, so that installing the program does not
// fire a month of reports.
func (s *Scheduler) CatchUpAll(ctx context.Context) {
	s.mu.Lock()
	loc := s.loc
	jobs := slices.Clone(s.jobs)
	s.mu.Unlock()
	now := s.cfg.Clock.Now().In(loc)
	for _, e := range jobs {
		last, err := s.cfg.Store.LastRun(e.job.Name)
		if err != nil {
			s.cfg.Logger.Error("read last run", "job", e.job.Name, "err", err)
			continue
		}
		if last.IsZero() {
			if err := s.cfg.Store.SetLastRun(e.job.Name, now); err != nil {
				s.cfg.Logger.Error("record job run", "job", e.job.Name, "err", err)
			}
			continue
		}
		for _, at := range Missed(e.sched, e.job.CatchUp, last.In(loc), now) {
			if ctx.Err() != nil {
				return
			}
			s.cfg.Logger.Info("catching up a missed run", "job", e.job.Name, "at", at)
			s.run(ctx, e.job, at)
		}
	}
}

// Missed returns the scheduled times in (last, now] that a job with policy
// c must make up, oldest first. It looks back at most MaxCatchUp days.
func Missed(sched cron.Schedule, c CatchUp, last, now time.Time) []time.Time {
	if c == CatchUpNever {
		return nil
	}
	if floor := now.AddDate(0, 0, -MaxCatchUp); last.Before(floor) {
		last = floor
	}
	var out []time.Time
	for t := sched.Next(last); !t.IsZero() && !t.After(now); t = sched.Next(t) {
		out = append(out, t)
		if c == CatchUpLatest && len(out) > 1 {
			out = out[1:]
		}
		if len(out) > MaxCatchUp {
			out = out[1:]
		}
	}
	return out
}

// Prev returns the latest scheduled time at or before now and after floor,
// zero when none.
func Prev(sched cron.Schedule, now, floor time.Time) time.Time {
	var prev time.Time
	for t := sched.Next(floor); !t.IsZero() && !t.After(now); t = sched.Next(t) {
		prev = t
	}
	return prev
}

// IsLastDayOfMonth reports whether t's calendar day (in t's zone) is the last
// of its month. cron has no "L": a month-end job runs on days 28-31 and
// checks this (REP-1).
func IsLastDayOfMonth(t time.Time) bool {
	return t.AddDate(0, 0, 1).Month() != t.Month()
}
