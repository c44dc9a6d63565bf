package console

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	fo "frontoffice"
)

// One field job's page (field.go): its steps with their actions, its
// documents and its history.

// fieldTaskRow is a shipment task (FLD-1).
type fieldTaskRow struct {
	Task  string
	Label string
	Done  bool
	Who   string
	At    time.Time
}

// fieldDocRow is a document on file (FLD-1, FLD-2).
type fieldDocRow struct {
	Kind    string
	Label   string
	Doc     *fo.FieldDoc
	Who     string
	Link    string
	Fetched bool
	CanAdd  bool
}

// fieldStepRow is an approval step (FLD-3).
type fieldStepRow struct {
	Step    string
	Label   string
	Owners  string
	Done    bool
	Who     string
	At      time.Time
	Waiting bool
	DueAt   time.Time
	Late    bool
	Note    string
}

// fieldPaper is a PDF of the job.
type fieldPaper struct {
	Label string
	Link  string
	ID    string
}

type fieldPage struct {
	consolePage
	J       fo.FieldJob
	Stage   string
	Product string
	Next    string
	Tasks   []fieldTaskRow
	Docs    []fieldDocRow
	Steps   []fieldStepRow
	Papers  []fieldPaper
	History []historyRow
	Travel  string
	// Site is the on-site section (FLD-5, field_site.go) of a job
	// dispatched or later; nil before.
	Site *fieldSiteView
	// Link is the deep link (or the /start command, while the bot's name
	// is unknown) that links the customer contact's chat (FLD-2).
	Link, LinkCommand string

	// Form is the dispatch request's input (prefilled from the job).
	Form                         fo.FieldDispatchInput
	CanForm, CanCancel, CanTasks bool
	NeedRequest                  bool
	DepartureInput, ReturnInput  string
	FormErr                      string
}

func (s *Server) fieldPage(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	if j, ok := s.loadFieldJob(w, r, c); ok {
		s.renderConsole(w, r, c, http.StatusOK, "field", s.fieldJobPage(c, j))
	}
}

// staffNames lists the names of the staff with role, "—" when none.
func staffNames(st *fo.Settings, role string) string {
	var names []string
	for _, m := range st.StaffWith(role) {
		names = append(names, m.Name)
	}
	if len(names) == 0 {
		return "—"
	}
	return strings.Join(names, ", ")
}

// fieldWho names who did a step: a staff id or a "staff:…" record.
func fieldWho(c *staffCtx, texts fo.Catalog, by string) string {
	if !strings.Contains(by, ":") {
		return c.st.StaffName(by)
	}
	return staffLabel(&c.st, c.lang, texts, by)
}

