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
