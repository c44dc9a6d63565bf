package frontoffice

import (
	"strconv"
	"strings"
	"time"
)

// Call-list button actions, the callback data "call:<action>:<id>"
// (CallData, ParseCallData).
const (
	CallReached = "ok"    // the customer was reached (FU-2)
	CallNoReply = "na"    // no answer (FU-2)
	CallLater   = "later" // call again at an agreed time (FU-9)
	CallNote    = "note"  // a note on the call (FU-7)
)

// callButtons are the buttons under a call: reached, no answer, later,
// note.
func callButtons(id uint64) [][]Button {
	b := func(key, action string) Button {
		return Button{Text: Texts.T(ZH, key), Data: CallData(action, id)}
	}
	return [][]Button{
		{b("btn.call.ok", CallReached), b("btn.call.na", CallNoReply)},
		{b("btn.call.later", CallLater), b("btn.call.note", CallNote)},
	}
}

// CallListMessages are the call list of day for each caller's chat (their
// private chat, else the staff chats, FU-2, FU-3): a header, then every
// call with its buttons. Keys name the day, the caller and the call
// ("calls:<YYYYMMDD>:<staff>:head", "calls:<YYYYMMDD>:<staff>:<call>"), so
// that sending again on the same day adds only what was not sent (a call
// moved to a substitute, FU-1).
func CallListMessages(st *Settings, list CallList, day time.Time) []Message {
	ymd := list.Day.In(st.Location()).Format("20060102")
	var msgs []Message
	for _, sc := range list.Staff {
		chats := st.StaffChatsOf(sc.Staff)
		base := "calls:" + ymd + ":" + sc.Staff
		msgs = append(msgs, toChats(chats, base+":head", CallListHeader(st, sc, day, ZH), nil, time.Time{})...)
		for _, it := range sc.Calls {
			msgs = append(msgs, toChats(chats, base+":"+strconv.FormatUint(it.Call.ID, 10),
				CallItemText(st, it, day, ZH), callButtons(it.Call.ID), time.Time{})...)
		}
	}
	return msgs
}

// CallClosingMessages tell the supervisor, on the window's last open day,
// of a call still not made (FU-1, FU-2): who (name, plate), whose turn it
// is (taker) and the attempts so far.
func CallClosingMessages(st *Settings, c Call, name, plate, taker string) []Message {
	text := Texts.T(ZH, "staff.call.closing", Texts.T(ZH, "call.kind."+string(c.Kind)), name, FormatPlate(plate),
		st.StaffName(taker), FormatDay(ZH, c.Closes.Add(-time.Second), st.Location()), len(c.Attempts))
	return toChats(st.SupervisorChats(), "call:"+strconv.FormatUint(c.ID, 10)+":closing", text, callButtons(c.ID), time.Time{})
}

// CallAtMessages remind the caller taker of a time agreed with the
// customer (FU-9); at is the reminder's due time.
func CallAtMessages(st *Settings, c Call, cust Customer, taker string, at time.Time) []Message {
	text := Texts.T(ZH, "staff.call.at", c.NextAt.In(st.Location()).Format("15:04"), cust.Name, MaskPhone(cust.Phone), "+86"+cust.Phone)
	return toChats(st.StaffChatsOf(taker), "call:"+strconv.FormatUint(c.ID, 10)+":at:"+unixKey(at), text, callButtons(c.ID), time.Time{})
}

// CallRegisterDetail is a call's line in the call register (FU-7): its
// kind, the customer, the plate and the note clipped to 80 characters.
func CallRegisterDetail(c Call, name, plate, note string) string {
	return strings.TrimSpace(Texts.T(ZH, "call.kind."+string(c.Kind)) + " " + name + " " + FormatPlate(plate) + " " + clip(strings.TrimSpace(note), 80))
}

