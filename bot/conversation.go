package bot

import (
	"crypto/rand"
	"encoding/json"
	"strings"
	"time"

	fo "frontoffice"
)

// Flows and their steps.
const (
	flowBook   = "book"
	flowMove   = "move"
	flowCancel = "cancel"
	// flowComplaint files a complaint (CMP-1); flowSurvey waits for a
	// survey's comment (SUR-1).
	flowComplaint = "complaint"
	flowSurvey    = "survey"

	stepService = "service" // book: choose a service (buttons)
	stepDay     = "day"     // book, move: choose a day (buttons)
	stepSlot    = "slot"    // book, move: choose a time (buttons)
	stepPlate   = "plate"   // book: type the plate
	stepPhone   = "phone"   // book: type or share the phone, or use the known one
	stepName    = "name"    // book: type the name (new customers only)
	stepConfirm = "confirm" // book, cancel: confirm (buttons)

	stepCategory = "category" // complaint: what it is about (buttons)
	stepWhat     = "what"     // complaint: type what happened
	stepPhoto    = "photo"    // complaint: send a photo, or skip (button)
	stepMajor    = "major"    // complaint: safety or vehicle unusable? (buttons)
	stepComment  = "comment"  // survey: type a comment (or the store's "no comment" button)
)

// convTTL is how long an untouched conversation stays: older ones are
// forgotten, so that a booking abandoned yesterday does not read today's
// text as a plate.
const convTTL = 24 * time.Hour

// conversation is one chat's unfinished business, saved as JSON in the
// store by FinishUpdate after every update, so that a restart resumes it.
// Buttons shown for it carry its Nonce: a button whose nonce differs (an
// older conversation's) or whose action does not fit the current step is
// stale and changes nothing.
type conversation struct {
	Flow    string    `json:"flow"`
	Step    string    `json:"step"`
	Nonce   string    `json:"nonce"`
	Updated time.Time `json:"updated"`

	Service string    `json:"service,omitempty"`
	Day     string    `json:"day,omitempty"` // YYYYMMDD in the shop's zone
	Start   time.Time `json:"start,omitzero"`
	Plate   string    `json:"plate,omitempty"`
	// Phone is the normalised number typed or shared; CustomerID the
	// customer chosen with "use my number" (then Phone is empty).
	Phone      string `json:"phone,omitempty"`
	CustomerID uint64 `json:"customer_id,omitempty"`
	// Verified is set when Phone came from the user's own shared contact.
	Verified bool   `json:"verified,omitempty"`
	Name     string `json:"name,omitempty"`
	// Keyboard is set while the request_contact reply keyboard shows.
	Keyboard bool `json:"keyboard,omitempty"`

	// Appointment is the one being moved or cancelled.
	Appointment uint64 `json:"appointment,omitempty"`

	// A complaint being filed: its category, what happened and the
	// Telegram file_id of a photo.
	Category string `json:"category,omitempty"`
	What     string `json:"what,omitempty"`
	PhotoID  string `json:"photo_id,omitempty"`
	// Survey waits for its comment in Message, the question message the
	// store edits as the customer answers.
	Survey  uint64 `json:"survey,omitempty"`
	Message int    `json:"message,omitempty"`
	// StationJob is the station's job whose spot-check survey waits for
	// its comment in Message (NET-4, station_customer.go).
	StationJob uint64 `json:"station_job,omitempty"`
	// A complaint's answers to "major?" and "where was the work done?"
	// (NET-3, station_complaint.go): the station, 0 for the shop.
	Major   bool   `json:"major,omitempty"`
	Station uint64 `json:"station,omitempty"`
}

// decodeConversation reads a saved conversation; nil when there is none,
// it cannot be read, or it expired.
func decodeConversation(raw []byte, now time.Time) *conversation {
	if len(raw) == 0 {
		return nil
	}
	var c conversation
	if err := json.Unmarshal(raw, &c); err != nil || c.Flow == "" {
		return nil
	}
	if now.Sub(c.Updated) > convTTL {
		return nil
	}
	return &c
}

