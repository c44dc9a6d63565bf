package demo

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	fo "frontoffice"
	"frontoffice/data"
	"frontoffice/internal/fakeclock"
	"frontoffice/internal/sigdraw"
)

// The after-sales loop of the past three weeks, so that the call lists of
// today and the next days, the open complaints and the monthly summary are
// believable: vehicles delivered on every open day, each starting its
// follow-up calls (FU-2) and survey (SUR-1); most visits rated at the
// kiosk, a few badly (a complaint for the supervisor, SUR-2); the
// follow-up staff working each day's list at 10:00 — most customers
// reached, some not answering, some asking for a later time, a few calls
// left to be missed (FU-2, FU-3, FU-9) — with requests heard on calls
// (FU-5); complaints filed by phone, in person and at the kiosk, answered
// in time, late or not yet, one reopened (CMP-1..5); and a promotion ahead
// (FU-6). The clock moves through the past and the store's due index is
// worked as the scheduler would have, so escalations and missed calls sit
// at their real times.

// AfterSales counts what loadAfterSales made.
type AfterSales struct {
	Delivered, Rated, Calls, Complaints int
}

// demoEvent is something that happens at a moment of the past.
type demoEvent struct {
	at time.Time
	do func() error
}

// loadAfterSales writes the past three weeks of after-sales work, up to
// the start of today. The demo customers and vehicles must exist.
func loadAfterSales(store *data.Store, clock *fakeclock.Clock, now time.Time, r *rand.Rand) (AfterSales, error) {
	var sum AfterSales
	st, err := store.Settings()
	if err != nil {
		return sum, err
	}
	loc := st.Location()
	today := fo.DayStart(now, loc)
	type vehicleOf struct {
		c fo.Customer
		v fo.Vehicle
	}
	var fleet []vehicleOf
	for i := range 40 {
		c, err := store.CustomerByPhone(demoPhone(i))
		if err != nil {
			continue
		}
		vs, _ := store.Vehicles(c.ID)
		for _, v := range vs {
			fleet = append(fleet, vehicleOf{c, v})
		}
	}
	if len(fleet) == 0 {
		return sum, nil
	}
	followUp := st.StaffWith(fo.RoleFollowUp)
	caller := func(c fo.Call) string {
		if _, ok := st.StaffMember(c.Staff); ok {
			return c.Staff
		}
		if len(followUp) > 0 {
			return followUp[0].ID
		}
		return st.SupervisorID()
	}
	reception := "li"
	if _, ok := st.StaffMember(reception); !ok && len(st.Staff) > 0 {
		reception = st.Staff[0].ID
	}

	var events []demoEvent
	at := func(t time.Time, do func() error) { events = append(events, demoEvent{t, do}) }
	comments := []string{"", "", "", "师傅很专业，讲解清楚", "等待区可以再多放几把椅子", "价格透明，下次还来"}
	lowComments := []string{"说好 11 点交车，拖到下午 2 点", "前台接待态度冷淡", "装完后倒车雷达偶尔误报"}

	for d := -21; d < 0; d++ {
		day := today.AddDate(0, 0, d)
		if st.IsClosedDate(day) {
			continue
		}
		h := st.Hours[day.Weekday()]
		// Deliveries through the day, most rated at the kiosk.
		for k := 0; k < 2+r.IntN(3); k++ {
			fv := fleet[r.IntN(len(fleet))]
			sv := st.Services[r.IntN(len(st.Services))]
			// From 11:00, after the morning's calls, to be done before closing.
			in := day.Add(11 * time.Hour).Add(time.Duration(r.IntN(max(30, int(h.Close)-11*60-sv.Minutes-60))) * time.Minute)
			rate := r.IntN(10) < 6
			scores := [4]int{4 + r.IntN(2), 4 + r.IntN(2), 3 + r.IntN(3), 4 + r.IntN(2)}
			comment := comments[r.IntN(len(comments))]
			if r.IntN(8) == 0 {
				q := r.IntN(4)
				scores[q], comment = 1+r.IntN(2), lowComments[r.IntN(len(lowComments))]
			}
			at(in, func() error {
				v, err := store.CheckIn(fo.CheckInRequest{Customer: fo.CustomerInput{ID: fv.c.ID}, Plate: fv.v.Plate,
					ServiceID: sv.ID, Source: "demo", By: "demo"})
				if err != nil {
					return fmt.Errorf("demo check-in: %w", err)
				}
				handover := fo.HandoverTime(clock.Now())
				wo := fo.WorkOrder{Purpose: sv.NameZh, DiagnosisConsent: true,
					Lines:            []fo.EstimateLine{{Description: sv.NameZh, Mode: fo.PriceByItem, Labor: sv.Price}},
					DocumentsChecked: true, FuelEighths: 2 + r.IntN(6), Odometer: 5000 + r.IntN(80000), KeyNo: fmt.Sprintf("K-%02d", 1+r.IntN(40)),
					EstimatedMinutes: sv.Minutes, PromisedAt: handover.Add(time.Duration(sv.Minutes+30) * time.Minute),
					Receiver: "车间 老张", HandoverAt: handover}
				if _, err := store.Intake(fo.IntakeRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, WorkOrder: wo, By: "staff:" + reception}); err != nil {
					return fmt.Errorf("demo intake: %w", err)
				}
				ready := in.Add(time.Duration(sv.Minutes) * time.Minute)
				at(ready, func() error {
					_, err := store.SetReady(v.ID, fo.CompleteChecklist, "staff:"+reception)
					return err
				})
				at(ready.Add(20*time.Minute), func() error {
					if _, err := store.Deliver(fo.DeliverRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, Settlement: fo.Settlement{Amount: sv.Price, Paid: sv.Price}, By: "staff:" + reception}); err != nil {
						return fmt.Errorf("demo delivery: %w", err)
					}
					sum.Delivered++
					if !rate {
						return nil
					}
					sum.Rated++
					_, err := store.RateVisit(fo.RateRequest{VisitID: v.ID, Scores: scores, Comment: comment})
					return err
				})
				return nil
			})
		}
		// The follow-up staff work the day's list at 10:00.
		at(day.Add(10*time.Hour), func() error {
			list, err := store.CallList(day)
			if err != nil {
				return err
			}
			for _, sc := range list.Staff {
				for i, it := range sc.Calls {
					c := it.Call
					by := caller(c)
					clock.Set(day.Add(10*time.Hour + time.Duration(i)*time.Minute))
					out := fo.CallOutcome{CallID: c.ID, Staff: by, Outcome: fo.OutcomeReached}
					switch n := r.IntN(20); {
					case c.CustomerID%7 == 0: // never picks up: the call is missed (FU-2)
						out.Outcome = fo.OutcomeNoAnswer
					case n < 2 && !it.ClosesToday: // not today: someone was short of time
						continue
					case n < 5:
						out.Outcome = fo.OutcomeNoAnswer
					case n < 7 && len(c.Attempts) == 0:
						out.Outcome, out.Later, out.Notes = fo.OutcomeLater, day.Add(16*time.Hour+30*time.Minute), "客户在开车，约下午再打"
					default:
						topics := []string{"vehicle", "opinion", "tips", "maintenance", "services", "needs"}
						topics = slices.DeleteFunc(topics, func(t string) bool { return slices.Contains(c.AvoidTopics, t) })
						out.Topics = topics[:min(len(topics), 2+r.IntN(2))]
						out.Notes = []string{"车况良好，使用正常", "对服务满意", "建议雨天注意传感器清洁", "客户询问保养套餐"}[r.IntN(4)]
						if r.IntN(8) == 0 {
							out.Requests = []string{"想了解 360 全景影像的价格"}
						}
					}
					if _, err := store.RecordCall(out); err != nil {
						return fmt.Errorf("demo call %d: %w", c.ID, err)
					}
					if out.Outcome == fo.OutcomeLater {
						id := c.ID
						at(out.Later, func() error { // the agreed call, at its time (FU-9)
							_, err := store.RecordCall(fo.CallOutcome{CallID: id, Staff: by, Outcome: fo.OutcomeReached,
								Topics: []string{"vehicle", "opinion"}, Notes: "按约定时间回电，一切正常"})
							return err
						})
					}
				}
			}
			return nil
		})
	}
	// Complaints with a story each (CMP-1..5).
	pick := func(i int) vehicleOf { return fleet[i%len(fleet)] }
	file := func(when time.Time, fv vehicleOf, channel, category, text string, major bool, then func(c fo.Complaint) error) {
		at(when, func() error {
			c, err := store.FileComplaint(fo.ComplaintRequest{Channel: channel, Category: category, Text: text, Major: major,
				CustomerID: fv.c.ID, VehicleID: fv.v.ID, By: "staff:" + reception})
			if err != nil {
				return fmt.Errorf("demo complaint: %w", err)
			}
			sum.Complaints++
			if then != nil {
				return then(c)
			}
			return nil
		})
	}
	answer := func(after time.Duration, text string, satisfied bool) func(fo.Complaint) error {
		return func(c fo.Complaint) error {
			t := clock.Now().Add(after)
			at(t, func() error {
				_, err := store.AnswerComplaint(fo.AnswerRequest{ID: c.ID, Staff: reception, Text: text, ByPhone: true})
				return err
			})
			at(t.Add(20*time.Minute), func() error {
				_, err := store.RecordVerdict(fo.VerdictRequest{ID: c.ID, Satisfied: satisfied, Staff: reception})
				return err
			})
			return nil
		}
	}
	file(today.AddDate(0, 0, -12).Add(11*time.Hour), pick(1), fo.ChannelPhone, "safety", "刹车时防撞预警没有响", true,
		answer(2*time.Hour, "已派技师上门检测，传感器松动已紧固并测试正常。", true))
	file(today.AddDate(0, 0, -9).Add(15*time.Hour), pick(2), fo.ChannelVisit, "price", "结算金额比估价多了 80 元", false,
		answer(5*time.Hour, "多收的辅料费 80 元已退还，向您致歉。", true))
	file(today.AddDate(0, 0, -6).Add(10*time.Hour+20*time.Minute), pick(3), fo.ChannelPhone, "quality", "行车记录仪装好后经常自动重启", false,
		answer(30*time.Hour, "更换了电源线，请再观察几天。", false)) // late, then reopened to the supervisor
	file(today.AddDate(0, 0, -3).Add(16*time.Hour), pick(4), fo.ChannelKiosk, "service", "等候区没人招呼，等了 40 分钟", false, nil)
	file(today.AddDate(0, 0, -1).Add(14*time.Hour+30*time.Minute), pick(5), fo.ChannelPhone, "time", "承诺下午三点交车，五点才好", false, nil)
	file(today.AddDate(0, 0, -1).Add(17*time.Hour+40*time.Minute), pick(6), fo.ChannelLetter, "quality", "倒车雷达右后探头不灵敏", false, nil)

	// Work the events in time order; an event may add later ones.
	for len(events) > 0 {
		i := 0
		for k, e := range events {
			if e.at.Before(events[i].at) {
				i = k
			}
		}
		e := events[i]
		events = slices.Delete(events, i, i+1)
		clock.Set(e.at)
		if _, err := store.RunDue(e.at); err != nil {
			return sum, err
		}
		if err := e.do(); err != nil {
			return sum, err
		}
	}
	// The reception made the pickup calls of those days.
	for d := -21; d < 0; d++ {
		tasks, ids, err := store.PhoneTasks(today.AddDate(0, 0, d).Format(time.DateOnly))
		if err != nil {
			return sum, err
		}
		for i, t := range tasks {
			if t.Done.IsZero() {
				store.PhoneTaskDone(ids[i], "staff:"+reception)
			}
		}
	}
	clock.Set(today)
	if _, err := store.RunDue(today); err != nil {
		return sum, err
	}
	// An event ahead (FU-6): current on the call lists from its notice.
	clock.Set(now)
	if _, err := store.AddPromotion(fo.Promotion{Title: "冬季防撞系统免费检测日", TitleEn: "Winter anti-collision check day",
		Text: "到店免费检测防撞预警系统，保养项目九折。", TextEn: "Free anti-collision system check; 10% off maintenance.",
		Day: today.AddDate(0, 0, 20)}, "staff:"+st.SupervisorID()); err != nil {
		return sum, err
	}
	calls, err := store.CallList(today)
	if err == nil {
		sum.Calls = calls.Len()
	}
	return sum, nil
}
