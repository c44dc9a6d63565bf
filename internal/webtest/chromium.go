// Package webtest holds what the kiosk's and the console's tests share: a
// headless Chromium with a log of its requests, and a builder that takes
// a visit on a real store through to delivery. Only tests import it.
package webtest

import (
	"context"
	"os/exec"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// ChromiumPath finds Chromium. The browser tests are part of the suite:
// without Chromium they fail with the command that installs it, they do not
// skip.
func ChromiumPath(tb testing.TB) string {
	tb.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	tb.Fatal("the browser tests need Chromium on PATH and CJK fonts: apt-get install -y chromium fonts-noto-cjk " +
		"(the project's test script installs them in CI)")
	return ""
}

// URLLog records the URL of every request a page makes.
type URLLog struct {
	mu   sync.Mutex
	urls []string
}

func (l *URLLog) Add(u string) {
	l.mu.Lock()
	l.urls = append(l.urls, u)
	l.mu.Unlock()
}

// All returns the URLs recorded so far.
func (l *URLLog) All() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.urls...)
}

// StartChromium starts a headless Chromium with a fresh profile and a
// width×height window, flags fit for this closed network (no background
// connections), and returns its context and the log of its requests. The
// browser ends with the test.
func StartChromium(tb testing.TB, width, height int, extra ...chromedp.ExecAllocatorOption) (context.Context, *URLLog) {
	tb.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(ChromiumPath(tb)),
		chromedp.NoSandbox,
		chromedp.Headless,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(tb.TempDir()),
		chromedp.WindowSize(width, height),
	)
	opts = append(opts, extra...)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	tb.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil { // starts the browser, bound to ctx
		tb.Fatalf("start Chromium: %v", err)
	}
	log := &URLLog{}
	err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			log.Add(e.Request.URL)
		}
	})
	if err != nil {
		tb.Fatal(err)
	}
	return ctx, log
}
