package frontoffice

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// What a field job's steps from shipment to dispatch say, to whom (FLD-1..4).
// Group chats (the staff chats) read Chinese; a staff member's private
// chat reads their language (StaffMember.Lang).

// Document kinds of the field jobs (FLD-3, FLD-4); Ref: the job's id.
const (
	DocFieldDispatch = "fielddispatch" // dispatch request 安装调试人员派遣申请表 (FLD-3)
	DocFieldOut      = "fieldout"      // out-of-office slip 员工外出单 (FLD-4)
	DocFieldTrip     = "fieldtrip"     // business-trip request 出差申请表 (FLD-4)
	DocFieldHandover = "fieldhandover" // work handover form 员工外出工作移交表 (FLD-4)
)

// FieldData is the callback data of a field job's button
// "fld:<action>:<id>": a shipment task (FLD-1), an approval step other than
// the pick (FLD-3), the travel booked (FLD-4).
func FieldData(action string, id uint64) string {
	return "fld:" + action + ":" + strconv.FormatUint(id, 10)
}

// ParseFieldData parses FieldData's output.
func ParseFieldData(s string) (action string, id uint64, ok bool) {
	return parseActionData(s, "fld", FieldTaskArrival, FieldTaskCustomer, FieldTaskReceipt, FieldStepSign, FieldStepDispatch, FieldTravel)
}

// FieldTechData is the callback data of the general manager's office's
// choice of technician "fldt:<id>:<staff>" (FLD-3).
func FieldTechData(id uint64, staff string) string {
	return "fldt:" + strconv.FormatUint(id, 10) + ":" + staff
}

// ParseFieldTechData parses FieldTechData's output; the staff id is a
// settings token (letters, digits, '-', '_'; at most MaxStaffID).
func ParseFieldTechData(s string) (id uint64, staff string, ok bool) {
	f, ok := CallbackFields(s, "fldt", 2)
	if !ok || f[1] == "" || len(f[1]) > MaxStaffID || !isToken(f[1]) {
		return 0, "", false
	}
	id, ok = ParseRecordID(f[0])
	return id, f[1], ok
}

// fldKey is the outbox key base of a field job's event: "fld:<id>:<event>".
func fldKey(id uint64, event string) string { return "fld:" + strconv.FormatUint(id, 10) + ":" + event }

// fieldTo is a chat a field message goes to, in its language.
type fieldTo struct {
	Chat int64
	Lang Lang
}

// fieldStaffOf returns the chats of the staff members with role: each
// member on Telegram privately, in their language; the staff chats (in
// Chinese) when none of them is on Telegram.
func fieldStaffOf(st *Settings, role string) []fieldTo {
	var out []fieldTo
	for _, m := range st.StaffWith(role) {
		if m.TelegramUserID != 0 && !slices.ContainsFunc(out, func(t fieldTo) bool { return t.Chat == m.TelegramUserID }) {
			out = append(out, fieldTo{m.TelegramUserID, m.Language()})
		}
	}
	if len(out) == 0 {
		out = fieldGroups(st.StaffChats)
	}
	return out
}

func fieldGroups(chats []int64) []fieldTo {
	out := make([]fieldTo, 0, len(chats))
	for _, c := range chats {
		out = append(out, fieldTo{c, ZH})
	}
	return out
}

// fieldMsgs writes text(lang) with buttons(lang) to each chat, keyed
// keyBase + ":c:<chat>".
func fieldMsgs(to []fieldTo, keyBase string, text func(Lang) string, buttons func(Lang) [][]Button, doc *Document) []Message {
	out := make([]Message, 0, len(to))
	for _, t := range to {
		m := Message{Key: keyBase + ":c:" + strconv.FormatInt(t.Chat, 10), ChatID: t.Chat, Lang: t.Lang, Text: text(t.Lang)}
		if buttons != nil {
			m.Buttons = buttons(t.Lang)
		}
		if doc != nil {
			d := *doc
			m.Document = &d
		}
		out = append(out, m)
	}
	return out
}

