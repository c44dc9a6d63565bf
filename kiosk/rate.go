package kiosk

import (
	"crypto/subtle"
	"errors"
	"frontoffice/internal/web"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	fo "frontoffice"
)

// "Rate your visit" at the kiosk (SUR-1): the visitor finds their
// delivered visit by its queue number and the last 4 digits of their
// phone, or by the booking code of its appointment; the kiosk shows that
// one visit, masked, and asks the survey's four questions (overall,
// quality, on time, staff attitude, 1–5) and a comment. A score of 2 or
// less opens a complaint for the supervisor, and the visitor gets its
// ticket and the time of the answer (SUR-2, CMP-2). Lookups count against
// the kiosk's guessing limits like a check-in's, and every miss gets the
// same answer.

// rateLookBack is how many days back a queue number is looked for: a
// survey can be answered for 30 days (fo.SurveyExpiry).
const rateLookBack = 30

// queueNoRe is a queue number as the visitor types it: a letter and 3 or 4
// digits (A001, W012).
var queueNoRe = regexp.MustCompile(`^[A-Z][0-9]{3,4}$`)

// parseQueueNo reads a queue number as typed ("a 001", "w12"), padding the
// digits to 3, or returns "".
func parseQueueNo(s string) string {
	s = strings.ToUpper(strings.Join(strings.Fields(s), ""))
	if len(s) >= 2 && len(s) <= 4 && s[0] >= 'A' && s[0] <= 'Z' {
		if n, err := strconv.Atoi(s[1:]); err == nil && n > 0 && strings.Trim(s[1:], "0123456789") == "" {
			s = s[:1] + strconv.Itoa(1000 + n)[1:]
		}
	}
	if !queueNoRe.MatchString(s) || strings.Trim(s[1:], "0") == "" {
		return ""
	}
	return s
}

// rateVisit is the visit found, as the kiosk keeps it: its id and nothing
// personal but the masked plate.
type rateVisit struct {
	VisitID   uint64
	QueueNo   string
	Plate     string // masked
	ServiceID string
	Delivered time.Time
	scores    [fo.Questions]int
	comment   string
	missing   bool // a question was left unanswered
}

// scoreRow is a question of the survey with its five choices.
type scoreRow struct {
	Q       int
	Label   string
	Choices []scoreChoice
	Missing bool
}

type scoreChoice struct {
	Value   int
	Checked bool
}

// rateDone is the result: thanks, or the ticket of the complaint a low
// score opened and when the supervisor answers (SUR-2, CMP-2).
type rateDone struct {
	Ticket string
	Due    time.Time
}

// rateStart is the entry of "rate your visit": the two ways to find it.
func (k *feedback) rateStart(w http.ResponseWriter, r *http.Request, sess *session) {
	st, ok := k.s.settings(w)
	if !ok {
		return
	}
	sess.clearFlow()
	sess.freshFeedback()
	k.render(w, r, sess, &st, "rate", http.StatusOK, nil)
}

