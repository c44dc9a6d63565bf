package bot

import (
	"errors"
	"fmt"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	fo "frontoffice"
)

// A field job on site, from the technician's phone (FLD-5).
//
// The technician (a staff member with fo.RoleTechnician and a linked
// Telegram) gets the dispatched job in their private chat with a "checked
// in on site" button ("fs:in:<job>", store.FieldCheckIn, time recorded).
// While the job is on site, every text and photo they send in that chat is
// a work-log entry (store.AddFieldLog, time-stamped; a photo is recorded
// as a stored file at once and fetched by file.go later, so a failed
// download never holds the log up). The site buttons under the check-in
// reply:
//
//   - "fs:pb:<job>" or /problem: an open problem — its class (product,
//     installation, parts, service) by buttons, then its text →
//     store.AddFieldProblem, open quality feedback until resolved; the
//     chief engineer is told, with "fs:rs:<problem>" to resolve it.
//   - "fs:sig:<job>": a single-use signature link (store.FieldSignLink)
//     the technician shows the customer, who signs the acceptance report
//     on the page it opens (kiosk/sign.go).
//   - "fs:ppr:<job>": the acceptance report signed on paper: the next
//     photo is it (store.FieldPaperAcceptance).
//
// "fs:rs:<problem>" (any staff member: the technician, the chief engineer)
// asks how it was resolved; the next text resolves it
// (store.ResolveFieldProblem), which closes an accepted job whose last
// problem it was, telling finance.

// fieldSiteStore is what the on-site work needs of the store.
type fieldSiteStore interface {
	OnSiteJob(staff string) (fo.FieldJob, bool, error)
	TechnicianJobs(staff string) ([]fo.FieldJob, error)
	FieldJob(id uint64) (fo.FieldJob, error)
	FieldCheckIn(id uint64, staff, idem string) (fo.FieldJob, error)
	AddFieldLog(req fo.FieldLogRequest) (fo.FieldJob, error)
	AddFieldProblem(req fo.FieldProblemRequest) (fo.QualityFeedback, error)
	ResolveFieldProblem(qid uint64, resolution, by, idem string) (fo.QualityFeedback, error)
	FieldSignLink(id uint64, staff string) (string, time.Time, error)
	FieldPaperAcceptance(req fo.FieldLogRequest) (fo.FieldJob, error)
}

// Staff flows of the on-site work.
const (
	sflowProblem = "problem" // an open problem: class (buttons), then text
	sflowResolve = "resolve" // a problem's resolution: text
	sflowPaper   = "paper"   // the paper acceptance: a photo

	sstepClass = "class"
)

// isTechnicianChat reports whether the update is a technician's own
// private chat.
func (t *turn) isTechnicianChat(m *tgbotapi.Message) bool {
	return t.member.Has(fo.RoleTechnician) && m.Chat != nil && m.From != nil && m.Chat.ID == m.From.ID
}

// siteWork reports whether a message in a staff member's private chat is
// on-site work: a photo or document the paper acceptance waits for, or —
// with a job on site — a text or a photo for the work log. It reads the
// technician's job on site into t.siteJob (an error of the store is kept
// in t.siteErr for staffUpdate to return).
func (t *turn) siteWork(m *tgbotapi.Message) bool {
	if !t.isTechnicianChat(m) || m.IsCommand() {
		return false
	}
	hasFile := len(m.Photo) > 0 || m.Document != nil
	if t.sconv != nil && t.sconv.Flow == sflowPaper && hasFile {
		return true
	}
	if m.Text == "" && !hasFile {
		return false
	}
	j, ok, err := t.b.site.OnSiteJob(t.member.ID)
	if err != nil {
		t.siteErr = err
		return true
	}
	if ok {
		t.siteJob = &j
		return true
	}
	// Dispatched but not checked in: the text or photo is not for the
	// log yet; the technician is reminded to check in.
	jobs, err := t.b.site.TechnicianJobs(t.member.ID)
	if err != nil {
		t.siteErr = err
		return true
	}
	for _, j := range jobs {
		if j.Stage == fo.FieldDispatched {
			t.siteJob = &j
			return true
		}
	}
	return false
}

