package frontoffice

import "time"

// The diagnosis (汽车检测诊断报告单) and the estimate (安装服务估价单) the desk
// records at reception, before any work order: the customer agrees or
// declines (INT-1, INT-2). An agreed estimate is what the work order starts
// from and what the settlement is computed from (DEL-3); a declined one is
// kept on the visit, in the vehicle's service history, and the visit still
// gets its follow-up call (FU-2).

// EstimateStatus is where an estimate stands.
type EstimateStatus string

// Estimate statuses: proposed to the customer, then agreed or declined.
const (
	EstimateProposed EstimateStatus = "proposed"
	EstimateAgreed   EstimateStatus = "agreed"
	EstimateDeclined EstimateStatus = "declined"
)

// Document kinds of the estimate and the diagnosis report; Ref: visit id.
const (
	DocEstimate  = "estimate"  // 安装服务估价单 (INT-1, INT-2)
	DocDiagnosis = "diagnosis" // 汽车检测诊断报告单 (INT-1)
)

// Estimate is the diagnosis and estimate put to the customer at reception
// (INT-1, INT-2): what they came for, the diagnosis made with their
// consent, the estimate's lines with their parts' source and any line
// without a quality guarantee, the estimated duration, and the customer's
// decision with its time and who recorded it.
type Estimate struct {
	N                int            `json:"n"` // 1, 2, … within the visit
	Purpose          string         `json:"purpose"`
	DiagnosisConsent bool           `json:"diagnosis_consent"` // INT-1: diagnose only with consent
	Diagnosis        string         `json:"diagnosis,omitempty"`
	Lines            []EstimateLine `json:"lines"` // INT-2
	EstimatedMinutes int            `json:"estimated_minutes,omitempty"`
	Status           EstimateStatus `json:"status"`
	CreatedAt        time.Time      `json:"created_at"`
	By               string         `json:"by"`
	DecidedAt        time.Time      `json:"decided_at,omitzero"`
	DecidedBy        string         `json:"decided_by,omitempty"`
	DeclineReason    string         `json:"decline_reason,omitempty"`
}

// Total is the estimate's total, labour plus parts of every line.
func (e *Estimate) Total() Money {
	var t Money
	for _, l := range e.Lines {
		t += l.Total()
	}
	return t
}

// NoGuarantee reports whether any line voids the quality guarantee (INT-2).
func (e *Estimate) NoGuarantee() bool {
	for _, l := range e.Lines {
		if l.NoGuarantee() {
			return true
		}
	}
	return false
}

// Validate checks an estimate as the desk records it: a purpose, a
// diagnosis only with the customer's consent (INT-1), at least one line
// with a description, a known pricing mode, amounts from 0 to MaxAmount and
// a parts source and kind when it has parts (INT-2), an estimated duration
// of at most MaxEstimate minutes, and the texts' limits. It returns a
// *FieldError naming the field.
func (e *Estimate) Validate() error {
	if err := (&WorkOrder{Purpose: e.Purpose, DiagnosisReport: e.Diagnosis, Lines: e.Lines}).ValidateText(); err != nil {
		return err
	}
	switch {
	case e.Purpose == "":
		return fieldErr("purpose", "err.wo.purpose")
	case e.Diagnosis != "" && !e.DiagnosisConsent:
		return fieldErr("diagnosis", "err.estimate.consent") // INT-1
	case len(e.Lines) == 0:
		return fieldErr("lines", "err.wo.lines")
	case e.EstimatedMinutes < 0 || e.EstimatedMinutes > MaxEstimate:
		return fieldErr("minutes", "err.wo.estimate")
	}
	return validateLines(e.Lines)
}

// validateLines checks estimate lines (INT-2): a description, a known
// pricing mode, amounts from 0 to MaxAmount, a parts source and kind when
// the line has parts. The error names "lines".
func validateLines(lines []EstimateLine) error {
	var total Money
	for _, l := range lines {
		switch {
		case l.Description == "":
			return fieldErr("lines", "err.wo.lines")
		case !amountOK(l.Labor) || !amountOK(l.Parts):
			return fieldErr("lines", "err.amount", MaxAmount)
		}
		switch l.Mode {
		case PriceBySystem, PriceBySymptom, PriceByItem:
		default:
			return fieldErr("lines", "err.wo.mode")
		}
		if l.Parts > 0 || l.PartsSource != "" {
			if l.PartsSource != PartsShop && l.PartsSource != PartsCustomer {
				return fieldErr("lines", "err.wo.parts_source")
			}
			if l.PartsKind != PartsOriginal && l.PartsKind != PartsAftermarket {
				return fieldErr("lines", "err.wo.parts_kind")
			}
		}
		total += l.Total()
	}
	if !amountOK(total) {
		return fieldErr("lines", "err.amount", MaxAmount)
	}
	return nil
}

