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
		Title:  titleOf("form.title.appointment"),
		Number: a.Code,
		Loc:    loc,
	})
	sv, ok := st.Service(a.ServiceID)
	service := a.ServiceID
	if ok {
		service = sv.Name(lang) + d.T("form.appointment.list_price", sv.Price.String())
	}

	fields := []Field{
		{Label: d.T("form.appointment.booking_code"), Value: a.Code, Strong: true},
		// APT-1: the time, stated clearly.
		{Label: d.T("form.appointment.time"), Value: slipWhen(lang, a.Start, a.End, loc)},
		{Label: d.T("form.service"), Value: service},
		{Label: d.T("form.plate"), Value: dash(frontoffice.FormatPlate(a.Plate))},
		{Label: d.T("form.customer_name"), Value: dash(a.CustomerName)},
	}
	if a.Deposit > 0 {
		// APT-2: a deposit of at least half the parts' price.
		fields = append(fields, Field{Label: d.T("form.appointment.deposit"),
			Value: a.Deposit.String() + d.T("form.appointment.least_half_parts")})
	}
	if a.Status != "" && a.Status != frontoffice.AptBooked {
		fields = append(fields, Field{Label: d.T("form.appointment.status"), Value: a.Status.Label(lang)})
	}
	if a.Note != "" {
		fields = append(fields, Field{Label: d.T("form.appointment.note"), Value: a.Note})
	}

	const qrSize, gap = 38.0, 5.0
	top := d.Y() + 2
	d.Space(2)
	d.QR(PageWidth-MarginRight-qrSize, top, qrSize, a.Code)
	caption := d.T("form.appointment.show_code_check")
	d.Text(PageWidth-MarginRight-qrSize/2-d.Width(caption, 8, false)/2, top+qrSize+3, caption, 8, false)
	d.FieldsAt(MarginLeft, ContentWidth-qrSize-gap, 1, fields...)
	d.Space(max(0, top+qrSize+6-d.Y()))
	d.Space(4)

	if a.Deposit > 0 {
		d.Paragraph(frontoffice.Texts.T(lang, "apt.deposit", a.Deposit), Style{Size: 10, Bold: true})
		d.Space(2)
	}
	d.Heading(d.T("form.appointment.please_note"), 20)
	d.Paragraph(d.T("form.appointment.notes", st.Shop.Phone),
		Style{Size: 9.5, Indent: 3})
	d.Space(5)

	// APT-1: the customer confirms the time by signing.
	d.Paragraph(d.T("form.appointment.i_confirm_appointment"), Style{Size: 10})
	d.Space(2)
	d.Signatures(d.T("form.appointment.customer_s_confirmation"), d.T("form.appointment.received"))
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

func dash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
