package frontoffice

// auditTexts are the audit trail's texts (issue 12 item 6).
var auditTexts = Catalog{
	"err.audit.day": {Zh: "日期格式不对，请用 YYYY-MM-DD。", En: "The day is not a date (YYYY-MM-DD)."},
}
