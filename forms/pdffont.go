package forms

import (
	"bytes"
	"compress/zlib"
	"container/list"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// How a document's text reaches the PDF
//
// fpdf's own UTF-8 font path costs about 8 ms per font and document however
// small the font is (it builds, JSON-encodes and hashes a 65,536-entry width
// table, and compresses a 128 KB CID-to-glyph map and the font), so three
// fonts cost more than the whole budget of a service card. The engine
// therefore gives fpdf only small single-byte TrueType fonts, through its
// makefont-style AddFontFromBytes path, which costs microseconds:
//
//   - A document first records its pages with our own metrics (font.go).
//   - At the end, the runes it used are grouped by face, sorted, and cut into
//     slices of at most 224 runes; rune i of a slice gets the byte code 32+i.
//   - Each slice becomes a subset TrueType font (subset.go) whose (3,1) cmap
//     maps the slice's runes to its glyphs, declared to fpdf as a simple
//     non-symbolic TrueType font whose /Encoding /Differences names code
//     32+i "uniXXXX" after its rune. A PDF reader maps code → glyph name →
//     Unicode → glyph (PDF 32000-1 §9.6.6.4), and text extraction
//     (pdftotext, search, copy) gets the Unicode text back from the names.
//   - Built slices are cached by content (an LRU), so documents that share
//     their text share the work.

// codesPerSlice is how many runes one single-byte font carries: codes 32 to
// 255 (fpdf writes /FirstChar 32 /LastChar 255).
const codesPerSlice = 224

// pdfFont is one built slice: fpdf's font definition (JSON) and the
// zlib-compressed subset font. Immutable once built; shared across documents.
type pdfFont struct {
	def  []byte
	file []byte
}

// fontDef is fpdf's font definition, the JSON that makefont writes.
type fontDef struct {
	Tp           string
	Name         string
	Desc         fontDesc
	Up           int
	Ut           int
	Cw           []int
	Enc          string
	Diff         string
	File         string
	OriginalSize int
}

type fontDesc struct {
	Ascent       int
	Descent      int
	CapHeight    int
	Flags        int
	FontBBox     struct{ Xmin, Ymin, Xmax, Ymax int }
	ItalicAngle  int
	StemV        int
	MissingWidth int
}

// fontCache is a bounded LRU of built slices keyed by face and runes. It is
// safe for concurrent use.
type fontCache struct {
	mu    sync.Mutex
	max   int
	ll    *list.List // front = most recent; values are *cacheEntry
	items map[string]*list.Element
}

type cacheEntry struct {
	key  string
	font *pdfFont
}

func newFontCache(max int) *fontCache {
	return &fontCache{max: max, ll: list.New(), items: map[string]*list.Element{}}
}

func (c *fontCache) get(key string) *pdfFont {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[key]; ok {
		c.ll.MoveToFront(el)
		return el.Value.(*cacheEntry).font
	}
	return nil
}

func (c *fontCache) put(key string, f *pdfFont) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.max <= 0 {
		return
	}
	if el, ok := c.items[key]; ok {
		c.ll.MoveToFront(el)
		return
	}
	c.items[key] = c.ll.PushFront(&cacheEntry{key, f})
	for c.ll.Len() > c.max {
		el := c.ll.Back()
		c.ll.Remove(el)
		delete(c.items, el.Value.(*cacheEntry).key)
	}
}

// slice is one single-byte font of a document.
type slice struct {
	face  int
	runes []rune
	font  *pdfFont
}

// fontPlan maps a document's runes to the slices and byte codes that draw
// them.
type fontPlan struct {
	slices []slice
	// code maps face<<21|rune to slice index<<8 | byte code.
	code map[int32]int32
}

