package frontoffice

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Settings are the shop's settings: everything the manual leaves to the shop
// (marked "(default)" in docs/rules.md) and everything about this particular shop.
// They are stored in the data file, created from DefaultSettings on first
// start, exported and imported as JSON (frontoffice settings export|import)
// and edited in the staff console.
type Settings struct {
	Shop Shop `json:"shop"`

	// Hours holds the opening hours per weekday, indexed by time.Weekday
	// (0 = Sunday). A day with a zero Close is closed.
	Hours [7]DayHours `json:"hours"`
	// ClosedDates are extra closed days ("2026-10-01"), in the shop's zone.
	ClosedDates []string `json:"closed_dates"`
	// Bays is how many vehicles the workshop can take at once (WS-1).
	Bays int `json:"bays"`
	// Teams are the workshop's teams (班组) the dispatch board assigns
	// jobs to (WS-1); none is allowed.
	Teams []Team `json:"teams,omitempty"`
	// MinLeadMinutes is how far ahead of its start a slot may still be
	// booked online.
	MinLeadMinutes int `json:"min_lead_minutes"`
	// MaxDaysAhead is how many days ahead (today being day 0) may be booked.
	MaxDaysAhead int `json:"max_days_ahead"`
	// QuietStart and QuietEnd bound the quiet hours in which no reminder or
	// other non-urgent message is sent to customers (APT-5).
	QuietStart HM `json:"quiet_start"`
	QuietEnd   HM `json:"quiet_end"`
	// DepositPercent is the share of a service's high-value parts price asked
	// as a deposit; never below 50 (APT-2).
	DepositPercent int `json:"deposit_percent"`

	Services   []Service     `json:"services"`
	Staff      []StaffMember `json:"staff"`
	StaffChats []int64       `json:"staff_chats"`

	// AfterSales are the settings of complaints, follow-up calls and
	// surveys (CMP-3, FU-1, FU-2, SUR-1), see staff.go. A data file
	// written before they existed reads them as zero values, which
	// AfterSales.WithDefaults turns into the defaults.
	AfterSales AfterSales `json:"after_sales"`

	// ReportAt is when the business statistics are made and sent to the
	// supervisor: daily, weekly on Saturday, monthly on the month's last
	// day (REP-1: before the end of the day shift). On a day the shop
	// closes earlier the reports come half an hour before closing
	// (Settings.ReportTime, report.go). Zero — a data file written before
	// the field existed — means DefaultReportAt, 17:30.
	ReportAt HM `json:"report_at"`

	// GuaranteeMonths is how long the shop guarantees its work and the
	// parts it supplied, from delivery, as the service card states (DEL-3,
	// INT-3). Zero — a data file written before the field existed — means
	// DefaultGuaranteeMonths.
	GuaranteeMonths int `json:"guarantee_months"`

	// MaintRemindDays is how many days before a vehicle's next maintenance
	// date its customer is reminded (通知客户按期保养, maintenance.go). Zero —
	// a data file written before the field existed — means
	// DefaultMaintRemindDays.
	MaintRemindDays int `json:"maint_remind_days"`
}

// DefaultGuaranteeMonths is the guarantee period unless set otherwise.
const DefaultGuaranteeMonths = 12

// Guarantee returns the guarantee period in months.
func (s *Settings) Guarantee() int {
	if s.GuaranteeMonths <= 0 {
		return DefaultGuaranteeMonths
	}
	return s.GuaranteeMonths
}

// Shop is who the shop is, as greeted and printed.
type Shop struct {
	Name      string `json:"name"`
	NameEn    string `json:"name_en"`
	Phone     string `json:"phone"`
	Address   string `json:"address"`
	AddressEn string `json:"address_en"`
	// TimeZone is an IANA zone name; times are shown and scheduled in it.
	TimeZone string `json:"time_zone"`
}

// Team is a workshop team (班组) that takes jobs (WS-1).
type Team struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Team returns the team with id.
func (s *Settings) Team(id string) (Team, bool) {
	for _, t := range s.Teams {
		if t.ID == id {
			return t, true
		}
	}
	return Team{}, false
}

// DayHours are one weekday's opening hours, [Open, Close).
type DayHours struct {
	Open  HM `json:"open"`
	Close HM `json:"close"`
}

// IsOpen reports whether the day has opening hours.
func (d DayHours) IsOpen() bool { return d.Close > d.Open }

// Service is an item of the official price list (REC-1: prices quoted come
// only from here).
type Service struct {
	ID      string `json:"id"`
	NameZh  string `json:"name_zh"`
	NameEn  string `json:"name_en"`
	Minutes int    `json:"minutes"`
	Price   Money  `json:"price"`
	// PartsPrice is the price of the high-value parts the service needs
	// prepared; when HighValueParts is set a deposit is asked (APT-2).
	PartsPrice     Money `json:"parts_price"`
	HighValueParts bool  `json:"high_value_parts"`
}

