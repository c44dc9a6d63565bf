package forms

import (
	"context"
	"testing"
	"time"

	fo "frontoffice"
)

// NET-2: a station's scorecard and its settlement statement, printed
// through the Renderer from the store's records, read back with
// pdftotext and rendered to PNG (testdata/artifacts/station-*.png).
func TestStationDocumentsNET2(t *testing.T) {
	s, clock := shopStore(t, time.Date(2026, 12, 2, 9, 0, 0, 0, shanghai))
	st, _ := s.Settings()
	st.Labour = []fo.LabourStandard{{Code: "A01", NameZh: "倒车雷达", NameEn: "Parking radar", InstallMinutes: 90, RepairMinutes: 30}}
	st.LabourRates = []fo.RegionRate{{Region: "", HourlyRate: 6000}}
	if err := s.SaveSettings(st); err != nil {
		t.Fatal(err)
	}
	stn, err := s.SeedStation(fo.Station{Code: "ST-001", Name: "西城授权服务站", Status: fo.StationCertified, City: "北京", Area: "西城区",
		Hotline: "010-6666-1234", ChatID: -3001})
	if err != nil {
		t.Fatal(err)
	}
	for i, score := range []int{5, 4, 2, 0} {
		if _, err := s.SeedStationJob(fo.StationJob{StationID: stn.ID, Customer: "客户", Phone: "13900000000", Work: "雷达安装",
			Day:   time.Date(2026, 12, 3+i, 0, 0, 0, 0, shanghai).Format(time.DateOnly),
			Check: fo.StationCheck{Sampled: score > 0, Score: score}}); err != nil {
			t.Fatal(err)
		}
	}
	c, err := s.FileComplaint(fo.ComplaintRequest{Channel: fo.ChannelPhone, Category: "quality", Text: "网点装的雷达误报",
		Customer: fo.CustomerInput{Phone: "13900000001", Name: "张伟"}, StationID: stn.ID, By: "staff:x"})
	if err != nil {
		t.Fatal(err)
	}
	clock.Advance(2 * time.Hour)
	if _, err := s.AnswerStationComplaint(fo.StationAnswerRequest{ID: c.ID, StationID: stn.ID, By: "tg:1", Text: "已复检"}); err != nil {
		t.Fatal(err)
	}
	lines, _ := fo.ParseClaimLines("工时 A01 安装 2\n配件 120 支架\n差旅 80 往返交通")
	c1, err := s.SubmitClaim(fo.ClaimRequest{StationID: stn.ID, Lines: lines, By: "tg:1"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AuditClaim(fo.ClaimAuditRequest{ID: c1.ID, Action: fo.ClaimAdjust, Amount: 34000, Reason: "差旅按标准 ¥40"}, "staff:sup"); err != nil {
		t.Fatal(err)
	}
	c2, _ := s.SubmitClaim(fo.ClaimRequest{StationID: stn.ID, Lines: []fo.ClaimLine{{Kind: fo.ClaimParts, Amount: 5000, Text: "线束"}}, By: "tg:1"})
	if _, err := s.AuditClaim(fo.ClaimAuditRequest{ID: c2.ID, Action: fo.ClaimRefuse, Reason: "保修期内由厂家提供"}, "staff:sup"); err != nil {
		t.Fatal(err)
	}
	sets, err := s.SettleStationClaims("2026-12")
	if err != nil || len(sets) != 1 {
		t.Fatalf("settle %v %v", sets, err)
	}
	r := &Renderer{Engine: testEngine(t), Store: s}

	for lang, want := range map[fo.Lang][]string{
		fo.ZH: {"服务网点月度考核表", "ST-001 西城授权服务站", "2026-12", "投诉件数", "按期答复", "上报作业", "4", "抽查平均分（5 分制）", "3.7",
			"抽查发现问题", "奖惩档次", "达标", "结算费用申报", "2 · ¥340.00", "得分 ≥ 90 为奖励档"},
		fo.EN: {"Service station monthly scorecard", "Complaints", "Answered in time", "Jobs reported", "Mean check score (of 5)", "3.7",
			"Standard", "Claims settled"},
	} {
		pdf, err := r.Render(context.Background(), fo.Document{Kind: fo.DocStationScore, Ref: fo.ScoreRef(stn.ID, "2026-12")}, lang)
		if err != nil {
			t.Fatal(err)
		}
		wantText(t, pdfText(t, pdf), want...)
		savePNG(t, pdf, "station-score-"+string(lang))
	}
	// 100 − 5 (complaint) − 10 (a finding: score 2) + round((3.67−4)·10) = 82.
	sc, _, _ := s.StationScorecard(stn.ID, "2026-12")
	if sc.Score != 82 || sc.Tier != fo.TierStandard {
		t.Errorf("scorecard %+v", sc)
	}

	pdf, err := r.Render(context.Background(), fo.Document{Kind: fo.DocStationSettlement, Ref: sets[0].ID}, fo.ZH)
	if err != nil {
		t.Fatal(err)
	}
	wantText(t, pdfText(t, pdf), "服务网点费用结算单", "SS-202612-ST-001", "ST-001 西城授权服务站", c1.No, c2.No,
		"工时 A01 倒车雷达（安装）×2，180 分钟 ¥180.00", "配件 支架 ¥120.00", "差旅 往返交通 ¥80.00", "¥380.00", "¥340.00",
		"调整：差旅按标准 ¥40", "拒绝：保修期内由厂家提供", "应付网点合计", "财务", "网点确认")
	savePNG(t, pdf, "station-settlement-zh")
	// REP-1: the month's business statistics carry the stations.
	pdf, err = r.Render(context.Background(), fo.Document{Kind: fo.ReportMonthly.DocKind(),
		Ref: fo.ReportRef(time.Date(2026, 12, 2, 0, 0, 0, 0, shanghai), shanghai)}, fo.ZH)
	if err != nil {
		t.Fatal(err)
	}
	wantText(t, pdfText(t, pdf), "服务网点", "ST-001 西城授权服务站", "上报作业", "结算金额", "¥340.00")
	savePNG(t, pdf, "station-report-monthly-zh")
	if _, err := r.Render(context.Background(), fo.Document{Kind: fo.DocStationScore, Ref: 77}, fo.ZH); err == nil {
		t.Error("a scorecard of no station printed")
	}
}
