package frontoffice

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Account is a staff login of the console. Role is one of RoleReception,
// RoleFollowUp, RoleSupervisor, RoleAdmin; StaffID links it to a
// StaffMember of the settings, when there is one.
type Account struct {
	Login        string    `json:"login"`
	Name         string    `json:"name"`
	Role         string    `json:"role"`
	StaffID      string    `json:"staff_id,omitempty"`
	Lang         Lang      `json:"lang,omitempty"` // console language; "" = Chinese
	PasswordHash []byte    `json:"password_hash"`
	Disabled     bool      `json:"disabled,omitempty"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// Is reports whether the account has role; an admin has every role.
func (a Account) Is(role string) bool { return a.Role == role || a.Role == RoleAdmin }

// Session is a logged-in console session. CSRF is the per-session token
// every state-changing form must carry.
type Session struct {
	Login     string    `json:"login"`
	CSRF      string    `json:"csrf"`
	CreatedAt time.Time `json:"created_at"`
	ExpiresAt time.Time `json:"expires_at"`
}

// Password rules: bcrypt reads at most 72 bytes.
const (
	MinPasswordLen = 10 // characters
	MaxPasswordLen = 72 // bytes
)

// SessionTTL is how long a console session lasts from login: one long shift.
// There is no sliding renewal, so reading a page never writes the file.
const SessionTTL = 12 * time.Hour

// Account errors. Each is an *Error whose key the console explains.
var (
	ErrBadLogin    = Errorf(EINVALID, "err.account.login")
	ErrBadPassword = Errorf(EINVALID, "err.account.password", MinPasswordLen)
	ErrBadRole     = Errorf(EINVALID, "err.account.role")
	ErrLoginTaken  = Errorf(ECONFLICT, "err.account.taken")
	// ErrWrongCredentials is the one answer to an unknown login, a wrong
	// password and a disabled account alike.
	ErrWrongCredentials = Errorf(EFORBIDDEN, "err.account.wrong")
)

// ParseLogin checks a login name: 2 to 32 of a-z, 0-9, '.', '_', '-',
// lower-cased. It returns ErrBadLogin otherwise.
func ParseLogin(s string) (string, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if len(s) < 2 || len(s) > 32 {
		return "", ErrBadLogin
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-') {
			return "", ErrBadLogin
		}
	}
	return s, nil
}

// CheckPassword enforces the password rules: at least MinPasswordLen
// characters, at most MaxPasswordLen bytes, no control characters.
func CheckPassword(pw string) error {
	if utf8.RuneCountInString(pw) < MinPasswordLen || len(pw) > MaxPasswordLen || !utf8.ValidString(pw) {
		return ErrBadPassword
	}
	for _, r := range pw {
		if r < 0x20 || r == 0x7f {
			return ErrBadPassword
		}
	}
	return nil
}

func ValidRole(role string) bool {
	switch role {
	case RoleReception, RoleFollowUp, RoleSupervisor, RoleAdmin:
		return true
	}
	return false
}

// AddAccount creates a console account with the password hashed by bcrypt.
// The login must be new (ErrLoginTaken), the role known (ErrBadRole), the
// name 1 to 40 characters (err.name), the password long enough
