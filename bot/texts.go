package bot

import fo "frontoffice"

// Texts are the bot's own screens, merged over frontoffice.Texts (which
// holds the errors and the notices state changes cause). First replies greet
// with the shop's name and end politely (REC-1).
var Texts = fo.Catalog{
	// Greeting and menu (REC-1).
	"bot.welcome": {
		Zh: "您好，%s欢迎您！\n我是本店的预约助手，可以帮您预约安装和保养、查看或修改预约、提交投诉。其他问题请直接留言，我们的同事会回复您。\n请在下方选择，谢谢！",
		En: "Hello, welcome to %s!\nI am the shop's booking assistant: I can book an installation or service, show, move or cancel your appointments, and take a complaint. For anything else just write here and a colleague will answer.\nPlease choose below. Thank you!",
	},
	"bot.help": {
		Zh: "您好，%s为您服务。您可以使用：\n/book 预约服务\n/my 我的预约\n/complaint 投诉\n/cancel 放弃当前操作\n/start 主菜单\n其他问题请直接留言，我们的同事会回复您。谢谢！",
		En: "Hello, this is %s. You can use:\n/book book a service\n/my my appointments\n/complaint file a complaint\n/cancel stop what you are doing\n/start main menu\nFor anything else just write here and a colleague will answer. Thank you!",
	},
	"bot.contact": {
		Zh: "%s\n电话：%s\n地址：%s\n营业时间：%s\n有问题可以直接在这里留言，我们的同事会回复您。谢谢！",
		En: "%s\nPhone: %s\nAddress: %s\nOpening hours: %s\nYou can also write your question here and a colleague will answer. Thank you!",
	},
	"bot.hours.closed": {Zh: "休息", En: "closed"},
	"menu.book":        {Zh: "📅 预约", En: "📅 Book"},
	"menu.my":          {Zh: "🗂 我的预约", En: "🗂 My appointments"},
	"menu.contact":     {Zh: "☎️ 联系我们", En: "☎️ Contact"},
	"menu.complaint":   {Zh: "📝 投诉", En: "📝 Complaint"},

	// Commands, as setMyCommands shows them.
	"cmd.start":      {Zh: "主菜单", En: "Main menu"},
	"cmd.book":       {Zh: "预约服务", En: "Book a service"},
	"cmd.my":         {Zh: "我的预约", En: "My appointments"},
	"cmd.help":       {Zh: "帮助", En: "Help"},
	"cmd.cancel":     {Zh: "放弃当前操作", En: "Stop what you are doing"},
	"cmd.complaint":  {Zh: "投诉", En: "File a complaint"},
	"cmd.calls":      {Zh: "今天的回访清单", En: "Today's call list"},
	"cmd.complaints": {Zh: "未结投诉", En: "Open complaints"},

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

	// The kiosk's QR code links the chat (REC-1: a first reply greets).
	"link.done": {
		Zh: "您好，%s欢迎您！本聊天已关联您的客户档案，车辆 %s 的取车通知等消息会发到这里。\n请在下方选择，谢谢！",
		En: "Hello, welcome to %s! This chat is now linked to your customer record: pickup notices and other messages about %s come here.\nPlease choose below. Thank you!",
	},
	"link.already": {
		Zh: "您好，%s欢迎您！这个二维码已经使用过或已过期。本聊天已关联车辆 %s，取车通知会照常发到这里。\n请在下方选择，谢谢！",
		En: "Hello, welcome to %s! This QR code has been used already or has expired. This chat is linked to %s, and pickup notices come here as before.\nPlease choose below. Thank you!",
	},
	"link.used": {
		Zh: "您好，%s欢迎您！这个二维码已经使用过或已过期，无法关联。请在大厅自助机或前台重新获取二维码；您也可以直接使用下方的菜单。谢谢！",
		En: "Hello, welcome to %s! This QR code has been used already or has expired, so nothing was linked. Please get a new one at the lobby kiosk or the front desk, or use the menu below. Thank you!",
	},

	// Additional work (INT-6): the answer and its time, under the question.
	"aw.approved": {Zh: "✅ 您已同意（%s）", En: "✅ You approved this (%s)"},
	// INT-4: the one-tap signature of a work order (sign.go).
	"sign.done":    {Zh: "✅ 已签字确认（%s），车辆进入车间施工。", En: "✅ Signed (%s); the vehicle goes to the workshop."},
	"sign.already": {Zh: "这张服务单已经签字确认过了。", En: "This work order is already signed."},
	"aw.declined":  {Zh: "🚫 您已拒绝（%s）", En: "🚫 You declined this (%s)"},

	// Surveys (SUR-1).
	"sv.comment_got": {Zh: "💬 您的留言：%s", En: "💬 Your comment: %s"},
	"sv.closed": {
		Zh: "这份调查已经结束，谢谢您！有其他问题请直接留言。",
		En: "This survey is already closed, thank you! For anything else just write here.",
	},

	// Complaints, the customer's side (CMP-1 to CMP-4).
	"cmpc.start": {
		Zh: "您好，%s为您服务。非常抱歉给您带来不便，请告诉我们发生了什么。\n首先，请选择投诉类别：",
		En: "Hello, %s at your service. We are very sorry for the trouble; please tell us what happened.\nFirst, what is it about?",
	},
	"cmpc.what": {
		Zh: "类别：%s\n请用文字描述发生了什么（最多 %d 字）：",
		En: "About: %s\nPlease describe what happened (up to %d characters):",
	},
	"cmpc.photo": {
		Zh: "如有照片，请现在发送一张；没有的话请点“跳过”。",
		En: "If you have a photo, send one now; otherwise tap “Skip”.",
	},
	"cmpc.photo_or_skip":   {Zh: "请发送一张照片，或点上方的“跳过”。", En: "Please send a photo, or tap “Skip” above."},
	"cmpc.photo_then_text": {Zh: "照片已收到。请再用文字描述发生了什么：", En: "Photo received. Now please describe in words what happened:"},
	"cmpc.major": {
		Zh: "这件事是否涉及行车安全，或者车辆已经无法使用？",
		En: "Is it about safety, or can the vehicle not be used?",
	},
	"cmpc.filed": {
		Zh: "您的投诉已提交：\n类别：%s\n内容：%s\n照片：%s\n涉及安全或无法用车：%s",
		En: "Your complaint has been filed:\nAbout: %s\nWhat happened: %s\nPhoto: %s\nSafety or vehicle unusable: %s",
	},
	"cmpc.yes":        {Zh: "是", En: "yes"},
	"cmpc.no":         {Zh: "否", En: "no"},
	"cmpc.verdict_ok": {Zh: "👍 您的评价：满意", En: "👍 Your verdict: satisfied"},
	"cmpc.verdict_no": {Zh: "👎 您的评价：不满意", En: "👎 Your verdict: not satisfied"},
	"btn.cmp_skip":    {Zh: "跳过", En: "Skip"},
	"btn.cmp_major_yes": {
		Zh: "是，涉及安全或无法用车", En: "Yes: safety, or unusable",
	},
	"btn.cmp_major_no": {Zh: "不是", En: "No"},

	// Staff work: complaints (CMP-1, CMP-4).
	"staff.aborted":   {Zh: "好的，已放弃。", En: "All right, stopped."},
	"staffc.closed":   {Zh: "这个投诉已结案。", En: "This complaint is closed."},
	"staffc.took":     {Zh: "投诉 %s 由您负责。", En: "Complaint %s is yours."},
	"staffc.assignee": {Zh: "🙋 负责：%s", En: "🙋 Taken by: %s"},
	"staffc.not_waiting": {
		Zh: "投诉 %s 目前不需要答复（已答复或已结案）。", En: "Complaint %s does not wait for an answer now (answered or closed).",
	},
	"staffc.ask_answer": {
		Zh: "✍️ %s，请回复本条消息，输入对投诉 %s 的答复（最多 %d 字），客户会在 Telegram 收到并确认是否满意。\n客户：%s\n内容：%s\n发送 /cancel 放弃。",
		En: "✍️ %s, reply to this message with your answer to complaint %s (up to %d characters); the customer gets it in Telegram and says whether they are satisfied.\nCustomer: %s\nWhat happened: %s\nSend /cancel to stop.",
	},
	"staffc.unnamed": {Zh: "（未建档，来自 Telegram）", En: "(not on file, from Telegram)"},
	"staffc.answered": {
		Zh: "✅ 投诉 %s 的答复已发给客户，等待客户确认是否满意。", En: "✅ The answer to complaint %s went to the customer, who will say whether they are satisfied.",
	},
	"staffc.answered_phone": {
		Zh: "✅ 投诉 %s 的答复已记录（客户没有关联 Telegram，请电话告知，并在控制台记录客户是否满意）。",
		En: "✅ The answer to complaint %s is recorded (the customer has no linked Telegram: tell them on the phone and record their verdict in the console).",
	},
	"staffc.none":         {Zh: "目前没有未结的投诉。", En: "There are no open complaints."},
	"staffc.more":         {Zh: "……还有 %d 个，请在控制台查看。", En: "… and %d more: see the console."},
	"staffc.wait_verdict": {Zh: "已答复，等待客户确认", En: "answered, waiting for the customer"},
	"staffc.left":         {Zh: "剩余 %s", En: "%s left"},
	"staffc.overdue":      {Zh: "已超时 %s", En: "overdue by %s"},
	"staffc.status":       {Zh: "状态：%s · 负责：%s · %s", En: "Status: %s · by: %s · %s"},
	"staffc.duration":     {Zh: "%d 小时 %d 分", En: "%d h %d min"},

	// Staff work: follow-up calls (FU-4, FU-5, FU-7, FU-9).
	"callc.closed":    {Zh: "这个回访已经处理完了。", En: "This call has been dealt with already."},
	"callc.not_yours": {Zh: "这不是您的回访，请由负责人或主管记录。", En: "This is not your call: its caller or the supervisor records it."},
	"callc.topics": {
		Zh: "📞 %s\n本次通话谈到了哪些话题？可多选，选好后点“完成”。",
		En: "📞 %s\nWhich topics did the call cover? Choose all that apply, then tap “Done”.",
	},
	"callc.topics_chosen": {Zh: "谈到的话题：%s", En: "Topics covered: %s"},
	"callc.ask_notes": {
		Zh: "请回复本条消息，写下通话要点（FU-5）；没有的话点“跳过”。",
		En: "Reply to this message with the key points of the call (FU-5), or tap “Skip”.",
	},
	"callc.ask_requests": {
		Zh: "客户提出了需要跟进的需求吗？请回复本条消息，每行一条（最多 %d 条），每条会建成任务，2 天未解决会升级给主管；没有的话点“没有”。",
		En: "Did the customer ask for anything to follow up? Reply to this message, one request a line (up to %d); each becomes a task that goes to the supervisor when unresolved after 2 days. Otherwise tap “None”.",
	},
	"callc.ask_complaints": {
		Zh: "客户有投诉吗？请回复本条消息，每行一条（最多 %d 条），每条会登记为投诉；没有的话点“没有”。",
		En: "Did the customer complain? Reply to this message, one complaint a line (up to %d); each is registered as a complaint. Otherwise tap “None”.",
	},
	"callc.ask_later": {
		Zh: "🕒 %s\n客户希望什么时候再打？%s，请点下方按钮，或回复本条消息输入时间（如 15:30）。",
		En: "🕒 %s\nWhen does the customer want to be called? %s, tap a button below, or reply to this message with a time (e.g. 15:30).",
	},
	"callc.ask_note": {
		Zh: "📝 %s\n%s，请回复本条消息输入备注。",
		En: "📝 %s\n%s, reply to this message with your note.",
	},
	"callc.use_buttons": {Zh: "请先点上方的话题按钮，再点“完成”。", En: "Please choose the topics above first, then tap “Done”."},
	"callc.too_many":    {Zh: "最多 %d 条，请合并后再发。", En: "At most %d, please combine some and send again."},
	"callc.bad_time":    {Zh: "请输入时间，例如 15:30。", En: "Please type a time, e.g. 15:30."},
	"callc.line_reached": {
		Zh: "✅ 已接通 · %s · %s\n话题：%s", En: "✅ Reached · %s · %s\nTopics: %s",
	},
	"callc.line_na":      {Zh: "📵 未接通 · %s · %s（明天再打）", En: "📵 No answer · %s · %s (again tomorrow)"},
	"callc.line_later":   {Zh: "🕒 约定 %s 再打 · %s", En: "🕒 To call again %s · %s"},
	"callc.line_note":    {Zh: "📝 备注 · %s · %s：%s", En: "📝 Note · %s · %s: %s"},
	"callc.recorded":     {Zh: "已记录（FU-7）：\n%s", En: "Recorded (FU-7):\n%s"},
	"callc.heard":        {Zh: "需求 %d 条已建任务，投诉 %d 条已登记。", En: "%d requests became tasks, %d complaints were registered."},
	"btn.later_1h":       {Zh: "1 小时后", En: "In 1 hour"},
	"btn.later_3h":       {Zh: "3 小时后", En: "In 3 hours"},
	"btn.later_tomorrow": {Zh: "明天 10:00", En: "Tomorrow 10:00"},
	"btn.topics_done":    {Zh: "✅ 完成", En: "✅ Done"},
	"btn.skip":           {Zh: "跳过", En: "Skip"},
	"btn.none":           {Zh: "没有", En: "None"},
}
