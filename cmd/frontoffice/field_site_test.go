package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"image"
	"image/color"
	"image/png"
	"io"
	"net"
	"net/http"
	"net/url"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	fo "frontoffice"
	"frontoffice/data"
	"frontoffice/internal/telegramtest"
)

// FLD-5 end to end with the real server: serve with a bot token against
// the fake Bot API server and FRONTOFFICE_PUBLIC_URL; two jobs dispatched
// to a technician, one signed in Chinese, one in English: check-in, a log
// entry and a photo (fetched from the fake file server), a problem, the
// signature link opened over HTTP and signed with a PNG data URL, the
// chief engineer's two PDFs (read back with pdftotext), the problem
// resolved by the chief engineer, finance told.
func TestServeFieldSiteEndToEndFLD5(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext not found: install poppler-utils")
	}
	tg := telegramtest.New(t, telegramtest.Options{MaxLongPoll: 200 * time.Millisecond})
	dir := t.TempDir()
	dataFile := filepath.Join(dir, "f.db")
	const tech, chief, finance = int64(9001), int64(9002), int64(9003)
	var jobs []fo.FieldJob
	{
		s, err := data.Open(dataFile, data.Options{Clock: wallClock})
		if err != nil {
			t.Fatal(err)
		}
		st, _ := s.Settings()
		st.StaffChats = []int64{-500}
		st.Staff = append(st.Staff,
			fo.StaffMember{ID: "tech", Name: "王工", TelegramUserID: tech, Roles: []string{fo.RoleTechnician}},
			fo.StaffMember{ID: "chief", Name: "陈总工", TelegramUserID: chief, Roles: []string{fo.RoleChiefEngineer}},
			fo.StaffMember{ID: "fin", Name: "财务刘", TelegramUserID: finance, Roles: []string{fo.RoleFinance}})
		if err := s.SaveSettings(st); err != nil {
			t.Fatal(err)
		}
		for _, lang := range []fo.Lang{fo.ZH, fo.EN} {
			j, err := s.SeedFieldJob(fo.FieldJob{Stage: fo.FieldDispatched, Lang: lang, Equipment: "举升机 " + string(lang),
				Customer: fo.FieldCustomer{Company: "客户 " + string(lang), Address: "苏州工业园区 1 号", Contact: "赵经理"},
				Dispatch: fo.FieldDispatch{Technician: "tech"}})
			if err != nil {
				t.Fatal(err)
			}
			jobs = append(jobs, j)
		}
		s.Close()
	}
	// A free port, so that the public address is known before the start.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	e := env(map[string]string{
		"FRONTOFFICE_DATA":       dataFile,
		"FRONTOFFICE_ADDR":       addr,
		"FRONTOFFICE_PUBLIC_URL": "http://" + addr,
		"TELEGRAM_BOT_TOKEN":     telegramtest.Token,
		"TELEGRAM_API_ENDPOINT":  tg.Endpoint(),
	})
	ctx, cancel := context.WithCancel(context.Background())
	logs := &syncBuffer{}
	done := make(chan int, 1)
	go func() { done <- run(ctx, []string{"serve"}, io.Discard, logs, e) }()
	serveAddr(t, logs)

	wait := func(chat int64, what string, match func(telegramtest.Message) bool) telegramtest.Message {
		t.Helper()
		m, ok := tg.WaitMessage(chat, match, 15*time.Second)
		if !ok {
			t.Fatalf("no %s in chat %d; log:\n%s", what, chat, logs.String())
		}
		return m
	}
	press := func(chat int64, u tgbotapi.User, data string) {
		t.Helper()
		for _, m := range tg.Messages(chat) {
			if m.HasButton(data) {
				tg.Press(chat, u, m.ID, data)
				return
			}
		}
		t.Fatalf("no button %s in chat %d", data, chat)
	}
	chiefU := telegramtest.Customer(chief, "zh")
	for i, j := range jobs {
		techU := telegramtest.Customer(tech, string(j.Lang))
		wait(tech, "dispatch", func(m telegramtest.Message) bool { return m.HasButton(fo.FieldSiteData(fo.FsCheckIn, j.ID)) })
		press(tech, techU, fo.FieldSiteData(fo.FsCheckIn, j.ID))
		wait(tech, "check-in reply", func(m telegramtest.Message) bool {
			return strings.Contains(m.Text, j.Number) && m.HasButton(fo.FieldSiteData(fo.FsSign, j.ID))
		})
		tg.SendText(tech, techU, "调试完成 "+string(j.Lang))
		tg.SendPhoto(tech, techU, "photo"+string(j.Lang), "现场")
		tg.SendText(tech, techU, "/problem")
		cls := wait(tech, "the problem's classes", func(m telegramtest.Message) bool {
			_, ok := m.ButtonWithPrefix("s:")
			return ok && strings.Contains(m.Text, j.Number)
		})
		b, _ := cls.Button(fo.QualityService.Label(j.Lang))
		tg.Press(tech, techU, cls.ID, b.Data)
		wait(tech, "the problem's text asked", func(m telegramtest.Message) bool { return m.ID == cls.ID && len(m.Buttons) == 1 })
		tg.SendText(tech, techU, "培训未完成 "+string(j.Lang))
		wait(chief, "the problem", func(m telegramtest.Message) bool { return strings.Contains(m.Text, "培训未完成 "+string(j.Lang)) })

		press(tech, techU, fo.FieldSiteData(fo.FsSign, j.ID))
		link := wait(tech, "the link", func(m telegramtest.Message) bool {
			return strings.Contains(m.Text, "http://"+addr+"/sign/") && strings.Contains(m.Text, j.Number)
		})
		signURL := regexp.MustCompile(`http://\S+/sign/[A-Za-z0-9_-]+`).FindString(link.Text)
		resp, err := http.Get(signURL)
		if err != nil {
			t.Fatal(err)
		}
		page, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(page), j.Number) || strings.Contains(string(page), jobs[1-i].Number) {
			t.Fatalf("sign page %s: %d\n%s", signURL, resp.StatusCode, page)
		}
		resp, err = http.PostForm(signURL, url.Values{"name": {"赵经理"}, "signature": {e2eSignature(t)}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("sign: %d", resp.StatusCode)
		}
		// The chief engineer's copies: the acceptance report and the log.
		var pdfs []string
		deadline := time.Now().Add(20 * time.Second)
		for len(pdfs) < 2 && time.Now().Before(deadline) {
			pdfs = nil
			for _, c := range tg.Calls("sendDocument") {
				if c.Code == 200 && c.ChatID() == chief && strings.Contains(c.Params["caption"], j.Number) {
					pdfs = append(pdfs, pdfText(t, c.Files["document"].Data))
				}
			}
			time.Sleep(50 * time.Millisecond)
		}
		if len(pdfs) != 2 {
			t.Fatalf("chief engineer's copies: %d; log:\n%s", len(pdfs), logs.String())
		}
		all := strings.Join(pdfs, "\n")
		for _, want := range []string{"安装调试验收报告", "安装调试工作日志", "赵经理", "调试完成 " + string(j.Lang), "培训未完成 " + string(j.Lang)} {
			if !strings.Contains(strings.Join(strings.Fields(all), ""), strings.Join(strings.Fields(want), "")) {
				t.Errorf("copies of %s lack %q", j.Number, want)
			}
		}
		// The chief engineer resolves the problem: finance is told.
		var rs string
		for _, m := range tg.Messages(chief) {
			if strings.Contains(m.Text, "培训未完成 "+string(j.Lang)) {
				if b, ok := m.ButtonWithPrefix("fs:rs:"); ok {
					rs = b.Data
				}
			}
		}
		press(chief, chiefU, rs)
		wait(chief, "the resolution asked", func(m telegramtest.Message) bool { return strings.Contains(m.Text, "解决") && len(m.Buttons) == 1 })
		tg.SendText(chief, chiefU, "已安排培训")
		wait(finance, "the finance notice", func(m telegramtest.Message) bool {
			return strings.Contains(m.Text, j.Number) && strings.Contains(m.Text, "举升机 "+string(j.Lang))
		})
		if n := tg.Downloads("photo" + string(j.Lang) + "-l"); n != 1 {
			t.Errorf("photo downloads of %s: %d", j.Number, n)
		}
	}

	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("serve exited %d:\n%s", code, logs.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop")
	}
	s, err := data.Open(dataFile, data.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, j := range jobs {
		got, _ := s.FieldJob(j.ID)
		if got.Stage != fo.FieldClosed || got.Site.Acceptance.Signature.File == 0 {
			t.Errorf("%s: %s", j.Number, got.Stage)
		}
		for _, e := range got.Site.Log {
			if e.FileID != 0 {
				if _, b, _ := s.File(e.FileID); b == nil {
					t.Errorf("%s: photo %d not fetched", j.Number, e.FileID)
				}
			}
		}
	}
	if strings.Contains(logs.String(), telegramtest.Token) {
		t.Error("the token appears in the log")
	}
}

// e2eSignature is a drawn signature as the pad sends it.
func e2eSignature(t *testing.T) string {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 400, 120))
	for x := 40; x < 360; x++ {
		for d := 0; d < 3; d++ {
			img.Set(x, 60+(x%23)-11+d, color.Black)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return "data:image/png;base64," + base64.StdEncoding.EncodeToString(buf.Bytes())
}

// pdfText reads a PDF's text with pdftotext.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	cmd := exec.Command("pdftotext", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}
