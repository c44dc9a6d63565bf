package console

import (
	"errors"
	"frontoffice/internal/web"
	"net/http"
	"strconv"
	"strings"
	"time"

	fo "frontoffice"
)

// visitPage is one visit: where it stands (checked in → in the workshop →
// ready → delivered), its work order, the forms of the next steps, and
// what needs attention.
type visitPage struct {
	consolePage
	V       fo.Visit
	Service string
	Phone   string
	Steps   []visitStep
	Alerts  []visitAlert

	// Forms of the steps open in the visit's status; each keeps its input
	// and its error (FormErr names the form the page's Err belongs to).
	Estimate *estimateForm // INT-1: before the work order
	Decide   decideForm
	Deposit  depositForm // APT-2
	Intake   *intakeForm
	Delay    delayForm
	Work     workForm
	Deliver  deliverForm
	Leave    leaveForm
	FormErr  string

	// IntakeBlocked is the text key of why no work order can be made yet:
	// the estimate awaits the customer's answer, or was declined (INT-1).
	IntakeBlocked string
	// FromEstimate is set when the work order starts from the agreed
	// estimate (INT-1).
	FromEstimate bool
	// AwaitingSignature is set when the work order is saved and waits for
	// the customer's signature (INT-4, signature.go).
	AwaitingSignature bool

	CanDiscount bool // DEL-3: supervisors only
	// DiscountApproved is set when a supervisor approved the reception's
	// ask in Telegram; Ask is the ask form (discount.go).
	DiscountApproved bool
	Ask              askForm
	Approved         fo.Money
	Bill             fo.Bill // DEL-3, APT-2: what the settlement is computed from
}

// visitStep is a step of the status line.
type visitStep struct {
	Label   string
	At      time.Time
	Done    bool
	Current bool
}

type delayForm struct{ Promised, Reason string }

type workForm struct {
	Desc, Reason, Price, Minutes string
	Safety                       bool
}

type deliverForm struct {
	Amount, Discount, Reason, Paid string
	Receivable                     fo.Money
	ErrField                       string // amount, discount, reason, paid
}

type leaveForm struct{ Fee, Reason, ErrField string }

// visitPage builds the page of v with fresh forms.
func (s *Server) visitPage(c *staffCtx, v fo.Visit) *visitPage {
	p := &visitPage{consolePage: s.consolePage(c, "con.visit.title"), V: v, Alerts: visitAlerts(v, c.now),
		CanDiscount: c.acc.Is(fo.RoleSupervisor)}
	p.Title = p.T("con.visit.title") + " " + v.QueueNo
	sv, _ := c.st.Service(v.ServiceID)
	p.Service = sv.Name(c.lang)
	if cu, err := s.cfg.Store.Customer(v.CustomerID); err == nil {
		p.Phone = cu.Phone
	}
	in := v.CheckedInAt
	var workshop time.Time
	if v.WorkOrder != nil {
		workshop = v.WorkOrder.HandoverAt
	}
	order := map[fo.VisitStatus]int{fo.VisitWaiting: 0, fo.VisitCalled: 0, fo.VisitWorkshop: 1, fo.VisitReady: 2, fo.VisitDelivered: 3}
	cur, inLine := order[v.Status]
	for i, st := range []struct {
		key string
		at  time.Time
	}{{"con.step.checked_in", in}, {"con.step.workshop", workshop}, {"con.step.ready", v.ReadyAt}, {"con.step.delivered", v.DeliveredAt}} {
		p.Steps = append(p.Steps, visitStep{Label: p.T(st.key), At: st.at, Done: inLine && i < cur, Current: inLine && i == cur})
	}
	p.Bill = fo.VisitBill(&v)
	if v.Open() && v.Settlement == nil && v.Deposit == nil {
		if v.AppointmentID != 0 {
			if a, err := s.cfg.Store.Appointment(v.AppointmentID); err == nil {
				p.Deposit.Asked = a.Deposit // APT-2: what the appointment asked
			}
		}
		p.Deposit.Amount = yuan(p.Deposit.Asked, true)
		p.Deposit.PaidAt = localInput(c.now, c.loc)
	}
	switch v.Status {
	case fo.VisitWaiting, fo.VisitCalled:
		ef := newEstimateForm(v, &c.st, c.lang, c.now)
		p.Estimate = &ef
		e := v.CurrentEstimate()
		switch {
		case e != nil && e.Status == fo.EstimateProposed:
			p.IntakeBlocked = "err.estimate.pending"
		case e != nil && e.Status == fo.EstimateDeclined:
			p.IntakeBlocked = "err.estimate.declined"
		default:
			// INT-3: the suggested promise waits for a free bay and for
			// the agreed estimate's parts on order.
			load, err := s.cfg.Store.WorkshopLoad()
			if err != nil {
				s.log.Warn("workshop load for the promise", "err", err)
				load = fo.WorkshopLoad{}
			}
			if e != nil {
				for _, l := range e.Lines {
					if l.PartsOnOrder && l.PartsExpected.After(load.PartsExpected) {
						load.PartsExpected = l.PartsExpected
					}
				}
			}
			f := newIntakeForm(v, &c.st, c.lang, c.now, load)
			if e != nil { // INT-1: agreed; the work order starts from it
				f.Purpose, f.Consent, f.Report, f.Lines = e.Purpose, e.DiagnosisConsent, e.Diagnosis, linesForm(e.Lines)
				f.number()
				p.FromEstimate = true
			}
			p.Intake = &f
			p.AwaitingSignature = v.WorkOrder != nil && !v.WorkOrder.Signed()
		}
	case fo.VisitWorkshop:
		p.Delay.Promised = localInput(v.PromisedAt().Add(time.Hour), c.loc)
	case fo.VisitReady:
		// DEL-3, APT-2: the bill — work order and approved additional
		// work, less the deposit.
		p.Approved = p.Bill.Additional
		p.Deliver = deliverForm{Amount: yuan(p.Bill.Total(), false), Paid: yuan(p.Bill.Due(), false)}
		if a := v.DiscountAsk; a != nil && a.Status == fo.DiscountApproved {
			p.DiscountApproved = true
			p.Deliver.Discount = yuan(a.Amount, false)
			p.Deliver.Paid = yuan(max(0, p.Bill.Due()-a.Amount), false)
		}
	}
	return p
}

