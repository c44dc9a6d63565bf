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

	bolt "go.etcd.io/bbolt"
	"golang.org/x/crypto/bcrypt"

	fo "frontoffice"
)

// Staff console accounts and sessions.
//
//	accounts   login → JSON fo.Account (bcrypt password hash inside)
//	sessions   SHA-256(session token) → JSON fo.Session
//
// A session token is 32 random bytes, base64url; only its hash is stored,
// so a copy of the data file (a backup) holds no usable session.

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

// (fo.ErrBadPassword); a StaffID must name a staff member of the settings.
func (s *Store) AddAccount(a fo.Account, password string) (fo.Account, error) {
	var err error
	if a.Login, err = fo.ParseLogin(a.Login); err != nil {
		return a, err
	}
	if a.Name, err = fo.ParseName(a.Name); err != nil {
		return a, err
	}
	if !fo.ValidRole(a.Role) {
		return a, fo.ErrBadRole
	}
	if err := fo.CheckPassword(password); err != nil {
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
			return fo.ErrLoginTaken
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
		if err := putJSON(b, []byte(a.Login), a); err != nil {
			return err
		}
		return w.audit(fo.AuditAccount, a.Login, "create", nil, nil)
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

// fo.Account returns the account with login, or ErrNotFound.
func (s *Store) Account(login string) (fo.Account, error) {
	var a fo.Account
	err := s.db.View(func(tx *bolt.Tx) error {
		return getJSON(tx.Bucket(bAccounts), []byte(login), &a)
	})
	return a, err
}

// Accounts returns every account, sorted by login, password hashes left
// out.
func (s *Store) Accounts() ([]fo.Account, error) {
	var out []fo.Account
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bAccounts).ForEach(func(_, v []byte) error {
			var a fo.Account
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
	if err := fo.CheckPassword(password); err != nil {
		return err
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), bcryptCost())
	if err != nil {
		return fmt.Errorf("hash password: %w", err)
	}
	return s.update(func(tx *bolt.Tx, w *writer) error {
		var a fo.Account
		if err := getJSON(tx.Bucket(bAccounts), []byte(login), &a); err != nil {
			return err
		}
		old := a
		a.PasswordHash, a.UpdatedAt = hash, w.now
		if err := putJSON(tx.Bucket(bAccounts), []byte(login), a); err != nil {
			return err
		}
		if err := w.audit(fo.AuditAccount, login, "password", old, a); err != nil {
			return err
		}
		return deleteSessionsOf(tx, login)
	})
}

// SetAccountLang stores the console language an account chose.
func (s *Store) SetAccountLang(login string, lang fo.Lang) error {
	return s.update(func(tx *bolt.Tx, w *writer) error {
		var a fo.Account
		if err := getJSON(tx.Bucket(bAccounts), []byte(login), &a); err != nil {
			return err
		}
		a.Lang, a.UpdatedAt = lang, w.now
		return putJSON(tx.Bucket(bAccounts), []byte(login), a)
	})
}

// Authenticate checks a login and password. Every failure — unknown login,
// wrong password, disabled account — is fo.ErrWrongCredentials and takes about
// as long (one bcrypt comparison), so the answer does not tell which logins
// exist. Rate limiting is the caller's (the console's) job.
func (s *Store) Authenticate(login, password string) (fo.Account, error) {
	login = strings.ToLower(strings.TrimSpace(login))
	a, err := s.Account(login)
	if err != nil {
		if !errors.Is(err, fo.ErrNotFound) {
			return fo.Account{}, err
		}
		bcrypt.CompareHashAndPassword(dummyHash(), []byte(password))
		return fo.Account{}, fo.ErrWrongCredentials
	}
	if bcrypt.CompareHashAndPassword(a.PasswordHash, []byte(password)) != nil || a.Disabled {
		return fo.Account{}, fo.ErrWrongCredentials
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

// CreateSession starts a session of fo.SessionTTL for login and returns its
// token (for the cookie; only its hash is stored) and the session with its
// CSRF token. Expired sessions are swept on the way.
func (s *Store) CreateSession(login string) (string, fo.Session, error) {
	token, err := randomToken()
	if err != nil {
		return "", fo.Session{}, err
	}
	csrf, err := randomToken()
	if err != nil {
		return "", fo.Session{}, err
	}
	var sess fo.Session
	err = s.update(func(tx *bolt.Tx, w *writer) error {
		if tx.Bucket(bAccounts).Get([]byte(login)) == nil {
			return fo.ErrNotFound
		}
		b := tx.Bucket(bSessions)
		var stale [][]byte
		b.ForEach(func(k, v []byte) error {
			var old fo.Session
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
		sess = fo.Session{Login: login, CSRF: csrf, CreatedAt: w.now, ExpiresAt: w.now.Add(fo.SessionTTL)}
		return putJSON(b, sessionKey(token), sess)
	})
	if err != nil {
		return "", fo.Session{}, err
	}
	return token, sess, nil
}

// fo.Session returns the live session of token and its account (password hash
// left out). An unknown or expired token, or one whose account is gone or
// disabled, is ErrNotFound.
func (s *Store) Session(token string) (fo.Session, fo.Account, error) {
	var sess fo.Session
	var a fo.Account
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
		return fo.Session{}, fo.Account{}, err
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
		var sess fo.Session
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

// SetAccountDisabled disables or enables the account with login. An
// account linked to a staff member the settings no longer have cannot be
// enabled (fo.ErrStaffGone).
// Disabling ends all its sessions in the same transaction, so its open
// consoles are logged out at their next request; a disabled account cannot
// log in (Authenticate answers as for a wrong password). Disabling the last
// enabled admin is refused (fo.ErrLastAdmin); an unknown login is
// fo.ErrNotFound. Accounts are never deleted: the registers and records
// name them ("staff:<login>"), and a login freed for someone else would
// make those records lie.
func (s *Store) SetAccountDisabled(login string, disabled bool) (fo.Account, error) {
	return s.SetAccountDisabledAs(login, disabled, "")
}

// SetAccountDisabledAs is SetAccountDisabled made by by ("staff:<login>"),
// who the audit entry of the change names.
func (s *Store) SetAccountDisabledAs(login string, disabled bool, by string) (fo.Account, error) {
	action := "enable"
	if disabled {
		action = "disable"
	}
	return s.changeAccount(login, action, by, func(a *fo.Account) error {
		a.Disabled = disabled
		return nil
	})
}

// SetAccountRole gives the account with login another role
// (fo.ErrBadRole for an unknown one). It takes effect at the account's
// next request, since every request reads the account. Demoting the last
// enabled admin is refused (fo.ErrLastAdmin); an unknown login is
// fo.ErrNotFound.
func (s *Store) SetAccountRole(login, role string) (fo.Account, error) {
	return s.SetAccountRoleAs(login, role, "")
}

// SetAccountRoleAs is SetAccountRole made by by ("staff:<login>"), who the
// audit entry of the change names.
func (s *Store) SetAccountRoleAs(login, role, by string) (fo.Account, error) {
	if !fo.ValidRole(role) {
		return fo.Account{}, fo.ErrBadRole
	}
	return s.changeAccount(login, "role", by, func(a *fo.Account) error {
		a.Role = role
		return nil
	})
}

// changeAccount applies change to the account with login in one
// transaction, after checking that an enabled admin remains
// (fo.CheckAdminsRemain) and that an enabled account's staff member
// exists (fo.CheckStaffLink); a disabled account loses its sessions. It
// returns the account as stored, password hash left out.
func (s *Store) changeAccount(login, action, by string, change func(*fo.Account) error) (fo.Account, error) {
	login = strings.ToLower(strings.TrimSpace(login))
	var out fo.Account
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		w.setBy(by)
		b := tx.Bucket(bAccounts)
		var a fo.Account
		if err := getJSON(b, []byte(login), &a); err != nil {
			return err
		}
		old := a
		if err := change(&a); err != nil {
			return err
		}
		all, err := accountsTx(tx)
		if err != nil {
			return err
		}
		if err := fo.CheckAdminsRemain(all, a); err != nil {
			return err
		}
		st, err := settingsTx(tx)
		if err != nil {
			return err
		}
		if err := fo.CheckStaffLink(&st, a); err != nil {
			return err
		}
		a.UpdatedAt = w.now
		if err := putJSON(b, []byte(login), a); err != nil {
			return err
		}
		if err := w.audit(fo.AuditAccount, login, action, old, a); err != nil {
			return err
		}
		if a.Disabled {
			if err := deleteSessionsOf(tx, login); err != nil {
				return err
			}
		}
		out = a
		return nil
	})
	out.PasswordHash = nil
	return out, err
}

// accountsTx reads every account in tx, password hashes included.
func accountsTx(tx *bolt.Tx) ([]fo.Account, error) {
	var out []fo.Account
	err := tx.Bucket(bAccounts).ForEach(func(_, v []byte) error {
		var a fo.Account
		if err := json.Unmarshal(v, &a); err != nil {
			return err
		}
		out = append(out, a)
		return nil
	})
	return out, err
}

// checkStaffLinks refuses settings that remove a staff member an enabled
// account is linked to (fo.CheckStaffLinks); SaveSettings calls it in its
// transaction.
func checkStaffLinks(tx *bolt.Tx, st *fo.Settings) error {
	accs, err := accountsTx(tx)
	if err != nil {
		return err
	}
	return fo.CheckStaffLinks(st, accs)
}
