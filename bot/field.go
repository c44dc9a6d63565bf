package bot

import (
	"errors"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	fo "frontoffice"
)

// fieldStore is what the field jobs' staff work in Telegram needs (FLD-1..4).
type fieldStore interface {
	FieldJob(id uint64) (fo.FieldJob, error)
	FieldJobByNumber(no string) (fo.FieldJob, error)
	FieldTask(id uint64, task, arrival, by string) (fo.FieldJob, error)
	AttachFieldTelegram(id uint64, kind, fileID, name, mime, by, idem string) (fo.FieldJob, error)
	ApproveField(a fo.FieldApproval) (fo.FieldJob, error)
	BookFieldTravel(id uint64, staff, idem string) (fo.FieldJob, error)
	LinkFieldChat(payload string, chat int64) (fo.FieldJob, error)
	CustomerFieldFile(chat int64, fileID, name, mime, idem string) (fo.FieldJob, string, error)
}

// Field jobs in Telegram, the staff's side (FLD-1..4):
//
//   - "fld:arr|cust|rcpt:<id>" under a job's notice or reminder: a
//     shipment task done (FLD-1); the notice is edited to show what is
//     left.
//   - a document or photo sent as a reply to one of the bot's messages
//     naming a job (AZ-…): the staff member is asked, with buttons,
//     whether it is the signed delivery receipt (FLD-1) or the customer's
//     commissioning request (FLD-2); the file_id is recorded and the
//     store's fetcher downloads it.
//   - "fld:sign:<id>", "fldt:<id>:<staff>", "fld:disp:<id>": the approval
//     chain (FLD-3), each step by its role only; "fld:trav:<id>":
//     administration booked the travel (FLD-4).
//
// A press by the wrong person, or a second press, is answered with a
// polite notice in the presser's language and changes nothing.
//
// The customer's side: the contact opens the job's deep link
// (fo.FieldLinkPayload, shown in the console), which links their chat;
// a photo or PDF they send there is filed as what the job waits for — the
// signed receipt, then the commissioning request — and they are thanked
// in the job's language.

// sflowFieldFile is the staff flow of a file sent for a field job: which
// document it is.
const sflowFieldFile = "fieldfile"

// staffLang is the language of the staff member's replies: the one set for
// them in the settings, else their Telegram's.
func (t *turn) staffLang() fo.Lang {
	if t.member.Lang != "" {
		return t.member.Language()
	}
	return t.lang
}

// isFieldData reports whether callback data is a field job's staff button.
func isFieldData(d string) bool {
	if _, _, ok := fo.ParseFieldData(d); ok {
		return true
	}
	_, _, ok := fo.ParseFieldTechData(d)
	return ok
}

// fieldCallback handles a field job's button pressed by a staff member.
func (t *turn) fieldCallback(cq *tgbotapi.CallbackQuery) error {
	t.lang = t.staffLang()
	if id, tech, ok := fo.ParseFieldTechData(cq.Data); ok {
		return t.fieldApprove(cq, fo.FieldApproval{ID: id, Step: fo.FieldStepPick, Staff: t.member.ID, Tech: tech, Idem: t.idem()})
	}
	action, id, _ := fo.ParseFieldData(cq.Data)
	switch action {
	case fo.FieldStepSign, fo.FieldStepDispatch:
		return t.fieldApprove(cq, fo.FieldApproval{ID: id, Step: action, Staff: t.member.ID, Idem: t.idem()})
	case fo.FieldTravel:
		j, err := t.b.field.BookFieldTravel(id, t.member.ID, t.idem())
		if t.fieldRefused(err) || err != nil {
			return ignoreRefusal(err)
		}
		t.answer(t.T("fldb.booked", j.Number))
		t.fieldDone(cq, t.T("fldb.booked_by", t.member.Name, fo.FormatWhen(t.lang, t.now, t.st.Location())))
		return nil
	}
	j, err := t.b.field.FieldTask(id, action, "", "staff:"+t.member.ID)
	if t.fieldRefused(err) || err != nil {
		return ignoreRefusal(err)
	}
	t.answer(t.T("fldb.task_done"))
	// The notice shows what is left: in Chinese in a group, else in the
	// member's language.
	lang := t.lang
	if t.st.IsStaffChat(t.chatID) {
		lang = fo.ZH
	}
	t.editID = cq.Message.MessageID
	text := fo.FieldSummary(j, lang) + "\n\n" + fo.FieldTasksText(&t.st, j, lang)
	if head, _, ok := strings.Cut(cq.Message.Text, "\n"); ok && !strings.Contains(head, j.Number) {
		text = head + "\n" + text // the notice's or the reminder's first line
	}
	t.send(fo.Message{Text: text, Lang: lang,
		Buttons: fo.FieldTaskButtons(j, lang), EditMessageID: t.editID})
	return nil
}