// Name returns the service's name in lang.
func (s Service) Name(lang Lang) string {
	if lang == EN && s.NameEn != "" {
		return s.NameEn
	}
	return s.NameZh
}

// Duration returns how long the service occupies a bay.
func (s Service) Duration() time.Duration { return time.Duration(s.Minutes) * time.Minute }

// Staff roles.
const (
	RoleReception  = "reception"
	RoleFollowUp   = "followup"
	RoleSupervisor = "supervisor"
	RoleAdmin      = "admin"
)

// StaffMember is a person of the shop known to the bot.
type StaffMember struct {
	ID             string   `json:"id"`
	Name           string   `json:"name"`
	TelegramUserID int64    `json:"telegram_user_id"`
	Roles          []string `json:"roles"`
}

// Has reports whether the member has role.
func (m StaffMember) Has(role string) bool {
	for _, r := range m.Roles {
		if r == role {
			return true
		}
	}
	return false
}

// Location returns the shop's time zone. Settings are validated before they
// are stored, so an unknown zone falls back to Asia/Shanghai only for
// settings that never went through Validate.
func (s *Settings) Location() *time.Location {
	if loc, ok := zones.Load(s.Shop.TimeZone); ok {
		return loc.(*time.Location)
	}
	loc, err := time.LoadLocation(s.Shop.TimeZone)
	if err != nil {
		loc, err = time.LoadLocation(DefaultTimeZone)
		if err != nil {
			loc = time.FixedZone("CST", 8*3600)
		}
	}
	zones.Store(s.Shop.TimeZone, loc)
	return loc
}

// zones caches loaded time zones: time.LoadLocation reads the zone
// database on every call, and the same *Location makes equal times compare
// equal with ==.
var zones sync.Map

// ShopName returns the shop's name in lang.
func (s *Settings) ShopName(lang Lang) string {
	if lang == EN && s.Shop.NameEn != "" {
		return s.Shop.NameEn
	}
	return s.Shop.Name
}

// ShopAddress returns the shop's address in lang.
func (s *Settings) ShopAddress(lang Lang) string {
	if lang == EN && s.Shop.AddressEn != "" {
		return s.Shop.AddressEn
	}
	return s.Shop.Address
}

// Service returns the service with id.
func (s *Settings) Service(id string) (Service, bool) {
	for _, sv := range s.Services {
		if sv.ID == id {
			return sv, true
		}
	}
	return Service{}, false
}

// StaffByTelegram returns the staff member with the Telegram user id.
func (s *Settings) StaffByTelegram(userID int64) (StaffMember, bool) {
	if userID == 0 {
		return StaffMember{}, false
	}
	for _, m := range s.Staff {
		if m.TelegramUserID == userID {
			return m, true
		}
	}
	return StaffMember{}, false
}

// IsStaffChat reports whether chatID is one of the staff chats.
func (s *Settings) IsStaffChat(chatID int64) bool {
	for _, c := range s.StaffChats {
		if c == chatID {
			return true
		}
	}
	return false
}

// IsClosedDate reports whether the calendar day of t (in the shop's zone) is
// a closed date or a weekday without opening hours.
func (s *Settings) IsClosedDate(t time.Time) bool {
	t = t.In(s.Location())
	if !s.Hours[t.Weekday()].IsOpen() {
		return true
	}
	day := t.Format(time.DateOnly)
	for _, d := range s.ClosedDates {
		if d == day {
			return true
		}
	}
	return false
}

// DefaultTimeZone is the shop's zone unless set otherwise.
const DefaultTimeZone = "Asia/Shanghai"

