package forms

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"strconv"
	"testing"
	"time"

	fo "frontoffice"
	"frontoffice/data"
	"frontoffice/internal/fakeclock"
	"frontoffice/internal/sigdraw"
)

// siteJob makes a field job on site in s: a technician checked in, wrote
// two entries and sent a photo, and found a problem.
func siteJob(t *testing.T, s *data.Store, clock *fakeclock.Clock) fo.FieldJob {
	t.Helper()
	st, _ := s.Settings()
	st.Staff = append(st.Staff, fo.StaffMember{ID: "tech", Name: "王工", TelegramUserID: 9001, Roles: []string{fo.RoleTechnician}})
	st.Labour = []fo.LabourStandard{{Code: "LIFT", NameZh: "举升机", NameEn: "Car lift", InstallMinutes: 480, RepairMinutes: 120}}
	st.LabourRates = []fo.RegionRate{{Region: "", HourlyRate: 12000}}
	if err := s.SaveSettings(st); err != nil {
		t.Fatal(err)
	}
	j, err := s.SeedFieldJob(fo.FieldJob{Stage: fo.FieldDispatched, Lang: fo.ZH, Equipment: "双柱举升机 ×2", Product: "LIFT",
		Customer: fo.FieldCustomer{Company: "华东汽修有限公司", Address: "上海市嘉定区安亭镇墨玉路 88 号", Contact: "赵经理", Phone: "13900001111"},
		Dispatch: fo.FieldDispatch{Technician: "tech"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.FieldCheckIn(j.ID, "tech", "t1"); err != nil {
		t.Fatal(err)
	}
	for i, req := range []fo.FieldLogRequest{
		{Text: "到达现场，检查地基与电源：三相 380V 正常。"},
		{Text: "一号举升机安装完毕", TelegramFileID: "ph-1", FileName: "p1.jpg", Mime: "image/jpeg"},
		{Text: "二号举升机液压管路漏油，已更换密封圈，试举 3 次正常。"},
		{TelegramFileID: "ph-2", FileName: "p2.jpg", Mime: "image/jpeg"},
	} {
		clock.Advance(40 * time.Minute)
		req.Idem, req.JobID, req.By = "log"+string(rune('a'+i)), j.ID, "tech"
		if _, err := s.AddFieldLog(req); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.AddFieldProblem(fo.FieldProblemRequest{Idem: "pb", JobID: j.ID, By: "tech", Class: string(fo.QualityParts),
		Text: "缺少一套举升托盘，待补发"}); err != nil {
		t.Fatal(err)
	}
	j, err = s.FieldJob(j.ID)
	if err != nil {
		t.Fatal(err)
	}
	// The bot fetched the first photo; the second is still downloading.
	if err := s.SaveFetchedFile(j.Site.Log[1].FileID, "image/jpeg", photoJPEG(t)); err != nil {
		t.Fatal(err)
	}
	return j
}

// photoJPEG is a phone-sized photo: a sky, a floor and a lift's two posts.
func photoJPEG(t testing.TB) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 1600, 1200))
	for y := 0; y < 1200; y++ {
		for x := 0; x < 1600; x++ {
			c := color.RGBA{uint8(120 + y/10), uint8(160 + y/12), 230, 255}
			if y > 800 {
				c = color.RGBA{110, 110, 105, 255}
			}
			if (x > 400 && x < 480) || (x > 1120 && x < 1200) {
				if y > 200 && y < 1000 {
					c = color.RGBA{30, 80, 160, 255}
				}
			}
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 85}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// The work log and the acceptance report (FLD-5), zh and en, before the
// customer signs ("awaiting signature") and after (the signer, the time),
// read back with pdftotext and rendered to PNG.
func TestFieldSiteFormsFLD5(t *testing.T) {
	now := time.Date(2026, 12, 7, 1, 0, 0, 0, time.UTC) // Monday 09:00 in Shanghai
	s, clock := shopStore(t, now)
	j := siteJob(t, s, clock)
	r := &Renderer{Engine: testEngine(t), Store: s}
	ctx := context.Background()

	for _, lang := range []fo.Lang{fo.ZH, fo.EN} {
		pdf, err := r.Render(ctx, fo.Document{Kind: KindFieldLog, Ref: j.ID}, lang)
		if err != nil {
			t.Fatal(err)
		}
		text := pdfText(t, pdf)
		wantText(t, text, Texts.T(lang, "form.title.site_log"), j.Number, "华东汽修有限公司", "王工", "三相 380V 正常",
			Texts.T(lang, "form.site.photo", j.Site.Log[1].FileID), "缺少一套举升托盘", fo.QualityParts.Label(lang),
			"09:40", "10:20", "11:00", Texts.T(lang, "form.site.photos"),
			Texts.T(lang, "form.site.photos_waiting", "#"+strconv.FormatUint(j.Site.Log[3].FileID, 10)))
		if n := bytes.Count(pdf, []byte("/Subtype /Image")); n != 1 {
			t.Errorf("%s: %d images in the log, want the one fetched photo", lang, n)
		}
		savePNG(t, pdf, "field-log-"+string(lang))

		pdf, err = r.Render(ctx, fo.Document{Kind: KindFieldAcceptance, Ref: j.ID}, lang)
		if err != nil {
			t.Fatal(err)
		}
		text = pdfText(t, pdf)
		wantText(t, text, Texts.T(lang, "form.title.site_acceptance"), Texts.T(lang, "form.site.awaiting_signature"),
			"双柱举升机", Texts.T(lang, "form.site.open_problems", 1))
	}

	token, _, err := s.FieldSignLink(j.ID, "tech")
	if err != nil {
		t.Fatal(err)
	}
	clock.Advance(10 * time.Minute)
	if _, err := s.SignFieldAcceptance(token, fo.Signature{Via: fo.SignedOnPad, Name: "赵经理", PNG: sigdraw.PNG("赵经理")}); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []fo.Lang{fo.ZH, fo.EN} {
		pdf, err := r.Render(ctx, fo.Document{Kind: KindFieldAcceptance, Ref: j.ID}, lang)
		if err != nil {
			t.Fatal(err)
		}
		text := pdfText(t, pdf)
		wantText(t, text, Texts.T(lang, "form.site.signed_pad", "赵经理", "2026-12-07 11:50"), Texts.T(lang, "form.site.day_count", 1))
		if contains(text, Texts.T(lang, "form.site.awaiting_signature")) {
			t.Errorf("%s: a signed report still says awaiting signature", lang)
		}
		savePNG(t, pdf, "field-acceptance-"+string(lang))
	}
}
