package forms

import (
	"bytes"
	"image"
	"image/jpeg"
	_ "image/png" // photos sent as PNG documents
	"strconv"
	"strings"

	"golang.org/x/image/draw"

	fo "frontoffice"
)

// Photos of the work log (FLD-5): each photo the bot fetched is printed
// under the log, two to a row, scaled down to a thumbnail.

// maxPhotoSide is the longest side of a printed photo, in pixels: enough
// for 90 mm at 180 dpi, small enough to keep the PDF light.
const maxPhotoSide = 640

// SitePhoto returns a stored photo (JPEG or PNG) as a JPEG thumbnail of at
// most maxPhotoSide pixels a side, with its size; ok is false when the
// bytes are no image.
func SitePhoto(data []byte) (thumb []byte, w, h int, ok bool) {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > 50_000_000 {
		return nil, 0, 0, false
	}
	src, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, 0, 0, false
	}
	w, h = cfg.Width, cfg.Height
	if s := max(w, h); s > maxPhotoSide {
		w, h = max(1, w*maxPhotoSide/s), max(1, h*maxPhotoSide/s)
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.ApproxBiLinear.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Src, nil)
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, dst, &jpeg.Options{Quality: 75}); err != nil {
		return nil, 0, 0, false
	}
	return buf.Bytes(), w, h, true
}

// sitePhoto is a printable photo of the log.
type sitePhoto struct {
	FileID uint64
	JPEG   []byte
	W, H   int
}

// photos prints the log's photos two to a row, each with its number and
// time; photos not downloaded yet are named in a line under them (a file
// that is no image is kept in the data file, not printed).
func (d *Doc) photos(entries []fo.FieldLogEntry, photos map[uint64]sitePhoto, waiting map[uint64]bool) {
	const gap, caption = 6.0, 5.0
	w := (ContentWidth - gap) / 2
	var later []string
	col, rowH := 0, 0.0
	for _, e := range entries {
		if e.FileID == 0 {
			continue
		}
		p, ok := photos[e.FileID]
		if !ok {
			if waiting[e.FileID] {
				later = append(later, "#"+strconv.FormatUint(e.FileID, 10))
			}
			continue
		}
		h := min(w*float64(p.H)/float64(p.W), 110)
		iw := h * float64(p.W) / float64(p.H)
		if col == 0 {
			d.Ensure(h + caption + 2)
		}
		x := MarginLeft + float64(col)*(w+gap)
		d.cur().ops = append(d.cur().ops, op{kind: opImage, x: x, y: d.y, w: iw, h: h, image: p.JPEG})
		d.text(x, baseline(d.y+h+0.5, 8), d.T("form.site.photo", e.FileID)+" "+d.stamp(e.At), 8, false, colMuted)
		rowH = max(rowH, h+caption+2)
		if col == 1 {
			d.y += rowH
			col, rowH = 0, 0
		} else {
			col = 1
		}
	}
	if col == 1 {
		d.y += rowH
	}
	if len(later) > 0 {
		d.Paragraph(d.T("form.site.photos_waiting", strings.Join(later, ", ")), Style{Size: 9, Muted: true})
	}
}
