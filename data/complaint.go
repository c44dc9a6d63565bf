package data

// Complaints (CMP-1 to CMP-5) and the call and letter registers (FU-7).
//
// Buckets and key layouts:
//
//	complaints      id → JSON fo.Complaint
//	                "T" YYYYMMDD NNNN (filing day in the shop's zone, the
//	                day's count) → id: the ticket index, which also gives
//	                the next ticket number and the complaints of a month
//	complaint_open  id → empty, for every complaint not closed
//	reg_call        time | seq → JSON RegisterEntry: the call register
//	                (电话登记表, FU-7), calls made and received
//	reg_letter      time | seq → JSON RegisterEntry: the letter register
//	                (信函登记表, FU-7), messages and letters sent and received
//
// Due kinds: cmpwarn (the assignee is warned before the deadline), cmpdue
// (the deadline passed unanswered: the supervisor), cmpstale (unresolved 2
// days after filing or reopening: the supervisor, again every 2 days,
// CMP-5).

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

const (
	cmpWarnKind  = "cmpwarn"
	cmpDueKind   = "cmpdue"
	cmpStaleKind = "cmpstale"
)

// ComplaintRequest files a complaint (CMP-1). The customer is CustomerID,
// or the customer linked to ChatID, or the one with Customer.Phone
// (created with Customer.Name when new); a bot complaint from a chat not
// linked to any customer is answered in that chat.
type ComplaintRequest struct {
	// Idem makes the request idempotent: a repeat returns the first result.
	Idem string
	// ReplyKey is the outbox key of the customer's acknowledgement (the
	// bot passes its reply key); "cmp:<id>:filed" when empty.
	ReplyKey   string
	Channel    string // fo.ChannelBot, ...
	Category   string // one of fo.ComplaintCategories
	Text       string
	PhotoID    string // Telegram file_id of a photo
	Major      bool   // safety, or the vehicle cannot be used (CMP-3)
	CustomerID uint64
	ChatID     int64
	Customer   CustomerInput
	VisitID    uint64
	VehicleID  uint64
	Plate      string // normalised; finds the vehicle when no visit or vehicle is given
	CallID     uint64
	SurveyID   uint64
	Assignee   string // staff id, when known at filing
	By         string // "customer:bot", "staff:li", "system"
}

// FileComplaint registers a complaint (CMP-1) in one transaction: ticket
// number and answer deadline (CMP-2, CMP-3), the warning, the deadline and
// the 2-day escalation in the due index (CMP-5), the register entry of a
// message or call (FU-7), the customer's acknowledgement with the ticket
// and the deadline in their language (CMP-2), and the staff chats' notice
// with take and answer buttons (and the supervisor's, when major). An
// unknown category, an empty or too long text, or no customer to answer is
// an EINVALID *Error.
func (s *Store) FileComplaint(req ComplaintRequest) (fo.Complaint, error) {
	var c fo.Complaint
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		if done, err := idemGet(tx, req.Idem, &c); done || err != nil {
			return err
		}
		st, err := settingsTx(tx)
		if err != nil {
			return err
		}
		if c, err = w.fileComplaint(&st, req); err != nil {
			return err
		}
		return idemPut(tx, req.Idem, c)
	})
	return c, err
}

