package forms

import (
	"crypto/sha256"
	"fmt"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

func TestEmbeddedFonts(t *testing.T) {
	if got := fmt.Sprintf("%x", sha256.Sum256(droidSansFallback)); got != "acb6440a713d880a13a21b468ba7cd43f5a2b2934972e51be791c880730777b8" {
		t.Errorf("DroidSansFallbackFull.ttf changed (sha256 %s): update fonts/NOTICE", got)
	}
	fs := testEngine(t).fonts
	cjk, reg := fs.faces[faceCJK], fs.faces[faceRegular]
	if cjk.glyph('A') != 0 || cjk.glyph('1') != 0 {
		t.Error("the CJK font has Latin glyphs: the face choice may need a look")
	}
	for _, r := range "安装服务预约单，。（）：；" {
		if fi, drawn, ok := fs.resolve(r, false); !ok || drawn != r || fi != faceCJK {
			t.Errorf("%q resolves to face %d, %q, %v", r, fi, drawn, ok)
		}
	}
	for _, r := range "Aa1¥·–—€£ü" {
		if fi, _, ok := fs.resolve(r, true); !ok || fi != faceBold {
			t.Errorf("bold %q resolves to face %d, %v", r, fi, ok)
		}
	}
	if reg.glyph(Replacement) == 0 && cjk.glyph(Replacement) == 0 {
		t.Error("no font has the replacement glyph")
	}
	for _, r := range []rune{0x2000B, 0x1F600, 0x01, 0x7F, 0xE000} {
		if _, drawn, ok := fs.resolve(r, false); ok || drawn != Replacement {
			t.Errorf("%U resolves to %q, %v; want the replacement", r, drawn, ok)
		}
	}
}

// Subsets are valid TrueType fonts, as another parser reads them: each rune
// maps to a glyph with the original advance and an outline, composite
// glyphs included.
func TestSubsetFont(t *testing.T) {
	fs := testEngine(t).fonts
	for _, tc := range []struct {
		face  int
		runes string
	}{
		{faceCJK, "安装服务预约单泰远汽车中心，。（）京"},
		{faceRegular, "AZaz09¥·–ÅéüÇñ□"},
		{faceBold, "Bold ÉÑ"},
	} {
		f := fs.faces[tc.face]
		runes := []rune(tc.runes)
		ttf, err := f.subset(runes, "ABCDEF+"+f.name)
		if err != nil {
			t.Fatal(err)
		}
		if len(ttf) > 64*len(runes)*20 {
			t.Errorf("%s subset of %d runes is %d bytes", f.name, len(runes), len(ttf))
		}
		sf, err := sfnt.Parse(ttf)
		if err != nil {
			t.Fatalf("%s subset does not parse: %v", f.name, err)
		}
		name, err := sf.Name(nil, sfnt.NameIDPostScript)
		if err != nil || name != "ABCDEF+"+f.name {
			t.Errorf("PostScript name %q, %v", name, err)
		}
		var buf sfnt.Buffer
		ppem := fixed.I(f.unitsPerEm)
		for _, r := range runes {
			gi, err := sf.GlyphIndex(&buf, r)
			if err != nil || gi == 0 {
				t.Errorf("%s subset: %q has no glyph (%v)", f.name, r, err)
				continue
			}
			adv, err := sf.GlyphAdvance(&buf, gi, ppem, font.HintingNone)
			if err != nil || adv.Round() != int(f.advance[f.glyph(r)]) {
				t.Errorf("%s subset: %q advance %v, want %d (%v)", f.name, r, adv, f.advance[f.glyph(r)], err)
			}
			if r == ' ' {
				continue
			}
			segs, err := sf.LoadGlyph(&buf, gi, ppem, nil)
			if err != nil || len(segs) == 0 {
				t.Errorf("%s subset: %q outline: %d segments, %v", f.name, r, len(segs), err)
			}
		}
	}
}

// Composite glyphs keep their components, renumbered, in a subset.
func TestSubsetComposites(t *testing.T) {
	fs := testEngine(t).fonts
	found := 0
	for fi, f := range fs.faces {
		for r := rune(0x20); r < 0x10000 && found < 3*(fi+1); r++ {
			g := f.glyph(r)
			if g == 0 {
				continue
			}
			comps, err := components(f.glyphData(g))
			if err != nil {
				t.Fatalf("%s %U: %v", f.name, r, err)
			}
			if len(comps) == 0 {
				continue
			}
			found++
			ttf, err := f.subset([]rune{r}, "ABCDEF+X")
			if err != nil {
				t.Fatal(err)
			}
			sf, err := sfnt.Parse(ttf)
			if err != nil {
				t.Fatal(err)
			}
			if sf.NumGlyphs() < 2+len(comps) {
				t.Errorf("%s %U: %d glyphs in subset, want the composite and its %d components", f.name, r, sf.NumGlyphs(), len(comps))
			}
			var buf sfnt.Buffer
			gi, _ := sf.GlyphIndex(&buf, r)
			segs, err := sf.LoadGlyph(&buf, gi, fixed.I(f.unitsPerEm), nil)
			if err != nil || len(segs) == 0 {
				t.Errorf("%s %U: composite outline: %d segments, %v", f.name, r, len(segs), err)
			}
		}
	}
	// Every embedded face has composite glyphs (three are checked in
	// each); a subset test that found none would prove nothing.
	if want := 3 * len(fs.faces); found != want {
		t.Errorf("checked %d composite glyphs, want %d (3 in each of %d faces)", found, want, len(fs.faces))
	}
}
