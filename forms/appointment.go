package forms

import (
	"fmt"
	"time"

	"frontoffice"
)

// AppointmentSlip prints the appointment slip 安装服务预约单 of a in lang: the
// booking code large and as a QR code (the code itself, which the kiosk's
// check-in accepts), the time stated in full with the year (APT-1), the
// service with its list price, the plate, the customer's name, the deposit
// asked for high-value parts when a.Deposit > 0 (APT-2), any note, what to
// do to come, move or cancel, and a box for the customer to sign that the
// time is confirmed (APT-1). It returns the PDF, or an error only when the
// PDF cannot be made.
func (e *Engine) AppointmentSlip(st *frontoffice.Settings, a frontoffice.Appointment, lang frontoffice.Lang) ([]byte, error) {
	loc := st.Location()
	d := e.NewDoc(DocOptions{
		Lang:   lang,
		Shop:   ShopOf(st, lang),
		Title:  Title{Zh: "安装服务预约单", En: "Appointment Slip"},
		Number: a.Code,
		Loc:    loc,
	})
	sv, ok := st.Service(a.ServiceID)
	service := a.ServiceID
	if ok {
		service = sv.Name(lang) + d.T("（参考价 ", " (list price ") + sv.Price.String() + d.T("）", ")")
	}

	fields := []Field{
		{Label: d.T("预约号", "Booking code"), Value: a.Code, Strong: true},
		// APT-1: the time, stated clearly.
		{Label: d.T("预约时间", "Time"), Value: slipWhen(lang, a.Start, a.End, loc)},
		{Label: d.T("服务项目", "Service"), Value: service},
		{Label: d.T("车牌号", "Plate"), Value: dash(frontoffice.FormatPlate(a.Plate))},
		{Label: d.T("客户姓名", "Customer"), Value: dash(a.CustomerName)},
	}
	if a.Deposit > 0 {
		// APT-2: a deposit of at least half the parts' price.
		fields = append(fields, Field{Label: d.T("定金", "Deposit"),
			Value: a.Deposit.String() + d.T("（配件价的一半以上，到店前支付）", " (at least half the parts price, due before the visit)")})
	}
	if a.Status != "" && a.Status != frontoffice.AptBooked {
		fields = append(fields, Field{Label: d.T("状态", "Status"), Value: statusText(lang, a.Status)})
	}
	if a.Note != "" {
		fields = append(fields, Field{Label: d.T("备注", "Note"), Value: a.Note})
	}

	const qrSize, gap = 38.0, 5.0
	top := d.Y() + 2
	d.Space(2)
	d.QR(PageWidth-MarginRight-qrSize, top, qrSize, a.Code)
	caption := d.T("到店签到请出示此码", "Show this code at check-in")
	d.Text(PageWidth-MarginRight-qrSize/2-d.Width(caption, 8, false)/2, top+qrSize+3, caption, 8, false)
	d.FieldsAt(MarginLeft, ContentWidth-qrSize-gap, 1, fields...)
	d.Space(max(0, top+qrSize+6-d.Y()))
	d.Space(4)

	if a.Deposit > 0 {
		d.Paragraph(frontoffice.Texts.T(lang, "apt.deposit", a.Deposit), Style{Size: 10, Bold: true})
		d.Space(2)
	}
	d.Heading(d.T("温馨提示", "Please note"), 20)
	d.Paragraph(d.T(
		"1. 请于预约时间前 10 分钟到店，凭预约号或扫描上方二维码在大厅自助机签到。\n"+
			"2. 如需改期或取消，请在 Telegram “我的预约”中操作，或致电 "+st.Shop.Phone+"。\n"+
			"3. 我们会在预约前半天至一天提醒您。",
		"1. Please arrive 10 minutes early and check in at the lobby kiosk with the booking code or the QR code above.\n"+
			"2. To move or cancel, open “My appointments” in Telegram or call "+st.Shop.Phone+".\n"+
			"3. We will remind you half a day to one day before."),
		Style{Size: 9.5, Indent: 3})
	d.Space(5)

	// APT-1: the customer confirms the time by signing.
	d.Paragraph(d.T("本人已确认以上预约时间及服务项目。", "I confirm the appointment time and the service above."), Style{Size: 10})
	d.Space(2)
	d.Signatures(d.T("客户确认签字", "Customer's confirmation"), d.T("接待员", "Received by"))
	return d.Bytes()
}

// slipWhen writes an appointment's time in full: "2026年11月28日 周六
// 10:00–11:30" or "Sat 28 Nov 2026, 10:00–11:30".
func slipWhen(lang frontoffice.Lang, start, end time.Time, loc *time.Location) string {
	s, e := start.In(loc), end.In(loc)
	day := frontoffice.FormatDay(lang, s, loc)
	span := s.Format("15:04")
	if !end.IsZero() {
		span += "–" + e.Format("15:04")
	}
	if lang == frontoffice.EN {
		return fmt.Sprintf("%s %d, %s", day, s.Year(), span)
	}
	return fmt.Sprintf("%d年%s %s", s.Year(), day, span)
}

func statusText(lang frontoffice.Lang, s frontoffice.AppointmentStatus) string {
	zh, en := string(s), string(s)
	switch s {
	case frontoffice.AptCancelled:
		zh, en = "已取消", "Cancelled"
	case frontoffice.AptCheckedIn:
		zh, en = "已到店", "Checked in"
	case frontoffice.AptNoShow:
		zh, en = "未到店", "No-show"
	}
	if lang == frontoffice.EN {
		return en
	}
	return zh
}

func dash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
