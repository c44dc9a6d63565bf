package frontoffice

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// Message is a chat message waiting in the outbox. It is written in the same
// transaction as the state change that causes it, under an idempotency Key
// ("remind:apt:42:1764300000"): a second message with a key already in the
// outbox, or already sent, is dropped. The bot's sender drains the outbox.
type Message struct {
	Key    string `json:"key"`
	ChatID int64  `json:"chat_id"`
	Text   string `json:"text"`
	// Buttons is an inline keyboard; each button's Data is callback data of
	// at most 64 bytes.
	Buttons [][]Button `json:"buttons,omitempty"`
	// EditMessageID, when set, edits that earlier message of the chat
	// instead of sending a new one.
	EditMessageID int `json:"edit_message_id,omitempty"`
	// AskContact shows a one-button reply keyboard asking for the user's
	// phone number; RemoveKeyboard takes such a keyboard away.
	AskContact     bool `json:"ask_contact,omitempty"`
	RemoveKeyboard bool `json:"remove_keyboard,omitempty"`
	// Document, when set, is sent as a file with Text as its caption.
	Document *Document `json:"document,omitempty"`
	// RelayTo is a customer's chat: a staff reply to this message (sent to a
	// staff chat) is passed on to that chat (REC-3).
	RelayTo int64 `json:"relay_to,omitempty"`
	// RelayLang is the language of the RelayTo chat, for the relayed reply.
	RelayLang Lang `json:"relay_lang,omitempty"`
	// NotBefore holds the message back until then (quiet hours).
	NotBefore time.Time `json:"not_before,omitzero"`
	// Lang is the recipient's language, for a document rendered at send time.
	Lang Lang `json:"lang,omitempty"`
}

// Button is an inline keyboard button: callback Data, or a URL.
type Button struct {
	Text string `json:"text"`
	Data string `json:"data,omitempty"`
	URL  string `json:"url,omitempty"`
}

// Document names a PDF to render when the message is sent: Kind is the form
// ("slip", "card", "complaint", ...) and Ref the record it prints.
type Document struct {
	Kind string `json:"kind"`
	Ref  uint64 `json:"ref"`
	Name string `json:"name"` // file name shown in the chat
}

// MaxTextLen is Telegram's limit on a message's text, in characters.
const MaxTextLen = 4096

// MaxCallbackData is Telegram's limit on callback data, in bytes.
const MaxCallbackData = 64

// CallbackFields splits callback data "<prefix>:<f1>:…:<fn>" into its n
// fields. ok is false when the prefix, the number of fields or Telegram's
// length limit does not hold: callback data comes from outside and may be
// forged.
func CallbackFields(s, prefix string, n int) ([]string, bool) {
	rest, ok := strings.CutPrefix(s, prefix+":")
	if !ok || len(s) > MaxCallbackData {
		return nil, false
	}
	fields := strings.Split(rest, ":")
	return fields, len(fields) == n
}

// parseActionData parses "<prefix>:<action>:<id>" with action one of
// actions and id as ParseRecordID reads it.
func parseActionData(s, prefix string, actions ...string) (action string, id uint64, ok bool) {
	f, ok := CallbackFields(s, prefix, 2)
	if !ok || !slices.Contains(actions, f[0]) {
		return "", 0, false
	}
	id, ok = ParseRecordID(f[1])
	if !ok {
		return "", 0, false
	}
	return f[0], id, true
}

