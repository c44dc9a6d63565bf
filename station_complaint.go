package frontoffice

import (
	"fmt"
	"strconv"
	"time"
)

// Complaints through service stations (NET-3): a complaint about a
// station's work, or from a station's customer, is routed to that station
// (Complaint.StationID) and runs in the same closed loop as the shop's own
// (CMP-1..5): the same ticket, deadlines, warnings, escalation to the
// supervisor and the customer's verdict. The station answers in its group
// chat (Station.ChatID) with the "answer" button and a text; every station
// complaint is also quality feedback (QualityFeedback, REP-2).

// Station complaint button actions, the callback data "scm:<action>:<id>"
// (StationComplaintData, ParseStationComplaintData).
const (
	ScmAnswer = "ans" // the station: answer the complaint
)

// StationComplaintData returns the callback data of a station's complaint
// button: "scm:ans:<complaint id>".
func StationComplaintData(action string, id uint64) string {
	return fmt.Sprintf("scm:%s:%d", action, id)
}

// ParseStationComplaintData parses "scm:<action>:<id>"; it accepts only
// what StationComplaintData writes.
func ParseStationComplaintData(s string) (action string, id uint64, ok bool) {
	return parseActionData(s, "scm", ScmAnswer)
}

// StationRoutable reports whether complaints may be routed to st: a
// certified station with a linked chat (NET-1, NET-3).
func StationRoutable(st Station) bool {
	return st.Status == StationCertified && st.ChatID != 0
}

// stationAnswerButtons is the station's "answer" button under a complaint.
func stationAnswerButtons(id uint64) [][]Button {
	return [][]Button{{{Text: Texts.T(ZH, "btn.scm.ans"), Data: StationComplaintData(ScmAnswer, id)}}}
}

// stationComplaintBody is a complaint as a station's chat sees it: the
// ticket, category, customer and vehicle, what happened and the deadline.
func stationComplaintBody(st *Settings, c Complaint) string {
	who := c.CustomerName
	if c.Plate != "" {
		who += " · " + FormatPlate(c.Plate)
	}
	major := ""
	if c.Major {
		major = Texts.T(ZH, "staff.cmp.major")
	}
	return Texts.T(ZH, "net.cmp.body", major, c.Ticket, Texts.T(ZH, "cmp.cat."+c.Category), who, c.Text,
		FormatWhen(ZH, c.DueAt, st.Location()))
}

// StationRoutedMessages are what routing complaint c to station s causes
// (NET-3): the station's chat gets the complaint with its answer button
// and deadline; the staff chats learn which station has it. The key counts
// the complaint's history, so each routing is told once.
func StationRoutedMessages(st *Settings, c Complaint, s Station) []Message {
	k := cmpKey(c.ID, "station:"+strconv.FormatUint(s.ID, 10)+":"+strconv.Itoa(len(c.History)))
	var msgs []Message
	if s.ChatID != 0 {
		msgs = append(msgs, Message{Key: k, ChatID: s.ChatID, Lang: ZH,
			Text:    Texts.T(ZH, "net.cmp.routed", s.Name) + "\n" + stationComplaintBody(st, c),
			Buttons: stationAnswerButtons(c.ID)})
	}
	text := Texts.T(ZH, "staff.net.cmp.routed", c.Ticket, s.Code, s.Name)
	return append(msgs, toChats(st.StaffChats, k, text, nil, time.Time{})...)
}

// StationWarnMessages warn the station that a complaint's deadline is
// near (CMP-2, NET-3); at is the warning's due time.
func StationWarnMessages(st *Settings, c Complaint, s Station, at, notBefore time.Time) []Message {
	if s.ChatID == 0 {
		return nil
	}
	text := Texts.T(ZH, "net.cmp.warn", c.Ticket, FormatWhen(ZH, c.DueAt, st.Location())) + "\n" + stationComplaintBody(st, c)
	return []Message{{Key: cmpKey(c.ID, "swarn:"+unixKey(at)), ChatID: s.ChatID, Lang: ZH, Text: text,
		Buttons: stationAnswerButtons(c.ID), NotBefore: notBefore}}
}

