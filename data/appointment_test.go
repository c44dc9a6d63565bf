package data

import (
	"errors"
	"fmt"
	"frontoffice/internal/fakeclock"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	fo "frontoffice"
)

var shanghai, _ = time.LoadLocation("Asia/Shanghai")

func at(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, shanghai)
}

func bookReq(phone, plate string, start time.Time) fo.BookRequest {
	return fo.BookRequest{
		ServiceID: "maint", Start: start, Plate: plate, Source: "test", By: "customer:test",
		Customer: fo.CustomerInput{Name: "张三", Phone: phone, ChatID: 1000, Lang: fo.ZH},
	}
}

func pending(t *testing.T, s *Store) []fo.Message {
	t.Helper()
	es, _, err := s.Pending(s.clock.Now().Add(1000*time.Hour), 1000)
	if err != nil {
		t.Fatal(err)
	}
	var out []fo.Message
	for _, e := range es {
		out = append(out, e.Message)
	}
	return out
}

// APT-1, APT-3, APT-4: a booking writes the appointment, its register
// entry, the customer's confirmation and the staff notice together.
func TestBookAPT1APT3APT4(t *testing.T) {
	s, clock := newTestStore(t)
	req := bookReq("13812345678", "京A12345", at(2026, 11, 30, 10, 0))
	req.ServiceID = "collision"
	a, err := s.Book(req)
	if err != nil {
		t.Fatal(err)
	}
	if a.Code == "" || a.Status != fo.AptBooked || !a.End.Equal(a.Start.Add(3*time.Hour)) || a.Deposit != 130000 {
		t.Fatalf("appointment %+v", a)
	}
	if !a.Confirmed.Equal(clock.Now()) {
		t.Errorf("confirmed at %v", a.Confirmed)
	}
	c, err := s.CustomerByPhone("13812345678")
	if err != nil || c.Name != "张三" || c.ChatID != 1000 {
		t.Fatalf("customer %+v %v", c, err) // REC-2
	}
	v, err := s.VehicleByPlate("京A12345")
	if err != nil || v.CustomerID != c.ID {
		t.Fatalf("vehicle %+v %v", v, err) // ARC-1
	}
	reg, _ := s.Register(clock.Now().Add(-time.Minute), clock.Now().Add(time.Minute))
	if len(reg) != 1 || reg[0].Action != "booked" || reg[0].Code != a.Code {
		t.Fatalf("register %+v", reg)
	}
	msgs := pending(t, s)
	if len(msgs) != 3 {
		t.Fatalf("%d messages: %+v", len(msgs), msgs)
	}
	if d := msgs[2].Document; msgs[2].ChatID != 1000 || d == nil || d.Kind != fo.DocICS || d.Ref != a.ID {
		t.Errorf("calendar file %+v", msgs[2]) // APT-1
	}
	if msgs[0].ChatID != 1000 || !strings.Contains(msgs[0].Text, a.Code) || !strings.Contains(msgs[0].Text, "¥1,300.00") {
		t.Errorf("confirmation %+v", msgs[0])
	}
	if msgs[1].ChatID != -100 || !strings.Contains(msgs[1].Text, a.Code) {
		t.Errorf("staff notice %+v", msgs[1])
	}
	if !a.RemindAt.Equal(at(2026, 11, 29, 10, 0)) {
		t.Errorf("reminder at %v", a.RemindAt.In(shanghai))
	}
}

func TestBookRejectsAndChangesNothing(t *testing.T) {
	s, _ := newTestStore(t)
	cases := map[string]fo.BookRequest{
		"past":     bookReq("13812345678", "京A12345", at(2026, 11, 26, 10, 0)),
		"sunday":   bookReq("13812345678", "京A12345", at(2026, 11, 29, 10, 0)),
		"no plate": bookReq("13812345678", "", at(2026, 11, 30, 10, 0)),
		"no service": func() fo.BookRequest {
			r := bookReq("13812345678", "京A12345", at(2026, 11, 30, 10, 0))
			r.ServiceID = "x"
			return r
		}(),
		"new no name": func() fo.BookRequest {
			r := bookReq("13812345678", "京A12345", at(2026, 11, 30, 10, 0))
			r.Customer.Name = ""
			return r
		}(),
	}
	for name, req := range cases {
		if _, err := s.Book(req); fo.ErrorCode(err) != fo.EINVALID {
			t.Errorf("%s: err = %v, want EINVALID", name, err)
		}
	}
	if _, err := s.CustomerByPhone("13812345678"); !errors.Is(err, fo.ErrNotFound) {
		t.Errorf("a refused booking left a customer behind: %v", err)
	}
	if msgs := pending(t, s); len(msgs) != 0 {
		t.Errorf("a refused booking left messages: %+v", msgs)
	}
}

