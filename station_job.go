package frontoffice

import "time"

// StationJob is a job a service station reports having done (NET-4): the
// customer, the vehicle, the work and the date. A share of them is
// sampled for a spot check: the customer gets a survey or a call, and the
// answer is the job's Check, which counts towards the station's score
// (NET-2).
type StationJob struct {
	ID        uint64    `json:"id"`
	StationID uint64    `json:"station_id"`
	Customer  string    `json:"customer"`
	Phone     string    `json:"phone"`
	Plate     string    `json:"plate,omitempty"`
	Work      string    `json:"work"`
	Day       string    `json:"day"` // "2026-12-06", the shop's zone
	By        string    `json:"by"`
	CreatedAt time.Time `json:"created_at"`

	Check StationCheck `json:"check"`
}

// StationCheck is the spot check of a station's job (NET-4).
type StationCheck struct {
	Sampled bool      `json:"sampled,omitempty"`
	At      time.Time `json:"at,omitzero"`     // when the customer answered
	Score   int       `json:"score,omitempty"` // 1..5, 0 while unanswered
	Finding string    `json:"finding,omitempty"`
}
