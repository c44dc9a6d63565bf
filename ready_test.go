package frontoffice

import (
	"testing"
	"time"
)

var shop, _ = time.LoadLocation(DefaultTimeZone)

func local(d, hh, mm int) time.Time { return time.Date(2026, 12, d, hh, mm, 0, 0, shop) }

// DEL-2: "2 days or more" counts working days (open days of the settings),
// not 48 clock hours: Saturday to Monday across the closed Sunday is one.
func TestPickupLeadWorkingDaysDEL2(t *testing.T) {
	st := DefaultSettings()
	for _, c := range []struct {
		from, to time.Time
		days     int
		lead     time.Duration
	}{
		{local(5, 10, 0), local(7, 10, 0), 1, PickupLeadShort}, // Sat → Mon: 48 h, 1 working day
		{local(5, 10, 0), local(8, 10, 0), 2, PickupLeadLong},  // Sat → Tue
		{local(7, 17, 0), local(9, 9, 0), 2, PickupLeadLong},   // Mon 17:00 → Wed 09:00: 40 h, 2 days
		{local(7, 9, 0), local(7, 17, 0), 0, PickupLeadShort},  // same day
	} {
		if got := st.WorkingDays(c.from, c.to); got != c.days {
			t.Errorf("%v → %v: %d working days, want %d", c.from, c.to, got, c.days)
		}
		if got := st.PickupLeadFor(c.from, c.to); got != c.lead {
			t.Errorf("%v → %v: lead %v, want %v", c.from, c.to, got, c.lead)
		}
	}
}

// DEL-2: the notice never goes at night nor on a closed day: a 4-hour
// notice for a 09:00 promise (05:00) moves to opening, 08:30.
func TestPickupTimeInOpeningHoursDEL2(t *testing.T) {
	st := DefaultSettings()
	for _, c := range []struct{ in, want time.Time }{
		{local(3, 5, 0), local(3, 8, 30)},   // Thu 05:00 → opening
		{local(3, 10, 0), local(3, 10, 0)},  // open: unchanged
		{local(3, 18, 30), local(4, 8, 30)}, // after closing → next morning
		{local(6, 10, 0), local(7, 8, 30)},  // closed Sunday → Monday
		{local(5, 8, 0), local(5, 9, 0)},    // Saturday opens at 09:00
	} {
		if got := st.NoticeTime(c.in); !got.Equal(c.want) {
			t.Errorf("NoticeTime(%v) = %v, want %v", c.in, got.In(shop), c.want)
		}
	}
	st.QuietEnd = 9 * 60 // quiet until 09:00: later than opening
	if got := st.NoticeTime(local(3, 5, 0)); !got.Equal(local(3, 9, 0)) {
		t.Errorf("quiet hours: %v", got.In(shop))
	}
	st = DefaultSettings()
	if got := st.PickupTime(local(1, 9, 0), local(3, 9, 0)); !got.Equal(local(3, 8, 30)) {
		t.Errorf("PickupTime Tue→Thu 09:00 = %v, want 08:30", got.In(shop))
	}
}

// DEL-1, INT-6: the checklist's missing items in order; pending extra work
// refuses ready and delivery before the checklist is looked at.
func TestReadyErrorDEL1INT6(t *testing.T) {
	v := &Visit{Status: VisitWorkshop}
	if err := v.ReadyError(CompleteChecklist); err != nil {
		t.Fatal(err)
	}
	err := v.ReadyError(DeliveryChecklist{Cleaned: true, Settlement: true})
	if got := ErrorText(ZH, err); got != "交车准备未完成，缺少：完工检查、随车物品清点归还。" {
		t.Errorf("zh %q", got)
	}
	if got := ErrorText(EN, err); got != "Not ready for delivery — missing: final check, belongings checked and returned." {
		t.Errorf("en %q", got)
	}
	v.Additional = []AdditionalWork{{N: 1, Status: AddApproved}, {N: 2, Status: AddPending}}
	if err := v.ReadyError(DeliveryChecklist{}); ErrorText(ZH, err) != "有 1 项追加项目尚待客户答复，答复前不能完工或交车。" {
		t.Errorf("pending: %v", err)
	}
	v.Status = VisitReady
	if err := v.DeliverError(); err == nil {
		t.Error("delivery with pending work allowed")
	}
	v.Additional[1].Status = AddDeclined
	if err := v.DeliverError(); err != nil {
		t.Error(err)
	}
}

// 通知客户按期保养: the reminder day is MaintRemindDays before the date,
// in the shop's zone, at the first allowed time.
func TestMaintRemindAt(t *testing.T) {
	st := DefaultSettings()
	if st.MaintRemindLead() != 7 {
		t.Fatalf("default lead %d", st.MaintRemindLead())
	}
	// Due Thu 17 Dec (stored as the local midnight in UTC): Thu 10 Dec 08:30.
	if got := st.MaintRemindAt(local(17, 0, 0).UTC()); !got.Equal(local(10, 8, 30)) {
		t.Errorf("remind at %v", got.In(shop))
	}
	st.MaintRemindDays = 3 // Mon 14 Dec
	if got := st.MaintRemindAt(local(17, 0, 0).UTC()); !got.Equal(local(14, 8, 30)) {
		t.Errorf("remind at %v", got.In(shop))
	}
}
