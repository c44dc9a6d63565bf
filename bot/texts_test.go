package bot

import (
	"frontoffice/internal/catalogtest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	fo "frontoffice"
)

// TestTextsComplete: every text has both languages with the same verbs,
// and every key the code asks for exists (a missing key would show the
// key itself to a customer).
func TestTextsComplete(t *testing.T) {
	verbs := regexp.MustCompile(`%[dsv]`)
	for k, v := range Texts.MustMerge(stationTexts, fieldSiteTexts) {
		if v.Zh == "" || v.En == "" {
			t.Errorf("%s lacks a language", k)
		}
		if a, b := verbs.FindAllString(v.Zh, -1), verbs.FindAllString(v.En, -1); strings.Join(a, "") != strings.Join(b, "") {
			t.Errorf("%s: verbs %v in Chinese, %v in English", k, a, b)
		}
	}
	all := fo.Texts.Merge(Texts, stationTexts, fieldSiteTexts)
	used := regexp.MustCompile(`\.T\((?:[a-z.]+, )?"([a-z_.0-9]+)"`)
	files, _ := filepath.Glob("*.go")
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range used.FindAllStringSubmatch(string(src), -1) {
			if _, ok := all[m[1]]; !ok && !strings.HasSuffix(m[1], ".") {
				t.Errorf("%s uses text %q, which no catalog has", f, m[1])
			}
		}
	}
}

// TestFirstRepliesGreet (REC-1): every reply that can be a chat's first
// greets with the shop's name ("您好，<shop>" / "Hello, ... <shop>") and
// ends politely.
func TestFirstRepliesGreet(t *testing.T) {
	st := fo.DefaultSettings()
	for _, key := range []string{"bot.welcome", "bot.help", "handoff.customer", "handoff.no_staff", "my.unknown", "book.service",
		"cmpc.start", "link.done", "link.already", "link.used"} {
		for _, lang := range []fo.Lang{fo.ZH, fo.EN} {
			args := []any{st.ShopName(lang), st.Shop.Phone}
			s := Texts.T(lang, key, args[:strings.Count(Texts[key].Zh, "%s")]...)
			if lang == fo.ZH && !strings.HasPrefix(s, "您好，"+st.Shop.Name) {
				t.Errorf("REC-1: %s (zh) does not greet with the shop's name: %q", key, s)
			}
			if lang == fo.EN && (!strings.HasPrefix(s, "Hello") || !strings.Contains(s, st.Shop.NameEn)) {
				t.Errorf("REC-1: %s (en) does not greet with the shop's name: %q", key, s)
			}
			if key != "book.service" && key != "cmpc.start" && !strings.HasSuffix(s, "谢谢！") && !strings.HasSuffix(s, "Thank you!") {
				t.Errorf("REC-1: %s (%s) does not end politely: %q", key, lang, s)
			}
		}
	}
}

// The bot's catalog: no key defined twice (here and in the domain's), none
// missing a language, none used in the bot but not defined, none defined
// but never used.
func TestTextsCatalog(t *testing.T) {
	catalogtest.Run(t, catalogtest.Check{
		Own: Texts.MustMerge(stationTexts, fieldSiteTexts), Parts: []fo.Catalog{fo.Texts, Texts, stationTexts, fieldSiteTexts}, All: fo.Texts.Merge(Texts, stationTexts, fieldSiteTexts),
		Dirs: []string{"."}, Module: "..",
		Dynamic: []string{"cmd."},
	})
}
