package forms

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	fo "frontoffice"
	"frontoffice/data"
	"frontoffice/internal/demo"
	"frontoffice/internal/sigdraw"
)

// demoStore is the demo shop on a Friday afternoon: today's visits in
// every status, three weeks of after-sales work, appointments to come.
func demoStore(t testing.TB) (*data.Store, time.Time) {
	t.Helper()
	now := time.Date(2026, 11, 27, 15, 20, 0, 0, shanghai)
	s, clock := shopStore(t, now)
	if _, err := demo.Load(s, clock, now, 7); err != nil {
		t.Fatal(err)
	}
	return s, now
}

// Every document kind printed from the demo data through the Renderer, in
// zh and en: the visit's forms where its status has them (ECONFLICT where
// it has not yet), slips, the complaint receipt, the call register, the
// letter register and the three reports. Unknown kinds and records are
// ENOTFOUND.
func TestRendererDemo(t *testing.T) {
	s, now := demoStore(t)
	r := &Renderer{Engine: testEngine(t), Store: s, BotUsername: func() string { return "TaiyuanAutoBot" }}
	ctx := context.Background()
	render := func(kind string, ref uint64, lang fo.Lang) ([]byte, error) {
		return r.Render(ctx, fo.Document{Kind: kind, Ref: ref}, lang)
	}
	visits, err := s.VisitsOn(now.Format(time.DateOnly))
	if err != nil || len(visits) < 10 {
		t.Fatalf("%d demo visits, %v", len(visits), err)
	}
	printed := map[string]int{}
	for _, v := range visits {
		has := map[string]bool{
			KindWorkOrder:  v.WorkOrder != nil,
			KindAdditional: len(v.Additional) > 0,
			KindSettlement: v.Settlement != nil,
			KindExit:       v.Status == fo.VisitDelivered || v.Status == fo.VisitLeft,
			KindCard:       v.Status == fo.VisitDelivered,
		}
		for kind, ok := range has {
			for _, lang := range []fo.Lang{fo.ZH, fo.EN} {
				pdf, err := render(kind, v.ID, lang)
				if !ok {
					if fo.ErrorCode(err) != fo.ECONFLICT {
						t.Errorf("%s of visit %d (%s): %v, want ECONFLICT", kind, v.ID, v.Status, err)
					}
					continue
				}
				if err != nil {
					t.Errorf("%s of visit %d (%s): %v", kind, v.ID, v.Status, err)
					continue
				}
				wantText(t, pdfText(t, pdf), VisitNo(v), fo.FormatPlate(v.Plate))
				printed[kind]++
				if printed[kind] == 1 && lang == fo.ZH {
					savePNG(t, pdf, "demo-"+kind)
				}
			}
		}
	}
	for _, kind := range []string{KindWorkOrder, KindAdditional, KindSettlement, KindExit, KindCard} {
		if printed[kind] == 0 {
			t.Errorf("the demo has no visit to print a %s of", kind)
		}
	}

	apts, err := s.AppointmentsBetween(now, now.AddDate(0, 0, 3))
	if err != nil || len(apts) == 0 {
		t.Fatalf("demo appointments: %d, %v", len(apts), err)
	}
	pdf, err := render(KindSlip, apts[0].ID, apts[0].Lang)
	if err != nil {
		t.Fatal(err)
	}
	wantText(t, pdfText(t, pdf), apts[0].Code)

	c, err := s.FileComplaint(fo.ComplaintRequest{Channel: fo.ChannelKiosk, Category: "time", Text: "等待时间太长，希望提前告知。",
		Customer: fo.CustomerInput{Name: "周建国", Phone: "13810000099"}, By: "kiosk"})
	if err != nil {
		t.Fatal(err)
	}
	pdf, err = render(KindComplaint, c.ID, fo.ZH)
	if err != nil {
		t.Fatal(err)
	}
	wantText(t, pdfText(t, pdf), c.Ticket, "等待时间太长，希望提前告知。")

	ref := fo.ReportRef(now, shanghai)
	list, err := s.CallList(now)
	if err != nil {
		t.Fatal(err)
	}
	pdf, err = render(KindCalls, ref, fo.ZH)
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, pdf)
	for _, sc := range list.Staff {
		for _, it := range sc.Calls {
			wantText(t, text, it.CustomerName)
		}
	}
	savePNG(t, pdf, "demo-calls")
	if _, err := render(KindLetters, ref, fo.ZH); err != nil {
		t.Error(err)
	}
	for _, k := range fo.ReportKinds {
		pdf, err := render(k.DocKind(), ref, fo.ZH)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := s.BusinessStats(k, now)
		wantText(t, pdfText(t, pdf), b.Revenue.String())
		savePNG(t, pdf, "demo-report-"+string(k))
	}

	for _, bad := range []fo.Document{{Kind: "invoice", Ref: 1}, {Kind: KindCard, Ref: 99999}, {Kind: KindSlip, Ref: 99999},
		{Kind: KindComplaint, Ref: 99999}} {
		if _, err := r.Render(ctx, bad, fo.ZH); !errors.Is(err, fo.ErrNotFound) && fo.ErrorCode(err) != fo.ENOTFOUND {
			t.Errorf("%+v: %v, want not found", bad, err)
		}
	}
	if _, err := render("report-daily", 20261399, fo.ZH); fo.ErrorCode(err) != fo.EINVALID {
		t.Errorf("a report of no day: %v", err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := r.Render(cancelled, fo.Document{Kind: KindSlip, Ref: apts[0].ID}, fo.ZH); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled render: %v", err)
	}
}

