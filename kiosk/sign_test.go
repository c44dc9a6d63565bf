package kiosk

import (
	"bytes"
	"encoding/base64"
	"html"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	fo "frontoffice"
	"frontoffice/internal/web"
)

// signPNG is a signature the pad would send: a stroke, or nothing (blank).
func signPNG(t *testing.T, blank bool) string {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 300, 100))
	if !blank {
		for x := 30; x < 270; x++ {
			img.Set(x, 50+(x%13)-6, color.Black)
			img.Set(x, 51+(x%13)-6, color.Black)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return "data:image/png;base64," + base64.StdEncoding.EncodeToString(buf.Bytes())
}

// siteJobs seeds two jobs on site with their technician checked in, and
// returns a signature link of the first.
func siteJobs(t *testing.T, h *harness, lang fo.Lang) (fo.FieldJob, fo.FieldJob, string) {
	t.Helper()
	st, _ := h.store.Settings()
	st.Staff = append(st.Staff, fo.StaffMember{ID: "tech", Name: "王工", TelegramUserID: 9001, Roles: []string{fo.RoleTechnician}},
		fo.StaffMember{ID: "chief", Name: "陈总工", TelegramUserID: 9002, Roles: []string{fo.RoleChiefEngineer}})
	if err := h.store.SaveSettings(st); err != nil {
		t.Fatal(err)
	}
	var jobs []fo.FieldJob
	for _, c := range []fo.FieldCustomer{
		{Company: "华东汽修有限公司", Address: "苏州工业园区 1 号", Contact: "赵经理", Phone: "13900001111"},
		{Company: "西北运输集团", Address: "兰州市城关区 9 号", Contact: "钱主任", Phone: "13700009999"},
	} {
		j, err := h.store.SeedFieldJob(fo.FieldJob{Stage: fo.FieldDispatched, Lang: lang, Equipment: "四轮定位仪", Customer: c,
			Dispatch: fo.FieldDispatch{Technician: "tech"}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := h.store.FieldCheckIn(j.ID, "tech", ""); err != nil {
			t.Fatal(err)
		}
		if _, err := h.store.AddFieldLog(fo.FieldLogRequest{JobID: j.ID, By: "tech", Text: "调试完成 " + c.Company}); err != nil {
			t.Fatal(err)
		}
		if _, err := h.store.AddFieldProblem(fo.FieldProblemRequest{JobID: j.ID, By: "tech", Class: "product", Text: "显示屏坏点 " + c.Contact}); err != nil {
			t.Fatal(err)
		}
		jobs = append(jobs, j)
	}
	token, _, err := h.store.FieldSignLink(jobs[0].ID, "tech")
	if err != nil {
		t.Fatal(err)
	}
	return jobs[0], jobs[1], token
}

func getPage(t *testing.T, h *harness, path string) (int, string) {
	t.Helper()
	resp, err := http.Get(h.ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func postSign(t *testing.T, h *harness, token string, form url.Values, hdr ...string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, h.ts.URL+"/sign/"+token, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// FLD-5: the customer signs the acceptance on the link's page, in the
// job's language (zh and en): the page shows that job's summary and
// nothing of the other job; a blank pad or no name is refused with the
// form kept; the signature accepts the job; the link then is used up.
func TestSignAcceptancePageFLD5(t *testing.T) {
	for _, lang := range []fo.Lang{fo.ZH, fo.EN} {
		t.Run(string(lang), func(t *testing.T) {
			h := newHarness(t)
			a, b, token := siteJobs(t, h, lang)
			T := func(key string, args ...any) string { return h.srv.texts.T(lang, key, args...) }

			code, body := getPage(t, h, "/sign/"+token)
			if code != 200 {
				t.Fatalf("page: %d\n%s", code, body)
			}
			for _, want := range []string{a.Number, "华东汽修有限公司", "苏州工业园区 1 号", "四轮定位仪", "王工", "显示屏坏点 赵经理",
				T("sign.submit"), `class="sigpad" data-input="signature"`, `/static/signature.js`} {
				if !strings.Contains(body, want) {
					t.Errorf("page lacks %q", want)
				}
			}
			for _, other := range []string{b.Number, "西北运输集团", "兰州", "钱主任", "13700009999", "13900001111"} {
				if strings.Contains(body, other) {
					t.Errorf("page shows %q (another job's, or a phone)", other)
				}
			}

			// Bad input: a blank pad, no name, a cross-site post.
			if code, body := postSign(t, h, token, url.Values{"name": {"赵经理"}, "signature": {signPNG(t, true)}}); code != 422 ||
				!strings.Contains(body, html.EscapeString(fo.ErrorText(lang, web.ErrSignatureEmpty))) {
				t.Fatalf("blank pad: %d", code)
			}
			if code, body := postSign(t, h, token, url.Values{"name": {" "}, "signature": {signPNG(t, false)}}); code != 422 ||
				!strings.Contains(body, html.EscapeString(fo.ErrorText(lang, fo.Errorf(fo.EINVALID, "err.site.signer", fo.MaxSignerName)))) {
				t.Fatalf("no name: %d", code)
			}
			if code, _ := postSign(t, h, token, url.Values{"name": {"x"}, "signature": {signPNG(t, false)}}, "Sec-Fetch-Site", "cross-site"); code != 403 {
				t.Fatalf("cross-site post: %d", code)
			}
			if j, _ := h.store.FieldJob(a.ID); j.Stage != fo.FieldOnSite {
				t.Fatalf("bad input changed the job: %s", j.Stage)
			}

			h.clock.Advance(5 * time.Minute)
			code, body = postSign(t, h, token, url.Values{"name": {"赵经理"}, "signature": {signPNG(t, false)}})
			if code != 200 || !strings.Contains(body, html.EscapeString(T("sign.done", "赵经理", h.clock.Now().In(shanghai).Format("2006-01-02 15:04")))) {
				t.Fatalf("sign: %d\n%s", code, body)
			}
			j, _ := h.store.FieldJob(a.ID)
			sig := j.Site.Acceptance.Signature
			if j.Stage != fo.FieldAccepted || sig.Via != fo.SignedOnPad || sig.Name != "赵经理" || sig.File == 0 {
				t.Fatalf("after signing: %s %+v", j.Stage, sig.Via)
			}
			if _, strokes, _ := h.store.File(sig.File); !bytes.HasPrefix(strokes, []byte("\x89PNG")) {
				t.Fatal("the strokes are not kept as a PNG")
			}
			if other, _ := h.store.FieldJob(b.ID); other.Stage != fo.FieldOnSite {
				t.Fatal("the other job changed")
			}

			// Used twice: refused, as an unknown link is, with the same page.
			code, used := postSign(t, h, token, url.Values{"name": {"赵经理"}, "signature": {signPNG(t, false)}})
			codeGet, usedGet := getPage(t, h, "/sign/"+token)
			_, unknown := getPage(t, h, "/sign/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
			if code != 404 || codeGet != 404 || !strings.Contains(used, html.EscapeString(T("sign.invalid"))) || strings.Contains(usedGet, a.Number) {
				t.Fatalf("second use: %d %d", code, codeGet)
			}
			if strings.ReplaceAll(unknown, "lang", "") == "" || !strings.Contains(unknown, html.EscapeString(T("sign.invalid"))) {
				t.Fatal("unknown link page")
			}
		})
	}
}

// FLD-5: a link past fo.FieldSignTTL is refused, and nothing changes.
func TestSignLinkExpiresFLD5(t *testing.T) {
	h := newHarness(t)
	a, _, token := siteJobs(t, h, fo.ZH)
	h.clock.Advance(fo.FieldSignTTL)
	if code, body := getPage(t, h, "/sign/"+token); code != 404 || strings.Contains(body, a.Number) {
		t.Fatalf("expired page: %d", code)
	}
	if code, _ := postSign(t, h, token, url.Values{"name": {"赵经理"}, "signature": {signPNG(t, false)}}); code != 404 {
		t.Fatalf("expired post: %d", code)
	}
	if j, _ := h.store.FieldJob(a.ID); j.Stage != fo.FieldOnSite {
		t.Fatalf("expired link signed: %s", j.Stage)
	}
}
