package data

import (
	"errors"
	"fmt"
	"testing"
	"time"

	fo "frontoffice"
)

// ARC-1: the archive page reads customer, vehicle, visits and appointments
// in one go; an edit is validated and stored whole.
func TestArchiveAndSaveARC1(t *testing.T) {
	s, _ := newTestStore(t)
	a, err := s.Book(bookReq("13812345678", "京A12345", at(2026, 11, 30, 10, 0)))
	if err != nil {
		t.Fatal(err)
	}
	v := walkIn(t, s, "13812345678", "京A12345", 0)
	walkIn(t, s, "13812345678", "京A54321", 0)
	arc, err := s.Archive(v.VehicleID)
	if err != nil {
		t.Fatal(err)
	}
	if arc.Customer.Phone != "13812345678" || len(arc.Visits) != 1 || len(arc.Appointments) != 1 || arc.Appointments[0].ID != a.ID || len(arc.Others) != 1 {
		t.Fatalf("archive %+v", arc)
	}
	if len(arc.Gaps) == 0 {
		t.Error("a fresh archive has no gaps")
	}
	if _, err := s.SaveArchive(fo.ArchiveEdit{VehicleID: v.VehicleID, Name: "张三", Type: "rocket"}); !errors.Is(err, fo.Errorf(fo.EINVALID, "err.archive.type")) {
		t.Fatalf("bad type: %v", err)
	}
	if got, _ := s.Archive(v.VehicleID); got.Vehicle.Type != "" {
		t.Fatal("an invalid edit changed the archive")
	}
	arc, err = s.SaveArchive(fo.ArchiveEdit{VehicleID: v.VehicleID, Name: "张三", Address: "北京市朝阳区", Model: "大众 帕萨特", Type: "car",
		MaintIntervalDays: 180, NextMaintenance: at(2027, 5, 1, 0, 0), Wants: "360 全景"})
	if err != nil {
		t.Fatal(err)
	}
	if len(arc.Gaps) != 0 || arc.Vehicle.Plate != "京A12345" || arc.Customer.Phone != "13812345678" {
		t.Fatalf("saved archive %+v gaps %v", arc, arc.Gaps)
	}
	c, vs, err := s.ArchivesOfPhone("13812345678")
	if err != nil || c.ID != arc.Customer.ID || len(vs) != 2 {
		t.Fatalf("by phone: %v %d %v", c, len(vs), err)
	}
	if _, _, err := s.ArchivesOfPhone("13800000000"); !errors.Is(err, fo.ErrNotFound) {
		t.Errorf("unknown phone: %v", err)
	}
}

// ARC-1: archives still incomplete 2 days after the first contact are
// listed; younger ones and complete ones are not.
func TestIncompleteArchivesARC1(t *testing.T) {
	s, clock := newTestStore(t)
	old := walkIn(t, s, "13900000001", "京B11111", 0)
	done := walkIn(t, s, "13900000002", "京B22222", 0)
	if _, err := s.SaveArchive(fo.ArchiveEdit{VehicleID: done.VehicleID, Name: "王五", Address: "x", Model: "y", Type: "car", MaintIntervalDays: 90, NextMaintenance: at(2027, 1, 1, 0, 0)}); err != nil {
		t.Fatal(err)
	}
	clock.Set(at(2026, 11, 28, 9, 0))
	walkIn(t, s, "13900000003", "京B33333", 0)
	if gaps, n, _ := s.IncompleteArchives(10); n != 0 || len(gaps) != 0 {
		t.Fatalf("listed within 2 days: %+v", gaps)
	}
	clock.Set(at(2026, 11, 29, 9, 0))
	gaps, n, err := s.IncompleteArchives(10)
	if err != nil || n != 1 || gaps[0].VehicleID != old.VehicleID || len(gaps[0].Gaps) == 0 {
		t.Fatalf("after 2 days: %+v %d %v", gaps, n, err)
	}
	clock.Set(at(2026, 12, 5, 9, 0))
	gaps, n, _ = s.IncompleteArchives(1)
	if n != 2 || len(gaps) != 1 || gaps[0].VehicleID != old.VehicleID {
		t.Fatalf("limit: %+v %d", gaps, n)
	}
}

// BenchmarkIncompleteArchives lists the incomplete archives among 10,000.
func BenchmarkIncompleteArchives(b *testing.B) {
	s, clock := newTestStore(b, noSync(), shopDefaults())
	for i := range 10000 {
		if i%900 == 899 {
			clock.Advance(24 * time.Hour) // queue numbers run to 999 a day
		}
		if _, err := s.CheckIn(fo.CheckInRequest{Customer: fo.CustomerInput{Name: "王五", Phone: fmt.Sprintf("139%08d", i)},
			Plate: fmt.Sprintf("京B%05d", i), Source: "bench"}); err != nil {
			b.Fatal(err)
		}
	}
	clock.Advance(72 * time.Hour)
	b.ResetTimer()
	for b.Loop() {
		if _, n, err := s.IncompleteArchives(200); err != nil || n != 10000 {
			b.Fatal(n, err)
		}
	}
}
