package frontoffice

import (
	"strconv"
	"time"
)

// Station is an authorised service station of the shop's network (服务网点,
// NET-1..4 in docs/rules.md): a partner workshop elsewhere, chosen, assessed,
// contracted and certified, with a service hotline. It works with the shop
// through its Telegram group chat (ChatID) and, when it wants, the console
// with accounts of role RoleStation bound to its ID (Account.StationID),
// which see only this station's records.
type Station struct {
	ID     uint64        `json:"id"`
	Code   string        `json:"code"` // ST-001
	Name   string        `json:"name"`
	Status StationStatus `json:"status"`

	City    string `json:"city"`
	Area    string `json:"area,omitempty"` // district or service area
	Address string `json:"address"`
	Hotline string `json:"hotline"`
	// Region is the labour-rate region (labour.go) its claims are priced by.
	Region string `json:"region,omitempty"`
	// ChatID is the station's Telegram group chat; 0 until linked.
	ChatID int64 `json:"chat_id,omitempty"`

	// Contact is the station's manager and ContactPhone their mobile;
	// Services what it offers (installation, repair, ...), free labels.
	Contact      string   `json:"contact,omitempty"`
	ContactPhone string   `json:"contact_phone,omitempty"`
	Services     []string `json:"services,omitempty"`
	// Cert is the authorisation certificate (授权证书), set when the
	// station is certified (NET-1).
	Cert StationCert `json:"cert,omitzero"`
	// LinkHash is the SHA-256 (hex) of the one-time code that links the
	// station's group chat, valid until LinkUntil; empty when none waits.
	LinkHash  string    `json:"link_hash,omitempty"`
	LinkUntil time.Time `json:"link_until,omitzero"`

	CreatedAt time.Time      `json:"created_at"`
	UpdatedAt time.Time      `json:"updated_at"`
	History   []StationEvent `json:"history"`
}

// StationEvent is a line of a station's history.
type StationEvent struct {
	At     time.Time `json:"at"`
	By     string    `json:"by"`
	Action string    `json:"action"`
	Note   string    `json:"note,omitempty"`
	// Files are the step's documents (an assessment report, the signed
	// contract), stored files kept with the station.
	Files []uint64 `json:"files,omitempty"`
}

// StationCert is a station's authorisation certificate: its number and
// the days it is valid, both included, in the shop's zone.
type StationCert struct {
	No     string    `json:"no"`
	From   time.Time `json:"from"`  // midnight of the first valid day
	Until  time.Time `json:"until"` // midnight after the last valid day
	Issued time.Time `json:"issued"`
}

// StationStatus is where a station stands in the register (NET-1).
type StationStatus string

// Station statuses: candidate → assessed → contracted → certified, then
// suspended (and back) or ended.
const (
	StationCandidate  StationStatus = "candidate"
	StationAssessed   StationStatus = "assessed"
	StationContracted StationStatus = "contracted"
	StationCertified  StationStatus = "certified"
	StationSuspended  StationStatus = "suspended"
	StationEnded      StationStatus = "ended"
)

// StationData returns the callback data of a button shown in station id's
// group chat: "stn:<station>:<action>:<arg>", action 1..8 of [a-z0-9],
// arg 0..24 of [A-Za-z0-9.-]. The bot refuses a press whose station is not
// the chat's own (a station's people see only their station's records).
func StationData(station uint64, action, arg string) string {
	return "stn:" + strconv.FormatUint(station, 10) + ":" + action + ":" + arg
}

// ParseStationData parses what StationData writes, and nothing else.
func ParseStationData(s string) (station uint64, action, arg string, ok bool) {
	f, ok := CallbackFields(s, "stn", 3)
	if !ok || !stationToken(f[1], 1, 8, false) || !stationToken(f[2], 0, 24, true) {
		return 0, "", "", false
	}
	station, ok = ParseRecordID(f[0])
	return station, f[1], f[2], ok
}

func stationToken(s string, lo, hi int, wide bool) bool {
	if len(s) < lo || len(s) > hi {
		return false
	}
	for _, c := range s {
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case wide && (c >= 'A' && c <= 'Z' || c == '.' || c == '-'):
		default:
			return false
		}
	}
	return true
}
