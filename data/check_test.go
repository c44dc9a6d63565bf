package data

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
	"frontoffice/internal/fakeclock"
)

// fill puts n customer records of size bytes each straight into the file
// (the checks count keys, they do not decode them).
func fill(t testing.TB, s *Store, from, n, size int) {
	t.Helper()
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bCustomers)
		for i := from; i < from+n; i++ {
			if err := b.Put(u64(uint64(i)), bytes.Repeat([]byte{byte(i)}, size)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// closedFile makes a data file with n records and closes it cleanly.
func closedFile(t *testing.T, n int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "shop.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	fill(t, s, 0, n, 200)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// currentMeta returns the page size and the freelist and root page ids of
// the newest meta page.
func currentMeta(t *testing.T, path string) (ps, freelist, root int64) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	le := binary.LittleEndian
	ps = int64(le.Uint32(raw[16+8:]))
	m0, m1 := raw[16:], raw[ps+16:]
	m := m0
	if le.Uint64(m1[48:]) > le.Uint64(m0[48:]) {
		m = m1
	}
	return ps, int64(le.Uint64(m[32:])), int64(le.Uint64(m[16:]))
}

func overwrite(t *testing.T, path string, off int64, n int) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt(bytes.Repeat([]byte{0xAB}, n), off); err != nil {
		t.Fatal(err)
	}
}

func TestOpenRefusesMissingFolderAndEmptyFile(t *testing.T) {
	dir := t.TempDir()
	// A folder that is not there (a USB disk not mounted) is not created.
	gone := filepath.Join(dir, "usb", "shop.db")
	if _, err := Open(gone, Options{}); !errors.Is(err, ErrNoFolder) {
		t.Fatalf("missing folder: %v, want ErrNoFolder", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "usb")); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("the missing folder was created")
	}
	// A 0-byte file is not silently a new shop.
	empty := filepath.Join(dir, "empty.db")
	os.WriteFile(empty, nil, 0o600)
	if _, err := Open(empty, Options{}); !errors.Is(err, ErrEmptyFile) {
		t.Fatalf("0-byte file: %v, want ErrEmptyFile", err)
	}
	if fi, _ := os.Stat(empty); fi.Size() != 0 {
		t.Fatal("the 0-byte file was written")
	}
	// Init forces both.
	for _, p := range []string{gone, empty} {
		s, err := Open(p, Options{Init: true})
		if err != nil {
			t.Fatalf("Init %s: %v", p, err)
		}
		if _, err := s.Settings(); err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
	// A missing file in an existing folder is a first run.
	s, err := Open(filepath.Join(dir, "new.db"), Options{})
	if err != nil {
		t.Fatalf("first run: %v", err)
	}
	s.Close()
}

// Whatever opening and the first reads can see is ErrDamaged, never a
// panic, and the file is left as it was.
func TestOpenDamagedFile(t *testing.T) {
	cases := map[string]func(t *testing.T, path string){
		"truncated": func(t *testing.T, path string) {
			fi, _ := os.Stat(path)
			os.Truncate(path, fi.Size()/2)
		},
		"meta page overwritten": func(t *testing.T, path string) { overwrite(t, path, 16, 200) },
		"freelist overwritten": func(t *testing.T, path string) {
			ps, fl, _ := currentMeta(t, path)
			overwrite(t, path, fl*ps, 200)
		},
		"root page overwritten": func(t *testing.T, path string) {
			ps, _, root := currentMeta(t, path)
			overwrite(t, path, root*ps, 200)
		},
	}
	for name, damage := range cases {
		t.Run(name, func(t *testing.T) {
			path := closedFile(t, 3000)
			damage(t, path)
			before, _ := os.ReadFile(path)
			s, err := Open(path, Options{Timeout: time.Second})
			if err == nil {
				s.Close()
				t.Fatal("a damaged file opened")
			}
			if !errors.Is(err, ErrDamaged) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("err = %q, want one line wrapping ErrDamaged", err)
			}
			if _, err := CheckFile(path); !errors.Is(err, ErrDamaged) {
				t.Fatalf("CheckFile: %v, want ErrDamaged", err)
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
				t.Fatal("opening changed the damaged file")
			}
		})
	}
}

