package frontoffice

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// FieldShipment is what FLD-1 records between shipment and receipt: the
// after-sales staff's three tasks (ask purchasing when the goods arrive,
// tell the customer to prepare for receipt, send the delivery receipt
// 发货凭证 for signature) and the signed receipt when it comes back.
type FieldShipment struct {
	ShippedAt time.Time `json:"shipped_at"`
	// Arrival is the arrival day purchasing gave (YYYY-MM-DD), "" until
	// known.
	Arrival      string    `json:"arrival,omitempty"`
	ArrivalAsked FieldStep `json:"arrival_asked,omitzero"`
	CustomerTold FieldStep `json:"customer_told,omitzero"`
	ReceiptSent  FieldStep `json:"receipt_sent,omitzero"`
	// Receipt is the delivery receipt signed by the customer (FLD-1).
	Receipt *FieldDoc `json:"receipt,omitempty"`
	// RemindAt is when the staff are reminded of the tasks still open.
	RemindAt time.Time `json:"remind_at,omitzero"`
	// ContactLink is the secret of the deep link that links the customer
	// contact's Telegram chat to the job (FieldLinkPayload): from that
	// chat a photo or PDF is taken as the receipt or the commissioning
	// request (FLD-1, FLD-2).
	ContactLink string `json:"contact_link,omitempty"`
}

// FieldDispatch is the commissioning request (FLD-2), the dispatch request
// and its approval chain (FLD-3) and the out-of-office or business-trip
// papers (FLD-4).
type FieldDispatch struct {
	// Request is the customer's commissioning request, bearing its seal
	// and the responsible person's signature (FLD-2).
	Request *FieldDoc `json:"request,omitempty"`
	// Form is the dispatch request (安装调试人员派遣申请表, FLD-3); the
	// customer's part of it is FieldJob.Customer.
	Form        FieldDispatchForm `json:"form,omitzero"`
	SubmittedAt time.Time         `json:"submitted_at,omitzero"`
	SubmittedBy string            `json:"submitted_by,omitempty"`
	// Signed is the after-sales manager's signature, Picked the general
	// manager's office's choice of the technician (FLD-3).
	Signed FieldStep `json:"signed,omitzero"`
	Picked FieldStep `json:"picked,omitzero"`
	// Technician is the staff id (Settings.Staff) of the technician the
	// general manager's office picked (FLD-3).
	Technician string `json:"technician,omitempty"`
	// DispatchedAt is when the department manager dispatched the job;
	// DispatchedBy who (staff id).
	DispatchedAt time.Time `json:"dispatched_at,omitzero"`
	DispatchedBy string    `json:"dispatched_by,omitempty"`
	// StepSince is when the waiting approval step began, StepWarnAt when
	// its owner is reminded and StepDueAt its deadline (FieldStepDeadline);
	// Escalations counts the times it went to the supervisor.
	StepSince   time.Time `json:"step_since,omitzero"`
	StepWarnAt  time.Time `json:"step_warn_at,omitzero"`
	StepDueAt   time.Time `json:"step_due_at,omitzero"`
	Escalations int       `json:"escalations,omitempty"`
	// Trip is true when the job takes more than the day of departure: a
	// business trip with travel to book (FLD-4); else an out-of-office slip.
	Trip bool `json:"trip,omitempty"`
	// TravelBooked is administration's booking of the tickets (FLD-4).
	TravelBooked FieldStep `json:"travel_booked,omitzero"`
}

// FieldDispatchForm is the dispatch request's own part (FLD-3).
type FieldDispatchForm struct {
	Departure time.Time `json:"departure"`
	Return    time.Time `json:"return"`
	Problem   string    `json:"problem"`
	Tools     string    `json:"tools,omitempty"`
	Notes     string    `json:"notes,omitempty"`
}

// FieldStep is a step done: by whom (a staff id, or "staff:<login>" from
// the console) and when; zero while not done.
type FieldStep struct {
	By string    `json:"by,omitempty"`
	At time.Time `json:"at,omitzero"`
}

// Done reports whether the step was done.
func (s FieldStep) Done() bool { return !s.At.IsZero() }

