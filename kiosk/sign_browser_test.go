package kiosk

import (
	"bytes"
	"image/png"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	fo "frontoffice"
)

// FLD-5 in Chromium, on a phone-sized window: the customer opens the
// technician's link, draws a signature with the finger pad (mouse strokes
// through the shared signature.js), signs; the job is accepted with the
// drawn PNG. Screenshots for a person to look at.
func TestBrowserSignAcceptanceFLD5(t *testing.T) {
	h := newHarness(t)
	a, _, token := siteJobs(t, h, fo.EN)
	b := newBrowser(t, h)
	b.Do(chromedp.EmulateViewport(412, 915))
	b.Do(chromedp.Navigate(h.ts.URL + "/sign/" + token))
	b.WaitFor(`document.readyState === "complete" && !!document.querySelector(".sigpad-canvas")`, 15*time.Second)
	b.Screenshot(filepath.Join(artifacts, "sign-en-form.png"))

	// Draw: a few strokes across the canvas.
	b.Do(chromedp.ScrollIntoView(chromedp.CSS(".sigpad-canvas")))
	rect := strings.Split(b.Eval(`(() => { const r = document.querySelector(".sigpad-canvas").getBoundingClientRect();
		return [r.left, r.top, r.width, r.height].join(","); })()`), ",")
	f := func(i int) float64 { v, _ := strconv.ParseFloat(rect[i], 64); return v }
	x0, y0, w, hh := f(0), f(1), f(2), f(3)
	var acts []chromedp.Action[chromedp.Void]
	for s := range 3 {
		y := y0 + hh*(0.3+0.2*float64(s))
		acts = append(acts, chromedp.MouseEvent("mousePressed", x0+w*0.1, y, chromedp.ButtonLeft))
		for i := 1; i <= 20; i++ {
			x := x0 + w*(0.1+0.04*float64(i))
			acts = append(acts, chromedp.MouseEvent("mouseMoved", x, y+float64((i%4)*6-9), chromedp.ButtonLeft))
		}
		acts = append(acts, chromedp.MouseEvent("mouseReleased", x0+w*0.9, y, chromedp.ButtonLeft))
	}
	b.Do(acts...)
	b.Screenshot(filepath.Join(artifacts, "sign-en-drawn.png"))

	b.Do(chromedp.Evaluate[chromedp.Void](`window.oldPage = true`), chromedp.Click(chromedp.CSS("#sign-go")))
	b.WaitFor(`!window.oldPage && document.readyState === "complete" && !!document.querySelector("#signed")`, 15*time.Second)
	b.Screenshot(filepath.Join(artifacts, "sign-en-done.png"))

	j, err := h.store.FieldJob(a.ID)
	if err != nil {
		t.Fatal(err)
	}
	sig := j.Site.Acceptance.Signature
	if j.Stage != fo.FieldAccepted || sig.Via != fo.SignedOnPad || sig.Name != "赵经理" {
		t.Fatalf("after signing in the browser: %s %+v", j.Stage, sig.Via)
	}
	_, strokes, _ := h.store.File(sig.File)
	img, err := png.Decode(bytes.NewReader(strokes))
	if err != nil || img.Bounds().Dx() < 100 {
		t.Fatalf("stored signature: %v", err)
	}
	// The link is used up: opening it again shows the "not valid" page.
	b.Do(chromedp.Navigate(h.ts.URL + "/sign/" + token))
	b.WaitFor(`document.readyState === "complete" && !!document.querySelector("#invalid")`, 15*time.Second)
}
