package data

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
	"frontoffice/internal/fakeclock"
)

// seedAppointments books n appointments through Book, spread over the days
// before now and the coming fortnight (about 12 a day), so that indexes and
// free-slot queries see a realistic file. It returns the store's clock, left
// at now.
func seedAppointments(tb testing.TB, s *Store, clock *fakeclock.Clock, now time.Time, n int) {
	tb.Helper()
	st, _ := s.Settings()
	loc := st.Location()
	r := rand.New(rand.NewPCG(1, 2))
	perDay := 12
	// Open days are 6 in 7; start far enough back that the past and the
	// coming fortnight hold n.
	days := (n/perDay+1)*7/6 + 20
	booked := 0
	for d := -days + 14; booked < n; d++ {
		if d > st.MaxDaysAhead {
			tb.Fatalf("seeded only %d of %d appointments", booked, n)
		}
		day := fo.DayStart(now, loc).AddDate(0, 0, d)
		if st.IsClosedDate(day) {
			continue
		}
		when := day.AddDate(0, 0, -1).Add(9 * time.Hour)
		if when.After(now) {
			when = now
		}
		clock.Set(when)
		for k := 0; k < perDay && booked < n; k++ {
			sv := st.Services[r.IntN(len(st.Services))]
			occ := fo.Occupancy{}
			apts, _ := s.AppointmentsBetween(day, day.AddDate(0, 0, 1))
			for _, a := range apts {
				occ.Add(a.Start, a.End)
			}
			free := st.FreeSlots(when, day, sv, occ)
			if len(free) == 0 {
				break
			}
			_, err := s.Book(fo.BookRequest{ServiceID: sv.ID, Start: free[r.IntN(len(free))], Plate: fmt.Sprintf("京A%05d", booked%100000),
				Customer: fo.CustomerInput{Name: "客户", Phone: fmt.Sprintf("138%08d", booked)}, By: "bench"})
			if err != nil {
				tb.Fatal(err)
			}
			booked++
		}
	}
	clock.Set(now)
}

