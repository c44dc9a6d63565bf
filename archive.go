package frontoffice

import (
	"time"
)

// Archive is one vehicle's archive as the console shows it (ARC-1): the
// customer, the vehicle, the customer's other vehicles, the vehicle's
// visits (its service history, oldest first) and the customer's
// appointments for this vehicle (earliest first).
type Archive struct {
	Customer     Customer
	Vehicle      Vehicle
	Others       []Vehicle
	Visits       []Visit
	Appointments []Appointment
	Gaps         []string // ArchiveGaps
}

// ArchiveGapGrace is how long an archive may stay incomplete after the
// first contact (ARC-1: within 2 days of a visit or inquiry).
const ArchiveGapGrace = 48 * time.Hour

// ArchiveGap is an archive still incomplete after ArchiveGapGrace (ARC-1).
type ArchiveGap struct {
	VehicleID    uint64
	CustomerID   uint64
	Plate        string
	CustomerName string
	Since        time.Time // the archive's creation: first visit or inquiry
	Gaps         []string  // text keys, ArchiveGaps
}

// ArchiveEdit is what the console may change in an archive (ARC-1): the
// customer's name and address, the vehicle's model, type, maintenance
// interval and next date, and the services the customer wants. The phone
// and plate are keys of the indexes and stay.
type ArchiveEdit struct {
	VehicleID         uint64
	Name              string
	Address           string
	Model             string
	Type              string
	MaintIntervalDays int
	NextMaintenance   time.Time // zero: none
	Wants             string
	By                string // who edits, for the audit trail: "staff:<login>"
}
