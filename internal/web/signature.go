package web

import (
	"bytes"
	"encoding/base64"
	"image"
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
// and returns the PNG: ErrSignatureEmpty when nothing was drawn (an empty
// value, or an image with hardly any ink), ErrSignatureBad when it is not
// a PNG data URL of a sensible size and shape. It re-encodes the image, so
// what is stored is a plain PNG whatever the browser sent along with it.
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
	if err := png.Encode(&out, img); err != nil {
		return nil, ErrSignatureBad
	}
	return out.Bytes(), nil
}

// ink counts the pixels that are drawn: opaque enough and darker than the
// pad's background.
func ink(img image.Image) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := img.At(x, y).RGBA()
			if a > 0x8000 && (r+g+bl)/3 < 0xc000 {
				n++
			}
		}
	}
	return n
}
