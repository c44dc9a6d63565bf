package frontoffice

import (
	"fmt"
	"time"
)

// VisitStatus is where a vehicle's visit stands, from the lobby to the exit.
type VisitStatus string

// Visit statuses, in order. A visit moves forward only; "left" ends a visit
// whose customer declined the work order (INT-4).
const (
	VisitWaiting   VisitStatus = "waiting"   // checked in, has a queue number
	VisitCalled    VisitStatus = "called"    // called to the counter
	VisitWorkshop  VisitStatus = "workshop"  // work order signed, in the workshop
	VisitReady     VisitStatus = "ready"     // done, cleaned and checked (DEL-1)
	VisitDelivered VisitStatus = "delivered" // settled and handed over (DEL-3)
	VisitLeft      VisitStatus = "left"      // declined or did not wait
)

// VisitStatuses lists the statuses in order.
var VisitStatuses = []VisitStatus{VisitWaiting, VisitCalled, VisitWorkshop, VisitReady, VisitDelivered, VisitLeft}

// Visit is one vehicle's stay at the shop: check-in and queue number, the
// work order (进厂安装服务单), additional work, the pickup notice and the
// settlement. Delivered visits are the service history of the vehicle's
// archive (ARC-1) and start the follow-up calls (FU-2).
type Visit struct {
	ID            uint64      `json:"id"`
	CustomerID    uint64      `json:"customer_id"`
	VehicleID     uint64      `json:"vehicle_id"`
	AppointmentID uint64      `json:"appointment_id,omitempty"`
	Day           string      `json:"day"`      // YYYY-MM-DD in the shop's zone
	QueueNo       string      `json:"queue_no"` // A001 (appointment), W001 (walk-in)
	Status        VisitStatus `json:"status"`
	ServiceID     string      `json:"service_id,omitempty"`
	// Concern is what the customer says is wrong or wanted, in their words.
	Concern string `json:"concern,omitempty"`
	Source  string `json:"source"` // kiosk, console, demo

	CheckedInAt time.Time `json:"checked_in_at"`
	CalledAt    time.Time `json:"called_at,omitzero"`
	ReadyAt     time.Time `json:"ready_at,omitzero"`
	DeliveredAt time.Time `json:"delivered_at,omitzero"`
	LeftAt      time.Time `json:"left_at,omitzero"`

	// Estimates are the diagnoses and estimates put to the customer at
	// reception, the latest last (INT-1); declined ones are kept.
	Estimates []Estimate `json:"estimates,omitempty"`
	// Deposit is the appointment's deposit recorded as paid (APT-2).
	Deposit *Deposit `json:"deposit,omitempty"`
	// Bay (1-based; 0 when none) and Team (a Settings.Teams id) are where
	// the dispatch board put the job (WS-1).
	Bay  int    `json:"bay,omitempty"`
	Team string `json:"team,omitempty"`

	WorkOrder  *WorkOrder       `json:"work_order,omitempty"`
	Additional []AdditionalWork `json:"additional,omitempty"`
	Delays     []Delay          `json:"delays,omitempty"`
	Settlement *Settlement      `json:"settlement,omitempty"`

	// PickupNoticeAt is when the pickup notice went out or goes out (DEL-2).
	PickupNoticeAt time.Time `json:"pickup_notice_at,omitzero"`
	// ProgressCheckAt is when the progress check falls (INT-7).
	ProgressCheckAt time.Time `json:"progress_check_at,omitzero"`
	// ProgressAlerted is set when the progress check found the job not ready.
	ProgressAlerted bool `json:"progress_alerted,omitempty"`
	// PickupToldAt is when the customer was told the vehicle is ready to
	// collect (DEL-2); zero until then. The notice goes only for a ready job.
	PickupToldAt time.Time `json:"pickup_told_at,omitzero"`
	// LateToldFor is the promise whose passing, with the job not ready, was
	// announced to the customer and staff asked for a new time (DEL-2, REC-4).
	LateToldFor time.Time `json:"late_told_for,omitzero"`
	// Checklist is the delivery checklist confirmed when marked ready (DEL-1).
	Checklist *DeliveryChecklist `json:"checklist,omitempty"`

	// Copies for display.
	Plate        string `json:"plate"`
	CustomerName string `json:"customer_name"`
	Lang         Lang   `json:"lang"`
	ChatID       int64  `json:"chat_id,omitempty"`

	// QueueAt places a waiting visit in the queue (QueueOrder): zero means
	// its check-in time; moving back (QueueMoveBack) sets it.
	QueueAt time.Time `json:"queue_at,omitzero"`
	// QueueLog is the desk's calls, recalls and moves of the number.
	QueueLog []QueueEvent `json:"queue_log,omitempty"`

	UpdatedAt time.Time `json:"updated_at"`
}

