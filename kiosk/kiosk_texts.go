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
	"k.walk.err_consent": {Zh: "请阅读隐私说明并勾选同意，我们才能为您登记。", En: "Please read the privacy note and tick the box; we can only register you with your consent."},

	// Done.
	"k.done.title":     {Zh: "签到成功", En: "You are checked in"},
	"k.done.walk":      {Zh: "登记成功", En: "You are registered"},
	"k.done.number":    {Zh: "您的排队号", En: "Your queue number"},
	"k.done.wait":      {Zh: "请在休息区稍候，叫到您的号码时请到前台。", En: "Please take a seat. Come to the desk when your number is called."},
	"k.done.qr":        {Zh: "用手机扫码打开 Telegram，车辆完工时我们会第一时间通知您。二维码 15 分钟内有效，只能使用一次。", En: "Scan with your phone to open Telegram: we will message you when your vehicle is ready. The code works once, within 15 minutes."},
	"k.done.desk_link": {Zh: "如果您还没有在 Telegram 收到过本店的消息，可到前台办理绑定，以便接收取车通知。", En: "If you do not get our messages in Telegram yet, ask the desk to link your account for the pickup notice."},
	"k.done.linked":    {Zh: "车辆完工时，我们会通过 Telegram 通知您。", En: "We will message you in Telegram when your vehicle is ready."},
	"k.done.finish":    {Zh: "完成", En: "Done"},

	// Queue board.
	"b.title":   {Zh: "叫号", En: "Queue"},
	"b.now":     {Zh: "当前叫号", En: "Now serving"},
	"b.recent":  {Zh: "已叫号", En: "Called"},
	"b.waiting": {Zh: "等候", En: "Waiting"},
	"b.none":    {Zh: "暂无叫号", En: "No number called yet"},
	"b.offline": {Zh: "正在重新连接…", En: "Reconnecting…"},
}
