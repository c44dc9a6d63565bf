package forms

import (
	"strings"
	"unicode"
)

// Line breaking for mixed Chinese and Latin text
//
// fpdf's MultiCell drops a character at each break in CJK text, so the
// engine breaks lines itself, a small subset of UAX #14 with the Chinese
// rules for punctuation (禁则):
//
//   - A break may come after spaces, and before or after an ideograph (or
//     any other character of the CJK ranges and beyond, emoji included).
//   - Never before closing punctuation (，。、；：？！）」』】》… and the
//     Latin ,.;:!?)]}%), even after spaces: no line starts with it.
//   - Never after opening punctuation (（「『【《 “ ‘ ([{ ¥$).
//   - Never inside a run of Latin letters, digits and their punctuation
//     ("¥1,280.00", "010-8888-6666"), except after a hyphen between letters.
//   - A unit wider than the line alone (a very long word or number) is cut
//     between characters, still keeping closing punctuation off the start
//     of a line.
//
// Lines keep their trailing spaces, so that joining them gives back the
// input exactly: no character is ever dropped or added.

type breakClass uint8

const (
	clsAL breakClass = iota // Latin letters, digits, symbols
	clsID                   // ideographs and the like: break on both sides
	clsCL                   // closing punctuation: no break before
	clsOP                   // opening punctuation: no break after
	clsSP                   // space: break after
)

// closing is the punctuation no line may start with.
const closing = ",.;:!?)]}%" +
	"，。、；：？！）」』】》〉〕］｝〗〙〛〞’”…‥·・ー々〻" +
	"ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ" +
	"．，：；！？％＂＇｡｣､･" + "‰℃°′″"

// opening is the punctuation no line may end with.
const opening = "([{¥$£€" + "（「『【《〈〔［｛〖〘〚〝‘“＄￥＜"

func classOf(r rune) breakClass {
	switch {
	case r == ' ' || r == '\u3000':
		return clsSP
	case r < 0x80:
		if strings.ContainsRune(",.;:!?)]}%", r) {
			return clsCL
		}
		if strings.ContainsRune("([{$", r) {
			return clsOP
		}
		return clsAL
	case strings.ContainsRune(closing, r):
		return clsCL
	case strings.ContainsRune(opening, r):
		return clsOP
	case r >= 0x2E80 || unicode.Is(unicode.Han, r):
		return clsID
	}
	return clsAL
}

// wideClosing reports whether r is CJK closing punctuation, after which a
// line may break even with no space ("好，Go" may break after "，"; "1,280"
// may not break after ",", nor "don’t" after "’").
func wideClosing(r rune) bool { return r >= 0x2E80 && classOf(r) == clsCL }

// canBreakBefore reports whether a line may break before runes[i] (i > 0).
// prev[i] is the index of the last non-space rune before i, -1 if none.
func canBreakBefore(runes []rune, prev []int, i int) bool {
	c := classOf(runes[i])
	if c == clsSP || c == clsCL {
		return false
	}
	j := prev[i]
	if j < 0 {
		return false // only spaces before: they indent the first unit
	}
	sp := j < i-1
	p := classOf(runes[j])
	switch {
	case sp:
		return true
	case p == clsOP:
		return false
	case p == clsID || c == clsID:
		return true
	case p == clsCL:
		return wideClosing(runes[j])
	case c == clsOP:
		return false
	}
	// Two Latin characters: only after a hyphen between letters.
	return runes[j] == '-' && j > 0 && unicode.IsLetter(runes[j-1]) && unicode.IsLetter(runes[i])
}

// wrap breaks text into lines no wider than maxW, measuring each rune with
// width (any unit, the same as maxW). A newline in text ends a line and is
// not part of any line; otherwise joining the lines gives back text: no rune
// is dropped or added, trailing spaces stay at the end of their line and do
// not count towards its width. An empty paragraph is an empty line.
func wrap(text string, maxW int64, width func(rune) int32) []string {
	var lines []string
	for para := range strings.SplitSeq(text, "\n") {
		lines = wrapPara(lines, []rune(para), maxW, width)
	}
	return lines
}

func wrapPara(lines []string, runes []rune, maxW int64, width func(rune) int32) []string {
	if len(runes) == 0 {
		return append(lines, "")
	}
	prev := make([]int, len(runes))
	last := -1
	for i, r := range runes {
		prev[i] = last
		if classOf(r) != clsSP {
			last = i
		}
	}
	lineStart := 0
	var lineW int64    // width of the line up to its last unit's content
	var pendingW int64 // width of the spaces after the last unit
	empty := true
	i := 0
	for i < len(runes) {
		// The next unit: content up to the next break opportunity, with
		// its trailing spaces.
		j := i + 1
		for j < len(runes) && !canBreakBefore(runes, prev, j) {
			j++
		}
		k := j // content is runes[i:k], spaces runes[k:j]
		for k > i+1 && classOf(runes[k-1]) == clsSP {
			k--
		}
		if k == i+1 && classOf(runes[i]) == clsSP {
			k = i // a unit of spaces only (leading spaces of a paragraph)
		}
		var cw, sw int64
		for _, r := range runes[i:k] {
			cw += int64(width(r))
		}
		for _, r := range runes[k:j] {
			sw += int64(width(r))
		}
		switch {
		case empty && cw <= maxW, !empty && lineW+pendingW+cw <= maxW:
			lineW += pendingW + cw
			pendingW = sw
			empty = false
		case !empty && cw <= maxW:
			lines = append(lines, string(runes[lineStart:i]))
			lineStart, lineW, pendingW = i, cw, sw
		default:
			// The unit alone is wider than a line: cut it.
			if !empty {
				lines = append(lines, string(runes[lineStart:i]))
				lineStart = i
			}
			lineW = 0
			for p := i; p < k; p++ {
				w := int64(width(runes[p]))
				if lineW+w > maxW && p > lineStart {
					cut := p
					// Keep closing punctuation off the new line's start.
					for cut > lineStart+1 && classOf(runes[cut]) == clsCL {
						cut--
					}
					if classOf(runes[cut]) == clsCL {
						// Nothing but closing punctuation since the line's
						// first rune: no good break exists; cut at the edge.
						cut = p
					}
					lines = append(lines, string(runes[lineStart:cut]))
					lineStart, lineW = cut, 0
					for q := cut; q < p; q++ {
						lineW += int64(width(runes[q]))
					}
				}
				lineW += w
			}
			pendingW = sw
		}
		empty = false
		i = j
	}
	return append(lines, string(runes[lineStart:]))
}
