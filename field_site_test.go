package frontoffice

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func siteSettings() *Settings {
	st := DefaultSettings()
	st.StaffChats = []int64{-100}
	st.Staff = append(st.Staff,
		StaffMember{ID: "tech", Name: "王工", TelegramUserID: 9001, Roles: []string{RoleTechnician}},
		StaffMember{ID: "offline", Name: "孙工", Roles: []string{RoleTechnician}},
		StaffMember{ID: "chief", Name: "陈总工", Roles: []string{RoleChiefEngineer}},
		StaffMember{ID: "fin", Name: "财务刘", TelegramUserID: 9003, Roles: []string{RoleFinance}})
	st.Labour = []LabourStandard{{Code: "LIFT", NameZh: "举升机", InstallMinutes: 90}}
	st.LabourRates = []RegionRate{{HourlyRate: 12000}}
	return &st
}

// FLD-5: only the dispatched technician checks in, once; the log takes
// entries only on site; the acceptance needs a signature; the contract is
// fulfilled when accepted with no problem open.
func TestFieldJobOnSiteRulesFLD5(t *testing.T) {
	now := time.Date(2026, 12, 7, 1, 0, 0, 0, time.UTC)
	j := FieldJob{ID: 7, Number: "AZ-20261207-007", Stage: FieldDispatched, Dispatch: FieldDispatch{Technician: "tech"}}
	if err := j.AddLog(FieldLogEntry{At: now, By: "tech", Text: "x"}); err == nil {
		t.Fatal("log before check-in")
	}
	if err := j.CheckIn("offline", now); !errors.Is(err, ErrForbidden) {
		t.Fatalf("check-in by another technician: %v", err)
	}
	if err := j.CheckIn("tech", now); err != nil || j.Stage != FieldOnSite {
		t.Fatal(err)
	}
	if err := j.CheckIn("tech", now); err == nil {
		t.Fatal("checked in twice")
	}
	if err := j.AddLog(FieldLogEntry{At: now, By: "tech", Text: strings.Repeat("字", MaxFieldLogText+1)}); ErrorCode(err) != EINVALID {
		t.Fatalf("long entry: %v", err)
	}
	if err := j.AddLog(FieldLogEntry{At: now, By: "tech", FileID: 3}); err != nil {
		t.Fatalf("a photo without caption: %v", err)
	}
	if err := j.Accept(Signature{Via: SignedOnPad, At: now}, 0); ErrorCode(err) != EINVALID {
		t.Fatalf("pad signature without strokes: %v", err)
	}
	j.Site.OpenProblems = 1
	if err := j.Accept(Signature{Via: SignedOnPad, At: now.Add(26 * time.Hour), PNG: []byte{1}}, 0); err != nil {
		t.Fatal(err)
	}
	if j.Fulfilled() {
		t.Fatal("fulfilled with a problem open")
	}
	j.Site.OpenProblems = 0
	if !j.Fulfilled() {
		t.Fatal("not fulfilled once the problem is resolved")
	}
	// 09:00 on the 7th to 11:00 on the 8th, Shanghai: two days on site.
	if d := j.DaysOnSite(siteSettings().Location()); d != 2 {
		t.Fatalf("days on site: %d", d)
	}
}

// FLD-5: what the dispatch says — the technician's job with the check-in
// button, or a call for the reception; finance's figures with the labour
// standard's cost.
func TestFieldSiteMessagesFLD5(t *testing.T) {
	st := siteSettings()
	j := FieldJob{ID: 7, Number: "AZ-20261207-007", Stage: FieldDispatched, Equipment: "举升机", Product: "LIFT",
		Customer: FieldCustomer{Company: "华东汽修", Address: "苏州 1 号", Contact: "赵经理", Phone: "13900001111", Route: "G2"},
		Dispatch: FieldDispatch{Technician: "tech"}}
	n := FieldSiteDispatchNotices(st, j)
	if len(n.Calls) != 0 || len(n.Messages) != 1 || n.Messages[0].ChatID != 9001 ||
		n.Messages[0].Buttons[0][0].Data != FieldSiteData(FsCheckIn, 7) {
		t.Fatalf("linked technician: %+v", n)
	}
	for _, part := range []string{"华东汽修", "苏州 1 号", "赵经理", "13900001111", "G2"} {
		if !strings.Contains(n.Messages[0].Text, part) {
			t.Errorf("the job lacks %q", part)
		}
	}
	j.Dispatch.Technician = "offline"
	n = FieldSiteDispatchNotices(st, j)
	if len(n.Calls) != 1 || !strings.Contains(n.Calls[0].Text, "孙工") || len(n.Messages) != 1 || n.Messages[0].ChatID != -100 {
		t.Fatalf("technician without Telegram: %+v", n)
	}
	// The chief engineer is not on Telegram: the copies go to the staff chats.
	j.Stage, j.Site.Log = FieldAccepted, []FieldLogEntry{{Text: "x"}}
	if m := FieldAcceptedMessages(st, j); len(m) != 2 || m[0].ChatID != -100 || m[0].Document.Kind != DocFieldAcceptance || m[1].Document.Kind != DocFieldLog {
		t.Fatalf("copies: %+v", m)
	}
	j.Site.CheckedInAt = time.Date(2026, 12, 7, 1, 0, 0, 0, time.UTC)
	j.Site.ClosedAt = j.Site.CheckedInAt.Add(3 * time.Hour)
	m := FieldClosedMessages(st, j)
	// 90 minutes at ¥120.00 an hour.
	if len(m) != 1 || m[0].ChatID != 9003 || !strings.Contains(m[0].Text, "¥180.00") || !strings.Contains(m[0].Text, "现场 1 天") {
		t.Fatalf("finance: %+v", m)
	}
	for _, msg := range append(FieldDispatchedMessages(st, j), m...) {
		if len(msg.Text) > MaxTextLen {
			t.Errorf("%s over Telegram's limit", msg.Key)
		}
	}
}