// DefaultSettings returns the settings of the demo shop that a fresh data
// file starts with. Every value is documented in the README's settings
// section; the manual's illegible figures are the "(default)" ones of
// docs/rules.md.
func DefaultSettings() Settings {
	week := DayHours{Open: 8*60 + 30, Close: 18 * 60}
	sat := DayHours{Open: 9 * 60, Close: 17 * 60}
	return Settings{
		Shop: Shop{
			Name:      "泰远汽车安装服务中心",
			NameEn:    "Taiyuan Auto Installation Center",
			Phone:     "010-8888-6666",
			Address:   "北京市朝阳区酒仙桥路 10 号",
			AddressEn: "10 Jiuxianqiao Road, Chaoyang, Beijing",
			TimeZone:  DefaultTimeZone,
		},
		Hours:          [7]DayHours{{}, week, week, week, week, week, sat},
		Bays:           4,
		Teams:          []Team{{ID: "t1", Name: "安装一组"}, {ID: "t2", Name: "安装二组"}},
		MinLeadMinutes: 60,
		MaxDaysAhead:   14,
		QuietStart:     21 * 60,
		QuietEnd:       8 * 60,
		DepositPercent: 50,
		Services: []Service{
			{ID: "inspect", NameZh: "防撞系统检测", NameEn: "Anti-collision system check", Minutes: 30, Price: 8000},
			{ID: "maint", NameZh: "定期保养", NameEn: "Scheduled maintenance", Minutes: 60, Price: 30000},
			{ID: "radar", NameZh: "倒车雷达安装", NameEn: "Parking sensor installation", Minutes: 90, Price: 68000},
			{ID: "dashcam", NameZh: "行车记录仪安装", NameEn: "Dashcam installation", Minutes: 60, Price: 45000},
			{ID: "collision", NameZh: "防撞预警系统安装", NameEn: "Collision warning system installation", Minutes: 180, Price: 128000, PartsPrice: 260000, HighValueParts: true},
			{ID: "repair", NameZh: "防撞设备维修", NameEn: "Anti-collision device repair", Minutes: 120, Price: 35000},
		},
		Staff: []StaffMember{
			{ID: "li", Name: "李娜", Roles: []string{RoleReception}},
			{ID: "wang", Name: "王强", Roles: []string{RoleFollowUp}},
			{ID: "zhao", Name: "赵敏", Roles: []string{RoleSupervisor}},
		},
		AfterSales:      DefaultAfterSales(),
		ReportAt:        DefaultReportAt,
		MaintRemindDays: DefaultMaintRemindDays,
		GuaranteeMonths: DefaultGuaranteeMonths,
	}
}

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
		if len(m.Roles) > 4 {
			return bad("staff %s has %d roles; at most 4", m.ID, len(m.Roles))
		}
		if staff[m.ID] {
			return bad("staff id %q appears twice", m.ID)
		}
		staff[m.ID] = true
		for _, r := range m.Roles {
			switch r {
			case RoleReception, RoleFollowUp, RoleSupervisor, RoleAdmin:
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
	if msg := s.AfterSales.check(s); msg != "" {
		return bad("after_sales: %s", msg)
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

// HM is a time of day in minutes after midnight, written "HH:MM".
type HM int

func (h HM) String() string { return fmt.Sprintf("%02d:%02d", int(h)/60, int(h)%60) }

// MarshalJSON writes "HH:MM".
func (h HM) MarshalJSON() ([]byte, error) { return json.Marshal(h.String()) }

// UnmarshalJSON reads "HH:MM" (24:00 allowed for a closing time).
func (h *HM) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := ParseHM(s)
	if err != nil {
		return err
	}
	*h = v
	return nil
}

// ParseHM parses "H:MM" or "HH:MM" (00:00 to 24:00).
func ParseHM(s string) (HM, error) {
	hh, mm, ok := strings.Cut(strings.TrimSpace(s), ":")
	if !ok || len(mm) != 2 || len(hh) < 1 || len(hh) > 2 {
		return 0, fmt.Errorf("time of day %q is not HH:MM", s)
	}
	h, err1 := strconv.Atoi(hh)
	m, err2 := strconv.Atoi(mm)
	if err1 != nil || err2 != nil || h < 0 || m < 0 || m > 59 || h > 24 || (h == 24 && m != 0) {
		return 0, fmt.Errorf("time of day %q is not HH:MM", s)
	}
	return HM(h*60 + m), nil
}

// At returns the instant of time of day h on the calendar day of t in loc.
func (h HM) At(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, int(h), 0, 0, loc)
}

// Money is an amount in fen (1/100 yuan).
type Money int64

// String formats m as "¥1,280.00".
func (m Money) String() string {
	neg := m < 0
	if neg {
		m = -m
	}
	yuan := strconv.FormatInt(int64(m/100), 10)
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	b.WriteString("¥")
	for i, c := range yuan {
		if i > 0 && (len(yuan)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	fmt.Fprintf(&b, ".%02d", int64(m%100))
	return b.String()
}

// ParseMoney parses a yuan amount such as "1280", "1,280.5" or "¥99.90".
func ParseMoney(s string) (Money, error) {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(strings.TrimPrefix(s, "¥"), "￥")
	s = strings.ReplaceAll(s, ",", "")
	if s == "" {
		return 0, Errorf(EINVALID, "err.money")
	}
	whole, frac, _ := strings.Cut(s, ".")
	if len(frac) > 2 || whole == "" {
		return 0, Errorf(EINVALID, "err.money")
	}
	for len(frac) < 2 {
		frac += "0"
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || w < 0 || w > 1e12 {
		return 0, Errorf(EINVALID, "err.money")
	}
	f, err := strconv.ParseInt(frac, 10, 64)
	if err != nil || f < 0 {
		return 0, Errorf(EINVALID, "err.money")
	}
	return Money(w*100 + f), nil
}
