package frontoffice

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// LabourStandard is the manual's labour-hour standard (工时定额) of a product or
// service: how long installing it and repairing it take. With the hourly
// rate of a region (RegionRate) it prices estimates, field jobs and the
// stations' cost claims (NET-2).
type LabourStandard struct {
	Code           string `json:"code"`
	NameZh         string `json:"name_zh"`
	NameEn         string `json:"name_en,omitempty"`
	InstallMinutes int    `json:"install_minutes"`
	RepairMinutes  int    `json:"repair_minutes"`
}

// Name returns the standard's name in lang.
func (l LabourStandard) Name(lang Lang) string {
	if lang == EN && l.NameEn != "" {
		return l.NameEn
	}
	return l.NameZh
}

// RegionRate is the labour price of an hour in a region ("" is the shop's own).
type RegionRate struct {
	Region     string `json:"region"`
	HourlyRate Money  `json:"hourly_rate"`
}

// LabourStandardByCode returns the standard with code.
func (s *Settings) LabourStandardByCode(code string) (LabourStandard, bool) {
	for _, l := range s.Labour {
		if l.Code == code {
			return l, true
		}
	}
	return LabourStandard{}, false
}

// HourlyRate returns the hourly rate of region, falling back to the shop's
// own ("" region); false when neither is set.
func (s *Settings) HourlyRate(region string) (Money, bool) {
	var own *RegionRate
	for i, r := range s.LabourRates {
		if r.Region == region {
			return r.HourlyRate, true
		}
		if r.Region == "" {
			own = &s.LabourRates[i]
		}
	}
	if own != nil {
		return own.HourlyRate, true
	}
	return 0, false
}

// LabourCost prices the standard time of code in region: the install time,
// or the repair time when repair, at the region's hourly rate, rounded to
// the fen. False when the code or a rate is unknown.
func (s *Settings) LabourCost(code, region string, repair bool) (Money, time.Duration, bool) {
	l, ok := s.LabourStandardByCode(code)
	if !ok {
		return 0, 0, false
	}
	rate, ok := s.HourlyRate(region)
	if !ok {
		return 0, 0, false
	}
	minutes := l.InstallMinutes
	if repair {
		minutes = l.RepairMinutes
	}
	cost := (Money(minutes)*rate + 30) / 60
	return cost, time.Duration(minutes) * time.Minute, true
}

// Limits of the labour-hour standards (工时定额) and hourly rates.
const (
	MaxLabourStandards = 200
	MaxLabourCode      = 20
	MaxLabourName      = 60              // characters, each language
	MaxLabourMinutes   = 60 * 24 * 10    // ten days of work
	MaxLabourRates     = 50              // regions
	MaxRegionName      = 30              // characters
	MaxHourlyRate      = Money(10000_00) // ¥10,000.00 an hour
)

// validateLabour checks the labour-hour standards and the regions' hourly
// rates (工时定额, 工时单价 with regional differences): each standard a
// unique code of letters, digits, '-' or '_', a Chinese name, install and
// repair minutes from 0 to MaxLabourMinutes and not both 0; each rate a
// unique region ("" is the shop's own) and a rate above 0 up to
// MaxHourlyRate; and the quality report's period (REP-2). The error names
// the line (from 1) in the user's language.
func (s *Settings) validateLabour() error {
	if len(s.Labour) > MaxLabourStandards {
		return fieldErr("labour", "err.labour.count", MaxLabourStandards)
	}
	codes := map[string]bool{}
	for i, l := range s.Labour {
		n := i + 1
		if l.Code == "" || len(l.Code) > MaxLabourCode || !isToken(l.Code) || codes[l.Code] {
			return fieldErr("labour", "err.labour.code", n)
		}
		codes[l.Code] = true
		if strings.TrimSpace(l.NameZh) == "" || utf8.RuneCountInString(l.NameZh) > MaxLabourName ||
			utf8.RuneCountInString(l.NameEn) > MaxLabourName || !utf8.ValidString(l.NameZh+l.NameEn) {
			return fieldErr("labour", "err.labour.name", n)
		}
		if l.InstallMinutes < 0 || l.RepairMinutes < 0 || l.InstallMinutes > MaxLabourMinutes ||
			l.RepairMinutes > MaxLabourMinutes || l.InstallMinutes+l.RepairMinutes == 0 {
			return fieldErr("labour", "err.labour.minutes", n, MaxLabourMinutes)
		}
	}
	if len(s.LabourRates) > MaxLabourRates {
		return fieldErr("labour_rates", "err.labour.region", MaxLabourRates+1)
	}
	regions := map[string]bool{}
	for i, r := range s.LabourRates {
		n := i + 1
		if utf8.RuneCountInString(r.Region) > MaxRegionName || !utf8.ValidString(r.Region) ||
			r.Region != strings.TrimSpace(r.Region) || regions[r.Region] {
			return fieldErr("labour_rates", "err.labour.region", n)
		}
		regions[r.Region] = true
		if r.HourlyRate <= 0 || r.HourlyRate > MaxHourlyRate {
			return fieldErr("labour_rates", "err.labour.rate", n)
		}
	}
	switch s.QualityReport {
	case "", ReportWeekly, ReportMonthly:
	default:
		return fieldErr("quality_report", "err.quality.kind")
	}
	return nil
}

// LabourLine is the estimate line of the labour standard code in region
// (INT-2 with 工时定额): its description names the standard, the hours and
// the rate ("RADAR-4 安装工时 1.5 小时 × ¥120.00/小时"), its labour the
// standard's cost (LabourCost: install, or repair when repair, rounded to
// the fen), no parts, priced by item. An unknown code, or no rate for the
// region nor the shop's own, is an EINVALID *FieldError ("lines").
func (s *Settings) LabourLine(code, region string, repair bool, lang Lang) (EstimateLine, error) {
	cost, d, ok := s.LabourCost(code, region, repair)
	if !ok {
		return EstimateLine{}, fieldErr("lines", "err.labour.unknown")
	}
	l, _ := s.LabourStandardByCode(code)
	rate, _ := s.HourlyRate(region)
	key := "labour.line.install"
	if repair {
		key = "labour.line.repair"
	}
	desc := Texts.T(lang, key, l.Name(lang), FormatHours(d, lang), rate.String())
	if n := []rune(desc); len(n) > MaxLineText {
		desc = string(n[:MaxLineText])
	}
	return EstimateLine{Description: desc, Mode: PriceByItem, Labor: cost}, nil
}

// FormatHours writes a duration as hours with up to two decimals ("1.5
// 小时", "0.75 h").
func FormatHours(d time.Duration, lang Lang) string {
	h := strconv.FormatFloat(d.Hours(), 'f', 2, 64)
	h = strings.TrimSuffix(strings.TrimRight(h, "0"), ".")
	if lang == EN {
		return h + " h"
	}
	return h + " 小时"
}