// fieldApprove does an approval step (FLD-3) and marks the pressed
// request done, naming who did it and when.
func (t *turn) fieldApprove(cq *tgbotapi.CallbackQuery, a fo.FieldApproval) error {
	j, err := t.b.field.ApproveField(a)
	if t.fieldRefused(err) || err != nil {
		return ignoreRefusal(err)
	}
	when := fo.FormatWhen(t.lang, t.now, t.st.Location())
	switch a.Step {
	case fo.FieldStepSign:
		t.answer(t.T("fldb.signed", j.Number))
		t.fieldDone(cq, t.T("fldb.signed_by", t.member.Name, when))
	case fo.FieldStepPick:
		tech := t.st.StaffName(j.Dispatch.Technician)
		t.answer(t.T("fldb.picked", tech))
		t.fieldDone(cq, t.T("fldb.picked_by", tech, t.member.Name, when))
	default:
		t.answer(t.T("fldb.dispatched", j.Number))
		t.fieldDone(cq, t.T("fldb.dispatched_by", t.member.Name, when))
	}
	return nil
}

// fieldDone edits the pressed message: its text with line added, no
// buttons.
func (t *turn) fieldDone(cq *tgbotapi.CallbackQuery, line string) {
	if cq.Message == nil {
		return
	}
	text := cq.Message.Text
	if text == "" {
		text = cq.Message.Caption
	}
	if text == "" {
		return
	}
	t.editID = cq.Message.MessageID
	t.show(text+"\n\n"+line, nil)
}

// errRefused marks a refusal already answered.
var errRefused = errors.New("refused")

// fieldRefused answers a press the rules refuse — done already, not the
// presser's, not at this stage, gone — in the presser's language, and
// reports whether it did; nothing changed in the store.
func (t *turn) fieldRefused(err error) bool {
	switch {
	case err == nil:
		return false
	case errors.Is(err, fo.ErrNotFound):
		t.stale()
	case fo.ErrorCode(err) == fo.EINTERNAL:
		return false
	default:
		t.b.log.Info("field button refused", "chat", t.chatID, "staff", t.member.ID, "err", err)
		t.answer(fo.ErrorText(t.lang, err))
	}
	return true
}

// ignoreRefusal turns an answered refusal into no error; other errors stay.
func ignoreRefusal(err error) error {
	if err == nil || fo.ErrorCode(err) != fo.EINTERNAL {
		return nil
	}
	return err
}

// fieldFileReply returns the job a staff member's file is meant for: a
// document or photo replying to one of the bot's messages that names a
// field job; ok is false for anything else.
func fieldFileReply(m *tgbotapi.Message) (no string, ok bool) {
	r := m.ReplyToMessage
	if r == nil || r.From == nil || !r.From.IsBot || (m.Document == nil && len(m.Photo) == 0) {
		return "", false
	}
	no = fo.FieldJobNoIn(r.Text)
	if no == "" {
		no = fo.FieldJobNoIn(r.Caption)
	}
	return no, no != ""
}