// TaskStaleMessages tell the supervisor of a task still unresolved 2 days
// after the call (FU-5).
func TaskStaleMessages(st *Settings, t Task) []Message {
	text := Texts.T(ZH, "staff.task.stale", t.CustomerName, FormatPlate(t.Plate), t.Text, st.StaffName(t.Staff),
		FormatWhen(ZH, t.CreatedAt, st.Location()))
	return toChats(st.SupervisorChats(), "task:"+strconv.FormatUint(t.ID, 10)+":stale", text, nil, time.Time{})
}

// TaskSolvedNotices tell the customer the solution of their task (FU-5):
// in their chat, held back until notBefore (quiet hours), or, when they
// have no chat, as a call on the reception's phone list.
func TaskSolvedNotices(st *Settings, t Task, cust Customer, notBefore time.Time) Notices {
	k := "task:" + strconv.FormatUint(t.ID, 10) + ":solved"
	if cust.ChatID == 0 {
		return Notices{Calls: []PhoneTask{{Key: k, CustomerID: cust.ID, Kind: "task.solved",
			Text: Texts.T(ZH, "task.solved", st.ShopName(ZH), t.Text, t.Solution)}}}
	}
	return Notices{Messages: []Message{{Key: k, ChatID: cust.ChatID, Lang: cust.Lang, NotBefore: notBefore,
		Text: Texts.T(cust.Lang, "task.solved", st.ShopName(cust.Lang), t.Text, t.Solution)}}}
}

// MonthlySummaryMessages bring the supervisor the month's summary (FU-8),
// once per month ("fu8:<YYYY-MM>").
func MonthlySummaryMessages(st *Settings, m MonthlySummary) []Message {
	return toChats(st.SupervisorChats(), "fu8:"+m.Month, MonthlySummaryText(m, ZH), nil, time.Time{})
}

// SurveyQuestionMessage asks question q (or for the comment) of survey sv
// in its chat (SUR-1), keyed "sv:<id>:q<q>": editing message editID when
// not 0 (the previous question), held back until notBefore.
func SurveyQuestionMessage(st *Settings, sv Survey, q, editID int, notBefore time.Time) Message {
	text, buttons := SurveyQuestion(st, sv, q, sv.Lang)
	return Message{Key: "sv:" + strconv.FormatUint(sv.ID, 10) + ":q" + strconv.Itoa(q), ChatID: sv.ChatID, Text: text,
		Buttons: buttons, Lang: sv.Lang, EditMessageID: editID, NotBefore: notBefore}
}

// SurveyThanksMessages thank the customer for a finished survey (SUR-1);
// with a low score, c is the complaint it opened, whose ticket and answer
// deadline they are told (SUR-2). None without a chat.
func SurveyThanksMessages(st *Settings, sv Survey, c *Complaint) []Message {
	if sv.ChatID == 0 {
		return nil
	}
	thanks := Texts.T(sv.Lang, "sv.thanks", st.ShopName(sv.Lang))
	if c != nil {
		thanks = Texts.T(sv.Lang, "sv.thanks_low", st.ShopName(sv.Lang), c.Ticket, FormatWhen(sv.Lang, c.DueAt, st.Location()))
	}
	return []Message{{Key: "sv:" + strconv.FormatUint(sv.ID, 10) + ":done", ChatID: sv.ChatID, Text: thanks, Lang: sv.Lang}}
}

// PromotionNotice tells a linked customer of a promotion (FU-6), held
// back until notBefore, keyed "promo:<promotion>:<customer>:notice".
func PromotionNotice(st *Settings, p Promotion, c Customer, notBefore time.Time) Message {
	lang := c.Lang
	text := Texts.T(lang, "promo.notice", st.ShopName(lang), p.Name(lang), FormatDay(lang, p.Day, st.Location()), p.Body(lang))
	return Message{Key: promoKey(p, c, "notice"), ChatID: c.ChatID, Text: text, Lang: lang, NotBefore: notBefore}
}

