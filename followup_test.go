package frontoffice

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// FU-2: the first call's window is day 2 to day 7 after the delivery day
// in the shop's zone, on the list from day 3; across a month end, and for a
// delivery just after local midnight (still the previous day in UTC).
func TestFirstCallWindowFU2(t *testing.T) {
	st := DefaultSettings()
	w := st.FirstCallWindow(at(2026, 11, 27, 16, 0))
	if !w.Opens.Equal(at(2026, 11, 29, 0, 0)) || !w.Target.Equal(at(2026, 11, 30, 0, 0)) || !w.Closes.Equal(at(2026, 12, 5, 0, 0)) {
		t.Errorf("window %+v", w)
	}
	w = st.FirstCallWindow(time.Date(2026, 11, 30, 16, 30, 0, 0, time.UTC)) // 1 Dec 00:30 in Shanghai
	if !w.Opens.Equal(at(2026, 12, 3, 0, 0)) || !w.Closes.Equal(at(2026, 12, 9, 0, 0)) {
		t.Errorf("after local midnight %+v", w)
	}
	w = st.FirstCallWindow(at(2026, 12, 28, 10, 0))
	if !w.Opens.Equal(at(2026, 12, 30, 0, 0)) || !w.Target.Equal(at(2026, 12, 31, 0, 0)) || !w.Closes.Equal(at(2027, 1, 5, 0, 0)) {
		t.Errorf("over the year end %+v", w)
	}
	st.AfterSales.FirstCallTargetDay = 2
	if w := st.FirstCallWindow(at(2026, 11, 27, 16, 0)); !w.Target.Equal(w.Opens) {
		t.Errorf("target day 2 %+v", w)
	}
	c := Call{Window: w}
	if c.InWindow(w.Opens.Add(-time.Second)) || !c.InWindow(w.Opens) || c.InWindow(w.Closes) || !c.InWindow(w.Closes.Add(-time.Second)) {
		t.Errorf("InWindow bounds wrong")
	}
}

// FU-3: the second call's window is day 7 to day 14 after the first call.
func TestSecondCallWindowFU3(t *testing.T) {
	st := DefaultSettings()
	w := st.SecondCallWindow(at(2026, 11, 30, 23, 59))
	if !w.Opens.Equal(at(2026, 12, 7, 0, 0)) || !w.Target.Equal(w.Opens) || !w.Closes.Equal(at(2026, 12, 15, 0, 0)) {
		t.Errorf("window %+v", w)
	}
	if w.Closes.Sub(w.Opens) != 8*24*time.Hour {
		t.Errorf("window of %v", w.Closes.Sub(w.Opens))
	}
}

// FU-1: the calls of a staff member away go to the substitute the
// supervisor named, through a chain of substitutes, to the supervisor when
// there is none or the chain loops.
func TestCallTakerFU1(t *testing.T) {
	st := DefaultSettings()
	st.Staff = append(st.Staff, StaffMember{ID: "liu", Name: "刘洋", Roles: []string{RoleFollowUp}})
	st.AfterSales.Absences = []Absence{
		{Staff: "wang", Substitute: "liu", From: "2026-12-01", To: "2026-12-03"},
		{Staff: "liu", Substitute: "wang", From: "2026-12-03", To: "2026-12-03"},
		{Staff: "liu", From: "2026-12-10"},
	}
	if err := st.Validate(); err != nil {
		t.Fatal(err)
	}
	for day, want := range map[time.Time]string{
		at(2026, 11, 30, 12, 0): "wang", at(2026, 12, 1, 0, 0): "liu", at(2026, 12, 3, 23, 59): "zhao", at(2026, 12, 4, 0, 0): "wang",
	} {
		if got := st.CallTaker("wang", day); got != want {
			t.Errorf("wang's calls on %v go to %s, want %s", day, got, want)
		}
	}
	if got := st.CallTaker("liu", at(2027, 3, 1, 0, 0)); got != "zhao" {
		t.Errorf("away until further notice, no substitute: %s", got)
	}
	if got := st.CallTaker("gone", at(2027, 3, 1, 0, 0)); got != "zhao" {
		t.Errorf("a staff member no longer on file: %s", got)
	}
}