// PromisedAt returns the delivery time promised to the customer, moved by
// delays and approved additional work; zero before intake.
func (v *Visit) PromisedAt() time.Time {
	if v.WorkOrder == nil {
		return time.Time{}
	}
	return v.WorkOrder.PromisedAt
}

// Open reports whether the visit is still in the shop.
func (v *Visit) Open() bool { return v.Status != VisitDelivered && v.Status != VisitLeft }

// CanMove reports whether a visit may go from its status to next (forward
// only, with "left" possible until the vehicle is in the workshop).
func (v *Visit) CanMove(next VisitStatus) bool {
	switch v.Status {
	case VisitWaiting:
		return next == VisitCalled || next == VisitWorkshop || next == VisitLeft
	case VisitCalled:
		return next == VisitWorkshop || next == VisitLeft || next == VisitWaiting
	case VisitWorkshop:
		return next == VisitReady
	case VisitReady:
		return next == VisitDelivered || next == VisitWorkshop
	}
	return false
}

// Pricing modes of an estimate line (INT-2).
const (
	PriceBySystem  = "system"  // 按系统
	PriceBySymptom = "symptom" // 按症状
	PriceByItem    = "item"    // 按项目
)

// Parts sources and kinds (INT-2).
const (
	PartsShop        = "shop"        // supplied by us
	PartsCustomer    = "customer"    // brought by the customer
	PartsOriginal    = "original"    // 正厂件
	PartsAftermarket = "aftermarket" // 副厂件
)

// EstimateLine is a line of the estimate (安装服务估价单) on a work order.
type EstimateLine struct {
	Description string `json:"description"`
	Mode        string `json:"mode"` // system, symptom, item
	Labor       Money  `json:"labor"`
	Parts       Money  `json:"parts"`
	PartsSource string `json:"parts_source,omitempty"` // shop, customer
	PartsKind   string `json:"parts_kind,omitempty"`   // original, aftermarket
	// Critical marks a part at a critical place (brakes, sensors, wiring of
	// the anti-collision system).
	Critical bool `json:"critical,omitempty"`
	// PartsOnOrder marks shop-supplied parts not in stock, ordered and
	// expected at PartsExpected: the promise waits for them (INT-3).
	PartsOnOrder  bool      `json:"parts_on_order,omitempty"`
	PartsExpected time.Time `json:"parts_expected,omitzero"`
}

// NoGuarantee reports whether the line voids the quality guarantee:
// customer-supplied or aftermarket parts at a critical place (INT-2).
func (l EstimateLine) NoGuarantee() bool {
	return l.Critical && (l.PartsSource == PartsCustomer || l.PartsKind == PartsAftermarket)
}

// Total is the line's labour plus parts.
func (l EstimateLine) Total() Money { return l.Labor + l.Parts }

