package frontoffice

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// What the on-site part of a field job says to whom (FLD-5): the
// technician gets the job, the chief engineer the copies and the problems,
// finance the balance to collect. Staff read Chinese.

// Document kinds of FLD-5.
const (
	DocFieldLog        = "fieldlog"    // 安装调试工作日志, the work log; Ref: field job id (FLD-5)
	DocFieldAcceptance = "fieldaccept" // 安装调试验收报告, the acceptance report; Ref: field job id (FLD-5)
)

// dispatchBrief is the dispatch request's main problem and its tools and
// spares (FLD-3), which the technician needs on site. They are the
// dispatch request's fields (field_dispatch.go); "" prints as "—".
func dispatchBrief(j FieldJob) (problem, tools string) {
	return j.Dispatch.Form.Problem, j.Dispatch.Form.Tools
}

// siteKey is the outbox key base of a field job's on-site event:
// "site:<id>:<event>".
func siteKey(id uint64, event string) string {
	return "site:" + strconv.FormatUint(id, 10) + ":" + event
}

// orDash prints "" as "—".
func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

// FieldJobBrief is the job as the technician reads it: company, address,
// contact and phone, route, main problem, tools (FLD-3, FLD-5).
func FieldJobBrief(j FieldJob, lang Lang) string {
	problem, tools := dispatchBrief(j)
	c := j.Customer
	return Texts.T(lang, "site.brief", j.Number, c.Company, orDash(c.Address), orDash(c.Contact), orDash(c.Phone),
		orDash(c.Route), orDash(j.Equipment), orDash(problem), orDash(tools))
}

// SiteButtons are the technician's buttons on site: record a problem, get
// the customer's signature link, or send the paper acceptance.
func SiteButtons(j FieldJob, lang Lang) [][]Button {
	return [][]Button{
		{{Text: Texts.T(lang, "btn.site.problem"), Data: FieldSiteData(FsProblem, j.ID)}},
		{{Text: Texts.T(lang, "btn.site.sign"), Data: FieldSiteData(FsSign, j.ID)},
			{Text: Texts.T(lang, "btn.site.paper"), Data: FieldSiteData(FsPaper, j.ID)}},
	}
}

// FieldSiteDispatchNotices are what the dispatch of j says on site's side
// (FLD-5): the technician gets the job in their Telegram chat with the
// "checked in on site" button; a technician without a linked Telegram gets
// it by the console (the job page) and a call from the reception (a phone
// task), and the staff chats are told so.
func FieldSiteDispatchNotices(st *Settings, j FieldJob) Notices {
	tech, _ := st.StaffMember(j.Dispatch.Technician)
	brief := FieldJobBrief(j, ZH)
	if tech.TelegramUserID != 0 {
		return Notices{Messages: []Message{{Key: siteKey(j.ID, "dispatched"), ChatID: tech.TelegramUserID, Lang: ZH,
			Text:    Texts.T(ZH, "site.dispatched", brief),
			Buttons: [][]Button{{{Text: Texts.T(ZH, "btn.site.checkin"), Data: FieldSiteData(FsCheckIn, j.ID)}}}}}}
	}
	name := orDash(tech.Name)
	return Notices{
		Messages: staffMessages(st, siteKey(j.ID, "dispatched"), Texts.T(ZH, "site.dispatched.no_tg", name, j.Number)),
		Calls: []PhoneTask{{Key: siteKey(j.ID, "dispatched:call"), Kind: "site.call_tech",
			Text: Texts.T(ZH, "site.call_tech", name, brief)}},
	}
}

// FieldDispatchedMessages are the chat messages of FieldSiteDispatchNotices;
// the data package writes the notices (messages and the phone task) in
// the dispatch's transaction.
func FieldDispatchedMessages(st *Settings, j FieldJob) []Message {
	return FieldSiteDispatchNotices(st, j).Messages
}

// roleChats are the private chats of the staff with role, or the staff
// chats when none of them is on Telegram.
func roleChats(st *Settings, role string) []int64 {
	var out []int64
	for _, m := range st.StaffWith(role) {
		if m.TelegramUserID != 0 {
			out = appendNew(out, m.TelegramUserID)
		}
	}
	if len(out) == 0 {
		return st.StaffChats
	}
	return out
}

// FieldCheckedInMessages tell the staff chats the technician is on site.
func FieldCheckedInMessages(st *Settings, j FieldJob) []Message {
	tech, _ := st.StaffMember(j.Dispatch.Technician)
	return staffMessages(st, siteKey(j.ID, "checkin"), Texts.T(ZH, "site.checked_in.staff", orDash(tech.Name),
		j.Number, j.Customer.Company, j.Site.CheckedInAt.In(st.Location()).Format("01-02 15:04")))
}

// FieldProblemMessages tell the chief engineer of an open problem found on
// site, with the button that resolves it.
func FieldProblemMessages(st *Settings, j FieldJob, q QualityFeedback) []Message {
	text := Texts.T(ZH, "site.problem.chief", j.Number, j.Customer.Company, q.Class.Label(ZH), q.Text)
	return toChats(roleChats(st, RoleChiefEngineer), siteKey(j.ID, "problem:"+strconv.FormatUint(q.ID, 10)), text,
		[][]Button{{{Text: Texts.T(ZH, "btn.site.resolve"), Data: FieldSiteData(FsResolve, q.ID)}}}, time.Time{})
}

// FieldAcceptedMessages send the copies of the signed acceptance report and
// of the work log to the chief engineer's chat (FLD-5: 复印件一份交总工程师办公室).
func FieldAcceptedMessages(st *Settings, j FieldJob) []Message {
	var out []Message
	for _, c := range roleChats(st, RoleChiefEngineer) {
		chat := strconv.FormatInt(c, 10)
		out = append(out,
			Message{Key: siteKey(j.ID, "accepted:c:"+chat), ChatID: c, Lang: ZH,
				Text:     Texts.T(ZH, "site.accepted.chief", j.Number, j.Customer.Company, j.Site.OpenProblems),
				Document: &Document{Kind: DocFieldAcceptance, Ref: j.ID, Name: j.Number + "-acceptance.pdf"}},
			Message{Key: siteKey(j.ID, "log:c:"+chat), ChatID: c, Lang: ZH,
				Text:     Texts.T(ZH, "site.log.chief", j.Number, len(j.Site.Log)),
				Document: &Document{Kind: DocFieldLog, Ref: j.ID, Name: j.Number + "-worklog.pdf"}})
	}
	return out
}

// FieldClosedMessages tell finance the contract is fulfilled and the
// balance is to be collected, with the job's figures (FLD-5:
// 通知财务部处理剩余款项).
func FieldClosedMessages(st *Settings, j FieldJob) []Message {
	f := j.Figures(st)
	labour := Texts.T(ZH, "site.figures.no_labour")
	if f.LabourKnown {
		labour = Texts.T(ZH, "site.figures.labour", f.Labour.String(), fmt.Sprintf("%.1f", f.LabourTime.Hours()))
	}
	tech, _ := st.StaffMember(j.Dispatch.Technician)
	text := Texts.T(ZH, "site.finance", j.Number, j.Customer.Company, orDash(f.Equipment), orDash(tech.Name), f.Days,
		labour, f.OpenProblems, j.Site.ClosedAt.In(st.Location()).Format("2006-01-02 15:04"))
	return toChats(roleChats(st, RoleFinance), siteKey(j.ID, "finance"), text, nil, time.Time{})
}