func TestSortCallItemsAndTopicsFU4(t *testing.T) {
	items := []CallItem{
		{Call: Call{ID: 3, Window: Window{Closes: at(2026, 12, 5, 0, 0)}, NextAt: at(2026, 12, 1, 0, 0)}},
		{Call: Call{ID: 1, Window: Window{Closes: at(2026, 12, 9, 0, 0)}, NextAt: at(2026, 12, 1, 0, 0)}},
		{Call: Call{ID: 2, Window: Window{Closes: at(2026, 12, 5, 0, 0)}, NextAt: at(2026, 12, 1, 0, 0)}},
		{Call: Call{ID: 4, Window: Window{Closes: at(2026, 12, 5, 0, 0)}, NextAt: at(2026, 11, 30, 0, 0)}},
	}
	SortCallItems(items)
	var ids []uint64
	for _, it := range items {
		ids = append(ids, it.Call.ID)
	}
	if !slices.Equal(ids, []uint64{4, 2, 3, 1}) {
		t.Errorf("order %v", ids)
	}
	topics, err := ParseTopics([]string{"opinion", "vehicle", "opinion"})
	if err != nil || !slices.Equal(topics, []string{"vehicle", "opinion"}) {
		t.Errorf("topics %v %v", topics, err)
	}
	if _, err := ParseTopics([]string{"weather"}); err == nil {
		t.Errorf("unknown topic accepted")
	}
	if got := TopicNames(EN, topics); got != "how the vehicle is doing, opinion of our service" {
		t.Errorf("names %q", got)
	}
}

// The call list text (FU-4, FU-6, SUR-2) in both languages.
func TestCallListText(t *testing.T) {
	st := DefaultSettings()
	day := at(2026, 12, 8, 0, 0)
	it := CallItem{Call: Call{ID: 7, Kind: CallSecond, Window: Window{Closes: at(2026, 12, 9, 0, 0)}, NextAt: at(2026, 12, 8, 15, 0),
		ServiceID: "radar", Work: "更换探头", DeliveredAt: at(2026, 11, 24, 10, 0), AvoidTopics: []string{"vehicle"},
		Survey: &SurveyResult{Scores: [4]int{5, 5, 4, 5}}, Attempts: []CallAttempt{{Outcome: OutcomeNoAnswer}}},
		CustomerName: "王五", Phone: "13900000001", PhoneMasked: "139****0001", Plate: "京B11111", Model: "比亚迪 汉 EV",
		NextMaint: at(2027, 2, 24, 0, 0), Promotions: []string{"冬季保养节 (12月20日 周日)"}, ClosesToday: true, Staff: "wang", Taker: "zhao"}
	sc := StaffCalls{Staff: "zhao", Name: "赵敏", Calls: []CallItem{it}}
	zh := CallListText(&st, sc, day, ZH)
	for _, want := range []string{"12月8日 周二 回访清单 · 赵敏：1 个电话，其中 1 个当天截止", "二次回访", "当天截止", "139****0001", "+8613900000001",
		"京B·11111 比亚迪 汉 EV", "倒车雷达安装：更换探头（11月24日 周二 交车）", "勿重复（FU-4）：车辆使用情况", "简短回访", "2027年2月24日",
		"冬季保养节", "约定时间：15:00", "1 次未接通", "代 王强"} {
		if !strings.Contains(zh, want) {
			t.Errorf("zh list lacks %q:\n%s", want, zh)
		}
	}
	en := CallListText(&st, sc, day, EN)
	for _, want := range []string{"Call list Tue 8 Dec", "Second follow-up", "last day", "Wed 24 Feb 2027", "Parking sensor installation", "short call", "Agreed time: 15:00", "(for 王强)"} {
		if !strings.Contains(en, want) {
			t.Errorf("en list lacks %q:\n%s", want, en)
		}
	}
}

// Callback data of call-list buttons: what CallData writes parses back,
// nothing else does, never over 64 bytes.
func FuzzParseCallData(f *testing.F) {
	for _, s := range []string{"call:ok:1", "call:na:2", "call:later:3", "call:note:18446744073709551615", "call:ok:0", "call:x:1", "call:ok:1:2", "call:ok:+1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		action, id, ok := ParseCallData(s)
		if !ok {
			return
		}
		if back := CallData(action, id); back != s || len(back) > MaxCallbackData || id == 0 {
			t.Errorf("%q parsed as %s %d, written back %q", s, action, id, back)
		}
	})
}
