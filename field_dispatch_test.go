package frontoffice

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// FLD-1: a new job's input is checked field by field; the shipping day is
// not in the future.
func TestNewFieldJobFLD1(t *testing.T) {
	st := DefaultSettings()
	now := time.Date(2026, 11, 27, 1, 0, 0, 0, time.UTC)
	ok := FieldJobInput{Customer: FieldCustomer{Company: " 华北重工 ", Address: "天津", Contact: "陈工", Phone: "022-6688 1234 转 8"}, Equipment: "雷达"}
	j, err := NewFieldJob(&st, ok, "staff:li", now)
	if err != nil || j.Customer.Company != "华北重工" || j.Stage != FieldShipped || j.Lang != ZH || len(j.OpenTasks()) != 3 {
		t.Fatalf("%v %+v", err, j)
	}
	for field, in := range map[string]FieldJobInput{
		"company": {Customer: FieldCustomer{Address: "a", Contact: "c", Phone: "12345"}, Equipment: "e"},
		"phone":   {Customer: FieldCustomer{Company: "x", Address: "a", Contact: "c", Phone: "12"}, Equipment: "e"},
		"product": {Customer: ok.Customer, Equipment: "e", Product: "NOPE"},
		"shipped": {Customer: ok.Customer, Equipment: "e", Shipped: "2026-12-01"},
	} {
		var fe *FieldError
		if _, err := NewFieldJob(&st, in, "staff:li", now); !errors.As(err, &fe) || fe.Field != field {
			t.Errorf("%s: %v", field, err)
		}
	}
}

// FLD-4: back the same day (shop zone) is an out-of-office slip, later a
// business trip.
func TestIsFieldTripFLD4(t *testing.T) {
	st := DefaultSettings()
	loc := st.Location()
	at := func(d, h int) time.Time { return time.Date(2026, 11, d, h, 0, 0, 0, loc) }
	for _, c := range []struct {
		dep, ret time.Time
		trip     bool
	}{{at(30, 8), at(30, 23), false}, {at(30, 8), at(31, 1), true}, {at(30, 0), at(30, 23), false}} {
		if got := IsFieldTrip(FieldDispatchForm{Departure: c.dep.UTC(), Return: c.ret.UTC()}, loc); got != c.trip {
			t.Errorf("%v – %v: trip %v", c.dep, c.ret, got)
		}
	}
}

// Job numbers are found in the bot's messages a staff member replies to;
// the contact's deep-link payload reads back (FLD-1, FLD-2).
func TestFieldJobNoIn(t *testing.T) {
	for s, want := range map[string]string{
		"任务 AZ-20261127-001\n客户": "AZ-20261127-001", "AZ-2026112-001 AZ-20261127-012": "AZ-20261127-012", "AZ-": "", "no job": "",
	} {
		if got := FieldJobNoIn(s); got != want {
			t.Errorf("%q: %q, want %q", s, got, want)
		}
	}
	if _, _, ok := ParseFieldLink("fj1_short"); ok {
		t.Error("a short secret accepted")
	}
	if id, sec, ok := ParseFieldLink("fj12_abc_DEF-1234"); !ok || id != 12 || sec != "abc_DEF-1234" {
		t.Errorf("parsed %d %q %v", id, sec, ok)
	}
}

// FLD-3: the step deadlines run in opening hours: a request submitted on
// Friday at 16:00 is due after 4 opening hours — Saturday 11:00.
func TestFieldStepDeadlineFLD3(t *testing.T) {
	st := DefaultSettings()
	loc := st.Location()
	warn, due := st.FieldStepDeadline(FieldStepSign, time.Date(2026, 11, 27, 16, 0, 0, 0, loc))
	if want := time.Date(2026, 11, 27, 18, 0, 0, 0, loc); !warn.Equal(want) {
		t.Errorf("warn %v, want %v", warn.In(loc), want)
	}
	if want := time.Date(2026, 11, 28, 11, 0, 0, 0, loc); !due.Equal(want) {
		t.Errorf("due %v, want %v", due.In(loc), want)
	}
	st.Field.SignHours = 200
	if err := st.Validate(); err == nil {
		t.Error("sign_hours 200 accepted")
	}
}

// FLD-3: the general manager's office gets a button per technician, or
// is told the settings have none; staff chats read Chinese, a member's
// private chat their language.
func TestFieldPickMessagesFLD3(t *testing.T) {
	st := DefaultSettings()
	st.StaffChats = []int64{-100}
	st.Staff = append(st.Staff, StaffMember{ID: "zhou", Name: "Zhou", TelegramUserID: 42, Roles: []string{RoleGMOffice}, Lang: EN})
	j := FieldJob{ID: 7, Number: "AZ-20261127-001", Stage: FieldApproving, Dispatch: FieldDispatch{Signed: FieldStep{By: "zhao", At: time.Now()}}}
	msgs := FieldStepMessages(&st, j)
	if len(msgs) != 1 || msgs[0].ChatID != 42 || msgs[0].Lang != EN || len(msgs[0].Buttons) != 0 || !strings.Contains(msgs[0].Text, "no technician") {
		t.Fatalf("no technicians: %+v", msgs)
	}
	st.Staff = append(st.Staff, StaffMember{ID: "wu", Name: "吴工", Roles: []string{RoleTechnician}})
	msgs = FieldStepMessages(&st, j)
	if len(msgs[0].Buttons) != 1 || msgs[0].Buttons[0][0].Data != "fldt:7:wu" || strings.Contains(msgs[0].Text, "no technician") {
		t.Fatalf("one technician: %+v", msgs)
	}
}