func (w *writer) fileComplaint(st *fo.Settings, req ComplaintRequest) (fo.Complaint, error) {
	var c fo.Complaint
	cat, err := fo.ParseCategory(req.Category)
	if err != nil {
		return c, err
	}
	if !slices.Contains(fo.ComplaintChannels, req.Channel) {
		return c, fo.Errorf(fo.EINVALID, "err.cmp.channel")
	}
	text, err := fo.ParseNote(req.Text, fo.MaxComplaintText)
	if err != nil {
		return c, err
	}
	c = fo.Complaint{Channel: req.Channel, Category: cat, Text: text, PhotoID: req.PhotoID, Major: req.Major || cat == "safety",
		Status: fo.CmpOpen, VisitID: req.VisitID, VehicleID: req.VehicleID, CallID: req.CallID, SurveyID: req.SurveyID,
		ChatID: req.ChatID, Lang: fo.ZH, By: req.By, FiledAt: w.now}
	if err := w.complaintParties(&c, req); err != nil {
		return c, err
	}
	if _, ok := st.StaffMember(req.Assignee); ok {
		c.Assignee = req.Assignee
	}
	b := w.tx.Bucket(bComplaints)
	if c.ID, err = nextID(b); err != nil {
		return c, err
	}
	day := w.now.In(st.Location())
	n := nextTicketNo(b, day.Format("20060102"))
	c.Ticket = fo.TicketNo(day, n)
	if err := b.Put(ticketKey(day.Format("20060102"), n), u64(c.ID)); err != nil {
		return c, err
	}
	c.History = []fo.ComplaintEvent{{At: w.now, By: req.By, Action: "filed", Note: req.Channel}}
	if c.Assignee != "" {
		c.History = append(c.History, fo.ComplaintEvent{At: w.now, By: req.By, Action: "assigned", Note: c.Assignee})
	}
	c.FirstDueAt = st.ComplaintDeadline(w.now, c.Major)
	if err := w.armComplaint(st, &c); err != nil {
		return c, err
	}
	if err := w.putComplaint(c); err != nil {
		return c, err
	}
	if err := w.registerComplaint(c, c.Channel, "complaint_in", req.By, c.Text); err != nil {
		return c, err
	}
	id := strconv.FormatUint(c.ID, 10)
	var msgs []fo.Message
	// The survey's thanks carries a survey complaint's ticket (SUR-2).
	if chat := w.complaintChat(c); chat != 0 && c.Channel != fo.ChannelSurvey {
		k := req.ReplyKey
		if k == "" {
			k = "cmp:" + id + ":filed"
		}
		msgs = append(msgs, fo.Message{Key: k, ChatID: chat, Text: fo.ComplaintFiledText(st, c, c.Lang), Lang: c.Lang})
		if err := w.registerComplaint(c, fo.ChannelBot, "ack", "system", ""); err != nil {
			return c, err
		}
	}
	buttons := [][]fo.Button{{
		{Text: fo.Texts.T(fo.ZH, "btn.cmp.take"), Data: fo.ComplaintData("take", c.ID)},
		{Text: fo.Texts.T(fo.ZH, "btn.cmp.ans"), Data: fo.ComplaintData("ans", c.ID)},
	}}
	staffText := fo.StaffComplaintText(st, c)
	chats := slices.Clone(st.StaffChats)
	if c.Major || c.Assignee != "" {
		for _, who := range []string{st.SupervisorID(), c.Assignee} {
			if who != "" && (c.Major || who == c.Assignee) {
				chats = appendNew(chats, staffChats(st, who)...)
			}
		}
	}
	msgs = append(msgs, toChats(chats, "cmp:"+id+":new", staffText, buttons, time.Time{})...)
	return c, w.enqueue(msgs...)
}

