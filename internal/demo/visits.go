package demo

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"time"

	fo "frontoffice"
	"frontoffice/data"
	"frontoffice/internal/fakeclock"
	"frontoffice/internal/sigdraw"
)

// Today's visits, so that the staff console is believable on first start:
// one in every status (waiting, called, in the workshop, ready, delivered
// with its settlement, left), additional work waiting for the customer's
// answer (INT-6), a delayed job and a job whose customer was told to come
// but that is not ready (DEL-2), a progress alert (INT-7), a job over two
// days from an earlier day, a no-show, and the reception's pickup calls
// for customers without Telegram. Every step goes through the store's
// methods with the clock set to its moment, as the shop would have done
// it.

// visitPlan is one demo visit: who comes, for what, and what happens to it
// at which point of the day (fractions of the span from the first check-in
// to now).
type visitPlan struct {
	who     fo.CustomerInput
	plate   string
	service string
	concern string
	apt     bool // comes with an appointment when the hours allow one
	steps   []visitStep
	v       fo.Visit
}

type visitStep struct {
	at float64
	do func(p *visitPlan, at time.Time) error
}

// loadToday writes today's visits and returns how many it made.
func loadToday(store *data.Store, clock *fakeclock.Clock, now time.Time, r *rand.Rand) (int, error) {
	st, err := store.Settings()
	if err != nil {
		return 0, err
	}
	loc := st.Location()
	// Outside opening hours (before opening, after closing, a closed day)
	// the day's visits happened during the last opening hours, until half
	// an hour before that day's closing: no check-in at 02:35.
	realNow := now
	now, _ = shopDayNow(&st, now)
	dayStart := fo.DayStart(now, loc)
	t0 := now.Add(-6 * time.Hour)
	if open := st.Hours[now.In(loc).Weekday()].Open.At(now, loc); st.Hours[now.In(loc).Weekday()].IsOpen() && t0.Before(open) && open.Before(now.Add(-2*time.Hour)) {
		t0 = open
	}
	if ds := fo.DayStart(now, loc); t0.Before(ds.Add(10 * time.Minute)) {
		t0 = ds.Add(10 * time.Minute)
	}
	span := now.Sub(t0)
	at := func(f float64) time.Time { return t0.Add(time.Duration(f * float64(span))).Truncate(time.Minute) }
	mins := func(d time.Duration) int { return max(30, int(d.Minutes())) }

	// Steps.
	checkIn := func(f float64) visitStep {
		return visitStep{f, func(p *visitPlan, t time.Time) error {
			var err error
			if p.apt {
				if a, ok := bookFor(store, clock, &st, p, t); ok {
					clock.Set(t)
					p.v, err = store.CheckIn(fo.CheckInRequest{AppointmentID: a.ID, Concern: p.concern, Source: "kiosk", By: "kiosk"})
					return err
				}
				clock.Set(t)
			}
			p.v, err = store.CheckIn(fo.CheckInRequest{Customer: p.who, Plate: p.plate, ServiceID: p.service,
				Concern: p.concern, Source: "kiosk", By: "kiosk"})
			return err
		}}
	}
	call := func(f float64) visitStep {
		return visitStep{f, func(p *visitPlan, _ time.Time) error {
			_, err := store.CallNext(p.v.ID, "staff:li")
			return err
		}}
	}
	// intake takes the vehicle in with an estimate of est and a promise at
	// promised (a margin over the estimate, INT-3).
	intake := func(f float64, est time.Duration, promised func(handover time.Time) time.Time, noGuarantee bool) visitStep {
		return visitStep{f, func(p *visitPlan, t time.Time) error {
			sv, _ := st.Service(p.service)
			wo := fo.WorkOrder{
				Purpose: p.concern, DiagnosisConsent: r.IntN(2) == 0,
				Lines:            []fo.EstimateLine{{Description: sv.NameZh, Mode: fo.PriceByItem, Labor: sv.Price}},
				DocumentsChecked: true, Anomalies: []string{"", "右后门轻微划痕", "前保险杠有旧伤"}[r.IntN(3)],
				Belongings:  [][]string{{"雨伞"}, {"行车记录仪", "充电线"}, {"儿童座椅"}, nil}[r.IntN(4)],
				FuelEighths: 2 + r.IntN(6), Odometer: 8000 + r.IntN(120000), KeyNo: fmt.Sprintf("K-%02d", 1+r.IntN(40)),
				EstimatedMinutes: mins(est), PromisedAt: promised(fo.HandoverTime(t)),
				Receiver: []string{"车间 老张", "车间 小刘", "车间 陈师傅"}[r.IntN(3)], HandoverAt: t,
			}
			if p.service == "repair" || p.service == "collision" {
				wo.Lines = append(wo.Lines, fo.EstimateLine{Description: "雷达探头", Mode: fo.PriceByItem, Parts: 26000,
					PartsSource: fo.PartsShop, PartsKind: fo.PartsOriginal, Critical: true})
			}
			if noGuarantee { // INT-2: the customer's own part at a critical place
				wo.Lines = append(wo.Lines, fo.EstimateLine{Description: "客户自带摄像头", Mode: fo.PriceBySymptom, Labor: 8000,
					PartsSource: fo.PartsCustomer, PartsKind: fo.PartsAftermarket, Critical: true})
			}
			var err error
			p.v, err = store.Intake(fo.IntakeRequest{Signature: sigdraw.Pad("客户"), VisitID: p.v.ID, WorkOrder: wo, By: "staff:li"})
			return err
		}}
	}
	ready := func(f float64) visitStep {
		return visitStep{f, func(p *visitPlan, _ time.Time) error {
			_, err := store.SetReady(p.v.ID, fo.CompleteChecklist, "staff:li")
			return err
		}}
	}
	deliver := func(f float64, discountPct int, owed bool) visitStep {
		return visitStep{f, func(p *visitPlan, _ time.Time) error {
			v, err := store.Visit(p.v.ID)
			if err != nil {
				return err
			}
			amount := fo.VisitBill(&v).Total() // DEL-3: the work order and approved additional work
			set := fo.Settlement{Amount: amount, Discount: amount * fo.Money(discountPct) / 100}
			set.Paid = set.Due()
			if owed {
				set.Paid = set.Due() / 2
			}
			reason := ""
			if discountPct > 0 {
				reason = "老客户优惠"
			}
			by := "staff:li"
			if discountPct > 0 {
				by = "staff:zhao" // DEL-3: discounts go to the supervisor
			}
			_, err = store.Deliver(fo.DeliverRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, Settlement: set, Supervisor: discountPct > 0, DiscountReason: reason, By: by})
			return err
		}}
	}
	after := func(d time.Duration) func(time.Time) time.Time {
		return func(time.Time) time.Time { return now.Add(d).Truncate(30 * time.Minute).Add(30 * time.Minute) }
	}
	within := func(frac float64) func(time.Time) time.Time {
		return func(h time.Time) time.Time { return h.Add(time.Duration(frac * float64(span))).Round(10 * time.Minute) }
	}

	person := func(i int, name string) fo.CustomerInput {
		return fo.CustomerInput{Name: name, Phone: demoPhone(100 + i), Lang: fo.ZH, Consent: true}
	}
	plate := func() string {
		return fmt.Sprintf("京%c%05d", plateLetters[r.IntN(len(plateLetters))], r.IntN(100000))
	}
	plans := []*visitPlan{
		{who: person(1, "周建国"), plate: plate(), service: "dashcam", concern: "安装行车记录仪",
			steps: []visitStep{checkIn(0), call(0.02), intake(0.04, span/4, within(0.35), false), ready(0.4), deliver(0.45, 0, false)}},
		{who: person(2, "孙丽"), plate: plate(), service: "radar", concern: "加装倒车雷达", apt: true,
			steps: []visitStep{checkIn(0.05), call(0.07), intake(0.09, span/3, within(0.45), false), ready(0.5), deliver(0.55, 10, true)}},
		{who: person(3, "马超"), plate: plate(), service: "inspect", concern: "防撞系统报警灯常亮，想先检测",
			steps: []visitStep{checkIn(0.1), call(0.12), {0.16, func(p *visitPlan, _ time.Time) error {
				_, err := store.Leave(p.v.ID, 5000, "检测后客户觉得维修价格偏高，先不做了", "staff:li") // INT-4
				return err
			}}}},
		{who: person(4, "David Lee"), plate: plate(), service: "maint", concern: "定期保养",
			steps: []visitStep{checkIn(0.15), call(0.17), intake(0.2, span/2, after(time.Hour), false), ready(0.9)}},
		{who: person(5, "胡海燕"), plate: plate(), service: "repair", concern: "倒车雷达时好时坏", apt: true,
			steps: []visitStep{checkIn(0.2), call(0.22), intake(0.25, span, after(3*time.Hour), false), {0.8, func(p *visitPlan, _ time.Time) error {
				_, _, err := store.AddWork(fo.AddWorkRequest{VisitID: p.v.ID, Description: "更换前刹车片", // INT-6
					Reason: "检查发现前刹车片磨损到极限", Price: 48000, ExtraMinutes: 60, Safety: true, By: "staff:li"})
				return err
			}}}},
		{who: person(6, "郭志强"), plate: plate(), service: "collision", concern: "安装防撞预警系统",
			steps: []visitStep{checkIn(0.25), call(0.27), intake(0.3, span, after(30*time.Minute), true), {0.85, func(p *visitPlan, _ time.Time) error {
				_, err := store.Delay(p.v.ID, after(150*time.Minute)(now), "配件未到货，正在从仓库调货", "staff:li") // DEL-2
				return err
			}}}},
		{who: person(7, "林晓东"), plate: plate(), service: "repair", concern: "雷达报警声异常",
			steps: []visitStep{checkIn(0.3), call(0.32), intake(0.35, span/2, after(100*time.Minute), false)}}, // INT-7 at 75%
		{who: person(8, "何静"), plate: plate(), service: "dashcam", concern: "记录仪不开机，想换新的",
			steps: []visitStep{checkIn(0.4), call(0.42), intake(0.45, span/3, within(0.56), false)}}, // told, not ready
		{who: person(9, "罗磊"), plate: plate(), service: "maint", concern: "保养，顺便看看空调",
			steps: []visitStep{checkIn(0.86), call(0.95)}},
		{who: person(10, "Lucy Chen"), plate: plate(), service: "radar", concern: "",
			steps: []visitStep{checkIn(0.9)}},
		{who: person(11, "高勇"), plate: plate(), service: "inspect", concern: "预警系统误报",
			steps: []visitStep{checkIn(0.96)}},
	}

	// A job over two days, taken in two days ago and promised tomorrow
	// (DEL-2: its pickup notice goes 4 hours ahead).
	long := &visitPlan{who: person(12, "陈伟"), plate: plate(), service: "collision", concern: "整车防撞系统升级"}
	start := dayStart.AddDate(0, 0, -2).Add(10 * time.Hour)
	clock.Set(start)
	var err2 error
	if long.v, err2 = store.CheckIn(fo.CheckInRequest{Customer: long.who, Plate: long.plate, ServiceID: long.service, Concern: long.concern, Source: "kiosk", By: "kiosk"}); err2 != nil {
		return 0, err2
	}
	clock.Set(start.Add(20 * time.Minute))
	promise := fo.DayStart(realNow, loc).AddDate(0, 0, 1)
	for st.IsClosedDate(promise) {
		promise = promise.AddDate(0, 0, 1)
	}
	promise = promise.Add(16 * time.Hour) // the next open day after today
	if err := intake(0, 20*time.Hour, func(time.Time) time.Time { return promise }, false).do(long, start.Add(20*time.Minute)); err != nil {
		return 0, fmt.Errorf("demo long job: %w", err)
	}

	// Run every step in time order.
	type event struct {
		at   float64
		plan *visitPlan
		step visitStep
	}
	var events []event
	for _, p := range plans {
		for _, s := range p.steps {
			events = append(events, event{s.at, p, s})
		}
	}
	sort.SliceStable(events, func(i, j int) bool { return events[i].at < events[j].at })
	for _, e := range events {
		t := at(e.at)
		clock.Set(t)
		if err := e.step.do(e.plan, t); err != nil {
			return 0, fmt.Errorf("demo visit of %s at %s: %w", e.plan.plate, t.In(loc).Format("15:04"), err)
		}
	}
	// A no-show: booked yesterday for earlier today, never came.
	if slot, ok := pastSlot(&st, at(0.3), now); ok {
		clock.Set(slot.Add(-24 * time.Hour))
		if a, err := store.Book(fo.BookRequest{ServiceID: "inspect", Start: slot, Plate: plate(), Source: "demo", By: "demo",
			Customer: person(13, "吴磊")}); err == nil {
			clock.Set(now)
			if _, err := store.SetAppointmentStatus(a.ID, fo.AptNoShow, "staff:li"); err != nil {
				return 0, err
			}
		}
	}
	// What has come due by now: progress checks (INT-7), pickup notices
	// (DEL-2) on the reception's call list.
	clock.Set(realNow)
	if _, err := store.RunDue(realNow); err != nil {
		return 0, err
	}
	return len(plans) + 1, nil
}

