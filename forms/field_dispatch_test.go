package forms

import (
	"context"
	"errors"
	"testing"
	"time"

	fo "frontoffice"
)

// fieldFixture is a field job in its approval chain (signed, the
// technician picked, waiting for the dispatch), or dispatched, in lang.
func fieldFixture(lang fo.Lang, trip, dispatched bool) (*fo.Settings, fo.FieldJob) {
	st := fo.DefaultSettings()
	st.Staff = append(st.Staff,
		fo.StaffMember{ID: "sun", Name: "孙经理", Roles: []string{fo.RoleAfterSalesManager}},
		fo.StaffMember{ID: "zhou", Name: "周主任", Roles: []string{fo.RoleGMOffice}},
		fo.StaffMember{ID: "qian", Name: "钱经理", Roles: []string{fo.RoleDeptManager}},
		fo.StaffMember{ID: "wu", Name: "吴工", Roles: []string{fo.RoleTechnician}},
	)
	st.Labour = []fo.LabourStandard{{Code: "FCW-12", NameZh: "防撞预警系统", NameEn: "Collision warning system", InstallMinutes: 240}}
	loc := st.Location()
	t0 := time.Date(2026, 11, 30, 9, 0, 0, 0, loc).UTC()
	ret := time.Date(2026, 11, 30, 18, 0, 0, 0, loc).UTC()
	if trip {
		ret = time.Date(2026, 12, 2, 18, 0, 0, 0, loc).UTC()
	}
	j := fo.FieldJob{ID: 3, Number: "AZ-20261130-001", Stage: fo.FieldApproving, Lang: lang, Equipment: "防撞预警系统 ×12 套", Product: "FCW-12", Region: "天津",
		Customer: fo.FieldCustomer{Company: "华北重工有限公司", Address: "天津市滨海新区港城大道 88 号", Contact: "陈工", Phone: "022-6688-1234",
			Route: "京津城际到于家堡站，出站打车约 15 分钟到厂区东门"}}
	j.Dispatch = fo.FieldDispatch{
		Request: &fo.FieldDoc{FileID: 1, Via: fo.FieldViaTelegram, By: "staff:li", At: t0.Add(-24 * time.Hour)},
		Form: fo.FieldDispatchForm{Departure: t0.Add(4 * time.Hour), Return: ret, Problem: "12 台重型卡车加装防撞预警系统，需逐台标定雷达并路试",
			Tools: "标定板、笔记本电脑、备用探头 4 个", Notes: "进厂须戴安全帽；门卫处登记"},
		SubmittedAt: t0, SubmittedBy: "staff:li", Trip: trip,
		Signed: fo.FieldStep{By: "sun", At: t0.Add(10 * time.Minute)},
		Picked: fo.FieldStep{By: "zhou", At: t0.Add(30 * time.Minute)}, Technician: "wu",
		StepDueAt: t0.Add(4*time.Hour + 30*time.Minute),
	}
	if dispatched {
		j.Stage = fo.FieldDispatched
		j.Dispatch.DispatchedAt, j.Dispatch.DispatchedBy = t0.Add(time.Hour), "qian"
	}
	return &st, j
}

// FLD-3: the dispatch request prints every line of the manual's form, the
// commissioning request on file (FLD-2) and the approval chain with who
// and when, or what it waits for.
func TestFieldDispatchFormFLD3(t *testing.T) {
	e := testEngine(t)
	for lang, want := range map[fo.Lang][]string{
		fo.ZH: {"安装调试人员派遣申请表", "AZ-20261130-001", "客户单位名称", "华北重工有限公司", "客户单位地址", "天津市滨海新区港城大道 88 号",
			"联系人姓名", "陈工", "联系人电话", "022-6688-1234", "乘车方式", "京津城际到于家堡站", "FCW-12 防撞预警系统", "地区：天津",
			"要求出发时间", "2026-11-30 13:00", "预计返回时间", "2026-11-30 18:00", "设备存在的主要问题", "需逐台标定雷达并路试",
			"携带的工具和备件", "备用探头 4 个", "其他注意事项", "门卫处登记", "经 Telegram 收到于 2026-11-29 09:00",
			"当天完成：填写员工外出单", "售后服务部经理签字", "孙经理", "2026-11-30 09:10", "同意派遣", "派 吴工", "待办，期限 2026-11-30 13:30",
			"售后服务部填表：李娜"},
		fo.EN: {"Commissioning Technician Dispatch Request", "Customer company", "Contact phone", "How to get there", "Main problem",
			"Tools and spares", "received in Telegram 2026-11-29 09:00", "After-sales manager signs", "Send 吴工", "Waiting, due 2026-11-30 13:30"},
	} {
		st, j := fieldFixture(lang, false, false)
		pdf, err := e.FieldDoc(st, j, KindFieldDispatch, lang)
		if err != nil {
			t.Fatal(err)
		}
		wantText(t, pdfText(t, pdf), want...)
		savePNG(t, pdf, "fielddispatch-"+string(lang))
	}
	st, j := fieldFixture(fo.ZH, true, true)
	pdf, err := e.FieldDoc(st, j, KindFieldDispatch, fo.ZH)
	if err != nil {
		t.Fatal(err)
	}
	wantText(t, pdfText(t, pdf), "钱经理", "2026-11-30 10:00", "已派遣", "出差：出差申请表、员工外出工作移交表")
}

