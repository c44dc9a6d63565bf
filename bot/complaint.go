package bot

import (
	"errors"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	fo "frontoffice"
)

// complaintStore is what filing, taking, answering and closing complaints
// needs (CMP-1..CMP-4).
type complaintStore interface {
	CustomerByChat(chatID int64) (fo.Customer, error)
	Vehicles(customerID uint64) ([]fo.Vehicle, error)
	VehicleVisits(vehicleID uint64) ([]fo.Visit, error)
	FileComplaint(req fo.ComplaintRequest) (fo.Complaint, error)
	Complaint(id uint64) (fo.Complaint, error)
	OpenComplaints() ([]fo.Complaint, error)
	TakeComplaint(id uint64, staff string) (fo.Complaint, error)
	AnswerComplaint(req fo.AnswerRequest) (fo.Complaint, error)
	RecordVerdict(req fo.VerdictRequest) (fo.Complaint, error)
}

// Complaints in the chat (CMP-1 to CMP-4).
//
// The customer's conversation (menu button or /complaint): category
// (buttons) → what happened (text, at most fo.MaxComplaintText characters)
// → an optional photo (or "skip") → "is it about safety, or can the vehicle
// not be used?" (yes = major, CMP-3; a safety complaint is major without
// asking) → store.FileComplaint, which registers it (CMP-1), writes the
// customer's acknowledgement with the ticket number and the answer deadline
// (CMP-2) under this update's reply key, and tells the staff chats with
// "take" and "answer" buttons.
//
// The staff's side (staff chats and staff members' private chats, after
// settings.StaffByTelegram): "cmp:take:<id>" → store.TakeComplaint;
// "cmp:ans:<id>" → the staff member is asked for the answer, and their
// next text in that chat → store.AnswerComplaint, which sends it to the
// customer with "satisfied / not satisfied" buttons. The customer's press
// ("cmp:ok|no:<id>") → store.RecordVerdict: satisfied closes the
// complaint, dissatisfied reopens it to the supervisor (CMP-4).

// startComplaint starts filing a complaint: a new message (the menu stays
// usable) greeting with the shop's name (REC-1) and asking the category.
func (t *turn) startComplaint() error {
	t.conv = &conversation{Flow: flowComplaint, Step: stepCategory, Nonce: newNonce()}
	var bs []fo.Button
	for _, c := range fo.ComplaintCategories {
		bs = append(bs, button(t.T("cmp.cat."+c), t.conv.data("cat", c)))
	}
	rows := grid(bs, 2)
	rows = append(rows, []fo.Button{button(t.T("btn.abort"), t.conv.data("x"))})
	t.show(t.T("cmpc.start", t.st.ShopName(t.lang)), rows)
	return nil
}

// complaintAction handles a button of the complaint conversation.
func (t *turn) complaintAction(a convAction) error {
	c := t.conv
	switch {
	case a.action == "x":
		return t.abort()
	case c.Step == stepCategory && a.action == "cat":
		if _, err := fo.ParseCategory(a.arg); err != nil {
			t.stale()
			return nil
		}
		c.Category, c.Step = a.arg, stepWhat
		t.show(t.T("cmpc.what", t.T("cmp.cat."+a.arg), fo.MaxComplaintText), [][]fo.Button{{button(t.T("btn.abort"), c.data("x"))}})
		return nil
	case c.Step == stepPhoto && a.action == "skip":
		return t.afterPhoto()
	case c.Step == stepMajor && (a.action == "y" || a.action == "n"):
		return t.fileOrAskWhere(a.action == "y") // NET-3
	case c.Step == stepWhere && a.action == "at":
		return t.whereChosen(a.arg) // NET-3
	}
	t.stale()
	return nil
}

