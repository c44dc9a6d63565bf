package frontoffice

import (
	"strings"
	"time"
)

// Lobby devices (issue 10). A kiosk or a lobby TV is enrolled once from
// the staff console: a supervisor creates an enrolment code, the device's
// browser opens /kiosk/enrol and types it, and gets a device token in a
// long-lived cookie. Only enrolled devices (and a browser on the server's
// own machine, LocalDeviceID) may check in, walk in, complain or rate;
// any other address gets the read-only board at most.

// LocalDeviceID is the device id of a browser on the server's own machine
// (loopback): enrolled by default, never revoked, so that a fresh install
// works with a local browser in kiosk mode.
const LocalDeviceID = 0

// EnrolmentTTL is how long an enrolment code can be used.
const EnrolmentTTL = 30 * time.Minute

// MaxDeviceName is the longest device name accepted, in characters.
const MaxDeviceName = 40

// Device is an enrolled lobby device.
type Device struct {
	ID   uint64 `json:"id"`
	Name string `json:"name"`
	// Unlocks counts the staff's "unlock" presses: each one refills the
	// device's kiosk limits.
	Unlocks   uint64    `json:"unlocks,omitempty"`
	By        string    `json:"by,omitempty"` // who enrolled it
	CreatedAt time.Time `json:"created_at"`
	RevokedAt time.Time `json:"revoked_at,omitzero"`
	RevokedBy string    `json:"revoked_by,omitempty"`
}

// Revoked reports whether staff revoked the device.
func (d Device) Revoked() bool { return !d.RevokedAt.IsZero() }

// Local reports whether d is the server's own machine.
func (d Device) Local() bool { return d.ID == LocalDeviceID }

// ParseDeviceName trims and checks a device's name (1 to MaxDeviceName
// characters, as a person's name); an EINVALID *Error "err.device_name"
// otherwise.
func ParseDeviceName(s string) (string, error) {
	n, err := ParseName(s)
	if err != nil || len([]rune(n)) > MaxDeviceName {
		return "", Errorf(EINVALID, "err.device_name")
	}
	return n, nil
}

// enrolAlphabet are the characters of an enrolment code: no 0/O, 1/I/L.
const enrolAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

// EnrolCodeLen is the length of an enrolment code (31^10 ≈ 2^49).
const EnrolCodeLen = 10

// NewEnrolCode turns random bytes (at least EnrolCodeLen) into an
// enrolment code, shown as XXXXX-XXXXX.
func NewEnrolCode(random []byte) string {
	var b strings.Builder
	for i := range EnrolCodeLen {
		if i == EnrolCodeLen/2 {
			b.WriteByte('-')
		}
		b.WriteByte(enrolAlphabet[int(random[i])%len(enrolAlphabet)])
	}
	return b.String()
}

// NormalizeEnrolCode reads an enrolment code as typed (any case, spaces and
// dashes anywhere) and returns it as NewEnrolCode writes it, or "" when it
// cannot be one.
func NormalizeEnrolCode(s string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		switch {
		case r == ' ' || r == '-':
		case strings.ContainsRune(enrolAlphabet, r):
			b.WriteRune(r)
		default:
			return ""
		}
	}
	c := b.String()
	if len(c) != EnrolCodeLen {
		return ""
	}
	return c[:EnrolCodeLen/2] + "-" + c[EnrolCodeLen/2:]
}
