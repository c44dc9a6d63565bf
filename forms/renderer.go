package forms

import (
	"context"
	"fmt"
	"time"

	fo "frontoffice"
)

// Document kinds: fo.Document.Kind of a message, or of a console download,
// and what its Ref names.
const (
	KindSlip        = fo.DocSlip        // appointment slip; Ref: appointment id (APT-1, APT-2)
	KindCard        = fo.DocCard        // after-sales service card; Ref: visit id (DEL-3)
	KindWorkOrder   = fo.DocWorkOrder   // work order with the belongings list; Ref: visit id (INT-2, INT-4, INT-5)
	KindAdditional  = fo.DocAdditional  // additional-work order; Ref: visit id (INT-6)
	KindSettlement  = fo.DocSettlement  // settlement; Ref: visit id (DEL-3)
	KindExit        = fo.DocExit        // exit notice; Ref: visit id (DEL-3, INT-4)
	KindComplaint   = fo.DocComplaint   // complaint receipt; Ref: complaint id (CMP-2)
	KindCalls       = fo.DocCalls       // the day's call list and call register; Ref: YYYYMMDD (FU-7)
	KindLetters     = fo.DocLetters     // the letter register of the month; Ref: YYYYMMDD of a day in it (FU-7)
	KindICS         = fo.DocICS         // calendar file (text/calendar, not a PDF); Ref: appointment id (APT-1, APT-4)
	KindArchive     = fo.DocArchive     // customer archive sheet, form 13; Ref: vehicle id (ARC-1)
	KindCallRecord  = fo.DocCallRecord  // a customer's call record, form 9; Ref: customer id (FU-7)
	KindAptRegister = fo.DocAptRegister // appointment register, form 12; Ref: YYYYMMDD (APT-3)
	KindEstimate    = fo.DocEstimate    // estimate; Ref: visit id (INT-1, INT-2)
	KindDiagnosis   = fo.DocDiagnosis   // diagnosis report; Ref: visit id (INT-1)
	// "report-daily", "report-weekly", "report-monthly": business
	// statistics; Ref: YYYYMMDD of a day of the period (REP-1, fo.ReportKind.DocKind).
)

// Store is what a Renderer reads. *data.Store implements it.
type Store interface {
	Settings() (fo.Settings, error)
	Appointment(id uint64) (fo.Appointment, error)
	VisitRecord(id uint64) (fo.Visit, fo.Customer, fo.Vehicle, error)
	BusinessStats(kind fo.ReportKind, day time.Time) (fo.BusinessStats, error)
	Complaint(id uint64) (fo.Complaint, error)
	CallList(day time.Time) (fo.CallList, error)
	CallRegister(from, to time.Time) ([]fo.RegisterEntry, error)
	LetterRegister(from, to time.Time) ([]fo.RegisterEntry, error)
	Archive(vehicleID uint64) (fo.Archive, error)
	Customer(id uint64) (fo.Customer, error)
	Vehicles(customerID uint64) ([]fo.Vehicle, error)
	CustomerHistory(customerID uint64) (fo.CustomerHistory, error)
	AppointmentsBetween(from, to time.Time) ([]fo.Appointment, error)
	Register(from, to time.Time) ([]fo.RegisterEntry, error)
	Station(id uint64) (fo.Station, error)   // station_cert.go (NET-1)
	FieldJob(id uint64) (fo.FieldJob, error) // field_dispatch.go (FLD-3, FLD-4)
	networkStore                             // station_score.go (NET-2)
}

// Renderer prints the document a message or a download names, reading its
// records from Store at the time of printing: a slip shows the appointment
// as it is when sent, a report the figures of that moment. It implements
// the bot's Documents interface; the console can serve its output as is.
// It is safe for concurrent use.
type Renderer struct {
	Engine *Engine
	Store  Store
	// BotUsername returns the bot's username (without "@"), "" while the
	// bot is off; the service card's QR code then opens the bot
	// (https://t.me/<username>), else it calls the hotline. May be nil.
	BotUsername func() string
}

// Render returns the PDF of doc in lang (Chinese unless lang is English);
// for KindICS the calendar file (fo.AppointmentICS) instead.
// An unknown kind or a Ref that names no record is an ENOTFOUND *Error; a
// record with nothing to print yet (a card before delivery) ECONFLICT;
// errors of the store are returned wrapped.
func (r *Renderer) Render(ctx context.Context, doc fo.Document, lang fo.Lang) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	st, err := r.Store.Settings()
	if err != nil {
		return nil, fmt.Errorf("render %s %d: %w", doc.Kind, doc.Ref, err)
	}
	pdf, err := r.render(&st, doc, lang)
	if err != nil {
		return nil, fmt.Errorf("render %s %d: %w", doc.Kind, doc.Ref, err)
	}
	return pdf, nil
}

