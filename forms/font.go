package forms

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
)

// droidSansFallback is Droid Sans Fallback Full from Debian's
// fonts-droid-fallback (Apache-2.0, see fonts/NOTICE): the CJK font. It has
// no Latin glyphs, so Latin text is set in the Go fonts.
//
//go:embed fonts/DroidSansFallbackFull.ttf
var droidSansFallback []byte

// Face indexes. Every rune of a document is set in exactly one face: the
// Latin face of its weight when that has the glyph, else the CJK face, else
// it is drawn as the replacement glyph.
const (
	faceRegular = iota // Go Regular
	faceBold           // Go Bold
	faceCJK            // Droid Sans Fallback; bold is simulated with a stroke
	numFaces
)

// Replacement is the rune drawn in place of a character that no embedded
// font has (an emoji, a rare CJK Extension-B name): visible, never dropped.
const Replacement = '□'

// face is one parsed TrueType font: what layout needs (advance widths by
// rune) and what the subsetter needs (glyph data by glyph id). A face is
// immutable after parseFace and shared by all documents.
type face struct {
	name       string // PostScript name, e.g. "GoRegular"
	data       []byte
	unitsPerEm int
	ascent     int // hhea, font units
	descent    int // hhea, font units, negative
	capHeight  int
	bbox       [4]int16
	italic     int
	bold       bool

	bmp     []uint16 // rune (BMP) → glyph id; 0 when missing
	advance []uint16 // glyph id → advance width, font units
	lsb     []int16  // glyph id → left side bearing
	loca    []uint32 // glyph id → offset in glyf; len numGlyphs+1
	glyf    []byte
	tables  map[string][]byte

	// w1000 is advance in thousandths of an em by glyph id, rounded: the
	// unit of the PDF /Widths array. Layout measures with it so that the
	// page shows exactly what was measured.
	w1000 []int32
}

// fontSource is an embedded font.
type fontSource struct {
	name string
	data []byte
	bold bool
}

// fontSources returns the embedded fonts, by face index.
func fontSources() [numFaces]fontSource {
	return [numFaces]fontSource{
		faceRegular: {"GoRegular", goregular.TTF, false},
		faceBold:    {"GoBold", gobold.TTF, true},
		faceCJK:     {"DroidSansFallbackFull", droidSansFallback, false},
	}
}

var errFont = errors.New("malformed TrueType font")

