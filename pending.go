package frontoffice

import "time"

// Pending matches (ARC-2, REC-2; issue 10): what is typed at the lobby
// kiosk proves nothing. A walk-in or a complaint whose typed phone is on
// file, or whose typed plate is on file, is not attached to that archive:
// it is recorded on a provisional record of its own (a customer whose
// phone is not indexed, a vehicle whose plate is not indexed) with a
// PendingMatch, and the desk confirms it on the console ("matches
// 京A·***45 — merge?") or keeps it separate. Until a staff member merges
// it, nothing is added to the archive, nothing in it is renamed, and no
// message goes to the archive's Telegram chat. The kiosk's answer is the
// same whether or not anything matched.

// PendingStatus is where a pending match stands.
type PendingStatus string

const (
	PendingOpen     PendingStatus = "open"
	PendingMerged   PendingStatus = "merged"
	PendingSeparate PendingStatus = "separate"
)

// Pending kinds: what waits for the desk.
const (
	PendingVisit     = "visit"
	PendingComplaint = "complaint"
)

// PendingMatch is a kiosk record whose typed phone or plate matched an
// archive, waiting for the desk.
type PendingMatch struct {
	ID     uint64        `json:"id"`
	Kind   string        `json:"kind"` // PendingVisit, PendingComplaint
	Status PendingStatus `json:"status"`
	// The kiosk's record: the visit (queue number) or the complaint
	// (ticket), on the provisional customer and vehicle.
	VisitID     uint64 `json:"visit_id,omitempty"`
	QueueNo     string `json:"queue_no,omitempty"`
	ComplaintID uint64 `json:"complaint_id,omitempty"`
	Ticket      string `json:"ticket,omitempty"`
	// CustomerID and VehicleID are the record's own (provisional when
	// GuestCustomer/GuestVehicle).
	CustomerID    uint64 `json:"customer_id"`
	VehicleID     uint64 `json:"vehicle_id,omitempty"`
	GuestCustomer bool   `json:"guest_customer,omitempty"`
	GuestVehicle  bool   `json:"guest_vehicle,omitempty"`
	TypedName     string `json:"typed_name"`
	// The archive matched: by phone (its customer) and/or by plate (its
	// vehicle).
	MatchCustomerID uint64    `json:"match_customer_id,omitempty"`
	MatchVehicleID  uint64    `json:"match_vehicle_id,omitempty"`
	MatchPlate      string    `json:"match_plate,omitempty"` // the matched archive's plate, masked
	MatchPhone      string    `json:"match_phone,omitempty"` // the matched archive's phone, masked
	CreatedAt       time.Time `json:"created_at"`
	DecidedAt       time.Time `json:"decided_at,omitzero"`
	DecidedBy       string    `json:"decided_by,omitempty"`
}

// KioskMatch is the rule of what a typed phone and plate may do (ARC-2):
// given whether each is on file, it says whether the record must wait for
// the desk (pending) and which of the two must be recorded provisionally
// (not indexed, not joined to the archive on file).
func KioskMatch(phoneOnFile, plateOnFile bool) (pending, guestCustomer, guestVehicle bool) {
	return phoneOnFile || plateOnFile, phoneOnFile, plateOnFile
}
