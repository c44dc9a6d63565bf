package frontoffice

import (
	"fmt"
	"strings"
	"time"
)

// Complaint channels: how a complaint reached the shop (CMP-1).
const (
	ChannelBot    = "bot"
	ChannelKiosk  = "kiosk"
	ChannelPhone  = "phone"
	ChannelVisit  = "visit"
	ChannelLetter = "letter"
	ChannelSample = "sample" // a returned part
	ChannelCall   = "call"   // heard on a follow-up call (FU-5)
	ChannelSurvey = "survey" // a survey score of 2 or less (SUR-2)
)

// ComplaintChannels lists the channels.
var ComplaintChannels = []string{ChannelBot, ChannelKiosk, ChannelPhone, ChannelVisit, ChannelLetter, ChannelSample, ChannelCall, ChannelSurvey}

// ComplaintCategories are the categories the monthly summary counts
// (FU-8). Safety complaints are major (CMP-3).
var ComplaintCategories = []string{"quality", "service", "time", "price", "safety", "other"}

// ComplaintStatus is where a complaint stands in its closed loop (CMP-4).
type ComplaintStatus string

// Complaint statuses: open → answered → closed, or reopened (to the
// supervisor) when the customer is not satisfied, then answered again.
const (
	CmpOpen     ComplaintStatus = "open"
	CmpAnswered ComplaintStatus = "answered"
	CmpClosed   ComplaintStatus = "closed"
	CmpReopened ComplaintStatus = "reopened"
)

// Customer verdicts (CMP-4).
const (
	VerdictSatisfied    = "satisfied"
	VerdictDissatisfied = "dissatisfied"
)

// ComplaintEvent is a line of a complaint's history.
type ComplaintEvent struct {
	At     time.Time `json:"at"`
	By     string    `json:"by"`
	Action string    `json:"action"` // filed, taken, assigned, answered, satisfied, dissatisfied, reopened, closed, warned, overdue, escalated
	Note   string    `json:"note,omitempty"`
}

// Complaint is a registered complaint (CMP-1) with its answer deadline
// (CMP-2, CMP-3), its answers, the customer's verdict and resolution
// (CMP-4) and every step in History.
type Complaint struct {
	ID       uint64          `json:"id"`
	Ticket   string          `json:"ticket"` // TS-20261127-003
	Channel  string          `json:"channel"`
	Category string          `json:"category"`
	Text     string          `json:"text"`
	PhotoID  string          `json:"photo_id,omitempty"` // Telegram file_id
	Major    bool            `json:"major,omitempty"`    // safety or vehicle unusable (CMP-3)
	Status   ComplaintStatus `json:"status"`

	CustomerID   uint64 `json:"customer_id,omitempty"`
	VehicleID    uint64 `json:"vehicle_id,omitempty"`
	VisitID      uint64 `json:"visit_id,omitempty"`
	CallID       uint64 `json:"call_id,omitempty"`
	SurveyID     uint64 `json:"survey_id,omitempty"`
	CustomerName string `json:"customer_name,omitempty"`
	Plate        string `json:"plate,omitempty"`
	Lang         Lang   `json:"lang"`
	// ChatID is the chat the complaint came from, answered there even when
	// it is linked to no customer; 0 otherwise (then the customer's chat).
	ChatID int64 `json:"chat_id,omitempty"`

	Assignee string `json:"assignee,omitempty"` // staff id
	// StationID is the service station that answers the complaint in the
	// same closed loop (NET-3); 0 for the shop's own.
	StationID uint64 `json:"station_id,omitempty"`
	// QualityID is the quality feedback a station's complaint is (NET-3,
	// REP-2), resolved when the complaint closes.
	QualityID uint64 `json:"quality_id,omitempty"`

	FiledAt time.Time `json:"filed_at"`
	// FirstDueAt is the deadline told at filing (CMP-2); DueAt the current
	// one (a reopened complaint gets a new one).
	FirstDueAt time.Time `json:"first_due_at"`
	DueAt      time.Time `json:"due_at"`
	WarnAt     time.Time `json:"warn_at"`
	// StaleAt is when an unresolved complaint goes to the supervisor
	// (CMP-5: 2 days after filing or reopening).
	StaleAt         time.Time `json:"stale_at"`
	FirstAnsweredAt time.Time `json:"first_answered_at,omitzero"`
	AnsweredAt      time.Time `json:"answered_at,omitzero"`
	ClosedAt        time.Time `json:"closed_at,omitzero"`
	Answers         int       `json:"answers,omitempty"`
	Answer          string    `json:"answer,omitempty"` // the latest
	Resolution      string    `json:"resolution,omitempty"`
	Verdict         string    `json:"verdict,omitempty"`
	By              string    `json:"by"` // who filed it

	History []ComplaintEvent `json:"history"`
}

// Unanswered reports whether the complaint waits for an answer.
func (c *Complaint) Unanswered() bool { return c.Status == CmpOpen || c.Status == CmpReopened }

