package data

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// A simulated month on a fake clock, driven minute by minute: 200 visits
// delivered over December 2026, follow-up calls with random outcomes
// (reached, no answer, later, never), complaints answered late, early or
// never, surveys answered in the chat. It checks that
//   - every first and second call is made inside its window or recorded
//     missed, with the windows of FU-2 and FU-3 (across the month end);
//   - no call is twice on a day's list, and each list holds exactly the
//     calls due that day;
//   - complaint warnings, overdue notices and 2-day escalations fire at the
//     minutes an independent model of CMP-2, CMP-3, CMP-5 predicts;
//   - the supervisor's monthly summary (FU-8) equals counts made from the
//     raw records, on the month's last day and after the month.
func TestSimulatedMonthFU2FU3FU8CMP5(t *testing.T) {
	if testing.Short() {
		t.Skip("simulated month")
	}
	s, clock := newTestStore(t, noSync(), followUpStaff())
	st, _ := s.Settings()
	loc := st.Location()
	r := rand.New(rand.NewPCG(4, 2026))
	sim := &monthSim{t: t, s: s, st: st, r: r, actions: map[int64][]func(){},
		behaviour: map[uint64]string{}, fired: map[string]time.Time{}, cmpModel: map[uint64]*cmpPlan{}}

	monthStart, monthEnd := at(2026, 12, 1, 0, 0), at(2027, 1, 1, 0, 0)
	simEnd := at(2027, 1, 26, 0, 0)

	// 200 deliveries on the open days of December, by 150 customers.
	var days []time.Time
	for d := monthStart; d.Before(monthEnd); d = d.AddDate(0, 0, 1) {
		if !st.IsClosedDate(d) {
			days = append(days, d)
		}
	}
	for i := range 200 {
		d := days[r.IntN(len(days))]
		h := st.Hours[d.Weekday()]
		when := d.Add(time.Duration(int(h.Open)+60+r.IntN(int(h.Close-h.Open)-120)) * time.Minute)
		cust := r.IntN(150)
		chat := int64(0)
		if cust%2 == 0 {
			chat = 10000 + int64(cust)
		}
		lang := fo.ZH
		if cust%7 == 3 {
			lang = fo.EN
		}
		phone, plate := fmt.Sprintf("1390000%04d", cust), fmt.Sprintf("京C%05d", i)
		sim.at(when, func() { deliver(t, s, phone, plate, chat, lang) })
	}
	// Staff work the lists at 10:00 on open days.
	for d := at(2026, 12, 1, 0, 0); d.Before(simEnd); d = d.AddDate(0, 0, 1) {
		if !st.IsClosedDate(d) {
			sim.at(d.Add(10*time.Hour), sim.workLists)
		}
	}
	// 30 complaints at any hour, by customers with a chat.
	for range 30 {
		when := monthStart.Add(time.Duration(r.IntN(30*24*60)) * time.Minute)
		cust := 2 * r.IntN(75)
		major := r.IntN(4) == 0
		sim.at(when, func() {
			c, err := s.FileComplaint(fo.ComplaintRequest{Channel: fo.ChannelBot, Category: fo.ComplaintCategories[r.IntN(5)],
				Text: "模拟投诉", Major: major, ChatID: 10000 + int64(cust), Customer: fo.CustomerInput{Phone: fmt.Sprintf("1390000%04d", cust), Name: "客户"}})
			if err != nil {
				t.Fatal(err)
			}
			sim.planComplaint(c)
		})
	}
	// The month's last day, 16:00: the summary as the job sends it.
	sim.at(at(2026, 12, 31, 16, 0), func() {
		m, err := s.SendMonthlySummary(clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		sim.checkSummary(m, monthStart, monthEnd, "on the last day")
	})

	next := peekDue(s) // the due index changes only through actions and runs
	for now := at(2026, 11, 30, 0, 0); now.Before(simEnd); now = now.Add(time.Minute) {
		clock.Set(now)
		acted := len(sim.actions[now.Unix()]) > 0
		for i := 0; i < len(sim.actions[now.Unix()]); i++ { // actions may add actions
			sim.actions[now.Unix()][i]()
		}
		delete(sim.actions, now.Unix())
		if acted {
			next = peekDue(s)
		}
		ran := next != 0 && next <= tkey(now.Add(59*time.Second))
		if ran {
			if _, err := s.RunDue(now.Add(59 * time.Second)); err != nil {
				t.Fatal(err)
			}
			next = peekDue(s)
		}
		if ran || acted {
			sim.scan(now)
		}
	}

	// FU-2, FU-3: every call in its window or missed.
	calls := sim.allCalls()
	firsts, seconds := 0, 0
	for _, c := range calls {
		switch c.Status {
		case fo.CallDone:
			if !c.InWindow(c.DoneAt) {
				t.Errorf("call %d done %v outside %v..%v", c.ID, c.DoneAt, c.Opens, c.Closes)
			}
		case fo.CallMissed:
			if !c.MissedAt.Equal(c.Closes) || slices.ContainsFunc(c.Attempts, func(a fo.CallAttempt) bool { return a.Outcome == fo.OutcomeReached }) {
				t.Errorf("call %d missed %+v", c.ID, c)
			}
			if sim.fired[fmt.Sprintf("call:%d:closing", c.ID)].IsZero() {
				t.Errorf("missed call %d was not brought to the supervisor", c.ID)
			}
		default:
			t.Errorf("call %d still %s after the simulation", c.ID, c.Status)
		}
		switch c.Kind {
		case fo.CallFirst:
			firsts++
			want := fo.DayWindow(c.DeliveredAt, 2, 3, 7, loc)
			if c.Window != want {
				t.Errorf("first call %d window %+v, want %+v", c.ID, c.Window, want)
			}
		case fo.CallSecond:
			seconds++
			prev := calls[c.PrevCallID]
			base := prev.DoneAt
			if prev.Status == fo.CallMissed {
				base = prev.Closes.Add(-time.Second)
			}
			if want := fo.DayWindow(base, 7, 7, 14, loc); c.Window != want || !slices.Equal(c.AvoidTopics, prev.Topics) {
				t.Errorf("second call %d window %+v, want %+v (after %d)", c.ID, c.Window, want, prev.ID)
			}
		}
	}
	if firsts != 200 || seconds != 200 {
		t.Errorf("%d first and %d second calls, want 200 each", firsts, seconds)
	}
	// CMP-2, CMP-3, CMP-5: escalations at the predicted minutes.
	want := map[string]time.Time{}
	for id, p := range sim.cmpModel {
		for k, at := range p.expected(simEnd) {
			want[fmt.Sprintf("cmp:%d:%s", id, k)] = at
		}
	}
	for k, at := range want {
		if got := sim.fired[k]; !got.Equal(at) {
			t.Errorf("%s fired at %v, want %v", k, got.In(loc), at.In(loc))
		}
	}
	for k, got := range sim.fired {
		if kind := strings.Split(k, ":"); kind[0] == "cmp" && (kind[2] == "warn" || kind[2] == "overdue" || kind[2] == "stale") && want[k].IsZero() {
			t.Errorf("unexpected %s at %v", k, got.In(loc))
		}
	}
	if len(want) < 30 {
		t.Errorf("only %d escalations predicted: the simulation is too gentle", len(want))
	}
	// FU-8 after the month: every call of it decided.
	m, err := s.MonthlySummary(at(2026, 12, 15, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	sim.checkSummary(m, monthStart, monthEnd, "after the month")
	if m.CallsMissed == 0 || m.CallsDoneInWindow == 0 || m.Surveys == 0 || m.Complaints < 30 || m.LowSurveys == 0 {
		t.Errorf("summary too thin to test: %+v", m)
	}
	t.Logf("summary %+v; %d list checks, %d escalations", m, sim.lists, len(want))
}

type monthSim struct {
	t         *testing.T
	s         *Store
	st        fo.Settings
	r         *rand.Rand
	actions   map[int64][]func()   // Unix minute → what staff and customers do then
	behaviour map[uint64]string    // call id → reached, na1..na3, later, never
	fired     map[string]time.Time // message key (without the chat) → minute first seen
	cmpModel  map[uint64]*cmpPlan
	seq       uint64 // last outbox sequence scanned
	lists     int
}

func (m *monthSim) at(when time.Time, fn func()) {
	k := when.Truncate(time.Minute).Unix()
	m.actions[k] = append(m.actions[k], fn)
}

// peekDue returns the time of the first entry of the due index, 0 when
// it is empty.
func peekDue(s *Store) uint64 {
	var next uint64
	s.db.View(func(tx *bolt.Tx) error {
		if k, _ := tx.Bucket(bDue).Cursor().First(); k != nil {
			next = btou(k[:8])
		}
		return nil
	})
	return next
}

// runDueMinute does what the scheduler's due job does in the minute now
// (RunDue up to its end), when the due index has anything by then; it
// reports whether it ran.
func runDueMinute(t testing.TB, s *Store, now time.Time) bool {
	end := now.Truncate(time.Minute).Add(59 * time.Second)
	if next := peekDue(s); next == 0 || next > tkey(end) {
		return false
	}
	if _, err := s.RunDue(end); err != nil {
		t.Fatal(err)
	}
	return true
}

// scan notes the messages enqueued since the last scan, and answers the
// surveys that went out.
func (m *monthSim) scan(now time.Time) {
	m.s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bOutbox).Cursor()
		for k, v := c.Seek(u64(m.seq + 1)); k != nil; k, v = c.Next() {
			m.seq = btou(k)
			var r outboxRecord
			jsonUnmarshal(v, &r)
			key, _, _ := strings.Cut(r.Key, ":c:")
			if _, ok := m.fired[key]; !ok {
				m.fired[key] = now
			}
			if strings.HasPrefix(key, "sv:") && strings.HasSuffix(key, ":q0") {
				id, _ := strconv.ParseUint(strings.Split(key, ":")[1], 10, 64)
				m.planSurvey(id, r.ChatID, now)
			}
		}
		return nil
	})
}

