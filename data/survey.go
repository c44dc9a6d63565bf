package data

// Satisfaction surveys (SUR-1, SUR-2).
//
// Buckets and key layouts:
//
//	surveys  id → JSON fo.Survey
//	         "V" | visit id → survey id: one survey per visit
//
// Due kind: survey (the survey goes to the customer's chat, SUR-1).

import (
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

const surveyKind = "survey"

// surveyLookBack bounds how long before a month a survey answered in it can
// have been made: sent up to 14 days after delivery, answerable for
// fo.SurveyExpiry.
const surveyLookBack = 50

// surveyLate is how late a survey may still go out after downtime.
const surveyLate = 72 * time.Hour

func surveyVisitKey(visitID uint64) []byte { return append([]byte("V"), u64(visitID)...) }

func getSurvey(tx *bolt.Tx, id uint64) (fo.Survey, error) {
	var sv fo.Survey
	err := getJSON(tx.Bucket(bSurveys), u64(id), &sv)
	return sv, err
}

func putSurvey(w *writer, sv fo.Survey) error {
	sv.UpdatedAt = w.now
	if err := indexSurvey(w.tx, &sv); err != nil { // the reports' survey_done (report_aftersales.go)
		return err
	}
	return putJSON(w.tx.Bucket(bSurveys), u64(sv.ID), sv)
}

// scheduleSurvey sets the survey of a delivered visit going (SUR-1): at
// AfterSales.MessagesAt, SurveyAfterDays after the delivery day. A survey
// the customer already answered at the kiosk feeds the first call at once
// (SUR-2).
func (w *writer) scheduleSurvey(st *fo.Settings, v *fo.Visit, first fo.Call) error {
	b := w.tx.Bucket(bSurveys)
	if id := b.Get(surveyVisitKey(v.ID)); id != nil {
		sv, err := getSurvey(w.tx, btou(id))
		if err != nil {
			return err
		}
		sv.CallID = first.ID
		if sv.Status == fo.SurveyDone {
			if err := w.feedCall(sv); err != nil {
				return err
			}
		}
		return putSurvey(w, sv)
	}
	id, err := nextID(b)
	if err != nil {
		return err
	}
	loc := st.Location()
	as := st.AfterSales.WithDefaults()
	sv := fo.Survey{ID: id, VisitID: v.ID, CustomerID: v.CustomerID, VehicleID: v.VehicleID, CallID: first.ID,
		Channel: fo.ChannelBot, Status: fo.SurveyScheduled, Lang: v.Lang, CustomerName: v.CustomerName, Plate: v.Plate,
		SendAt:    as.MessagesAt.At(fo.DayStart(v.DeliveredAt, loc).AddDate(0, 0, as.SurveyAfterDays), loc).UTC(),
		CreatedAt: w.now}
	if err := b.Put(surveyVisitKey(v.ID), u64(id)); err != nil {
		return err
	}
	if err := putSurvey(w, sv); err != nil {
		return err
	}
	return w.putDue(sv.SendAt, surveyKind, id)
}

// dueSurvey sends a scheduled survey's first question to the customer's
// linked chat, in their language, outside quiet hours, and writes it in the
// letter register (FU-7). A customer without a chat is skipped (the first
// follow-up call asks for their opinion, SUR-2), and so is a survey caught
// up more than surveyLate after its time: the first call is near by then.
func dueSurvey(w *writer, st *fo.Settings, id uint64, at, now time.Time) error {
	sv, err := getSurvey(w.tx, id)
	if err != nil || sv.Status != fo.SurveyScheduled || tkey(sv.SendAt) != tkey(at) {
		return nil
	}
	var cust fo.Customer
	if err := getJSON(w.tx.Bucket(bCustomers), u64(sv.CustomerID), &cust); err != nil || cust.ChatID == 0 || now.Sub(at) > surveyLate {
		sv.Status = fo.SurveySkipped
		return putSurvey(w, sv)
	}
	return w.sendSurvey(st, &sv, cust, now)
}

// sendSurvey sends the survey's first question to the customer's chat,
// outside quiet hours, and writes it in the letter register (FU-7).
func (w *writer) sendSurvey(st *fo.Settings, sv *fo.Survey, cust fo.Customer, now time.Time) error {
	sv.Status, sv.SentAt, sv.ChatID, sv.Lang = fo.SurveySent, now, cust.ChatID, cust.Lang
	if sv.Lang == "" {
		sv.Lang = fo.ZH
	}
	if err := w.enqueue(fo.SurveyQuestionMessage(st, *sv, fo.QOverall, 0, notQuiet(st, now))); err != nil {
		return err
	}
	if err := w.register(bRegLetter, fo.RegisterEntry{Action: "survey", Ref: sv.ID, Code: "survey", By: "system",
		Detail: fo.SurveyRegisterDetail(*sv)}); err != nil {
		return err
	}
	return putSurvey(w, *sv)
}

// StartSurvey sends the survey of a visit now (SUR-1): one still
// scheduled, or one skipped because the customer had no linked chat when
// it was due (they linked it since). A visit without a survey is
// ErrNotFound; a survey sent or done ErrNotAllowed; a customer without a
// linked chat EINVALID "err.sv.no_chat".
func (s *Store) StartSurvey(visitID uint64) (fo.Survey, error) {
	var sv fo.Survey
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		id := tx.Bucket(bSurveys).Get(surveyVisitKey(visitID))
		if id == nil {
			return fo.ErrNotFound
		}
		var err error
		if sv, err = getSurvey(tx, btou(id)); err != nil {
			return err
		}
		if sv.Status != fo.SurveyScheduled && sv.Status != fo.SurveySkipped {
			return fo.ErrNotAllowed
		}
		var cust fo.Customer
		if err := getJSON(tx.Bucket(bCustomers), u64(sv.CustomerID), &cust); err != nil {
			return err
		}
		if cust.ChatID == 0 {
			return fo.Errorf(fo.EINVALID, "err.sv.no_chat")
		}
		st, err := settingsTx(tx)
		if err != nil {
			return err
		}
		return w.sendSurvey(&st, &sv, cust, w.now)
	})
	return sv, err
}

