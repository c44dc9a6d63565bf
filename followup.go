package frontoffice

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Follow-up call windows, in days after the event that opens them, both
// days included (FU-2, FU-3).
const (
	FirstCallFromDay  = 2  // FU-2: 2 days to 1 week after the vehicle left
	FirstCallToDay    = 7  // FU-2
	SecondCallFromDay = 7  // FU-3: in the 7 days after one week from the first call
	SecondCallToDay   = 14 // FU-3
	// PromoCallDays is how many days a promotion call stays on the list
	// before the formal letter follows (FU-6: letter within 2 days).
	PromoCallDays = 2
)

// Window is when a call may be made: from Opens up to (not including)
// Closes. Target is when it first shows on the call list.
type Window struct {
	Opens  time.Time `json:"opens"`
	Target time.Time `json:"target"`
	Closes time.Time `json:"closes"`
}

// DayWindow returns the window of days from..to after base's calendar day
// (both included) in loc, showing on the list from day target.
func DayWindow(base time.Time, from, target, to int, loc *time.Location) Window {
	d := DayStart(base, loc)
	return Window{Opens: d.AddDate(0, 0, from).UTC(), Target: d.AddDate(0, 0, target).UTC(), Closes: d.AddDate(0, 0, to+1).UTC()}
}

// FirstCallWindow is the window of the first follow-up call of a vehicle
// delivered at delivered: day 2 to day 7 after it, on the list from the
// target day (FU-2).
func (s *Settings) FirstCallWindow(delivered time.Time) Window {
	target := min(max(s.AfterSales.WithDefaults().FirstCallTargetDay, FirstCallFromDay), FirstCallToDay)
	return DayWindow(delivered, FirstCallFromDay, target, FirstCallToDay, s.Location())
}

// SecondCallWindow is the window of the second follow-up call after a first
// call on day first: day 7 to day 14 after it (FU-3).
func (s *Settings) SecondCallWindow(first time.Time) Window {
	return DayWindow(first, SecondCallFromDay, SecondCallFromDay, SecondCallToDay, s.Location())
}

// CallKind says why a call is made.
type CallKind string

// Call kinds.
const (
	CallFirst  CallKind = "first"  // FU-2
	CallSecond CallKind = "second" // FU-3
	CallPromo  CallKind = "promo"  // FU-6, customers without a linked chat
	// CallStationCheck asks a station's customer about its work (NET-4).
	CallStationCheck CallKind = "station"
)

// CallStatus is where a call stands.
type CallStatus string

// Call statuses.
const (
	CallOpen   CallStatus = "open"   // on the lists while its window lasts
	CallDone   CallStatus = "done"   // the customer was reached
	CallMissed CallStatus = "missed" // the window closed unattended (FU-2)
)

// Call outcomes staff record (FU-5, FU-7).
const (
	OutcomeReached  = "reached"
	OutcomeNoAnswer = "no_answer" // back on tomorrow's list while the window lasts
	OutcomeLater    = "later"     // the customer asked for another time (FU-9)
	OutcomeNote     = "note"      // a note, no call made
)

// Call topics (FU-4). The second call does not repeat the first's.
var CallTopics = []string{"vehicle", "opinion", "needs", "tips", "services", "promotions", "maintenance"}

// ParseTopics checks topics against CallTopics and returns them without
// duplicates, in CallTopics order.
func ParseTopics(topics []string) ([]string, error) {
	var out []string
	for _, t := range CallTopics {
		if slices.Contains(topics, t) {
			out = append(out, t)
		}
	}
	for _, t := range topics {
		if !slices.Contains(CallTopics, t) {
			return nil, Errorf(EINVALID, "err.call.topic")
		}
	}
	return out, nil
}

// CallAttempt is one recorded outcome of a call (FU-5, FU-7).
type CallAttempt struct {
	At      time.Time `json:"at"`
	By      string    `json:"by"`
	Outcome string    `json:"outcome"`
	Notes   string    `json:"notes,omitempty"`
	Topics  []string  `json:"topics,omitempty"`
	Later   time.Time `json:"later,omitzero"`
}

