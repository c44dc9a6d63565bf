package bot

import fo "frontoffice"

// Texts are the bot's own screens, merged over frontoffice.Texts (which
// holds the errors and the notices state changes cause). First replies greet
// with the shop's name and end politely (REC-1).
var Texts = fo.Catalog{
	// Greeting and menu (REC-1).
	"bot.welcome": {
		Zh: "您好，%s欢迎您！\n我是本店的预约助手，可以帮您预约安装和保养、查看或修改预约。其他问题请直接留言，我们的同事会回复您。\n请在下方选择，谢谢！",
		En: "Hello, welcome to %s!\nI am the shop's booking assistant: I can book an installation or service and show, move or cancel your appointments. For anything else just write here and a colleague will answer.\nPlease choose below. Thank you!",
	},
	"bot.help": {
		Zh: "您好，%s为您服务。您可以使用：\n/book 预约服务\n/my 我的预约\n/cancel 放弃当前操作\n/start 主菜单\n其他问题请直接留言，我们的同事会回复您。谢谢！",
		En: "Hello, this is %s. You can use:\n/book book a service\n/my my appointments\n/cancel stop what you are doing\n/start main menu\nFor anything else just write here and a colleague will answer. Thank you!",
	},
	"bot.contact": {
		Zh: "%s\n电话：%s\n地址：%s\n营业时间：%s\n有问题可以直接在这里留言，我们的同事会回复您。谢谢！",
		En: "%s\nPhone: %s\nAddress: %s\nOpening hours: %s\nYou can also write your question here and a colleague will answer. Thank you!",
	},
	"bot.hours.closed": {Zh: "休息", En: "closed"},
	"menu.book":        {Zh: "📅 预约", En: "📅 Book"},
	"menu.my":          {Zh: "🗂 我的预约", En: "🗂 My appointments"},
	"menu.contact":     {Zh: "☎️ 联系我们", En: "☎️ Contact"},

	// Commands, as setMyCommands shows them.
	"cmd.start":  {Zh: "主菜单", En: "Main menu"},
	"cmd.book":   {Zh: "预约服务", En: "Book a service"},
	"cmd.my":     {Zh: "我的预约", En: "My appointments"},
	"cmd.help":   {Zh: "帮助", En: "Help"},
	"cmd.cancel": {Zh: "放弃当前操作", En: "Stop what you are doing"},

	// Booking (APT-1, APT-2; prices from the official list, REC-1).
	"book.service": {
		Zh: "您好，%s为您服务。请选择服务项目（本店统一价格）：",
		En: "Hello, %s at your service. Please choose a service (official prices):",
	},
	"book.day": {Zh: "%s\n请选择日期：", En: "%s\nPlease choose a day:"},
	"book.no_days": {
		Zh: "抱歉，%s近期已约满。请致电 %s 与我们联系，谢谢！",
		En: "Sorry, %s is fully booked for the coming days. Please call us on %s. Thank you!",
	},
	"book.slot":  {Zh: "%s\n%s\n请选择时间：", En: "%s\n%s\nPlease choose a time:"},
	"book.plate": {Zh: "%s\n%s\n请输入车牌号，例如 京A12345：", En: "%s\n%s\nPlease type the plate number, e.g. 京A12345:"},
	"book.phone": {
		Zh: "请输入您的 11 位手机号，或点下方按钮分享号码：",
		En: "Please type your 11-digit mobile number, or tap the button below to share it:",
	},
	"book.phone_known": {
		Zh: "请输入手机号，或使用您登记过的号码：",
		En: "Please type a mobile number, or use the one we have on file:",
	},
	"book.phone_ok": {Zh: "手机号：%s ✓", En: "Mobile: %s ✓"},
	"book.phone_verify": {
		Zh: "这个号码已在本店登记。为保护客户信息，请点下方按钮分享您的手机号以确认是您本人。",
		En: "This number is on file with us. To protect our customers' data, please tap the button below to share your number and confirm it is yours.",
	},
	"book.name": {Zh: "请输入您的姓名：", En: "Please type your name:"},
	"book.summary": {
		Zh: "请确认您的预约：\n项目：%s %s\n时间：%s\n车牌：%s\n手机：%s",
		En: "Please confirm your appointment:\nService: %s %s\nTime: %s\nPlate: %s\nMobile: %s",
	},
	"book.summary_name":    {Zh: "姓名：%s", En: "Name: %s"},
	"book.summary_address": {Zh: "地址：%s", En: "Address: %s"},
	"book.summary_confirm": {
		Zh: "请核对时间，确认后我们会为您保留工位。",
		En: "Please check the time: once you confirm, we keep a bay for you.",
	},
	"book.confirmed": {Zh: "✅ 已确认，预约号 %s。", En: "✅ Confirmed, booking code %s."},
	"contact.not_own": {
		Zh: "请分享您自己的号码，或直接输入手机号。",
		En: "Please share your own number, or type your mobile number.",
	},

	// Buttons.
	"btn.confirm":    {Zh: "✅ 确认预约", En: "✅ Confirm"},
	"btn.abort":      {Zh: "放弃", En: "Stop"},
	"btn.back":       {Zh: "« 返回", En: "« Back"},
	"btn.share":      {Zh: "📱 分享我的手机号", En: "📱 Share my number"},
	"btn.use_phone":  {Zh: "使用 %s", En: "Use %s"},
	"btn.cancel_yes": {Zh: "确定取消", En: "Yes, cancel it"},
	"btn.cancel_no":  {Zh: "不取消", En: "No, keep it"},
	"btn.move_code":  {Zh: "改期 %s", En: "Move %s"},
	"btn.cancel_code": {
		Zh: "取消 %s", En: "Cancel %s",
	},

	// My appointments, moving, cancelling.
	"my.unknown": {
		Zh: "您好，%s为您服务。我们还没有您的预约记录，预约后即可在这里查看。谢谢！",
		En: "Hello, this is %s. We have no appointments of yours yet; once you book, they show here. Thank you!",
	},
	"my.none":   {Zh: "您目前没有待进行的预约。", En: "You have no upcoming appointments."},
	"my.header": {Zh: "您的预约：", En: "Your appointments:"},
	"my.item":   {Zh: "%d. %s\n   %s · %s\n   预约号 %s", En: "%d. %s\n   %s · %s\n   Booking code %s"},
	"move.day": {
		Zh: "改期：预约 %s（原定 %s）\n请选择新的日期：",
		En: "Move appointment %s (now %s)\nPlease choose a new day:",
	},
	"move.slot": {
		Zh: "改期：预约 %s\n%s\n请选择新的时间：",
		En: "Move appointment %s\n%s\nPlease choose a new time:",
	},
	"move.done": {Zh: "✅ 已改期。", En: "✅ Moved."},
	"cancel.ask": {
		Zh: "确定要取消预约 %s（%s，%s）吗？",
		En: "Cancel appointment %s (%s, %s)?",
	},
	"cancel.done": {Zh: "✅ 已取消。", En: "✅ Cancelled."},
	"cancel.kept": {Zh: "好的，预约保持不变。", En: "All right, the appointment stays as it is."},

	// Conversation control.
	"bot.aborted":     {Zh: "好的，已放弃当前操作。需要时发送 /start 打开主菜单。", En: "All right, stopped. Send /start for the main menu."},
	"bot.use_buttons": {Zh: "请点击上方的按钮选择，或发送 /cancel 放弃。", En: "Please use the buttons above, or send /cancel to stop."},
	"bot.text_only": {
		Zh: "抱歉，我只能读懂文字。请用文字描述您的问题，我们的同事会回复您。",
		En: "Sorry, I can only read text. Please describe your question in words and a colleague will answer.",
	},

	// Hand-over to a person (REC-3).
	"handoff.customer": {
		Zh: "您好，%s已收到您的问题。我需要请同事来回答，他们会尽快在这里回复您。谢谢！",
		En: "Hello, this is %s. A colleague will answer your question here as soon as possible. Thank you!",
	},
	"handoff.no_staff": {
		Zh: "您好，%s感谢您的留言。这个问题我无法在这里回答，请致电 %s 与我们联系。谢谢！",
		En: "Hello, this is %s. I cannot answer that; please call us on %s. Thank you!",
	},
	"handoff.staff": {
		Zh: "💬 客户留言 · %s\n%s\n——\n直接回复本条消息即可答复客户。",
		En: "💬 Customer message · %s\n%s\n——\nReply to this message to answer the customer.",
	},
	"relay.customer": {Zh: "%s：%s", En: "%s: %s"},
}