// complaintParties fills in the customer, vehicle and visit of a new
// complaint from the request.
func (w *writer) complaintParties(c *fo.Complaint, req ComplaintRequest) error {
	var cust fo.Customer
	switch {
	case req.CustomerID != 0:
		if err := getJSON(w.tx.Bucket(bCustomers), u64(req.CustomerID), &cust); err != nil {
			return err
		}
	case req.ChatID != 0 && w.tx.Bucket(bCustChat).Get(i64(req.ChatID)) != nil:
		if err := getJSON(w.tx.Bucket(bCustomers), w.tx.Bucket(bCustChat).Get(i64(req.ChatID)), &cust); err != nil {
			return err
		}
	case req.Customer.Phone != "" || req.Customer.ID != 0:
		var err error
		if cust, err = w.upsertCustomer(req.Customer); err != nil {
			return err
		}
	case req.ChatID == 0:
		return fo.Errorf(fo.EINVALID, "err.cmp.customer")
	}
	c.CustomerID, c.CustomerName = cust.ID, cust.Name
	if cust.Lang != "" {
		c.Lang = cust.Lang
	}
	if req.Customer.Lang != "" {
		c.Lang = req.Customer.Lang
	}
	if c.VisitID != 0 {
		v, err := getVisit(w.tx, c.VisitID)
		if err != nil {
			return err
		}
		if c.CustomerID != 0 && v.CustomerID != c.CustomerID {
			return fo.ErrNotFound
		}
		c.VehicleID, c.CustomerID, c.Plate = v.VehicleID, v.CustomerID, v.Plate
		if c.CustomerName == "" {
			c.CustomerName = v.CustomerName
		}
	}
	if c.VehicleID == 0 && req.Plate != "" {
		if id := w.tx.Bucket(bVehPlate).Get([]byte(req.Plate)); id != nil {
			c.VehicleID = btou(id)
		}
	}
	if c.VehicleID != 0 && c.Plate == "" {
		var v fo.Vehicle
		if err := getJSON(w.tx.Bucket(bVehicles), u64(c.VehicleID), &v); err != nil {
			return err
		}
		c.Plate = v.Plate
	}
	return nil
}

// armComplaint sets a complaint's answer deadline, warning and 2-day
// escalation from now (CMP-2, CMP-3, CMP-5) and puts them in the due
// index.
func (w *writer) armComplaint(st *fo.Settings, c *fo.Complaint) error {
	c.DueAt = st.ComplaintDeadline(w.now, c.Major)
	c.WarnAt = st.ComplaintWarnAt(w.now, c.Major)
	c.StaleAt = w.now.Add(fo.ComplaintStaleAfter)
	for _, d := range []struct {
		at   time.Time
		kind string
	}{{c.WarnAt, cmpWarnKind}, {c.DueAt, cmpDueKind}, {c.StaleAt, cmpStaleKind}} {
		if err := w.putDue(d.at, d.kind, c.ID); err != nil {
			return err
		}
	}
	return nil
}

func ticketKey(day string, n int) []byte { return fmt.Appendf(nil, "T%s%04d", day, n) }

// nextTicketNo returns the next number of the day's tickets.
func nextTicketNo(b *bolt.Bucket, day string) int {
	prefix := []byte("T" + day)
	c := b.Cursor()
	k, _ := c.Seek(append(slices.Clone(prefix), 0xff))
	if k == nil {
		k, _ = c.Last()
	} else {
		k, _ = c.Prev()
	}
	if k == nil || !bytes.HasPrefix(k, prefix) {
		return 1
	}
	n, _ := strconv.Atoi(string(k[len(prefix):]))
	return n + 1
}

// putComplaint stores c and keeps the open index.
func (w *writer) putComplaint(c fo.Complaint) error {
	open := w.tx.Bucket(bComplaintOpen)
	var err error
	if c.Status == fo.CmpClosed {
		err = open.Delete(u64(c.ID))
	} else {
		err = open.Put(u64(c.ID), nil)
	}
	if err != nil {
		return err
	}
	return putJSON(w.tx.Bucket(bComplaints), u64(c.ID), c)
}

func getComplaint(tx *bolt.Tx, id uint64) (fo.Complaint, error) {
	var c fo.Complaint
	err := getJSON(tx.Bucket(bComplaints), u64(id), &c)
	return c, err
}

// complaintChat returns the chat a complaint's customer is answered in: the
// filing chat, else the customer's linked chat; 0 when none (phone).
func (w *writer) complaintChat(c fo.Complaint) int64 {
	if c.ChatID != 0 {
		return c.ChatID
	}
	return w.customerChat(c.CustomerID)
}

