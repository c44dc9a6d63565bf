package frontoffice

// readyTexts are the texts of a job's readiness and pickup (DEL-1, DEL-2,
// REC-4, INT-6) and of the maintenance reminders (通知客户按期保养).
var readyTexts = Catalog{
	"ready.item.cleaned":     {"车辆清洗", "vehicle cleaned"},
	"ready.item.checked":     {"完工检查", "final check"},
	"ready.item.belongings":  {"随车物品清点归还", "belongings checked and returned"},
	"ready.item.settlement":  {"结算单准备", "settlement prepared"},
	"err.ready.checklist":    {"交车准备未完成，缺少：%[1]s。", "Not ready for delivery — missing: %[2]s."},
	"err.ready.pending_work": {"有 %d 项追加项目尚待客户答复，答复前不能完工或交车。", "%d additional work item(s) still await the customer's answer: the job cannot be marked ready or delivered before that."},
	"staff.late":             {"⏰ %s · %s 已过承诺交车时间（%s）仍未完工，已向客户致歉。请尽快在工作台登记新的交车时间和原因。", "⏰ %s · %s missed its promised time (%s) and is not ready; the customer got an apology. Record a new time and the reason in the console now."},
	"visit.late":             {"您好，%s非常抱歉地通知您：车辆 %s 未能在承诺的 %s 完工。原因：%s。我们会尽快告知新的交车时间，给您带来不便，敬请谅解。", "Hello from %s: we are very sorry, your vehicle %s is not ready at the promised %s. Reason: %s. We will tell you the new time shortly and apologise for the inconvenience."},
	"visit.late.no_reason":   {"作业时间超出预计", "the work is taking longer than planned"},
	"maint.remind":           {"您好，%s提醒您：车辆 %s 的下次保养日期是 %s。欢迎提前预约，到店即可开始保养。", "Hello from %s: your vehicle %s is due for maintenance on %s. Book ahead and we start as soon as you arrive."},
	"btn.maint.book":         {"📅 预约保养", "📅 Book maintenance"},
	"err.wo.parts_order":     {"订货配件须为本店供应，并填写预计到货日期。", "Parts on order must be supplied by the shop, with their expected date."},
}
