package kiosk

import fo "frontoffice"

// kioskTexts are the kiosk's and the board's screen texts. The answers to
// early, late and wrong-day arrivals and the parse errors come from the
// domain's catalog (kiosk.*, err.*).
var kioskTexts = fo.Catalog{
	// Start screen. REC-1: the first screen greets with the shop's name.
	"k.start.greeting":        {Zh: "您好，欢迎光临%s！", En: "Hello, welcome to %s!"},
	"k.start.lead":            {Zh: "请选择您要办理的事项：", En: "How can we help you today?"},
	"k.start.appointment":     {Zh: "我有预约", En: "I have an appointment"},
	"k.start.appointment_sub": {Zh: "预约号，或车牌号 + 手机尾号", En: "Booking code, or plate + last 4 phone digits"},
	"k.start.walkin":          {Zh: "没有预约", En: "No appointment"},
	"k.start.walkin_sub":      {Zh: "散客登记，取排队号", En: "Register as a walk-in and take a number"},

	"k.home": {Zh: "返回首页", En: "Start over"},
	"k.lang": {Zh: "语言", En: "Language"},

	// Finding an appointment.
	"k.apt.title":      {Zh: "预约签到", En: "Check in for your appointment"},
	"k.apt.by_code":    {Zh: "用预约号签到", En: "With your booking code"},
	"k.apt.code":       {Zh: "预约号", En: "Booking code"},
	"k.apt.code_hint":  {Zh: "6 位字母或数字，见预约确认消息", En: "6 letters or digits, in your booking confirmation"},
	"k.apt.or":         {Zh: "或者", En: "or"},
	"k.apt.by_plate":   {Zh: "用车牌号 + 手机号后 4 位签到", En: "With your plate and the last 4 digits of your phone"},
	"k.apt.province":   {Zh: "省份", En: "Region"},
	"k.apt.plate":      {Zh: "车牌号", En: "Plate"},
	"k.apt.last4":      {Zh: "手机号后 4 位", En: "Last 4 phone digits"},
	"k.apt.find":       {Zh: "查找预约", En: "Find my appointment"},
	"k.find.bad_code":  {Zh: "预约号是 6 位字母或数字，请核对后再输入。", En: "A booking code has 6 letters or digits. Please check it and try again."},
	"k.find.bad_last4": {Zh: "请输入手机号的最后 4 位数字。", En: "Please enter the last 4 digits of your mobile number."},
	"k.find.none":      {Zh: "没有找到对应的预约。请核对后再试，或到前台咨询。", En: "No appointment was found. Please check and try again, or ask at the front desk."},
	"k.find.blocked":   {Zh: "尝试次数过多，请到前台办理签到。给您带来不便，敬请谅解。", En: "Too many tries. Please ask at the front desk to check in. Sorry for the inconvenience."},

	// Confirming.
	"k.confirm.title":   {Zh: "请确认您的预约", En: "Please confirm your appointment"},
	"k.confirm.when":    {Zh: "时间", En: "Time"},
	"k.confirm.service": {Zh: "项目", En: "Service"},
	"k.confirm.plate":   {Zh: "车牌", En: "Plate"},
	"k.confirm.phone":   {Zh: "手机", En: "Phone"},
	"k.confirm.name":    {Zh: "姓名", En: "Name"},
	"k.confirm.ok":      {Zh: "确认签到", En: "Check in"},
	"k.confirm.walkin":  {Zh: "按散客登记", En: "Register as a walk-in"},
	"k.confirm.wrong":   {Zh: "不是我的预约", En: "Not my appointment"},

	// Walk-in.
	"k.walk.title":       {Zh: "散客登记", En: "Walk-in registration"},
	"k.walk.plate":       {Zh: "车牌号", En: "Plate"},
	"k.walk.phone":       {Zh: "手机号", En: "Mobile number"},
	"k.walk.name":        {Zh: "姓名", En: "Name"},
	"k.walk.service":     {Zh: "服务项目", En: "Service"},
	"k.walk.other":       {Zh: "不确定 / 其他", En: "Not sure / other"},
	"k.walk.concern":     {Zh: "需要做什么，或哪里有问题？（选填）", En: "What do you need, or what is wrong? (optional)"},
	"k.walk.kept":        {Zh: "已填写 %s，不修改可留空", En: "Kept as %s; leave empty to keep it"},
	"k.walk.privacy":     {Zh: "隐私说明：您填写的姓名、手机号和车牌号由本店保存在店内的服务器上，只用于为您办理本次服务、通知您取车和售后回访，不会提供给任何第三方。您可以随时到前台要求查看、更正或删除这些信息。", En: "Privacy: the shop keeps your name, mobile number and plate on its own server in the shop, and uses them only to serve you now, to tell you when your vehicle is ready, and for after-sales follow-up calls. They are never given to anyone else. At the front desk you can ask to see, correct or delete them at any time."},
	"k.walk.consent":     {Zh: "我已阅读并同意本店保存以上信息", En: "I have read this and agree that the shop keeps my details"},
	"k.walk.submit":      {Zh: "登记并取号", En: "Register and take a number"},
	"k.walk.fix":         {Zh: "请检查标出的项目，其余内容已为您保留。", En: "Please check the marked fields; the rest is kept."},
	"k.walk.err_service": {Zh: "请选择服务项目。", En: "Please choose a service."},
	"k.walk.limited":     {Zh: "这台终端登记的散客太多了，请到前台登记。给您带来不便，敬请谅解。", En: "This kiosk has registered too many walk-ins just now. Please register at the front desk. Sorry for the inconvenience."},
	"k.walk.err_consent": {Zh: "请阅读隐私说明并勾选同意，我们才能为您登记。", En: "Please read the privacy note and tick the box; we can only register you with your consent."},

	// Done.
	"k.done.title":  {Zh: "签到成功", En: "You are checked in"},
	"k.done.walk":   {Zh: "登记成功", En: "You are registered"},
	"k.done.number": {Zh: "您的排队号", En: "Your queue number"},
	"k.done.wait":   {Zh: "请在休息区稍候，叫到您的号码时请到前台。", En: "Please take a seat. Come to the desk when your number is called."},
	"k.done.qr":     {Zh: "用手机扫码打开 Telegram，车辆完工时我们会第一时间通知您。二维码 15 分钟内有效，只能使用一次。", En: "Scan with your phone to open Telegram: we will message you when your vehicle is ready. The code works once, within 15 minutes."},
	"k.done.linked": {Zh: "车辆完工时，我们会通过 Telegram 通知您。", En: "We will message you in Telegram when your vehicle is ready."},
	"k.done.finish": {Zh: "完成", En: "Done"},

	// Devices (device.go): the page for unenrolled browsers and the
	// enrolment form, in both languages at once.
	"k.dev.title":    {Zh: "本屏幕仅供店内大厅终端使用", En: "This screen is for the shop's lobby devices"},
	"k.dev.lead":     {Zh: "这台设备还没有在本店登记。请到前台办理签到、登记或投诉；叫号屏可以在这里查看：", En: "This device is not enrolled with the shop. Please check in, register or file a complaint at the front desk; the queue board is here:"},
	"k.dev.board":    {Zh: "查看叫号屏", En: "Open the queue board"},
	"k.dev.staff":    {Zh: "店员：在员工后台的“设备”页生成登记码，然后在这台设备上打开", En: "Staff: create an enrolment code on the console's Devices page, then open on this device"},
	"k.dev.enrol":    {Zh: "登记这台设备", En: "Enrol this device"},
	"k.dev.code":     {Zh: "登记码", En: "Enrolment code"},
	"k.dev.submit":   {Zh: "登记", En: "Enrol"},
	"k.dev.bad_code": {Zh: "登记码不对，或已使用、已过期。请在员工后台重新生成。", En: "That code is wrong, used or expired. Please create a new one on the console."},

	// Queue board.
	"b.title":   {Zh: "叫号", En: "Queue"},
	"b.now":     {Zh: "当前叫号", En: "Now serving"},
	"b.recent":  {Zh: "已叫号", En: "Called"},
	"b.waiting": {Zh: "等候", En: "Waiting"},
	"b.none":    {Zh: "暂无叫号", En: "No number called yet"},
	"b.busy":    {Zh: "叫号屏连接已满，请稍后再试。", En: "Too many queue boards are connected; please try again later."},
	"b.offline": {Zh: "正在重新连接…", En: "Reconnecting…"},
	// The board's spoken call (board.js puts the number for {no}) and the
	// one-time tap browsers need before they play sound.
	"b.say":      {Zh: "请 %s 号到前台", En: "Number %s, please come to the desk"},
	"b.sound_on": {Zh: "点击开启声音", En: "Tap to enable sound"},

	// Kiosk: the start screen's buttons.
	"as.k.start.complaint":     {Zh: "我要投诉", En: "File a complaint"},
	"as.k.start.complaint_sub": {Zh: "告诉我们哪里做得不好", En: "Tell us what went wrong"},
	"as.k.start.rate":          {Zh: "服务评价", En: "Rate your visit"},
	"as.k.start.rate_sub":      {Zh: "为这次服务打分", En: "Score our service"},

	"as.k.yes":    {Zh: "是", En: "Yes"},
	"as.k.no":     {Zh: "否", En: "No"},
	"as.k.thanks": {Zh: "谢谢您的反馈，再见！", En: "Thank you for telling us. Goodbye!"},

	// Kiosk: a complaint (CMP-1, CMP-2, CMP-3).
	"as.k.cmp.title":       {Zh: "投诉", En: "File a complaint"},
	"as.k.cmp.lead":        {Zh: "非常抱歉给您带来不便。请告诉我们发生了什么，我们会尽快答复您。", En: "We are sorry for the trouble. Tell us what happened and we will answer you soon."},
	"as.k.cmp.category":    {Zh: "是关于什么的？", En: "What is it about?"},
	"as.k.cmp.text":        {Zh: "发生了什么？", En: "What happened?"},
	"as.k.cmp.major":       {Zh: "是否涉及行车安全，或车辆无法使用？", En: "Is it about safety, or can the vehicle not be used?"},
	"as.k.cmp.major_hint":  {Zh: "选“是”我们会在 4 小时内答复，否则在 24 小时内答复。", En: "If it is, we answer within 4 hours; otherwise within 24 hours."},
	"as.k.cmp.privacy":     {Zh: "隐私说明：您的姓名和手机号由本店保存在店内的服务器上，只用于答复和跟进这次投诉，不会提供给任何第三方。", En: "Privacy: the shop keeps your name and mobile number on its own server in the shop, only to answer and follow up this complaint. They are never given to anyone else."},
	"as.k.cmp.consent":     {Zh: "我同意本店保存以上信息，以便答复我", En: "I agree that the shop keeps these details to answer me"},
	"as.k.cmp.submit":      {Zh: "提交投诉", En: "Send the complaint"},
	"as.k.limited":         {Zh: "这台终端提交的投诉太多了，请到前台反映，我们会马上处理。", En: "This kiosk has sent too many complaints just now. Please tell the front desk; we will deal with it at once."},
	"as.k.err_text":        {Zh: "请写下发生了什么（最多 %d 字）。", En: "Please tell us what happened (up to %d characters)."},
	"as.k.err_major":       {Zh: "请选择“是”或“否”。", En: "Please choose “Yes” or “No”."},
	"as.k.err_consent":     {Zh: "请勾选同意，我们才能答复您。", En: "Please tick the box; we can only answer you with your consent."},
	"as.k.cmp.done_title":  {Zh: "我们已收到您的投诉", En: "We have received your complaint"},
	"as.k.cmp.sorry":       {Zh: "非常抱歉给您带来不便。", En: "We are very sorry for the trouble."},
	"as.k.cmp.ticket":      {Zh: "受理编号", En: "Your ticket number"},
	"as.k.cmp.due":         {Zh: "我们会在 %s 之前答复您", En: "You will have our answer by %s"},
	"as.k.cmp.major_note":  {Zh: "涉及安全或车辆无法使用，我们会优先处理。如情况紧急，请直接到前台。", En: "As it concerns safety or a vehicle you cannot use, it has priority. If it is urgent, please go to the front desk."},
	"as.k.cmp.keep_ticket": {Zh: "请记下受理编号，咨询进度时告诉我们。", En: "Please note the ticket number and give it when you ask about progress."},
	"as.k.cat.quality":     {Zh: "施工质量", En: "Quality of the work"},
	"as.k.cat.service":     {Zh: "服务态度", En: "Our service"},
	"as.k.cat.time":        {Zh: "交车时间", En: "Delivery time"},
	"as.k.cat.price":       {Zh: "价格费用", En: "Price"},
	"as.k.cat.safety":      {Zh: "安全问题", En: "Safety"},
	"as.k.cat.other":       {Zh: "其他", En: "Something else"},

	// Kiosk: rating a visit (SUR-1, SUR-2).
	"as.k.rate.title":      {Zh: "服务评价", En: "Rate your visit"},
	"as.k.rate.lead":       {Zh: "请先找到您的这次服务。", En: "First, let us find your visit."},
	"as.k.rate.by_queue":   {Zh: "用排队号 + 手机号后 4 位", En: "With your queue number and the last 4 digits of your phone"},
	"as.k.rate.queue":      {Zh: "排队号", En: "Queue number"},
	"as.k.rate.by_code":    {Zh: "用预约号", En: "With your booking code"},
	"as.k.rate.find":       {Zh: "查找", En: "Find my visit"},
	"as.k.rate.bad_queue":  {Zh: "排队号是一个字母加 3 位数字，例如 A001。", En: "A queue number is a letter and 3 digits, e.g. A001."},
	"as.k.rate.none":       {Zh: "没有找到对应的服务记录。请核对后再试，或到前台咨询。", En: "No visit was found. Please check and try again, or ask at the front desk."},
	"as.k.rate.blocked":    {Zh: "尝试次数过多，请到前台办理。给您带来不便，敬请谅解。", En: "Too many tries. Please ask at the front desk. Sorry for the inconvenience."},
	"as.k.rate.not_yet":    {Zh: "车辆交车后才能评价，谢谢您的耐心。", En: "You can rate the visit once the vehicle is handed over. Thank you for your patience."},
	"as.k.rate.too_old":    {Zh: "这次服务已超过 30 天，不能再评价了。欢迎到前台留下意见。", En: "This visit is more than 30 days old and can no longer be rated. The front desk is glad to hear your opinion."},
	"as.k.rate.already":    {Zh: "这次服务已经评价过了，谢谢您！", En: "This visit has been rated already. Thank you!"},
	"as.k.rate.visit":      {Zh: "服务", En: "Visit"},
	"as.k.rate.comment":    {Zh: "还有什么意见或建议吗？（选填）", En: "Anything you would like to tell us? (optional)"},
	"as.k.rate.submit":     {Zh: "提交评价", En: "Send my rating"},
	"as.k.rate.limited":    {Zh: "这台终端提交的评价太多了，请稍后再试，或到前台留下意见。", En: "This kiosk has sent too many ratings just now. Please try again later, or tell the front desk."},
	"as.k.rate.done_title": {Zh: "谢谢您的评价", En: "Thank you for your rating"},
}
