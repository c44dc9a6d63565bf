package console

import (
	"net/http"
	"strings"

	fo "frontoffice"
)

// DEL-3: a discount is the supervisor's. At the console a supervisor
// settles with one; the reception asks one here instead, and the
// supervisors answer in Telegram (bot/discount.go). Once approved, the
// delivery form offers the discount, recorded as that supervisor's.

type askForm struct{ Amount, Reason string }

// consoleAskDiscount sends the reception's discount ask to the
// supervisors.
func (s *Server) consoleAskDiscount(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	v, ok := s.loadVisit(w, r, c)
	if !ok {
		return
	}
	f := askForm{Amount: strings.TrimSpace(r.PostForm.Get("amount")), Reason: strings.TrimSpace(r.PostForm.Get("reason"))}
	keep := func(p *visitPage) { p.Ask = f }
	amount, err := parseMoney(f.Amount)
	if err == nil {
		_, err = s.cfg.Store.AskDiscount(v.ID, amount, f.Reason, c.by())
	}
	if err != nil {
		s.visitFailed(w, r, c, v, "discount", err, keep)
		return
	}
	s.done(w, r, visitPath(v.ID), "con.flash.discount_asked")
}

// discountTexts are the console's words of a discount asked in Telegram.
var discountTexts = fo.Catalog{
	"con.discount.title":       {Zh: "申请主管批准折扣（Telegram）", En: "Ask a supervisor for a discount (Telegram)"},
	"con.discount.submit":      {Zh: "发送给主管", En: "Send to the supervisors"},
	"con.discount.st.pending":  {Zh: "已申请折扣 %s（%s），等待主管批准。%s", En: "Discount of %s asked (%s), waiting for a supervisor. %s"},
	"con.discount.st.approved": {Zh: "折扣 %s（%s）已由 %s 批准。", En: "Discount of %s (%s) approved by %s."},
	"con.discount.st.refused":  {Zh: "折扣 %s（%s）未获批准（%s），请按原价结算。", En: "Discount of %s (%s) refused by %s; settle at the full price."},
	"con.discount.approved":    {Zh: "主管已批准折扣 %s（%s，%s），可按此结算。", En: "A supervisor approved a discount of %s (%s, %s); you may settle with it."},
	"con.flash.discount_asked": {Zh: "已发送给主管，批准后即可按折扣结算。", En: "Sent to the supervisors; once approved you can settle with the discount."},
}
