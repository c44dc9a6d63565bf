package frontoffice

import "strconv"

// SignButtonData returns the callback data of the one-tap approval of a
// work order awaiting the customer's signature (INT-4): "sg:<visit>".
func SignButtonData(visit uint64) string { return "sg:" + strconv.FormatUint(visit, 10) }

// ParseSignButton parses what SignButtonData writes, the id written as
// strconv writes it (digits, no leading zero, not 0). It accepts nothing
// else.
func ParseSignButton(s string) (visit uint64, ok bool) {
	parts, ok := CallbackFields(s, "sg", 1)
	if !ok {
		return 0, false
	}
	return ParseRecordID(parts[0])
}

// SignRequestMessages ask the customer of a work order awaiting their
// signature (INT-4) to approve it with one tap in chat: what will be done,
// the total, the promised time and any line without guarantee (INT-2),
// with the work order as a PDF. None when chat is 0: the customer then
// signs on the pad at the desk.
func SignRequestMessages(st *Settings, v Visit, chat int64) []Message {
	wo := v.WorkOrder
	if chat == 0 || wo == nil {
		return nil
	}
	noGuarantee := ""
	if wo.NoGuarantee() {
		noGuarantee = Texts.T(v.Lang, "visit.sign.no_guarantee")
	}
	text := Texts.T(v.Lang, "visit.sign.ask", st.ShopName(v.Lang), FormatPlate(v.Plate), wo.Purpose, wo.Total(),
		FormatWhen(v.Lang, wo.PromisedAt, st.Location()), noGuarantee)
	doc := &Document{Kind: DocWorkOrder, Ref: v.ID, Name: "work-order-" + v.QueueNo + ".pdf"}
	// The key names the work order's version (its creation), so that a
	// work order made again asks again.
	k := visitKey(v.ID, "sign:"+unixKey(wo.CreatedAt))
	return []Message{{Key: k, ChatID: chat, Text: text, Lang: v.Lang, Document: doc,
		Buttons: [][]Button{{{Text: Texts.T(v.Lang, "btn.sign"), Data: SignButtonData(v.ID)}}}}}
}

// SignedMessages are what the signature of a work order causes (INT-4):
// the staff chat told that the vehicle goes to the workshop
// (IntakeMessages), and the customer thanked in chat when the signature
// came from there.
func SignedMessages(st *Settings, v Visit, chat int64) []Message {
	msgs := IntakeMessages(st, v)
	if chat != 0 && v.WorkOrder.Signature.Via == SignedByTelegram {
		msgs = append(msgs, Message{Key: visitKey(v.ID, "signed"), ChatID: chat, Lang: v.Lang,
			Text: Texts.T(v.Lang, "visit.sign.thanks", FormatWhen(v.Lang, v.WorkOrder.PromisedAt, st.Location()))})
	}
	return msgs
}
