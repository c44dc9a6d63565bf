package forms

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"sort"
	"testing"
	"time"

	fo "frontoffice"
	"frontoffice/data"
	"frontoffice/internal/fakeclock"
	"frontoffice/internal/sigdraw"
)

// The records the documents are printed from, made through the real store
// on a fake clock, as the shop would make them.

// *data.Store is what a Renderer reads.
var _ Store = (*data.Store)(nil)

var shanghai = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		panic(err)
	}
	return loc
}()

// shopStore opens a store in a temp dir on a fake clock standing at now,
// with the demo shop's settings, its staff on Telegram and a staff chat.
func shopStore(t testing.TB, now time.Time) (*data.Store, *fakeclock.Clock) {
	t.Helper()
	clock := fakeclock.New(now)
	s, err := data.Open(filepath.Join(t.TempDir(), "forms.db"), data.Options{Clock: clock, NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	st, _ := s.Settings()
	st.StaffChats = []int64{-100}
	for i := range st.Staff {
		st.Staff[i].TelegramUserID = int64(500 + i)
	}
	if err := s.SaveSettings(st); err != nil {
		t.Fatal(err)
	}
	return s, clock
}

var (
	fillModels = []struct{ model, typ string }{
		{"比亚迪 汉 EV", "car"}, {"大众 帕萨特", "car"}, {"本田 CR-V", "suv"}, {"特斯拉 Model Y", "suv"},
		{"别克 GL8", "mpv"}, {"五菱 宏光", "van"}, {"福田 欧马可", "truck"}, {"宇通 ZK6107", "bus"},
	}
	fillNames = []string{"张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄勇", "周杰", "吴艳", "徐涛", "孙丽", "马超", "胡海燕", "郭志强", "林晓东"}
)

// fillMonth makes a month of business in the store: on every open day of
// the month holding day, perDay walk-ins checked in, taken in, delivered
// and settled (some with a supervisor's discount, some owing), declined
// with a fee, or left in the workshop; a few appointments kept or missed;
// complaints, some answered; kiosk surveys; follow-up calls made from the
// day's list. It leaves the clock at the month's last day, 17:30.
func fillMonth(t testing.TB, s *data.Store, clock *fakeclock.Clock, day time.Time, perDay int, seed uint64) {
	t.Helper()
	st, err := s.Settings()
	if err != nil {
		t.Fatal(err)
	}
	loc := st.Location()
	r := rand.New(rand.NewPCG(seed, 7))
	from, to := fo.ReportPeriod(fo.ReportMonthly, day, loc)
	end := to.AddDate(0, 0, -1).Add(17*time.Hour + 30*time.Minute)
	type event struct {
		at time.Time
		fn func()
	}
	var events []event
	add := func(at time.Time, fn func()) {
		if at.Before(end) {
			events = append(events, event{at, fn})
		}
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	custs := 40 + perDay*3
	seen := map[string]bool{}
	customer := func(i int) fo.CustomerInput {
		return fo.CustomerInput{Name: fillNames[i%len(fillNames)], Phone: fmt.Sprintf("1380013%04d", i), Lang: fo.ZH}
	}
	archive := func(plate string, i int) {
		if seen[plate] {
			return
		}
		seen[plate] = true
		v, err := s.VehicleByPlate(plate)
		must(err)
		m := fillModels[i%len(fillModels)]
		v.Model, v.Type, v.MaintIntervalDays = m.model, m.typ, 180
		must(s.SaveVehicle(v))
	}
	services := st.Services
	n := 0
	for d := from; d.Before(to); d = d.AddDate(0, 0, 1) {
		if st.IsClosedDate(d) {
			continue
		}
		h := st.Hours[d.Weekday()]
		for k := 0; k < perDay; k++ {
			i := r.IntN(custs)
			sv := services[r.IntN(len(services))]
			plate := fmt.Sprintf("京%c%05d", "ABCEFGHJKLMNPQ"[i%14], i*37%100000)
			t0 := h.Open.At(d, loc).Add(time.Duration(r.IntN(int(h.Close-h.Open)-150)) * time.Minute)
			var v fo.Visit
			add(t0, func() {
				var err error
				v, err = s.CheckIn(fo.CheckInRequest{Customer: customer(i), Plate: plate, ServiceID: sv.ID, Source: "kiosk", By: "kiosk"})
				must(err)
				archive(plate, i)
			})
			fate := r.IntN(20)
			if fate == 0 {
				add(t0.Add(15*time.Minute), func() { _, err := s.Leave(v.ID, fo.Money(5000*r.IntN(2)), "客户暂不施工", "staff:li"); must(err) })
				continue
			}
			lines := []fo.EstimateLine{{Description: sv.NameZh, Mode: fo.PriceByItem, Labor: sv.Price}}
			if sv.PartsPrice > 0 {
				lines = append(lines, fo.EstimateLine{Description: "配件", Mode: fo.PriceByItem, Parts: sv.PartsPrice,
					PartsSource: fo.PartsShop, PartsKind: fo.PartsOriginal, Critical: true})
			}
			add(t0.Add(10*time.Minute), func() {
				now := clock.Now()
				_, err := s.Intake(fo.IntakeRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, By: "staff:li", WorkOrder: fo.WorkOrder{Purpose: sv.NameZh, Lines: lines,
					DocumentsChecked: true, FuelEighths: 1 + r.IntN(8), Odometer: 5000 + r.IntN(90000), KeyNo: fmt.Sprintf("K-%02d", 1+r.IntN(40)),
					EstimatedMinutes: sv.Minutes, PromisedAt: now.Add(time.Duration(sv.Minutes+30) * time.Minute), Receiver: "车间 老张", HandoverAt: now}})
				must(err)
			})
			if fate == 1 {
				continue // still in the workshop
			}
			done := t0.Add(time.Duration(sv.Minutes+20) * time.Minute)
			add(done, func() { _, err := s.SetReady(v.ID, fo.CompleteChecklist, "staff:li"); must(err) })
			disc, owe, rate := r.IntN(8) == 0, r.IntN(10) == 0, r.IntN(3) == 0
			scores := [fo.Questions]int{3 + r.IntN(3), 3 + r.IntN(3), 2 + r.IntN(4), 4 + r.IntN(2)}
			add(done.Add(5*time.Minute), func() {
				var total fo.Money
				for _, l := range lines {
					total += l.Total()
				}
				set := fo.Settlement{Amount: total}
				if disc {
					set.Discount = total / 20
				}
				set.Paid = set.Due()
				if owe {
					set.Paid = set.Due() / 2
				}
				by := "staff:li"
				if disc {
					by = "staff:zhao"
				}
				_, err := s.Deliver(fo.DeliverRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, Settlement: set, Supervisor: disc, DiscountReason: "老客户", By: by})
				must(err)
			})
			if rate {
				add(done.Add(8*time.Minute), func() {
					_, err := s.RateVisit(fo.RateRequest{VisitID: v.ID, Scores: scores, Lang: fo.ZH})
					must(err)
				})
			}
			n++
		}
		// Appointments: booked two days ahead, kept or missed.
		for k := 0; k < 2; k++ {
			i := r.IntN(custs)
			slot := h.Open.At(d, loc).Add(time.Duration(30*(2+r.IntN(6))) * time.Minute)
			var a fo.Appointment
			kept := r.IntN(4) != 0
			add(slot.Add(-48*time.Hour), func() {
				var err error
				a, err = s.Book(fo.BookRequest{ServiceID: "inspect", Start: slot, Customer: customer(i), Plate: fmt.Sprintf("京Z%05d", i),
					Source: "bot", By: "customer:bot"})
				if errors.Is(err, fo.ErrSlotTaken) {
					return
				}
				must(err)
			})
			add(slot.Add(40*time.Minute), func() {
				if a.ID == 0 {
					return
				}
				status := fo.AptNoShow
				if kept {
					status = fo.AptCheckedIn
				}
				_, err := s.SetAppointmentStatus(a.ID, status, "staff:li")
				must(err)
			})
		}
		// Follow-up calls at 10:00 (FU-2): most customers reached.
		add(d.Add(10*time.Hour), func() {
			list, err := s.CallList(clock.Now())
			must(err)
			for _, sc := range list.Staff {
				for _, it := range sc.Calls {
					out := fo.OutcomeReached
					if r.IntN(4) == 0 {
						out = fo.OutcomeNoAnswer
					}
					_, err := s.RecordCall(fo.CallOutcome{CallID: it.Call.ID, Outcome: out, Topics: []string{"vehicle", "opinion"}, Staff: sc.Staff})
					must(err)
				}
			}
		})
		// Now and then a complaint, answered the same day or the next.
		if r.IntN(3) == 0 {
			i := r.IntN(custs)
			var c fo.Complaint
			late := r.IntN(3) == 0
			add(h.Open.At(d, loc).Add(2*time.Hour), func() {
				var err error
				c, err = s.FileComplaint(fo.ComplaintRequest{Channel: fo.ChannelPhone, Category: fo.ComplaintCategories[r.IntN(5)],
					Text: "安装后倒车雷达偶尔误报，希望尽快处理", Customer: customer(i), By: "staff:li"})
				must(err)
			})
			wait := 3 * time.Hour
			if late {
				wait = 30 * time.Hour
			}
			add(h.Open.At(d, loc).Add(2*time.Hour+wait), func() {
				_, err := s.AnswerComplaint(fo.AnswerRequest{ID: c.ID, Staff: "zhao", Text: "已安排技师复检并更换探头", ByPhone: true})
				must(err)
			})
		}
		add(d.Add(23*time.Hour+50*time.Minute), func() { _, err := s.RunDue(clock.Now()); must(err) })
	}
	sort.SliceStable(events, func(i, j int) bool { return events[i].at.Before(events[j].at) })
	for _, e := range events {
		clock.Set(e.at)
		e.fn()
	}
	clock.Set(end)
	_ = n
}