// FieldSummary is a field job as staff read it in a chat: number, company,
// site, contact, equipment.
func FieldSummary(j FieldJob, lang Lang) string {
	s := Texts.T(lang, "fld.summary", j.Number, j.Customer.Company, j.Customer.Address, j.Customer.Contact, j.Customer.Phone, j.Equipment)
	if j.Customer.Route != "" {
		s += "\n" + Texts.T(lang, "fld.summary_route", j.Customer.Route)
	}
	return s
}

// FieldTaskButtons are the buttons of the shipment tasks still open (FLD-1).
func FieldTaskButtons(j FieldJob, lang Lang) [][]Button {
	var rows [][]Button
	for _, t := range j.OpenTasks() {
		rows = append(rows, []Button{{Text: Texts.T(lang, "btn.fld."+t), Data: FieldData(t, j.ID)}})
	}
	return rows
}

// FieldTasksText lists the shipment tasks with their state and whether the
// signed receipt is back (FLD-1).
func FieldTasksText(st *Settings, j FieldJob, lang Lang) string {
	var b strings.Builder
	for _, t := range FieldTasks {
		if s := j.task(t); s.Done() {
			b.WriteString(Texts.T(lang, "fld.task_done", Texts.T(lang, "fld.task."+t), st.StaffName(strings.TrimPrefix(s.By, "staff:"))))
		} else {
			b.WriteString(Texts.T(lang, "fld.task_open", Texts.T(lang, "fld.task."+t)))
		}
		b.WriteString("\n")
	}
	if j.Shipment.Receipt != nil {
		b.WriteString(Texts.T(lang, "fld.receipt_back"))
	} else {
		b.WriteString(Texts.T(lang, "fld.receipt_not_back"))
	}
	return b.String()
}

// FieldCreatedMessages tell the after-sales staff (the staff chats) of a
// new field job, with a button for each shipment task (FLD-1).
func FieldCreatedMessages(st *Settings, j FieldJob) []Message {
	return fieldMsgs(fieldGroups(st.StaffChats), fldKey(j.ID, "new"), func(l Lang) string {
		return Texts.T(l, "fld.new", FormatDay(l, j.Shipment.ShippedAt, st.Location())) + "\n" + FieldSummary(j, l) + "\n\n" + FieldTasksText(st, j, l)
	}, func(l Lang) [][]Button { return FieldTaskButtons(j, l) }, nil)
}

// FieldTaskRemindMessages remind the staff chats of the shipment tasks
// still open, or of the signed receipt not yet back (FLD-1); at is the
// reminder's due time.
func FieldTaskRemindMessages(st *Settings, j FieldJob, at time.Time) []Message {
	return fieldMsgs(fieldGroups(st.StaffChats), fldKey(j.ID, "tasks:"+unixKey(at)), func(l Lang) string {
		return Texts.T(l, "fld.remind") + "\n" + FieldSummary(j, l) + "\n\n" + FieldTasksText(st, j, l)
	}, func(l Lang) [][]Button { return FieldTaskButtons(j, l) }, nil)
}

// FieldDocMessages tell the staff chats that a document came for the job:
// the signed receipt (FLD-1) or the commissioning request (FLD-2), with
// what comes next.
func FieldDocMessages(st *Settings, j FieldJob, kind string) []Message {
	return fieldMsgs(fieldGroups(st.StaffChats), fldKey(j.ID, kind+":"+strconv.Itoa(len(j.History))), func(l Lang) string {
		return Texts.T(l, "fld.doc_in."+kind, j.Number, j.Customer.Company)
	}, nil, nil)
}