// WorkOrder is the intake record (进厂安装服务单, INT-1 to INT-5).
type WorkOrder struct {
	Purpose          string `json:"purpose"`           // INT-1
	DiagnosisConsent bool   `json:"diagnosis_consent"` // INT-1: only with consent
	DiagnosisReport  string `json:"diagnosis_report,omitempty"`

	Lines []EstimateLine `json:"lines"` // INT-2

	DocumentsChecked bool     `json:"documents_checked"` // INT-5
	Anomalies        string   `json:"anomalies,omitempty"`
	Belongings       []string `json:"belongings,omitempty"` // 随车物品清单
	FuelEighths      int      `json:"fuel_eighths"`         // 0..8
	Odometer         int      `json:"odometer"`             // km
	KeyNo            string   `json:"key_no"`

	EstimatedMinutes int       `json:"estimated_minutes"` // INT-3
	PromisedAt       time.Time `json:"promised_at"`       // INT-3, moved by delays

	Receiver   string    `json:"receiver"`    // workshop person who signs for it (INT-5)
	HandoverAt time.Time `json:"handover_at"` // to the 10 minutes (INT-5)

	// Signature is the customer's agreement (INT-4): a finger signature
	// on the pad or a one-tap approval in Telegram. While it is missing
	// the work order is "awaiting signature" and the vehicle does not go
	// to the workshop.
	Signature Signature `json:"signature"`
	// CustomerSigned is true on work orders written before signatures were
	// taken electronically, which were signed on paper.
	CustomerSigned bool      `json:"customer_signed,omitempty"`
	CreatedAt      time.Time `json:"created_at"`
	By             string    `json:"by"`
}

// Signed reports whether the customer signed the work order (INT-4).
func (w *WorkOrder) Signed() bool { return w.Signature.Signed() || w.CustomerSigned }

// NoGuarantee reports whether any line voids the quality guarantee, which
// the printed work order then states (INT-2).
func (w *WorkOrder) NoGuarantee() bool {
	for _, l := range w.Lines {
		if l.NoGuarantee() {
			return true
		}
	}
	return false
}

// Total is the estimate's total.
func (w *WorkOrder) Total() Money {
	var t Money
	for _, l := range w.Lines {
		t += l.Total()
	}
	return t
}

// HandoverTime rounds t to the 10 minutes, as the workshop signs for a
// vehicle (INT-5).
func HandoverTime(t time.Time) time.Time { return t.Round(10 * time.Minute) }

// Validate checks a work order at intake: purpose, at least one estimate
// line with a known pricing mode and parts source, fuel 0..8, a key number,
// an estimated duration, a promised time after the handover and a receiver.
// It returns an EINVALID *Error naming the field ("err.wo.<field>").
func (w *WorkOrder) Validate() error {
	if err := w.ValidateText(); err != nil {
		return err
	}
	bad := func(f string) error { return Errorf(EINVALID, "err.wo."+f) }
	switch {
	case w.Purpose == "":
		return bad("purpose")
	case len(w.Lines) == 0:
		return bad("lines")
	case w.FuelEighths < 0 || w.FuelEighths > 8:
		return bad("fuel")
	case w.Odometer < 0 || w.Odometer > 5_000_000:
		return bad("odometer")
	case w.KeyNo == "":
		return bad("key")
	case w.EstimatedMinutes <= 0 || w.EstimatedMinutes > 60*24*60:
		return bad("estimate")
	case w.Receiver == "":
		return bad("receiver")
	case w.PromisedAt.IsZero() || !w.PromisedAt.After(w.HandoverAt):
		return bad("promised")
	}
	for _, l := range w.Lines {
		if l.Description == "" || l.Labor < 0 || l.Parts < 0 {
			return bad("lines")
		}
		switch l.Mode {
		case PriceBySystem, PriceBySymptom, PriceByItem:
		default:
			return bad("mode")
		}
		if l.PartsOnOrder && (l.PartsSource != PartsShop || l.PartsExpected.IsZero()) {
			return bad("parts_order") // INT-3: only our own parts are ordered, with a date
		}
		if l.Parts > 0 || l.PartsSource != "" {
			if l.PartsSource != PartsShop && l.PartsSource != PartsCustomer {
				return bad("parts_source")
			}
			if l.PartsKind != PartsOriginal && l.PartsKind != PartsAftermarket {
				return bad("parts_kind")
			}
		}
	}
	return nil
}

