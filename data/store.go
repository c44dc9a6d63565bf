// Package data keeps everything the front office knows in one embedded bbolt
// file. Each exported method of Store is one transaction: a state change, the
// register entries it needs and the messages it causes commit together or
// not at all.
//
// Buckets and their key layouts (ids and times are 8-byte big-endian; times
// are Unix seconds, UTC):
//
//	meta           "schema" → version (8 bytes); "open" → 1 while a process has the
//	               file open for writing, 0 after a clean Close (check.go);
//	               "backup" → JSON of the last backup's result (backup.go)
//	settings       "shop" → JSON frontoffice.Settings
//	customers      id → JSON Customer
//	cust_phone     phone (11 digits) → customer id
//	cust_chat      chat id → customer id
//	vehicles       id → JSON Vehicle (the archive of one vehicle, ARC-1)
//	veh_plate      plate → vehicle id
//	veh_cust       customer id | vehicle id → empty
//	appointments   id → JSON Appointment
//	apt_code       booking code → appointment id
//	apt_start      start | id → end (only appointments holding a bay)
//	apt_cust       customer id | start | id → empty
//	reg_apt        time | seq → JSON RegisterEntry (appointment register, APT-3)
//	outbox         seq → JSON outboxRecord (a Message waiting to be sent, with its tries)
//	outbox_next    next-try time (0: at once) | seq → chat id (index of outbox, data/outbox.go)
//	outbox_chat    chat id | seq → NotBefore | RetryAt (index of outbox: a chat's order)
//	outbox_parked  seq → JSON parkedOutbox (failed fo.MaxQueueTries times, or undecodable)
//	outbox_keys    idempotency key → seq | sent time (0 while waiting)
//	outbox_dead    seq → JSON deadMessage (Telegram refused it for good)
//	relay          chat id | message id → customer chat id (REC-3)
//	relay_at       sent time | chat id | message id → empty (relay's age, for retention)
//	bot            "offset" → next update id (8 bytes)
//	conversations  chat id → the bot's opaque conversation state of a customer chat;
//	               chat id | user id (16 bytes) → a staff member's conversation in a chat
//	idem           idempotency key → JSON result of the first request
//	idem_at        time | idempotency key → empty (idem's age, for retention)
//	due            time | kind ":" id → empty, or JSON dueRetry once it failed
//	               (what the scheduler must do when; data/jobs.go)
//	due_parked     "kind:id@unix" → JSON parkedDue (failed fo.MaxQueueTries times, or unreadable)
//	queue_stats    name → 8-byte count (the queues' counts, data/queue.go)
//	jobs           job name → last run time
//	visits         id → JSON Visit (check-in to delivery, work order, settlement)
//	visit_day      day "YYYY-MM-DD" | id → empty (shop zone)
//	visit_veh      vehicle id | visit id → empty (an archive's service history)
//	visit_open     visit id → empty (still in the shop; the cars workshop capacity
//	               counts are read from it, data/capacity.go, WS-1)
//	visit_end      end time | visit id → visitFigures in binary (data/report.go): the visits delivered
//	               or left, keyed by when they ended and settled (REP-1: a report reads its period)
//	queue_seq      day | prefix byte → last queue number given
//	board          day → JSON []fo.BoardCall, newest first; its sequence is the board's version
//	phone_tasks    day | seq → JSON fo.PhoneTask (reception calls for unlinked customers)
//	link_tokens    token → JSON linkToken (kiosk QR → Telegram, single use)
//
// Staff console (layouts documented in data/account.go):
//
//	accounts, sessions
//
// After-sales loop (layouts documented in data/complaint.go, data/followup.go,
// data/survey.go):
//
//	complaints, complaint_open, calls, call_due, reg_call, reg_letter,
//	surveys, promotions, tasks
//
// Lobby devices and pending kiosk matches (layouts documented in
// data/device.go, data/pending.go):
//
//	devices, device_tokens, device_codes, pending, pending_open
//
// Audit trail (layouts documented in data/audit.go):
//
//	audit, audit_ref
//
// Field installation, service stations and quality information (layouts
// documented in data/field.go, data/station.go, data/quality.go):
//
//	field_jobs, field_open, stations, station_jobs, quality, quality_at, quality_open
//	station_chat, station_job_ids, station_checked (data/station.go)
//	field_no, field_chat (field job numbers and contacts' chats, data/field_dispatch.go, data/field_link.go)
//	field_jobs, field_open, stations, station_jobs, quality, quality_at, quality_open,
//	quality_ref
//
// Stored files, documents and photos (data/file.go): files, file_data, file_fetch
// Field jobs' signature links (data/field_site_sign.go): field_sign
//
// The reports' after-sales indexes (layouts documented in
// data/report_aftersales.go): call_close, complaint_filed, survey_done
//
// Stations' cost claims and settlements (data/station_claim.go):
// station_claims, station_settlements
//
// Later issues add their buckets here, and a migration when existing data
// must change shape.
package data

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// ErrLocked is returned by Open when another process (a running server)
// holds the data file.
var ErrLocked = errors.New("the file is locked by another frontoffice process")

