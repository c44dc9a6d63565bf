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

// Scheduler is a cron table with persisted last runs.
type Scheduler struct {
	cfg  Config
	cron *cron.Cron
	jobs []entry

	mu      sync.Mutex
	ctx     context.Context
	running sync.WaitGroup
}

type entry struct {
	job   Job
	sched cron.Schedule
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
	l := cronLogger{cfg.Logger}
	return &Scheduler{
		cfg: cfg,
		// SkipIfStillRunning outside Recover: a panicking job is logged and
		// the next tick may run it again; a slow one is not stacked.
		cron: cron.New(cron.WithLocation(cfg.Location), cron.WithChain(cron.SkipIfStillRunning(l), cron.Recover(l))),
		ctx:  context.Background(),
	}
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
	if j.Name == "" || j.Run == nil {
		return errors.New("scheduler: job needs a name and a Run")
	}
	for _, e := range s.jobs {
		if e.job.Name == j.Name {
			return fmt.Errorf("scheduler: job %q added twice", j.Name)
		}
	}
	sched, err := ParseSpec(j.Spec)
	if err != nil {
		return fmt.Errorf("scheduler: job %s: %w", j.Name, err)
	}
	s.jobs = append(s.jobs, entry{job: j, sched: sched})
	return nil
}

// Start catches up missed runs, then starts the cron table. Jobs get ctx.
func (s *Scheduler) Start(ctx context.Context) {
	s.mu.Lock()
	s.ctx = ctx
	s.mu.Unlock()
	s.CatchUpAll(ctx)
	for _, e := range s.jobs {
		e := e
		s.cron.Schedule(e.sched, cron.FuncJob(func() { s.tick(e) }))
	}
	s.cron.Start()
}

// Stop stops the cron table and waits for running jobs to finish.
func (s *Scheduler) Stop() {
	<-s.cron.Stop().Done()
	s.running.Wait()
}

// tick runs a job for the scheduled time that just came.
func (s *Scheduler) tick(e entry) {
	s.mu.Lock()
	ctx := s.ctx
	s.mu.Unlock()
	if ctx.Err() != nil {
		return
	}
	now := s.cfg.Clock.Now().In(s.cfg.Location)
	// The scheduled time is the latest one at or before now (cron fires a
	// little after it).
	at := Prev(e.sched, now, now.Add(-24*time.Hour))
	if at.IsZero() {
		at = now.Truncate(time.Minute)
	}
	s.run(ctx, e, at)
}

func (s *Scheduler) run(ctx context.Context, e entry, at time.Time) {
	s.running.Add(1)
	defer s.running.Done()
	start := time.Now()
	if err := e.job.Run(ctx, at); err != nil {
		s.cfg.Logger.Error("job failed", "job", e.job.Name, "at", at, "err", err)
		return
	}
	if err := s.cfg.Store.SetLastRun(e.job.Name, at); err != nil {
		s.cfg.Logger.Error("record job run", "job", e.job.Name, "err", err)
	}
	s.cfg.Logger.Debug("job ran", "job", e.job.Name, "at", at, "took", time.Since(start))
}

// CatchUpAll runs, for every job, the runs it missed since its last run,
// as its CatchUp says. A job that never ran has nothing to catch up: its
// first run is recorded as now, so that installing the program does not
// fire a month of reports.
func (s *Scheduler) CatchUpAll(ctx context.Context) {
	now := s.cfg.Clock.Now().In(s.cfg.Location)
	for _, e := range s.jobs {
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
		for _, at := range Missed(e.sched, e.job.CatchUp, last.In(s.cfg.Location), now) {
			if ctx.Err() != nil {
				return
			}
			s.cfg.Logger.Info("catching up a missed run", "job", e.job.Name, "at", at)
			s.run(ctx, e, at)
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

// cronLogger adapts slog to cron's logger.
type cronLogger struct{ l *slog.Logger }

func (c cronLogger) Info(msg string, kv ...any) { c.l.Debug("cron: "+msg, kv...) }
func (c cronLogger) Error(err error, msg string, kv ...any) {
	c.l.Error("cron: "+msg, append(kv, "err", err)...)
}
