package bot

import (
	"encoding/json"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	fo "frontoffice"
)

// Staff work in Telegram: complaints taken and answered (CMP-1, CMP-4),
// call outcomes recorded from the call list (FU-5, FU-7), the staff
// commands /calls and /complaints, and replies relayed to customers
// (REC-3).
//
// Who may do it: only users the settings know as staff
// (Settings.StaffByTelegram), in a staff chat or in their own private
// chat. Anyone else — a customer's chat sending /calls, or pressing
// forged "cmp:take:1" or "call:ok:1" data — gets at most a stale answer to
// the press, and nothing changes.
//
// A staff member's unfinished business (the answer being typed, a call's
// topics and notes) is a staffConv, saved by store.FinishStaffUpdate under
// the chat and the user, so that several staff members can be mid-way in
// one group and a restart loses nothing. In a group chat the text it waits
// for must be a reply to one of the bot's messages (the prompts ask for
// that; with Telegram's privacy mode on, the bot sees nothing else anyway),
// so that talk among colleagues never reaches a customer; in a private
// chat any text is it.

// Staff flows and their steps.
const (
	sflowAnswer  = "answer"  // a complaint's answer (CMP-4)
	sflowReached = "reached" // a call made: topics, notes, requests, complaints (FU-4, FU-5)
	sflowLater   = "later"   // a call to make later: when (FU-9)
	sflowNote    = "note"    // a note on a call

	sstepText       = "text"       // answer, note: type it
	sstepTopics     = "topics"     // reached: choose the topics covered (buttons)
	sstepNotes      = "notes"      // reached: type the key points, or skip
	sstepRequests   = "requests"   // reached: type requests heard, one a line, or none
	sstepComplaints = "complaints" // reached: type complaints heard, one a line, or none
	sstepTime       = "time"       // later: a button, or a typed HH:MM
)

// staffConv is a staff member's unfinished business in one chat. Its
// buttons carry "s:<nonce>:<action>[:<arg>]".
type staffConv struct {
	Flow    string    `json:"flow"`
	Step    string    `json:"step"`
	Nonce   string    `json:"nonce"`
	Updated time.Time `json:"updated"`

	Complaint uint64 `json:"complaint,omitempty"`
	Call      uint64 `json:"call,omitempty"`
	// The outcome of a reached call, as it is gathered (FU-4, FU-5).
	Topics   []string `json:"topics,omitempty"`
	Notes    string   `json:"notes,omitempty"`
	Requests []string `json:"requests,omitempty"`
	// ListMsg is the call list's message whose button started the flow
	// and ListText its text: the outcome is added to it at the end.
	ListMsg  int    `json:"list_msg,omitempty"`
	ListText string `json:"list_text,omitempty"`

	// A file sent for a field job, waiting to be told which document it
	// is (bot/field.go, FLD-1, FLD-2).
	FieldJob uint64 `json:"field_job,omitempty"`
	File     string `json:"file,omitempty"`
	FileName string `json:"file_name,omitempty"`
	FileMime string `json:"file_mime,omitempty"`
	// On-site work (FLD-5, field_site.go): the field job, a new problem's
	// class, the problem being resolved.
	Field   uint64 `json:"field,omitempty"`
	Class   string `json:"class,omitempty"`
	Problem uint64 `json:"problem,omitempty"`
	// A station's claim being audited (NET-2, station_claim.go).
	Claim       uint64 `json:"claim,omitempty"`
	ClaimAction string `json:"claim_action,omitempty"`
}

// decodeStaffConv reads a saved staff conversation; nil when there is
// none, it cannot be read, or it expired.
func decodeStaffConv(raw []byte, now time.Time) *staffConv {
	if len(raw) == 0 {
		return nil
	}
	var c staffConv
	if err := json.Unmarshal(raw, &c); err != nil || c.Flow == "" || now.Sub(c.Updated) > convTTL {
		return nil
	}
	return &c
}

