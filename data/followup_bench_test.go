package data

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
	"frontoffice/internal/fakeclock"
)

// benchFile describes the file BenchmarkCallList builds.
type benchFile struct {
	archives int // customers, one vehicle (archive) each
	visits   int // delivered visits, oldest first
	perDay   int // deliveries a day over the last callDays (the rest are older history)
	callDays int // days with follow-up calls on file (first and second, any status)
}

// loadBenchFile bulk-loads a file straight into the buckets, in big
// NoSync transactions, with the same key layouts as the store: customers
// with phone and chat indexes, vehicles with plate and owner indexes,
// visits with day and vehicle indexes, and for the deliveries of the last
// callDays their first and second calls — done, missed or open as a shop
// working its lists would leave them, open ones in call_due — plus a few
// promotions. It returns how many calls show on today's list.
func loadBenchFile(b *testing.B, s *Store, f benchFile, today time.Time) int {
	b.Helper()
	st, _ := s.Settings()
	st.Staff = []fo.StaffMember{
		{ID: "wang", Name: "王强", TelegramUserID: 201, Roles: []string{fo.RoleFollowUp}},
		{ID: "liu", Name: "刘洋", TelegramUserID: 202, Roles: []string{fo.RoleFollowUp}},
		{ID: "chen", Name: "陈静", TelegramUserID: 203, Roles: []string{fo.RoleFollowUp}},
		{ID: "zhao", Name: "赵敏", TelegramUserID: 301, Roles: []string{fo.RoleSupervisor}},
	}
	if err := s.SaveSettings(st); err != nil {
		b.Fatal(err)
	}
	loc := st.Location()
	staff := []string{"wang", "liu", "chen"}
	r := rand.New(rand.NewPCG(7, 7))
	batch := func(n int, fn func(tx *bolt.Tx, i int) error) {
		for start := 0; start < n; start += 100_000 {
			err := s.db.Update(func(tx *bolt.Tx) error {
				for i := start; i < min(n, start+100_000); i++ {
					if err := fn(tx, i); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
		}
	}
	created := today.AddDate(-12, 0, 0)
	batch(f.archives, func(tx *bolt.Tx, i int) error {
		id := uint64(i + 1)
		c := fo.Customer{ID: id, Name: "客户" + fmt.Sprint(i), Phone: fmt.Sprintf("13%09d", i), Lang: fo.ZH,
			FollowUpStaff: staff[i%3], Consent: true, CreatedAt: created, UpdatedAt: created}
		if i%2 == 0 {
			c.ChatID = int64(1_000_000 + i)
			tx.Bucket(bCustChat).Put(i64(c.ChatID), u64(id))
		}
		v := fo.Vehicle{ID: id, CustomerID: id, Plate: fmt.Sprintf("京%c%05d", 'A'+i/100000, i%100000), Model: "比亚迪 汉 EV", Type: "car",
			MaintIntervalDays: 180, NextMaintenance: today.AddDate(0, 0, i%180), CreatedAt: created, UpdatedAt: created}
		tx.Bucket(bCustomers).FillPercent = 1
		tx.Bucket(bVehicles).FillPercent = 1
		tx.Bucket(bCustPhone).Put([]byte(c.Phone), u64(id))
		tx.Bucket(bVehPlate).Put([]byte(v.Plate), u64(id))
		tx.Bucket(bVehCust).Put(key(id, id), nil)
		if err := putJSON(tx.Bucket(bCustomers), u64(id), c); err != nil {
			return err
		}
		tx.Bucket(bCustomers).SetSequence(id)
		tx.Bucket(bVehicles).SetSequence(id)
		return putJSON(tx.Bucket(bVehicles), u64(id), v)
	})
	// Visits: the recent ones perDay a day, the older history evenly over
	// the years before.
	recent := f.perDay * f.callDays
	oldDays := 10 * 365
	dayOf := func(i int) time.Time {
		if i >= f.visits-recent {
			return today.AddDate(0, 0, -f.callDays+(i-(f.visits-recent))/f.perDay)
		}
		return today.AddDate(0, 0, -f.callDays-oldDays+i*oldDays/(f.visits-recent))
	}
	due := 0
	callID := uint64(0)
	end := today.AddDate(0, 0, 1)
	batch(f.visits, func(tx *bolt.Tx, i int) error {
		id := uint64(i + 1)
		veh := uint64(r.IntN(f.archives) + 1)
		day := dayOf(i)
		at := day.Add(time.Duration(9*60+r.IntN(8*60)) * time.Minute).UTC()
		v := fo.Visit{ID: id, CustomerID: veh, VehicleID: veh, Day: day.Format(time.DateOnly), QueueNo: "W001", Status: fo.VisitDelivered,
			ServiceID: "radar", Source: "kiosk", CheckedInAt: at.Add(-3 * time.Hour), ReadyAt: at.Add(-time.Hour), DeliveredAt: at,
			Settlement: &fo.Settlement{Amount: 68000, Paid: 68000, At: at, By: "staff:li"}, Plate: "京A00000", CustomerName: "客户", Lang: fo.ZH, UpdatedAt: at}
		vb := tx.Bucket(bVisits)
		vb.FillPercent = 1
		vb.SetSequence(id)
		if err := putJSON(vb, u64(id), v); err != nil {
			return err
		}
		tx.Bucket(bVisitDay).Put(append([]byte(v.Day), u64(id)...), nil)
		tx.Bucket(bVisitVeh).Put(key(veh, id), nil)
		if i < f.visits-recent {
			return nil
		}
		// Its calls, as a shop working its lists leaves them.
		put := func(c fo.Call) error {
			callID++
			c.ID, c.CustomerID, c.VehicleID, c.VisitID, c.Staff = callID, veh, veh, id, staff[(veh-1)%3]
			c.ServiceID, c.Work, c.DeliveredAt, c.CreatedAt, c.UpdatedAt = "radar", "更换探头、调试", at, at, at
			cb := tx.Bucket(bCalls)
			cb.FillPercent = 1
			cb.SetSequence(callID)
			if c.Status == fo.CallOpen {
				if c.NextAt.Before(end) && c.Closes.After(today) {
					due++
				}
				if err := tx.Bucket(bCallDue).Put(key(tkey(c.NextAt), c.ID), []byte(c.Staff)); err != nil {
					return err
				}
			}
			return putJSON(cb, u64(c.ID), c)
		}
		// fate decides a call with window w: done on a day in it, missed,
		// or open (on or off today's list) while the window lasts.
		fate := func(w fo.Window) (fo.Call, time.Time) {
			c := fo.Call{Window: w, NextAt: w.Target, Status: fo.CallOpen}
			doneDay := w.Target.AddDate(0, 0, r.IntN(3))
			switch {
			case r.IntN(10) == 0 && !w.Closes.After(today):
				c.Status, c.MissedAt = fo.CallMissed, w.Closes
				return c, w.Closes.Add(-time.Second)
			case doneDay.Before(today) && doneDay.Before(w.Closes):
				c.Status, c.DoneAt, c.Topics = fo.CallDone, doneDay.Add(10*time.Hour), []string{"vehicle", "opinion"}
				c.Attempts = []fo.CallAttempt{{At: c.DoneAt, By: "staff:" + c.Staff, Outcome: fo.OutcomeReached, Topics: c.Topics}}
				return c, c.DoneAt
			case !w.Closes.After(today):
				c.Status, c.MissedAt = fo.CallMissed, w.Closes
				return c, w.Closes.Add(-time.Second)
			}
			if w.Target.Before(today) && r.IntN(3) == 0 { // no answer yesterday: on today's list again
				c.Attempts = []fo.CallAttempt{{At: today.Add(-14 * time.Hour), Outcome: fo.OutcomeNoAnswer}}
				c.NextAt = today.UTC()
			}
			return c, time.Time{}
		}
		first, base := fate(st.FirstCallWindow(at))
		first.Kind = fo.CallFirst
		firstID := callID + 1
		if err := put(first); err != nil {
			return err
		}
		if base.IsZero() {
			return nil
		}
		second, _ := fate(st.SecondCallWindow(base))
		second.Kind, second.PrevCallID, second.AvoidTopics = fo.CallSecond, firstID, first.Topics
		if second.Status == fo.CallOpen {
			second.Survey = &fo.SurveyResult{Scores: [4]int{5, 5, 4, 5}}
		}
		return put(second)
	})
	// A few promotions around today.
	batch(24, func(tx *bolt.Tx, i int) error {
		p := fo.Promotion{ID: uint64(i + 1), Title: fmt.Sprintf("活动 %d", i), Day: fo.DayStart(today.AddDate(0, 0, -60+i*7), loc).UTC()}
		return putJSON(tx.Bucket(bPromotions), key(tkey(p.Day), p.ID), p)
	})
	return due
}

// BenchmarkCallList builds today's call list with 100,000 archives and
// 1,000,000 visits on file (target ≤ 50 ms). "shop": the last 400 days at
// 60 deliveries a day (more than 4 bays manage) and 976,000 older visits
// over ten years before; "uniform": all 1,000,000 visits evenly over ten
// years, 274 deliveries a day, every one with its calls over the last 400
// days. The list reads the call_due index up to the day's end and the
// records it names: its cost follows the calls due, not the file.
func BenchmarkCallList(b *testing.B) {
	for _, c := range []struct {
		name string
		f    benchFile
	}{
		{"shop", benchFile{archives: 100_000, visits: 1_000_000, perDay: 60, callDays: 400}},
		{"uniform", benchFile{archives: 100_000, visits: 1_000_000, perDay: 274, callDays: 400}},
	} {
		b.Run(c.name, func(b *testing.B) {
			today := at(2026, 11, 27, 0, 0)
			clock := fakeclock.New(today.Add(8 * time.Hour))
			s, err := Open(filepath.Join(b.TempDir(), "bench.db"), Options{Clock: clock, NoSync: true})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			start := time.Now()
			want := loadBenchFile(b, s, c.f, today)
			m, _ := s.Metrics()
			b.Logf("loaded in %v: %d MB, %d calls due today", time.Since(start).Round(time.Millisecond), m["data_file_bytes"]>>20, want)
			b.ResetTimer()
			var n int
			for b.Loop() {
				l, err := s.CallList(today)
				if err != nil {
					b.Fatal(err)
				}
				n = l.Len()
			}
			if n != want {
				b.Errorf("list of %d calls, want %d", n, want)
			}
			b.ReportMetric(float64(n), "calls/list")
		})
	}
}
