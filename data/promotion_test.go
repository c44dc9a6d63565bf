package data

import (
	"slices"
	"strings"
	"testing"

	fo "frontoffice"
)

// FU-6: a promotion is announced 2 weeks ahead — a message to customers
// with a chat, a call on the list for the others — and followed a day
// later by the formal invitation: in the chat, or as a letter to post;
// every one in the letter register (FU-7). Follow-up calls mention it.
func TestPromotionFU6(t *testing.T) {
	s, clock := newTestStore(t, noSync(), followUpStaff())
	deliver(t, s, "13900000001", "京B11111", chatCust, fo.EN)
	v2 := deliver(t, s, "13900000002", "京B22222", 0, fo.ZH)
	deliver(t, s, "13900000003", "京B33333", 0, fo.ZH)
	c2, _ := s.Customer(v2.CustomerID)
	c2.Address = "北京市朝阳区建国路 1 号"
	s.SaveCustomer(c2)
	if _, err := s.AddPromotion(fo.Promotion{Title: "冬季保养节", Day: at(2026, 11, 26, 0, 0)}, "staff:zhao"); fo.ErrorCode(err) != fo.EINVALID {
		t.Errorf("past promotion: %v", err)
	}
	p, err := s.AddPromotion(fo.Promotion{Title: "冬季保养节", TitleEn: "Winter care day", Text: "保养八折", TextEn: "20% off maintenance",
		Day: at(2026, 12, 20, 15, 0)}, "staff:zhao")
	if err != nil {
		t.Fatal(err)
	}
	if !p.Day.Equal(at(2026, 12, 20, 0, 0)) || !p.NoticeAt.Equal(at(2026, 12, 6, 10, 0)) || !p.LetterAt.Equal(at(2026, 12, 7, 10, 0)) {
		t.Errorf("promotion %+v", p)
	}
	clock.Set(at(2026, 12, 6, 10, 0))
	s.RunDue(clock.Now())
	ms := outbox(t, s, "promo:")
	if len(ms) != 1 || ms[0].ChatID != chatCust || !strings.Contains(ms[0].Text, "Winter care day") || !strings.Contains(ms[0].Text, "Sun 20 Dec") {
		t.Errorf("notices %+v", ms)
	}
	l := listOf(t, s, at(2026, 12, 6, 0, 0))
	var promoCalls []fo.CallItem
	for _, items := range l {
		for _, it := range items {
			if it.Call.Kind == fo.CallPromo {
				promoCalls = append(promoCalls, it)
			}
		}
	}
	if len(promoCalls) != 2 || !promoCalls[0].Call.Closes.Equal(at(2026, 12, 9, 0, 0)) {
		t.Errorf("promotion calls %+v", promoCalls)
	}
	st, _ := s.Settings()
	if text := fo.CallItemText(&st, promoCalls[0], at(2026, 12, 6, 0, 0), fo.ZH); !strings.Contains(text, "活动通知") || !strings.Contains(text, "冬季保养节") {
		t.Errorf("promotion call text:\n%s", text)
	}
	clock.Set(at(2026, 12, 7, 10, 0))
	s.RunDue(clock.Now())
	if ms := outbox(t, s, "promo:1:1:letter"); len(ms) != 1 || !strings.Contains(ms[0].Text, "Dear 王五") {
		t.Errorf("letter %+v", ms)
	}
	reg, _ := s.LetterRegister(at(2026, 12, 6, 0, 0), at(2026, 12, 8, 0, 0))
	var got []string
	for _, e := range reg {
		got = append(got, e.Action)
	}
	if !slices.Equal(got, []string{"notice", "invitation", "invitation_post"}) || !strings.Contains(reg[2].Detail, "建国路") {
		t.Errorf("letter register %v %+v", got, reg)
	}
	ps, _ := s.Promotions(at(2026, 12, 1, 0, 0), at(2027, 1, 1, 0, 0))
	if len(ps) != 1 || ps[0].Notified != 1 || ps[0].Calls != 2 || ps[0].Invited != 2 {
		t.Errorf("promotion counts %+v", ps)
	}
	// Follow-up calls in the fortnight before mention it (FU-4).
	if it := listOf(t, s, at(2026, 12, 8, 0, 0)); len(it["wang"]) == 0 || len(it["wang"][0].Promotions) != 1 {
		t.Errorf("current promotions on the list %+v", it)
	}
}

// FU-6: an event entered less than 2 weeks ahead is announced at once; its
// calls close by the event's day.
func TestLatePromotionFU6(t *testing.T) {
	s, clock := newTestStore(t, noSync(), followUpStaff())
	deliver(t, s, "13900000002", "京B22222", 0, fo.ZH)
	p, err := s.AddPromotion(fo.Promotion{Title: "开放日", Day: at(2026, 11, 28, 0, 0)}, "staff:zhao")
	if err != nil || !p.NoticeAt.Equal(clock.Now()) {
		t.Fatalf("%+v %v", p, err)
	}
	s.RunDue(clock.Now())
	l := listOf(t, s, clock.Now())
	if len(l["wang"]) != 1 || !l["wang"][0].Call.Closes.Equal(at(2026, 11, 28, 0, 0)) {
		t.Errorf("late promotion call %+v", l)
	}
}