// workLists is the staff's morning: every list of today, checked, worked
// through in order.
func (m *monthSim) workLists() {
	t, s := m.t, m.s
	now := s.now()
	l, err := s.CallList(now)
	if err != nil {
		t.Fatal(err)
	}
	m.lists++
	var got []uint64
	for _, sc := range l.Staff {
		for _, it := range sc.Calls {
			got = append(got, it.Call.ID)
		}
	}
	// Exactly the open calls showing today, each once.
	dayStart, dayEnd := fo.DayStart(now, m.st.Location()), fo.DayStart(now, m.st.Location()).AddDate(0, 0, 1)
	var want []uint64
	for _, c := range m.allCalls() {
		if c.Status == fo.CallOpen && c.NextAt.Before(dayEnd) && c.Closes.After(dayStart) {
			want = append(want, c.ID)
		}
	}
	slices.Sort(want)
	sorted := slices.Sorted(slices.Values(got))
	if !slices.Equal(sorted, want) || len(slices.Compact(slices.Clone(sorted))) != len(got) {
		t.Errorf("%s: list %v, want %v", now.Format(time.DateOnly), got, want)
	}
	for i, id := range got {
		b, ok := m.behaviour[id]
		if !ok {
			b = []string{"reached", "reached", "reached", "reached", "na1", "na2", "na3", "later", "later", "never"}[m.r.IntN(10)]
			m.behaviour[id] = b
		}
		c, _ := s.Call(id)
		tries := len(c.Attempts)
		out := fo.CallOutcome{CallID: id, Staff: c.Staff, Outcome: fo.OutcomeReached, Topics: fo.CallTopics[:1+m.r.IntN(3)]}
		switch {
		case b == "never", strings.HasPrefix(b, "na") && tries < int(b[2]-'0'):
			out.Outcome = fo.OutcomeNoAnswer
		case b == "later" && tries == 0:
			out.Outcome, out.Later = fo.OutcomeLater, now.Add(6*time.Hour)
			m.at(out.Later, func() {
				if _, err := s.RecordCall(fo.CallOutcome{CallID: id, Staff: c.Staff, Outcome: fo.OutcomeReached}); err != nil {
					t.Errorf("call %d at the agreed time: %v", id, err)
				}
			})
		}
		if _, err := s.RecordCall(out); err != nil {
			t.Errorf("call %d (%d of the list): %v", id, i, err)
		}
	}
}

