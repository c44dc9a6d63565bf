package bot

import (
	"errors"

	fo "frontoffice"
)

// signStore is what the one-tap approval of a work order needs (INT-4).
type signStore interface {
	SignWorkOrder(req fo.SignRequest) (fo.Visit, error)
}

// INT-4: a work order saved at the desk waits for the customer's
// signature. A customer with a linked chat is asked there with the work
// order attached and one button (fo.SignButtonData); the tap is their
// signature on record, with this chat and the time, and sends the vehicle
// to the workshop.

// sign records the tap as the customer's approval of the work order of
// visit. The store checks that this chat is the visit's customer's (a
// forged or foreign button is stale) and that the work order still awaits
// a signature (a second tap, or one after it was signed on the pad, only
// shows that it is signed).
func (t *turn) sign(visit uint64) error {
	v, err := t.b.signs.SignWorkOrder(fo.SignRequest{VisitID: visit, By: "customer:bot",
		Signature: fo.Signature{Via: fo.SignedByTelegram, ChatID: t.chatID}})
	switch {
	case errors.Is(err, fo.ErrNotAllowed):
		t.answer(t.T("sign.already"))
		return nil
	case errors.Is(err, fo.ErrNotFound):
		t.stale()
		return nil
	case err != nil:
		return err
	}
	// The question carries the work order as a document: its caption
	// stays as it is; the answer to the tap and the store's thanks (with
	// the promised time) say it is signed.
	t.answer(t.T("sign.done", fo.FormatWhen(t.lang, v.WorkOrder.Signature.At, t.st.Location())))
	return nil
}
