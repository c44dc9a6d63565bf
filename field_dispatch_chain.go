package frontoffice

import (
	"slices"
	"strings"
	"time"
)

// The dispatch request and its approval chain (FLD-3), the trip or
// out-of-office decision (FLD-4).

// FieldDispatchInput is the dispatch request as the console's form gives
// it (FLD-3): the customer's lines (prefilled from the job) and the
// request's own.
type FieldDispatchInput struct {
	Customer  FieldCustomer
	Departure string // "2006-01-02T15:04" in the shop's zone (datetime-local)
	Return    string
	Problem   string
	Tools     string
	Notes     string
}

// SubmitDispatch fills in the dispatch request and starts its approval
// chain with the after-sales manager's signature (FLD-3); until signed it
// may be submitted again with changes. Without the commissioning request
// on file it is ErrNoCommissioningRequest (FLD-2).
func (j *FieldJob) SubmitDispatch(st *Settings, in FieldDispatchInput, by string, now time.Time) error {
	if j.Dispatch.Request == nil {
		return ErrNoCommissioningRequest
	}
	if j.Stage != FieldRequested && (j.Stage != FieldApproving || j.Dispatch.Signed.Done()) {
		return ErrFieldStage
	}
	c, err := in.Customer.clean()
	if err != nil {
		return err
	}
	c.ChatID = j.Customer.ChatID
	loc := st.Location()
	var f FieldDispatchForm
	if f.Departure, err = parseLocal(in.Departure, loc); err != nil {
		return fieldErr("departure", "err.field.when")
	}
	if f.Return, err = parseLocal(in.Return, loc); err != nil {
		return fieldErr("return", "err.field.when")
	}
	if f.Departure.Before(now.Add(-time.Hour)) {
		return fieldErr("departure", "err.field.past")
	}
	if !f.Return.After(f.Departure) || f.Return.Sub(f.Departure) > MaxFieldDays*24*time.Hour {
		return fieldErr("return", "err.field.return", MaxFieldDays)
	}
	if f.Problem, err = fieldText("problem", in.Problem, MaxFieldProblem, true); err != nil {
		return err
	}
	if f.Tools, err = fieldText("tools", in.Tools, MaxFieldTools, false); err != nil {
		return err
	}
	if f.Notes, err = fieldText("notes", in.Notes, MaxFieldNotes, false); err != nil {
		return err
	}
	f.Departure, f.Return = f.Departure.UTC(), f.Return.UTC()
	j.Customer, j.Dispatch.Form = c, f
	j.Dispatch.SubmittedAt, j.Dispatch.SubmittedBy = now, by
	j.Dispatch.Trip = IsFieldTrip(f, loc)
	if j.Stage == FieldApproving {
		j.event(by, "dispatch_form", "", now)
		return nil
	}
	j.Stage = FieldApproving
	j.event(by, "dispatch_form", "", now)
	j.armStep(st, now)
	return nil
}

func parseLocal(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02 15:04"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, Errorf(EINVALID, "err.field.when")
}

// IsFieldTrip reports whether a dispatch is a business trip: back on a
// later day than it leaves, in the shop's zone (FLD-4: a job done on the
// day of dispatch needs only an out-of-office slip).
func IsFieldTrip(f FieldDispatchForm, loc *time.Location) bool {
	return !DayStart(f.Departure.In(loc), loc).Equal(DayStart(f.Return.In(loc), loc))
}

// WaitingStep is the approval step the job waits for (FLD-3); "" when it
// is not in its approval chain.
func (j *FieldJob) WaitingStep() string {
	if j.Stage != FieldApproving {
		return ""
	}
	switch {
	case !j.Dispatch.Signed.Done():
		return FieldStepSign
	case !j.Dispatch.Picked.Done():
		return FieldStepPick
	}
	return FieldStepDispatch
}

// armStep starts the clock of the waiting step: its reminder and deadline
// (FieldSettings).
func (j *FieldJob) armStep(st *Settings, now time.Time) {
	d := &j.Dispatch
	d.StepSince, d.Escalations = now, 0
	d.StepWarnAt, d.StepDueAt = st.FieldStepDeadline(j.WaitingStep(), now)
}

