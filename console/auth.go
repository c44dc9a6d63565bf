package console

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"frontoffice/internal/web"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"

	fo "frontoffice"
)

// Console login throttling (issue 10). Failed logins are counted per
// login and client address together, and per address across logins. The
// first few failures cost nothing (a typo); after them every further try
// from that place must wait a delay that doubles with each failure, up to
// throttleCap. Nothing is ever locked for everyone: the delays hold the
// address that failed, so the right password from another address always
// goes through at once, and an attacker trying `admin` from the lobby's
// Wi-Fi slows down only themselves. Failures per login across addresses
// are counted for the log only (a warning each loginWarnEvery), since
// delaying a login for everyone is exactly the lock an attacker would
// hold.
//
// The counts live in memory, not in the data file: the server restarts
// rarely, a restart gives an attacker back only pairFree tries per login
// and address, and writing each failure to bbolt (two fsyncs) would hand
// an attacker a way to keep the disk busy.
const (
	pairFree       = 3               // failures of one login from one address before delays start
	addrFree       = 10              // failures from one address, all logins together, before delays start
	throttleBase   = 2 * time.Second // the first delay; each further failure doubles it
	throttleCap    = 15 * time.Minute
	throttleForget = time.Hour // a count is forgotten this long after its last failure
	loginWarnEvery = 10        // failures of one existing login, all addresses, between warnings
	limiterMax     = 10000     // entries kept before forgotten ones are swept
)

// staffLimiter counts failed logins and says how long a login from an
// address must wait. It is safe for concurrent use.
type staffLimiter struct {
	clock     fo.Clock
	mu        sync.Mutex
	fails     map[string]*loginFails
	nextSweep time.Time
}

// loginFails is the count of one key ("p:" login+address, "a:" address,
// "l:" login): n failures, the last at last, no try before until.
type loginFails struct {
	n     int
	last  time.Time
	until time.Time
}

func newStaffLimiter(clock fo.Clock) *staffLimiter {
	return &staffLimiter{clock: clock, fails: map[string]*loginFails{}}
}

// throttleDelay is the wait after n failures when the first free ones
// cost nothing: 0 below free, then throttleBase doubling per failure, at
// most throttleCap.
func throttleDelay(n, free int) time.Duration {
	if n < free {
		return 0
	}
	d := throttleBase
	for i := free; i < n && d < throttleCap; i++ {
		d *= 2
	}
	return min(d, throttleCap)
}

// addrKey is the address as counted: an IPv6 address by its /64, the
// block one device or one home gets, so that an attacker cannot start
// afresh with each of its addresses.
func addrKey(ip string) string {
	a, err := netip.ParseAddr(ip)
	if err != nil || !a.Unmap().Is6() {
		return "a:" + ip
	}
	p, _ := a.Prefix(64)
	return "a:" + p.String()
}

func pairKey(login, ip string) string { return "p:" + login + "\x00" + ip }

// wait returns how long a try of login from ip must still wait (0: it
// may go ahead), the longer of the pair's and the address's delays.
func (l *staffLimiter) wait(login, ip string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.clock.Now()
	var d time.Duration
	for _, k := range []string{pairKey(login, ip), addrKey(ip)} {
		if f := l.fails[k]; f != nil && f.until.After(now) {
			d = max(d, f.until.Sub(now))
		}
	}
	return d
}

// failed counts a wrong password of login from ip; known says the login
// exists, which alone is counted across addresses (for the log). It
// returns how many failures that login has across addresses when that
// number calls for a warning, else 0.
func (l *staffLimiter) failed(login, ip string, known bool) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.clock.Now()
	if len(l.fails) > limiterMax && !now.Before(l.nextSweep) {
		l.nextSweep = now.Add(time.Minute) // a flood sweeps once a minute, not at each failure
		for k, f := range l.fails {
			if now.Sub(f.last) >= throttleForget {
				delete(l.fails, k)
			}
		}
	}
	count := func(k string, free int) *loginFails {
		f := l.fails[k]
		if f == nil || now.Sub(f.last) >= throttleForget {
			if f == nil && len(l.fails) >= 2*limiterMax && !strings.HasPrefix(k, "a:") {
				return nil // a flood of made-up logins: count the addresses only
			}
			f = &loginFails{}
			l.fails[k] = f
		}
		f.n++
		f.last = now
		if free > 0 {
			f.until = now.Add(throttleDelay(f.n, free))
		}
		return f
	}
	count(pairKey(login, ip), pairFree)
	count(addrKey(ip), addrFree)
	if known {
		if f := count("l:"+login, 0); f != nil && f.n%loginWarnEvery == 0 {
			return f.n
		}
	}
	return 0
}

// succeeded clears the count of the login from that address (not the
// address's own, nor the login's across addresses).
func (l *staffLimiter) succeeded(login, ip string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.fails, pairKey(login, ip))
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
	if wait := s.console.limiter.wait(login, ip); wait > 0 {
		// The same answer for every login, existing or not. Logged at
		// debug level only: throttled tries cost nothing and are not
		// limited, so each must not cost a line in the log either (the
		// failures that led here were logged).
		s.log.Debug("console login throttled", "ip", ip, "wait", wait.Round(time.Second))
		secs := int((wait + time.Second - 1) / time.Second)
		w.Header().Set("Retry-After", strconv.Itoa(secs))
		p := s.loginPage(w, r, lang)
		p.Login = login
		st, _ := s.cfg.Store.Settings()
		at := s.cfg.Clock.Now().Add(time.Duration(secs) * time.Second).In(st.Location()).Format(time.TimeOnly)
		if secs < 120 {
			p.Err = s.texts.T(lang, "con.login.wait_seconds", secs, at)
		} else {
			p.Err = s.texts.T(lang, "con.login.wait_minutes", (secs+59)/60, at)
		}
		s.render(w, r, http.StatusTooManyRequests, "console_login", p)
		return
	}
	acc, err := s.cfg.Store.Authenticate(login, r.PostForm.Get("password"))
	if err != nil {
		if !errors.Is(err, fo.ErrWrongCredentials) {
			s.log.Error("console login", "err", err)
			fail(http.StatusInternalServerError, "err.internal")
			return
		}
		// A password typed into the login field must not reach the log:
		// only an existing account is named.
		shown := "(unknown)"
		_, err := s.cfg.Store.Account(login)
		if err == nil {
			shown = login
		}
		if n := s.console.limiter.failed(login, ip, err == nil); n > 0 {
			s.log.Warn("console login: many failures for one account", "login", shown, "failures", n, "within", throttleForget)
		}
		s.log.Info("console login failed", "login", shown, "ip", ip)
		fail(http.StatusUnauthorized, "con.login.wrong")
		return
	}
	s.console.limiter.succeeded(login, ip)
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
