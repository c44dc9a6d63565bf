package data

import (
	"bytes"
	"errors"
	"strings"
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

// Disabling an account ends its sessions in the same transaction and
// keeps it from logging in; enabling lets it in again; a new role shows
// on the next session read. The last enabled admin can be neither
// disabled nor demoted (issue 10, finding 4).
func TestAccountDisableEnableRole(t *testing.T) {
	SetPasswordCost(bcrypt.MinCost)
	defer SetPasswordCost(0)
	s, _ := newTestStore(t)
	const pw = "correct horse battery"
	for _, a := range []fo.Account{{Login: "admin", Name: "管理员", Role: fo.RoleAdmin}, {Login: "li", Name: "李娜", Role: fo.RoleReception, StaffID: "li"}} {
		if _, err := s.AddAccount(a, pw); err != nil {
			t.Fatal(err)
		}
	}
	token, _, err := s.CreateSession("li")
	if err != nil {
		t.Fatal(err)
	}
	a, err := s.SetAccountDisabled("li", true)
	if err != nil || !a.Disabled || a.PasswordHash != nil {
		t.Fatalf("disable: %+v %v", a, err)
	}
	if _, _, err := s.Session(token); !errors.Is(err, fo.ErrNotFound) {
		t.Errorf("session of a disabled account: %v", err)
	}
	if _, err := s.Authenticate("li", pw); !errors.Is(err, fo.ErrWrongCredentials) {
		t.Errorf("disabled account authenticates: %v", err)
	}
	if _, err := s.SetAccountDisabled("li", false); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Session(token); !errors.Is(err, fo.ErrNotFound) {
		t.Error("an ended session came back with enable")
	}
	if _, err := s.Authenticate("li", pw); err != nil {
		t.Errorf("enabled account: %v", err)
	}
	token, _, _ = s.CreateSession("li")
	if _, err := s.SetAccountRole("li", fo.RoleSupervisor); err != nil {
		t.Fatal(err)
	}
	if _, acc, err := s.Session(token); err != nil || acc.Role != fo.RoleSupervisor {
		t.Errorf("role on the next read: %+v %v", acc, err)
	}
	if _, err := s.SetAccountRole("li", "boss"); !errors.Is(err, fo.ErrBadRole) {
		t.Errorf("unknown role: %v", err)
	}
	if _, err := s.SetAccountDisabled("nobody", true); !errors.Is(err, fo.ErrNotFound) {
		t.Errorf("unknown login: %v", err)
	}
	// The last admin.
	if _, err := s.SetAccountDisabled("admin", true); !errors.Is(err, fo.ErrLastAdmin) {
		t.Errorf("disable the last admin: %v", err)
	}
	if _, err := s.SetAccountRole("admin", fo.RoleReception); !errors.Is(err, fo.ErrLastAdmin) {
		t.Errorf("demote the last admin: %v", err)
	}
	if a, _ := s.Account("admin"); a.Disabled || a.Role != fo.RoleAdmin {
		t.Errorf("last admin changed: %+v", a)
	}
	// With a second admin, the first may go.
	if _, err := s.SetAccountRole("li", fo.RoleAdmin); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetAccountDisabled("admin", true); err != nil {
		t.Errorf("disable one of two admins: %v", err)
	}
}

// Settings that remove a staff member an enabled account is linked to are
// refused with both named, and nothing is stored; a disabled account does
// not hold its staff member, but cannot be enabled without it (issue 10,
// finding 6).
func TestSaveSettingsKeepsLinkedStaff(t *testing.T) {
	SetPasswordCost(bcrypt.MinCost)
	defer SetPasswordCost(0)
	s, _ := newTestStore(t)
	if _, err := s.AddAccount(fo.Account{Login: "li", Name: "李娜", Role: fo.RoleReception, StaffID: "li"}, "correct horse battery"); err != nil {
		t.Fatal(err)
	}
	before, _ := s.Settings()
	st := before
	st.Staff = nil
	st.Shop.Name = "新店名"
	err := s.SaveSettings(st)
	if fo.ErrorCode(err) != fo.EINVALID || !strings.Contains(fo.ErrorText(fo.EN, err), "account li is linked to staff member li") {
		t.Fatalf("staff removed under a linked account: %v", err)
	}
	if after, _ := s.Settings(); after.Shop.Name != before.Shop.Name || len(after.Staff) != len(before.Staff) {
		t.Error("refused settings stored")
	}
	// When li leaves: the account is disabled first, then the staff member
	// may go, and the account cannot be enabled again without it.
	if _, err := s.SetAccountDisabled("li", true); err != nil {
		t.Fatal(err)
	}
	st = before
	st.Staff = before.Staff[1:]
	if err := s.SaveSettings(st); err != nil {
		t.Fatalf("remove the staff member of a disabled account: %v", err)
	}
	if _, err := s.SetAccountDisabled("li", false); !errors.Is(err, fo.ErrStaffGone) {
		t.Errorf("enable an account whose staff member is gone: %v", err)
	}
	if a, _ := s.Account("li"); !a.Disabled {
		t.Error("enabled without its staff member")
	}
	if err := s.SaveSettings(before); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetAccountDisabled("li", false); err != nil {
		t.Errorf("enable with the staff member back: %v", err)
	}
	// Removing an unlinked staff member is fine.
	st = before
	st.Staff = []fo.StaffMember{before.Staff[0]}
	if st.Staff[0].ID != "li" {
		t.Fatalf("demo staff: %+v", before.Staff)
	}
	st.AfterSales.Absences = nil
	if err := s.SaveSettings(st); err != nil {
		t.Errorf("remove unlinked staff: %v", err)
	}
}
