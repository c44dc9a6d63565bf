package data

// The diagnosis and estimate at reception (INT-1, INT-2) and the deposit
// recorded as paid (APT-2): state kept on the visit, checked by the
// domain (fo.Visit.AddEstimate, Decide, RecordDeposit).

import (
	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// Estimate records the diagnosis and estimate of req on its visit, put to
// the customer for their decision (INT-1): a proposed estimate not yet
// answered is replaced, an answered one kept. A visit already in the
// workshop, or an invalid estimate, changes nothing (fo.Visit.AddEstimate).
func (s *Store) Estimate(req fo.EstimateRequest) (fo.Visit, error) {
	return s.changeVisit(req.VisitID, func(_ *bolt.Tx, w *writer, _ *fo.Settings, v *fo.Visit) error {
		w.setBy(req.By)
		return v.AddEstimate(req.Estimate, w.now, req.By)
	})
}

// DecideEstimate records the customer's answer to the visit's proposed
// estimate with its time and who recorded it (INT-1). A declined estimate
// stays on the visit; the visit then ends with Leave, which starts its
// follow-up call (FU-2). Without a proposed estimate it is an ECONFLICT
// *Error.
func (s *Store) DecideEstimate(req fo.DecideRequest) (fo.Visit, error) {
	return s.changeVisit(req.VisitID, func(_ *bolt.Tx, w *writer, _ *fo.Settings, v *fo.Visit) error {
		w.setBy(req.By)
		return v.Decide(req, w.now)
	})
}

// RecordDeposit records the deposit of the visit's appointment as paid
// (APT-2): amount, time and who took it; Deliver deducts it. A visit
// settled or whose deposit is recorded refuses it (ECONFLICT).
func (s *Store) RecordDeposit(req fo.DepositRequest) (fo.Visit, error) {
	return s.changeVisit(req.VisitID, func(_ *bolt.Tx, w *writer, _ *fo.Settings, v *fo.Visit) error {
		w.setBy(req.By)
		return v.RecordDeposit(req, w.now)
	})
}
