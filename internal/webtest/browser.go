package webtest

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// Browser is a headless Chromium with a fresh profile (StartChromium) and
// the few steps the kiosk's and the console's browser tests take: run
// actions, evaluate, wait for a condition, save a screenshot. Each failure
// fails the test with the page it happened on.
type Browser struct {
	TB  testing.TB
	Ctx context.Context
	Log *URLLog // every request the page made
}

// NewBrowser starts Chromium with a window of width × height.
func NewBrowser(tb testing.TB, width, height int, extra ...chromedp.ExecAllocatorOption) *Browser {
	tb.Helper()
	ctx, log := StartChromium(tb, width, height, extra...)
	return &Browser{TB: tb, Ctx: ctx, Log: log}
}

// Do runs actions within 20 s.
func (b *Browser) Do(actions ...chromedp.Action[chromedp.Void]) {
	b.TB.Helper()
	ctx, cancel := context.WithTimeout(b.Ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.TB.Fatalf("browser: %v (at %s)", err, b.Location())
	}
}

// Location is the page's URL ("" when it cannot be read).
func (b *Browser) Location() string {
	ctx, cancel := context.WithTimeout(b.Ctx, 2*time.Second)
	defer cancel()
	u, _ := chromedp.Run(ctx, chromedp.Location())
	return u
}

// Eval evaluates the JavaScript expression js to a string.
func (b *Browser) Eval(js string) string {
	b.TB.Helper()
	ctx, cancel := context.WithTimeout(b.Ctx, 10*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
	if err != nil {
		b.TB.Fatalf("eval %s: %v (at %s)", js, err, b.Location())
	}
	return s
}

// WaitFor evaluates the JavaScript condition js every 20 ms until it is
// true, across page loads, and returns how long that took. It fails the
// test after limit: tests wait for events, and limit only ends a test
// that would otherwise hang.
func (b *Browser) WaitFor(js string, limit time.Duration) time.Duration {
	b.TB.Helper()
	start := time.Now()
	for time.Since(start) < limit {
		ctx, cancel := context.WithTimeout(b.Ctx, time.Second)
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js))
		cancel()
		if err == nil && ok {
			return time.Since(start)
		}
		time.Sleep(20 * time.Millisecond)
	}
	b.TB.Fatalf("not within %s: %s (at %s)", limit, js, b.Location())
	return 0
}

// Screenshot saves a full-page screenshot as path (a PNG), making its
// folder; a page still being laid out after a navigation is waited for.
func (b *Browser) Screenshot(path string) {
	b.TB.Helper()
	ctx, cancel := context.WithTimeout(b.Ctx, 20*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	for try := 0; err != nil && try < 20 && strings.Contains(err.Error(), "0 width"); try++ {
		time.Sleep(50 * time.Millisecond)
		png, err = chromedp.Run(ctx, chromedp.FullScreenshot(100))
	}
	if err != nil {
		b.TB.Fatalf("screenshot %s: %v", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		b.TB.Fatal(err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.TB.Fatal(err)
	}
}

// Sign draws a signature with the mouse on the signature pad's canvas
// inside the element sel (static/signature.js): pressed, a wave of moves
// across the pad, released — the pointer events a finger makes.
func (b *Browser) Sign(sel string) {
	b.TB.Helper()
	q := `document.querySelector(` + strconv.Quote(sel+" canvas") + `)`
	rect := b.Eval(`(() => { const c = ` + q + `; c.scrollIntoView({block: "center"}); const r = c.getBoundingClientRect();
		return [r.left, r.top, r.width, r.height].join(" ") })()`)
	var x, y, w, h float64
	if _, err := fmt.Sscan(rect, &x, &y, &w, &h); err != nil || w < 50 || h < 20 {
		b.TB.Fatalf("signature pad %s: %q %v", sel, rect, err)
	}
	held := func(p *input.DispatchMouseEventParams) { p.Button, p.Buttons = input.MouseButtonLeft, 1 }
	steps := []chromedp.Action[chromedp.Void]{chromedp.MouseEvent(chromedp.MousePressed, x+0.1*w, y+0.5*h, held, chromedp.ClickCount(1))}
	for i := 1; i <= 40; i++ {
		t := float64(i) / 40
		steps = append(steps, chromedp.MouseEvent(chromedp.MouseMoved, x+(0.1+0.8*t)*w, y+(0.5+0.3*math.Sin(t*4*math.Pi))*h, held))
	}
	steps = append(steps, chromedp.MouseEvent(chromedp.MouseReleased, x+0.9*w, y+0.5*h, held, chromedp.ClickCount(1)))
	b.Do(steps...)
}
