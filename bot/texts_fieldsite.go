package bot

import fo "frontoffice"

// fieldSiteTexts are the technician's screens on site (FLD-5,
// field_site.go), merged with Texts.
var fieldSiteTexts = fo.Catalog{
	"fsb.checked_in_toast": {Zh: "已签到", En: "Checked in"},
	"fsb.checked_in": {Zh: "📍 %s 已签到：%s。\n现在起在本对话中发送的文字和照片都记入安装调试工作日志。发现问题请按“记录遗留问题”或发送 /problem；完工后请客户签字验收。",
		En: "📍 %s checked in at %s.\nFrom now on every text and photo you send here goes into the work log. Record a problem with the button or /problem; when done, have the customer sign the acceptance."},
	"fsb.logged":           {Zh: "📝 %s 日志第 %d 条，%s 已记录。", En: "📝 %s log entry %d recorded at %s."},
	"fsb.logged_photo":     {Zh: "📷 %s 日志第 %d 条（照片），%s 已记录。", En: "📷 %s log entry %d (photo) recorded at %s."},
	"fsb.check_in_first":   {Zh: "您尚未在 %s 现场签到：到达后请先按“已到达现场”，之后的文字和照片才记入工作日志。", En: "You have not checked in at %s yet: press \"Checked in on site\" when you arrive; texts and photos go into the work log after that."},
	"fsb.no_site_job":      {Zh: "您目前没有在现场的工单。", En: "You have no job on site now."},
	"fsb.problem_class":    {Zh: "⚠ %s 记录遗留问题：请选择类别。", En: "⚠ %s open problem: choose its class."},
	"fsb.problem_text":     {Zh: "类别：%s。请描述问题（最多 %d 字）。", En: "Class: %s. Describe the problem (up to %d characters)."},
	"fsb.problem_recorded": {Zh: "⚠ 问题 #%d（%s）已记录，已通知总工程师；解决后请按“已解决”。", En: "⚠ Problem #%d (%s) recorded and the chief engineer told; press \"Resolved\" once it is."},
	"fsb.resolve_how":      {Zh: "请简述问题是如何解决的（回复本消息）。", En: "How was it resolved? (reply to this message)"},
	"fsb.resolved":         {Zh: "✔ 问题 #%d（%s）已解决。", En: "✔ Problem #%d (%s) resolved."},
	"fsb.sign_link": {Zh: "✍ %s 验收签字链接（仅可使用一次，%s 前有效）：\n%s\n请在手机上打开此链接交客户签字，或让客户用自己的手机打开。",
		En: "✍ %s acceptance signature link (single use, valid until %s):\n%s\nOpen it on your phone and hand it to the customer to sign, or let them open it on theirs."},
	"fsb.no_sign_url": {Zh: "本店尚未设置对外网址，无法生成签字链接：请使用纸质验收单拍照。", En: "The shop has no public address set, so no signature link can be made: use the paper acceptance and send its photo."},
	"fsb.paper_photo": {Zh: "📄 %s：请发送客户已签字盖章的纸质验收报告照片。", En: "📄 %s: send the photo of the acceptance report the customer signed on paper."},
	"fsb.accepted":    {Zh: "✅ %s 验收完成，复印件已发送总工程师。遗留问题：%d 项。", En: "✅ %s accepted; the copies went to the chief engineer. Open problems: %d."},
}
