package kiosk

import (
	"net/http"

	fo "frontoffice"
)

// kioskStore is what the kiosk and the board use of the store.
type kioskStore interface {
	Settings() (fo.Settings, error)
}

// kioskState is the kiosk's own state in the Server (rate limiters, ...).
type kioskState struct{}

// kioskTexts are the kiosk's and the board's screen texts.
var kioskTexts = fo.Catalog{}

func (s *Server) kioskRoutes(mux *http.ServeMux) {}

func (s *Server) boardRoutes(mux *http.ServeMux) {}
