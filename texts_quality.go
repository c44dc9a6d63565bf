package frontoffice

// qualityTexts are the texts of quality information (REP-2) and of the
// labour-hour standards (工时定额, labour.go).
var qualityTexts = Catalog{
	"quality.class.product":      {Zh: "产品", En: "Product"},
	"quality.class.installation": {Zh: "安装", En: "Installation"},
	"quality.class.parts":        {Zh: "配件", En: "Parts"},
	"quality.class.service":      {Zh: "服务", En: "Service"},
	"quality.source.complaint":   {Zh: "客户投诉", En: "Complaint"},
	"quality.source.field":       {Zh: "现场安装", En: "Field job"},
	"quality.source.station":     {Zh: "服务网点", En: "Service station"},

	"quality.msg.head":  {Zh: "质量信息报告 %s 至 %s：反馈 %d 条，未解决 %d 条。", En: "Quality report %s to %s: %d items of feedback, %d still open."},
	"quality.msg.class": {Zh: "· %s：%d", En: "· %s: %d"},
	"quality.msg.open":  {Zh: "待解决问题共 %d 项，详见附件。", En: "%d open problems in all; see the attached report."},

	"err.quality.class":      {Zh: "请选择质量问题分类（产品、安装、配件、服务）。", En: "Choose the class of the problem (product, installation, parts, service)."},
	"err.quality.source":     {Zh: "质量信息来源不对。", En: "The source of the feedback is not known."},
	"err.quality.text":       {Zh: "请填写问题描述（最多 %d 字）。", En: "Describe the problem (at most %d characters)."},
	"err.quality.long":       {Zh: "内容太长（最多 %d 字）。", En: "Too long (at most %d characters)."},
	"err.quality.resolution": {Zh: "请填写处理结果（最多 %d 字）。", En: "Say how it was resolved (at most %d characters)."},
	"err.quality.resolved":   {Zh: "该问题已经解决。", En: "This problem is already resolved."},
	"err.quality.kind":       {Zh: "质量报告周期只能是每周或每月。", En: "The quality report is weekly or monthly."},

	"err.labour.code":     {Zh: "工时定额 %d：编号须为 1–20 个字母、数字或 - _，且不能重复。", En: "Labour standard %d: the code must be 1–20 letters, digits, - or _, and unique."},
	"err.labour.name":     {Zh: "工时定额 %d：请填写中文名称（最多 60 字）。", En: "Labour standard %d: give its Chinese name (at most 60 characters)."},
	"err.labour.minutes":  {Zh: "工时定额 %d：安装和维修工时须在 0 到 %d 分钟之间，且不能都为 0。", En: "Labour standard %d: installation and repair times must be 0 to %d minutes, not both 0."},
	"err.labour.count":    {Zh: "工时定额最多 %d 项。", En: "At most %d labour standards."},
	"err.labour.region":   {Zh: "工时单价 %d：地区名称最多 30 字且不能重复（留空为本店）。", En: "Hourly rate %d: the region's name is at most 30 characters and unique (empty for the shop's own)."},
	"err.labour.rate":     {Zh: "工时单价 %d：单价须大于 0 且不超过 ¥10000.00。", En: "Hourly rate %d: the rate must be above 0 and at most ¥10000.00."},
	"err.labour.unknown":  {Zh: "没有这个工时定额，或该地区没有工时单价。", En: "No such labour standard, or no hourly rate for the region."},
	"labour.line.install": {Zh: "%s 安装工时 %s × %s/小时", En: "%s installation %s × %s/h"},
	"labour.line.repair":  {Zh: "%s 维修工时 %s × %s/小时", En: "%s repair %s × %s/h"},
}