func (r *Renderer) render(st *fo.Settings, doc fo.Document, lang fo.Lang) ([]byte, error) {
	e := r.Engine
	loc := st.Location()
	switch doc.Kind {
	case KindSlip:
		a, err := r.Store.Appointment(doc.Ref)
		if err != nil {
			return nil, err
		}
		return e.AppointmentSlip(st, a, lang)
	case KindICS:
		a, err := r.Store.Appointment(doc.Ref)
		if err != nil {
			return nil, err
		}
		return fo.AppointmentICS(st, a, lang), nil
	case KindArchive:
		a, err := r.Store.Archive(doc.Ref)
		if err != nil {
			return nil, err
		}
		h, err := r.Store.CustomerHistory(a.Customer.ID)
		if err != nil {
			return nil, err
		}
		return e.ArchiveSheet(st, a, h, lang)
	case KindCallRecord:
		c, err := r.Store.Customer(doc.Ref)
		if err != nil {
			return nil, err
		}
		vs, err := r.Store.Vehicles(c.ID)
		if err != nil {
			return nil, err
		}
		h, err := r.Store.CustomerHistory(c.ID)
		if err != nil {
			return nil, err
		}
		return e.CallRecord(st, c, vs, h.Calls, lang)
	case KindAptRegister:
		day, err := fo.ParseReportRef(doc.Ref, loc)
		if err != nil {
			return nil, err
		}
		next := day.AddDate(0, 0, 1)
		apts, err := r.Store.AppointmentsBetween(day, next)
		if err != nil {
			return nil, err
		}
		reg, err := r.Store.Register(day, next)
		if err != nil {
			return nil, err
		}
		return e.AppointmentRegister(st, day, apts, reg, lang)
	case KindCard, KindWorkOrder, KindAdditional, KindSettlement, KindExit, KindEstimate, KindDiagnosis:
		v, c, veh, err := r.Store.VisitRecord(doc.Ref)
		if err != nil {
			return nil, err
		}
		rec := VisitRecord{Visit: v, Customer: c, Vehicle: veh}
		switch doc.Kind {
		case KindCard:
			return e.ServiceCard(st, rec, lang, r.botLink())
		case KindWorkOrder:
			return e.WorkOrder(st, rec, lang)
		case KindAdditional:
			return e.AdditionalWork(st, rec, lang)
		case KindSettlement:
			return e.Settlement(st, rec, lang)
		case KindEstimate:
			return e.Estimate(st, rec, lang)
		case KindDiagnosis:
			return e.Diagnosis(st, rec, lang)
		}
		return e.ExitNotice(st, rec, lang)
	case KindFieldDispatch, KindFieldOut, KindFieldTrip, KindFieldHandover: // FLD-3, FLD-4
		j, err := r.Store.FieldJob(doc.Ref)
		if err != nil {
			return nil, err
		}
		return e.FieldDoc(st, j, doc.Kind, lang)
	case KindComplaint:
		c, err := r.Store.Complaint(doc.Ref)
		if err != nil {
			return nil, err
		}
		return e.ComplaintReceipt(st, c, lang)
	case KindCalls:
		day, err := fo.ParseReportRef(doc.Ref, loc)
		if err != nil {
			return nil, err
		}
		list, err := r.Store.CallList(day)
		if err != nil {
			return nil, err
		}
		reg, err := r.Store.CallRegister(day, day.AddDate(0, 0, 1))
		if err != nil {
			return nil, err
		}
		return e.CallList(st, list, reg, lang)
	case fo.DocStationCert: // NET-1 (station_cert.go)
		s, err := r.Store.Station(doc.Ref)
		if err != nil {
			return nil, err
		}
		return e.StationCert(st, s, lang)
	case KindLetters:
		day, err := fo.ParseReportRef(doc.Ref, loc)
		if err != nil {
			return nil, err
		}
		from, to := fo.ReportPeriod(fo.ReportMonthly, day, loc)
		reg, err := r.Store.LetterRegister(from, to)
		if err != nil {
			return nil, err
		}
		return e.LetterRegister(st, from, to, reg, lang)
	}
	if pdf, ok, err := r.renderFieldSite(st, doc, lang); ok { // FLD-5 (field_site_render.go)
		return pdf, err
	}
	if doc.Kind == KindQuality { // REP-2: the quality report (quality.go)
		return r.renderQuality(st, doc, lang)
	}
	if pdf, ok, err := r.renderNetwork(st, doc, lang); ok { // NET-2: station_score.go
		return pdf, err
	}
	if kind, ok := fo.ReportKindOfDoc(doc.Kind); ok {
		day, err := fo.ParseReportRef(doc.Ref, loc)
		if err != nil {
			return nil, err
		}
		b, err := r.Store.BusinessStats(kind, day)
		if err != nil {
			return nil, err
		}
		return e.BusinessReport(st, b, lang)
	}
	return nil, &fo.Error{Code: fo.ENOTFOUND, Key: "err.not_found", Err: fmt.Errorf("no document of kind %q", doc.Kind)}
}

// botLink is what the service card's QR code opens: the bot, when known.
func (r *Renderer) botLink() string {
	if r.BotUsername == nil {
		return ""
	}
	if u := r.BotUsername(); u != "" {
		return "https://t.me/" + u
	}
	return ""
}

// FileName is the file name a document of kind about ref is sent or
// downloaded as: "service-card-20261127-A003.pdf" needs the visit, so
// callers that have the record name it themselves; this is the generic
// "<kind>-<ref>.pdf".
func FileName(kind string, ref uint64) string {
	if kind == KindICS {
		return fmt.Sprintf("%s-%d.ics", kind, ref)
	}
	return fmt.Sprintf("%s-%d.pdf", kind, ref)
}
