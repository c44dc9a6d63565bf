package frontoffice

import (
	"slices"
	"testing"
	"time"

	"frontoffice/internal/fakeclock"
)

// The demo shop's week of 2026-11-23: Monday to Friday 08:30–18:00,
// Saturday 09:00–17:00, Sunday closed.

func wsJob(id uint64, handover time.Time, minutes int) Visit {
	return Visit{ID: id, Status: VisitWorkshop, Day: handover.Format(time.DateOnly), CheckedInAt: handover,
		WorkOrder: &WorkOrder{EstimatedMinutes: minutes, HandoverAt: handover}}
}

// held lists the segment starts (shop time, "Mon 15:04") in which occ
// counts n or more cars.
func held(occ Occupancy, n int) []string {
	var ts []time.Time
	for k, c := range occ {
		if c >= n {
			ts = append(ts, time.Unix(k, 0))
		}
	}
	slices.SortFunc(ts, func(a, b time.Time) int { return a.Compare(b) })
	var out []string
	for _, t := range ts {
		out = append(out, t.In(shanghai).Format("Mon 15:04"))
	}
	return out
}

// A multi-day job continues at the next open day's opening, skipping the
// closed Sunday (WS-1): its bay is held on Saturday afternoon and Monday
// morning, never on Sunday, and its clock counts opening hours only.
func TestMultiDayJobAcrossSundayWS1(t *testing.T) {
	st := DefaultSettings()
	clock := fakeclock.New(at(2026, 11, 28, 16, 0)) // Saturday
	job := wsJob(1, at(2026, 11, 28, 15, 0), 300)   // 5 h: Sat 15–17, Mon 08:30–11:30
	occ := st.Occupancy(clock.Now(), nil, []Visit{job})
	want := []string{"Sat 16:00", "Sat 16:30", "Mon 08:30", "Mon 09:00", "Mon 09:30", "Mon 10:00", "Mon 10:30", "Mon 11:00"}
	if got := held(occ, 1); !slices.Equal(got, want) {
		t.Errorf("held %v, want %v", got, want)
	}
	jc := st.JobClock(&job, clock.Now())
	if jc.Elapsed != time.Hour || !jc.DueAt.Equal(at(2026, 11, 30, 11, 30)) || jc.Overrun {
		t.Errorf("Saturday 16:00: %+v, want 1h elapsed, due Monday 11:30", jc)
	}
	clock.Set(at(2026, 11, 29, 12, 0)) // Sunday: nobody works
	if jc := st.JobClock(&job, clock.Now()); jc.Elapsed != 2*time.Hour {
		t.Errorf("Sunday: %v elapsed, want 2h (Saturday 15–17)", jc.Elapsed)
	}
	if got := held(st.Occupancy(clock.Now(), nil, []Visit{job}), 1); got[0] != "Mon 08:30" || got[len(got)-1] != "Mon 11:00" {
		t.Errorf("on Sunday the job holds %v, want Monday 08:30–11:30", got)
	}
	clock.Set(at(2026, 11, 30, 10, 0))
	if jc := st.JobClock(&job, clock.Now()); jc.Elapsed != 3*time.Hour+30*time.Minute || jc.Overrun {
		t.Errorf("Monday 10:00: %+v, want 3h30 elapsed, not overrun", jc)
	}
	// A closed date is skipped like a Sunday.
	st.ClosedDates = []string{"2026-11-30"}
	if jc := st.JobClock(&job, at(2026, 11, 28, 16, 0)); !jc.DueAt.Equal(at(2026, 12, 1, 11, 30)) {
		t.Errorf("Monday closed: due %v, want Tuesday 11:30", jc.DueAt.In(shanghai))
	}
}

// A job past its estimate holds its bay for the rest of the half hour and
// the next one, as long as it is not marked ready (WS-1); approved
// additional work lengthens the estimate (INT-6).
func TestJobOverrunningEstimateWS1(t *testing.T) {
	st := DefaultSettings()
	clock := fakeclock.New(at(2026, 11, 27, 9, 50))
	job := wsJob(1, at(2026, 11, 27, 9, 0), 60)
	if got := held(st.Occupancy(clock.Now(), nil, []Visit{job}), 1); !slices.Equal(got, []string{"Fri 09:30"}) {
		t.Errorf("10 minutes left: holds %v, want Fri 09:30", got)
	}
	clock.Set(at(2026, 11, 27, 10, 40))
	if jc := st.JobClock(&job, clock.Now()); !jc.Overrun || jc.Elapsed != 100*time.Minute || !jc.DueAt.Equal(at(2026, 11, 27, 10, 0)) {
		t.Errorf("10:40: %+v, want overrun, 1h40 elapsed, due 10:00", jc)
	}
	if got := held(st.Occupancy(clock.Now(), nil, []Visit{job}), 1); !slices.Equal(got, []string{"Fri 10:30", "Fri 11:00"}) {
		t.Errorf("overrun at 10:40: holds %v, want 10:30 and 11:00", got)
	}
	clock.Advance(2 * time.Hour) // still not ready at 12:40: the hold moves on
	if got := held(st.Occupancy(clock.Now(), nil, []Visit{job}), 1); !slices.Equal(got, []string{"Fri 12:30", "Fri 13:00"}) {
		t.Errorf("overrun at 12:40: holds %v, want 12:30 and 13:00", got)
	}
	job.Additional = []AdditionalWork{{N: 1, Status: AddApproved, ExtraMinutes: 240}, {N: 2, Status: AddPending, ExtraMinutes: 600}}
	if jc := st.JobClock(&job, clock.Now()); jc.Overrun || jc.Estimate != 300*time.Minute {
		t.Errorf("with 4 h approved: %+v, want 5 h estimate, not overrun", jc)
	}
	job.Additional = nil
	job.Status = VisitReady
	if occ := st.Occupancy(clock.Now(), nil, []Visit{job}); len(occ) != 0 {
		t.Errorf("a ready car holds %v", held(occ, 1))
	}
	if jc := st.JobClock(&job, clock.Now()); jc.Overrun {
		t.Error("a ready job is not overrunning")
	}
}

