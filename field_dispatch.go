package frontoffice

import "time"

// FieldShipment is what FLD-1 records between shipment and receipt.
type FieldShipment struct{}

// FieldDispatch is the commissioning request (FLD-2), the dispatch request
// and its approval chain (FLD-3) and the out-of-office or business-trip
// papers (FLD-4).
type FieldDispatch struct {
	// Technician is the staff id (Settings.Staff) of the technician the
	// general manager's office picked (FLD-3).
	Technician string `json:"technician,omitempty"`
	// DispatchedAt is when the department manager dispatched the job.
	DispatchedAt time.Time `json:"dispatched_at,omitzero"`
}
