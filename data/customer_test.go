package data

import (
	"testing"

	fo "frontoffice"
)

// A walk-in typing a phone on file (no proof it is theirs) does not rewrite
// that customer's archive; the visit still joins it (ARC-1, ARC-2).
func TestUnprovenPhoneKeepsArchive(t *testing.T) {
	s, _ := newTestStore(t)
	first, err := s.CheckIn(fo.CheckInRequest{Customer: fo.CustomerInput{Name: "王五", Phone: "13900000001", Lang: fo.ZH, Consent: true},
		Plate: "京B11111", Source: "kiosk", By: "kiosk"})
	if err != nil {
		t.Fatal(err)
	}
	second, err := s.CheckIn(fo.CheckInRequest{Customer: fo.CustomerInput{Name: "Mallory", Phone: "13900000001", Lang: fo.EN, Consent: true},
		Plate: "京B22222", Source: "kiosk", By: "kiosk"})
	if err != nil {
		t.Fatal(err)
	}
	c, _ := s.Customer(first.CustomerID)
	if second.CustomerID != first.CustomerID || c.Name != "王五" || c.Lang != fo.ZH {
		t.Errorf("archive rewritten: %+v", c)
	}
}

// A complaint from a chat not linked to an archive carries the name the
// chat goes by, so that staff know whom they answer (CMP-1).
func TestComplaintFromUnlinkedChatNamed(t *testing.T) {
	s, _ := newTestStore(t)
	c, err := s.FileComplaint(fo.ComplaintRequest{Channel: fo.ChannelBot, Category: "service", Text: "等了很久",
		ChatID: 777, Customer: fo.CustomerInput{Name: "Telegram: Lin @lin", Lang: fo.ZH}, By: "customer:bot"})
	if err != nil {
		t.Fatal(err)
	}
	if c.CustomerName != "Telegram: Lin @lin" || c.CustomerID != 0 {
		t.Errorf("complaint %+v", c)
	}
}
