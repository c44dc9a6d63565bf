package frontoffice

import (
	"testing"
	"time"
)

// REP-2: a complaint counts under its category's class until staff
// classify it; a classified complaint counts once, under staff's class.
func TestComplaintQualityClassREP2(t *testing.T) {
	for cat, want := range map[string]QualityClass{"quality": QualityInstallation, "safety": QualityInstallation,
		"service": QualityService, "time": QualityService, "price": QualityService, "other": QualityService} {
		if got := ComplaintQualityClass(cat); got != want {
			t.Errorf("%s: %s, want %s", cat, got, want)
		}
	}
	loc := time.FixedZone("CST", 8*3600)
	from := time.Date(2026, 11, 29, 0, 0, 0, 0, loc)
	to := from.AddDate(0, 0, 7)
	c1 := Complaint{ID: 1, Ticket: "TS-20261130-0001", Category: "quality", FiledAt: from.Add(30 * time.Hour)}
	c2 := Complaint{ID: 2, Ticket: "TS-20261201-0001", Category: "price", FiledAt: from.Add(60 * time.Hour)}
	out := Complaint{ID: 3, Ticket: "TS-20261206-0001", Category: "price", FiledAt: to.Add(time.Hour)}
	staff := QualityFeedback{ID: 9, At: c2.FiledAt, Source: QualitySourceComplaint, Ref: c2.Ticket, Class: QualityProduct, Product: "CAM", Open: true}
	r := BuildQualityReport(ReportWeekly, from, to, to, QualityRecords{Feedback: []QualityFeedback{staff},
		Complaints: []Complaint{c1, c2, out}, Products: map[uint64]string{1: "radar"}, Open: []QualityFeedback{staff}})
	if r.Total != 2 || r.ByClass != [4]int{1, 1, 0, 0} || r.Open != 1 || len(r.OpenProblems) != 1 {
		t.Errorf("report %+v", r)
	}
	if len(r.ByProduct) != 2 || r.ByProduct[0].Total != 1 {
		t.Errorf("by product %+v", r.ByProduct)
	}
}

func TestQualityRefREP2(t *testing.T) {
	loc := time.FixedZone("CST", 8*3600)
	from := time.Date(2026, 11, 1, 0, 0, 0, 0, loc)
	to := from.AddDate(0, 1, 0)
	ref := QualityRef(from, to, loc)
	if ref != 2026110120261130 {
		t.Fatalf("ref %d", ref)
	}
	f, tt, err := ParseQualityRef(ref, loc)
	if err != nil || !f.Equal(from) || !tt.Equal(to) {
		t.Errorf("parse: %v %v %v", f, tt, err)
	}
	for _, bad := range []uint64{0, 20261101, 2026113020261101, 2026110120281101, 2026133120261231} {
		if _, _, err := ParseQualityRef(bad, loc); ErrorCode(err) != EINVALID {
			t.Errorf("%d: %v, want EINVALID", bad, err)
		}
	}
}

func TestQualityFeedbackValidateREP2(t *testing.T) {
	ok := QualityFeedback{Source: QualitySourceField, Class: QualityParts, Text: " 缺少支架 "}
	if err := ok.Validate(); err != nil || ok.Text != "缺少支架" {
		t.Fatalf("%v %q", err, ok.Text)
	}
	for _, bad := range []QualityFeedback{
		{Source: "mail", Class: QualityParts, Text: "x"},
		{Source: QualitySourceField, Class: "paint", Text: "x"},
		{Source: QualitySourceField, Class: QualityParts, Text: "  "},
		{Source: QualitySourceField, Class: QualityParts, Text: "x", Product: string(make([]rune, MaxQualityProduct+1))},
	} {
		if err := bad.Validate(); ErrorCode(err) != EINVALID {
			t.Errorf("%+v: %v, want EINVALID", bad, err)
		}
	}
	q := QualityFeedback{Open: true}
	now := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	if err := q.Resolve("done", "zhao", now); err != nil || q.Open || !q.ResolvedAt.Equal(now) {
		t.Errorf("resolve: %v %+v", err, q)
	}
	if err := q.Resolve("again", "zhao", now); ErrorCode(err) != ECONFLICT {
		t.Errorf("resolve twice: %v", err)
	}
}
