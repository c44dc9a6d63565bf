package kiosk

import (
	"net/http"

	fo "frontoffice"
)

// consoleStore is what the staff console uses of the store.
type consoleStore interface{}

// consoleState is the console's own state in the Server (sessions cache,
// login rate limiter, ...).
type consoleState struct{}

// consoleTexts are the console's screen texts.
var consoleTexts = fo.Catalog{}

func (s *Server) consoleRoutes(mux *http.ServeMux) {}
