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
	// Horizontal runs of dark modules, merged downwards with the same run
	// in the rows below: a few dozen rectangles drawn as one path.
	var rects [][4]float64
	open := map[[2]int]int{} // run [start, end) in the previous row → rects index
	for r, row := range bm {
		next := map[[2]int]int{}
		for c := 0; c < n; {
			if !row[c] {
				c++
				continue
			}
			s := c
			for c < n && row[c] {
				c++
			}
			run := [2]int{s, c}
			if i, ok := open[run]; ok {
				rects[i][3] += m
				next[run] = i
				continue
			}
			next[run] = len(rects)
			rects = append(rects, [4]float64{x0 + float64(s)*m, y0 + float64(r)*m, float64(c-s) * m, m})
		}
		open = next
	}
	d.cur().ops = append(d.cur().ops, op{kind: opPath, rects: rects, color: rgb{0, 0, 0}})
}
