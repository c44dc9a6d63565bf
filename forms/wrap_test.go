package forms

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

var (
	testEngineOnce sync.Once
	testEngineVal  *Engine
	testEngineErr  error
)

// testEngine returns one Engine shared by the tests (it is safe for
// concurrent use; parsing the fonts once keeps the tests fast).
// testPrintTime is the print time of every document the tests make.
var testPrintTime = time.Date(2026, 11, 27, 9, 0, 0, 0, time.FixedZone("CST", 8*3600))

func testEngine(t testing.TB) *Engine {
	t.Helper()
	testEngineOnce.Do(func() {
		testEngineVal, testEngineErr = New(nil)
		if testEngineErr == nil {
			// Every test prints on a fixed clock: 打印时间 is 2026-11-27 09:00.
			testEngineVal.now = func() time.Time { return testPrintTime }
		}
	})
	if testEngineErr != nil {
		t.Fatal(testEngineErr)
	}
	return testEngineVal
}

// checkWrap wraps text at maxW em/1000 with the engine's regular metrics
// and checks the line-breaking contract: the lines joined give back the
// text (no rune dropped or added); no line is wider than maxW unless it is
// a single unbreakable rune; in a single paragraph, no line but the first
// starts with closing punctuation; and every Latin word (a space-separated
// token with no ideograph, cut after its hyphens) that fits a line is on
// one line.
func checkWrap(t *testing.T, text string, maxW int64) []string {
	t.Helper()
	fs := testEngine(t).fonts
	width := func(r rune) int32 { return fs.runeWidth(r, false) }
	strWidth := func(s string) (w int64) {
		for _, r := range s {
			w += int64(width(r))
		}
		return w
	}
	lines := wrap(text, maxW, width)
	want := []rune(strings.ReplaceAll(text, "\n", ""))
	got := []rune(strings.Join(lines, ""))
	if !slices.Equal(got, want) {
		t.Fatalf("runes changed by wrapping:\n got %q\nwant %q", string(got), string(want))
	}
	for i, l := range lines {
		if w := strWidth(strings.TrimRight(l, " \u3000")); w > maxW && utf8.RuneCountInString(strings.TrimRight(l, " ")) > 1 {
			t.Errorf("line %d %q is %d wide, more than %d", i, l, w, maxW)
		}
		if r, _ := utf8.DecodeRuneInString(l); i > 0 && !strings.Contains(text, "\n") && classOf(r) == clsCL {
			t.Errorf("line %d %q starts with closing punctuation", i, l)
		}
	}
	for _, tok := range strings.Fields(text) {
		if strings.ContainsFunc(tok, func(r rune) bool { return classOf(r) == clsID }) {
			continue
		}
		for _, part := range splitHyphens(tok) {
			if strWidth(part) > maxW {
				continue
			}
			found := false
			for _, l := range lines {
				found = found || strings.Contains(l, part)
			}
			if !found {
				t.Errorf("Latin word %q split across lines: %q", part, lines)
			}
		}
	}
	return lines
}

// splitHyphens cuts a token after each hyphen between two letters.
func splitHyphens(tok string) []string {
	var parts []string
	r := []rune(tok)
	start := 0
	for i := 1; i+1 < len(r); i++ {
		if r[i] == '-' && unicode.IsLetter(r[i-1]) && unicode.IsLetter(r[i+1]) {
			parts = append(parts, string(r[start:i+1]))
			start = i + 1
		}
	}
	return append(parts, string(r[start:]))
}

func TestWrapLongChinese(t *testing.T) {
	text := "接待人员应主动告诉并引导客户到收银处办理出厂手续，领取出厂通知单；如有我方诊断或估价的，还应通知客户交纳诊断费或估价费。" +
		"预约时间临近时，应提前半天或一天通知客户预约时间，以免遗忘。跟踪电话时，要文明礼貌，尊重客户，在客户方便时与之通话，不可强求。"
	lines := checkWrap(t, text, 12000) // 12 ideographs a line
	if len(lines) < 8 {
		t.Fatalf("expected many lines, got %d: %q", len(lines), lines)
	}
	for _, l := range lines[:len(lines)-1] {
		// A full line holds 11 or 12 ideographs (one moves down when the
		// next line would start with punctuation).
		if n := utf8.RuneCountInString(l); n < 10 || n > 12 {
			t.Errorf("line %q has %d runes", l, n)
		}
	}
}

