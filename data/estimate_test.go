package data

import (
	"errors"
	"frontoffice/internal/sigdraw"
	"reflect"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// readyJob checks a walk-in in and takes it in with one line of labour
// worth total, then marks it ready.
func readyJob(t *testing.T, s *Store, phone, plate string, total fo.Money) fo.Visit {
	t.Helper()
	v := walkIn(t, s, phone, plate, 0)
	now := s.now()
	wo := workOrder(now, 60, now.Add(2*time.Hour))
	wo.Lines = []fo.EstimateLine{{Description: "安装", Mode: fo.PriceByItem, Labor: total}}
	if _, err := s.Intake(fo.IntakeRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, WorkOrder: wo, By: "staff:li"}); err != nil {
		t.Fatal(err)
	}
	v, err := s.SetReady(v.ID, fo.CompleteChecklist, "staff:li")
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// DEL-3: a reception account once delivered a ¥300.00 job for ¥1.00. The
// amount below the bill is a discount: refused for reception with a clear
// message, nothing recorded; a supervisor must give a reason; then it is
// recorded as a discount with the reason and the supervisor's name, and
// the reports count it.
func TestOneYuanSettlementDEL3(t *testing.T) {
	s, _ := newTestStore(t)
	v := readyJob(t, s, "13900000001", "京B11111", 30000)
	one := fo.Settlement{Amount: 100, Paid: 100}
	_, err := s.Deliver(fo.DeliverRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, Settlement: one, By: "staff:li"})
	var fe *fo.FieldError
	if fo.ErrorCode(err) != fo.EFORBIDDEN || !errors.Is(err, fo.Errorf(fo.EFORBIDDEN, "err.settle.below")) || !errors.As(err, &fe) || fe.Field != "amount" {
		t.Fatalf("¥1 by reception: %v", err)
	}
	if msg := fo.Texts.T(fo.EN, "err.settle.below", fo.Money(100), fo.Money(30000), fo.Money(29900)); msg == "" {
		t.Fatal("no message")
	}
	if got, _ := s.Visit(v.ID); got.Status != fo.VisitReady || got.Settlement != nil {
		t.Fatalf("refused settlement changed the visit: %+v", got)
	}
	if _, err := s.Deliver(fo.DeliverRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, Settlement: one, Supervisor: true, By: "staff:zhao"}); !errors.As(err, &fe) || fe.Field != "reason" {
		t.Fatalf("discount without a reason: %v", err)
	}
	for _, bad := range []fo.Settlement{{Amount: 30100, Paid: 30100}, {Amount: -1}, {Amount: 30000, Paid: fo.MaxAmount + 1}} {
		if _, err := s.Deliver(fo.DeliverRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, Settlement: bad, Supervisor: true, DiscountReason: "x", By: "staff:zhao"}); fo.ErrorCode(err) != fo.EINVALID {
			t.Errorf("settlement %+v: %v", bad, err)
		}
	}
	got, err := s.Deliver(fo.DeliverRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, Settlement: one, Supervisor: true, DiscountReason: "投诉补偿", By: "staff:zhao"})
	if err != nil {
		t.Fatal(err)
	}
	set := got.Settlement
	if set.Amount != 30000 || set.Discount != 29900 || set.DiscountReason != "投诉补偿" || set.DiscountBy != "staff:zhao" ||
		set.Due() != 100 || set.Paid != 100 || set.Receivable() != 0 {
		t.Errorf("settlement %+v", set)
	}
	b, err := s.BusinessStats(fo.ReportDaily, s.now())
	if err != nil {
		t.Fatal(err)
	}
	if b.Amount != 30000 || b.Discounts != 29900 || b.Discounted != 1 || b.Revenue != 100 || b.Collected != 100 || b.Owing != 0 {
		t.Errorf("report %+v", b)
	}
}

