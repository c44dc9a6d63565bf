package data

import (
	"errors"
	"frontoffice/internal/sigdraw"
	"strings"
	"testing"
	"time"

	fo "frontoffice"
)

func walkIn(t *testing.T, s *Store, phone, plate string, chat int64) fo.Visit {
	t.Helper()
	v, err := s.CheckIn(fo.CheckInRequest{Customer: fo.CustomerInput{Name: "王五", Phone: phone, ChatID: chat, Consent: true},
		Plate: plate, ServiceID: "repair", Concern: "雷达报警", Source: "kiosk", By: "kiosk"})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func workOrder(handover time.Time, minutes int, promised time.Time) fo.WorkOrder {
	return fo.WorkOrder{
		Purpose: "维修倒车雷达", DiagnosisConsent: true,
		Lines:            []fo.EstimateLine{{Description: "更换探头", Mode: fo.PriceByItem, Labor: 10000, Parts: 20000, PartsSource: fo.PartsShop, PartsKind: fo.PartsOriginal, Critical: true}},
		DocumentsChecked: true, Belongings: []string{"雨伞"}, FuelEighths: 4, Odometer: 42000, KeyNo: "K-17",
		EstimatedMinutes: minutes, PromisedAt: promised, Receiver: "车间 老张", HandoverAt: handover,
	}
}

// messagesTo returns the texts waiting for chat, the check-in's queue
// ticket left out (board_call_test.go's chatTexts keeps it).
func messagesTo(t *testing.T, s *Store, chat int64) []string {
	var out []string
	for _, m := range pending(t, s) {
		if m.ChatID == chat && !strings.HasSuffix(m.Key, ":ticket") {
			out = append(out, m.Text)
		}
	}
	return out
}

// Queue numbers: A for appointments, W for walk-ins, counted per day.
func TestCheckInQueueNumbers(t *testing.T) {
	s, clock := newTestStore(t)
	a, err := s.Book(bookReq("13812345678", "京A12345", at(2026, 11, 27, 11, 0)))
	if err != nil {
		t.Fatal(err)
	}
	w1 := walkIn(t, s, "13900000001", "京B11111", 0)
	w2 := walkIn(t, s, "13900000002", "京B22222", 0)
	// Too early for the 11:00 appointment at 09:00.
	if _, err := s.CheckIn(fo.CheckInRequest{AppointmentID: a.ID, By: "kiosk"}); !errors.Is(err, fo.Errorf(fo.EINVALID, "kiosk.early")) {
		t.Fatalf("early check-in: %v", err)
	}
	clock.Set(at(2026, 11, 27, 10, 45))
	va, err := s.CheckIn(fo.CheckInRequest{AppointmentID: a.ID, By: "kiosk"})
	if err != nil {
		t.Fatal(err)
	}
	if w1.QueueNo != "W001" || w2.QueueNo != "W002" || va.QueueNo != "A001" {
		t.Errorf("queue numbers %s %s %s", w1.QueueNo, w2.QueueNo, va.QueueNo)
	}
	if got, _ := s.Appointment(a.ID); got.Status != fo.AptCheckedIn {
		t.Errorf("appointment status %s", got.Status)
	}
	if _, err := s.CheckIn(fo.CheckInRequest{AppointmentID: a.ID}); fo.ErrorCode(err) != fo.ECONFLICT {
		t.Errorf("second check-in: %v", err)
	}
	// The next day starts again at 001; the returning walk-in's visit joins
	// the same archive (ARC-1).
	clock.Set(at(2026, 11, 28, 9, 0))
	w3 := walkIn(t, s, "13900000001", "京B11111", 0)
	if w3.QueueNo != "W001" || w3.VehicleID != w1.VehicleID || w3.CustomerID != w1.CustomerID {
		t.Errorf("next day %+v", w3)
	}
	if hist, _ := s.VehicleVisits(w1.VehicleID); len(hist) != 2 {
		t.Errorf("archive history has %d visits", len(hist))
	}
	// Wrong day and late.
	b, _ := s.Book(bookReq("13700000000", "京C12345", at(2026, 11, 30, 9, 0)))
	if _, err := s.CheckIn(fo.CheckInRequest{AppointmentID: b.ID}); !errors.Is(err, fo.Errorf(fo.EINVALID, "kiosk.wrong_day")) {
		t.Errorf("wrong day: %v", err)
	}
	clock.Set(at(2026, 11, 30, 9, 31))
	if _, err := s.CheckIn(fo.CheckInRequest{AppointmentID: b.ID}); !errors.Is(err, fo.Errorf(fo.EINVALID, "kiosk.late")) {
		t.Errorf("late: %v", err)
	}
}

func TestCallNextAndBoard(t *testing.T) {
	s, _ := newTestStore(t)
	changed := s.BoardChanged()
	w1 := walkIn(t, s, "13900000001", "京B11111", 0)
	walkIn(t, s, "13900000002", "京B22222", 0)
	select {
	case <-changed:
	default:
		t.Error("check-in did not wake the board")
	}
	b, _ := s.Board()
	if b.Now != nil || b.Waiting != 2 {
		t.Fatalf("board %+v", b)
	}
	changed = s.BoardChanged()
	v, err := s.CallNext(0, "staff:li")
	if err != nil || v.ID != w1.ID || v.Status != fo.VisitCalled {
		t.Fatalf("call next: %+v %v", v, err)
	}
	<-changed
	s.CallNext(0, "staff:li")
	b, _ = s.Board()
	if b.Now == nil || b.Now.QueueNo != "W002" || len(b.Recent) != 1 || b.Recent[0].QueueNo != "W001" || b.Waiting != 0 {
		t.Fatalf("board %+v", b)
	}
	if b.Now.Plate != "京B·***22" {
		t.Errorf("board shows plate %q, want masked", b.Now.Plate)
	}
	if _, err := s.CallNext(0, "staff:li"); !errors.Is(err, fo.ErrNotFound) {
		t.Errorf("nobody waiting: %v", err)
	}
}

// DEL-2 and INT-7 on a fake clock: a short job is announced 1 h before the
// promised time, progress checked at 75% of the estimate.
func TestPickupShortJobDEL2INT7(t *testing.T) {
	s, clock := newTestStore(t)
	v := walkIn(t, s, "13900000001", "京B11111", 555)
	handover := at(2026, 11, 27, 9, 3) // kept to the 10 minutes: 09:00
	v, err := s.Intake(fo.IntakeRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, WorkOrder: workOrder(handover, 240, at(2026, 11, 27, 14, 0)), By: "staff:li"})
	if err != nil {
		t.Fatal(err)
	}
	if !v.WorkOrder.HandoverAt.Equal(at(2026, 11, 27, 9, 0)) {
		t.Errorf("handover %v", v.WorkOrder.HandoverAt.In(shanghai)) // INT-5
	}
	if !v.ProgressCheckAt.Equal(at(2026, 11, 27, 12, 0)) || !v.PickupNoticeAt.Equal(at(2026, 11, 27, 13, 0)) {
		t.Fatalf("progress %v, pickup %v", v.ProgressCheckAt.In(shanghai), v.PickupNoticeAt.In(shanghai))
	}
	clock.Set(at(2026, 11, 27, 11, 59))
	s.RunDue(clock.Now())
	if got := messagesTo(t, s, -100); len(got) != 2 { // check-in, intake
		t.Fatalf("staff got %q before 75%%", got)
	}
	clock.Set(at(2026, 11, 27, 12, 0))
	s.RunDue(clock.Now())
	staff := messagesTo(t, s, -100)
	if len(staff) != 3 || !strings.Contains(staff[2], "75%") {
		t.Fatalf("no progress alert: %q", staff)
	}
	if got, _ := s.Visit(v.ID); !got.ProgressAlerted {
		t.Error("progress alert not kept for the console")
	}
	clock.Set(at(2026, 11, 27, 12, 59))
	s.RunDue(clock.Now())
	if got := messagesTo(t, s, 555); len(got) != 0 {
		t.Fatalf("pickup notice early: %q", got)
	}
	// DEL-2: the notice is due but the job is not ready: the customer is
	// not told, the staff chat is.
	clock.Set(at(2026, 11, 27, 13, 0))
	s.RunDue(clock.Now())
	if cust := messagesTo(t, s, 555); len(cust) != 0 {
		t.Fatalf("pickup notice for a job not ready: %q", cust)
	}
	if staff := messagesTo(t, s, -100); !strings.Contains(staff[len(staff)-1], "尚未完工") {
		t.Errorf("staff not warned that the job is not ready: %q", staff)
	}
	// Marked ready at 13:20: the notice goes on readiness.
	clock.Set(at(2026, 11, 27, 13, 20))
	if _, err := s.SetReady(v.ID, fo.CompleteChecklist, "staff:li"); err != nil {
		t.Fatal(err)
	}
	cust := messagesTo(t, s, 555)
	if len(cust) != 1 || !strings.Contains(cust[0], "14:00") || !strings.Contains(cust[0], "已完工") {
		t.Fatalf("pickup notice %q", cust)
	}
}

