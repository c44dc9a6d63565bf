package demo

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
	"frontoffice/data"
	"frontoffice/internal/fakeclock"
)

// The demo gives the console a believable day at any time of day: visits
// in every status, additional work waiting (INT-6), a delay and a customer
// told to come for a job not ready (DEL-2), a progress alert (INT-7), a job
// over two days, pickup calls, and a second load is refused.
func TestLoadToday(t *testing.T) {
	loc, _ := time.LoadLocation("Asia/Shanghai")
	for _, now := range []time.Time{
		time.Date(2026, 11, 27, 15, 20, 0, 0, loc), // Friday afternoon
		time.Date(2026, 11, 28, 10, 5, 0, 0, loc),  // Saturday morning, just open
		time.Date(2026, 11, 29, 20, 0, 0, 0, loc),  // Sunday evening, closed
		time.Date(2026, 11, 30, 7, 0, 0, 0, loc),   // Monday before opening
	} {
		t.Run(now.Format("Mon 15:04"), func(t *testing.T) {
			clock := fakeclock.New(now)
			store, err := data.Open(filepath.Join(t.TempDir(), "demo.db"), data.Options{Clock: clock, NoSync: true})
			if err != nil {
				t.Fatal(err)
			}
			defer store.Close()
			sum, err := Load(store, clock, now, 7)
			if err != nil {
				t.Fatal(err)
			}
			if !clock.Now().Equal(now) || sum.Visits < 10 {
				t.Fatalf("clock %v, summary %+v", clock.Now(), sum)
			}
			// Outside opening hours the demo day is the last open day.
			st, _ := store.Settings()
			day, _ := shopDayNow(&st, now)
			for _, v := range mustVisits(t, store, day.In(loc).Format(time.DateOnly)) {
				if h := v.CheckedInAt.In(loc); !st.Hours[h.Weekday()].IsOpen() || fo.HM(h.Hour()*60+h.Minute()) < st.Hours[h.Weekday()].Open || fo.HM(h.Hour()*60+h.Minute()) >= st.Hours[h.Weekday()].Close {
					t.Errorf("visit %s checked in at %v, outside opening hours", v.QueueNo, h)
				}
			}
			visits, err := store.VisitsOn(day.In(loc).Format(time.DateOnly))
			if err != nil {
				t.Fatal(err)
			}
			statuses := map[fo.VisitStatus]int{}
			var pendingWork, delayed, alerted, told, settled int
			for _, v := range visits {
				statuses[v.Status]++
				for _, aw := range v.Additional {
					if aw.Status == fo.AddPending {
						pendingWork++
					}
				}
				if len(v.Delays) > 0 {
					delayed++
				}
				if v.ProgressAlerted && v.Status == fo.VisitWorkshop {
					alerted++
				}
				if v.Status == fo.VisitWorkshop && !v.PickupNoticeAt.After(now) {
					told++
				}
				if v.Settlement != nil && v.Status == fo.VisitDelivered {
					settled++
				}
			}
			for _, s := range fo.VisitStatuses {
				if statuses[s] == 0 {
					t.Errorf("no visit %s today: %v", s, statuses)
				}
			}
			if pendingWork == 0 || delayed == 0 || alerted == 0 || told == 0 || settled < 2 {
				t.Errorf("pending work %d, delayed %d, alerted %d, told %d, settled %d", pendingWork, delayed, alerted, told, settled)
			}
			open, _ := store.OpenVisits()
			earlier := 0
			for _, v := range open {
				if v.Day < day.In(loc).Format(time.DateOnly) && v.PromisedAt().Sub(v.WorkOrder.HandoverAt) >= fo.PickupLongJob {
					earlier++
				}
			}
			if earlier != 1 {
				t.Errorf("%d jobs over two days from earlier days", earlier)
			}
			tasks, _, _ := store.PhoneTasks(now.In(loc).Format(time.DateOnly))
			if len(tasks) < 3 {
				t.Errorf("%d pickup calls", len(tasks))
			}
			if _, err := Load(store, clock, now, 7); !errors.Is(err, ErrLoaded) {
				t.Errorf("second load: %v", err)
			}
		})
	}
}

func mustVisits(t *testing.T, store *data.Store, day string) []fo.Visit {
	t.Helper()
	vs, err := store.VisitsOn(day)
	if err != nil {
		t.Fatal(err)
	}
	return vs
}

// frontoffice demo loads with Seed: at the same instant it makes the same
// shop — the same customers, vehicles, appointments, visits, calls and
// complaints, record for record — so that a test or a screenshot on the demo
// data sees the same data every run. Only what the store draws from
// crypto/rand differs: booking codes and the keys of their index.
func TestLoadRepeatable(t *testing.T) {
	loc, _ := time.LoadLocation("Asia/Shanghai")
	now := time.Date(2026, 11, 27, 10, 30, 0, 0, loc)
	var files []string
	for i := 0; i < 2; i++ {
		clock := fakeclock.New(now)
		path := filepath.Join(t.TempDir(), "demo.db")
		store, err := data.Open(path, data.Options{Clock: clock, NoSync: true})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Load(store, clock, now, Seed); err != nil {
			t.Fatal(err)
		}
		store.Close()
		files = append(files, path)
	}
	a, b := dumpFile(t, files[0]), dumpFile(t, files[1])
	for _, name := range []string{"customers", "cust_phone", "vehicles", "veh_plate", "veh_cust", "appointments", "apt_start", "apt_cust",
		"visits", "visit_day", "visit_veh", "calls", "complaints", "surveys", "reg_apt"} {
		rows, other := a[name], b[name]
		if len(rows) == 0 {
			t.Errorf("bucket %s is empty after the demo", name)
		}
		if len(other) != len(rows) {
			t.Errorf("bucket %s: %d keys in one load, %d in the other", name, len(rows), len(other))
		}
		for k, v := range rows {
			if w, ok := other[k]; !ok || withoutCode(v) != withoutCode(w) {
				t.Errorf("bucket %s key %q: %s in one load, %s in the other", name, k, v, w)
				break
			}
		}
	}
}

// withoutCode is a JSON record without its "code" (a booking code, drawn by
// the store from crypto/rand); other values as they are.
func withoutCode(v string) string {
	var m map[string]any
	if json.Unmarshal([]byte(v), &m) != nil {
		return v
	}
	delete(m, "code")
	out, _ := json.Marshal(m)
	return string(out)
}

// dumpFile reads every bucket of a data file with bbolt.
func dumpFile(t *testing.T, path string) map[string]map[string]string {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	out := map[string]map[string]string{}
	db.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			m := map[string]string{}
			out[string(name)] = m
			return b.ForEach(func(k, v []byte) error {
				m[string(k)] = string(v)
				return nil
			})
		})
	})
	return out
}
