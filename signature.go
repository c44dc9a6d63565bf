package frontoffice

import "time"

// Ways a signature was given (INT-4, FLD-5).
const (
	SignedOnPad      = "pad"      // a finger on the tablet or kiosk screen
	SignedByTelegram = "telegram" // one tap in the customer's linked chat
	SignedOnPaper    = "paper"    // signed on paper, photographed
)

// Signature is a customer's agreement to a document: the stroke image of a
// finger signature (PNG), or a one-tap approval in Telegram with its chat,
// and when. A zero Signature is "awaiting signature".
type Signature struct {
	Via    string    `json:"via"`
	At     time.Time `json:"at"`
	Name   string    `json:"name,omitempty"` // who signed, as they gave it
	PNG    []byte    `json:"png,omitempty"`  // the strokes (pad, paper photo)
	ChatID int64     `json:"chat_id,omitempty"`
	By     string    `json:"by,omitempty"` // the staff login or device that took it
}

// Signed reports whether the signature was given.
func (s Signature) Signed() bool { return s.Via != "" && !s.At.IsZero() }
