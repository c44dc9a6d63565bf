package frontoffice

import (
	"strconv"
	"time"
)

// DEL-3: a discount is the supervisor's. A supervisor settling at the
// console grants it with a reason (Bill.Settle); the reception asks one in
// Telegram instead: the supervisors get the amount and the reason with two
// buttons, and an approval lets the reception settle with that discount,
// recorded as the supervisor's.

// DiscountAsk is a discount the reception asked a supervisor for.
type DiscountAsk struct {
	Amount    Money     `json:"amount"`
	Reason    string    `json:"reason"`
	By        string    `json:"by"` // who asked
	At        time.Time `json:"at"`
	Status    string    `json:"status"` // DiscountPending, DiscountApproved, DiscountRefused
	DecidedBy string    `json:"decided_by,omitempty"`
	DecidedAt time.Time `json:"decided_at,omitzero"`
}

// Discount ask statuses.
const (
	DiscountPending  = "pending"
	DiscountApproved = "approved"
	DiscountRefused  = "refused"
)

// Discount errors.
var (
	// ErrDiscountAsk is an ask without a sensible amount or reason.
	ErrDiscountAsk = Errorf(EINVALID, "err.discount.ask")
	// ErrNotSupervisor refuses a discount decision by anyone but a
	// supervisor.
	ErrNotSupervisor = Errorf(EFORBIDDEN, "err.discount.supervisor")
)

// AskDiscount checks an ask of amount off bill b for reason and returns it,
// pending: an amount above zero and not above the bill, a reason of at most
// MaxDiscountReason characters.
func AskDiscount(b Bill, amount Money, reason, by string, now time.Time) (DiscountAsk, error) {
	if amount <= 0 || amount > b.Total() || reason == "" {
		return DiscountAsk{}, ErrDiscountAsk
	}
	if err := tooLong("reason", reason, MaxDiscountReason); err != nil {
		return DiscountAsk{}, err
	}
	return DiscountAsk{Amount: amount, Reason: reason, By: by, At: now, Status: DiscountPending}, nil
}

// Covers reports whether the approved ask allows a settlement with
// discount d: approved, and d no larger than what was approved.
func (a *DiscountAsk) Covers(d Money) bool {
	return a != nil && a.Status == DiscountApproved && d > 0 && d <= a.Amount
}

// DiscountButtonData returns the callback data of a supervisor's answer
// to a discount ask: "dc:ok:<visit>" or "dc:no:<visit>".
func DiscountButtonData(approve bool, visit uint64) string {
	action := "no"
	if approve {
		action = "ok"
	}
	return "dc:" + action + ":" + strconv.FormatUint(visit, 10)
}

// ParseDiscountButton parses what DiscountButtonData writes and nothing
// else.
func ParseDiscountButton(s string) (approve bool, visit uint64, ok bool) {
	parts, ok := CallbackFields(s, "dc", 2)
	if !ok || (parts[0] != "ok" && parts[0] != "no") {
		return false, 0, false
	}
	visit, ok = ParseRecordID(parts[1])
	return parts[0] == "ok", visit, ok
}

// DiscountAskMessages put the reception's ask before the supervisors
// (their private chats, or the staff chats): the visit, the bill, the
// discount and the reason, with approve and refuse buttons.
func DiscountAskMessages(st *Settings, v Visit) []Message {
	a := v.DiscountAsk
	b := VisitBill(&v)
	text := Texts.T(ZH, "staff.discount.ask", v.QueueNo, FormatPlate(v.Plate), v.CustomerName, b.Total(), a.Amount, b.Total()-a.Amount, a.Reason, a.By)
	buttons := [][]Button{{
		{Text: Texts.T(ZH, "btn.discount.ok"), Data: DiscountButtonData(true, v.ID)},
		{Text: Texts.T(ZH, "btn.discount.no"), Data: DiscountButtonData(false, v.ID)},
	}}
	return toChats(st.ReportChats(), visitKey(v.ID, "discount:"+unixKey(a.At)), text, buttons, time.Time{})
}

// DiscountDecidedMessages tell the staff chat the supervisor's decision,
// so that the reception settles accordingly.
func DiscountDecidedMessages(st *Settings, v Visit) []Message {
	a := v.DiscountAsk
	key := "staff.discount.refused"
	if a.Status == DiscountApproved {
		key = "staff.discount.approved"
	}
	text := Texts.T(ZH, key, v.QueueNo, FormatPlate(v.Plate), a.Amount, a.Reason, a.DecidedBy)
	return staffMessages(st, visitKey(v.ID, "discount:"+unixKey(a.At)+":"+a.Status), text)
}
