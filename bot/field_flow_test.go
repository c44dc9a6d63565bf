package bot

import (
	"bytes"
	"encoding/base64"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	fo "frontoffice"
	"frontoffice/forms"
	"frontoffice/internal/telegramtest"
	"frontoffice/internal/web"
	"frontoffice/kiosk"
)

// pdfToText reads a PDF's text with pdftotext.
func pdfToText(t *testing.T, pdf []byte) string {
	t.Helper()
	cmd := exec.Command("pdftotext", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// signServer serves the kiosk's signature page on h's store and clock,
// as the shop server does, and returns its address.
func signServer(t *testing.T, h *harness) string {
	t.Helper()
	k, err := kiosk.New(kiosk.Config{Store: h.store, Clock: h.clock, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	k.Register(mux)
	web.MountShared(mux)
	ts := httptest.NewServer(mux)
	t.Cleanup(ts.Close)
	return ts.URL
}

// FLD-1..5 joined, through the fake Bot API server, in Chinese and
// English, with nothing seeded past the shipment: the job created as the
// console creates it; the staff tasks pressed; the signed receipt and the
// commissioning request replied to the job's notice; the dispatch request
// submitted as the console submits it; the after-sales manager signs, the
// general manager's office picks the technician, the department manager
// dispatches; the technician gets the job with the main problem and the
// tools, checks in, logs a text and a photo (fetched through getFile and
// the file server), records a problem; the customer signs; the chief
// engineer gets the two copies and resolves the problem; finance is told;
// the job ends closed with its audit trail.
func TestFieldInstallationWholeFlowFLD1to5(t *testing.T) {
	for _, lang := range []fo.Lang{fo.ZH, fo.EN} {
		t.Run(string(lang), func(t *testing.T) {
			h := newHarness(t)
			addFieldStaff(t, h, lang)
			addFieldSiteStaff(t, h)
			engine, err := forms.New(slog.New(slog.NewTextHandler(io.Discard, nil)))
			if err != nil {
				t.Fatal(err)
			}
			h.docs = &forms.Renderer{Engine: engine, Store: h.store} // the real PDFs, read back below
			startFieldSite(h)
			T := func(key string, args ...any) string { return fo.Texts.T(lang, key, args...) }
			S := func(key string, args ...any) string { return fieldSiteTexts.T(lang, key, args...) }
			st := h.settings()
			loc := st.Location()
			li := telegramtest.Customer(staffUser, "zh")
			wu := fieldUser(userWu, lang)
			chief := fieldUser(chiefUser, lang)

			// FLD-1: shipment, as the console's new-job form does it.
			in := fieldJobInput(lang)
			in.Product = "LIFT"
			j, err := h.store.CreateFieldJob(in, "staff:li")
			if err != nil {
				t.Fatal(err)
			}
			notice := h.wait(staffChat, j.Number, "华北重工有限公司", fo.Texts.T(fo.ZH, "fld.receipt_not_back"))
			for _, task := range fo.FieldTasks {
				h.press(staffChat, li, fo.FieldData(task, j.ID))
			}
			h.replyFile(staffChat, li, notice.ID, "scan-receipt", "receipt.pdf")
			h.press(staffChat, li, fo.Texts.T(fo.ZH, "fldb.is_receipt"))
			h.wait(staffChat, fo.Texts.T(fo.ZH, "fldb.filed.receipt", j.Number, fo.FieldStageLabel(fo.FieldReceived, fo.ZH)))
			// FLD-2: the commissioning request.
			h.replyFile(staffChat, li, notice.ID, "photo-request", "request.jpg")
			h.press(staffChat, li, fo.Texts.T(fo.ZH, "fldb.is_request"))
			h.wait(staffChat, fo.Texts.T(fo.ZH, "fldb.filed.request", j.Number, fo.FieldStageLabel(fo.FieldRequested, fo.ZH)))

			// FLD-3: the dispatch request, as the console's form submits it.
			dreq := fieldDispatchInput("2026-11-30T13:00", "2026-11-30T18:00")
			if _, err := h.store.SubmitFieldDispatch(j.ID, dreq, "staff:li"); err != nil {
				t.Fatal(err)
			}
			h.wait(userSun, T("fld.ask.sign", j.Number, fo.FormatWhen(lang, shanghai(2026, 11, 30, 13, 0), loc)))
			h.press(userSun, fieldUser(userSun, lang), fo.FieldData(fo.FieldStepSign, j.ID))
			h.wait(userSun, T("fldb.signed_by", "孙经理", fo.FormatWhen(lang, h.clock.Now(), loc)))
			h.waitMsg(userZhou, "the technician buttons", func(m telegramtest.Message) bool {
				return strings.Contains(m.Text, j.Number) && m.HasButton("👷 吴工")
			})
			h.press(userZhou, fieldUser(userZhou, lang), "👷 吴工")
			h.wait(userQian, j.Number, T("fld.tech_is", "吴工"))
			h.press(userQian, fieldUser(userQian, lang), fo.FieldData(fo.FieldStepDispatch, j.ID))
			h.wait(userQian, T("fldb.dispatched_by", "钱经理", fo.FormatWhen(lang, h.clock.Now(), loc)))
			h.wait(userWu, T("fld.paper.fieldout", j.Number, "吴工"))

			// FLD-5: the technician's job carries the dispatch request.
			m := h.waitMsg(userWu, "the job", func(m telegramtest.Message) bool {
				return m.HasButton(fo.FieldSiteData(fo.FsCheckIn, j.ID))
			})
			for _, part := range []string{j.Number, "华北重工有限公司", "天津市滨海新区港城大道 88 号", "陈工", "022-6688-1234", dreq.Problem, dreq.Tools} {
				if !strings.Contains(m.Text, part) {
					t.Errorf("the technician's job lacks %q:\n%s", part, m.Text)
				}
			}
			h.clock.Advance(4*time.Hour + 30*time.Minute) // 13:30
			h.pressPrefix(userWu, wu, "fs:in:")
			h.wait(userWu, S("fsb.checked_in", j.Number, "11-30 13:30"))
			h.text(userWu, wu, "电源检查正常 power OK")
			h.wait(userWu, S("fsb.logged", j.Number, 1, "13:30"))
			h.handled(h.srv.SendPhoto(userWu, wu, "site1", "一号车 car one"))
			h.wait(userWu, S("fsb.logged_photo", j.Number, 2, "13:30"))
			got, _ := h.store.FieldJob(j.ID)
			photo := got.Site.Log[1].FileID
			waitStore(t, "the photo fetched", func() bool {
				_, data, _ := h.store.File(photo)
				return data != nil && bytes.Equal(data, h.srv.FileData("site1-l"))
			})
			if n := h.srv.Downloads("site1-l"); n != 1 {
				t.Errorf("downloads of the photo: %d", n)
			}
			h.text(userWu, wu, "/problem")
			h.press(userWu, wu, fo.QualityParts.Label(lang))
			h.text(userWu, wu, "缺一套标定板 one target missing")
			probs, _ := h.store.FieldProblems(j.ID)
			if len(probs) != 1 || !probs[0].Open {
				t.Fatalf("problems: %+v", probs)
			}
			h.wait(userWu, S("fsb.problem_recorded", probs[0].ID, fo.QualityParts.Label(lang)))

			// The acceptance: the link, signed as the sign page signs.
			h.pressPrefix(userWu, wu, "fs:sig:")
			link := h.wait(userWu, "https://shop.test/sign/")
			token := regexp.MustCompile(`/sign/([A-Za-z0-9_-]+)`).FindStringSubmatch(link.Text)[1]
			h.clock.Advance(10 * time.Minute)
			signPage := signServer(t, h)
			resp, err := http.Get(signPage + "/sign/" + token)
			if err != nil {
				t.Fatal(err)
			}
			page, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK || !strings.Contains(string(page), j.Number) {
				t.Fatalf("sign page: %d\n%s", resp.StatusCode, page)
			}
			resp, err = http.PostForm(signPage+"/sign/"+token, url.Values{"name": {"陈工"},
				"signature": {"data:image/png;base64," + base64.StdEncoding.EncodeToString(inkPNG(t))}})
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("signed: %d", resp.StatusCode)
			}
			if got, _ := h.store.FieldJob(j.ID); got.Stage != fo.FieldAccepted || got.Site.Acceptance.Signature.Name != "陈工" {
				t.Fatalf("after signing: %s %+v", got.Stage, got.Site.Acceptance.Signature)
			}
			// The copies (in the chief engineer's language, none set: zh),
			// read back with pdftotext.
			var pdfs [][]byte
			waitStore(t, "the chief engineer's copies", func() bool {
				pdfs = nil
				for _, c := range h.srv.Calls("sendDocument") {
					if c.Code == 200 && c.ChatID() == chiefUser && strings.Contains(c.Params["caption"], j.Number) {
						pdfs = append(pdfs, c.Files["document"].Data)
					}
				}
				return len(pdfs) == 2
			})
			var all string
			for _, p := range pdfs {
				all += pdfToText(t, p)
			}
			all = strings.Join(strings.Fields(all), "")
			for _, want := range []string{"安装调试验收报告", "安装调试工作日志", j.Number, "华北重工有限公司", "陈工", "电源检查正常", "缺一套标定板"} {
				if !strings.Contains(all, strings.Join(strings.Fields(want), "")) {
					t.Errorf("the copies lack %q:\n%s", want, all)
				}
			}
			h.pressPrefix(chiefUser, chief, "fs:rs:")
			h.wait(chiefUser, S("fsb.resolve_how"))
			h.text(chiefUser, chief, "已补发 sent")
			h.wait(chiefUser, S("fsb.resolved", probs[0].ID, j.Number))
			// Finance (no language set: zh) gets the job's figures: 8 h of LIFT at ¥100.
			h.wait(financeUser, j.Number, "华北重工有限公司", "防撞预警系统 ×12 套", "吴工，现场 1 天", "¥800.00", "遗留问题：0 项")

			got, _ = h.store.FieldJob(j.ID)
			if got.Stage != fo.FieldClosed {
				t.Fatalf("the job ends %s", got.Stage)
			}
			audit, _, err := h.store.AuditLog(fo.AuditFilter{Kind: fo.AuditFieldJob, Ref: itoa(j.ID)})
			if err != nil {
				t.Fatalf("audit of the job: %d entries, %v", len(audit), err)
			}
			var actions []string
			for _, e := range audit {
				actions = append(actions, e.By+" "+e.Action)
			}
			want := "staff:chief resolved|customer:sign accepted|staff:wu problem|staff:wu log|staff:wu log|staff:wu checked_in|" +
				"staff:qian approve:disp|staff:zhou approve:pick|staff:sun approve:sign|staff:li dispatch_form|staff:li doc:request|" +
				"staff:li doc:receipt|staff:li task|staff:li task|staff:li task|staff:li created"
			if got := strings.Join(actions, "|"); got != want { // newest first
				t.Errorf("audit of the job\n got %s\nwant %s", got, want)
			}
			h.dumpChats(t, staffChat, userSun, userZhou, userQian, userWu, chiefUser, financeUser)
		})
	}
}