// planSurvey answers most surveys two hours after they came, a few with a
// low score.
func (m *monthSim) planSurvey(id uint64, chat int64, now time.Time) {
	if m.r.IntN(5) == 0 {
		return
	}
	scores := [4]int{3 + m.r.IntN(3), 3 + m.r.IntN(3), 3 + m.r.IntN(3), 3 + m.r.IntN(3)}
	if m.r.IntN(6) == 0 {
		scores[m.r.IntN(4)] = 1 + m.r.IntN(2)
	}
	m.at(now.Add(2*time.Hour), func() {
		for q, sc := range scores {
			if _, err := m.s.AnswerSurvey(fo.SurveyAnswer{SurveyID: id, Q: q, Score: sc, ChatID: chat}); err != nil {
				m.t.Fatal(err)
			}
		}
		sv, err := m.s.AnswerSurvey(fo.SurveyAnswer{SurveyID: id, Q: fo.QComment, ChatID: chat})
		if err != nil {
			m.t.Fatal(err)
		}
		if sv.ComplaintID != 0 {
			c, _ := m.s.Complaint(sv.ComplaintID)
			m.planComplaint(c)
		}
	})
}

// cmpPlan is what staff will do with a complaint, and an independent model
// of when its warnings and escalations must fire.
type cmpPlan struct {
	filed   time.Time
	answer  time.Duration // after filing (or reopening); 0: never answered
	hours   time.Duration // CMP-3
	reopen  bool          // the first answer leaves the customer dissatisfied
	answer2 time.Duration
	closed  time.Time
	reopens []time.Time
	periods [][2]time.Time // unanswered from, answered at (zero: never)
}