// registerComplaint writes a complaint's message or call in the letter or
// call register (FU-7): calls (phone, follow-up call) in the call register,
// written messages (bot, kiosk, letter) in the letter register; visits,
// samples and surveys only in the complaint register itself (CMP-1).
func (w *writer) registerComplaint(c fo.Complaint, channel, action, by, note string) error {
	bucket := bRegLetter
	switch channel {
	case fo.ChannelPhone, fo.ChannelCall:
		bucket = bRegCall
	case fo.ChannelBot, fo.ChannelKiosk, fo.ChannelLetter:
	default:
		return nil
	}
	detail := strings.TrimSpace(c.CustomerName + " " + fo.FormatPlate(c.Plate) + " " + clip(note, 80))
	return w.register(bucket, fo.RegisterEntry{Action: action, Ref: c.ID, Code: c.Ticket, By: by, Detail: detail})
}

// clip shortens s to n characters.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// changeComplaint loads complaint id, lets fn change it and stores it.
func (s *Store) changeComplaint(id uint64, idem string, fn func(w *writer, st *fo.Settings, c *fo.Complaint) error) (fo.Complaint, error) {
	var c fo.Complaint
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		if done, err := idemGet(tx, idem, &c); done || err != nil {
			return err
		}
		var err error
		if c, err = getComplaint(tx, id); err != nil {
			return err
		}
		st, err := settingsTx(tx)
		if err != nil {
			return err
		}
		if err := fn(w, &st, &c); err != nil {
			return err
		}
		if err := w.putComplaint(c); err != nil {
			return err
		}
		return idemPut(tx, idem, c)
	})
	return c, err
}

// TakeComplaint makes staff member staff the complaint's assignee (the
// "take" button). A complaint another staff member took is ECONFLICT
// ("err.cmp.taken"); a closed one ErrNotAllowed; an unknown staff member
// ErrForbidden. Taking one's own complaint again changes nothing.
func (s *Store) TakeComplaint(id uint64, staff string) (fo.Complaint, error) {
	return s.changeComplaint(id, "", func(w *writer, st *fo.Settings, c *fo.Complaint) error {
		if _, ok := st.StaffMember(staff); !ok {
			return fo.ErrForbidden
		}
		switch {
		case c.Status == fo.CmpClosed:
			return fo.ErrNotAllowed
		case c.Assignee == staff:
			return nil
		case c.Assignee != "":
			return fo.Errorf(fo.ECONFLICT, "err.cmp.taken", st.StaffName(c.Assignee))
		}
		c.Assignee = staff
		c.History = append(c.History, fo.ComplaintEvent{At: w.now, By: "staff:" + staff, Action: "taken"})
		text := fo.Texts.T(fo.ZH, "staff.cmp.taken", c.Ticket, st.StaffName(staff))
		return w.enqueue(toChats(st.StaffChats, "cmp:"+strconv.FormatUint(c.ID, 10)+":taken:"+staff, text, nil, time.Time{})...)
	})
}

// AssignComplaint gives the complaint to staff member staff (the
// supervisor routes it, CMP-1); the new assignee is told.
func (s *Store) AssignComplaint(id uint64, staff, by string) (fo.Complaint, error) {
	return s.changeComplaint(id, "", func(w *writer, st *fo.Settings, c *fo.Complaint) error {
		if _, ok := st.StaffMember(staff); !ok {
			return fo.Errorf(fo.EINVALID, "err.cmp.staff")
		}
		if c.Status == fo.CmpClosed {
			return fo.ErrNotAllowed
		}
		c.Assignee = staff
		c.History = append(c.History, fo.ComplaintEvent{At: w.now, By: by, Action: "assigned", Note: staff})
		text := fo.StaffComplaintText(st, *c)
		k := fmt.Sprintf("cmp:%d:assigned:%s:%d", c.ID, staff, len(c.History))
		return w.enqueue(toChats(staffChats(st, staff), k, text, answerButtons(c.ID), time.Time{})...)
	})
}

