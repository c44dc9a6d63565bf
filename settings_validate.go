package frontoffice

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// Settings.Validate and the size limits every door keeps.

// Size limits of the settings, each checked by Validate so that every door
// (the console's form, settings import, the store) keeps them. Every
// request reads the settings, so they stay small: a few kilobytes for a
// real shop, some 200 KB at the limits below. MaxSettingsBytes only stops
// an absurd file before it is decoded; it is large enough that an
// oversized field is decoded and refused by Validate with its name.
const (
	MaxSettingsBytes = 16 << 20 // a settings file, as JSON

	MaxShopName     = 100 // characters, each language
	MaxShopPhone    = 40
	MaxShopAddress  = 200 // characters, each language
	MaxTimeZoneName = 64

	MaxClosedDates  = 1000 // in all, none twice (so at most 366 a year)
	MaxServices     = 100
	MaxServiceName  = 60 // characters, each language
	MaxServicePrice = Money(100_000_000_00)
	MaxStaff        = 100
	MaxStaffID      = 20
	MaxStaffName    = 40
	MaxStaffChats   = 20
	MaxAbsences     = 500
	MaxTeams        = 30
	MaxTeamID       = 20
	MaxTeamName     = 40
)

// DecodeSettings reads settings as JSON strictly: exactly one JSON value
// (anything but white space after it is refused), no field the Settings
// do not have, at most MaxSettingsBytes. It does not validate them
// (Validate). The error says, in English, what is wrong and where.
func DecodeSettings(r io.Reader) (Settings, error) {
	var st Settings
	b, err := io.ReadAll(io.LimitReader(r, MaxSettingsBytes+1))
	if err != nil {
		return st, err
	}
	if len(b) > MaxSettingsBytes {
		return st, fmt.Errorf("larger than %d bytes", MaxSettingsBytes)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&st); err != nil {
		return Settings{}, fmt.Errorf("not settings JSON: %w", err)
	}
	var extra json.RawMessage
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return Settings{}, fmt.Errorf("something follows the settings at byte %d: only one JSON object is allowed", dec.InputOffset()-int64(len(extra)))
	}
	return st, nil
}