// FieldStepMessages ask the owners of the job's waiting approval step to do
// it (FLD-3): the after-sales manager to sign, with the dispatch request
// as a PDF; the general manager's office to pick a technician (a button
// for each technician of the settings); the department manager to
// dispatch. Nothing when no step waits.
func FieldStepMessages(st *Settings, j FieldJob) []Message {
	step := j.WaitingStep()
	if step == "" {
		return nil
	}
	var doc *Document
	if step == FieldStepSign {
		doc = &Document{Kind: DocFieldDispatch, Ref: j.ID, Name: j.Number + ".pdf"}
	}
	return fieldMsgs(fieldStaffOf(st, FieldStepRole(step)), fldKey(j.ID, step), func(l Lang) string {
		return fieldStepText(st, j, step, l, "fld.ask."+step)
	}, func(l Lang) [][]Button { return FieldStepButtons(st, j, l) }, doc)
}

// fieldStepText is the text of an approval step's request or reminder.
func fieldStepText(st *Settings, j FieldJob, step string, l Lang, key string) string {
	loc := st.Location()
	f := j.Dispatch.Form
	s := Texts.T(l, key, j.Number, FormatWhen(l, j.Dispatch.StepDueAt, loc)) + "\n" + FieldSummary(j, l) + "\n" +
		Texts.T(l, "fld.form_short", FormatWhen(l, f.Departure, loc), FormatWhen(l, f.Return, loc), f.Problem)
	if j.Dispatch.Signed.Done() {
		s += "\n" + Texts.T(l, "fld.signed_by", st.StaffName(j.Dispatch.Signed.By))
	}
	if j.Dispatch.Technician != "" {
		s += "\n" + Texts.T(l, "fld.tech_is", st.StaffName(j.Dispatch.Technician))
	}
	if step == FieldStepPick && len(st.StaffWith(RoleTechnician)) == 0 {
		s += "\n" + Texts.T(l, "fld.no_techs")
	}
	return s
}

// FieldStepButtons are the buttons of the job's waiting approval step.
func FieldStepButtons(st *Settings, j FieldJob, l Lang) [][]Button {
	switch j.WaitingStep() {
	case FieldStepSign:
		return [][]Button{{{Text: Texts.T(l, "btn.fld.sign"), Data: FieldData(FieldStepSign, j.ID)}}}
	case FieldStepDispatch:
		return [][]Button{{{Text: Texts.T(l, "btn.fld.disp", st.StaffName(j.Dispatch.Technician)), Data: FieldData(FieldStepDispatch, j.ID)}}}
	case FieldStepPick:
		var rows [][]Button
		for _, m := range st.StaffWith(RoleTechnician) {
			rows = append(rows, []Button{{Text: "👷 " + m.Name, Data: FieldTechData(j.ID, m.ID)}})
		}
		return rows
	}
	return nil
}

// FieldStepWarnMessages remind the owners of a waiting step that its
// deadline nears (FLD-3); at is the reminder's due time.
func FieldStepWarnMessages(st *Settings, j FieldJob, at time.Time) []Message {
	step := j.WaitingStep()
	return fieldMsgs(fieldStaffOf(st, FieldStepRole(step)), fldKey(j.ID, step+":warn:"+unixKey(at)), func(l Lang) string {
		return fieldStepText(st, j, step, l, "fld.warn."+step)
	}, func(l Lang) [][]Button { return FieldStepButtons(st, j, l) }, nil)
}

// FieldStepOverdueMessages bring a step waiting past its deadline to the
// supervisor (and to the after-sales managers, who coordinate the job),
// like an overdue complaint (FLD-3, CMP-3); at is the deadline.
func FieldStepOverdueMessages(st *Settings, j FieldJob, at time.Time) []Message {
	step := j.WaitingStep()
	var owners []string
	for _, m := range st.StaffWith(FieldStepRole(step)) {
		owners = append(owners, m.Name)
	}

	to := fieldGroups(st.SupervisorChats())
	if step != FieldStepSign {
		for _, t := range fieldStaffOf(st, RoleAfterSalesManager) {
			if !slices.ContainsFunc(to, func(o fieldTo) bool { return o.Chat == t.Chat }) {
				to = append(to, t)
			}
		}
	}
	for i := range to {
		if m, ok := st.StaffByTelegram(to[i].Chat); ok {
			to[i].Lang = m.Language()
		}
	}
	loc := st.Location()
	return fieldMsgs(to, fldKey(j.ID, step+":over:"+unixKey(at)), func(l Lang) string {
		sep, who := "、", Texts.T(l, "staff.nobody")
		if l == EN {
			sep = ", "
		}
		if len(owners) > 0 {
			who = strings.Join(owners, sep)
		}
		return Texts.T(l, "fld.overdue", j.Number, Texts.T(l, "fld.step."+step), who, FormatWhen(l, j.Dispatch.StepSince, loc),
			FormatWhen(l, j.Dispatch.StepDueAt, loc)) + "\n" + FieldSummary(j, l)
	}, nil, nil)
}

