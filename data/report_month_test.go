package data

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
	"frontoffice/internal/fakeclock"
	"frontoffice/internal/sigdraw"
)

// repLedger is the simulation's own account of what it did, kept apart
// from the store: the expected report numbers are counted from it.
type repLedger struct {
	received   []repVisit
	delivered  []time.Time
	declined   []time.Time
	settled    []repSettle
	apts       map[uint64]*repApt
	complaints []time.Time
	calls      []time.Time // when each first follow-up call's window closes (FU-2)
	dueRuns    []time.Time // when the simulation ran what was due
	surveys    []repSurvey
}

type repVisit struct {
	at         time.Time
	vtype, svc string
}

type repSettle struct {
	at                              time.Time
	amount, discount, deposit, paid fo.Money
	svc                             string
	left                            bool
}

type repApt struct {
	start  time.Time
	status fo.AppointmentStatus
}

type repSurvey struct {
	at     time.Time
	scores [fo.Questions]int
}

// expect counts the report of [from, to) from the ledger as of asOf and
// compares it with what the store counted.
func (l *repLedger) expect(t *testing.T, name string, st *fo.Settings, got fo.BusinessStats, from, to, asOf time.Time) {
	t.Helper()
	in := func(x time.Time) bool { return !x.Before(from) && x.Before(to) }
	var want fo.BusinessStats
	byType, bySvc, bySvcRev := map[string]int{}, map[string]int{}, map[string]fo.Money{}
	dayRecv, dayRev := map[string]int{}, map[string]fo.Money{}
	day := func(x time.Time) string { return x.In(st.Location()).Format(time.DateOnly) }
	for _, v := range l.received {
		if in(v.at) {
			want.Received++
			byType[v.vtype]++
			bySvc[v.svc]++
			dayRecv[day(v.at)]++
		}
	}
	for _, x := range l.delivered {
		if in(x) {
			want.Delivered++
		}
	}
	for _, x := range l.declined {
		if in(x) {
			want.Declined++
		}
	}
	for _, s := range l.settled {
		if !in(s.at) {
			continue
		}
		due := s.amount - s.discount
		want.Settlements++
		want.Amount += s.amount
		want.Discounts += s.discount
		want.Revenue += due
		want.Deposits += s.deposit
		want.Collected += s.deposit + s.paid
		want.Receivables += due - s.deposit - s.paid
		if s.discount > 0 {
			want.Discounted++
		}
		if due-s.deposit-s.paid > 0 {
			want.Owing++
		}
		if s.left {
			want.Fees += due
		}
		bySvcRev[s.svc] += due
		dayRev[day(s.at)] += due
	}
	for _, a := range l.apts {
		if !in(a.start) || a.status == fo.AptCancelled {
			continue
		}
		want.Appointments++
		switch {
		case a.status == fo.AptCheckedIn:
			want.Kept++
		case a.status == fo.AptNoShow || asOf.After(a.start.Add(fo.CheckInLate)):
			want.Missed++
		default:
			want.Pending++
		}
	}
	complaints, callsDue := 0, 0
	for _, x := range l.complaints {
		if in(x) {
			complaints++
		}
	}
	for _, closes := range l.calls {
		if closes.After(from) && !closes.After(to) {
			callsDue++
		}
		// Nobody makes the calls: the first is missed when the due run
		// after its window sees it, and a second call follows in the 7
		// days after one week from the window's last day (FU-3).
		second := closes.AddDate(0, 0, fo.SecondCallToDay)
		for _, run := range l.dueRuns {
			if !run.Before(closes) && !run.After(asOf) {
				if second.After(from) && !second.After(to) {
					callsDue++
				}
				break
			}
		}
	}
	var surveys int
	var sums [fo.Questions]int
	for _, s := range l.surveys {
		if in(s.at) {
			surveys++
			for i, sc := range s.scores {
				sums[i] += sc
			}
		}
	}

	eq := func(what string, g, w any) {
		t.Helper()
		if g != w {
			t.Errorf("%s: %s = %v, want %v", name, what, g, w)
		}
	}
	eq("received", got.Received, want.Received)
	eq("delivered", got.Delivered, want.Delivered)
	eq("declined", got.Declined, want.Declined)
	eq("settlements", got.Settlements, want.Settlements)
	eq("amount", got.Amount, want.Amount)
	eq("discounts", got.Discounts, want.Discounts)
	eq("revenue", got.Revenue, want.Revenue)
	eq("discounted", got.Discounted, want.Discounted)
	eq("deposits", got.Deposits, want.Deposits)
	eq("collected", got.Collected, want.Collected)
	eq("owing", got.Owing, want.Owing)
	eq("receivables", got.Receivables, want.Receivables)
	eq("fees", got.Fees, want.Fees)
	eq("appointments", got.Appointments, want.Appointments)
	eq("kept", got.Kept, want.Kept)
	eq("missed", got.Missed, want.Missed)
	eq("pending", got.Pending, want.Pending)
	for _, tl := range got.ByType {
		eq("vehicles of type "+tl.Key, tl.Vehicles, byType[tl.Key])
		delete(byType, tl.Key)
	}
	for _, tl := range got.ByService {
		eq("vehicles for "+tl.Key, tl.Vehicles, bySvc[tl.Key])
		eq("revenue of "+tl.Key, tl.Revenue, bySvcRev[tl.Key])
		delete(bySvc, tl.Key)
	}
	for k, n := range byType {
		if n > 0 {
			t.Errorf("%s: type %q (%d vehicles) has no line", name, k, n)
		}
	}
	for _, d := range got.Days {
		eq("received on "+day(d.Day), d.Received, dayRecv[day(d.Day)])
		eq("revenue on "+day(d.Day), d.Revenue, dayRev[day(d.Day)])
	}
	a := got.AfterSales
	eq("complaints", a.Complaints, complaints)
	eq("calls due", a.CallsDue, callsDue)
	eq("calls done+missed+open", a.CallsDoneInWindow+a.CallsMissed+a.CallsOpen, callsDue)
	eq("surveys", a.Surveys, surveys)
	for i := range sums {
		if surveys > 0 {
			eq(fmt.Sprintf("survey average %d", i), a.SurveyAverages[i], float64(sums[i])/float64(surveys))
		}
	}
}

