package console

import fo "frontoffice"

// qualityConsoleTexts are the quality page's texts (REP-2, quality.go) and
// the labour-hour standards' (工时定额: settings and estimate).
var qualityConsoleTexts = fo.Catalog{
	"con.nav.quality":              {Zh: "质量信息", En: "Quality"},
	"con.quality.title":            {Zh: "质量信息", En: "Quality information"},
	"con.quality.from":             {Zh: "从", En: "From"},
	"con.quality.to":               {Zh: "至", En: "To"},
	"con.quality.show":             {Zh: "查看", En: "Show"},
	"con.quality.pdf":              {Zh: "下载本期质量信息报告（PDF）", En: "Download the period's quality report (PDF)"},
	"con.quality.hint":             {Zh: "现场安装、服务网点和客户投诉反馈的质量信息，按产品、安装、配件、服务归类。报告按设置每周或每月自动发送给质量部。", En: "Quality feedback from field jobs, service stations and complaints, classed as product, installation, parts or service. The report goes to the quality department weekly or monthly, as set."},
	"con.quality.bad_period":       {Zh: "请选择正确的起止日期（最长一年）。", En: "Choose a first and a last day, at most a year apart."},
	"con.quality.counts":           {Zh: "本期反馈 %d 条，其中未解决 %d 条", En: "%d items of feedback this period, %d still open"},
	"con.quality.open":             {Zh: "待解决问题（%d）", En: "Open problems (%d)"},
	"con.quality.no_open":          {Zh: "没有待解决的问题。", En: "No open problems."},
	"con.quality.date":             {Zh: "日期", En: "Date"},
	"con.quality.source":           {Zh: "来源", En: "Source"},
	"con.quality.class":            {Zh: "分类", En: "Class"},
	"con.quality.product":          {Zh: "产品", En: "Product"},
	"con.quality.site":             {Zh: "现场", En: "Site"},
	"con.quality.ref":              {Zh: "单号", En: "Reference"},
	"con.quality.problem":          {Zh: "问题", En: "Problem"},
	"con.quality.resolution":       {Zh: "处理结果", En: "Resolution"},
	"con.quality.resolve":          {Zh: "已解决", En: "Resolved"},
	"con.quality.complaints":       {Zh: "本期投诉（%d）", En: "Complaints this period (%d)"},
	"con.quality.complaints_hint":  {Zh: "未归类的投诉按投诉类别默认归类（施工质量、安全 → 安装；其他 → 服务）。", En: "A complaint not classified counts under its category's class (quality of work, safety → installation; others → service)."},
	"con.quality.ticket":           {Zh: "投诉单号", En: "Ticket"},
	"con.quality.classify":         {Zh: "归类", En: "Classify"},
	"con.quality.reclassify":       {Zh: "重新归类", En: "Reclassify"},
	"con.quality.default":          {Zh: "默认", En: "default"},
	"con.quality.open_problem":     {Zh: "列为待解决问题", En: "Open problem"},
	"con.quality.no_complaints":    {Zh: "本期没有投诉。", En: "No complaints this period."},
	"con.quality.add":              {Zh: "登记质量信息", En: "Record feedback"},
	"con.quality.add_button":       {Zh: "登记", En: "Record"},
	"con.flash.quality_added":      {Zh: "质量信息已登记。", En: "Feedback recorded."},
	"con.flash.quality_classified": {Zh: "投诉已归类。", En: "Complaint classified."},
	"con.flash.quality_resolved":   {Zh: "问题已标记为解决。", En: "Problem marked resolved."},
}