// FieldDispatchedNotices are what the dispatch says besides the
// technician's job (FieldDispatchedMessages, FLD-5): the staff chats hear
// who goes when; the technician gets the out-of-office slip, or the
// business-trip request and the handover form; for a trip, administration
// gets the travel to book with a done button (FLD-4).
func FieldDispatchedNotices(st *Settings, j FieldJob) []Message {
	loc := st.Location()
	f := j.Dispatch.Form
	tech := st.StaffName(j.Dispatch.Technician)
	msgs := fieldMsgs(fieldGroups(st.StaffChats), fldKey(j.ID, "dispatched"), func(l Lang) string {
		return Texts.T(l, "fld.dispatched", j.Number, tech, FormatWhen(l, f.Departure, loc), FormatWhen(l, f.Return, loc)) + "\n" + FieldSummary(j, l)
	}, nil, nil)
	var techTo []fieldTo
	if m, ok := st.StaffMember(j.Dispatch.Technician); ok && m.TelegramUserID != 0 {
		techTo = []fieldTo{{m.TelegramUserID, m.Language()}}
	} else {
		techTo = fieldGroups(st.StaffChats)
	}
	papers := []string{DocFieldOut}
	if j.Dispatch.Trip {
		papers = []string{DocFieldTrip, DocFieldHandover}
	}
	for _, kind := range papers {
		msgs = append(msgs, fieldMsgs(techTo, fldKey(j.ID, kind), func(l Lang) string {
			return Texts.T(l, "fld.paper."+kind, j.Number, tech)
		}, nil, &Document{Kind: kind, Ref: j.ID, Name: j.Number + "-" + kind + ".pdf"})...)
	}
	if j.Dispatch.Trip {
		msgs = append(msgs, fieldMsgs(fieldStaffOf(st, RoleAdministration), fldKey(j.ID, "travel"), func(l Lang) string {
			return Texts.T(l, "fld.travel", j.Number, tech, FormatWhen(l, f.Departure, loc), FormatWhen(l, f.Return, loc),
				j.Customer.Address, j.Customer.Company)
		}, func(l Lang) [][]Button {
			return [][]Button{{{Text: Texts.T(l, "btn.fld.trav"), Data: FieldData(FieldTravel, j.ID)}}}
		}, nil)...)
	}
	return msgs
}

// FieldTravelBookedMessages tell the technician that the travel of their
// trip is booked (FLD-4).
func FieldTravelBookedMessages(st *Settings, j FieldJob) []Message {
	var to []fieldTo
	if m, ok := st.StaffMember(j.Dispatch.Technician); ok && m.TelegramUserID != 0 {
		to = []fieldTo{{m.TelegramUserID, m.Language()}}
	} else {
		to = fieldGroups(st.StaffChats)
	}
	return fieldMsgs(to, fldKey(j.ID, "booked"), func(l Lang) string {
		return Texts.T(l, "fld.booked", j.Number, st.StaffName(j.Dispatch.TravelBooked.By))
	}, nil, nil)
}

// FieldStageLabel is a stage's name in lang.
func FieldStageLabel(s FieldStage, lang Lang) string { return Texts.T(lang, "fld.stage."+string(s)) }
