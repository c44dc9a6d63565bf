package frontoffice

import (
	"slices"
	"strconv"
	"time"
)

// Complaint button actions, the callback data "cmp:<action>:<id>"
// (ComplaintData, ParseComplaintData).
const (
	CmpTake   = "take" // staff: take the complaint (CMP-1)
	CmpAnswer = "ans"  // staff: answer it (CMP-2)
	CmpOK     = "ok"   // the customer: satisfied with the answer (CMP-4)
	CmpNo     = "no"   // the customer: not satisfied (CMP-4)
)

// cmpKey is the outbox key base of a complaint's event: "cmp:<id>:<event>".
func cmpKey(id uint64, event string) string {
	return "cmp:" + strconv.FormatUint(id, 10) + ":" + event
}

// answerButtons is the staff's "answer" button under a complaint.
func answerButtons(id uint64) [][]Button {
	return [][]Button{{{Text: Texts.T(ZH, "btn.cmp.ans"), Data: ComplaintData(CmpAnswer, id)}}}
}

// ComplaintReceipt is the customer's receipt of a filed complaint (CMP-2):
// the apology, the ticket and the answer deadline, with the complaint's
// receipt document, to chat, keyed replyKey ("cmp:<id>:filed" when
// empty). ok is false when there is none to send: no chat, or a survey's
// complaint, whose ticket goes with the survey's thanks (SUR-2).
func ComplaintReceipt(st *Settings, c Complaint, chat int64, replyKey string) (m Message, ok bool) {
	if chat == 0 || c.Channel == ChannelSurvey {
		return Message{}, false
	}
	if replyKey == "" {
		replyKey = cmpKey(c.ID, "filed")
	}
	return Message{Key: replyKey, ChatID: chat, Text: ComplaintFiledText(st, c, c.Lang), Lang: c.Lang,
		Document: &Document{Kind: DocComplaint, Ref: c.ID, Name: c.Ticket + ".pdf"}}, true
}

// NewComplaintMessages tell the staff chats of a new complaint with the
// take and answer buttons (CMP-1); a major one also goes to the
// supervisor, an assigned one to its assignee.
func NewComplaintMessages(st *Settings, c Complaint) []Message {
	buttons := [][]Button{{
		{Text: Texts.T(ZH, "btn.cmp.take"), Data: ComplaintData(CmpTake, c.ID)},
		{Text: Texts.T(ZH, "btn.cmp.ans"), Data: ComplaintData(CmpAnswer, c.ID)},
	}}
	chats := slices.Clone(st.StaffChats)
	if c.Major || c.Assignee != "" {
		for _, who := range []string{st.SupervisorID(), c.Assignee} {
			if who != "" && (c.Major || who == c.Assignee) {
				chats = appendNew(chats, st.StaffChatsOf(who)...)
			}
		}
	}
	return toChats(chats, cmpKey(c.ID, "new"), StaffComplaintText(st, c), buttons, time.Time{})
}

// ComplaintTakenMessages tell the staff chats that staff member staff took
// the complaint (CMP-1).
func ComplaintTakenMessages(st *Settings, c Complaint, staff string) []Message {
	text := Texts.T(ZH, "staff.cmp.taken", c.Ticket, st.StaffName(staff))
	return toChats(st.StaffChats, cmpKey(c.ID, "taken:"+staff), text, nil, time.Time{})
}

// ComplaintAssignedMessages tell the new assignee of a complaint (CMP-1);
// the key counts the complaint's history, so each assignment is told once.
func ComplaintAssignedMessages(st *Settings, c Complaint, staff string) []Message {
	k := cmpKey(c.ID, "assigned:"+staff+":"+strconv.Itoa(len(c.History)))
	return toChats(st.StaffChatsOf(staff), k, StaffComplaintText(st, c), answerButtons(c.ID), time.Time{})
}

