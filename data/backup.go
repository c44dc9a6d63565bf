package data

// Automatic backups, read-only mode and the data file's health.
//
// DailyBackup writes one file per local day into the backup folder,
// "<base>-YYYY-MM-DD.db" (base: the data file's name without extension),
// through a temporary file that is fsynced, fully checked (CheckFile) and
// compared key by key count with the data file before it is renamed into
// place: a file with a backup's name is always complete and sound. Then
// the folder keeps the newest Daily days and, for each of the newest
// Monthly months, the month's newest backup; the rest is removed. A backup
// that failed removes nothing.
//
// A commit that fails (disk full, I/O error) leaves nothing of itself in
// the file (bbolt writes the meta page last); the store then refuses
// writes for a minute at a time with an error wrapping ErrReadOnly while
// reads go on, and tries again.

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	fo "frontoffice"
)

// ErrReadOnly wraps the error of a write refused because the data file
// cannot be written at the moment (disk full?): the shop runs read-only.
var ErrReadOnly = errors.New("the data file cannot be written (disk full?): the shop runs read-only")

// ReadOnlyRetry is how long the store refuses writes after a failed
// commit before it tries again.
const ReadOnlyRetry = time.Minute

// Keep is how many backups the folder keeps.
type Keep struct {
	Daily   int // the newest backups of this many days
	Monthly int // the newest backup of each of this many months
}

// DefaultKeep is 7 daily and 12 monthly backups.
var DefaultKeep = Keep{Daily: 7, Monthly: 12}

// keyBackup in meta holds the last backup's backupRecord.
var keyBackup = []byte("backup")

type backupRecord struct {
	LastOK   time.Time `json:"last_ok,omitzero"`
	LastFile string    `json:"last_file,omitempty"`
	Err      string    `json:"err,omitempty"`
	ErrAt    time.Time `json:"err_at,omitzero"`
}

// health is what the store knows of its file's health.
type health struct {
	mu       sync.Mutex
	backup   backupRecord
	checkErr string
	writeErr error
	writeAt  time.Time
}

func (s *Store) writable() error {
	s.health.mu.Lock()
	defer s.health.mu.Unlock()
	if s.health.writeErr != nil && s.now().Sub(s.health.writeAt) < ReadOnlyRetry {
		return readOnlyError(s.health.writeErr)
	}
	return nil
}

// readOnlyError tells the user, in their language, that nothing can be
// saved now (fo.ErrorText), and wraps ErrReadOnly and the cause.
func readOnlyError(cause error) error {
	return &fo.Error{Code: fo.ECONFLICT, Key: "err.readonly", Err: fmt.Errorf("%w: %w", ErrReadOnly, cause)}
}

func (s *Store) writeFailed(err error) error {
	s.health.mu.Lock()
	first := s.health.writeErr == nil
	s.health.writeErr, s.health.writeAt = err, s.now()
	s.health.mu.Unlock()
	if first {
		s.log.Error("the data file cannot be written: the shop runs read-only", "err", err, "disk_full", diskFull(err))
	}
	return readOnlyError(err)
}

func (s *Store) writeOK() {
	s.health.mu.Lock()
	was := s.health.writeErr
	s.health.writeErr = nil
	s.health.mu.Unlock()
	if was != nil {
		s.log.Info("the data file is writable again")
	}
}

// diskFull tells whether err is the file system refusing more data.
// bbolt wraps some file errors as text ("file resize error: %s"), so
// their messages count too.
func diskFull(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EFBIG) || errors.Is(err, syscall.EDQUOT) ||
		errors.Is(err, berrors.ErrMaxSizeReached) {
		return true
	}
	msg := err.Error()
	for _, e := range []error{syscall.ENOSPC, syscall.EFBIG, syscall.EDQUOT} {
		if strings.Contains(msg, e.Error()) {
			return true
		}
	}
	return false
}

// WriteError returns why writes fail (the shop runs read-only), nil when
// they do not.
func (s *Store) WriteError() error {
	s.health.mu.Lock()
	defer s.health.mu.Unlock()
	return s.health.writeErr
}

func (s *Store) noteCheck(err error) {
	s.health.mu.Lock()
	defer s.health.mu.Unlock()
	s.health.checkErr = ""
	if err != nil {
		s.health.checkErr = oneLine(err.Error())
	}
}

