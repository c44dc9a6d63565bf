package frontoffice

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Money that adds up (DEL-3, APT-2): the bill of a visit is computed from
// the agreed estimate (or the work order's lines) and the approved
// additional work, less the deposit recorded as paid; whatever the desk
// charges below it is a discount, with a reason, granted by a supervisor
// only; what is not paid is a receivable.

// MaxAmount is the largest amount the desk may enter: ¥10,000,000.00. A
// larger one is a typing error.
const MaxAmount Money = 10_000_000_00

// amountOK reports whether m is an amount the desk may enter: 0 to
// MaxAmount.
func amountOK(m Money) bool { return m >= 0 && m <= MaxAmount }

// MaxDiscountReason bounds a discount's reason, in characters.
const MaxDiscountReason = 200

// Deposit is the deposit of an appointment recorded as paid (APT-2): how
// much, when it was paid and who took it. It is deducted at settlement.
type Deposit struct {
	Amount     Money     `json:"amount"`
	PaidAt     time.Time `json:"paid_at"`
	By         string    `json:"by"`
	RecordedAt time.Time `json:"recorded_at"`
}

// DepositRequest records a visit's deposit as paid (APT-2).
type DepositRequest struct {
	VisitID uint64
	Amount  Money
	PaidAt  time.Time // zero: now
	By      string
}

// Validate checks the amount: more than zero, at most MaxAmount ("amount",
// err.amount).
func (r *DepositRequest) Validate() error {
	if r.Amount <= 0 || r.Amount > MaxAmount {
		return fieldErr("amount", "err.amount", MaxAmount)
	}
	return nil
}

// Bill line kinds: an estimate or work-order line, approved additional
// work, the deposit deducted.
const (
	BillLineWork       = "work"
	BillLineAdditional = "additional"
	BillLineDeposit    = "deposit"
)

// BillLine is one line of a visit's bill: what it is, its description and
// its amount (the deposit's is negative).
type BillLine struct {
	Kind        string `json:"kind"`
	Description string `json:"description"`
	Amount      Money  `json:"amount"`
}

// Bill is what a visit costs and what is left to pay at the counter, with
// the lines that explain it (DEL-3, APT-2).
type Bill struct {
	Lines      []BillLine
	Work       Money // the agreed estimate's or the work order's lines
	Additional Money // approved additional work (INT-6)
	Deposit    Money // recorded as paid (APT-2)
}

// Total is the amount before any discount: work plus approved additional
// work.
func (b Bill) Total() Money { return b.Work + b.Additional }

// Due is what is left to pay at the counter: the total less the deposit,
// never below zero.
func (b Bill) Due() Money { return max(0, b.Total()-b.Deposit) }

// VisitBill computes a visit's bill (DEL-3): the work order's lines (or,
// before intake, those of the agreed estimate), each approved additional
// work, and the deposit recorded as paid deducted (APT-2).
func VisitBill(v *Visit) Bill {
	var b Bill
	var lines []EstimateLine
	if v.WorkOrder != nil {
		lines = v.WorkOrder.Lines
	} else if e := v.CurrentEstimate(); e != nil && e.Status == EstimateAgreed {
		lines = e.Lines
	}
	for _, l := range lines {
		b.Lines = append(b.Lines, BillLine{Kind: BillLineWork, Description: l.Description, Amount: l.Total()})
		b.Work += l.Total()
	}
	for _, a := range v.Additional {
		if a.Status == AddApproved {
			b.Lines = append(b.Lines, BillLine{Kind: BillLineAdditional, Description: a.Description, Amount: a.Price})
			b.Additional += a.Price
		}
	}
	if v.Deposit != nil && v.Deposit.Amount > 0 {
		b.Deposit = v.Deposit.Amount
		b.Lines = append(b.Lines, BillLine{Kind: BillLineDeposit, Amount: -v.Deposit.Amount})
	}
	return b
}