func answerButtons(id uint64) [][]fo.Button {
	return [][]fo.Button{{{Text: fo.Texts.T(fo.ZH, "btn.cmp.ans"), Data: fo.ComplaintData("ans", id)}}}
}

// AnswerRequest is a staff answer to a complaint.
type AnswerRequest struct {
	ID    uint64
	Staff string // staff id
	Text  string
	// ByPhone says the answer was given on the phone, not sent in the chat
	// (always so for a customer without a chat).
	ByPhone bool
	Idem    string
}

// AnswerComplaint records a staff answer to a complaint waiting for one
// (open or reopened; else ErrNotAllowed). The answer reaches the customer
// in the chat, with buttons asking whether they are satisfied (callback
// data "cmp:ok:<id>" / "cmp:no:<id>", CMP-4), and goes in the letter
// register; an answer given on the phone goes in the call register and the
// staff record the verdict with RecordVerdict. The staff member becomes
// the assignee when there was none.
func (s *Store) AnswerComplaint(req AnswerRequest) (fo.Complaint, error) {
	return s.changeComplaint(req.ID, req.Idem, func(w *writer, st *fo.Settings, c *fo.Complaint) error {
		if _, ok := st.StaffMember(req.Staff); !ok {
			return fo.ErrForbidden
		}
		if !c.Unanswered() {
			return fo.ErrNotAllowed
		}
		text, err := fo.ParseNote(req.Text, fo.MaxAnswerText)
		if err != nil {
			return err
		}
		by := "staff:" + req.Staff
		if c.Assignee == "" {
			c.Assignee = req.Staff
		}
		c.Status, c.AnsweredAt, c.Answer = fo.CmpAnswered, w.now, text
		if c.FirstAnsweredAt.IsZero() {
			c.FirstAnsweredAt = w.now
		}
		c.Answers++
		chat := w.complaintChat(*c)
		byPhone := req.ByPhone || chat == 0
		how := "chat"
		if byPhone {
			how = "phone"
		}
		c.History = append(c.History, fo.ComplaintEvent{At: w.now, By: by, Action: "answered", Note: how + ": " + text})
		if byPhone {
			return w.registerComplaint(*c, fo.ChannelPhone, "answer", by, text)
		}
		if err := w.registerComplaint(*c, fo.ChannelBot, "answer", by, text); err != nil {
			return err
		}
		return w.enqueue(fo.Message{Key: fmt.Sprintf("cmp:%d:answer:%d", c.ID, c.Answers), ChatID: chat, Lang: c.Lang,
			Text: fo.Texts.T(c.Lang, "cmp.answer", st.ShopName(c.Lang), c.Ticket, text),
			Buttons: [][]fo.Button{{
				{Text: fo.Texts.T(c.Lang, "btn.cmp.ok"), Data: fo.ComplaintData("ok", c.ID)},
				{Text: fo.Texts.T(c.Lang, "btn.cmp.no"), Data: fo.ComplaintData("no", c.ID)},
			}}})
	})
}

// VerdictRequest is the customer's verdict on an answer (CMP-4): from
// their chat (ChatID, the "cmp:ok"/"cmp:no" buttons) or recorded by staff
// after a phone answer (Staff).
type VerdictRequest struct {
	ID        uint64
	Satisfied bool
	ChatID    int64
	Staff     string
	Idem      string
}

