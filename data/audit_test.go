package data

import (
	"errors"
	"frontoffice/internal/sigdraw"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	fo "frontoffice"
)

// auditOf returns the audit entries of one record, newest first.
func auditOf(t *testing.T, s *Store, kind, ref string) []fo.AuditEntry {
	t.Helper()
	es, _, err := s.AuditLog(fo.AuditFilter{Kind: kind, Ref: ref})
	if err != nil {
		t.Fatal(err)
	}
	return es
}

func changed(e fo.AuditEntry, field string) (fo.FieldChange, bool) {
	for _, c := range e.Changes {
		if c.Field == field {
			return c, true
		}
	}
	return fo.FieldChange{}, false
}

// Each kind of staff action leaves an audit entry naming who, when, the
// record and the changed fields (issue 12 item 6).
func TestAuditEntryForEachAction(t *testing.T) {
	SetPasswordCost(bcrypt.MinCost)
	defer SetPasswordCost(0)
	s, clock := newTestStore(t, followUpStaff())
	now := clock.Now()

	// A visit status change by the desk, and a settlement with a discount.
	v := walkIn(t, s, "13900000001", "京B11111", 555)
	if _, err := s.Intake(fo.IntakeRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, WorkOrder: workOrder(now, 60, now.Add(2*time.Hour)), By: "staff:li"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetReady(v.ID, fo.CompleteChecklist, "staff:li"); err != nil {
		t.Fatal(err)
	}
	es := auditOf(t, s, fo.AuditVisit, auditID(v.ID))
	if len(es) == 0 || es[0].By != "staff:li" || !es[0].At.Equal(now) {
		t.Fatalf("ready: %+v", es)
	}
	if c, ok := changed(es[0], "status"); !ok || c.Before != `"in_workshop"` && c.Before == c.After || !strings.Contains(c.After, "ready") {
		t.Errorf("ready status change %+v", es[0].Changes)
	}
	if _, ok := changed(es[0], "updated_at"); ok {
		t.Error("updated_at recorded")
	}
	clock.Advance(time.Minute)
	if _, err := s.Deliver(fo.DeliverRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, Settlement: fo.Settlement{Amount: 30000, Discount: 3000, Paid: 27000},
		Supervisor: true, DiscountReason: "老客户", By: "staff:zhao"}); err != nil {
		t.Fatal(err)
	}
	es = auditOf(t, s, fo.AuditVisit, auditID(v.ID))
	if es[0].By != "staff:zhao" {
		t.Fatalf("settlement by %q", es[0].By)
	}
	if c, ok := changed(es[0], "settlement"); !ok || c.Before != "" || !strings.Contains(c.After, `"discount":3000`) {
		t.Errorf("settlement change %+v", es[0].Changes)
	}

	// An appointment moved by the desk.
	a, err := s.Book(bookReq("13812345678", "京A12345", at(2026, 11, 30, 10, 0)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Reschedule(fo.ChangeRequest{ID: a.ID, Start: at(2026, 11, 30, 14, 0), Desk: true, By: "staff:li"}); err != nil {
		t.Fatal(err)
	}
	es = auditOf(t, s, fo.AuditAppointment, auditID(a.ID))
	if len(es) != 2 || es[0].Action != "change" || es[0].By != "staff:li" || es[1].Action != "create" {
		t.Fatalf("appointment entries %+v", es)
	}
	if c, ok := changed(es[0], "start"); !ok || c.Before == c.After {
		t.Errorf("move %+v", es[0].Changes)
	}

	// An archive edit.
	if _, err := s.SaveArchive(fo.ArchiveEdit{VehicleID: v.VehicleID, Name: "王五", Model: "Model Y", By: "staff:li"}); err != nil {
		t.Fatal(err)
	}
	es = auditOf(t, s, fo.AuditVehicle, auditID(v.VehicleID))
	if len(es) != 1 || es[0].By != "staff:li" {
		t.Fatalf("vehicle entries %+v", es)
	}
	if c, ok := changed(es[0], "model"); !ok || c.After != `"Model Y"` {
		t.Errorf("archive edit %+v", es[0].Changes)
	}

	// A settings save.
	st, _ := s.Settings()
	st.Bays++
	if err := s.SaveSettingsAs(st, "staff:admin"); err != nil {
		t.Fatal(err)
	}
	es = auditOf(t, s, fo.AuditSettings, "shop")
	if len(es) == 0 || es[0].By != "staff:admin" || len(es[0].Changes) != 1 || es[0].Changes[0].Field != "bays" {
		t.Fatalf("settings entries %+v", es)
	}

	// An account disabled.
	for _, l := range []string{"boss", "li"} {
		role := fo.RoleReception
		if l == "boss" {
			role = fo.RoleAdmin
		}
		if _, err := s.AddAccount(fo.Account{Login: l, Name: l, Role: role}, "long enough pw"); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.SetAccountDisabledAs("li", true, "staff:boss"); err != nil {
		t.Fatal(err)
	}
	es = auditOf(t, s, fo.AuditAccount, "li")
	if len(es) != 2 || es[0].Action != "disable" || es[0].By != "staff:boss" {
		t.Fatalf("account entries %+v", es)
	}
	if c, ok := changed(es[0], "disabled"); !ok || c.After != "true" {
		t.Errorf("disable %+v", es[0].Changes)
	}

	// The day's page, newest first, filtered by staff.
	day, _, err := s.AuditLog(fo.AuditFilter{Day: "2026-11-27"})
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(day); i++ {
		if day[i].At.After(day[i-1].At) || day[i].At.Equal(day[i-1].At) && day[i].Seq > day[i-1].Seq {
			t.Fatalf("not newest first at %d: %+v", i, day)
		}
	}
	zhao, _, _ := s.AuditLog(fo.AuditFilter{Day: "2026-11-27", By: "staff:zhao"})
	if len(zhao) != 1 || zhao[0].Kind != fo.AuditVisit {
		t.Errorf("zhao's entries %+v", zhao)
	}
	if other, _, _ := s.AuditLog(fo.AuditFilter{Day: "2026-11-26"}); len(other) != 0 {
		t.Errorf("the day before has %d entries", len(other))
	}
	if _, _, err := s.AuditLog(fo.AuditFilter{Day: "27.11.2026"}); fo.ErrorCode(err) != fo.EINVALID {
		t.Errorf("bad day: %v", err)
	}
}

// A change that fails leaves no audit entry: the entry is written in the
// change's transaction.
func TestAuditFailedChangeLeavesNoEntry(t *testing.T) {
	SetPasswordCost(bcrypt.MinCost)
	defer SetPasswordCost(0)
	s, _ := newTestStore(t)
	if _, err := s.AddAccount(fo.Account{Login: "boss", Name: "boss", Role: fo.RoleAdmin}, "long enough pw"); err != nil {
		t.Fatal(err)
	}
	before, _, _ := s.AuditLog(fo.AuditFilter{Day: "2026-11-27"})
	// The last admin cannot be disabled: refused after the change was
	// applied in the transaction.
	if _, err := s.SetAccountDisabledAs("boss", true, "staff:boss"); !errors.Is(err, fo.ErrLastAdmin) {
		t.Fatalf("disable last admin: %v", err)
	}
	// A visit that cannot be delivered yet.
	v := walkIn(t, s, "13900000001", "京B11111", 555)
	if _, err := s.Deliver(fo.DeliverRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, Settlement: fo.Settlement{Amount: 100, Paid: 100}, By: "staff:li"}); err == nil {
		t.Fatal("delivered a waiting visit")
	}
	after, _, _ := s.AuditLog(fo.AuditFilter{Day: "2026-11-27"})
	if len(after) != len(before)+1 { // the check-in's visit only
		for _, e := range after {
			t.Logf("%+v", e)
		}
		t.Fatalf("%d entries, want %d", len(after), len(before)+1)
	}
}

// The day's entries come 100 a page; the next page continues.
func TestAuditPages(t *testing.T) {
	s, _ := newTestStore(t)
	st, _ := s.Settings()
	for i := range fo.AuditPageSize + 5 {
		st.Bays = 1 + i%2
		if err := s.SaveSettingsAs(st, "staff:admin"); err != nil {
			t.Fatal(err)
		}
	}
	p0, more, err := s.AuditLog(fo.AuditFilter{Day: "2026-11-27", By: "staff:admin"})
	if err != nil || len(p0) != fo.AuditPageSize || !more {
		t.Fatalf("page 0: %d more=%v %v", len(p0), more, err)
	}
	p1, more, _ := s.AuditLog(fo.AuditFilter{Day: "2026-11-27", By: "staff:admin", Page: 1})
	if len(p1) < 4 || more || p1[0].Seq >= p0[len(p0)-1].Seq {
		t.Fatalf("page 1: %d more=%v", len(p1), more)
	}
}
