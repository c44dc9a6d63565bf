package frontoffice

import "time"

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
