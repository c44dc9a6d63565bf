package data

// Soundness of the data file. Open refuses what it can detect cheaply —
// a missing folder (an unmounted disk), a 0-byte file, a damaged meta page,
// a file shorter than its meta data says, a freelist or bucket root that
// cannot be read — with an error wrapping ErrDamaged, ErrNoFolder or
// ErrEmptyFile, never a panic: bbolt panics (and faults on pages past the
// end of a truncated file) while opening and reading are recovered.
//
// The full consistency check (bbolt's tx.Check: every page reachable or
// free exactly once, keys in order) reads the whole file, so it does not
// run at every start: CheckFile runs it on a file nobody writes (a backup,
// or the data file with the server stopped); a running server checks a
// fresh copy of itself (Store.Check) after an unclean stop and before
// every nightly backup, so writers never wait for it.

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Errors of Open and the checks.
var (
	// ErrDamaged: the file is not a sound data file (restore a backup).
	ErrDamaged = errors.New("the data file is damaged")
	// ErrNoFolder: the data file's folder does not exist (a disk not
	// mounted?). Options.Init creates it.
	ErrNoFolder = errors.New("the data file's folder does not exist")
	// ErrEmptyFile: the data file has 0 bytes, which no run of frontoffice
	// leaves behind. Options.Init makes a new file of it.
	ErrEmptyFile = errors.New("the data file is empty (0 bytes)")
)

// guard runs fn, turning a panic — bbolt's on a corrupt page, or a fault
// reading past the end of a truncated file — into an error wrapping
// ErrDamaged.
func guard(what string, fn func() error) (err error) {
	old := debug.SetPanicOnFault(true)
	defer debug.SetPanicOnFault(old)
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: %s: %s", ErrDamaged, what, oneLine(fmt.Sprint(r)))
		}
	}()
	return fn()
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

// preflight refuses a missing folder and a 0-byte file (unless init), and
// reports whether the file is new (missing: created by Open).
func preflight(path string, init bool) (isNew bool, err error) {
	dir := filepath.Dir(path)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		if !init {
			return false, fmt.Errorf("%w: %s (is the disk mounted?)", ErrNoFolder, dir)
		}
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return false, err
		}
	}
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return true, nil
	case err != nil:
		return false, err
	case fi.IsDir():
		return false, fmt.Errorf("%s is a folder, not a data file", path)
	case fi.Size() == 0:
		if !init {
			return false, ErrEmptyFile
		}
		return true, os.Remove(path)
	}
	return false, nil
}

// openChecked opens the file at path read-only (a shared lock: ErrLocked
// while a server writes it) and makes the cheap checks: both meta pages,
// the file's length, the freelist and every bucket's root page.
func openChecked(path string, timeout time.Duration) (*bolt.DB, error) {
	db, err := openBolt(path, bolt.Options{ReadOnly: true, PreLoadFreelist: true, Timeout: timeout})
	if err != nil {
		if errors.Is(err, ErrDamaged) {
			// Say why, when the meta data can tell.
			if merr := checkMeta(path); merr != nil {
				err = merr
			}
		}
		return nil, err
	}
	err = checkMeta(path) // under the lock: no writer is half-way
	if err == nil {
		err = quickCheck(db)
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// checkMeta reads both meta pages: each must carry bbolt's magic and a
// right checksum, and the file must hold every page the newest one counts
// (a truncated file does not). bbolt itself would silently fall back to
// the other meta page, or fault on the missing pages.
func checkMeta(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	size := fi.Size()
	const magic = 0xED0CDAED
	read := func(off int64) (pageSize uint32, pgid, txid uint64, err error) {
		buf := make([]byte, 16+64)
		if _, err := f.ReadAt(buf, off); err != nil {
			return 0, 0, 0, fmt.Errorf("%w: meta page at %d cannot be read (file of %d bytes)", ErrDamaged, off, size)
		}
		m := buf[16:]
		h := fnv.New64a()
		h.Write(m[:56])
		if binary.LittleEndian.Uint32(m[0:]) != magic || binary.LittleEndian.Uint64(m[56:]) != h.Sum64() {
			return 0, 0, 0, fmt.Errorf("%w: meta page at %d fails its checksum", ErrDamaged, off)
		}
		return binary.LittleEndian.Uint32(m[8:]), binary.LittleEndian.Uint64(m[40:]), binary.LittleEndian.Uint64(m[48:]), nil
	}
	ps, pgid0, tx0, err := read(0)
	if err != nil {
		return err
	}
	if ps < 1024 || ps > 1<<24 {
		return fmt.Errorf("%w: page size %d", ErrDamaged, ps)
	}
	_, pgid1, tx1, err := read(int64(ps))
	if err != nil {
		return err
	}
	pgid := pgid0
	if tx1 > tx0 {
		pgid = pgid1
	}
	if need := int64(pgid) * int64(ps); size < need {
		return fmt.Errorf("%w: the file has %d bytes, its meta data counts %d (truncated?)", ErrDamaged, size, need)
	}
	return nil
}

// openBolt opens the bbolt file under guard, closing the file again when
// bbolt panicked half-way.
func openBolt(path string, bo bolt.Options) (*bolt.DB, error) {
	var f *os.File
	bo.OpenFile = func(name string, flag int, mode os.FileMode) (*os.File, error) {
		ff, err := os.OpenFile(name, flag, mode)
		f = ff
		return ff, err
	}
	var db *bolt.DB
	err := guard("open", func() error {
		var err error
		db, err = bolt.Open(path, 0o600, &bo)
		return err
	})
	if err != nil && db == nil && f != nil && errors.Is(err, ErrDamaged) {
		f.Close()
	}
	if err != nil {
		if errors.Is(err, bolt.ErrTimeout) {
			return nil, ErrLocked
		}
		if errors.Is(err, ErrDamaged) {
			return nil, err
		}
		// bbolt's own refusals (invalid database, version mismatch,
		// checksum) are damage too.
		if !errors.Is(err, os.ErrPermission) && !errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
		}
		return nil, err
	}
	return db, nil
}

// quickCheck reads what every start can afford: the freelist (loaded by
// the open), every bucket's root page and its first and last keys.
func quickCheck(db *bolt.DB) error {
	return guard("read buckets", func() error {
		return db.View(func(tx *bolt.Tx) error {
			return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
				c := b.Cursor()
				c.First()
				c.Last()
				return nil
			})
		})
	})
}