// shopDayNow returns the moment the demo's "today" is simulated up to: now
// while the shop has been open two hours or more today, else half an hour
// before the closing of the last open day (shifted true).
func shopDayNow(st *fo.Settings, now time.Time) (time.Time, bool) {
	loc := st.Location()
	for d := 0; d < 14; d++ {
		day := fo.DayStart(now, loc).AddDate(0, 0, -d)
		if st.IsClosedDate(day) {
			continue
		}
		h := st.Hours[day.Weekday()]
		open, end := h.Open.At(day, loc), h.Close.At(day, loc).Add(-30*time.Minute)
		if d == 0 && !now.Before(open.Add(2*time.Hour)) && !now.After(end) {
			return now, false
		}
		if end.Before(now) && !open.Add(2*time.Hour).After(end) {
			return end, true
		}
	}
	return now, false
}

// bookFor books p's service for the half hour at or before t, as if the
// customer had booked yesterday; ok is false when the shop's hours do not
// allow it (the customer then comes as a walk-in).
func bookFor(store *data.Store, clock *fakeclock.Clock, st *fo.Settings, p *visitPlan, t time.Time) (fo.Appointment, bool) {
	slot := t.Truncate(30 * time.Minute)
	sv, ok := st.Service(p.service)
	if !ok {
		return fo.Appointment{}, false
	}
	booked := slot.Add(-24 * time.Hour)
	if st.CheckSlot(booked, slot, sv) != nil {
		return fo.Appointment{}, false
	}
	clock.Set(booked)
	a, err := store.Book(fo.BookRequest{ServiceID: p.service, Start: slot, Customer: p.who, Plate: p.plate, Source: "bot", By: "customer:bot"})
	return a, err == nil
}

// pastSlot is a bookable half hour at or before t that is over half an hour
// before now (a no-show).
func pastSlot(st *fo.Settings, t, now time.Time) (time.Time, bool) {
	slot := t.Truncate(30 * time.Minute)
	sv, _ := st.Service("inspect")
	if slot.Add(fo.CheckInLate).After(now) || st.CheckSlot(slot.Add(-24*time.Hour), slot, sv) != nil {
		return time.Time{}, false
	}
	return slot, true
}
