// Package sigdraw draws signature-like strokes as a PNG, the way the
// signature pad (internal/web/static/signature.js) would send them: for
// the demo shop's signed visits and for tests that need a customer's
// signature (INT-4). The strokes depend on the name only, so a test's
// signature is the same at every run.
package sigdraw

import (
	"bytes"
	"hash/fnv"
	"image"
	"image/color"
	"image/png"
	"math"

	fo "frontoffice"
)

// PNG returns a 600 × 200 PNG of a wavy signature derived from name.
func PNG(name string) []byte {
	h := fnv.New64a()
	h.Write([]byte(name))
	seed := h.Sum64()
	img := image.NewNRGBA(image.Rect(0, 0, 600, 200))
	ink := color.NRGBA{16, 35, 61, 255}
	f1 := 2 + float64(seed%5)
	f2 := 5 + float64(seed>>8%7)
	for i := 0; i < 2000; i++ {
		t := float64(i) / 2000
		x := 40 + 520*t
		y := 100 + 45*math.Sin(t*f1*math.Pi) + 20*math.Sin(t*f2*math.Pi+float64(seed%3))
		for dx := -1; dx <= 1; dx++ {
			for dy := -1; dy <= 1; dy++ {
				img.Set(int(x)+dx, int(y)+dy, ink)
			}
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic(err) // encoding an in-memory image cannot fail
	}
	return b.Bytes()
}

// Pad returns name's signature as the pad gives it; the store dates it.
func Pad(name string) fo.Signature {
	return fo.Signature{Via: fo.SignedOnPad, Name: name, PNG: PNG(name)}
}
