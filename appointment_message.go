package frontoffice

import (
	"strconv"
	"time"
)

// Callback data of the buttons under an appointment's confirmation,
// reminder and the customer's list of bookings: "apt:<action>:<id>".
const (
	AptMove   = "mv" // move the appointment (APT-4)
	AptCancel = "cx" // cancel it (APT-4)
)

// AptButtonData returns the callback data of an appointment button: action
// AptMove or AptCancel for appointment id.
func AptButtonData(action string, id uint64) string {
	return "apt:" + action + ":" + strconv.FormatUint(id, 10)
}

// ParseAptButton parses "apt:<action>:<id>" with action AptMove or
// AptCancel. It accepts only what AptButtonData writes.
func ParseAptButton(s string) (action string, id uint64, ok bool) {
	return parseActionData(s, "apt", AptMove, AptCancel)
}

// aptKey is the outbox key base of an appointment's event:
// "apt:<id>:<event>".
func aptKey(id uint64, event string) string {
	return "apt:" + strconv.FormatUint(id, 10) + ":" + event
}

// aptButtons are the buttons under a confirmation or reminder: move or
// cancel it (APT-4). A customer without a chat gets none.
func aptButtons(a Appointment) [][]Button {
	if a.ChatID == 0 {
		return nil
	}
	return [][]Button{{
		{Text: Texts.T(a.Lang, "btn.reschedule"), Data: AptButtonData(AptMove, a.ID)},
		{Text: Texts.T(a.Lang, "btn.cancel"), Data: AptButtonData(AptCancel, a.ID)},
	}}
}

// BookingMessages are the messages a new booking causes: the customer's
// confirmation (APT-1) with its deposit (APT-2), the move and cancel
// buttons and the appointment slip printed at send time, keyed replyKey
// ("apt:<id>:booked" when empty), and the staff chat notice (APT-4).
func BookingMessages(st *Settings, a Appointment, replyKey string) []Message {
	base := aptKey(a.ID, "booked")
	if replyKey == "" {
		replyKey = base
	}
	msgs := []Message{{Key: replyKey, ChatID: a.ChatID, Text: ConfirmationText(st, a, a.Lang), Lang: a.Lang,
		Buttons: aptButtons(a), Document: &Document{Kind: DocSlip, Ref: a.ID, Name: "appointment-" + a.Code + ".pdf"}}}
	msgs = append(msgs, staffMessages(st, base, StaffText(st, "booked", a, time.Time{}))...)
	return append(msgs, icsMessages(a, base)...)
}

// icsMessages is the calendar file (AppointmentICS) sent to a linked
// customer after a confirmation, move or cancellation, keyed
// "<base>:ics"; none for a customer without a chat. The file is rendered
// at send time from the appointment as it then stands.
func icsMessages(a Appointment, base string) []Message {
	if a.ChatID == 0 {
		return nil
	}
	return []Message{{Key: base + ":ics", ChatID: a.ChatID, Text: Texts.T(a.Lang, "ics.caption", a.Code), Lang: a.Lang,
		Document: &Document{Kind: DocICS, Ref: a.ID, Name: ICSName(a)}}}
}

// MoveMessages are the messages a moved appointment causes (APT-4): the
// customer told the new and the old time, keyed replyKey
// ("apt:<id>:moved:<unix start>" when empty), and the staff chat told the
// same day. a is the moved appointment, old as it was.
func MoveMessages(st *Settings, a, old Appointment, replyKey string) []Message {
	sv, _ := st.Service(a.ServiceID)
	loc := st.Location()
	base := aptKey(a.ID, "moved:"+unixKey(a.Start))
	if replyKey == "" {
		replyKey = base
	}
	text := Texts.T(a.Lang, "apt.moved", a.Code, FormatWhen(a.Lang, a.Start, loc), sv.Name(a.Lang), FormatWhen(a.Lang, old.Start, loc))
	msgs := []Message{{Key: replyKey, ChatID: a.ChatID, Text: text, Lang: a.Lang, Buttons: aptButtons(a)}}
	msgs = append(msgs, staffMessages(st, base, StaffText(st, "moved", a, old.Start))...)
	return append(msgs, icsMessages(a, base)...)
}

// CancelMessages are the messages a cancelled appointment causes (APT-4):
// the customer's notice, keyed replyKey ("apt:<id>:cancelled" when empty),
// and the staff chat's.
func CancelMessages(st *Settings, a Appointment, replyKey string) []Message {
	sv, _ := st.Service(a.ServiceID)
	base := aptKey(a.ID, "cancelled")
	if replyKey == "" {
		replyKey = base
	}
	text := Texts.T(a.Lang, "apt.cancelled", a.Code, FormatWhen(a.Lang, a.Start, st.Location())+" "+sv.Name(a.Lang))
	msgs := []Message{{Key: replyKey, ChatID: a.ChatID, Text: text, Lang: a.Lang}}
	msgs = append(msgs, staffMessages(st, base, StaffText(st, "cancelled", a, time.Time{}))...)
	return append(msgs, icsMessages(a, base)...)
}

// ReminderKey is the outbox key of an appointment's reminder (APT-5),
// "remind:apt:<id>:<unix start>": it names the start so that a moved
// appointment's new reminder is a new message.
func ReminderKey(a Appointment) string {
	return "remind:apt:" + strconv.FormatUint(a.ID, 10) + ":" + strconv.FormatInt(a.Start.Unix(), 10)
}

// ReminderMessage is an appointment's reminder (APT-5) with its move and
// cancel buttons, held back until notBefore (quiet hours).
func ReminderMessage(st *Settings, a Appointment, notBefore time.Time) Message {
	return Message{Key: ReminderKey(a), ChatID: a.ChatID, Text: ReminderText(st, a, a.Lang), Lang: a.Lang,
		Buttons: aptButtons(a), NotBefore: notBefore}
}
