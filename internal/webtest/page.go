package webtest

import (
	"strings"
	"testing"
)

// MustContain fails unless body holds every string.
func MustContain(tb testing.TB, what string, body string, subs ...string) {
	tb.Helper()
	for _, s := range subs {
		if !strings.Contains(body, s) {
			tb.Errorf("%s: missing %q", what, s)
		}
	}
}

// MustNotContain fails when body holds any of the strings.
func MustNotContain(tb testing.TB, what string, body string, subs ...string) {
	tb.Helper()
	for _, s := range subs {
		if s != "" && strings.Contains(body, s) {
			tb.Errorf("%s: must not contain %q", what, s)
		}
	}
}