func TestWrapMixed(t *testing.T) {
	text := "您好，泰远汽车安装服务中心 Taiyuan Auto Installation Center 已为您确认预约：车牌京A·12345，项目 Parking sensor installation ¥1,280.00，电话 010-8888-6666。"
	for _, w := range []int64{5000, 8000, 13000, 20000, 40000} {
		lines := checkWrap(t, text, w)
		for _, word := range []string{"Taiyuan", "Installation", "A·12345", "¥1,280.00", "010-8888-6666", "sensor"} {
			// The word with the punctuation glued to it.
			if int64(testEngine(t).fonts.width(word, false))+1000 <= w && !containsWhole(lines, word) {
				t.Errorf("width %d: %q split across lines: %q", w, word, lines)
			}
		}
	}
}

// containsWhole reports whether some line contains word.
func containsWhole(lines []string, word string) bool {
	for _, l := range lines {
		if strings.Contains(l, word) {
			return true
		}
	}
	return false
}

func TestWrapClosingPunctuationAtBreak(t *testing.T) {
	// Exactly 10 ideographs fit; the 11th rune of each sentence is a
	// closing mark, so the break must move one ideograph down with it.
	text := "一二三四五六七八九十。一二三四五六七八九十」」、甲乙丙丁戊己庚辛壬癸！"
	lines := checkWrap(t, text, 10000)
	for _, l := range lines[1:] {
		r, _ := utf8.DecodeRuneInString(l)
		if classOf(r) == clsCL {
			t.Errorf("line starts with %q: %q", r, lines)
		}
	}
	if lines[0] != "一二三四五六七八九" {
		t.Errorf("first line %q, want the ninth ideograph to carry the 。 down", lines[0])
	}
	// Latin punctuation after a space is kept on the same line too.
	lines = checkWrap(t, "word word word word word , ; : ! ? ) word word", 7000)
	if !containsWhole(lines, "word , ; : ! ? )") {
		t.Errorf("punctuation after a space moved to a new line: %q", lines)
	}
	// Opening punctuation never ends a line.
	lines = checkWrap(t, "一二三四五六七八九（十一）", 10000)
	for _, l := range lines {
		if strings.HasSuffix(l, "（") {
			t.Errorf("line ends with opening punctuation: %q", lines)
		}
	}
}

func TestWrapLongLatinWord(t *testing.T) {
	long := "Pneumonoultramicroscopicsilicovolcanoconiosis"
	text := "The word " + long + " is long, and so is https://example.com/a/very/long/path/that/has/no/spaces/at/all."
	lines := checkWrap(t, text, 8000) // checks that short words stay whole
	if lines[0] != "The word " {
		t.Errorf("first line %q, want the long word to start a new line", lines[0])
	}
	// Only the units wider than a line are cut.
	cut := 0
	for _, l := range lines {
		if !strings.HasSuffix(l, " ") {
			cut++
		}
	}
	if cut < 4 {
		t.Errorf("expected the two long units to be cut over several lines: %q", lines)
	}
	// A word that fits is not split, even after a long one.
	lines = checkWrap(t, "Installation installation installation", 9000)
	for _, l := range lines {
		if w := strings.TrimSpace(l); !strings.EqualFold(w, "installation") {
			t.Errorf("unexpected line %q in %q", l, lines)
		}
	}
	// Hyphenated words may break after the hyphen.
	lines = checkWrap(t, "anti-collision anti-collision", 5000)
	if lines[0] != "anti-" {
		t.Errorf("lines %q, want a break after the hyphen", lines)
	}
}

func TestWrapRareCharacter(t *testing.T) {
	// 𠀋 (Extension B) and emoji are in no embedded font: they are measured
	// as the replacement and never dropped.
	text := "客户姓名：𠀋先生😀，车牌京A·12345。😀😀😀😀😀😀😀😀😀😀😀😀"
	lines := checkWrap(t, text, 5000)
	if n := strings.Count(strings.Join(lines, ""), "😀"); n != 13 {
		t.Errorf("%d emoji after wrapping, want 13", n)
	}
}

func TestWrapNewlinesAndSpaces(t *testing.T) {
	lines := checkWrap(t, "第一段\n\n  indented second paragraph\n   ", 20000)
	want := []string{"第一段", "", "  indented second paragraph", "   "}
	if !slices.Equal(lines, want) {
		t.Errorf("lines %q, want %q", lines, want)
	}
	// Trailing spaces stay on their line and do not push a word down.
	lines = checkWrap(t, "aaaa bbbb      cccc", 4000)
	if !slices.Equal(lines, []string{"aaaa ", "bbbb      ", "cccc"}) {
		t.Errorf("lines %q", lines)
	}
}
