package kiosk

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

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
	data.SetPasswordCost(bcrypt.MinCost)
	clock := fakeclock.New(conAt(27, 9, 0))
	store, err := data.Open(filepath.Join(t.TempDir(), "aftersales.db"), data.Options{Clock: clock, NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	st, _ := store.Settings()
	st.StaffChats = []int64{-100}
	if err := store.SaveSettings(st); err != nil {
		t.Fatal(err)
	}
	for _, a := range []data.Account{
		{Login: "admin", Name: "管理员", Role: fo.RoleAdmin},
		{Login: "li", Name: "李娜", Role: fo.RoleReception, StaffID: "li"},
		{Login: "zhao", Name: "赵敏", Role: fo.RoleSupervisor, StaffID: "zhao"},
		{Login: "wang", Name: "王强", Role: fo.RoleFollowUp, StaffID: "wang"},
	} {
		if _, err := store.AddAccount(a, conPassword); err != nil {
			t.Fatal(err)
		}
	}
	docs := &forms.Renderer{Engine: testEngine(t), Store: store}
	srv, err := New(Config{Store: store, Clock: clock, Logger: slog.New(slog.DiscardHandler), Documents: docs})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	srv.Register(mux)
	ts := httptest.NewServer(mux)
	t.Cleanup(func() {
		ts.Close()
		store.Close()
	})
	return &conHarness{t: t, store: store, clock: clock, srv: srv, ts: ts}
}

// delivered takes a walk-in through intake and settlement at the clock's
// time and returns the delivered visit: its follow-up calls and survey
// are scheduled (FU-2, SUR-1).
func delivered(t testing.TB, store *data.Store, clock *fakeclock.Clock, name, phone, plate string) fo.Visit {
	t.Helper()
	v, err := store.CheckIn(data.CheckInRequest{Customer: data.CustomerInput{Name: name, Phone: phone, Consent: true},
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
	if _, err := store.Intake(data.IntakeRequest{VisitID: v.ID, WorkOrder: testWorkOrder(clock.Now().Add(3 * time.Hour)), By: "staff:li"}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := store.AddWork(data.AddWorkRequest{VisitID: v.ID, Description: "更换探头", Reason: "探头损坏", Price: 8000,
		ExtraMinutes: 30, Safety: true, By: "staff:li"}); err != nil {
		t.Fatal(err)
	}
	if _, err := store.AnswerWork(v.ID, 1, true, 0, "staff:li (phone)"); err != nil {
		t.Fatal(err)
	}
	if _, err := store.SetReady(v.ID, "staff:li"); err != nil {
		t.Fatal(err)
	}
	out, err := store.Deliver(data.DeliverRequest{VisitID: v.ID, Settlement: fo.Settlement{Amount: 38000, Paid: 38000}, By: "staff:li"})
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