// fieldFile takes a file sent for a field job and asks which document it
// is (FLD-1, FLD-2).
func (t *turn) fieldFile(m *tgbotapi.Message, no string) error {
	t.lang = t.staffLang()
	j, err := t.b.field.FieldJobByNumber(no)
	if errors.Is(err, fo.ErrNotFound) {
		t.say(t.T("fldb.no_job", no), nil)
		return nil
	}
	if err != nil {
		return err
	}
	c := &staffConv{Flow: sflowFieldFile, Step: sstepText, Nonce: newNonce(), FieldJob: j.ID}
	switch {
	case m.Document != nil:
		c.File, c.FileName, c.FileMime = m.Document.FileID, m.Document.FileName, m.Document.MimeType
	default:
		c.File, c.FileName, c.FileMime = largestPhoto(m.Photo), "photo.jpg", "image/jpeg"
	}
	if c.FileName == "" {
		c.FileName = "document"
	}
	if len(c.FileName) > 100 {
		c.FileName = c.FileName[:100]
	}
	t.sconv = c
	t.say(t.T("fldb.which", j.Number, j.Customer.Company), [][]fo.Button{
		{button(t.T("fldb.is_receipt"), c.data(fo.FieldDocReceipt))},
		{button(t.T("fldb.is_request"), c.data(fo.FieldDocRequest))},
		{button(t.T("btn.abort"), c.data("x"))},
	})
	return nil
}

// fieldFileAction records the file as the document the staff member chose.
func (t *turn) fieldFileAction(a convAction) error {
	t.lang = t.staffLang()
	c := t.sconv
	if a.action != fo.FieldDocReceipt && a.action != fo.FieldDocRequest {
		t.stale()
		return nil
	}
	j, err := t.b.field.AttachFieldTelegram(c.FieldJob, a.action, c.File, c.FileName, c.FileMime, "staff:"+t.member.ID, t.idem())
	if err != nil && fo.ErrorCode(err) != fo.EINTERNAL && !errors.Is(err, fo.ErrNotFound) {
		t.sconv = nil
		t.show(fo.ErrorText(t.lang, err), nil)
		return nil
	}
	if err != nil {
		return ignoreRefusal(err)
	}
	t.sconv = nil
	t.show(t.T("fldb.filed."+a.action, j.Number, fo.FieldStageLabel(j.Stage, t.lang)), nil)
	return nil
}

// fieldStaffText reports whether a staff member's message is a file for
// a field job (staffWork in a private chat).
func fieldStaffText(m *tgbotapi.Message) bool {
	_, ok := fieldFileReply(m)
	return ok
}

// fieldLink links the customer contact's chat to their field job from the
// deep link the console shows (FLD-2); a wrong or old link changes nothing.
func (t *turn) fieldLink(payload string) error {
	j, err := t.b.field.LinkFieldChat(payload, t.chatID)
	if errors.Is(err, fo.ErrNotFound) || errors.Is(err, fo.ErrFieldStage) {
		t.say(t.T("fldb.link_bad", t.st.ShopName(t.lang), t.st.Shop.Phone), nil)
		return nil
	}
	if err != nil {
		return err
	}
	t.lang = j.Lang
	t.say(t.T("fldb.linked", t.st.ShopName(j.Lang), j.Customer.Company, j.Number), nil)
	return nil
}

// fieldCustomerFile files a photo or PDF from a customer contact's linked
// chat as the signed receipt or the commissioning request (FLD-1, FLD-2);
// handled is false when the chat is linked to no field job.
func (t *turn) fieldCustomerFile(m *tgbotapi.Message) (handled bool, err error) {
	fileID, name, mime := "", "photo.jpg", "image/jpeg"
	if m.Document != nil {
		fileID, name, mime = m.Document.FileID, m.Document.FileName, m.Document.MimeType
	} else {
		fileID = largestPhoto(m.Photo)
	}
	if len(name) > 100 {
		name = name[:100]
	}
	j, kind, err := t.b.field.CustomerFieldFile(t.chatID, fileID, name, mime, t.idem())
	switch {
	case errors.Is(err, fo.ErrNotFound):
		return false, nil
	case errors.Is(err, fo.ErrFieldStage):
		t.lang = j.Lang
		t.say(t.T("fldb.cust_not_now", j.Number, t.st.Shop.Phone), nil)
		return true, nil
	case fo.ErrorCode(err) == fo.EINVALID:
		t.lang = j.Lang
		t.say(fo.ErrorText(t.lang, err), nil)
		return true, nil
	case err != nil:
		return true, err
	}
	t.lang = j.Lang
	t.say(t.T("fldb.cust_filed."+kind, j.Number), nil)
	return true, nil
}
