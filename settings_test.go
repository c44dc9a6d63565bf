package frontoffice

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

// Every string and list of the settings has a size limit that Validate
// keeps, so every door (console form, import, store) refuses an oversized
// value with a message naming the field (issue 10, finding 6).
func TestSettingsValidateLimits(t *testing.T) {
	days := func(n int, from time.Time) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = from.AddDate(0, 0, i).Format(time.DateOnly)
		}
		return out
	}
	jan1 := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name   string
		change func(*Settings)
		want   string
	}{
		{"5 MB shop name", func(s *Settings) { s.Shop.Name = strings.Repeat("店", 5<<20/3) }, "shop.name is 1747626 characters long; at most 100"},
		{"long English name", func(s *Settings) { s.Shop.NameEn = strings.Repeat("x", MaxShopName+1) }, "shop.name_en"},
		{"long address", func(s *Settings) { s.Shop.Address = strings.Repeat("路", MaxShopAddress+1) }, "shop.address is"},
		{"long phone", func(s *Settings) { s.Shop.Phone = strings.Repeat("1", 41) }, "shop.phone"},
		{"long zone", func(s *Settings) { s.Shop.TimeZone = strings.Repeat("A", 65) }, "shop.time_zone"},
		{"200,000 closed dates", func(s *Settings) { s.ClosedDates = make([]string, 200_000) }, "closed_dates has 200000 entries; at most 1000"},
		{"367 closed dates in a year", func(s *Settings) { s.ClosedDates = append(days(365, jan1), "2028-01-01", "2027-06-01") }, "closed_dates: 2027-06-01 appears twice"},
		{"bad closed date", func(s *Settings) { s.ClosedDates = []string{strings.Repeat("9", 1000)} }, `closed_dates: "99999999999999999999…" is not YYYY-MM-DD`},
		{"too many services", func(s *Settings) {
			for i := range MaxServices {
				s.Services = append(s.Services, Service{ID: fmt.Sprint("s", i), NameZh: "x", Minutes: 30})
			}
		}, "services has 106 entries; at most 100"},
		{"long service name", func(s *Settings) { s.Services[0].NameZh = strings.Repeat("检", 61) }, "services.inspect.name_zh"},
		{"huge price", func(s *Settings) { s.Services[0].Price = MaxServicePrice + 1 }, "service inspect: a price above"},
		{"too many staff", func(s *Settings) {
			for i := range MaxStaff {
				s.Staff = append(s.Staff, StaffMember{ID: fmt.Sprint("m", i), Name: "x"})
			}
		}, "staff has 103 entries; at most 100"},
		{"long staff name", func(s *Settings) { s.Staff[0].Name = strings.Repeat("李", 41) }, "staff.li.name"},
		{"long staff id", func(s *Settings) { s.Staff[0].ID = strings.Repeat("a", 21) }, "staff id"},
		{"too many chats", func(s *Settings) { s.StaffChats = make([]int64, 21) }, "staff_chats has 21 entries; at most 20"},
		{"too many absences", func(s *Settings) { s.AfterSales.Absences = make([]Absence, MaxAbsences+1) }, "after_sales.absences"},
	} {
		st := DefaultSettings()
		c.change(&st)
		err := st.Validate()
		if ErrorCode(err) != EINVALID || !strings.Contains(ErrorText(EN, err), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
	st := DefaultSettings()
	st.ClosedDates = append(days(366, time.Date(2028, 1, 1, 0, 0, 0, 0, time.UTC)), days(300, jan1)...)
	if err := st.Validate(); err != nil {
		t.Errorf("366 closed dates in a leap year and 300 in another: %v", err)
	}
}

// DecodeSettings takes exactly one JSON object with known fields only.
func TestDecodeSettingsStrict(t *testing.T) {
	good := `{"shop":{"name":"店"},"bays":3}`
	if st, err := DecodeSettings(strings.NewReader(good + "\n  \n")); err != nil || st.Bays != 3 || st.Shop.Name != "店" {
		t.Fatalf("good: %+v %v", st, err)
	}
	for _, c := range []struct{ name, in, want string }{
		{"trailing garbage", good + `garbage`, "something follows the settings"},
		{"two objects", good + good, "only one JSON object"},
		{"unknown field", `{"shop":{"name":"店"},"bayz":3}`, `unknown field "bayz"`},
		{"unknown nested field", `{"shop":{"name":"店","owner":"x"}}`, `unknown field "owner"`},
		{"not JSON", `{{`, "not settings JSON"},
		{"too big", `{"shop":{"name":"` + strings.Repeat("x", MaxSettingsBytes) + `"}}`, "larger than"},
	} {
		if _, err := DecodeSettings(strings.NewReader(c.in)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
}

// FuzzDecodeSettings: any input is decoded or refused without a panic, and
// settings it accepts and Validate passes survive a round trip.
func FuzzDecodeSettings(f *testing.F) {
	b, _ := json.Marshal(DefaultSettings())
	f.Add(string(b))
	f.Add(`{"shop":{"name":"店"},"bays":3}`)
	f.Add(`{"shop":{"name":"店"}} {}`)
	f.Add(`{"closed_dates":["2026-10-01","2026-10-01"]}`)
	f.Fuzz(func(t *testing.T, in string) {
		st, err := DecodeSettings(strings.NewReader(in))
		if err != nil || st.Validate() != nil {
			return
		}
		out, err := json.Marshal(st)
		if err != nil {
			t.Fatal(err)
		}
		again, err := DecodeSettings(bytes.NewReader(out))
		if err != nil || again.Validate() != nil {
			t.Fatalf("valid settings do not survive a round trip: %v", err)
		}
	})
}

// BenchmarkSettingsAtLimits decodes and validates settings as large as
// Validate allows (every list and string at its limit): what a request
// pays to read the largest settings a store can hold.
func BenchmarkSettingsAtLimits(b *testing.B) {
	st := DefaultSettings()
	st.Shop.Name = strings.Repeat("店", MaxShopName)
	st.Shop.Address = strings.Repeat("路", MaxShopAddress)
	for i := range MaxClosedDates {
		st.ClosedDates = append(st.ClosedDates, time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i).Format(time.DateOnly))
	}
	for i := len(st.Services); i < MaxServices; i++ {
		st.Services = append(st.Services, Service{ID: fmt.Sprint("s", i), NameZh: strings.Repeat("检", MaxServiceName), NameEn: strings.Repeat("x", MaxServiceName), Minutes: 30})
	}
	for i := len(st.Staff); i < MaxStaff; i++ {
		st.Staff = append(st.Staff, StaffMember{ID: fmt.Sprint("m", i), Name: strings.Repeat("李", MaxStaffName), Roles: []string{RoleReception}})
	}
	if err := st.Validate(); err != nil {
		b.Fatal(err)
	}
	raw, _ := json.Marshal(st)
	b.Run("decode", func(b *testing.B) {
		b.SetBytes(int64(len(raw)))
		for b.Loop() {
			var s Settings
			if err := json.Unmarshal(raw, &s); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("validate", func(b *testing.B) {
		for b.Loop() {
			if err := st.Validate(); err != nil {
				b.Fatal(err)
			}
		}
	})
}