// complaintText reads what happened; at the other steps text is not what
// is asked.
func (t *turn) complaintText(text string) error {
	c := t.conv
	switch c.Step {
	case stepWhat:
		what, err := fo.ParseNote(text, fo.MaxComplaintText)
		if err != nil {
			t.say(fo.ErrorText(t.lang, err), nil)
			return nil
		}
		c.What = what
		if c.PhotoID != "" { // the photo came first
			return t.afterPhoto()
		}
		c.Step = stepPhoto
		t.say(t.T("cmpc.photo"), [][]fo.Button{{button(t.T("btn.cmp_skip"), c.data("skip")), button(t.T("btn.abort"), c.data("x"))}})
	case stepPhoto:
		t.say(t.T("cmpc.photo_or_skip"), nil)
	default:
		t.say(t.T("bot.use_buttons"), nil)
	}
	return nil
}

// complaintPhoto takes the largest size of a photo: at the photo step, or
// with what happened as its caption, or before the text (which is then
// asked for).
func (t *turn) complaintPhoto(m *tgbotapi.Message) error {
	c := t.conv
	if c.Step != stepWhat && c.Step != stepPhoto {
		t.say(t.T("bot.use_buttons"), nil)
		return nil
	}
	c.PhotoID = largestPhoto(m.Photo)
	if c.Step == stepPhoto {
		return t.afterPhoto()
	}
	if strings.TrimSpace(m.Caption) == "" {
		t.say(t.T("cmpc.photo_then_text"), nil)
		return nil
	}
	return t.complaintText(m.Caption)
}

// largestPhoto returns the file_id of the largest size of a photo.
func largestPhoto(sizes []tgbotapi.PhotoSize) string {
	best := sizes[0]
	for _, p := range sizes[1:] {
		if p.Width*p.Height > best.Width*best.Height {
			best = p
		}
	}
	return best.FileID
}

// afterPhoto asks whether the complaint is major (CMP-3); a safety
// complaint is major without asking.
func (t *turn) afterPhoto() error {
	c := t.conv
	if c.Category == "safety" {
		return t.fileOrAskWhere(true) // NET-3
	}
	c.Step = stepMajor
	t.show(t.T("cmpc.major"), [][]fo.Button{
		{button(t.T("btn.cmp_major_yes"), c.data("y")), button(t.T("btn.cmp_major_no"), c.data("n"))},
		{button(t.T("btn.abort"), c.data("x"))},
	})
	return nil
}

// fileComplaint registers the complaint (CMP-1). The store writes the
// ticket and the answer deadline to the customer (CMP-2) as this update's
// first reply, and the notice with buttons to the staff; the bot shows
// the customer what was filed.
func (t *turn) fileComplaint(major bool) error {
	c := t.conv
	visit, vehicle, err := t.complaintSubject()
	if err != nil {
		return err
	}
	_, err = t.b.complaints.FileComplaint(fo.ComplaintRequest{
		Idem: t.idem(), ReplyKey: t.storeReplyKey(), Channel: fo.ChannelBot,
		Category: c.Category, Text: c.What, PhotoID: c.PhotoID, Major: major || c.Category == "safety",
		ChatID: t.chatID, Customer: fo.CustomerInput{Lang: t.lang, Name: t.telegramName()}, VisitID: visit, VehicleID: vehicle, By: "customer:bot",
		StationID: c.Station, // NET-3
	})
	if err != nil {
		msg, ok := t.userError(err)
		if !ok {
			return err
		}
		t.conv = nil
		t.show(msg, nil)
		return nil
	}
	yesNo := func(b bool) string {
		if b {
			return t.T("cmpc.yes")
		}
		return t.T("cmpc.no")
	}
	t.conv = nil
	t.show(t.T("cmpc.filed", t.T("cmp.cat."+c.Category), c.What, yesNo(c.PhotoID != ""), yesNo(major || c.Category == "safety")), nil)
	return nil
}

// complaintVisitDays is how long after a delivery a complaint from the
// customer's chat is taken to be about that visit.
const complaintVisitDays = 30

