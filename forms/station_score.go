package forms

import (
	"fmt"
	"strconv"

	fo "frontoffice"
)

// networkStore is what the service network's documents read (NET-2).
type networkStore interface {
	StationScorecard(station uint64, month string) (fo.StationScorecard, fo.Station, error)
	StationSettlement(id uint64) (fo.StationSettlement, []fo.StationClaim, error)
	Station(id uint64) (fo.Station, error)
}

// renderNetwork prints the service network's documents (NET-2): a
// station's monthly scorecard and a settlement statement. ok is false for
// any other kind.
func (r *Renderer) renderNetwork(st *fo.Settings, doc fo.Document, lang fo.Lang) (pdf []byte, ok bool, err error) {
	switch doc.Kind {
	case fo.DocStationScore:
		id, month, valid := fo.ParseScoreRef(doc.Ref)
		if !valid {
			return nil, true, fo.ErrNotFound
		}
		sc, s, err := r.Store.StationScorecard(id, month)
		if err != nil {
			return nil, true, err
		}
		pdf, err := r.Engine.StationScorecard(st, sc, s, lang)
		return pdf, true, err
	case fo.DocStationSettlement:
		set, claims, err := r.Store.StationSettlement(doc.Ref)
		if err != nil {
			return nil, true, err
		}
		s, err := r.Store.Station(set.StationID)
		if err != nil {
			return nil, true, err
		}
		pdf, err := r.Engine.SettlementStatement(st, set, claims, s, lang)
		return pdf, true, err
	}
	return nil, false, nil
}

// StationScorecard prints a station's monthly scorecard 服务网点月度考核表
// (NET-2) in lang: the station, the month, its complaints and how they
// were answered (NET-3), its jobs and their spot checks (NET-4), the
// claims settled, the score with how it was reached, and the reward or
// penalty tier by the thresholds of the settings.
func (e *Engine) StationScorecard(st *fo.Settings, sc fo.StationScorecard, s fo.Station, lang fo.Lang) ([]byte, error) {
	d := e.NewDoc(DocOptions{Lang: lang, Shop: ShopOf(st, lang), Title: titleOf("form.title.station_score"),
		Number: "SCORE-" + s.Code + "-" + sc.Month, Loc: st.Location()})
	n := strconv.Itoa
	d.Fields(3,
		Field{Label: d.T("form.net.station"), Value: s.Code + " " + s.Name, Span: 2},
		Field{Label: d.T("form.net.month"), Value: sc.Month},
		Field{Label: d.T("form.net.city"), Value: dash(s.City + " " + s.Area)},
		Field{Label: d.T("form.net.hotline"), Value: dash(s.Hotline), Span: 2},
	)
	d.Space(2)
	d.Heading(d.T("form.net.score_heading"), 30)
	ns := st.Network.WithDefaults()
	d.Fields(2,
		Field{Label: d.T("form.net.score"), Value: n(sc.Score), Strong: true},
		Field{Label: d.T("form.net.tier"), Value: d.T("form.net.tier." + sc.Tier), Strong: true},
	)
	d.Paragraph(d.T("form.net.tiers_rule", ns.RewardAt, ns.PenaltyBelow), Style{Size: 8.5, Muted: true})
	d.Space(2)

	mean := sc.SurveyMean()
	if mean == "" {
		mean = "—"
	}
	minutes := "—"
	if sc.AnswerMinutes > 0 || sc.Complaints > sc.Late {
		minutes = fmt.Sprintf("%d:%02d", sc.AnswerMinutes/60, sc.AnswerMinutes%60)
	}
	d.Heading(d.T("form.net.figures"), 40)
	surveyPts := 0
	if sc.Surveyed > 0 {
		surveyPts = sc.Score - 100 + ns.ComplaintPoints*sc.Complaints + ns.LatePoints*sc.Late +
			ns.DissatisfiedPoints*sc.Dissatisfied + ns.FindingPoints*sc.Findings
	}
	rows := [][]string{
		{d.T("form.net.complaints"), n(sc.Complaints), signed(-ns.ComplaintPoints * sc.Complaints)},
		{d.T("form.net.in_time"), n(sc.AnsweredInTime), ""},
		{d.T("form.net.late"), n(sc.Late), signed(-ns.LatePoints * sc.Late)},
		{d.T("form.net.answer_time"), minutes, ""},
		{d.T("form.net.closed"), n(sc.Closed), ""},
		{d.T("form.net.dissatisfied"), n(sc.Dissatisfied), signed(-ns.DissatisfiedPoints * sc.Dissatisfied)},
		{d.T("form.net.jobs"), n(sc.Jobs), ""},
		{d.T("form.net.sampled"), n(sc.Sampled), ""},
		{d.T("form.net.surveyed"), n(sc.Surveyed), ""},
		{d.T("form.net.survey_mean"), mean, signed(surveyPts)},
		{d.T("form.net.findings"), n(sc.Findings), signed(-ns.FindingPoints * sc.Findings)},
		{d.T("form.net.claims_settled"), n(sc.ClaimsSettled) + " · " + sc.ClaimsPaid.String(), ""},
	}
	d.Table(Table{
		Columns: []Column{{Title: d.T("form.item"), Width: 3}, {Title: d.T("form.net.value"), Width: 1.4, Align: Right},
			{Title: d.T("form.net.points"), Width: 1, Align: Right}},
		Rows:   rows,
		Footer: []string{d.T("form.net.score"), "", n(sc.Score)},
	})
	d.Space(2)
	d.BarChart(BarChart{Title: d.T("form.net.chart"), Bars: []Bar{
		{Label: d.T("form.net.in_time"), Value: float64(sc.AnsweredInTime)},
		{Label: d.T("form.net.late"), Value: float64(sc.Late)},
		{Label: d.T("form.net.jobs"), Value: float64(sc.Jobs)},
		{Label: d.T("form.net.findings"), Value: float64(sc.Findings)},
	}, Dense: true, Empty: d.T("form.net.no_activity")})
	d.Paragraph(d.T("form.net.score_rule", ns.ComplaintPoints, ns.LatePoints, ns.DissatisfiedPoints, ns.FindingPoints),
		Style{Size: 8.5, Muted: true})
	d.Space(4)
	d.Signatures(d.T("form.report.prepared"), d.T("form.report.reviewed_supervisor"), d.T("form.net.station_ack"))
	return d.Bytes()
}

