package data

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// testDueKinds registers two due kinds for the test: "tok" enqueues a
// message naming its id, "tfail" fails while *failing is true.
func testDueKinds(t *testing.T, failing *bool) {
	dueHandlers["tok"] = func(w *writer, _ *fo.Settings, id uint64, at, _ time.Time) error {
		return w.enqueue(fo.Message{Key: fmt.Sprintf("tok-%d", id), ChatID: 77, Text: fmt.Sprintf("ok %d at %d", id, at.Unix())})
	}
	dueHandlers["tfail"] = func(w *writer, _ *fo.Settings, id uint64, at, _ time.Time) error {
		if *failing {
			// Work done before the failure is rolled back with it.
			w.enqueue(fo.Message{Key: fmt.Sprintf("half-%d", id), ChatID: 77, Text: "half done"})
			return errors.New("archive record cannot be decoded")
		}
		return w.enqueue(fo.Message{Key: fmt.Sprintf("tfail-%d", id), ChatID: 77, Text: fmt.Sprintf("late %d at %d", id, at.Unix())})
	}
	t.Cleanup(func() { delete(dueHandlers, "tok"); delete(dueHandlers, "tfail") })
}

func putDues(t *testing.T, s *Store, at time.Time, kinds ...string) {
	t.Helper()
	err := s.update(func(_ *bolt.Tx, w *writer) error {
		for i, k := range kinds {
			if err := w.putDue(at, k, uint64(i+1)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func texts(t *testing.T, s *Store) string {
	var b strings.Builder
	for _, m := range pending(t, s) {
		b.WriteString(m.Text + "|")
	}
	return b.String()
}

// A due handler that always fails is retried on its own back-off and
// parked at its MaxQueueTries-th failure, announced once; the entries
// before and after it in the same batch are handled in the same run, and
// the ones due later on time; its half-done work never commits; a retry
// by staff hands it its own due time.
func TestDueHandlerAlwaysFails(t *testing.T) {
	s, clock := newTestStore(t)
	failing := true
	testDueKinds(t, &failing)
	t0 := clock.Now()
	putDues(t, s, t0, "tok", "tfail", "tok") // ids 1, 2, 3
	n, err := s.RunDue(clock.Now())
	if err != nil || n != 2 {
		t.Fatalf("RunDue = %d, %v; want the 2 good ones", n, err)
	}
	if got := texts(t, s); !strings.Contains(got, "ok 1") || !strings.Contains(got, "ok 3") || strings.Contains(got, "half") {
		t.Fatalf("outbox after the first run: %s", got)
	}
	if st, _ := s.QueueStats(clock.Now()); st.DueWaiting != 1 || st.DueParked != 0 {
		t.Errorf("stats after one failure = %+v", st)
	}
	for try := 1; try < fo.MaxQueueTries; try++ {
		// Not tried again before its back-off; others due meanwhile go.
		if err := s.update(func(_ *bolt.Tx, w *writer) error { return w.putDue(clock.Now(), "tok", uint64(100+try)) }); err != nil {
			t.Fatal(err)
		}
		if n, err := s.RunDue(clock.Now()); err != nil || n != 1 {
			t.Fatalf("try %d: RunDue = %d, %v; want the one due now", try, n, err)
		}
		clock.Advance(fo.QueueBackoff(try))
		if _, err := s.RunDue(clock.Now()); err != nil {
			t.Fatal(err)
		}
	}
	p, err := s.Parked()
	if err != nil || len(p) != 1 {
		t.Fatalf("parked = %+v, %v", p, err)
	}
	if p[0].Queue != fo.QueueDue || p[0].Key != "tfail:2" || p[0].Tries != fo.MaxQueueTries || !strings.Contains(p[0].Error, "cannot be decoded") {
		t.Errorf("parked = %+v", p[0])
	}
	if st, _ := s.QueueStats(clock.Now()); st.DueWaiting != 0 || st.DueParked != 1 {
		t.Errorf("stats after parking = %+v", st)
	}
	notices := 0
	for _, m := range pending(t, s) {
		if fo.IsParkedNotice(m.Key) && strings.Contains(m.Text, "tfail:2") {
			notices++
		}
	}
	if notices != 1 {
		t.Errorf("%d parking notices", notices)
	}
	clock.Advance(24 * time.Hour)
	if n, _ := s.RunDue(clock.Now()); n != 0 {
		t.Errorf("a parked entry ran again")
	}
	// Fixed, retried by staff: runs once with its own due time.
	failing = false
	if err := s.RetryParked(fo.QueueDue, p[0].ID); err != nil {
		t.Fatal(err)
	}
	if n, err := s.RunDue(clock.Now()); err != nil || n != 1 {
		t.Fatalf("after retry RunDue = %d, %v", n, err)
	}
	if got := texts(t, s); !strings.Contains(got, fmt.Sprintf("late 2 at %d", t0.Unix())) {
		t.Errorf("retried entry: %s", got)
	}
	if st, _ := s.QueueStats(clock.Now()); st.DueWaiting != 0 || st.DueParked != 0 {
		t.Errorf("stats at the end = %+v", st)
	}
	if err := s.RetryParked(fo.QueueDue, p[0].ID); !errors.Is(err, fo.ErrNotFound) {
		t.Errorf("second retry: %v", err)
	}
}

// An unreadable due key is parked at once, by its raw key; the rest runs.
func TestDueUnreadableKeyParked(t *testing.T) {
	s, clock := newTestStore(t)
	failing := false
	testDueKinds(t, &failing)
	putDues(t, s, clock.Now(), "tok")
	s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bDue).Put(append(u64(tkey(clock.Now())), "nosuchkind:x"...), nil)
	})
	if n, err := s.RunDue(clock.Now()); err != nil || n != 1 {
		t.Fatalf("RunDue = %d, %v", n, err)
	}
	p, _ := s.Parked()
	if len(p) != 1 || !strings.HasPrefix(p[0].ID, "raw:") || !strings.Contains(p[0].Error, "unknown due entry") {
		t.Fatalf("parked = %+v", p)
	}
}

// QueueStats counts as entries come, fail, park and go, and reads the
// oldest waiting message and the due lag.
func TestQueueStats(t *testing.T) {
	s, clock := newTestStore(t)
	t0 := clock.Now()
	s.Enqueue(fo.Message{Key: "q1", ChatID: 5, Text: "a"}, fo.Message{Key: "q2", ChatID: 6, Text: "b"})
	clock.Advance(time.Minute)
	failing := false
	testDueKinds(t, &failing)
	putDues(t, s, t0, "tok")
	st, err := s.QueueStats(clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	if st.OutboxWaiting != 2 || !st.OldestOutbox.Equal(t0) || st.DueWaiting != 1 || st.DueLag != time.Minute {
		t.Errorf("stats = %+v", st)
	}
	es, _, _ := s.Pending(clock.Now(), 10)
	s.MarkSent(es[0].Seq, 1)
	s.MarkFailed(es[1].Seq, "blocked", true)
	s.RunDue(clock.Now())
	if st, _ = s.QueueStats(clock.Now()); st.OutboxWaiting != 1 || st.DueWaiting != 0 || st.DueLag != 0 {
		t.Errorf("stats = %+v (the due one's message waits)", st)
	}
}

// A chat's message in back-off holds back that chat's later messages only;
// a message held by NotBefore holds back nothing.
func TestPendingOrderPerChat(t *testing.T) {
	s, clock := newTestStore(t)
	now := clock.Now()
	s.Enqueue(
		fo.Message{Key: "o1", ChatID: 1, Text: "1a"},
		fo.Message{Key: "o2", ChatID: 1, Text: "1b"},
		fo.Message{Key: "o3", ChatID: 2, Text: "2a", NotBefore: now.Add(time.Hour)},
		fo.Message{Key: "o4", ChatID: 2, Text: "2b"},
		fo.Message{Key: "o5", ChatID: 3, Text: "3a"})
	es, _, _ := s.Pending(now, 10)
	if got := entryTexts(es); got != "1a 1b 2b 3a" {
		t.Fatalf("pending = %s", got)
	}
	s.MarkFailed(es[0].Seq, "500", false)
	es, next, _ := s.Pending(now, 10)
	if got := entryTexts(es); got != "2b 3a" {
		t.Errorf("pending with 1a in back-off = %s", got)
	}
	if !next.Equal(now.Add(fo.QueueBackoff(1))) {
		t.Errorf("next = %v", next)
	}
	es, _, _ = s.Pending(now.Add(fo.QueueBackoff(1)), 10)
	if got := entryTexts(es); got != "1a 1b 2b 3a" {
		t.Errorf("pending after the back-off = %s", got)
	}
	es, _, _ = s.Pending(now, 2)
	if got := entryTexts(es); got != "2b 3a" {
		t.Errorf("pending limited = %s", got)
	}
}

func entryTexts(es []fo.OutboxEntry) string {
	var out []string
	for _, e := range es {
		out = append(out, e.Message.Text)
	}
	return strings.Join(out, " ")
}

// A file written before the outbox had its indexes and counts gets them at
// the next open: its waiting messages go, its damaged ones are parked.
func TestQueuesOfAnOlderFile(t *testing.T) {
	s, clock := newTestStore(t)
	path := s.Path()
	s.db.Update(func(tx *bolt.Tx) error {
		out := tx.Bucket(bOutbox)
		putJSON(out, u64(1), outboxRecord{Message: fo.Message{Key: "old:1", ChatID: 5, Text: "from before"}, Enqueued: clock.Now()})
		out.Put(u64(2), []byte("not json"))
		out.SetSequence(2)
		return tx.Bucket(bQueueStats).Delete(statVersion)
	})
	s.Close()
	s, err := Open(path, Options{Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if st, _ := s.QueueStats(clock.Now()); st.OutboxWaiting != 2 {
		t.Errorf("stats %+v", st)
	}
	es, _, err := s.Pending(clock.Now(), 10)
	if err != nil || len(es) != 1 || es[0].Message.Key != "old:1" {
		t.Fatalf("pending %+v %v", es, err)
	}
	if p, _ := s.Parked(); len(p) != 1 || p[0].ID != "2" {
		t.Errorf("parked %+v", p)
	}
}

// Garbage written into the outbox where no index sees it is parked by the
// nightly check; a good record missing from the indexes is indexed.
func TestNightlyOutboxCheck(t *testing.T) {
	s, clock := newTestStore(t)
	s.db.Update(func(tx *bolt.Tx) error {
		out := tx.Bucket(bOutbox)
		out.Put(u64(50), []byte{0xff, 0x00, 0x13})
		putJSON(out, u64(51), outboxRecord{Message: fo.Message{Key: "lost", ChatID: 8, Text: "not indexed"}, Enqueued: clock.Now()})
		return out.SetSequence(51)
	})
	if es, _, _ := s.Pending(clock.Now(), 10); len(es) != 0 {
		t.Fatalf("pending before the check: %+v", es)
	}
	if _, err := s.Prune(clock.Now()); err != nil {
		t.Fatal(err)
	}
	es, _, _ := s.Pending(clock.Now(), 10)
	keys := entryTexts(es)
	if !strings.Contains(keys, "not indexed") {
		t.Errorf("pending after the check: %s", keys)
	}
	if p, _ := s.Parked(); len(p) != 1 || p[0].ID != "50" || !strings.Contains(p[0].Error, "decode") {
		t.Errorf("parked %+v", p)
	}
	// Counted: the found message and the parking notice wait, one parked.
	if st, _ := s.QueueStats(clock.Now()); st.OutboxWaiting != 2 || st.OutboxParked != 1 {
		t.Errorf("stats %+v", st)
	}
}
