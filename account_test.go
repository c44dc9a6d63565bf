package frontoffice

import (
	"errors"
	"strings"
	"testing"
)

// Passwords of ten characters or more are still refused when they are
// easy to guess: the common list, one character, a short pattern repeated,
// a run of the alphabet, the digits or the keyboard (issue 10, finding 6).
func TestCheckPasswordRefusesWeak(t *testing.T) {
	for _, pw := range []string{
		"password123", "Password123", "1234567890", "0987654321", "qwertyuiop", "QWERTYUIOP", "poiuytrewq",
		"aaaaaaaaaa", "1111111111", "..........", "1212121212", "abcabcabca", "abcdabcdab", "abcdefghij",
		"jihgfedcba", "asdfghjkl;", "1qaz2wsx3edc", "woaini1314", "5201314520", "admin12345", "iloveyou123",
		"qwerty123456", "a123456789", "Admin@2025",
	} {
		if err := CheckPassword(pw); !errors.Is(err, ErrWeakPassword) {
			t.Errorf("CheckPassword(%q) = %v, want ErrWeakPassword", pw, err)
		}
	}
	for _, pw := range []string{"short", "aaaaaaaaa", "123456789"} {
		if err := CheckPassword(pw); !errors.Is(err, ErrBadPassword) {
			t.Errorf("CheckPassword(%q) = %v, want ErrBadPassword", pw, err)
		}
	}
	for _, pw := range []string{"correct horse battery", "Kiosk-Lamp-7-Tea", "店里的新密码2026年冬", "ab1cd2ef3gh4", "m9#Tq2!vLx"} {
		if err := CheckPassword(pw); err != nil {
			t.Errorf("CheckPassword(%q) = %v, want nil", pw, err)
		}
	}
}

// The embedded list is small, long enough to matter, and holds only
// passwords the length rule lets through (shorter ones are refused
// anyway).
func TestCommonPasswordList(t *testing.T) {
	m := commonPasswords()
	if len(m) < 300 || len(m) > 2000 {
		t.Errorf("%d common passwords", len(m))
	}
	for pw := range m {
		if len([]rune(pw)) < MinPasswordLen || pw != strings.ToLower(pw) {
			t.Errorf("list entry %q: shorter than %d or not lower case", pw, MinPasswordLen)
		}
	}
}

// The last enabled admin can be neither disabled nor demoted; another
// admin, or an admin already disabled, changes that.
func TestCheckAdminsRemain(t *testing.T) {
	admin := Account{Login: "admin", Role: RoleAdmin}
	li := Account{Login: "li", Role: RoleReception}
	off := admin
	off.Disabled = true
	demoted := admin
	demoted.Role = RoleSupervisor
	for _, c := range []struct {
		name    string
		all     []Account
		changed Account
		want    error
	}{
		{"disable the last admin", []Account{admin, li}, off, ErrLastAdmin},
		{"demote the last admin", []Account{admin, li}, demoted, ErrLastAdmin},
		{"disable another account", []Account{admin, li}, Account{Login: "li", Role: RoleReception, Disabled: true}, nil},
		{"two admins", []Account{admin, {Login: "boss", Role: RoleAdmin}}, off, nil},
		{"the other admin is disabled", []Account{admin, {Login: "boss", Role: RoleAdmin, Disabled: true}}, off, ErrLastAdmin},
		{"enable an admin", []Account{off, li}, admin, nil},
		{"no admin yet", []Account{li}, Account{Login: "li", Role: RoleReception, Disabled: true}, nil},
	} {
		if err := CheckAdminsRemain(c.all, c.changed); !errors.Is(err, c.want) && err != c.want {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
}
