package frontoffice

import (
	"strings"
	"time"
)

// ParsePhone normalises and validates a mainland mobile number: 11 digits
// starting 13-19, optionally written with a +86, 86 or 0086 prefix, spaces,
// dashes or full-width digits. It returns the 11 digits or an EINVALID
// *Error with key "err.phone".
func ParsePhone(s string) (string, error) {
	if len(s) > 64 {
		return "", Errorf(EINVALID, "err.phone")
	}
	var b strings.Builder
	plus := false
	for i, r := range s {
		switch {
		case r >= '０' && r <= '９':
			b.WriteByte(byte(r - '０' + '0'))
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' || r == '＋':
			if strings.TrimSpace(s[:i]) != "" {
				return "", Errorf(EINVALID, "err.phone")
			}
			plus = true
		case r == ' ' || r == '-' || r == '(' || r == ')' || r == '　' || r == '－' || r == '.':
		default:
			return "", Errorf(EINVALID, "err.phone")
		}
	}
	d := b.String()
	if plus && !strings.HasPrefix(d, "86") {
		return "", Errorf(EINVALID, "err.phone") // a number abroad
	}
	switch {
	case len(d) == 13 && strings.HasPrefix(d, "86"):
		d = d[2:]
	case len(d) == 15 && strings.HasPrefix(d, "0086"):
		d = d[4:]
	}
	if len(d) != 11 || d[0] != '1' || d[1] < '3' {
		return "", Errorf(EINVALID, "err.phone")
	}
	return d, nil
}

// MaskPhone hides the middle of a mobile number: 138****1234.
func MaskPhone(p string) string {
	if len(p) < 8 {
		return "****"
	}
	return p[:3] + strings.Repeat("*", len(p)-7) + p[len(p)-4:]
}

// ParseDate reads a calendar day as people type it: "2026-12-01",
// "2026/12/1", "12-01", "12月1日", "2026年12月1日", or "today"/"今天",
// "tomorrow"/"明天", "后天". Days without a year are the next such day on or
// after today. The result is midnight of that day in loc; an unreadable or
// impossible day is an EINVALID *Error with key "err.date".
func ParseDate(s string, now time.Time, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(strings.ToLower(s))
	now = now.In(loc)
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, loc)
	switch s {
	case "today", "今天", "今日":
		return today, nil
	case "tomorrow", "明天", "明日":
		return today.AddDate(0, 0, 1), nil
	case "后天":
		return today.AddDate(0, 0, 2), nil
	}
	if len(s) > 32 {
		return time.Time{}, Errorf(EINVALID, "err.date")
	}
	r := strings.NewReplacer("年", "-", "月", "-", "日", "", "号", "", "/", "-", ".", "-")
	parts := strings.Split(r.Replace(s), "-")
	nums := make([]int, 0, 3)
	for _, p := range parts {
		if p == "" || len(p) > 4 {
			return time.Time{}, Errorf(EINVALID, "err.date")
		}
		n := 0
		for _, c := range p {
			if c < '0' || c > '9' {
				return time.Time{}, Errorf(EINVALID, "err.date")
			}
			n = n*10 + int(c-'0')
		}
		nums = append(nums, n)
	}
	var y, m, d int
	switch len(nums) {
	case 3:
		y, m, d = nums[0], nums[1], nums[2]
		if len(parts[0]) != 4 {
			return time.Time{}, Errorf(EINVALID, "err.date")
		}
	case 2:
		y, m, d = today.Year(), nums[0], nums[1]
	default:
		return time.Time{}, Errorf(EINVALID, "err.date")
	}
	if m < 1 || m > 12 || d < 1 || d > 31 || y < 2000 || y > 2200 {
		return time.Time{}, Errorf(EINVALID, "err.date")
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, loc)
	if t.Day() != d { // 2月30日 and the like
		return time.Time{}, Errorf(EINVALID, "err.date")
	}
	if len(nums) == 2 && t.Before(today) {
		t = time.Date(y+1, time.Month(m), d, 0, 0, 0, 0, loc)
		if t.Day() != d {
			return time.Time{}, Errorf(EINVALID, "err.date")
		}
	}
	return t, nil
}
