package console

import (
	"net/http"
	"strconv"

	fo "frontoffice"
)

// Document downloads: GET /staff/documents/{kind}/{ref} prints a form with
// Config.Documents and serves it as a PDF attachment, never cached. The
// kinds and refs are those of forms.Renderer: a visit's forms (work order,
// additional work, settlement, exit notice, service card; ref: visit id),
// the estimate and the diagnosis report (INT-1; visit id), the
// appointment slip (appointment id), the complaint receipt (CMP-2;
// complaint id), the day's call list with its call register and the
// month's letter register (FU-7; ref YYYYMMDD), and the business
// statistics (REP-1, FU-8; ref YYYYMMDD of a day of the period).
//
// Who may have what: the desk (reception, supervisor) a visit's forms and
// slips; every complaint handler the receipts; follow-up staff the call
// lists and registers; the supervisor everything (admins too). Customer
// forms print in the customer's language unless ?lang= says otherwise;
// staff forms in the console's.

// documentRoles are the roles that may download each kind.
var documentRoles = map[string][]string{
	"slip":            deskRoles,
	"workorder":       deskRoles,
	"additional":      deskRoles,
	"settlement":      deskRoles,
	"exit":            deskRoles,
	"card":            deskRoles,
	"estimate":        deskRoles,
	"diagnosis":       deskRoles,
	"complaint":       complaintRoles,
	"calls":           followUpRoles,
	"letters":         followUpRoles,
	"report-daily":    supervisorRoles,
	"report-weekly":   supervisorRoles,
	"report-monthly":  supervisorRoles,
	"report-yearly":   supervisorRoles,
	fo.DocICS:         deskRoles,
	fo.DocAptRegister: deskRoles,
	fo.DocArchive:     nil, // every logged-in account (ARC-2)
	fo.DocCallRecord:  nil,
}

// documentPath is the download path of a document.
func documentPath(kind string, ref uint64) string {
	return "/staff/documents/" + kind + "/" + strconv.FormatUint(ref, 10)
}

// parseDocument reads a download's kind and ref: a known kind and a
// positive decimal ref of at most 20 digits.
func parseDocument(kind, ref string) (fo.Document, bool) {
	if _, ok := documentRoles[kind]; !ok || ref == "" || len(ref) > 20 || ref[0] == '0' {
		return fo.Document{}, false
	}
	n, err := strconv.ParseUint(ref, 10, 64)
	if err != nil {
		return fo.Document{}, false
	}
	name := kind + "-" + ref + ".pdf"
	if kind == fo.DocICS {
		name = kind + "-" + ref + ".ics"
	}
	return fo.Document{Kind: kind, Ref: n, Name: name}, true
}

// consoleDocument serves a document as application/pdf, attached, not
// cached (the middleware sets no-store).
func (s *Server) consoleDocument(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	doc, ok := parseDocument(r.PathValue("kind"), r.PathValue("ref"))
	if !ok {
		s.consoleError(w, r, c, http.StatusNotFound, "err.not_found")
		return
	}
	if !allowed(c.acc, documentRoles[doc.Kind]) {
		s.consoleError(w, r, c, http.StatusForbidden, "con.err.role")
		return
	}
	if s.cfg.Documents == nil {
		s.consoleError(w, r, c, http.StatusNotFound, "as.err.no_documents")
		return
	}
	lang, err := s.documentLang(r, c, doc)
	if err == nil {
		var pdf []byte
		if pdf, err = s.cfg.Documents.Render(r.Context(), doc, lang); err == nil {
			w.Header().Set("Content-Type", "application/pdf")
			if doc.Kind == fo.DocICS {
				w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
			}
			w.Header().Set("Content-Disposition", `attachment; filename="`+doc.Name+`"`)
			w.Header().Set("Content-Length", strconv.Itoa(len(pdf)))
			w.Header().Set("Cache-Control", "no-store")
			w.Write(pdf)
			return
		}
	}
	s.consoleFail(w, r, c, err) // logs what is not the visitor's error
}

// documentLang is the language to print doc in: ?lang= when given; for a
// customer's form the customer's language; else the console's.
func (s *Server) documentLang(r *http.Request, c *staffCtx, doc fo.Document) (fo.Lang, error) {
	if l := r.URL.Query().Get("lang"); l != "" {
		return fo.ParseLang(l), nil
	}
	switch doc.Kind {
	case "workorder", "additional", "settlement", "exit", "card", fo.DocEstimate, fo.DocDiagnosis:
		v, err := s.cfg.Store.Visit(doc.Ref)
		return v.Lang, err
	case "slip", fo.DocICS:
		a, err := s.cfg.Store.Appointment(doc.Ref)
		return a.Lang, err
	case "complaint":
		cm, err := s.cfg.Store.Complaint(doc.Ref)
		return cm.Lang, err
	}
	return c.lang, nil
}
