package frontoffice

import (
	"strconv"
	"strings"
	"time"
)

// AfterSales are the shop's settings for complaints (CMP-3), follow-up
// calls (FU-1, FU-2) and surveys (SUR-1). A zero field means its default
// (see DefaultAfterSales), so that data files written before a field
// existed keep working: read the values through WithDefaults.
type AfterSales struct {
	// ComplaintGeneralHours and ComplaintMajorHours are the answer
	// deadlines (CMP-3 defaults: 24 and 4 hours). A complaint is major when
	// it is about safety or the vehicle cannot be used.
	ComplaintGeneralHours int `json:"complaint_general_hours"`
	ComplaintMajorHours   int `json:"complaint_major_hours"`
	// ComplaintBusinessHours makes the deadline clock run only while the
	// shop is open. Off by default: the customer is told a clock time
	// (CMP-2) and reads "within 24 hours" as 24 hours; a major complaint is
	// about safety or a vehicle that cannot be used and must not wait for
	// Monday; escalations reach the supervisor's phone in any case.
	ComplaintBusinessHours bool `json:"complaint_business_hours"`
	// ComplaintWarnPercent is the share of the answer time after which the
	// assignee is warned (default 75: 6 h before a 24 h deadline, 1 h
	// before a 4 h one).
	ComplaintWarnPercent int `json:"complaint_warn_percent"`
	// FirstCallTargetDay is the day after delivery on which the first
	// follow-up call first shows on the call list (FU-2 default: day 3,
	// within the window of day 2 to day 7).
	FirstCallTargetDay int `json:"first_call_target_day"`
	// SurveyAfterDays is how many days after delivery the in-chat
	// satisfaction survey goes out (SUR-1, default 1).
	SurveyAfterDays int `json:"survey_after_days"`
	// MessagesAt is the time of day at which scheduled, non-urgent
	// customer messages go out: surveys, promotion notices (default 10:00;
	// 00:00 means the default).
	MessagesAt HM `json:"messages_at"`
	// Absences mark follow-up staff away; their calls go to the substitute
	// the supervisor chose (FU-1).
	Absences []Absence `json:"absences,omitempty"`
}

// Absence marks a follow-up staff member away from From to To (both
// YYYY-MM-DD in the shop's zone and included; To empty: until further
// notice). Their calls go to Substitute, whom the supervisor assigns; with
// no substitute they go to the supervisor (FU-1).
type Absence struct {
	Staff      string `json:"staff"`
	Substitute string `json:"substitute,omitempty"`
	From       string `json:"from"`
	To         string `json:"to,omitempty"`
}

// DefaultAfterSales returns the defaults of the after-sales settings.
func DefaultAfterSales() AfterSales {
	return AfterSales{
		ComplaintGeneralHours: 24, ComplaintMajorHours: 4, ComplaintWarnPercent: 75,
		FirstCallTargetDay: 3, SurveyAfterDays: 1, MessagesAt: 10 * 60,
	}
}

// WithDefaults returns a with every zero field set to its default.
func (a AfterSales) WithDefaults() AfterSales {
	d := DefaultAfterSales()
	set := func(v *int, def int) {
		if *v == 0 {
			*v = def
		}
	}
	set(&a.ComplaintGeneralHours, d.ComplaintGeneralHours)
	set(&a.ComplaintMajorHours, d.ComplaintMajorHours)
	set(&a.ComplaintWarnPercent, d.ComplaintWarnPercent)
	set(&a.FirstCallTargetDay, d.FirstCallTargetDay)
	set(&a.SurveyAfterDays, d.SurveyAfterDays)
	if a.MessagesAt == 0 {
		a.MessagesAt = d.MessagesAt
	}
	return a
}

// check returns what is wrong with the after-sales settings, "" when
// nothing. Zero values are allowed (they mean the default).
func (a AfterSales) check(s *Settings) string {
	switch {
	case a.ComplaintGeneralHours < 0 || a.ComplaintGeneralHours > 7*24:
		return "complaint_general_hours must be 1..168 (CMP-3)"
	case a.ComplaintMajorHours < 0 || a.ComplaintMajorHours > a.WithDefaults().ComplaintGeneralHours:
		return "complaint_major_hours must be 1..complaint_general_hours (CMP-3)"
	case a.ComplaintWarnPercent < 0 || a.ComplaintWarnPercent > 95 || (a.ComplaintWarnPercent > 0 && a.ComplaintWarnPercent < 10):
		return "complaint_warn_percent must be 10..95"
	case a.FirstCallTargetDay < 0 || (a.FirstCallTargetDay > 0 && (a.FirstCallTargetDay < FirstCallFromDay || a.FirstCallTargetDay > FirstCallToDay)):
		return "first_call_target_day must be 2..7 (FU-2)"
	case a.SurveyAfterDays < 0 || a.SurveyAfterDays > 14:
		return "survey_after_days must be 1..14 (SUR-1)"
	case a.MessagesAt < 0 || a.MessagesAt >= 24*60:
		return "messages_at must be within the day"
	}
	for _, ab := range a.Absences {
		m, ok := s.StaffMember(ab.Staff)
		if !ok || !m.Has(RoleFollowUp) {
			return "absence of " + strconv.Quote(ab.Staff) + ": not a follow-up staff member (FU-1)"
		}
		if _, ok := s.StaffMember(ab.Substitute); ab.Substitute != "" && (!ok || ab.Substitute == ab.Staff) {
			return "absence of " + ab.Staff + ": substitute " + strconv.Quote(ab.Substitute) + " is not another staff member"
		}
		from, err := time.Parse(time.DateOnly, ab.From)
		if err != nil {
			return "absence of " + ab.Staff + ": from " + strconv.Quote(ab.From) + " is not YYYY-MM-DD"
		}
		if ab.To != "" {
			if to, err := time.Parse(time.DateOnly, ab.To); err != nil || to.Before(from) {
				return "absence of " + ab.Staff + ": to must be YYYY-MM-DD on or after from"
			}
		}
	}
	return ""
}

