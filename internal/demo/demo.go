// Package demo fills a data file with a believable shop: customers with
// complete archives, their vehicles, past appointments that were kept or
// missed, and appointments over the coming days. It drives the real store
// with a clock it moves through the past, so the demo history is made by the
// same rules as real data, and today's visits in every status so that the
// staff console is believable on first start. Later features extend Load.
package demo

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	fo "frontoffice"
	"frontoffice/data"
	"frontoffice/internal/fakeclock"
)

// Summary says what Load made.
type Summary struct {
	Customers, Vehicles, PastAppointments, Upcoming int
	// Visits are today's visits in every status (and one job over two
	// days), for the staff console.
	Visits int
}

// ErrLoaded is returned when the data file already has the demo data.
var ErrLoaded = errors.New("the demo data is already loaded in this data file")

var surnames = []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高")
var givens = []string{"伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀英", "丽", "刚", "平", "辉", "建国", "晓东", "海燕", "志强"}
var models = []struct{ model, typ string }{
	{"比亚迪 汉 EV", "car"}, {"大众 帕萨特", "car"}, {"丰田 凯美瑞", "car"}, {"本田 CR-V", "suv"},
	{"特斯拉 Model Y", "suv"}, {"吉利 星越L", "suv"}, {"长安 CS75", "suv"}, {"别克 GL8", "mpv"},
	{"五菱 宏光", "van"}, {"福田 欧马可", "truck"}, {"宇通 ZK6107", "bus"}, {"奥迪 A4L", "car"},
}
var districts = []string{"朝阳区", "海淀区", "丰台区", "东城区", "西城区", "通州区", "顺义区", "大兴区"}
var streets = []string{"建国路", "中关村大街", "望京西路", "丰台北路", "工体北路", "科创十街", "新源南路", "花园路"}
var plateLetters = "ABCEFGHJKLMNPQ"

// Seed is the random seed of the demo data that frontoffice demo loads:
// loaded at the same instant, the demo data is the same.
const Seed uint64 = 20261127

