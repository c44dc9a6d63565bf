package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"

	fo "frontoffice"
	"frontoffice/data"
)

// settings import is strict (issue 10, finding 6): trailing garbage, an
// unknown field, a 5 MB shop name, 200,000 closed dates and settings that
// remove a staff member an account is linked to are each refused with a
// message naming the problem, and nothing is stored.
func TestSettingsImportStrict(t *testing.T) {
	data.SetPasswordCost(bcrypt.MinCost)
	defer data.SetPasswordCost(0)
	dir := t.TempDir()
	dataFile := filepath.Join(dir, "f.db")
	{
		s, err := data.Open(dataFile, data.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddAccount(fo.Account{Login: "li", Name: "李娜", Role: fo.RoleReception, StaffID: "li"}, "correct horse battery"); err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
	e := env(map[string]string{"FRONTOFFICE_DATA": dataFile})
	base := fo.DefaultSettings()
	file := func(name string, change func(*fo.Settings), tail string) string {
		st := base
		st.Staff = append([]fo.StaffMember(nil), base.Staff...)
		if change != nil {
			change(&st)
		}
		b, err := json.Marshal(st)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, append(b, tail...), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	unknown := filepath.Join(dir, "unknown.json")
	b, _ := json.Marshal(base)
	os.WriteFile(unknown, bytes.Replace(b, []byte(`"bays":`), []byte(`"owner":"x","bays":`), 1), 0o600)
	for _, c := range []struct {
		name, file, want string
	}{
		{"trailing garbage", file("garbage.json", func(s *fo.Settings) { s.Shop.Name = "新店名" }, `{"bays":1}`), "something follows the settings"},
		{"unknown field", unknown, `unknown field "owner"`},
		{"5 MB shop name", file("name.json", func(s *fo.Settings) { s.Shop.Name = strings.Repeat("x", 5<<20) }, ""), "shop.name is 5242880 characters long; at most 100"},
		{"200,000 closed dates", file("dates.json", func(s *fo.Settings) {
			for i := range 200_000 {
				s.ClosedDates = append(s.ClosedDates, "2027-01-"+string(rune('0'+i%10)))
			}
		}, ""), "closed_dates has 200000 entries; at most 1000"},
		{"staff removed under an account", file("staff.json", func(s *fo.Settings) { s.Staff = s.Staff[1:]; s.Shop.Name = "新店名" }, ""),
			"account li is linked to staff member li, which these settings remove"},
	} {
		var out, errOut bytes.Buffer
		code := run(context.Background(), []string{"settings", "import", c.file}, &out, &errOut, e)
		if code != 1 || !strings.Contains(errOut.String(), c.want) || len(errOut.String()) > 2000 {
			t.Errorf("%s: exit %d, stderr %.300q, want %q", c.name, code, errOut.String(), c.want)
		}
	}
	s, err := data.Open(dataFile, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st, _ := s.Settings()
	if st.Shop.Name != base.Shop.Name || len(st.ClosedDates) != 0 || len(st.Staff) != len(base.Staff) || st.Bays != base.Bays {
		t.Errorf("a refused import stored something: %+v", st.Shop)
	}
}
