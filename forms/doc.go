// Package forms prints the shop's paper forms (docs/rules.md, "Forms") as PDF
// documents, in Chinese and English, with fonts embedded in the binary so
// that they print the same on a machine with no fonts installed.
//
// An Engine is made once with New and shared: it holds the parsed fonts and
// a cache of font subsets, and is safe for concurrent use. Each document is
// laid out on a Doc (NewDoc), a recording of pages made with the engine's
// own metrics and line breaking, and turned into PDF bytes by Doc.Bytes,
// which embeds just the glyphs the document uses (see pdffont.go).
//
// Every page is A4 portrait with the shop's header; the first page carries
// the document's title. Measurements are in millimetres, font sizes in
// points; y grows downwards from the top edge of the page.
package forms

import (
	"compress/zlib"
	"log/slog"
	"strings"
	"sync"
	"time"

	"frontoffice"
)

// Page geometry, in millimetres.
const (
	PageWidth    = 210.0
	PageHeight   = 297.0
	MarginLeft   = 15.0
	MarginRight  = 15.0
	MarginTop    = 12.0
	MarginBottom = 16.0
	// ContentWidth is the width between the margins.
	ContentWidth = PageWidth - MarginLeft - MarginRight
)

// ptToMM converts points to millimetres.
const ptToMM = 25.4 / 72

// subsetCacheSize bounds how many built font subsets an Engine keeps.
const subsetCacheSize = 256

// Engine prints documents. Make one with New and share it: it is safe for
// concurrent use.
type Engine struct {
	log   *slog.Logger
	fonts *fonts
	cache *fontCache
	zlib  sync.Pool // *zlib.Writer
	now   func() time.Time
}

// New parses the embedded fonts and returns an Engine that logs through
// log (nothing is logged when log is nil). It fails only if an embedded
// font cannot be read, which is a build error.
func New(log *slog.Logger) (*Engine, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	fs, err := loadFonts()
	if err != nil {
		return nil, err
	}
	e := &Engine{log: log, fonts: fs, cache: newFontCache(subsetCacheSize), now: time.Now}
	e.zlib.New = func() any {
		w, _ := zlib.NewWriterLevel(nil, zlib.BestCompression)
		return w
	}
	return e, nil
}

// Shop is the shop as printed in the header of every page.
type Shop struct {
	Name    string
	Address string
	Phone   string
}

// ShopOf returns the shop's header in lang from the settings.
func ShopOf(st *frontoffice.Settings, lang frontoffice.Lang) Shop {
	return Shop{Name: st.ShopName(lang), Address: st.ShopAddress(lang), Phone: st.Shop.Phone}
}

// Title is a document's title in both languages; the document's language
// is printed large and the other one under it.
type Title struct {
	Zh string
	En string
}

// DocOptions describe a document.
type DocOptions struct {
	Lang  frontoffice.Lang
	Shop  Shop
	Title Title
	// Number is the document's number or code, printed top right ("No.").
	Number string
	// Issued is when the document is made; it is printed under the title
	// and is the PDF's creation date. Zero means now.
	Issued time.Time
	// Loc is the zone Issued is printed in; nil means UTC.
	Loc *time.Location
}

// rgb is a colour.
type rgb struct{ r, g, b uint8 }

// Colours of the house style.
var (
	colText   = rgb{25, 25, 25}
	colMuted  = rgb{95, 95, 95}
	colRule   = rgb{60, 60, 60}
	colGrid   = rgb{150, 150, 150}
	colShade  = rgb{238, 240, 243}
	colHead   = rgb{222, 228, 236}
	colAccent = rgb{31, 78, 140}
	colBar    = rgb{64, 112, 176}
)

type opKind uint8

const (
	opText opKind = iota
	opRect        // filled and/or stroked rectangle
	opLine
	opPath  // union of filled rectangles drawn as one path (QR codes)
	opImage // a PNG in the box x, y, w, h (signatures)
)

// op is one recorded drawing operation.
type op struct {
	kind       opKind
	x, y, w, h float64 // text: x and baseline y; line: from (x,y) to (w,h)
	text       string
	size       float64 // points
	bold       bool
	fill       *rgb
	stroke     *rgb
	lineWidth  float64
	color      rgb
	rects      [][4]float64
	image      []byte // opImage: the PNG
}

type page struct{ ops []op }

