package bot

import (
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	fo "frontoffice"
)

// networkStore is what the service stations' side of the bot needs
// (NET-2, NET-3): the stations and their chats, the complaints routed to
// them, their cost claims and the supervisor's audit.
type networkStore interface {
	Stations() ([]fo.Station, error)
	StationOfChat(chatID int64) (fo.Station, error)
	Complaint(id uint64) (fo.Complaint, error)
	StationComplaints(station uint64, days int) ([]fo.Complaint, error)
	AnswerStationComplaint(req fo.StationAnswerRequest) (fo.Complaint, error)
	SubmitClaim(req fo.ClaimRequest) (fo.StationClaim, error)
	Claim(id uint64) (fo.StationClaim, error)
	AuditClaim(req fo.ClaimAuditRequest, by string) (fo.StationClaim, error)
	Station(id uint64) (fo.Station, error)
}

// Complaints through service stations (NET-3).
//
// The customer's side: when the shop has certified stations with a chat,
// a complaint filed in the bot ends with "where was the work done?" — the
// shop, or one of the stations (buttons) — and a station's complaint is
// routed to it at filing (fo.ComplaintRequest.StationID).
//
// The station's side, in its group chat (fo.Station.ChatID): the
// complaint arrives with an "answer" button ("scm:ans:<id>"); a press asks
// the presser to reply with the answer, and their reply to the bot is
// store.AnswerStationComplaint — the same answer as the shop's, brought to
// the customer with the verdict buttons. /complaints lists the station's
// open complaints, /claim files a cost claim (station_claim.go), /cancel
// drops what the presser was doing. A button of another station's
// complaint, or any staff button, is refused: a station's chat sees and
// touches its own records only. The presser's unfinished business is kept
// per chat and user, like a staff member's (store.StaffConversation).

// stepWhere is the complaint conversation's last question: where was the
// work done (NET-3)?
const stepWhere = "where"

// maxStationButtons bounds the stations offered as buttons.
const maxStationButtons = 8

// routableStations returns the stations a customer's complaint may be
// routed to: certified, with a chat (fo.StationRoutable).
func (t *turn) routableStations() ([]fo.Station, error) {
	all, err := t.b.network.Stations()
	if err != nil {
		return nil, err
	}
	var out []fo.Station
	for _, s := range all {
		if fo.StationRoutable(s) {
			out = append(out, s)
		}
	}
	return out, nil
}

// fileOrAskWhere files the complaint, or first asks where the work was
// done when there are stations to route it to (NET-3).
func (t *turn) fileOrAskWhere(major bool) error {
	stations, err := t.routableStations()
	if err != nil {
		return err
	}
	if len(stations) == 0 {
		return t.fileComplaint(major)
	}
	c := t.conv
	c.Major, c.Step = major, stepWhere
	rows := [][]fo.Button{{button(t.T("net.where.shop", t.st.ShopName(t.lang)), c.data("at", "0"))}}
	for i, s := range stations {
		if i == maxStationButtons {
			break
		}
		rows = append(rows, []fo.Button{button(t.T("net.where.station", s.Name, s.City), c.data("at", strconv.FormatUint(s.ID, 10)))})
	}
	rows = append(rows, []fo.Button{button(t.T("btn.abort"), c.data("x"))})
	t.show(t.T("net.where"), rows)
	return nil
}

// whereChosen files the complaint at the shop ("0") or routed to the
// chosen station.
func (t *turn) whereChosen(arg string) error {
	id, err := strconv.ParseUint(arg, 10, 64)
	if err != nil {
		t.stale()
		return nil
	}
	if id != 0 {
		stations, err := t.routableStations()
		if err != nil {
			return err
		}
		if !slices.ContainsFunc(stations, func(s fo.Station) bool { return s.ID == id }) {
			t.stale()
			return nil
		}
	}
	t.conv.Station = id
	return t.fileComplaint(t.conv.Major)
}

// stationConv is a station member's unfinished business in the station's
// chat: a complaint's answer, or a claim being confirmed. Its buttons
// carry "s:<nonce>:<action>".
type stationConv struct {
	Flow      string         `json:"flow"` // "net-answer", "net-claim"
	Nonce     string         `json:"nonce"`
	Updated   time.Time      `json:"updated"`
	Complaint uint64         `json:"complaint,omitempty"`
	Lines     []fo.ClaimLine `json:"lines,omitempty"`
	Station   uint64         `json:"station"`
}