// RecordVerdict closes the loop of an answered complaint (CMP-4):
// satisfied closes it with the answer as its resolution; dissatisfied
// reopens it to the supervisor with a new deadline (CMP-2, CMP-3), and the
// supervisor is told. The customer is thanked, or told the new deadline. A
// chat that is not the complaint's gets ErrNotFound; a complaint not
// waiting for a verdict ErrStale (a button pressed twice).
func (s *Store) RecordVerdict(req VerdictRequest) (fo.Complaint, error) {
	return s.changeComplaint(req.ID, req.Idem, func(w *writer, st *fo.Settings, c *fo.Complaint) error {
		chat := w.complaintChat(*c)
		by, channel := "staff:"+req.Staff, fo.ChannelPhone
		if req.ChatID != 0 {
			if req.ChatID != chat {
				return fo.ErrNotFound
			}
			by, channel = "customer:bot", fo.ChannelBot
		} else if _, ok := st.StaffMember(req.Staff); !ok {
			return fo.ErrForbidden
		}
		if c.Status != fo.CmpAnswered {
			return fo.ErrStale
		}
		id := strconv.FormatUint(c.ID, 10)
		verdict := fo.VerdictDissatisfied
		if req.Satisfied {
			verdict = fo.VerdictSatisfied
		}
		c.Verdict = verdict
		c.History = append(c.History, fo.ComplaintEvent{At: w.now, By: by, Action: verdict})
		if err := w.registerComplaint(*c, channel, "verdict", by, verdict); err != nil {
			return err
		}
		var msgs []fo.Message
		if req.Satisfied {
			c.Status, c.ClosedAt, c.Resolution = fo.CmpClosed, w.now, c.Answer
			c.History = append(c.History, fo.ComplaintEvent{At: w.now, By: by, Action: "closed"})
			if chat != 0 {
				msgs = append(msgs, fo.Message{Key: "cmp:" + id + ":closed", ChatID: chat, Lang: c.Lang,
					Text: fo.Texts.T(c.Lang, "cmp.thanks_ok", c.Ticket)})
			}
			return w.enqueue(msgs...)
		}
		// CMP-4: dissatisfied → reopened to the supervisor.
		c.Status, c.Assignee = fo.CmpReopened, st.SupervisorID()
		c.History = append(c.History, fo.ComplaintEvent{At: w.now, By: "system", Action: "reopened", Note: c.Assignee})
		if err := w.armComplaint(st, c); err != nil {
			return err
		}
		loc := st.Location()
		k := fmt.Sprintf("cmp:%s:reopened:%d", id, c.Answers)
		if chat != 0 {
			msgs = append(msgs, fo.Message{Key: k, ChatID: chat, Lang: c.Lang,
				Text: fo.Texts.T(c.Lang, "cmp.thanks_no", c.Ticket, fo.FormatWhen(c.Lang, c.DueAt, loc))})
		}
		text := fo.Texts.T(fo.ZH, "staff.cmp.reopened", c.Ticket, c.CustomerName, c.Text, c.Answer, fo.FormatWhen(fo.ZH, c.DueAt, loc))
		msgs = append(msgs, toChats(supervisorChats(st), k, text, answerButtons(c.ID), time.Time{})...)
		return w.enqueue(msgs...)
	})
}

// CloseComplaint lets staff (the supervisor) close a complaint with its
// resolution and the customer's verdict as they heard it (CMP-4), for
// example after settling it in person.
func (s *Store) CloseComplaint(id uint64, resolution, verdict, staff string) (fo.Complaint, error) {
	return s.changeComplaint(id, "", func(w *writer, st *fo.Settings, c *fo.Complaint) error {
		if _, ok := st.StaffMember(staff); !ok {
			return fo.ErrForbidden
		}
		if c.Status == fo.CmpClosed {
			return fo.ErrNotAllowed
		}
		if verdict != fo.VerdictSatisfied && verdict != fo.VerdictDissatisfied {
			return fo.Errorf(fo.EINVALID, "err.cmp.verdict")
		}
		res, err := fo.ParseNote(resolution, fo.MaxAnswerText)
		if err != nil {
			return err
		}
		if c.FirstAnsweredAt.IsZero() {
			c.FirstAnsweredAt = w.now
		}
		c.Status, c.ClosedAt, c.Resolution, c.Verdict = fo.CmpClosed, w.now, res, verdict
		c.History = append(c.History, fo.ComplaintEvent{At: w.now, By: "staff:" + staff, Action: "closed", Note: verdict + ": " + res})
		return nil
	})
}

