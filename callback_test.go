package frontoffice

import (
	"errors"
	"fmt"
	"math"
	"testing"
)

// FuzzCallbackData: every callback-data encoder's output is read back by
// its parser to the same values, and fits Telegram's 64 bytes
// (MaxCallbackData); each parser accepts only what its encoder writes.
func FuzzCallbackData(f *testing.F) {
	f.Add(uint64(1), 1, 0, 1, uint8(0))
	f.Add(uint64(math.MaxUint64), MaxWorkItems, QComment, 0, uint8(3))
	f.Add(uint64(42), 7, QStaff, 5, uint8(1))
	f.Fuzz(func(t *testing.T, id uint64, n, q, score int, pick uint8) {
		if id == 0 {
			id = 1
		}
		fits := func(s string) {
			t.Helper()
			if len(s) > MaxCallbackData {
				t.Fatalf("%q is %d bytes, over %d", s, len(s), MaxCallbackData)
			}
		}

		aptActions := []string{AptMove, AptCancel}
		action := aptActions[int(pick)%len(aptActions)]
		s := AptButtonData(action, id)
		fits(s)
		if a, got, ok := ParseAptButton(s); !ok || a != action || got != id {
			t.Fatalf("%q parsed to %q %d %v", s, a, got, ok)
		}

		cmpActions := []string{CmpTake, CmpAnswer, CmpOK, CmpNo}
		action = cmpActions[int(pick)%len(cmpActions)]
		s = ComplaintData(action, id)
		fits(s)
		if a, got, ok := ParseComplaintData(s); !ok || a != action || got != id {
			t.Fatalf("%q parsed to %q %d %v", s, a, got, ok)
		}

		// NET-2, NET-3 (netb): a station's complaint answer, a claim's audit.
		s = StationComplaintData(ScmAnswer, id)
		fits(s)
		if a, got, ok := ParseStationComplaintData(s); !ok || a != ScmAnswer || got != id {
			t.Fatalf("%q parsed to %q %d %v", s, a, got, ok)
		}
		claimActions := []string{ClaimApprove, ClaimAdjust, ClaimRefuse}
		action = claimActions[int(pick)%len(claimActions)]
		s = ClaimData(action, id)
		fits(s)
		if a, got, ok := ParseClaimData(s); !ok || a != action || got != id {
			t.Fatalf("%q parsed to %q %d %v", s, a, got, ok)
		}

		callActions := []string{CallReached, CallNoReply, CallLater, CallNote}
		action = callActions[int(pick)%len(callActions)]
		s = CallData(action, id)
		fits(s)
		if a, got, ok := ParseCallData(s); !ok || a != action || got != id {
			t.Fatalf("%q parsed to %q %d %v", s, a, got, ok)
		}

		if n < 1 || n > MaxWorkItems {
			n = 1 + (n%MaxWorkItems+MaxWorkItems)%MaxWorkItems
		}
		approve := pick%2 == 0
		s = WorkButtonData(approve, id, n)
		fits(s)
		if ap, v, m, ok := ParseWorkButton(s); !ok || ap != approve || v != id || m != n {
			t.Fatalf("%q parsed to %v %d %d %v", s, ap, v, m, ok)
		}

		// Field jobs (FLD-1, FLD-3, FLD-4).
		fldActions := []string{FieldTaskArrival, FieldTaskCustomer, FieldTaskReceipt, FieldStepSign, FieldStepDispatch, FieldTravel}
		action = fldActions[int(pick)%len(fldActions)]
		s = FieldData(action, id)
		fits(s)
		if a, got, ok := ParseFieldData(s); !ok || a != action || got != id {
			t.Fatalf("%q parsed to %q %d %v", s, a, got, ok)
		}
		staff := fmt.Sprintf("t%0*d", 1+int(pick)%(MaxStaffID-1), n)
		if len(staff) > MaxStaffID {
			staff = staff[:MaxStaffID]
		}
		s = FieldTechData(id, staff)
		fits(s)
		if got, who, ok := ParseFieldTechData(s); !ok || got != id || who != staff {
			t.Fatalf("%q parsed to %d %q %v", s, got, who, ok)
		}

		secret := fmt.Sprintf("s%016d", n)
		s = FieldLinkPayload(id, secret)
		fits(s)
		if got, sec, ok := ParseFieldLink(s); !ok || got != id || sec != secret {
			t.Fatalf("%q parsed to %d %q %v", s, got, sec, ok)
		}
		fsActions := []string{FsCheckIn, FsProblem, FsSign, FsPaper, FsResolve} // FLD-5
		action = fsActions[int(pick)%len(fsActions)]
		s = FieldSiteData(action, id)
		fits(s)
		if a, got, ok := ParseFieldSiteData(s); !ok || a != action || got != id {
			t.Fatalf("%q parsed to %q %d %v", s, a, got, ok)
		}

		s = MaintButtonData(id)
		fits(s)
		if got, ok := ParseMaintButton(s); !ok || got != id {
			t.Fatalf("%q parsed to %d %v", s, got, ok)
		}

		s = DiscountButtonData(approve, id) // DEL-3
		fits(s)
		if ap, got, ok := ParseDiscountButton(s); !ok || ap != approve || got != id {
			t.Fatalf("%q parsed to %v %d %v", s, ap, got, ok)
		}

		s = SignButtonData(id) // INT-4
		fits(s)
		if got, ok := ParseSignButton(s); !ok || got != id {
			t.Fatalf("%q parsed to %d %v", s, got, ok)
		}

		q = (q%(QComment+1) + QComment + 1) % (QComment + 1)
		if q == QComment {
			score = 0
		} else {
			score = 1 + (score%5+5)%5
		}
		s = SurveyData(id, q, score)
		fits(s)
		if got, gq, gs, ok := ParseSurveyData(s); !ok || got != id || gq != q || gs != score {
			t.Fatalf("%q parsed to %d %d %d %v", s, got, gq, gs, ok)
		}

		// NET-4: a station check's survey; NET-1: a station chat's buttons.
		s = StationCheckData(id, score)
		fits(s)
		if got, gs, ok := ParseStationCheckData(s); !ok || got != id || gs != score {
			t.Fatalf("%q parsed to %d %d %v", s, got, gs, ok)
		}
		stActions := []string{"ok", "x", "day", "skip"}
		action = stActions[int(pick)%len(stActions)]
		arg := fmt.Sprintf("k3m9.%d-%d", n%1000, pick)
		s = StationData(id, action, arg)
		fits(s)
		if st, a, g, ok := ParseStationData(s); !ok || st != id || a != action || g != arg {
			t.Fatalf("%q parsed to %d %q %q %v", s, st, a, g, ok)
		}
	})
}

