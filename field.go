package frontoffice

import "time"

// FieldJob is an installation and commissioning at a business customer's
// site (售后安装工作流程, FLD-1..5 in docs/rules.md): the equipment is shipped by
// the factory, the customer confirms receipt and asks for commissioning, a
// technician is dispatched after an approval chain, works on site and closes
// with an acceptance report the customer signs; finance then collects the
// balance.
//
// Its parts are owned by the step that fills them: Shipment (FLD-1) and
// Dispatch (FLD-2..4) in field_dispatch.go, Site (FLD-5) in field_site.go.
type FieldJob struct {
	ID     uint64     `json:"id"`
	Number string     `json:"number"` // AZ-20261206-001
	Stage  FieldStage `json:"stage"`

	Customer FieldCustomer `json:"customer"`
	// Equipment is what was shipped, as the delivery receipt lists it.
	Equipment string `json:"equipment"`
	// Product is the labour standard's code (labour.go) of the main
	// product, which the quality report (REP-2) counts by; "" when none.
	Product string `json:"product,omitempty"`
	// Region is the labour-rate region of the site (labour.go).
	Region string `json:"region,omitempty"`
	// Lang is the language of the customer's documents and messages.
	Lang Lang `json:"lang"`

	Shipment FieldShipment `json:"shipment"`
	Dispatch FieldDispatch `json:"dispatch"`
	Site     FieldSite     `json:"site"`

	By        string       `json:"by"` // who created it
	CreatedAt time.Time    `json:"created_at"`
	UpdatedAt time.Time    `json:"updated_at"`
	History   []FieldEvent `json:"history"`
}

// FieldCustomer is the business customer of a field job and how to reach
// its site (FLD-3: company, address, contact and phone, how to get there).
type FieldCustomer struct {
	Company string `json:"company"`
	Address string `json:"address"`
	Contact string `json:"contact"`
	Phone   string `json:"phone"`
	Route   string `json:"route,omitempty"` // how to get there
	// ChatID is the customer contact's Telegram chat, once linked; 0 otherwise.
	ChatID int64 `json:"chat_id,omitempty"`
}

// FieldEvent is a line of a field job's history: who did what when.
type FieldEvent struct {
	At     time.Time `json:"at"`
	By     string    `json:"by"`
	Action string    `json:"action"`
	Note   string    `json:"note,omitempty"`
}

// FieldStage is where a field job stands.
type FieldStage string

// Field job stages, in order.
const (
	FieldShipped    FieldStage = "shipped"    // equipment on its way (FLD-1)
	FieldReceived   FieldStage = "received"   // the customer signed the delivery receipt (FLD-1)
	FieldRequested  FieldStage = "requested"  // commissioning asked for, sealed request on file (FLD-2)
	FieldApproving  FieldStage = "approving"  // dispatch request in its approval chain (FLD-3)
	FieldDispatched FieldStage = "dispatched" // technician sent (FLD-3, FLD-4)
	FieldOnSite     FieldStage = "on_site"    // technician checked in at the site (FLD-5)
	FieldAccepted   FieldStage = "accepted"   // acceptance report signed (FLD-5)
	FieldClosed     FieldStage = "closed"     // contract fulfilled, finance told (FLD-5)
	FieldCancelled  FieldStage = "cancelled"
)