// APT-1, DEL-3: a booking confirmation carries the appointment slip and a
// delivery message the service card, as documents in the outbox that the
// Renderer prints at send time (the bot's sender test covers sendDocument).
func TestDeliveryDocuments(t *testing.T) {
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, shanghai)
	s, clock := shopStore(t, now)
	r := &Renderer{Engine: testEngine(t), Store: s}
	const chat = 4242
	a, err := s.Book(fo.BookRequest{ServiceID: "collision", Start: time.Date(2026, 11, 30, 10, 0, 0, 0, shanghai), Plate: "京A12345",
		Customer: fo.CustomerInput{Name: "张伟", Phone: "13812345678", ChatID: chat, Lang: fo.ZH, Verified: true}, Source: "bot", By: "customer:bot"})
	if err != nil {
		t.Fatal(err)
	}
	clock.Set(time.Date(2026, 11, 30, 9, 55, 0, 0, shanghai))
	v, err := s.CheckIn(fo.CheckInRequest{AppointmentID: a.ID, Source: "kiosk", By: "kiosk"})
	if err != nil {
		t.Fatal(err)
	}
	_, rec := visitFixture(fo.ZH)
	wo := *rec.Visit.WorkOrder
	wo.HandoverAt, wo.PromisedAt = clock.Now(), clock.Now().Add(4*time.Hour)
	if _, err := s.Intake(fo.IntakeRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, WorkOrder: wo, By: "staff:li"}); err != nil {
		t.Fatal(err)
	}
	clock.Set(time.Date(2026, 11, 30, 13, 0, 0, 0, shanghai))
	if _, err := s.SetReady(v.ID, fo.CompleteChecklist, "staff:li"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Deliver(fo.DeliverRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, Settlement: fo.Settlement{Amount: wo.Total(), Paid: wo.Total()}, By: "staff:li"}); err != nil {
		t.Fatal(err)
	}
	es, _, err := s.Pending(clock.Now().Add(time.Hour), 100)
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, e := range es {
		m := e.Message
		if m.Document == nil {
			continue
		}
		if m.ChatID != chat {
			t.Errorf("a document goes to chat %d: %+v", m.ChatID, m)
		}
		pdf, err := r.Render(context.Background(), *m.Document, m.Lang)
		if err != nil {
			t.Fatalf("%+v: %v", m.Document, err)
		}
		if m.Document.Kind == KindICS { // the calendar file, not a PDF (APT-1)
			found[KindICS] = contains(string(pdf), "UID:"+fo.ICSUID(a))
			continue
		}
		text := pdfText(t, pdf)
		switch m.Document.Kind {
		case KindSlip:
			wantText(t, text, "安装服务预约单", a.Code)
			if m.Document.Ref != a.ID || !strings.HasSuffix(m.Document.Name, ".pdf") || !strings.Contains(m.Text, a.Code) {
				t.Errorf("slip message %+v", m)
			}
		case KindCard:
			wantText(t, text, "售后服务卡", VisitNo(v), "京A·12345")
			if m.Document.Ref != v.ID || m.Document.Name != "service-card-"+strings.ReplaceAll(v.Day, "-", "")+"-"+v.QueueNo+".pdf" {
				t.Errorf("card message %+v", m)
			}
		}
		found[m.Document.Kind] = true
	}
	if !found[KindSlip] || !found[KindCard] || !found[KindICS] {
		t.Errorf("documents in the outbox: %v", found)
	}
}