// AnswerSurvey records a score for question q of a sent survey and asks the
// next question, then for a comment (SUR-1); q = fo.QComment with score 0
// finishes without a comment. A chat that is not the survey's gets
// ErrNotFound; a question not the one asked, a finished or expired survey
// ErrStale.
func (s *Store) AnswerSurvey(a fo.SurveyAnswer) (fo.Survey, error) {
	return s.changeSurvey(a.SurveyID, a.ChatID, a.Q, func(w *writer, st *fo.Settings, sv *fo.Survey) error {
		if a.Q == fo.QComment {
			if a.Score != 0 {
				return fo.ErrStale
			}
			return w.finishSurvey(st, sv)
		}
		if a.Score < 1 || a.Score > 5 {
			return fo.Errorf(fo.EINVALID, "err.sv.scores")
		}
		sv.Scores[a.Q] = a.Score
		return w.enqueue(fo.SurveyQuestionMessage(st, *sv, sv.Next(), a.MessageID, time.Time{}))
	})
}

// CommentSurvey records the comment that finishes a survey whose four
// questions are answered (SUR-1), from the survey's chat.
func (s *Store) CommentSurvey(id uint64, chatID int64, text string) (fo.Survey, error) {
	return s.changeSurvey(id, chatID, fo.QComment, func(w *writer, st *fo.Settings, sv *fo.Survey) error {
		comment, err := fo.ParseNote(text, fo.MaxSurveyComment)
		if err != nil {
			return err
		}
		sv.Comment = comment
		return w.finishSurvey(st, sv)
	})
}

func (s *Store) changeSurvey(id uint64, chatID int64, q int, fn func(w *writer, st *fo.Settings, sv *fo.Survey) error) (fo.Survey, error) {
	var sv fo.Survey
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		var err error
		if sv, err = getSurvey(tx, id); err != nil {
			return err
		}
		if chatID == 0 || sv.ChatID != chatID {
			return fo.ErrNotFound
		}
		if sv.Status != fo.SurveySent || !w.now.Before(sv.SentAt.Add(fo.SurveyExpiry)) || sv.Next() != q {
			return fo.ErrStale
		}
		st, err := settingsTx(tx)
		if err != nil {
			return err
		}
		if err := fn(w, &st, &sv); err != nil {
			return err
		}
		return putSurvey(w, sv)
	})
	return sv, err
}

// finishSurvey ends a survey: the answers feed the first follow-up call
// (SUR-2: 4-5 without a comment → a short call), a score of 2 or less opens
// a complaint for the supervisor (SUR-2), and the customer is thanked.
func (w *writer) finishSurvey(st *fo.Settings, sv *fo.Survey) error {
	sv.Status, sv.DoneAt = fo.SurveyDone, w.now
	var low *fo.Complaint
	if q, isLow := sv.Low(); isLow {
		c, err := w.fileComplaint(st, fo.ComplaintRequest{Channel: fo.ChannelSurvey, Category: fo.SurveyCategory(q),
			Text: fo.SurveyComplaintText(sv.SurveyResult), CustomerID: sv.CustomerID, VisitID: sv.VisitID,
			SurveyID: sv.ID, Assignee: st.SupervisorID(), By: "system"})
		if err != nil {
			return err
		}
		sv.ComplaintID, sv.Ticket = c.ID, c.Ticket
		low = &c
	}
	if err := w.feedCall(*sv); err != nil {
		return err
	}
	return w.enqueue(fo.SurveyThanksMessages(st, *sv, low)...)
}