// encode returns c as saved; nil (delete) for a nil conversation.
func (c *staffConv) encode() []byte {
	if c == nil {
		return nil
	}
	raw, err := json.Marshal(c)
	if err != nil {
		return nil // cannot happen: plain fields
	}
	return raw
}

// data returns the callback data of action (with arg) in c.
func (c *staffConv) data(action string, arg ...string) string {
	s := prefixStaff + c.Nonce + ":" + action
	if len(arg) > 0 {
		s += ":" + arg[0]
	}
	return s
}

// isStaffData reports whether callback data is a staff button: a
// complaint's take or answer, a call's outcome, a staff conversation's
// step.
func isStaffData(d string) bool {
	if action, _, ok := fo.ParseComplaintData(d); ok {
		return action == fo.CmpTake || action == fo.CmpAnswer
	}
	if _, _, ok := fo.ParseCallData(d); ok {
		return true
	}
	if _, _, ok := fo.ParseDiscountButton(d); ok { // DEL-3, discount.go
		return true
	}
	if isFieldData(d) { // bot/field.go (FLD-1, FLD-3, FLD-4)
		return true
	}
	if _, _, ok := fo.ParseFieldSiteData(d); ok { // FLD-5 (field_site.go)
		return true
	}
	if _, _, ok := fo.ParseClaimData(d); ok { // NET-2
		return true
	}
	return strings.HasPrefix(d, prefixStaff)
}

// staffWork reports whether an update in a private chat is a staff
// member's work rather than their own business as a customer: a staff
// button, a staff command, or the text (or /cancel) their staff
// conversation waits for. t.conv is the chat's customer conversation.
func (t *turn) staffWork(u tgbotapi.Update) bool {
	if !t.isStaff() {
		return false
	}
	if cq := u.CallbackQuery; cq != nil {
		return isStaffData(cq.Data)
	}
	m := u.Message
	if m == nil {
		return false
	}
	if fieldStaffText(m) { // a file for a field job (bot/field.go)
		return true
	}
	if m.IsCommand() {
		switch m.Command() {
		case "calls", "complaints":
			return true
		case "problem": // FLD-5 (field_site.go)
			return t.member.Has(fo.RoleTechnician)
		case "cancel":
			return t.staffNewer()
		}
		return false
	}
	return (m.Text != "" && t.staffNewer()) || t.siteWork(m)
}

// staffNewer reports whether the staff member has staff work waiting for
// their text in this private chat that is newer than their own
// conversation as a customer there (a booking, say): the text is for the
// one they touched last.
func (t *turn) staffNewer() bool {
	return t.sconv != nil && (t.conv == nil || !t.sconv.Updated.Before(t.conv.Updated))
}

// finishStaff handles an update as staff work and finishes it in the
// store: the staff member's conversation, the replies and the offset in
// one transaction.
func (t *turn) finishStaff(u tgbotapi.Update) error {
	if err := t.staffUpdate(u); err != nil {
		msg, ok := t.userError(err)
		if !ok {
			return err
		}
		t.b.log.Info("staff work ended by a rule", "chat", t.chatID, "staff", t.member.ID, "err", err)
		t.replies, t.sconv, t.editID = nil, nil, 0
		t.answer(msg)
		t.say(msg, nil)
	}
	if !t.isStaff() {
		_, err := t.b.convs.FinishUpdate(u.UpdateID, 0, nil, t.replies)
		return err
	}
	if t.sconv != nil {
		t.sconv.Updated = t.now
	}
	_, err := t.b.convs.FinishStaffUpdate(u.UpdateID, t.chatID, t.from.ID, t.sconv.encode(), t.replies)
	return err
}