// complaintSubject returns what a complaint from this chat is about, so
// that it is linked to the visit or vehicle when there is one (CMP-1): the
// latest visit of the chat's customer still in the shop or delivered
// within complaintVisitDays, else their only vehicle; nothing for a chat
// not linked to a customer.
func (t *turn) complaintSubject() (visit, vehicle uint64, err error) {
	cust, err := t.b.complaints.CustomerByChat(t.chatID)
	if errors.Is(err, fo.ErrNotFound) {
		return 0, 0, nil
	}
	if err != nil {
		return 0, 0, err
	}
	vs, err := t.b.complaints.Vehicles(cust.ID)
	if err != nil {
		return 0, 0, err
	}
	var latest time.Time
	for _, veh := range vs {
		visits, err := t.b.complaints.VehicleVisits(veh.ID)
		if err != nil {
			return 0, 0, err
		}
		for _, v := range visits {
			recent := v.Open() || t.now.Sub(v.DeliveredAt) <= complaintVisitDays*24*time.Hour
			if recent && v.CheckedInAt.After(latest) {
				visit, latest = v.ID, v.CheckedInAt
			}
		}
	}
	if visit == 0 && len(vs) == 1 {
		vehicle = vs[0].ID
	}
	return visit, vehicle, nil
}

// verdict records the customer's verdict on an answer (CMP-4) and shows
// it under the answer. The store closes the complaint (satisfied) or
// reopens it to the supervisor with a new deadline (not satisfied), and
// tells the customer. A press from another chat than the complaint's, or
// a second press, is stale and changes nothing.
func (t *turn) verdict(cq *tgbotapi.CallbackQuery, id uint64, satisfied bool) error {
	_, err := t.b.complaints.RecordVerdict(fo.VerdictRequest{ID: id, Satisfied: satisfied, ChatID: t.chatID, Idem: t.idem()})
	if errors.Is(err, fo.ErrNotFound) || errors.Is(err, fo.ErrStale) {
		t.stale()
		return nil
	}
	if err != nil {
		return err
	}
	key := "cmpc.verdict_no"
	if satisfied {
		key = "cmpc.verdict_ok"
	}
	text := t.T(key)
	if cq.Message.Text != "" {
		text = cq.Message.Text + "\n\n" + text
	}
	t.editID = cq.Message.MessageID
	t.show(text, nil)
	return nil
}

// complaintStaff handles "cmp:take:<id>" and "cmp:ans:<id>" from a staff
// member (t.member is set).
func (t *turn) complaintStaff(cq *tgbotapi.CallbackQuery, action string, id uint64) error {
	if action == fo.CmpTake {
		c, err := t.b.complaints.TakeComplaint(id, t.member.ID)
		switch {
		case errors.Is(err, fo.ErrNotFound):
			t.stale()
			return nil
		case errors.Is(err, fo.ErrNotAllowed):
			t.answer(t.T("staffc.closed"))
			return nil
		case fo.ErrorCode(err) == fo.ECONFLICT:
			t.answer(fo.ErrorText(t.lang, err))
			return nil
		case err != nil:
			return err
		}
		// The store tells the staff chats; the pressed notice keeps only
		// the answer button and names the assignee.
		t.answer(t.T("staffc.took", c.Ticket))
		if text := cq.Message.Text; text != "" && !strings.Contains(text, "\n🙋 ") {
			var rows [][]fo.Button
			if c.Unanswered() {
				rows = [][]fo.Button{{button(t.T("btn.cmp.ans"), fo.ComplaintData(fo.CmpAnswer, c.ID))}}
			}
			t.editID = cq.Message.MessageID
			t.show(text+"\n"+t.T("staffc.assignee", t.member.Name), rows)
		}
		return nil
	}
	c, err := t.b.complaints.Complaint(id)
	if errors.Is(err, fo.ErrNotFound) {
		t.stale()
		return nil
	}
	if err != nil {
		return err
	}
	if !c.Unanswered() {
		t.answer(t.T("staffc.not_waiting", c.Ticket))
		return nil
	}
	t.sconv = &staffConv{Flow: sflowAnswer, Step: sstepText, Nonce: newNonce(), Complaint: c.ID}
	who := c.CustomerName
	if who == "" {
		who = t.T("staffc.unnamed")
	}
	t.say(t.T("staffc.ask_answer", t.member.Name, c.Ticket, fo.MaxAnswerText, who, c.Text),
		[][]fo.Button{{button(t.T("btn.abort"), t.sconv.data("x"))}})
	return nil
}

