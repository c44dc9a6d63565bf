package frontoffice

import (
	"testing"
	"time"
)

func labourSettings() Settings {
	st := DefaultSettings()
	st.Labour = []LabourStandard{
		{Code: "RADAR-4", NameZh: "四探头倒车雷达", NameEn: "4-sensor parking radar", InstallMinutes: 90, RepairMinutes: 40},
		{Code: "DVR", NameZh: "行车记录仪", InstallMinutes: 50, RepairMinutes: 25},
	}
	st.LabourRates = []RegionRate{{Region: "", HourlyRate: 12000}, {Region: "苏州", HourlyRate: 9900}}
	return st
}

// 工时定额: cost is minutes × the region's rate / 60, rounded to the fen,
// the shop's own rate for a region without one.
func TestLabourCostRounding(t *testing.T) {
	st := labourSettings()
	for _, c := range []struct {
		code, region string
		repair       bool
		want         Money
		d            time.Duration
	}{
		{"RADAR-4", "", false, 18000, 90 * time.Minute},
		{"RADAR-4", "苏州", false, 14850, 90 * time.Minute},
		{"DVR", "苏州", false, 8250, 50 * time.Minute},    // 50 × 99.00 / 60 = 82.50
		{"DVR", "苏州", true, 4125, 25 * time.Minute},     // 41.25
		{"RADAR-4", "苏州", true, 6600, 40 * time.Minute}, // 66.00
		{"DVR", "无锡", false, 10000, 50 * time.Minute},   // no rate: the shop's own
	} {
		got, d, ok := st.LabourCost(c.code, c.region, c.repair)
		if !ok || got != c.want || d != c.d {
			t.Errorf("%s %s repair=%v: %v %v %v, want %v %v", c.code, c.region, c.repair, got, d, ok, c.want, c.d)
		}
	}
	st.LabourRates = []RegionRate{{Region: "苏州", HourlyRate: 7}} // ¥0.07 an hour
	if got, _, _ := st.LabourCost("DVR", "苏州", true); got != 3 { // 25 × 7 / 60 = 2.92 → 3 fen
		t.Errorf("rounding to the fen: %v, want ¥0.03", got)
	}
	if _, _, ok := st.LabourCost("DVR", "无锡", false); ok {
		t.Error("no rate for the region nor the shop: want not ok")
	}
}

func TestLabourValidate(t *testing.T) {
	good := labourSettings()
	if err := good.Validate(); err != nil {
		t.Fatalf("good labour settings: %v", err)
	}
	for name, change := range map[string]func(*Settings){
		"no code":          func(s *Settings) { s.Labour[0].Code = "" },
		"code twice":       func(s *Settings) { s.Labour[1].Code = "RADAR-4" },
		"code with space":  func(s *Settings) { s.Labour[1].Code = "DV R" },
		"no name":          func(s *Settings) { s.Labour[0].NameZh = " " },
		"long name":        func(s *Settings) { s.Labour[0].NameEn = string(make([]rune, MaxLabourName+1)) },
		"negative minutes": func(s *Settings) { s.Labour[0].RepairMinutes = -1 },
		"no minutes":       func(s *Settings) { s.Labour[0].InstallMinutes, s.Labour[0].RepairMinutes = 0, 0 },
		"too many minutes": func(s *Settings) { s.Labour[0].InstallMinutes = MaxLabourMinutes + 1 },
		"region twice":     func(s *Settings) { s.LabourRates[1].Region = "" },
		"zero rate":        func(s *Settings) { s.LabourRates[0].HourlyRate = 0 },
		"rate too high":    func(s *Settings) { s.LabourRates[0].HourlyRate = MaxHourlyRate + 1 },
		"quality period":   func(s *Settings) { s.QualityReport = ReportDaily },
	} {
		st := labourSettings()
		change(&st)
		if err := st.Validate(); ErrorCode(err) != EINVALID {
			t.Errorf("%s: %v, want EINVALID", name, err)
		}
	}
}

// INT-2 with 工时定额: an estimate line priced from a standard.
func TestLabourLine(t *testing.T) {
	st := labourSettings()
	l, err := st.LabourLine("RADAR-4", "苏州", false, ZH)
	if err != nil {
		t.Fatal(err)
	}
	if l.Labor != 14850 || l.Parts != 0 || l.Mode != PriceByItem || l.Description != "四探头倒车雷达 安装工时 1.5 小时 × ¥99.00/小时" {
		t.Errorf("line %+v", l)
	}
	e := Estimate{Purpose: "装雷达", Lines: []EstimateLine{l}}
	if err := e.Validate(); err != nil {
		t.Errorf("the line does not make a valid estimate: %v", err)
	}
	l, _ = st.LabourLine("DVR", "", true, EN)
	if l.Labor != 5000 || l.Description != "行车记录仪 repair 0.42 h × ¥120.00/h" {
		t.Errorf("en line %+v", l)
	}
	if _, err := st.LabourLine("NOPE", "", false, ZH); ErrorCode(err) != EINVALID {
		t.Errorf("unknown code: %v", err)
	}
}
