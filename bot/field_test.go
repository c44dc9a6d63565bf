package bot

import (
	"errors"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	fo "frontoffice"
	"frontoffice/internal/telegramtest"
)

// The people of the field chain, each in their private chat (a private
// chat's id is the user's id).
const (
	userSun  = int64(8001) // after-sales manager
	userZhou = int64(8002) // general manager's office
	userQian = int64(8003) // department manager
	userWu   = int64(8004) // technician
	userFeng = int64(8005) // administration
	userZhao = int64(8006) // supervisor
)

// fieldHarness adds the field chain's staff, in lang, to the harness's
// settings and starts the bot.
func fieldHarness(t *testing.T, lang fo.Lang) *harness {
	h := newHarness(t)
	addFieldStaff(t, h, lang)
	h.start()
	return h
}

// addFieldStaff adds the field chain's staff, in lang, to h's settings.
func addFieldStaff(t *testing.T, h *harness, lang fo.Lang) {
	t.Helper()
	st := h.settings()
	st.Staff = append(st.Staff,
		fo.StaffMember{ID: "sun", Name: "孙经理", TelegramUserID: userSun, Roles: []string{fo.RoleAfterSalesManager}, Lang: lang},
		fo.StaffMember{ID: "zhou", Name: "周主任", TelegramUserID: userZhou, Roles: []string{fo.RoleGMOffice}, Lang: lang},
		fo.StaffMember{ID: "qian", Name: "钱经理", TelegramUserID: userQian, Roles: []string{fo.RoleDeptManager}, Lang: lang},
		fo.StaffMember{ID: "wu", Name: "吴工", TelegramUserID: userWu, Roles: []string{fo.RoleTechnician}, Lang: lang},
		fo.StaffMember{ID: "zheng", Name: "郑工", Roles: []string{fo.RoleTechnician}},
		fo.StaffMember{ID: "feng", Name: "冯行政", TelegramUserID: userFeng, Roles: []string{fo.RoleAdministration}, Lang: lang},
	)
	for i := range st.Staff {
		if st.Staff[i].ID == "zhao" { // the supervisor
			st.Staff[i].TelegramUserID, st.Staff[i].Lang = userZhao, lang
		}
	}
	if err := h.store.SaveSettings(st); err != nil {
		t.Fatal(err)
	}
}

func fieldUser(id int64, lang fo.Lang) tgbotapi.User {
	return telegramtest.Customer(id, string(lang))
}

func fieldJobInput(lang fo.Lang) fo.FieldJobInput {
	return fo.FieldJobInput{Customer: fo.FieldCustomer{Company: "华北重工有限公司", Address: "天津市滨海新区港城大道 88 号",
		Contact: "陈工", Phone: "022-6688-1234", Route: "京津城际到于家堡站"}, Equipment: "防撞预警系统 ×12 套", Lang: lang}
}

func fieldDispatchInput(dep, ret string) fo.FieldDispatchInput {
	return fo.FieldDispatchInput{Customer: fieldJobInput(fo.ZH).Customer, Departure: dep, Return: ret,
		Problem: "12 台车辆加装防撞预警系统并调试", Tools: "标定板、笔记本电脑"}
}

// replyFile sends, as user u in chat, a file replying to the bot's
// message replyTo: a PDF document when name ends in .pdf, else a photo.
func (h *harness) replyFile(chat int64, u tgbotapi.User, replyTo int, fileID, name string) tgbotapi.Update {
	h.t.Helper()
	orig, ok := h.srv.Message(chat, replyTo)
	if !ok {
		h.t.Fatalf("no message %d in chat %d", replyTo, chat)
	}
	ct := "private"
	if chat < 0 {
		ct = "supergroup"
	}
	m := &tgbotapi.Message{MessageID: 90000 + replyTo, From: &u, Date: int(time.Now().Unix()), Chat: &tgbotapi.Chat{ID: chat, Type: ct},
		ReplyToMessage: &tgbotapi.Message{MessageID: replyTo, Chat: &tgbotapi.Chat{ID: chat, Type: ct},
			From: &tgbotapi.User{ID: telegramtest.BotUserID, IsBot: true}, Text: orig.Text}}
	if strings.HasSuffix(name, ".pdf") {
		m.Document = &tgbotapi.Document{FileID: fileID, FileName: name, MimeType: "application/pdf"}
	} else {
		m.Photo = []tgbotapi.PhotoSize{{FileID: fileID + "-s", Width: 90, Height: 60}, {FileID: fileID + "-l", Width: 1440, Height: 960}}
	}
	u2 := tgbotapi.Update{Message: m}
	u2.UpdateID = h.srv.Push(u2)
	h.handled(u2)
	return u2
}