// DEL-2: a job of 2 days or more is announced 4 hours ahead; a delay is
// announced at once with the reason and an apology (REC-4), and the notice follows
// the new time; a job ready early notifies at once.
func TestPickupLongJobDelayAndEarlyDEL2(t *testing.T) {
	s, clock := newTestStore(t)
	v := walkIn(t, s, "13900000001", "京B11111", 555)
	v, err := s.Intake(fo.IntakeRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, WorkOrder: workOrder(at(2026, 11, 27, 9, 0), 16*60, at(2026, 11, 30, 16, 0))})
	if err != nil {
		t.Fatal(err)
	}
	if !v.PickupNoticeAt.Equal(at(2026, 11, 30, 12, 0)) {
		t.Fatalf("long job notice at %v, want 4 h before", v.PickupNoticeAt.In(shanghai))
	}
	clock.Set(at(2026, 11, 30, 10, 0))
	v, err = s.Delay(v.ID, at(2026, 12, 1, 12, 0), "配件未到货", "staff:li")
	if err != nil {
		t.Fatal(err)
	}
	cust := messagesTo(t, s, 555)
	if len(cust) != 1 || !strings.Contains(cust[0], "配件未到货") || !strings.Contains(cust[0], "抱歉") || !strings.Contains(cust[0], "12月1日") {
		t.Fatalf("delay message %q", cust)
	}
	if !v.PickupNoticeAt.Equal(at(2026, 12, 1, 8, 0)) {
		t.Errorf("notice after delay at %v", v.PickupNoticeAt.In(shanghai))
	}
	// The old notice time passes without a notice.
	clock.Set(at(2026, 11, 30, 12, 0))
	s.RunDue(clock.Now())
	if got := messagesTo(t, s, 555); len(got) != 1 {
		t.Fatalf("old notice sent: %q", got)
	}
	if _, err := s.Delay(v.ID, at(2026, 11, 30, 13, 0), "x", "staff:li"); fo.ErrorCode(err) != fo.EINVALID {
		t.Errorf("delay to an earlier time: %v", err)
	}
	// Ready early: the customer is told at once, and not again later.
	v, err = s.SetReady(v.ID, fo.CompleteChecklist, "staff:li")
	if err != nil {
		t.Fatal(err)
	}
	cust = messagesTo(t, s, 555)
	if len(cust) != 2 || !strings.Contains(cust[1], "提前完工") {
		t.Fatalf("ready early: %q", cust)
	}
	clock.Set(at(2026, 12, 1, 8, 0))
	s.RunDue(clock.Now())
	if got := messagesTo(t, s, 555); len(got) != 2 {
		t.Fatalf("notice sent again: %q", got)
	}
}