// AnsweredInTime reports whether the first answer came by the deadline
// told at filing (CMP-2, FU-8).
func (c *Complaint) AnsweredInTime() bool {
	return !c.FirstAnsweredAt.IsZero() && !c.FirstAnsweredAt.After(c.FirstDueAt)
}

// ComplaintStaleAfter is how long a complaint may stay unresolved before it
// goes to the supervisor (CMP-5).
const ComplaintStaleAfter = 48 * time.Hour

// Limits of complaint texts, in characters.
const (
	MaxComplaintText = 1000
	MaxAnswerText    = 2000
)

// ComplaintHours returns the answer time of a complaint (CMP-3).
func (s *Settings) ComplaintHours(major bool) time.Duration {
	as := s.AfterSales.WithDefaults()
	if major {
		return time.Duration(as.ComplaintMajorHours) * time.Hour
	}
	return time.Duration(as.ComplaintGeneralHours) * time.Hour
}

// ComplaintDeadline returns by when a complaint filed (or reopened) at from
// is answered (CMP-2, CMP-3): 24 hours for a general, 4 hours for a major
// complaint by default, counted on the clock or, with
// AfterSales.ComplaintBusinessHours, in opening hours only.
func (s *Settings) ComplaintDeadline(from time.Time, major bool) time.Time {
	return s.complaintClock(from, s.ComplaintHours(major))
}

// ComplaintWarnAt returns when the assignee of a complaint filed at from is
// warned of its deadline: after ComplaintWarnPercent of the answer time, on
// the same clock as the deadline.
func (s *Settings) ComplaintWarnAt(from time.Time, major bool) time.Time {
	d := s.ComplaintHours(major) * time.Duration(s.AfterSales.WithDefaults().ComplaintWarnPercent) / 100
	return s.complaintClock(from, d)
}

func (s *Settings) complaintClock(from time.Time, d time.Duration) time.Time {
	if s.AfterSales.ComplaintBusinessHours {
		return s.AddBusinessTime(from, d).UTC()
	}
	return from.Add(d).UTC()
}

// AddBusinessTime returns the instant that lies d of opening hours after
// from: the clock runs only while the shop is open (Hours, less closed
// weekdays and ClosedDates) in the shop's zone. Started outside the
// opening hours it starts at the next opening; a result at a closing time
// stays there (the answer is due by closing). d ≤ 0 returns from.
func (s *Settings) AddBusinessTime(from time.Time, d time.Duration) time.Time {
	if d <= 0 {
		return from
	}
	loc := s.Location()
	t := from.In(loc)
	for range 3700 { // ten years; Validate ensures an open weekday
		day := DayStart(t, loc)
		if !s.IsClosedDate(day) {
			h := s.Hours[day.Weekday()]
			open, close := h.Open.At(day, loc), h.Close.At(day, loc)
			if t.Before(open) {
				t = open
			}
			if t.Before(close) {
				left := close.Sub(t)
				if d <= left {
					return t.Add(d)
				}
				d -= left
			}
		}
		t = day.AddDate(0, 0, 1)
	}
	return t
}

// TicketNo formats a complaint's ticket number from its filing day in the
// shop's zone and the day's count: TS-20261127-003.
func TicketNo(day time.Time, n int) string {
	return fmt.Sprintf("TS-%s-%03d", day.Format("20060102"), n)
}

// NormalizeTicket reads a ticket number as people type it ("ts20261127-3",
// "TS-20261127-003 ") and returns it in TicketNo form, or "" when it is not
// one.
func NormalizeTicket(s string) string {
	s = strings.ToUpper(strings.TrimSpace(s))
	s = strings.TrimPrefix(strings.TrimPrefix(s, "TS"), "-")
	day, num, ok := strings.Cut(s, "-")
	if !ok || len(day) != 8 || num == "" || len(num) > 4 {
		return ""
	}
	d, err := time.Parse("20060102", day)
	if err != nil {
		return ""
	}
	n := 0
	for _, c := range num {
		if c < '0' || c > '9' {
			return ""
		}
		n = n*10 + int(c-'0')
	}
	if n == 0 {
		return ""
	}
	return TicketNo(d, n)
}

// ParseCategory checks a complaint category.
func ParseCategory(s string) (string, error) {
	for _, c := range ComplaintCategories {
		if c == s {
			return s, nil
		}
	}
	return "", Errorf(EINVALID, "err.cmp.category")
}

// ComplaintData returns the callback data of a complaint button: take and
// ans (staff: take it, answer it), ok and no (the customer: satisfied or
// not with the answer, CMP-4).
func ComplaintData(action string, id uint64) string {
	return fmt.Sprintf("cmp:%s:%d", action, id)
}

// ParseComplaintData parses "cmp:<action>:<id>" with action take, ans, ok
// or no. It accepts only what ComplaintData writes.
func ParseComplaintData(s string) (action string, id uint64, ok bool) {
	return parseActionData(s, "cmp", "take", "ans", "ok", "no")
}

