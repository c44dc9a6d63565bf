package console

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"frontoffice/internal/web"
	"net/http"
	"strings"
	"sync"
	"time"

	fo "frontoffice"
)

// Console login: rate limits. A login locks after loginFailures wrong
// passwords in loginWindow, an address after ipFailures; the lock lasts
// until the window of the first counted failure has passed.
const (
	loginFailures = 5
	ipFailures    = 20
	loginWindow   = 15 * time.Minute
	limiterMax    = 10000 // entries kept before old ones are swept
)

// staffLimiter counts failed logins per login name and per client address.
// It is safe for concurrent use.
type staffLimiter struct {
	clock fo.Clock
	mu    sync.Mutex
	fails map[string]*loginFails
}

type loginFails struct {
	n     int
	first time.Time
}

func newStaffLimiter(clock fo.Clock) *staffLimiter {
	return &staffLimiter{clock: clock, fails: map[string]*loginFails{}}
}

// blocked reports whether the login or the address is locked now.
func (l *staffLimiter) blocked(login, ip string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.clock.Now()
	return l.over("login:"+login, loginFailures, now) || l.over("ip:"+ip, ipFailures, now)
}

func (l *staffLimiter) over(k string, max int, now time.Time) bool {
	f := l.fails[k]
	if f == nil {
		return false
	}
	if now.Sub(f.first) >= loginWindow {
		delete(l.fails, k)
		return false
	}
	return f.n >= max
}

// failed counts a wrong password for the login and the address.
func (l *staffLimiter) failed(login, ip string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.clock.Now()
	if len(l.fails) > limiterMax {
		for k, f := range l.fails {
			if now.Sub(f.first) >= loginWindow {
				delete(l.fails, k)
			}
		}
	}
	for _, k := range []string{"login:" + login, "ip:" + ip} {
		f := l.fails[k]
		if f == nil && len(l.fails) >= 2*limiterMax && !strings.HasPrefix(k, "ip:") {
			continue // a flood of made-up logins: count the addresses only
		}
		if f == nil || now.Sub(f.first) >= loginWindow {
			f = &loginFails{first: now}
			l.fails[k] = f
		}
		f.n++
	}
}

// succeeded clears the login's count (not the address's).
func (l *staffLimiter) succeeded(login string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.fails, "login:"+login)
}

// loginPage is the login form.
type loginPage struct {
	consolePage
	Login     string
	Pre       string // the form's CSRF token (login CSRF)
	NoAccount bool   // no account exists yet: show how to create the first admin
}

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request, lang fo.Lang) *loginPage {
	st, _ := s.cfg.Store.Settings()
	c := &staffCtx{lang: lang, st: st, path: "/staff/login"}
	p := &loginPage{consolePage: s.consolePage(c, "con.login.title")}
	p.Nav = nil
	pre, err := r.Cookie(staffPreCookie)
	if err != nil || len(pre.Value) < 20 {
		b := make([]byte, 24)
		rand.Read(b)
		pre = &http.Cookie{Name: staffPreCookie, Value: base64.RawURLEncoding.EncodeToString(b)}
	}
	http.SetCookie(w, &http.Cookie{Name: staffPreCookie, Value: pre.Value, Path: "/staff/login", HttpOnly: true,
		SameSite: http.SameSiteStrictMode, Secure: s.cfg.SecureCookies, MaxAge: 3600})
	p.Pre = pre.Value
	if accs, err := s.cfg.Store.Accounts(); err == nil && len(accs) == 0 {
		p.NoAccount = true
	}
	return p
}

// loginLang is the language of the login page: ?lang= (which sets the
// cookie), else the cookie.
func (s *Server) loginLang(w http.ResponseWriter, r *http.Request) fo.Lang {
	if q := r.URL.Query().Get("lang"); q != "" {
		lang := fo.ParseLang(q)
		http.SetCookie(w, &http.Cookie{Name: staffLangCookie, Value: string(lang), Path: "/staff", HttpOnly: true,
			SameSite: http.SameSiteStrictMode, Secure: s.cfg.SecureCookies, MaxAge: 365 * 24 * 3600})
		return lang
	}
	return staffLang(r, fo.Account{})
}

// staffLoginPage shows the login form; a logged-in account goes home.
func (s *Server) staffLoginPage(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	if ck, err := r.Cookie(staffCookie); err == nil {
		if _, _, err := s.cfg.Store.Session(ck.Value); err == nil {
			http.Redirect(w, r, "/staff", http.StatusSeeOther)
			return
		}
	}
	lang := s.loginLang(w, r)
	s.render(w, r, http.StatusOK, "console_login", s.loginPage(w, r, lang))
}

