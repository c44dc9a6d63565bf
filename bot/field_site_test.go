package bot

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	fo "frontoffice"
	"frontoffice/internal/telegramtest"
)

// Field staff of the on-site tests (FLD-5).
const (
	techUser    = int64(9001)
	chiefUser   = int64(9002)
	financeUser = int64(9003)
)

// fieldSiteHarness is a harness whose settings know a technician, a chief
// engineer and finance on Telegram, and whose bot fetches files from the
// fake server quickly and makes signature links on a test address.
func fieldSiteHarness(t *testing.T) *harness {
	t.Helper()
	h := newHarness(t)
	addFieldSiteStaff(t, h)
	startFieldSite(h)
	return h
}

// addFieldSiteStaff adds the technician, the chief engineer, finance and
// the labour standards to h's settings.
func addFieldSiteStaff(t *testing.T, h *harness) {
	t.Helper()
	h.docs = fakeDocs{}
	st := h.settings()
	st.Staff = append(st.Staff,
		fo.StaffMember{ID: "tech", Name: "王工", TelegramUserID: techUser, Roles: []string{fo.RoleTechnician}},
		fo.StaffMember{ID: "chief", Name: "陈总工", TelegramUserID: chiefUser, Roles: []string{fo.RoleChiefEngineer}},
		fo.StaffMember{ID: "fin", Name: "财务刘", TelegramUserID: financeUser, Roles: []string{fo.RoleFinance}})
	st.Labour = []fo.LabourStandard{{Code: "LIFT", NameZh: "举升机", InstallMinutes: 480, RepairMinutes: 120}}
	st.LabourRates = []fo.RegionRate{{HourlyRate: 10000}}
	if err := h.store.SaveSettings(st); err != nil {
		t.Fatal(err)
	}
}

// startFieldSite starts h's bot fetching files from the fake server
// quickly and making signature links on a test address.
func startFieldSite(h *harness) {
	h.run(func(b *Bot, ctx context.Context) error {
		b.fileEndpoint = h.srv.FileEndpoint()
		b.fetchEvery = 10 * time.Millisecond
		b.signURL = func(token string) string { return "https://shop.test/sign/" + token }
		return b.Run(ctx)
	})
}

// dispatchedJob seeds a job dispatched to the technician (the dispatch
// flow's result, FLD-3).
func dispatchedJob(t *testing.T, h *harness, lang fo.Lang) fo.FieldJob {
	t.Helper()
	j, err := h.store.SeedFieldJob(fo.FieldJob{Stage: fo.FieldDispatched, Lang: lang, Equipment: "举升机 ×2", Product: "LIFT",
		Customer: fo.FieldCustomer{Company: "华东汽修", Address: "苏州工业园区 1 号", Contact: "赵经理", Phone: "13900001111", Route: "G2 出口右转"},
		Dispatch: fo.FieldDispatch{Technician: "tech"}})
	if err != nil {
		t.Fatal(err)
	}
	return j
}