func benchStore(b *testing.B, n int, noSync bool) (*Store, *fakeclock.Clock, time.Time) {
	b.Helper()
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, shanghai)
	clock := fakeclock.New(now)
	path := filepath.Join(b.TempDir(), "f.db")
	s, err := Open(path, Options{Clock: clock, NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	seedAppointments(b, s, clock, now, n)
	if !noSync {
		s.Close()
		if s, err = Open(path, Options{Clock: clock}); err != nil {
			b.Fatal(err)
		}
	}
	b.Cleanup(func() { s.Close() })
	return s, clock, now
}

// BenchmarkFreeSlots14Days measures the free-slot query over the 14-day
// horizon with 10,000 appointments on file (target ≤ 1 ms).
func BenchmarkFreeSlots14Days(b *testing.B) {
	s, _, _ := benchStore(b, 10000, true)
	b.ResetTimer()
	for b.Loop() {
		days, err := s.FreeSlots("radar")
		if err != nil || len(days) == 0 {
			b.Fatal(days, err)
		}
	}
}

// BenchmarkBookingCommit compares a booking (check, customer, vehicle,
// appointment, indexes, register, outbox, due entry: one fsynced commit)
// with a bare bbolt Update writing the same number of bytes, in the same
// run, with 10,000 appointments on file. Target: ratio ≤ 1.5.
func BenchmarkBookingCommit(b *testing.B) {
	s, clock, now := benchStore(b, 10000, false)
	st, _ := s.Settings()
	st.Bays = 100 // room for every iteration
	if err := s.SaveSettings(st); err != nil {
		b.Fatal(err)
	}
	days := st.BookableDays(now)[2:]
	// Bytes a booking writes: measure one.
	before := dataBytes(s)
	if _, err := s.Book(fo.BookRequest{ServiceID: "maint", Start: days[0].Add(16 * time.Hour), Plate: "京Z00001",
		Customer: fo.CustomerInput{Name: "新客户", Phone: "13999999999", ChatID: 1}, By: "bench"}); err != nil {
		b.Fatal(err)
	}
	perBooking := dataBytes(s) - before
	if perBooking < 256 {
		perBooking = 256
	}
	b.ResetTimer()
	var bookTotal, bareTotal time.Duration
	i := 0
	for b.Loop() {
		day := days[i%len(days)]
		slot := day.Add(9*time.Hour + time.Duration(i/len(days)%14)*30*time.Minute)
		clock.Set(now)
		t0 := time.Now()
		a, err := s.Book(fo.BookRequest{ServiceID: "inspect", Start: slot, Plate: fmt.Sprintf("京Y%05d", i%100000),
			Customer: fo.CustomerInput{Name: "客户", Phone: fmt.Sprintf("137%08d", i), ChatID: int64(i + 10)}, By: "bench"})
		bookTotal += time.Since(t0)
		if err != nil {
			b.Fatal(err)
		}
		// The same key/value pairs, written again by a bare Update.
		puts := bookingPuts(b, s, a)
		t0 = time.Now()
		err = s.DB().Update(func(tx *bolt.Tx) error {
			for _, p := range puts {
				if err := tx.Bucket(p.bucket).Put(p.k, p.v); err != nil {
					return err
				}
			}
			return nil
		})
		bareTotal += time.Since(t0)
		if err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(bookTotal.Nanoseconds())/float64(b.N), "book-ns/op")
	b.ReportMetric(float64(bareTotal.Nanoseconds())/float64(b.N), "bare-ns/op")
	b.ReportMetric(float64(bookTotal)/float64(bareTotal), "book/bare")
	b.ReportMetric(float64(perBooking), "bytes/booking")
}

type kv struct{ bucket, k, v []byte }

// bookingPuts reads back every key/value pair that booking a wrote.
func bookingPuts(tb testing.TB, s *Store, a fo.Appointment) []kv {
	var out []kv
	err := s.DB().View(func(tx *bolt.Tx) error {
		var c fo.Customer
		getJSON(tx.Bucket(bCustomers), u64(a.CustomerID), &c)
		add := func(b []byte, k []byte) {
			v := tx.Bucket(b).Get(k)
			if v == nil {
				tb.Fatalf("booking wrote no %s/%x", b, k)
			}
			out = append(out, kv{b, bytes.Clone(k), bytes.Clone(v)})
		}
		add(bCustomers, u64(c.ID))
		add(bCustPhone, []byte(c.Phone))
		add(bCustChat, i64(c.ChatID))
		add(bVehicles, u64(a.VehicleID))
		add(bVehPlate, []byte(a.Plate))
		add(bVehCust, key(c.ID, a.VehicleID))
		add(bAppointments, u64(a.ID))
		add(bAptCode, []byte(a.Code))
		add(bAptStart, key(tkey(a.Start), a.ID))
		add(bAptCust, key(c.ID, tkey(a.Start), a.ID))
		if !a.RemindAt.IsZero() {
			add(bDue, dueKey(a.RemindAt, remindKind, a.ID))
		}
		for _, b := range [][]byte{bRegApt, bOutbox} {
			k, _ := tx.Bucket(b).Cursor().Last()
			add(b, k)
		}
		c2 := tx.Bucket(bOutbox).Cursor()
		c2.Last()
		if k, _ := c2.Prev(); k != nil {
			add(bOutbox, k)
		}
		add(bOutboxKeys, []byte("apt:"+fmt.Sprint(a.ID)+":booked"))
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

// dataBytes sums the key and value bytes of every bucket.
func dataBytes(s *Store) int {
	n := 0
	s.DB().View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(_ []byte, b *bolt.Bucket) error {
			return b.ForEach(func(k, v []byte) error {
				n += len(k) + len(v)
				return nil
			})
		})
	})
	return n
}
