package console

import (
	"errors"
	"net/url"
	"strconv"
	"strings"
	"time"

	fo "frontoffice"
)

// The intake form: the work order of a visit (进厂安装服务单, INT-1 to INT-5).
// Its fields are plain form values; estimate lines are numbered
// (l0_desc, l0_mode, …) with their count in "lines", so that a checkbox left
// unticked cannot shift the lines. The form keeps what was typed when it
// comes back with an error.

// maxLines is the most estimate lines a work order takes.
const maxLines = 30

// intakeForm is the intake form's values as typed.
type intakeForm struct {
	Purpose    string // INT-1
	Consent    bool   // INT-1: diagnosis only with consent
	Report     string
	Lines      []lineForm // INT-2
	Docs       bool       // INT-5
	Anomalies  string
	Belongings string // one per line (随车物品清单)
	Fuel       int    // eighths
	Odometer   string
	KeyNo      string
	Minutes    string // INT-3
	Promised   string // datetime-local
	Suggested  string // the suggested promise, with a margin (INT-3)
	Receiver   string // INT-5
	Handover   string // datetime-local, kept to the 10 minutes

	ErrField    string // the field the error is about: purpose, lines, fuel, …
	NoGuarantee bool   // INT-2, for the notice shown before the first change
}

// lineForm is one estimate line as typed.
type lineForm struct {
	I           int
	Desc        string
	Mode        string // system, symptom, item
	Labor       string
	Parts       string
	Source      string // shop, customer, "" (no parts)
	Kind        string // original, aftermarket, ""
	Critical    bool
	NoGuarantee bool // INT-2
}

// Fuels are the fuel gauge's eighths for the select.
func (f intakeForm) Fuels() []int { return []int{0, 1, 2, 3, 4, 5, 6, 7, 8} }

// newIntakeForm prefills the form for a visit: the purpose from what the
// customer said, one line of the booked service at its list price (REC-1),
// its duration, the handover now, and a promise with a margin that follows
// the workshop's load and any parts on order (INT-3).
func newIntakeForm(v fo.Visit, st *fo.Settings, lang fo.Lang, now time.Time, load fo.WorkshopLoad) intakeForm {
	loc := st.Location()
	sv, ok := st.Service(v.ServiceID)
	f := intakeForm{Purpose: strings.TrimSpace(v.Concern), Fuel: 4}
	minutes := 60
	if ok {
		if f.Purpose == "" {
			f.Purpose = sv.Name(lang)
		}
		minutes = sv.Minutes
		f.Lines = []lineForm{{Desc: sv.Name(lang), Mode: fo.PriceByItem, Labor: yuan(sv.Price, true)}}
	} else {
		f.Lines = []lineForm{{Mode: fo.PriceByItem}}
	}
	handover := fo.HandoverTime(now)
	f.Handover = localInput(handover, loc)
	f.Minutes = strconv.Itoa(minutes)
	promise := fo.SuggestPromise(handover, minutes, load)
	f.Promised = localInput(promise, loc)
	f.Suggested = fo.FormatWhen(lang, promise, loc)
	f.number()
	return f
}

// number sets each line's index and the guarantee notices (INT-2).
func (f *intakeForm) number() {
	f.NoGuarantee = false
	for i := range f.Lines {
		l := &f.Lines[i]
		l.I = i
		l.NoGuarantee = fo.EstimateLine{Critical: l.Critical, PartsSource: l.Source, PartsKind: l.Kind}.NoGuarantee()
		f.NoGuarantee = f.NoGuarantee || l.NoGuarantee
	}
}

// readIntakeForm reads the posted form back, without judging it.
func readIntakeForm(form url.Values) intakeForm {
	g := func(k string) string { return strings.TrimSpace(form.Get(k)) }
	f := intakeForm{
		Purpose: g("purpose"), Consent: form.Get("consent") != "", Report: g("report"),
		Docs: form.Get("docs") != "", Anomalies: g("anomalies"), Belongings: g("belongings"),
		Odometer: g("odometer"), KeyNo: g("key"), Minutes: g("minutes"), Promised: g("promised"),
		Receiver: g("receiver"), Handover: g("handover"),
	}
	f.Fuel, _ = strconv.Atoi(g("fuel"))
	n, _ := strconv.Atoi(g("lines"))
	n = min(max(n, 0), maxLines)
	for i := range n {
		p := "l" + strconv.Itoa(i) + "_"
		f.Lines = append(f.Lines, lineForm{Desc: g(p + "desc"), Mode: g(p + "mode"), Labor: g(p + "labor"),
			Parts: g(p + "parts"), Source: g(p + "source"), Kind: g(p + "kind"), Critical: form.Get(p+"critical") != ""})
	}
	f.number()
	return f
}