// Complaint returns the complaint with id, or ErrNotFound.
func (s *Store) Complaint(id uint64) (fo.Complaint, error) {
	var c fo.Complaint
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		c, err = getComplaint(tx, id)
		return err
	})
	return c, err
}

// ComplaintByTicket returns the complaint with the ticket number (as
// people type it, see fo.NormalizeTicket), or ErrNotFound.
func (s *Store) ComplaintByTicket(ticket string) (fo.Complaint, error) {
	t := fo.NormalizeTicket(ticket)
	if t == "" {
		return fo.Complaint{}, fo.ErrNotFound
	}
	n, _ := strconv.Atoi(t[len("TS-20261127-"):])
	var c fo.Complaint
	err := s.db.View(func(tx *bolt.Tx) error {
		id := tx.Bucket(bComplaints).Get(ticketKey(t[3:11], n))
		if id == nil {
			return fo.ErrNotFound
		}
		var err error
		c, err = getComplaint(tx, btou(id))
		return err
	})
	return c, err
}

// OpenComplaints returns every complaint not closed, the earliest deadline
// first (the console shows the time left, fo.ComplaintTimeLeft).
func (s *Store) OpenComplaints() ([]fo.Complaint, error) {
	var out []fo.Complaint
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bComplaintOpen).ForEach(func(k, _ []byte) error {
			c, err := getComplaint(tx, btou(k))
			out = append(out, c)
			return err
		})
	})
	slices.SortFunc(out, func(a, b fo.Complaint) int { return a.DueAt.Compare(b.DueAt) })
	return out, err
}

// ComplaintsFiled returns the complaints filed on the days from..to (shop
// zone, both included), in filing order, from the ticket index.
func (s *Store) ComplaintsFiled(from, to time.Time) ([]fo.Complaint, error) {
	var out []fo.Complaint
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		out, err = complaintsFiledTx(tx, from, to)
		return err
	})
	return out, err
}

func complaintsFiledTx(tx *bolt.Tx, from, to time.Time) ([]fo.Complaint, error) {
	st, err := settingsTx(tx)
	if err != nil {
		return nil, err
	}
	loc := st.Location()
	lo := []byte("T" + from.In(loc).Format("20060102"))
	hi := []byte("T" + to.In(loc).Format("20060102") + "\xff")
	var out []fo.Complaint
	c := tx.Bucket(bComplaints).Cursor()
	for k, v := c.Seek(lo); k != nil && bytes.Compare(k, hi) < 0 && k[0] == 'T'; k, v = c.Next() {
		one, err := getComplaint(tx, btou(v))
		if err != nil {
			return nil, err
		}
		out = append(out, one)
	}
	return out, nil
}

// CallRegister returns the call register's entries (FU-7) written in
// [from, to), oldest first.
func (s *Store) CallRegister(from, to time.Time) ([]fo.RegisterEntry, error) {
	return s.registerRange(bRegCall, from, to)
}

// LetterRegister returns the letter register's entries (FU-7) written in
// [from, to), oldest first.
func (s *Store) LetterRegister(from, to time.Time) ([]fo.RegisterEntry, error) {
	return s.registerRange(bRegLetter, from, to)
}

// dueCmpWarn warns the assignee (the staff chats while nobody took it) that
// the answer deadline is near. A general complaint's warning caught up in
// quiet hours waits for their end; a major one goes at once.
func dueCmpWarn(w *writer, st *fo.Settings, id uint64, at, now time.Time) error {
	c, err := getComplaint(w.tx, id)
	if err != nil || !c.Unanswered() || tkey(c.WarnAt) != tkey(at) {
		return nil
	}
	c.History = append(c.History, fo.ComplaintEvent{At: w.now, By: "system", Action: "warned", Note: c.Assignee})
	chats := st.StaffChats
	if c.Assignee != "" {
		chats = staffChats(st, c.Assignee)
	}
	var hold time.Time
	if !c.Major {
		hold = notQuiet(st, now)
	}
	text := fo.Texts.T(fo.ZH, "staff.cmp.warn", c.Ticket, fo.FormatWhen(fo.ZH, c.DueAt, st.Location()), c.CustomerName, c.Text)
	if err := w.enqueue(toChats(chats, fmt.Sprintf("cmp:%d:warn:%d", c.ID, tkey(at)), text, answerButtons(c.ID), hold)...); err != nil {
		return err
	}
	return w.putComplaint(c)
}