// Never double-booked: 50 goroutines race for the last free places of one
// slot; exactly the free capacity succeeds (APT-3/WS-1).
func TestBookRaceLastPlace(t *testing.T) {
	s, _ := newTestStore(t)
	start := at(2026, 11, 30, 10, 0)
	// Fill 3 of the 4 bays but leave one: then 50 racers want it... and
	// with two bays free the capacity is 2. Test both.
	for _, free := range []int{1, 2} {
		st, _ := s.Settings()
		slot := start.Add(time.Duration(free) * 24 * time.Hour)
		for i := 0; i < st.Bays-free; i++ {
			req := bookReq(fmt.Sprintf("1390000%04d", i+free*100), fmt.Sprintf("京B%05d", i+free*100), slot)
			req.Customer.ChatID = 0
			if _, err := s.Book(req); err != nil {
				t.Fatal(err)
			}
		}
		var wg sync.WaitGroup
		var mu sync.Mutex
		ok, taken := 0, 0
		for i := 0; i < 50; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				req := bookReq(fmt.Sprintf("1370000%04d", i+free*100), fmt.Sprintf("京C%05d", i+free*100), slot)
				req.Customer.ChatID = int64(2000 + i + free*100)
				_, err := s.Book(req)
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err == nil:
					ok++
				case errors.Is(err, fo.ErrSlotTaken):
					taken++
				default:
					t.Errorf("racer %d: %v", i, err)
				}
			}(i)
		}
		wg.Wait()
		if ok != free || taken != 50-free {
			t.Errorf("free %d: %d booked, %d taken", free, ok, taken)
		}
		apts, _ := s.AppointmentsBetween(slot, slot.Add(time.Hour))
		if len(apts) != st.Bays {
			t.Errorf("free %d: %d appointments in the slot, want %d", free, len(apts), st.Bays)
		}
	}
}

// A reschedule is atomic: the old slot is freed only if the new one is
// taken; the old reminder goes and a new one comes (APT-5).
func TestRescheduleAtomic(t *testing.T) {
	s, clock := newTestStore(t)
	st, _ := s.Settings()
	st.Bays = 1
	s.SaveSettings(st)
	a, err := s.Book(bookReq("13812345678", "京A12345", at(2026, 11, 30, 10, 0)))
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.Book(bookReq("13912345678", "京A54321", at(2026, 11, 30, 14, 0)))
	if err != nil {
		t.Fatal(err)
	}
	// Moving a onto b's slot fails and leaves a where it was.
	if _, err := s.Reschedule(fo.ChangeRequest{ID: a.ID, Start: b.Start, By: "t"}); !errors.Is(err, fo.ErrSlotTaken) {
		t.Fatalf("move onto a full slot: %v", err)
	}
	got, _ := s.Appointment(a.ID)
	if !got.Start.Equal(a.Start) || got.Status != fo.AptBooked {
		t.Fatalf("failed move changed the appointment: %+v", got)
	}
	if free, _ := s.FreeSlots("maint"); containsTime(daySlots(free, at(2026, 11, 30, 0, 0)), a.Start) {
		t.Fatal("failed move freed the old slot")
	}
	// Another customer cannot move it.
	if _, err := s.Reschedule(fo.ChangeRequest{ID: a.ID, CustomerID: b.CustomerID, Start: at(2026, 12, 1, 10, 0)}); !errors.Is(err, fo.ErrNotFound) {
		t.Fatalf("foreign move: %v", err)
	}
	clock.Advance(time.Hour)
	moved, err := s.Reschedule(fo.ChangeRequest{ID: a.ID, CustomerID: a.CustomerID, Start: at(2026, 12, 1, 11, 0), By: "customer:test"})
	if err != nil {
		t.Fatal(err)
	}
	if !moved.RemindAt.Equal(at(2026, 11, 30, 11, 0)) {
		t.Errorf("new reminder at %v", moved.RemindAt.In(shanghai))
	}
	free, _ := s.FreeSlots("maint")
	if !containsTime(daySlots(free, at(2026, 11, 30, 0, 0)), a.Start) || containsTime(daySlots(free, at(2026, 12, 1, 0, 0)), moved.Start) {
		t.Error("slots not swapped")
	}
	// The old reminder time passes: nothing is sent for it.
	clock.Set(at(2026, 11, 29, 10, 1))
	if n, _ := s.RunDue(clock.Now()); n != 0 {
		t.Errorf("%d reminders at the old time", n)
	}
	clock.Set(at(2026, 11, 30, 11, 0))
	if n, _ := s.RunDue(clock.Now()); n != 2 {
		t.Errorf("%d reminders at the new time, want 2 (b's and a's)", n)
	}
}

