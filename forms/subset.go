package forms

import (
	"encoding/binary"
	"fmt"
	"slices"
	"unicode/utf16"
)

// Composite glyph flags (OpenType glyf table).
const (
	compArgsAreWords    = 0x0001
	compHaveScale       = 0x0008
	compMoreComponents  = 0x0020
	compHaveXYScale     = 0x0040
	compHaveTwoByTwo    = 0x0080
	compHaveInstruction = 0x0100
)

// subset returns a TrueType font holding only the glyphs of runes (each of
// which f must have, BMP only), named psName. The glyphs of runes get the
// glyph ids 1, 2, … in the order of runes (0 is .notdef); the components of
// composite glyphs follow. Advance widths and outlines are unchanged; the
// hinting instructions are dropped (a PDF is scaled, not hinted), and so are
// the fpgm, prep and cvt tables. The font has the tables head, hhea, maxp,
// OS/2, hmtx, loca (long), glyf, cmap (3,1 format 4), post (format 3) and a
// small name table.
func (f *face) subset(runes []rune, psName string) ([]byte, error) {
	gids := []uint16{0}
	newID := map[uint16]uint16{0: 0}
	add := func(g uint16) {
		if _, ok := newID[g]; !ok {
			newID[g] = uint16(len(gids))
			gids = append(gids, g)
		}
	}
	for _, r := range runes {
		g := f.glyph(r)
		if g == 0 {
			return nil, fmt.Errorf("subset %s: no glyph for %U", f.name, r)
		}
		add(g)
	}
	// Close over composite components; gids grows while we walk it.
	for i := 0; i < len(gids); i++ {
		comps, err := components(f.glyphData(gids[i]))
		if err != nil {
			return nil, fmt.Errorf("subset %s: glyph %d: %w", f.name, gids[i], err)
		}
		for _, c := range comps {
			if int(c) >= len(f.advance) {
				return nil, fmt.Errorf("subset %s: glyph %d: component %d out of range", f.name, gids[i], c)
			}
			add(c)
		}
	}
	if len(gids) > 0xFFFF {
		return nil, fmt.Errorf("subset %s: too many glyphs", f.name)
	}
	n := len(gids)

	glyf := make([]byte, 0, 64*n)
	loca := make([]byte, 4*(n+1))
	hmtx := make([]byte, 4*n)
	for i, g := range gids {
		binary.BigEndian.PutUint32(loca[4*i:], uint32(len(glyf)))
		binary.BigEndian.PutUint16(hmtx[4*i:], f.advance[g])
		binary.BigEndian.PutUint16(hmtx[4*i+2:], uint16(f.lsb[g]))
		var err error
		glyf, err = appendGlyph(glyf, f.glyphData(g), newID)
		if err != nil {
			return nil, fmt.Errorf("subset %s: glyph %d: %w", f.name, g, err)
		}
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
	}
	binary.BigEndian.PutUint32(loca[4*n:], uint32(len(glyf)))

	head := slices.Clone(f.tables["head"][:54])
	binary.BigEndian.PutUint32(head[8:], 0) // checkSumAdjustment, set below
	binary.BigEndian.PutUint16(head[50:], 1)
	hhea := slices.Clone(f.tables["hhea"][:36])
	binary.BigEndian.PutUint16(hhea[34:], uint16(n))
	maxp := slices.Clone(f.tables["maxp"])
	binary.BigEndian.PutUint16(maxp[4:], uint16(n))
	if len(maxp) >= 32 {
		// No instructions are left: no function or instruction storage.
		binary.BigEndian.PutUint16(maxp[26:], 0) // maxSizeOfInstructions
	}

	post := make([]byte, 32)
	binary.BigEndian.PutUint32(post, 0x00030000)
	if p := f.tables["post"]; len(p) >= 16 {
		copy(post[4:16], p[4:16])
	}

	pairs := make([][2]uint16, 0, len(runes))
	for _, r := range runes {
		pairs = append(pairs, [2]uint16{uint16(r), newID[f.glyph(r)]})
	}

	tables := map[string][]byte{
		"head": head,
		"hhea": hhea,
		"maxp": maxp,
		"hmtx": hmtx,
		"loca": loca,
		"glyf": glyf,
		"cmap": cmapFormat4(pairs),
		"post": post,
		"name": nameTable(psName),
	}
	if os2 := f.tables["OS/2"]; os2 != nil {
		tables["OS/2"] = os2
	}
	return assembleFont(tables), nil
}

// components returns the glyph ids a composite glyph refers to; none for a
// simple or empty glyph.
func components(g []byte) ([]uint16, error) {
	if len(g) < 10 || int16(binary.BigEndian.Uint16(g)) >= 0 {
		return nil, nil
	}
	var out []uint16
	p := 10
	for {
		if p+4 > len(g) {
			return nil, errFont
		}
		flags := binary.BigEndian.Uint16(g[p:])
		out = append(out, binary.BigEndian.Uint16(g[p+2:]))
		p += 4 + compArgsLen(flags)
		if flags&compMoreComponents == 0 {
			return out, nil
		}
	}
}

func compArgsLen(flags uint16) int {
	n := 2
	if flags&compArgsAreWords != 0 {
		n = 4
	}
	switch {
	case flags&compHaveScale != 0:
		n += 2
	case flags&compHaveXYScale != 0:
		n += 4
	case flags&compHaveTwoByTwo != 0:
		n += 8
	}
	return n
}

