// Package kiosk is the shop's web door: the lobby kiosk (/kiosk, touch
// screen, no login), the queue board for the lobby TV (/board) and the staff
// console (/staff, behind a login). Pages are rendered on the server from
// templates parsed once at start; assets are embedded, so everything works
// with the network cable pulled.
package kiosk

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"time"

	fo "frontoffice"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Store is what the web door needs of the data file: the union of what the
// kiosk and board (kioskStore) and the console (consoleStore) use.
type Store interface {
	kioskStore
	consoleStore
	afterSalesStore
}

// Config configures a Server.
type Config struct {
	Store  Store
	Clock  fo.Clock
	Logger *slog.Logger
	// BotUsername returns the Telegram bot's username for deep links, ""
	// when the bot does not run (the kiosk then shows no QR code).
	BotUsername func() string
	// SecureCookies marks session cookies Secure (behind HTTPS).
	SecureCookies bool
	// KioskIdle is how long the kiosk waits for a touch before it returns
	// to the start screen with every field cleared; DefaultKioskIdle (60 s)
	// when zero.
	KioskIdle time.Duration
	// Documents prints the forms the console offers as PDF downloads
	// (forms.Renderer); the downloads answer 404 when nil.
	Documents Documents
}

// Server serves the kiosk, the board and the console.
type Server struct {
	cfg   Config
	tmpl  *template.Template
	texts fo.Catalog
	log   *slog.Logger
	mux   *http.ServeMux

	kiosk   kioskState
	console consoleState
}

// New parses the templates and builds the routes. A template error is
// returned here, at start, never at a request.
func New(cfg Config) (*Server, error) {
	if cfg.Clock == nil {
		cfg.Clock = fo.SystemClock{}
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.BotUsername == nil {
		cfg.BotUsername = func() string { return "" }
	}
	s := &Server{cfg: cfg, log: cfg.Logger, texts: fo.Texts.Merge(kioskTexts, consoleTexts, afterSalesTexts)}
	t, err := template.New("").Funcs(s.funcs()).ParseFS(templateFS, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("parse templates: %w", err)
	}
	s.tmpl = t
	s.mux = http.NewServeMux()
	static, _ := fs.Sub(staticFS, "static")
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", staticHandler(static)))
	s.kioskRoutes(s.mux)
	s.boardRoutes(s.mux)
	s.consoleRoutes(s.mux)
	s.afterSalesRoutes(s.mux)
	return s, nil
}

// Handler returns the web door with its security headers.
func (s *Server) Handler() http.Handler { return securityHeaders(s.mux) }

// Register mounts the web door on mux: /kiosk, /board, /staff and /static,
// and sends "/" to the kiosk.
func (s *Server) Register(mux *http.ServeMux) {
	h := s.Handler()
	for _, p := range []string{"/kiosk", "/kiosk/", "/board", "/board/", "/staff", "/staff/", "/static/"} {
		mux.Handle(p, h)
	}
	mux.Handle("GET /{$}", http.RedirectHandler("/kiosk", http.StatusFound))
}

// funcs are the template functions shared by all pages.
func (s *Server) funcs() template.FuncMap {
	return template.FuncMap{
		"t":         func(lang fo.Lang, key string, args ...any) string { return s.texts.T(lang, key, args...) },
		"maskPlate": func(p string) string { return fo.MaskPlate(p) },
		"maskPhone": func(p string) string { return fo.MaskPhone(p) },
		"plate":     func(p string) string { return fo.FormatPlate(p) },
	}
}

// render executes template name into a buffer and writes it with status:
// a template error becomes a 500 page, never half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	var buf bytes.Buffer
	if err := s.tmpl.ExecuteTemplate(&buf, name, data); err != nil {
		s.log.Error("render", "template", name, "path", r.URL.Path, "err", err)
		http.Error(w, "internal error / 系统错误", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// securityHeaders sets the headers every page carries: no framing, no
// sniffing, no referrer, and a content security policy that allows nothing
// from outside the machine.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
		next.ServeHTTP(w, r)
	})
}

// staticHandler serves embedded assets with a day of caching.
func staticHandler(fsys fs.FS) http.Handler {
	files := http.FileServerFS(fsys)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/") {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=86400")
		files.ServeHTTP(w, r)
	})
}

// errorStatus maps a domain error to an HTTP status.
func errorStatus(err error) int {
	switch fo.ErrorCode(err) {
	case fo.EINVALID:
		return http.StatusUnprocessableEntity
	case fo.ENOTFOUND:
		return http.StatusNotFound
	case fo.ECONFLICT:
		return http.StatusConflict
	case fo.EFORBIDDEN:
		return http.StatusForbidden
	}
	return http.StatusInternalServerError
}
