package forms

import (
	"context"
	"strconv"
	"testing"
	"time"

	fo "frontoffice"
)

// The three forms of issue 11, printed through the Renderer from the demo
// shop and read back with pdftotext, zh and en, and rendered to PNG: the
// archive sheet 客户档案资料表 (form 13, ARC-1), the call record
// 跟踪服务客户电话记录表 (form 9, FU-7) and the appointment register
// 安装服务预约登记表 (form 12, APT-3).
func TestArchiveFormsARC1APT3(t *testing.T) {
	s, now := demoStore(t)
	r := &Renderer{Engine: testEngine(t), Store: s}
	ctx := context.Background()

	// The demo customer with the most after-sales history.
	var best fo.CustomerHistory
	var bestVehicle uint64
	for d := 0; d < 30; d++ {
		vs, err := s.VisitsOn(now.AddDate(0, 0, -d).Format(time.DateOnly))
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vs {
			h, err := s.CustomerHistory(v.CustomerID)
			if err != nil {
				t.Fatal(err)
			}
			if len(h.Calls)+len(h.Complaints) > len(best.Calls)+len(best.Complaints) {
				best, bestVehicle = h, v.VehicleID
			}
		}
	}
	if bestVehicle == 0 || len(best.Calls) == 0 {
		t.Fatal("the demo has no customer with follow-up calls")
	}
	a, err := s.Archive(bestVehicle)
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []fo.Lang{fo.ZH, fo.EN} {
		pdf, err := r.Render(ctx, fo.Document{Kind: KindArchive, Ref: bestVehicle}, lang)
		if err != nil {
			t.Fatal(err)
		}
		text := pdfText(t, pdf)
		want := []string{Texts.T(lang, "form.title.archive"), a.Customer.Name, a.Customer.Phone, fo.FormatPlate(a.Vehicle.Plate),
			Texts.T(lang, "form.archive.complaints"), Texts.T(lang, "form.archive.calls")}
		for _, c := range best.Complaints {
			want = append(want, c.Ticket)
		}
		for _, v := range a.Visits {
			want = append(want, v.QueueNo)
		}
		wantText(t, text, want...)
		if lang == fo.ZH {
			savePNG(t, pdf, "archive-sheet")
		}

		pdf, err = r.Render(ctx, fo.Document{Kind: KindCallRecord, Ref: a.Customer.ID}, lang)
		if err != nil {
			t.Fatal(err)
		}
		text = pdfText(t, pdf)
		want = []string{Texts.T(lang, "form.title.callrecord"), a.Customer.Name}
		for _, c := range best.Calls {
			for _, at := range c.Attempts {
				want = append(want, at.At.In(shanghai).Format("2006-01-02 15:04"))
			}
		}
		wantText(t, text, want...)
		if lang == fo.ZH {
			savePNG(t, pdf, "call-record")
		}
	}

	// The register of the day with the most appointments in the next week.
	var day time.Time
	var apts []fo.Appointment
	for d := 0; d < 7; d++ {
		from := fo.DayStart(now.AddDate(0, 0, d), shanghai)
		got, err := s.AppointmentsBetween(from, from.AddDate(0, 0, 1))
		if err != nil {
			t.Fatal(err)
		}
		if len(got) > len(apts) {
			day, apts = from, got
		}
	}
	if len(apts) == 0 {
		t.Fatal("the demo has no appointments ahead")
	}
	ref, _ := strconv.ParseUint(day.Format("20060102"), 10, 64)
	for _, lang := range []fo.Lang{fo.ZH, fo.EN} {
		pdf, err := r.Render(ctx, fo.Document{Kind: KindAptRegister, Ref: ref}, lang)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{Texts.T(lang, "form.title.aptregister"), day.Format("2006-01-02")}
		for _, a := range apts {
			want = append(want, a.Code, fo.FormatPlate(a.Plate))
		}
		if e := (fo.RegisterEntry{Action: "booked", Detail: "maint 2026-11-27T09:00:00Z 京F25979"}); aptDetail(&fo.Settings{Shop: fo.Shop{TimeZone: "Asia/Shanghai"},
			Services: []fo.Service{{ID: "maint", NameZh: "定期保养", NameEn: "Maintenance"}}}, e, fo.ZH) != "2026-11-27 17:00 定期保养 京F·25979" {
			t.Errorf("register detail %q", aptDetail(&fo.Settings{}, e, fo.ZH))
		}
		wantText(t, pdfText(t, pdf), want...)
		if lang == fo.ZH {
			savePNG(t, pdf, "appointment-register")
		}
	}

	// The calendar file rides the same renderer.
	ics, err := r.Render(ctx, fo.Document{Kind: KindICS, Ref: apts[0].ID}, fo.EN)
	if err != nil || !contains(string(ics), "UID:"+fo.ICSUID(apts[0])) || !contains(string(ics), "METHOD:REQUEST") {
		t.Errorf("calendar file %v:\n%s", err, ics)
	}
	if _, err := r.Render(ctx, fo.Document{Kind: KindArchive, Ref: 999999}, fo.ZH); fo.ErrorCode(err) != fo.ENOTFOUND {
		t.Errorf("archive of no vehicle: %v", err)
	}
}
