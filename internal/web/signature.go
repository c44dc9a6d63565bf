package web

import (
	"bytes"
	"encoding/base64"
	"image"
	"image/color"
	"image/png"
	"strings"

	fo "frontoffice"
)

// Signature limits: what the pad (static/signature.js) sends is a PNG of at
// most 1200 × 400 pixels, a few tens of kilobytes.
const (
	MaxSignatureBytes  = 256 << 10
	MaxSignatureWidth  = 2000
	MaxSignatureHeight = 1000
	// minInk is how many drawn pixels make a signature: a tap is not one.
	minInk = 60
)

// Signature errors, explained in the user's language by the door.
var (
	ErrSignatureEmpty = fo.Errorf(fo.EINVALID, "err.signature.empty")
	ErrSignatureBad   = fo.Errorf(fo.EINVALID, "err.signature.bad")
)

// SignaturePNG checks the data URL the signature pad sends (INT-4, FLD-5)
// and returns the PNG to keep: ErrSignatureEmpty when nothing was drawn
// (an empty value, or an image with hardly any ink), ErrSignatureBad when
// it is not a PNG data URL of a sensible size and shape. What is kept is
// drawn anew from the strokes (compact): cropped, at most 600 × 200, two
// colours — a few kilobytes whatever the browser sent.
func SignaturePNG(dataURL string) ([]byte, error) {
	dataURL = strings.TrimSpace(dataURL)
	if dataURL == "" {
		return nil, ErrSignatureEmpty
	}
	const prefix = "data:image/png;base64,"
	if !strings.HasPrefix(dataURL, prefix) || len(dataURL) > len(prefix)+MaxSignatureBytes*4/3+4 {
		return nil, ErrSignatureBad
	}
	raw, err := base64.StdEncoding.DecodeString(dataURL[len(prefix):])
	if err != nil || len(raw) > MaxSignatureBytes {
		return nil, ErrSignatureBad
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(raw))
	if err != nil || cfg.Width < 50 || cfg.Height < 20 || cfg.Width > MaxSignatureWidth || cfg.Height > MaxSignatureHeight {
		return nil, ErrSignatureBad
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		return nil, ErrSignatureBad
	}
	if ink(img) < minInk {
		return nil, ErrSignatureEmpty
	}
	var out bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&out, compact(img)); err != nil {
		return nil, ErrSignatureBad
	}
	return out.Bytes(), nil
}

// Stored signatures are at most this size: enough to print a signature
// box sharply, a few kilobytes as a two-colour PNG.
const (
	keptWidth  = 600
	keptHeight = 200
)

// inked reports whether a pixel is drawn: opaque enough and darker than
// the pad's background.
func inked(c color.Color) bool {
	r, g, b, a := c.RGBA()
	return a > 0x8000 && (r+g+b)/3 < 0xc000
}

// ink counts the drawn pixels.
func ink(img image.Image) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if inked(img.At(x, y)) {
				n++
			}
		}
	}
	return n
}

// compact returns the signature as what is kept: cropped to its strokes
// with a small margin, scaled down to fit keptWidth × keptHeight (a kept
// pixel is ink when any pixel it covers is, so thin strokes stay), in two
// colours — transparent and the ink.
func compact(img image.Image) *image.Paletted {
	b := img.Bounds()
	box := image.Rectangle{Min: b.Max, Max: b.Min}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if inked(img.At(x, y)) {
				box = box.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	box = image.Rect(box.Min.X-10, box.Min.Y-10, box.Max.X+10, box.Max.Y+10).Intersect(b)
	scale := max(1, float64(box.Dx())/keptWidth, float64(box.Dy())/keptHeight)
	w, h := max(1, int(float64(box.Dx())/scale)), max(1, int(float64(box.Dy())/scale))
	out := image.NewPaletted(image.Rect(0, 0, w, h), color.Palette{color.Transparent, color.NRGBA{16, 35, 61, 255}})
	for y := 0; y < h; y++ {
		y0, y1 := box.Min.Y+int(float64(y)*scale), box.Min.Y+int(float64(y+1)*scale)
		for x := 0; x < w; x++ {
			x0, x1 := box.Min.X+int(float64(x)*scale), box.Min.X+int(float64(x+1)*scale)
		cover:
			for sy := y0; sy < max(y1, y0+1); sy++ {
				for sx := x0; sx < max(x1, x0+1); sx++ {
					if inked(img.At(sx, sy)) {
						out.SetColorIndex(x, y, 1)
						break cover
					}
				}
			}
		}
	}
	return out
}
