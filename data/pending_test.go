package data

import (
	"bytes"
	"errors"
	"testing"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

func kioskWalkIn(t *testing.T, s *Store, name, phone, plate string) fo.Visit {
	t.Helper()
	v, err := s.CheckIn(fo.CheckInRequest{Customer: fo.CustomerInput{Name: name, Phone: phone, Consent: true},
		Plate: plate, ServiceID: "repair", Source: "kiosk", By: "kiosk", Unproven: true})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// ARC-2: a kiosk walk-in with a phone and a plate on file is recorded on
// provisional records in the visit's transaction; the archive on file
// keeps its history, vehicles, name and indexes; the merge moves the visit
// onto it in one transaction, the provisional records gone.
func TestPendingWalkInMergeARC2(t *testing.T) {
	s, _ := newTestStore(t)
	her := walkIn(t, s, "13698765432", "沪C67890", 9001)
	v := kioskWalkIn(t, s, "陌生人", "13698765432", "沪C67890")
	if v.CustomerID == her.CustomerID || v.VehicleID == her.VehicleID || v.ChatID != 0 || v.CustomerName != "陌生人" {
		t.Fatalf("the visit joined her archive: %+v", v)
	}
	if c, _ := s.CustomerByPhone("13698765432"); c.ID != her.CustomerID || c.Name != "王五" {
		t.Errorf("phone index %+v", c)
	}
	if veh, _ := s.VehicleByPlate("沪C67890"); veh.ID != her.VehicleID {
		t.Errorf("plate index %+v", veh)
	}
	if vs, _ := s.VehicleVisits(her.VehicleID); len(vs) != 1 {
		t.Errorf("her history has %d visits", len(vs))
	}
	pms, err := s.PendingMatches()
	if err != nil || len(pms) != 1 {
		t.Fatalf("pending %+v %v", pms, err)
	}
	pm := pms[0]
	if pm.Kind != fo.PendingVisit || pm.VisitID != v.ID || pm.QueueNo != v.QueueNo || !pm.GuestCustomer || !pm.GuestVehicle ||
		pm.MatchCustomerID != her.CustomerID || pm.MatchVehicleID != her.VehicleID || pm.MatchPlate != "沪C·***90" || pm.MatchPhone != "136****5432" {
		t.Fatalf("pending %+v", pm)
	}
	m, err := s.MergePending(pm.ID, "staff:li")
	if err != nil || m.Status != fo.PendingMerged || m.DecidedBy != "staff:li" {
		t.Fatalf("merge %+v %v", m, err)
	}
	got, _ := s.Visit(v.ID)
	if got.CustomerID != her.CustomerID || got.VehicleID != her.VehicleID || got.ChatID != 9001 || got.CustomerName != "王五" {
		t.Errorf("merged visit %+v", got)
	}
	if vs, _ := s.VehicleVisits(her.VehicleID); len(vs) != 2 {
		t.Errorf("her history has %d visits after the merge", len(vs))
	}
	if _, err := s.Customer(pm.CustomerID); !errors.Is(err, fo.ErrNotFound) {
		t.Errorf("provisional customer left: %v", err)
	}
	s.db.View(func(tx *bolt.Tx) error {
		if tx.Bucket(bVehicles).Get(u64(pm.VehicleID)) != nil || tx.Bucket(bVisitVeh).Get(key(pm.VehicleID, v.ID)) != nil {
			t.Error("provisional vehicle left")
		}
		if tx.Bucket(bPendingOpen).Stats().KeyN != 0 {
			t.Error("still open")
		}
		return nil
	})
	if _, err := s.KeepSeparate(pm.ID, "staff:li"); !errors.Is(err, fo.ErrNotAllowed) {
		t.Errorf("decided twice: %v", err)
	}
	// New phone and plate: no pending, a normal archive.
	n := kioskWalkIn(t, s, "新客", "13500000000", "京A11111")
	if pms, _ := s.PendingMatches(); len(pms) != 0 {
		t.Errorf("a new customer is pending: %+v", pms)
	}
	if c, _ := s.CustomerByPhone("13500000000"); c.ID != n.CustomerID {
		t.Errorf("new customer not indexed")
	}
}

// ARC-2, CMP-2: a kiosk complaint with a phone on file is filed on a
// provisional customer, nothing to her chat; the merge moves it and sends
// her the receipt in the same transaction.
func TestPendingComplaintMergeARC2(t *testing.T) {
	s, _ := newTestStore(t)
	her := walkIn(t, s, "13698765432", "沪C67890", 9002)
	before := len(messagesTo(t, s, 9002))
	c, err := s.FileComplaint(fo.ComplaintRequest{Idem: "k1", Channel: fo.ChannelKiosk, Category: "service", Text: "态度不好",
		By: "kiosk", Unproven: true, Customer: fo.CustomerInput{Name: "陌生人", Phone: "13698765432", Lang: fo.EN, Consent: true}})
	if err != nil {
		t.Fatal(err)
	}
	if c.CustomerID == her.CustomerID || c.CustomerName != "陌生人" || len(messagesTo(t, s, 9002)) != before {
		t.Fatalf("filed on her: %+v", c)
	}
	pms, _ := s.PendingMatches()
	if len(pms) != 1 || pms[0].Kind != fo.PendingComplaint || pms[0].Ticket != c.Ticket {
		t.Fatalf("pending %+v", pms)
	}
	if _, err := s.MergePending(pms[0].ID, "staff:li"); err != nil {
		t.Fatal(err)
	}
	c, _ = s.Complaint(c.ID)
	if c.CustomerID != her.CustomerID || c.CustomerName != "王五" {
		t.Errorf("merged complaint %+v", c)
	}
	msgs := messagesTo(t, s, 9002)
	if len(msgs) != before+1 || !bytes.Contains([]byte(msgs[len(msgs)-1]), []byte(c.Ticket)) {
		t.Errorf("receipt after the merge: %q", msgs)
	}
}

// Devices: an enrolment code works once and for fo.EnrolmentTTL; the store
// keeps only hashes of codes and tokens; a revoked device's token is
// refused; the local device exists without enrolment.
func TestDeviceEnrolment(t *testing.T) {
	s, clock := newTestStore(t)
	if _, _, err := s.CreateEnrolment("", "staff:zhao"); err == nil {
		t.Error("a device without a name")
	}
	code, exp, err := s.CreateEnrolment("大厅 1 号机", "staff:zhao")
	if err != nil || !exp.Equal(clock.Now().Add(fo.EnrolmentTTL)) || fo.NormalizeEnrolCode(code) != code {
		t.Fatalf("code %q %v %v", code, exp, err)
	}
	token, d, err := s.EnrolDevice(" " + code[:3] + " " + code[3:] + " ")
	if err != nil || d.Name != "大厅 1 号机" || d.ID == fo.LocalDeviceID {
		t.Fatalf("enrol %+v %v", d, err)
	}
	if _, _, err := s.EnrolDevice(code); !errors.Is(err, fo.ErrNotFound) {
		t.Errorf("code used twice: %v", err)
	}
	if got, err := s.DeviceByToken(token); err != nil || got.ID != d.ID {
		t.Errorf("token %+v %v", got, err)
	}
	raw, _ := readAll(s)
	if bytes.Contains(raw, []byte(token)) || bytes.Contains(raw, []byte(code)) {
		t.Error("a token or code in clear in the data file")
	}
	// An expired code.
	late, _, _ := s.CreateEnrolment("电视", "staff:zhao")
	clock.Advance(fo.EnrolmentTTL)
	if _, _, err := s.EnrolDevice(late); !errors.Is(err, fo.ErrNotFound) {
		t.Errorf("expired code: %v", err)
	}
	if _, err := s.RevokeDevice(d.ID, "staff:zhao"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DeviceByToken(token); !errors.Is(err, fo.ErrNotFound) {
		t.Errorf("revoked token: %v", err)
	}
	if local, err := s.Device(fo.LocalDeviceID); err != nil || !local.Local() {
		t.Errorf("local %+v %v", local, err)
	}
	if u, err := s.UnlockDevice(fo.LocalDeviceID, "staff:li"); err != nil || u.Unlocks != 1 {
		t.Errorf("unlock local %+v %v", u, err)
	}
	devs, _ := s.Devices()
	if len(devs) != 2 || devs[0].ID != fo.LocalDeviceID || devs[0].Unlocks != 1 || !devs[1].Revoked() {
		t.Errorf("devices %+v", devs)
	}
}

func readAll(s *Store) ([]byte, error) {
	var b bytes.Buffer
	err := s.WriteBackup(&b)
	return b.Bytes(), err
}
