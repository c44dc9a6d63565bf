package console

import (
	"frontoffice/internal/web"
	"net/http"
	"strings"

	fo "frontoffice"
)

// Tasks (FU-5): requests heard on follow-up calls that could not be
// answered there, oldest first, with the customer's number to call back;
// those unresolved after 2 days are marked as gone to the supervisor. The
// solution is told to the customer the same day (in their chat, or on the
// reception's phone list).

const tasksPath = "/staff/tasks"

type fuTaskRow struct {
	T         fo.Task
	Phone     string
	Staff     string
	Escalated bool
	// Kept input and error after a failed solve.
	Solution, Err string
}

type tasksPage struct {
	consolePage
	Rows []fuTaskRow
}

func (s *Server) tasksPage(c *staffCtx) (*tasksPage, error) {
	tasks, err := s.cfg.Store.OpenTasks()
	if err != nil {
		return nil, err
	}
	p := &tasksPage{consolePage: s.consolePage(c, "as.tasks.title")}
	for _, t := range tasks {
		row := fuTaskRow{T: t, Staff: c.st.StaffName(t.Staff), Escalated: !t.EscalatedAt.IsZero() || !c.now.Before(t.EscalateAt)}
		if cu, err := s.cfg.Store.Customer(t.CustomerID); err == nil {
			row.Phone = cu.Phone
		}
		p.Rows = append(p.Rows, row)
	}
	return p, nil
}

// asTasks lists the open tasks (FU-5).
func (s *Server) asTasks(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	p, err := s.tasksPage(c)
	if err != nil {
		s.consoleFail(w, r, c, err)
		return
	}
	s.renderConsole(w, r, c, http.StatusOK, "tasks", p)
}

// asTaskSolve records the solution of task {id}; the customer is told the
// same day (FU-5).
func (s *Server) asTaskSolve(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	id, ok := pathID(r, "id")
	if !ok {
		s.consoleError(w, r, c, http.StatusNotFound, "err.not_found")
		return
	}
	staff, ok := s.asStaff(w, r, c)
	if !ok {
		return
	}
	solution := strings.TrimSpace(r.PostForm.Get("solution"))
	if _, err := s.cfg.Store.SolveTask(id, solution, staff); err != nil {
		p, perr := s.tasksPage(c)
		if perr != nil {
			s.consoleFail(w, r, c, perr)
			return
		}
		msg, found := s.consoleErrText(c, err), false
		for i := range p.Rows {
			if p.Rows[i].T.ID == id {
				p.Rows[i].Err, p.Rows[i].Solution, found = msg, solution, true
			}
		}
		if !found {
			p.Err = msg
		}
		s.renderConsole(w, r, c, web.ErrorStatus(err), "tasks", p)
		return
	}
	s.done(w, r, tasksPath, "con.flash.as_solved")
}
