package kiosk

import fo "frontoffice"

// signTexts are the texts of the acceptance signature page (FLD-5,
// sign.go).
var signTexts = fo.Catalog{
	"sign.title":       {Zh: "安装调试验收签字", En: "Installation acceptance"},
	"sign.job":         {Zh: "单号", En: "Job"},
	"sign.company":     {Zh: "客户单位", En: "Company"},
	"sign.address":     {Zh: "现场地址", En: "Site"},
	"sign.equipment":   {Zh: "设备", En: "Equipment"},
	"sign.technician":  {Zh: "安装调试人员", En: "Technician"},
	"sign.on_site":     {Zh: "到达现场", En: "On site since"},
	"sign.days":        {Zh: "%d 天", En: "%d day(s)"},
	"sign.log":         {Zh: "工作日志", En: "Work log"},
	"sign.entries":     {Zh: "%d 条记录", En: "%d recorded"},
	"sign.statement":   {Zh: "本人代表%s确认：设备（%s）已安装调试完毕，运行正常，同意验收。下列遗留问题由贵店负责跟进解决。", En: "On behalf of %s I confirm that the equipment (%s) is installed and commissioned and works, and accept the work. The shop follows up the problems listed below until resolved."},
	"sign.problems":    {Zh: "遗留问题", En: "Open problems"},
	"sign.no_problems": {Zh: "无", En: "None"},
	"sign.resolved":    {Zh: "已解决", En: "resolved"},
	"sign.name":        {Zh: "签字人姓名", En: "Your name"},
	"sign.pad_hint":    {Zh: "请用手指在下框内签名。", En: "Sign with your finger in the box below."},
	"sign.clear":       {Zh: "重签", En: "Clear"},
	"sign.submit":      {Zh: "确认验收并签字", En: "Accept and sign"},
	"sign.done":        {Zh: "谢谢！%s 已于 %s 签字验收。此页面现已失效。", En: "Thank you! %s signed the acceptance at %s. This page is no longer valid."},
	"sign.invalid":     {Zh: "此签字链接无效、已使用或已过期。如需签字，请向安装调试人员索取新的链接。", En: "This signature link is not valid, was used or has expired. Ask the technician for a new link to sign."},
}