// DataFileStatus is the console's view of the data file's health.
func (s *Store) DataFileStatus() fo.DataFileStatus {
	s.health.mu.Lock()
	defer s.health.mu.Unlock()
	st := fo.DataFileStatus{LastBackup: s.health.backup.LastOK, LastBackupFile: s.health.backup.LastFile,
		BackupError: s.health.backup.Err, CheckError: s.health.checkErr}
	if s.health.writeErr != nil {
		st.WriteError = oneLine(s.health.writeErr.Error())
	}
	return st
}

// LastBackup returns the time of the last good backup (zero: none) and the
// error of the last attempt when it failed (metrics, console).
func (s *Store) LastBackup() (time.Time, error) {
	s.health.mu.Lock()
	defer s.health.mu.Unlock()
	var err error
	if s.health.backup.Err != "" {
		err = errors.New(s.health.backup.Err)
	}
	return s.health.backup.LastOK, err
}

// BackupName is the file name of the daily backup of the data file at
// dataPath for the local day of at.
func BackupName(dataPath string, at time.Time) string {
	return backupBase(dataPath) + "-" + at.Format("2006-01-02") + ".db"
}

func backupBase(dataPath string) string {
	b := filepath.Base(dataPath)
	return strings.TrimSuffix(b, filepath.Ext(b))
}

// DefaultBackupDir is the backup folder beside the data file.
func DefaultBackupDir(dataPath string) string { return dataPath + ".backups" }

// Backups lists the daily backups of the data file at dataPath in dir,
// newest first, with their days.
func Backups(dir, dataPath string) []BackupFile {
	base := backupBase(dataPath) + "-"
	entries, _ := os.ReadDir(dir)
	var out []BackupFile
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasPrefix(n, base) || !strings.HasSuffix(n, ".db") {
			continue
		}
		day, err := time.Parse("2006-01-02", strings.TrimSuffix(strings.TrimPrefix(n, base), ".db"))
		if err != nil {
			continue
		}
		out = append(out, BackupFile{Path: filepath.Join(dir, n), Day: day})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Day.After(out[j].Day) })
	return out
}

// BackupFile is one daily backup.
type BackupFile struct {
	Path string
	Day  time.Time // the local day it was taken, as a UTC date
}

// LatestBackup returns the newest backup of the data file in dir, "" when
// there is none.
func LatestBackup(dir, dataPath string) string {
	if b := Backups(dir, dataPath); len(b) > 0 {
		return b[0].Path
	}
	return ""
}

// Rotate removes the backups keep does not keep (see the package comment
// of backup.go) and
// returns the removed paths.
func Rotate(dir, dataPath string, keep Keep) []string {
	all := Backups(dir, dataPath)
	kept := map[string]bool{}
	for i, b := range all {
		if i < keep.Daily {
			kept[b.Path] = true
		}
	}
	months := map[string]bool{}
	for _, b := range all { // newest first: the first of each month is its newest
		m := b.Day.Format("2006-01")
		if !months[m] && len(months) < keep.Monthly {
			months[m] = true
			kept[b.Path] = true
		}
	}
	var removed []string
	for _, b := range all {
		if !kept[b.Path] && os.Remove(b.Path) == nil {
			removed = append(removed, b.Path)
		}
	}
	return removed
}

// removeStaleTemps removes temporary files of backups and checks that were
// interrupted (killed) at least an hour ago.
func removeStaleTemps(dir string, now time.Time) {
	tmps, _ := filepath.Glob(filepath.Join(dir, "*.tmp-*"))
	for _, t := range tmps {
		if fi, err := os.Stat(t); err == nil && now.Sub(fi.ModTime()) > time.Hour {
			os.Remove(t)
		}
	}
}