func signed(n int) string {
	switch {
	case n > 0:
		return "+" + strconv.Itoa(n)
	case n < 0:
		return "−" + strconv.Itoa(-n)
	}
	return "0"
}

// networkFormTexts are the words of the service network's documents
// (NET-2), merged into Texts at start.
var networkFormTexts = fo.Catalog{
	"form.title.station_score":      {Zh: "服务网点月度考核表", En: "Service station monthly scorecard"},
	"form.title.station_settlement": {Zh: "服务网点费用结算单", En: "Service station settlement statement"},
	"form.net.station":              {Zh: "服务网点", En: "Station"},
	"form.net.month":                {Zh: "考核月份", En: "Month"},
	"form.net.city":                 {Zh: "城市/区域", En: "City / area"},
	"form.net.hotline":              {Zh: "服务热线", En: "Hotline"},
	"form.net.score_heading":        {Zh: "得分与奖惩", En: "Score and tier"},
	"form.net.score":                {Zh: "得分", En: "Score"},
	"form.net.tier":                 {Zh: "奖惩档次", En: "Tier"},
	"form.net.tier.reward":          {Zh: "奖励", En: "Reward"},
	"form.net.tier.standard":        {Zh: "达标", En: "Standard"},
	"form.net.tier.penalty":         {Zh: "处罚", En: "Penalty"},
	"form.net.tiers_rule":           {Zh: "得分 ≥ %d 为奖励档，低于 %d 为处罚档，其余为达标档（设置项，可调整）。", En: "A score of %d or more is the reward tier, below %d the penalty tier, otherwise standard (settings)."},
	"form.net.figures":              {Zh: "本月情况", En: "The month"},
	"form.net.value":                {Zh: "数值", En: "Value"},
	"form.net.points":               {Zh: "扣/加分", En: "Points"},
	"form.net.complaints":           {Zh: "投诉件数", En: "Complaints"},
	"form.net.in_time":              {Zh: "按期答复", En: "Answered in time"},
	"form.net.late":                 {Zh: "超期或未答复", En: "Late or unanswered"},
	"form.net.answer_time":          {Zh: "平均首次答复用时（时:分）", En: "Mean time to first answer (h:mm)"},
	"form.net.closed":               {Zh: "已结案", En: "Closed"},
	"form.net.dissatisfied":         {Zh: "客户不满意", En: "Customer dissatisfied"},
	"form.net.jobs":                 {Zh: "上报作业", En: "Jobs reported"},
	"form.net.sampled":              {Zh: "抽查", En: "Spot-checked"},
	"form.net.surveyed":             {Zh: "客户回复", En: "Customers answered"},
	"form.net.survey_mean":          {Zh: "抽查平均分（5 分制）", En: "Mean check score (of 5)"},
	"form.net.findings":             {Zh: "抽查发现问题", En: "Spot-check findings"},
	"form.net.claims_settled":       {Zh: "结算费用申报", En: "Claims settled"},
	"form.net.chart":                {Zh: "本月概况", En: "The month at a glance"},
	"form.net.no_activity":          {Zh: "本月无投诉、无上报作业", En: "No complaints and no jobs this month"},
	"form.net.score_rule":           {Zh: "计分：满分 100；每件投诉扣 %d 分，超期或未答复再扣 %d 分，客户不满意扣 %d 分，每项抽查问题扣 %d 分；抽查平均分每高（低）于 4 分 1 分加（扣）10 分；得分在 0–100 之间。", En: "Scoring: 100 points; each complaint −%d, each late or missing answer −%d more, each dissatisfied verdict −%d, each spot-check finding −%d; a mean check score above (below) 4 adds (takes) 10 points a point; kept within 0–100."},
	"form.net.station_ack":          {Zh: "网点确认", En: "Station's acknowledgement"},

	"form.net.settlement_no":   {Zh: "结算单号", En: "Statement No."},
	"form.net.settled_at":      {Zh: "结算时间", En: "Settled"},
	"form.net.claim_no":        {Zh: "申报单号", En: "Claim"},
	"form.net.submitted":       {Zh: "申报时间", En: "Submitted"},
	"form.net.lines":           {Zh: "申报内容", En: "Lines"},
	"form.net.claimed":         {Zh: "申报金额", En: "Claimed"},
	"form.net.approved":        {Zh: "核定金额", En: "Approved"},
	"form.net.audit":           {Zh: "审核意见", En: "Audit"},
	"form.net.total_claimed":   {Zh: "申报合计", En: "Total claimed"},
	"form.net.total_paid":      {Zh: "应付网点合计", En: "Total payable"},
	"form.net.claims":          {Zh: "申报笔数", En: "Claims"},
	"form.net.line.labour":     {Zh: "工时 %s %s（%s）×%d，%d 分钟 %s", En: "Labour %s %s (%s) ×%d, %d min %s"},
	"form.net.line.parts":      {Zh: "配件 %s %s", En: "Parts %s %s"},
	"form.net.line.travel":     {Zh: "差旅 %s %s", En: "Travel %s %s"},
	"form.net.status.approved": {Zh: "批准", En: "Approved"},
	"form.net.status.adjusted": {Zh: "调整", En: "Adjusted"},
	"form.net.status.refused":  {Zh: "拒绝", En: "Refused"},
	"form.net.settlement_note": {Zh: "以上费用经售后服务部主管审核，由财务部按本结算单支付。网点如有异议，请于收到后 7 日内提出。", En: "The after-sales supervisor audited these costs; finance pays them by this statement. Any objection within 7 days of receipt, please."},
	"form.net.finance":         {Zh: "财务", En: "Finance"},
}

func init() {
	for k, v := range networkFormTexts {
		if _, dup := Texts[k]; dup {
			panic("forms: key " + k + " defined twice")
		}
		Texts[k] = v
	}
}