// Load writes the demo data as of now. clock must be the clock the store was
// opened with; Load moves it through the past and leaves it at now. Seed
// makes the data repeatable.
func Load(store *data.Store, clock *fakeclock.Clock, now time.Time, seed uint64) (Summary, error) {
	var sum Summary
	if _, err := store.CustomerByPhone(demoPhone(0)); err == nil {
		return sum, ErrLoaded
	}
	st, err := store.Settings()
	if err != nil {
		return sum, err
	}
	loc := st.Location()
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	const people = 40
	type person struct {
		in    fo.CustomerInput
		plate string
		model int
	}
	ps := make([]person, people)
	for i := range ps {
		name := string(surnames[r.IntN(len(surnames))]) + givens[r.IntN(len(givens))]
		ps[i] = person{
			in:    fo.CustomerInput{Name: name, Phone: demoPhone(i), Lang: fo.ZH},
			plate: fmt.Sprintf("京%c%05d", plateLetters[r.IntN(len(plateLetters))], r.IntN(100000)),
			model: r.IntN(len(models)),
		}
		if i%7 == 3 {
			ps[i].in.Lang = fo.EN
			ps[i].in.Name = []string{"John Smith", "Anna Müller", "David Lee", "Maria Garcia", "Tom Brown", "Lucy Chen"}[i%6]
		}
	}
	book := func(p person, sv fo.Service, start time.Time) (fo.Appointment, error) {
		return store.Book(fo.BookRequest{ServiceID: sv.ID, Start: start, Customer: p.in, Plate: p.plate, Source: "demo", By: "demo"})
	}
	// The past 45 days: bookings made two days ahead, then kept or missed.
	today := fo.DayStart(now, loc)
	for d := -45; d < 0; d++ {
		day := today.AddDate(0, 0, d)
		if st.IsClosedDate(day) {
			continue
		}
		for k := 0; k < 3+r.IntN(4); k++ {
			p := ps[r.IntN(people)]
			sv := st.Services[r.IntN(len(st.Services))]
			clock.Set(day.AddDate(0, 0, -2).Add(10 * time.Hour))
			free := st.FreeSlots(clock.Now(), day, sv, occupancy(store, day))
			if len(free) == 0 {
				continue
			}
			a, err := book(p, sv, free[r.IntN(len(free))])
			if err != nil {
				return sum, fmt.Errorf("demo booking: %w", err)
			}
			clock.Set(a.Start)
			status := fo.AptCheckedIn
			if r.IntN(10) == 0 {
				status = fo.AptNoShow
			}
			if _, err := store.SetAppointmentStatus(a.ID, status, "demo"); err != nil {
				return sum, err
			}
			sum.PastAppointments++
		}
	}
	// The coming days, booked now.
	clock.Set(now)
	for d := 0; d <= min(10, st.MaxDaysAhead); d++ {
		day := today.AddDate(0, 0, d)
		if st.IsClosedDate(day) {
			continue
		}
		for k := 0; k < 2+r.IntN(4); k++ {
			p := ps[r.IntN(people)]
			sv := st.Services[r.IntN(len(st.Services))]
			free := st.FreeSlots(now, day, sv, occupancy(store, day))
			if len(free) == 0 {
				continue
			}
			if _, err := book(p, sv, free[r.IntN(len(free))]); err != nil {
				return sum, fmt.Errorf("demo booking: %w", err)
			}
			sum.Upcoming++
		}
	}
	// Complete most archives (ARC-1); leave a few incomplete so the staff
	// list of incomplete archives has something on it.
	for i, p := range ps {
		c, err := store.CustomerByPhone(p.in.Phone)
		if err != nil {
			continue // never booked
		}
		sum.Customers++
		vs, err := store.Vehicles(c.ID)
		if err != nil {
			return sum, err
		}
		if i%9 == 8 {
			sum.Vehicles += len(vs)
			continue
		}
		c.Address = fmt.Sprintf("北京市%s%s %d 号", districts[r.IntN(len(districts))], streets[r.IntN(len(streets))], 1+r.IntN(200))
		c.FollowUpStaff = "wang"
		if err := store.SaveCustomer(c); err != nil {
			return sum, err
		}
		for _, v := range vs {
			m := models[p.model]
			v.Model, v.Type = m.model, m.typ
			v.MaintIntervalDays = []int{90, 180, 180, 365}[r.IntN(4)]
			v.NextMaintenance = today.AddDate(0, 0, 5+r.IntN(120))
			v.Wants = []string{"", "想加装 360 全景影像", "关注保养优惠", "考虑升级防撞预警系统"}[r.IntN(4)]
			if err := store.SaveVehicle(v); err != nil {
				return sum, err
			}
			sum.Vehicles++
		}
	}
	// The after-sales loop of the past weeks (aftersales.go).
	if _, err := loadAfterSales(store, clock, now, r); err != nil {
		return sum, fmt.Errorf("demo after-sales: %w", err)
	}
	// Labour-hour standards and quality information (labour.go, REP-2).
	if err := loadLabour(store, clock, now); err != nil {
		return sum, fmt.Errorf("demo labour: %w", err)
	}
	// Today's visits for the staff console.
	n, err := loadToday(store, clock, now, r)
	if err != nil {
		return sum, err
	}
	sum.Visits = n
	clock.Set(now)
	return sum, nil
}

// demoPhone is the i-th demo mobile number (a 170 block, reserved for
// virtual operators, so that a demo number is unlikely to be someone's).
func demoPhone(i int) string { return fmt.Sprintf("1701000%04d", i) }

// occupancy reads the bays held on day from the store.
func occupancy(store *data.Store, day time.Time) fo.Occupancy {
	occ := fo.Occupancy{}
	apts, _ := store.AppointmentsBetween(day, day.AddDate(0, 0, 1))
	for _, a := range apts {
		occ.Add(a.Start, a.End)
	}
	return occ
}