// shanghai is a time of the shop's zone.
func shanghai(y int, m time.Month, d, hh, mm int) time.Time {
	loc, _ := time.LoadLocation("Asia/Shanghai")
	return time.Date(y, m, d, hh, mm, 0, 0, loc)
}

// fieldAnswer returns the toast the bot answered a press with.
func (h *harness) fieldAnswer(up tgbotapi.Update) string {
	h.t.Helper()
	a, ok := h.srv.AnswerText(up)
	if !ok {
		h.t.Fatalf("press %d not answered", up.UpdateID)
	}
	return a
}

// FLD-1..4 through the fake Bot API server, in Chinese and in English:
// shipment → tasks → signed receipt and commissioning request forwarded to
// the bot → dispatch request → the after-sales manager signs, the general
// manager's office picks the technician, the department manager
// dispatches; a wrong person and a second press are refused politely and
// change nothing; the job ends dispatched with its technician and every
// step in its history.
func TestFieldDispatchFlowFLD3(t *testing.T) {
	for _, lang := range []fo.Lang{fo.ZH, fo.EN} {
		t.Run(string(lang), func(t *testing.T) {
			h := fieldHarness(t, lang)
			T := func(key string, args ...any) string { return fo.Texts.T(lang, key, args...) }
			st := h.settings()
			loc := st.Location()
			li := telegramtest.Customer(staffUser, "zh")
			j, err := h.store.CreateFieldJob(fieldJobInput(lang), "staff:li")
			if err != nil {
				t.Fatal(err)
			}
			// FLD-1: the staff chat's notice with the three tasks.
			notice := h.wait(staffChat, j.Number, "华北重工有限公司", fo.Texts.T(fo.ZH, "fld.receipt_not_back"))
			if len(notice.Buttons) != 3 {
				t.Fatalf("task buttons %+v", notice.Buttons)
			}
			for _, task := range fo.FieldTasks {
				h.press(staffChat, li, fo.FieldData(task, j.ID))
			}
			m, _ := h.srv.Message(staffChat, notice.ID)
			if len(m.Buttons) != 0 || strings.Count(m.Text, "✅") != 3 {
				t.Errorf("the notice after the tasks:\n%s %+v", m.Text, m.Buttons)
			}
			up := h.srv.Press(staffChat, li, notice.ID, fo.FieldData(fo.FieldTaskArrival, j.ID))
			h.handled(up)
			if a := h.fieldAnswer(up); a != fo.Texts.T(fo.ZH, "err.field.step_done") {
				t.Errorf("task pressed twice answered %q", a)
			}
			// FLD-1: the signed receipt, forwarded as a reply to the notice.
			h.replyFile(staffChat, li, notice.ID, "scan-receipt", "receipt.pdf")
			h.wait(staffChat, fo.Texts.T(fo.ZH, "fldb.which", j.Number, "华北重工有限公司"))
			h.press(staffChat, li, fo.Texts.T(fo.ZH, "fldb.is_receipt"))
			h.wait(staffChat, fo.Texts.T(fo.ZH, "fldb.filed.receipt", j.Number, fo.FieldStageLabel(fo.FieldReceived, fo.ZH)))
			// FLD-2: no dispatch request without the commissioning request.
			if _, err := h.store.SubmitFieldDispatch(j.ID, fieldDispatchInput("2026-11-30T13:00", "2026-11-30T18:00"), "staff:li"); !errors.Is(err, fo.ErrNoCommissioningRequest) {
				t.Fatalf("dispatch without the request: %v", err)
			}
			h.replyFile(staffChat, li, notice.ID, "photo-request", "request.jpg")
			h.press(staffChat, li, fo.Texts.T(fo.ZH, "fldb.is_request"))
			h.wait(staffChat, fo.Texts.T(fo.ZH, "fldb.filed.request", j.Number, fo.FieldStageLabel(fo.FieldRequested, fo.ZH)))
			j, _ = h.store.FieldJob(j.ID)
			if j.Shipment.Receipt == nil || j.Dispatch.Request == nil || j.Dispatch.Request.Via != fo.FieldViaTelegram {
				t.Fatalf("documents on file: %+v %+v", j.Shipment.Receipt, j.Dispatch.Request)
			}
			if f, _, err := h.store.File(j.Dispatch.Request.FileID); err != nil || f.TelegramFileID != "photo-request-l" {
				t.Errorf("request file %+v %v", f, err)
			}
			// FLD-3: the dispatch request, same day: an out-of-office slip (FLD-4).
			if _, err := h.store.SubmitFieldDispatch(j.ID, fieldDispatchInput("2026-11-30T13:00", "2026-11-30T18:00"), "staff:li"); err != nil {
				t.Fatal(err)
			}
			sign := h.wait(userSun, T("fld.ask.sign", j.Number, fo.FormatWhen(lang, shanghai(2026, 11, 30, 13, 0), loc)))
			// The department manager pressing the signature: refused.
			up = h.srv.Press(userSun, fieldUser(userQian, lang), sign.ID, fo.FieldData(fo.FieldStepSign, j.ID))
			h.handled(up)
			if a := h.fieldAnswer(up); a != T("err.field.not_yours") {
				t.Errorf("wrong person answered %q", a)
			}
			if cur, _ := h.store.FieldJob(j.ID); cur.Dispatch.Signed.Done() {
				t.Fatal("signed by the wrong person")
			}
			h.press(userSun, fieldUser(userSun, lang), fo.FieldData(fo.FieldStepSign, j.ID))
			h.wait(userSun, T("fldb.signed_by", "孙经理", fo.FormatWhen(lang, h.clock.Now(), loc)))
			up = h.srv.Press(userSun, fieldUser(userSun, lang), sign.ID, fo.FieldData(fo.FieldStepSign, j.ID))
			h.handled(up)
			if a := h.fieldAnswer(up); a != T("err.field.step_done") {
				t.Errorf("signed twice answered %q", a)
			}
			// The general manager's office picks from the technicians.
			h.waitMsg(userZhou, "the technician buttons", func(m telegramtest.Message) bool {
				return strings.Contains(m.Text, j.Number) && m.HasButton("👷 吴工") && m.HasButton("👷 郑工")
			})
			h.press(userZhou, fieldUser(userZhou, lang), "👷 吴工")
			h.wait(userQian, j.Number, T("fld.tech_is", "吴工"))
			h.press(userQian, fieldUser(userQian, lang), fo.FieldData(fo.FieldStepDispatch, j.ID))
			h.wait(userQian, T("fldb.dispatched_by", "钱经理", fo.FormatWhen(lang, h.clock.Now(), loc)))
			j, _ = h.store.FieldJob(j.ID)
			if j.Stage != fo.FieldDispatched || j.Dispatch.Technician != "wu" || !j.Dispatch.DispatchedAt.Equal(h.clock.Now().UTC()) {
				t.Fatalf("dispatched job %s %q %v", j.Stage, j.Dispatch.Technician, j.Dispatch.DispatchedAt)
			}
			var steps []string
			for _, e := range j.History {
				steps = append(steps, e.By+" "+e.Action)
			}
			want := "staff:li created|staff:li task:arr|staff:li task:cust|staff:li task:rcpt|staff:li receipt|staff:li request|staff:li dispatch_form|" +
				"staff:sun signed|staff:zhou picked|staff:qian dispatched"
			if got := strings.Join(steps, "|"); got != want {
				t.Errorf("history\n got %s\nwant %s", got, want)
			}
			// FLD-4: the technician gets the out-of-office slip.
			h.wait(userWu, T("fld.paper.fieldout", j.Number, "吴工"))
			h.wait(staffChat, fo.Texts.T(fo.ZH, "fld.dispatched", j.Number, "吴工", fo.FormatWhen(fo.ZH, shanghai(2026, 11, 30, 13, 0), loc),
				fo.FormatWhen(fo.ZH, shanghai(2026, 11, 30, 18, 0), loc)))
			h.dumpChats(t, staffChat, userSun, userZhou, userQian, userWu)
		})
	}
}