const (
	nflowAnswer = "net-answer"
	nflowClaim  = "net-claim"
)

func decodeStationConv(raw []byte, now time.Time, station uint64) *stationConv {
	var c stationConv
	if len(raw) == 0 || json.Unmarshal(raw, &c) != nil || !strings.HasPrefix(c.Flow, "net-") ||
		c.Station != station || now.Sub(c.Updated) > convTTL {
		return nil
	}
	return &c
}

func (c *stationConv) encode() []byte {
	if c == nil {
		return nil
	}
	raw, _ := json.Marshal(c)
	return raw
}

// stationChat handles an update in a group chat that is a station's
// (NET-2, NET-3) and finishes it. handled is false for a group that is no
// station's, and for an update that is not this file's business there
// (another part of the bot may handle the station's chat too): button
// data "scm:", "scl:", "cmp:" and this flow's steps; /complaints, /claim,
// /cancel; the reply a station member's answer or claim waits for.
func (t *turn) stationChat(u tgbotapi.Update) (handled bool, err error) {
	s, err := t.b.network.StationOfChat(t.chatID)
	if errors.Is(err, fo.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return true, err
	}
	var raw []byte
	var conv *stationConv
	if t.from != nil {
		if raw, err = t.b.convs.StaffConversation(t.chatID, t.from.ID); err != nil {
			return true, err
		}
		conv = decodeStationConv(raw, t.now, s.ID)
	}
	if !stationWork(u, conv) {
		return false, nil
	}
	t.lang = fo.ZH
	before := conv
	if conv, err = t.stationUpdate(u, s, conv); err != nil {
		msg, ok := t.userError(err)
		if !ok {
			return true, err
		}
		t.replies, t.editID = nil, 0
		t.answer(msg)
		t.say(msg, nil)
	}
	if t.from == nil {
		_, err := t.b.convs.FinishUpdate(u.UpdateID, 0, nil, t.replies)
		return true, err
	}
	save := conv.encode()
	if conv != nil {
		conv.Updated = t.now
		save = conv.encode()
	} else if before == nil {
		save = raw // not ours: another flow's state stays as it was
	}
	_, err = t.b.convs.FinishStaffUpdate(u.UpdateID, t.chatID, t.from.ID, save, t.replies)
	return true, err
}

// stationWork reports whether an update in a station's chat is this
// file's business (see stationChat).
func stationWork(u tgbotapi.Update, conv *stationConv) bool {
	if cq := u.CallbackQuery; cq != nil {
		for _, p := range []string{"scm:", "scl:", "cmp:"} {
			if strings.HasPrefix(cq.Data, p) {
				return true
			}
		}
		a, ok := parseStepData(cq.Data, prefixStaff)
		return ok && conv != nil && a.nonce == conv.Nonce
	}
	m := u.Message
	if m == nil || m.Text == "" {
		return false
	}
	if m.IsCommand() {
		switch m.Command() {
		case "complaints", "claim":
			return true
		case "cancel":
			return conv != nil
		}
		return false
	}
	return conv != nil && m.ReplyToMessage != nil && m.ReplyToMessage.From != nil && m.ReplyToMessage.From.IsBot
}

// stationUpdate handles a station chat's update and returns the
// presser's conversation as it is after it.
func (t *turn) stationUpdate(u tgbotapi.Update, s fo.Station, conv *stationConv) (*stationConv, error) {
	if cq := u.CallbackQuery; cq != nil {
		return t.stationButton(cq, s, conv)
	}
	m := u.Message
	if m == nil || m.From == nil || m.Text == "" {
		return conv, nil
	}
	if m.IsCommand() {
		switch m.Command() {
		case "complaints":
			return conv, t.stationComplaints(s)
		case "claim":
			return t.startClaim(s)
		case "cancel":
			if conv != nil {
				t.say(t.T("staff.aborted"), nil)
			}
			return nil, nil
		}
		return conv, nil // other commands: not the bot's
	}
	if conv == nil || m.ReplyToMessage == nil || m.ReplyToMessage.From == nil || !m.ReplyToMessage.From.IsBot {
		return conv, nil // talk among the station's people
	}
	switch conv.Flow {
	case nflowAnswer:
		return t.stationAnswerText(s, conv, m.Text)
	case nflowClaim:
		return t.claimText(s, conv, m.Text)
	}
	return conv, nil
}