// editLines applies the form's line buttons: "addline" adds a blank line,
// "del:N" removes line N. It reports whether the post was such an edit
// (then nothing is saved).
func (f *intakeForm) editLines(op string) bool {
	switch {
	case op == "addline":
		if len(f.Lines) < maxLines {
			f.Lines = append(f.Lines, lineForm{Mode: fo.PriceByItem})
		}
	case strings.HasPrefix(op, "del:"):
		i, err := strconv.Atoi(op[4:])
		if err == nil && i >= 0 && i < len(f.Lines) {
			f.Lines = append(f.Lines[:i], f.Lines[i+1:]...)
		}
	default:
		return false
	}
	f.number()
	return true
}

// workOrder turns the form into a work order, or returns the EINVALID
// error of the first problem with ErrField set. The texts' limits are the
// domain's (fo.WorkOrder.ValidateText), checked on the form as typed; the
// store validates the work order again (fo.WorkOrder.Validate: err.wo.*).
func (f *intakeForm) workOrder(loc *time.Location) (fo.WorkOrder, error) {
	bad := func(field, key string, args ...any) (fo.WorkOrder, error) {
		f.ErrField = field
		return fo.WorkOrder{}, fo.Errorf(fo.EINVALID, key, args...)
	}
	invalid := func(err error) (fo.WorkOrder, error) {
		f.setErr(err)
		return fo.WorkOrder{}, err
	}
	wo := fo.WorkOrder{Purpose: f.Purpose, DiagnosisConsent: f.Consent, DocumentsChecked: f.Docs,
		Anomalies: f.Anomalies, KeyNo: f.KeyNo, Receiver: f.Receiver, FuelEighths: f.Fuel}
	typed := fo.WorkOrder{Purpose: f.Purpose, DiagnosisReport: f.Report, Anomalies: f.Anomalies, KeyNo: f.KeyNo, Receiver: f.Receiver}
	if err := typed.ValidateText(); err != nil {
		return invalid(err)
	}
	if f.Consent {
		wo.DiagnosisReport = f.Report // INT-1: a diagnosis only with consent
	}
	for _, l := range f.Lines {
		if l.Desc == "" && l.Labor == "" && l.Parts == "" {
			continue
		}
		line := fo.WorkOrder{Lines: []fo.EstimateLine{{Description: l.Desc}}}
		if err := line.ValidateText(); err != nil {
			return invalid(err)
		}
		labor, err1 := parseMoney(l.Labor)
		parts, err2 := parseMoney(l.Parts)
		if err1 != nil || err2 != nil {
			return bad("lines", "err.money")
		}
		wo.Lines = append(wo.Lines, fo.EstimateLine{Description: l.Desc, Mode: l.Mode, Labor: labor, Parts: parts,
			PartsSource: l.Source, PartsKind: l.Kind, Critical: l.Critical})
	}
	for _, b := range strings.Split(f.Belongings, "\n") {
		if b = strings.TrimSpace(b); b != "" {
			wo.Belongings = append(wo.Belongings, b)
		}
	}
	if err := (&fo.WorkOrder{Belongings: wo.Belongings}).ValidateText(); err != nil {
		return invalid(err)
	}
	var ok bool
	if wo.Odometer, ok = parseInt(f.Odometer, 0, fo.MaxOdometer, -1); !ok || wo.Odometer < 0 {
		return bad("odometer", "err.wo.odometer")
	}
	if wo.EstimatedMinutes, ok = parseInt(f.Minutes, 1, fo.MaxEstimate, 0); !ok || wo.EstimatedMinutes == 0 {
		return bad("minutes", "err.wo.estimate")
	}
	if f.Handover != "" {
		if wo.HandoverAt, ok = parseLocal(f.Handover, loc); !ok {
			return bad("handover", "con.err.time")
		}
	}
	if wo.PromisedAt, ok = parseLocal(f.Promised, loc); !ok {
		return bad("promised", "err.wo.promised")
	}
	return wo, nil
}

// setErr sets ErrField to the form field a domain *fo.FieldError is
// about (the work order's diagnosis is the form's "report"); other errors
// leave it.
func (f *intakeForm) setErr(err error) {
	var fe *fo.FieldError
	if !errors.As(err, &fe) {
		return
	}
	f.ErrField = fe.Field
	if fe.Field == "diagnosis" {
		f.ErrField = "report"
	}
}

// lineRows are the estimate lines as the shared "line_rows" template
// shows them, in Lang.
type lineRows struct {
	Lang  fo.Lang
	Lines []lineForm
}

// Rows returns the form's lines for the "line_rows" template.
func (f intakeForm) Rows(lang fo.Lang) lineRows { return lineRows{lang, f.Lines} }