// EstimateRequest records a diagnosis and estimate at reception (INT-1).
type EstimateRequest struct {
	VisitID  uint64
	Estimate Estimate
	By       string
}

// Validate checks the request's estimate (Estimate.Validate).
func (r *EstimateRequest) Validate() error { return r.Estimate.Validate() }

// DecideRequest records the customer's answer to the visit's proposed
// estimate: agreed, or declined with an optional reason (INT-1).
type DecideRequest struct {
	VisitID uint64
	Agree   bool
	Reason  string
	By      string
}

// Validate checks the reason's length ("reason", err.too_long).
func (r *DecideRequest) Validate() error { return tooLong("reason", r.Reason, MaxReason) }

// CurrentEstimate returns the visit's latest estimate, nil when it has
// none. Earlier ones (declined, then revised) stay in Estimates.
func (v *Visit) CurrentEstimate() *Estimate {
	if len(v.Estimates) == 0 {
		return nil
	}
	return &v.Estimates[len(v.Estimates)-1]
}

// AddEstimate records e on v at now by by (INT-1): a proposed estimate not
// yet answered is replaced, an answered one is kept and e follows it. Only
// a visit not yet in the workshop takes an estimate (ECONFLICT otherwise);
// e is validated first.
func (v *Visit) AddEstimate(e Estimate, now time.Time, by string) error {
	if v.Status != VisitWaiting && v.Status != VisitCalled {
		return ErrNotAllowed
	}
	if err := e.Validate(); err != nil {
		return err
	}
	e.Status, e.CreatedAt, e.By = EstimateProposed, now, by
	e.DecidedAt, e.DecidedBy, e.DeclineReason = time.Time{}, "", ""
	if cur := v.CurrentEstimate(); cur != nil && cur.Status == EstimateProposed {
		e.N = cur.N
		*cur = e
		return nil
	}
	e.N = len(v.Estimates) + 1
	v.Estimates = append(v.Estimates, e)
	return nil
}

// Decide records the customer's answer to the proposed estimate (INT-1):
// agreed, or declined with the reason given. There must be a proposed
// estimate and the visit must not be in the workshop yet (ECONFLICT
// "err.estimate.none" otherwise).
func (v *Visit) Decide(r DecideRequest, now time.Time) error {
	if err := r.Validate(); err != nil {
		return err
	}
	cur := v.CurrentEstimate()
	if cur == nil || cur.Status != EstimateProposed || (v.Status != VisitWaiting && v.Status != VisitCalled) {
		return Errorf(ECONFLICT, "err.estimate.none")
	}
	cur.Status, cur.DecidedAt, cur.DecidedBy = EstimateDeclined, now, r.By
	if r.Agree {
		cur.Status = EstimateAgreed
	} else {
		cur.DeclineReason = r.Reason
	}
	return nil
}

// StartFromEstimate makes the work order start from the visit's agreed
// estimate (INT-1): its lines replace the work order's, and its purpose,
// consent and diagnosis fill those left empty. A visit without an estimate
// keeps wo as it is; one whose estimate is still unanswered or was
// declined may not be taken in (ECONFLICT "err.estimate.pending",
// "err.estimate.declined").
func (v *Visit) StartFromEstimate(wo *WorkOrder) error {
	e := v.CurrentEstimate()
	if e == nil {
		return nil
	}
	switch e.Status {
	case EstimateProposed:
		return Errorf(ECONFLICT, "err.estimate.pending")
	case EstimateDeclined:
		return Errorf(ECONFLICT, "err.estimate.declined")
	}
	wo.Lines = append([]EstimateLine(nil), e.Lines...)
	if wo.Purpose == "" {
		wo.Purpose = e.Purpose
	}
	if !wo.DiagnosisConsent && wo.DiagnosisReport == "" {
		wo.DiagnosisConsent, wo.DiagnosisReport = e.DiagnosisConsent, e.Diagnosis
	}
	return nil
}