// Doc is a document being laid out. Its methods add content at the cursor
// (Y) and move it down, starting a new page when the content does not fit.
// A Doc is used by one goroutine; it is done when Bytes is called.
type Doc struct {
	e     *Engine
	opt   DocOptions
	pages []*page
	y     float64
	// top is where the content of the current page starts, under the
	// header and anything onBreak drew.
	top float64
	// err is the first error of a drawing call; Bytes returns it.
	err error
	// done is set by Bytes.
	done bool
	// onBreak is called after a page break inside a block (a table
	// repeats its header row with it).
	onBreak func()
	// breakH is the height of what onBreak draws.
	breakH float64
}

// NewDoc starts a document with its first page: the shop's header and the
// title.
func (e *Engine) NewDoc(opt DocOptions) *Doc {
	if opt.Lang != frontoffice.EN {
		opt.Lang = frontoffice.ZH
	}
	if opt.Issued.IsZero() {
		opt.Issued = e.now()
	}
	if opt.Loc == nil {
		opt.Loc = time.UTC
	}
	d := &Doc{e: e, opt: opt}
	d.NewPage()
	return d
}

// Lang returns the document's language.
func (d *Doc) Lang() frontoffice.Lang { return d.opt.Lang }

// T returns the text of key in the forms' catalog (Texts) in the
// document's language, formatted with args when given; a key missing from
// the catalog comes back as itself (TestFormsTexts keeps that from
// happening).
func (d *Doc) T(key string, args ...any) string {
	return Texts.T(d.opt.Lang, key, args...)
}

// titleText returns the document's title in its language.
func (d *Doc) titleText() string {
	if d.opt.Lang == frontoffice.EN {
		return d.opt.Title.En
	}
	return d.opt.Title.Zh
}

// Y returns the cursor: where the next block starts.
func (d *Doc) Y() float64 { return d.y }

// Bottom is the lowest y content may reach on a page.
func (d *Doc) Bottom() float64 { return PageHeight - MarginBottom }

// Space moves the cursor down by h millimetres (not past the page bottom).
func (d *Doc) Space(h float64) { d.y = min(d.y+h, d.Bottom()) }

// Ensure starts a new page unless h millimetres are left on this one, and
// reports whether it did.
func (d *Doc) Ensure(h float64) bool {
	if d.y+h <= d.Bottom() {
		return false
	}
	d.NewPage()
	if d.onBreak != nil {
		d.onBreak()
	}
	d.top = d.y
	return true
}

// Pages returns the number of pages so far.
func (d *Doc) Pages() int { return len(d.pages) }

// NewPage starts a page with the shop's header; the first page also gets
// the title, later ones a one-line reminder of it.
func (d *Doc) NewPage() {
	d.pages = append(d.pages, &page{})
	d.y = MarginTop
	d.header()
	if len(d.pages) == 1 {
		d.title()
	} else {
		t := d.T("form.doc.continued", d.titleText())
		d.text(MarginLeft, d.y+4, t, 10, true, colMuted)
		d.y += contTitleHeight
	}
	d.top = d.y
}

func (d *Doc) cur() *page { return d.pages[len(d.pages)-1] }

// clean normalises text entering the document: bytes that are not UTF-8
// become U+FFFD, CRLF and CR become LF, a tab becomes a space. Nothing else
// is changed.
func clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if strings.ContainsAny(s, "\r\t") {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
		s = strings.ReplaceAll(s, "\t", " ")
	}
	return s
}

