package frontoffice

// FieldSite is the technician's work on site: check-in, the work log, open
// problems and the acceptance report (FLD-5).
type FieldSite struct{}

// FieldDispatchedMessages are what the dispatch of job says on site's side
// (FLD-5): the technician gets the job in Telegram with its check-in
// button, or a phone task when not linked.
func FieldDispatchedMessages(st *Settings, j FieldJob) []Message { return nil }
