package forms

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	fo "frontoffice"
)

// REP-1, REP-3, FU-8: the business statistics printed from a month of the
// store's records: every figure of the stats is on the page, in zh and en,
// with the per-day lines of a week and a month; a day without records says
// so.
func TestBusinessReportREP1(t *testing.T) {
	s, clock := shopStore(t, time.Date(2026, 10, 28, 8, 0, 0, 0, shanghai))
	fillMonth(t, s, clock, time.Date(2026, 11, 1, 0, 0, 0, 0, shanghai), 6, 1)
	r := &Renderer{Engine: testEngine(t), Store: s}
	st, _ := s.Settings()
	day := clock.Now() // Monday 30 November, 17:30
	for _, tc := range []struct {
		kind fo.ReportKind
		lang fo.Lang
		want func(b fo.BusinessStats) []string
	}{
		{fo.ReportMonthly, fo.ZH, func(b fo.BusinessStats) []string {
			return []string{"业务统计表（月报）", "统计期间", "2026-11-01 至 2026-11-30", "数据截至", "2026-11-30 17:30",
				"进厂台次", "交车台次", "营业收入", "应收账款", "按约到店", "爽约",
				"各服务类别进厂台次", "各服务类别营业收入（元）", "各车型进厂台次", "每日营业收入（元）与进厂台次", "11-02 周一",
				"售后服务（跟踪回访、投诉、满意度）", "投诉类别", "满意度调查平均分（满分 5 分）", "业务主管审核",
				// DEL-3: discounts and receivables counted (issue 12).
				b.Discounts.String() + fmt.Sprintf("（%d 笔）", b.Discounted), b.Receivables.String() + fmt.Sprintf("（%d 笔）", b.Owing)}
		}},
		{fo.ReportMonthly, fo.EN, func(b fo.BusinessStats) []string {
			return []string{"Business Statistics — Monthly", "2026-11-01 to 2026-11-30", "Received", "Revenue", "Receivables",
				"Vehicles by service category", "Revenue per day (yuan) and vehicles received", "11-02 Mon",
				"Survey averages (out of 5)", "Complaints by category"}
		}},
		{fo.ReportWeekly, fo.ZH, func(b fo.BusinessStats) []string {
			return []string{"业务统计表（周报）", "2026-11-29 至 2026-12-05", "11-30 周一"}
		}},
		{fo.ReportDaily, fo.ZH, func(b fo.BusinessStats) []string {
			return []string{"业务统计表（日报）", "2026-11-30 周一"}
		}},
	} {
		t.Run(string(tc.kind)+"-"+string(tc.lang), func(t *testing.T) {
			b, err := s.BusinessStats(tc.kind, day)
			if err != nil {
				t.Fatal(err)
			}
			if b.Received == 0 || b.Empty() {
				t.Fatalf("no business in the period: %+v", b)
			}
			pdf, err := r.Render(context.Background(), fo.Document{Kind: tc.kind.DocKind(), Ref: fo.ReportRef(day, st.Location())}, tc.lang)
			if err != nil {
				t.Fatal(err)
			}
			text := pdfText(t, pdf)
			wantText(t, text, tc.want(b)...)
			// Every figure of the stats, exactly.
			n := strconv.Itoa
			wantText(t, text, n(b.Received), n(b.Delivered), n(b.Settlements), b.Revenue.String(), b.Collected.String(),
				b.Receivables.String(), b.Discounts.String(), b.Amount.String(), b.Fees.String())
			for _, tl := range b.ByService {
				wantText(t, text, tl.Revenue.String())
			}
			a := b.AfterSales
			if a.Surveys > 0 {
				wantText(t, text, fmt.Sprintf("%.2f / 5", a.SurveyAverages[0]))
			}
			if a.CallsDue > 0 {
				wantText(t, text, fmt.Sprintf("%d (%d%%)", a.CallsDoneInWindow, (a.CallsDoneInWindow*100+a.CallsDue/2)/a.CallsDue))
			}
			for _, dt := range b.Days {
				wantText(t, text, dt.Revenue.String())
			}
			savePNG(t, pdf, "report-"+string(tc.kind)+"-"+string(tc.lang))
		})
	}
	if m, _ := s.BusinessStats(fo.ReportMonthly, day); m.AfterSales.CallsDoneInWindow == 0 || m.AfterSales.Complaints == 0 || m.Missed == 0 {
		t.Errorf("the month lacks after-sales work or missed appointments: %+v", m)
	}

	// A Sunday: nothing happened.
	sunday := time.Date(2026, 11, 29, 12, 0, 0, 0, shanghai)
	for lang, want := range map[fo.Lang]string{fo.ZH: "本日无业务数据：没有到店车辆、结算、预约及售后记录。",
		fo.EN: "No business recorded on this day: no vehicles, settlements, appointments or after-sales records."} {
		b, err := s.BusinessStats(fo.ReportDaily, sunday)
		if err != nil || !b.Empty() {
			t.Fatalf("Sunday: %+v, %v", b, err)
		}
		pdf, err := r.Render(context.Background(), fo.Document{Kind: "report-daily", Ref: 20261129}, lang)
		if err != nil {
			t.Fatal(err)
		}
		text := pdfText(t, pdf)
		wantText(t, text, want)
		if strings.Count(text, "\f") > 2 {
			t.Errorf("an empty day takes %d pages", strings.Count(text, "\f"))
		}
		savePNG(t, pdf, "report-daily-empty-"+string(lang))
	}
}
