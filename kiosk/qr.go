package kiosk

import (
	"fmt"
	"html/template"
	"strings"

	qrcode "github.com/skip2/go-qrcode"
)

// qrQuiet is the quiet zone around a QR code, in modules (the standard asks
// for 4).
const qrQuiet = 4

// qrSVG returns content as a QR code (error correction M) in an inline SVG
// element: one path of horizontal runs, black on a white square with its
// quiet zone, scaled by CSS. It needs no image request and no outside
// service, so the kiosk shows it offline.
func qrSVG(content, label string) (template.HTML, error) {
	q, err := qrcode.New(content, qrcode.Medium)
	if err != nil {
		return "", fmt.Errorf("qr code of %d bytes: %w", len(content), err)
	}
	q.DisableBorder = true
	bm := q.Bitmap()
	n := len(bm)
	size := n + 2*qrQuiet
	var d strings.Builder
	for y, row := range bm {
		for x := 0; x < n; {
			if !row[x] {
				x++
				continue
			}
			start := x
			for x < n && row[x] {
				x++
			}
			fmt.Fprintf(&d, "M%d %dh%dv1h-%dz", start+qrQuiet, y+qrQuiet, x-start, x-start)
		}
	}
	svg := fmt.Sprintf(`<svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" role="img" aria-label="%s" shape-rendering="crispEdges">`+
		`<rect width="%d" height="%d" fill="#fff"/><path fill="#000" d="%s"/></svg>`,
		size, size, template.HTMLEscapeString(label), size, size, d.String())
	return template.HTML(svg), nil
}