// FLD-3, FLD-4: the after-sales manager does not sign in time: reminded,
// then the supervisor hears of it (fake clock); a business trip's travel
// is booked by administration with its button.
func TestFieldOverdueAndTripFLD3(t *testing.T) {
	h := fieldHarness(t, fo.EN)
	j, err := h.store.CreateFieldJob(fieldJobInput(fo.EN), "staff:li")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.store.AttachFieldTelegram(j.ID, fo.FieldDocReceipt, "r1", "r.pdf", "application/pdf", "staff:li", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := h.store.AttachFieldTelegram(j.ID, fo.FieldDocRequest, "q1", "q.pdf", "application/pdf", "staff:li", ""); err != nil {
		t.Fatal(err)
	}
	if j, err = h.store.SubmitFieldDispatch(j.ID, fieldDispatchInput("2026-12-01T08:00", "2026-12-03T18:00"), "staff:li"); err != nil {
		t.Fatal(err)
	}
	h.clock.Set(j.Dispatch.StepWarnAt)
	if _, err := h.store.RunDue(h.clock.Now()); err != nil {
		t.Fatal(err)
	}
	h.wait(userSun, "Reminder: dispatch request "+j.Number)
	h.clock.Set(j.Dispatch.StepDueAt)
	if _, err := h.store.RunDue(h.clock.Now()); err != nil {
		t.Fatal(err)
	}
	h.wait(userZhao, "Overdue: "+j.Number, "孙经理")
	for _, p := range []struct {
		user int64
		data string
	}{{userSun, fo.FieldData(fo.FieldStepSign, j.ID)}, {userZhou, fo.FieldTechData(j.ID, "zheng")}, {userQian, fo.FieldData(fo.FieldStepDispatch, j.ID)}} {
		h.press(p.user, fieldUser(p.user, "en"), p.data)
	}
	// zheng has no Telegram: the trip papers go to the staff chat.
	h.wait(staffChat, fo.Texts.T(fo.ZH, "fld.paper.fieldtrip", j.Number, "郑工"))
	h.wait(staffChat, fo.Texts.T(fo.ZH, "fld.paper.fieldhandover", j.Number, "郑工"))
	h.wait(userFeng, "Please book travel for "+j.Number)
	up := h.srv.Press(userFeng, fieldUser(userQian, "en"), 0, fo.FieldData(fo.FieldTravel, j.ID))
	h.handled(up)
	if a := h.fieldAnswer(up); a != fo.Texts.T(fo.EN, "err.field.not_yours") {
		t.Errorf("travel booked by the wrong person answered %q", a)
	}
	h.press(userFeng, fieldUser(userFeng, "en"), fo.FieldData(fo.FieldTravel, j.ID))
	j, _ = h.store.FieldJob(j.ID)
	if j.Dispatch.TravelBooked.By != "feng" {
		t.Errorf("travel booked %+v", j.Dispatch.TravelBooked)
	}
	h.wait(staffChat, fo.Texts.T(fo.ZH, "fld.booked", j.Number, "冯行政"))
}

// sendFile sends a PDF (name ending .pdf) or a photo from u in its chat,
// not as a reply.
func (h *harness) sendFile(chat int64, u tgbotapi.User, fileID, name string) tgbotapi.Update {
	h.t.Helper()
	if !strings.HasSuffix(name, ".pdf") {
		up := h.srv.SendPhoto(chat, u, fileID, "")
		h.handled(up)
		return up
	}
	m := &tgbotapi.Message{MessageID: 80000 + int(time.Now().UnixNano()%10000), From: &u, Date: int(time.Now().Unix()),
		Chat: &tgbotapi.Chat{ID: chat, Type: "private"}, Document: &tgbotapi.Document{FileID: fileID, FileName: name, MimeType: "application/pdf"}}
	up := tgbotapi.Update{Message: m}
	up.UpdateID = h.srv.Push(up)
	h.handled(up)
	return up
}

// FLD-1, FLD-2: the customer contact opens the job's deep link and sends
// the signed receipt and the sealed request from their own chat, thanked
// in the job's language; a wrong link links nothing, and a photo from a
// chat linked to no job is not taken.
func TestFieldContactChatFLD2(t *testing.T) {
	for _, lang := range []fo.Lang{fo.ZH, fo.EN} {
		t.Run(string(lang), func(t *testing.T) {
			h := fieldHarness(t, lang)
			const contact = int64(9101)
			u := telegramtest.Customer(contact, string(lang))
			j, err := h.store.CreateFieldJob(fieldJobInput(lang), "staff:li")
			if err != nil {
				t.Fatal(err)
			}
			st := h.settings()
			h.text(contact, u, "/start "+fo.FieldLinkPayload(j.ID, "wrongwrongwrong1"))
			h.wait(contact, fo.Texts.T(lang, "fldb.link_bad", st.ShopName(lang), st.Shop.Phone))
			h.sendFile(contact, u, "stray", "stray.jpg")
			if cur, _ := h.store.FieldJob(j.ID); cur.Shipment.Receipt != nil {
				t.Fatal("a photo from a chat not linked was filed")
			}
			h.text(contact, u, "/start "+fo.FieldLinkPayload(j.ID, j.Shipment.ContactLink))
			h.wait(contact, fo.Texts.T(lang, "fldb.linked", st.ShopName(lang), "华北重工有限公司", j.Number))
			h.sendFile(contact, u, "cust-receipt", "签收单.pdf")
			h.wait(contact, fo.Texts.T(lang, "fldb.cust_filed.receipt", j.Number))
			h.sendFile(contact, u, "cust-request", "request.jpg")
			h.wait(contact, fo.Texts.T(lang, "fldb.cust_filed.request", j.Number))
			h.wait(staffChat, fo.Texts.T(fo.ZH, "fld.doc_in.request", j.Number, "华北重工有限公司"))
			j, _ = h.store.FieldJob(j.ID)
			if j.Stage != fo.FieldRequested || j.Shipment.Receipt == nil || j.Dispatch.Request == nil || j.Customer.ChatID != contact {
				t.Fatalf("after the contact's files: %s %+v %+v", j.Stage, j.Shipment.Receipt, j.Dispatch.Request)
			}
			if f, _, _ := h.store.File(j.Dispatch.Request.FileID); f.TelegramFileID != "cust-request-l" {
				t.Errorf("request file %+v", f)
			}
		})
	}
}
