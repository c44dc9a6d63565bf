package frontoffice

// Requests of a visit's steps, made by the console and the bot.

// IntakeRequest is the work order made at intake (INT-1 to INT-5).
type IntakeRequest struct {
	VisitID   uint64
	WorkOrder WorkOrder
	// Signature is the customer's signature given with the work order
	// (INT-4); zero leaves the work order awaiting it (SignRequest).
	Signature Signature
	By        string
}

// SignRequest is the customer's signature of a work order awaiting it
// (INT-4): on the pad at the desk, or one tap in their Telegram chat.
type SignRequest struct {
	VisitID   uint64
	Signature Signature
	By        string
}

// AddWorkRequest proposes additional work found in the workshop (INT-6).
type AddWorkRequest struct {
	VisitID      uint64
	Description  string
	Reason       string
	Price        Money
	ExtraMinutes int
	Safety       bool
	By           string
}

// DeliverRequest hands the vehicle over with its settlement (DEL-3).
type DeliverRequest struct {
	VisitID    uint64
	Settlement Settlement
	// Supervisor is set when the person delivering is a supervisor, who
	// alone may grant a discount (DEL-3).
	Supervisor bool
	// DiscountReason is why the customer pays less than the bill (DEL-3).
	DiscountReason string
	// Signature is the customer's signature of the settlement (DEL-3);
	// without it the vehicle is not handed over.
	Signature Signature
	By        string
}
