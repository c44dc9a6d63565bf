package frontoffice

// FieldSite is the technician's work on site: check-in, the work log, open
// problems and the acceptance report (FLD-5).
type FieldSite struct{}