// Options configure Open.
type Options struct {
	// Clock gives the time of every change; the wall clock when nil.
	Clock fo.Clock
	// Logger receives the store's notes; discarded when nil.
	Logger *slog.Logger
	// Timeout is how long Open waits for another process's lock on the
	// file; 2 s when zero.
	Timeout time.Duration
	// NoSync skips fsync (tests and benchmarks of logic only).
	NoSync bool
	// Init creates a new file where Open would refuse to: a missing folder
	// is created, a 0-byte file made a new data file (frontoffice -init).
	Init bool
	// OnBackup, when set, is told the result of every backup (metrics).
	OnBackup func(ok bool)
}

// Store is the front office's data file. It is safe for concurrent use.
type Store struct {
	db    *bolt.DB
	clock fo.Clock
	log   *slog.Logger

	mu      sync.Mutex
	waiters map[string][]chan struct{}

	// unclean: the last process that had the file open did not close it.
	unclean  bool
	onBackup func(ok bool)
	health   health // backups, checks and write failures (backup.go)
}

// Open opens the data file at path, creates every bucket, runs pending
// migrations and stores DefaultSettings when the file has none. A file
// written by a newer version is refused. A missing file is created in an
// existing folder (a first run); a missing folder or a 0-byte file is
// refused unless opts.Init, and a file that is damaged in a way the first
// reads can see is refused with an error wrapping ErrDamaged (see
// check.go), never a panic.
func Open(path string, opts Options) (*Store, error) {
	if opts.Timeout == 0 {
		opts.Timeout = 2 * time.Second
	}
	if opts.Clock == nil {
		opts.Clock = fo.SystemClock{}
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	isNew, err := preflight(path, opts.Init)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	if !isNew {
		// The first reads, read-only: a bbolt panic on a corrupt page is
		// recovered here, before anything writes.
		ro, err := openChecked(path, opts.Timeout)
		if err != nil {
			return nil, fmt.Errorf("open store %s: %w", path, err)
		}
		ro.Close()
	}
	db, err := openBolt(path, bolt.Options{Timeout: opts.Timeout, NoSync: opts.NoSync})
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	s := &Store{db: db, clock: opts.Clock, log: opts.Logger, onBackup: opts.OnBackup}
	if err := guard("init", s.init); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	return s, nil
}

func (s *Store) init() error {
	return s.db.Update(func(tx *bolt.Tx) error {
		for _, name := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return fmt.Errorf("create bucket %s: %w", name, err)
			}
		}
		meta := tx.Bucket(bMeta)
		var version uint64
		if v := meta.Get([]byte("schema")); v != nil {
			version = binary.BigEndian.Uint64(v)
		}
		if version > SchemaVersion {
			return fmt.Errorf("data file has schema version %d, this program knows up to %d: use a newer frontoffice", version, SchemaVersion)
		}
		for ; version < SchemaVersion; version++ {
			if err := migrations[version](tx); err != nil {
				return fmt.Errorf("migrate schema %d→%d: %w", version, version+1, err)
			}
			s.log.Info("migrated data file", "from", version, "to", version+1)
		}
		if err := meta.Put([]byte("schema"), u64(SchemaVersion)); err != nil {
			return err
		}
		// Open until Close says otherwise: a file still marked open at
		// the next start was not closed (kill, crash, power cut).
		s.unclean = bytes.Equal(meta.Get(keyOpen), []byte{1})
		if err := meta.Put(keyOpen, []byte{1}); err != nil {
			return err
		}
		if v := meta.Get(keyBackup); v != nil {
			json.Unmarshal(v, &s.health.backup)
		}
		if err := initQueues(tx); err != nil {
			return err
		}
		if tx.Bucket(bSettings).Get([]byte("shop")) == nil {
			st := fo.DefaultSettings()
			return putJSON(tx.Bucket(bSettings), []byte("shop"), st)
		}
		return nil
	})
}

// keyOpen in meta is 1 while a process has the file open for writing.
var keyOpen = []byte("open")

// Close marks the file closed cleanly and closes it. Callers stop every
// user of the store first.
func (s *Store) Close() error {
	err := guard("close", func() error {
		return s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bMeta).Put(keyOpen, []byte{0}) })
	})
	if err != nil {
		s.log.Warn("marking the data file closed", "err", err)
	}
	return s.db.Close()
}

// UncleanStop reports whether the previous process that wrote the file did
// not close it (killed, crashed, power cut): the full check should run.
func (s *Store) UncleanStop() bool { return s.unclean }

// DB returns the underlying bbolt database, for benchmarks and tools that
// compare against raw bbolt.
func (s *Store) DB() *bolt.DB { return s.db }

// Path returns the data file's path.
func (s *Store) Path() string { return s.db.Path() }

func (s *Store) now() time.Time { return s.clock.Now().UTC() }

// Changed returns a channel closed at the next commit that puts messages in
// the outbox. The bot's sender waits on it instead of polling.
func (s *Store) Changed() <-chan struct{} { return s.watch("outbox") }

