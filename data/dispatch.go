package data

// The dispatch board's assignment (WS-1): which bay and team hold a car in
// the workshop, recorded in the visit (fo.Visit.Bay, Team). No bucket of
// its own.

import (
	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// AssignWorkshop puts a car in the workshop in bay (1..Bays, 0 takes it
// out of its bay) with team ("" for none), checked by
// fo.Settings.CheckAssignment against the other active visits in the same
// transaction, so two cars never get one bay. A visit not in the workshop
// or a bay another car holds is ECONFLICT, a bay or team that does not
// exist EINVALID; nothing changes then.
func (s *Store) AssignWorkshop(visitID uint64, bay int, team, by string) (fo.Visit, error) {
	return s.changeVisit(visitID, func(tx *bolt.Tx, w *writer, st *fo.Settings, v *fo.Visit) error {
		w.setBy(by)
		active, err := activeVisitsTx(tx)
		if err != nil {
			return err
		}
		if err := st.CheckAssignment(v, bay, team, active); err != nil {
			return err
		}
		v.Bay, v.Team = bay, team
		return nil
	})
}