// APT-2: the deposit of an appointment recorded as paid (amount, time,
// who) is deducted at settlement; paying it twice is refused; what is
// left unpaid is a receivable.
func TestDepositDeductedAPT2(t *testing.T) {
	s, clock := newTestStore(t)
	req := bookReq("13812345678", "京A12345", at(2026, 11, 27, 11, 0))
	req.ServiceID = "collision"
	a, err := s.Book(req)
	if err != nil {
		t.Fatal(err)
	}
	if a.Deposit != 130000 {
		t.Fatalf("deposit asked %v", a.Deposit)
	}
	clock.Set(at(2026, 11, 27, 10, 45))
	v, err := s.CheckIn(fo.CheckInRequest{AppointmentID: a.ID, By: "kiosk"})
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []fo.Money{0, -100, fo.MaxAmount + 1} {
		if _, err := s.RecordDeposit(fo.DepositRequest{VisitID: v.ID, Amount: bad, By: "staff:li"}); fo.ErrorCode(err) != fo.EINVALID {
			t.Errorf("deposit %v: %v", bad, err)
		}
	}
	paidAt := at(2026, 11, 25, 15, 0)
	v, err = s.RecordDeposit(fo.DepositRequest{VisitID: v.ID, Amount: a.Deposit, PaidAt: paidAt, By: "staff:li"})
	if err != nil {
		t.Fatal(err)
	}
	if d := v.Deposit; d == nil || d.Amount != 130000 || !d.PaidAt.Equal(paidAt) || d.By != "staff:li" || !d.RecordedAt.Equal(clock.Now()) {
		t.Fatalf("deposit %+v", v.Deposit)
	}
	if _, err := s.RecordDeposit(fo.DepositRequest{VisitID: v.ID, Amount: 100, By: "staff:li"}); fo.ErrorCode(err) != fo.ECONFLICT {
		t.Errorf("second deposit: %v", err)
	}
	wo := workOrder(clock.Now(), 180, clock.Now().Add(4*time.Hour))
	wo.Lines = []fo.EstimateLine{{Description: "防撞预警系统安装", Mode: fo.PriceBySystem, Labor: 128000, Parts: 260000, PartsSource: fo.PartsShop, PartsKind: fo.PartsOriginal}}
	if _, err := s.Intake(fo.IntakeRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, WorkOrder: wo, By: "staff:li"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetReady(v.ID, fo.CompleteChecklist, "staff:li"); err != nil {
		t.Fatal(err)
	}
	bill := fo.VisitBill(&v)
	if v, _ = s.Visit(v.ID); fo.VisitBill(&v).Due() != 258000 || bill.Deposit != 130000 {
		t.Errorf("bill due %v", fo.VisitBill(&v).Due())
	}
	// Paying the whole bill again at the counter is refused.
	if _, err := s.Deliver(fo.DeliverRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, Settlement: fo.Settlement{Amount: 388000, Paid: 388000}, By: "staff:li"}); fo.ErrorCode(err) != fo.EINVALID {
		t.Fatalf("deposit paid twice: %v", err)
	}
	got, err := s.Deliver(fo.DeliverRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, Settlement: fo.Settlement{Amount: 388000, Paid: 200000}, By: "staff:li"})
	if err != nil {
		t.Fatal(err)
	}
	set := got.Settlement
	if set.Amount != 388000 || set.Deposit != 130000 || set.ToPay() != 258000 || set.Paid != 200000 || set.Receivable() != 58000 || set.Collected() != 330000 {
		t.Errorf("settlement %+v", set)
	}
	b, _ := s.BusinessStats(fo.ReportDaily, clock.Now())
	if b.Revenue != 388000 || b.Deposits != 130000 || b.Collected != 330000 || b.Receivables != 58000 || b.Owing != 1 {
		t.Errorf("report %+v", b)
	}
}

