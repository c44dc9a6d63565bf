package forms

import (
	"fmt"

	qrcode "github.com/skip2/go-qrcode"
)

// QR draws a QR code of content (error correction level M) as a vector
// square size millimetres wide with its top left at (x, y), inside a white
// quiet zone of two modules that the size includes. It does not move the
// cursor. Content too long for a QR code makes Bytes fail.
func (d *Doc) QR(x, y, size float64, content string) {
	q, err := qrcode.New(content, qrcode.Medium)
	if err != nil {
		if d.err == nil {
			d.err = fmt.Errorf("forms: QR code of %d bytes: %w", len(content), err)
		}
		return
	}
	q.DisableBorder = true
	bm := q.Bitmap()
	n := len(bm)
	const quiet = 2
	m := size / float64(n+2*quiet)
	x0, y0 := x+quiet*m, y+quiet*m
	white := rgb{255, 255, 255}
	d.rect(x, y, size, size, &white, nil, 0)
	// One path of horizontal runs: no seams between modules when viewed.
	var rects [][4]float64
	for r, row := range bm {
		for c := 0; c < n; {
			if !row[c] {
				c++
				continue
			}
			s := c
			for c < n && row[c] {
				c++
			}
			rects = append(rects, [4]float64{x0 + float64(s)*m, y0 + float64(r)*m, float64(c-s) * m, m})
		}
	}
	d.cur().ops = append(d.cur().ops, op{kind: opPath, rects: rects, color: rgb{0, 0, 0}})
}