// AdditionalWork is work found in the workshop (追加项目, INT-6). The
// workshop proceeds only after the customer's answer is recorded with its
// time.
type AdditionalWork struct {
	N            int       `json:"n"` // 1, 2, … within the visit
	Description  string    `json:"description"`
	Reason       string    `json:"reason"` // why, safety stressed
	Price        Money     `json:"price"`
	ExtraMinutes int       `json:"extra_minutes"`
	Safety       bool      `json:"safety"`
	Status       string    `json:"status"` // pending, approved, declined
	AnsweredAt   time.Time `json:"answered_at,omitzero"`
	AnsweredBy   string    `json:"answered_by,omitempty"` // customer:bot, staff:li (phone)
	CreatedAt    time.Time `json:"created_at"`
	// NewPromisedAt is the delivery time told to the customer with the
	// question; it applies when approved.
	NewPromisedAt time.Time `json:"new_promised_at"`
	// Signature is the customer's approval when given in Telegram (one
	// tap, with the chat) or signed on the pad; zero for an answer heard on
	// the phone and recorded by staff (INT-6), which AnsweredBy names.
	Signature Signature `json:"signature,omitzero"`
}

// Additional work answers.
const (
	AddPending  = "pending"
	AddApproved = "approved"
	AddDeclined = "declined"
)

// Delay records a late job announced to the customer (DEL-2).
type Delay struct {
	At         time.Time `json:"at"`
	Reason     string    `json:"reason"`
	OldPromise time.Time `json:"old_promise"`
	NewPromise time.Time `json:"new_promise"`
	By         string    `json:"by"`
}

// Settlement is the bill at delivery (安装服务结算单, DEL-3), made by
// Bill.Settle: the amount from the visit's bill, any discount with its
// reason and the supervisor who granted it, the deposit deducted (APT-2),
// what was paid and, by difference, what is still owed.
type Settlement struct {
	Amount         Money     `json:"amount"` // before discount
	Discount       Money     `json:"discount,omitempty"`
	DiscountReason string    `json:"discount_reason,omitempty"`
	DiscountBy     string    `json:"discount_by,omitempty"` // the supervisor who approved it
	Deposit        Money     `json:"deposit,omitempty"`     // paid before, deducted (APT-2)
	Paid           Money     `json:"paid"`                  // paid at the counter
	At             time.Time `json:"at"`
	By             string    `json:"by"`
	// Signature is the customer's signature on the settlement at handover
	// (DEL-3, INT-4); zero on settlements recorded before it was taken.
	Signature Signature `json:"signature,omitzero"`
}

// Due is what the job costs the customer after the discount: the
// revenue (REP-1), of which the deposit is part.
func (s *Settlement) Due() Money { return s.Amount - s.Discount }

// Receivable is what is still owed after the deposit and the payment
// (REP-1).
func (s *Settlement) Receivable() Money { return max(0, s.ToPay()-s.Paid) }

// Validate checks a settlement as recorded: amounts from 0 to MaxAmount, a
// discount no larger than the amount, granted by a supervisor with a
// reason when there is one (DEL-3), payment no more than is left after the
// deposit.
func (s *Settlement) Validate(supervisor bool) error {
	switch {
	case !amountOK(s.Amount) || !amountOK(s.Discount) || !amountOK(s.Paid) || !amountOK(s.Deposit):
		return Errorf(EINVALID, "err.amount", MaxAmount)
	case s.Discount > s.Amount:
		return Errorf(EINVALID, "err.settle.discount")
	case s.Discount > 0 && !supervisor:
		return Errorf(EFORBIDDEN, "err.settle.supervisor") // DEL-3
	case s.Paid > s.ToPay():
		return Errorf(EINVALID, "err.settle.paid")
	}
	return nil
}

