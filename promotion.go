package frontoffice

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Promotion is an event or offer staff announce to customers (FU-6): 2
// weeks ahead by message (linked customers) or phone (the others, on the
// call list), then by a formal letter within 2 days.
type Promotion struct {
	ID      uint64 `json:"id"`
	Title   string `json:"title"`
	TitleEn string `json:"title_en,omitempty"`
	Text    string `json:"text,omitempty"`
	TextEn  string `json:"text_en,omitempty"`
	// Day is the event's (first) day, LastDay its last (zero: one day);
	// midnights in the shop's zone.
	Day     time.Time `json:"day"`
	LastDay time.Time `json:"last_day,omitzero"`
	// NoticeAt and LetterAt are when the notice and the formal letter go
	// out (FU-6).
	NoticeAt time.Time `json:"notice_at"`
	LetterAt time.Time `json:"letter_at"`
	// Counts of the fan-out, filled in when it happens.
	Notified  int       `json:"notified,omitempty"`
	Invited   int       `json:"invited,omitempty"`
	Calls     int       `json:"calls,omitempty"`
	By        string    `json:"by"`
	CreatedAt time.Time `json:"created_at"`
}

// Promotion timing (FU-6).
const (
	PromoNoticeDays = 14 // told 2 weeks ahead
	PromoLetterDays = 1  // the letter the day after the notice: within 2 days
	PromoMaxDays    = 60 // longest event
)

// Name returns the title in lang.
func (p *Promotion) Name(lang Lang) string {
	if lang == EN && p.TitleEn != "" {
		return p.TitleEn
	}
	return p.Title
}

// Body returns the description in lang.
func (p *Promotion) Body(lang Lang) string {
	if lang == EN && p.TextEn != "" {
		return p.TextEn
	}
	return p.Text
}

// End returns the event's last day.
func (p *Promotion) End() time.Time {
	if p.LastDay.IsZero() {
		return p.Day
	}
	return p.LastDay
}

// PromoNoticeAt returns when customers are told (FU-6): at AfterSales.MessagesAt
// on the day 2 weeks before the event, or now when that has passed (an
// event entered late is announced at once).
func (s *Settings) PromoNoticeAt(p Promotion, now time.Time) time.Time {
	loc := s.Location()
	at := s.AfterSales.WithDefaults().MessagesAt.At(DayStart(p.Day, loc).AddDate(0, 0, -PromoNoticeDays), loc)
	if at.Before(now) {
		return now.UTC()
	}
	return at.UTC()
}

// PromoLetterAt returns when the formal invitation follows a notice sent at
// notice: a day later, within the 2 days FU-6 allows.
func PromoLetterAt(notice time.Time) time.Time {
	return notice.AddDate(0, 0, PromoLetterDays).UTC()
}

// CurrentOn reports whether the promotion is current on day: announced
// (2 weeks before) and not over. The call list mentions current
// promotions (FU-4, FU-6).
func (p *Promotion) CurrentOn(day time.Time, loc *time.Location) bool {
	d := DayStart(day, loc)
	return !d.Before(DayStart(p.Day, loc).AddDate(0, 0, -PromoNoticeDays)) && !d.After(DayStart(p.End(), loc))
}

// Validate checks a promotion entered at now: a title of 1..100
// characters, texts up to 1000, a day not in the past, a last day not
// before it and at most PromoMaxDays later. Day and LastDay are set to
// midnight in loc.
func (p *Promotion) Validate(now time.Time, loc *time.Location) error {
	p.Title = strings.TrimSpace(p.Title)
	p.TitleEn = strings.TrimSpace(p.TitleEn)
	if p.Title == "" || utf8.RuneCountInString(p.Title) > 100 || utf8.RuneCountInString(p.TitleEn) > 100 {
		return Errorf(EINVALID, "err.promo.title")
	}
	if utf8.RuneCountInString(p.Text) > 1000 || utf8.RuneCountInString(p.TextEn) > 1000 {
		return Errorf(EINVALID, "err.too_long", 1000)
	}
	if p.Day.IsZero() {
		return Errorf(EINVALID, "err.promo.day")
	}
	p.Day = DayStart(p.Day, loc).UTC()
	if p.Day.Before(DayStart(now, loc)) {
		return Errorf(EINVALID, "err.promo.day")
	}
	if !p.LastDay.IsZero() {
		p.LastDay = DayStart(p.LastDay, loc).UTC()
		if p.LastDay.Before(p.Day) || p.LastDay.After(p.Day.AddDate(0, 0, PromoMaxDays)) {
			return Errorf(EINVALID, "err.promo.day")
		}
	}
	return nil
}