// complaintAnswer sends the staff member's text as the answer to the
// complaint (store.AnswerComplaint): to the customer's chat with the
// verdict buttons, or, for a customer without a chat, recorded as given on
// the phone.
func (t *turn) complaintAnswer(text string) error {
	c, err := t.b.complaints.AnswerComplaint(fo.AnswerRequest{ID: t.sconv.Complaint, Staff: t.member.ID, Text: text, Idem: t.idem()})
	switch {
	case errors.Is(err, fo.ErrNotAllowed) || errors.Is(err, fo.ErrNotFound):
		// Answered (or closed) meanwhile by someone else.
		cur, _ := t.b.complaints.Complaint(t.sconv.Complaint)
		t.sconv = nil
		t.say(t.T("staffc.not_waiting", cur.Ticket), nil)
		return nil
	case fo.ErrorCode(err) == fo.EINVALID:
		t.say(fo.ErrorText(t.lang, err), nil)
		return nil
	case err != nil:
		return err
	}
	t.sconv = nil
	key := "staffc.answered"
	if n := len(c.History); n > 0 && strings.HasPrefix(c.History[n-1].Note, "phone:") {
		key = "staffc.answered_phone"
	}
	t.say(t.T(key, c.Ticket), nil)
	return nil
}

// maxListedComplaints is how many open complaints /complaints shows.
const maxListedComplaints = 20

// openComplaints lists the complaints not closed, the earliest deadline
// first, each with where it stands, the time left (CMP-3) and its
// buttons: /complaints.
func (t *turn) openComplaints() error {
	cs, err := t.b.complaints.OpenComplaints()
	if err != nil {
		return err
	}
	if len(cs) == 0 {
		t.say(t.T("staffc.none"), nil)
		return nil
	}
	for i, c := range cs {
		if i == maxListedComplaints {
			t.say(t.T("staffc.more", len(cs)-i), nil)
			break
		}
		who := t.T("staff.nobody")
		if c.Assignee != "" {
			who = t.st.StaffName(c.Assignee)
		}
		var left string
		switch d := fo.ComplaintTimeLeft(c, t.now); {
		case !c.Unanswered():
			left = t.T("staffc.wait_verdict")
		case d >= 0:
			left = t.T("staffc.left", t.duration(d))
		default:
			left = t.T("staffc.overdue", t.duration(-d))
		}
		var row []fo.Button
		if c.Unanswered() && c.Assignee == "" {
			row = append(row, button(t.T("btn.cmp.take"), fo.ComplaintData(fo.CmpTake, c.ID)))
		}
		if c.Unanswered() {
			row = append(row, button(t.T("btn.cmp.ans"), fo.ComplaintData(fo.CmpAnswer, c.ID)))
		}
		var rows [][]fo.Button
		if len(row) > 0 {
			rows = [][]fo.Button{row}
		}
		t.say(fo.StaffComplaintText(&t.st, c)+"\n"+t.T("staffc.status", t.T("cmp.st."+string(c.Status)), who, left), rows)
	}
	return nil
}

// duration writes d in hours and minutes: "3 小时 20 分" / "3 h 20 min".
func (t *turn) duration(d time.Duration) string {
	d = d.Round(time.Minute)
	return t.T("staffc.duration", int(d/time.Hour), int(d%time.Hour/time.Minute))
}

// telegramName is how the user of this turn calls themselves in Telegram,
// shown to staff for a chat that is not linked to an archive.
func (t *turn) telegramName() string {
	u := t.from
	if u == nil {
		return ""
	}
	name := strings.TrimSpace(u.FirstName + " " + u.LastName)
	if u.UserName != "" {
		name = strings.TrimSpace(name + " @" + u.UserName)
	}
	return "Telegram: " + name
}
