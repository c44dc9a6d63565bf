package frontoffice

import (
	"errors"
	"strings"
	"unicode/utf8"
)

// Field limits of the requests the doors send, each written once. The
// doors show them next to their fields; data's checks should use the same
// constants through the Validate methods below.
const (
	// MaxConcern is the longest "what is wrong" of a check-in, in
	// characters (REC-2).
	MaxConcern = 500
	// MaxExtraMinutes is the longest additional work, in minutes: 30 days
	// (INT-6).
	MaxExtraMinutes = 60 * 24 * 30
	// MaxAddWorkDescription and MaxAddWorkReason bound additional work's
	// texts (INT-6).
	MaxAddWorkDescription = 200
	MaxAddWorkReason      = 300
	// MaxReason bounds the reason staff give for a delay or for a
	// customer leaving without the work (REC-4, DEL-2).
	MaxReason = 300
	// MaxCallNote bounds a note on a follow-up call (FU-7) and
	// MaxSolution a task's solution (FU-5).
	MaxCallNote = 500
	MaxSolution = 1000

	// Work order texts (INT-1, INT-5).
	MaxPurpose       = 300
	MaxDiagnosis     = 2000
	MaxAnomalies     = 1000
	MaxKeyNo         = 20
	MaxReceiver      = 40
	MaxLineText      = 200 // an estimate line's description
	MaxBelongings    = 30  // items left in the vehicle
	MaxBelongingText = 100
	MaxEstimate      = 60 * 24 * 60 // estimated minutes: 60 days
	MaxOdometer      = 5_000_000
)

// FieldError is an input error about one field of a request: Field names
// it (the request's field in lower case: "concern", "purpose",
// "diagnosis", "lines", "minutes"…) and Err is the EINVALID *Error whose
// text explains it. Doors find it with errors.As and show the text next
// to the field.
type FieldError struct {
	Field string
	Err   error
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Err.Error() }

func (e *FieldError) Unwrap() error { return e.Err }

// fieldErr is the EINVALID error of field with text key and args.
func fieldErr(field, key string, args ...any) error {
	return &FieldError{Field: field, Err: Errorf(EINVALID, key, args...)}
}

// tooLong returns the error of field when s is longer than max characters.
func tooLong(field, s string, max int) error {
	if utf8.RuneCountInString(s) > max {
		return fieldErr(field, "err.too_long", max)
	}
	return nil
}

// Errors the doors branch on with errors.Is. They match any *Error with
// the same code and key (Error.Is), so that an error built by the store
// with the appointment's time as argument still is ErrCheckInEarly.
var (
	// ErrCheckInEarly, ErrCheckInLate and ErrCheckInWrongDay: an
	// appointment checked in outside its window (CheckInTiming).
	ErrCheckInEarly    = Errorf(EINVALID, "kiosk.early")
	ErrCheckInLate     = Errorf(EINVALID, "kiosk.late")
	ErrCheckInWrongDay = Errorf(EINVALID, "kiosk.wrong_day")
)

// ErrCheckInWindow reports whether err is one of the check-in window's
// errors (ErrCheckInEarly, ErrCheckInLate, ErrCheckInWrongDay).
func ErrCheckInWindow(err error) bool {
	return errors.Is(err, ErrCheckInEarly) || errors.Is(err, ErrCheckInLate) || errors.Is(err, ErrCheckInWrongDay)
}

// As lets errors.As find a *FieldError in a work order's validation error
// (an "err.wo.<field>" *Error from WorkOrder.Validate), naming the work
// order field it is about: a line's pricing mode or parts belong to
// "lines", the estimate to "minutes".
func (e *Error) As(target any) bool {
	p, ok := target.(**FieldError)
	if !ok || e.Code != EINVALID || !strings.HasPrefix(e.Key, "err.wo.") {
		return false
	}
	f := strings.TrimPrefix(e.Key, "err.wo.")
	switch f {
	case "mode", "parts_source", "parts_kind":
		f = "lines"
	case "estimate":
		f = "minutes"
	}
	*p = &FieldError{Field: f, Err: e}
	return true
}

// ValidateText checks the lengths of a work order's texts: purpose,
// diagnosis, anomalies, key number, receiver, each line's description and
// the belongings (at most MaxBelongings of MaxBelongingText). It returns
// a *FieldError ("err.too_long" with the limit) naming the first field
// too long, in the form's order. WorkOrder.Validate checks the rest.
func (w *WorkOrder) ValidateText() error {
	for _, c := range []struct {
		field, s string
		max      int
	}{
		{"purpose", w.Purpose, MaxPurpose},
		{"diagnosis", w.DiagnosisReport, MaxDiagnosis},
		{"anomalies", w.Anomalies, MaxAnomalies},
		{"key", w.KeyNo, MaxKeyNo},
		{"receiver", w.Receiver, MaxReceiver},
	} {
		if err := tooLong(c.field, c.s, c.max); err != nil {
			return err
		}
	}
	for _, l := range w.Lines {
		if err := tooLong("lines", l.Description, MaxLineText); err != nil {
			return err
		}
	}
	if len(w.Belongings) > MaxBelongings {
		return fieldErr("belongings", "err.too_long", MaxBelongingText)
	}
	for _, b := range w.Belongings {
		if err := tooLong("belongings", b, MaxBelongingText); err != nil {
			return err
		}
	}
	return nil
}

// Validate checks an intake's work order: its texts' lengths
// (WorkOrder.ValidateText), then the rest (WorkOrder.Validate, INT-1..INT-5).
// The error is a *FieldError for errors.As.
func (r *IntakeRequest) Validate() error {
	return r.WorkOrder.Validate()
}

// Validate checks a check-in's limits: the concern is at most MaxConcern
// characters ("concern", err.too_long).
func (r *CheckInRequest) Validate() error {
	return tooLong("concern", r.Concern, MaxConcern)
}

// Validate checks proposed additional work (INT-6): a description of at
// most MaxAddWorkDescription characters and a reason of at most
// MaxAddWorkReason ("description", err.aw.description); a price not
// negative and extra minutes from 0 to MaxExtraMinutes ("price",
// err.aw.price). The store answers the same keys.
func (r *AddWorkRequest) Validate() error {
	d := strings.TrimSpace(r.Description)
	if d == "" || utf8.RuneCountInString(d) > MaxAddWorkDescription || utf8.RuneCountInString(r.Reason) > MaxAddWorkReason {
		return fieldErr("description", "err.aw.description")
	}
	if r.Price < 0 || r.ExtraMinutes < 0 || r.ExtraMinutes > MaxExtraMinutes {
		return fieldErr("price", "err.aw.price")
	}
	return nil
}

// Validate checks a delivery's settlement (Settlement.Validate: amounts
// not negative, a discount only by a supervisor, DEL-3) as the
// "settlement" field.
func (r *DeliverRequest) Validate() error {
	if err := r.Settlement.Validate(r.Supervisor); err != nil {
		return &FieldError{Field: "settlement", Err: err}
	}
	return nil
}

// Validate checks a complaint's text: not empty and at most
// MaxComplaintText characters ("text", err.empty or err.too_long).
func (r *ComplaintRequest) Validate() error {
	if _, err := ParseNote(r.Text, MaxComplaintText); err != nil {
		return &FieldError{Field: "text", Err: err}
	}
	return nil
}