// rateFind looks the visit up, within the kiosk's guessing limits.
func (k *feedback) rateFind(w http.ResponseWriter, r *http.Request, sess *session) {
	st, ok := k.s.settings(w)
	if !ok {
		return
	}
	f := sess.feedbackFlow()
	f.rate, f.rateDone, sess.msg = nil, nil, nil
	mode := r.PostFormValue("mode")
	fail := func(status int, key string) {
		sess.say("rate", k.s.both(key))
		k.render(w, r, sess, &st, "rate", status, nil)
	}
	var lookup func() (fo.Visit, error)
	switch mode {
	case "queue":
		q := parseQueueNo(r.PostFormValue("queue"))
		if q == "" {
			fail(http.StatusUnprocessableEntity, "as.k.rate.bad_queue")
			return
		}
		last4 := strings.TrimSpace(r.PostFormValue("last4"))
		if !last4Re.MatchString(last4) {
			fail(http.StatusUnprocessableEntity, "k.find.bad_last4")
			return
		}
		lookup = func() (fo.Visit, error) { return k.visitByQueueNo(q, last4, &st) }
	case "code":
		code := fo.NormalizeBookingCode(r.PostFormValue("code"))
		if code == "" {
			fail(http.StatusUnprocessableEntity, "k.find.bad_code")
			return
		}
		lookup = func() (fo.Visit, error) { return k.visitByCode(code) }
	default:
		http.Redirect(w, r, "/kiosk/rate", http.StatusSeeOther)
		return
	}
	if sess.fails >= sessionFails || !k.s.kiosk.limiter.take(sess.dev, flowRateLookup) {
		k.s.log.Warn("kiosk: rate lookups limited", "device", sess.dev.ID, "session_fails", sess.fails)
		fail(http.StatusTooManyRequests, "as.k.rate.blocked")
		return
	}
	v, err := lookup()
	if errors.Is(err, fo.ErrNotFound) {
		sess.fails++
		fail(http.StatusNotFound, "as.k.rate.none")
		return
	}
	if err != nil {
		k.fail(w, r, sess, &st, "rate", err, nil)
		return
	}
	k.s.kiosk.limiter.refund(sess.dev, flowRateLookup)
	now := k.s.cfg.Clock.Now()
	switch {
	case v.Status != fo.VisitDelivered:
		fail(http.StatusConflict, "as.k.rate.not_yet")
		return
	case now.Sub(v.DeliveredAt) > fo.SurveyExpiry:
		fail(http.StatusConflict, "as.k.rate.too_old")
		return
	}
	if sv, err := k.s.cfg.Store.VisitSurvey(v.ID); err == nil && sv.Status == fo.SurveyDone {
		fail(http.StatusConflict, "as.k.rate.already")
		return
	}
	f.rate = &rateVisit{VisitID: v.ID, QueueNo: v.QueueNo, Plate: fo.MaskPlate(v.Plate), ServiceID: v.ServiceID, Delivered: v.DeliveredAt}
	http.Redirect(w, r, "/kiosk/rate/visit", http.StatusSeeOther)
}

// visitByQueueNo finds the latest visit of the last rateLookBack days with
// queue number q whose customer's phone ends with last4. Queue numbers
// start again every day, so the digits tell the visitor's visit from
// another day's. It reads one day's visits at a time and shows none.
func (k *feedback) visitByQueueNo(q, last4 string, st *fo.Settings) (fo.Visit, error) {
	loc := st.Location()
	day := fo.DayStart(k.s.cfg.Clock.Now(), loc)
	for range rateLookBack + 1 {
		visits, err := k.s.cfg.Store.VisitsOn(day.Format(time.DateOnly))
		if err != nil {
			return fo.Visit{}, err
		}
		for i := len(visits) - 1; i >= 0; i-- {
			v := visits[i]
			if v.QueueNo != q {
				continue
			}
			cu, err := k.s.cfg.Store.Customer(v.CustomerID)
			if err != nil {
				return fo.Visit{}, err
			}
			if len(cu.Phone) >= 4 && subtle.ConstantTimeCompare([]byte(cu.Phone[len(cu.Phone)-4:]), []byte(last4)) == 1 {
				return v, nil
			}
		}
		day = day.AddDate(0, 0, -1)
	}
	return fo.Visit{}, fo.ErrNotFound
}

// visitByCode finds the visit of the appointment with a booking code.
func (k *feedback) visitByCode(code string) (fo.Visit, error) {
	a, err := k.s.cfg.Store.AppointmentByCode(code)
	if err != nil {
		return fo.Visit{}, err
	}
	visits, err := k.s.cfg.Store.VehicleVisits(a.VehicleID)
	if err != nil {
		return fo.Visit{}, err
	}
	for _, v := range visits {
		if v.AppointmentID == a.ID {
			return v, nil
		}
	}
	return fo.Visit{}, fo.ErrNotFound
}

// scoreRows are the survey's questions with rv's answers.
func (k *feedback) scoreRows(lang fo.Lang, rv *rateVisit) []scoreRow {
	rows := make([]scoreRow, fo.Questions)
	for q := range fo.Questions {
		rows[q] = scoreRow{Q: q, Label: k.s.texts.T(lang, "sv.q."+strconv.Itoa(q)), Missing: rv.missing && rv.scores[q] == 0}
		for v := 1; v <= 5; v++ {
			rows[q].Choices = append(rows[q].Choices, scoreChoice{Value: v, Checked: rv.scores[q] == v})
		}
	}
	return rows
}

// rateVisitPage shows the visit found, masked, with the survey.
func (k *feedback) rateVisitPage(w http.ResponseWriter, r *http.Request, sess *session) {
	f := sess.feedbackFlow()
	if f.rate == nil {
		http.Redirect(w, r, "/kiosk/rate", http.StatusSeeOther)
		return
	}
	st, ok := k.s.settings(w)
	if !ok {
		return
	}
	k.renderRate(w, r, sess, &st, f, http.StatusOK)
}