// encode returns c as saved; nil (delete) for a nil conversation.
func (c *conversation) encode() []byte {
	if c == nil {
		return nil
	}
	raw, err := json.Marshal(c)
	if err != nil {
		return nil // cannot happen: plain fields
	}
	return raw
}

// nonceAlphabet has no look-alikes; 4 symbols give ~10^6 nonces, plenty to
// tell a chat's conversations apart.
const nonceAlphabet = "23456789abcdefghjkmnpqrstuvwxyz"

func newNonce() string {
	b := make([]byte, 4)
	rand.Read(b) // never fails (crypto/rand)
	for i := range b {
		b[i] = nonceAlphabet[int(b[i])%len(nonceAlphabet)]
	}
	return string(b)
}

// Callback data. Every button's data is at most 64 bytes
// (fo.MaxCallbackData):
//
//	m:book | m:my | m:contact | m:cmp   main menu, always valid
//	apt:mv:<id> | apt:cx:<id>        move / cancel an appointment (also under
//	                                 the store's confirmation messages)
//	c:<nonce>:<action>[:<arg>]       a step of the current conversation
//	s:<nonce>:<action>[:<arg>]       a step of a staff member's conversation
//	                                 (staff.go)
//
// Actions: sv:<service id>, d:<YYYYMMDD>, t:<unix start>, me (use the phone
// on file), ok (confirm), y / n (cancel or keep; a complaint's major
// question), cat:<category>, skip (no photo), bk (back), x (stop).
//
// The store's messages carry data of its own, written and parsed by the
// domain's pairs: fo.AptButtonData / fo.ParseAptButton (move, cancel),
// fo.ComplaintData / fo.ParseComplaintData (staff take|ans, the customer's
// verdict ok|no), fo.CallData / fo.ParseCallData (staff), fo.SurveyData /
// fo.ParseSurveyData (surveys), fo.WorkButtonData / fo.ParseWorkButton
// (additional work, work.go).
const (
	dataMenuBook      = "m:book"
	dataMenuMy        = "m:my"
	dataMenuContact   = "m:contact"
	dataMenuComplaint = "m:cmp"
	prefixConv        = "c:"
	prefixStaff       = "s:"
)

// data returns the callback data of action (with arg) in c.
func (c *conversation) data(action string, arg ...string) string {
	s := prefixConv + c.Nonce + ":" + action
	if len(arg) > 0 {
		s += ":" + arg[0]
	}
	return s
}

// convAction is a parsed "c:" callback.
type convAction struct {
	nonce, action, arg string
}

func parseConvData(s string) (convAction, bool) { return parseStepData(s, prefixConv) }

// parseStepData parses "<prefix><nonce>:<action>[:<arg>]".
func parseStepData(s, prefix string) (convAction, bool) {
	rest, ok := strings.CutPrefix(s, prefix)
	if !ok {
		return convAction{}, false
	}
	parts := strings.SplitN(rest, ":", 3)
	if len(parts) < 2 || parts[0] == "" || parts[1] == "" {
		return convAction{}, false
	}
	a := convAction{nonce: parts[0], action: parts[1]}
	if len(parts) == 3 {
		a.arg = parts[2]
	}
	return a, true
}

// dayKey writes a day as YYYYMMDD in loc; parseDay reads it back as
// midnight in loc.
func dayKey(t time.Time, loc *time.Location) string { return t.In(loc).Format("20060102") }

func parseDay(s string, loc *time.Location) (time.Time, bool) {
	t, err := time.ParseInLocation("20060102", s, loc)
	return t, err == nil
}

// button is an inline button; it panics on data over Telegram's limit,
// which only a programming error can produce (every format above is short).
func button(text, data string) fo.Button {
	if len(data) > fo.MaxCallbackData {
		panic("bot: callback data over 64 bytes: " + data)
	}
	return fo.Button{Text: text, Data: data}
}

// grid lays buttons out perRow to a row.
func grid(buttons []fo.Button, perRow int) [][]fo.Button {
	var rows [][]fo.Button
	for len(buttons) > 0 {
		n := min(perRow, len(buttons))
		rows = append(rows, buttons[:n])
		buttons = buttons[n:]
	}
	return rows
}
