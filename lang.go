package frontoffice

import (
	"fmt"
	"strings"
)

// Lang is a user's language. Chinese first, English second.
type Lang string

// The languages the shop speaks.
const (
	ZH Lang = "zh"
	EN Lang = "en"
)

// ParseLang maps a language code such as Telegram's language_code ("en",
// "en-GB", "zh-hant-tw") or a kiosk toggle value to a Lang: English for any
// code that starts with "en", Chinese otherwise.
func ParseLang(code string) Lang {
	code = strings.ToLower(strings.TrimSpace(code))
	if code == "en" || strings.HasPrefix(code, "en-") || strings.HasPrefix(code, "en_") {
		return EN
	}
	return ZH
}

// Text is one message in both languages.
type Text struct {
	Zh string
	En string
}

// Catalog maps a message key to its text.
type Catalog map[string]Text

// T returns the text for key in lang, formatted with args when given. A
// missing key returns the key itself so that the gap is visible (and a test
// catches it) rather than an empty message.
func (c Catalog) T(lang Lang, key string, args ...any) string {
	t, ok := c[key]
	if !ok {
		return key
	}
	s := t.Zh
	if lang == EN && t.En != "" {
		s = t.En
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// Merge returns a catalog holding c's texts and the others'; a later
// catalog wins on a shared key.
func (c Catalog) Merge(others ...Catalog) Catalog {
	out := make(Catalog, len(c))
	for _, cat := range append([]Catalog{c}, others...) {
		for k, v := range cat {
			out[k] = v
		}
	}
	return out
}
