package frontoffice

// moneyTexts are the texts of estimates, deposits and settlements (INT-1,
// APT-2, DEL-3), merged into Texts.
var moneyTexts = Catalog{
	"err.amount":            {"金额须在 0 到 %s 之间。", "The amount must be between 0 and %s."},
	"err.estimate.consent":  {"诊断须先征得客户同意：请勾选“客户同意诊断”，或不填诊断结果。", "A diagnosis needs the customer's consent: tick the consent box or leave the diagnosis empty."},
	"err.estimate.none":     {"没有待客户答复的估价单。", "There is no estimate waiting for the customer's answer."},
	"err.estimate.pending":  {"估价单尚待客户同意，不能开进厂安装服务单。", "The estimate awaits the customer's answer; no work order before it."},
	"err.estimate.declined": {"客户已拒绝估价单：请重新估价，或按客户离店处理。", "The customer declined the estimate: make a new one, or end the visit as declined."},
	"err.deposit.twice":     {"这次来店的定金已登记过。", "The deposit of this visit is already recorded."},
	"err.settle.over":       {"结算金额 %s 高于应收 %s（估价与已同意的追加项目）。", "The amount %s is above the bill %s (estimate and approved additional work)."},
	"err.settle.below":      {"结算金额 %s 低于应收 %s：差额 %s 为优惠，须由主管办理并注明原因。请找主管处理。", "The amount %s is below the bill %s: the difference %s is a discount, which only a supervisor may grant, with a reason. Please call a supervisor."},
	"err.settle.reason":     {"请填写优惠原因。", "Enter the reason for the discount."},
}

// discountTexts are the words of a discount asked of a supervisor in
// Telegram (DEL-3, discount.go).
var discountTexts = Catalog{
	"staff.discount.ask": {"💴 折扣申请 %s · %s（%s）\n结算金额 %s，申请折扣 %s，折后 %s\n原因：%s\n申请人：%s",
		"💴 Discount asked %s · %s (%s)\nBill %s, discount %s, after it %s\nReason: %s\nAsked by: %s"},
	"staff.discount.approved": {"✅ 折扣已批准 %s · %s：%s（%s），批准人 %s。前台可按此结算。", "✅ Discount approved %s · %s: %s (%s) by %s. The desk may settle with it."},
	"staff.discount.refused":  {"🚫 折扣未批准 %s · %s：%s（%s），%s。请按原价结算。", "🚫 Discount refused %s · %s: %s (%s) by %s. Settle at the full price."},
	"btn.discount.ok":         {"批准折扣", "Approve"},
	"btn.discount.no":         {"不批准", "Refuse"},
	"err.discount.ask":        {"请填写折扣金额（大于 0 且不超过结算金额）和原因。", "Enter a discount above zero and not above the bill, and its reason."},
	"err.discount.supervisor": {"只有主管可以批准折扣。", "Only a supervisor may approve a discount."},
}
