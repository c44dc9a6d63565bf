package data

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	fo "frontoffice"
	"frontoffice/internal/sigdraw"
)

// INT-4: a work order without the customer's signature waits for it: the
// vehicle stays at reception, a linked customer is asked in chat with one
// button; a press from another chat is refused; the signature from the
// customer's own chat sends the car to the workshop, once.
func TestIntakeAwaitsSignatureINT4(t *testing.T) {
	s, _ := newTestStore(t)
	const chat = 777
	v := walkIn(t, s, "13900000077", "京B77777", chat)
	v, err := s.Intake(fo.IntakeRequest{VisitID: v.ID, WorkOrder: workOrder(at(2026, 11, 27, 9, 0), 60, at(2026, 11, 27, 12, 0)), By: "staff:li"})
	if err != nil {
		t.Fatal(err)
	}
	if v.Status != fo.VisitWaiting || v.WorkOrder == nil || v.WorkOrder.Signed() || !v.PickupNoticeAt.IsZero() {
		t.Fatalf("unsigned work order: status %s, %+v", v.Status, v.WorkOrder)
	}
	var ask *fo.Message
	for _, m := range pending(t, s) {
		if m.ChatID == chat && strings.Contains(m.Key, ":sign:") {
			ask = &m
		}
	}
	if ask == nil || len(ask.Buttons) != 1 || ask.Buttons[0][0].Data != fo.SignButtonData(v.ID) ||
		ask.Document == nil || ask.Document.Kind != fo.DocWorkOrder {
		t.Fatalf("sign request %+v", ask)
	}
	// Nothing moves on without the signature.
	if _, err := s.SetReady(v.ID, fo.DeliveryChecklist{Cleaned: true, Checked: true, Belongings: true, Settlement: true}, "staff:li"); err == nil {
		t.Error("an unsigned job was marked ready")
	}
	if _, err := s.SignWorkOrder(fo.SignRequest{VisitID: v.ID, Signature: fo.Signature{Via: fo.SignedByTelegram, ChatID: 999}, By: "customer:bot"}); !errors.Is(err, fo.ErrNotFound) {
		t.Fatalf("a press from another chat: %v", err)
	}
	if _, err := s.SignWorkOrder(fo.SignRequest{VisitID: v.ID, Signature: fo.Signature{Via: fo.SignedOnPad, PNG: []byte("not a png")}, By: "staff:li"}); !errors.Is(err, fo.ErrBadSignature) {
		t.Fatalf("a pad signature without strokes: %v", err)
	}
	got, err := s.SignWorkOrder(fo.SignRequest{VisitID: v.ID, Signature: fo.Signature{Via: fo.SignedByTelegram, ChatID: chat}, By: "customer:bot"})
	if err != nil {
		t.Fatal(err)
	}
	sig := got.WorkOrder.Signature
	if got.Status != fo.VisitWorkshop || sig.Via != fo.SignedByTelegram || sig.ChatID != chat || sig.At.IsZero() || sig.By != "customer:bot" || got.PickupNoticeAt.IsZero() {
		t.Fatalf("signed: %s %+v", got.Status, sig)
	}
	if _, err := s.SignWorkOrder(fo.SignRequest{VisitID: v.ID, Signature: fo.Signature{Via: fo.SignedByTelegram, ChatID: chat}, By: "customer:bot"}); !errors.Is(err, fo.ErrNotAllowed) {
		t.Fatalf("signed twice: %v", err)
	}
	if !containsText(messagesTo(t, s, chat), "已收到您的签字确认") {
		t.Errorf("customer not thanked: %q", messagesTo(t, s, chat))
	}
}

