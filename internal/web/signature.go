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
	m := inkOf(img)
	if m.count < minInk {
		return nil, ErrSignatureEmpty
	}
	var out bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.DefaultCompression}
	if err := enc.Encode(&out, m.compact()); err != nil {
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

// inked reports whether a colour is drawn: opaque enough and darker than
// the pad's background.
func inked(r, g, b, a uint32) bool { return a > 0x8000 && (r+g+b)/3 < 0xc000 }

// ink is which pixels of a signature are drawn, their count and the box
// around them.
type ink struct {
	w, h  int
	on    []bool
	count int
	box   image.Rectangle
}

// inkOf reads the drawn pixels of img, directly from the pixels of the
// pad's usual image (NRGBA, as the browser's canvas encodes it).
func inkOf(img image.Image) ink {
	b := img.Bounds()
	m := ink{w: b.Dx(), h: b.Dy(), on: make([]bool, b.Dx()*b.Dy()), box: image.Rectangle{Min: image.Pt(b.Dx(), b.Dy())}}
	nrgba, _ := img.(*image.NRGBA)
	for y := 0; y < m.h; y++ {
		for x := 0; x < m.w; x++ {
			var on bool
			if nrgba != nil {
				p := nrgba.Pix[y*nrgba.Stride+4*x:]
				on = inked(uint32(p[0])*0x101, uint32(p[1])*0x101, uint32(p[2])*0x101, uint32(p[3])*0x101)
			} else {
				on = inked(img.At(b.Min.X+x, b.Min.Y+y).RGBA())
			}
			if on {
				m.on[y*m.w+x] = true
				m.count++
				m.box = m.box.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return m
}

// compact returns the signature as what is kept: cropped to its strokes
// with a small margin, scaled down to fit keptWidth × keptHeight (a kept
// pixel is ink when any pixel it covers is, so thin strokes stay), in two
// colours — transparent and the ink.
func (m ink) compact() *image.Paletted {
	box := image.Rect(m.box.Min.X-10, m.box.Min.Y-10, m.box.Max.X+10, m.box.Max.Y+10).Intersect(image.Rect(0, 0, m.w, m.h))
	scale := max(1, float64(box.Dx())/keptWidth, float64(box.Dy())/keptHeight)
	w, h := max(1, int(float64(box.Dx())/scale)), max(1, int(float64(box.Dy())/scale))
	out := image.NewPaletted(image.Rect(0, 0, w, h), color.Palette{color.Transparent, color.NRGBA{16, 35, 61, 255}})
	for sy := box.Min.Y; sy < box.Max.Y; sy++ {
		y := min(h-1, int(float64(sy-box.Min.Y)/scale))
		for sx := box.Min.X; sx < box.Max.X; sx++ {
			if m.on[sy*m.w+sx] {
				out.SetColorIndex(min(w-1, int(float64(sx-box.Min.X)/scale)), y, 1)
			}
		}
	}
	return out
}