// FuzzParseCallbackData: what a parser accepts, its encoder writes back
// byte for byte (callback data comes from outside and may be forged).
func FuzzParseCallbackData(f *testing.F) {
	for _, s := range []string{"apt:mv:1", "apt:cx:42", "apt:xx:1", "apt:mv:01", "cmp:take:3", "cmp:ok:0", "call:later:9",
		"aw:ok:1:1", "aw:no:7:1000", "sv:1:4:0", "sv:1:0:6", "mt:book:3", "mt:book:0", "mt:bk:3", "sg:5", "sg:05", "sg:5:1", "dc:ok:3", "dc:maybe:3", "dc:no:03",
		"nck:7:5", "nck:7:6", "nck:07:1", "stn:3:ok:", "stn:3:day:ab.20261205", "stn:0:x:", "stn:3:OK:", "stn:3:ok:a:b",
		"fld:sign:4", "fld:disp:04", "fld:pick:4", "fldt:4:wu", "fldt:4:", "fldt:4:a:b", "fldt:4:李",
		"fs:in:1", "fs:rs:07", "fs:zz:1", "fs:sig:18446744073709551615",
		"scm:ans:4", "scm:ans:04", "scl:adj:5", "scl:ok:0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if a, id, ok := ParseAptButton(s); ok && AptButtonData(a, id) != s {
			t.Fatalf("apt %q accepted", s)
		}
		if a, id, ok := ParseComplaintData(s); ok && ComplaintData(a, id) != s {
			t.Fatalf("cmp %q accepted", s)
		}
		if a, id, ok := ParseCallData(s); ok && CallData(a, id) != s {
			t.Fatalf("call %q accepted", s)
		}
		if ap, v, n, ok := ParseWorkButton(s); ok && WorkButtonData(ap, v, n) != s {
			t.Fatalf("aw %q accepted", s)
		}
		if id, q, sc, ok := ParseSurveyData(s); ok && SurveyData(id, q, sc) != s {
			t.Fatalf("sv %q accepted", s)
		}
		if id, ok := ParseMaintButton(s); ok && MaintButtonData(id) != s {
			t.Fatalf("mt %q accepted", s)
		}
		if ap, id, ok := ParseDiscountButton(s); ok && DiscountButtonData(ap, id) != s {
			t.Fatalf("dc %q accepted", s)
		}
		if id, ok := ParseSignButton(s); ok && SignButtonData(id) != s {
			t.Fatalf("sg %q accepted", s)
		}
		if id, sc, ok := ParseStationCheckData(s); ok && StationCheckData(id, sc) != s {
			t.Fatalf("nck %q accepted", s)
		}
		if st, a, g, ok := ParseStationData(s); ok && StationData(st, a, g) != s {
			t.Fatalf("stn %q accepted", s)
		}
		if a, id, ok := ParseFieldData(s); ok && FieldData(a, id) != s {
			t.Fatalf("fld %q accepted", s)
		}
		if id, who, ok := ParseFieldTechData(s); ok && FieldTechData(id, who) != s {
			t.Fatalf("fldt %q accepted", s)
		}
		if a, id, ok := ParseFieldSiteData(s); ok && FieldSiteData(a, id) != s {
			t.Fatalf("fs %q accepted", s)
		}
		if a, id, ok := ParseStationComplaintData(s); ok && StationComplaintData(a, id) != s {
			t.Fatalf("scm %q accepted", s)
		}
		if a, id, ok := ParseClaimData(s); ok && ClaimData(a, id) != s {
			t.Fatalf("scl %q accepted", s)
		}
	})
}

// Every broken slot rule is one of the ErrSlotRule family (APT-1); a taken
// slot and other errors are not.
func TestErrSlotRule(t *testing.T) {
	for _, key := range []string{"err.slot.past", "err.slot.grid", "err.slot.closed", "err.slot.hours", "err.slot.lead", "err.slot.horizon"} {
		if err := fmt.Errorf("book: %w", Errorf(EINVALID, key, 15)); !errors.Is(err, ErrSlotRule) {
			t.Errorf("%s is not ErrSlotRule", key)
		}
	}
	for _, err := range []error{ErrSlotTaken, ErrNotFound, Errorf(ECONFLICT, "err.slot.past"), Errorf(EINVALID, "err.slots")} {
		if errors.Is(err, ErrSlotRule) {
			t.Errorf("%v is ErrSlotRule", err)
		}
	}
}