func daySlots(ds []fo.DaySlots, day time.Time) []time.Time {
	for _, d := range ds {
		if d.Day.Equal(day) {
			return d.Slots
		}
	}
	return nil
}

func containsTime(ts []time.Time, t time.Time) bool {
	for _, x := range ts {
		if x.Equal(t) {
			return true
		}
	}
	return false
}

// APT-5: the reminder goes at its time, never for a cancelled one, once,
// and is caught up after the process was down.
func TestRemindersAPT5(t *testing.T) {
	s, clock := newTestStore(t)
	a, _ := s.Book(bookReq("13812345678", "京A12345", at(2026, 11, 30, 10, 0)))
	b, _ := s.Book(bookReq("13912345678", "京A54321", at(2026, 11, 30, 11, 0)))
	if _, err := s.Cancel(fo.ChangeRequest{ID: b.ID, By: "staff:li"}); err != nil {
		t.Fatal(err)
	}
	clock.Set(at(2026, 11, 29, 9, 59))
	if n, _ := s.RunDue(clock.Now()); n != 0 {
		t.Fatalf("%d reminders before time", n)
	}
	// Down from 09:59 to 15:00: caught up at start.
	clock.Set(at(2026, 11, 29, 15, 0))
	if n, _ := s.RunDue(clock.Now()); n != 1 {
		t.Fatalf("%d reminders caught up, want 1", n)
	}
	if n, _ := s.RunDue(clock.Now()); n != 0 {
		t.Fatalf("reminder sent twice")
	}
	var reminders []fo.Message
	for _, m := range pending(t, s) {
		if strings.HasPrefix(m.Key, "remind:") {
			reminders = append(reminders, m)
		}
	}
	if len(reminders) != 1 || reminders[0].ChatID != 1000 || !strings.Contains(reminders[0].Text, a.Code) {
		t.Fatalf("reminders %+v", reminders)
	}
}

