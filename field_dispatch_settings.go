package frontoffice

import (
	"fmt"
	"time"
)

// FieldSettings are the deadlines of a field job's approval chain (FLD-3)
// and the shipment tasks' reminder (FLD-1). A zero field means its default
// (DefaultFieldSettings); read them through WithDefaults.
type FieldSettings struct {
	// SignHours, PickHours and DispatchHours are how long each approval
	// step may wait, in opening hours (Settings.AddBusinessTime): the
	// after-sales manager's signature (default 4), the general manager's
	// office's choice of technician (default 8), the department manager's
	// dispatch (default 4). Past it the step goes to the supervisor, and
	// again after as long while it still waits.
	SignHours     int `json:"sign_hours,omitempty"`
	PickHours     int `json:"pick_hours,omitempty"`
	DispatchHours int `json:"dispatch_hours,omitempty"`
	// WarnPercent is the share of a step's time after which its owner is
	// reminded (default 50).
	WarnPercent int `json:"warn_percent,omitempty"`
	// TaskRemindHours is how long after shipment, and then how often, the
	// after-sales staff are reminded of the shipment tasks still open and
	// of the signed receipt not yet back (default 24, FLD-1).
	TaskRemindHours int `json:"task_remind_hours,omitempty"`
}

// DefaultFieldSettings returns the defaults of FieldSettings.
func DefaultFieldSettings() FieldSettings {
	return FieldSettings{SignHours: 4, PickHours: 8, DispatchHours: 4, WarnPercent: 50, TaskRemindHours: 24}
}

// WithDefaults returns f with every zero field set to its default.
func (f FieldSettings) WithDefaults() FieldSettings {
	d := DefaultFieldSettings()
	for _, p := range []struct{ v, def *int }{
		{&f.SignHours, &d.SignHours}, {&f.PickHours, &d.PickHours}, {&f.DispatchHours, &d.DispatchHours},
		{&f.WarnPercent, &d.WarnPercent}, {&f.TaskRemindHours, &d.TaskRemindHours},
	} {
		if *p.v == 0 {
			*p.v = *p.def
		}
	}
	return f
}

func (f FieldSettings) taskRemind() time.Duration {
	return time.Duration(f.TaskRemindHours) * time.Hour
}

// check returns what is wrong with the field settings and the staff's
// languages, "" when nothing.
func (f FieldSettings) check(s *Settings) string {
	for _, m := range s.Staff {
		if m.Lang != "" && m.Lang != ZH && m.Lang != EN {
			return "staff " + m.ID + ": lang must be zh or en"
		}
	}
	for _, p := range []struct {
		name string
		v    int
	}{{"sign_hours", f.SignHours}, {"pick_hours", f.PickHours}, {"dispatch_hours", f.DispatchHours}, {"task_remind_hours", f.TaskRemindHours}} {
		if p.v < 0 || p.v > 7*24 {
			return fmt.Sprintf("field.%s must be 1..168 (FLD-1, FLD-3)", p.name)
		}
	}
	if f.WarnPercent < 0 || f.WarnPercent > 95 || (f.WarnPercent > 0 && f.WarnPercent < 10) {
		return "field.warn_percent must be 10..95 (FLD-3)"
	}
	return ""
}

// FieldStepHours is the time an approval step may wait (FLD-3).
func (s *Settings) FieldStepHours(step string) time.Duration {
	f := s.Field.WithDefaults()
	h := f.SignHours
	switch step {
	case FieldStepPick:
		h = f.PickHours
	case FieldStepDispatch:
		h = f.DispatchHours
	}
	return time.Duration(h) * time.Hour
}

// FieldStepDeadline returns when the owner of step, waiting from from, is
// reminded and when the step is overdue (FLD-3): both counted in opening
// hours, so that a request signed on Friday evening is not overdue on
// Saturday night.
func (s *Settings) FieldStepDeadline(step string, from time.Time) (warn, due time.Time) {
	d := s.FieldStepHours(step)
	w := d * time.Duration(s.Field.WithDefaults().WarnPercent) / 100
	return s.AddBusinessTime(from, w).UTC(), s.AddBusinessTime(from, d).UTC()
}

// Language returns the staff member's language: English when set so,
// else Chinese (staff read Chinese by default).
func (m StaffMember) Language() Lang {
	if m.Lang == EN {
		return EN
	}
	return ZH
}
