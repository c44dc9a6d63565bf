package demo

import (
	"time"

	fo "frontoffice"
	"frontoffice/data"
	"frontoffice/internal/fakeclock"
)

// The demo shop's labour-hour standards (工时定额) and hourly rates by
// region (the shop's own and two regions its stations serve), and some
// quality information of the past weeks (REP-2) for the console's quality
// page: problems from field jobs and stations, some resolved.

var demoLabour = []fo.LabourStandard{
	{Code: "RADAR-4", NameZh: "四探头倒车雷达", NameEn: "4-sensor parking radar", InstallMinutes: 90, RepairMinutes: 40},
	{Code: "CAM-360", NameZh: "360 全景影像系统", NameEn: "360° camera system", InstallMinutes: 240, RepairMinutes: 90},
	{Code: "DVR", NameZh: "行车记录仪", NameEn: "Dashcam", InstallMinutes: 50, RepairMinutes: 25},
	{Code: "FCW", NameZh: "前向碰撞预警系统", NameEn: "Forward collision warning system", InstallMinutes: 180, RepairMinutes: 75},
	{Code: "BUS-FCW", NameZh: "客车防撞预警系统（整套）", NameEn: "Bus collision warning system (full set)", InstallMinutes: 480, RepairMinutes: 120},
}

var demoRates = []fo.RegionRate{
	{Region: "", HourlyRate: 12000},   // the shop (Beijing)
	{Region: "天津", HourlyRate: 10000}, // a station's region
	{Region: "河北", HourlyRate: 8500},
}

var demoQuality = []struct {
	daysAgo    int
	q          fo.QualityFeedback
	resolution string
}{
	{20, fo.QualityFeedback{Source: fo.QualitySourceField, Ref: "FJ-0003", Class: fo.QualityParts, Product: "BUS-FCW", Site: "京通公交三分公司",
		Text: "到货缺少 2 个毫米波雷达支架，现场临时固定", Open: true}, "厂家已补发支架并更换"},
	{12, fo.QualityFeedback{Source: fo.QualitySourceField, Ref: "FJ-0005", Class: fo.QualityProduct, Product: "BUS-FCW", Site: "京通公交三分公司",
		Text: "第 7 台车预警主机开机自检报错 E12，已返厂检测", Open: true}, ""},
	{9, fo.QualityFeedback{Source: fo.QualitySourceStation, Ref: "ST-001", Class: fo.QualityInstallation, Product: "RADAR-4", Site: "天津河西授权服务站",
		Text: "回访发现两位客户的探头安装高度偏低，误报较多", Open: true}, ""},
	{6, fo.QualityFeedback{Source: fo.QualitySourceField, Ref: "FJ-0006", Class: fo.QualityService, Site: "华北物流有限公司",
		Text: "技术员到场比约定晚 3 小时，客户不满", Open: false}, ""},
	{3, fo.QualityFeedback{Source: fo.QualitySourceStation, Ref: "ST-002", Class: fo.QualityProduct, Product: "CAM-360", Site: "廊坊授权服务站",
		Text: "右侧摄像头夜间画面偏暗，同批次已有 3 例", Open: true}, ""},
}

// loadLabour stores the standards and rates when the shop has none, and
// the quality information at its days before now.
func loadLabour(store *data.Store, clock *fakeclock.Clock, now time.Time) error {
	st, err := store.Settings()
	if err != nil {
		return err
	}
	if len(st.Labour) == 0 && len(st.LabourRates) == 0 {
		st.Labour, st.LabourRates = demoLabour, demoRates
		if err := store.SaveSettings(st); err != nil {
			return err
		}
	}
	for _, d := range demoQuality {
		clock.Set(now.AddDate(0, 0, -d.daysAgo))
		q, err := store.AddQuality(d.q, "staff:zhao")
		if err != nil {
			return err
		}
		if d.resolution != "" {
			clock.Set(now.AddDate(0, 0, -d.daysAgo+5))
			if _, err := store.ResolveQuality(q.ID, d.resolution, "staff:zhao"); err != nil {
				return err
			}
		}
	}
	clock.Set(now)
	return nil
}