// staffUpdate handles an update in a staff chat, or staff work in a staff
// member's private chat.
func (t *turn) staffUpdate(u tgbotapi.Update) error {
	if cq := u.CallbackQuery; cq != nil {
		if !t.isStaff() {
			t.b.log.Warn("staff button pressed by a user who is not staff", "chat", t.chatID, "user", cq.From.ID)
			t.stale()
			return nil
		}
		return t.staffCallback(cq)
	}
	m := u.Message
	if m == nil || m.From == nil {
		return nil
	}
	if !t.isStaff() {
		if m.ReplyToMessage != nil && m.Text != "" {
			t.b.log.Warn("REC-3: reply in a staff chat from a user who is not staff; add their telegram_user_id to the settings",
				"chat", t.chatID, "user", m.From.ID)
		}
		return nil
	}
	if relayed, err := t.relayReply(m); relayed || err != nil {
		return err
	}
	if done, err := t.siteMessage(m); done || err != nil { // FLD-5 (field_site.go)
		return err
	}
	if m.IsCommand() {
		switch m.Command() {
		case "calls":
			return t.myCalls()
		case "complaints":
			return t.openComplaints()
		case "cancel":
			if t.sconv != nil {
				t.sconv = nil
				t.say(t.T("staff.aborted"), nil)
			}
		}
		return nil // other commands in a staff chat: not the bot's
	}
	if no, ok := fieldFileReply(m); ok { // a file for a field job (bot/field.go)
		return t.fieldFile(m, no)
	}
	if t.sconv == nil || m.Text == "" {
		return nil // staff talk
	}
	if m.Chat.ID != m.From.ID && (m.ReplyToMessage == nil || m.ReplyToMessage.From == nil || !m.ReplyToMessage.From.IsBot) {
		return nil // in a group, only a reply to the bot is input
	}
	switch t.sconv.Flow {
	case sflowAnswer:
		return t.complaintAnswer(m.Text)
	case sflowReached:
		return t.reachedText(m.Text)
	case sflowLater:
		return t.laterText(m.Text)
	case sflowNote:
		return t.noteText(m.Text)
	case sflowProblem: // FLD-5 (field_site.go)
		return t.problemText(m.Text)
	case sflowResolve:
		return t.resolveText(m.Text)
	case sflowClaim: // NET-2: station_claim.go
		return t.claimAuditText(m.Text)
	}
	return nil
}

// staffCallback handles a staff button.
func (t *turn) staffCallback(cq *tgbotapi.CallbackQuery) error {
	d := cq.Data
	if action, id, ok := fo.ParseComplaintData(d); ok && (action == fo.CmpTake || action == fo.CmpAnswer) {
		return t.complaintStaff(cq, action, id)
	}
	if action, id, ok := fo.ParseCallData(d); ok {
		return t.callButton(cq, action, id)
	}
	if approve, id, ok := fo.ParseDiscountButton(d); ok { // DEL-3, discount.go
		return t.discountButton(cq, approve, id)
	}
	if isFieldData(d) { // bot/field.go (FLD-1, FLD-3, FLD-4)
		return t.fieldCallback(cq)
	}
	if action, id, ok := fo.ParseFieldSiteData(d); ok { // FLD-5 (field_site.go)
		return t.siteButton(cq, action, id)
	}
	if action, id, ok := fo.ParseClaimData(d); ok { // NET-2: station_claim.go
		return t.claimAudit(cq, action, id)
	}
	a, ok := parseStepData(d, prefixStaff)
	if !ok || t.sconv == nil || a.nonce != t.sconv.Nonce {
		// Another staff member's conversation, an older one, or forged.
		t.stale()
		return nil
	}
	t.editID = cq.Message.MessageID
	if a.action == "x" {
		t.sconv = nil
		t.show(t.T("staff.aborted"), nil)
		return nil
	}
	switch t.sconv.Flow {
	case sflowReached:
		return t.reachedAction(a)
	case sflowLater:
		return t.laterAction(a)
	case sflowFieldFile:
		return t.fieldFileAction(a)
	case sflowProblem: // FLD-5 (field_site.go)
		return t.problemAction(a)
	}
	t.stale()
	return nil
}