// Walk-ins are counted at the earliest free time today, in check-in order,
// and never push a booking out: when none is left they are counted from
// now over the bays, which Over reports (WS-1). A car checked in for its
// appointment is counted once.
func TestWalkInsTakeTheFreeBaysWS1(t *testing.T) {
	st := DefaultSettings()
	st.Bays = 2
	now := at(2026, 11, 27, 16, 0) // Friday, closing 18:00
	apt := Appointment{ID: 7, Status: AptBooked, Start: at(2026, 11, 27, 16, 0), End: at(2026, 11, 27, 17, 0)}
	walk := func(id uint64) Visit {
		return Visit{ID: id, Status: VisitWaiting, Day: "2026-11-27", CheckedInAt: now.Add(time.Duration(id) * time.Minute), ServiceID: "maint"}
	}
	visits := []Visit{walk(3), walk(1), walk(2)}
	occ := st.Occupancy(now, []Appointment{apt}, visits)
	// W1 beside the booking 16:00–17:00, W2 and W3 17:00–18:00.
	for seg, n := range map[string]int{"16:00": 2, "16:30": 2, "17:00": 2, "17:30": 2} {
		if got := occ.At(at(2026, 11, 27, int(seg[1]-'0')+10, int(seg[3]-'0')*10)); got != n {
			t.Errorf("%s: %d cars, want %d", seg, got, n)
		}
	}
	if over := occ.Over(st.Bays); len(over) != 0 {
		t.Errorf("no conflict yet, got %v", over)
	}
	if st.FreeSlotsFor(now, now, Service{Minutes: 30}, occ, true) != nil {
		t.Error("the day is full: no slot may be offered")
	}
	// A fourth walk-in is taken on all the same: from now, over the bays.
	occ = st.Occupancy(now, []Appointment{apt}, append(visits, walk(4)))
	if over := occ.Over(st.Bays); len(over) != 2 || !over[0].Equal(now) {
		t.Errorf("conflict at %v, want 16:00 and 16:30", over)
	}
	// Yesterday's forgotten walk-in holds nothing.
	stale := walk(5)
	stale.Day = "2026-11-26"
	if occ := st.Occupancy(now, nil, []Visit{stale}); len(occ) != 0 {
		t.Errorf("a stale walk-in holds %v", held(occ, 1))
	}
	// Checked in early for 16:00: counted once, from the booked start.
	apt.Status = AptCheckedIn
	early := Visit{ID: 9, AppointmentID: 7, Status: VisitWaiting, Day: "2026-11-27", ServiceID: "maint", CheckedInAt: now.Add(-time.Hour)}
	occ = st.Occupancy(now.Add(-time.Hour), []Appointment{apt}, []Visit{early})
	if got := held(occ, 1); !slices.Equal(got, []string{"Fri 16:00", "Fri 16:30"}) || occ.At(now) != 1 {
		t.Errorf("checked-in appointment holds %v (%d at 16:00), want 16:00–17:00 once", got, occ.At(now))
	}
	// In the workshop from 15:10 with 3 h: the job stands for the booking,
	// and its last 10 minutes fall on Saturday's opening.
	early.Status, early.WorkOrder = VisitWorkshop, &WorkOrder{EstimatedMinutes: 180, HandoverAt: at(2026, 11, 27, 15, 10)}
	occ = st.Occupancy(at(2026, 11, 27, 15, 10), []Appointment{apt}, []Visit{early})
	want := []string{"Fri 15:00", "Fri 15:30", "Fri 16:00", "Fri 16:30", "Fri 17:00", "Fri 17:30", "Sat 09:00"}
	if got := held(occ, 1); !slices.Equal(got, want) || occ.At(now) != 1 {
		t.Errorf("job holds %v (%d at 16:00), want %v once", got, occ.At(now), want)
	}
	if got := held(st.Occupancy(at(2026, 11, 27, 15, 10), nil, []Visit{wsJob(2, at(2026, 11, 27, 17, 0), 120)}), 1); !slices.Equal(got, []string{"Fri 17:00", "Fri 17:30", "Sat 09:00", "Sat 09:30"}) {
		t.Errorf("a job past closing holds %v, want Friday 17:00–18:00 and Saturday 09:00–10:00", got)
	}
}
