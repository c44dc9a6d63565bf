package frontoffice

import (
	"errors"
	"strings"
	"testing"
)

// fieldOf returns the field a validation error names, "" for none.
func fieldOf(t *testing.T, err error) string {
	t.Helper()
	if err == nil {
		return ""
	}
	var fe *FieldError
	if !errors.As(err, &fe) {
		t.Fatalf("%v: not a *FieldError", err)
	}
	if ErrorCode(err) == "" {
		t.Fatalf("%v: no code", err)
	}
	return fe.Field
}

// INT-1, INT-5: every work order text has one limit, and the error names
// the field it is about: a diagnosis over 2,000 characters is the
// diagnosis, with 2000 in its text (the console once said "anomalies"
// and 1000).
func TestWorkOrderValidateTextINT1INT5(t *testing.T) {
	long := func(n int) string { return strings.Repeat("字", n+1) }
	for _, c := range []struct {
		wo    WorkOrder
		field string
		max   int
	}{
		{WorkOrder{Purpose: long(MaxPurpose)}, "purpose", MaxPurpose},
		{WorkOrder{DiagnosisReport: long(MaxDiagnosis)}, "diagnosis", MaxDiagnosis},
		{WorkOrder{Anomalies: long(MaxAnomalies)}, "anomalies", MaxAnomalies},
		{WorkOrder{KeyNo: long(MaxKeyNo)}, "key", MaxKeyNo},
		{WorkOrder{Receiver: long(MaxReceiver)}, "receiver", MaxReceiver},
		{WorkOrder{Lines: []EstimateLine{{Description: long(MaxLineText)}}}, "lines", MaxLineText},
		{WorkOrder{Belongings: []string{long(MaxBelongingText)}}, "belongings", MaxBelongingText},
		{WorkOrder{Belongings: make([]string, MaxBelongings+1)}, "belongings", MaxBelongingText},
		{WorkOrder{Purpose: strings.Repeat("字", MaxPurpose), DiagnosisReport: strings.Repeat("字", MaxDiagnosis)}, "", 0},
	} {
		err := c.wo.ValidateText()
		if got := fieldOf(t, err); got != c.field {
			t.Errorf("field %q, want %q (%v)", got, c.field, err)
			continue
		}
		if err == nil {
			continue
		}
		var e *Error
		if !errors.As(err, &e) || e.Key != "err.too_long" || len(e.Args) != 1 || e.Args[0] != c.max {
			t.Errorf("%s: %v, want err.too_long %d", c.field, err, c.max)
		}
	}
}

// INT-1..INT-5: a work order's validation error (err.wo.*) names its field
// for errors.As; a line's mode and parts are the lines, the estimate the
// minutes.
func TestWorkOrderFieldErrorINT1(t *testing.T) {
	for key, field := range map[string]string{"err.wo.purpose": "purpose", "err.wo.mode": "lines", "err.wo.parts_kind": "lines",
		"err.wo.estimate": "minutes", "err.wo.promised": "promised"} {
		if got := fieldOf(t, Errorf(EINVALID, key)); got != field {
			t.Errorf("%s: field %q, want %q", key, got, field)
		}
	}
	var fe *FieldError
	if errors.As(Errorf(EINVALID, "err.plate"), &fe) {
		t.Error("err.plate is not a work order field")
	}
	r := IntakeRequest{WorkOrder: WorkOrder{Purpose: "x"}}
	if got := fieldOf(t, r.Validate()); got != "lines" {
		t.Errorf("intake without lines: %q", got)
	}
}

// REC-2, INT-6, DEL-3, CMP-1: the request types' limits.
func TestRequestValidate(t *testing.T) {
	if got := fieldOf(t, (&CheckInRequest{Concern: strings.Repeat("字", MaxConcern)}).Validate()); got != "" {
		t.Errorf("concern at the limit: %q", got)
	}
	if got := fieldOf(t, (&CheckInRequest{Concern: strings.Repeat("字", MaxConcern+1)}).Validate()); got != "concern" {
		t.Errorf("concern over the limit: %q", got)
	}
	for _, c := range []struct {
		r     AddWorkRequest
		field string
	}{
		{AddWorkRequest{Description: "探头", ExtraMinutes: MaxExtraMinutes}, ""},
		{AddWorkRequest{Description: "探头", ExtraMinutes: MaxExtraMinutes + 1}, "price"},
		{AddWorkRequest{Description: "探头", Price: -1}, "price"},
		{AddWorkRequest{Description: " "}, "description"},
		{AddWorkRequest{Description: strings.Repeat("字", MaxAddWorkDescription+1)}, "description"},
		{AddWorkRequest{Description: "探头", Reason: strings.Repeat("字", MaxAddWorkReason+1)}, "description"},
	} {
		if got := fieldOf(t, c.r.Validate()); got != c.field {
			t.Errorf("%+v: field %q, want %q", c.r, got, c.field)
		}
	}
	if got := fieldOf(t, (&DeliverRequest{Settlement: Settlement{Amount: 100, Discount: 10, Paid: 90}}).Validate()); got != "settlement" {
		t.Errorf("discount without a supervisor: %q", got)
	}
	if got := fieldOf(t, (&ComplaintRequest{Text: strings.Repeat("字", MaxComplaintText+1)}).Validate()); got != "text" {
		t.Errorf("complaint text: %q", got)
	}
}

// The check-in window (CheckInEarly, CheckInLate): the store's window errors, built with the
// appointment's time, are the domain's sentinels.
func TestCheckInWindowErrors(t *testing.T) {
	for _, key := range []string{"kiosk.early", "kiosk.late", "kiosk.wrong_day"} {
		if !ErrCheckInWindow(Errorf(EINVALID, key, "10:00")) {
			t.Errorf("%s is not a window error", key)
		}
	}
	if ErrCheckInWindow(ErrNotFound) {
		t.Error("not found is a window error")
	}
}