// ParseRecordID parses a record id as strconv.FormatUint writes it: digits
// only, no leading zero, not 0.
func ParseRecordID(s string) (uint64, bool) {
	if s == "" || s[0] == '0' || len(s) > 20 {
		return 0, false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	id, err := strconv.ParseUint(s, 10, 64)
	return id, err == nil
}

// RegisterEntry is a line of one of the shop's registers: the appointment
// register (APT-3), the call register (FU-7), the letter register (FU-7).
type RegisterEntry struct {
	At     time.Time `json:"at"`
	Action string    `json:"action"` // booked, moved, cancelled, checked_in, no_show, ...
	Ref    uint64    `json:"ref"`    // the record the entry is about
	Code   string    `json:"code,omitempty"`
	By     string    `json:"by"` // who: "customer:bot", "staff:li", "system"
	Detail string    `json:"detail,omitempty"`
}

// OutboxEntry is a message waiting to be sent, with its place in the queue.
type OutboxEntry struct {
	Seq     uint64
	Message Message
	Tries   int
}

// Notices are what a state change tells a customer: chat messages for the
// outbox, or, when they have no linked chat, calls on the reception's phone
// list; the store keeps both in the transaction of the change.
type Notices struct {
	Messages []Message
	Calls    []PhoneTask
}

// Document kinds: Document.Kind of a message or of a download, and what its
// Ref names. The forms package prints each.
const (
	DocSlip       = "slip"       // appointment slip; Ref: appointment id (APT-1, APT-2)
	DocCard       = "card"       // after-sales service card; Ref: visit id (DEL-3)
	DocWorkOrder  = "workorder"  // work order with the belongings list; Ref: visit id (INT-2, INT-4, INT-5)
	DocAdditional = "additional" // additional-work order; Ref: visit id (INT-6)
	DocSettlement = "settlement" // settlement; Ref: visit id (DEL-3)
	DocExit       = "exit"       // exit notice; Ref: visit id (DEL-3, INT-4)
	DocComplaint  = "complaint"  // complaint receipt; Ref: complaint id (CMP-2)
	DocCalls      = "calls"      // the day's call list and call register; Ref: YYYYMMDD (FU-7)
	DocLetters    = "letters"    // the letter register of the month; Ref: YYYYMMDD of a day in it (FU-7)
	// "report-daily", "report-weekly", ...: ReportKind.DocKind (REP-1).
)

// Document kinds of issue 11: the calendar file and three of the manual's
// forms.
const (
	DocICS         = "ics"         // calendar file (RFC 5545), not a PDF; Ref: appointment id (APT-1, APT-4)
	DocArchive     = "archive"     // customer archive sheet 客户档案资料表, form 13; Ref: vehicle id (ARC-1)
	DocCallRecord  = "callrecord"  // a customer's call record 跟踪服务客户电话记录表, form 9; Ref: customer id (FU-7)
	DocAptRegister = "aptregister" // appointment register 安装服务预约登记表, form 12; Ref: YYYYMMDD of the day (APT-3)
)

// staffMessages addresses text to every staff chat (APT-4), keyed keyBase
// plus ":staff:<chat>".
func staffMessages(st *Settings, keyBase, text string) []Message {
	out := make([]Message, 0, len(st.StaffChats))
	for _, c := range st.StaffChats {
		out = append(out, Message{Key: keyBase + ":staff:" + strconv.FormatInt(c, 10), ChatID: c, Text: text, Lang: ZH})
	}
	return out
}

// toChats addresses text (in Chinese: staff read Chinese) to every chat,
// keyed keyBase plus ":c:<chat>".
func toChats(chats []int64, keyBase, text string, buttons [][]Button, notBefore time.Time) []Message {
	out := make([]Message, 0, len(chats))
	for _, c := range chats {
		out = append(out, Message{Key: keyBase + ":c:" + strconv.FormatInt(c, 10), ChatID: c, Text: text, Lang: ZH,
			Buttons: buttons, NotBefore: notBefore})
	}
	return out
}

// StaffChatsOf returns the private chat of staff member id (a private
// chat's id is the user's Telegram id), or every staff chat when they have
// none.
func (s *Settings) StaffChatsOf(id string) []int64 {
	if m, ok := s.StaffMember(id); ok && m.TelegramUserID != 0 {
		return []int64{m.TelegramUserID}
	}
	return s.StaffChats
}

// SupervisorChats returns the supervisor's chats (StaffChatsOf).
func (s *Settings) SupervisorChats() []int64 { return s.StaffChatsOf(s.SupervisorID()) }

// ReportChats are the chats the reports go to (REP-1): the private chat of
// every supervisor on Telegram (a private chat's id is the user's id), or
// the staff chats when no supervisor is on Telegram.
func (s *Settings) ReportChats() []int64 {
	var out []int64
	for _, m := range s.StaffWith(RoleSupervisor) {
		if m.TelegramUserID != 0 {
			out = appendNew(out, m.TelegramUserID)
		}
	}
	if len(out) == 0 {
		return s.StaffChats
	}
	return out
}

// appendNew appends the chats not yet in list.
func appendNew(list []int64, chats ...int64) []int64 {
	for _, c := range chats {
		if !slices.Contains(list, c) {
			list = append(list, c)
		}
	}
	return list
}

// unixKey writes an instant in an outbox key: its Unix seconds.
func unixKey(t time.Time) string { return strconv.FormatUint(uint64(t.Unix()), 10) }
