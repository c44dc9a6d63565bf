package forms

import (
	"bytes"
	"image/png"
	"strings"

	fo "frontoffice"
)

// SignatureBox is one box of a row of signatures: its label and, when the
// signature is taken electronically, the signature itself (INT-4, FLD-5).
// A box with Sig nil is a line to sign on paper; with Sig set it shows
// the stroke image, or how and when the customer approved, or "awaiting
// signature" while the signature is missing.
type SignatureBox struct {
	Label string
	Sig   *fo.Signature
}

// colAwaiting is the colour of "awaiting signature".
var colAwaiting = rgb{179, 38, 30}

// SignatureBoxes draws boxes like Signatures, with the electronic
// signatures in them. The boxes stay together on one page.
func (d *Doc) SignatureBoxes(boxes ...SignatureBox) {
	if len(boxes) == 0 {
		return
	}
	const gap, size = 4.0, 9.5
	w := (ContentWidth - gap*float64(len(boxes)-1)) / float64(len(boxes))
	wrapped := make([][]string, len(boxes))
	h := 34.0
	for i, b := range boxes {
		wrapped[i] = d.wrap(clean(b.Label), w-6, size, true)
		h = max(h, 26+float64(len(wrapped[i]))*lineHeight(size))
	}
	d.Ensure(h)
	for i, b := range boxes {
		x := MarginLeft + float64(i)*(w+gap)
		d.rect(x, d.y, w, h, nil, &colGrid, 0.3)
		top := d.y + 2
		for j, line := range wrapped[i] {
			d.text(x+3, baseline(top+float64(j)*lineHeight(size), size), strings.TrimRight(line, " "), size, true, colText)
		}
		top += float64(len(wrapped[i])) * lineHeight(size)
		if b.Sig != nil {
			d.signatureIn(*b.Sig, x+3, top, w-6, d.y+h-8-top-1)
		}
		d.line(x+3, d.y+h-8, x+w-3, d.y+h-8, colRule, 0.3)
		sign := d.T("form.layout.signature")
		date := d.T("form.layout.date")
		if b.Sig != nil && b.Sig.Signed() {
			date = d.stamp(b.Sig.At)
		}
		d.text(x+3, d.y+h-3.5, sign, 8, false, colMuted)
		d.text(x+w-3-d.Width(date, 8, false), d.y+h-3.5, date, 8, false, colMuted)
	}
	d.y += h
}

// signatureIn fills the box x, y, w, h with sig: the stroke image scaled to
// fit, or a line saying how it was given, or "awaiting signature".
func (d *Doc) signatureIn(sig fo.Signature, x, y, w, h float64) {
	const size = 8.5
	if !sig.Signed() {
		d.text(x, baseline(y+h/2-lineHeight(size)/2, size), d.T("form.sign.awaiting"), size+1, true, colAwaiting)
		return
	}
	how := strings.TrimSpace(d.T("form.sign.via."+sig.Via, sig.Name))
	if len(sig.PNG) > 0 {
		if cfg, err := png.DecodeConfig(bytes.NewReader(sig.PNG)); err == nil && cfg.Width > 0 && cfg.Height > 0 {
			ih := h - lineHeight(7.5)
			iw := ih * float64(cfg.Width) / float64(cfg.Height)
			if iw > w {
				iw, ih = w, w*float64(cfg.Height)/float64(cfg.Width)
			}
			d.cur().ops = append(d.cur().ops, op{kind: opImage, x: x, y: y, w: iw, h: ih, image: sig.PNG})
			d.text(x, baseline(y+h-lineHeight(7.5), 7.5), how, 7.5, false, colMuted)
			return
		}
	}
	d.text(x, baseline(y+h/2-lineHeight(size)/2, size), how, size, true, colText)
}