// appendGlyph appends glyph g to dst without its hinting instructions,
// with the component ids of a composite glyph renumbered through newID.
func appendGlyph(dst, g []byte, newID map[uint16]uint16) ([]byte, error) {
	if len(g) == 0 {
		return dst, nil
	}
	if len(g) < 10 {
		return nil, errFont
	}
	contours := int16(binary.BigEndian.Uint16(g))
	if contours >= 0 {
		p := 10 + 2*int(contours)
		if p+2 > len(g) {
			return nil, errFont
		}
		il := int(binary.BigEndian.Uint16(g[p:]))
		if p+2+il > len(g) {
			return nil, errFont
		}
		dst = append(dst, g[:p]...)
		dst = append(dst, 0, 0)
		return append(dst, g[p+2+il:]...), nil
	}
	dst = append(dst, g[:10]...)
	p := 10
	for {
		if p+4 > len(g) {
			return nil, errFont
		}
		flags := binary.BigEndian.Uint16(g[p:])
		end := p + 4 + compArgsLen(flags)
		if end > len(g) {
			return nil, errFont
		}
		at := len(dst)
		dst = append(dst, g[p:end]...)
		binary.BigEndian.PutUint16(dst[at:], flags&^compHaveInstruction)
		binary.BigEndian.PutUint16(dst[at+2:], newID[binary.BigEndian.Uint16(g[p+2:])])
		p = end
		if flags&compMoreComponents == 0 {
			break
		}
	}
	return dst, nil
}

// cmapFormat4 returns a cmap table with one (3,1) format 4 subtable mapping
// each pair's rune to its glyph id.
func cmapFormat4(pairs [][2]uint16) []byte {
	slices.SortFunc(pairs, func(a, b [2]uint16) int { return int(a[0]) - int(b[0]) })
	type seg struct{ start, end, delta uint16 }
	var segs []seg
	for _, p := range pairs {
		if k := len(segs) - 1; k >= 0 && p[0] == segs[k].end+1 && p[1]-p[0] == segs[k].delta {
			segs[k].end++
			continue
		}
		segs = append(segs, seg{p[0], p[0], p[1] - p[0]})
	}
	segs = append(segs, seg{0xFFFF, 0xFFFF, 1})
	sc := len(segs)
	searchRange, entrySelector := 1, 0
	for searchRange*2 <= sc {
		searchRange *= 2
		entrySelector++
	}
	searchRange *= 2
	sub := make([]byte, 16+8*sc)
	be := binary.BigEndian
	be.PutUint16(sub[0:], 4)
	be.PutUint16(sub[2:], uint16(len(sub)))
	be.PutUint16(sub[6:], uint16(2*sc))
	be.PutUint16(sub[8:], uint16(searchRange))
	be.PutUint16(sub[10:], uint16(entrySelector))
	be.PutUint16(sub[12:], uint16(2*sc-searchRange))
	for i, s := range segs {
		be.PutUint16(sub[14+2*i:], s.end)
		be.PutUint16(sub[16+2*sc+2*i:], s.start)
		be.PutUint16(sub[16+4*sc+2*i:], s.delta)
		// idRangeOffset stays 0.
	}
	out := make([]byte, 12, 12+len(sub))
	be.PutUint16(out[2:], 1) // one subtable
	be.PutUint16(out[4:], 3) // Microsoft
	be.PutUint16(out[6:], 1) // Unicode BMP
	be.PutUint32(out[8:], 12)
	return append(out, sub...)
}

// nameTable returns a name table naming the font psName (family, subfamily
// "Regular", full name and PostScript name), Windows platform, English.
func nameTable(psName string) []byte {
	names := []struct {
		id uint16
		s  string
	}{{1, psName}, {2, "Regular"}, {4, psName}, {6, psName}}
	be := binary.BigEndian
	head := make([]byte, 6+12*len(names))
	be.PutUint16(head[2:], uint16(len(names)))
	be.PutUint16(head[4:], uint16(len(head)))
	var str []byte
	for i, n := range names {
		rec := head[6+12*i:]
		be.PutUint16(rec[0:], 3)
		be.PutUint16(rec[2:], 1)
		be.PutUint16(rec[4:], 0x409)
		be.PutUint16(rec[6:], n.id)
		off := len(str)
		for _, u := range utf16.Encode([]rune(n.s)) {
			str = be.AppendUint16(str, u)
		}
		be.PutUint16(rec[8:], uint16(len(str)-off))
		be.PutUint16(rec[10:], uint16(off))
	}
	return append(head, str...)
}

// assembleFont writes an sfnt file of tables: the table directory sorted by
// tag, each table 4-byte aligned with its checksum, and head's
// checkSumAdjustment set.
func assembleFont(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	size := 12 + 16*len(tables)
	for t, b := range tables {
		tags = append(tags, t)
		size += (len(b) + 3) &^ 3
	}
	slices.Sort(tags)
	be := binary.BigEndian
	out := make([]byte, 12+16*len(tags), size)
	be.PutUint32(out, 0x00010000)
	nt := len(tags)
	sr, es := 1, 0
	for sr*2 <= nt {
		sr *= 2
		es++
	}
	be.PutUint16(out[4:], uint16(nt))
	be.PutUint16(out[6:], uint16(16*sr))
	be.PutUint16(out[8:], uint16(es))
	be.PutUint16(out[10:], uint16(16*nt-16*sr))
	headAt := 0
	for i, t := range tags {
		b := tables[t]
		rec := out[12+16*i:]
		copy(rec, t)
		be.PutUint32(rec[4:], checksum(b))
		be.PutUint32(rec[8:], uint32(len(out)))
		be.PutUint32(rec[12:], uint32(len(b)))
		if t == "head" {
			headAt = len(out)
		}
		out = append(out, b...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	be.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	return out
}

func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}
