package data

// Promotions and events (FU-6).
//
// Bucket and key layout:
//
//	promotions  event day | id → JSON fo.Promotion (the first day's
//	            midnight in the shop's zone, Unix seconds): the call list
//	            reads the current ones by day; a lookup by id scans the
//	            bucket (a few promotions a month)
//
// Due kinds: promo (the notice 2 weeks ahead: linked customers get a
// message, the others a call on the list), promoletter (the formal
// invitation a day later).

import (
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

const (
	promoKind       = "promo"
	promoLetterKind = "promoletter"
)

// AddPromotion records an event or offer staff entered (FU-6) and
// schedules its notice, 2 weeks before the day (at once when that has
// passed), and its formal letter a day after the notice. A promotion
// breaking fo.Promotion.Validate is an EINVALID *Error.
func (s *Store) AddPromotion(p fo.Promotion, by string) (fo.Promotion, error) {
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		st, err := settingsTx(tx)
		if err != nil {
			return err
		}
		if err := p.Validate(w.now, st.Location()); err != nil {
			return err
		}
		b := tx.Bucket(bPromotions)
		if p.ID, err = nextID(b); err != nil {
			return err
		}
		p.By, p.CreatedAt = by, w.now
		p.NoticeAt = st.PromoNoticeAt(p, w.now)
		p.LetterAt = fo.PromoLetterAt(p.NoticeAt)
		if err := putJSON(b, key(tkey(p.Day), p.ID), p); err != nil {
			return err
		}
		if err := w.putDue(p.NoticeAt, promoKind, p.ID); err != nil {
			return err
		}
		return w.putDue(p.LetterAt, promoLetterKind, p.ID)
	})
	return p, err
}

// Promotions returns the promotions whose first day is in [from, to), by
// day.
func (s *Store) Promotions(from, to time.Time) ([]fo.Promotion, error) {
	var out []fo.Promotion
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bPromotions).Cursor()
		for k, v := c.Seek(key(tkey(from))); k != nil && btou(k[:8]) < tkey(to); k, v = c.Next() {
			var p fo.Promotion
			if err := jsonUnmarshal(v, &p); err != nil {
				return err
			}
			out = append(out, p)
		}
		return nil
	})
	return out, err
}

// promotionsOnTx returns the promotions current on day (announced and not
// over, FU-6), reading only the days that can hold them.
func promotionsOnTx(tx *bolt.Tx, st *fo.Settings, day time.Time) ([]fo.Promotion, error) {
	loc := st.Location()
	lo := fo.DayStart(day, loc).AddDate(0, 0, -fo.PromoMaxDays)
	hi := fo.DayStart(day, loc).AddDate(0, 0, fo.PromoNoticeDays)
	var out []fo.Promotion
	c := tx.Bucket(bPromotions).Cursor()
	for k, v := c.Seek(key(tkey(lo))); k != nil && btou(k[:8]) <= tkey(hi); k, v = c.Next() {
		var p fo.Promotion
		if err := jsonUnmarshal(v, &p); err != nil {
			return nil, err
		}
		if p.CurrentOn(day, loc) {
			out = append(out, p)
		}
	}
	return out, nil
}

// promotionByID finds promotion id and its key.
func promotionByID(tx *bolt.Tx, id uint64) (fo.Promotion, []byte, bool) {
	c := tx.Bucket(bPromotions).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if btou(k[8:]) == id {
			var p fo.Promotion
			if jsonUnmarshal(v, &p) != nil {
				return p, nil, false
			}
			return p, append([]byte(nil), k...), true
		}
	}
	return fo.Promotion{}, nil, false
}

// allCustomers reads every customer (a promotion's fan-out).
func allCustomers(tx *bolt.Tx) ([]fo.Customer, error) {
	var out []fo.Customer
	err := tx.Bucket(bCustomers).ForEach(func(k, v []byte) error {
		var c fo.Customer
		if err := jsonUnmarshal(v, &c); err != nil {
			return fmt.Errorf("customer %d: %w", btou(k), err)
		}
		out = append(out, c)
		return nil
	})
	return out, err
}

// duePromo announces a promotion 2 weeks ahead (FU-6): customers with a
// linked chat get a message (letter register, FU-7), the others a call on
// their follow-up staff member's list for the next 2 days, before the
// formal letter.
func duePromo(w *writer, st *fo.Settings, id uint64, at, now time.Time) error {
	p, k, ok := promotionByID(w.tx, id)
	if !ok || tkey(p.NoticeAt) != tkey(at) {
		return nil
	}
	custs, err := allCustomers(w.tx)
	if err != nil {
		return err
	}
	loc := st.Location()
	win := fo.DayWindow(now, 0, 0, fo.PromoCallDays, loc)
	if win.Closes.After(p.Day) {
		win.Closes = p.Day
	}
	load := map[string]int{}
	w.tx.Bucket(bCallDue).ForEach(func(_, v []byte) error {
		load[string(v)]++
		return nil
	})
	for _, c := range custs {
		switch {
		case c.ChatID != 0:
			if err := w.enqueue(fo.PromotionNotice(st, p, c, notQuiet(st, now))); err != nil {
				return err
			}
			if err := w.register(bRegLetter, fo.RegisterEntry{Action: "notice", Ref: p.ID, Code: "promo", By: "system", Detail: fo.PromotionRegisterDetail(p, c, false)}); err != nil {
				return err
			}
			p.Notified++
		case c.Phone != "" && win.Closes.After(win.Opens):
			staff, err := w.designate(st, &c, load)
			if err != nil {
				return err
			}
			if _, err := w.addCall(st, fo.Call{Kind: fo.CallPromo, CustomerID: c.ID, PromotionID: p.ID, Staff: staff,
				Window: win, Work: p.Title}); err != nil {
				return err
			}
			p.Calls++
		}
	}
	return putJSON(w.tx.Bucket(bPromotions), k, p)
}

// duePromoLetter sends the formal invitation a day after the notice
// (FU-6: by letter within 2 days): in the chat of linked customers, and
// for the others with an address as a letter to post; each in the letter
// register (FU-7).
func duePromoLetter(w *writer, st *fo.Settings, id uint64, at, now time.Time) error {
	p, k, ok := promotionByID(w.tx, id)
	if !ok || tkey(p.LetterAt) != tkey(at) {
		return nil
	}
	custs, err := allCustomers(w.tx)
	if err != nil {
		return err
	}
	for _, c := range custs {
		switch {
		case c.ChatID != 0:
			if err := w.enqueue(fo.PromotionLetter(st, p, c, notQuiet(st, now))); err != nil {
				return err
			}
			if err := w.register(bRegLetter, fo.RegisterEntry{Action: "invitation", Ref: p.ID, Code: "promo", By: "system", Detail: fo.PromotionRegisterDetail(p, c, false)}); err != nil {
				return err
			}
		case c.Address != "":
			if err := w.register(bRegLetter, fo.RegisterEntry{Action: "invitation_post", Ref: p.ID, Code: "promo", By: "system",
				Detail: fo.PromotionRegisterDetail(p, c, true)}); err != nil {
				return err
			}
		default:
			continue
		}
		p.Invited++
	}
	return putJSON(w.tx.Bucket(bPromotions), k, p)
}
