package console

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	fo "frontoffice"
)

// postFile posts a multipart form with fields and one file, with the
// client's CSRF token.
func (c *conClient) postFile(path string, fields url.Values, name string, data []byte) conResp {
	c.h.t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	if _, ok := fields["csrf"]; !ok {
		mw.WriteField("csrf", c.csrf)
	}
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	if name != "" {
		fw, _ := mw.CreateFormFile("file", name)
		fw.Write(data)
	}
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, c.h.ts.URL+path, &b)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.do(req)
}

var (
	fieldPDF = []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
	fieldPNG = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00")
)

func fieldNewForm() url.Values {
	return url.Values{"company": {"华北重工有限公司"}, "address": {"天津市滨海新区港城大道 88 号"}, "contact": {"陈工"},
		"phone": {"022-6688-1234"}, "route": {"京津城际到于家堡站"}, "equipment": {"防撞预警系统 ×12 套"}, "lang": {"zh"}, "shipped": {"2026-11-26"}}
}

// FLD-1, FLD-2, FLD-3 in the console: a job created at shipment, a task
// done with the arrival day, the signed receipt and the commissioning
// request uploaded (PDF, photo; anything else refused), no dispatch
// request without the commissioning request, then the request submitted
// into its approval chain; the PDF and the files downloaded; the pages
// closed to other roles.
func TestFieldConsoleFLD3(t *testing.T) {
	h := newAsHarness(t)
	c := h.login("li")
	if r := c.get("/staff/field"); r.status != http.StatusOK || !strings.Contains(r.body, `id="no-field-jobs"`) {
		t.Fatalf("empty list: %d %s", r.status, excerpt(r.body))
	}
	c.get("/staff/field/new")
	bad := fieldNewForm()
	bad.Set("phone", "call me")
	r := c.post("/staff/field/new", bad)
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, `id="field-error" data-field="phone"`) || !strings.Contains(r.body, "华北重工有限公司") {
		t.Fatalf("bad phone: %d %s", r.status, excerpt(r.body))
	}
	r = c.post("/staff/field/new", fieldNewForm())
	if r.status != http.StatusSeeOther || r.location != "/staff/field/1" {
		t.Fatalf("create: %d %s", r.status, excerpt(r.body))
	}
	page := c.follow(r)
	mustContain(t, "job page", page.body, `id="contact-command">/start fj1_`, "AZ-20261127-001", "华北重工有限公司", "022-6688-1234", `data-task="arr" data-done="false"`, h.srv.texts.T(fo.ZH, "con.flash.fld_created"))
	j, _ := h.store.FieldJob(1)
	if j.Stage != fo.FieldShipped || j.Shipment.ShippedAt.In(conLoc).Format("2006-01-02") != "2026-11-26" {
		t.Errorf("job %s shipped %v", j.Stage, j.Shipment.ShippedAt)
	}
	// FLD-1: a task with the arrival day.
	r = c.post("/staff/field/1/task", url.Values{"task": {"arr"}, "arrival": {"2026-12-01"}})
	page = c.follow(r)
	mustContain(t, "job page", page.body, `data-task="arr" data-done="true"`, `id="field-arrival">2026-12-01`)
	// The request before the receipt; a text file as the receipt.
	r = c.postFile("/staff/field/1/upload", url.Values{"kind": {"request"}}, "req.pdf", fieldPDF)
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, fo.Texts.T(fo.ZH, "err.field.no_receipt")) {
		t.Errorf("request before receipt: %d %s", r.status, excerpt(r.body))
	}
	r = c.postFile("/staff/field/1/upload", url.Values{"kind": {"receipt"}}, "receipt.pdf", []byte("just text, not a scan"))
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, fo.Texts.T(fo.ZH, "err.field.file_type")) {
		t.Errorf("text as receipt: %d %s", r.status, excerpt(r.body))
	}
	r = c.postFile("/staff/field/1/upload", url.Values{"kind": {"receipt"}}, "receipt.pdf", fieldPDF)
	page = c.follow(r)
	mustContain(t, "job page", page.body, `id="doc-receipt" data-on-file="yes"`, fo.Texts.T(fo.ZH, "fld.stage.received"))
	// FLD-2: no dispatch request without the commissioning request.
	form := url.Values{"company": {"华北重工有限公司"}, "address": {"天津市滨海新区港城大道 88 号"}, "contact": {"陈工"}, "phone": {"022-6688-1234"},
		"departure": {"2026-11-30T08:00"}, "return": {"2026-12-01T18:00"}, "problem": {"12 台车辆加装并调试"}, "tools": {"标定板"}}
	r = c.post("/staff/field/1/dispatch", form)
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, `id="dispatch-error"`) || !strings.Contains(r.body, "12 台车辆加装并调试") {
		t.Fatalf("dispatch without the request: %d %s", r.status, excerpt(r.body))
	}
	r = c.postFile("/staff/field/1/upload", url.Values{"kind": {"request"}}, "request.png", fieldPNG)
	c.follow(r)
	r = c.post("/staff/field/1/dispatch", form)
	page = c.follow(r)
	mustContain(t, "job page", page.body, `data-step="sign" data-done="false"`, fo.Texts.T(fo.ZH, "fld.stage.approving"), `id="pdf-dispatch"`)
	j, _ = h.store.FieldJob(1)
	if j.Stage != fo.FieldApproving || !j.Dispatch.Trip || j.Dispatch.SubmittedBy != "staff:li" {
		t.Fatalf("after submit: %s trip %v by %s", j.Stage, j.Dispatch.Trip, j.Dispatch.SubmittedBy)
	}
	// Downloads: the PDF, the job's own files, never another's.
	pdf := c.get("/staff/field/1/pdf/fielddispatch")
	if pdf.status != http.StatusOK || !strings.HasPrefix(pdf.body, "%PDF") {
		t.Errorf("dispatch PDF: %d", pdf.status)
	}
	if r := c.get("/staff/field/1/pdf/fieldout"); r.status != http.StatusConflict {
		t.Errorf("out-of-office slip of an undispatched trip: %d", r.status)
	}
	f := c.get("/staff/field/1/files/" + itoa64(j.Dispatch.Request.FileID))
	if f.status != http.StatusOK || f.body != string(fieldPNG) {
		t.Errorf("request file: %d", f.status)
	}
	other, _ := h.store.CreateFieldJob(fo.FieldJobInput{Customer: fo.FieldCustomer{Company: "别家", Address: "上海", Contact: "王", Phone: "021-5555-0000"}, Equipment: "x"}, "staff:li")
	if r := c.get("/staff/field/" + itoa64(other.ID) + "/files/" + itoa64(j.Dispatch.Request.FileID)); r.status != http.StatusNotFound {
		t.Errorf("another job's file: %d", r.status)
	}
	list := c.get("/staff/field")
	mustContain(t, "list", list.body, "AZ-20261127-001", "AZ-20261127-002", fo.Texts.T(fo.ZH, "fld.step.sign"))
	// Other roles: follow-up staff may not.
	if r := h.login("wang").get("/staff/field/1"); r.status != http.StatusForbidden {
		t.Errorf("follow-up account: %d", r.status)
	}
	// The supervisor cancels the second job.
	z := h.login("zhao")
	z.get("/staff/field/2")
	if r := z.post("/staff/field/2/cancel", url.Values{"reason": {"客户取消订单"}}); r.status != http.StatusSeeOther {
		t.Errorf("cancel: %d %s", r.status, excerpt(r.body))
	}
	if j2, _ := h.store.FieldJob(2); j2.Stage != fo.FieldCancelled {
		t.Errorf("cancelled job at %s", j2.Stage)
	}
}

// FLD-3: saving the settings page keeps the field chain's roles and each
// member's language, which the page does not show.
func TestSettingsKeepFieldRoles(t *testing.T) {
	h := newConHarness(t)
	st, _ := h.store.Settings()
	st.Staff[0].Roles = append(st.Staff[0].Roles, fo.RoleAfterSalesManager)
	st.Staff[0].Lang = fo.EN
	if err := h.store.SaveSettings(st); err != nil {
		t.Fatal(err)
	}
	c := h.login("admin")
	form := formValues(c.get("/staff/settings").body, "settings-form")
	if r := c.post("/staff/settings", form); r.status != http.StatusSeeOther {
		t.Fatalf("save: %d %s", r.status, excerpt(r.body))
	}
	st, _ = h.store.Settings()
	if m := st.Staff[0]; !m.Has(fo.RoleAfterSalesManager) || !m.Has(fo.RoleReception) || m.Lang != fo.EN {
		t.Errorf("after saving: %+v", m)
	}
}