// Validate checks the settings and returns an *Error naming the first
// problem and the field it is in. Settings are validated before they are
// stored or used. Besides the rules of each value, every string and list
// has a size limit (MaxShopName and the others above).
func (s *Settings) Validate() error {
	bad := func(format string, args ...any) error {
		return Errorf(EINVALID, "err.settings", fmt.Sprintf(format, args...))
	}
	long := func(field, v string, max int) error {
		if n := utf8.RuneCountInString(v); n > max {
			return bad("%s is %d characters long; at most %d", field, n, max)
		}
		if !utf8.ValidString(v) {
			return bad("%s is not valid UTF-8", field)
		}
		return nil
	}
	for _, c := range []struct {
		field, v string
		max      int
	}{
		{"shop.name", s.Shop.Name, MaxShopName},
		{"shop.name_en", s.Shop.NameEn, MaxShopName},
		{"shop.phone", s.Shop.Phone, MaxShopPhone},
		{"shop.address", s.Shop.Address, MaxShopAddress},
		{"shop.address_en", s.Shop.AddressEn, MaxShopAddress},
		{"shop.time_zone", s.Shop.TimeZone, MaxTimeZoneName},
	} {
		if err := long(c.field, c.v, c.max); err != nil {
			return err
		}
	}
	for _, c := range []struct {
		field  string
		n, max int
	}{
		{"closed_dates", len(s.ClosedDates), MaxClosedDates},
		{"services", len(s.Services), MaxServices},
		{"staff", len(s.Staff), MaxStaff},
		{"staff_chats", len(s.StaffChats), MaxStaffChats},
		{"after_sales.absences", len(s.AfterSales.Absences), MaxAbsences},
		{"teams", len(s.Teams), MaxTeams},
	} {
		if c.n > c.max {
			return bad("%s has %d entries; at most %d", c.field, c.n, c.max)
		}
	}
	if strings.TrimSpace(s.Shop.Name) == "" {
		return bad("shop.name is empty")
	}
	if _, err := time.LoadLocation(s.Shop.TimeZone); err != nil || s.Shop.TimeZone == "" {
		return bad("shop.time_zone %q is not a known IANA zone", s.Shop.TimeZone)
	}
	open := false
	for d, h := range s.Hours {
		if h.Open < 0 || h.Close > 24*60 || (h.Close != 0 && h.Close <= h.Open) {
			return bad("hours of %s: %s-%s is not a valid range", time.Weekday(d), h.Open, h.Close)
		}
		if h.Open%30 != 0 || h.Close%30 != 0 {
			return bad("hours of %s must start and end on the half hour", time.Weekday(d))
		}
		open = open || h.IsOpen()
	}
	if !open {
		return bad("the shop is closed every day")
	}
	seen := map[string]bool{} // no date twice: at most 366 a year
	for _, d := range s.ClosedDates {
		_, err := time.Parse(time.DateOnly, d)
		if err != nil {
			if len(d) > 20 {
				d = d[:20] + "…"
			}
			return bad("closed_dates: %q is not YYYY-MM-DD", d)
		}
		if seen[d] {
			return bad("closed_dates: %s appears twice", d)
		}
		seen[d] = true
	}
	if s.Bays < 1 || s.Bays > 100 {
		return bad("bays must be 1..100, not %d", s.Bays)
	}
	if s.MinLeadMinutes < 0 || s.MinLeadMinutes > 7*24*60 {
		return bad("min_lead_minutes must be 0..10080")
	}
	if s.MaxDaysAhead < 0 || s.MaxDaysAhead > 365 {
		return bad("max_days_ahead must be 0..365")
	}
	if s.MaintRemindDays < 0 || s.MaintRemindDays > 90 {
		return bad("maint_remind_days must be 0..90 (0: the default, %d)", DefaultMaintRemindDays)
	}
	if s.QuietStart < 0 || s.QuietStart >= 24*60 || s.QuietEnd < 0 || s.QuietEnd >= 24*60 {
		return bad("quiet hours must be within the day")
	}
	if s.DepositPercent < 50 || s.DepositPercent > 100 {
		return bad("deposit_percent must be 50..100 (APT-2), not %d", s.DepositPercent)
	}
	if len(s.Services) == 0 {
		return bad("no services")
	}
	longest := 0
	for _, h := range s.Hours {
		longest = max(longest, int(h.Close-h.Open))
	}
	ids := map[string]bool{}
	for _, sv := range s.Services {
		if sv.ID == "" || !isToken(sv.ID) || len(sv.ID) > 20 {
			if len(sv.ID) > 20 {
				sv.ID = sv.ID[:20] + "…"
			}
			return bad("service id %q must be 1-20 letters, digits, '-' or '_'", sv.ID)
		}
		if ids[sv.ID] {
			return bad("service id %q appears twice", sv.ID)
		}
		ids[sv.ID] = true
		if strings.TrimSpace(sv.NameZh) == "" {
			return bad("service %s has no Chinese name", sv.ID)
		}
		if err := long("services."+sv.ID+".name_zh", sv.NameZh, MaxServiceName); err != nil {
			return err
		}
		if err := long("services."+sv.ID+".name_en", sv.NameEn, MaxServiceName); err != nil {
			return err
		}
		if sv.Price > MaxServicePrice || sv.PartsPrice > MaxServicePrice {
			return bad("service %s: a price above %s", sv.ID, MaxServicePrice)
		}
		if sv.Minutes < 30 || sv.Minutes%30 != 0 || sv.Minutes > longest {
			return bad("service %s: minutes must be a multiple of 30 that fits in a day, not %d", sv.ID, sv.Minutes)
		}
		if sv.Price < 0 || sv.PartsPrice < 0 {
			return bad("service %s has a negative price", sv.ID)
		}
		if sv.HighValueParts && sv.PartsPrice <= 0 {
			return bad("service %s needs high-value parts but has no parts price", sv.ID)
		}
	}
	staff := map[string]bool{}
	for _, m := range s.Staff {
		if m.ID == "" || !isToken(m.ID) || len(m.ID) > MaxStaffID {
			if len(m.ID) > MaxStaffID {
				m.ID = m.ID[:MaxStaffID] + "…"
			}
			return bad("staff id %q must be 1-%d letters, digits, '-' or '_'", m.ID, MaxStaffID)
		}
		if err := long("staff."+m.ID+".name", m.Name, MaxStaffName); err != nil {
			return err
		}
		if len(m.Roles) > 8 {
			return bad("staff %s has %d roles; at most 8", m.ID, len(m.Roles))
		}
		if staff[m.ID] {
			return bad("staff id %q appears twice", m.ID)
		}
		staff[m.ID] = true
		for _, r := range m.Roles {
			switch r {
			case RoleReception, RoleFollowUp, RoleSupervisor, RoleAdmin,
				RoleAfterSalesManager, RoleGMOffice, RoleDeptManager, RoleTechnician,
				RoleChiefEngineer, RoleFinance, RoleAdministration, RoleQuality:
			default:
				return bad("staff %s has unknown role %q", m.ID, r)
			}
		}
	}
	teams := map[string]bool{} // WS-1: the dispatch board's teams
	for _, t := range s.Teams {
		if t.ID == "" || !isToken(t.ID) || len(t.ID) > MaxTeamID {
			if len(t.ID) > MaxTeamID {
				t.ID = t.ID[:MaxTeamID] + "…"
			}
			return bad("team id %q must be 1-%d letters, digits, '-' or '_'", t.ID, MaxTeamID)
		}
		if teams[t.ID] {
			return bad("team id %q appears twice", t.ID)
		}
		teams[t.ID] = true
		if strings.TrimSpace(t.Name) == "" {
			return bad("team %s has no name", t.ID)
		}
		if err := long("teams."+t.ID+".name", t.Name, MaxTeamName); err != nil {
			return err
		}
	}
	if s.ReportAt < 0 || s.ReportAt >= 24*60 {
		return bad("report_at must be within the day (REP-1)")
	}
	if s.GuaranteeMonths < 0 || s.GuaranteeMonths > 120 {
		return bad("guarantee_months must be 0..120 (0: %d)", DefaultGuaranteeMonths)
	}
	if msg := s.Field.check(s); msg != "" { // FLD-3 (field_dispatch_settings.go)
		return bad("%s", msg)
	}
	if msg := s.AfterSales.check(s); msg != "" {
		return bad("after_sales: %s", msg)
	}
	// Labour-hour standards and rates, the quality report's period (labour.go).
	if err := s.validateLabour(); err != nil {
		return err
	}
	if msg := s.Network.check(); msg != "" { // NET-2: station_score.go
		return bad("network: %s", msg)
	}
	return nil
}

func isToken(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}
