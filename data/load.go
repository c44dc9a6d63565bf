package data

import (
	fo "frontoffice"
)

// WorkshopLoad returns the workshop's load for a new job's promised time
// (INT-3, fo.SuggestPromise): the bays of the settings and the promised
// times of the visits now in the workshop. The caller adds the parts on
// order of the new job's estimate (fo.PartsExpectedOf).
func (s *Store) WorkshopLoad() (fo.WorkshopLoad, error) {
	st, err := s.Settings()
	if err != nil {
		return fo.WorkshopLoad{}, err
	}
	open, err := s.OpenVisits()
	if err != nil {
		return fo.WorkshopLoad{}, err
	}
	l := fo.WorkshopLoad{Bays: st.Bays}
	for _, v := range open {
		if v.Status == fo.VisitWorkshop && !v.PromisedAt().IsZero() {
			l.Busy = append(l.Busy, v.PromisedAt())
		}
	}
	return l, nil
}
