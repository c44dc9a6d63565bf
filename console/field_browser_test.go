package console

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	fo "frontoffice"
)

// TestBrowserField runs a field job through the console's pages in
// headless Chromium (FLD-1..4): created from the form, a shipment task
// done, the signed receipt and the commissioning request uploaded through
// the file inputs, the dispatch request filled in; the approval chain is
// then done as Telegram does it, and the page shows each step with who and
// when, and the papers. Screenshots: testdata/artifacts/console_field_*.png.
func TestBrowserField(t *testing.T) {
	h := newAsHarness(t) // Friday 09:00
	st, _ := h.store.Settings()
	st.Staff = append(st.Staff,
		fo.StaffMember{ID: "sun", Name: "孙经理", Roles: []string{fo.RoleAfterSalesManager}},
		fo.StaffMember{ID: "zhou", Name: "周主任", Roles: []string{fo.RoleGMOffice}},
		fo.StaffMember{ID: "qian", Name: "钱经理", Roles: []string{fo.RoleDeptManager}},
		fo.StaffMember{ID: "wu", Name: "吴工", Roles: []string{fo.RoleTechnician}},
		fo.StaffMember{ID: "feng", Name: "冯行政", Roles: []string{fo.RoleAdministration}},
	)
	if err := h.store.SaveSettings(st); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	receipt, request := filepath.Join(dir, "receipt.pdf"), filepath.Join(dir, "request.png")
	os.WriteFile(receipt, fieldPDF, 0o644)
	os.WriteFile(request, fieldPNG, 0o644)

	b := newConBrowser(t, h)
	b.login("li")
	b.goTo("/staff/field", `!!document.querySelector("#new-field")`)
	b.submit("#new-field", `!!document.querySelector("#field-form")`)
	for sel, v := range map[string]string{"#company": "华北重工有限公司", "#address": "天津市滨海新区港城大道 88 号", "#contact": "陈工",
		"#phone": "022-6688-1234", "#route": "京津城际到于家堡站，打车 15 分钟", "#equipment": "防撞预警系统 ×12 套"} {
		b.Do(chromedp.SendKeys(chromedp.CSS(sel), v))
	}
	b.submit("#create", `!!document.querySelector("#field-job")`)
	if got := b.Eval(`document.querySelector("#field-job .qno").textContent`); got != "AZ-20261127-001" {
		t.Fatalf("job number %q", got)
	}
	b.submit("#task-cust", `!!document.querySelector('[data-task="cust"][data-done="true"]')`)
	b.Do(chromedp.SetUploadFiles("#file-input-receipt", []string{receipt}))
	b.submit("#upload-btn-receipt", `!!document.querySelector('#doc-receipt[data-on-file="yes"]')`)
	b.Do(chromedp.SetUploadFiles("#file-input-request", []string{request}))
	b.submit("#upload-btn-request", `!!document.querySelector('#doc-request[data-on-file="yes"]')`)
	b.Do(chromedp.Evaluate[chromedp.Void](`(() => {
		document.querySelector("#departure").value = "2026-11-30T08:00";
		document.querySelector("#return").value = "2026-12-02T18:00";
		document.querySelector("#problem").value = "12 台重型卡车加装防撞预警系统，逐台标定雷达并路试";
		document.querySelector("#tools").value = "标定板、笔记本电脑、备用探头 4 个";
	})()`))
	b.submit("#submit-dispatch", `!!document.querySelector("#field-steps")`)
	b.shot("field_approving_zh")
	j, _ := h.store.FieldJob(1)
	if j.Stage != fo.FieldApproving || j.Dispatch.Request == nil || j.Shipment.Receipt == nil || !j.Dispatch.Trip {
		t.Fatalf("after the pages: %s %+v", j.Stage, j.Dispatch)
	}
	// The chain, as the Telegram buttons do it.
	for _, a := range []fo.FieldApproval{{ID: 1, Step: fo.FieldStepSign, Staff: "sun"}, {ID: 1, Step: fo.FieldStepPick, Staff: "zhou", Tech: "wu"},
		{ID: 1, Step: fo.FieldStepDispatch, Staff: "qian"}} {
		if _, err := h.store.ApproveField(a); err != nil {
			t.Fatal(err)
		}
	}
	b.goTo("/staff/field/1", `!!document.querySelector('[data-step="disp"][data-done="true"]')`)
	for _, id := range []string{"#pdf-dispatch", "#pdf-trip", "#pdf-handover", "#field-travel"} {
		if b.Eval(`String(!!document.querySelector("`+id+`"))`) != "true" {
			t.Errorf("dispatched job's page lacks %s", id)
		}
	}
	b.shot("field_dispatched_zh")
	b.goTo("/staff/field", `!!document.querySelector("#field-jobs")`)
	b.shot("field_list_zh")
	b.submit("#lang-switch", `document.documentElement.lang === "en"`)
	b.goTo("/staff/field/1", `!!document.querySelector("#field-steps")`)
	if got := b.Eval(`document.querySelector("#field-stage").textContent`); got != "Dispatched" {
		t.Errorf("stage in English %q", got)
	}
	b.shot("field_dispatched_en")
}