// parseFace parses the tables of a TrueType font that layout and
// subsetting use. It returns an error wrapping errFont for a font it cannot
// read (an OpenType/CFF font, a collection, a truncated file).
func parseFace(name string, data []byte, bold bool) (*face, error) {
	fail := func(format string, args ...any) (*face, error) {
		return nil, fmt.Errorf("font %s: %w: %s", name, errFont, fmt.Sprintf(format, args...))
	}
	if len(data) < 12 {
		return fail("too short")
	}
	if v := binary.BigEndian.Uint32(data); v != 0x00010000 && v != 0x74727565 {
		return fail("not a TrueType font (version %#x)", v)
	}
	f := &face{name: name, data: data, bold: bold, tables: map[string][]byte{}}
	n := int(binary.BigEndian.Uint16(data[4:]))
	if 12+16*n > len(data) {
		return fail("table directory out of range")
	}
	for i := range n {
		rec := data[12+16*i:]
		tag := string(rec[:4])
		off := int(binary.BigEndian.Uint32(rec[8:]))
		length := int(binary.BigEndian.Uint32(rec[12:]))
		if off < 0 || length < 0 || off+length > len(data) {
			return fail("table %q out of range", tag)
		}
		f.tables[tag] = data[off : off+length]
	}
	for _, t := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap"} {
		if f.tables[t] == nil {
			return fail("no %q table", t)
		}
	}
	head, hhea, maxp := f.tables["head"], f.tables["hhea"], f.tables["maxp"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 {
		return fail("short head/hhea/maxp")
	}
	f.unitsPerEm = int(binary.BigEndian.Uint16(head[18:]))
	if f.unitsPerEm < 16 {
		return fail("unitsPerEm %d", f.unitsPerEm)
	}
	for i := range 4 {
		f.bbox[i] = int16(binary.BigEndian.Uint16(head[36+2*i:]))
	}
	longLoca := binary.BigEndian.Uint16(head[50:]) == 1
	f.ascent = int(int16(binary.BigEndian.Uint16(hhea[4:])))
	f.descent = int(int16(binary.BigEndian.Uint16(hhea[6:])))
	f.capHeight = f.ascent
	if os2 := f.tables["OS/2"]; len(os2) >= 90 && binary.BigEndian.Uint16(os2) >= 2 {
		f.capHeight = int(int16(binary.BigEndian.Uint16(os2[88:])))
	}
	if post := f.tables["post"]; len(post) >= 8 {
		f.italic = int(int16(binary.BigEndian.Uint16(post[4:])))
	}
	numGlyphs := int(binary.BigEndian.Uint16(maxp[4:]))
	numHMetrics := int(binary.BigEndian.Uint16(hhea[34:]))
	if numGlyphs == 0 || numHMetrics == 0 || numHMetrics > numGlyphs {
		return fail("numGlyphs %d, numberOfHMetrics %d", numGlyphs, numHMetrics)
	}

	hmtx := f.tables["hmtx"]
	if len(hmtx) < 4*numHMetrics+2*(numGlyphs-numHMetrics) {
		return fail("short hmtx")
	}
	f.advance = make([]uint16, numGlyphs)
	f.lsb = make([]int16, numGlyphs)
	f.w1000 = make([]int32, numGlyphs)
	for g := range numGlyphs {
		if g < numHMetrics {
			f.advance[g] = binary.BigEndian.Uint16(hmtx[4*g:])
			f.lsb[g] = int16(binary.BigEndian.Uint16(hmtx[4*g+2:]))
		} else {
			f.advance[g] = f.advance[numHMetrics-1]
			f.lsb[g] = int16(binary.BigEndian.Uint16(hmtx[4*numHMetrics+2*(g-numHMetrics):]))
		}
		f.w1000[g] = int32(math.Round(float64(f.advance[g]) * 1000 / float64(f.unitsPerEm)))
	}

	loca := f.tables["loca"]
	f.glyf = f.tables["glyf"]
	f.loca = make([]uint32, numGlyphs+1)
	for g := range numGlyphs + 1 {
		var off uint32
		if longLoca {
			if 4*g+4 > len(loca) {
				return fail("short loca")
			}
			off = binary.BigEndian.Uint32(loca[4*g:])
		} else {
			if 2*g+2 > len(loca) {
				return fail("short loca")
			}
			off = 2 * uint32(binary.BigEndian.Uint16(loca[2*g:]))
		}
		if int(off) > len(f.glyf) || (g > 0 && off < f.loca[g-1]) {
			return fail("loca entry %d out of order", g)
		}
		f.loca[g] = off
	}
	if err := f.parseCmap(); err != nil {
		return fail("%v", err)
	}
	return f, nil
}

