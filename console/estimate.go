package console

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	fo "frontoffice"
)

// The diagnosis and estimate at reception (INT-1, INT-2), the customer's
// answer, and the deposit recorded as paid (APT-2), on the visit page.

// moneyStore is what the estimate, deposit and settlement forms use of
// the store.
type moneyStore interface {
	Estimate(req fo.EstimateRequest) (fo.Visit, error)
	DecideEstimate(req fo.DecideRequest) (fo.Visit, error)
	RecordDeposit(req fo.DepositRequest) (fo.Visit, error)
}

// estimateForm is the estimate form's values as typed: the purpose, the
// diagnosis with the customer's consent (INT-1), the lines (INT-2, the
// intake form's line fields) and the estimated minutes.
type estimateForm struct {
	Purpose   string
	Consent   bool
	Diagnosis string
	Lines     []lineForm
	Minutes   string

	ErrField    string
	NoGuarantee bool
	Labour      labourChoice // 工时定额: a line from a standard (estimate_labour.go)
}

// decideForm is the customer's answer as typed: the reason of a decline.
type decideForm struct{ Reason string }

// depositForm is the deposit as typed: amount and when it was paid.
type depositForm struct {
	Amount, PaidAt string
	Asked          fo.Money // the appointment's deposit (APT-2), 0 when none
	ErrField       string
}

// newEstimateForm prefills the estimate form like the intake form: the
// purpose from what the customer said, a line of the booked service at
// its list price (REC-1) and its duration; a visit with an estimate starts
// from its latest one.
func newEstimateForm(v fo.Visit, st *fo.Settings, lang fo.Lang, now time.Time) estimateForm {
	if e := v.CurrentEstimate(); e != nil {
		f := estimateForm{Purpose: e.Purpose, Consent: e.DiagnosisConsent, Diagnosis: e.Diagnosis, Lines: linesForm(e.Lines)}
		if e.EstimatedMinutes > 0 {
			f.Minutes = strconv.Itoa(e.EstimatedMinutes)
		}
		f.Labour = newLabourChoice(st, lang)
		f.number()
		return f
	}
	in := newIntakeForm(v, st, lang, now, fo.WorkshopLoad{})
	f := estimateForm{Purpose: in.Purpose, Lines: in.Lines, Minutes: in.Minutes}
	f.Labour = newLabourChoice(st, lang)
	f.number()
	return f
}

// linesForm writes estimate lines as the form's lines.
func linesForm(lines []fo.EstimateLine) []lineForm {
	var out []lineForm
	for _, l := range lines {
		out = append(out, lineForm{Desc: l.Description, Mode: l.Mode, Labor: yuan(l.Labor, true), Parts: yuan(l.Parts, true),
			Source: l.PartsSource, Kind: l.PartsKind, Critical: l.Critical})
	}
	return out
}

func (f *estimateForm) number() {
	in := intakeForm{Lines: f.Lines}
	in.number()
	f.Lines, f.NoGuarantee = in.Lines, in.NoGuarantee
}

// readEstimateForm reads the posted form back, without judging it.
func readEstimateForm(form url.Values) estimateForm {
	in := readIntakeForm(form)
	f := estimateForm{Purpose: in.Purpose, Consent: in.Consent, Diagnosis: strings.TrimSpace(form.Get("diagnosis")),
		Lines: in.Lines, Minutes: in.Minutes}
	f.number()
	return f
}

// editLines applies the line buttons ("addline", "del:N").
func (f *estimateForm) editLines(op string) bool {
	in := intakeForm{Lines: f.Lines}
	if !in.editLines(op) {
		return false
	}
	f.Lines, f.NoGuarantee = in.Lines, in.NoGuarantee
	return true
}

// estimate turns the form into an estimate, or returns the EINVALID error
// of the first problem with ErrField set; the store validates it again
// (fo.Estimate.Validate).
func (f *estimateForm) estimate() (fo.Estimate, error) {
	e := fo.Estimate{Purpose: f.Purpose, DiagnosisConsent: f.Consent, Diagnosis: f.Diagnosis}
	for _, l := range f.Lines {
		if l.Desc == "" && l.Labor == "" && l.Parts == "" {
			continue
		}
		labor, err1 := parseMoney(l.Labor)
		parts, err2 := parseMoney(l.Parts)
		if err1 != nil || err2 != nil {
			f.ErrField = "lines"
			return e, fo.Errorf(fo.EINVALID, "err.money")
		}
		e.Lines = append(e.Lines, fo.EstimateLine{Description: l.Desc, Mode: l.Mode, Labor: labor, Parts: parts,
			PartsSource: l.Source, PartsKind: l.Kind, Critical: l.Critical})
	}
	var ok bool
	if e.EstimatedMinutes, ok = parseInt(f.Minutes, 0, fo.MaxEstimate, 0); !ok {
		f.ErrField = "minutes"
		return e, fo.Errorf(fo.EINVALID, "err.wo.estimate")
	}
	return e, nil
}