func (m *monthSim) planComplaint(c fo.Complaint) {
	s, t := m.s, m.t
	p := &cmpPlan{filed: c.FiledAt, hours: 24 * time.Hour}
	if c.Major {
		p.hours = 4 * time.Hour
	}
	choices := []time.Duration{0, 30 * time.Minute, 2 * time.Hour, 10 * time.Hour, 20 * time.Hour, 30 * time.Hour, 60 * time.Hour, 110 * time.Hour}
	p.answer = choices[m.r.IntN(len(choices))]
	p.reopen = m.r.IntN(3) == 0
	p.answer2 = choices[1+m.r.IntN(len(choices)-1)]
	m.cmpModel[c.ID] = p
	chat := c.ChatID
	if chat == 0 {
		cust, _ := s.Customer(c.CustomerID)
		chat = cust.ChatID
	}
	if p.answer == 0 {
		p.periods = append(p.periods, [2]time.Time{c.FiledAt, {}})
		return
	}
	a1 := c.FiledAt.Add(p.answer)
	p.periods = append(p.periods, [2]time.Time{c.FiledAt, a1})
	m.at(a1, func() {
		if _, err := s.AnswerComplaint(fo.AnswerRequest{ID: c.ID, Staff: "li", Text: "答复"}); err != nil {
			t.Fatal(err)
		}
	})
	v1 := a1.Add(time.Hour)
	m.at(v1, func() {
		if _, err := s.RecordVerdict(fo.VerdictRequest{ID: c.ID, Satisfied: !p.reopen, ChatID: chat}); err != nil {
			t.Fatal(err)
		}
	})
	if !p.reopen {
		p.closed = v1
		return
	}
	p.reopens = append(p.reopens, v1)
	a2 := v1.Add(p.answer2)
	p.periods = append(p.periods, [2]time.Time{v1, a2})
	m.at(a2, func() {
		if _, err := s.AnswerComplaint(fo.AnswerRequest{ID: c.ID, Staff: "zhao", Text: "主管答复"}); err != nil {
			t.Fatal(err)
		}
	})
	p.closed = a2.Add(time.Hour)
	m.at(p.closed, func() {
		if _, err := s.RecordVerdict(fo.VerdictRequest{ID: c.ID, Satisfied: true, ChatID: chat}); err != nil {
			t.Fatal(err)
		}
	})
}

