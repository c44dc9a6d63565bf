// Package console is the staff console (/staff): the shop's logged-in
// door, with its own security model (a login, a session cookie, a CSRF
// token on every form, roles per screen). Its screens: today's
// appointments and queue, intake and the visit's steps, pickups,
// archives, complaints, follow-up calls, tasks, promotions, registers,
// reports, documents (PDF), settings and accounts. Pages are rendered on
// the server from embedded templates parsed once at start. The anonymous
// lobby is another package (kiosk); what both share is in internal/web.
package console

import (
	"context"
	"embed"
	"io/fs"
	"log/slog"
	"net/http"

	fo "frontoffice"
	"frontoffice/internal/web"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Store is what the console needs of the data file: the union of what
// its screen groups use (console.go, format.go).
type Store interface {
	authStore
	deskStore
	archiveStore
	followUpStore
	lobbyStore
	queueStore
	moneyStore     // estimate.go (issue 12)
	auditStore     // audit.go (issue 12 item 6)
	stationStore   // station.go (issue 14: NET-1, NET-4)
	fieldStore     // field.go (FLD-1..4)
	fieldSiteStore // field_site.go (FLD-5)
	qualityStore   // quality.go (REP-2)
	networkStore   // station_complaint.go (NET-2, NET-3)
}

// Documents prints the shop's paper forms as PDF (forms.Renderer
// implements it): the document doc names, in lang. An unknown kind or
// record is an ENOTFOUND *fo.Error, a record with nothing to print yet
// ECONFLICT.
type Documents interface {
	Render(ctx context.Context, doc fo.Document, lang fo.Lang) ([]byte, error)
}

// Config configures a Server.
type Config struct {
	Store  Store
	Clock  fo.Clock
	Logger *slog.Logger
	// SecureCookies marks session cookies Secure (behind HTTPS).
	SecureCookies bool
	// Documents prints the forms the console offers as PDF downloads
	// (forms.Renderer); the downloads answer 404 when nil.
	Documents Documents
	// BotUsername returns the Telegram bot's username for deep links ("" while
	// the bot is off; may be nil): field.go's link for a customer contact.
	BotUsername func() string
}

// Server serves the staff console.
type Server struct {
	cfg   Config
	web   web.Renderer
	texts fo.Catalog
	log   *slog.Logger
	mux   *http.ServeMux

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
	s := &Server{cfg: cfg, log: cfg.Logger, texts: fo.Texts.MustMerge(web.Texts, consoleTexts, followUpTexts, lobbyTexts, dataFileTexts, bookTexts, signatureTexts, discountTexts, stationConsoleTexts, fieldTexts, fieldSiteTexts, qualityConsoleTexts, networkConsoleTexts)}
	var err error
	if s.web, err = web.NewRenderer(templateFS, s.texts, s.log); err != nil {
		return nil, err
	}
	s.mux = http.NewServeMux()
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", web.Static(web.Assets(staticFS))))
	s.consoleRoutes(s.mux)
	s.followUpRoutes(s.mux)
	s.lobbyRoutes(s.mux)
	s.stationRoutes(s.staffGroup(s.mux)) // station.go (issue 14)
	s.fieldRoutes(s.mux)                 // field.go (FLD-1..4)
	s.fieldSiteRoutes(s.mux)             // FLD-5 (field_site.go)
	s.qualityRoutes(s.mux)               // quality.go (REP-2)
	s.networkRoutes(s.mux)               // NET-2, NET-3: station_complaint.go
	return s, nil
}

// Handler returns the console with its security headers: /staff and
// every asset under /static/ it uses.
func (s *Server) Handler() http.Handler { return web.SecurityHeaders(s.mux) }

// Register mounts the console on mux: /staff and its own assets under
// /static/ (the shared ones are mounted by the caller with
// web.MountShared, once for both doors).
func (s *Server) Register(mux *http.ServeMux) {
	h := s.Handler()
	for _, p := range []string{"/staff", "/staff/"} {
		mux.Handle(p, h)
	}
	own, _ := fs.Sub(staticFS, "static")
	web.StaticFiles(mux, own)
}

// render executes template name into a buffer and writes it with status.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	s.web.Render(w, r, status, name, data)
}