// stationButton handles a button pressed in a station's chat: a
// complaint's answer button of this station, or a step of the presser's
// claim. Everything else is refused (stale): another station's complaint,
// a staff button, a claim's audit.
func (t *turn) stationButton(cq *tgbotapi.CallbackQuery, s fo.Station, conv *stationConv) (*stationConv, error) {
	if _, id, ok := fo.ParseStationComplaintData(cq.Data); ok {
		c, err := t.b.network.Complaint(id)
		if errors.Is(err, fo.ErrNotFound) || (err == nil && c.StationID != s.ID) {
			t.b.log.Warn("NET-3: a station pressed a button of a complaint not routed to it", "chat", t.chatID, "complaint", id)
			t.stale()
			return conv, nil
		}
		if err != nil {
			return conv, err
		}
		if !c.Unanswered() {
			t.answer(t.T("staffc.not_waiting", c.Ticket))
			return conv, nil
		}
		conv = &stationConv{Flow: nflowAnswer, Nonce: newNonce(), Complaint: c.ID, Station: s.ID}
		t.say(t.T("net.ask_answer", t.fromName(), c.Ticket, fo.MaxAnswerText, c.Text), nil)
		return conv, nil
	}
	if a, ok := parseStepData(cq.Data, prefixStaff); ok && conv != nil && a.nonce == conv.Nonce && conv.Flow == nflowClaim {
		return t.claimButton(cq, s, conv, a.action)
	}
	t.stale()
	return conv, nil
}

// fromName is how the presser is named in prompts.
func (t *turn) fromName() string {
	if t.from == nil {
		return ""
	}
	return strings.TrimSpace(t.from.FirstName + " " + t.from.LastName)
}

// stationAnswerText sends a station member's reply as the station's answer
// (store.AnswerStationComplaint).
func (t *turn) stationAnswerText(s fo.Station, conv *stationConv, text string) (*stationConv, error) {
	c, err := t.b.network.AnswerStationComplaint(fo.StationAnswerRequest{ID: conv.Complaint, StationID: s.ID,
		By: "tg:" + strconv.FormatInt(t.from.ID, 10), Text: text, Idem: t.idem()})
	switch {
	case errors.Is(err, fo.ErrNotAllowed) || errors.Is(err, fo.ErrNotFound):
		t.say(t.T("net.not_waiting"), nil)
		return nil, nil
	case fo.ErrorCode(err) == fo.EINVALID:
		t.say(fo.ErrorText(t.lang, err), nil)
		return conv, nil
	case err != nil:
		return conv, err
	}
	key := "net.answered"
	if n := len(c.History); n > 0 && strings.HasPrefix(c.History[n-1].Note, "phone:") {
		key = "net.answered_phone" // a customer without a chat: the station calls
	}
	t.say(t.T(key, c.Ticket), nil)
	return nil, nil
}

// stationComplaints lists the station's complaints not closed, with the
// time left and the answer button: /complaints in a station's chat.
func (t *turn) stationComplaints(s fo.Station) error {
	cs, err := t.b.network.StationComplaints(s.ID, 0)
	if err != nil {
		return err
	}
	n := 0
	for _, c := range cs {
		if c.Status == fo.CmpClosed || c.StationID != s.ID {
			continue
		}
		n++
		var left string
		switch d := fo.ComplaintTimeLeft(c, t.now); {
		case !c.Unanswered():
			left = t.T("staffc.wait_verdict")
		case d >= 0:
			left = t.T("staffc.left", t.duration(d))
		default:
			left = t.T("staffc.overdue", t.duration(-d))
		}
		var rows [][]fo.Button
		if c.Unanswered() {
			rows = [][]fo.Button{{button(t.T("btn.scm.ans"), fo.StationComplaintData(fo.ScmAnswer, c.ID))}}
		}
		t.say(c.Ticket+" · "+t.T("cmp.cat."+c.Category)+"\n"+c.Text+"\n"+left, rows)
	}
	if n == 0 {
		t.say(t.T("staffc.none"), nil)
	}
	return nil
}
