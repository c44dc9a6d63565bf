package frontoffice

import (
	"strings"
	"unicode/utf8"
)

// provinces are the one-character abbreviations that start a mainland plate.
const provinces = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"

// ParsePlate normalises and validates a mainland licence plate. It accepts an
// ordinary plate (province, letter, 5 letters or digits: 京A12345) and a
// new-energy plate (province, letter, 6: 粤BD12345 or 粤B12345D); separators
// (spaces, "·", "-", ".") are dropped, letters upper-cased and full-width
// forms folded. It returns the plate without separator ("粤BD12345") or an
// EINVALID *Error with key "err.plate".
func ParsePlate(s string) (string, error) {
	if len(s) > 64 {
		return "", Errorf(EINVALID, "err.plate")
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'Ａ' && r <= 'Ｚ':
			r = r - 'Ａ' + 'A'
		case r >= 'ａ' && r <= 'ｚ':
			r = r - 'ａ' + 'A'
		case r >= '０' && r <= '９':
			r = r - '０' + '0'
		case r >= 'a' && r <= 'z':
			r = r - 'a' + 'A'
		}
		switch r {
		case ' ', '\t', '·', '•', '・', '-', '.', '。', '－', '　', '_':
			continue
		}
		b.WriteRune(r)
	}
	p := b.String()
	first, size := utf8.DecodeRuneInString(p)
	if first == utf8.RuneError || !strings.ContainsRune(provinces, first) {
		return "", Errorf(EINVALID, "err.plate")
	}
	rest := p[size:]
	if len(rest) < 6 || !isPlateLetter(rest[0]) {
		return "", Errorf(EINVALID, "err.plate")
	}
	tail := rest[1:]
	for i := 0; i < len(tail); i++ {
		if !isPlateLetter(tail[i]) && !isDigit(tail[i]) {
			return "", Errorf(EINVALID, "err.plate")
		}
	}
	switch len(tail) {
	case 5: // ordinary plate
		return p, nil
	case 6: // new-energy plate
		small := strings.IndexByte("ABCDEFGHJK", tail[0]) >= 0 && allDigits(tail[2:])
		large := allDigits(tail[:5]) && (tail[5] == 'D' || tail[5] == 'F')
		if small || large {
			return p, nil
		}
	}
	return "", Errorf(EINVALID, "err.plate")
}

// isPlateLetter reports whether c is a plate letter: A-Z without I and O,
// which plates never use because they read as 1 and 0.
func isPlateLetter(c byte) bool { return c >= 'A' && c <= 'Z' && c != 'I' && c != 'O' }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

// FormatPlate writes a normalised plate with the usual dot: 京A·12345.
func FormatPlate(p string) string {
	_, size := utf8.DecodeRuneInString(p)
	if len(p) < size+2 {
		return p
	}
	return p[:size+1] + "·" + p[size+1:]
}

// MaskPlate hides all but the region and the last two characters of a
// normalised plate: 京A·***45 (8-character plates: 粤B·****45). Kiosk and
// board show plates only this way.
func MaskPlate(p string) string {
	_, size := utf8.DecodeRuneInString(p)
	if len(p) < size+3 {
		return "***"
	}
	tail := p[size+1:]
	return p[:size+1] + "·" + strings.Repeat("*", len(tail)-2) + tail[len(tail)-2:]
}
