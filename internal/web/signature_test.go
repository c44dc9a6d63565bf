package web

import (
	"bytes"
	"encoding/base64"
	"errors"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"
)

func pngURL(t *testing.T, w, h int, draw func(*image.NRGBA)) string {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	if draw != nil {
		draw(img)
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return "data:image/png;base64," + base64.StdEncoding.EncodeToString(b.Bytes())
}

func stroke(img *image.NRGBA) {
	for x := 20; x < 300; x++ {
		for d := 0; d < 3; d++ {
			img.Set(x, 50+x/10+d, color.NRGBA{16, 35, 61, 255})
		}
	}
}

// INT-4: what the pad sends is checked before it is kept: drawn strokes
// pass, an empty pad, a tap, a non-PNG or a huge image are refused.
func TestSignaturePNG(t *testing.T) {
	got, err := SignaturePNG(pngURL(t, 600, 200, stroke))
	if err != nil {
		t.Fatalf("a drawn signature: %v", err)
	}
	if cfg, err := png.DecodeConfig(bytes.NewReader(got)); err != nil || cfg.Width != 600 {
		t.Fatalf("stored PNG: %v %+v", err, cfg)
	}
	for name, tc := range map[string]struct {
		in   string
		want error
	}{
		"nothing":    {"", ErrSignatureEmpty},
		"blank pad":  {pngURL(t, 600, 200, nil), ErrSignatureEmpty},
		"a tap":      {pngURL(t, 600, 200, func(i *image.NRGBA) { i.Set(5, 5, color.Black) }), ErrSignatureEmpty},
		"jpeg":       {"data:image/jpeg;base64,AAAA", ErrSignatureBad},
		"not base64": {"data:image/png;base64,***", ErrSignatureBad},
		"not a png":  {"data:image/png;base64," + base64.StdEncoding.EncodeToString([]byte("GIF89a....")), ErrSignatureBad},
		"too tall":   {pngURL(t, 600, 1500, stroke), ErrSignatureBad},
		"too tiny":   {pngURL(t, 10, 10, nil), ErrSignatureBad},
		"too long":   {"data:image/png;base64," + strings.Repeat("A", MaxSignatureBytes*2), ErrSignatureBad},
	} {
		if _, err := SignaturePNG(tc.in); !errors.Is(err, tc.want) {
			t.Errorf("%s: got %v, want %v", name, err, tc.want)
		}
	}
}
