package frontoffice

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// A data file written before the after-sales settings existed reads them
// as zero, which means the defaults (CMP-3: 24 h and 4 h, FU-2: day 3,
// SUR-1: day 1 at 10:00).
func TestAfterSalesDefaultsForOldFiles(t *testing.T) {
	var st Settings
	if err := json.Unmarshal([]byte(`{"shop":{"name":"x","time_zone":"Asia/Shanghai"}}`), &st); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(st.AfterSales.WithDefaults(), DefaultAfterSales()) {
		t.Errorf("defaults %+v", st.AfterSales.WithDefaults())
	}
	if got := st.ComplaintHours(false); got.Hours() != 24 {
		t.Errorf("general hours %v", got)
	}
	def := DefaultSettings()
	if err := def.Validate(); err != nil {
		t.Fatal(err)
	}
	old := def
	old.AfterSales = AfterSales{}
	if err := old.Validate(); err != nil {
		t.Errorf("zero after-sales settings rejected: %v", err)
	}
}

func TestAfterSalesValidate(t *testing.T) {
	bad := []func(*AfterSales){
		func(a *AfterSales) { a.ComplaintGeneralHours = -1 },
		func(a *AfterSales) { a.ComplaintMajorHours = 30 },
		func(a *AfterSales) { a.ComplaintWarnPercent = 5 },
		func(a *AfterSales) { a.ComplaintWarnPercent = 100 },
		func(a *AfterSales) { a.FirstCallTargetDay = 1 },
		func(a *AfterSales) { a.FirstCallTargetDay = 8 },
		func(a *AfterSales) { a.SurveyAfterDays = 15 },
		func(a *AfterSales) { a.MessagesAt = 24 * 60 },
		func(a *AfterSales) { a.Absences = []Absence{{Staff: "li", From: "2026-12-01"}} }, // not follow-up staff
		func(a *AfterSales) { a.Absences = []Absence{{Staff: "wang", Substitute: "wang", From: "2026-12-01"}} },
		func(a *AfterSales) { a.Absences = []Absence{{Staff: "wang", From: "12/1"}} },
		func(a *AfterSales) { a.Absences = []Absence{{Staff: "wang", From: "2026-12-02", To: "2026-12-01"}} },
	}
	for i, f := range bad {
		st := DefaultSettings()
		f(&st.AfterSales)
		if err := st.Validate(); ErrorCode(err) != EINVALID {
			t.Errorf("case %d: %v", i, err)
		}
	}
	st := DefaultSettings()
	st.AfterSales.Absences = []Absence{{Staff: "wang", Substitute: "zhao", From: "2026-12-01"}}
	if err := st.Validate(); err != nil {
		t.Errorf("valid absence: %v", err)
	}
}

func TestMonthlySummaryTextFU8(t *testing.T) {
	m := MonthlySummary{Month: "2026-12", CallsDue: 10, CallsDoneInWindow: 8, CallsMissed: 2, Complaints: 3,
		ByCategory: map[string]int{"quality": 2, "time": 1}, AnsweredInTime: 2, Satisfied: 2, StillOpen: 1,
		Surveys: 4, SurveyAverages: [4]float64{4.5, 4.25, 3, 5}, LowSurveys: 1}
	for _, lang := range []Lang{ZH, EN} {
		s := MonthlySummaryText(m, lang)
		for _, want := range []string{"2026-12", "10", "4.5", "4.2", "3.0"} {
			if !strings.Contains(s, want) {
				t.Errorf("%s summary lacks %q:\n%s", lang, want, s)
			}
		}
	}
}