// INT-4, DEL-3: the pad's strokes are kept with the visit; the settlement
// is not handed over without the customer's signature, and an invalid one
// changes nothing.
func TestPadSignatureAndSettlementINT4(t *testing.T) {
	s, clock := newTestStore(t)
	v := walkIn(t, s, "13900000078", "京B77778", 0)
	pad := sigdraw.Pad("王五")
	v, err := s.Intake(fo.IntakeRequest{VisitID: v.ID, WorkOrder: workOrder(at(2026, 11, 27, 9, 0), 60, at(2026, 11, 27, 12, 0)), Signature: pad, By: "staff:li"})
	if err != nil {
		t.Fatal(err)
	}
	if v.Status != fo.VisitWorkshop || !bytes.Equal(v.WorkOrder.Signature.PNG, pad.PNG) || !v.WorkOrder.Signature.At.Equal(clock.Now()) || v.WorkOrder.Signature.By != "staff:li" {
		t.Fatalf("pad signature: %s %+v", v.Status, v.WorkOrder.Signature.Via)
	}
	if _, err := s.SetReady(v.ID, fo.DeliveryChecklist{Cleaned: true, Checked: true, Belongings: true, Settlement: true}, "staff:li"); err != nil {
		t.Fatal(err)
	}
	set := fo.Settlement{Amount: 30000, Paid: 30000}
	if _, err := s.Deliver(fo.DeliverRequest{VisitID: v.ID, Settlement: set, By: "staff:li"}); !errors.Is(err, fo.ErrAwaitingSignature) {
		t.Fatalf("unsigned settlement: %v", err)
	}
	if _, err := s.Deliver(fo.DeliverRequest{VisitID: v.ID, Settlement: set, Signature: fo.Signature{Via: "fax"}, By: "staff:li"}); !errors.Is(err, fo.ErrBadSignature) {
		t.Fatalf("unknown way of signing: %v", err)
	}
	if got, _ := s.Visit(v.ID); got.Status != fo.VisitReady || got.Settlement != nil {
		t.Fatalf("a refused delivery changed the visit: %s", got.Status)
	}
	clock.Advance(time.Minute)
	got, err := s.Deliver(fo.DeliverRequest{VisitID: v.ID, Settlement: set, Signature: pad, By: "staff:li"})
	if err != nil {
		t.Fatal(err)
	}
	if got.Settlement.Signature.Via != fo.SignedOnPad || !bytes.Equal(got.Settlement.Signature.PNG, pad.PNG) || !got.Settlement.Signature.At.Equal(clock.Now()) {
		t.Fatalf("settlement signature %+v", got.Settlement.Signature.At)
	}
}

// INT-6, INT-4: an approval tapped in the customer's chat is their
// approval on record (chat and time); one heard on the phone is not a
// signature, and a decline is none either.
func TestAdditionalWorkApprovalRecordedINT6(t *testing.T) {
	s, _ := newTestStore(t)
	const chat = 778
	v := walkIn(t, s, "13900000079", "京B77779", chat)
	v, err := s.Intake(fo.IntakeRequest{VisitID: v.ID, WorkOrder: workOrder(at(2026, 11, 27, 9, 0), 60, at(2026, 11, 27, 12, 0)), Signature: sigdraw.Pad("王五"), By: "staff:li"})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"更换刹车片", "更换雨刮", "更换灯泡"} {
		if _, _, err := s.AddWork(fo.AddWorkRequest{VisitID: v.ID, Description: d, Reason: "磨损", Price: 10000, ExtraMinutes: 10, By: "staff:li"}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.AnswerWork(v.ID, 1, true, v.CustomerID, "customer:bot"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AnswerWork(v.ID, 2, false, v.CustomerID, "customer:bot"); err != nil {
		t.Fatal(err)
	}
	got, err := s.AnswerWork(v.ID, 3, true, 0, "staff:li")
	if err != nil {
		t.Fatal(err)
	}
	if sig := got.Additional[0].Signature; sig.Via != fo.SignedByTelegram || sig.ChatID != chat || sig.At.IsZero() {
		t.Errorf("approved in chat: %+v", sig)
	}
	if got.Additional[1].Signature.Signed() || got.Additional[2].Signature.Signed() {
		t.Errorf("a decline or a phone answer recorded as a signature: %+v", got.Additional[1:])
	}
}

func containsText(texts []string, part string) bool {
	for _, s := range texts {
		if strings.Contains(s, part) {
			return true
		}
	}
	return false
}