// INT-1: the estimate and diagnosis come before the work order; the
// work order starts from the agreed estimate, and the bill from it.
func TestEstimateAgreeIntakeINT1(t *testing.T) {
	s, clock := newTestStore(t)
	v := walkIn(t, s, "13900000001", "京B11111", 0)
	est := fo.Estimate{Purpose: "倒车雷达报警", Diagnosis: "左后探头损坏",
		Lines: []fo.EstimateLine{
			{Description: "更换左后探头", Mode: fo.PriceBySymptom, Labor: 8000, Parts: 12000, PartsSource: fo.PartsShop, PartsKind: fo.PartsOriginal},
			{Description: "客户自带主机", Mode: fo.PriceByItem, Labor: 5000, PartsSource: fo.PartsCustomer, PartsKind: fo.PartsAftermarket, Critical: true},
		}}
	var fe *fo.FieldError
	if _, err := s.Estimate(fo.EstimateRequest{VisitID: v.ID, Estimate: est, By: "staff:li"}); !errors.As(err, &fe) || fe.Field != "diagnosis" {
		t.Fatalf("diagnosis without consent: %v", err)
	}
	est.DiagnosisConsent = true
	big := est
	big.Lines = []fo.EstimateLine{{Description: "x", Mode: fo.PriceByItem, Labor: fo.MaxAmount + 1}}
	if _, err := s.Estimate(fo.EstimateRequest{VisitID: v.ID, Estimate: big, By: "staff:li"}); !errors.As(err, &fe) || fe.Field != "lines" {
		t.Fatalf("oversized line: %v", err)
	}
	got, err := s.Estimate(fo.EstimateRequest{VisitID: v.ID, Estimate: est, By: "staff:li"})
	if err != nil {
		t.Fatal(err)
	}
	e := got.CurrentEstimate()
	if e == nil || e.Status != fo.EstimateProposed || e.Total() != 25000 || !e.NoGuarantee() || e.By != "staff:li" || !e.CreatedAt.Equal(clock.Now()) {
		t.Fatalf("estimate %+v", e)
	}
	wo := workOrder(clock.Now(), 60, clock.Now().Add(2*time.Hour))
	if _, err := s.Intake(fo.IntakeRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, WorkOrder: wo, By: "staff:li"}); !errors.Is(err, fo.Errorf(fo.ECONFLICT, "err.estimate.pending")) {
		t.Fatalf("intake before the answer: %v", err)
	}
	clock.Advance(5 * time.Minute)
	if got, err = s.DecideEstimate(fo.DecideRequest{VisitID: v.ID, Agree: true, By: "staff:li"}); err != nil {
		t.Fatal(err)
	}
	if e := got.CurrentEstimate(); e.Status != fo.EstimateAgreed || !e.DecidedAt.Equal(clock.Now()) || e.DecidedBy != "staff:li" {
		t.Fatalf("agreed %+v", e)
	}
	if _, err := s.DecideEstimate(fo.DecideRequest{VisitID: v.ID, Agree: false, By: "staff:li"}); fo.ErrorCode(err) != fo.ECONFLICT {
		t.Errorf("second answer: %v", err)
	}
	wo.Purpose, wo.DiagnosisConsent = "", false
	if got, err = s.Intake(fo.IntakeRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, WorkOrder: wo, By: "staff:li"}); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.WorkOrder.Lines, est.Lines) || got.WorkOrder.Purpose != est.Purpose || got.WorkOrder.DiagnosisReport != "左后探头损坏" {
		t.Errorf("work order not from the estimate: %+v", got.WorkOrder)
	}
	if b := fo.VisitBill(&got); b.Total() != 25000 || len(b.Lines) != 2 {
		t.Errorf("bill %+v", b)
	}
	if _, err := s.Estimate(fo.EstimateRequest{VisitID: v.ID, Estimate: est, By: "staff:li"}); fo.ErrorCode(err) != fo.ECONFLICT {
		t.Errorf("estimate in the workshop: %v", err)
	}
}

// INT-1, FU-2: a declined estimate stays on the visit and in the
// vehicle's history; the visit ends declined (INT-4) and still gets its
// first follow-up call, day 2 to day 7 after it.
func TestDeclinedEstimateKeptFU2(t *testing.T) {
	s, clock := newTestStore(t)
	v := walkIn(t, s, "13900000001", "京B11111", 0)
	est := fo.Estimate{Purpose: "加装行车记录仪", Lines: []fo.EstimateLine{{Description: "行车记录仪", Mode: fo.PriceByItem, Labor: 20000}}}
	if _, err := s.Estimate(fo.EstimateRequest{VisitID: v.ID, Estimate: est, By: "staff:li"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DecideEstimate(fo.DecideRequest{VisitID: v.ID, Reason: "价格太高", By: "staff:li"}); err != nil {
		t.Fatal(err)
	}
	wo := workOrder(clock.Now(), 60, clock.Now().Add(2*time.Hour))
	if _, err := s.Intake(fo.IntakeRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, WorkOrder: wo, By: "staff:li"}); !errors.Is(err, fo.Errorf(fo.ECONFLICT, "err.estimate.declined")) {
		t.Fatalf("intake after a decline: %v", err)
	}
	if _, err := s.Leave(v.ID, 5000, "价格太高", "staff:li"); err != nil {
		t.Fatal(err)
	}
	hist, err := s.VehicleVisits(v.VehicleID)
	if err != nil || len(hist) != 1 {
		t.Fatalf("history %v %v", hist, err)
	}
	got := hist[0]
	if e := got.CurrentEstimate(); got.Status != fo.VisitLeft || e == nil || e.Status != fo.EstimateDeclined || e.DeclineReason != "价格太高" {
		t.Fatalf("declined visit %+v", got)
	}
	var calls []fo.Call
	s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bCalls).ForEach(func(_, raw []byte) error {
			var c fo.Call
			if err := jsonUnmarshal(raw, &c); err != nil {
				return err
			}
			if c.VisitID == v.ID {
				calls = append(calls, c)
			}
			return nil
		})
	})
	st, _ := s.Settings()
	if len(calls) != 1 || calls[0].Kind != fo.CallFirst || calls[0].Status != fo.CallOpen || calls[0].Window != st.FirstCallWindow(got.LeftAt) {
		t.Fatalf("first call of the declined visit: %+v", calls)
	}
	day2 := fo.DayStart(got.LeftAt, st.Location()).AddDate(0, 0, 2)
	if !calls[0].Opens.Equal(day2) {
		t.Errorf("window opens %v, want %v", calls[0].Opens, day2)
	}
}

