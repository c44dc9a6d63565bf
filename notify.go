package frontoffice

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// FormatWhen writes an instant for people, in the shop's zone:
// "11月28日 周六 10:00" in Chinese, "Sat 28 Nov 10:00" in English.
func FormatWhen(lang Lang, t time.Time, loc *time.Location) string {
	t = t.In(loc)
	wd := Texts.T(lang, "wd."+strconv.Itoa(int(t.Weekday())))
	if lang == EN {
		return fmt.Sprintf("%s %d %s %s", wd, t.Day(), t.Format("Jan"), t.Format("15:04"))
	}
	return fmt.Sprintf("%d月%d日 %s %s", int(t.Month()), t.Day(), wd, t.Format("15:04"))
}

// FormatDay writes a calendar day: "11月28日 周六" or "Sat 28 Nov".
func FormatDay(lang Lang, t time.Time, loc *time.Location) string {
	t = t.In(loc)
	wd := Texts.T(lang, "wd."+strconv.Itoa(int(t.Weekday())))
	if lang == EN {
		return fmt.Sprintf("%s %d %s", wd, t.Day(), t.Format("Jan"))
	}
	return fmt.Sprintf("%d月%d日 %s", int(t.Month()), t.Day(), wd)
}

// ConfirmationText is the booking confirmation (APT-1): code, time, service,
// plate, address and, for a service with high-value parts, the deposit
// (APT-2). It greets with the shop's name and ends politely (REC-1).
func ConfirmationText(st *Settings, a Appointment, lang Lang) string {
	sv, _ := st.Service(a.ServiceID)
	loc := st.Location()
	var b strings.Builder
	b.WriteString(Texts.T(lang, "apt.confirmed", st.ShopName(lang), a.Code,
		FormatWhen(lang, a.Start, loc)+"–"+a.End.In(loc).Format("15:04"),
		sv.Name(lang)+" "+sv.Price.String(), FormatPlate(a.Plate), st.ShopAddress(lang), st.Shop.Phone))
	if a.Deposit > 0 {
		b.WriteString("\n")
		b.WriteString(Texts.T(lang, "apt.deposit", a.Deposit))
	}
	b.WriteString("\n")
	b.WriteString(Texts.T(lang, "apt.thanks"))
	return b.String()
}

// ReminderText is the reminder sent before an appointment (APT-5).
func ReminderText(st *Settings, a Appointment, lang Lang) string {
	sv, _ := st.Service(a.ServiceID)
	return Texts.T(lang, "apt.reminder", st.ShopName(lang), FormatWhen(lang, a.Start, st.Location()),
		sv.Name(lang), FormatPlate(a.Plate), a.Code, st.ShopAddress(lang))
}

// StaffText is a notice for the staff chat (APT-4). Staff read Chinese.
func StaffText(st *Settings, kind string, a Appointment, old time.Time) string {
	sv, _ := st.Service(a.ServiceID)
	loc := st.Location()
	when := FormatWhen(ZH, a.Start, loc)
	switch kind {
	case "moved":
		return Texts.T(ZH, "staff.apt.moved", a.Code, FormatWhen(ZH, old, loc), when,
			FormatPlate(a.Plate), sv.Name(ZH))
	case "cancelled":
		return Texts.T(ZH, "staff.apt.cancelled", a.Code, when, FormatPlate(a.Plate), sv.Name(ZH))
	}
	s := Texts.T(ZH, "staff.apt.booked", a.Code, when, sv.Name(ZH), a.CustomerName,
		FormatPlate(a.Plate), a.Source)
	if a.Deposit > 0 {
		s += "\n" + Texts.T(ZH, "staff.deposit", a.Deposit)
	}
	return s
}