// FieldDoc is a document on file for a field job: a stored file
// (StoredFile), uploaded in the console or received in Telegram.
type FieldDoc struct {
	FileID uint64    `json:"file_id"`
	Via    string    `json:"via"` // FieldViaConsole, FieldViaTelegram
	By     string    `json:"by"`
	At     time.Time `json:"at"`
}

// How a field document came.
const (
	FieldViaConsole  = "console"
	FieldViaTelegram = "telegram"
)

// Kinds of a field job's documents on file.
const (
	FieldDocReceipt = "receipt" // the signed delivery receipt (FLD-1)
	FieldDocRequest = "request" // the commissioning request (FLD-2)
)

// Shipment tasks of the after-sales staff (FLD-1) and the approval steps
// (FLD-3): the actions of the callback data "fld:<action>:<id>"
// (FieldData); the technician is picked with "fldt:<id>:<staff>"
// (FieldTechData).
const (
	FieldTaskArrival  = "arr"  // asked purchasing for the arrival date
	FieldTaskCustomer = "cust" // told the customer to prepare for receipt
	FieldTaskReceipt  = "rcpt" // sent the delivery receipt for signature
	FieldStepSign     = "sign" // the after-sales manager signs (FLD-3)
	FieldStepPick     = "pick" // the general manager's office picks the technician
	FieldStepDispatch = "disp" // the department manager dispatches
	FieldTravel       = "trav" // administration booked the travel (FLD-4)
)

// FieldTasks are the shipment tasks, in order (FLD-1).
var FieldTasks = []string{FieldTaskArrival, FieldTaskCustomer, FieldTaskReceipt}

// FieldSteps are the approval steps, in order (FLD-3).
var FieldSteps = []string{FieldStepSign, FieldStepPick, FieldStepDispatch}

// FieldStepRole is the staff role that does an approval step (FLD-3).
func FieldStepRole(step string) string {
	switch step {
	case FieldStepSign:
		return RoleAfterSalesManager
	case FieldStepPick:
		return RoleGMOffice
	case FieldStepDispatch:
		return RoleDeptManager
	}
	return ""
}

// Field job errors the doors branch on (errors.Is).
var (
	// ErrNoCommissioningRequest: no dispatch without the customer's sealed
	// and signed commissioning request on file (FLD-2).
	ErrNoCommissioningRequest = Errorf(EINVALID, "err.field.no_request")
	// ErrFieldNoReceipt: the commissioning request comes after the signed
	// delivery receipt (FLD-1, FLD-2).
	ErrFieldNoReceipt = Errorf(EINVALID, "err.field.no_receipt")
	// ErrFieldStepDone: the step was done already (a button pressed
	// twice, or by two people); nothing changed.
	ErrFieldStepDone = Errorf(ECONFLICT, "err.field.step_done")
	// ErrFieldNotYours: the step belongs to another role (FLD-3).
	ErrFieldNotYours = Errorf(EFORBIDDEN, "err.field.not_yours")
	// ErrFieldStage: the job is not at a stage where this can be done.
	ErrFieldStage = Errorf(ECONFLICT, "err.field.stage")
)

// Limits of a field job's texts, in characters.
const (
	MaxFieldCompany   = 100
	MaxFieldAddress   = 200
	MaxFieldContact   = 40
	MaxFieldPhone     = 30
	MaxFieldRoute     = 500
	MaxFieldEquipment = 500
	MaxFieldProblem   = 1000
	MaxFieldTools     = 500
	MaxFieldNotes     = 1000
	// MaxFieldDays is the longest dispatch, departure to return.
	MaxFieldDays = 90
)

// FieldJobInput is a new field job as the console's form gives it (FLD-1).
type FieldJobInput struct {
	Customer  FieldCustomer
	Equipment string
	Product   string
	Region    string
	Lang      Lang
	// Shipped is the day the goods shipped (YYYY-MM-DD in the shop's
	// zone); "" is today.
	Shipped string
}

