package data

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	fo "frontoffice"
)

func TestAccountsAndSessions(t *testing.T) {
	SetPasswordCost(bcrypt.MinCost)
	defer SetPasswordCost(0)
	s, clock := newTestStore(t)
	if _, err := s.AddAccount(fo.Account{Login: "Li", Name: "李娜", Role: fo.RoleReception, StaffID: "li"}, "short"); !errors.Is(err, fo.ErrBadPassword) {
		t.Fatalf("short password: %v", err)
	}
	if _, err := s.AddAccount(fo.Account{Login: "li", Name: "李娜", Role: "boss"}, "long enough pw"); !errors.Is(err, fo.ErrBadRole) {
		t.Fatalf("bad role: %v", err)
	}
	if _, err := s.AddAccount(fo.Account{Login: "li", Name: "李娜", Role: fo.RoleReception, StaffID: "nobody"}, "long enough pw"); fo.ErrorCode(err) != fo.EINVALID {
		t.Fatalf("unknown staff id: %v", err)
	}
	if _, err := s.AddAccount(fo.Account{Login: "a b", Name: "x", Role: fo.RoleReception}, "long enough pw"); !errors.Is(err, fo.ErrBadLogin) {
		t.Fatalf("bad login: %v", err)
	}
	a, err := s.AddAccount(fo.Account{Login: "Li", Name: "李娜", Role: fo.RoleReception, StaffID: "li"}, "long enough pw")
	if err != nil || a.Login != "li" {
		t.Fatalf("add: %+v %v", a, err)
	}
	if bytes.Contains(a.PasswordHash, []byte("long enough pw")) || len(a.PasswordHash) < 50 {
		t.Fatal("password not hashed")
	}
	if cost, err := bcrypt.Cost(a.PasswordHash); err != nil || cost != bcrypt.MinCost {
		t.Errorf("bcrypt cost %d %v", cost, err)
	}
	if _, err := s.AddAccount(fo.Account{Login: "li", Name: "x", Role: fo.RoleAdmin}, "long enough pw"); !errors.Is(err, fo.ErrLoginTaken) {
		t.Fatalf("login taken: %v", err)
	}
	for _, c := range []struct{ login, pw string }{{"li", "wrong password"}, {"nobody", "long enough pw"}} {
		if _, err := s.Authenticate(c.login, c.pw); !errors.Is(err, fo.ErrWrongCredentials) {
			t.Errorf("authenticate %s: %v", c.login, err)
		}
	}
	got, err := s.Authenticate(" LI ", "long enough pw")
	if err != nil || got.Role != fo.RoleReception || got.PasswordHash != nil {
		t.Fatalf("authenticate: %+v %v", got, err)
	}

	tok, sess, err := s.CreateSession("li")
	if err != nil || len(tok) < 40 || sess.CSRF == "" || sess.CSRF == tok {
		t.Fatalf("session %q %+v %v", tok, sess, err)
	}
	// Only the token's hash is stored.
	raw := dump(t, s)
	if bytes.Contains(raw, []byte(tok)) {
		t.Error("session token stored in clear")
	}
	if _, acc, err := s.Session(tok); err != nil || acc.Login != "li" {
		t.Fatalf("session lookup: %+v %v", acc, err)
	}
	if _, _, err := s.Session(tok + "x"); !errors.Is(err, fo.ErrNotFound) {
		t.Errorf("forged token: %v", err)
	}
	// Expiry.
	clock.Advance(fo.SessionTTL + time.Second)
	if _, _, err := s.Session(tok); !errors.Is(err, fo.ErrNotFound) {
		t.Errorf("expired session: %v", err)
	}
	// Logout, and a password change ends every session.
	tok2, _, _ := s.CreateSession("li")
	tok3, _, _ := s.CreateSession("li")
	if err := s.DeleteSession(tok2); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Session(tok2); !errors.Is(err, fo.ErrNotFound) {
		t.Errorf("after logout: %v", err)
	}
	if err := s.SetPassword("li", "another long one"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Session(tok3); !errors.Is(err, fo.ErrNotFound) {
		t.Errorf("session survived a password change: %v", err)
	}
	if _, err := s.Authenticate("li", "another long one"); err != nil {
		t.Errorf("new password: %v", err)
	}
	if err := s.SetAccountLang("li", fo.EN); err != nil {
		t.Fatal(err)
	}
	accs, _ := s.Accounts()
	if len(accs) != 1 || accs[0].Lang != fo.EN || accs[0].PasswordHash != nil {
		t.Errorf("accounts %+v", accs)
	}
}

func dump(t *testing.T, s *Store) []byte {
	var b bytes.Buffer
	if err := s.WriteBackup(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