// BoardChanged returns a channel closed at the next commit that changes the
// queue board (a call). fo.Board pages wait on it.
func (s *Store) BoardChanged() <-chan struct{} { return s.watch("board") }

func (s *Store) watch(topic string) <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.waiters == nil {
		s.waiters = map[string][]chan struct{}{}
	}
	ch := make(chan struct{})
	s.waiters[topic] = append(s.waiters[topic], ch)
	return ch
}

func (s *Store) signal(topic string) {
	s.mu.Lock()
	ws := s.waiters[topic]
	delete(s.waiters, topic)
	s.mu.Unlock()
	for _, ch := range ws {
		close(ch)
	}
}

// update runs fn in a read-write transaction and, after the commit, wakes
// the outbox's sender when fn enqueued messages and the board's watchers
// when it changed the board.
func (s *Store) update(fn func(tx *bolt.Tx, w *writer) error) error {
	if err := s.writable(); err != nil {
		return err
	}
	var w writer
	committing := false
	err := guard("write", func() error {
		return s.db.Update(func(tx *bolt.Tx) error {
			w = writer{tx: tx, now: s.now()}
			txTimes.Store(tx, w.now) // for idemPut (data/retention.go)
			defer txTimes.Delete(tx)
			if err := fn(tx, &w); err != nil {
				return err
			}
			if w.boardChanged {
				if _, err := tx.Bucket(bBoard).NextSequence(); err != nil {
					return err
				}
			}
			committing = true
			return nil
		})
	})
	if err != nil && committing && !errors.Is(err, ErrDamaged) {
		// The commit failed (disk full, I/O error): nothing of it is in
		// the file; the store goes read-only until a write succeeds.
		return s.writeFailed(err)
	}
	if err == nil {
		s.writeOK()
	}
	if err == nil && w.enqueued > 0 {
		s.signal("outbox")
	}
	if err == nil && w.boardChanged {
		s.signal("board")
	}
	return err
}

// writer carries what a read-write transaction needs to write register
// entries and outbox messages.
type writer struct {
	tx           *bolt.Tx
	now          time.Time
	enqueued     int
	boardChanged bool
	by           string // who makes the changes, for the audit trail (data/audit.go)
}

// Backup writes a consistent copy of the data file to path while the store
// is in use: into a temporary file beside it, fsynced, fully checked and
// compared with the data file (CheckFile), then renamed, so that path is
// never a half-written or unchecked file.
func (s *Store) Backup(path string) error {
	dir := filepath.Dir(path)
	tmp, _, err := s.snapshot(dir, filepath.Base(path))
	if err == nil {
		if err = os.Rename(tmp, path); err != nil {
			os.Remove(tmp)
		}
	}
	if err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	syncDir(dir)
	return nil
}

// WriteBackup writes a consistent copy of the data file to w, from one read
// transaction, while writers go on.
func (s *Store) WriteBackup(w io.Writer) error {
	return s.db.View(func(tx *bolt.Tx) error {
		_, err := tx.WriteTo(w)
		return err
	})
}

// the running server). The server rebuilds its cron table and zone on it.
func (s *Store) SettingsChanged() <-chan struct{} { return s.watch("settings") }

// Settings returns the shop's settings.
func (s *Store) Settings() (fo.Settings, error) {
	var st fo.Settings
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		st, err = settingsTx(tx)
		return err
	})
	return st, err
}

func settingsTx(tx *bolt.Tx) (fo.Settings, error) {
	var st fo.Settings
	if err := getJSON(tx.Bucket(bSettings), []byte("shop"), &st); err != nil {
		return st, fmt.Errorf("read settings: %w", err)
	}
	return st, nil
}

// SaveSettings validates and stores st. Invalid settings change nothing
// and return an EINVALID *Error saying what is wrong; so do settings that
// remove a staff member an account is linked to (fo.CheckStaffLinks). In
// the same transaction, the reminders not yet due are timed anew for the
// new zone and quiet hours (APT-5); after the commit, SettingsChanged's
// watchers wake.
func (s *Store) SaveSettings(st fo.Settings) error { return s.SaveSettingsAs(st, "") }

// SaveSettingsAs is SaveSettings made by by ("staff:<login>"), who the
// audit entry of the change names.
func (s *Store) SaveSettingsAs(st fo.Settings, by string) error {
	if err := st.Validate(); err != nil {
		return err
	}
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		w.setBy(by)
		if err := checkStaffLinks(tx, &st); err != nil {
			return err
		}
		old, err := settingsTx(tx)
		if err != nil && !errors.Is(err, fo.ErrNotFound) {
			return err
		}
		if err := putJSON(tx.Bucket(bSettings), []byte("shop"), st); err != nil {
			return err
		}
		if err := w.audit(fo.AuditSettings, "shop", "save", old, st); err != nil {
			return err
		}
		return w.retimeReminders(&st)
	})
	if err == nil {
		s.signal("settings")
	}
	return err
}
