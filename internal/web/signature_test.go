package web

import (
	"bytes"
	"encoding/base64"
	"errors"
	"image"
	"image/color"
	"image/png"
	"math"
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
	if cfg, err := png.DecodeConfig(bytes.NewReader(got)); err != nil || cfg.Width > 600 || cfg.Height > 200 || len(got) > 4000 {
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

// What the desk's tablet sends (a 1200 × 400 pad, strokes across it) and
// what is kept: the time to check and compact it and the kept PNG's size.
func BenchmarkSignaturePNG(b *testing.B) {
	img := image.NewNRGBA(image.Rect(0, 0, 1200, 400))
	for x := 60; x < 1140; x++ {
		y := 200 + int(120*math.Sin(float64(x)/90))
		for d := 0; d < 5; d++ {
			img.Set(x, y+d, color.NRGBA{16, 35, 61, 255})
		}
	}
	var raw bytes.Buffer
	png.Encode(&raw, img)
	url := "data:image/png;base64," + base64.StdEncoding.EncodeToString(raw.Bytes())
	var kept []byte
	for b.Loop() {
		var err error
		if kept, err = SignaturePNG(url); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(raw.Bytes())), "sent-B")
	b.ReportMetric(float64(len(kept)), "kept-B")
}