// feedCall gives the survey's answers to its first follow-up call while the
// call is open (SUR-2).
func (w *writer) feedCall(sv fo.Survey) error {
	if sv.CallID == 0 {
		return nil
	}
	c, err := getCall(w.tx, sv.CallID)
	if err != nil || c.Status != fo.CallOpen {
		return nil
	}
	old := c
	r := sv.SurveyResult
	c.Survey = &r
	return w.putCall(c, &old)
}

// RateVisit records the kiosk's survey of a visit (SUR-1): the visit's
// survey when it has one not yet answered (its chat buttons go stale), a
// new one otherwise, finished as in the chat (SUR-2). A visit already rated
// is ErrNotAllowed; scores outside 1..5 EINVALID.
func (s *Store) RateVisit(req fo.RateRequest) (fo.Survey, error) {
	var sv fo.Survey
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		if err := fo.ValidateScores(req.Scores); err != nil {
			return err
		}
		comment := ""
		if req.Comment != "" {
			var err error
			if comment, err = fo.ParseNote(req.Comment, fo.MaxSurveyComment); err != nil {
				return err
			}
		}
		st, err := settingsTx(tx)
		if err != nil {
			return err
		}
		v, err := getVisit(tx, req.VisitID)
		if err != nil {
			return err
		}
		b := tx.Bucket(bSurveys)
		if id := b.Get(surveyVisitKey(v.ID)); id != nil {
			if sv, err = getSurvey(tx, btou(id)); err != nil {
				return err
			}
			if sv.Status == fo.SurveyDone {
				return fo.ErrNotAllowed
			}
		} else {
			id, err := nextID(b)
			if err != nil {
				return err
			}
			sv = fo.Survey{ID: id, VisitID: v.ID, CustomerID: v.CustomerID, VehicleID: v.VehicleID, Lang: v.Lang,
				CustomerName: v.CustomerName, Plate: v.Plate, SendAt: w.now, CreatedAt: w.now}
			if err := b.Put(surveyVisitKey(v.ID), u64(id)); err != nil {
				return err
			}
		}
		sv.Channel, sv.Scores, sv.Comment, sv.ChatID = fo.ChannelKiosk, req.Scores, comment, 0
		if req.Lang != "" {
			sv.Lang = req.Lang
		}
		if sv.SentAt.IsZero() {
			sv.SentAt = w.now
		}
		if err := w.finishSurvey(&st, &sv); err != nil {
			return err
		}
		return putSurvey(w, sv)
	})
	return sv, err
}

// Survey returns the survey with id, or ErrNotFound.
func (s *Store) Survey(id uint64) (fo.Survey, error) {
	var sv fo.Survey
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		sv, err = getSurvey(tx, id)
		return err
	})
	return sv, err
}

// VisitSurvey returns the survey of a visit, or ErrNotFound.
func (s *Store) VisitSurvey(visitID uint64) (fo.Survey, error) {
	var sv fo.Survey
	err := s.db.View(func(tx *bolt.Tx) error {
		id := tx.Bucket(bSurveys).Get(surveyVisitKey(visitID))
		if id == nil {
			return fo.ErrNotFound
		}
		var err error
		sv, err = getSurvey(tx, btou(id))
		return err
	})
	return sv, err
}

// eachRecentSurvey calls fn with every survey made since floor, newest
// first (ids grow with time).
func eachRecentSurvey(tx *bolt.Tx, floor time.Time, fn func(fo.Survey)) error {
	c := tx.Bucket(bSurveys).Cursor()
	k, v := c.Seek([]byte("V"))
	if k == nil {
		k, v = c.Last()
	} else {
		k, v = c.Prev()
	}
	for ; k != nil; k, v = c.Prev() {
		var sv fo.Survey
		if err := jsonUnmarshal(v, &sv); err != nil {
			return fmt.Errorf("survey %d: %w", btou(k), err)
		}
		if sv.CreatedAt.Before(floor) {
			return nil
		}
		fn(sv)
	}
	return nil
}