// Damage the first reads cannot see (a data page) is no panic for
// Metrics (which reads no data page), and the full check finds it.
func TestMetricsAndCheckOnDamagedPage(t *testing.T) {
	path := closedFile(t, 3000)
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Metrics(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Check(t.TempDir()); err != nil {
		t.Fatalf("check of a sound file: %v", err)
	}
	damageMiddlePage(t, path)
	// Metrics reads only the buckets' sequences and the file's size (#9:
	// never a walk per scrape), so a damaged data page neither panics nor
	// fails /metrics; the check below is what finds it.
	if _, err := s.Metrics(); err != nil {
		t.Fatalf("Metrics on a damaged data page: %v, want the kept counts", err)
	}
	if _, err := s.Check(t.TempDir()); !errors.Is(err, ErrDamaged) {
		t.Fatalf("Check: %v, want ErrDamaged", err)
	}
	if st := s.DataFileStatus(); st.CheckError == "" {
		t.Fatal("the console is not told of the failed check")
	}
}

// damageMiddlePage overwrites the elements of the file's middle page, under
// a running store: with thousands of customers, one of their leaves (not
// the bucket's root, first or last page that Open reads).
func damageMiddlePage(t *testing.T, path string) {
	ps, _, _ := currentMeta(t, path)
	fi, _ := os.Stat(path)
	overwrite(t, path, fi.Size()/2/ps*ps+16, 64)
}

func TestUncleanStopIsRemembered(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shop.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if s.UncleanStop() {
		t.Fatal("a new file counts as an unclean stop")
	}
	s.db.Close() // as if killed: no Close
	s, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !s.UncleanStop() {
		t.Fatal("a file left open does not count as an unclean stop")
	}
	s.Close()
	s, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.UncleanStop() {
		t.Fatal("a cleanly closed file counts as an unclean stop")
	}
}

// The background check after an unclean stop announces damage to the
// supervisors, naming the last backup.
func TestCheckInBackgroundAnnouncesDamage(t *testing.T) {
	s, _ := newTestStore(t, supervisorOnTelegram())
	fill(t, s, 0, 3000, 200)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, BackupName(s.Path(), at(2026, 11, 26, 18, 30))), []byte("x"), 0o600)
	if err := s.CheckInBackground(dir); err != nil {
		t.Fatal(err)
	}
	if n := pendingWith(t, s, "datafile:"); n != 0 {
		t.Fatalf("a sound file announced %d times", n)
	}
	damageMiddlePage(t, s.Path())
	if err := s.CheckInBackground(dir); !errors.Is(err, ErrDamaged) {
		t.Fatalf("err = %v", err)
	}
	msgs := pendingTexts(t, s, "datafile:check:")
	if len(msgs) != 1 || !strings.Contains(msgs[0], "frontoffice restore "+filepath.Join(dir, "f-2026-11-26.db")) {
		t.Fatalf("announcements %q, want one naming the last backup", msgs)
	}
}

func pendingTexts(t *testing.T, s *Store, prefix string) []string {
	t.Helper()
	entries, _, err := s.Pending(s.now().Add(time.Hour), 1000)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if strings.HasPrefix(e.Message.Key, prefix) {
			out = append(out, e.Message.Text)
		}
	}
	return out
}

func pendingWith(t *testing.T, s *Store, prefix string) int { return len(pendingTexts(t, s, prefix)) }