// NewFieldJob validates in and returns the new job at stage shipped, its
// tasks open (FLD-1); the store numbers it. A *FieldError names the first
// field in error.
func NewFieldJob(st *Settings, in FieldJobInput, by string, now time.Time) (FieldJob, error) {
	c, err := in.Customer.clean()
	if err != nil {
		return FieldJob{}, err
	}
	eq, err := fieldText("equipment", in.Equipment, MaxFieldEquipment, true)
	if err != nil {
		return FieldJob{}, err
	}
	if in.Product != "" {
		if _, ok := st.LabourStandardByCode(in.Product); !ok {
			return FieldJob{}, fieldErr("product", "err.field.product")
		}
	}
	region, err := fieldText("region", in.Region, 40, false)
	if err != nil {
		return FieldJob{}, err
	}
	loc := st.Location()
	shipped := now
	if s := strings.TrimSpace(in.Shipped); s != "" {
		d, err := time.ParseInLocation(time.DateOnly, s, loc)
		if err != nil || d.After(now) || d.Before(now.AddDate(-1, 0, 0)) {
			return FieldJob{}, fieldErr("shipped", "err.field.shipped")
		}
		shipped = d
	}
	lang := ZH
	if in.Lang == EN {
		lang = EN
	}
	j := FieldJob{Stage: FieldShipped, Customer: c, Equipment: eq, Product: in.Product, Region: region, Lang: lang,
		By: by, CreatedAt: now, UpdatedAt: now}
	j.Shipment.ShippedAt = shipped.UTC()
	j.Shipment.RemindAt = now.Add(st.Field.WithDefaults().taskRemind()).UTC()
	j.History = []FieldEvent{{At: now, By: by, Action: "created"}}
	return j, nil
}

// clean trims and checks a field job's customer (FLD-3's first lines).
func (c FieldCustomer) clean() (FieldCustomer, error) {
	var err error
	out := FieldCustomer{ChatID: c.ChatID}
	if out.Company, err = fieldText("company", c.Company, MaxFieldCompany, true); err != nil {
		return out, err
	}
	if out.Address, err = fieldText("address", c.Address, MaxFieldAddress, true); err != nil {
		return out, err
	}
	if out.Contact, err = fieldText("contact", c.Contact, MaxFieldContact, true); err != nil {
		return out, err
	}
	if out.Phone, err = fieldText("phone", c.Phone, MaxFieldPhone, true); err != nil {
		return out, err
	}
	digits := 0
	for _, r := range out.Phone {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune(" -+()#转", r):
		default:
			return out, fieldErr("phone", "err.field.phone")
		}
	}
	if digits < 5 {
		return out, fieldErr("phone", "err.field.phone")
	}
	if out.Route, err = fieldText("route", c.Route, MaxFieldRoute, false); err != nil {
		return out, err
	}
	return out, nil
}

// fieldText trims s and checks its length; required texts may not be empty.
func fieldText(field, s string, max int, required bool) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" && required {
		return "", fieldErr(field, "err.empty")
	}
	if utf8.RuneCountInString(s) > max {
		return "", fieldErr(field, "err.too_long", max)
	}
	return s, nil
}

// FieldJobNo formats a field job's number from its creation day in the
// shop's zone and the day's count: AZ-20261206-001.
func FieldJobNo(day time.Time, n int) string {
	return fmt.Sprintf("AZ-%s-%03d", day.Format("20060102"), n)
}

// FieldJobNoIn finds a field job's number in a text (a bot message a staff
// member replies to); "" when there is none.
func FieldJobNoIn(s string) string {
	for i := strings.Index(s, "AZ-"); i >= 0; {
		rest := s[i:]
		if len(rest) >= 15 && isDigits(rest[3:11]) && rest[11] == '-' && isDigits(rest[12:15]) {
			return rest[:15]
		}
		next := strings.Index(rest[3:], "AZ-")
		if next < 0 {
			break
		}
		i += 3 + next
	}
	return ""
}

func isDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

func (j *FieldJob) event(by, action, note string, now time.Time) {
	j.History = append(j.History, FieldEvent{At: now, By: by, Action: action, Note: note})
}

// TaskDone reports whether the shipment task is done (FLD-1).
func (j *FieldJob) TaskDone(task string) bool {
	if s := j.task(task); s != nil {
		return s.Done()
	}
	return false
}

func (j *FieldJob) task(task string) *FieldStep {
	switch task {
	case FieldTaskArrival:
		return &j.Shipment.ArrivalAsked
	case FieldTaskCustomer:
		return &j.Shipment.CustomerTold
	case FieldTaskReceipt:
		return &j.Shipment.ReceiptSent
	}
	return nil
}