// FLD-4: a same-day job's out-of-office slip; a trip's request and
// handover form; each only for its kind of job.
func TestFieldTripPapersFLD4(t *testing.T) {
	e := testEngine(t)
	cases := []struct {
		kind string
		trip bool
		want map[fo.Lang][]string
	}{
		{KindFieldOut, false, map[fo.Lang][]string{
			fo.ZH: {"员工外出单", "吴工", "AZ-20261130-001", "安装调试：防撞预警系统 ×12 套", "华北重工有限公司", "2026-11-30 13:00", "2026-11-30 18:00",
				"部门经理 钱经理 派遣，2026-11-30 10:00", "实际返回时间", "前台登记"},
			fo.EN: {"Out-of-Office Slip", "Installation and commissioning", "Dispatched by department manager 钱经理", "Front desk"}}},
		{KindFieldTrip, true, map[fo.Lang][]string{
			fo.ZH: {"出差申请表", "吴工", "出差天数", "3 天", "待行政部协助购买", "暂支金额", "出差情况（返回后填写）", "费用报销", "（副）总经理", "2026-12-02 18:00"},
			fo.EN: {"Business Trip Request", "3 days", "to be booked by administration", "Cash advance", "After the trip"}}},
		{KindFieldHandover, true, map[fo.Lang][]string{
			fo.ZH: {"员工外出工作移交表", "外出人（移交人）", "吴工", "2026-11-30 13:00 – 2026-12-02 18:00", "工作事项", "接手人", "注意事项", "总经理办公室留存"},
			fo.EN: {"Work Handover Form", "Work handed over", "Taken over by", "What to mind"}}},
	}
	for _, c := range cases {
		for lang, want := range c.want {
			st, j := fieldFixture(lang, c.trip, true)
			pdf, err := e.FieldDoc(st, j, c.kind, lang)
			if err != nil {
				t.Fatal(err)
			}
			wantText(t, pdfText(t, pdf), want...)
			savePNG(t, pdf, c.kind+"-"+string(lang))
		}
		st, j := fieldFixture(fo.ZH, !c.trip, true)
		if _, err := e.FieldDoc(st, j, c.kind, fo.ZH); fo.ErrorCode(err) != fo.ECONFLICT {
			t.Errorf("%s of the other kind of job: %v", c.kind, err)
		}
	}
	st, j := fieldFixture(fo.ZH, true, true)
	j.Dispatch.TravelBooked = fo.FieldStep{By: "qian", At: j.Dispatch.DispatchedAt.Add(time.Hour)}
	pdf, err := e.FieldDoc(st, j, KindFieldTrip, fo.ZH)
	if err != nil {
		t.Fatal(err)
	}
	wantText(t, pdfText(t, pdf), "行政部已订（钱经理，2026-11-30 11:00）")
}

// The renderer prints a field job's documents from the store; a job with
// no dispatch request yet has none.
func TestRenderFieldDocs(t *testing.T) {
	s, _ := shopStore(t, time.Date(2026, 11, 30, 1, 0, 0, 0, time.UTC))
	j, err := s.CreateFieldJob(fo.FieldJobInput{Customer: fo.FieldCustomer{Company: "华北重工", Address: "天津", Contact: "陈工", Phone: "022-66881234"},
		Equipment: "雷达 ×2"}, "staff:li")
	if err != nil {
		t.Fatal(err)
	}
	r := &Renderer{Engine: testEngine(t), Store: s}
	if _, err := r.Render(context.Background(), fo.Document{Kind: KindFieldDispatch, Ref: j.ID}, fo.ZH); fo.ErrorCode(err) != fo.ECONFLICT {
		t.Errorf("dispatch request before it is filled in: %v", err)
	}
	if _, err := r.Render(context.Background(), fo.Document{Kind: KindFieldDispatch, Ref: 99}, fo.ZH); !errors.Is(err, fo.ErrNotFound) {
		t.Errorf("no such job: %v", err)
	}
	if _, err := s.AttachFieldUpload(j.ID, fo.FieldDocReceipt, "r.pdf", "application/pdf", []byte("%PDF"), "staff:li"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AttachFieldUpload(j.ID, fo.FieldDocRequest, "q.pdf", "application/pdf", []byte("%PDF"), "staff:li"); err != nil {
		t.Fatal(err)
	}
	in := fo.FieldDispatchInput{Customer: j.Customer, Departure: "2026-12-01T09:00", Return: "2026-12-01T17:00", Problem: "调试"}
	if _, err := s.SubmitFieldDispatch(j.ID, in, "staff:li"); err != nil {
		t.Fatal(err)
	}
	pdf, err := r.Render(context.Background(), fo.Document{Kind: KindFieldDispatch, Ref: j.ID}, fo.EN)
	if err != nil {
		t.Fatal(err)
	}
	wantText(t, pdfText(t, pdf), "Commissioning Technician Dispatch Request", j.Number, "scan uploaded")
}

// BenchmarkFieldDispatchPDF: one dispatch request (FLD-3) in Chinese, as
// sent to the after-sales manager.
func BenchmarkFieldDispatchPDF(b *testing.B) {
	e := testEngine(b)
	st, j := fieldFixture(fo.ZH, true, true)
	for b.Loop() {
		if _, err := e.FieldDoc(st, j, KindFieldDispatch, fo.ZH); err != nil {
			b.Fatal(err)
		}
	}
}