// loadVisit reads the {id} visit, answering 404 itself when it fails.
func (s *Server) loadVisit(w http.ResponseWriter, r *http.Request, c *staffCtx) (fo.Visit, bool) {
	id, ok := pathID(r, "id")
	if !ok {
		s.consoleError(w, r, c, http.StatusNotFound, "err.not_found")
		return fo.Visit{}, false
	}
	v, err := s.cfg.Store.Visit(id)
	if err != nil {
		s.consoleFail(w, r, c, err)
		return v, false
	}
	return v, true
}

func (s *Server) consoleVisit(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	v, ok := s.loadVisit(w, r, c)
	if !ok {
		return
	}
	s.renderConsole(w, r, c, http.StatusOK, "console_visit", s.visitPage(c, v))
}

// visitFailed shows the visit page again with err next to form (intake,
// delay, work, deliver, leave, status) and the input kept by keep.
func (s *Server) visitFailed(w http.ResponseWriter, r *http.Request, c *staffCtx, v fo.Visit, form string, err error, keep func(p *visitPage)) {
	if fresh, ferr := s.cfg.Store.Visit(v.ID); ferr == nil {
		v = fresh
	}
	p := s.visitPage(c, v)
	if keep != nil {
		keep(p)
	}
	p.Err, p.FormErr = s.consoleErrText(c, err), form
	s.renderConsole(w, r, c, web.ErrorStatus(err), "console_visit", p)
}

// consoleCall calls this visit's number to the counter (the board shows
// it).
func (s *Server) consoleCall(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	v, ok := s.loadVisit(w, r, c)
	if !ok {
		return
	}
	if _, err := s.cfg.Store.CallNext(v.ID, c.by()); err != nil {
		s.visitFailed(w, r, c, v, "status", err, nil)
		return
	}
	s.done(w, r, visitPath(v.ID), "con.flash.called")
}

// consoleIntake records the work order (INT-1 to INT-5) and sends the
// vehicle to the workshop; the line buttons only edit the form.
func (s *Server) consoleIntake(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	v, ok := s.loadVisit(w, r, c)
	if !ok {
		return
	}
	f := readIntakeForm(r.PostForm)
	keep := func(p *visitPage) {
		if p.Intake != nil {
			f.Suggested = p.Intake.Suggested
			p.Intake = &f
		}
	}
	if f.editLines(r.PostForm.Get("op")) {
		p := s.visitPage(c, v)
		keep(p)
		s.renderConsole(w, r, c, http.StatusOK, "console_visit", p)
		return
	}
	wo, err := f.workOrder(c.loc)
	if err == nil {
		_, err = s.cfg.Store.Intake(fo.IntakeRequest{VisitID: v.ID, WorkOrder: wo, By: c.by()})
		f.setErr(err)
	}
	if err != nil {
		s.visitFailed(w, r, c, v, "intake", err, keep)
		return
	}
	s.done(w, r, visitPath(v.ID), "con.flash.intake")
}