// DEL-2 for a customer without Telegram: the notice goes on the
// reception's call list for the day.
func TestPickupPhoneTaskWhenNotLinked(t *testing.T) {
	s, clock := newTestStore(t)
	v := walkIn(t, s, "13900000001", "京B11111", 0)
	s.Intake(fo.IntakeRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, WorkOrder: workOrder(at(2026, 11, 27, 9, 0), 60, at(2026, 11, 27, 11, 0))})
	clock.Set(at(2026, 11, 27, 10, 0))
	s.RunDue(clock.Now())
	if tasks, _, _ := s.PhoneTasks("2026-11-27"); len(tasks) != 0 {
		t.Fatalf("pickup call for a job not ready: %+v", tasks)
	}
	clock.Set(at(2026, 11, 27, 10, 10))
	s.SetReady(v.ID, fo.CompleteChecklist, "staff:li")
	tasks, ids, err := s.PhoneTasks("2026-11-27")
	if err != nil || len(tasks) != 1 || !strings.Contains(tasks[0].Text, "11:00") {
		t.Fatalf("phone tasks %+v %v", tasks, err)
	}
	if err := s.PhoneTaskDone(ids[0], "staff:li"); err != nil {
		t.Fatal(err)
	}
	if err := s.PhoneTaskDone(ids[0], "staff:li"); !errors.Is(err, fo.ErrNotAllowed) {
		t.Errorf("done twice: %v", err)
	}
	if tasks, _, _ := s.PhoneTasks("2026-11-28"); len(tasks) != 0 {
		t.Errorf("a done task carried over: %+v", tasks)
	}
}