// StaffMember returns the staff member with id.
func (s *Settings) StaffMember(id string) (StaffMember, bool) {
	for _, m := range s.Staff {
		if m.ID == id && id != "" {
			return m, true
		}
	}
	return StaffMember{}, false
}

// StaffWith returns the staff members having role, in settings order.
func (s *Settings) StaffWith(role string) []StaffMember {
	var out []StaffMember
	for _, m := range s.Staff {
		if m.Has(role) {
			out = append(out, m)
		}
	}
	return out
}

// SupervisorID returns the ID of the first supervisor, "" when there is
// none.
func (s *Settings) SupervisorID() string {
	if sv := s.StaffWith(RoleSupervisor); len(sv) > 0 {
		return sv[0].ID
	}
	return ""
}

// Away reports whether staff member id is marked away on day (FU-1), and
// the substitute the supervisor assigned.
func (s *Settings) Away(id string, day time.Time) (substitute string, away bool) {
	d := day.In(s.Location()).Format(time.DateOnly)
	for _, a := range s.AfterSales.Absences {
		if a.Staff == id && a.From <= d && (a.To == "" || d <= a.To) {
			return a.Substitute, true
		}
	}
	return "", false
}

// CallTaker returns who makes, on day, the calls of designated follow-up
// staff member id (FU-1): id itself; while id is away, the substitute (and
// the substitute's substitute, and so on); the supervisor when there is no
// substitute, the chain loops, or id is not a staff member any more.
func (s *Settings) CallTaker(id string, day time.Time) string {
	seen := map[string]bool{}
	for {
		if _, ok := s.StaffMember(id); !ok || seen[id] {
			return s.SupervisorID()
		}
		seen[id] = true
		sub, away := s.Away(id, day)
		if !away {
			return id
		}
		if sub == "" {
			return s.SupervisorID()
		}
		id = sub
	}
}

// StaffName returns the name of staff member id, or id itself.
func (s *Settings) StaffName(id string) string {
	if m, ok := s.StaffMember(id); ok && m.Name != "" {
		return m.Name
	}
	return id
}

// MonthlySummary is the supervisor's monthly review of the follow-up work
// (FU-8): the follow-up calls whose window ended in the month, the
// complaints filed in it, the surveys answered in it.
type MonthlySummary struct {
	Month string `json:"month"` // YYYY-MM
	// Follow-up calls (first and second) whose window ends in the month.
	CallsDue          int `json:"calls_due"`
	CallsDoneInWindow int `json:"calls_done_in_window"`
	CallsMissed       int `json:"calls_missed"`
	CallsOpen         int `json:"calls_open"` // window still running
	// Complaints filed in the month.
	Complaints     int            `json:"complaints"`
	ByCategory     map[string]int `json:"by_category"`
	AnsweredInTime int            `json:"answered_in_time"`
	Satisfied      int            `json:"satisfied"`
	Dissatisfied   int            `json:"dissatisfied"`
	StillOpen      int            `json:"still_open"`
	// Surveys answered in the month: how many, averages per question, and
	// how many had a low score (SUR-2).
	Surveys        int                `json:"surveys"`
	SurveyAverages [Questions]float64 `json:"survey_averages"`
	LowSurveys     int                `json:"low_surveys"`
}

// MonthlySummaryText is the summary as the supervisor's chat shows it.
func MonthlySummaryText(m MonthlySummary, lang Lang) string {
	var b strings.Builder
	b.WriteString(Texts.T(lang, "fu8.head", m.Month))
	b.WriteString("\n")
	b.WriteString(Texts.T(lang, "fu8.calls", m.CallsDue, m.CallsDoneInWindow, m.CallsMissed, m.CallsOpen))
	b.WriteString("\n")
	b.WriteString(Texts.T(lang, "fu8.complaints", m.Complaints, m.AnsweredInTime, m.Satisfied, m.Dissatisfied, m.StillOpen))
	for _, c := range ComplaintCategories {
		if n := m.ByCategory[c]; n > 0 {
			b.WriteString("\n  · " + Texts.T(lang, "cmp.cat."+c) + ": " + strconv.Itoa(n))
		}
	}
	b.WriteString("\n")
	a := m.SurveyAverages
	b.WriteString(Texts.T(lang, "fu8.surveys", m.Surveys, a[0], a[1], a[2], a[3], m.LowSurveys))
	return b.String()
}