// parseCmap fills f.bmp from the font's Unicode BMP cmap (format 4, or
// format 12 restricted to the BMP). Runes beyond the BMP are not looked up:
// the subset fonts' cmap is format 4, so such a rune is drawn as the
// replacement (no embedded font has any anyway).
func (f *face) parseCmap() error {
	cmap := f.tables["cmap"]
	if len(cmap) < 4 {
		return errors.New("short cmap")
	}
	n := int(binary.BigEndian.Uint16(cmap[2:]))
	var best []byte
	bestFormat := 0
	for i := range n {
		if 4+8*i+8 > len(cmap) {
			return errors.New("short cmap directory")
		}
		rec := cmap[4+8*i:]
		pid, eid := binary.BigEndian.Uint16(rec), binary.BigEndian.Uint16(rec[2:])
		off := int(binary.BigEndian.Uint32(rec[4:]))
		if off+4 > len(cmap) {
			continue
		}
		format := int(binary.BigEndian.Uint16(cmap[off:]))
		unicode := pid == 0 || (pid == 3 && (eid == 1 || eid == 10))
		if !unicode || (format != 4 && format != 12) {
			continue
		}
		if format > bestFormat {
			best, bestFormat = cmap[off:], format
		}
	}
	f.bmp = make([]uint16, 0x10000)
	numGlyphs := len(f.advance)
	set := func(r uint32, g uint32) {
		if r < 0x10000 && g < uint32(numGlyphs) {
			f.bmp[r] = uint16(g)
		}
	}
	switch bestFormat {
	case 4:
		if len(best) < 14 {
			return errors.New("short cmap format 4")
		}
		segX2 := int(binary.BigEndian.Uint16(best[6:]))
		if 16+4*segX2 > len(best) {
			return errors.New("short cmap format 4 segments")
		}
		ends, starts := best[14:], best[16+segX2:]
		deltas, ranges := best[16+2*segX2:], best[16+3*segX2:]
		for s := 0; s < segX2/2; s++ {
			end := uint32(binary.BigEndian.Uint16(ends[2*s:]))
			start := uint32(binary.BigEndian.Uint16(starts[2*s:]))
			delta := binary.BigEndian.Uint16(deltas[2*s:])
			ro := int(binary.BigEndian.Uint16(ranges[2*s:]))
			for c := start; c <= end && c != 0xFFFF; c++ {
				if ro == 0 {
					set(c, uint32(uint16(c)+delta))
					continue
				}
				p := 16 + 3*segX2 + 2*s + ro + 2*int(c-start)
				if p+2 > len(best) {
					break
				}
				if g := binary.BigEndian.Uint16(best[p:]); g != 0 {
					set(c, uint32(g+delta))
				}
			}
		}
	case 12:
		if len(best) < 16 {
			return errors.New("short cmap format 12")
		}
		groups := int(binary.BigEndian.Uint32(best[12:]))
		if 16+12*groups > len(best) {
			return errors.New("short cmap format 12 groups")
		}
		for i := range groups {
			g := best[16+12*i:]
			start, end := binary.BigEndian.Uint32(g), binary.BigEndian.Uint32(g[4:])
			gid := binary.BigEndian.Uint32(g[8:])
			for c := start; c <= end && c < 0x10000; c++ {
				set(c, gid+(c-start))
			}
		}
	default:
		return errors.New("no Unicode cmap (format 4 or 12)")
	}
	return nil
}

// glyph returns r's glyph id, 0 when the font lacks it.
func (f *face) glyph(r rune) uint16 {
	if r < 0 || r >= 0x10000 {
		return 0
	}
	return f.bmp[r]
}

// glyphData returns the glyf bytes of glyph g (empty for a blank glyph).
func (f *face) glyphData(g uint16) []byte {
	return f.glyf[f.loca[g]:f.loca[g+1]]
}

// fonts is the set of faces an Engine uses, with the rune → face choice.
type fonts struct {
	faces [numFaces]*face
	// replFace is the face that has the replacement glyph.
	replFace int
}

func loadFonts() (*fonts, error) {
	fs := &fonts{}
	for i, src := range fontSources() {
		f, err := parseFace(src.name, src.data, src.bold)
		if err != nil {
			return nil, err
		}
		fs.faces[i] = f
	}
	switch {
	case fs.faces[faceRegular].glyph(Replacement) != 0:
		fs.replFace = faceRegular
	case fs.faces[faceCJK].glyph(Replacement) != 0:
		fs.replFace = faceCJK
	default:
		return nil, fmt.Errorf("no embedded font has the replacement glyph %q", Replacement)
	}
	return fs, nil
}

// resolve returns the face that draws r in the given weight and the rune
// drawn: r itself when a face has it (the Latin face of the weight first,
// then the CJK face), else Replacement in the face that has it, with ok
// false. Control characters are not drawn as themselves either.
func (fs *fonts) resolve(r rune, bold bool) (fi int, drawn rune, ok bool) {
	lat := faceRegular
	if bold {
		lat = faceBold
	}
	if r < 0x20 || (r >= 0x7f && r < 0xa0) {
		return fs.replFace, Replacement, false
	}
	if fs.faces[lat].glyph(r) != 0 {
		return lat, r, true
	}
	if fs.faces[faceCJK].glyph(r) != 0 {
		return faceCJK, r, true
	}
	return fs.replFace, Replacement, false
}

// runeWidth returns the advance of r in thousandths of an em, as drawn.
func (fs *fonts) runeWidth(r rune, bold bool) int32 {
	fi, drawn, _ := fs.resolve(r, bold)
	f := fs.faces[fi]
	return f.w1000[f.glyph(drawn)]
}

// width returns the advance of s in thousandths of an em.
func (fs *fonts) width(s string, bold bool) int32 {
	var w int32
	for _, r := range s {
		w += fs.runeWidth(r, bold)
	}
	return w
}
