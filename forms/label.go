package forms

import (
	"fmt"
	"strings"
	"time"

	fo "frontoffice"
)

// Words the forms print for the domain's codes, in both languages.

// pair is a word in Chinese and English.
type pair struct{ zh, en string }

func (d *Doc) word(p pair) string { return d.T(p.zh, p.en) }

// pick returns the word for code from m, or code itself when m has none.
func (d *Doc) pick(m map[string]pair, code string) string {
	if p, ok := m[code]; ok {
		return d.word(p)
	}
	return code
}

var priceModes = map[string]pair{ // INT-2
	fo.PriceBySystem:  {"按系统", "By system"},
	fo.PriceBySymptom: {"按症状", "By symptom"},
	fo.PriceByItem:    {"按项目", "By item"},
}

var partsSources = map[string]pair{ // INT-2
	fo.PartsShop:        {"本店提供", "Ours"},
	fo.PartsCustomer:    {"客户自带", "Customer's"},
	fo.PartsOriginal:    {"正厂件", "original"},
	fo.PartsAftermarket: {"副厂件", "aftermarket"},
}

var vehicleTypes = map[string]pair{
	"car": {"轿车", "Car"}, "suv": {"SUV", "SUV"}, "mpv": {"MPV", "MPV"},
	"van": {"面包车", "Van"}, "truck": {"货车", "Truck"}, "bus": {"客车", "Bus"},
	"": {"未登记", "Not recorded"},
}

var visitStatuses = map[string]pair{
	string(fo.VisitWaiting): {"等候中", "Waiting"}, string(fo.VisitCalled): {"接待中", "At the counter"},
	string(fo.VisitWorkshop): {"施工中", "In the workshop"}, string(fo.VisitReady): {"已完工待交车", "Ready for pickup"},
	string(fo.VisitDelivered): {"已交车", "Delivered"}, string(fo.VisitLeft): {"未施工离店", "Left without the work"},
}

var workAnswers = map[string]pair{ // INT-6
	fo.AddPending:  {"待客户答复", "Waiting for the customer"},
	fo.AddApproved: {"客户同意", "Approved"},
	fo.AddDeclined: {"客户不同意", "Declined"},
}

var channels = map[string]pair{ // CMP-1
	fo.ChannelBot: {"Telegram 留言", "Telegram"}, fo.ChannelKiosk: {"大厅自助机", "Lobby kiosk"},
	fo.ChannelPhone: {"电话", "Phone"}, fo.ChannelVisit: {"到店", "In person"}, fo.ChannelLetter: {"信函", "Letter"},
	fo.ChannelSample: {"退回样件", "Returned part"}, fo.ChannelCall: {"跟踪回访", "Follow-up call"},
	fo.ChannelSurvey: {"满意度调查", "Satisfaction survey"},
}

var complaintStatuses = map[string]pair{ // CMP-4
	string(fo.CmpOpen): {"待答复", "Waiting for our answer"}, string(fo.CmpAnswered): {"已答复", "Answered"},
	string(fo.CmpClosed): {"已结案", "Closed"}, string(fo.CmpReopened): {"重新处理中", "Reopened"},
}

var callKinds = map[string]pair{ // FU-2, FU-3, FU-6
	string(fo.CallFirst): {"首次回访", "First call"}, string(fo.CallSecond): {"二次回访", "Second call"},
	string(fo.CallPromo): {"活动通知", "Promotion"},
}

// registerActions are the actions of the call and letter registers (FU-7).
var registerActions = map[string]pair{
	fo.OutcomeReached: {"已接通", "reached"}, fo.OutcomeNoAnswer: {"未接通", "no answer"},
	fo.OutcomeLater: {"约定再联系", "call later"}, fo.OutcomeNote: {"备注", "note"},
	"missed": {"超期未回访", "missed"}, "filed": {"受理投诉", "complaint filed"}, "answered": {"答复", "answered"},
	"notice": {"活动通知", "notice"}, "invitation": {"邀请函", "invitation"}, "invitation_post": {"邮寄邀请函", "invitation by post"},
	"survey": {"满意度调查", "survey"}, "solution": {"解决方案", "solution"}, "reopened": {"重新处理", "reopened"},
	"satisfied": {"客户满意", "satisfied"}, "dissatisfied": {"客户不满意", "dissatisfied"}, "closed": {"结案", "closed"},
}

// fuel writes a fuel level in eighths: "4/8（半箱）".
func (d *Doc) fuel(eighths int) string {
	s := fmt.Sprintf("%d/8", eighths)
	switch eighths {
	case 0:
		return s + d.T("（空）", " (empty)")
	case 4:
		return s + d.T("（半箱）", " (half)")
	case 8:
		return s + d.T("（满）", " (full)")
	}
	return s
}

// stamp writes an instant to the minute in the document's zone, "" for
// the zero time.
func (d *Doc) stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(d.opt.Loc).Format("2006-01-02 15:04")
}

// date writes the calendar day of t in the document's zone.
func (d *Doc) date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(d.opt.Loc).Format("2006-01-02")
}

// yesNo writes a yes or no.
func (d *Doc) yesNo(b bool) string {
	if b {
		return d.T("是", "Yes")
	}
	return d.T("否", "No")
}

// km writes a distance: "42,000 km".
func km(n int) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String() + " km"
}

// VisitNo is the number a visit's forms carry: its day and queue number,
// "20261127-A003" (unique: queue numbers restart every day).
func VisitNo(v fo.Visit) string {
	if v.Day == "" || v.QueueNo == "" {
		return fmt.Sprintf("V%d", v.ID)
	}
	return strings.ReplaceAll(v.Day, "-", "") + "-" + v.QueueNo
}

// staffName returns the name of who did something, from a "staff:li" or
// "li" style id: the staff member's name when known, the customer or the
// system in words, else the id.
func (d *Doc) staffName(st *fo.Settings, by string) string {
	kind, id, ok := strings.Cut(by, ":")
	if !ok {
		kind, id = by, by
	}
	switch kind {
	case "customer":
		if id == "bot" {
			return d.T("客户本人（Telegram）", "The customer (Telegram)")
		}
		return d.T("客户本人", "The customer")
	case "system":
		return d.T("系统", "System")
	case "kiosk":
		return d.T("自助机", "Kiosk")
	}
	if st != nil {
		return st.StaffName(id)
	}
	return id
}
