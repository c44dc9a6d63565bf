package bot

import (
	"errors"
	"strings"

	fo "frontoffice"
)

// maxListed is how many upcoming appointments "My appointments" shows.
const maxListed = 10

// myAppointments lists the upcoming booked appointments of the chat's
// customer, each with Move and Cancel buttons (apt:mv:<id>, apt:cx:<id>,
// the same data as under the store's confirmation messages).
func (t *turn) myAppointments() error {
	c, err := t.b.bookings.CustomerByChat(t.chatID)
	if errors.Is(err, fo.ErrNotFound) {
		t.say(t.T("my.unknown", t.st.ShopName(t.lang)), [][]fo.Button{{button(t.T("menu.book"), dataMenuBook)}})
		return nil
	}
	if err != nil {
		return err
	}
	all, err := t.b.bookings.CustomerAppointments(c.ID, t.now)
	if err != nil {
		return err
	}
	loc := t.st.Location()
	lines := []string{t.T("my.header")}
	var rows [][]fo.Button
	for _, a := range all {
		if a.Status != fo.AptBooked || len(rows) == maxListed {
			continue
		}
		sv, _ := t.st.Service(a.ServiceID)
		when := fo.FormatWhen(t.lang, a.Start, loc) + "–" + a.End.In(loc).Format("15:04")
		lines = append(lines, t.T("my.item", len(rows)+1, when, sv.Name(t.lang), fo.FormatPlate(a.Plate), a.Code))
		rows = append(rows, []fo.Button{
			button(t.T("btn.move_code", a.Code), fo.AptButtonData(fo.AptMove, a.ID)),
			button(t.T("btn.cancel_code", a.Code), fo.AptButtonData(fo.AptCancel, a.ID)),
		})
	}
	if len(rows) == 0 {
		t.say(t.T("my.none"), [][]fo.Button{{button(t.T("menu.book"), dataMenuBook)}})
		return nil
	}
	t.say(strings.Join(lines, "\n\n"), rows)
	return nil
}

// ownAppointment returns appointment id when it belongs to the chat's
// customer and can still change. Anything else — an unknown id, another
// customer's (forged callback data), no customer on this chat — is
// answered as a stale button and never acted on; the answer does not tell
// whether the id exists. An own appointment that is cancelled or past is
// answered with err.apt.state.
func (t *turn) ownAppointment(id uint64) (fo.Appointment, uint64, bool, error) {
	c, err := t.b.bookings.CustomerByChat(t.chatID)
	if errors.Is(err, fo.ErrNotFound) {
		t.stale()
		return fo.Appointment{}, 0, false, nil
	}
	if err != nil {
		return fo.Appointment{}, 0, false, err
	}
	a, err := t.b.bookings.Appointment(id)
	if errors.Is(err, fo.ErrNotFound) || (err == nil && a.CustomerID != c.ID) {
		t.stale()
		return fo.Appointment{}, 0, false, nil
	}
	if err != nil {
		return fo.Appointment{}, 0, false, err
	}
	if a.Status != fo.AptBooked || !a.Start.After(t.now) {
		t.answer(t.T("err.apt.state"))
		return fo.Appointment{}, 0, false, nil
	}
	return a, c.ID, true, nil
}

// startMove starts moving an appointment: a new message with the days.
func (t *turn) startMove(id uint64) error {
	a, cust, ok, err := t.ownAppointment(id)
	if !ok || err != nil {
		return err
	}
	t.conv = &conversation{Flow: flowMove, Step: stepDay, Nonce: newNonce(),
		Appointment: a.ID, Service: a.ServiceID, CustomerID: cust}
	return t.showDays("")
}

// moveAction handles a button of the move conversation: day → slot →
// Store.Reschedule, which is atomic (the old slot stays booked when the
// new one is taken) and writes the customer's and the staff's notices
// (APT-4).
func (t *turn) moveAction(a convAction) error {
	c := t.conv
	switch {
	case a.action == "x":
		return t.abort()
	case c.Step == stepDay && a.action == "d":
		return t.chooseDay(a.arg)
	case c.Step == stepSlot && a.action == "bk":
		c.Step, c.Day = stepDay, ""
		return t.showDays("")
	case c.Step == stepSlot && a.action == "t":
		return t.chooseMoveSlot(a.arg)
	}
	t.stale()
	return nil
}

func (t *turn) chooseMoveSlot(arg string) error {
	start, ok, err := t.pickSlot(arg)
	if !ok || err != nil {
		return err
	}
	cust, ok, err := t.chatCustomer()
	if !ok || err != nil {
		return err
	}
	_, err = t.b.bookings.Reschedule(fo.ChangeRequest{
		ID: t.conv.Appointment, CustomerID: cust, Start: start,
		Idem: t.idem(), ReplyKey: t.storeReplyKey(), By: "customer:bot",
	})
	if err == nil {
		t.conv = nil
		t.show(t.T("move.done"), nil)
		return nil
	}
	msg, ok := t.userError(err)
	if !ok {
		return err
	}
	if errors.Is(err, fo.ErrSlotTaken) || errors.Is(err, fo.ErrSlotRule) {
		t.answer(msg)
		return t.showSlots(msg)
	}
	t.conv = nil
	t.show(msg, nil)
	return nil
}

// chatCustomer returns the customer now linked to the chat; ok is false
// (and the button answered as stale) when there is none.
func (t *turn) chatCustomer() (uint64, bool, error) {
	c, err := t.b.bookings.CustomerByChat(t.chatID)
	if errors.Is(err, fo.ErrNotFound) {
		t.conv = nil
		t.stale()
		return 0, false, nil
	}
	if err != nil {
		return 0, false, err
	}
	return c.ID, true, nil
}

// startCancel asks to confirm a cancellation, in a new message.
func (t *turn) startCancel(id uint64) error {
	a, cust, ok, err := t.ownAppointment(id)
	if !ok || err != nil {
		return err
	}
	t.conv = &conversation{Flow: flowCancel, Step: stepConfirm, Nonce: newNonce(), Appointment: a.ID, CustomerID: cust}
	sv, _ := t.st.Service(a.ServiceID)
	t.say(t.T("cancel.ask", a.Code, fo.FormatWhen(t.lang, a.Start, t.st.Location()), sv.Name(t.lang)), [][]fo.Button{{
		button(t.T("btn.cancel_yes"), t.conv.data("y")),
		button(t.T("btn.cancel_no"), t.conv.data("n")),
	}})
	return nil
}

// cancelAction cancels on "y" through Store.Cancel, which checks that the
// chat's customer owns the appointment and writes the customer's and the
// staff's notices (APT-4); "n" keeps it.
func (t *turn) cancelAction(a convAction) error {
	if t.conv.Step != stepConfirm {
		t.stale()
		return nil
	}
	switch a.action {
	case "n":
		t.conv = nil
		t.show(t.T("cancel.kept"), nil)
		return nil
	case "y":
	default:
		t.stale()
		return nil
	}
	cust, ok, err := t.chatCustomer()
	if !ok || err != nil {
		return err
	}
	_, err = t.b.bookings.Cancel(fo.ChangeRequest{
		ID: t.conv.Appointment, CustomerID: cust,
		Idem: t.idem(), ReplyKey: t.storeReplyKey(), By: "customer:bot",
	})
	if err == nil {
		t.conv = nil
		t.show(t.T("cancel.done"), nil)
		return nil
	}
	msg, ok := t.userError(err)
	if !ok {
		return err
	}
	t.conv = nil
	t.show(msg, nil)
	return nil
}