// Pickup notice lead times (DEL-2): a job of under 2 days is announced 1 hour
// before the promised time, one of 2 days or more 4 hours before.
const (
	PickupLongJob   = 48 * time.Hour
	PickupLeadShort = time.Hour
	PickupLeadLong  = 4 * time.Hour
)

// PickupLead returns how long before the promised time the customer is told
// to come (DEL-2), from the job's length: intake to promised time.
func PickupLead(intake, promised time.Time) time.Duration {
	if promised.Sub(intake) >= PickupLongJob {
		return PickupLeadLong
	}
	return PickupLeadShort
}

// PickupNoticeAt returns when to send the pickup notice of a job taken in
// at intake and promised for promised (DEL-2).
func PickupNoticeAt(intake, promised time.Time) time.Time {
	return promised.Add(-PickupLead(intake, promised))
}

// ProgressShare is the point of the estimated duration at which progress is
// checked (INT-7: 70-80%).
const ProgressShare = 0.75

// ProgressCheckAt returns when to check a job's progress: at 75% of its
// estimated duration from the handover (INT-7).
func ProgressCheckAt(handover time.Time, estimatedMinutes int) time.Time {
	return handover.Add(time.Duration(float64(estimatedMinutes)*ProgressShare) * time.Minute)
}

// Check-in window: a customer with an appointment checks in from this long
// before the start to this long after it.
const (
	CheckInEarly = 60 * time.Minute
	CheckInLate  = 30 * time.Minute
)

// CheckInTiming says whether an appointment can be checked in at now: ""
// when it can, else a text key: "kiosk.early" (come back later), "kiosk.late"
// (the slot passed: register as a walk-in), "kiosk.wrong_day" (another day).
func CheckInTiming(a Appointment, now time.Time, loc *time.Location) string {
	if !DayStart(a.Start, loc).Equal(DayStart(now, loc)) {
		return "kiosk.wrong_day"
	}
	if now.Before(a.Start.Add(-CheckInEarly)) {
		return "kiosk.early"
	}
	if now.After(a.Start.Add(CheckInLate)) {
		return "kiosk.late"
	}
	return ""
}

// QueueNo formats a queue number: prefix A for appointments, W for
// walk-ins, then the day's count from 001.
func QueueNo(prefix byte, n int) string { return fmt.Sprintf("%c%03d", prefix, n) }

// CheckInRequest checks a vehicle in at the kiosk or the counter: with an
// appointment (AppointmentID), or as a walk-in (Customer, Plate, ServiceID,
// Concern).
type CheckInRequest struct {
	AppointmentID uint64
	Customer      CustomerInput
	Plate         string
	ServiceID     string
	Concern       string
	Source        string // kiosk, console
	By            string
	// Unproven marks a walk-in typed by an anonymous visitor (the kiosk):
	// a phone or plate on file makes it pending for the desk (KioskMatch,
	// ARC-2) instead of joining the archive.
	Unproven bool
}

// BoardCall is a called queue number as the board shows it.
type BoardCall struct {
	QueueNo string    `json:"queue_no"`
	Plate   string    `json:"plate"` // masked
	At      time.Time `json:"at"`
}

// Board is what the lobby TV shows: the number now served, the last few
// called before it, and how many wait.
type Board struct {
	Day     string      `json:"day"`
	Now     *BoardCall  `json:"now,omitempty"`
	Recent  []BoardCall `json:"recent"`
	Waiting int         `json:"waiting"`
	Version uint64      `json:"version"`
}

// PhoneTask is a call the reception must make because the customer has no
// linked Telegram: a pickup notice, a delay, an additional-work question.
type PhoneTask struct {
	Key        string    `json:"key"`
	VisitID    uint64    `json:"visit_id"`
	CustomerID uint64    `json:"customer_id"`
	Kind       string    `json:"kind"`
	Text       string    `json:"text"` // what to tell the customer
	Created    time.Time `json:"created"`
	Done       time.Time `json:"done,omitzero"`
	DoneBy     string    `json:"done_by,omitempty"`
	Day        string    `json:"day"`
}
