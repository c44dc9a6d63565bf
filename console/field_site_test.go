package console

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	fo "frontoffice"
)

// siteConsoleJob seeds a job on site: a technician checked in, two log
// entries (one a photo, fetched), a problem; and one dispatched to a
// technician without Telegram.
func siteConsoleJob(t *testing.T, h *conHarness) (fo.FieldJob, fo.FieldJob, fo.QualityFeedback) {
	t.Helper()
	st, _ := h.store.Settings()
	st.Staff = append(st.Staff,
		fo.StaffMember{ID: "tech", Name: "王工", TelegramUserID: 9001, Roles: []string{fo.RoleTechnician}},
		fo.StaffMember{ID: "offline", Name: "孙工", Roles: []string{fo.RoleTechnician}},
		fo.StaffMember{ID: "fin", Name: "财务刘", TelegramUserID: 9003, Roles: []string{fo.RoleFinance}})
	if err := h.store.SaveSettings(st); err != nil {
		t.Fatal(err)
	}
	cust := fo.FieldCustomer{Company: "华东汽修有限公司", Address: "苏州工业园区 1 号", Contact: "赵经理", Phone: "13900001111"}
	j, err := h.store.SeedFieldJob(fo.FieldJob{Stage: fo.FieldDispatched, Equipment: "举升机", Customer: cust, Dispatch: fo.FieldDispatch{Technician: "tech"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.store.FieldCheckIn(j.ID, "tech", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := h.store.AddFieldLog(fo.FieldLogRequest{JobID: j.ID, By: "tech", Text: "安装完毕"}); err != nil {
		t.Fatal(err)
	}
	j, err = h.store.AddFieldLog(fo.FieldLogRequest{JobID: j.ID, By: "tech", TelegramFileID: "ph", Text: "现场照片"})
	if err != nil {
		t.Fatal(err)
	}
	if err := h.store.SaveFetchedFile(j.Site.Log[1].FileID, "image/jpeg", []byte("\xff\xd8\xff jpeg")); err != nil {
		t.Fatal(err)
	}
	q, err := h.store.AddFieldProblem(fo.FieldProblemRequest{JobID: j.ID, By: "tech", Class: "installation", Text: "地脚螺栓需复紧"})
	if err != nil {
		t.Fatal(err)
	}
	off, err := h.store.SeedFieldJob(fo.FieldJob{Stage: fo.FieldDispatched, Equipment: "轮胎动平衡机",
		Customer: fo.FieldCustomer{Company: "西北运输", Address: "兰州 9 号"}, Dispatch: fo.FieldDispatch{Technician: "offline"}})
	if err != nil {
		t.Fatal(err)
	}
	j, _ = h.store.FieldJob(j.ID)
	return j, off, q
}

func strokes(t *testing.T) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 200, 60))
	for x := 20; x < 180; x++ {
		img.Set(x, 30+(x%9)-4, color.Black)
	}
	var buf bytes.Buffer
	png.Encode(&buf, img)
	return buf.Bytes()
}

// FLD-5 in the console: the on-site section (log with the fetched photo,
// the problem, the PDFs), the problems list with resolve, the phone task
// of a technician without Telegram, and "close" of an accepted job with
// a problem open, finance told.
func TestConsoleFieldSiteFLD5(t *testing.T) {
	h := newAsHarness(t)
	j, off, q := siteConsoleJob(t, h)
	c := h.login("zhao")
	id := strconv.FormatUint(j.ID, 10)

	page := c.get("/staff/field/" + id + "/site")
	if page.status != 200 {
		t.Fatalf("site page: %d %s", page.status, excerpt(page.body))
	}
	for _, want := range []string{j.Number, "王工", "安装完毕", "现场照片", "/staff/field/" + id + "/site/files/", "地脚螺栓需复紧",
		"/staff/documents/fieldlog/" + id, "/staff/documents/fieldaccept/" + id, "现场施工中"} {
		if !strings.Contains(page.body, want) {
			t.Errorf("site page lacks %q", want)
		}
	}
	photo := c.get("/staff/field/" + id + "/site/files/" + strconv.FormatUint(j.Site.Log[1].FileID, 10))
	if photo.status != 200 || !strings.HasPrefix(photo.body, "\xff\xd8\xff") {
		t.Fatalf("photo: %d", photo.status)
	}
	// A file the job does not name is not served through it.
	if r := c.get("/staff/field/" + id + "/site/files/999"); r.status != 404 {
		t.Fatalf("another file: %d", r.status)
	}
	for _, kind := range []string{fo.DocFieldLog, fo.DocFieldAcceptance} {
		if r := c.get("/staff/documents/" + kind + "/" + id); r.status != 200 || !strings.HasPrefix(r.body, "%PDF") {
			t.Fatalf("%s PDF: %d %s", kind, r.status, excerpt(r.body))
		}
	}

	// The technician without Telegram: a call on the reception's list.
	pick := h.login("li").get("/staff/pickups")
	if !strings.Contains(pick.body, "孙工") || !strings.Contains(pick.body, off.Number) || !strings.Contains(pick.body, "通知技术员出发") {
		t.Fatalf("no phone task for the technician without Telegram: %s", excerpt(pick.body))
	}
	offPage := c.get("/staff/field/" + strconv.FormatUint(off.ID, 10) + "/site")
	if !strings.Contains(offPage.body, `id="site-no-tg"`) {
		t.Error("the job page does not say the technician has no Telegram")
	}

	// Accept on paper, then close with the problem open: finance told.
	if _, err := h.store.FieldPaperAcceptance(fo.FieldLogRequest{JobID: j.ID, By: "tech", TelegramFileID: "paper"}); err != nil {
		t.Fatal(err)
	}
	r := c.post("/staff/field/"+id+"/site/close", nil)
	if r.status != 303 {
		t.Fatalf("close: %d %s", r.status, excerpt(r.body))
	}
	if got, _ := h.store.FieldJob(j.ID); got.Stage != fo.FieldClosed {
		t.Fatalf("after close: %s", got.Stage)
	}
	if p := c.get("/staff/field/" + id + "/site"); !strings.Contains(p.body, `id="site-paper"`) {
		t.Error("the paper acceptance's photo is not linked")
	}
	if r := c.post("/staff/field/"+id+"/site/close", nil); r.status != 409 {
		t.Fatalf("closed twice: %d", r.status)
	}

	// The problems list; an empty resolution is refused with the form kept.
	list := c.get(fieldProblemsPath)
	if !strings.Contains(list.body, "地脚螺栓需复紧") || !strings.Contains(list.body, j.Number) {
		t.Fatalf("problems list: %s", excerpt(list.body))
	}
	qid := strconv.FormatUint(q.ID, 10)
	if r := c.post("/staff/field/problems/"+qid+"/resolve", url.Values{"resolution": {"  "}}); r.status != 422 || !strings.Contains(r.body, `class="error"`) {
		t.Fatalf("empty resolution: %d", r.status)
	}
	r = c.post("/staff/field/problems/"+qid+"/resolve", url.Values{"resolution": {"已复紧并复查"}})
	if r.status != 303 {
		t.Fatalf("resolve: %d %s", r.status, excerpt(r.body))
	}
	if list := c.follow(r); !strings.Contains(list.body, `id="no-problems"`) {
		t.Fatalf("problem still listed: %s", excerpt(list.body))
	}
	if r := c.post("/staff/field/problems/"+qid+"/resolve", url.Values{"resolution": {"again"}}); r.status != 409 {
		t.Fatalf("resolved twice: %d", r.status)
	}
}

// FLD-5: the signed acceptance shows the customer's strokes on the job's
// section (here to the follow-up role).
func TestConsoleFieldSiteSignatureFLD5(t *testing.T) {
	h := newAsHarness(t)
	j, _, _ := siteConsoleJob(t, h)
	token, _, err := h.store.FieldSignLink(j.ID, "tech")
	if err != nil {
		t.Fatal(err)
	}
	h.clock.Advance(time.Hour)
	if _, err := h.store.SignFieldAcceptance(token, fo.Signature{Via: fo.SignedOnPad, Name: "赵经理", PNG: strokes(t)}); err != nil {
		t.Fatal(err)
	}
	page := h.login("wang").get("/staff/field/" + strconv.FormatUint(j.ID, 10) + "/site")
	if page.status != 200 || !strings.Contains(page.body, `id="site-signature" src="data:image/png;base64,`) || !strings.Contains(page.body, "赵经理") {
		t.Fatalf("signature not shown: %d %s", page.status, excerpt(page.body))
	}
}

// The on-site routes are closed to station accounts (issue 14 Security):
// a field job is the shop's own business.
func init() {
	for _, p := range []string{"GET /staff/field/problems", "POST /staff/field/problems/{qid}/resolve", "GET /staff/field/{id}/site",
		"POST /staff/field/{id}/site/close", "GET /staff/field/{id}/site/files/{file}"} {
		stationRouteDecisions[p] = "closed"
	}
}
