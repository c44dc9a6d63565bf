package frontoffice

// signatureTexts are the words of the customer's signature (INT-4).
var signatureTexts = Catalog{
	"visit.sign.ask": {
		"您好，%s：车辆 %s 的进厂安装服务单已填好，请您确认。\n项目：%s\n估价合计：%s\n预计交车：%s%s\n附件是服务单，请核对后点击下方按钮签字确认；确认后车辆才会进入车间施工。",
		"Hello from %s: the work order for %s is ready for your approval.\nWork: %s\nEstimate total: %s\nPromised for: %s%s\nThe work order is attached; please check it and tap the button below to sign. The workshop starts only after your approval."},
	"visit.sign.no_guarantee": {"\n注意：客户自带或副厂配件装在关键部位的项目，本店不提供质量保证。", "\nNote: lines with customer-supplied or aftermarket parts at critical places carry no quality guarantee."},
	"visit.sign.thanks":       {"已收到您的签字确认，车辆已进入车间施工，预计 %s 交车。", "Thank you, your approval is recorded. The vehicle is in the workshop, promised for %s."},
	"btn.sign":                {"✍️ 同意并签字", "✍️ I agree — sign"},
	"err.signature.awaiting":  {"客户尚未签字，不能继续。", "The customer has not signed yet; this cannot go on."},
	"err.signature.invalid":   {"签字无效，请重新签字。", "The signature is not valid; please sign again."},
}
