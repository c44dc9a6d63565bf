package frontoffice

// Texts holds the domain's messages: errors and the notifications that state
// changes cause. Doors keep their own screens' texts and merge this catalog.
var Texts = Catalog{
	// Errors.
	"err.internal":     {"抱歉，系统出了点问题，请稍后再试，或致电本店。", "Sorry, something went wrong on our side. Please try again later or call the shop."},
	"err.not_found":    {"没有找到相关记录。", "Nothing was found."},
	"err.slot_taken":   {"抱歉，这个时段刚刚被约满了，请另选一个时间。", "Sorry, that time was just taken. Please choose another one."},
	"err.stale":        {"这个按钮已过期，请重新开始。", "This button has expired. Please start again."},
	"err.forbidden":    {"抱歉，您没有权限进行此操作。", "Sorry, you are not allowed to do that."},
	"err.not_allowed":  {"当前状态下不能进行此操作。", "That is not possible in the current state."},
	"err.plate":        {"车牌号格式不对。请按“京A12345”或新能源“粤BD12345”的格式输入。", "That plate is not valid. Please type it like 京A12345, or 粤BD12345 for a new-energy vehicle."},
	"err.phone":        {"手机号格式不对。请输入 11 位手机号，例如 13812345678。", "That mobile number is not valid. Please enter the 11-digit number, e.g. 13812345678."},
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
		"您好，%s 已为您确认预约：\n预约号：%s\n时间：%s\n项目：%s\n车牌：%s\n地址：%s\n电话：%s",
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
}
