package frontoffice

import "testing"

// Enrolment codes read as typed; anything else is not a code.
func TestEnrolCode(t *testing.T) {
	code := NewEnrolCode([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 30})
	if code != "ABCDE-FGHJ9" {
		t.Fatalf("code %q", code)
	}
	for in, want := range map[string]string{code: code, "abcde fghj9": code, " ABCDEFGHJ9 ": code, "ab-cde-fghj-9": code,
		"ABCDE-FGHJ0": "", "ABCDE-FGHJ": "", "ABCDE-FGHJ99": "", "<script>": "", "": ""} {
		if got := NormalizeEnrolCode(in); got != want {
			t.Errorf("NormalizeEnrolCode(%q) = %q, want %q", in, got, want)
		}
	}
	if _, err := ParseDeviceName(""); err == nil {
		t.Error("empty device name")
	}
	if n, err := ParseDeviceName(" 大厅  1 号机 "); err != nil || n != "大厅 1 号机" {
		t.Errorf("device name %q %v", n, err)
	}
}

// ARC-2: a typed phone or plate on file makes a kiosk record pending, and
// is itself recorded provisionally; nothing on file, nothing pending.
func TestKioskMatchARC2(t *testing.T) {
	for _, c := range []struct{ phone, plate, pending, guestC, guestV bool }{
		{false, false, false, false, false},
		{true, false, true, true, false},
		{false, true, true, false, true},
		{true, true, true, true, true},
	} {
		p, gc, gv := KioskMatch(c.phone, c.plate)
		if p != c.pending || gc != c.guestC || gv != c.guestV {
			t.Errorf("KioskMatch(%v, %v) = %v %v %v", c.phone, c.plate, p, gc, gv)
		}
	}
}
