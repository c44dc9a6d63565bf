package frontoffice

import (
	"errors"
	"testing"
	"time"
)

// DEL-3, APT-2: the bill is the work order's lines and the approved
// additional work, less the deposit; every line explained.
func TestVisitBillDEL3APT2(t *testing.T) {
	v := Visit{
		WorkOrder: &WorkOrder{Lines: []EstimateLine{{Description: "安装", Labor: 20000, Parts: 10000}}},
		Additional: []AdditionalWork{{Description: "刹车片", Price: 5000, Status: AddApproved},
			{Description: "雨刮", Price: 800, Status: AddDeclined}, {Description: "轮胎", Price: 900, Status: AddPending}},
		Deposit: &Deposit{Amount: 15000},
	}
	b := VisitBill(&v)
	if b.Work != 30000 || b.Additional != 5000 || b.Deposit != 15000 || b.Total() != 35000 || b.Due() != 20000 || len(b.Lines) != 3 {
		t.Errorf("bill %+v", b)
	}
	if b.Lines[2].Kind != BillLineDeposit || b.Lines[2].Amount != -15000 {
		t.Errorf("deposit line %+v", b.Lines[2])
	}
	// Before intake, the agreed estimate's lines.
	v = Visit{Estimates: []Estimate{{Lines: []EstimateLine{{Description: "估价", Labor: 1000}}, Status: EstimateAgreed}}}
	if b := VisitBill(&v); b.Total() != 1000 {
		t.Errorf("bill from the agreed estimate %+v", b)
	}
	v.Estimates[0].Status = EstimateDeclined
	if b := VisitBill(&v); b.Total() != 0 {
		t.Errorf("bill from a declined estimate %+v", b)
	}
}

// DEL-3: any amount below the bill is a discount — a supervisor's, with a
// reason; above it, negative or oversized is refused; the deposit is
// deducted from what is paid at the counter (APT-2).
func TestSettleDEL3(t *testing.T) {
	now := time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)
	b := Bill{Work: 30000}
	_, err := b.Settle(Settlement{Amount: 100, Paid: 100}, "", false, "staff:li", now)
	if ErrorCode(err) != EFORBIDDEN || !errors.Is(err, Errorf(EFORBIDDEN, "err.settle.below")) {
		t.Fatalf("¥1 by reception: %v", err)
	}
	var fe *FieldError
	if _, err := b.Settle(Settlement{Amount: 100, Paid: 100}, "", true, "staff:zhao", now); !errors.As(err, &fe) || fe.Field != "reason" {
		t.Fatalf("no reason: %v", err)
	}
	s, err := b.Settle(Settlement{Amount: 100, Paid: 100}, "投诉补偿", true, "staff:zhao", now)
	if err != nil || s.Amount != 30000 || s.Discount != 29900 || s.DiscountBy != "staff:zhao" || s.DiscountReason != "投诉补偿" || s.Receivable() != 0 {
		t.Fatalf("supervisor: %+v %v", s, err)
	}
	for _, c := range []struct {
		charged Settlement
		field   string
	}{
		{Settlement{Amount: 30001}, "amount"},
		{Settlement{Amount: -1}, "amount"},
		{Settlement{Amount: 30000, Paid: MaxAmount + 1}, "paid"},
		{Settlement{Amount: 30000, Discount: 30001}, "discount"},
		{Settlement{Amount: 30000, Paid: 30001}, "paid"},
	} {
		if _, err := b.Settle(c.charged, "x", true, "staff:zhao", now); !errors.As(err, &fe) || fe.Field != c.field || ErrorCode(err) != EINVALID {
			t.Errorf("%+v: %v, want field %s", c.charged, err, c.field)
		}
	}
	b.Deposit = 10000
	if _, err := b.Settle(Settlement{Amount: 30000, Paid: 30000}, "", false, "staff:li", now); !errors.As(err, &fe) || fe.Field != "paid" {
		t.Errorf("the deposit paid again: %v", err)
	}
	s, err = b.Settle(Settlement{Amount: 30000, Paid: 15000}, "", false, "staff:li", now)
	if err != nil || s.Deposit != 10000 || s.ToPay() != 20000 || s.Receivable() != 5000 || s.Collected() != 25000 || s.Due() != 30000 {
		t.Errorf("with a deposit: %+v %v", s, err)
	}
}

// INT-1: an estimate is validated, replaced while unanswered, kept once
// answered; the decision is recorded with its time; the work order
// starts from the agreed one.
func TestEstimateINT1(t *testing.T) {
	now := time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)
	v := Visit{Status: VisitCalled}
	e := Estimate{Purpose: "加装", Lines: []EstimateLine{{Description: "记录仪", Mode: PriceByItem, Labor: 20000}}}
	if err := v.AddEstimate(Estimate{Purpose: "加装", Diagnosis: "x", Lines: e.Lines}, now, "staff:li"); err == nil {
		t.Error("a diagnosis without consent")
	}
	if err := v.AddEstimate(e, now, "staff:li"); err != nil {
		t.Fatal(err)
	}
	e.Lines[0].Labor = 18000
	if err := v.AddEstimate(e, now, "staff:li"); err != nil || len(v.Estimates) != 1 || v.CurrentEstimate().Total() != 18000 {
		t.Fatalf("revised while proposed: %+v %v", v.Estimates, err)
	}
	if err := v.Decide(DecideRequest{Reason: "贵", By: "staff:li"}, now); err != nil {
		t.Fatal(err)
	}
	if err := v.StartFromEstimate(&WorkOrder{}); !errors.Is(err, Errorf(ECONFLICT, "err.estimate.declined")) {
		t.Errorf("work order after a decline: %v", err)
	}
	if err := v.AddEstimate(e, now, "staff:li"); err != nil || len(v.Estimates) != 2 || v.Estimates[0].Status != EstimateDeclined {
		t.Fatalf("a new estimate after a decline: %+v %v", v.Estimates, err)
	}
	if err := v.StartFromEstimate(&WorkOrder{}); !errors.Is(err, Errorf(ECONFLICT, "err.estimate.pending")) {
		t.Errorf("work order while proposed: %v", err)
	}
	if err := v.Decide(DecideRequest{Agree: true, By: "staff:li"}, now); err != nil {
		t.Fatal(err)
	}
	wo := WorkOrder{Lines: []EstimateLine{{Description: "别的", Mode: PriceByItem, Labor: 1}}}
	if err := v.StartFromEstimate(&wo); err != nil || wo.Total() != 18000 || wo.Purpose != "加装" {
		t.Errorf("work order %+v %v", wo, err)
	}
}
