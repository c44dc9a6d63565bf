package frontoffice

// fieldSiteTexts are the texts of the on-site work of a field job (FLD-5):
// the technician's job, check-in, work log, open problems, acceptance,
// the chief engineer's copies and finance's notice.
var fieldSiteTexts = Catalog{
	"site.brief": {"单号 %s\n客户单位：%s\n地址：%s\n联系人：%s　电话：%s\n路线：%s\n设备：%s\n主要问题：%s\n工具备件：%s",
		"Job %s\nCompany: %s\nAddress: %s\nContact: %s  Phone: %s\nRoute: %s\nEquipment: %s\nMain problem: %s\nTools and spares: %s"},
	"site.dispatched":        {"🛠 您已被派往现场安装调试：\n%s\n\n到达现场后请按“已到达现场”签到，之后在本对话中发送文字和照片即记入安装调试工作日志。", "🛠 You are dispatched for installation and commissioning:\n%s\n\nPress \"Checked in on site\" when you arrive; after that every text and photo you send here goes into the work log."},
	"site.dispatched.no_tg":  {"🛠 技术员 %s 未绑定 Telegram：派工单 %s 已列入前台电话任务，请电话通知，并在工作台查看派工内容。", "🛠 Technician %s has no linked Telegram: job %s is on the reception's call list; call them, the job is on the console."},
	"site.call_tech":         {"请致电技术员 %s，通知其前往现场安装调试：\n%s", "Call technician %s and send them to the site:\n%s"},
	"site.checked_in.staff":  {"📍 技术员 %s 已到达现场：%s（%s），签到时间 %s。", "📍 Technician %s is on site: %s (%s), checked in at %s."},
	"site.problem.chief":     {"⚠ 现场遗留问题 · %s（%s）\n类别：%s\n%s", "⚠ Open problem on site · %s (%s)\nClass: %s\n%s"},
	"site.accepted.chief":    {"✅ %s（%s）安装调试验收报告已签署，复印件附后。遗留问题：%d 项。", "✅ %s (%s): the acceptance report is signed, copy attached. Open problems: %d."},
	"site.log.chief":         {"📒 %s 安装调试工作日志（%d 条记录），复印件附后。", "📒 %s work log (%d entries), copy attached."},
	"site.figures.labour":    {"%s（标准工时 %s 小时）", "%s (standard time %s h)"},
	"site.figures.no_labour": {"未设定工时定额", "no labour standard set"},
	"site.finance": {"💰 合同已履行，请处理剩余款项：\n单号：%s\n客户单位：%s\n设备：%s\n技术员：%s，现场 %d 天\n工时费用：%s\n遗留问题：%d 项\n完成时间：%s",
		"💰 Contract fulfilled, please collect the balance:\nJob: %s\nCompany: %s\nEquipment: %s\nTechnician: %s, %d day(s) on site\nLabour cost: %s\nOpen problems: %d\nCompleted: %s"},

	"btn.site.checkin": {"📍 已到达现场", "📍 Checked in on site"},
	"btn.site.problem": {"⚠ 记录遗留问题", "⚠ Record a problem"},
	"btn.site.sign":    {"✍ 客户签字验收", "✍ Customer signs acceptance"},
	"btn.site.paper":   {"📄 纸质验收单拍照", "📄 Paper acceptance photo"},
	"btn.site.resolve": {"✔ 已解决", "✔ Resolved"},

	"err.site.class":          {"请选择问题类别：产品、安装、配件或服务。", "Choose the problem's class: product, installation, parts or service."},
	"err.site.not_dispatched": {"该工单不在待签到状态。", "This job is not waiting for a check-in."},
	"err.site.not_on_site":    {"该工单当前不在现场施工状态。", "This job is not on site now."},
	"err.site.not_accepted":   {"工单尚未验收，不能结束。", "The job is not accepted yet and cannot be closed."},
	"err.site.log_full":       {"工作日志已满（最多 %d 条）。", "The work log is full (at most %d entries)."},
	"err.site.no_signature":   {"请先签名。", "Please sign first."},
	"err.site.signer":         {"请填写签字人姓名（最多 %d 个字）。", "Please give the signer's name (up to %d characters)."},
	"err.site.resolution":     {"请填写解决情况（最多 %d 个字）。", "Please say how it was resolved (up to %d characters)."},
}
