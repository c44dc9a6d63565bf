package frontoffice

import (
	_ "embed"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Account is a staff login of the console. Role is one of RoleReception,
// RoleFollowUp, RoleSupervisor, RoleAdmin; StaffID links it to a
// StaffMember of the settings, when there is one.
type Account struct {
	Login   string `json:"login"`
	Name    string `json:"name"`
	Role    string `json:"role"`
	StaffID string `json:"staff_id,omitempty"`
	// StationID binds an account of RoleStation to its service station
	// (NET-1): it sees that station's records only.
	StationID    uint64    `json:"station_id,omitempty"`
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
	// ErrWeakPassword is a password long enough but easy to guess: one of
	// the common passwords (passwords.txt), one character repeated, a
	// short pattern repeated or a run along the alphabet, the digits or a
	// keyboard row.
	ErrWeakPassword = Errorf(EINVALID, "err.account.weak")
	// ErrLastAdmin refuses a change that would leave no enabled admin
	// account: nobody could then manage accounts or settings.
	ErrLastAdmin = Errorf(ECONFLICT, "err.account.last_admin")
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
// characters, at most MaxPasswordLen bytes, no control characters
// (ErrBadPassword), and not easy to guess (ErrWeakPassword, WeakPassword).
func CheckPassword(pw string) error {
	if utf8.RuneCountInString(pw) < MinPasswordLen || len(pw) > MaxPasswordLen || !utf8.ValidString(pw) {
		return ErrBadPassword
	}
	for _, r := range pw {
		if r < 0x20 || r == 0x7f {
			return ErrBadPassword
		}
	}
	if WeakPassword(pw) {
		return ErrWeakPassword
	}
	return nil
}

// commonPasswordList is a few hundred of the passwords most often found in
// leaked password lists that are long enough to pass the length rule
// (shorter ones are refused anyway), one a line, lower case.
//
//go:embed passwords.txt
var commonPasswordList string

var commonPasswords = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, l := range strings.Split(commonPasswordList, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			m[strings.ToLower(l)] = true
		}
	}
	return m
})

// passwordRuns are the sequences a lazy password walks along: the alphabet, the
// digits (0 after 9 as on a keyboard) and the keyboard's rows and columns.
// A password that is a stretch of one of them, forwards or backwards, is
// weak.
var passwordRuns = []string{
	"abcdefghijklmnopqrstuvwxyz",
	"01234567890",
	"`1234567890-=",
	"qwertyuiop[]\\",
	"asdfghjkl;'",
	"zxcvbnm,./",
	"qwertyuiopasdfghjklzxcvbnm",
	"1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik,9ol.0p;/",
	"!@#$%^&*()_+",
}

// WeakPassword reports whether pw is easy to guess whatever its length:
// on the list of common passwords (case ignored), one character repeated
// ("aaaaaaaaaa"), a pattern of up to four characters repeated
// ("1212121212", "abcabcabca"), or a stretch of the alphabet, the digits
// or a keyboard row or column, either way ("1234567890", "qwertyuiop",
// "0987654321").
func WeakPassword(pw string) bool {
	low := strings.ToLower(pw)
	if commonPasswords()[low] {
		return true
	}
	rs := []rune(low)
	for p := 1; p <= 4 && p < len(rs); p++ {
		periodic := true
		for i := p; i < len(rs); i++ {
			if rs[i] != rs[i-p] {
				periodic = false
				break
			}
		}
		if periodic {
			return true
		}
	}
	rev := make([]rune, len(rs))
	for i, r := range rs {
		rev[len(rs)-1-i] = r
	}
	for _, run := range passwordRuns {
		if strings.Contains(run, low) || strings.Contains(run, string(rev)) {
			return true
		}
	}
	return false
}

// ValidRole reports whether role is one of the console's roles.
func ValidRole(role string) bool {
	switch role {
	case RoleReception, RoleFollowUp, RoleSupervisor, RoleAdmin, RoleStation:
		return true
	}
	return false
}

// AddAccount creates a console account with the password hashed by bcrypt.
// The login must be new (ErrLoginTaken), the role known (ErrBadRole), the
// name 1 to 40 characters (err.name), the password long enough

// CheckAdminsRemain is the rule of every account change (disable, role):
// after it, at least one enabled admin account must remain, so that
// someone can still manage accounts and settings. accounts are all the
// accounts as they are, changed the account as it would become; it
// returns ErrLastAdmin when the change takes away the last enabled admin.
// A file with no enabled admin (only possible before the first one is
// made) refuses nothing.
func CheckAdminsRemain(accounts []Account, changed Account) error {
	before, after := 0, 0
	for _, a := range accounts {
		if a.Role == RoleAdmin && !a.Disabled {
			before++
		}
		if a.Login == changed.Login {
			a = changed
		}
		if a.Role == RoleAdmin && !a.Disabled {
			after++
		}
	}
	if before > 0 && after == 0 {
		return ErrLastAdmin
	}
	return nil
}

// CheckStaffLinks checks settings about to be stored against the
// accounts: an enabled account linked to a staff member (Account.StaffID)
// keeps that staff member. It returns an EINVALID "err.settings" error
// naming the first account and the staff id the settings would remove.
// When someone leaves, their account is disabled first; then their staff
// member may go (and the account cannot be enabled again while its staff
// member is missing, ErrStaffGone).
func CheckStaffLinks(st *Settings, accounts []Account) error {
	for _, a := range accounts {
		if a.StaffID == "" || a.Disabled {
			continue
		}
		if _, ok := st.StaffMember(a.StaffID); !ok {
			return Errorf(EINVALID, "err.settings", "staff: account "+a.Login+" is linked to staff member "+a.StaffID+
				", which these settings remove; keep that staff member, or disable the account first")
		}
	}
	return nil
}

// ErrStaffGone refuses to enable an account whose staff member is no
// longer in the settings (CheckStaffLinks); its argument is the staff id.
var ErrStaffGone = Errorf(EINVALID, "err.account.staff_gone")

// CheckStaffLink is CheckStaffLinks for one account about to be enabled:
// ErrStaffGone, with the staff id, when it is linked to a staff member
// the settings no longer have.
func CheckStaffLink(st *Settings, a Account) error {
	if a.StaffID == "" || a.Disabled {
		return nil
	}
	if _, ok := st.StaffMember(a.StaffID); !ok {
		return Errorf(EINVALID, "err.account.staff_gone", a.StaffID)
	}
	return nil
}
