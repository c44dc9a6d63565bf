package demo

import (
	"path/filepath"
	"testing"
	"time"

	fo "frontoffice"
	"frontoffice/data"
	"frontoffice/internal/fakeclock"
)

// The demo's after-sales weeks give believable call lists for today and
// the next days (FU-2, FU-3: first and second calls, some tried before,
// some with survey answers, SUR-2), open complaints in several states
// (CMP-2..5), past calls made and missed in the register (FU-7), and a
// monthly summary with something in every line (FU-8).
func TestLoadAfterSales(t *testing.T) {
	loc, _ := time.LoadLocation("Asia/Shanghai")
	now := time.Date(2026, 11, 27, 15, 20, 0, 0, loc)
	clock := fakeclock.New(now)
	store, err := data.Open(filepath.Join(t.TempDir(), "demo.db"), data.Options{Clock: clock, NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if _, err := Load(store, clock, now, 11); err != nil {
		t.Fatal(err)
	}
	kinds := map[fo.CallKind]int{}
	var tried, surveyed int
	for d := 0; d < 5; d++ {
		day := now.AddDate(0, 0, d)
		list, err := store.CallList(day)
		if err != nil {
			t.Fatal(err)
		}
		st, _ := store.Settings()
		if st.IsClosedDate(day) {
			continue
		}
		if list.Len() == 0 {
			t.Errorf("no calls on %s", day.Format(time.DateOnly))
		}
		for _, sc := range list.Staff {
			for _, it := range sc.Calls {
				kinds[it.Call.Kind]++
				if len(it.Call.Attempts) > 0 {
					tried++
				}
				if it.Call.Survey != nil {
					surveyed++
				}
			}
		}
	}
	if kinds[fo.CallFirst] == 0 || kinds[fo.CallSecond] == 0 || tried == 0 || surveyed == 0 {
		t.Errorf("lists of the next days: %v kinds, %d tried before, %d with a survey", kinds, tried, surveyed)
	}
	open, _ := store.OpenComplaints()
	states := map[fo.ComplaintStatus]int{}
	overdue := 0
	for _, c := range open {
		states[c.Status]++
		if fo.ComplaintTimeLeft(c, now) < 0 {
			overdue++
		}
	}
	if len(open) < 3 || states[fo.CmpReopened] == 0 || overdue == 0 {
		t.Errorf("open complaints %v, %d overdue", states, overdue)
	}
	reg, _ := store.CallRegister(now.AddDate(0, 0, -30), now)
	actions := map[string]int{}
	for _, e := range reg {
		actions[e.Action]++
	}
	if actions["reached"] == 0 || actions["no_answer"] == 0 || actions["later"] == 0 || actions["missed"] == 0 {
		t.Errorf("call register %v", actions)
	}
	m, _ := store.MonthlySummary(now)
	if m.CallsDue == 0 || m.CallsDoneInWindow == 0 || m.Complaints == 0 || m.Surveys == 0 {
		t.Errorf("monthly summary %+v", m)
	}
	if !clock.Now().Equal(now) {
		t.Errorf("clock left at %v", clock.Now())
	}
}
