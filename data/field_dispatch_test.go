package data

import (
	"errors"
	"strings"
	"testing"
	"time"

	fo "frontoffice"
)

// Staff of the field chain: private chats are Telegram user ids.
const (
	chatSun  = 401 // after-sales manager
	chatZhou = 402 // general manager's office (English)
	chatQian = 403 // department manager
	chatWu   = 404 // technician
	chatFeng = 406 // administration
)

// fieldStaff adds the people of the field chain to the follow-up staff.
func fieldStaff() storeOption {
	return func(c *testStoreConfig) {
		followUpStaff()(c)
		prev := c.settings
		c.settings = func(st *fo.Settings) {
			prev(st)
			st.Staff = append(st.Staff,
				fo.StaffMember{ID: "sun", Name: "孙经理", TelegramUserID: chatSun, Roles: []string{fo.RoleAfterSalesManager}},
				fo.StaffMember{ID: "zhou", Name: "Zhou", TelegramUserID: chatZhou, Roles: []string{fo.RoleGMOffice}, Lang: fo.EN},
				fo.StaffMember{ID: "qian", Name: "钱经理", TelegramUserID: chatQian, Roles: []string{fo.RoleDeptManager}},
				fo.StaffMember{ID: "wu", Name: "吴工", TelegramUserID: chatWu, Roles: []string{fo.RoleTechnician}},
				fo.StaffMember{ID: "zheng", Name: "郑工", Roles: []string{fo.RoleTechnician}},
				fo.StaffMember{ID: "feng", Name: "冯行政", TelegramUserID: chatFeng, Roles: []string{fo.RoleAdministration}},
			)
		}
	}
}

func fieldInput() fo.FieldJobInput {
	return fo.FieldJobInput{Customer: fo.FieldCustomer{Company: "华北重工有限公司", Address: "天津市滨海新区港城大道 88 号",
		Contact: "陈工", Phone: "022-6688-1234", Route: "京津城际到于家堡站，打车 15 分钟"},
		Equipment: "防撞预警系统 ×12 套", Region: "天津", Lang: fo.ZH}
}

func dispatchInput(dep, ret string) fo.FieldDispatchInput {
	in := fieldInput()
	return fo.FieldDispatchInput{Customer: in.Customer, Departure: dep, Return: ret, Problem: "12 台车辆加装防撞预警系统并调试",
		Tools: "标定板、笔记本电脑、备用探头 4 个", Notes: "进厂须戴安全帽"}
}

// requestedJob makes a job with the receipt and the commissioning request
// on file.
func requestedJob(t *testing.T, s *Store) fo.FieldJob {
	t.Helper()
	j, err := s.CreateFieldJob(fieldInput(), "staff:li")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AttachFieldUpload(j.ID, fo.FieldDocReceipt, "receipt.pdf", "application/pdf", []byte("%PDF-1.4 receipt"), "staff:li"); err != nil {
		t.Fatal(err)
	}
	j, err = s.AttachFieldTelegram(j.ID, fo.FieldDocRequest, "tg-file-1", "request.jpg", "image/jpeg", "staff:li", "tg:9")
	if err != nil {
		t.Fatal(err)
	}
	return j
}

