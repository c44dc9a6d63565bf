package console

import (
	"frontoffice/internal/catalogtest"
	"frontoffice/internal/web"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	fo "frontoffice"
)

// Every text key the after-sales pages use exists in Chinese and English:
// the keys written in their Go files and templates, and those made from
// values (history actions, register actions, categories, verdicts,
// outcomes, questions).
func TestFollowUpTexts(t *testing.T) {
	srv, err := New(Config{Store: nil})
	if err != nil {
		t.Fatal(err)
	}
	has := func(where, k string) {
		t.Helper()
		txt, ok := srv.texts[k]
		if !ok || txt.Zh == "" || txt.En == "" {
			t.Errorf("%s: text %q missing", where, k)
		}
	}
	files := []string{"templates/calls.html", "templates/complaint.html", "templates/complaint_new.html", "templates/complaints.html",
		"templates/promotions.html", "templates/registers.html", "templates/reports.html", "templates/tasks.html", "templates/visit_docs.html"}
	gos := []string{"followup.go", "format.go", "call.go", "complaint.go", "complaint_form.go", "promotion.go", "register.go", "task.go"}
	keyRe := regexp.MustCompile(`"((?:as|con|err|cmp|sv|k|calls|staff)\.[a-z0-9_]+(?:\.[a-z0-9_]+)*)"`)
	n := 0
	for _, f := range append(append(files, gos...), "document.go") {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range keyRe.FindAllStringSubmatch(string(b), -1) {
			if strings.HasSuffix(m[1], "_") { // a prefix, checked below
				continue
			}
			n++
			has(f, m[1])
		}
	}
	if n < 150 {
		t.Errorf("only %d keys found", n)
	}
	for _, a := range []string{"filed", "taken", "assigned", "answered", "satisfied", "dissatisfied", "reopened", "closed", "warned", "overdue", "escalated"} {
		has("history", "as.act."+a)
	}
	for _, a := range []string{fo.OutcomeReached, fo.OutcomeNoAnswer, fo.OutcomeLater, "missed", "complaint_in", "ack", "answer", "verdict",
		"notice", "invitation", "invitation_post", "survey", "solution"} {
		has("register", "as.reg."+a)
	}
	for _, o := range []string{fo.OutcomeReached, fo.OutcomeNoAnswer, fo.OutcomeLater, fo.OutcomeNote} {
		has("call outcome", "con.flash.as_call_"+o)
	}
	for _, c := range fo.ComplaintCategories {
		has("category", "cmp.cat."+c)
	}
	for _, c := range append(fo.ComplaintChannels, string(fo.CmpOpen), string(fo.CmpAnswered), string(fo.CmpClosed), string(fo.CmpReopened)) {
		if _, ok := srv.texts["cmp.ch."+c]; !ok {
			has("status", "cmp.st."+c)
		}
	}
	for _, k := range []string{fo.BillLineWork, fo.BillLineAdditional, fo.BillLineDeposit} {
		has("bill line", "con.bill."+k)
	}
	for _, st := range []fo.EstimateStatus{fo.EstimateProposed, fo.EstimateAgreed, fo.EstimateDeclined} {
		has("estimate status", "con.estimate.st."+string(st))
	}
	for _, v := range []string{fo.VerdictSatisfied, fo.VerdictDissatisfied} {
		has("verdict", "as.verdict."+v)
	}
	for q := range fo.Questions {
		has("question", "as.q."+string(rune('0'+q)))
		has("question", "sv.q."+string(rune('0'+q)))
	}
	for k, v := range followUpTexts {
		if v.Zh == "" || v.En == "" {
			t.Errorf("%s: a language missing", k)
		}
	}
}

// CMP-2, CMP-3: the time left in whole minutes, rounded down; overdue
// rounded up; days from 48 hours on; both languages.
func TestLeftText(t *testing.T) {
	for _, c := range []struct {
		d      time.Duration
		zh, en string
	}{
		{24 * time.Hour, "还剩 24 小时 0 分", "24 h 0 min left"},
		{4*time.Hour - time.Second, "还剩 3 小时 59 分", "3 h 59 min left"},
		{59 * time.Second, "还剩 0 分", "0 min left"},
		{0, "还剩 0 分", "0 min left"},
		{-time.Second, "已超时 1 分", "overdue by 1 min"},
		{-65 * time.Minute, "已超时 1 小时 5 分", "overdue by 1 h 5 min"},
		{-(50*time.Hour + 10*time.Minute), "已超时 2 天 2 小时", "overdue by 2 d 2 h"},
		{168 * time.Hour, "还剩 7 天 0 小时", "7 d 0 h left"},
	} {
		if got := leftText(followUpTexts, fo.ZH, c.d); got != c.zh {
			t.Errorf("%s zh: %q, want %q", c.d, got, c.zh)
		}
		if got := leftText(followUpTexts, fo.EN, c.d); got != c.en {
			t.Errorf("%s en: %q, want %q", c.d, got, c.en)
		}
	}
}

func TestPlainTextAndLabel(t *testing.T) {
	if got := plainText("📞 首次回访\n⚠️ x\n客户：张三"); got != "首次回访\n⚠ x\n客户：张三" {
		t.Errorf("plainText: %q", got)
	}
	if got := label(fo.Texts, fo.EN, "cmp.cat.quality"); got != "Quality of work" {
		t.Errorf("label en: %q", got)
	}
	if got := label(fo.Texts, fo.ZH, "cmp.cat.quality"); got != "施工质量" {
		t.Errorf("label zh: %q", got)
	}
}

// The console's catalogs: no key defined twice (in them, internal/web's and
// the domain's), none missing a language, none used in the console but not
// defined, none defined but never used.
func TestTextsCatalog(t *testing.T) {
	catalogtest.Run(t, catalogtest.Check{
		Own:   consoleTexts.MustMerge(followUpTexts, lobbyTexts, dataFileTexts, bookTexts, signatureTexts, discountTexts, stationConsoleTexts, fieldTexts, fieldSiteTexts, qualityConsoleTexts, networkConsoleTexts),
		Parts: []fo.Catalog{fo.Texts, web.Texts, consoleTexts, followUpTexts, lobbyTexts, dataFileTexts, bookTexts, signatureTexts, discountTexts, stationConsoleTexts, fieldTexts, fieldSiteTexts, qualityConsoleTexts, networkConsoleTexts},
		All:   fo.Texts.Merge(web.Texts, consoleTexts, followUpTexts, lobbyTexts, dataFileTexts, bookTexts, signatureTexts, discountTexts, stationConsoleTexts, fieldTexts, fieldSiteTexts, qualityConsoleTexts, networkConsoleTexts),
		Dirs:  []string{"."}, Module: "..",
		Dynamic: []string{"con.role.", "con.task.", "con.flash.as_call_", "as.act.", "as.reg.", "as.q.", "con.bill.", "con.estimate.st.", "con.sign.via.", "con.discount.st.",
			"fldc.act.", "fldc.doc.", "fldc.doc_missing.", "fldc.via.", "fldc.next.", "con.flash.fld_doc_", // field.go
			"site.stage."}, // field_site.go
	})
}
