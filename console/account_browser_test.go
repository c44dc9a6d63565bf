package console

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserConsoleAccounts: in Chromium, an admin disables an account
// from the accounts page and sees it marked; a visitor who guessed wrong
// too often sees when to try again. Screenshots: console_accounts_zh.png
// and console_login_throttled.png.
func TestBrowserConsoleAccounts(t *testing.T) {
	h := newConHarness(t)
	b := newConBrowser(t, h)
	// A visitor's guesses, then the throttled answer.
	b.goTo("/staff/login", `!!document.querySelector("#login-form")`)
	for range 4 {
		b.Do(chromedp.SendKeys(chromedp.CSS("#login"), "admin"), chromedp.SendKeys(chromedp.CSS("#password"), "wrong password!"))
		b.submit("#login-submit", `!!document.querySelector("#login-form")`)
		b.Eval(`document.querySelector("#login").value = ""; "ok"`)
	}
	if got := b.Eval(`document.querySelector(".error").textContent`); got != "这台设备登录失败次数过多，请 2 秒后（09:00:02 之后）再试。" {
		t.Errorf("throttled answer: %q", got)
	}
	b.shot("login_throttled")
	h.clock.Advance(2 * time.Second)
	b.Eval(`document.querySelector("#login").value = ""; "ok"`)
	b.login("admin")
	b.goTo("/staff/accounts", `!!document.querySelector("#accounts")`)
	b.submit(`#account-li form[action="/staff/accounts/disable"] button`, `!!document.querySelector("#account-li.muted")`)
	if got := b.Eval(`document.querySelector("#account-li").textContent`); !strings.Contains(got, "已停用") || !strings.Contains(got, "启用") {
		t.Errorf("li's row after disable: %q", got)
	}
	b.shot("accounts_zh")
}
