package forms

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"

	"codeberg.org/go-pdf/fpdf"
)

// Bytes finishes the document (page numbers when it has more than one page)
// and returns it as PDF. A character that no embedded font has is drawn as
// Replacement and logged once per document at level Warn; it never fails
// the document. Bytes returns an error only when the PDF cannot be made
// (fpdf's error, wrapped, or a QR code's content too long) or when it is
// called a second time on the same Doc.
func (d *Doc) Bytes() ([]byte, error) {
	if d.err != nil {
		return nil, d.err
	}
	if d.done {
		return nil, errors.New("forms: Doc.Bytes called twice")
	}
	d.done = true
	d.footers()
	fs := d.e.fonts

	var used [numFaces]map[rune]struct{}
	for i := range used {
		used[i] = map[rune]struct{}{}
	}
	var missing map[rune]int
	for _, p := range d.pages {
		for i := range p.ops {
			o := &p.ops[i]
			if o.kind != opText {
				continue
			}
			for _, r := range o.text {
				fi, drawn, ok := fs.resolve(r, o.bold)
				used[fi][drawn] = struct{}{}
				if !ok {
					if missing == nil {
						missing = map[rune]int{}
					}
					missing[r]++
				}
			}
		}
	}
	for r, n := range missing {
		d.e.log.Warn("forms: character not in the embedded fonts, drawn as replacement",
			slog.String("doc", d.opt.Title.Zh), slog.String("rune", fmt.Sprintf("%U", r)),
			slog.Int("count", n), slog.String("replacement", string(Replacement)))
	}

	plan, err := d.e.planFonts(&used)
	if err != nil {
		return nil, fmt.Errorf("forms: %s: fonts: %w", d.opt.Title.Zh, err)
	}

	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCatalogSort(true)
	// fpdf compresses each page with a new zlib writer (about 1 MB of
	// allocation, ~1 ms): worth it for long documents, not for a one-page
	// slip or card whose page stream is a few KB.
	pdf.SetCompression(len(d.pages) > 1)
	pdf.SetCreationDate(d.opt.Issued)
	pdf.SetModificationDate(d.opt.Issued)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	// fpdf's UTF-16 conversion of metadata panics on invalid UTF-8.
	pdf.SetTitle(strings.ToValidUTF8(d.titleText(), "\uFFFD"), true)
	pdf.SetAuthor(strings.ToValidUTF8(d.opt.Shop.Name, "\uFFFD"), true)
	pdf.SetCreator("frontoffice", true)
	families := make([]string, len(plan.slices))
	for i, s := range plan.slices {
		families[i] = "s" + strconv.Itoa(i)
		pdf.AddFontFromBytes(families[i], "", s.font.def, s.font.file)
	}
	r := renderer{pdf: pdf, fs: fs, plan: plan, families: families}
	for _, p := range d.pages {
		pdf.AddPage()
		for i := range p.ops {
			r.op(&p.ops[i])
		}
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("forms: %s: pdf: %w", d.opt.Title.Zh, err)
	}
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("forms: %s: pdf: %w", d.opt.Title.Zh, err)
	}
	return buf.Bytes(), nil
}

// renderer replays recorded ops onto an fpdf document.
type renderer struct {
	pdf      *fpdf.Fpdf
	fs       *fonts
	plan     *fontPlan
	families []string
	codes    []byte
}

func (r *renderer) op(o *op) {
	pdf := r.pdf
	switch o.kind {
	case opRect:
		style := ""
		if o.fill != nil {
			pdf.SetFillColor(int(o.fill.r), int(o.fill.g), int(o.fill.b))
			style += "F"
		}
		if o.stroke != nil {
			pdf.SetDrawColor(int(o.stroke.r), int(o.stroke.g), int(o.stroke.b))
			pdf.SetLineWidth(o.lineWidth)
			style += "D"
		}
		if style != "" {
			pdf.Rect(o.x, o.y, o.w, o.h, style)
		}
	case opLine:
		pdf.SetDrawColor(int(o.stroke.r), int(o.stroke.g), int(o.stroke.b))
		pdf.SetLineWidth(o.lineWidth)
		pdf.Line(o.x, o.y, o.w, o.h)
	case opPath:
		// One path of rectangles ("re"), filled once: compact, and no seams
		// between touching modules in any viewer. fpdf's MoveTo/LineTo
		// would take five operators a rectangle, so it is written raw, in
		// its own graphics state.
		k := pdf.GetConversionRatio()
		b := make([]byte, 0, 32*len(o.rects)+32)
		b = append(b, "q "...)
		b = appendColor(b, o.color)
		b = append(b, " rg\n"...)
		for _, q := range o.rects {
			b = strconv.AppendFloat(b, q[0]*k, 'f', 2, 64)
			b = append(b, ' ')
			b = strconv.AppendFloat(b, (PageHeight-q[1]-q[3])*k, 'f', 2, 64)
			b = append(b, ' ')
			b = strconv.AppendFloat(b, q[2]*k, 'f', 2, 64)
			b = append(b, ' ')
			b = strconv.AppendFloat(b, q[3]*k, 'f', 2, 64)
			b = append(b, " re\n"...)
		}
		b = append(b, "f Q"...)
		pdf.RawWriteStr(string(b))
	case opText:
		r.text(o)
	case opImage:
		// Each image is registered under the hash of its bytes, so a
		// signature printed twice is embedded once.
		name := fmt.Sprintf("img%x", sha256.Sum256(o.image))
		opt := fpdf.ImageOptions{ImageType: "PNG"}
		if pdf.GetImageInfo(name) == nil {
			pdf.RegisterImageOptionsReader(name, opt, bytes.NewReader(o.image))
		}
		pdf.ImageOptions(name, o.x, o.y, o.w, o.h, false, opt, 0, "")
	}
}

// text draws o as runs of runes that share a slice font, each placed at
// the x our metrics give it.
func (r *renderer) text(o *op) {
	pdf := r.pdf
	pdf.SetTextColor(int(o.color.r), int(o.color.g), int(o.color.b))
	x := o.x
	runX := x
	curSlice, curFace := -1, -1
	flush := func() {
		if len(r.codes) == 0 {
			return
		}
		fakeBold := o.bold && curFace == faceCJK
		if fakeBold {
			// The CJK font has one weight: bold is its outline stroked too.
			pdf.SetDrawColor(int(o.color.r), int(o.color.g), int(o.color.b))
			pdf.SetLineWidth(o.size * 0.035 * ptToMM)
			pdf.SetTextRenderingMode(2)
		}
		pdf.SetFont(r.families[curSlice], "", o.size)
		pdf.Text(runX, o.y, string(r.codes))
		if fakeBold {
			pdf.SetTextRenderingMode(0)
		}
		r.codes = r.codes[:0]
	}
	for _, ru := range o.text {
		fi, drawn, _ := r.fs.resolve(ru, o.bold)
		c := r.plan.code[int32(fi)<<21|drawn]
		si := int(c >> 8)
		if si != curSlice {
			flush()
			curSlice, curFace, runX = si, fi, x
		}
		r.codes = append(r.codes, byte(c))
		f := r.fs.faces[fi]
		x += float64(f.w1000[f.glyph(drawn)]) * o.size / 1000 * ptToMM
	}
	flush()
}

// appendColor appends c as three PDF colour components.
func appendColor(b []byte, c rgb) []byte {
	for i, v := range [3]uint8{c.r, c.g, c.b} {
		if i > 0 {
			b = append(b, ' ')
		}
		b = strconv.AppendFloat(b, float64(v)/255, 'f', 3, 64)
	}
	return b
}
