package console

import (
	"net/http"

	fo "frontoffice"
)

// The queue page (/staff/queue, supervisors and admins): the entries of
// the outbox and of the scheduler's due index that failed too often (or
// could not be read) and were parked, with their error, tries and first
// and last try, and a retry button that puts one back in its queue. A
// customer's chat is shown masked; nothing personal is in a URL (the
// retry's queue and id are posted).

// queueStore is what the queue page uses of the store.
type queueStore interface {
	// Parked lists the parked entries and marks them shown.
	Parked() ([]fo.ParkedEntry, error)
	// RetryParked puts a parked entry back in its queue.
	RetryParked(queue, id string) error
}

const queuePath = "/staff/queue"

type queueRow struct {
	E    fo.ParkedEntry
	Chat string
}

type queuePage struct {
	consolePage
	Outbox, Due []queueRow
}

// consoleQueue lists the parked entries.
func (s *Server) consoleQueue(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	parked, err := s.cfg.Store.Parked()
	if err != nil {
		s.consoleFail(w, r, c, err)
		return
	}
	p := &queuePage{consolePage: s.consolePage(c, "con.queue.title")}
	for _, e := range parked {
		row := queueRow{E: e, Chat: fo.MaskChat(&c.st, e.ChatID)}
		if e.Queue == fo.QueueOutbox {
			p.Outbox = append(p.Outbox, row)
		} else {
			p.Due = append(p.Due, row)
		}
	}
	s.renderConsole(w, r, c, http.StatusOK, "queue", p)
}

// consoleQueueRetry puts the posted parked entry back in its queue, to be
// tried at once.
func (s *Server) consoleQueueRetry(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	queue, id := r.PostForm.Get("queue"), r.PostForm.Get("id")
	if (queue != fo.QueueOutbox && queue != fo.QueueDue) || id == "" || len(id) > 200 {
		s.consoleError(w, r, c, http.StatusBadRequest, "http.bad_form")
		return
	}
	if err := s.cfg.Store.RetryParked(queue, id); err != nil {
		s.consoleFail(w, r, c, err)
		return
	}
	s.log.Info("parked entry retried", "queue", queue, "id", id, "login", c.acc.Login)
	s.done(w, r, queuePath, "con.flash.queue_retried")
}

// queueTable is one table of the page: its rows, and whether it has a
// chat column.
type queueTable struct {
	P    *queuePage
	Rows []queueRow
	Chat bool
}

// Table is the table of rows, for the template.
func (p *queuePage) Table(rows []queueRow, chat bool) queueTable {
	return queueTable{P: p, Rows: rows, Chat: chat}
}