// inkPNG is a signature as the pad makes it.
func inkPNG(t *testing.T) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 200, 60))
	for x := 20; x < 180; x++ {
		img.Set(x, 30+(x%11)-5, color.Black)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// waitStore polls the store until cond holds.
func waitStore(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(waitLong); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}

// FLD-5 through the fake Bot API server, in Chinese and English: the
// technician gets the job, checks in, keeps the log with texts and a photo
// whose first download fails (the log goes on; the photo is fetched on the
// retry), records a problem with its class, gets the signature link; the
// customer signs; the chief engineer gets the two copies and resolves the
// problem; finance is told to collect the balance.
func TestFieldSiteInTelegramFLD5(t *testing.T) {
	for _, lang := range []fo.Lang{fo.ZH, fo.EN} {
		t.Run(string(lang), func(t *testing.T) {
			h := fieldSiteHarness(t)
			T := func(key string, args ...any) string { return fieldSiteTexts.T(lang, key, args...) }
			tech := telegramtest.Customer(techUser, string(lang))
			chief := telegramtest.Customer(chiefUser, string(lang))
			j := dispatchedJob(t, h, lang)

			// Dispatched: the job with company, address, contact, route.
			m := h.waitMsg(techUser, "the job", func(m telegramtest.Message) bool {
				return m.HasButton(fo.FieldSiteData(fo.FsCheckIn, j.ID))
			})
			for _, part := range []string{j.Number, "华东汽修", "苏州工业园区 1 号", "赵经理", "13900001111", "G2 出口右转"} {
				if !strings.Contains(m.Text, part) {
					t.Errorf("the technician's job lacks %q:\n%s", part, m.Text)
				}
			}
			// A text before check-in is no log entry.
			h.text(techUser, tech, "on my way")
			h.wait(techUser, T("fsb.check_in_first", j.Number))
			if got, _ := h.store.FieldJob(j.ID); len(got.Site.Log) != 0 {
				t.Fatalf("logged before check-in: %+v", got.Site.Log)
			}

			h.clock.Advance(2 * time.Hour) // 11:00
			h.pressPrefix(techUser, tech, "fs:in:")
			h.wait(techUser, T("fsb.checked_in", j.Number, "11-30 11:00"))
			h.wait(staffChat, "王工", j.Number, "11:00")
			if got, _ := h.store.FieldJob(j.ID); got.Stage != fo.FieldOnSite || !got.Site.CheckedInAt.Equal(h.clock.Now()) {
				t.Fatalf("after check-in: %s %v", got.Stage, got.Site.CheckedInAt)
			}

			h.clock.Advance(30 * time.Minute)
			h.text(techUser, tech, "电源检查正常 power OK")
			h.wait(techUser, T("fsb.logged", j.Number, 1, "11:30"))

			// The photo: its first download fails; the log does not wait.
			h.srv.FailDownload("ph1-l", 1)
			up := h.srv.SendPhoto(techUser, tech, "ph1", "一号举升机 lift one")
			h.handled(up)
			h.wait(techUser, T("fsb.logged_photo", j.Number, 2, "11:30"))
			got, _ := h.store.FieldJob(j.ID)
			photo := got.Site.Log[1].FileID
			if photo == 0 || got.Site.Log[1].Text != "一号举升机 lift one" {
				t.Fatalf("photo entry: %+v", got.Site.Log[1])
			}
			waitStore(t, "the failed download counted", func() bool {
				f, _, _ := h.store.File(photo)
				return f.Tries == 1
			})
			h.text(techUser, tech, "二号举升机 lift two")
			h.wait(techUser, T("fsb.logged", j.Number, 3, "11:30"))
			if f, data, _ := h.store.File(photo); data != nil || !f.FetchedAt.IsZero() {
				t.Fatal("fetched within the backoff")
			}
			h.clock.Advance(31 * time.Second)
			waitStore(t, "the photo fetched on the retry", func() bool {
				_, data, _ := h.store.File(photo)
				return bytes.Equal(data, h.srv.FileData("ph1-l"))
			})
			if n := h.srv.Downloads("ph1-l"); n != 2 {
				t.Errorf("downloads of the photo: %d, want 2", n)
			}

			// An open problem: class, then text.
			h.text(techUser, tech, "/problem")
			h.press(techUser, tech, fo.QualityParts.Label(lang))
			h.wait(techUser, T("fsb.problem_text", fo.QualityParts.Label(lang), fo.MaxFieldLogText))
			h.text(techUser, tech, "缺一套托盘 one pallet missing")
			probs, _ := h.store.FieldProblems(j.ID)
			if len(probs) != 1 || !probs[0].Open || probs[0].Class != fo.QualityParts {
				t.Fatalf("problems: %+v", probs)
			}
			h.wait(techUser, T("fsb.problem_recorded", probs[0].ID, fo.QualityParts.Label(lang)))
			h.waitMsg(chiefUser, "the problem", func(m telegramtest.Message) bool {
				return strings.Contains(m.Text, "缺一套托盘") && m.HasButton(fo.FieldSiteData(fo.FsResolve, probs[0].ID))
			})

			// The signature link, then the customer signs on its page.
			h.pressPrefix(techUser, tech, "fs:sig:")
			link := h.wait(techUser, "https://shop.test/sign/")
			token := regexp.MustCompile(`/sign/([A-Za-z0-9_-]+)`).FindStringSubmatch(link.Text)[1]
			h.clock.Advance(10 * time.Minute)
			if _, err := h.store.SignFieldAcceptance(token, fo.Signature{Via: fo.SignedOnPad, Name: "赵经理", PNG: inkPNG(t)}); err != nil {
				t.Fatal(err)
			}
			waitStore(t, "the chief engineer's copies", func() bool {
				kinds := map[string]bool{}
				for _, c := range h.srv.Calls("sendDocument") {
					if c.Code == 200 && c.ChatID() == chiefUser {
						kinds[string(c.Files["document"].Data)] = true
					}
				}
				return kinds["%PDF fieldaccept "+itoa(j.ID)+" zh"] && kinds["%PDF fieldlog "+itoa(j.ID)+" zh"]
			})
			if got, _ := h.store.FieldJob(j.ID); got.Stage != fo.FieldAccepted {
				t.Fatalf("signed: stage %s", got.Stage)
			}
			if n := h.count(financeUser, j.Number); n != 0 {
				t.Fatal("finance told while a problem is open")
			}

			// The chief engineer resolves it: the contract is fulfilled.
			h.pressPrefix(chiefUser, chief, "fs:rs:")
			h.wait(chiefUser, T("fsb.resolve_how"))
			h.text(chiefUser, chief, "托盘已补发 pallet sent")
			h.wait(chiefUser, T("fsb.resolved", probs[0].ID, j.Number))
			fin := h.wait(financeUser, j.Number, "华东汽修", "举升机 ×2", "王工", "¥800.00")
			if !strings.Contains(fin.Text, "现场 1 天") {
				t.Errorf("finance notice without the days on site:\n%s", fin.Text)
			}
			if got, _ := h.store.FieldJob(j.ID); got.Stage != fo.FieldClosed {
				t.Fatalf("after the last problem: %s", got.Stage)
			}
			h.dumpChats(t, techUser, chiefUser, financeUser, staffChat)
		})
	}
}

// FLD-5: the technician's buttons are theirs: another staff member's press
// and a customer's forged data change nothing; the paper acceptance takes
// the next photo.
func TestFieldSiteButtonsAreTheTechniciansFLD5(t *testing.T) {
	h := fieldSiteHarness(t)
	j := dispatchedJob(t, h, fo.ZH)
	h.waitMsg(techUser, "the job", func(m telegramtest.Message) bool { return m.HasButton(fo.FieldSiteData(fo.FsCheckIn, j.ID)) })
	chief := telegramtest.Customer(chiefUser, "zh")
	stranger := telegramtest.Customer(4711, "zh")
	for _, u := range []tgUser{{chiefUser, chief}, {4711, stranger}} {
		up := h.srv.Press(u.chat, u.user, 1, fo.FieldSiteData(fo.FsCheckIn, j.ID))
		h.handled(up)
		if a, _ := h.srv.AnswerText(up); a != fo.Texts.T(fo.ZH, "err.stale") {
			t.Errorf("press by %d answered %q", u.chat, a)
		}
	}
	if got, _ := h.store.FieldJob(j.ID); got.Stage != fo.FieldDispatched {
		t.Fatalf("checked in by someone else: %s", got.Stage)
	}
	tech := telegramtest.Customer(techUser, "zh")
	h.pressPrefix(techUser, tech, "fs:in:")
	h.pressPrefix(techUser, tech, "fs:ppr:")
	h.wait(techUser, fieldSiteTexts.T(fo.ZH, "fsb.paper_photo", j.Number))
	h.handled(h.srv.SendPhoto(techUser, tech, "paper", ""))
	h.wait(techUser, fieldSiteTexts.T(fo.ZH, "fsb.accepted", j.Number, 0))
	got, _ := h.store.FieldJob(j.ID)
	if got.Stage != fo.FieldClosed || got.Site.Acceptance.Signature.Via != fo.SignedOnPaper || len(got.Site.Log) != 0 {
		t.Fatalf("paper acceptance: %s %+v", got.Stage, got.Site)
	}
	waitStore(t, "the paper photo fetched", func() bool {
		_, data, _ := h.store.File(got.Site.Acceptance.PaperFileID)
		return data != nil
	})
	h.wait(financeUser, j.Number)
}

type tgUser struct {
	chat int64
	user tgbotapi.User
}

func itoa(id uint64) string { return strconv.FormatUint(id, 10) }

// A file Telegram refuses for good (getFile 400) is given up at once; the
// log entry stays, and the next photo is fetched as usual.
func TestFileFetchPermanentFailure(t *testing.T) {
	h := fieldSiteHarness(t)
	j := dispatchedJob(t, h, fo.ZH)
	tech := telegramtest.Customer(techUser, "zh")
	h.waitMsg(techUser, "the job", func(m telegramtest.Message) bool { return m.HasButton(fo.FieldSiteData(fo.FsCheckIn, j.ID)) })
	h.pressPrefix(techUser, tech, "fs:in:")
	h.srv.Fail("getFile", 1, telegramtest.Failure{Code: 400, Description: "Bad Request: invalid file_id"})
	h.handled(h.srv.SendPhoto(techUser, tech, "gone", ""))
	h.handled(h.srv.SendPhoto(techUser, tech, "fine", ""))
	got, _ := h.store.FieldJob(j.ID)
	if len(got.Site.Log) != 2 {
		t.Fatalf("log: %+v", got.Site.Log)
	}
	waitStore(t, "the refused file given up and the next one fetched", func() bool {
		gone, _, _ := h.store.File(got.Site.Log[0].FileID)
		_, fine, _ := h.store.File(got.Site.Log[1].FileID)
		return gone.GaveUp && fine != nil
	})
	if gone, _, _ := h.store.File(got.Site.Log[0].FileID); gone.Tries != fo.MaxFileFetchTries || !strings.Contains(gone.LastError, "invalid file_id") ||
		strings.Contains(gone.LastError, telegramtest.Token) {
		t.Fatalf("given up: %+v", gone)
	}
}
