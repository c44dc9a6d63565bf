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
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

const (
	cmpWarnKind  = "cmpwarn"
	cmpDueKind   = "cmpdue"
	cmpStaleKind = "cmpstale"
)

// FileComplaint registers a complaint (CMP-1) in one transaction: ticket
// number and answer deadline (CMP-2, CMP-3), the warning, the deadline and
// the 2-day escalation in the due index (CMP-5), the register entry of a
// message or call (FU-7), the customer's acknowledgement with the ticket
// and the deadline in their language (CMP-2), and the staff chats' notice
// with take and answer buttons (and the supervisor's, when major). An
// Unproven request (the kiosk's) whose phone is on file is filed on a
// provisional customer with a pending match for the desk (ARC-2,
// data/pending.go). An
// unknown category, an empty or too long text, or no customer to answer is
// an EINVALID *Error.
func (s *Store) FileComplaint(req fo.ComplaintRequest) (fo.Complaint, error) {
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

func (w *writer) fileComplaint(st *fo.Settings, req fo.ComplaintRequest) (fo.Complaint, error) {
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
	var pending *fo.PendingMatch
	if req.Unproven && req.Customer.Phone != "" && req.CustomerID == 0 {
		// ARC-2: a typed phone on file files on a provisional customer,
		// pending for the desk; nothing reaches the archive's chat.
		cust, pm, err := w.unprovenCustomer(req.Customer)
		if err != nil {
			return c, err
		}
		req.CustomerID, req.Customer, pending = cust.ID, fo.CustomerInput{Lang: req.Customer.Lang}, pm
	}
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
	if req.StationID != 0 { // NET-3: routed to a service station
		if err := w.routeToStation(st, &c, req.StationID, req.By); err != nil {
			return c, err
		}
	}
	if err := w.putComplaint(c); err != nil {
		return c, err
	}
	if err := w.registerComplaint(c, c.Channel, "complaint_in", req.By, c.Text); err != nil {
		return c, err
	}
	if pending != nil {
		pending.Kind, pending.ComplaintID, pending.Ticket = fo.PendingComplaint, c.ID, c.Ticket
		if err := w.putPending(pending); err != nil {
			return c, err
		}
	}
	var msgs []fo.Message
	// The receipt with the answer deadline (CMP-2); the survey's thanks
	// carries a survey complaint's ticket (SUR-2).
	if m, ok := fo.ComplaintReceipt(st, c, w.complaintChat(c), req.ReplyKey); ok {
		msgs = append(msgs, m)
		if err := w.registerComplaint(c, fo.ChannelBot, "ack", "system", ""); err != nil {
			return c, err
		}
	}
	msgs = append(msgs, fo.NewComplaintMessages(st, c)...)
	return c, w.enqueue(msgs...)
}

// complaintParties fills in the customer, vehicle and visit of a new
// complaint from the request.
func (w *writer) complaintParties(c *fo.Complaint, req fo.ComplaintRequest) error {
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
	if c.CustomerName == "" {
		// A chat not linked to an archive: the name it goes by (the bot
		// passes the Telegram name), so that staff know whom they answer.
		c.CustomerName = req.Customer.Name
	}
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

// putComplaint stores c and keeps the open index and the reports'
// complaint_filed index.
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
	if err := indexComplaint(w.tx, &c); err != nil { // the reports' complaint_filed (report_aftersales.go)
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
	return w.register(bucket, fo.RegisterEntry{Action: action, Ref: c.ID, Code: c.Ticket, By: by, Detail: fo.ComplaintRegisterDetail(c, note)})
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