// StationOverdueMessages bring a station's complaint whose deadline passed
// unanswered to the supervisor, naming the station, and tell the station
// it is late (CMP-2, CMP-3, NET-3); at is the deadline.
func StationOverdueMessages(st *Settings, c Complaint, s Station, at time.Time) []Message {
	k := cmpKey(c.ID, "overdue:"+unixKey(at))
	text := Texts.T(ZH, "staff.net.cmp.overdue", c.Ticket, FormatWhen(ZH, c.DueAt, st.Location()), s.Code, s.Name, s.Hotline,
		c.CustomerName, c.Text)
	msgs := toChats(st.SupervisorChats(), k, text, answerButtons(c.ID), time.Time{})
	if s.ChatID != 0 {
		msgs = append(msgs, Message{Key: k + ":station", ChatID: s.ChatID, Lang: ZH,
			Text: Texts.T(ZH, "net.cmp.overdue", c.Ticket), Buttons: stationAnswerButtons(c.ID)})
	}
	return msgs
}

// StationStaleMessages bring a station's complaint unresolved 2 days after
// filing or reopening to the supervisor, naming the station (CMP-5,
// NET-3); at is the escalation's due time.
func StationStaleMessages(st *Settings, c Complaint, s Station, at time.Time) []Message {
	text := Texts.T(ZH, "staff.net.cmp.stale", c.Ticket, FormatWhen(ZH, c.FiledAt, st.Location()),
		Texts.T(ZH, "cmp.st."+string(c.Status)), s.Code, s.Name, s.Hotline, c.CustomerName, c.Text)
	return toChats(st.SupervisorChats(), cmpKey(c.ID, "stale:"+unixKey(at)), text, answerButtons(c.ID), time.Time{})
}

// StationAnsweredMessages tell the staff chats that station s answered
// complaint c (NET-3); the key counts the answers.
func StationAnsweredMessages(st *Settings, c Complaint, s Station) []Message {
	text := Texts.T(ZH, "staff.net.cmp.answered", s.Code, s.Name, c.Ticket, c.Answer)
	return toChats(st.StaffChats, cmpKey(c.ID, "sanswered:"+strconv.Itoa(c.Answers)), text, nil, time.Time{})
}

// StationVerdictMessages tell the station the customer's verdict on its
// answer (CMP-4, NET-3): closed, or reopened to the supervisor with the
// new deadline (the station may answer again).
func StationVerdictMessages(st *Settings, c Complaint, s Station, satisfied bool) []Message {
	if s.ChatID == 0 {
		return nil
	}
	if satisfied {
		return []Message{{Key: cmpKey(c.ID, "sclosed"), ChatID: s.ChatID, Lang: ZH, Text: Texts.T(ZH, "net.cmp.closed", c.Ticket)}}
	}
	return []Message{{Key: cmpKey(c.ID, "sreopened:"+strconv.Itoa(c.Answers)), ChatID: s.ChatID, Lang: ZH,
		Text:    Texts.T(ZH, "net.cmp.reopened", c.Ticket, FormatWhen(ZH, c.DueAt, st.Location())),
		Buttons: stationAnswerButtons(c.ID)}}
}

// StationComplaintQuality is the quality feedback a station's complaint
// is (NET-3, REP-2): open until the complaint closes. Quality and safety
// complaints about a station's work count as installation problems, the
// others as service.
func StationComplaintQuality(c Complaint, s Station) QualityFeedback {
	class := QualityService
	if c.Category == "quality" || c.Category == "safety" {
		class = QualityInstallation
	}
	return QualityFeedback{Source: QualitySourceStation, Ref: c.Ticket, Class: class, Site: s.Name, StationID: s.ID,
		Text: c.Text, Open: true, By: c.By}
}

// StationAnswerRequest is a station's answer to a complaint routed to it
// (NET-3): from its chat (By names the Telegram user) or a station account
// of the console (By "station:<login>").
type StationAnswerRequest struct {
	ID        uint64
	StationID uint64
	By        string
	Text      string
	Idem      string
}