// FieldApproval is a press of an approval button (FLD-3): staff member
// Staff does Step of job ID; Tech is the technician picked.
type FieldApproval struct {
	ID    uint64
	Step  string
	Staff string
	Tech  string
	Idem  string
}

// Approve does approval step a.Step as staff member a.Staff (FLD-3): the
// after-sales manager signs, the general manager's office picks a
// technician, the department manager dispatches. A step done already is
// ErrFieldStepDone, one of another role ErrFieldNotYours; both change
// nothing. Dispatching sets the technician and the time and decides
// between the out-of-office slip and the business trip (FLD-4).
func (j *FieldJob) Approve(st *Settings, a FieldApproval, now time.Time) error {
	if !slices.Contains(FieldSteps, a.Step) {
		return ErrNotFound
	}
	m, ok := st.StaffMember(a.Staff)
	if !ok {
		return ErrFieldNotYours
	}
	waiting := j.WaitingStep()
	if waiting == "" {
		if j.Dispatch.DispatchedAt.IsZero() {
			return ErrFieldStage // not submitted yet, or cancelled
		}
		return ErrFieldStepDone // dispatched (or further) already
	}
	if slices.Index(FieldSteps, a.Step) < slices.Index(FieldSteps, waiting) {
		return ErrFieldStepDone
	}
	if !m.Has(FieldStepRole(a.Step)) {
		return ErrFieldNotYours
	}
	if a.Step != waiting {
		return ErrFieldStage // a later step before its turn
	}
	step := FieldStep{By: m.ID, At: now}
	switch a.Step {
	case FieldStepSign:
		j.Dispatch.Signed = step
		j.event("staff:"+m.ID, "signed", "", now)
	case FieldStepPick:
		t, ok := st.StaffMember(a.Tech)
		if !ok || !t.Has(RoleTechnician) {
			return Errorf(EINVALID, "err.field.tech")
		}
		j.Dispatch.Picked, j.Dispatch.Technician = step, t.ID
		j.event("staff:"+m.ID, "picked", t.ID, now)
	case FieldStepDispatch:
		if j.Dispatch.Request == nil { // FLD-2
			return ErrNoCommissioningRequest
		}
		j.Dispatch.DispatchedAt, j.Dispatch.DispatchedBy = now, m.ID
		j.Dispatch.StepWarnAt, j.Dispatch.StepDueAt = time.Time{}, time.Time{}
		j.Stage = FieldDispatched
		j.event("staff:"+m.ID, "dispatched", j.Dispatch.Technician, now)
		return nil
	}
	j.armStep(st, now)
	return nil
}

// BookTravel records that administration booked the travel of a business
// trip (FLD-4) as staff member staff.
func (j *FieldJob) BookTravel(st *Settings, staff string, now time.Time) error {
	m, ok := st.StaffMember(staff)
	if !ok || !m.Has(RoleAdministration) {
		return ErrFieldNotYours
	}
	if !j.Dispatch.Trip || j.Dispatch.DispatchedAt.IsZero() {
		return ErrFieldStage
	}
	if j.Dispatch.TravelBooked.Done() {
		return ErrFieldStepDone
	}
	j.Dispatch.TravelBooked = FieldStep{By: m.ID, At: now}
	j.event("staff:"+m.ID, "travel_booked", "", now)
	return nil
}

// Cancel cancels a job not yet dispatched.
func (j *FieldJob) Cancel(by, reason string, now time.Time) error {
	switch j.Stage {
	case FieldShipped, FieldReceived, FieldRequested, FieldApproving:
	default:
		return ErrFieldStage
	}
	r, err := fieldText("reason", reason, MaxReason, true)
	if err != nil {
		return err
	}
	j.Stage = FieldCancelled
	j.Dispatch.StepWarnAt, j.Dispatch.StepDueAt = time.Time{}, time.Time{}
	j.event(by, "cancelled", r, now)
	return nil
}
