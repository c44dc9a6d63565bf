package console

import (
	"frontoffice/internal/web"
	"net/http"
	"strings"
	"time"

	fo "frontoffice"
)

// Promotions and events (FU-6): staff enter an event with its day(s); the
// store tells linked customers 2 weeks ahead by message and the others on
// the call list, and sends the formal invitation a day later (letter
// register, FU-7). The page lists the events of the last month and the
// coming year with when their notice and letter go out.

const promotionsPath = "/staff/promotions"

// promotionForm is the new event's form as typed.
type promotionForm struct {
	Title, TitleEn, Text, TextEn, Day, LastDay string
}

type promotionsPage struct {
	consolePage
	List []fo.Promotion
	F    promotionForm
	Min  string // the earliest day the form accepts, YYYY-MM-DD
}

func (s *Server) promotionsPage(c *staffCtx, f promotionForm) (*promotionsPage, error) {
	today := fo.DayStart(c.now, c.loc)
	list, err := s.cfg.Store.Promotions(today.AddDate(0, -1, 0), today.AddDate(1, 0, 1))
	if err != nil {
		return nil, err
	}
	return &promotionsPage{consolePage: s.consolePage(c, "as.promo.title"), List: list, F: f, Min: today.Format(time.DateOnly)}, nil
}

// asPromotions lists the events and offers the form to add one.
func (s *Server) asPromotions(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	p, err := s.promotionsPage(c, promotionForm{})
	if err != nil {
		s.consoleFail(w, r, c, err)
		return
	}
	s.renderConsole(w, r, c, http.StatusOK, "promotions", p)
}

// asPromotionAdd records an event (FU-6); a bad one comes back with what is
// wrong and the input kept.
func (s *Server) asPromotionAdd(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	pf := r.PostForm
	f := promotionForm{Title: strings.TrimSpace(pf.Get("title")), TitleEn: strings.TrimSpace(pf.Get("title_en")),
		Text: strings.TrimSpace(pf.Get("text")), TextEn: strings.TrimSpace(pf.Get("text_en")),
		Day: strings.TrimSpace(pf.Get("day")), LastDay: strings.TrimSpace(pf.Get("last_day"))}
	p := fo.Promotion{Title: f.Title, TitleEn: f.TitleEn, Text: f.Text, TextEn: f.TextEn}
	var err error
	day, ok := parseDay(f.Day, c.loc)
	if !ok {
		err = fo.Errorf(fo.EINVALID, "err.promo.day")
	}
	p.Day = day
	if f.LastDay != "" {
		last, ok := parseDay(f.LastDay, c.loc)
		if !ok {
			err = fo.Errorf(fo.EINVALID, "err.promo.day")
		}
		p.LastDay = last
	}
	if err == nil {
		_, err = s.cfg.Store.AddPromotion(p, c.by())
	}
	if err != nil {
		page, perr := s.promotionsPage(c, f)
		if perr != nil {
			s.consoleFail(w, r, c, perr)
			return
		}
		page.Err = s.consoleErrText(c, err)
		s.renderConsole(w, r, c, web.ErrorStatus(err), "promotions", page)
		return
	}
	s.done(w, r, promotionsPath, "con.flash.as_promo")
}