// 40 nights of backups on a fake clock keep the newest 7 days and the
// newest backup of each month.
func TestBackupRotation(t *testing.T) {
	s, clock := newTestStore(t, startingAt(at(2026, 10, 1, 18, 30)))
	fill(t, s, 0, 100, 100)
	dir := filepath.Join(t.TempDir(), "backups")
	var last string
	for day := 0; day < 40; day++ {
		fill(t, s, 100+day, 1, 100)
		p, err := s.DailyBackup(dir, clock.Now(), DefaultKeep)
		if err != nil {
			t.Fatalf("day %d: %v", day, err)
		}
		last = p
		clock.Advance(24 * time.Hour)
	}
	var names []string
	for _, b := range Backups(dir, s.Path()) {
		names = append(names, filepath.Base(b.Path))
	}
	sort.Strings(names)
	want := []string{"f-2026-10-31.db", "f-2026-11-03.db", "f-2026-11-04.db", "f-2026-11-05.db", "f-2026-11-06.db",
		"f-2026-11-07.db", "f-2026-11-08.db", "f-2026-11-09.db"}
	if fmt.Sprint(names) != fmt.Sprint(want) {
		t.Fatalf("kept %v\nwant %v", names, want)
	}
	if LatestBackup(dir, s.Path()) != last {
		t.Fatalf("latest %s, want %s", LatestBackup(dir, s.Path()), last)
	}
	// Each kept backup passes the full check; the newest has every record.
	counts, err := CheckFile(last)
	if err != nil {
		t.Fatal(err)
	}
	if counts["customers"] != 140 {
		t.Fatalf("newest backup has %d customers, want 140", counts["customers"])
	}
	when, err := s.LastBackup()
	if err != nil || !when.Equal(at(2026, 11, 9, 18, 30)) {
		t.Fatalf("LastBackup = %v, %v", when, err)
	}
	// A year of months keeps 12 monthly backups.
	for _, m := range Rotate(dir, s.Path(), Keep{Daily: 1, Monthly: 1}) {
		if filepath.Base(m) == "f-2026-11-09.db" {
			t.Fatal("the newest backup was removed")
		}
	}
	if n := len(Backups(dir, s.Path())); n != 1 {
		t.Fatalf("%d backups after keeping 1+1", n)
	}
}