// Call is a follow-up call to make (跟踪服务电话): the first after a
// delivery (FU-2), the second after the first (FU-3), or a promotion call
// (FU-6). It is on the call list of every day from NextAt's day while its
// window lasts and it is open.
type Call struct {
	ID          uint64     `json:"id"`
	Kind        CallKind   `json:"kind"`
	Status      CallStatus `json:"status"`
	CustomerID  uint64     `json:"customer_id"`
	VehicleID   uint64     `json:"vehicle_id,omitempty"`
	VisitID     uint64     `json:"visit_id,omitempty"`
	PromotionID uint64     `json:"promotion_id,omitempty"`
	PrevCallID  uint64     `json:"prev_call_id,omitempty"`
	// StationJobID is the station's job a station check asks about (NET-4).
	StationJobID uint64 `json:"station_job_id,omitempty"`
	// Staff is the designated follow-up staff member when the call was
	// made; the list goes by the customer's current one (FU-1).
	Staff string `json:"staff"`
	Window
	// NextAt is when the call next shows: the target day, tomorrow after no
	// answer, the agreed time after "later".
	NextAt time.Time `json:"next_at"`
	// What was done: the visit's service, work and delivery (display copy).
	ServiceID   string    `json:"service_id,omitempty"`
	Work        string    `json:"work,omitempty"`
	DeliveredAt time.Time `json:"delivered_at,omitzero"`
	// AvoidTopics are the earlier call's topics (FU-4).
	AvoidTopics []string      `json:"avoid_topics,omitempty"`
	Topics      []string      `json:"topics,omitempty"` // covered, when reached
	Survey      *SurveyResult `json:"survey,omitempty"` // SUR-2
	Attempts    []CallAttempt `json:"attempts,omitempty"`
	DoneAt      time.Time     `json:"done_at,omitzero"`
	DoneBy      string        `json:"done_by,omitempty"`
	MissedAt    time.Time     `json:"missed_at,omitzero"`
	CreatedAt   time.Time     `json:"created_at"`
	UpdatedAt   time.Time     `json:"updated_at"`
}

// InWindow reports whether t is inside the call's window.
func (c *Call) InWindow(t time.Time) bool { return !t.Before(c.Opens) && t.Before(c.Closes) }

// Short reports whether the call may be a short one: the customer rated
// every survey question 4 or 5 and left no comment (SUR-2).
func (c *Call) Short() bool { return c.Survey != nil && c.Survey.Short() }

// CallItem is one line of a call list: the call and what the caller needs
// to know (FU-4, FU-6).
type CallItem struct {
	Call         Call      `json:"call"`
	CustomerName string    `json:"customer_name"`
	Phone        string    `json:"phone"`        // full, for staff tap-to-call only
	PhoneMasked  string    `json:"phone_masked"` // for display
	Lang         Lang      `json:"lang"`
	Plate        string    `json:"plate,omitempty"`
	Model        string    `json:"model,omitempty"`
	NextMaint    time.Time `json:"next_maintenance,omitzero"`
	Promotions   []string  `json:"promotions,omitempty"` // current promotions, titles in zh
	// Staff is the designated follow-up staff member whose call this is;
	// Taker who makes it that day (their substitute while they are away,
	// FU-1).
	Staff string `json:"staff"`
	Taker string `json:"taker"`
	// ClosesToday is set on the window's last day.
	ClosesToday bool `json:"closes_today,omitempty"`
}

// StaffCalls is one staff member's calls of a day, most urgent first.
type StaffCalls struct {
	Staff string     `json:"staff"`
	Name  string     `json:"name"`
	Calls []CallItem `json:"calls"`
}

// CallList is the day's call list: per staff member, the calls due, most
// urgent window first (FU-2, FU-3).
type CallList struct {
	Day   time.Time    `json:"day"`
	Staff []StaffCalls `json:"staff"`
}

// Len returns how many calls the list holds.
func (l CallList) Len() int {
	n := 0
	for _, s := range l.Staff {
		n += len(s.Calls)
	}
	return n
}

// SortCallItems orders calls most urgent first: the window closing
// soonest, then the earliest agreed time, then the oldest call.
func SortCallItems(items []CallItem) {
	slices.SortFunc(items, func(a, b CallItem) int {
		return cmp.Or(a.Call.Closes.Compare(b.Call.Closes), a.Call.NextAt.Compare(b.Call.NextAt), cmp.Compare(a.Call.ID, b.Call.ID))
	})
}

// TopicNames writes topics in lang, separated by "、" or ", ".
func TopicNames(lang Lang, topics []string) string {
	names := make([]string, len(topics))
	for i, t := range topics {
		names[i] = Texts.T(lang, "topic."+t)
	}
	if lang == EN {
		return strings.Join(names, ", ")
	}
	return strings.Join(names, "、")
}

