package frontoffice

import (
	"testing"
	"time"
)

// FU-6: the notice goes 2 weeks ahead at the messages time (at once when
// that passed), the letter a day later; a promotion is current from its
// notice to its last day.
func TestPromotionTimesFU6(t *testing.T) {
	st := DefaultSettings()
	now := at(2026, 11, 27, 9, 0)
	p := Promotion{Title: " 冬季保养节 ", Day: at(2026, 12, 20, 15, 0), LastDay: at(2026, 12, 21, 0, 0)}
	if err := p.Validate(now, shanghai); err != nil || p.Title != "冬季保养节" || !p.Day.Equal(at(2026, 12, 20, 0, 0)) {
		t.Fatalf("%+v %v", p, err)
	}
	notice := st.PromoNoticeAt(p, now)
	if !notice.Equal(at(2026, 12, 6, 10, 0)) || !PromoLetterAt(notice).Equal(at(2026, 12, 7, 10, 0)) {
		t.Errorf("notice %v", notice)
	}
	late := Promotion{Title: "x", Day: at(2026, 11, 30, 0, 0)}
	if got := st.PromoNoticeAt(late, now); !got.Equal(now) {
		t.Errorf("late notice %v", got)
	}
	for day, want := range map[time.Time]bool{
		at(2026, 12, 5, 23, 0): false, at(2026, 12, 6, 0, 0): true, at(2026, 12, 21, 23, 0): true, at(2026, 12, 22, 0, 0): false,
	} {
		if p.CurrentOn(day, shanghai) != want {
			t.Errorf("current on %v: %v", day, !want)
		}
	}
	for _, bad := range []Promotion{
		{Title: "", Day: at(2026, 12, 20, 0, 0)},
		{Title: "x"},
		{Title: "x", Day: at(2026, 11, 26, 0, 0)},
		{Title: "x", Day: at(2026, 12, 20, 0, 0), LastDay: at(2026, 12, 19, 0, 0)},
		{Title: "x", Day: at(2026, 12, 20, 0, 0), LastDay: at(2027, 3, 1, 0, 0)},
	} {
		if err := bad.Validate(now, shanghai); ErrorCode(err) != EINVALID {
			t.Errorf("%+v: %v", bad, err)
		}
	}
}
