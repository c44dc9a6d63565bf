package frontoffice

import (
	"strconv"
	"strings"
	"time"
)

// MaxWorkItems bounds the number of an additional-work item in callback
// data: no visit has a thousand additional items.
const MaxWorkItems = 999

// WorkButtonData returns the callback data of an additional-work button
// (INT-6): "aw:ok:<visit>:<n>" to approve item n of the visit, or
// "aw:no:<visit>:<n>" to decline it.
func WorkButtonData(approve bool, visit uint64, n int) string {
	action := "no"
	if approve {
		action = "ok"
	}
	return "aw:" + action + ":" + strconv.FormatUint(visit, 10) + ":" + strconv.Itoa(n)
}

// ParseWorkButton parses what WorkButtonData writes, with ids written as
// strconv writes them (digits, no leading zero, not 0) and n at most
// MaxWorkItems. It accepts nothing else.
func ParseWorkButton(s string) (approve bool, visit uint64, n int, ok bool) {
	parts, ok := CallbackFields(s, "aw", 3)
	if !ok || (parts[0] != "ok" && parts[0] != "no") {
		return false, 0, 0, false
	}
	visit, ok1 := ParseRecordID(parts[1])
	m, ok2 := ParseRecordID(parts[2])
	if !ok1 || !ok2 || m > MaxWorkItems {
		return false, 0, 0, false
	}
	return parts[0] == "ok", visit, int(m), true
}

// visitKey is the outbox key base of a visit's event:
// "visit:<id>:<event>".
func visitKey(id uint64, event string) string {
	return "visit:" + strconv.FormatUint(id, 10) + ":" + event
}

// CheckInMessages tell the staff chat of a visit checked in: queue
// number, plate, customer, service and concern (REC-1).
func CheckInMessages(st *Settings, v Visit) []Message {
	sv, _ := st.Service(v.ServiceID)
	text := Texts.T(ZH, "staff.checkin", v.QueueNo, FormatPlate(v.Plate), v.CustomerName, sv.Name(ZH), v.Concern)
	return staffMessages(st, visitKey(v.ID, "checkin"), text)
}

// IntakeMessages tell the staff chat that a vehicle went to the workshop
// with its signed work order (INT-4): the promised time and the receiver.
func IntakeMessages(st *Settings, v Visit) []Message {
	wo := v.WorkOrder
	text := Texts.T(ZH, "staff.intake", v.QueueNo, FormatPlate(v.Plate), FormatWhen(ZH, wo.PromisedAt, st.Location()), wo.Receiver)
	return staffMessages(st, visitKey(v.ID, "intake"), text)
}

// NotReadyMessages warn the staff chat that a job is not ready when its
// pickup notice was due (DEL-2): the customer is not told until it is
// ready; at is the notice's due time.
func NotReadyMessages(st *Settings, v Visit, at time.Time) []Message {
	text := Texts.T(ZH, "staff.pickup_not_ready", v.QueueNo, FormatPlate(v.Plate), FormatWhen(ZH, v.PromisedAt(), st.Location()))
	return staffMessages(st, visitKey(v.ID, "notready:"+unixKey(at)), text)
}

// ProgressMessages alert the staff chat of a job not ready at 75% of its
// estimate (INT-7); at is the check's due time.
func ProgressMessages(st *Settings, v Visit, at time.Time) []Message {
	text := Texts.T(ZH, "staff.progress", v.QueueNo, FormatPlate(v.Plate), FormatWhen(ZH, v.PromisedAt(), st.Location()))
	return staffMessages(st, visitKey(v.ID, "progress:"+unixKey(at)), text)
}

// PickupNotices tell the customer that their vehicle is ready and when to
// collect it (DEL-2). Only for a ready visit (the store sends it on
// readiness or at the lead time, whichever is later). See customerNotices
// for chat.
func PickupNotices(st *Settings, v Visit, chat int64) Notices {
	return customerNotices(st, v, chat, "visit.pickup")
}

