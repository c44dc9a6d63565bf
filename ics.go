package frontoffice

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// The calendar file (RFC 5545, iCalendar) that goes with an appointment's
// confirmation, move and cancellation: one tap adds it to the customer's
// phone calendar; a move replaces the event (same UID, higher SEQUENCE), a
// cancellation removes it (METHOD:CANCEL, STATUS:CANCELLED).

// ICSName is the file name of an appointment's calendar file.
func ICSName(a Appointment) string { return "appointment-" + a.Code + ".ics" }

// ICSUID is the stable UID of an appointment's calendar event: the same
// for every version of the appointment, so that calendars update it.
func ICSUID(a Appointment) string {
	return "apt-" + strconv.FormatUint(a.ID, 10) + "-" + a.Code + "@frontoffice"
}

// icsTexts are the calendar event's texts.
var icsTexts = Catalog{
	"ics.summary":     {"%s：%s", "%s: %s"},
	"ics.description": {"预约号 %s\n车牌 %s\n服务 %s\n电话 %s", "Booking %s\nPlate %s\nService %s\nPhone %s"},
	"ics.deposit":     {"\n定金 %s", "\nDeposit %s"},
	"ics.caption":     {"预约 %s 的日历文件：点开即可加入手机日历，改约或取消时会自动更新。", "Calendar file for booking %s: open it to add it to your phone's calendar; it updates when the booking is moved or cancelled."},
}

// AppointmentICS returns the calendar file of a as it stands (RFC 5545):
// METHOD:REQUEST with STATUS:CONFIRMED while it holds a bay,
// METHOD:CANCEL with STATUS:CANCELLED once cancelled (or marked a no-show);
// UID ICSUID(a), SEQUENCE a.Sequence, DTSTAMP the appointment's last change,
// times in UTC, the shop's address as LOCATION and the shop's phone as
// the organiser. Texts are in lang. Lines end in CRLF and are folded at 75
// octets without splitting a UTF-8 character; text values are escaped. It
// is a pure function of its arguments.
func AppointmentICS(st *Settings, a Appointment, lang Lang) []byte {
	sv, _ := st.Service(a.ServiceID)
	method, status := "REQUEST", "CONFIRMED"
	if !a.Status.Occupies() {
		method, status = "CANCEL", "CANCELLED"
	}
	stamp := a.UpdatedAt
	if stamp.IsZero() {
		stamp = a.CreatedAt
	}
	desc := Texts.T(lang, "ics.description", a.Code, FormatPlate(a.Plate), sv.Name(lang), st.Shop.Phone)
	if a.Deposit > 0 {
		desc += Texts.T(lang, "ics.deposit", a.Deposit.String())
	}
	var b strings.Builder
	line := func(name, value string) { writeICSLine(&b, name+":"+value) }
	line("BEGIN", "VCALENDAR")
	line("VERSION", "2.0")
	line("PRODID", "-//frontoffice//appointment//"+strings.ToUpper(string(lang)))
	line("CALSCALE", "GREGORIAN")
	line("METHOD", method)
	line("BEGIN", "VEVENT")
	line("UID", ICSUID(a))
	line("SEQUENCE", strconv.Itoa(a.Sequence))
	line("DTSTAMP", icsTime(stamp))
	line("DTSTART", icsTime(a.Start))
	line("DTEND", icsTime(a.End))
	line("SUMMARY", ICSEscape(Texts.T(lang, "ics.summary", st.ShopName(lang), sv.Name(lang))))
	line("LOCATION", ICSEscape(st.ShopAddress(lang)))
	line("DESCRIPTION", ICSEscape(desc))
	if phone := telURI(st.Shop.Phone); phone != "" {
		writeICSLine(&b, "ORGANIZER;CN="+icsParam(st.ShopName(lang))+":"+phone)
	}
	line("STATUS", status)
	line("TRANSP", "OPAQUE")
	line("END", "VEVENT")
	line("END", "VCALENDAR")
	return []byte(b.String())
}

// icsTime writes t as a UTC DATE-TIME (RFC 5545 3.3.5, form 2).
func icsTime(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

// ICSEscape escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon
// and comma get a backslash, a newline becomes \n, a carriage return is
// dropped.
func ICSEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\', ';', ',':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// icsParam quotes a parameter value (RFC 5545 3.2): double quotes are not
// allowed inside, so they are dropped, as are control characters.
func icsParam(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '"' || r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, s)
	return `"` + s + `"`
}

// telURI makes a tel: URI of a shop phone such as "010-8888 6666": digits
// and a leading +, or "" when there are none.
func telURI(phone string) string {
	var b strings.Builder
	for i, r := range phone {
		if (r >= '0' && r <= '9') || (r == '+' && i == 0) {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return ""
	}
	return "tel:" + b.String()
}

// icsLineOctets is the longest content line, CRLF excluded (RFC 5545 3.1).
const icsLineOctets = 75

// writeICSLine writes one content line folded at 75 octets: each
// continuation starts with a space, which counts towards its 75, and no
// UTF-8 character is split.
func writeICSLine(b *strings.Builder, s string) {
	limit := icsLineOctets
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		limit = icsLineOctets - 1
	}
	b.WriteString(s)
	b.WriteString("\r\n")
}