// A failing backup removes nothing, is announced once until a backup
// succeeds, and is shown to the console and counted.
func TestBackupFailureAnnouncedOnce(t *testing.T) {
	var results []bool
	clock := fakeclock.New(at(2026, 11, 27, 18, 30))
	s, err := Open(filepath.Join(t.TempDir(), "f.db"), Options{Clock: clock, OnBackup: func(ok bool) { results = append(results, ok) }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st, _ := s.Settings()
	st.StaffChats = []int64{-100}
	if err := s.SaveSettings(st); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "backups")
	if _, err := s.DailyBackup(dir, clock.Now(), DefaultKeep); err != nil {
		t.Fatal(err)
	}
	// The backup folder's disk is gone: a file stands where the folder was.
	blocked := filepath.Join(t.TempDir(), "blocked")
	os.WriteFile(blocked, nil, 0o600)
	for i := 0; i < 2; i++ {
		clock.Advance(24 * time.Hour)
		if _, err := s.DailyBackup(filepath.Join(blocked, "x"), clock.Now(), DefaultKeep); err == nil {
			t.Fatal("backup into a file succeeded")
		}
	}
	if n := pendingWith(t, s, "datafile:backup:"); n != 1 {
		t.Fatalf("failure announced %d times, want once", n)
	}
	if _, err := s.LastBackup(); err == nil {
		t.Fatal("LastBackup hides the failure")
	}
	if st := s.DataFileStatus(); st.BackupError == "" || st.LastBackup.IsZero() {
		t.Fatalf("status %+v", st)
	}
	if fmt.Sprint(results) != "[true false false]" {
		t.Fatalf("OnBackup got %v", results)
	}
	if len(Backups(dir, s.Path())) != 1 {
		t.Fatal("a failed backup removed the good one")
	}
	clock.Advance(24 * time.Hour)
	if _, err := s.DailyBackup(dir, clock.Now(), DefaultKeep); err != nil {
		t.Fatal(err)
	}
	if _, err := s.LastBackup(); err != nil {
		t.Fatalf("after a good backup: %v", err)
	}
}

func TestRestore(t *testing.T) {
	s, clock := newTestStore(t)
	fill(t, s, 0, 500, 100)
	backup := filepath.Join(t.TempDir(), "good.db")
	if err := s.Backup(backup); err != nil {
		t.Fatal(err)
	}
	// While a process holds the data file, restore refuses.
	if _, err := Restore(s.Path(), backup, clock.Now()); !errors.Is(err, ErrLocked) {
		t.Fatalf("restore beside a running store: %v, want ErrLocked", err)
	}
	fill(t, s, 500, 100, 100) // newer than the backup
	path := s.Path()
	s.Close()
	before, _ := os.ReadFile(path)

	// A damaged FILE is refused and nothing changes.
	bad := filepath.Join(t.TempDir(), "bad.db")
	raw, _ := os.ReadFile(backup)
	os.WriteFile(bad, raw[:len(raw)/2], 0o600)
	if _, err := Restore(path, bad, clock.Now()); !errors.Is(err, ErrDamaged) {
		t.Fatalf("restore of a truncated file: %v, want ErrDamaged", err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Fatal("a refused restore changed the data file")
	}

	kept, err := Restore(path, backup, clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	if want := path + ".replaced-" + clock.Now().Format("20060102-150405"); kept != want {
		t.Fatalf("kept %s, want %s", kept, want)
	}
	if k, _ := os.ReadFile(kept); !bytes.Equal(k, before) {
		t.Fatal("the replaced file is not kept as it was")
	}
	counts, err := CheckFile(path)
	if err != nil || counts["customers"] != 500 {
		t.Fatalf("restored file: %v customers, %v", counts["customers"], err)
	}
}

// Disk full during a commit: the commit fails as a whole, the store says
// it runs read-only and keeps answering reads, and after reopening the file
// is sound with exactly the commits that succeeded. The child process
// limits its file size (RLIMIT_FSIZE): growing the data file then fails
// with EFBIG, as a full disk fails with ENOSPC; bbolt's Options.OpenFile
// returns an *os.File, so no wrapper can fail its writes.
func TestDiskFullDuringCommit(t *testing.T) {
	if path := os.Getenv("FRONTOFFICE_TEST_FSIZE_CHILD"); path != "" {
		diskFullChild(path)
		return
	}
	path := closedFile(t, 200)
	cmd := exec.Command(os.Args[0], "-test.run=^TestDiskFullDuringCommit$", "-test.v")
	cmd.Env = append(os.Environ(), "FRONTOFFICE_TEST_FSIZE_CHILD="+path)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	var committed int
	var lines []string
	for _, l := range strings.Split(string(out), "\n") {
		if rest, ok := strings.CutPrefix(l, "RESULT "); ok {
			lines = append(lines, rest)
			if n, ok := strings.CutPrefix(rest, "committed="); ok {
				committed, _ = strconv.Atoi(n)
			}
		}
	}
	want := []string{"readonly=true diskfull=true", "reads=ok", "says=read-only", "refused=true", fmt.Sprintf("committed=%d", committed)}
	if fmt.Sprint(lines) != fmt.Sprint(want) || committed <= 200 {
		t.Fatalf("child said %q, want %q\n%s", lines, want, out)
	}
	counts, err := CheckFile(path)
	if err != nil {
		t.Fatalf("after the failed commit: %v", err)
	}
	if counts["customers"] != committed {
		t.Fatalf("%d customers on file, %d committed: a commit was half-written", counts["customers"], committed)
	}
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	fill(t, s, 100000, 10, 100) // with room again, writes go on
}

func diskFullChild(path string) {
	clock := fakeclock.New(at(2026, 11, 27, 9, 0))
	s, err := Open(path, Options{Clock: clock})
	if err != nil {
		fmt.Println("RESULT open:", err)
		return
	}
	fi, _ := os.Stat(path)
	var lim syscall.Rlimit
	syscall.Getrlimit(syscall.RLIMIT_FSIZE, &lim)
	lim.Cur = uint64(fi.Size()) + 8<<20
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &lim); err != nil {
		fmt.Println("RESULT setrlimit:", err)
		return
	}
	committed := 200
	for i := 0; i < 100000; i++ {
		err = s.update(func(tx *bolt.Tx, _ *writer) error {
			b := tx.Bucket(bCustomers)
			for k := 0; k < 20; k++ {
				if err := b.Put(u64(uint64(committed+k)), bytes.Repeat([]byte{1}, 2000)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			break
		}
		committed += 20
	}
	fmt.Println("error:", err)
	fmt.Printf("RESULT readonly=%v diskfull=%v\n", errors.Is(err, ErrReadOnly), diskFull(err))
	if _, err := s.Settings(); err == nil {
		fmt.Println("RESULT reads=ok")
	}
	// The console's status says so, and users are told in their language.
	if st := s.DataFileStatus(); st.WriteError != "" && strings.Contains(fo.ErrorText(fo.ZH, err), "无法保存") &&
		strings.Contains(fo.ErrorText(fo.EN, err), "cannot save") {
		fmt.Println("RESULT says=read-only")
	}
	// Within a minute the next write is refused at once.
	err = s.update(func(tx *bolt.Tx, _ *writer) error { return nil })
	fmt.Printf("RESULT refused=%v\n", errors.Is(err, ErrReadOnly))
	fmt.Printf("RESULT committed=%d\n", committed)
	s.db.Close()
}