// ReadyEarlyNotices tell the customer that their vehicle is ready before
// the pickup notice was due (DEL-2). See customerNotices for chat.
func ReadyEarlyNotices(st *Settings, v Visit, chat int64) Notices {
	return customerNotices(st, v, chat, "visit.ready_early")
}

// DelayNotices tell the customer at once of a late job's new promised time
// with the reason and an apology (DEL-2; REC-4). See customerNotices for
// chat.
func DelayNotices(st *Settings, v Visit, chat int64, reason string) Notices {
	return customerNotices(st, v, chat, "visit.delayed", reason)
}

// LateNotices tell the customer that the promised time has come and the
// vehicle is not ready (DEL-2; REC-4): an apology, with the reason staff
// gave for the job's last delay or, without one, that the work takes longer
// than planned, and that the new time follows. The staff chat is asked for a
// new time and reason (recorded with Delay, which tells the customer).
// The chat message waits for notBefore (the end of quiet hours; zero: at
// once). See customerNotices for chat.
func LateNotices(st *Settings, v Visit, chat int64, notBefore time.Time) Notices {
	reason := Texts.T(v.Lang, "visit.late.no_reason")
	if chat == 0 {
		reason = Texts.T(ZH, "visit.late.no_reason")
	}
	if n := len(v.Delays); n > 0 {
		reason = v.Delays[n-1].Reason
	}
	n := customerNotices(st, v, chat, "visit.late", reason)
	for i := range n.Messages {
		n.Messages[i].NotBefore = notBefore
	}
	text := Texts.T(ZH, "staff.late", v.QueueNo, FormatPlate(v.Plate), FormatWhen(ZH, v.PromisedAt(), st.Location()))
	n.Messages = append(n.Messages, staffMessages(st, visitKey(v.ID, "late:"+unixKey(v.PromisedAt())), text)...)
	return n
}

// customerNotices tell the customer of v, with text key textKey and the
// promised time: in their chat when chat is not 0, otherwise as a call on
// the reception's phone list (in Chinese). The key
// "visit:<id>:<textKey>:<unix promise>" names the promise, so each promise
// is told once.
func customerNotices(st *Settings, v Visit, chat int64, textKey string, extra ...any) Notices {
	loc := st.Location()
	k := visitKey(v.ID, textKey+":"+unixKey(v.PromisedAt()))
	if chat != 0 {
		args := append([]any{st.ShopName(v.Lang), FormatPlate(v.Plate), FormatWhen(v.Lang, v.PromisedAt(), loc)}, extra...)
		return Notices{Messages: []Message{{Key: k, ChatID: chat, Text: Texts.T(v.Lang, textKey, args...), Lang: v.Lang}}}
	}
	return Notices{Calls: []PhoneTask{{Key: k, VisitID: v.ID, CustomerID: v.CustomerID, Kind: textKey,
		Text: Texts.T(ZH, textKey, append([]any{st.ShopName(ZH), FormatPlate(v.Plate), FormatWhen(ZH, v.PromisedAt(), loc)}, extra...)...)}}}
}