// dueCmpDue escalates a complaint whose answer deadline passed to the
// supervisor (CMP-2, CMP-3).
func dueCmpDue(w *writer, st *fo.Settings, id uint64, at, now time.Time) error {
	c, err := getComplaint(w.tx, id)
	if err != nil || !c.Unanswered() || tkey(c.DueAt) != tkey(at) {
		return nil
	}
	c.History = append(c.History, fo.ComplaintEvent{At: w.now, By: "system", Action: "overdue"})
	who := st.StaffName(c.Assignee)
	if c.Assignee == "" {
		who = fo.Texts.T(fo.ZH, "staff.nobody")
	}
	text := fo.Texts.T(fo.ZH, "staff.cmp.overdue", c.Ticket, fo.FormatWhen(fo.ZH, c.DueAt, st.Location()), who, c.CustomerName, c.Text)
	if err := w.enqueue(toChats(supervisorChats(st), fmt.Sprintf("cmp:%d:overdue:%d", c.ID, tkey(at)), text, answerButtons(c.ID), time.Time{})...); err != nil {
		return err
	}
	return w.putComplaint(c)
}

// dueCmpStale escalates a complaint still unresolved 2 days after it was
// filed or reopened to the supervisor (CMP-5), and again every 2 days
// while it stays so.
func dueCmpStale(w *writer, st *fo.Settings, id uint64, at, now time.Time) error {
	c, err := getComplaint(w.tx, id)
	if err != nil || c.Status == fo.CmpClosed || tkey(c.StaleAt) != tkey(at) {
		return nil
	}
	c.History = append(c.History, fo.ComplaintEvent{At: w.now, By: "system", Action: "escalated"})
	c.StaleAt = at.Add(fo.ComplaintStaleAfter)
	if err := w.putDue(c.StaleAt, cmpStaleKind, c.ID); err != nil {
		return err
	}
	text := fo.Texts.T(fo.ZH, "staff.cmp.stale", c.Ticket, fo.FormatWhen(fo.ZH, c.FiledAt, st.Location()),
		fo.Texts.T(fo.ZH, "cmp.st."+string(c.Status)), st.StaffName(c.Assignee), c.CustomerName, c.Text)
	if err := w.enqueue(toChats(supervisorChats(st), fmt.Sprintf("cmp:%d:stale:%d", c.ID, tkey(at)), text, answerButtons(c.ID), time.Time{})...); err != nil {
		return err
	}
	return w.putComplaint(c)
}

// Staff addressing.

// staffChats returns the private chat of staff member id (a private chat's
// id is the user's Telegram id), or every staff chat when they have none.
func staffChats(st *fo.Settings, id string) []int64 {
	if m, ok := st.StaffMember(id); ok && m.TelegramUserID != 0 {
		return []int64{m.TelegramUserID}
	}
	return st.StaffChats
}

// supervisorChats returns the supervisor's chats (staffChats).
func supervisorChats(st *fo.Settings) []int64 { return staffChats(st, st.SupervisorID()) }

// toChats addresses text to every chat, keyed keyBase plus the chat.
func toChats(chats []int64, keyBase, text string, buttons [][]fo.Button, notBefore time.Time) []fo.Message {
	out := make([]fo.Message, 0, len(chats))
	for _, c := range chats {
		out = append(out, fo.Message{Key: keyBase + ":c:" + strconv.FormatInt(c, 10), ChatID: c, Text: text, Lang: fo.ZH,
			Buttons: buttons, NotBefore: notBefore})
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
