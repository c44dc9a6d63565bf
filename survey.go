package frontoffice

import (
	"strconv"
	"strings"
	"time"
)

// Survey questions (顾客满意度调查表, SUR-1), each scored 1 to 5, then a
// comment.
const (
	QOverall  = 0
	QQuality  = 1
	QOnTime   = 2
	QStaff    = 3
	QComment  = 4 // the comment step after the four scores
	Questions = 4
)

// LowScore is the highest score that opens a complaint for the supervisor
// (SUR-2).
const LowScore = 2

// SurveyExpiry is how long after it was sent a survey can be answered; its
// buttons are stale afterwards.
const SurveyExpiry = 30 * 24 * time.Hour

// MaxSurveyComment is the longest survey comment, in characters.
const MaxSurveyComment = 500

// SurveyStatus is where a survey stands.
type SurveyStatus string

// Survey statuses.
const (
	SurveyScheduled SurveyStatus = "scheduled" // goes out at SendAt
	SurveySent      SurveyStatus = "sent"      // questions in the chat
	SurveyDone      SurveyStatus = "done"
	SurveySkipped   SurveyStatus = "skipped" // no linked chat when it was due
)

// SurveyResult is what a customer answered: four scores (0 while
// unanswered) and a comment. It feeds the first follow-up call (SUR-2).
type SurveyResult struct {
	Scores  [Questions]int `json:"scores"`
	Comment string         `json:"comment,omitempty"`
	// Ticket is the complaint a low score opened.
	Ticket string `json:"ticket,omitempty"`
}

// Short reports whether every question got 4 or 5 and there is no
// comment: the first follow-up call can then be a short one (SUR-2).
func (r SurveyResult) Short() bool {
	for _, s := range r.Scores {
		if s < 4 {
			return false
		}
	}
	return strings.TrimSpace(r.Comment) == ""
}

// Low returns the question with the lowest score when it is LowScore or
// less: such an answer opens a complaint for the supervisor (SUR-2).
func (r SurveyResult) Low() (q int, low bool) {
	q = -1
	for i, s := range r.Scores {
		if s >= 1 && s <= LowScore && (q < 0 || s < r.Scores[q]) {
			q = i
		}
	}
	return q, q >= 0
}

// Complete reports whether all four questions are scored.
func (r SurveyResult) Complete() bool {
	for _, s := range r.Scores {
		if s < 1 || s > 5 {
			return false
		}
	}
	return true
}

// Survey is a satisfaction survey of one delivered visit (SUR-1): sent in
// the chat after delivery, or answered at the kiosk ("rate your visit").
type Survey struct {
	ID           uint64       `json:"id"`
	VisitID      uint64       `json:"visit_id"`
	CustomerID   uint64       `json:"customer_id"`
	VehicleID    uint64       `json:"vehicle_id,omitempty"`
	CallID       uint64       `json:"call_id,omitempty"`      // the first follow-up call it feeds
	ComplaintID  uint64       `json:"complaint_id,omitempty"` // opened by a low score
	Channel      string       `json:"channel"`                // bot, kiosk
	Status       SurveyStatus `json:"status"`
	Lang         Lang         `json:"lang"`
	ChatID       int64        `json:"chat_id,omitempty"`
	CustomerName string       `json:"customer_name,omitempty"`
	Plate        string       `json:"plate,omitempty"`
	SurveyResult
	SendAt    time.Time `json:"send_at"`
	SentAt    time.Time `json:"sent_at,omitzero"`
	DoneAt    time.Time `json:"done_at,omitzero"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Next returns the step the survey waits for: the first unscored question
// (QOverall..QStaff), QComment once all are scored, -1 when done.
func (s *Survey) Next() int {
	if s.Status == SurveyDone {
		return -1
	}
	for i, sc := range s.Scores {
		if sc == 0 {
			return i
		}
	}
	return QComment
}

// SurveyData returns the callback data of a survey button: score (1..5) for
// question q (QOverall..QStaff), or, with q = QComment and score 0, "no
// comment".
func SurveyData(id uint64, q, score int) string {
	return "sv:" + strconv.FormatUint(id, 10) + ":" + strconv.Itoa(q) + ":" + strconv.Itoa(score)
}

// ParseSurveyData parses "sv:<id>:<q>:<score>": q 0..3 with score 1..5, or
// q 4 with score 0. It accepts only what SurveyData writes.
func ParseSurveyData(s string) (id uint64, q, score int, ok bool) {
	parts, ok := CallbackFields(s, "sv", 3)
	if !ok || len(parts[1]) != 1 || len(parts[2]) != 1 {
		return 0, 0, 0, false
	}
	id, ok = ParseRecordID(parts[0])
	q, score = int(parts[1][0])-'0', int(parts[2][0])-'0'
	switch {
	case !ok:
		return 0, 0, 0, false
	case q >= QOverall && q <= QStaff && score >= 1 && score <= 5:
	case q == QComment && score == 0:
	default:
		return 0, 0, 0, false
	}
	return id, q, score, true
}

// SurveyQuestion returns the message asking question q (or for the
// comment) of survey sv in lang, with its buttons.
func SurveyQuestion(st *Settings, sv Survey, q int, lang Lang) (string, [][]Button) {
	if q == QComment {
		return Texts.T(lang, "sv.comment"), [][]Button{{{Text: Texts.T(lang, "sv.no_comment"), Data: SurveyData(sv.ID, QComment, 0)}}}
	}
	text := Texts.T(lang, "sv.q", q+1, Questions, Texts.T(lang, "sv.q."+strconv.Itoa(q)))
	if q == QOverall {
		text = Texts.T(lang, "sv.intro", st.ShopName(lang), FormatPlate(sv.Plate)) + "\n\n" + text
	}
	row := make([]Button, 0, 5)
	for score := 1; score <= 5; score++ {
		row = append(row, Button{Text: strconv.Itoa(score) + "⭐", Data: SurveyData(sv.ID, q, score)})
	}
	return text, [][]Button{row}
}

// SurveyCategory is the complaint category a low score on question q opens
// (SUR-2).
func SurveyCategory(q int) string {
	switch q {
	case QQuality:
		return "quality"
	case QOnTime:
		return "time"
	case QStaff:
		return "service"
	}
	return "other"
}

// SurveyComplaintText is the text of the complaint a low survey opens: the
// scores and the comment, in Chinese for the staff.
func SurveyComplaintText(r SurveyResult) string {
	return Texts.T(ZH, "sv.complaint", r.Scores[0], r.Scores[1], r.Scores[2], r.Scores[3], r.Comment)
}

// ValidateScores checks four scores of 1..5 (a kiosk survey).
func ValidateScores(scores [Questions]int) error {
	if !(SurveyResult{Scores: scores}).Complete() {
		return Errorf(EINVALID, "err.sv.scores")
	}
	return nil
}

// SurveyAnswer is a press of a survey button in the chat ("sv:<id>:<q>:<score>").
type SurveyAnswer struct {
	SurveyID uint64
	Q, Score int
	ChatID   int64
	// MessageID, when set, is the question's message: the next question
	// replaces it instead of coming as a new message.
	MessageID int
}

// RateRequest is a survey answered in one go at the kiosk ("rate your
// visit").
type RateRequest struct {
	VisitID uint64
	Scores  [Questions]int
	Comment string
	Lang    Lang
}
