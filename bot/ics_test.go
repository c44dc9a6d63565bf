package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	fo "frontoffice"
	"frontoffice/data"
	"frontoffice/internal/telegramtest"
)

// storeICS renders the calendar file from the store with the domain's
// function, as forms.Renderer does for fo.DocICS; other kinds are a stub.
type storeICS struct{ s *data.Store }

func (d storeICS) Render(_ context.Context, doc fo.Document, lang fo.Lang) ([]byte, error) {
	if doc.Kind != fo.DocICS {
		return []byte("%PDF " + doc.Kind), nil
	}
	a, err := d.s.Appointment(doc.Ref)
	if err != nil {
		return nil, err
	}
	st, err := d.s.Settings()
	if err != nil {
		return nil, err
	}
	return fo.AppointmentICS(&st, a, lang), nil
}

// A booking made at the reception desk for a linked customer reaches their
// chat through the outbox and the sender unchanged: the confirmation with
// the slip, then the calendar file as a document named .ics (APT-1); a
// move sends the file again with the same UID and SEQUENCE 1 (APT-4).
func TestDeskBookingCalendarFileAPT1(t *testing.T) {
	h := newHarness(t)
	h.docs = storeICS{h.store}
	const chat = int64(7101)
	a, err := h.store.Book(fo.BookRequest{ServiceID: "maint", Start: monday0900.Add(30 * time.Minute), Plate: "京A88888", Source: "console",
		By: "staff:li", Desk: true, Customer: fo.CustomerInput{Name: "周九", Phone: "13100001111", ChatID: chat, Lang: fo.EN, Verified: true}})
	if err != nil {
		t.Fatal(err)
	}
	h.start()
	isICS := func(seq string) func(m telegramtest.Message) bool {
		return func(m telegramtest.Message) bool {
			return m.Document != nil && strings.HasSuffix(m.Document.Name, ".ics") && strings.Contains(string(m.Document.Data), "SEQUENCE:"+seq+"\r\n")
		}
	}
	m := h.waitMsg(chat, "calendar file", isICS("0"))
	ics := string(m.Document.Data)
	for _, want := range []string{"BEGIN:VCALENDAR", "METHOD:REQUEST", "UID:" + fo.ICSUID(a), "DTSTART:20261130T013000Z"} {
		if !strings.Contains(ics, want) {
			t.Errorf("calendar file lacks %q:\n%s", want, ics)
		}
	}
	if m.Document.Name != fo.ICSName(a) || !strings.Contains(m.Text, a.Code) {
		t.Errorf("document %q caption %q", m.Document.Name, m.Text)
	}
	h.waitMsg(chat, "slip", func(m telegramtest.Message) bool {
		return m.Document != nil && strings.HasSuffix(m.Document.Name, ".pdf")
	})

	if _, err := h.store.Reschedule(fo.ChangeRequest{ID: a.ID, Start: monday0900.Add(26 * time.Hour), By: "staff:li", Desk: true}); err != nil {
		t.Fatal(err)
	}
	m = h.waitMsg(chat, "moved calendar file", isICS("1"))
	if !strings.Contains(string(m.Document.Data), "UID:"+fo.ICSUID(a)) {
		t.Errorf("the move changed the UID:\n%s", m.Document.Data)
	}
}