// AddWorkNotices ask the customer to approve additional work aw (INT-6):
// the reason, safety stressed, the price and the new delivery time; in
// their chat with approve and decline buttons (WorkButtonData) when chat
// is not 0, otherwise as a call on the reception's phone list.
func AddWorkNotices(st *Settings, v Visit, aw AdditionalWork, chat int64) Notices {
	loc := st.Location()
	safety := ""
	k := visitKey(v.ID, "aw:"+strconv.Itoa(aw.N))
	if chat != 0 {
		if aw.Safety {
			safety = Texts.T(v.Lang, "visit.aw.safety")
		}
		text := Texts.T(v.Lang, "visit.aw.ask", st.ShopName(v.Lang), FormatPlate(v.Plate), aw.Description, aw.Reason, safety,
			aw.Price, FormatWhen(v.Lang, aw.NewPromisedAt, loc))
		return Notices{Messages: []Message{{Key: k, ChatID: chat, Text: text, Lang: v.Lang, Buttons: [][]Button{{
			{Text: Texts.T(v.Lang, "btn.aw.ok"), Data: WorkButtonData(true, v.ID, aw.N)},
			{Text: Texts.T(v.Lang, "btn.aw.no"), Data: WorkButtonData(false, v.ID, aw.N)},
		}}}}}
	}
	if aw.Safety {
		safety = Texts.T(v.Lang, "visit.aw.safety")
	}
	return Notices{Calls: []PhoneTask{{Key: k, VisitID: v.ID, CustomerID: v.CustomerID, Kind: "visit.aw.ask",
		Text: Texts.T(ZH, "visit.aw.ask", st.ShopName(ZH), FormatPlate(v.Plate), aw.Description, aw.Reason, safety, aw.Price, FormatWhen(ZH, aw.NewPromisedAt, loc))}}}
}

// WorkAnswerMessages are what the customer's answer to additional work
// item n causes (INT-6): the staff chat told, so the workshop proceeds or
// not, and the customer thanked with the delivery time when chat is not 0.
// by is who answered.
func WorkAnswerMessages(st *Settings, v Visit, n int, approve bool, by string, chat int64) []Message {
	aw := v.Additional[n-1]
	key, ck := "staff.aw.declined", "visit.aw.thanks_no"
	if approve {
		key, ck = "staff.aw.approved", "visit.aw.thanks_ok"
	}
	text := Texts.T(ZH, key, v.QueueNo, FormatPlate(v.Plate), aw.Description, by)
	msgs := staffMessages(st, visitKey(v.ID, "aw:"+strconv.Itoa(n)+":answer"), text)
	if chat != 0 {
		msgs = append(msgs, Message{Key: visitKey(v.ID, "aw:"+strconv.Itoa(n)+":ack"), ChatID: chat, Lang: v.Lang,
			Text: Texts.T(v.Lang, ck, aw.Description, FormatWhen(v.Lang, v.PromisedAt(), st.Location()))})
	}
	return msgs
}

// DeliveredMessages thank the customer of a delivered visit with what was
// due and paid (DEL-3), the service card (售后服务卡) going with it,
// printed at send time. None when chat is 0.
func DeliveredMessages(st *Settings, v Visit, chat int64) []Message {
	if chat == 0 {
		return nil
	}
	text := Texts.T(v.Lang, "visit.delivered", st.ShopName(v.Lang), FormatPlate(v.Plate), v.Settlement.Due(), v.Settlement.Paid)
	card := &Document{Kind: DocCard, Ref: v.ID, Name: "service-card-" + strings.ReplaceAll(v.Day, "-", "") + "-" + v.QueueNo + ".pdf"}
	return []Message{{Key: visitKey(v.ID, "delivered"), ChatID: chat, Text: text, Lang: v.Lang, Document: card}}
}

// CheckInError is nil when appointment a can be checked in at now (see
// CheckInTiming), else an EINVALID *Error with CheckInTiming's key and the
// appointment's time in the customer's language.
func CheckInError(a Appointment, now time.Time, loc *time.Location) error {
	if key := CheckInTiming(a, now, loc); key != "" {
		return Errorf(EINVALID, key, FormatWhen(a.Lang, a.Start, loc))
	}
	return nil
}

// WorkSummary is what was done on a visit, for the follow-up caller
// (FU-2): its work order's lines and the approved additional work, clipped
// to 120 characters; "" without a work order.
func (v *Visit) WorkSummary() string {
	if v.WorkOrder == nil {
		return ""
	}
	var parts []string
	for _, l := range v.WorkOrder.Lines {
		parts = append(parts, l.Description)
	}
	for _, a := range v.Additional {
		if a.Status == AddApproved {
			parts = append(parts, a.Description)
		}
	}
	return clip(strings.Join(parts, "、"), 120)
}
