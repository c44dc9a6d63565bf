package bot

import (
	"testing"
	"time"

	fo "frontoffice"
	"frontoffice/internal/telegramtest"
)

// TestMoveShowsNeighbouringSlots: with one bay, the slots next to an
// appointment overlap it and are not free for others; moving it counts its
// own bay as free (store.FreeSlotsExcept), so the move list offers them —
// but not its own time — and moving into one of them succeeds.
func TestMoveShowsNeighbouringSlots(t *testing.T) {
	h := newHarness(t)
	st := h.settings()
	st.Bays = 1
	if err := h.store.SaveSettings(st); err != nil {
		t.Fatal(err)
	}
	h.start()
	chat := int64(9401)
	u := telegramtest.Customer(chat, "zh")
	loc := st.Location()
	tomorrow := fo.DayStart(monday0900, loc).AddDate(0, 0, 1)
	at := func(hh, mm int) time.Time {
		return tomorrow.Add(time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute).UTC()
	}
	a, err := h.store.Book(fo.BookRequest{ServiceID: "maint", Start: at(10, 0), Source: "bot", By: "customer:bot",
		Plate: "京A12345", Customer: fo.CustomerInput{Name: "张伟", Phone: "13812345678", ChatID: chat, Lang: fo.ZH}})
	if err != nil {
		t.Fatal(err)
	}
	h.drained()
	// For anyone else 09:30 and 10:30 overlap the one bay's appointment.
	free, err := h.store.FreeSlots("maint")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range free {
		for _, s := range d.Slots {
			if s.Equal(at(9, 30)) || s.Equal(at(10, 30)) {
				t.Fatalf("setup: %v is free for others", s.In(loc))
			}
		}
	}

	h.text(chat, u, "/my")
	h.press(chat, u, "改期 "+a.Code)
	h.pressPrefix(chat, u, "c:"+nonceOf(t, h.wait(chat, "请选择新的日期"))+":d:"+dayKey(tomorrow, loc))
	slots := h.wait(chat, "请选择新的时间")
	for _, want := range []string{"09:30", "10:30", "11:00"} {
		if !slots.HasButton(want) {
			t.Errorf("the move list lacks %s next to the appointment:\n%s", want, h.dump(chat))
		}
	}
	if slots.HasButton("10:00") {
		t.Errorf("the move list offers the appointment's own time")
	}
	h.press(chat, u, "10:30")
	h.wait(chat, "已改到")
	if moved, _ := h.store.Appointment(a.ID); !moved.Start.Equal(at(10, 30)) || moved.Status != fo.AptBooked {
		t.Errorf("after the move: %v %s", moved.Start.In(loc), moved.Status)
	}
}
