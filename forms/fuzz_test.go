package forms

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// Customer names, notes and complaints reach the forms as outside input:
// wrapping any text keeps every rune and never panics.
func FuzzWrap(f *testing.F) {
	for _, s := range []string{longZh, longMixed, longRare, "", " ", "\n\n", "，，，，", "（（（（", "a-b-c", "       x", "\x00\xff"} {
		f.Add(s, int64(5000))
	}
	fs := testEngine(f).fonts
	width := func(r rune) int32 { return fs.runeWidth(r, false) }
	f.Fuzz(func(t *testing.T, text string, maxW int64) {
		if !utf8.ValidString(text) || maxW < 1000 || maxW > 1e7 {
			t.Skip()
		}
		lines := wrap(text, maxW, width)
		if got, want := []rune(strings.Join(lines, "")), []rune(strings.ReplaceAll(text, "\n", "")); !slices.Equal(got, want) {
			t.Fatalf("runes changed: %q → %q", text, lines)
		}
	})
}

// Any text in any block prints: no panic, no error, and a PDF.
func FuzzDocumentText(f *testing.F) {
	for _, s := range []string{longZh, longRare, "", "\t\r\n", "(\\)", "😀"} {
		f.Add(s)
	}
	e := testEngine(f)
	f.Fuzz(func(t *testing.T, text string) {
		d := e.NewDoc(DocOptions{Shop: Shop{Name: text}, Title: Title{Zh: text, En: text}, Number: text})
		d.Fields(2, Field{Label: text, Value: text}, Field{Label: "x", Value: text, Span: 2})
		d.Paragraph(text, Style{})
		d.Table(Table{Columns: []Column{{Title: text}, {Title: "b"}}, Rows: [][]string{{text, text}}})
		d.BarChart(BarChart{Title: text, Bars: []Bar{{Label: text, Value: 1}}})
		d.Checklist(3, Check{Label: text, Checked: true})
		d.Signatures(text)
		pdf, err := d.Bytes()
		if err != nil || len(pdf) == 0 {
			t.Fatalf("%q: %d bytes, %v", text, len(pdf), err)
		}
	})
}
