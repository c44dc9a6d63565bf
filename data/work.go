package data

// Additional work (追加项目, INT-6): found in the workshop, asked of the
// customer, answered.

import (
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// AddWork records additional work (追加项目, INT-6) and asks the customer:
// with approve/decline buttons in Telegram when linked (callback data
// fo.WorkButtonData), otherwise on the reception's phone list
// (fo.AddWorkNotices). The reason is given, safety stressed, with the new delivery
// time. The workshop waits for the answer.
func (s *Store) AddWork(req fo.AddWorkRequest) (fo.Visit, fo.AdditionalWork, error) {
	var aw fo.AdditionalWork
	v, err := s.changeVisit(req.VisitID, func(tx *bolt.Tx, w *writer, st *fo.Settings, v *fo.Visit) error {
		w.setBy(req.By)
		if v.Status != fo.VisitWorkshop || v.WorkOrder == nil {
			return fo.ErrNotAllowed
		}
		req.Description = strings.TrimSpace(req.Description)
		if err := req.Validate(); err != nil {
			return err
		}
		aw = fo.AdditionalWork{N: len(v.Additional) + 1, Description: req.Description, Reason: strings.TrimSpace(req.Reason),
			Price: req.Price, ExtraMinutes: req.ExtraMinutes, Safety: req.Safety, Status: fo.AddPending, CreatedAt: w.now,
			NewPromisedAt: v.WorkOrder.PromisedAt.Add(time.Duration(req.ExtraMinutes) * time.Minute)}
		v.Additional = append(v.Additional, aw)
		return w.tell(st, fo.AddWorkNotices(st, *v, aw, w.customerChat(v.CustomerID)))
	})
	return v, aw, err
}

// AnswerWork records the customer's answer to additional work n with its
// time (INT-6): from the customer's chat (customerID set: it must own the
// visit) or from staff who took it by phone (customerID 0). An approval
// moves the promised time and the pickup notice; the staff chat is told so
// the workshop proceeds or not. A second answer is ErrNotAllowed.
func (s *Store) AnswerWork(visitID uint64, n int, approve bool, customerID uint64, by string) (fo.Visit, error) {
	return s.changeVisit(visitID, func(tx *bolt.Tx, w *writer, st *fo.Settings, v *fo.Visit) error {
		w.setBy(by)
		if customerID != 0 && v.CustomerID != customerID {
			return fo.ErrNotFound
		}
		if n < 1 || n > len(v.Additional) {
			return fo.ErrNotFound
		}
		aw := &v.Additional[n-1]
		if aw.Status != fo.AddPending || !v.Open() {
			return fo.ErrNotAllowed
		}
		aw.Status, aw.AnsweredAt, aw.AnsweredBy = fo.AddDeclined, w.now, by
		if approve && customerID != 0 {
			// INT-4, INT-6: the answer tapped in the customer's own chat
			// is their approval on record, with the chat and the time.
			if chat := w.customerChat(v.CustomerID); chat != 0 {
				aw.Signature = fo.Signature{Via: fo.SignedByTelegram, At: w.now, ChatID: chat, By: by}
			}
		}
		if approve {
			aw.Status = fo.AddApproved
			if v.WorkOrder != nil && aw.NewPromisedAt.After(v.WorkOrder.PromisedAt) {
				v.WorkOrder.PromisedAt = aw.NewPromisedAt
				if v.Status == fo.VisitWorkshop {
					if err := w.scheduleVisit(v, w.now); err != nil {
						return err
					}
				}
			}
		}
		return w.enqueue(fo.WorkAnswerMessages(st, *v, n, approve, by, w.customerChat(v.CustomerID))...)
	})
}