// expected returns "warn:<unix>", "overdue:<unix>" and "stale:<unix>" →
// the minute each must fire, before end. Staff act before the minute's
// due run, so an answer in the same minute prevents a warning.
func (p *cmpPlan) expected(end time.Time) map[string]time.Time {
	out := map[string]time.Time{}
	add := func(kind string, at time.Time) {
		if at.Before(end) {
			out[kind+":"+strconv.FormatInt(at.Unix(), 10)] = at
		}
	}
	for _, per := range p.periods {
		warn, due := per[0].Add(p.hours*3/4), per[0].Add(p.hours)
		if per[1].IsZero() || per[1].After(warn) {
			add("warn", warn)
		}
		if per[1].IsZero() || per[1].After(due) {
			add("overdue", due)
		}
	}
	stale := p.filed.Add(48 * time.Hour)
	reopens := slices.Clone(p.reopens)
	for stale.Before(end) {
		if len(reopens) > 0 && !reopens[0].After(stale) {
			stale, reopens = reopens[0].Add(48*time.Hour), reopens[1:]
			continue
		}
		if !p.closed.IsZero() && !p.closed.After(stale) {
			break
		}
		add("stale", stale)
		stale = stale.Add(48 * time.Hour)
	}
	return out
}

// allCalls reads every call from the bucket.
func (m *monthSim) allCalls() map[uint64]fo.Call {
	out := map[uint64]fo.Call{}
	m.s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bCalls).ForEach(func(k, v []byte) error {
			var c fo.Call
			jsonUnmarshal(v, &c)
			out[c.ID] = c
			return nil
		})
	})
	return out
}

// checkSummary compares the summary with counts made from every record.
func (m *monthSim) checkSummary(got fo.MonthlySummary, from, to time.Time, when string) {
	want := fo.MonthlySummary{Month: "2026-12", ByCategory: map[string]int{}}
	for _, c := range m.allCalls() {
		if c.Kind == fo.CallPromo || !c.Closes.After(from) || c.Closes.After(to) {
			continue
		}
		want.CallsDue++
		switch c.Status {
		case fo.CallDone:
			want.CallsDoneInWindow++
		case fo.CallMissed:
			want.CallsMissed++
		default:
			want.CallsOpen++
		}
	}
	var sums [4]int
	m.s.db.View(func(tx *bolt.Tx) error {
		tx.Bucket(bComplaints).ForEach(func(k, v []byte) error {
			if len(k) != 8 {
				return nil
			}
			var c fo.Complaint
			jsonUnmarshal(v, &c)
			if c.FiledAt.Before(from) || !c.FiledAt.Before(to) {
				return nil
			}
			want.Complaints++
			want.ByCategory[c.Category]++
			if !c.FirstAnsweredAt.IsZero() && !c.FirstAnsweredAt.After(c.FirstDueAt) {
				want.AnsweredInTime++
			}
			switch {
			case c.Status != fo.CmpClosed:
				want.StillOpen++
			case c.Verdict == fo.VerdictSatisfied:
				want.Satisfied++
			default:
				want.Dissatisfied++
			}
			return nil
		})
		return tx.Bucket(bSurveys).ForEach(func(k, v []byte) error {
			if bytes.HasPrefix(k, []byte("V")) {
				return nil
			}
			var sv fo.Survey
			jsonUnmarshal(v, &sv)
			if sv.Status != fo.SurveyDone || sv.DoneAt.Before(from) || !sv.DoneAt.Before(to) {
				return nil
			}
			want.Surveys++
			low := false
			for i, sc := range sv.Scores {
				sums[i] += sc
				low = low || sc <= 2
			}
			if low {
				want.LowSurveys++
			}
			return nil
		})
	})
	for i := range sums {
		if want.Surveys > 0 {
			want.SurveyAverages[i] = float64(sums[i]) / float64(want.Surveys)
		}
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		m.t.Errorf("summary %s:\n got %+v\nwant %+v", when, got, want)
	}
}