// consoleReady marks the job ready with the delivery checklist's four
// boxes (DEL-1); a refusal names the missing items or the unanswered
// additional work (INT-6). A job ready before its pickup notice tells the
// customer at once (DEL-2).
func (s *Server) consoleReady(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	f := r.PostForm
	list := fo.DeliveryChecklist{Cleaned: f.Get("cleaned") != "", Checked: f.Get("checked") != "",
		Belongings: f.Get("belongings") != "", Settlement: f.Get("settlement") != ""}
	s.visitStep(w, r, c, "con.flash.ready", func(id uint64, by string) (fo.Visit, error) {
		return s.cfg.Store.SetReady(id, list, by)
	})
}

// consoleBack returns a ready job to the workshop.
func (s *Server) consoleBack(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	s.visitStep(w, r, c, "con.flash.back", s.cfg.Store.BackToWorkshop)
}

func (s *Server) visitStep(w http.ResponseWriter, r *http.Request, c *staffCtx, flash string, step func(uint64, string) (fo.Visit, error)) {
	v, ok := s.loadVisit(w, r, c)
	if !ok {
		return
	}
	if _, err := step(v.ID, c.by()); err != nil {
		s.visitFailed(w, r, c, v, "status", err, nil)
		return
	}
	s.done(w, r, visitPath(v.ID), flash)
}

// consoleDelay moves the promised time of a late job; the customer is told
// at once with the reason and an apology (DEL-2).
func (s *Server) consoleDelay(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	v, ok := s.loadVisit(w, r, c)
	if !ok {
		return
	}
	f := delayForm{Promised: strings.TrimSpace(r.PostForm.Get("promised")), Reason: strings.TrimSpace(r.PostForm.Get("reason"))}
	keep := func(p *visitPage) { p.Delay = f }
	t, ok := parseLocal(f.Promised, c.loc)
	if !ok {
		s.visitFailed(w, r, c, v, "delay", fo.Errorf(fo.EINVALID, "err.delay.time"), keep)
		return
	}
	if _, err := s.cfg.Store.Delay(v.ID, t, f.Reason, c.by()); err != nil {
		s.visitFailed(w, r, c, v, "delay", err, keep)
		return
	}
	s.done(w, r, visitPath(v.ID), "con.flash.delayed")
}

// consoleAddWork records additional work found in the workshop and asks
// the customer (INT-6): in Telegram with buttons, or on the reception's
// call list.
func (s *Server) consoleAddWork(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	v, ok := s.loadVisit(w, r, c)
	if !ok {
		return
	}
	pf := r.PostForm
	f := workForm{Desc: strings.TrimSpace(pf.Get("desc")), Reason: strings.TrimSpace(pf.Get("reason")),
		Price: strings.TrimSpace(pf.Get("price")), Minutes: strings.TrimSpace(pf.Get("minutes")), Safety: pf.Get("safety") != ""}
	keep := func(p *visitPage) { p.Work = f }
	price, err := parseMoney(f.Price)
	if err != nil {
		s.visitFailed(w, r, c, v, "work", err, keep)
		return
	}
	minutes, ok := parseInt(f.Minutes, 0, fo.MaxExtraMinutes, 0)
	if !ok {
		s.visitFailed(w, r, c, v, "work", fo.Errorf(fo.EINVALID, "err.aw.price"), keep)
		return
	}
	_, _, err = s.cfg.Store.AddWork(fo.AddWorkRequest{VisitID: v.ID, Description: f.Desc, Reason: f.Reason, Price: price,
		ExtraMinutes: minutes, Safety: f.Safety, By: c.by()})
	if err != nil {
		s.visitFailed(w, r, c, v, "work", err, keep)
		return
	}
	s.done(w, r, visitPath(v.ID), "con.flash.work")
}

