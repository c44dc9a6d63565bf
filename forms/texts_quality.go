package forms

import fo "frontoffice"

// qualityFormTexts are the words of the quality information report
// (REP-2, quality.go).
var qualityFormTexts = fo.Catalog{
	"form.title.quality":         {Zh: "质量信息报告", En: "Quality Information Report"},
	"form.title.quality.weekly":  {Zh: "质量信息周报", En: "Quality Information — Weekly"},
	"form.title.quality.monthly": {Zh: "质量信息月报", En: "Quality Information — Monthly"},
	"form.quality.total":         {Zh: "本期质量信息", En: "Feedback this period"},
	"form.quality.open_period":   {Zh: "其中未解决", En: "Of which open"},
	"form.quality.open_all":      {Zh: "待解决问题（全部）", En: "Open problems (all)"},
	"form.quality.none":          {Zh: "本期无质量信息反馈。", En: "No quality feedback this period."},
	"form.quality.by_class":      {Zh: "按问题分类", En: "By class"},
	"form.quality.class_chart":   {Zh: "各类问题数量", En: "Problems per class"},
	"form.quality.no_station":    {Zh: "本期没有服务网点的质量信息。", En: "No feedback from service stations this period."},
	"form.quality.feedback":      {Zh: "反馈", En: "Feedback"},
	"form.quality.all_feedback":  {Zh: "全部反馈", En: "All feedback"},
	"form.quality.open":          {Zh: "未解决", En: "Open"},
	"form.quality.by_source":     {Zh: "按来源", En: "By source"},
	"form.quality.source":        {Zh: "来源", En: "Source"},
	"form.quality.by_product":    {Zh: "按产品", En: "By product"},
	"form.quality.product":       {Zh: "产品/服务项目", En: "Product or service"},
	"form.quality.not_given":     {Zh: "（未注明）", En: "(not given)"},
	"form.quality.by_site":       {Zh: "按现场（客户单位）", En: "By site (customer company)"},
	"form.quality.site":          {Zh: "现场", En: "Site"},
	"form.quality.shop_own":      {Zh: "（本店）", En: "(the shop)"},
	"form.quality.by_station":    {Zh: "按服务网点", En: "By service station"},
	"form.quality.station":       {Zh: "服务网点", En: "Station"},
	"form.quality.open_problems": {Zh: "待解决问题清单", En: "Open problems"},
	"form.quality.date":          {Zh: "日期", En: "Date"},
	"form.quality.class":         {Zh: "分类", En: "Class"},
	"form.quality.product_site":  {Zh: "产品 · 现场", En: "Product · site"},
	"form.quality.problem":       {Zh: "问题", En: "Problem"},
	"form.quality.no_open":       {Zh: "没有待解决的问题。", En: "No open problems."},
	"form.quality.received":      {Zh: "质量部签收", En: "Quality department"},
}
