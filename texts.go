package frontoffice

// Texts holds the domain's messages: errors and the notifications that state
// changes cause. Doors keep their own screens' texts and merge this catalog.
var Texts = coreTexts.MustMerge(afterSalesTexts, labelTexts, dataFileTexts, queueTexts, icsTexts, moneyTexts, queueCallTexts, workshopTexts, readyTexts, auditTexts, signatureTexts, discountTexts, stationTexts, fieldTexts, fieldSiteTexts, qualityTexts, networkTexts)

var coreTexts = Catalog{
	// Errors.
	"err.internal":     {"抱歉，系统出了点问题，请稍后再试，或致电本店。", "Sorry, something went wrong on our side. Please try again later or call the shop."},
	"err.not_found":    {"没有找到相关记录。", "Nothing was found."},
	"err.file.size":    {"文件为空或太大（最多 %d MB）。", "The file is empty or too large (at most %d MB)."},
	"err.slot_taken":   {"抱歉，这个时段刚刚被约满了，请另选一个时间。", "Sorry, that time was just taken. Please choose another one."},
	"err.stale":        {"这个按钮已过期，请重新开始。", "This button has expired. Please start again."},
	"err.forbidden":    {"抱歉，您没有权限进行此操作。", "Sorry, you are not allowed to do that."},
	"err.not_allowed":  {"当前状态下不能进行此操作。", "That is not possible in the current state."},
	"err.plate":        {"车牌号格式不对。请按“京A12345”或新能源“粤BD12345”的格式输入。", "That plate is not valid. Please type it like 京A12345, or 粤BD12345 for a new-energy vehicle."},
	"err.device_name":  {"请给设备起一个名字（最多 40 个字）。", "Please give the device a name (up to 40 characters)."},
	"err.phone":        {"手机号格式不对。请输入 11 位手机号，例如 13812345678。", "That mobile number is not valid. Please enter the 11-digit number, e.g. 13812345678."},
	"err.phone_verify": {"这个手机号已在本店登记。为保护您的信息，请点击下方“分享手机号”按钮验证。", "This number is already registered with us. To protect your data, please verify it with the “Share my phone number” button below."},
	"err.name":         {"请输入您的姓名（1 到 40 个字）。", "Please enter your name (1 to 40 characters)."},
	"err.date":         {"日期格式不对，请按 2026-12-01 的格式输入。", "That date is not valid. Please type it like 2026-12-01."},
	"err.money":        {"金额格式不对，例如 1280 或 99.50。", "That amount is not valid, e.g. 1280 or 99.50."},
	"err.settings":     {"设置有误：%s", "Invalid settings: %s"},
	"err.service":      {"没有这个服务项目。", "There is no such service."},
	"err.too_long":     {"内容太长了，请简短一些（最多 %d 字）。", "That is too long; please keep it under %d characters."},
	"err.slot.past":    {"这个时间已经过去了，请另选时间。", "That time has passed. Please choose another."},
	"err.slot.grid":    {"预约时间须为整点或半点。", "Appointments start on the hour or half hour."},
	"err.slot.closed":  {"本店当天休息，请另选日期。", "The shop is closed that day. Please choose another day."},
	"err.slot.hours":   {"这个时间不在营业时间内，请另选时间。", "That time is outside opening hours. Please choose another."},
	"err.slot.lead":    {"这个时间太近了，来不及准备，请另选稍晚的时间。", "That is too soon for us to prepare. Please choose a later time."},
	"err.slot.horizon": {"只能预约 %d 天以内的时间。", "Appointments can be booked up to %d days ahead."},
	"err.apt.state":    {"这个预约已取消或已到店，不能再修改。", "This appointment is cancelled or already checked in and cannot be changed."},

	// Appointments (APT-1, APT-2, APT-4, APT-5).
	"apt.confirmed": {
		"您好，%s已为您确认预约：\n预约号：%s\n时间：%s\n项目：%s\n车牌：%s\n地址：%s\n电话：%s",
		"Hello, %s has confirmed your appointment:\nBooking code: %s\nTime: %s\nService: %s\nPlate: %s\nAddress: %s\nPhone: %s",
	},
	"apt.deposit": {
		"本项目需提前备好高价值配件，请到店前支付定金 %s（配件价的一半以上）。",
		"This service needs high-value parts prepared for you: please pay a deposit of %s (at least half the parts price) before the visit.",
	},
	"apt.moved": {
		"您的预约 %s 已改到：%s（%s）。原时间 %s 已释放。",
		"Your appointment %s has been moved to %s (%s). The old time %s is released.",
	},
	"apt.cancelled": {
		"您的预约 %s（%s）已取消。欢迎随时重新预约。谢谢，再见！",
		"Your appointment %s (%s) is cancelled. You are welcome to book again any time. Thank you, goodbye!",
	},
	"apt.reminder": {
		"温馨提醒：您在 %s 的预约时间是 %s，项目：%s，车牌 %s。预约号 %s。地址：%s。如需改期或取消，请在“我的预约”中操作。",
		"Reminder: your appointment at %s is on %s — %s, plate %s. Booking code %s. Address: %s. To move or cancel it, open “My appointments”.",
	},
	"apt.thanks": {"谢谢，再见！", "Thank you, goodbye!"},
	"staff.apt.booked": {
		"🆕 新预约 %s\n%s · %s\n%s · %s\n来源：%s",
		"🆕 New appointment %s\n%s · %s\n%s · %s\nSource: %s",
	},
	"staff.apt.moved": {
		"🔁 预约改期 %s\n%s → %s\n%s · %s",
		"🔁 Appointment moved %s\n%s → %s\n%s · %s",
	},
	"staff.apt.cancelled": {
		"❌ 预约取消 %s\n%s · %s\n%s",
		"❌ Appointment cancelled %s\n%s · %s\n%s",
	},
	"staff.deposit":  {"需收定金 %s", "Deposit due %s"},
	"btn.reschedule": {"改期", "Move"},
	"btn.cancel":     {"取消预约", "Cancel"},

	// Archive fields (ARC-1).
	"arc.name":       {"姓名", "name"},
	"arc.phone":      {"电话", "phone"},
	"arc.address":    {"地址", "address"},
	"arc.plate":      {"车牌", "plate"},
	"arc.model":      {"车型", "model"},
	"arc.type":       {"车种", "vehicle type"},
	"arc.interval":   {"保养周期", "maintenance interval"},
	"arc.next_maint": {"下次保养日期", "next maintenance date"},

	// Weekdays.
	"wd.0": {"周日", "Sun"},
	"wd.1": {"周一", "Mon"},
	"wd.2": {"周二", "Tue"},
	"wd.3": {"周三", "Wed"},
	"wd.4": {"周四", "Thu"},
	"wd.5": {"周五", "Fri"},
	"wd.6": {"周六", "Sat"},

	// Visits: check-in, intake, pickup (INT-1..7, DEL-1..3).
	"staff.checkin":          {"🚗 到店 %s · %s · %s\n项目：%s\n%s", "🚗 Arrived %s · %s · %s\nService: %s\n%s"},
	"staff.intake":           {"🔧 进厂 %s · %s\n承诺交车：%s\n车间接车：%s", "🔧 In the workshop %s · %s\nPromised: %s\nReceived by: %s"},
	"staff.progress":         {"⏱ 进度检查 %s · %s：已到预计工期的 75%%，尚未完工。承诺交车 %s。请确认能否按时交车，如需延期请登记原因。", "⏱ Progress check %s · %s: 75%% of the estimate passed and the job is not ready. Promised %s. Confirm it will be on time or record a delay."},
	"staff.pickup_not_ready": {"⚠️ %s · %s 的取车通知时间已到，但车辆尚未完工，客户未获通知。完工后系统会自动通知客户；如需推迟（原定 %s），请登记延期。", "⚠️ %s · %s: the pickup notice is due but the job is not ready, so the customer was not told. They are told when it is marked ready; if it will miss %s, record a delay."},
	"staff.aw.approved":      {"✅ 追加项目已同意 %s · %s：%s（%s）。车间可以施工。", "✅ Additional work approved %s · %s: %s (%s). The workshop may proceed."},
	"staff.aw.declined":      {"🚫 追加项目被拒绝 %s · %s：%s（%s）。车间不要施工。", "🚫 Additional work declined %s · %s: %s (%s). The workshop must not do it."},
	"visit.pickup":           {"您好，%s通知您：车辆 %s 已完工，清洗检查完毕，请于 %s 前后来取车。谢谢！", "Hello from %s: your vehicle %s is finished, cleaned and checked — please collect it at about %s. Thank you!"},
	"visit.ready_early":      {"您好，%s通知您：车辆 %s 已提前完工（原定 %s），现在即可来取车。谢谢！", "Hello from %s: your vehicle %s is ready early (planned for %s) and can be collected now. Thank you!"},
	"visit.delayed":          {"您好，%s非常抱歉地通知您：车辆 %s 的交车时间需推迟到 %s。原因：%s。给您带来不便，敬请谅解。", "Hello from %s: we are very sorry, your vehicle %s will now be ready at %s. Reason: %s. We apologise for the inconvenience."},
	"visit.aw.ask":           {"您好，%s：车辆 %s 在施工中发现需要追加项目：%s。\n原因：%s%s\n费用：%s，交车时间将改为 %s。\n请选择是否同意，我们收到您的答复后才会施工。", "Hello from %s: while working on %s we found additional work is needed: %s.\nWhy: %s%s\nPrice: %s; delivery would move to %s.\nPlease approve or decline; we only proceed after your answer."},
	"visit.aw.safety":        {"（⚠️ 涉及行车安全，强烈建议处理）", " (⚠️ this affects driving safety; we strongly advise it)"},
	"visit.aw.thanks_ok":     {"已收到：您同意了追加项目“%s”。新的交车时间：%s。谢谢！", "Noted: you approved “%s”. New delivery time: %s. Thank you!"},
	"visit.aw.thanks_no":     {"已收到：您不需要追加项目“%s”，我们不会施工。交车时间：%s。谢谢！", "Noted: you declined “%s”; we will not do it. Delivery time: %s. Thank you!"},
	"btn.aw.ok":              {"同意", "Approve"},
	"btn.aw.no":              {"不需要", "Decline"},
	"visit.delivered":        {"感谢您光临%s！车辆 %s 已交车。结算金额 %s，已付 %s。祝您一路平安，欢迎再来！", "Thank you for visiting %s! Vehicle %s has been handed over. Amount due %s, paid %s. Have a safe trip, see you again!"},

	"kiosk.not_booked": {"这个预约已取消或已签到。", "This appointment is cancelled or already checked in."},
	"kiosk.early":      {"您来早了，预约时间是 %s。请在预约前 1 小时内签到，或先按散客登记。", "You are early: your appointment is at %s. Check in within the hour before it, or register as a walk-in now."},
	"kiosk.late":       {"抱歉，您的预约时间 %s 已过。请按散客登记，我们会尽快安排。", "Sorry, your appointment time %s has passed. Please register as a walk-in and we will fit you in."},
	"kiosk.wrong_day":  {"您的预约不在今天，而是 %s。如需今天服务，请按散客登记。", "Your appointment is not today but %s. To be served today, register as a walk-in."},
	"kiosk.queue_full": {"今天的排队号已用完，请到前台办理。", "Today's queue numbers are used up; please see the front desk."},

	"err.wo.purpose":        {"请填写来意（客户要做什么）。", "Enter the purpose of the visit."},
	"err.wo.lines":          {"请至少填写一项估价（说明、工时费、配件费不能为负）。", "Enter at least one estimate line (description; labour and parts not negative)."},
	"err.wo.mode":           {"请选择计价方式：按系统、按症状或按项目。", "Choose the pricing mode: by system, by symptom or by item."},
	"err.wo.parts_source":   {"请选择配件来源：本店或客户自带。", "Choose where the parts come from: the shop or the customer."},
	"err.wo.parts_kind":     {"请选择配件类型：正厂件或副厂件。", "Choose the parts kind: original or aftermarket."},
	"err.wo.fuel":           {"油量须在 0 到 8 格之间。", "Fuel must be 0 to 8 eighths."},
	"err.wo.odometer":       {"里程数不对。", "The odometer reading is not valid."},
	"err.wo.key":            {"请填写钥匙编号。", "Enter the key number."},
	"err.wo.estimate":       {"请填写预计工期（分钟）。", "Enter the estimated duration (minutes)."},
	"err.wo.receiver":       {"请填写车间接车人。", "Enter who in the workshop receives the vehicle."},
	"err.wo.promised":       {"承诺交车时间须晚于接车时间。", "The promised time must be after the handover."},
	"err.settle.discount":   {"优惠不能超过金额。", "The discount cannot exceed the amount."},
	"err.settle.supervisor": {"优惠须由主管批准。", "A discount needs a supervisor."},
	"err.settle.paid":       {"实收不能超过应收。", "Paid cannot exceed the amount due."},
	"err.delay.reason":      {"请填写延期原因（最多 300 字）。", "Enter the reason for the delay (up to 300 characters)."},
	"err.delay.time":        {"新的交车时间须晚于原承诺时间和现在。", "The new time must be after the old promise and after now."},
	"err.aw.description":    {"请填写追加项目说明（最多 200 字）。", "Describe the additional work (up to 200 characters)."},
	"err.aw.price":          {"追加项目的价格或工时不对。", "The price or extra time is not valid."},
}