// consoleAnswerWork records the customer's answer to additional work {n}
// taken by phone, with its time (INT-6): "staff:<login> (phone)".
func (s *Server) consoleAnswerWork(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	v, ok := s.loadVisit(w, r, c)
	if !ok {
		return
	}
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil {
		s.consoleError(w, r, c, http.StatusNotFound, "err.not_found")
		return
	}
	approve := r.PostForm.Get("answer") == "approve"
	if _, err := s.cfg.Store.AnswerWork(v.ID, n, approve, 0, c.by()+" (phone)"); err != nil {
		s.visitFailed(w, r, c, v, "work", err, nil)
		return
	}
	s.done(w, r, visitPath(v.ID), "con.flash.answered")
}

// consoleDeliver settles and hands over a ready vehicle (DEL-3): the
// store computes the bill (work order, approved additional work, less the
// deposit, APT-2); an amount charged below it, or a discount, is allowed
// only to a supervisor (or admin), with a reason. The form comes back
// with what was typed and the field named on an error.
func (s *Server) consoleDeliver(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	v, ok := s.loadVisit(w, r, c)
	if !ok {
		return
	}
	pf := r.PostForm
	f := deliverForm{Amount: strings.TrimSpace(pf.Get("amount")), Discount: strings.TrimSpace(pf.Get("discount")),
		Reason: strings.TrimSpace(pf.Get("reason")), Paid: strings.TrimSpace(pf.Get("paid"))}
	keep := func(p *visitPage) { p.Deliver = f }
	var set fo.Settlement
	for _, fl := range []struct {
		name, s string
		m       *fo.Money
	}{{"amount", f.Amount, &set.Amount}, {"discount", f.Discount, &set.Discount}, {"paid", f.Paid, &set.Paid}} {
		m, err := parseMoney(fl.s)
		if err != nil {
			f.ErrField = fl.name
			s.visitFailed(w, r, c, v, "deliver", err, keep)
			return
		}
		*fl.m = m
	}
	// DEL-3, INT-4: the customer signs the settlement on the pad.
	sig, err := padSignature(r, v.CustomerName)
	if err != nil {
		f.ErrField = signatureField
		s.visitFailed(w, r, c, v, "deliver", err, keep)
		return
	}
	// DEL-3: an amount below the bill is a discount; the store refuses it
	// to anyone but a supervisor, and wants its reason.
	_, err = s.cfg.Store.Deliver(fo.DeliverRequest{VisitID: v.ID, Settlement: set, Supervisor: c.acc.Is(fo.RoleSupervisor),
		DiscountReason: f.Reason, Signature: sig, By: c.by()})
	if err != nil {
		var fe *fo.FieldError
		if errors.As(err, &fe) {
			f.ErrField = fe.Field
		}
		s.visitFailed(w, r, c, v, "deliver", err, keep)
		return
	}
	s.done(w, r, visitPath(v.ID), "con.flash.delivered")
}

// consoleLeave ends a visit whose customer declined the work order: exit
// notice and any diagnosis or estimate fee (INT-4).
func (s *Server) consoleLeave(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	v, ok := s.loadVisit(w, r, c)
	if !ok {
		return
	}
	f := leaveForm{Fee: strings.TrimSpace(r.PostForm.Get("fee")), Reason: strings.TrimSpace(r.PostForm.Get("reason"))}
	// INT-1: a declined estimate's reason is the visit's reason to leave.
	if e := v.CurrentEstimate(); f.Reason == "" && e != nil && e.Status == fo.EstimateDeclined {
		f.Reason = e.DeclineReason
	}
	keep := func(p *visitPage) { p.Leave = f }
	fee, err := parseMoney(f.Fee)
	if err != nil {
		f.ErrField = "fee"
	} else if _, err = s.cfg.Store.Leave(v.ID, fee, f.Reason, c.by()); err != nil {
		var fe *fo.FieldError
		if errors.As(err, &fe) {
			f.ErrField = fe.Field
		}
	}
	if err != nil {
		s.visitFailed(w, r, c, v, "leave", err, keep)
		return
	}
	s.done(w, r, visitPath(v.ID), "con.flash.left")
}

// intakeView is what the console_intake template reads.
type intakeView struct {
	P       consolePage
	F       *intakeForm
	VisitID uint64
	Err     string
}

// IntakeView pairs the intake form with the page.
func (p *visitPage) IntakeView(f *intakeForm) intakeView {
	v := intakeView{P: p.consolePage, F: f, VisitID: p.V.ID}
	if p.FormErr == "intake" {
		v.Err = p.Err
	}
	return v
}
