package data

import (
	"errors"
	"fmt"
	"frontoffice/internal/sigdraw"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// checkInWalkIn checks a walk-in in for service, as the kiosk does.
func checkInWalkIn(t testing.TB, s *Store, i int, service string) fo.Visit {
	t.Helper()
	v, err := s.CheckIn(fo.CheckInRequest{Customer: fo.CustomerInput{Name: "到店客户", Phone: fmt.Sprintf("1390000%04d", i), Consent: true},
		Plate: fmt.Sprintf("京W%05d", i), ServiceID: service, Concern: "安装", Source: "kiosk", By: "kiosk"})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// toWorkshop takes a visit into the workshop with an estimate of minutes.
func toWorkshop(t testing.TB, s *Store, v fo.Visit, minutes int) {
	t.Helper()
	now := s.clock.Now()
	if _, err := s.Intake(fo.IntakeRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, By: "staff:li",
		WorkOrder: workOrder(now, minutes, now.Add(time.Duration(minutes)*time.Minute*2))}); err != nil {
		t.Fatal(err)
	}
}

// A workshop full of cars taken on — a multi-day job, a job running over
// its estimate, walk-ins waiting — refuses the next online slot on the
// bot's booking path and offers no slot that day; the job's second day
// and the walk-in's spill-over hold Saturday morning (WS-1).
func TestFullWorkshopRefusesNextOnlineSlotWS1(t *testing.T) {
	s, clock := newTestStore(t, func(c *testStoreConfig) {
		prev := c.settings
		c.settings = func(st *fo.Settings) { prev(st); st.Bays = 2 }
	})
	fri, sat := at(2026, 11, 27, 0, 0), at(2026, 11, 28, 0, 0)
	next := at(2026, 11, 27, 11, 30) // the next online slot at 10:10 (60 min lead)
	free, err := s.FreeSlots("maint")
	if err != nil || !containsTime(daySlots(free, fri), next) {
		t.Fatalf("empty workshop: 11:30 should be free, got %v %v", daySlots(free, fri), err)
	}
	// 09:00: two cars into the workshop: 10 h of work (to Saturday 10:00)
	// and 1 h.
	toWorkshop(t, s, checkInWalkIn(t, s, 1, "repair"), 600)
	toWorkshop(t, s, checkInWalkIn(t, s, 2, "repair"), 60)
	// 10:10: the short job runs over its estimate; three walk-ins of 3 h
	// wait (11:00–14:00, 14:00–17:00, 17:00–18:00 and Saturday 09:00–11:00).
	clock.Set(at(2026, 11, 27, 10, 10))
	for i := 3; i <= 5; i++ {
		checkInWalkIn(t, s, i, "collision")
	}
	_, err = s.Book(bookReq("13800000001", "京A11111", next))
	if !errors.Is(err, fo.ErrSlotTaken) {
		t.Fatalf("booking the next online slot in a full workshop: %v, want ErrSlotTaken", err)
	}
	free, err = s.FreeSlots("maint")
	if err != nil {
		t.Fatal(err)
	}
	if got := daySlots(free, fri); len(got) != 0 {
		t.Errorf("a full Friday offers %v", got)
	}
	satSlots := daySlots(free, sat)
	if len(satSlots) == 0 || !satSlots[0].Equal(at(2026, 11, 28, 10, 0)) {
		t.Errorf("Saturday's first free slot %v, want 10:00 (09:00–10:00 held by the jobs carried over)", satSlots)
	}
	// The desk's free slots count them the same way.
	desk, err := s.DeskFreeSlots("maint", 0)
	if err != nil || len(daySlots(desk, fri)) != 0 {
		t.Errorf("the desk is offered %v on a full Friday (%v)", daySlots(desk, fri), err)
	}
	if _, err := s.Book(bookReq("13800000002", "京A22222", at(2026, 11, 28, 10, 0))); err != nil {
		t.Errorf("Saturday 10:00 is free: %v", err)
	}
}

// BenchmarkFreeSlotsWithWalkIns is the free-slot query counting every car
// taken on (WS-1; issue 11: ≤ 2 ms): 10,000 appointments on file, the
// horizon partly booked, and 20 active visits — 10 jobs in the workshop
// (a multi-day one and overrunning ones among them) and 10 walk-ins
// waiting.
func BenchmarkFreeSlotsWithWalkIns(b *testing.B) {
	s, clock, now := benchStore(b, 10000, true)
	st, _ := s.Settings()
	st.Bays = 30 // room for the 20 cars beside the seeded bookings
	if err := s.SaveSettings(st); err != nil {
		b.Fatal(err)
	}
	for i := range 10 {
		toWorkshop(b, s, checkInWalkIn(b, s, i, "repair"), 30+i*90) // 30 min … 13.5 h
	}
	clock.Set(now.Add(2 * time.Hour)) // the short ones now overrun
	for i := 10; i < 20; i++ {
		checkInWalkIn(b, s, i, "radar")
	}
	var active int
	s.db.View(func(tx *bolt.Tx) error {
		vs, err := activeVisitsTx(tx)
		active = len(vs)
		return err
	})
	if active != 20 {
		b.Fatalf("%d active visits, want 20", active)
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
	b.ReportMetric(float64(active), "active-visits")
	b.ReportMetric(float64(free), "free-slots")
}

// WS-1: the dispatch board's assignment is kept in the visit; a bay holds
// one car, and a refused assignment changes nothing.
func TestAssignWorkshopWS1(t *testing.T) {
	s, _ := newTestStore(t)
	a, b := checkInWalkIn(t, s, 1, "repair"), checkInWalkIn(t, s, 2, "repair")
	if _, err := s.AssignWorkshop(a.ID, 1, "t1", "staff:li"); !errors.Is(err, fo.Errorf(fo.ECONFLICT, "err.ws.state")) {
		t.Errorf("a waiting car was given a bay: %v", err)
	}
	toWorkshop(t, s, a, 60)
	toWorkshop(t, s, b, 60)
	if v, err := s.AssignWorkshop(a.ID, 2, "t1", "staff:li"); err != nil || v.Bay != 2 || v.Team != "t1" {
		t.Fatalf("assign: %+v %v", v, err)
	}
	if _, err := s.AssignWorkshop(b.ID, 2, "t2", "staff:li"); err == nil {
		t.Error("two cars in bay 2")
	}
	if _, err := s.AssignWorkshop(b.ID, 9, "", "staff:li"); err == nil {
		t.Error("bay 9 of 4")
	}
	if v, _ := s.Visit(b.ID); v.Bay != 0 || v.Team != "" {
		t.Errorf("a refused assignment changed the visit: bay %d team %q", v.Bay, v.Team)
	}
	if v, _ := s.Visit(a.ID); v.Bay != 2 || v.Team != "t1" {
		t.Errorf("stored: bay %d team %q", v.Bay, v.Team)
	}
}

// The walk-ins are placed around all of today's bookings, also those
// outside the period a booking asks about (WS-1): here the 10:00 booking
// pushes the fourth walk-in to 11:00, so 11:00 has one bay left, not two.
func TestWalkInsPlacedAroundTodaysBookingsWS1(t *testing.T) {
	s, _ := newTestStore(t, func(c *testStoreConfig) {
		prev := c.settings
		c.settings = func(st *fo.Settings) { prev(st); st.Bays = 2 }
	})
	if _, err := s.Book(bookReq("13800000001", "京A11111", at(2026, 11, 27, 10, 0))); err != nil {
		t.Fatal(err)
	}
	for i := range 4 { // 09:00 ×2, 10:00 beside the booking, 11:00
		checkInWalkIn(t, s, i, "maint")
	}
	if _, err := s.Book(bookReq("13800000002", "京A22222", at(2026, 11, 27, 11, 0))); err != nil {
		t.Fatalf("the last bay of 11:00: %v", err)
	}
	if _, err := s.Book(bookReq("13800000003", "京A33333", at(2026, 11, 27, 11, 0))); !errors.Is(err, fo.ErrSlotTaken) {
		t.Fatalf("11:00 sold twice: %v", err)
	}
}
