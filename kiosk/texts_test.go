package kiosk

import (
	"frontoffice/internal/catalogtest"
	"frontoffice/internal/web"
	"os"
	"regexp"
	"testing"

	fo "frontoffice"
)

// Every text key the complaint and survey screens use exists in Chinese
// and English: the keys written in their Go files and templates, and
// those made from values (categories, questions).
func TestFeedbackTexts(t *testing.T) {
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
	keyRe := regexp.MustCompile(`"((?:as|err|cmp|sv|k)\.[a-z0-9_]+(?:\.[a-z0-9_]+)*)"`)
	for _, f := range []string{"templates/complaint.html", "templates/rate.html", "complaint.go", "rate.go"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range keyRe.FindAllStringSubmatch(string(b), -1) {
			has(f, m[1])
		}
	}
	for _, c := range fo.ComplaintCategories {
		has("kiosk category", "as.k.cat."+c)
	}
	for q := range fo.Questions {
		has("question", "sv.q."+string(rune('0'+q)))
	}
}

// The kiosk's catalog: no key defined twice (here, in internal/web's and in
// the domain's), none missing a language, none used in the kiosk but not
// defined, none defined but never used.
func TestTextsCatalog(t *testing.T) {
	catalogtest.Run(t, catalogtest.Check{
		Own: kioskTexts.MustMerge(signTexts), Parts: []fo.Catalog{fo.Texts, web.Texts, kioskTexts, signTexts}, All: fo.Texts.Merge(web.Texts, kioskTexts, signTexts),
		Dirs: []string{"."}, Module: "..",
		Dynamic: []string{"as.k.cat."},
	})
}