// repSim runs actions in time order on the store's fake clock.
type repSim struct {
	t      *testing.T
	s      *Store
	clock  *fakeclock.Clock
	events []repEvent
}

type repEvent struct {
	at time.Time
	n  int
	fn func()
}

func (m *repSim) at(t time.Time, fn func()) {
	m.events = append(m.events, repEvent{t, len(m.events), fn})
}

func (m *repSim) run() {
	sort.SliceStable(m.events, func(i, j int) bool { return m.events[i].at.Before(m.events[j].at) })
	for i := 0; i < len(m.events); i++ {
		e := m.events[i]
		m.clock.Set(e.at)
		e.fn()
	}
}

// REP-1, REP-3, FU-8: a simulated December 2026 (and the days around it)
// through the real store: walk-ins and appointments, jobs over two days,
// declined visits with a fee (INT-4), discounts by the supervisor and
// part-payments (DEL-3), no-shows marked and unmarked, cancellations,
// complaints and kiosk surveys. Every daily report of the month, a weekly
// one, the monthly one on its last day at the report time and after the
// month, and January's, equal counts made independently from the
// simulation's own ledger; the monthly after-sales figures are the
// supervisor's monthly summary.
func TestBusinessStatsSimulatedMonthREP1(t *testing.T) {
	start := at(2026, 11, 20, 7, 0)
	s, clock := newTestStore(t, noSync(), supervisorOnTelegram(), startingAt(start))
	st, _ := s.Settings()
	loc := st.Location()
	r := rand.New(rand.NewPCG(5, 2026))
	sim := &repSim{t: t, s: s, clock: clock}
	l := &repLedger{apts: map[uint64]*repApt{}}

	types := append(slices.Clone(fo.VehicleTypes), "")
	custIDs := map[string]uint64{}
	vtypes := map[string]string{}
	customer := func(i int) fo.CustomerInput {
		phone := fmt.Sprintf("1391000%04d", i)
		if id, ok := custIDs[phone]; ok {
			return fo.CustomerInput{ID: id}
		}
		return fo.CustomerInput{Name: fmt.Sprintf("客户%d", i), Phone: phone, Lang: fo.ZH}
	}
	remember := func(i int, v fo.Visit) {
		custIDs[fmt.Sprintf("1391000%04d", i)] = v.CustomerID
		if _, ok := vtypes[v.Plate]; ok {
			return
		}
		vt := types[r.IntN(len(types))]
		vtypes[v.Plate] = vt
		if vt != "" {
			veh, err := s.VehicleByPlate(v.Plate)
			if err != nil {
				t.Fatal(err)
			}
			veh.Type = vt
			if err := s.SaveVehicle(veh); err != nil {
				t.Fatal(err)
			}
		}
	}
	services := []string{"inspect", "maint", "radar", "dashcam", "repair"}
	nextOpen := func(d time.Time) time.Time {
		for d = fo.DayStart(d, loc).AddDate(0, 0, 1); st.IsClosedDate(d); d = d.AddDate(0, 0, 1) {
		}
		return d
	}

	// A visit: checked in at t0 (with an appointment booked two days
	// before when apt), then one of: delivered the same day, delivered the
	// next open day, declined with or without a fee, left in the workshop.
	visit := func(i int, t0 time.Time, svc string, apt bool) {
		var v fo.Visit
		var aptID uint64
		plate := fmt.Sprintf("京D%05d", i)
		if apt {
			slot := t0.Add(10 * time.Minute).Truncate(30 * time.Minute).Add(30 * time.Minute)
			t0 = slot.Add(-10 * time.Minute)
			sim.at(slot.Add(-48*time.Hour), func() {
				a, err := s.Book(fo.BookRequest{ServiceID: svc, Start: slot, Customer: customer(i % 70), Plate: plate, Source: "test", By: "test"})
				if errors.Is(err, fo.ErrSlotTaken) {
					return // comes as a walk-in
				}
				if err != nil {
					t.Fatalf("book %v: %v", slot.In(loc), err)
				}
				aptID = a.ID
				l.apts[a.ID] = &repApt{start: a.Start, status: fo.AptBooked}
			})
		}
		sim.at(t0, func() {
			var err error
			if aptID != 0 {
				v, err = s.CheckIn(fo.CheckInRequest{AppointmentID: aptID, Source: "kiosk", By: "kiosk"})
				l.apts[aptID].status = fo.AptCheckedIn
			} else {
				v, err = s.CheckIn(fo.CheckInRequest{Customer: customer(i % 70), Plate: plate, ServiceID: svc, Source: "kiosk", By: "kiosk"})
			}
			if err != nil {
				t.Fatalf("check in at %v: %v", t0.In(loc), err)
			}
			remember(i%70, v)
			l.received = append(l.received, repVisit{at: t0, vtype: vtypes[v.Plate], svc: svc})
		})
		fate := r.IntN(10)
		estimate := fo.Estimate{Purpose: "测试", DiagnosisConsent: true, Diagnosis: "诊断结果",
			Lines: []fo.EstimateLine{{Description: "估价", Mode: fo.PriceBySystem, Labor: fo.Money(10000 * (1 + r.IntN(20)))}}}
		if fate == 0 { // declined: the exit notice, maybe a fee (INT-4)
			fee := fo.Money(r.IntN(2) * 5000)
			viaEstimate := r.IntN(2) == 0
			sim.at(t0.Add(20*time.Minute), func() {
				if viaEstimate { // INT-1: estimated, then declined
					if _, err := s.Estimate(fo.EstimateRequest{VisitID: v.ID, Estimate: estimate, By: "staff:li"}); err != nil {
						t.Fatal(err)
					}
					if _, err := s.DecideEstimate(fo.DecideRequest{VisitID: v.ID, Reason: "太贵", By: "staff:li"}); err != nil {
						t.Fatal(err)
					}
				}
				if _, err := s.Leave(v.ID, fee, "客户不做了", "staff:li"); err != nil {
					t.Fatal(err)
				}
				now := clock.Now()
				l.declined = append(l.declined, now)
				// FU-2: a declined visit gets its first call too.
				l.calls = append(l.calls, fo.DayStart(now, loc).AddDate(0, 0, fo.FirstCallToDay+1))
				if fee > 0 {
					l.settled = append(l.settled, repSettle{at: t0.Add(20 * time.Minute), amount: fee, paid: fee, svc: svc, left: true})
				}
			})
			return
		}
		promised, done := t0.Add(3*time.Hour), t0.Add(2*time.Hour)
		if fate == 1 { // over two days
			done = nextOpen(t0).Add(10 * time.Hour)
			promised = done.Add(time.Hour)
		}
		labor := fo.Money(10000 * (1 + r.IntN(20)))
		parts := fo.Money(5000 * r.IntN(10))
		viaEstimate := r.IntN(3) == 0
		if viaEstimate { // INT-1: the work order's lines are the agreed estimate's
			labor, parts = estimate.Lines[0].Labor, 0
		}
		var deposit fo.Money
		if apt && r.IntN(2) == 0 { // APT-2: the deposit recorded as paid
			deposit = fo.Money(5000 * (1 + r.IntN(3)))
			if deposit > labor+parts {
				deposit = labor + parts
			}
		}
		sim.at(t0.Add(15*time.Minute), func() {
			now := clock.Now()
			if viaEstimate {
				if _, err := s.Estimate(fo.EstimateRequest{VisitID: v.ID, Estimate: estimate, By: "staff:li"}); err != nil {
					t.Fatal(err)
				}
				if _, err := s.DecideEstimate(fo.DecideRequest{VisitID: v.ID, Agree: true, By: "staff:li"}); err != nil {
					t.Fatal(err)
				}
			}
			if deposit > 0 {
				if _, err := s.RecordDeposit(fo.DepositRequest{VisitID: v.ID, Amount: deposit, PaidAt: now.Add(-48 * time.Hour), By: "staff:li"}); err != nil {
					t.Fatal(err)
				}
			}
			var lines []fo.EstimateLine
			if !viaEstimate {
				lines = []fo.EstimateLine{{Description: "施工", Mode: fo.PriceByItem, Labor: labor, Parts: parts,
					PartsSource: fo.PartsShop, PartsKind: fo.PartsOriginal}}
			}
			wo := fo.WorkOrder{Purpose: "测试", Lines: lines, FuelEighths: 4, Odometer: 1000, KeyNo: "K-1",
				EstimatedMinutes: 90, PromisedAt: promised, Receiver: "车间", HandoverAt: now}
			if _, err := s.Intake(fo.IntakeRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, WorkOrder: wo, By: "staff:li"}); err != nil {
				t.Fatalf("intake: %v", err)
			}
		})
		if fate == 2 {
			return // still in the workshop
		}
		sim.at(done, func() {
			if _, err := s.SetReady(v.ID, fo.CompleteChecklist, "staff:li"); err != nil {
				t.Fatal(err)
			}
		})
		discount := fo.Money(0)
		if r.IntN(5) == 0 {
			discount = (labor + parts) / 10
		}
		charged := labor + parts
		if r.IntN(2) == 0 { // DEL-3: the discount as an amount charged below the bill
			charged, discount = charged-discount, 0
		}
		owe := r.IntN(5) == 0
		rate := r.IntN(3) == 0
		scores := [fo.Questions]int{3 + r.IntN(3), 3 + r.IntN(3), 3 + r.IntN(3), 3 + r.IntN(3)}
		sim.at(done.Add(10*time.Minute), func() {
			set := fo.Settlement{Amount: charged, Discount: discount}
			toPay := max(0, set.Due()-deposit)
			set.Paid = toPay
			if owe {
				set.Paid = toPay / 3
			}
			disc := labor + parts - charged + discount
			got, err := s.Deliver(fo.DeliverRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, Settlement: set, Supervisor: disc > 0, DiscountReason: "老客户", By: "staff:sup"})
			if err != nil {
				t.Fatalf("deliver: %v", err)
			}
			if got.Settlement.Amount != labor+parts || got.Settlement.Discount != disc || got.Settlement.Deposit != deposit {
				t.Fatalf("settlement %+v: want amount %v discount %v deposit %v", got.Settlement, labor+parts, disc, deposit)
			}
			now := clock.Now()
			l.delivered = append(l.delivered, now)
			l.settled = append(l.settled, repSettle{at: now, amount: labor + parts, discount: disc, deposit: min(deposit, labor+parts-disc), paid: set.Paid, svc: svc})
			l.calls = append(l.calls, fo.DayStart(now, loc).AddDate(0, 0, fo.FirstCallToDay+1))
		})
		if rate {
			sim.at(done.Add(15*time.Minute), func() {
				if _, err := s.RateVisit(fo.RateRequest{VisitID: v.ID, Scores: scores, Lang: fo.ZH}); err != nil {
					t.Fatalf("rate: %v", err)
				}
				l.surveys = append(l.surveys, repSurvey{at: clock.Now(), scores: scores})
			})
		}
	}

	// Appointments that are not kept: marked no-show the same day or the
	// next, never marked, cancelled; and some beyond the last check.
	missed := func(i int, slot time.Time, fate int) {
		var id uint64
		sim.at(slot.Add(-48*time.Hour), func() {
			a, err := s.Book(fo.BookRequest{ServiceID: "inspect", Start: slot, Customer: customer(100 + i%20), Plate: fmt.Sprintf("京E%05d", i), Source: "test", By: "test"})
			if errors.Is(err, fo.ErrSlotTaken) {
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			id = a.ID
			l.apts[id] = &repApt{start: a.Start, status: fo.AptBooked}
		})
		switch fate {
		case 0, 1:
			sim.at(slot.Add(time.Duration(40+fate*24*60)*time.Minute), func() {
				if id == 0 {
					return
				}
				if _, err := s.SetAppointmentStatus(id, fo.AptNoShow, "staff:li"); err != nil {
					t.Fatal(err)
				}
				l.apts[id].status = fo.AptNoShow
			})
		case 2:
			sim.at(slot.Add(-24*time.Hour), func() {
				if id == 0 {
					return
				}
				if _, err := s.Cancel(fo.ChangeRequest{ID: id, By: "staff:li"}); err != nil {
					t.Fatal(err)
				}
				l.apts[id].status = fo.AptCancelled
			})
		}
	}

	n := 0
	for d := fo.DayStart(at(2026, 11, 23, 0, 0), loc); d.Before(at(2027, 1, 5, 0, 0)); d = d.AddDate(0, 0, 1) {
		if st.IsClosedDate(d) {
			continue
		}
		h := st.Hours[d.Weekday()]
		for k := 0; k < 3+r.IntN(6); k++ {
			t0 := h.Open.At(d, loc).Add(time.Duration(20+r.IntN(int(h.Close-h.Open)-200)) * time.Minute)
			visit(n, t0, services[r.IntN(len(services))], r.IntN(3) == 0)
			n++
		}
		for k := 0; k < r.IntN(3); k++ {
			slot := h.Open.At(d, loc).Add(time.Duration(30*(1+r.IntN(int(h.Close-h.Open)/30-2))) * time.Minute)
			missed(n, slot, r.IntN(4))
			n++
		}
		// Staff run what is due at the end of the day (call misses, FU-2).
		sim.at(d.Add(23*time.Hour+50*time.Minute), func() {
			if _, err := s.RunDue(clock.Now()); err != nil {
				t.Fatal(err)
			}
			l.dueRuns = append(l.dueRuns, clock.Now())
		})
	}
	for k := range 14 {
		when := at(2026, 11, 25, 0, 0).Add(time.Duration(r.IntN(40*24*60)) * time.Minute)
		sim.at(when, func() {
			if _, err := s.FileComplaint(fo.ComplaintRequest{Channel: fo.ChannelPhone, Category: fo.ComplaintCategories[k%5],
				Text: "模拟投诉", Customer: customer(k), By: "staff:li"}); err != nil {
				t.Fatal(err)
			}
			l.complaints = append(l.complaints, clock.Now())
		})
	}

	check := func(kind fo.ReportKind, day time.Time) {
		t.Helper()
		got, err := s.BusinessStats(kind, day)
		if err != nil {
			t.Fatal(err)
		}
		from, to := fo.ReportPeriod(kind, day, loc)
		if !got.From.Equal(from) || !got.To.Equal(to) {
			t.Errorf("%s %v: period [%v, %v)", kind, day, got.From, got.To)
		}
		l.expect(t, fmt.Sprintf("%s of %s as of %s", kind, day.In(loc).Format(time.DateOnly), clock.Now().In(loc).Format("01-02 15:04")),
			&st, got, from, to, clock.Now())
	}
	// The month's last day at its report time (a Thursday: 17:30).
	sim.at(at(2026, 12, 31, 17, 30), func() {
		check(fo.ReportMonthly, clock.Now())
		check(fo.ReportDaily, clock.Now())
		m, err := s.MonthlySummary(clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		got, _ := s.BusinessStats(fo.ReportMonthly, clock.Now())
		if fmt.Sprint(got.AfterSales) != fmt.Sprint(m) {
			t.Errorf("monthly after-sales figures %+v, the FU-8 summary %+v", got.AfterSales, m)
		}
	})
	// A Saturday at its report time (16:30).
	sim.at(at(2026, 12, 12, 16, 30), func() { check(fo.ReportWeekly, clock.Now()) })
	sim.run()

	// After the month: every day, the weeks, the months.
	for d := at(2026, 11, 30, 12, 0); d.Before(at(2027, 1, 5, 0, 0)); d = d.AddDate(0, 0, 1) {
		check(fo.ReportDaily, d)
	}
	for _, d := range []time.Time{at(2026, 12, 5, 12, 0), at(2026, 12, 12, 12, 0), at(2026, 12, 19, 12, 0), at(2027, 1, 2, 12, 0)} {
		check(fo.ReportWeekly, d)
	}
	check(fo.ReportMonthly, at(2026, 12, 15, 12, 0))
	check(fo.ReportMonthly, at(2027, 1, 3, 12, 0))
	check(fo.ReportMonthly, at(2026, 11, 3, 12, 0))

	// The daily and weekly after-sales figures count as FU-8 does: over a
	// calendar month, they equal the supervisor's summary.
	err := s.db.View(func(tx *bolt.Tx) error {
		from, to := fo.ReportPeriod(fo.ReportMonthly, at(2026, 12, 1, 0, 0), loc)
		mine, err := afterSalesTx(tx, from, to, loc)
		if err != nil {
			return err
		}
		theirs, err := monthlySummaryTx(tx, &st, from)
		if err != nil {
			return err
		}
		if fmt.Sprint(mine) != fmt.Sprint(theirs) {
			t.Errorf("after-sales figures of December %+v, FU-8 summary %+v", mine, theirs)
		}
		if theirs.Complaints == 0 || theirs.CallsDue == 0 || theirs.Surveys == 0 {
			t.Errorf("the simulation made no after-sales records: %+v", theirs)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	// A day with nothing says so.
	empty, err := s.BusinessStats(fo.ReportDaily, at(2027, 2, 10, 12, 0))
	if err != nil || !empty.Empty() {
		t.Errorf("a day without records: %+v, %v", empty, err)
	}
	dec, _ := s.BusinessStats(fo.ReportMonthly, at(2026, 12, 1, 0, 0))
	if dec.Received < 100 || dec.Missed == 0 || dec.Kept == 0 || dec.Fees == 0 || dec.Receivables == 0 || dec.Discounts == 0 || dec.Deposits == 0 {
		t.Errorf("the simulated month lacks variety: %+v", dec)
	}
	t.Logf("December: %d received, %d delivered, %d declined, revenue %s, deposits %s, %d discounts %s, %d owing %s, appointments %d kept / %d missed",
		dec.Received, dec.Delivered, dec.Declined, dec.Revenue, dec.Deposits, dec.Discounted, dec.Discounts, dec.Owing, dec.Receivables, dec.Kept, dec.Missed)
}
