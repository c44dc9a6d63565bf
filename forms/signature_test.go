package forms

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	fo "frontoffice"
	"frontoffice/internal/sigdraw"
)

// pdfImages lists the images embedded in pdf (pdfimages -list), one line
// each: page, number, type, width, height …; an image's alpha mask is
// not listed apart.
func pdfImages(t *testing.T, pdf []byte) []string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(f, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdfimages", "-list", f).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfimages: %v: %s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	var images []string
	for _, l := range lines[min(2, len(lines)):] { // a header and a rule
		if f := strings.Fields(l); len(f) > 2 && f[2] == "image" { // not its soft mask (alpha)
			images = append(images, strings.Join(f, " "))
		}
	}
	return images
}

// INT-4: the customer's finger signature is printed on the work order and
// the settlement as the image of its strokes with how and when it was
// given; a work order not signed yet says "awaiting signature" and has no
// image; an approval tapped in Telegram is printed on the additional-work
// order with its time.
func TestSignaturePrintedINT4(t *testing.T) {
	e := testEngine(t)
	for _, lang := range []fo.Lang{fo.ZH, fo.EN} {
		st, r := visitFixture(lang)
		loc := st.Location()
		sig := sigdraw.Pad("张伟")
		sig.At = time.Date(2026, 11, 27, 9, 36, 0, 0, loc)
		r.Visit.WorkOrder.CustomerSigned = false
		r.Visit.WorkOrder.Signature = sig
		r.Visit.Settlement.Signature = sig
		r.Visit.Settlement.Signature.At = time.Date(2026, 11, 27, 16, 4, 0, 0, loc)
		r.Visit.Additional[0].Signature = fo.Signature{Via: fo.SignedByTelegram, ChatID: 42, At: time.Date(2026, 11, 27, 11, 2, 0, 0, loc)}
		signed, awaiting, approved := "屏幕手写签名 张伟", "待客户签字", "已在 Telegram 确认"
		if lang == fo.EN {
			signed, awaiting, approved = "Signed on screen 张伟", "Awaiting signature", "Approved in Telegram"
		}

		pdf, err := e.WorkOrder(st, r, lang)
		if err != nil {
			t.Fatal(err)
		}
		wantText(t, pdfText(t, pdf), signed, "2026-11-27 09:36")
		if imgs := pdfImages(t, pdf); len(imgs) != 1 || !strings.Contains(imgs[0], " 600 200 ") {
			t.Errorf("%s work order images: %q", lang, imgs)
		}
		savePNG(t, pdf, "signed-work-order-"+string(lang))

		set, err := e.Settlement(st, r, lang)
		if err != nil {
			t.Fatal(err)
		}
		wantText(t, pdfText(t, set), signed, "2026-11-27 16:04")
		if imgs := pdfImages(t, set); len(imgs) != 1 {
			t.Errorf("%s settlement images: %q", lang, imgs)
		}
		savePNG(t, set, "signed-settlement-"+string(lang))

		add, err := e.AdditionalWork(st, r, lang)
		if err != nil {
			t.Fatal(err)
		}
		wantText(t, pdfText(t, add), approved, "2026-11-27 11:02")

		r.Visit.WorkOrder.Signature = fo.Signature{}
		pdf, err = e.WorkOrder(st, r, lang)
		if err != nil {
			t.Fatal(err)
		}
		text := pdfText(t, pdf)
		wantText(t, text, awaiting)
		if contains(text, signed) || len(pdfImages(t, pdf)) != 0 {
			t.Errorf("%s: an unsigned work order shows a signature", lang)
		}
		savePNG(t, pdf, "unsigned-work-order-"+string(lang))
	}
}
