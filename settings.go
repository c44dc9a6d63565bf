package frontoffice

import (
	"sync"
	"time"
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

	// Labour are the labour-hour standards (工时定额) and LabourRates the
	// hourly rates by region that price estimates, field jobs and the
	// stations' claims (labour.go).
	Labour      []LabourStandard `json:"labour,omitempty"`
	LabourRates []RegionRate     `json:"labour_rates,omitempty"`
	// Stations are the service network's settings (NET-4, station_job.go).
	Stations StationSettings `json:"stations,omitzero"`

	// Field are the field jobs' approval deadlines and reminders (FLD-1,
	// FLD-3; field_dispatch_settings.go).
	Field FieldSettings `json:"field,omitzero"`

	// QualityReport is the period of the quality information report
	// (REP-2, quality_report.go): "weekly" (Saturday at the report time)
	// or "monthly" (the month's last day); "" means
	// DefaultQualityReport, weekly.
	QualityReport ReportKind `json:"quality_report,omitempty"`

	// Network are the service stations' scoring settings (NET-2,
	// station_score.go); zero fields take DefaultNetwork.
	Network NetworkSettings `json:"network,omitzero"`
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

	// Field installation (FLD-1..5) and quality (REP-2): the bot's staff
	// roles of the people in the field job's chain.
	RoleAfterSalesManager = "aftersales_manager" // signs dispatch requests (FLD-3)
	RoleGMOffice          = "gm_office"          // picks the technician (FLD-3)
	RoleDeptManager       = "dept_manager"       // dispatches (FLD-3)
	RoleTechnician        = "technician"         // works on site (FLD-5)
	RoleChiefEngineer     = "chief_engineer"     // gets the acceptance copies (FLD-5)
	RoleFinance           = "finance"            // collects the balance (FLD-5), settles stations (NET-2)
	RoleAdministration    = "administration"     // books business trips (FLD-4)
	RoleQuality           = "quality"            // gets the quality report (REP-2)

	// RoleStation is the console role of a service station's people
	// (NET-1..4): they see only their own station's records
	// (Account.StationID).
	RoleStation = "station"
)

// StaffMember is a person of the shop known to the bot.
type StaffMember struct {
	ID             string   `json:"id"`
	Name           string   `json:"name"`
	TelegramUserID int64    `json:"telegram_user_id"`
	Roles          []string `json:"roles"`
	// Lang is the language the bot writes to the member in (zh when empty).
	Lang Lang `json:"lang,omitempty"`
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
