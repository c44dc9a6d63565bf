package frontoffice

import (
	"errors"
	"testing"
	"time"
)

// The queue's order and moving a called number back (issue 11 item 6).
func TestQueueMoveBack(t *testing.T) {
	t0 := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	vs := []Visit{
		{ID: 1, Status: VisitCalled, CheckedInAt: t0},
		{ID: 2, Status: VisitWaiting, CheckedInAt: t0.Add(time.Minute)},
		{ID: 3, Status: VisitWaiting, CheckedInAt: t0.Add(2 * time.Minute)},
		{ID: 4, Status: VisitWaiting, CheckedInAt: t0.Add(3 * time.Minute)},
		{ID: 5, Status: VisitWorkshop, CheckedInAt: t0.Add(4 * time.Minute)},
	}
	apply := func(vs []Visit, places []QueuePlace) []Visit {
		out := append([]Visit(nil), vs...)
		for i := range out {
			for _, p := range places {
				if out[i].ID == p.ID {
					out[i].QueueAt = p.At
					if out[i].Status == VisitCalled {
						out[i].Status = VisitWaiting
					}
				}
			}
		}
		return out
	}
	order := func(vs []Visit) (ids []uint64) {
		for _, v := range QueueOrder(vs) {
			ids = append(ids, v.ID)
		}
		return ids
	}
	for _, c := range []struct {
		n, moved int
		want     []uint64
	}{{1, 1, []uint64{2, 1, 3, 4}}, {2, 2, []uint64{2, 3, 1, 4}}, {3, 3, []uint64{2, 3, 4, 1}}, {20, 3, []uint64{2, 3, 4, 1}}} {
		places, moved, ahead, err := QueueMoveBack(vs, vs[0], c.n)
		if err != nil || moved != c.moved || ahead != c.moved {
			t.Fatalf("n=%d: moved %d, %d ahead, %v", c.n, moved, ahead, err)
		}
		after := apply(vs, places)
		if got := order(after); len(got) != len(c.want) || got[0] != c.want[0] || got[1] != c.want[1] || got[2] != c.want[2] || got[3] != c.want[3] {
			t.Errorf("n=%d: order %v, want %v", c.n, got, c.want)
		}
		if a := QueueAhead(after, after[0]); a != c.moved {
			t.Errorf("n=%d: %d ahead", c.n, a)
		}
	}
	if _, _, _, err := QueueMoveBack(vs, vs[0], 0); !errors.Is(err, Errorf(EINVALID, "err.move_back")) {
		t.Errorf("0 places: %v", err)
	}
	if _, _, _, err := QueueMoveBack(vs, vs[0], MaxMoveBack+1); err == nil {
		t.Error("too many places accepted")
	}
	if _, _, _, err := QueueMoveBack(vs, vs[1], 1); !errors.Is(err, ErrNotAllowed) {
		t.Errorf("a waiting visit moved back: %v", err)
	}
	// Keys equal or a nanosecond apart (check-ins in the same instant):
	// the visits behind make room, the order stays as asked.
	for _, gap := range []time.Duration{0, 1} {
		tight := []Visit{
			{ID: 1, Status: VisitCalled, CheckedInAt: t0},
			{ID: 2, Status: VisitWaiting, CheckedInAt: t0.Add(gap)},
			{ID: 3, Status: VisitWaiting, CheckedInAt: t0.Add(2 * gap)},
			{ID: 4, Status: VisitWaiting, CheckedInAt: t0.Add(3 * gap)},
		}
		for n := 1; n <= 3; n++ {
			places, _, ahead, _ := QueueMoveBack(tight, tight[0], n)
			got := order(apply(tight, places))
			if got[n] != 1 || ahead != n || len(got) != 4 {
				t.Errorf("gap %v, n=%d: order %v, %d ahead", gap, n, got, ahead)
			}
		}
	}
	// Messages only to a linked chat.
	st := &Settings{}
	v := Visit{ID: 9, QueueNo: "A001", Lang: EN}
	if QueueTicketMessages(st, v, 2, 0) != nil || QueueCallMessages(v, 0, t0, false) != nil || QueueMovedMessages(v, 1, 0, t0) != nil {
		t.Error("a visit without a chat was messaged")
	}
	if m := QueueCallMessages(v, 42, t0, false); len(m) != 1 || m[0].Text != "A001, please come to the desk." || m[0].ChatID != 42 {
		t.Errorf("call %+v", m)
	}
}