// setErr sets ErrField from a domain *fo.FieldError.
func (f *estimateForm) setErr(err error) {
	var fe *fo.FieldError
	if errors.As(err, &fe) {
		f.ErrField = fe.Field
	}
}

// estimateView is what the console_estimate template reads.
type estimateView struct {
	P       consolePage
	F       *estimateForm
	VisitID uint64
	Err     string
}

// EstimateView pairs the estimate form with the page.
func (p *visitPage) EstimateView(f *estimateForm) estimateView {
	v := estimateView{P: p.consolePage, F: f, VisitID: p.V.ID}
	if p.FormErr == "estimate" {
		v.Err = p.Err
	}
	return v
}

// consoleEstimate records the diagnosis and estimate put to the customer
// (INT-1, INT-2); the line buttons only edit the form.
func (s *Server) consoleEstimate(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	v, ok := s.loadVisit(w, r, c)
	if !ok {
		return
	}
	f := readEstimateForm(r.PostForm)
	f.Labour = newLabourChoice(&c.st, c.lang)
	if r.PostForm.Get("op") == "labour" { // 工时定额 (estimate_labour.go)
		s.addLabourLine(w, r, c, v, &f)
		return
	}
	keep := func(p *visitPage) { p.Estimate = &f }
	if f.editLines(r.PostForm.Get("op")) {
		p := s.visitPage(c, v)
		keep(p)
		s.renderConsole(w, r, c, http.StatusOK, "console_visit", p)
		return
	}
	e, err := f.estimate()
	if err == nil {
		_, err = s.money().Estimate(fo.EstimateRequest{VisitID: v.ID, Estimate: e, By: c.by()})
		f.setErr(err)
	}
	if err != nil {
		s.visitFailed(w, r, c, v, "estimate", err, keep)
		return
	}
	s.done(w, r, visitPath(v.ID), "con.flash.estimate")
}

// consoleDecide records the customer's answer to the estimate (INT-1):
// agreed (the work order then starts from it) or declined with the reason
// (the visit then ends with the exit notice and still gets its follow-up
// call, FU-2).
func (s *Server) consoleDecide(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	v, ok := s.loadVisit(w, r, c)
	if !ok {
		return
	}
	f := decideForm{Reason: strings.TrimSpace(r.PostForm.Get("reason"))}
	agree := r.PostForm.Get("answer") == "agree"
	if _, err := s.money().DecideEstimate(fo.DecideRequest{VisitID: v.ID, Agree: agree, Reason: f.Reason, By: c.by()}); err != nil {
		s.visitFailed(w, r, c, v, "decide", err, func(p *visitPage) { p.Decide = f })
		return
	}
	flash := "con.flash.declined"
	if agree {
		flash = "con.flash.agreed"
	}
	s.done(w, r, visitPath(v.ID), flash)
}

// consoleDeposit records the appointment's deposit as paid (APT-2):
// amount, when, and the staff member who records it.
func (s *Server) consoleDeposit(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	v, ok := s.loadVisit(w, r, c)
	if !ok {
		return
	}
	f := depositForm{Amount: strings.TrimSpace(r.PostForm.Get("amount")), PaidAt: strings.TrimSpace(r.PostForm.Get("paid_at"))}
	keep := func(p *visitPage) { f.Asked = p.Deposit.Asked; p.Deposit = f }
	amount, err := fo.ParseMoney(f.Amount)
	if err != nil {
		f.ErrField = "amount"
		s.visitFailed(w, r, c, v, "deposit", err, keep)
		return
	}
	var paid time.Time
	if f.PaidAt != "" {
		if paid, ok = parseLocal(f.PaidAt, c.loc); !ok {
			f.ErrField = "paid_at"
			s.visitFailed(w, r, c, v, "deposit", fo.Errorf(fo.EINVALID, "con.err.time"), keep)
			return
		}
	}
	if _, err := s.money().RecordDeposit(fo.DepositRequest{VisitID: v.ID, Amount: amount, PaidAt: paid, By: c.by()}); err != nil {
		var fe *fo.FieldError
		if errors.As(err, &fe) {
			f.ErrField = fe.Field
		}
		s.visitFailed(w, r, c, v, "deposit", err, keep)
		return
	}
	s.done(w, r, visitPath(v.ID), "con.flash.deposit")
}

// money returns the store's money methods.
func (s *Server) money() moneyStore { return s.cfg.Store }

// Rows returns the form's lines for the "line_rows" template.
func (f estimateForm) Rows(lang fo.Lang) lineRows { return lineRows{lang, f.Lines} }
