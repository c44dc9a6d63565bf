package frontoffice

import (
	"fmt"
	"slices"
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
// catalog wins on a shared key. A door that merges its own screens over
// Texts this way should have a test that Duplicates finds nothing, so that
// no key is overridden unnoticed; MustMerge refuses a shared key outright.
func (c Catalog) Merge(others ...Catalog) Catalog {
	out := make(Catalog, len(c))
	for _, cat := range append([]Catalog{c}, others...) {
		for k, v := range cat {
			out[k] = v
		}
	}
	return out
}

// MustMerge is Merge for catalogs that must not share a key: it panics
// naming every key defined in more than one of c and others. Use it where
// the catalogs are literals of the program, so that a duplicate fails at
// start (and in every test), never in front of a customer.
func (c Catalog) MustMerge(others ...Catalog) Catalog {
	if dup := Duplicates(append([]Catalog{c}, others...)...); len(dup) > 0 {
		panic(fmt.Sprintf("frontoffice: text keys defined twice: %s", strings.Join(dup, ", ")))
	}
	return c.Merge(others...)
}

// Duplicates returns, sorted, the keys defined in more than one of cats;
// nil when every key is defined once.
func Duplicates(cats ...Catalog) []string {
	seen := make(map[string]int)
	var dup []string
	for _, cat := range cats {
		for k := range cat {
			if seen[k]++; seen[k] == 2 {
				dup = append(dup, k)
			}
		}
	}
	slices.Sort(dup)
	return dup
}

// Incomplete returns, sorted, the keys of c whose Chinese or English text
// is empty (blank counts as empty); nil when every key has both.
func (c Catalog) Incomplete() []string {
	var bad []string
	for k, t := range c {
		if k == "" || strings.TrimSpace(t.Zh) == "" || strings.TrimSpace(t.En) == "" {
			bad = append(bad, k)
		}
	}
	slices.Sort(bad)
	return bad
}