// OpenTasks returns the shipment tasks not done yet (FLD-1).
func (j *FieldJob) OpenTasks() []string {
	var out []string
	for _, t := range FieldTasks {
		if !j.TaskDone(t) {
			out = append(out, t)
		}
	}
	return out
}

// DoTask marks shipment task done by by (FLD-1); arrival, when given with
// the arrival task, is the day purchasing named. A task done already is
// ErrFieldStepDone; a cancelled or closed job ErrFieldStage.
func (j *FieldJob) DoTask(task, by, arrival string, now time.Time, loc *time.Location) error {
	s := j.task(task)
	if s == nil {
		return ErrNotFound
	}
	if j.Stage == FieldCancelled || j.Stage == FieldClosed {
		return ErrFieldStage
	}
	if arrival = strings.TrimSpace(arrival); arrival != "" {
		if task != FieldTaskArrival {
			return ErrNotFound
		}
		if _, err := time.ParseInLocation(time.DateOnly, arrival, loc); err != nil {
			return fieldErr("arrival", "err.field.arrival")
		}
		j.Shipment.Arrival = arrival
	}
	if s.Done() {
		if arrival != "" {
			j.event(by, "arrival", arrival, now)
			return nil
		}
		return ErrFieldStepDone
	}
	*s = FieldStep{By: by, At: now}
	j.event(by, "task:"+task, arrival, now)
	return nil
}

// AttachDoc puts a document on file (FLD-1, FLD-2): the signed delivery
// receipt moves a shipped job to received; the commissioning request,
// after the receipt, to requested. A later copy replaces the one on file
// until the dispatch request is signed.
func (j *FieldJob) AttachDoc(kind string, d FieldDoc) error {
	switch kind {
	case FieldDocReceipt:
		if j.Stage != FieldShipped && j.Stage != FieldReceived && j.Stage != FieldRequested {
			return ErrFieldStage
		}
		j.Shipment.Receipt = &d
		if j.Stage == FieldShipped {
			j.Stage = FieldReceived
		}
		j.event(d.By, "receipt", d.Via, d.At)
	case FieldDocRequest:
		switch j.Stage {
		case FieldShipped:
			return ErrFieldNoReceipt
		case FieldReceived, FieldRequested:
			j.Stage = FieldRequested
		case FieldApproving:
			if j.Dispatch.Signed.Done() {
				return ErrFieldStage
			}
		default:
			return ErrFieldStage
		}
		j.Dispatch.Request = &d
		j.event(d.By, "request", d.Via, d.At)
	default:
		return ErrNotFound
	}
	return nil
}

// FieldLinkPayload is the /start payload of the deep link that links a
// customer contact's chat to job id: "fj<id>_<secret>" (Telegram allows
// 64 characters of [A-Za-z0-9_-]).
func FieldLinkPayload(id uint64, secret string) string {
	return "fj" + strconv.FormatUint(id, 10) + "_" + secret
}

// ParseFieldLink parses FieldLinkPayload's output.
func ParseFieldLink(s string) (id uint64, secret string, ok bool) {
	rest, ok := strings.CutPrefix(s, "fj")
	if !ok || len(s) > 64 {
		return 0, "", false
	}
	num, secret, ok := strings.Cut(rest, "_")
	if !ok || len(secret) < 8 {
		return 0, "", false
	}
	for _, c := range secret {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return 0, "", false
		}
	}
	id, ok = ParseRecordID(num)
	return id, secret, ok
}

// CustomerDocKind is what a file from the customer contact's linked chat
// is at the job's stage: the signed receipt while shipped, the
// commissioning request from receipt until the dispatch request is signed;
// "" after (FLD-1, FLD-2).
func (j *FieldJob) CustomerDocKind() string {
	switch {
	case j.Stage == FieldShipped:
		return FieldDocReceipt
	case j.Stage == FieldReceived || j.Stage == FieldRequested || (j.Stage == FieldApproving && !j.Dispatch.Signed.Done()):
		return FieldDocRequest
	}
	return ""
}

// Link records that chat is the customer contact's (FLD-2).
func (j *FieldJob) Link(chat int64, now time.Time) error {
	if j.Stage == FieldCancelled || j.Stage == FieldClosed {
		return ErrFieldStage
	}
	j.Customer.ChatID = chat
	j.event("customer:bot", "linked", "", now)
	return nil
}
