package frontoffice

import (
	"errors"
	"testing"
	"time"
)

// INT-3: the delivery time is promised with a margin, from the time the
// workshop signs for the vehicle (to 10 minutes, INT-5). The domain keeps
// the floor of that promise: a work order whose promise is not after the
// handover is refused (err.wo.promised), whatever the estimate; one after
// it is taken. On a fixed clock, Friday 27 November 2026 16:47:13, shop
// zone, an hour and a quarter before closing (18:00).
//
// The margin itself is TestSuggestPromiseINT3's.
func TestPromiseINT3(t *testing.T) {
	now := time.Date(2026, 11, 27, 16, 47, 13, 0, shanghai)
	handover := HandoverTime(now)
	if want := time.Date(2026, 11, 27, 16, 50, 0, 0, shanghai); !handover.Equal(want) {
		t.Fatalf("handover at %s, want %s (to 10 minutes)", handover, want)
	}
	// 16:44:59 rounds down, 16:45:00 up.
	for in, want := range map[time.Time]time.Time{
		time.Date(2026, 11, 27, 16, 44, 59, 0, shanghai): time.Date(2026, 11, 27, 16, 40, 0, 0, shanghai),
		time.Date(2026, 11, 27, 16, 45, 0, 0, shanghai):  time.Date(2026, 11, 27, 16, 50, 0, 0, shanghai),
		time.Date(2026, 11, 27, 23, 56, 0, 0, shanghai):  time.Date(2026, 11, 28, 0, 0, 0, 0, shanghai),
	} {
		if got := HandoverTime(in); !got.Equal(want) {
			t.Errorf("HandoverTime(%s) = %s, want %s", in, got, want)
		}
	}

	wo := func(promised time.Time) WorkOrder {
		return WorkOrder{Purpose: "安装倒车雷达", Lines: []EstimateLine{{Description: "倒车雷达安装", Mode: PriceByItem, Labor: 68000}},
			FuelEighths: 4, KeyNo: "K-07", EstimatedMinutes: 120, Receiver: "老张", HandoverAt: handover, PromisedAt: promised}
	}
	for _, tc := range []struct {
		name     string
		promised time.Time
		ok       bool
	}{
		{"no promise", time.Time{}, false},
		{"before the handover", handover.Add(-10 * time.Minute), false},
		{"at the handover", handover, false},
		// Across closing time into the next open day: Saturday opens 09:00.
		{"next open day, Saturday 10:00", time.Date(2026, 11, 28, 10, 0, 0, 0, shanghai), true},
	} {
		w := wo(tc.promised)
		err := w.Validate()
		var e *Error
		switch {
		case tc.ok && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case !tc.ok && (!errors.As(err, &e) || e.Key != "err.wo.promised"):
			t.Errorf("%s: %v, want err.wo.promised", tc.name, err)
		}
	}
}

// INT-3: the suggested promise is the estimate plus a quarter of it, at
// least 30 minutes, rounded up to the next half hour.
func TestSuggestPromiseINT3(t *testing.T) {
	at := func(h, m int) time.Time { return time.Date(2026, 11, 27, h, m, 0, 0, shanghai) }
	for _, c := range []struct {
		handover time.Time
		minutes  int
		want     time.Time
	}{
		{at(9, 0), 60, at(10, 30)},    // 60 + 30 (the floor): 10:30 exactly
		{at(9, 0), 180, at(13, 0)},    // 180 + 45 = 12:45, up to 13:00
		{at(9, 10), 120, at(12, 0)},   // 120 + 30 = 11:40, up to 12:00
		{at(9, 0), 0, at(9, 30)},      // no estimate: the 30-minute floor
		{at(14, 0), 480, at(0+24, 0)}, // a day's job: 480 + 120 = 00:00 next day
	} {
		if got := SuggestPromise(c.handover, c.minutes); !got.Equal(c.want) {
			t.Errorf("SuggestPromise(%s, %d) = %s, want %s", c.handover.Format("15:04"), c.minutes, got.Format("01-02 15:04"), c.want.Format("01-02 15:04"))
		}
		// An empty workshop, or one with a free bay, changes nothing.
		for _, l := range []WorkshopLoad{{Bays: 4}, {Bays: 4, Busy: []time.Time{at(18, 0), at(17, 0), at(16, 0)}}} {
			if got := SuggestPromise(c.handover, c.minutes, l); !got.Equal(c.want) {
				t.Errorf("with a free bay %+v: %s, want %s", l, got.Format("01-02 15:04"), c.want.Format("01-02 15:04"))
			}
		}
	}
}

// INT-3: the suggestion follows the workshop's queue and the parts on
// order. Two bays, four cars in: the new one waits for the third earliest
// promise (two cars are ahead of it beyond the bays); parts expected later
// push the start further.
func TestSuggestPromiseLoadINT3(t *testing.T) {
	at := func(h, m int) time.Time { return time.Date(2026, 11, 27, h, m, 0, 0, shanghai) }
	full := WorkshopLoad{Bays: 2, Busy: []time.Time{at(15, 0), at(10, 0), at(12, 0), at(11, 0)}}
	if got := full.StartAt(at(9, 0)); !got.Equal(at(12, 0)) {
		t.Errorf("start with two cars ahead: %s, want 12:00", got.Format("15:04"))
	}
	// 12:00 + 60 + 30 = 13:30.
	if got := SuggestPromise(at(9, 0), 60, full); !got.Equal(at(13, 30)) {
		t.Errorf("promise with the queue: %s", got.Format("15:04"))
	}
	// Two cars, two bays: the new car waits for the earliest promise, 10:00.
	if got := SuggestPromise(at(9, 0), 60, WorkshopLoad{Bays: 2, Busy: []time.Time{at(10, 0), at(11, 0)}}); !got.Equal(at(11, 30)) {
		t.Errorf("promise with every bay taken: %s", got.Format("15:04"))
	}
	// A promise already passed frees its bay at the handover.
	if got := SuggestPromise(at(9, 0), 60, WorkshopLoad{Bays: 1, Busy: []time.Time{at(8, 0)}}); !got.Equal(at(10, 30)) {
		t.Errorf("late car ahead: %s", got.Format("15:04"))
	}
	lines := []EstimateLine{{Description: "a"}, {Description: "b", PartsOnOrder: true, PartsExpected: at(14, 0)},
		{Description: "c", PartsOnOrder: true, PartsExpected: at(13, 0)}, {Description: "d", PartsExpected: at(20, 0)}}
	full.PartsExpected = PartsExpectedOf(lines)
	if got := SuggestPromise(at(9, 0), 60, full); !got.Equal(at(15, 30)) {
		t.Errorf("promise with parts on order at 14:00: %s", got.Format("15:04"))
	}
	wo := WorkOrder{Purpose: "p", Lines: []EstimateLine{{Description: "x", Mode: PriceByItem, Labor: 1, Parts: 1, PartsSource: PartsCustomer,
		PartsKind: PartsOriginal, PartsOnOrder: true, PartsExpected: at(14, 0)}}, KeyNo: "K", EstimatedMinutes: 60, Receiver: "r",
		HandoverAt: at(9, 0), PromisedAt: at(16, 0)}
	if err := wo.Validate(); !errors.Is(err, Errorf(EINVALID, "err.wo.parts_order")) {
		t.Errorf("customer parts on order: %v", err)
	}
	wo.Lines[0].PartsSource = PartsShop
	if err := wo.Validate(); err != nil {
		t.Error(err)
	}
}
