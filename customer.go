package frontoffice

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Customer is a person the shop serves. Name, address and contact are
// recorded at the first contact (REC-2); one customer may own several
// vehicles, each with its own archive (ARC-1).
type Customer struct {
	ID      uint64 `json:"id"`
	Name    string `json:"name"`
	Phone   string `json:"phone"` // 11 digits, see ParsePhone
	Address string `json:"address,omitempty"`
	Lang    Lang   `json:"lang"`
	// ChatID is the customer's private Telegram chat, 0 when not linked.
	ChatID int64 `json:"chat_id,omitempty"`
	// FollowUpStaff is the ID of the designated follow-up staff member (FU-1).
	FollowUpStaff string    `json:"followup_staff,omitempty"`
	Consent       bool      `json:"consent,omitempty"` // agreed to keep the data
	CreatedAt     time.Time `json:"created_at"`
	UpdatedAt     time.Time `json:"updated_at"`
}

// Vehicle is one vehicle and its archive (一车一档, ARC-1): model, plate,
// type, the maintenance interval and next date, the services the customer
// wants. Its visits are the archive's service history.
type Vehicle struct {
	ID         uint64 `json:"id"`
	CustomerID uint64 `json:"customer_id"`
	Plate      string `json:"plate"` // normalised, see ParsePlate
	Model      string `json:"model,omitempty"`
	// Type is the vehicle type as the statistics count it (REP-1).
	Type              string    `json:"type,omitempty"`
	MaintIntervalDays int       `json:"maint_interval_days,omitempty"`
	NextMaintenance   time.Time `json:"next_maintenance,omitzero"`
	Wants             string    `json:"wants,omitempty"` // services the customer wants
	CreatedAt         time.Time `json:"created_at"`
	UpdatedAt         time.Time `json:"updated_at"`
}

// Vehicle types for statistics.
var VehicleTypes = []string{"car", "suv", "mpv", "van", "truck", "bus"}

// MaxNameLen is the longest customer name accepted, in characters.
const MaxNameLen = 40

// ParseName trims and checks a person's name: 1 to MaxNameLen printable
// characters. It returns an EINVALID *Error with key "err.name" otherwise.
func ParseName(s string) (string, error) {
	s = strings.Join(strings.Fields(s), " ")
	n := utf8.RuneCountInString(s)
	if n == 0 || n > MaxNameLen || !utf8.ValidString(s) {
		return "", Errorf(EINVALID, "err.name")
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f || r == '<' || r == '>' {
			return "", Errorf(EINVALID, "err.name")
		}
	}
	return s, nil
}

// ArchiveGaps returns the ARC-1 fields still missing from a customer's
// archive of one vehicle, as text keys ("arc.address", "arc.model", ...).
// An archive with gaps two days after a visit shows on the staff list.
func ArchiveGaps(c Customer, v Vehicle) []string {
	var gaps []string
	add := func(empty bool, key string) {
		if empty {
			gaps = append(gaps, key)
		}
	}
	add(c.Name == "", "arc.name")
	add(c.Phone == "", "arc.phone")
	add(c.Address == "", "arc.address")
	add(v.Plate == "", "arc.plate")
	add(v.Model == "", "arc.model")
	add(v.Type == "", "arc.type")
	add(v.MaintIntervalDays == 0, "arc.interval")
	add(v.NextMaintenance.IsZero(), "arc.next_maint")
	return gaps
}

// CustomerInput is what is known of a customer at a contact: an existing
// customer's ID, or the phone (and for a new customer the name) recorded at
// the first contact (REC-2).
type CustomerInput struct {
	ID      uint64
	Name    string // parsed with ParseName
	Phone   string // parsed with ParsePhone
	Address string
	ChatID  int64
	Lang    Lang
	Consent bool
	// Verified is set when the phone is proven to belong to the person at
	// ChatID (a Telegram contact shared by its own user). Without it a chat
	// is never linked to a customer already on file: typing someone's
	// number must not show their appointments.
	Verified bool
}
