// Package kiosk is the shop's anonymous lobby door: the lobby kiosk
// (/kiosk, touch screen, no login: check-in, walk-in, "file a complaint"
// and "rate your visit") and the queue board for the lobby TV (/board).
// Pages are rendered on the server from templates parsed once at start;
// assets are embedded, so everything works with the network cable pulled.
// The staff console is another package (console) with another security
// model; what both share is in internal/web.
package kiosk

import (
	"embed"
	"io/fs"
	"log/slog"
	"net/http"
	"time"

	fo "frontoffice"
	"frontoffice/internal/web"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Store is what the lobby needs of the data file: the union of what the
// device check (deviceStore), the check-in (checkInStore), the board (boardStore) and the complaint and
// survey screens (feedbackStore) use.
type Store interface {
	deviceStore
	checkInStore
	boardStore
	feedbackStore
	signStore // FLD-5 (sign.go)
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
}

// Server serves the kiosk and the board.
type Server struct {
	cfg   Config
	web   web.Renderer
	texts fo.Catalog
	log   *slog.Logger
	mux   *http.ServeMux

	kiosk kioskState
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
	s := &Server{cfg: cfg, log: cfg.Logger, texts: fo.Texts.MustMerge(web.Texts, kioskTexts, signTexts)}
	var err error
	if s.web, err = web.NewRenderer(templateFS, s.texts, s.log); err != nil {
		return nil, err
	}
	s.mux = http.NewServeMux()
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", web.Static(web.Assets(staticFS))))
	s.kioskRoutes(s.mux)
	s.boardRoutes(s.mux)
	s.lobbyRoutes(s.mux)
	s.signRoutes(s.mux) // FLD-5: the acceptance signature page (sign.go)
	return s, nil
}

// Handler returns the lobby door with its security headers: /kiosk,
// /board and every asset under /static/ it uses.
func (s *Server) Handler() http.Handler { return web.SecurityHeaders(s.mux) }

// Register mounts the lobby door on mux: /kiosk, /board and its own
// assets under /static/ (the shared ones are mounted by the caller with
// web.MountShared, once for both doors), and sends "/"
// to the kiosk.
func (s *Server) Register(mux *http.ServeMux) {
	h := s.Handler()
	for _, p := range []string{"/kiosk", "/kiosk/", "/board", "/board/", "/sign/"} { // /sign/: FLD-5 (sign.go)
		mux.Handle(p, h)
	}
	own, _ := fs.Sub(staticFS, "static")
	web.StaticFiles(mux, own)
	mux.Handle("GET /{$}", http.RedirectHandler("/kiosk", http.StatusFound))
}

// render executes template name into a buffer and writes it with status.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	s.web.Render(w, r, status, name, data)
}
