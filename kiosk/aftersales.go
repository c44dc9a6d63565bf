package kiosk

import (
	"net/http"

	fo "frontoffice"
)

// afterSalesStore is what the complaint, survey and call-list pages use of
// the store.
type afterSalesStore interface{}

// afterSalesTexts are the texts of the after-sales pages.
var afterSalesTexts = fo.Catalog{}

// afterSalesRoutes adds the complaint, survey and call-list pages of the
// kiosk and the console.
func (s *Server) afterSalesRoutes(mux *http.ServeMux) {}
