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

// seedAppointments books n appointments through Book as a busy shop's file
// holds them: the coming fortnight (the horizon FreeSlots queries) partly
// full — about 90% of the bays' time tomorrow, thinning to about 30% two
// weeks out, never more than the bays hold — and the rest of the n in the
// days before now, about 12 a day. The clock is left at now.
func seedAppointments(tb testing.TB, s *Store, clock *fakeclock.Clock, now time.Time, n int) {
	tb.Helper()
	st, _ := s.Settings()
	loc := st.Location()
	r := rand.New(rand.NewPCG(1, 2))

	// The horizon first, planned in memory against the bays: each open day
	// of the fortnight is filled to its share of the bays' time with
	// services picked at random, each at a random slot that still fits.
	type slot struct {
		sv    fo.Service
		start time.Time
	}
	var plan []slot
	horizon := st.BookableDays(now)
	for _, day := range horizon {
		ahead := float64(day.Sub(fo.DayStart(now, loc))) / float64(24*time.Hour)
		fill := 0.9 - 0.6*ahead/float64(st.MaxDaysAhead)
		h := st.Hours[day.Weekday()]
		capacity := float64(st.Bays) * float64(h.Close.At(day, loc).Sub(h.Open.At(day, loc)))
		occ := fo.Occupancy{}
		var used time.Duration
		for misses := 0; float64(used) < fill*capacity && misses < 50; {
			sv := st.Services[r.IntN(len(st.Services))]
			free := st.FreeSlots(now, day, sv, occ)
			if len(free) == 0 {
				misses++
				continue
			}
			t := free[r.IntN(len(free))]
			occ.Add(t, t.Add(sv.Duration()))
			used += sv.Duration()
			plan = append(plan, slot{sv, t})
		}
	}
	if len(plan) > n {
		plan = plan[:n]
	}

	booked := 0
	book := func(sv fo.Service, start time.Time) {
		_, err := s.Book(fo.BookRequest{ServiceID: sv.ID, Start: start, Plate: fmt.Sprintf("京A%05d", booked%100000),
			Customer: fo.CustomerInput{Name: "客户", Phone: fmt.Sprintf("138%08d", booked)}, By: "bench"})
		if err != nil {
			tb.Fatal(err)
		}
		booked++
	}

	// The past: the rest, about 12 a day on the open days before today,
	// each day booked the morning before it.
	past := n - len(plan)
	perDay := 12
	days := (past/perDay+1)*7/6 + 20
	for d := -days; booked < past; d++ {
		if d >= 0 {
			tb.Fatalf("seeded only %d of %d past appointments", booked, past)
		}
		day := fo.DayStart(now, loc).AddDate(0, 0, d)
		if st.IsClosedDate(day) {
			continue
		}
		when := day.AddDate(0, 0, -1).Add(9 * time.Hour)
		clock.Set(when)
		occ := fo.Occupancy{}
		for k := 0; k < perDay && booked < past; k++ {
			sv := st.Services[r.IntN(len(st.Services))]
			free := st.FreeSlots(when, day, sv, occ)
			if len(free) == 0 {
				break
			}
			t := free[r.IntN(len(free))]
			occ.Add(t, t.Add(sv.Duration()))
			book(sv, t)
		}
	}

	// Then the fortnight, booked now.
	clock.Set(now)
	for _, p := range plan {
		book(p.sv, p.start)
	}
	if booked != n {
		tb.Fatalf("seeded %d of %d appointments", booked, n)
	}
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
// horizon with 10,000 appointments on file, the horizon itself partly
// booked (target ≤ 1 ms). It reports how many appointments lie in the
// horizon and how many radar slots are left free in it.
func BenchmarkFreeSlots14Days(b *testing.B) {
	s, _, now := benchStore(b, 10000, true)
	st, _ := s.Settings()
	days := st.BookableDays(now)
	inHorizon, err := s.AppointmentsBetween(days[0], days[len(days)-1].AddDate(0, 0, 1))
	if err != nil {
		b.Fatal(err)
	}
	if len(inHorizon) < 10*len(days) {
		b.Fatalf("only %d appointments in the %d-day horizon", len(inHorizon), len(days))
	}
	free := 0
	b.ResetTimer()
	for b.Loop() {
		days, err := s.FreeSlots("radar")
		if err != nil || len(days) == 0 {
			b.Fatal(days, err)
		}
		free = 0
		for _, d := range days {
			free += len(d.Slots)
		}
	}
	b.ReportMetric(float64(len(inHorizon)), "apts-in-horizon")
	b.ReportMetric(float64(free), "free-slots")
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
