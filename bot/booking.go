package bot

import (
	"errors"
	"strconv"
	"strings"
	"time"

	fo "frontoffice"
)

// bookingStore is what booking, moving and cancelling appointments need
// (APT-1..APT-5), here and in appointment.go.
type bookingStore interface {
	CustomerByChat(chatID int64) (fo.Customer, error)
	CustomerByPhone(phone string) (fo.Customer, error)
	FreeSlots(serviceID string) ([]fo.DaySlots, error)
	FreeSlotsExcept(serviceID string, skip uint64) ([]fo.DaySlots, error)
	Book(req fo.BookRequest) (fo.Appointment, error)
	Reschedule(req fo.ChangeRequest) (fo.Appointment, error)
	Cancel(req fo.ChangeRequest) (fo.Appointment, error)
	Appointment(id uint64) (fo.Appointment, error)
	CustomerAppointments(customerID uint64, from time.Time) ([]fo.Appointment, error)
	Vehicles(customerID uint64) ([]fo.Vehicle, error)
}

// The booking conversation: service → day → slot (buttons, edited in
// place) → plate → phone (typed, shared, or the one on file) → name (new
// customers only) → summary with price and deposit → confirm (APT-1) →
// Store.Book, which writes the confirmation and the staff notice (APT-4).

// startBooking starts a new booking conversation with the service list.
func (t *turn) startBooking() error {
	t.conv = &conversation{Flow: flowBook, Step: stepService, Nonce: newNonce()}
	t.showServices()
	return nil
}

// startMaintBooking starts the booking conversation from a maintenance
// reminder's book button (fo.MaintButtonData, 通知客户按期保养): the
// vehicle's plate and the maintenance service are chosen, the days follow,
// and the plate is not asked again. A vehicle that is not this chat's
// customer's (forged, or the chat unlinked since) is stale; without the
// maintenance service on the price list the service list shows.
func (t *turn) startMaintBooking(vehicleID uint64) error {
	c, err := t.b.bookings.CustomerByChat(t.chatID)
	if errors.Is(err, fo.ErrNotFound) {
		t.stale()
		return nil
	} else if err != nil {
		return err
	}
	vs, err := t.b.bookings.Vehicles(c.ID)
	if err != nil {
		return err
	}
	for _, v := range vs {
		if v.ID != vehicleID {
			continue
		}
		if _, ok := t.st.Service(fo.MaintServiceID); !ok {
			return t.startBooking()
		}
		t.conv = &conversation{Flow: flowBook, Step: stepDay, Nonce: newNonce(), Service: fo.MaintServiceID, Plate: v.Plate}
		return t.showDays("")
	}
	t.stale()
	return nil
}

// showServices lists the official price list's services with their prices
// (REC-1: prices only from there).
func (t *turn) showServices() {
	var bs []fo.Button
	for _, sv := range t.st.Services {
		bs = append(bs, button(serviceLabel(sv, t.lang), t.conv.data("sv", sv.ID)))
	}
	rows := grid(bs, 1)
	rows = append(rows, []fo.Button{button(t.T("btn.abort"), t.conv.data("x"))})
	t.show(t.T("book.service", t.st.ShopName(t.lang)), rows)
}

func serviceLabel(sv fo.Service, lang fo.Lang) string {
	return sv.Name(lang) + " " + sv.Price.String()
}

// bookAction handles a button of the booking conversation. An action that
// does not fit the current step is stale.
func (t *turn) bookAction(a convAction) error {
	c := t.conv
	switch {
	case a.action == "x":
		return t.abort()
	case c.Step == stepService && a.action == "sv":
		return t.chooseService(a.arg)
	case c.Step == stepDay && a.action == "d":
		return t.chooseDay(a.arg)
	case c.Step == stepDay && a.action == "bk":
		c.Step, c.Service = stepService, ""
		t.showServices()
		return nil
	case c.Step == stepSlot && a.action == "t":
		return t.chooseSlot(a.arg)
	case c.Step == stepSlot && a.action == "bk":
		c.Step, c.Day = stepDay, ""
		return t.showDays("")
	case c.Step == stepPhone && a.action == "me":
		return t.useKnownPhone()
	case c.Step == stepConfirm && a.action == "ok":
		return t.confirmBooking()
	}
	t.stale()
	return nil
}

// abort ends the conversation on the pressed message.
func (t *turn) abort() error {
	keyboard := t.conv.Keyboard
	t.conv = nil
	if keyboard {
		// The contact keyboard goes with a message of its own.
		t.send(fo.Message{Text: t.T("bot.aborted"), RemoveKeyboard: true})
		return nil
	}
	t.show(t.T("bot.aborted"), nil)
	return nil
}