// FLD-1, FLD-2, FLD-3: a job from shipment through its approval chain to
// dispatch: the staff's tasks, the receipt, no dispatch request without
// the commissioning request, each step by its role only and once, each
// recorded with who and when.
func TestFieldChainFLD3(t *testing.T) {
	s, clock := newTestStore(t, fieldStaff())
	j, err := s.CreateFieldJob(fieldInput(), "staff:li")
	if err != nil {
		t.Fatal(err)
	}
	if j.Number != "AZ-20261127-001" || j.Stage != fo.FieldShipped {
		t.Fatalf("job %s at %s", j.Number, j.Stage)
	}
	if j2, _ := s.CreateFieldJob(fieldInput(), "staff:li"); j2.Number != "AZ-20261127-002" {
		t.Errorf("second number %s", j2.Number)
	}
	if got, err := s.FieldJobByNumber("az-20261127-001"); err != nil || got.ID != j.ID {
		t.Errorf("by number: %v %v", got.ID, err)
	}
	// FLD-1: the staff chat gets the three tasks as buttons.
	news := outbox(t, s, "fld:1:new")
	if len(news) != 1 || news[0].ChatID != -100 || len(news[0].Buttons) != 3 || !strings.Contains(news[0].Text, "华北重工有限公司") {
		t.Fatalf("new job messages %+v", news)
	}
	if _, err := s.FieldTask(j.ID, fo.FieldTaskArrival, "2026-12-01", "staff:li"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.FieldTask(j.ID, fo.FieldTaskArrival, "", "staff:wang"); !errors.Is(err, fo.ErrFieldStepDone) {
		t.Errorf("task twice: %v", err)
	}
	// FLD-2: no commissioning request before the receipt, no dispatch
	// request without the commissioning request.
	if _, err := s.AttachFieldTelegram(j.ID, fo.FieldDocRequest, "f", "r.pdf", "application/pdf", "staff:li", ""); !errors.Is(err, fo.ErrFieldNoReceipt) {
		t.Errorf("request before receipt: %v", err)
	}
	if _, err := s.AttachFieldUpload(j.ID, fo.FieldDocReceipt, "r.exe", "application/x-msdownload", []byte("MZ"), "staff:li"); fo.ErrorCode(err) != fo.EINVALID {
		t.Errorf("an .exe as receipt: %v", err)
	}
	j, err = s.AttachFieldUpload(j.ID, fo.FieldDocReceipt, "receipt.pdf", "application/pdf", []byte("%PDF-1.4"), "staff:li")
	if err != nil || j.Stage != fo.FieldReceived || j.Shipment.Receipt == nil || j.Shipment.Receipt.Via != fo.FieldViaConsole {
		t.Fatalf("receipt: %v %+v", err, j.Shipment)
	}
	if _, err := s.SubmitFieldDispatch(j.ID, dispatchInput("2026-11-30T08:00", "2026-11-30T18:00"), "staff:li"); !errors.Is(err, fo.ErrNoCommissioningRequest) {
		t.Fatalf("dispatch request without the commissioning request: %v", err)
	}
	j, err = s.AttachFieldTelegram(j.ID, fo.FieldDocRequest, "tg-file-1", "request.jpg", "image/jpeg", "staff:li", "tg:9")
	if err != nil || j.Stage != fo.FieldRequested {
		t.Fatalf("request: %v %s", err, j.Stage)
	}
	f, data, err := s.File(j.Dispatch.Request.FileID)
	if err != nil || f.TelegramFileID != "tg-file-1" || data != nil {
		t.Errorf("request file %+v %v", f, err)
	}
	// FLD-3: the dispatch request goes to the after-sales manager with
	// its PDF.
	if _, err := s.SubmitFieldDispatch(j.ID, dispatchInput("2026-11-30T18:00", "2026-11-30T08:00"), "staff:li"); fo.ErrorCode(err) != fo.EINVALID {
		t.Errorf("return before departure: %v", err)
	}
	j, err = s.SubmitFieldDispatch(j.ID, dispatchInput("2026-11-30T08:00", "2026-11-30T18:00"), "staff:li")
	if err != nil || j.Stage != fo.FieldApproving || j.WaitingStep() != fo.FieldStepSign || j.Dispatch.Trip {
		t.Fatalf("submit: %v %s %s trip %v", err, j.Stage, j.WaitingStep(), j.Dispatch.Trip)
	}
	sign := outbox(t, s, "fld:1:sign")
	if len(sign) != 1 || sign[0].ChatID != chatSun || sign[0].Document == nil || sign[0].Document.Kind != fo.DocFieldDispatch ||
		sign[0].Buttons[0][0].Data != "fld:sign:1" {
		t.Fatalf("sign request %+v", sign)
	}
	// The wrong person, a later step before its turn: refused, nothing changes.
	if _, err := s.ApproveField(fo.FieldApproval{ID: j.ID, Step: fo.FieldStepSign, Staff: "qian"}); !errors.Is(err, fo.ErrFieldNotYours) {
		t.Errorf("department manager signing: %v", err)
	}
	if _, err := s.ApproveField(fo.FieldApproval{ID: j.ID, Step: fo.FieldStepDispatch, Staff: "qian"}); !errors.Is(err, fo.ErrFieldStage) {
		t.Errorf("dispatch before the signature: %v", err)
	}
	clock.Advance(10 * time.Minute)
	j, err = s.ApproveField(fo.FieldApproval{ID: j.ID, Step: fo.FieldStepSign, Staff: "sun", Idem: "tg:20"})
	if err != nil || j.Dispatch.Signed.By != "sun" || j.WaitingStep() != fo.FieldStepPick {
		t.Fatalf("sign: %v %+v", err, j.Dispatch.Signed)
	}
	if again, err := s.ApproveField(fo.FieldApproval{ID: j.ID, Step: fo.FieldStepSign, Staff: "sun", Idem: "tg:20"}); err != nil || again.Dispatch.Signed != j.Dispatch.Signed {
		t.Errorf("the same update again: %v", err)
	}
	if _, err := s.ApproveField(fo.FieldApproval{ID: j.ID, Step: fo.FieldStepSign, Staff: "sun", Idem: "tg:21"}); !errors.Is(err, fo.ErrFieldStepDone) {
		t.Errorf("signed twice: %v", err)
	}
	pick := outbox(t, s, "fld:1:pick")
	if len(pick) != 1 || pick[0].ChatID != chatZhou || pick[0].Lang != fo.EN || len(pick[0].Buttons) != 2 ||
		pick[0].Buttons[0][0].Data != "fldt:1:wu" || !strings.Contains(pick[0].Text, "Please pick the technician") {
		t.Fatalf("pick request %+v", pick)
	}
	if _, err := s.ApproveField(fo.FieldApproval{ID: j.ID, Step: fo.FieldStepPick, Staff: "zhou", Tech: "li"}); fo.ErrorCode(err) != fo.EINVALID {
		t.Errorf("picking a receptionist: %v", err)
	}
	clock.Advance(10 * time.Minute)
	j, err = s.ApproveField(fo.FieldApproval{ID: j.ID, Step: fo.FieldStepPick, Staff: "zhou", Tech: "wu"})
	if err != nil || j.Dispatch.Technician != "wu" || j.WaitingStep() != fo.FieldStepDispatch {
		t.Fatalf("pick: %v", err)
	}
	clock.Advance(10 * time.Minute)
	j, err = s.ApproveField(fo.FieldApproval{ID: j.ID, Step: fo.FieldStepDispatch, Staff: "qian"})
	if err != nil || j.Stage != fo.FieldDispatched || j.Dispatch.DispatchedAt != clock.Now().UTC() || j.Dispatch.DispatchedBy != "qian" {
		t.Fatalf("dispatch: %v %+v", err, j.Dispatch)
	}
	if _, err := s.ApproveField(fo.FieldApproval{ID: j.ID, Step: fo.FieldStepDispatch, Staff: "qian"}); !errors.Is(err, fo.ErrFieldStepDone) {
		t.Errorf("dispatched twice: %v", err)
	}
	var actions []string
	for _, e := range j.History {
		actions = append(actions, e.By+" "+e.Action)
	}
	want := "staff:li created|staff:li task:arr|staff:li receipt|staff:li request|staff:li dispatch_form|staff:sun signed|staff:zhou picked|staff:qian dispatched"
	if got := strings.Join(actions, "|"); got != want {
		t.Errorf("history\n got %s\nwant %s", got, want)
	}
	// FLD-4: a same-day job: the out-of-office slip to the technician.
	if out := outbox(t, s, "fld:1:fieldout"); len(out) != 1 || out[0].ChatID != chatWu || out[0].Document.Kind != fo.DocFieldOut {
		t.Errorf("out-of-office slip %+v", out)
	}
	if n := len(outbox(t, s, "fld:1:fieldtrip")) + len(outbox(t, s, "fld:1:travel")); n != 0 {
		t.Errorf("%d trip messages for a same-day job", n)
	}
	// Audit: each step with who.
	entries, _, err := s.AuditLog(fo.AuditFilter{Kind: fo.AuditFieldJob, Ref: "1"})
	if err != nil {
		t.Fatal(err)
	}
	var byWho []string
	for _, e := range entries {
		byWho = append(byWho, e.By+" "+e.Action)
	}
	for _, w := range []string{"staff:sun approve:sign", "staff:zhou approve:pick", "staff:qian approve:disp"} {
		if !strings.Contains(strings.Join(byWho, "|"), w) {
			t.Errorf("audit lacks %q: %v", w, byWho)
		}
	}
}

// FLD-4: a job over several days is a business trip: the trip request and
// the handover form to the technician, the travel to book for
// administration, booked once by administration only.
func TestFieldTripFLD4(t *testing.T) {
	s, _ := newTestStore(t, fieldStaff())
	j := requestedJob(t, s)
	j, err := s.SubmitFieldDispatch(j.ID, dispatchInput("2026-11-30T08:00", "2026-12-02T18:00"), "staff:li")
	if err != nil || !j.Dispatch.Trip {
		t.Fatalf("submit: %v trip %v", err, j.Dispatch.Trip)
	}
	for _, a := range []fo.FieldApproval{{ID: j.ID, Step: fo.FieldStepSign, Staff: "sun"}, {ID: j.ID, Step: fo.FieldStepPick, Staff: "zhou", Tech: "zheng"},
		{ID: j.ID, Step: fo.FieldStepDispatch, Staff: "qian"}} {
		if j, err = s.ApproveField(a); err != nil {
			t.Fatal(err)
		}
	}
	// zheng has no Telegram: the papers go to the staff chat.
	for _, k := range []string{"fld:1:fieldtrip", "fld:1:fieldhandover"} {
		if m := outbox(t, s, k); len(m) != 1 || m[0].ChatID != -100 || m[0].Document == nil {
			t.Errorf("%s: %+v", k, m)
		}
	}
	travel := outbox(t, s, "fld:1:travel")
	if len(travel) != 1 || travel[0].ChatID != chatFeng || travel[0].Buttons[0][0].Data != "fld:trav:1" ||
		!strings.Contains(travel[0].Text, "天津市滨海新区港城大道 88 号") {
		t.Fatalf("travel task %+v", travel)
	}
	if _, err := s.BookFieldTravel(j.ID, "qian", ""); !errors.Is(err, fo.ErrFieldNotYours) {
		t.Errorf("travel booked by the department manager: %v", err)
	}
	if j, err = s.BookFieldTravel(j.ID, "feng", ""); err != nil || j.Dispatch.TravelBooked.By != "feng" {
		t.Fatalf("book: %v", err)
	}
	if _, err := s.BookFieldTravel(j.ID, "feng", ""); !errors.Is(err, fo.ErrFieldStepDone) {
		t.Errorf("booked twice: %v", err)
	}
}

// FLD-3: a waiting step reminds its owner, then goes to the supervisor at
// its deadline (in opening hours) and again after as long; a step done
// in time cancels both.
func TestFieldOverdueFLD3(t *testing.T) {
	s, clock := newTestStore(t, fieldStaff())
	j := requestedJob(t, s)
	j, err := s.SubmitFieldDispatch(j.ID, dispatchInput("2026-11-30T08:00", "2026-11-30T18:00"), "staff:li")
	if err != nil {
		t.Fatal(err)
	}
	// Friday 09:00 + 4 opening hours: reminded at 11:00, due at 13:00.
	if want := at(2026, 11, 27, 13, 0); !j.Dispatch.StepDueAt.Equal(want) {
		t.Errorf("due %v, want %v", j.Dispatch.StepDueAt, want)
	}
	clock.Set(at(2026, 11, 27, 11, 0))
	if _, err := s.RunDue(clock.Now()); err != nil {
		t.Fatal(err)
	}
	if w := outbox(t, s, "fld:1:sign:warn"); len(w) != 1 || w[0].ChatID != chatSun || w[0].Buttons[0][0].Data != "fld:sign:1" {
		t.Fatalf("reminder %+v", w)
	}
	clock.Set(at(2026, 11, 27, 13, 0))
	if _, err := s.RunDue(clock.Now()); err != nil {
		t.Fatal(err)
	}
	over := outbox(t, s, "fld:1:sign:over")
	if len(over) != 1 || over[0].ChatID != chatZhao || !strings.Contains(over[0].Text, "超时") || !strings.Contains(over[0].Text, "孙经理") {
		t.Fatalf("escalation %+v", over)
	}
	j, _ = s.FieldJob(j.ID)
	// Again 4 opening hours later: Friday 17:00.
	if j.Dispatch.Escalations != 1 || !j.Dispatch.StepDueAt.Equal(at(2026, 11, 27, 17, 0)) {
		t.Errorf("escalations %d, next %v", j.Dispatch.Escalations, j.Dispatch.StepDueAt)
	}
	if _, err := s.ApproveField(fo.FieldApproval{ID: j.ID, Step: fo.FieldStepSign, Staff: "sun"}); err != nil {
		t.Fatal(err)
	}
	clock.Set(at(2026, 11, 27, 17, 0))
	if _, err := s.RunDue(clock.Now()); err != nil {
		t.Fatal(err)
	}
	if n := len(outbox(t, s, "fld:1:sign:over")); n != 1 {
		t.Errorf("%d sign escalations after the signature", n)
	}
}

// FLD-1: the staff are reminded of open tasks until the signed receipt is
// back; not at night.
func TestFieldTaskReminderFLD1(t *testing.T) {
	s, clock := newTestStore(t, fieldStaff())
	j, err := s.CreateFieldJob(fieldInput(), "staff:li")
	if err != nil {
		t.Fatal(err)
	}
	clock.Advance(24 * time.Hour)
	if _, err := s.RunDue(clock.Now()); err != nil {
		t.Fatal(err)
	}
	r := outbox(t, s, "fld:1:tasks")
	if len(r) != 1 || len(r[0].Buttons) != 3 || !strings.Contains(r[0].Text, "尚未回传") {
		t.Fatalf("reminder %+v", r)
	}
	if _, err := s.AttachFieldUpload(j.ID, fo.FieldDocReceipt, "r.png", "image/png", []byte("png"), "staff:li"); err != nil {
		t.Fatal(err)
	}
	clock.Advance(48 * time.Hour)
	if _, err := s.RunDue(clock.Now()); err != nil {
		t.Fatal(err)
	}
	if n := len(outbox(t, s, "fld:1:tasks")); n != 1 {
		t.Errorf("%d reminders after the receipt came back", n)
	}
}

// FLD-1, FLD-2: the customer contact's chat, linked by the job's deep
// link (a wrong secret links nothing), sends the signed receipt and then
// the commissioning request; another chat files nothing.
func TestFieldContactChatFLD2(t *testing.T) {
	s, _ := newTestStore(t, fieldStaff())
	j, err := s.CreateFieldJob(fieldInput(), "staff:li")
	if err != nil {
		t.Fatal(err)
	}
	if len(j.Shipment.ContactLink) != 16 {
		t.Fatalf("link secret %q", j.Shipment.ContactLink)
	}
	if _, err := s.LinkFieldChat(fo.FieldLinkPayload(j.ID, "AAAAAAAAAAAAAAAA"), chatCust); !errors.Is(err, fo.ErrNotFound) {
		t.Errorf("a wrong secret: %v", err)
	}
	if _, _, err := s.CustomerFieldFile(chatCust, "f0", "r.jpg", "image/jpeg", ""); !errors.Is(err, fo.ErrNotFound) {
		t.Errorf("a file from a chat not linked: %v", err)
	}
	j, err = s.LinkFieldChat(fo.FieldLinkPayload(j.ID, j.Shipment.ContactLink), chatCust)
	if err != nil || j.Customer.ChatID != chatCust {
		t.Fatalf("link: %v %d", err, j.Customer.ChatID)
	}
	j, kind, err := s.CustomerFieldFile(chatCust, "f1", "receipt.pdf", "application/pdf", "tg:1")
	if err != nil || kind != fo.FieldDocReceipt || j.Stage != fo.FieldReceived || j.Shipment.Receipt.By != "customer:bot" {
		t.Fatalf("receipt from the contact: %v %s %s", err, kind, j.Stage)
	}
	j, kind, err = s.CustomerFieldFile(chatCust, "f2", "request.jpg", "image/jpeg", "tg:2")
	if err != nil || kind != fo.FieldDocRequest || j.Stage != fo.FieldRequested {
		t.Fatalf("request from the contact: %v %s %s", err, kind, j.Stage)
	}
	if _, _, err := s.CustomerFieldFile(chatCust, "f3", "x.zip", "application/zip", "tg:3"); fo.ErrorCode(err) != fo.EINVALID {
		t.Errorf("a zip: %v", err)
	}
	if _, err := s.SubmitFieldDispatch(j.ID, dispatchInput("2026-11-30T08:00", "2026-11-30T18:00"), "staff:li"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ApproveField(fo.FieldApproval{ID: j.ID, Step: fo.FieldStepSign, Staff: "sun"}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.CustomerFieldFile(chatCust, "f4", "late.jpg", "image/jpeg", "tg:4"); !errors.Is(err, fo.ErrFieldStage) {
		t.Errorf("a file after the signature: %v", err)
	}
}