// text records s with its baseline at (x, y). s must be one line. Bytes
// that are not UTF-8 become U+FFFD (and so are drawn as Replacement).
func (d *Doc) text(x, y float64, s string, size float64, bold bool, c rgb) {
	if s == "" {
		return
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	d.cur().ops = append(d.cur().ops, op{kind: opText, x: x, y: y, text: s, size: size, bold: bold, color: c})
}

// rect records a rectangle, filled with fill and/or stroked with stroke
// (either may be nil).
func (d *Doc) rect(x, y, w, h float64, fill, stroke *rgb, lw float64) {
	d.cur().ops = append(d.cur().ops, op{kind: opRect, x: x, y: y, w: w, h: h, fill: fill, stroke: stroke, lineWidth: lw})
}

// line records a line from (x1,y1) to (x2,y2).
func (d *Doc) line(x1, y1, x2, y2 float64, c rgb, lw float64) {
	d.cur().ops = append(d.cur().ops, op{kind: opLine, x: x1, y: y1, w: x2, h: y2, stroke: &c, lineWidth: lw})
}

// Width returns the width in millimetres of s set at size points.
func (d *Doc) Width(s string, size float64, bold bool) float64 {
	return float64(d.e.fonts.width(s, bold)) * size / 1000 * ptToMM
}

// Text draws one line of s with its baseline at (x, y), left-aligned; it
// does not move the cursor. Use it for free placement; flowing text goes
// through Paragraph.
func (d *Doc) Text(x, y float64, s string, size float64, bold bool) {
	d.text(x, y, strings.ReplaceAll(clean(s), "\n", " "), size, bold, colText)
}

// lineHeight is the height of a line of text at size points, in mm.
func lineHeight(size float64) float64 { return size * ptToMM * 1.45 }

// baseline returns the baseline of a line of text at size points whose line
// box starts at top.
func baseline(top, size float64) float64 {
	return top + lineHeight(size)/2 + 0.34*size*ptToMM
}

// headerHeight is the height of the page header that header draws, and
// contTitleHeight that of the title line of a continuation page.
const (
	headerHeight    = 15*ptToMM*1.45 + 8.5*ptToMM*1.45 + 1 + 0.9 + 4
	contTitleHeight = 8
)

// freshRoom is the height a block has on a new page: under the header, the
// continuation title and whatever onBreak draws.
func (d *Doc) freshRoom() float64 {
	return d.Bottom() - MarginTop - headerHeight - contTitleHeight - d.breakH
}

// header draws the shop's name, address and phone, the document number
// and a rule under them.
func (d *Doc) header() {
	s := d.opt.Shop
	top := d.y
	d.text(MarginLeft, baseline(top, 15), s.Name, 15, true, colAccent)
	var contact []string
	if s.Address != "" {
		contact = append(contact, s.Address)
	}
	if s.Phone != "" {
		contact = append(contact, d.T("form.doc.tel")+s.Phone)
	}
	d.text(MarginLeft, baseline(top+lineHeight(15), 8.5), strings.Join(contact, "   "), 8.5, false, colMuted)
	if d.opt.Number != "" {
		no := d.T("form.doc.no") + d.opt.Number
		d.text(PageWidth-MarginRight-d.Width(no, 10, true), baseline(top, 10)+1.5, no, 10, true, colText)
	}
	y := top + lineHeight(15) + lineHeight(8.5) + 1
	d.line(MarginLeft, y, PageWidth-MarginRight, y, colAccent, 0.6)
	d.line(MarginLeft, y+0.9, PageWidth-MarginRight, y+0.9, colAccent, 0.2)
	d.y = top + headerHeight
}

// title draws the title, centred, in the document's language with the
// other language under it, and the issue time at the right.
func (d *Doc) title() {
	big, small := d.opt.Title.Zh, d.opt.Title.En
	if d.opt.Lang == frontoffice.EN {
		big, small = small, big
	}
	if big != "" {
		d.text((PageWidth-d.Width(big, 18, true))/2, baseline(d.y, 18), big, 18, true, colText)
		d.y += lineHeight(18)
	}
	if small != "" {
		d.text((PageWidth-d.Width(small, 10, false))/2, baseline(d.y, 10), small, 10, false, colMuted)
		d.y += lineHeight(10)
	}
	issued := d.T("form.doc.printed") + d.opt.Issued.In(d.opt.Loc).Format("2006-01-02 15:04")
	d.text(PageWidth-MarginRight-d.Width(issued, 8, false), baseline(d.y, 8), issued, 8, false, colMuted)
	d.y += lineHeight(8) + 2
}

// footers adds the page numbers ("第 1 / 2 页", "Page 1 of 2") to every page
// of a document of more than one page.
func (d *Doc) footers() {
	n := len(d.pages)
	if n < 2 {
		return
	}
	for i, p := range d.pages {
		s := d.T("form.doc.page", i+1, n)
		x := (PageWidth - d.Width(s, 8.5, false)) / 2
		y := PageHeight - MarginBottom/2 + 1
		p.ops = append(p.ops, op{kind: opText, x: x, y: y, text: s, size: 8.5, color: colMuted})
	}
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}
