package frontoffice

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestAuditDiffTopLevelFields(t *testing.T) {
	t0 := time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)
	before := Appointment{ID: 7, Start: t0, Status: AptBooked, UpdatedAt: t0}
	after := before
	after.Start = t0.Add(time.Hour)
	after.Sequence = 1
	after.UpdatedAt = t0.Add(time.Minute)
	got := AuditDiff(before, after)
	want := []FieldChange{
		{Field: "seq", Before: "", After: "1"},
		{Field: "start", Before: `"2026-12-06T09:00:00Z"`, After: `"2026-12-06T10:00:00Z"`},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("AuditDiff = %+v, want %+v", got, want)
	}
	if d := AuditDiff(before, before); len(d) != 0 {
		t.Fatalf("no change gave %+v", d)
	}
}

func TestAuditDiffHidesPasswordHash(t *testing.T) {
	a := Account{Login: "li", PasswordHash: []byte("old")}
	b := a
	b.PasswordHash = []byte("new")
	b.Disabled = true
	got := AuditDiff(a, b)
	if len(got) != 2 || got[0].Field != "disabled" || got[0].After != "true" ||
		got[1].Field != "password_hash" || got[1].Before != "" || got[1].After != "changed" {
		t.Fatalf("AuditDiff = %+v", got)
	}
}

func TestAuditDiffNilIsEmpty(t *testing.T) {
	got := AuditDiff(nil, map[string]int{"a": 1})
	if len(got) != 1 || got[0].Field != "a" || got[0].Before != "" || got[0].After != "1" {
		t.Fatalf("AuditDiff = %+v", got)
	}
}

func TestAuditFilterMatch(t *testing.T) {
	e := AuditEntry{By: "staff:li", Kind: AuditVisit, Ref: "3"}
	for _, c := range []struct {
		f    AuditFilter
		want bool
	}{
		{AuditFilter{}, true},
		{AuditFilter{By: "staff:li"}, true},
		{AuditFilter{By: "staff:wang"}, false},
		{AuditFilter{Kind: AuditVisit, Ref: "3"}, true},
		{AuditFilter{Kind: AuditVisit, Ref: "4"}, false},
		{AuditFilter{Kind: AuditAppointment}, false},
	} {
		if got := c.f.Match(e); got != c.want {
			t.Errorf("%+v.Match = %v, want %v", c.f, got, c.want)
		}
	}
}

// INT-4: a signature's strokes are not copied into the audit trail: the
// change names the field with the image's size and digest.
func TestAuditDiffSignatureImage(t *testing.T) {
	png := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{7}, 20000)...)
	before := Visit{ID: 1, WorkOrder: &WorkOrder{Purpose: "x"}}
	after := Visit{ID: 1, WorkOrder: &WorkOrder{Purpose: "x", Signature: Signature{Via: SignedOnPad, PNG: png}}}
	ch := AuditDiff(before, after)
	if len(ch) != 1 || ch[0].Field != "work_order" || len(ch[0].After) > 1000 || !strings.Contains(ch[0].After, `"png":"20008 bytes, sha256 `) {
		t.Fatalf("diff %+v", ch)
	}
}

// The cost of an audit entry's diff of a visit with a work order, a
// signature and a settlement (made in every visit change's transaction).
func BenchmarkAuditDiffVisit(b *testing.B) {
	png := bytes.Repeat([]byte{7}, 12000)
	wo := &WorkOrder{Purpose: "安装防撞预警系统", Lines: []EstimateLine{{Description: "主机", Labor: 128000, Parts: 260000}, {Description: "线束", Labor: 8000}},
		Belongings: []string{"雨伞", "行车记录仪"}, KeyNo: "K-17", Signature: Signature{Via: SignedOnPad, PNG: png}}
	before := Visit{ID: 1, Status: VisitWorkshop, WorkOrder: wo, Concern: "雷达报警"}
	after := before
	after.Status = VisitReady
	for b.Loop() {
		AuditDiff(before, after)
	}
}
