package kiosk

import (
	"errors"
	"frontoffice/internal/web"
	"net"
	"net/http"
	"sync"
	"time"

	fo "frontoffice"
)

// Lobby devices (issue 10). The kiosk trusts devices, not addresses: a
// kiosk (or a TV) is enrolled once from the console (Devices: a supervisor
// creates an enrolment code; the device's browser opens /kiosk/enrol and
// types it) and gets a device token in a long-lived HttpOnly,
// SameSite=Strict cookie, kept hashed in the store and revocable from the
// console at once. A browser on the server's own machine (loopback, as
// web.ClientIP gives it) counts as the enrolled device fo.LocalDeviceID,
// so that a fresh install works with a local browser in kiosk mode.
// Anything else gets a page saying the screen is for the shop's lobby
// devices, and the read-only board.

// deviceStore is what the device check and the enrolment use of the store.
type deviceStore interface {
	DeviceByToken(token string) (fo.Device, error)
	Device(id uint64) (fo.Device, error)
	EnrolDevice(code string) (string, fo.Device, error)
}

// deviceCookie holds the device token: the whole site (the kiosk and the
// board), HttpOnly, SameSite=Strict, kept deviceCookieAge (browsers keep
// a cookie at most 400 days; the start screen sets it again).
const (
	deviceCookie    = "fo_device"
	deviceCookieAge = 400 * 24 * time.Hour
)

// device returns the request's enrolled device: the one of its device
// cookie, else the server's own machine for a loopback client. ok is
// false for any other request.
func (s *Server) device(r *http.Request) (fo.Device, bool, error) {
	if c, err := r.Cookie(deviceCookie); err == nil && c.Value != "" {
		d, err := s.cfg.Store.DeviceByToken(c.Value)
		if err == nil {
			return d, true, nil
		}
		if !errors.Is(err, fo.ErrNotFound) {
			return d, false, err
		}
	}
	if ip := net.ParseIP(web.ClientIP(r)); ip != nil && ip.IsLoopback() {
		d, err := s.cfg.Store.Device(fo.LocalDeviceID)
		return d, err == nil, err
	}
	return fo.Device{}, false, nil
}

// setDeviceCookie (re)sets the device token cookie.
func (s *Server) setDeviceCookie(w http.ResponseWriter, token string) {
	http.SetCookie(w, &http.Cookie{Name: deviceCookie, Value: token, Path: "/", MaxAge: int(deviceCookieAge.Seconds()),
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: s.cfg.SecureCookies})
}

// devicePage is what the unenrolled and the enrolment pages get; they
// speak both languages at once (no session yet).
type devicePage struct {
	Shop, ShopEn string
	Err          bool   // a wrong or used code
	Code         string // prefilled from ?code=
}

// notADevice answers a kiosk request from a device that is not enrolled:
// 403 with a page saying that this screen is for the shop's lobby devices.
func (s *Server) notADevice(w http.ResponseWriter, r *http.Request) {
	p := devicePage{}
	if st, err := s.cfg.Store.Settings(); err == nil {
		p.Shop, p.ShopEn = st.ShopName(fo.ZH), st.ShopName(fo.EN)
	}
	s.render(w, r, http.StatusForbidden, "kiosk_unenrolled", p)
}

// enrolLimiter bounds enrolment attempts per client address: a code has
// about 2^49 values and lives 30 minutes, so this only keeps a script from
// filling the log. enrolBurst tries, one back each enrolRefill.
type enrolLimiter struct {
	mu sync.Mutex
	m  map[string]*bucket
}

const (
	enrolBurst   = 10
	enrolRefill  = time.Minute
	maxEnrolKeys = 1000
)

func (l *enrolLimiter) take(client string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.m == nil || len(l.m) >= maxEnrolKeys {
		l.m = map[string]*bucket{}
	}
	b := l.m[client]
	if b == nil {
		b = &bucket{}
		l.m[client] = b
	}
	b.fill(now, enrolBurst, enrolRefill)
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// enrolPage shows the enrolment form.
func (s *Server) enrolPage(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	p := devicePage{Code: fo.NormalizeEnrolCode(r.URL.Query().Get("code"))}
	if st, err := s.cfg.Store.Settings(); err == nil {
		p.Shop, p.ShopEn = st.ShopName(fo.ZH), st.ShopName(fo.EN)
	}
	s.render(w, r, http.StatusOK, "kiosk_enrol", p)
}

// enrolPost redeems an enrolment code: the browser becomes an enrolled
// device (its token in the device cookie) and goes to the kiosk.
func (s *Server) enrolPost(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	if err := s.kiosk.origin.Check(r); err != nil {
		web.PlainError(w, s.texts, http.StatusForbidden, "http.forbidden")
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 4<<10)
	p := devicePage{}
	if st, err := s.cfg.Store.Settings(); err == nil {
		p.Shop, p.ShopEn = st.ShopName(fo.ZH), st.ShopName(fo.EN)
	}
	client := web.ClientIP(r)
	if !s.kiosk.enrol.take(client, s.cfg.Clock.Now()) {
		p.Err = true
		s.render(w, r, http.StatusTooManyRequests, "kiosk_enrol", p)
		return
	}
	token, d, err := s.cfg.Store.EnrolDevice(r.PostFormValue("code"))
	if errors.Is(err, fo.ErrNotFound) {
		s.log.Warn("kiosk: enrolment refused", "client", client)
		p.Err = true
		s.render(w, r, http.StatusNotFound, "kiosk_enrol", p)
		return
	}
	if err != nil {
		s.log.Error("kiosk: enrol", "err", err)
		web.PlainError(w, s.texts, http.StatusInternalServerError, "http.internal")
		return
	}
	s.log.Info("kiosk: device enrolled", "device", d.ID, "name", d.Name, "client", client)
	s.setDeviceCookie(w, token)
	http.Redirect(w, r, "/kiosk", http.StatusSeeOther)
}