// ComplaintAnswerMessage brings the answer of a complaint to the
// customer's chat with the buttons asking whether they are satisfied
// (CMP-4); the key counts the answers.
func ComplaintAnswerMessage(st *Settings, c Complaint, chat int64) Message {
	return Message{Key: cmpKey(c.ID, "answer:"+strconv.Itoa(c.Answers)), ChatID: chat, Lang: c.Lang,
		Text: Texts.T(c.Lang, "cmp.answer", st.ShopName(c.Lang), c.Ticket, c.Answer),
		Buttons: [][]Button{{
			{Text: Texts.T(c.Lang, "btn.cmp.ok"), Data: ComplaintData(CmpOK, c.ID)},
			{Text: Texts.T(c.Lang, "btn.cmp.no"), Data: ComplaintData(CmpNo, c.ID)},
		}}}
}

// VerdictMessages are what the customer's verdict causes (CMP-4):
// satisfied, their thanks; dissatisfied, the new deadline for them and the
// reopened complaint for the supervisor (CMP-2, CMP-3). c is the complaint
// after the verdict; chat the customer's chat, 0 when none.
func VerdictMessages(st *Settings, c Complaint, chat int64, satisfied bool) []Message {
	var msgs []Message
	if satisfied {
		if chat != 0 {
			msgs = append(msgs, Message{Key: cmpKey(c.ID, "closed"), ChatID: chat, Lang: c.Lang,
				Text: Texts.T(c.Lang, "cmp.thanks_ok", c.Ticket)})
		}
		return msgs
	}
	loc := st.Location()
	k := cmpKey(c.ID, "reopened:"+strconv.Itoa(c.Answers))
	if chat != 0 {
		msgs = append(msgs, Message{Key: k, ChatID: chat, Lang: c.Lang,
			Text: Texts.T(c.Lang, "cmp.thanks_no", c.Ticket, FormatWhen(c.Lang, c.DueAt, loc))})
	}
	text := Texts.T(ZH, "staff.cmp.reopened", c.Ticket, c.CustomerName, c.Text, c.Answer, FormatWhen(ZH, c.DueAt, loc))
	return append(msgs, toChats(st.SupervisorChats(), k, text, answerButtons(c.ID), time.Time{})...)
}

// ComplaintWarnMessages warn the assignee (the staff chats while nobody
// took it) that the answer deadline is near (CMP-2), held back until
// notBefore; at is the warning's due time.
func ComplaintWarnMessages(st *Settings, c Complaint, at, notBefore time.Time) []Message {
	chats := st.StaffChats
	if c.Assignee != "" {
		chats = st.StaffChatsOf(c.Assignee)
	}
	text := Texts.T(ZH, "staff.cmp.warn", c.Ticket, FormatWhen(ZH, c.DueAt, st.Location()), c.CustomerName, c.Text)
	return toChats(chats, cmpKey(c.ID, "warn:"+unixKey(at)), text, answerButtons(c.ID), notBefore)
}

// ComplaintOverdueMessages bring a complaint whose answer deadline passed
// to the supervisor (CMP-2, CMP-3); at is the deadline.
func ComplaintOverdueMessages(st *Settings, c Complaint, at time.Time) []Message {
	who := st.StaffName(c.Assignee)
	if c.Assignee == "" {
		who = StaffNobody()
	}
	text := Texts.T(ZH, "staff.cmp.overdue", c.Ticket, FormatWhen(ZH, c.DueAt, st.Location()), who, c.CustomerName, c.Text)
	return toChats(st.SupervisorChats(), cmpKey(c.ID, "overdue:"+unixKey(at)), text, answerButtons(c.ID), time.Time{})
}

// ComplaintStaleMessages bring a complaint still unresolved 2 days after
// it was filed or reopened to the supervisor (CMP-5); at is the
// escalation's due time.
func ComplaintStaleMessages(st *Settings, c Complaint, at time.Time) []Message {
	text := Texts.T(ZH, "staff.cmp.stale", c.Ticket, FormatWhen(ZH, c.FiledAt, st.Location()),
		Texts.T(ZH, "cmp.st."+string(c.Status)), st.StaffName(c.Assignee), c.CustomerName, c.Text)
	return toChats(st.SupervisorChats(), cmpKey(c.ID, "stale:"+unixKey(at)), text, answerButtons(c.ID), time.Time{})
}

// StaffNobody is how staff lists name nobody: a complaint or call no staff
// member holds.
func StaffNobody() string { return Texts.T(ZH, "staff.nobody") }
