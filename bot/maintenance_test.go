package bot

import (
	"testing"
	"time"

	fo "frontoffice"
	"frontoffice/internal/sigdraw"
	"frontoffice/internal/telegramtest"
)

// 通知客户按期保养: a linked customer delivered on Monday 30 Nov with a
// 10-day interval is reminded 7 days before Thu 10 Dec — Thu 3 Dec at
// opening — through the fake Bot API server; the reminder's book button
// opens the booking conversation with the maintenance service and the
// vehicle's plate chosen: days, slot, then the phone, never the plate.
func TestMaintenanceReminderBookButton(t *testing.T) {
	h := newHarness(t)
	h.start()
	chat := int64(9301)
	u := telegramtest.Customer(chat, "zh")
	v := h.inWorkshop("周杰", "13912345678", "京A54321", chat, fo.ZH)
	if _, err := h.store.SaveArchive(fo.ArchiveEdit{VehicleID: v.VehicleID, Name: "周杰", MaintIntervalDays: 10}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.store.SetReady(v.ID, fo.CompleteChecklist, "staff:li"); err != nil {
		t.Fatal(err)
	}
	if _, err := h.store.Deliver(fo.DeliverRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, Settlement: fo.Settlement{Amount: 68000, Paid: 68000}, By: "staff:li"}); err != nil {
		t.Fatal(err)
	}
	st := h.settings()
	loc := st.Location()
	early := time.Date(2026, 12, 3, 8, 29, 0, 0, loc)
	h.clock.Set(early)
	h.store.RunDue(early)
	due := time.Date(2026, 12, 3, 8, 30, 0, 0, loc)
	h.clock.Set(due)
	if _, err := h.store.RunDue(due); err != nil {
		t.Fatal(err)
	}
	rem := h.wait(chat, "下次保养日期", "12月10日", "京A·54321")
	if !rem.HasButton(fo.MaintButtonData(v.VehicleID)) {
		t.Fatalf("no book button: %+v", rem.Buttons)
	}
	if n := h.count(chat, "下次保养日期"); n != 1 {
		t.Errorf("%d reminders", n)
	}
	h.press(chat, u, "📅 预约保养")
	days := h.wait(chat, "请选择日期", "定期保养")
	h.pressPrefix(chat, u, "c:"+nonceOf(t, days)+":d:")
	h.wait(chat, "请选择时间")
	h.pressPrefix(chat, u, "c:"+nonceOf(t, days)+":t:")
	h.press(chat, u, "使用 "+fo.MaskPhone("13912345678"))
	h.wait(chat, "请确认您的预约", "京A·54321")
	h.press(chat, u, "✅ 确认预约")
	conf := h.wait(chat, "预约号")
	apts, err := h.store.CustomerAppointments(v.CustomerID, due)
	if err != nil || len(apts) != 1 || apts[0].ServiceID != fo.MaintServiceID || apts[0].Plate != "京A54321" {
		t.Fatalf("appointment %+v %v (%s)", apts, err, conf.Text)
	}
	if h.count(chat, "请输入车牌号") != 0 {
		t.Errorf("the plate was asked again:\n%s", h.dump(chat))
	}
}
