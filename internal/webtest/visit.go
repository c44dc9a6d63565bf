package webtest

import (
	"testing"
	"time"

	fo "frontoffice"
	"frontoffice/data"
	"frontoffice/internal/fakeclock"
	"frontoffice/internal/sigdraw"
)

// WorkOrder is a complete, valid work order promised for promised.
func WorkOrder(promised time.Time) fo.WorkOrder {
	return fo.WorkOrder{Purpose: "维修", Lines: []fo.EstimateLine{{Description: "检测", Mode: fo.PriceByItem, Labor: 30000}},
		FuelEighths: 4, Odometer: 1000, KeyNo: "K-1", EstimatedMinutes: 120, PromisedAt: promised, Receiver: "老张"}
}

// Delivered checks a walk-in in and takes it through intake and
// settlement at the clock's time, and returns the delivered visit: its
// follow-up calls and survey are scheduled (FU-2, SUR-1).
func Delivered(t testing.TB, store *data.Store, clock *fakeclock.Clock, name, phone, plate string) fo.Visit {
	t.Helper()
	v, err := store.CheckIn(fo.CheckInRequest{Customer: fo.CustomerInput{Name: name, Phone: phone, Consent: true},
		Plate: plate, ServiceID: "repair", Concern: "倒车雷达报警", Source: "kiosk", By: "kiosk"})
	if err != nil {
		t.Fatal(err)
	}
	return Deliver(t, store, clock, v)
}

// Deliver takes visit v through intake, additional work (approved by
// phone), ready and settlement.
func Deliver(t testing.TB, store *data.Store, clock *fakeclock.Clock, v fo.Visit) fo.Visit {
	t.Helper()
	if _, err := store.Intake(fo.IntakeRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, WorkOrder: WorkOrder(clock.Now().Add(3 * time.Hour)), By: "staff:li"}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := store.AddWork(fo.AddWorkRequest{VisitID: v.ID, Description: "更换探头", Reason: "探头损坏", Price: 8000,
		ExtraMinutes: 30, Safety: true, By: "staff:li"}); err != nil {
		t.Fatal(err)
	}
	if _, err := store.AnswerWork(v.ID, 1, true, 0, "staff:li (phone)"); err != nil {
		t.Fatal(err)
	}
	if _, err := store.SetReady(v.ID, fo.CompleteChecklist, "staff:li"); err != nil {
		t.Fatal(err)
	}
	out, err := store.Deliver(fo.DeliverRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, Settlement: fo.Settlement{Amount: 38000, Paid: 38000}, By: "staff:li"})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