// PromotionLetter is the formal invitation to a promotion in a linked
// customer's chat (FU-6: by letter within 2 days), held back until
// notBefore, keyed "promo:<promotion>:<customer>:letter".
func PromotionLetter(st *Settings, p Promotion, c Customer, notBefore time.Time) Message {
	lang := c.Lang
	text := Texts.T(lang, "promo.letter", c.Name, st.ShopName(lang), p.Name(lang), FormatDay(lang, p.Day, st.Location()),
		p.Body(lang), st.ShopAddress(lang), st.Shop.Phone)
	return Message{Key: promoKey(p, c, "letter"), ChatID: c.ChatID, Text: text, Lang: lang, NotBefore: notBefore}
}

func promoKey(p Promotion, c Customer, what string) string {
	return "promo:" + strconv.FormatUint(p.ID, 10) + ":" + strconv.FormatUint(c.ID, 10) + ":" + what
}

// ReportMessages bring a report of kind for the period holding day to the
// report chats (REP-1): its main figures as text and its PDF, printed when
// sent. Keys name the kind, the day and the chat, so sending the same
// report again adds nothing.
func ReportMessages(st *Settings, kind ReportKind, day time.Time, b BusinessStats) []Message {
	ref := ReportRef(day, st.Location())
	ymd := strconv.FormatUint(ref, 10)
	doc := &Document{Kind: kind.DocKind(), Ref: ref, Name: kind.DocKind() + "-" + ymd + ".pdf"}
	var msgs []Message
	for _, chat := range st.ReportChats() {
		msgs = append(msgs, Message{Key: "report:" + string(kind) + ":" + ymd + ":c:" + strconv.FormatInt(chat, 10), ChatID: chat,
			Text: ReportText(st, b, ZH), Lang: ZH, Document: doc})
	}
	return msgs
}

// clip shortens s to n characters.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// PromotionTitles are the promotions a caller mentions on the day's calls
// (FU-6): each title with its day.
func PromotionTitles(promos []Promotion, loc *time.Location) []string {
	var titles []string
	for _, p := range promos {
		titles = append(titles, p.Title+" ("+FormatDay(ZH, p.Day, loc)+")")
	}
	return titles
}

// CallEarlyError is the error of call c recorded as reached before its
// window opens (FU-2): EINVALID "err.call.early" with the opening day.
func CallEarlyError(c Call, loc *time.Location) error {
	return Errorf(EINVALID, "err.call.early", FormatDay(ZH, c.Opens, loc))
}

// CallLaterError is the error of a time agreed for call c that is not
// after now and before its window ends (FU-9): EINVALID "err.call.later"
// with the window's last day.
func CallLaterError(c Call, loc *time.Location) error {
	return Errorf(EINVALID, "err.call.later", FormatDay(ZH, c.Closes.Add(-time.Second), loc))
}

// Register details: the Detail of a letter or call register line (FU-7).

// ComplaintRegisterDetail is a complaint's line: customer, plate and the
// note clipped to 80 characters.
func ComplaintRegisterDetail(c Complaint, note string) string {
	return strings.TrimSpace(c.CustomerName + " " + FormatPlate(c.Plate) + " " + clip(note, 80))
}

// PromotionRegisterDetail is a promotion notice's or letter's line: the
// customer, their address when it goes by post, and the title.
func PromotionRegisterDetail(p Promotion, c Customer, post bool) string {
	if post {
		return c.Name + " " + c.Address + " " + p.Title
	}
	return c.Name + " " + p.Title
}

// SurveyRegisterDetail is a survey's line: customer and plate.
func SurveyRegisterDetail(sv Survey) string { return sv.CustomerName + " " + FormatPlate(sv.Plate) }

// TaskRegisterDetail is a solved task's line: customer and solution,
// clipped to 100 characters.
func TaskRegisterDetail(t Task, cust Customer) string { return clip(cust.Name+" "+t.Solution, 100) }
