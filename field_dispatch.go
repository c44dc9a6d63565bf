package frontoffice

// FieldShipment is what FLD-1 records between shipment and receipt.
type FieldShipment struct{}

// FieldDispatch is the commissioning request (FLD-2), the dispatch request
// and its approval chain (FLD-3) and the out-of-office or business-trip
// papers (FLD-4).
type FieldDispatch struct{}