// INT-6: additional work waits for the customer's answer, recorded with its
// time; approval moves the promised time; a forged answer from another
// customer does nothing.
func TestAdditionalWorkINT6(t *testing.T) {
	s, clock := newTestStore(t)
	v := walkIn(t, s, "13900000001", "京B11111", 555)
	other := walkIn(t, s, "13900000002", "京B22222", 556)
	s.Intake(fo.IntakeRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, WorkOrder: workOrder(at(2026, 11, 27, 9, 0), 120, at(2026, 11, 27, 12, 0))})
	_, aw, err := s.AddWork(fo.AddWorkRequest{VisitID: v.ID, Description: "更换刹车片", Reason: "磨损到极限", Price: 48000, ExtraMinutes: 60, Safety: true, By: "staff:li"})
	if err != nil {
		t.Fatal(err)
	}
	es, _, _ := s.Pending(clock.Now(), 100)
	var ask fo.Message
	for _, e := range es {
		if e.Message.ChatID == 555 {
			ask = e.Message
		}
	}
	if !strings.Contains(ask.Text, "行车安全") || !strings.Contains(ask.Text, "13:00") || len(ask.Buttons) != 1 || ask.Buttons[0][0].Data != "aw:ok:1:1" {
		t.Fatalf("question %+v", ask)
	}
	if _, err := s.AnswerWork(v.ID, aw.N, true, other.CustomerID, "customer:bot"); !errors.Is(err, fo.ErrNotFound) {
		t.Fatalf("forged answer: %v", err)
	}
	clock.Set(at(2026, 11, 27, 10, 7))
	got, err := s.AnswerWork(v.ID, aw.N, true, v.CustomerID, "customer:bot")
	if err != nil {
		t.Fatal(err)
	}
	if a := got.Additional[0]; a.Status != fo.AddApproved || !a.AnsweredAt.Equal(clock.Now().UTC()) {
		t.Errorf("answer %+v", a)
	}
	if !got.PromisedAt().Equal(at(2026, 11, 27, 13, 0)) || !got.PickupNoticeAt.Equal(at(2026, 11, 27, 12, 0)) {
		t.Errorf("promised %v notice %v", got.PromisedAt().In(shanghai), got.PickupNoticeAt.In(shanghai))
	}
	if _, err := s.AnswerWork(v.ID, aw.N, false, v.CustomerID, "customer:bot"); !errors.Is(err, fo.ErrNotAllowed) {
		t.Errorf("second answer: %v", err)
	}
}