// CallItemText is one call of the list as staff read it: kind and window,
// customer with the masked phone and, for tap-to-call, the full number
// (staff chats only; left out when it.Phone is empty), vehicle, what was done, topics to avoid (FU-4), the
// survey's answers (SUR-2), next maintenance and current promotions (FU-6).
func CallItemText(st *Settings, it CallItem, day time.Time, lang Lang) string {
	loc := st.Location()
	c := it.Call
	var b strings.Builder
	last := c.Closes.Add(-time.Hour)
	b.WriteString(Texts.T(lang, "call.head", Texts.T(lang, "call.kind."+string(c.Kind)), FormatDay(lang, last, loc)))
	if it.ClosesToday {
		b.WriteString(Texts.T(lang, "call.closes_today"))
	}
	line := func(key string, args ...any) {
		b.WriteString("\n")
		b.WriteString(Texts.T(lang, key, args...))
	}
	if it.Phone != "" {
		line("call.customer", it.CustomerName, it.PhoneMasked, "+86"+it.Phone)
	} else {
		line("call.customer_masked", it.CustomerName, it.PhoneMasked)
	}
	if it.Plate != "" {
		line("call.vehicle", strings.TrimSpace(FormatPlate(it.Plate)+" "+it.Model))
	}
	switch {
	case c.Kind == CallPromo:
		line("call.promo_about", c.Work)
	case c.Kind == CallStationCheck: // NET-4: Work names the station, the job and its day
		line("call.station_about", c.Work)
	case !c.DeliveredAt.IsZero():
		sv, _ := st.Service(c.ServiceID)
		what := sv.Name(lang)
		if c.Work != "" && c.Work != sv.NameZh {
			what = strings.TrimSpace(what + "：" + c.Work)
		}
		line("call.done", what, FormatDay(lang, c.DeliveredAt, loc))
	}
	if len(c.AvoidTopics) > 0 {
		line("call.avoid", TopicNames(lang, c.AvoidTopics))
	}
	if c.Survey != nil {
		r := c.Survey
		key := "call.survey"
		if r.Short() {
			key = "call.survey_short"
		}
		line(key, r.Scores[0], r.Scores[1], r.Scores[2], r.Scores[3], r.Comment)
		if r.Ticket != "" {
			line("call.survey_ticket", r.Ticket)
		}
	}
	if !it.NextMaint.IsZero() {
		d := FormatDay(lang, it.NextMaint, loc)
		if y := it.NextMaint.In(loc).Year(); y != day.In(loc).Year() && lang == EN {
			d += " " + strconv.Itoa(y)
		} else if y != day.In(loc).Year() {
			d = strconv.Itoa(y) + "年" + d
		}
		line("call.maint", d)
	}
	if len(it.Promotions) > 0 {
		line("call.promos", strings.Join(it.Promotions, "；"))
	}
	if next := c.NextAt.In(loc); DayStart(next, loc).Equal(DayStart(day, loc)) && !next.Equal(DayStart(next, loc)) {
		line("call.agreed", next.Format("15:04"))
	}
	tries := 0
	for _, a := range c.Attempts {
		if a.Outcome == OutcomeNoAnswer {
			tries++
		}
	}
	if tries > 0 {
		line("call.tried", tries)
	}
	if it.Staff != "" && it.Taker != "" && it.Staff != it.Taker {
		line("call.for", st.StaffName(it.Staff))
	}
	return b.String()
}

// CallListHeader is the head of a staff member's call list: the day, the
// name, how many calls and how many of them close today.
func CallListHeader(st *Settings, sc StaffCalls, day time.Time, lang Lang) string {
	closing := 0
	for _, it := range sc.Calls {
		if it.ClosesToday {
			closing++
		}
	}
	head := Texts.T(lang, "calls.head", FormatDay(lang, day, st.Location()), sc.Name, len(sc.Calls), closing)
	if st.IsClosedDate(day) {
		head += Texts.T(lang, "calls.closed_day")
	}
	return head
}

// CallListText is a staff member's call list as plain text (the CLI): the
// header and every call.
func CallListText(st *Settings, sc StaffCalls, day time.Time, lang Lang) string {
	var b strings.Builder
	b.WriteString(CallListHeader(st, sc, day, lang))
	for i, it := range sc.Calls {
		b.WriteString("\n\n")
		b.WriteString(strconv.Itoa(i+1) + ". ")
		b.WriteString(CallItemText(st, it, day, lang))
	}
	return b.String()
}

// CallData returns the callback data of a call-list button: action ok
// (reached), na (no answer), later or note, for call id.
func CallData(action string, id uint64) string {
	return "call:" + action + ":" + strconv.FormatUint(id, 10)
}

// ParseCallData parses "call:<action>:<id>" with action ok, na, later or
// note. It accepts only what CallData writes.
func ParseCallData(s string) (action string, id uint64, ok bool) {
	return parseActionData(s, "call", "ok", "na", "later", "note")
}

// CallOutcome is what staff record about a call (FU-5, FU-7).
type CallOutcome struct {
	Idem    string
	CallID  uint64
	Outcome string // OutcomeReached, OutcomeNoAnswer, OutcomeLater, OutcomeNote
	Notes   string
	Topics  []string  // reached: the topics covered (FU-4)
	Later   time.Time // later: when to call again, inside the window (FU-9)
	// Requests and Complaints heard on a call the customer was reached on
	// (FU-5): each request becomes a Task, each complaint a Complaint
	// (CMP-1).
	Requests   []string
	Complaints []string
	Staff      string // who called (staff id)
}