// Counts are the number of keys in each bucket.
type Counts map[string]int

func countTx(tx *bolt.Tx) (Counts, error) {
	n := Counts{}
	err := guard("count keys", func() error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			k := 0
			c := b.Cursor()
			for key, _ := c.First(); key != nil; key, _ = c.Next() {
				k++
			}
			n[string(name)] = k
			return nil
		})
	})
	return n, err
}

// Total is the number of keys in every bucket.
func (c Counts) Total() int {
	t := 0
	for _, n := range c {
		t += n
	}
	return t
}

// diff says how c and other differ, "" when they are equal.
func (c Counts) diff(other Counts) string {
	var out []string
	for k, n := range c {
		if other[k] != n {
			out = append(out, fmt.Sprintf("%s %d≠%d", k, n, other[k]))
		}
	}
	for k, n := range other {
		if _, ok := c[k]; !ok {
			out = append(out, fmt.Sprintf("%s 0≠%d", k, n))
		}
	}
	return strings.Join(out, ", ")
}

// maxCheckErrors bounds how many of the full check's findings are kept.
const maxCheckErrors = 5

// CheckFile runs the full consistency check of the data file at path,
// which no process may be writing: a backup, or the data file with the
// server stopped (a running server holds its lock: ErrLocked). It returns
// the key count of every bucket. A damaged file gives an error wrapping
// ErrDamaged that says what is wrong.
func CheckFile(path string) (Counts, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if fi.Size() == 0 {
		return nil, fmt.Errorf("%s: %w", path, ErrEmptyFile)
	}
	db, err := openChecked(path, 300*time.Millisecond)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	defer db.Close()
	var counts Counts
	err = db.View(func(tx *bolt.Tx) error {
		var found []string
		n := 0
		for err := range tx.Check() {
			if n++; len(found) < maxCheckErrors {
				found = append(found, oneLine(err.Error()))
			}
		}
		if n > 0 {
			return fmt.Errorf("%w: %d problems: %s", ErrDamaged, n, strings.Join(found, "; "))
		}
		var err error
		counts, err = countTx(tx)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return counts, nil
}

// snapshot writes the state of one read transaction to a new temporary file
// in dir, fsyncs it, runs the full check on it and compares its key counts
// with the transaction's. It returns the temporary file's path: the caller
// renames it into place or removes it. The copy is what a backup keeps, and
// checking it checks the data file as of that transaction without holding
// up writers.
func (s *Store) snapshot(dir, prefix string) (tmpPath string, counts Counts, err error) {
	tmp, err := os.CreateTemp(dir, prefix+".tmp-*")
	if err != nil {
		return "", nil, err
	}
	tmpPath = tmp.Name()
	defer func() {
		if err != nil {
			os.Remove(tmpPath)
		}
	}()
	var src Counts
	err = s.db.View(func(tx *bolt.Tx) error {
		if _, err := tx.WriteTo(tmp); err != nil {
			return err
		}
		var err error
		src, err = countTx(tx)
		return err
	})
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", nil, err
	}
	got, err := CheckFile(tmpPath)
	if err != nil {
		return "", nil, err
	}
	if d := src.diff(got); d != "" {
		return "", nil, fmt.Errorf("%w: the copy's key counts differ from the data file's: %s", ErrDamaged, d)
	}
	return tmpPath, got, nil
}

// Check runs the full consistency check of the data file while the store
// is in use: on a fresh copy in dir (the backup folder), removed after.
// It returns the key counts.
func (s *Store) Check(dir string) (Counts, error) {
	tmp, counts, err := s.snapshot(dir, filepath.Base(s.Path())+".check")
	if err != nil {
		s.noteCheck(err)
		return nil, fmt.Errorf("check %s: %w", s.Path(), err)
	}
	os.Remove(tmp)
	s.noteCheck(nil)
	return counts, nil
}

// copyFile copies src to a new temporary file beside dst and fsyncs it.
func copyFile(src, dst string) (string, error) {
	in, err := os.Open(src)
	if err != nil {
		return "", err
	}
	defer in.Close()
	out, err := os.CreateTemp(filepath.Dir(dst), filepath.Base(dst)+".tmp-*")
	if err != nil {
		return "", err
	}
	_, err = io.Copy(out, in)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(out.Name())
		return "", err
	}
	return out.Name(), nil
}

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
