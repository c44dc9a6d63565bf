package forms

import fo "frontoffice"

// fieldSiteTexts are the words of the on-site documents of a field job
// (FLD-5, field_site.go); init merges them into Texts, refusing a key
// Texts already has.
var fieldSiteTexts = fo.Catalog{
	"form.title.site_log":        {Zh: "安装调试工作日志", En: "Installation and commissioning work log"},
	"form.title.site_acceptance": {Zh: "安装调试验收报告", En: "Installation and commissioning acceptance report"},
	"form.site.company":          {Zh: "客户单位", En: "Customer company"},
	"form.site.address":          {Zh: "现场地址", En: "Site address"},
	"form.site.contact":          {Zh: "联系人", En: "Contact"},
	"form.site.phone":            {Zh: "联系电话", En: "Phone"},
	"form.site.equipment":        {Zh: "设备", En: "Equipment"},
	"form.site.product":          {Zh: "产品", En: "Product"},
	"form.site.technician":       {Zh: "安装调试人员", En: "Technician"},
	"form.site.checked_in":       {Zh: "到达现场", En: "Arrived on site"},
	"form.site.entries":          {Zh: "工作记录（%d 条）", En: "Log entries (%d)"},
	"form.site.no":               {Zh: "序号", En: "No."},
	"form.site.time":             {Zh: "时间", En: "Time"},
	"form.site.entry":            {Zh: "工作内容", En: "Work done"},
	"form.site.no_entries":       {Zh: "尚无记录", En: "No entries yet"},
	"form.site.photo":            {Zh: "[现场照片 #%d]", En: "[Site photo #%d]"},
	"form.site.photos":           {Zh: "现场照片", En: "Site photos"},
	"form.site.photos_waiting":   {Zh: "尚未下载完成的照片：%s", En: "Photos not downloaded yet: %s"},
	"form.site.problems":         {Zh: "遗留问题", En: "Problems found"},
	"form.site.class":            {Zh: "类别", En: "Class"},
	"form.site.problem":          {Zh: "问题", En: "Problem"},
	"form.site.state":            {Zh: "状态", En: "State"},
	"form.site.no_problems":      {Zh: "无", En: "None"},
	"form.site.open":             {Zh: "未解决", En: "Open"},
	"form.site.resolved":         {Zh: "已解决 %s：%s", En: "Resolved %s: %s"},
	"form.site.technician_signs": {Zh: "安装调试人员签字 Technician", En: "Technician 安装调试人员签字"},
	"form.site.customer_signs":   {Zh: "客户签字（盖章）Customer", En: "Customer (and seal) 客户签字"},
	"form.site.days":             {Zh: "现场工作天数", En: "Days on site"},
	"form.site.day_count":        {Zh: "%d 天", En: "%d day(s)"},
	"form.site.log_size":         {Zh: "工作日志", En: "Work log"},
	"form.site.log_count":        {Zh: "%d 条记录", En: "%d entries"},
	"form.site.statement": {Zh: "兹确认：本店已在客户现场完成%[1]s所购设备（%[2]s）的安装调试工作，设备运行正常，客户同意验收。下列遗留问题由本店负责跟进解决。",
		En: "This confirms that the shop has installed and commissioned the equipment (%[2]s) of %[1]s at the customer's site, that it works, and that the customer accepts the work. The shop follows up the open problems listed below until they are resolved."},
	"form.site.open_problems":      {Zh: "遗留问题（未解决 %d 项）", En: "Problems (%d still open)"},
	"form.site.signature":          {Zh: "客户验收签字", En: "Customer's acceptance"},
	"form.site.signed_pad":         {Zh: "客户已签字验收：%s，%s", En: "Accepted and signed by the customer: %s, %s"},
	"form.site.signed_paper":       {Zh: "客户已在纸质验收报告上签字（%s），照片存档 #%d", En: "Signed by the customer on paper (%s); photo on file #%d"},
	"form.site.awaiting_signature": {Zh: "待客户签字", En: "Awaiting signature"},
}

func init() {
	if dup := fo.Duplicates(Texts, fieldSiteTexts); len(dup) > 0 {
		panic("forms: texts defined twice: " + dup[0])
	}
	for k, v := range fieldSiteTexts {
		Texts[k] = v
	}
}