// A reminder caught up in the quiet hours waits for their end; one whose
// appointment is about to start is dropped.
func TestReminderCatchUpQuietHours(t *testing.T) {
	s, clock := newTestStore(t)
	s.Book(bookReq("13812345678", "京A12345", at(2026, 11, 30, 10, 0))) // remind Sun 10:00
	s.Book(bookReq("13912345678", "京A54321", at(2026, 11, 30, 8, 30))) // remind Sun 08:30
	clock.Set(at(2026, 11, 30, 7, 45))                                 // down all Sunday; back Monday 07:45
	s.RunDue(clock.Now())
	n := 0
	for _, m := range pending(t, s) {
		if strings.HasPrefix(m.Key, "remind:") {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("%d reminders, want 1 (08:30 one starts within the hour)", n)
	}
	es, next, _ := s.Pending(clock.Now(), 100)
	for _, e := range es {
		if strings.HasPrefix(e.Message.Key, "remind:") {
			t.Fatalf("reminder sendable in quiet hours: %+v", e.Message)
		}
	}
	if !next.Equal(at(2026, 11, 30, 8, 0)) {
		t.Errorf("held until %v, want 08:00", next.In(shanghai))
	}
}

func TestCancel(t *testing.T) {
	s, _ := newTestStore(t)
	a, _ := s.Book(bookReq("13812345678", "京A12345", at(2026, 11, 30, 10, 0)))
	other, _ := s.Book(bookReq("13912345678", "京A54321", at(2026, 11, 30, 10, 0)))
	if _, err := s.Cancel(fo.ChangeRequest{ID: a.ID, CustomerID: other.CustomerID}); !errors.Is(err, fo.ErrNotFound) {
		t.Fatalf("foreign cancel: %v", err)
	}
	c, err := s.Cancel(fo.ChangeRequest{ID: a.ID, CustomerID: a.CustomerID, By: "customer:test"})
	if err != nil || c.Status != fo.AptCancelled {
		t.Fatal(c, err)
	}
	if _, err := s.Cancel(fo.ChangeRequest{ID: a.ID}); fo.ErrorCode(err) != fo.ECONFLICT {
		t.Errorf("second cancel: %v", err)
	}
	apts, _ := s.AppointmentsBetween(a.Start, a.End)
	if len(apts) != 1 || apts[0].ID != other.ID {
		t.Errorf("cancelled appointment still holds a bay: %+v", apts)
	}
	var texts []string
	for _, m := range pending(t, s) {
		texts = append(texts, m.Text)
	}
	if !strings.Contains(strings.Join(texts, "\n"), "预约取消 "+a.Code) {
		t.Errorf("staff not told of the cancellation: %q", texts)
	}
}

// An idempotent request repeated (the bot re-handling an update after a
// crash) books once and sends once.
func TestBookIdempotent(t *testing.T) {
	s, _ := newTestStore(t)
	req := bookReq("13812345678", "京A12345", at(2026, 11, 30, 10, 0))
	req.Idem, req.ReplyKey = "tg:7", "tg:7:r0"
	a1, err := s.Book(req)
	if err != nil {
		t.Fatal(err)
	}
	a2, err := s.Book(req)
	if err != nil || a2.ID != a1.ID {
		t.Fatalf("repeat: %+v %v", a2, err)
	}
	// The confirmation, the calendar file (the customer has a chat) and
	// the staff notice, once.
	if msgs := pending(t, s); len(msgs) != 3 {
		t.Errorf("%d messages after a repeated request", len(msgs))
	}
}

func TestOutboxDedupeAndRestart(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "f.db")
	clock := fakeclock.New(at(2026, 11, 27, 9, 0))
	s, err := Open(path, Options{Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	m := fo.Message{Key: "k1", ChatID: 5, Text: "hi", RelayTo: 9}
	s.Enqueue(m, m)
	es, _, _ := s.Pending(clock.Now(), 10)
	if len(es) != 1 {
		t.Fatalf("%d entries", len(es))
	}
	// Crash before sending: still there after reopening.
	s.Close()
	s, err = Open(path, Options{Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	es, _, _ = s.Pending(clock.Now(), 10)
	if len(es) != 1 {
		t.Fatalf("%d entries after restart", len(es))
	}
	if err := s.MarkSent(es[0].Seq, 77); err != nil {
		t.Fatal(err)
	}
	s.Enqueue(m) // the same event again: already sent
	if es, _, _ = s.Pending(clock.Now(), 10); len(es) != 0 {
		t.Fatalf("sent message queued again")
	}
	if to, _, err := s.RelayTarget(5, 77); err != nil || to != 9 {
		t.Errorf("relay %d %v", to, err)
	}
	if keys, _ := s.SentKeys("k"); len(keys) != 1 {
		t.Errorf("sent keys %v", keys)
	}
	s.Enqueue(fo.Message{Key: "k2", ChatID: 5, Text: "x"})
	es, _, _ = s.Pending(clock.Now(), 10)
	s.MarkFailed(es[0].Seq, "timeout", false)
	if es, _, _ = s.Pending(clock.Now().Add(fo.QueueBackoff(1)), 10); len(es) != 1 || es[0].Tries != 1 {
		t.Fatalf("transient failure dropped the message: %+v", es)
	}
	s.MarkFailed(es[0].Seq, "403 blocked", true)
	if es, _, _ = s.Pending(clock.Now(), 10); len(es) != 0 {
		t.Fatalf("permanent failure kept: %+v", es)
	}
}

func TestBackupWhileWriting(t *testing.T) {
	s, _ := newTestStore(t)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; i < 20; i++ {
			s.Enqueue(fo.Message{Key: fmt.Sprint("m", i), ChatID: 1, Text: "x"})
		}
	}()
	out := filepath.Join(t.TempDir(), "copy.db")
	if err := s.Backup(out); err != nil {
		t.Fatal(err)
	}
	<-done
	c, err := Open(out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if st, err := c.Settings(); err != nil || len(st.StaffChats) != 1 {
		t.Fatalf("backup settings %+v %v", st, err)
	}
}

func TestOpenLockedTimesOut(t *testing.T) {
	s, _ := newTestStore(t)
	_, err := Open(s.Path(), Options{Timeout: 100 * time.Millisecond})
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second open: %v", err)
	}
}

func TestSettingsValidatedOnSave(t *testing.T) {
	s, _ := newTestStore(t)
	st, _ := s.Settings()
	st.Bays = 0
	if err := s.SaveSettings(st); fo.ErrorCode(err) != fo.EINVALID {
		t.Fatalf("invalid settings saved: %v", err)
	}
	if got, _ := s.Settings(); got.Bays == 0 {
		t.Fatal("invalid settings stored")
	}
}

func TestFinishUpdateOnce(t *testing.T) {
	s, _ := newTestStore(t)
	reply := []fo.Message{{Key: "tg:5:r1", ChatID: 1, Text: "a"}}
	if ok, err := s.FinishUpdate(5, 1, []byte(`{"step":"plate"}`), reply); !ok || err != nil {
		t.Fatal(ok, err)
	}
	if ok, _ := s.FinishUpdate(5, 1, nil, reply); ok {
		t.Fatal("update 5 handled twice")
	}
	if off, _ := s.Offset(); off != 6 {
		t.Errorf("offset %d", off)
	}
	if c, _ := s.Conversation(1); string(c) != `{"step":"plate"}` {
		t.Errorf("conversation %q", c)
	}
	if ok, _ := s.FinishUpdate(6, 1, nil, nil); !ok {
		t.Fatal("update 6 refused")
	}
	if c, _ := s.Conversation(1); c != nil {
		t.Errorf("conversation not cleared: %q", c)
	}
}

// Typing someone's phone must not link this chat to their archive: only a
// verified contact moves a chat to a customer on file.
func TestBookForeignPhoneNeedsVerification(t *testing.T) {
	s, _ := newTestStore(t)
	owner := bookReq("13812345678", "京A12345", at(2026, 11, 30, 10, 0))
	owner.Customer.ChatID = 1
	if _, err := s.Book(owner); err != nil {
		t.Fatal(err)
	}
	stranger := bookReq("13812345678", "京B54321", at(2026, 11, 30, 11, 0))
	stranger.Customer.ChatID = 2
	if _, err := s.Book(stranger); fo.ErrorCode(err) != fo.EFORBIDDEN {
		t.Fatalf("unverified foreign phone: %v", err)
	}
	if _, err := s.CustomerByChat(2); !errors.Is(err, fo.ErrNotFound) {
		t.Fatal("the stranger's chat was linked")
	}
	stranger.Customer.Verified = true // the owner on a new Telegram account
	if _, err := s.Book(stranger); err != nil {
		t.Fatal(err)
	}
	if c, _ := s.CustomerByChat(2); c.Phone != "13812345678" {
		t.Errorf("verified chat not linked: %+v", c)
	}
	if _, err := s.CustomerByChat(1); !errors.Is(err, fo.ErrNotFound) {
		t.Error("the old chat still linked")
	}
}

// ARC-1: a plate on file stays with its archive's owner when someone else
// books for it (a driver, a family member); nobody takes an archive by
// typing a plate.
func TestBookOthersPlateKeepsArchive(t *testing.T) {
	s, _ := newTestStore(t)
	a, err := s.Book(bookReq("13812345678", "京A12345", at(2026, 11, 30, 10, 0)))
	if err != nil {
		t.Fatal(err)
	}
	req := bookReq("13912345678", "京A12345", at(2026, 11, 30, 11, 0))
	req.Customer.ChatID = 2
	b, err := s.Book(req)
	if err != nil {
		t.Fatal(err)
	}
	if b.VehicleID != a.VehicleID || b.CustomerID == a.CustomerID {
		t.Fatalf("second booking: vehicle %d customer %d", b.VehicleID, b.CustomerID)
	}
	v, _ := s.VehicleByPlate("京A12345")
	if v.CustomerID != a.CustomerID {
		t.Errorf("the archive moved to customer %d", v.CustomerID)
	}
	if vs, _ := s.Vehicles(b.CustomerID); len(vs) != 0 {
		t.Errorf("the booker now owns %+v", vs)
	}
}