// Settle makes the settlement of bill b from what the desk entered (DEL-3):
// charged.Amount is the amount charged before charged.Discount and
// charged.Paid what the customer pays now. The settlement's amount is
// always the bill's total; an amount charged below it is a discount (added
// to any discount entered), which needs a reason and a supervisor: anyone
// else gets an EFORBIDDEN error saying so ("err.settle.below"), nothing
// recorded. An amount above the bill, a negative or oversized amount, a
// discount above the total, a payment above what is left after the
// deposit are EINVALID *FieldErrors naming the field. The deposit is
// deducted (APT-2); what is left unpaid is the receivable.
func (b Bill) Settle(charged Settlement, reason string, supervisor bool, by string, now time.Time) (Settlement, error) {
	switch {
	case !amountOK(charged.Amount):
		return Settlement{}, fieldErr("amount", "err.amount", MaxAmount)
	case !amountOK(charged.Discount):
		return Settlement{}, fieldErr("discount", "err.amount", MaxAmount)
	case !amountOK(charged.Paid):
		return Settlement{}, fieldErr("paid", "err.amount", MaxAmount)
	case charged.Amount > b.Total():
		return Settlement{}, fieldErr("amount", "err.settle.over", charged.Amount, b.Total())
	}
	s := Settlement{Amount: b.Total(), Discount: b.Total() - charged.Amount + charged.Discount, Deposit: b.Deposit,
		Paid: charged.Paid, At: now, By: by}
	if s.Discount > s.Amount {
		return Settlement{}, fieldErr("discount", "err.settle.discount")
	}
	if s.Discount > 0 {
		if !supervisor { // DEL-3: the cashier takes the customer to the supervisor
			return Settlement{}, &FieldError{Field: "amount",
				Err: Errorf(EFORBIDDEN, "err.settle.below", s.Due(), s.Amount, s.Discount)}
		}
		if reason == "" {
			return Settlement{}, fieldErr("reason", "err.settle.reason")
		}
		if err := tooLong("reason", reason, MaxDiscountReason); err != nil {
			return Settlement{}, err
		}
		s.DiscountReason, s.DiscountBy = reason, by
	}
	if s.Paid > s.ToPay() {
		return Settlement{}, fieldErr("paid", "err.settle.paid")
	}
	return s, nil
}

// ToPay is what the customer pays at the counter: the amount due after
// the discount, less the deposit paid before (APT-2), never below zero.
func (s *Settlement) ToPay() Money { return max(0, s.Due()-s.Deposit) }

// Collected is what the shop has received for the settlement: the
// deposit and the payment at the counter.
func (s *Settlement) Collected() Money { return s.Paid + min(s.Deposit, s.Due()) }

// RecordDeposit records the deposit of r as paid on v (APT-2), at r.PaidAt
// (now when zero, never later than now). A visit already settled, or whose
// deposit is recorded, refuses it (ECONFLICT).
func (v *Visit) RecordDeposit(r DepositRequest, now time.Time) error {
	if err := r.Validate(); err != nil {
		return err
	}
	switch {
	case v.Settlement != nil || !v.Open():
		return ErrNotAllowed
	case v.Deposit != nil:
		return Errorf(ECONFLICT, "err.deposit.twice")
	}
	paid := r.PaidAt
	if paid.IsZero() || paid.After(now) {
		paid = now
	}
	v.Deposit = &Deposit{Amount: r.Amount, PaidAt: paid.UTC(), By: r.By, RecordedAt: now}
	return nil
}

// Money is an amount in fen (1/100 yuan).
type Money int64

// String formats m as "¥1,280.00".
func (m Money) String() string {
	neg := m < 0
	if neg {
		m = -m
	}
	yuan := strconv.FormatInt(int64(m/100), 10)
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	b.WriteString("¥")
	for i, c := range yuan {
		if i > 0 && (len(yuan)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	fmt.Fprintf(&b, ".%02d", int64(m%100))
	return b.String()
}

// ParseMoney parses a yuan amount such as "1280", "1,280.5" or "¥99.90".
func ParseMoney(s string) (Money, error) {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(strings.TrimPrefix(s, "¥"), "￥")
	s = strings.ReplaceAll(s, ",", "")
	if s == "" {
		return 0, Errorf(EINVALID, "err.money")
	}
	whole, frac, _ := strings.Cut(s, ".")
	if len(frac) > 2 || whole == "" {
		return 0, Errorf(EINVALID, "err.money")
	}
	for len(frac) < 2 {
		frac += "0"
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || w < 0 || w > 1e12 {
		return 0, Errorf(EINVALID, "err.money")
	}
	f, err := strconv.ParseInt(frac, 10, 64)
	if err != nil || f < 0 {
		return 0, Errorf(EINVALID, "err.money")
	}
	return Money(w*100 + f), nil
}