// DailyBackup writes, checks and rotates the backup of the local day of at
// (in the shop's zone) into dir, creating dir when missing. On failure it
// announces the failure to the supervisors once until a backup succeeds
// again, and removes nothing. It returns the backup's path.
func (s *Store) DailyBackup(dir string, at time.Time, keep Keep) (string, error) {
	st, err := s.Settings()
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, BackupName(s.Path(), at.In(st.Location())))
	err = os.MkdirAll(dir, 0o750)
	if err == nil {
		// Leftovers of a backup killed half-way go first: they take space.
		removeStaleTemps(dir, time.Now())
		err = s.Backup(path)
	}
	s.health.mu.Lock()
	rec := s.health.backup
	if err != nil {
		rec.Err, rec.ErrAt = oneLine(err.Error()), s.now()
	} else {
		rec = backupRecord{LastOK: s.now(), LastFile: path}
	}
	s.health.backup = rec
	s.health.mu.Unlock()
	if errors.Is(err, ErrDamaged) {
		s.noteCheck(err)
	} else if err == nil {
		s.noteCheck(nil)
	}
	if s.onBackup != nil {
		s.onBackup(err == nil)
	}
	if err != nil {
		s.log.Error("backup failed", "dir", dir, "err", err)
		kind := "backup"
		if errors.Is(err, ErrDamaged) {
			kind = "check"
		}
		s.announce(st, fo.DataFileAlert{Kind: kind, Err: oneLine(err.Error()), At: s.now(),
			LastBackup: LatestBackup(dir, s.Path()), Since: rec.LastOK})
		s.saveBackupRecord(rec)
		return "", err
	}
	s.saveBackupRecord(rec)
	for _, r := range Rotate(dir, s.Path(), keep) {
		s.log.Info("old backup removed", "file", r)
	}
	s.log.Info("backup written and checked", "file", path)
	return path, nil
}

// CheckInBackground runs the full check (Store.Check, on a copy in dir) and
// announces damage to the supervisors. serve runs it after an unclean stop
// while the shop already serves.
func (s *Store) CheckInBackground(dir string) error {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return err
	}
	_, err := s.Check(dir)
	if err != nil && errors.Is(err, ErrDamaged) {
		s.log.Error("the data file's check found damage", "err", err)
		if st, serr := s.Settings(); serr == nil {
			s.announce(st, fo.DataFileAlert{Kind: "check", Err: oneLine(err.Error()), At: s.now(),
				LastBackup: LatestBackup(dir, s.Path())})
		}
	}
	return err
}

func (s *Store) announce(st fo.Settings, a fo.DataFileAlert) {
	if err := s.Enqueue(fo.DataFileAlertMessages(&st, a)...); err != nil {
		s.log.Error("announcing a data file problem", "err", err)
	}
}

func (s *Store) saveBackupRecord(rec backupRecord) {
	err := s.update(func(tx *bolt.Tx, _ *writer) error {
		raw, err := json.Marshal(rec)
		if err != nil {
			return err
		}
		return tx.Bucket(bMeta).Put(keyBackup, raw)
	})
	if err != nil {
		s.log.Warn("recording the backup", "err", err)
	}
}

// Restore puts the backup file in place of the data file at dataPath: it
// refuses while a process holds the data file (ErrLocked), checks file
// fully first (a damaged file is refused, nothing changed), keeps the
// replaced data file as "<data>.replaced-YYYYMMDD-HHMMSS" and renames a
// copy of file into place atomically. It returns the kept file's path
// ("" when there was no data file).
func Restore(dataPath, file string, now time.Time) (kept string, err error) {
	unlock, err := lockFile(dataPath)
	if err != nil {
		return "", err
	}
	defer unlock()
	if _, err := CheckFile(file); err != nil {
		return "", err
	}
	tmp, err := copyFile(file, dataPath)
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp) // harmless after the rename
	if _, err := os.Stat(dataPath); err == nil {
		kept = dataPath + ".replaced-" + now.Format("20060102-150405")
		if err := os.Link(dataPath, kept); err != nil {
			// No hard links here: keep a copy instead.
			c, cerr := copyFile(dataPath, kept)
			if cerr != nil {
				return "", fmt.Errorf("keep the replaced file: %w", cerr)
			}
			if err := os.Rename(c, kept); err != nil {
				return "", err
			}
		}
	}
	if err := os.Rename(tmp, dataPath); err != nil {
		return "", err
	}
	syncDir(filepath.Dir(dataPath))
	return kept, nil
}

// lockFile takes the lock bbolt takes on the data file, so that nothing
// runs on it meanwhile; ErrLocked when a process holds it. A missing file
// needs no lock.
func lockFile(path string) (func(), error) {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if errors.Is(err, os.ErrNotExist) {
		return func() {}, nil
	}
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, ErrLocked
		}
		return nil, err
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}