// siteMessage handles on-site work in a staff update; done is false when
// the message is not on-site work.
func (t *turn) siteMessage(m *tgbotapi.Message) (done bool, err error) {
	if t.siteErr != nil {
		return true, t.siteErr
	}
	if !t.isTechnicianChat(m) {
		return false, nil
	}
	if m.IsCommand() && m.Command() == "problem" {
		j, ok, err := t.b.site.OnSiteJob(t.member.ID)
		if err != nil {
			return true, err
		}
		if !ok {
			t.say(t.T("fsb.no_site_job"), nil)
			return true, nil
		}
		t.startProblem(j)
		return true, nil
	}
	fileID, name, mime := fileOf(m, t.update)
	if t.sconv != nil && t.sconv.Flow == sflowPaper && fileID != "" {
		return true, t.paperAcceptance(fileID, name, mime)
	}
	if t.siteJob == nil || (t.sconv != nil && fileID == "") {
		return false, nil
	}
	if t.siteJob.Stage == fo.FieldDispatched {
		t.say(t.T("fsb.check_in_first", t.siteJob.Number), [][]fo.Button{{button(t.T("btn.site.checkin"), fo.FieldSiteData(fo.FsCheckIn, t.siteJob.ID))}})
		return true, nil
	}
	text := m.Text
	if fileID != "" {
		text = m.Caption
	}
	j, err := t.b.site.AddFieldLog(fo.FieldLogRequest{Idem: t.idem(), JobID: t.siteJob.ID, By: t.member.ID,
		Text: text, TelegramFileID: fileID, FileName: name, Mime: mime})
	if err != nil {
		return true, err
	}
	e := j.Site.Log[len(j.Site.Log)-1]
	key := "fsb.logged"
	if e.FileID != 0 {
		key = "fsb.logged_photo"
	}
	t.say(t.T(key, j.Number, len(j.Site.Log), e.At.In(t.st.Location()).Format("15:04")), nil)
	return true, nil
}

// fileOf returns the file of a message: its largest photo size or its
// document; "" when it has none.
func fileOf(m *tgbotapi.Message, update int) (id, name, mime string) {
	switch {
	case len(m.Photo) > 0:
		return largestPhoto(m.Photo), fmt.Sprintf("photo-%d.jpg", update), "image/jpeg"
	case m.Document != nil:
		name := m.Document.FileName
		if name == "" {
			name = fmt.Sprintf("file-%d", update)
		}
		return m.Document.FileID, name, m.Document.MimeType
	}
	return "", "", ""
}

// siteButton handles a field-site button "fs:<action>:<id>".
func (t *turn) siteButton(cq *tgbotapi.CallbackQuery, action string, id uint64) error {
	if action == fo.FsResolve {
		t.sconv = &staffConv{Flow: sflowResolve, Step: sstepText, Nonce: newNonce(), Problem: id}
		t.say(t.T("fsb.resolve_how"), [][]fo.Button{{button(t.T("btn.abort"), t.sconv.data("x"))}})
		return nil
	}
	if cq.Message == nil || cq.Message.Chat == nil || cq.Message.Chat.ID != t.from.ID {
		t.stale() // the technician's buttons work in their own chat only
		return nil
	}
	j, err := t.b.site.FieldJob(id)
	if errors.Is(err, fo.ErrNotFound) || (err == nil && !j.IsTechnician(t.member.ID)) {
		t.stale()
		return nil
	}
	if err != nil {
		return err
	}
	switch action {
	case fo.FsCheckIn:
		j, err := t.b.site.FieldCheckIn(id, t.member.ID, t.idem())
		if err != nil {
			return err
		}
		t.answer(t.T("fsb.checked_in_toast"))
		t.say(t.T("fsb.checked_in", j.Number, j.Site.CheckedInAt.In(t.st.Location()).Format("01-02 15:04")), siteButtons(t, j))
	case fo.FsProblem:
		if err := j.CanSign(); err != nil && j.Stage != fo.FieldAccepted {
			return err
		}
		t.startProblem(j)
	case fo.FsSign:
		if t.b.signURL == nil {
			t.say(t.T("fsb.no_sign_url"), siteButtons(t, j))
			return nil
		}
		token, exp, err := t.b.site.FieldSignLink(id, t.member.ID)
		if err != nil {
			return err
		}
		t.say(t.T("fsb.sign_link", j.Number, exp.In(t.st.Location()).Format("15:04"), t.b.signURL(token)), nil)
	case fo.FsPaper:
		if err := j.CanSign(); err != nil {
			return err
		}
		t.sconv = &staffConv{Flow: sflowPaper, Step: sstepText, Nonce: newNonce(), Field: id}
		t.say(t.T("fsb.paper_photo", j.Number), [][]fo.Button{{button(t.T("btn.abort"), t.sconv.data("x"))}})
	}
	return nil
}

