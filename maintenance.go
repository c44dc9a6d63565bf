package frontoffice

import (
	"strconv"
	"time"
)

// The maintenance reminder (manual 客户档案: 「通知客户按期保养」): some days
// before a vehicle's next maintenance date (Vehicle.NextMaintenance, set at
// delivery from its interval) the customer is reminded — in their chat with
// a "book" button that opens the bot's booking conversation with the
// vehicle's plate and the maintenance service, or as a call on the
// reception's list when they have no linked chat. Once per due date; never
// in quiet hours.

// DefaultMaintRemindDays is how many days ahead the reminder goes unless
// set otherwise.
const DefaultMaintRemindDays = 7

// MaintServiceID is the price list's maintenance service, which the
// reminder's book button chooses.
const MaintServiceID = "maint"

// MaintRemindLead returns Settings.MaintRemindDays, DefaultMaintRemindDays
// when zero.
func (s *Settings) MaintRemindLead() int {
	if s.MaintRemindDays <= 0 {
		return DefaultMaintRemindDays
	}
	return s.MaintRemindDays
}

// MaintRemindAt returns when the reminder of a maintenance due on next's
// day goes: MaintRemindLead days before that day (in the shop's zone), at
// the first time that day or after at which the shop is open outside the
// quiet hours (NoticeTime). Zero when next is zero.
func (s *Settings) MaintRemindAt(next time.Time) time.Time {
	if next.IsZero() {
		return time.Time{}
	}
	loc := s.Location()
	d := DayStart(next, loc)
	day := time.Date(d.Year(), d.Month(), d.Day()-s.MaintRemindLead(), 0, 0, 0, 0, loc)
	return s.NoticeTime(day)
}

// MaintButtonData returns the callback data of a reminder's book button:
// "mt:book:<vehicle>".
func MaintButtonData(vehicle uint64) string {
	return "mt:book:" + strconv.FormatUint(vehicle, 10)
}

// ParseMaintButton parses what MaintButtonData writes, with the id written
// as strconv writes it (digits, no leading zero, not 0). It accepts nothing
// else.
func ParseMaintButton(s string) (vehicle uint64, ok bool) {
	parts, ok := CallbackFields(s, "mt", 2)
	if !ok || parts[0] != "book" {
		return 0, false
	}
	return ParseRecordID(parts[1])
}

// MaintReminderNotices remind the customer c of vehicle v's maintenance due
// on v.NextMaintenance: in their chat with a book button (MaintButtonData),
// not before notBefore (the end of quiet hours; zero: at once), or as a
// call on the reception's list when c has no chat. The key
// "maint:<vehicle>:<YYYY-MM-DD>" names the due date, so each date is
// reminded once.
func MaintReminderNotices(st *Settings, c Customer, v Vehicle, notBefore time.Time) Notices {
	loc := st.Location()
	date := v.NextMaintenance.In(loc).Format(time.DateOnly)
	k := "maint:" + strconv.FormatUint(v.ID, 10) + ":" + date
	if c.ChatID == 0 {
		return Notices{Calls: []PhoneTask{{Key: k, CustomerID: c.ID, Kind: "maint.remind",
			Text: Texts.T(ZH, "maint.remind", st.ShopName(ZH), FormatPlate(v.Plate), FormatDay(ZH, v.NextMaintenance, loc))}}}
	}
	return Notices{Messages: []Message{{Key: k, ChatID: c.ChatID, Lang: c.Lang, NotBefore: notBefore,
		Text:    Texts.T(c.Lang, "maint.remind", st.ShopName(c.Lang), FormatPlate(v.Plate), FormatDay(c.Lang, v.NextMaintenance, loc)),
		Buttons: [][]Button{{{Text: Texts.T(c.Lang, "btn.maint.book"), Data: MaintButtonData(v.ID)}}}}}}
}