func (k *feedback) renderRate(w http.ResponseWriter, r *http.Request, sess *session, st *fo.Settings, f *feedbackFlow, status int) {
	k.render(w, r, sess, st, "rate_visit", status, func(p *lobbyPage) {
		p.Rate, p.Scores = f.rate, k.scoreRows(sess.lang, f.rate)
		sv, _ := st.Service(f.rate.ServiceID)
		p.Service = sv.Name(sess.lang)
		p.Comment = f.rate.comment
	})
}

// ratePost records the survey (SUR-1); a low score opens a complaint for
// the supervisor (SUR-2). Unanswered questions are marked and the answers
// kept.
func (k *feedback) ratePost(w http.ResponseWriter, r *http.Request, sess *session) {
	f := sess.feedbackFlow()
	if f.rate == nil {
		to := "/kiosk/rate"
		if f.rateDone != nil {
			to = "/kiosk/rate/done" // a double tap: the first one rated
		}
		http.Redirect(w, r, to, http.StatusSeeOther)
		return
	}
	st, ok := k.s.settings(w)
	if !ok {
		return
	}
	sess.msg = nil
	rv := f.rate
	rv.missing = false
	for q := range fo.Questions {
		n, err := strconv.Atoi(r.PostFormValue("q" + strconv.Itoa(q)))
		if err != nil || n < 1 || n > 5 {
			n, rv.missing = 0, true
		}
		rv.scores[q] = n
	}
	rv.comment = strings.TrimSpace(r.PostFormValue("comment"))
	var err error
	switch {
	case rv.missing:
		err = fo.Errorf(fo.EINVALID, "err.sv.scores")
	case len([]rune(rv.comment)) > fo.MaxSurveyComment:
		err = fo.Errorf(fo.EINVALID, "err.too_long", fo.MaxSurveyComment)
	}
	var sv fo.Survey
	if err == nil && !k.s.kiosk.limiter.take(sess.dev, flowRating) {
		k.s.log.Warn("kiosk: ratings limited", "device", sess.dev.ID)
		sess.say("rate_visit", k.s.both("as.k.rate.limited"))
		k.renderRate(w, r, sess, &st, f, http.StatusTooManyRequests)
		return
	}
	if err == nil {
		sv, err = k.s.cfg.Store.RateVisit(fo.RateRequest{VisitID: rv.VisitID, Scores: rv.scores, Comment: rv.comment, Lang: sess.lang})
	}
	if errors.Is(err, fo.ErrNotAllowed) { // rated meanwhile (in the chat)
		f.rate = nil
		sess.say("rate", k.s.both("as.k.rate.already"))
		k.render(w, r, sess, &st, "rate", http.StatusConflict, nil)
		return
	}
	if err != nil {
		if web.ErrorStatus(err) == http.StatusInternalServerError {
			k.s.log.Error("kiosk after-sales", "screen", "rate_visit", "err", err)
		}
		sess.say("rate_visit", web.ErrorText(err))
		k.renderRate(w, r, sess, &st, f, web.ErrorStatus(err))
		return
	}
	done := &rateDone{Ticket: sv.Ticket}
	if sv.Ticket != "" {
		if cm, err := k.s.cfg.Store.ComplaintByTicket(sv.Ticket); err == nil {
			done.Due = cm.DueAt
		}
	}
	f.rate, f.rateDone = nil, done
	http.Redirect(w, r, "/kiosk/rate/done", http.StatusSeeOther)
}

// rateDonePage thanks the visitor (SUR-1) or tells them the complaint their
// low score opened and when they will hear from the supervisor (SUR-2).
func (k *feedback) rateDonePage(w http.ResponseWriter, r *http.Request, sess *session) {
	f := sess.feedbackFlow()
	if f.rateDone == nil {
		http.Redirect(w, r, "/kiosk", http.StatusSeeOther)
		return
	}
	st, ok := k.s.settings(w)
	if !ok {
		return
	}
	k.render(w, r, sess, &st, "rate_done", http.StatusOK, func(p *lobbyPage) {
		p.RateDone = f.rateDone
		if f.rateDone.Ticket != "" {
			p.Thanks = k.s.texts.T(sess.lang, "sv.thanks_low", st.ShopName(sess.lang), f.rateDone.Ticket, p.When(f.rateDone.Due))
		} else {
			p.Thanks = k.s.texts.T(sess.lang, "sv.thanks", st.ShopName(sess.lang))
		}
	})
}