func (t *turn) chooseService(id string) error {
	if _, ok := t.st.Service(id); !ok {
		t.stale() // forged or from old settings
		return nil
	}
	t.conv.Service = id
	t.conv.Step = stepDay
	return t.showDays("")
}

// freeDays returns the days with free slots for the conversation's
// service. A move counts the appointment's own bay as free
// (FreeSlotsExcept), so that the times next to it — which overlap it —
// are offered too; its own time is no move and is left out.
func (t *turn) freeDays() ([]fo.DaySlots, error) {
	if t.conv.Flow != flowMove {
		return t.b.bookings.FreeSlots(t.conv.Service)
	}
	days, err := t.b.bookings.FreeSlotsExcept(t.conv.Service, t.conv.Appointment)
	if err != nil {
		return nil, err
	}
	a, err := t.b.bookings.Appointment(t.conv.Appointment)
	if err != nil {
		return nil, err
	}
	out := days[:0:0]
	for _, d := range days {
		var slots []time.Time
		for _, s := range d.Slots {
			if !s.Equal(a.Start) {
				slots = append(slots, s)
			}
		}
		if len(slots) > 0 {
			out = append(out, fo.DaySlots{Day: d.Day, Slots: slots})
		}
	}
	return out, nil
}

// showDays shows the days with free slots, under note (an error to read
// first) when given. With no free day left the conversation ends.
func (t *turn) showDays(note string) error {
	days, err := t.freeDays()
	if err != nil {
		return err
	}
	loc := t.st.Location()
	header, err := t.dayHeader()
	if err != nil {
		return err
	}
	if note != "" {
		header = note + "\n\n" + header
	}
	if len(days) == 0 {
		sv, _ := t.st.Service(t.conv.Service)
		text := t.T("book.no_days", sv.Name(t.lang), t.st.Shop.Phone)
		if note != "" {
			text = note + "\n\n" + text
		}
		t.conv = nil
		t.show(text, nil)
		return nil
	}
	var bs []fo.Button
	for _, d := range days {
		bs = append(bs, button(fo.FormatDay(t.lang, d.Day, loc), t.conv.data("d", dayKey(d.Day, loc))))
	}
	rows := grid(bs, 3)
	ctl := []fo.Button{button(t.T("btn.abort"), t.conv.data("x"))}
	if t.conv.Flow == flowBook {
		ctl = append([]fo.Button{button(t.T("btn.back"), t.conv.data("bk"))}, ctl...)
	}
	t.show(header, append(rows, ctl))
	return nil
}

func (t *turn) dayHeader() (string, error) {
	if t.conv.Flow == flowMove {
		a, err := t.b.bookings.Appointment(t.conv.Appointment)
		if err != nil {
			return "", err
		}
		return t.T("move.day", a.Code, fo.FormatWhen(t.lang, a.Start, t.st.Location())), nil
	}
	sv, _ := t.st.Service(t.conv.Service)
	return t.T("book.day", serviceLabel(sv, t.lang)), nil
}

func (t *turn) chooseDay(arg string) error {
	if _, ok := parseDay(arg, t.st.Location()); !ok {
		t.stale()
		return nil
	}
	t.conv.Day = arg
	t.conv.Step = stepSlot
	return t.showSlots("")
}

// daySlots returns the free slots of the conversation's day.
func (t *turn) daySlots() ([]time.Time, error) {
	days, err := t.freeDays()
	if err != nil {
		return nil, err
	}
	loc := t.st.Location()
	for _, d := range days {
		if dayKey(d.Day, loc) == t.conv.Day {
			return d.Slots, nil
		}
	}
	return nil, nil
}

// showSlots shows the free slots of the conversation's day under note;
// when the day has none left it goes back to the days.
func (t *turn) showSlots(note string) error {
	slots, err := t.daySlots()
	if err != nil {
		return err
	}
	if len(slots) == 0 {
		if note == "" {
			note = t.T("err.slot_taken")
		}
		t.conv.Step, t.conv.Day = stepDay, ""
		return t.showDays(note)
	}
	loc := t.st.Location()
	day, _ := parseDay(t.conv.Day, loc)
	var header string
	if t.conv.Flow == flowMove {
		a, err := t.b.bookings.Appointment(t.conv.Appointment)
		if err != nil {
			return err
		}
		header = t.T("move.slot", a.Code, fo.FormatDay(t.lang, day, loc))
	} else {
		sv, _ := t.st.Service(t.conv.Service)
		header = t.T("book.slot", serviceLabel(sv, t.lang), fo.FormatDay(t.lang, day, loc))
	}
	if note != "" {
		header = note + "\n\n" + header
	}
	var bs []fo.Button
	for _, s := range slots {
		bs = append(bs, button(s.In(loc).Format("15:04"), t.conv.data("t", strconv.FormatInt(s.Unix(), 10))))
	}
	rows := grid(bs, 4)
	rows = append(rows, []fo.Button{button(t.T("btn.back"), t.conv.data("bk")), button(t.T("btn.abort"), t.conv.data("x"))})
	t.show(header, rows)
	return nil
}

