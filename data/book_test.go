package data

import (
	"testing"

	fo "frontoffice"
)

// The desk finds a customer by plate, phone or part of the name (APT-1).
func TestFindCustomers(t *testing.T) {
	s, _ := newTestStore(t)
	for i, c := range []struct{ phone, plate, name string }{{"13800000001", "京A11111", "王小明"}, {"13800000002", "京A22222", "王大明"}, {"13800000003", "京A33333", "Li Ming"}} {
		req := bookReq(c.phone, c.plate, at(2026, 11, 30, 10+i, 0))
		req.Customer.Name, req.Customer.ChatID = c.name, 0
		if _, err := s.Book(req); err != nil {
			t.Fatal(err)
		}
	}
	names := func(q string) string {
		m, err := s.FindCustomers(q, 10)
		if err != nil {
			t.Fatal(err)
		}
		out := ""
		for _, x := range m {
			out += x.Customer.Name + ";"
			if len(x.Vehicles) != 1 {
				t.Errorf("%q: %s has %d vehicles", q, x.Customer.Name, len(x.Vehicles))
			}
		}
		return out
	}
	for q, want := range map[string]string{"京a22222": "王大明;", "138 0000 0003": "Li Ming;", "明": "王小明;王大明;", "li": "Li Ming;", "nobody": "", "京B99999": ""} {
		if got := names(q); got != want {
			t.Errorf("FindCustomers(%q) = %q, want %q", q, got, want)
		}
	}
}

// The desk's free slots include those inside the online lead time; the
// bot's do not (APT-1). The export lists cancelled appointments too, and
// the history finds a customer's records (ARC-1).
func TestDeskFreeSlotsAndExportAPT1(t *testing.T) {
	s, _ := newTestStore(t) // Friday 09:00, lead time 60 minutes
	online, _ := s.FreeSlots("maint")
	desk, _ := s.DeskFreeSlots("maint", 0)
	if len(online) == 0 || len(desk) == 0 || !online[0].Slots[0].Equal(at(2026, 11, 27, 10, 0)) || !desk[0].Slots[0].Equal(at(2026, 11, 27, 9, 0)) {
		t.Errorf("first slots: online %v, desk %v", online[0].Slots[:1], desk[0].Slots[:1])
	}
	req := bookReq("13800000009", "京A99999", at(2026, 11, 27, 9, 30))
	if _, err := s.Book(req); fo.ErrorCode(err) != fo.EINVALID {
		t.Errorf("online inside the lead time: %v", err)
	}
	req.Desk = true
	a, err := s.Book(req)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Cancel(fo.ChangeRequest{ID: a.ID, By: "staff:li"}); err != nil {
		t.Fatal(err)
	}
	all, _ := s.AppointmentsStarting(at(2026, 11, 27, 0, 0), at(2026, 11, 28, 0, 0))
	if len(all) != 1 || all[0].Status != fo.AptCancelled || all[0].Sequence != 1 {
		t.Errorf("export list %+v", all)
	}
	h, err := s.CustomerHistory(a.CustomerID)
	if err != nil || len(h.Complaints)+len(h.Calls)+len(h.Surveys) != 0 {
		t.Errorf("history %+v %v", h, err)
	}
	if _, err := s.CustomerHistory(999); err != fo.ErrNotFound {
		t.Errorf("history of nobody: %v", err)
	}
}
