package frontoffice

import (
	"bytes"
	"time"
)

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

// MaxSignaturePNG is the largest stroke image or paper photo kept with a
// signature, in bytes.
const MaxSignaturePNG = 1 << 20

// Signature errors.
var (
	// ErrAwaitingSignature refuses a step that needs the customer's
	// signature first (INT-4): the job cannot move on without it.
	ErrAwaitingSignature = Errorf(ECONFLICT, "err.signature.awaiting")
	// ErrBadSignature is a signature that is not one: an unknown way, no
	// image for the pad or paper, no chat for Telegram, no time.
	ErrBadSignature = Errorf(EINVALID, "err.signature.invalid")
)

var pngMagic = []byte("\x89PNG\r\n\x1a\n")

// Validate checks a signature as given: a pad or paper signature carries
// its image (a PNG of at most MaxSignaturePNG bytes; the doors check what
// is drawn, see web.SignaturePNG), a Telegram one its chat, and every one
// its time. It returns ErrBadSignature otherwise.
func (s Signature) Validate() error {
	if s.At.IsZero() || len(s.Name) > 200 {
		return ErrBadSignature
	}
	switch s.Via {
	case SignedOnPad, SignedOnPaper:
		if len(s.PNG) == 0 || len(s.PNG) > MaxSignaturePNG || !bytes.HasPrefix(s.PNG, pngMagic) {
			return ErrBadSignature
		}
	case SignedByTelegram:
		if s.ChatID == 0 || len(s.PNG) != 0 {
			return ErrBadSignature
		}
	default:
		return ErrBadSignature
	}
	return nil
}
