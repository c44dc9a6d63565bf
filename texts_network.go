package frontoffice

// networkTexts are the service network's words (NET-2, NET-3): what the
// stations' chats, the staff and the supervisor are told of the stations'
// complaints, claims, settlements and scorecards.
var networkTexts = Catalog{
	"btn.scm.ans": {"✍️ 答复", "✍️ Answer"},
	"net.cmp.body": {
		"%s投诉 %s · %s\n客户：%s\n内容：%s\n答复期限：%s",
		"%sComplaint %s · %s\nCustomer: %s\nWhat happened: %s\nAnswer due: %s",
	},
	"net.cmp.routed":         {"📨 总部转来一件投诉，请贵网点（%s）按期答复：", "📨 A complaint for your station (%s) to answer in time:"},
	"staff.net.cmp.routed":   {"📨 投诉 %s 已转交服务网点 %s %s 处理。", "📨 Complaint %s has gone to service station %s %s."},
	"net.cmp.warn":           {"⏰ 投诉 %s 须在 %s 前答复，贵网点尚未答复。", "⏰ Complaint %s must be answered by %s; your station has not answered yet."},
	"net.cmp.overdue":        {"🔴 投诉 %s 已超过答复期限，已报总部主管。请尽快答复。", "🔴 Complaint %s is past its deadline and has gone to the supervisor. Please answer at once."},
	"net.cmp.closed":         {"✅ 客户对投诉 %s 的答复满意，已结案。", "✅ The customer is satisfied with the answer to complaint %s; it is closed."},
	"net.cmp.reopened":       {"↩️ 客户对投诉 %s 的答复不满意，已重开交总部主管处理；新的答复期限：%s。", "↩️ The customer is not satisfied with the answer to complaint %s; reopened to the supervisor. New deadline: %s."},
	"staff.net.cmp.answered": {"💬 服务网点 %s %s 已答复投诉 %s：\n%s", "💬 Service station %s %s answered complaint %s:\n%s"},
	"staff.net.cmp.overdue": {
		"🔴 投诉 %s 已超过答复期限（%s），由服务网点 %s %s 负责（热线 %s）。\n客户：%s\n内容：%s",
		"🔴 Complaint %s passed its answer deadline (%s); service station %s %s has it (hotline %s).\nCustomer: %s\nWhat happened: %s",
	},
	"staff.net.cmp.stale": {
		"⏫ 投诉 %s（%s 受理）2 天仍未解决（CMP-5）。状态：%s，服务网点：%s %s（热线 %s）。\n客户：%s\n内容：%s",
		"⏫ Complaint %s (filed %s) is unresolved after 2 days (CMP-5). Status: %s, service station: %s %s (hotline %s).\nCustomer: %s\nWhat happened: %s",
	},

	"err.claim.line":   {"第 %d 行看不懂。格式：工时 代码 安装|维修 数量；配件 金额 说明；差旅 金额 说明。", "Line %d cannot be read. Write: labour CODE install|repair QTY; parts AMOUNT what; travel AMOUNT what."},
	"err.claim.lines":  {"一次最多申报 %d 行。", "At most %d lines a claim."},
	"err.claim.code":   {"没有工时定额 %s，或未设工时单价。", "There is no labour standard %s, or no hourly rate."},
	"err.claim.amount": {"请填写与申报金额不同的核定金额（大于 0）。", "Enter an approved amount above 0 that differs from the claimed one."},
	"err.claim.reason": {"请写明调整或拒绝的理由。", "Give the reason for the adjustment or refusal."},
	"err.claim.action": {"未知的审核操作。", "Unknown audit action."},
	"err.station.none": {"该服务网点未认证或未绑定群聊，不能转交。", "The station is not certified or has no linked chat; the complaint cannot go there."},

	"net.claim.install":      {"安装", "install"},
	"net.claim.repair":       {"维修", "repair"},
	"net.claim.line_labour":  {"工时 %s %s（%s）× %d，%d 分钟：%s", "Labour %s %s (%s) × %d, %d min: %s"},
	"net.claim.line_parts":   {"配件 %s：%s", "Parts %s: %s"},
	"net.claim.line_travel":  {"差旅 %s：%s", "Travel %s: %s"},
	"net.claim.head":         {"🧾 费用申报 %s · 网点 %s %s · %s", "🧾 Cost claim %s · station %s %s · %s"},
	"net.claim.total":        {"申报合计：%s", "Claimed: %s"},
	"net.claim.approved":     {"核定金额：%s", "Approved: %s"},
	"net.claim.reason":       {"理由：%s", "Reason: %s"},
	"net.claim.audited":      {"📋 贵网点的费用申报已审核：", "📋 Your station's cost claim is audited:"},
	"staff.net.claim.new":    {"🆕 服务网点费用申报待审核（NET-2）：", "🆕 A station's cost claim to audit (NET-2):"},
	"net.claim.st.submitted": {"待审核", "To audit"},
	"net.claim.st.approved":  {"已批准", "Approved"},
	"net.claim.st.adjusted":  {"已调整", "Adjusted"},
	"net.claim.st.refused":   {"已拒绝", "Refused"},
	"net.claim.st.settled":   {"已结算", "Settled"},
	"btn.claim.ok":           {"✅ 批准", "✅ Approve"},
	"btn.claim.adj":          {"✏️ 调整", "✏️ Adjust"},
	"btn.claim.no":           {"❌ 拒绝", "❌ Refuse"},
	"net.settlement":         {"💴 %s 服务网点费用结算单：%s %s，%d 笔申报，结算金额 %s。", "💴 Station settlement for %s: %s %s, %d claims, total %s."},

	"net.score":         {"📊 %s 服务网点月度考核：%s %s，得分 %d，%s。", "📊 Station scorecard %s: %s %s, score %d, %s."},
	"net.tier.reward":   {"奖励档", "reward tier"},
	"net.tier.standard": {"达标档", "standard tier"},
	"net.tier.penalty":  {"处罚档", "penalty tier"},

	// The bot (bot/station_complaint.go, bot/station_claim.go).
	"net.where":         {"最后一个问题：这次施工是在哪里做的？", "One last question: where was the work done?"},
	"net.where.shop":    {"在%s", "At %s"},
	"net.where.station": {"授权服务站：%s（%s）", "Authorised station: %s (%s)"},
	"net.ask_answer": {
		"%s，请回复本条消息，写下对投诉 %s 的答复（最多 %d 字），将直接发给客户：\n%s",
		"%s, reply to this message with the answer to complaint %s (at most %d characters); it goes to the customer:\n%s",
	},
	"net.not_waiting":    {"这件投诉已不在等待答复（已答复或已结案）。", "This complaint no longer waits for an answer (answered or closed)."},
	"net.answered":       {"✅ 已将答复发给投诉 %s 的客户，等待客户评价。", "✅ The answer to complaint %s went to the customer; waiting for their verdict."},
	"net.answered_phone": {"✅ 已记录对投诉 %s 的答复。该客户没有 Telegram，请电话告知客户，并请总部记录客户是否满意。", "✅ The answer to complaint %s is recorded. The customer has no Telegram: please tell them on the phone; the shop records their verdict."},
	"net.claim.ask": {
		"%s，请回复本条消息，每行一项（最多 %d 行）：\n工时 代码 安装|维修 数量 — 例：工时 A01 安装 2\n配件 金额 说明 — 例：配件 120 支架\n差旅 金额 说明 — 例：差旅 80 往返",
		"%s, reply to this message with one line per item (at most %d lines):\nlabour CODE install|repair QTY — e.g. labour A01 install 2\nparts AMOUNT what — e.g. parts 120 bracket\ntravel AMOUNT what — e.g. travel 80 round trip",
	},
	"net.claim.confirm":          {"工时费按工时定额和本地区工时单价计算。确认提交吗？", "Labour is priced by the labour-hour standards at your region's rate. Submit?"},
	"btn.net.claim_send":         {"📤 提交申报", "📤 Submit"},
	"net.claim.sent":             {"📤 已提交，等待总部审核。", "📤 Submitted; the shop will audit it."},
	"net.claim.done":             {"申报 %s 已审核：%s。", "Claim %s is already audited: %s."},
	"net.claim.ask_refuse":       {"%s，请回复本条消息，写明拒绝申报 %s（%s）的理由。", "%s, reply to this message with the reason for refusing claim %s (%s)."},
	"net.claim.ask_adjust":       {"%s，请回复本条消息：核定金额 和 理由，例如“300 差旅按标准计”（申报 %s，申报金额 %s）。", "%s, reply to this message with the approved amount and the reason, e.g. “300 travel at the standard rate” (claim %s, claimed %s)."},
	"net.claim.ask_adjust_again": {"请先写核定金额，再写理由，例如“300 差旅按标准计”。", "Write the approved amount first, then the reason, e.g. “300 travel at the standard rate”."},
	"net.claim.audited_staff":    {"✅ 已审核，已通知网点：", "✅ Audited; the station is told:"},

	"net.report.line": {"服务网点 %d 家：上报作业 %d，投诉 %d（按期答复 %d），结算申报 %d 笔 %s", "Service stations (%d): %d jobs reported, %d complaints (%d answered in time), %d claims settled for %s"},
}