// fieldJobPage builds the page of job j for c.
func (s *Server) fieldJobPage(c *staffCtx, j fo.FieldJob) *fieldPage {
	T := func(k string, a ...any) string { return s.texts.T(c.lang, k, a...) }
	p := &fieldPage{consolePage: s.consolePage(c, "fldc.title"), J: j, Stage: fo.FieldStageLabel(j.Stage, c.lang), Next: s.fieldNext(c, j)}
	p.Title = T("fldc.title") + " " + j.Number
	switch j.Stage {
	case fo.FieldDispatched, fo.FieldOnSite, fo.FieldAccepted, fo.FieldClosed: // FLD-5
		site, err := s.fieldSiteView(c, p.consolePage, j)
		if err != nil {
			s.log.Error("field job's on-site section", "job", j.ID, "err", err)
		}
		p.Site = site
	}
	if l, ok := c.st.LabourStandardByCode(j.Product); ok {
		p.Product = l.Code + " " + l.Name(c.lang)
	}
	open := j.Stage != fo.FieldCancelled && j.Stage != fo.FieldClosed
	p.CanTasks = open && j.Shipment.Receipt == nil // FLD-1's tasks matter until the signed receipt is back
	for _, t := range fo.FieldTasks {
		row := fieldTaskRow{Task: t, Label: T("fld.task." + t), Done: j.TaskDone(t)}
		step := map[string]fo.FieldStep{fo.FieldTaskArrival: j.Shipment.ArrivalAsked, fo.FieldTaskCustomer: j.Shipment.CustomerTold,
			fo.FieldTaskReceipt: j.Shipment.ReceiptSent}[t]
		if row.Done {
			row.Who, row.At = fieldWho(c, s.texts, step.By), step.At
		}
		p.Tasks = append(p.Tasks, row)
	}
	early := j.Stage == fo.FieldShipped || j.Stage == fo.FieldReceived || j.Stage == fo.FieldRequested
	unsigned := j.Stage == fo.FieldApproving && !j.Dispatch.Signed.Done()
	for _, d := range []struct {
		kind string
		doc  *fo.FieldDoc
		can  bool
	}{
		{fo.FieldDocReceipt, j.Shipment.Receipt, early},
		{fo.FieldDocRequest, j.Dispatch.Request, (early && j.Stage != fo.FieldShipped) || unsigned},
	} {
		row := fieldDocRow{Kind: d.kind, Label: T("fldc.doc." + d.kind), Doc: d.doc, CanAdd: d.can && open}
		if d.doc != nil {
			row.Who = fieldWho(c, s.texts, d.doc.By)
			row.Link = idPath(fieldPath, j.ID) + "/files/" + strconv.FormatUint(d.doc.FileID, 10)
			if f, _, err := s.cfg.Store.File(d.doc.FileID); err == nil {
				row.Fetched = !f.FetchedAt.IsZero()
			}
		}
		p.Docs = append(p.Docs, row)
	}
	// FLD-3: the dispatch request, editable until signed.
	p.CanForm = open && (j.Stage == fo.FieldRequested || unsigned || (j.Stage == fo.FieldReceived && j.Dispatch.Request == nil))
	p.NeedRequest = j.Dispatch.Request == nil
	p.Form = fo.FieldDispatchInput{Customer: j.Customer, Problem: j.Dispatch.Form.Problem, Tools: j.Dispatch.Form.Tools, Notes: j.Dispatch.Form.Notes}
	p.DepartureInput, p.ReturnInput = localInput(j.Dispatch.Form.Departure, c.loc), localInput(j.Dispatch.Form.Return, c.loc)
	if j.Stage != fo.FieldShipped && j.Stage != fo.FieldReceived && j.Stage != fo.FieldRequested {
		for _, step := range fo.FieldSteps {
			row := fieldStepRow{Step: step, Label: label(s.texts, c.lang, "fld.step."+step), Owners: staffNames(&c.st, fo.FieldStepRole(step))}
			var done fo.FieldStep
			switch step {
			case fo.FieldStepSign:
				done = j.Dispatch.Signed
			case fo.FieldStepPick:
				done = j.Dispatch.Picked
				if done.Done() {
					row.Note = T("fldc.tech", c.st.StaffName(j.Dispatch.Technician))
				}
			default:
				done = fo.FieldStep{By: j.Dispatch.DispatchedBy, At: j.Dispatch.DispatchedAt}
			}
			if done.Done() {
				row.Done, row.Who, row.At = true, c.st.StaffName(done.By), done.At
			} else if j.WaitingStep() == step {
				row.Waiting, row.DueAt, row.Late = true, j.Dispatch.StepDueAt, !c.now.Before(j.Dispatch.StepDueAt)
				if j.Dispatch.Escalations > 0 {
					row.Note = T("fldc.escalated", j.Dispatch.Escalations)
				}
			}
			p.Steps = append(p.Steps, row)
		}
	}
	if !j.Dispatch.SubmittedAt.IsZero() {
		p.Papers = append(p.Papers, fieldPaper{Label: T("fldc.paper.dispatch"), Link: idPath(fieldPath, j.ID) + "/pdf/" + fo.DocFieldDispatch, ID: "pdf-dispatch"})
		if !j.Dispatch.DispatchedAt.IsZero() {
			if j.Dispatch.Trip {
				p.Papers = append(p.Papers,
					fieldPaper{Label: T("fldc.paper.trip"), Link: idPath(fieldPath, j.ID) + "/pdf/" + fo.DocFieldTrip, ID: "pdf-trip"},
					fieldPaper{Label: T("fldc.paper.handover"), Link: idPath(fieldPath, j.ID) + "/pdf/" + fo.DocFieldHandover, ID: "pdf-handover"})
				p.Travel = T("fldc.travel_open")
				if b := j.Dispatch.TravelBooked; b.Done() {
					p.Travel = T("fldc.travel_done", c.st.StaffName(b.By), fo.FormatWhen(c.lang, b.At, c.loc))
				}
			} else {
				p.Papers = append(p.Papers, fieldPaper{Label: T("fldc.paper.out"), Link: idPath(fieldPath, j.ID) + "/pdf/" + fo.DocFieldOut, ID: "pdf-out"})
			}
		}
	}
	p.CanCancel = j.Dispatch.DispatchedAt.IsZero() && open
	if open && j.Shipment.ContactLink != "" && j.CustomerDocKind() != "" {
		payload := fo.FieldLinkPayload(j.ID, j.Shipment.ContactLink)
		p.LinkCommand = "/start " + payload
		if s.cfg.BotUsername != nil {
			if bot := s.cfg.BotUsername(); bot != "" {
				p.Link = "https://t.me/" + bot + "?start=" + payload
			}
		}
	}
	for _, e := range j.History {
		action, _, _ := strings.Cut(e.Action, ":")
		note := e.Note
		switch action {
		case "task":
			note = T("fld.task." + strings.TrimPrefix(e.Action, "task:"))
			if e.Note != "" {
				note += " · " + e.Note
			}
		case "picked", "dispatched":
			note = c.st.StaffName(e.Note)
		case "receipt", "request":
			note = T("fldc.via." + e.Note)
		case "escalated":
			note = T("fld.step." + e.Note)
		}
		p.History = append(p.History, historyRow{At: e.At, Who: fieldWho(c, s.texts, e.By), Action: T("fldc.act." + action), Note: note})
	}
	return p
}
