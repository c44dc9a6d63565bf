package data

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"
	"golang.org/x/crypto/bcrypt"

	fo "frontoffice"
)

// Staff console accounts and sessions.
//
//	accounts   login → JSON Account (bcrypt password hash inside)
//	sessions   SHA-256(session token) → JSON Session
//
// A session token is 32 random bytes, base64url; only its hash is stored,
// so a copy of the data file (a backup) holds no usable session.

// Account is a staff login of the console. Role is one of fo.RoleReception,
// fo.RoleFollowUp, fo.RoleSupervisor, fo.RoleAdmin; StaffID links it to a
// fo.StaffMember of the settings, when there is one.
type Account struct {
	Login        string    `json:"login"`
	Name         string    `json:"name"`
	Role         string    `json:"role"`
	StaffID      string    `json:"staff_id,omitempty"`
	Lang         fo.Lang   `json:"lang,omitempty"` // console language; "" = Chinese
	PasswordHash []byte    `json:"password_hash"`
	Disabled     bool      `json:"disabled,omitempty"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// Is reports whether the account has role; an admin has every role.
func (a Account) Is(role string) bool { return a.Role == role || a.Role == fo.RoleAdmin }

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

// passwordCost is the bcrypt work factor of new hashes (SetPasswordCost).
var passwordCost atomic.Int32

// SetPasswordCost sets the bcrypt work factor of password hashes made from
// now on (bcrypt.MinCost to bcrypt.MaxCost; 0 restores bcrypt.DefaultCost).
// Tests lower it: under the race detector one default-cost hash takes
// seconds. Existing hashes keep the cost they were made with.
func SetPasswordCost(cost int) {
	passwordCost.Store(int32(cost))
}

func bcryptCost() int {
	if c := int(passwordCost.Load()); c >= bcrypt.MinCost && c <= bcrypt.MaxCost {
		return c
	}
	return bcrypt.DefaultCost
}

// dummyHash is compared against when a login does not exist, so that the
// answer takes as long as for a wrong password.
var dummyHash = sync.OnceValue(func() []byte {
	h, _ := bcrypt.GenerateFromPassword([]byte("no such account, no such password"), bcryptCost())
	return h
})

// Account errors. Each is an *fo.Error whose key the console explains.
var (
	ErrBadLogin    = fo.Errorf(fo.EINVALID, "err.account.login")
	ErrBadPassword = fo.Errorf(fo.EINVALID, "err.account.password", MinPasswordLen)
	ErrBadRole     = fo.Errorf(fo.EINVALID, "err.account.role")
	ErrLoginTaken  = fo.Errorf(fo.ECONFLICT, "err.account.taken")
	// ErrWrongCredentials is the one answer to an unknown login, a wrong
	// password and a disabled account alike.
	ErrWrongCredentials = fo.Errorf(fo.EFORBIDDEN, "err.account.wrong")
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

// checkPassword enforces the password rules: at least MinPasswordLen
// characters, at most MaxPasswordLen bytes, no control characters.
func checkPassword(pw string) error {
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

func validRole(role string) bool {
	switch role {
	case fo.RoleReception, fo.RoleFollowUp, fo.RoleSupervisor, fo.RoleAdmin:
		return true
	}
	return false
}

// AddAccount creates a console account with the password hashed by bcrypt.
// The login must be new (ErrLoginTaken), the role known (ErrBadRole), the
// name 1 to 40 characters (err.name), the password long enough
// (ErrBadPassword); a StaffID must name a staff member of the settings.
func (s *Store) AddAccount(a Account, password string) (Account, error) {
	var err error
	if a.Login, err = ParseLogin(a.Login); err != nil {
		return a, err
	}
	if a.Name, err = fo.ParseName(a.Name); err != nil {
		return a, err
	}
	if !validRole(a.Role) {
		return a, ErrBadRole
	}
	if err := checkPassword(password); err != nil {
		return a, err
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), bcryptCost())
	if err != nil {
		return a, fmt.Errorf("hash password: %w", err)
	}
	a.PasswordHash = hash
	err = s.update(func(tx *bolt.Tx, w *writer) error {
		b := tx.Bucket(bAccounts)
		if b.Get([]byte(a.Login)) != nil {
			return ErrLoginTaken
		}
		if a.StaffID != "" {
			st, err := settingsTx(tx)
			if err != nil {
				return err
			}
			if !hasStaff(&st, a.StaffID) {
				return fo.Errorf(fo.EINVALID, "err.account.staff")
			}
		}
		a.CreatedAt, a.UpdatedAt = w.now, w.now
		return putJSON(b, []byte(a.Login), a)
	})
	return a, err
}

func hasStaff(st *fo.Settings, id string) bool {
	for _, m := range st.Staff {
		if m.ID == id {
			return true
		}
	}
	return false
}

// Account returns the account with login, or ErrNotFound.
func (s *Store) Account(login string) (Account, error) {
	var a Account
	err := s.db.View(func(tx *bolt.Tx) error {
		return getJSON(tx.Bucket(bAccounts), []byte(login), &a)
	})
	return a, err
}

// Accounts returns every account, sorted by login, password hashes left
// out.
func (s *Store) Accounts() ([]Account, error) {
	var out []Account
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bAccounts).ForEach(func(_, v []byte) error {
			var a Account
			if err := json.Unmarshal(v, &a); err != nil {
				return err
			}
			a.PasswordHash = nil
			out = append(out, a)
			return nil
		})
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Login < out[j].Login })
	return out, err
}

// SetPassword replaces an account's password and ends all its sessions.
func (s *Store) SetPassword(login, password string) error {
	if err := checkPassword(password); err != nil {
		return err
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), bcryptCost())
	if err != nil {
		return fmt.Errorf("hash password: %w", err)
	}
	return s.update(func(tx *bolt.Tx, w *writer) error {
		var a Account
		if err := getJSON(tx.Bucket(bAccounts), []byte(login), &a); err != nil {
			return err
		}
		a.PasswordHash, a.UpdatedAt = hash, w.now
		if err := putJSON(tx.Bucket(bAccounts), []byte(login), a); err != nil {
			return err
		}
		return deleteSessionsOf(tx, login)
	})
}

// SetAccountLang stores the console language an account chose.
func (s *Store) SetAccountLang(login string, lang fo.Lang) error {
	return s.update(func(tx *bolt.Tx, w *writer) error {
		var a Account
		if err := getJSON(tx.Bucket(bAccounts), []byte(login), &a); err != nil {
			return err
		}
		a.Lang, a.UpdatedAt = lang, w.now
		return putJSON(tx.Bucket(bAccounts), []byte(login), a)
	})
}

// Authenticate checks a login and password. Every failure — unknown login,
// wrong password, disabled account — is ErrWrongCredentials and takes about
// as long (one bcrypt comparison), so the answer does not tell which logins
// exist. Rate limiting is the caller's (the console's) job.
func (s *Store) Authenticate(login, password string) (Account, error) {
	login = strings.ToLower(strings.TrimSpace(login))
	a, err := s.Account(login)
	if err != nil {
		if !errors.Is(err, fo.ErrNotFound) {
			return Account{}, err
		}
		bcrypt.CompareHashAndPassword(dummyHash(), []byte(password))
		return Account{}, ErrWrongCredentials
	}
	if bcrypt.CompareHashAndPassword(a.PasswordHash, []byte(password)) != nil || a.Disabled {
		return Account{}, ErrWrongCredentials
	}
	a.PasswordHash = nil
	return a, nil
}

// sessionKey is the stored key of a session token: its SHA-256.
func sessionKey(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

func randomToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("random token: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// CreateSession starts a session of SessionTTL for login and returns its
// token (for the cookie; only its hash is stored) and the session with its
// CSRF token. Expired sessions are swept on the way.
func (s *Store) CreateSession(login string) (string, Session, error) {
	token, err := randomToken()
	if err != nil {
		return "", Session{}, err
	}
	csrf, err := randomToken()
	if err != nil {
		return "", Session{}, err
	}
	var sess Session
	err = s.update(func(tx *bolt.Tx, w *writer) error {
		if tx.Bucket(bAccounts).Get([]byte(login)) == nil {
			return fo.ErrNotFound
		}
		b := tx.Bucket(bSessions)
		var stale [][]byte
		b.ForEach(func(k, v []byte) error {
			var old Session
			if json.Unmarshal(v, &old) != nil || !old.ExpiresAt.After(w.now) {
				stale = append(stale, bytes.Clone(k))
			}
			return nil
		})
		for _, k := range stale {
			if err := b.Delete(k); err != nil {
				return err
			}
		}
		sess = Session{Login: login, CSRF: csrf, CreatedAt: w.now, ExpiresAt: w.now.Add(SessionTTL)}
		return putJSON(b, sessionKey(token), sess)
	})
	if err != nil {
		return "", Session{}, err
	}
	return token, sess, nil
}

// Session returns the live session of token and its account (password hash
// left out). An unknown or expired token, or one whose account is gone or
// disabled, is ErrNotFound.
func (s *Store) Session(token string) (Session, Account, error) {
	var sess Session
	var a Account
	if token == "" || len(token) > 100 {
		return sess, a, fo.ErrNotFound
	}
	now := s.now()
	err := s.db.View(func(tx *bolt.Tx) error {
		if err := getJSON(tx.Bucket(bSessions), sessionKey(token), &sess); err != nil {
			return err
		}
		if !sess.ExpiresAt.After(now) {
			return fo.ErrNotFound
		}
		if err := getJSON(tx.Bucket(bAccounts), []byte(sess.Login), &a); err != nil {
			return fo.ErrNotFound
		}
		if a.Disabled {
			return fo.ErrNotFound
		}
		a.PasswordHash = nil
		return nil
	})
	if err != nil {
		return Session{}, Account{}, err
	}
	return sess, a, nil
}

// DeleteSession ends the session of token (logout). An unknown token is not
// an error.
func (s *Store) DeleteSession(token string) error {
	return s.update(func(tx *bolt.Tx, _ *writer) error {
		return tx.Bucket(bSessions).Delete(sessionKey(token))
	})
}

func deleteSessionsOf(tx *bolt.Tx, login string) error {
	b := tx.Bucket(bSessions)
	var ks [][]byte
	b.ForEach(func(k, v []byte) error {
		var sess Session
		if json.Unmarshal(v, &sess) == nil && sess.Login == login {
			ks = append(ks, bytes.Clone(k))
		}
		return nil
	})
	for _, k := range ks {
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	return nil
}
