package frontoffice

import (
	"errors"
	"strings"
	"testing"
)

// WS-1: a car in the workshop gets an existing bay and team; a bay holds
// one car; teams are validated with the settings.
func TestCheckAssignmentWS1(t *testing.T) {
	st := DefaultSettings()
	job := Visit{ID: 1, Status: VisitWorkshop}
	other := Visit{ID: 2, Status: VisitWorkshop, Bay: 3, QueueNo: "W002"}
	for _, c := range []struct {
		name string
		v    Visit
		bay  int
		team string
		code string
	}{
		{"bay and team", job, 1, "t1", ""},
		{"out of its bay", job, 0, "", ""},
		{"no such bay", job, 5, "", EINVALID},
		{"negative bay", job, -1, "", EINVALID},
		{"no such team", job, 1, "t9", EINVALID},
		{"bay taken", job, 3, "t2", ECONFLICT},
		{"waiting car", Visit{ID: 3, Status: VisitWaiting}, 1, "", ECONFLICT},
	} {
		err := st.CheckAssignment(&c.v, c.bay, c.team, []Visit{job, other})
		var e *Error
		switch {
		case c.code == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.code != "" && (!errors.As(err, &e) || e.Code != c.code):
			t.Errorf("%s: %v, want %s", c.name, err, c.code)
		}
	}
	// The car already in bay 3 may be reassigned to it.
	if err := st.CheckAssignment(&other, 3, "t1", []Visit{job, other}); err != nil {
		t.Errorf("same bay again: %v", err)
	}
	for _, c := range []struct {
		teams []Team
		want  string
	}{
		{[]Team{{ID: "a", Name: "一组"}, {ID: "a", Name: "二组"}}, "twice"},
		{[]Team{{ID: "a b", Name: "一组"}}, "letters"},
		{[]Team{{ID: "a", Name: " "}}, "no name"},
		{[]Team{{ID: "a", Name: strings.Repeat("组", MaxTeamName+1)}}, "characters long"},
		{make([]Team, MaxTeams+1), "entries"},
	} {
		s := DefaultSettings()
		s.Teams = c.teams
		if err := s.Validate(); err == nil || !strings.Contains(err.Error()+errArgs(err), c.want) {
			t.Errorf("teams %v: %v, want %q", c.teams[:1], err, c.want)
		}
	}
}

func errArgs(err error) string {
	var e *Error
	if errors.As(err, &e) {
		var b strings.Builder
		for _, a := range e.Args {
			b.WriteString(" ")
			b.WriteString(a.(string))
		}
		return b.String()
	}
	return ""
}
