package frontoffice

import (
	"testing"
	"time"
)

// INT-3, DEL-2: a visit in the workshop is late once its promised time has
// come; before that, it is "told but not ready" once the pickup notice
// went out. Neither holds for a visit out of the workshop or without a
// promise.
func TestVisitLateAndToldNotReadyINT3DEL2(t *testing.T) {
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	wo := func(promised time.Time) *WorkOrder { return &WorkOrder{PromisedAt: promised} }
	for _, c := range []struct {
		name       string
		v          Visit
		late, told bool
	}{
		{"promise passed", Visit{Status: VisitWorkshop, WorkOrder: wo(now.Add(-time.Minute))}, true, false},
		{"promise now", Visit{Status: VisitWorkshop, WorkOrder: wo(now)}, true, false},
		{"late and told", Visit{Status: VisitWorkshop, WorkOrder: wo(now.Add(-time.Minute)), PickupNoticeAt: now.Add(-time.Hour)}, true, false},
		{"told, not ready", Visit{Status: VisitWorkshop, WorkOrder: wo(now.Add(time.Hour)), PickupNoticeAt: now.Add(-time.Minute)}, false, true},
		{"told right now", Visit{Status: VisitWorkshop, WorkOrder: wo(now.Add(time.Hour)), PickupNoticeAt: now}, false, true},
		{"notice later", Visit{Status: VisitWorkshop, WorkOrder: wo(now.Add(time.Hour)), PickupNoticeAt: now.Add(time.Minute)}, false, false},
		{"on time", Visit{Status: VisitWorkshop, WorkOrder: wo(now.Add(time.Hour))}, false, false},
		{"ready", Visit{Status: VisitReady, WorkOrder: wo(now.Add(-time.Hour)), PickupNoticeAt: now.Add(-time.Hour)}, false, false},
		{"no promise", Visit{Status: VisitWorkshop, PickupNoticeAt: now.Add(-time.Hour)}, false, false},
	} {
		if got := c.v.Late(now); got != c.late {
			t.Errorf("%s: Late = %v, want %v", c.name, got, c.late)
		}
		if got := c.v.ToldNotReady(now); got != c.told {
			t.Errorf("%s: ToldNotReady = %v, want %v", c.name, got, c.told)
		}
	}
}
