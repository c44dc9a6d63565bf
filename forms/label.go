package forms

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	fo "frontoffice"
)

// The forms print the domain's codes through their Label methods
// (fo.VisitStatus.Label, fo.PriceMode.Label, …) and their own words from
// Texts.

// registerAction returns the word for an action of the call and letter
// registers (FU-7): "form.action.<action>", or the action itself when it
// has none.
func (d *Doc) registerAction(action string) string {
	return d.textOr("form.action."+action, action)
}

// partsKind writes what an estimate line's parts are as the forms print it
// after the source, "Ours · original": in lower case in English.
func (d *Doc) partsKind(code string) string {
	return lowerFirst(fo.PartsSource(code).Label(d.Lang()))
}

// lowerFirst returns s with its first letter in lower case.
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

// titleOf returns the document title of key in both languages.
func titleOf(key string) Title {
	t := Texts[key]
	return Title{Zh: t.Zh, En: t.En}
}

// textOr returns the text of key, or fallback when Texts has no key.
func (d *Doc) textOr(key, fallback string) string {
	if _, ok := Texts[key]; !ok {
		return fallback
	}
	return d.T(key)
}

// fuel writes a fuel level in eighths: "4/8（半箱）".
func (d *Doc) fuel(eighths int) string {
	s := fmt.Sprintf("%d/8", eighths)
	switch eighths {
	case 0:
		return s + d.T("form.label.empty")
	case 4:
		return s + d.T("form.label.half")
	case 8:
		return s + d.T("form.label.full")
	}
	return s
}

// stamp writes an instant to the minute in the document's zone, "" for
// the zero time.
func (d *Doc) stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(d.opt.Loc).Format("2006-01-02 15:04")
}

// date writes the calendar day of t in the document's zone.
func (d *Doc) date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(d.opt.Loc).Format("2006-01-02")
}

// yesNo writes a yes or no.
func (d *Doc) yesNo(b bool) string {
	if b {
		return d.T("form.label.yes")
	}
	return d.T("form.label.no")
}

// km writes a distance: "42,000 km".
func km(n int) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String() + " km"
}

// VisitNo is the number a visit's forms carry: its day and queue number,
// "20261127-A003" (unique: queue numbers restart every day).
func VisitNo(v fo.Visit) string {
	if v.Day == "" || v.QueueNo == "" {
		return fmt.Sprintf("V%d", v.ID)
	}
	return strings.ReplaceAll(v.Day, "-", "") + "-" + v.QueueNo
}

// staffName returns the name of who did something, from a "staff:li" or
// "li" style id: the staff member's name when known, the customer or the
// system in words, else the id.
func (d *Doc) staffName(st *fo.Settings, by string) string {
	kind, id, ok := strings.Cut(by, ":")
	if !ok {
		kind, id = by, by
	}
	switch kind {
	case "customer":
		if id == "bot" {
			return d.T("form.label.customer_telegram")
		}
		return d.T("form.label.customer")
	case "system":
		return d.T("form.label.system")
	case "kiosk":
		return d.T("form.label.kiosk")
	}
	if st != nil {
		return st.StaffName(id)
	}
	return id
}