// staffLogin checks the form's token, the rate limits and the password,
// then starts a session: the cookie is HttpOnly, SameSite=Strict, Secure
// behind HTTPS, and lives as long as the session.
func (s *Server) staffLogin(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		web.PlainError(w, s.texts, http.StatusBadRequest, "http.bad_form")
		return
	}
	lang := staffLang(r, fo.Account{})
	login := strings.ToLower(strings.TrimSpace(r.PostForm.Get("login")))
	ip := web.ClientIP(r)
	fail := func(status int, key string) {
		p := s.loginPage(w, r, lang)
		p.Login = login
		p.Err = s.texts.T(lang, key)
		s.render(w, r, status, "console_login", p)
	}
	pre, err := r.Cookie(staffPreCookie)
	if err != nil || !sameToken(r.PostForm.Get("pre"), pre.Value) || web.CrossSite(r) {
		fail(http.StatusForbidden, "con.err.csrf")
		return
	}
	if len(login) > 64 {
		login = login[:64]
	}
	if s.console.limiter.blocked(login, ip) {
		s.log.Warn("console login rate-limited", "ip", ip)
		fail(http.StatusTooManyRequests, "con.login.limited")
		return
	}
	acc, err := s.cfg.Store.Authenticate(login, r.PostForm.Get("password"))
	if err != nil {
		if !errors.Is(err, fo.ErrWrongCredentials) {
			s.log.Error("console login", "err", err)
			fail(http.StatusInternalServerError, "err.internal")
			return
		}
		s.console.limiter.failed(login, ip)
		// A password typed into the login field must not reach the log:
		// only an existing account is named.
		shown := "(unknown)"
		if _, err := s.cfg.Store.Account(login); err == nil {
			shown = login
		}
		s.log.Info("console login failed", "login", shown, "ip", ip)
		fail(http.StatusUnauthorized, "con.login.wrong")
		return
	}
	s.console.limiter.succeeded(login)
	token, _, err := s.cfg.Store.CreateSession(acc.Login)
	if err != nil {
		s.log.Error("console session", "err", err)
		fail(http.StatusInternalServerError, "err.internal")
		return
	}
	s.log.Info("console login", "login", acc.Login, "role", acc.Role, "ip", ip)
	http.SetCookie(w, &http.Cookie{Name: staffCookie, Value: token, Path: "/staff", HttpOnly: true,
		SameSite: http.SameSiteStrictMode, Secure: s.cfg.SecureCookies, MaxAge: int(fo.SessionTTL / time.Second)})
	http.SetCookie(w, &http.Cookie{Name: staffPreCookie, Value: "", Path: "/staff/login", MaxAge: -1})
	if acc.Lang == "" && lang == fo.EN {
		s.cfg.Store.SetAccountLang(acc.Login, fo.EN)
	}
	http.Redirect(w, r, "/staff", http.StatusSeeOther)
}

// staffLogout ends the session and clears the cookie.
func (s *Server) staffLogout(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	if err := s.cfg.Store.DeleteSession(c.token); err != nil {
		s.log.Error("console logout", "err", err)
	}
	http.SetCookie(w, &http.Cookie{Name: staffCookie, Value: "", Path: "/staff", HttpOnly: true,
		SameSite: http.SameSiteStrictMode, Secure: s.cfg.SecureCookies, MaxAge: -1})
	http.Redirect(w, r, "/staff/login", http.StatusSeeOther)
}

// staffSetLang switches the account's console language and goes back to the
// page it came from (a console path only).
func (s *Server) staffSetLang(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	lang := fo.ParseLang(r.PostForm.Get("lang"))
	if err := s.cfg.Store.SetAccountLang(c.acc.Login, lang); err != nil {
		s.consoleError(w, r, c, http.StatusInternalServerError, "err.internal")
		return
	}
	http.SetCookie(w, &http.Cookie{Name: staffLangCookie, Value: string(lang), Path: "/staff", HttpOnly: true,
		SameSite: http.SameSiteStrictMode, Secure: s.cfg.SecureCookies, MaxAge: 365 * 24 * 3600})
	back := r.PostForm.Get("back")
	if !strings.HasPrefix(back, "/staff") || strings.ContainsAny(back, "\\?#") || strings.Contains(back, "//") {
		back = "/staff"
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}
