// Package frontoffice is the domain of the front office of an after-sales
// installation and service shop: its types, the manual's rules as pure
// functions of an injected clock, the texts customers and staff read, and the
// errors every door maps to the user's language.
//
// Rules from docs/rules.md are cited by ID next to the code that
// keeps them (for example "APT-5"), so that grep leads from a rule to its code
// and its tests. The packages around this one (data, bot, kiosk, scheduler,
// forms) depend on it; it depends on none of them.
package frontoffice

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Clock tells the current time. Every rule takes its time from a Clock so
// that tests can drive it.
type Clock interface {
	Now() time.Time
}

// SystemClock is the wall clock.
type SystemClock struct{}

// Now returns time.Now().
func (SystemClock) Now() time.Time { return time.Now() }

// Error codes. A door maps them to its own status (HTTP code, chat reply).
const (
	EINVALID   = "invalid"   // the input breaks a rule; nothing changed
	ENOTFOUND  = "not_found" // the thing asked for does not exist
	ECONFLICT  = "conflict"  // the state moved on (slot taken, stale button)
	EFORBIDDEN = "forbidden" // the caller may not do this
	EINTERNAL  = "internal"  // our fault; logged, user gets an apology
)

// Error is a domain error. Key names a text in Texts that explains the error
// to the user in their language; Args fill its verbs.
type Error struct {
	Code string
	Key  string
	Args []any
	Err  error // the cause, if any
}

func (e *Error) Error() string {
	msg := e.Key
	if len(e.Args) > 0 {
		msg += fmt.Sprint(e.Args...)
	}
	if e.Err != nil {
		return e.Code + ": " + msg + ": " + e.Err.Error()
	}
	return e.Code + ": " + msg
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and text key.
func Errorf(code, key string, args ...any) *Error {
	return &Error{Code: code, Key: key, Args: args}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorText returns the message for err in lang: the error's own text when
// it is an *Error with a known key, a generic apology otherwise (internal
// details are never shown to users).
func ErrorText(lang Lang, err error) string {
	var e *Error
	if errors.As(err, &e) && e.Code != EINTERNAL {
		if _, ok := Texts[e.Key]; ok {
			return Texts.T(lang, e.Key, e.Args...)
		}
	}
	return Texts.T(lang, "err.internal")
}

// Common errors.
var (
	ErrNotFound   = Errorf(ENOTFOUND, "err.not_found")
	ErrSlotTaken  = Errorf(ECONFLICT, "err.slot_taken")
	ErrStale      = Errorf(ECONFLICT, "err.stale")
	ErrForbidden  = Errorf(EFORBIDDEN, "err.forbidden")
	ErrNotAllowed = Errorf(ECONFLICT, "err.not_allowed")
	// ErrSlotRule is the family of a slot's broken rules (Settings.CheckSlot,
	// APT-1): past, off the grid, closed, outside hours, too soon, beyond
	// the horizon. errors.Is(err, ErrSlotRule) holds for each of them.
	ErrSlotRule = Errorf(EINVALID, "err.slot.")
)

// Is reports whether err carries the same code and key as target, so that
// errors.Is(err, ErrSlotTaken) holds for any slot-taken error. A target
// whose key ends in "." names a family: it matches every key of the same
// code that starts with it (ErrSlotRule).
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	if !ok || t.Code != e.Code {
		return false
	}
	if strings.HasSuffix(t.Key, ".") {
		return strings.HasPrefix(e.Key, t.Key)
	}
	return t.Key == e.Key
}
