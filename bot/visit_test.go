package bot

import (
	"frontoffice/internal/sigdraw"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	fo "frontoffice"
)

// Test fixtures of the after-sales loop: besides li (reception, staffUser,
// in the staff chat) the follow-up staff member wang and the supervisor
// zhao, each with a private chat with the bot (a private chat's id is the
// user's id).
const (
	wangUser = int64(7102)
	zhaoUser = int64(7103)
)

var (
	liTG   = tgbotapi.User{ID: staffUser, FirstName: "Li", LanguageCode: "zh"}
	wangTG = tgbotapi.User{ID: wangUser, FirstName: "Wang", LanguageCode: "zh"}
	zhaoTG = tgbotapi.User{ID: zhaoUser, FirstName: "Zhao", LanguageCode: "zh"}
)

// afterSales gives wang and zhao their Telegram ids: the store then sends
// wang's call lists and zhao's escalations to their private chats.
func (h *harness) afterSales() {
	h.t.Helper()
	st := h.settings()
	for i, m := range st.Staff {
		switch m.ID {
		case "wang":
			st.Staff[i].TelegramUserID = wangUser
		case "zhao":
			st.Staff[i].TelegramUserID = zhaoUser
		}
	}
	if err := h.store.SaveSettings(st); err != nil {
		h.t.Fatal(err)
	}
}

// workOrder is a signed work order taken in at handover, promised by
// promised.
func workOrder(handover time.Time, promised time.Time) fo.WorkOrder {
	return fo.WorkOrder{
		Purpose: "安装倒车雷达", DiagnosisConsent: true,
		Lines: []fo.EstimateLine{{Description: "倒车雷达", Mode: fo.PriceByItem, Labor: 20000, Parts: 48000,
			PartsSource: fo.PartsShop, PartsKind: fo.PartsOriginal}},
		DocumentsChecked: true, Belongings: []string{"雨伞"}, FuelEighths: 4, Odometer: 42000, KeyNo: "K-17",
		EstimatedMinutes: 60, PromisedAt: promised, Receiver: "车间 老张", HandoverAt: handover,
	}
}

// inWorkshop checks a walk-in in now (the customer linked to chat when
// chat is not 0) and takes the vehicle into the workshop.
func (h *harness) inWorkshop(name, phone, plate string, chat int64, lang fo.Lang) fo.Visit {
	h.t.Helper()
	v, err := h.store.CheckIn(fo.CheckInRequest{Customer: fo.CustomerInput{Name: name, Phone: phone, ChatID: chat, Lang: lang},
		Plate: plate, ServiceID: "radar", Source: "kiosk", By: "kiosk"})
	if err != nil {
		h.t.Fatal(err)
	}
	now := h.clock.Now()
	v, err = h.store.Intake(fo.IntakeRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, WorkOrder: workOrder(now, now.Add(3*time.Hour)), By: "staff:li"})
	if err != nil {
		h.t.Fatal(err)
	}
	return v
}

// deliver takes a walk-in through the workshop and delivers it now: the
// start of the after-sales loop (FU-2, SUR-1).
func (h *harness) deliver(name, phone, plate string, chat int64, lang fo.Lang) fo.Visit {
	h.t.Helper()
	v := h.inWorkshop(name, phone, plate, chat, lang)
	if _, err := h.store.SetReady(v.ID, fo.CompleteChecklist, "staff:li"); err != nil {
		h.t.Fatal(err)
	}
	v, err := h.store.Deliver(fo.DeliverRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, Settlement: fo.Settlement{Amount: 68000, Paid: 68000}, By: "staff:li"})
	if err != nil {
		h.t.Fatal(err)
	}
	return v
}

// registers returns the letter and call register entries (FU-7) written
// from the harness's start to now, as "action code" lines.
func (h *harness) registers() (letters, calls []string) {
	h.t.Helper()
	from, to := monday0900.Add(-time.Hour), h.clock.Now().Add(time.Hour)
	ls, err := h.store.LetterRegister(from, to)
	if err != nil {
		h.t.Fatal(err)
	}
	cs, err := h.store.CallRegister(from, to)
	if err != nil {
		h.t.Fatal(err)
	}
	line := func(e fo.RegisterEntry) string { return strings.TrimSpace(e.Action + " " + e.Code + " " + e.By) }
	for _, e := range ls {
		letters = append(letters, line(e))
	}
	for _, e := range cs {
		calls = append(calls, line(e))
	}
	return letters, calls
}

// answered returns the text of the answerCallbackQuery of update u.
func (h *harness) answered(u tgbotapi.Update) string {
	h.t.Helper()
	text, ok := h.srv.AnswerText(u)
	if !ok {
		h.t.Fatalf("the press of %q was not answered", u.CallbackQuery.Data)
	}
	return text
}
