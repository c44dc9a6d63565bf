package demo

import (
	"path/filepath"
	"testing"
	"time"

	fo "frontoffice"
	"frontoffice/data"
	"frontoffice/internal/fakeclock"
)

// The demo shop prices estimates from labour standards in its own and two
// other regions, and its quality page shows the past weeks' feedback.
func TestLoadLabourAndQuality(t *testing.T) {
	loc, _ := time.LoadLocation("Asia/Shanghai")
	now := time.Date(2026, 11, 27, 15, 20, 0, 0, loc)
	clock := fakeclock.New(now)
	store, err := data.Open(filepath.Join(t.TempDir(), "demo.db"), data.Options{Clock: clock, NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if _, err := Load(store, clock, now, Seed); err != nil {
		t.Fatal(err)
	}
	st, _ := store.Settings()
	if err := st.Validate(); err != nil || len(st.Labour) < 3 || len(st.LabourRates) != 3 {
		t.Fatalf("labour %+v rates %+v: %v", st.Labour, st.LabourRates, err)
	}
	for _, region := range []string{"", "天津", "河北", "上海"} {
		if _, err := st.LabourLine("RADAR-4", region, false, fo.ZH); err != nil {
			t.Errorf("region %q: %v", region, err)
		}
	}
	rep, err := store.QualityReport(now.AddDate(0, 0, -30), now)
	if err != nil || rep.Total < len(demoQuality) || len(rep.OpenProblems) != 3 || rep.ByClass[fo.QualityProduct.Index()] < 2 {
		t.Errorf("demo quality report %+v, %v", rep, err)
	}
}