// planFonts builds (or takes from the cache) the slices for used, the set
// of runes per face.
func (e *Engine) planFonts(used *[numFaces]map[rune]struct{}) (*fontPlan, error) {
	p := &fontPlan{code: map[int32]int32{}}
	for fi := range numFaces {
		if len(used[fi]) == 0 {
			continue
		}
		runes := make([]rune, 0, len(used[fi]))
		for r := range used[fi] {
			runes = append(runes, r)
		}
		slices.Sort(runes)
		for len(runes) > 0 {
			n := min(len(runes), codesPerSlice)
			part := runes[:n:n]
			runes = runes[n:]
			font, err := e.sliceFont(fi, part)
			if err != nil {
				return nil, err
			}
			si := len(p.slices)
			p.slices = append(p.slices, slice{face: fi, runes: part, font: font})
			for i, r := range part {
				p.code[int32(fi)<<21|r] = int32(si)<<8 | int32(32+i)
			}
		}
	}
	return p, nil
}

// sliceFont returns the built font of runes in face fi, from the cache when
// it is there.
func (e *Engine) sliceFont(fi int, runes []rune) (*pdfFont, error) {
	var kb strings.Builder
	kb.WriteByte(byte('0' + fi))
	for _, r := range runes {
		kb.WriteRune(r)
	}
	key := kb.String()
	if f := e.cache.get(key); f != nil {
		return f, nil
	}
	f, err := e.buildSlice(fi, runes)
	if err != nil {
		return nil, err
	}
	e.cache.put(key, f)
	return f, nil
}

func (e *Engine) buildSlice(fi int, runes []rune) (*pdfFont, error) {
	fc := e.fonts.faces[fi]
	// A subset is named with a tag of six capitals derived from its content
	// (PDF 32000-1 §9.6.4), so that equal subsets get equal names.
	sum := sha256.Sum256([]byte(string(runes)))
	var tag [6]byte
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	name := string(tag[:]) + "+" + fc.name
	ttf, err := fc.subset(runes, name)
	if err != nil {
		return nil, err
	}
	var z bytes.Buffer
	zw := e.zlib.Get().(*zlib.Writer)
	zw.Reset(&z)
	_, err = zw.Write(ttf)
	if err == nil {
		err = zw.Close()
	}
	e.zlib.Put(zw)
	if err != nil {
		return nil, fmt.Errorf("compress font %s: %w", name, err)
	}

	scale := func(v int) int { return int(math.Round(float64(v) * 1000 / float64(fc.unitsPerEm))) }
	d := fontDef{
		Tp:           "TrueType",
		Name:         name,
		Up:           -100,
		Ut:           50,
		Cw:           make([]int, 256),
		Enc:          "",
		File:         name + ".z",
		OriginalSize: len(ttf),
	}
	d.Desc.Ascent = scale(fc.ascent)
	d.Desc.Descent = scale(fc.descent)
	d.Desc.CapHeight = scale(fc.capHeight)
	d.Desc.Flags = 32 // Nonsymbolic: codes are mapped through glyph names
	d.Desc.FontBBox.Xmin = scale(int(fc.bbox[0]))
	d.Desc.FontBBox.Ymin = scale(int(fc.bbox[1]))
	d.Desc.FontBBox.Xmax = scale(int(fc.bbox[2]))
	d.Desc.FontBBox.Ymax = scale(int(fc.bbox[3]))
	d.Desc.ItalicAngle = fc.italic
	d.Desc.StemV = 80
	if fc.bold {
		d.Desc.StemV = 140
	}
	var diff strings.Builder
	diff.WriteString("32")
	for i, r := range runes {
		d.Cw[32+i] = int(fc.w1000[fc.glyph(r)])
		diff.WriteString(" /")
		diff.WriteString(glyphName(r))
	}
	d.Diff = diff.String()
	def, err := json.Marshal(d)
	if err != nil {
		return nil, err
	}
	return &pdfFont{def: def, file: z.Bytes()}, nil
}

// glyphName is the glyph name a /Differences array gives r: "space" for
// the space, "uniXXXX" otherwise (the Adobe Glyph List specification's
// name for any BMP code point).
func glyphName(r rune) string {
	if r == ' ' {
		return "space"
	}
	s := strconv.FormatInt(int64(r), 16)
	return "uni" + strings.Repeat("0", 4-len(s)) + strings.ToUpper(s)
}
