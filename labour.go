package frontoffice

import "time"

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