// REP-1: the visit_end index holds, for every visit that ended, the
// figures a scan of the visits finds; a file from before it gets it built
// at open (schema 1 → 2), and the reports read the same figures.
func TestVisitEndIndexREP1(t *testing.T) {
	s, clock := newTestStore(t)
	readyJob(t, s, "13900000001", "京B11111", 30000)
	v2 := readyJob(t, s, "13900000002", "京B22222", 50000)
	if _, err := s.Deliver(fo.DeliverRequest{Signature: sigdraw.Pad("客户"), VisitID: v2.ID, Settlement: fo.Settlement{Amount: 45000, Paid: 20000}, Supervisor: true, DiscountReason: "老客户", By: "staff:zhao"}); err != nil {
		t.Fatal(err)
	}
	v3 := walkIn(t, s, "13900000003", "京B33333", 0)
	clock.Advance(time.Hour)
	if _, err := s.Leave(v3.ID, 3000, "不做了", "staff:li"); err != nil {
		t.Fatal(err)
	}
	v4 := walkIn(t, s, "13900000004", "京B44444", 0)
	if _, err := s.Leave(v4.ID, 0, "", "staff:li"); err != nil {
		t.Fatal(err)
	}
	scan := func() map[string]visitFigures {
		out := map[string]visitFigures{}
		s.db.View(func(tx *bolt.Tx) error {
			return tx.Bucket(bVisits).ForEach(func(_, raw []byte) error {
				var v fo.Visit
				if err := jsonUnmarshal(raw, &v); err != nil {
					return err
				}
				if end := endOf(&v); !end.IsZero() {
					out[string(key(tkey(end), v.ID))] = visitFigures{ID: v.ID, VehicleID: v.VehicleID, ServiceID: v.ServiceID, Status: v.Status,
						CheckedInAt: v.CheckedInAt, DeliveredAt: v.DeliveredAt, LeftAt: v.LeftAt, Settlement: v.Settlement}
				}
				return nil
			})
		})
		return out
	}
	index := func() map[string]visitFigures {
		out := map[string]visitFigures{}
		s.db.View(func(tx *bolt.Tx) error {
			return tx.Bucket(bVisitEnd).ForEach(func(k, raw []byte) error {
				var f visitFigures
				if err := f.unmarshal(raw); err != nil {
					return err
				}
				out[string(k)] = f
				return nil
			})
		})
		return out
	}
	// The index keeps the counted fields of the settlement (not who or why).
	counted := func(m map[string]visitFigures) map[string]visitFigures {
		for k, f := range m {
			if f.Settlement != nil {
				set := *f.Settlement
				set.By, set.DiscountBy, set.DiscountReason, set.Signature = "", "", "", fo.Signature{}
				f.Settlement = &set
			}
			m[k] = f
		}
		return m
	}
	want := counted(scan())
	if len(want) != 3 {
		t.Fatalf("%d ended visits", len(want))
	}
	if got := index(); !reflect.DeepEqual(got, want) {
		t.Fatalf("index %+v\nscan %+v", got, want)
	}
	before, err := s.BusinessStats(fo.ReportMonthly, clock.Now())
	if err != nil || before.Settlements != 2 || before.Delivered != 1 || before.Declined != 2 || before.Received != 4 || before.Discounts != 5000 {
		t.Fatalf("report %+v %v", before, err)
	}

	// A file written before the index: no visit_end, schema 1.
	path := s.Path()
	if err := s.db.Update(func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket(bVisitEnd); err != nil {
			return err
		}
		return tx.Bucket(bMeta).Put([]byte("schema"), u64(1))
	}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s2, err := Open(path, Options{Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	s = s2
	if got := index(); !reflect.DeepEqual(got, want) {
		t.Fatalf("migrated index %+v\nscan %+v", got, want)
	}
	after, err := s.BusinessStats(fo.ReportMonthly, clock.Now())
	if err != nil || !reflect.DeepEqual(after, before) {
		t.Errorf("report after migration %+v, before %+v (%v)", after, before, err)
	}
}