// siteButtons are the technician's on-site buttons in the turn's language.
func siteButtons(t *turn, j fo.FieldJob) [][]fo.Button { return fo.SiteButtons(j, t.lang) }

// startProblem asks the class of a new open problem on j.
func (t *turn) startProblem(j fo.FieldJob) {
	t.sconv = &staffConv{Flow: sflowProblem, Step: sstepClass, Nonce: newNonce(), Field: j.ID}
	var bs []fo.Button
	for _, c := range fo.QualityClasses {
		bs = append(bs, button(c.Label(t.lang), t.sconv.data("cls", string(c))))
	}
	rows := grid(bs, 2)
	rows = append(rows, []fo.Button{button(t.T("btn.abort"), t.sconv.data("x"))})
	t.say(t.T("fsb.problem_class", j.Number), rows)
}

// problemAction handles the class buttons of a new problem.
func (t *turn) problemAction(a convAction) error {
	if t.sconv.Step != sstepClass || a.action != "cls" {
		t.stale()
		return nil
	}
	c, err := fo.ParseFieldProblemClass(a.arg)
	if err != nil {
		t.stale()
		return nil
	}
	t.sconv.Class, t.sconv.Step = string(c), sstepText
	t.show(t.T("fsb.problem_text", c.Label(t.lang), fo.MaxFieldLogText),
		[][]fo.Button{{button(t.T("btn.abort"), t.sconv.data("x"))}})
	return nil
}

// problemText records the problem typed after its class.
func (t *turn) problemText(text string) error {
	c := t.sconv
	if c.Step != sstepText {
		t.say(t.T("bot.use_buttons"), nil)
		return nil
	}
	q, err := t.b.site.AddFieldProblem(fo.FieldProblemRequest{Idem: t.idem(), JobID: c.Field, By: t.member.ID,
		Class: c.Class, Text: text})
	if err != nil {
		if fo.ErrorCode(err) == fo.EINVALID {
			t.say(fo.ErrorText(t.lang, err), nil) // type it again
			return nil
		}
		return err
	}
	t.sconv = nil
	t.say(t.T("fsb.problem_recorded", q.ID, q.Class.Label(t.lang)),
		[][]fo.Button{{button(t.T("btn.site.resolve"), fo.FieldSiteData(fo.FsResolve, q.ID))}})
	return nil
}

// resolveText resolves the problem with the text typed.
func (t *turn) resolveText(text string) error {
	q, err := t.b.site.ResolveFieldProblem(t.sconv.Problem, text, "staff:"+t.member.ID, t.idem())
	if err != nil {
		if fo.ErrorCode(err) == fo.EINVALID {
			t.say(fo.ErrorText(t.lang, err), nil)
			return nil
		}
		t.sconv = nil
		return err
	}
	t.sconv = nil
	t.say(t.T("fsb.resolved", q.ID, q.Ref), nil)
	return nil
}

// paperAcceptance records the photo of the acceptance report signed on
// paper (fo.SignedOnPaper).
func (t *turn) paperAcceptance(fileID, name, mime string) error {
	j, err := t.b.site.FieldPaperAcceptance(fo.FieldLogRequest{Idem: t.idem(), JobID: t.sconv.Field, By: t.member.ID,
		TelegramFileID: fileID, FileName: name, Mime: mime})
	t.sconv = nil
	if err != nil {
		return err
	}
	t.say(t.T("fsb.accepted", j.Number, j.Site.OpenProblems), nil)
	return nil
}