// DEL-3: delivery needs a ready job; a discount needs a supervisor.
func TestDeliverDEL3(t *testing.T) {
	s, _ := newTestStore(t)
	v := walkIn(t, s, "13900000001", "京B11111", 555)
	s.Intake(fo.IntakeRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, WorkOrder: workOrder(at(2026, 11, 27, 9, 0), 60, at(2026, 11, 27, 11, 0))})
	set := fo.Settlement{Amount: 30000, Paid: 30000}
	if _, err := s.Deliver(fo.DeliverRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, Settlement: set}); !errors.Is(err, fo.ErrNotAllowed) {
		t.Fatalf("delivered before ready: %v", err)
	}
	s.SetReady(v.ID, fo.CompleteChecklist, "staff:li")
	disc := fo.Settlement{Amount: 30000, Discount: 3000, Paid: 27000}
	if _, err := s.Deliver(fo.DeliverRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, Settlement: disc, By: "staff:li"}); fo.ErrorCode(err) != fo.EFORBIDDEN {
		t.Fatalf("discount without supervisor: %v", err)
	}
	got, err := s.Deliver(fo.DeliverRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, Settlement: fo.Settlement{Amount: 30000, Discount: 3000, Paid: 20000}, Supervisor: true,
		DiscountReason: "老客户", By: "staff:zhao"})
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != fo.VisitDelivered || got.Settlement.Receivable() != 7000 || got.Settlement.DiscountBy != "staff:zhao" {
		t.Errorf("delivered %+v %+v", got, got.Settlement)
	}
	if open, _ := s.OpenVisits(); len(open) != 0 {
		t.Errorf("open visits %+v", open)
	}
}

func TestWorkOrderValidation(t *testing.T) {
	s, _ := newTestStore(t)
	v := walkIn(t, s, "13900000001", "京B11111", 0)
	wo := workOrder(at(2026, 11, 27, 9, 0), 60, at(2026, 11, 27, 8, 0))
	if _, err := s.Intake(fo.IntakeRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, WorkOrder: wo}); !errors.Is(err, fo.Errorf(fo.EINVALID, "err.wo.promised")) {
		t.Fatalf("promise before handover: %v", err)
	}
	wo = workOrder(at(2026, 11, 27, 9, 0), 60, at(2026, 11, 27, 11, 0))
	wo.Lines[0].PartsSource = "market"
	if _, err := s.Intake(fo.IntakeRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, WorkOrder: wo}); fo.ErrorCode(err) != fo.EINVALID {
		t.Fatalf("bad parts source: %v", err)
	}
	if got, _ := s.Visit(v.ID); got.WorkOrder != nil || got.Status != fo.VisitWaiting {
		t.Fatal("an invalid work order changed the visit")
	}
	// INT-2: customer-supplied part at a critical place: no guarantee.
	wo.Lines[0].PartsSource = fo.PartsCustomer
	if !wo.NoGuarantee() {
		t.Error("customer part at a critical place keeps the guarantee")
	}
	wo.Lines[0].Critical = false
	if wo.NoGuarantee() {
		t.Error("a non-critical part voids the guarantee")
	}
}

func TestLinkToken(t *testing.T) {
	s, clock := newTestStore(t)
	v := walkIn(t, s, "13900000001", "京B11111", 0)
	tok, err := s.CreateLinkToken(v.CustomerID, v.ID)
	if err != nil || len(tok) != 22 {
		t.Fatal(tok, err)
	}
	c, err := s.RedeemLinkToken(tok, 4242, fo.EN)
	if err != nil || c.ChatID != 4242 || c.Lang != fo.EN {
		t.Fatalf("redeem %+v %v", c, err)
	}
	if _, err := s.RedeemLinkToken(tok, 4243, fo.EN); !errors.Is(err, fo.ErrStale) {
		t.Errorf("token used twice: %v", err)
	}
	tok2, _ := s.CreateLinkToken(v.CustomerID, v.ID)
	clock.Advance(LinkTokenTTL + time.Second)
	if _, err := s.RedeemLinkToken(tok2, 4243, fo.EN); !errors.Is(err, fo.ErrStale) {
		t.Errorf("expired token: %v", err)
	}
	if c, _ := s.CustomerByChat(4242); c.ID != v.CustomerID {
		t.Errorf("chat not linked")
	}
}