// pickSlot checks that the pressed slot is still free. ok is false when it
// is not (then the slots are shown again) or the data is forged (stale).
func (t *turn) pickSlot(arg string) (time.Time, bool, error) {
	unix, err := strconv.ParseInt(arg, 10, 64)
	if err != nil {
		t.stale()
		return time.Time{}, false, nil
	}
	start := time.Unix(unix, 0).UTC()
	slots, err := t.daySlots()
	if err != nil {
		return time.Time{}, false, err
	}
	for _, s := range slots {
		if s.Equal(start) {
			return start, true, nil
		}
	}
	t.answer(t.T("err.slot_taken"))
	return time.Time{}, false, t.showSlots(t.T("err.slot_taken"))
}

func (t *turn) chooseSlot(arg string) error {
	start, ok, err := t.pickSlot(arg)
	if !ok || err != nil {
		return err
	}
	t.conv.Start = start
	if t.conv.Plate != "" { // from a maintenance reminder: the plate is known
		return t.typedPlate(t.conv.Plate)
	}
	t.conv.Step = stepPlate
	t.show(t.T("book.plate", t.serviceLine(), t.whenLine()), nil)
	return nil
}

// serviceLine is the chosen service with its price; whenLine the chosen
// time with the end.
func (t *turn) serviceLine() string {
	sv, _ := t.st.Service(t.conv.Service)
	return serviceLabel(sv, t.lang)
}

func (t *turn) whenLine() string {
	sv, _ := t.st.Service(t.conv.Service)
	loc := t.st.Location()
	return fo.FormatWhen(t.lang, t.conv.Start, loc) + "–" + t.conv.Start.Add(sv.Duration()).In(loc).Format("15:04")
}

// summary states what will be booked: service and official price (REC-1),
// the time clearly (APT-1), plate, masked phone, the name of a new
// customer, the address and any deposit (APT-2).
func (t *turn) summary() string {
	sv, _ := t.st.Service(t.conv.Service)
	lines := []string{t.T("book.summary", sv.Name(t.lang), sv.Price.String(), t.whenLine(),
		fo.FormatPlate(t.conv.Plate), fo.MaskPhone(t.conv.Phone))}
	if t.conv.Name != "" {
		lines = append(lines, t.T("book.summary_name", t.conv.Name))
	}
	lines = append(lines, t.T("book.summary_address", t.st.ShopAddress(t.lang)))
	if d := t.st.Deposit(sv); d > 0 {
		lines = append(lines, t.T("apt.deposit", d))
	}
	lines = append(lines, t.T("book.summary_confirm"))
	return strings.Join(lines, "\n")
}

func (t *turn) confirmButtons() [][]fo.Button {
	return [][]fo.Button{{button(t.T("btn.confirm"), t.conv.data("ok")), button(t.T("btn.abort"), t.conv.data("x"))}}
}

// confirmBooking books (APT-1: the customer confirmed the stated time).
// The store writes the confirmation (code, time, address, deposit) under
// the key tg:<update>:r0 and the staff notice (APT-4) in the same
// transaction; a repeat of this update returns the same appointment.
func (t *turn) confirmBooking() error {
	c := t.conv
	in := fo.CustomerInput{ID: c.CustomerID, ChatID: t.chatID, Lang: t.lang}
	if c.CustomerID == 0 {
		in.Phone, in.Name, in.Verified = c.Phone, c.Name, c.Verified
	}
	a, err := t.b.bookings.Book(fo.BookRequest{
		Idem:      t.idem(),
		ReplyKey:  t.storeReplyKey(),
		ServiceID: c.Service,
		Start:     c.Start,
		Customer:  in,
		Plate:     c.Plate,
		Source:    "bot",
		By:        "customer:bot",
	})
	if err == nil {
		summary := t.summary()
		t.conv = nil
		t.show(summary+"\n\n"+t.T("book.confirmed", a.Code), nil)
		return nil
	}
	msg, ok := t.userError(err)
	if !ok {
		return err
	}
	if errors.Is(err, fo.ErrSlotTaken) || errors.Is(err, fo.ErrSlotRule) {
		// Taken meanwhile, or no longer bookable: choose again.
		t.answer(msg)
		c.Start = time.Time{}
		c.Step = stepSlot
		return t.showSlots(msg)
	}
	t.conv = nil
	t.show(msg, nil)
	return nil
}