// ComplaintFiledText is what the customer is told at filing (CMP-2): the
// apology, the ticket and by when they will have an answer.
func ComplaintFiledText(st *Settings, c Complaint, lang Lang) string {
	key := "cmp.filed"
	if c.Major {
		key = "cmp.filed_major"
	}
	return Texts.T(lang, key, st.ShopName(lang), c.Ticket, FormatWhen(lang, c.DueAt, st.Location()))
}

// StaffComplaintText is a complaint as the staff chat sees it.
func StaffComplaintText(st *Settings, c Complaint) string {
	loc := st.Location()
	major := ""
	if c.Major {
		major = Texts.T(ZH, "staff.cmp.major")
	}
	who := c.CustomerName
	if c.Plate != "" {
		who += " · " + FormatPlate(c.Plate)
	}
	s := Texts.T(ZH, "staff.cmp.new", major, c.Ticket, Texts.T(ZH, "cmp.cat."+c.Category), Texts.T(ZH, "cmp.ch."+c.Channel),
		who, c.Text, FormatWhen(ZH, c.DueAt, loc))
	if c.PhotoID != "" {
		s += "\n" + Texts.T(ZH, "staff.cmp.photo")
	}
	return s
}

// ComplaintTimeLeft returns how long until the complaint's answer is due at
// now; negative when overdue, 0 when it is not waiting for an answer.
func ComplaintTimeLeft(c Complaint, now time.Time) time.Duration {
	if !c.Unanswered() {
		return 0
	}
	return c.DueAt.Sub(now)
}

// Task is a customer's request heard on a call that could not be answered
// there (FU-5): researched, escalated to the supervisor when unresolved
// after TaskEscalateAfter, and the customer is told the day a solution is
// found. Complaints heard on a call become Complaints (CMP-1).
type Task struct {
	ID           uint64    `json:"id"`
	CallID       uint64    `json:"call_id,omitempty"`
	CustomerID   uint64    `json:"customer_id"`
	CustomerName string    `json:"customer_name"`
	Plate        string    `json:"plate,omitempty"`
	Text         string    `json:"text"`
	Staff        string    `json:"staff"`
	Solution     string    `json:"solution,omitempty"`
	Open         bool      `json:"open"`
	CreatedAt    time.Time `json:"created_at"`
	EscalateAt   time.Time `json:"escalate_at"`
	EscalatedAt  time.Time `json:"escalated_at,omitzero"`
	SolvedAt     time.Time `json:"solved_at,omitzero"`
	SolvedBy     string    `json:"solved_by,omitempty"`
}

// TaskEscalateAfter is how long a task may stay unresolved before the
// supervisor hears of it (FU-5: within 2 days).
const TaskEscalateAfter = 48 * time.Hour

// ParseNote trims a free text of staff or customers and checks it holds
// 1..max characters; EINVALID "err.too_long" or "err.empty" otherwise.
func ParseNote(s string, max int) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", Errorf(EINVALID, "err.empty")
	}
	if len([]rune(s)) > max {
		return "", Errorf(EINVALID, "err.too_long", max)
	}
	return s, nil
}

// ComplaintRequest files a complaint (CMP-1). The customer is CustomerID,
// or the customer linked to ChatID, or the one with Customer.Phone
// (created with Customer.Name when new); a bot complaint from a chat not
// linked to any customer is answered in that chat.
type ComplaintRequest struct {
	// Idem makes the request idempotent: a repeat returns the first result.
	Idem string
	// ReplyKey is the outbox key of the customer's acknowledgement (the
	// bot passes its reply key); "cmp:<id>:filed" when empty.
	ReplyKey   string
	Channel    string // ChannelBot, ...
	Category   string // one of ComplaintCategories
	Text       string
	PhotoID    string // Telegram file_id of a photo
	Major      bool   // safety, or the vehicle cannot be used (CMP-3)
	CustomerID uint64
	ChatID     int64
	Customer   CustomerInput
	VisitID    uint64
	VehicleID  uint64
	Plate      string // normalised; finds the vehicle when no visit or vehicle is given
	CallID     uint64
	SurveyID   uint64
	Assignee   string // staff id, when known at filing
	// StationID routes the complaint to a certified service station at
	// filing (NET-3); 0 for the shop's own.
	StationID uint64
	By        string // "customer:bot", "staff:li", "system"
	// Unproven marks a complaint whose Customer was typed by an anonymous
	// visitor (the kiosk): a phone on file makes it pending for the desk
	// (KioskMatch, ARC-2) instead of filing it on that customer.
	Unproven bool
}

// AnswerRequest is a staff answer to a complaint.
type AnswerRequest struct {
	ID    uint64
	Staff string // staff id
	Text  string
	// ByPhone says the answer was given on the phone, not sent in the chat
	// (always so for a customer without a chat).
	ByPhone bool
	Idem    string
}

// VerdictRequest is the customer's verdict on an answer (CMP-4): from
// their chat (ChatID, the "cmp:ok"/"cmp:no" buttons) or recorded by staff
// after a phone answer (Staff).
type VerdictRequest struct {
	ID        uint64
	Satisfied bool
	ChatID    int64
	Staff     string
	Idem      string
}
