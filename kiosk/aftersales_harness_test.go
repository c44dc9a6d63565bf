package kiosk

import (
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	fo "frontoffice"
	"frontoffice/data"
	"frontoffice/forms"
	"frontoffice/internal/fakeclock"
)

// The after-sales tests' harness: the console harness (a real store in a
// temp dir, a fake clock at Friday 2026-11-27 09:00 Shanghai, one account
// per role) with the real forms Renderer as Config.Documents, as serve
// wires it.

var (
	engineOnce sync.Once
	engine     *forms.Engine
	engineErr  error
)

// testEngine is one forms engine for the whole test binary: it parses the
// embedded fonts once.
func testEngine(tb testing.TB) *forms.Engine {
	tb.Helper()
	engineOnce.Do(func() { engine, engineErr = forms.New(slog.New(slog.DiscardHandler)) })
	if engineErr != nil {
		tb.Fatal(engineErr)
	}
	return engine
}

func newAsHarness(t testing.TB) *conHarness {
	t.Helper()
	return newConHarness(t, func(store *data.Store) Documents {
		return &forms.Renderer{Engine: testEngine(t), Store: store}
	})
}

// delivered takes a walk-in through intake and settlement at the clock's
// time and returns the delivered visit: its follow-up calls and survey
// are scheduled (FU-2, SUR-1).
func delivered(t testing.TB, store *data.Store, clock *fakeclock.Clock, name, phone, plate string) fo.Visit {
	t.Helper()
	v, err := store.CheckIn(fo.CheckInRequest{Customer: fo.CustomerInput{Name: name, Phone: phone, Consent: true},
		Plate: plate, ServiceID: "repair", Concern: "倒车雷达报警", Source: "kiosk", By: "kiosk"})
	if err != nil {
		t.Fatal(err)
	}
	return deliver(t, store, clock, v)
}

// deliver takes visit v through intake, additional work (approved by
// phone), ready and settlement.
func deliver(t testing.TB, store *data.Store, clock *fakeclock.Clock, v fo.Visit) fo.Visit {
	t.Helper()
	if _, err := store.Intake(fo.IntakeRequest{VisitID: v.ID, WorkOrder: testWorkOrder(clock.Now().Add(3 * time.Hour)), By: "staff:li"}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := store.AddWork(fo.AddWorkRequest{VisitID: v.ID, Description: "更换探头", Reason: "探头损坏", Price: 8000,
		ExtraMinutes: 30, Safety: true, By: "staff:li"}); err != nil {
		t.Fatal(err)
	}
	if _, err := store.AnswerWork(v.ID, 1, true, 0, "staff:li (phone)"); err != nil {
		t.Fatal(err)
	}
	if _, err := store.SetReady(v.ID, "staff:li"); err != nil {
		t.Fatal(err)
	}
	out, err := store.Deliver(fo.DeliverRequest{VisitID: v.ID, Settlement: fo.Settlement{Amount: 38000, Paid: 38000}, By: "staff:li"})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// partUntil returns the part of body from marker up to and including the
// first end after it ("" when marker is missing).
func partUntil(body, marker, end string) string {
	i := strings.Index(body, marker)
	if i < 0 {
		return ""
	}
	j := strings.Index(body[i:], end)
	if j < 0 {
		return body[i:]
	}
	return body[i : i+j+len(end)]
}
