package data

// Stations' cost claims and their monthly settlement (NET-2).
//
// Bucket and key layout:
//
//	station_claims       id → JSON fo.StationClaim
//	station_settlements  id → JSON fo.StationSettlement;
//	                     "m" month "2026-12" | station id → settlement id
//	                     (one settlement per station and month)
//
// Every change of a claim is one transaction with its audit entry
// (fo.AuditStation) and the messages it causes.

import (
	"slices"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// SubmitClaim records a station's cost claim (NET-2): labour lines priced
// by the labour-hour standards at the station's region rate, parts and
// travel as stated; the supervisor gets it with the audit buttons. A
// station not in the register is ErrNotFound; an ended one
// ErrNotAllowed; bad lines EINVALID.
func (s *Store) SubmitClaim(req fo.ClaimRequest) (fo.StationClaim, error) {
	var c fo.StationClaim
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		if done, err := idemGet(tx, req.Idem, &c); done || err != nil {
			return err
		}
		st, err := settingsTx(tx)
		if err != nil {
			return err
		}
		station, err := getStation(tx, req.StationID)
		if err != nil {
			return err
		}
		if station.Status == fo.StationEnded || station.Status == fo.StationCandidate {
			return fo.ErrNotAllowed
		}
		if len(req.Lines) == 0 || len(req.Lines) > fo.MaxClaimLines {
			return fo.Errorf(fo.EINVALID, "err.claim.lines", fo.MaxClaimLines)
		}
		lines, total, err := fo.PriceClaim(&st, station, req.Lines)
		if err != nil {
			return err
		}
		b := tx.Bucket(bStationClaims)
		id, err := nextID(b)
		if err != nil {
			return err
		}
		c = fo.StationClaim{ID: id, No: fo.ClaimNo(id), StationID: station.ID, Lines: lines, Claimed: total,
			Status: fo.ClaimSubmitted, SubmittedBy: req.By, SubmittedAt: w.now,
			History: []fo.StationEvent{{At: w.now, By: req.By, Action: "claim_submitted", Note: fo.ClaimNo(id)}}}
		if err := w.putClaim(c, nil, "claim_submitted"); err != nil {
			return err
		}
		if err := w.enqueue(fo.ClaimSubmittedMessages(&st, c, station)...); err != nil {
			return err
		}
		return idemPut(tx, req.Idem, c)
	})
	return c, err
}

// putClaim stores c with its audit entry.
func (w *writer) putClaim(c fo.StationClaim, old *fo.StationClaim, action string) error {
	if err := putJSON(w.tx.Bucket(bStationClaims), u64(c.ID), c); err != nil {
		return err
	}
	var before any
	if old != nil {
		before = old
	}
	return w.audit(fo.AuditStation, auditID(c.StationID), action+":"+c.No, before, c)
}

func getClaim(tx *bolt.Tx, id uint64) (fo.StationClaim, error) {
	var c fo.StationClaim
	err := getJSON(tx.Bucket(bStationClaims), u64(id), &c)
	return c, err
}

// AuditClaim applies the supervisor's audit to a claim (NET-2): approve,
// adjust (amount and reason) or refuse (reason); the station is told.
// Only a supervisor (a staff member with RoleSupervisor, or "" for a
// console supervisor whose login the caller checked, see by) may audit:
// another staff member is ErrForbidden. A claim already audited is
// ErrStale.
func (s *Store) AuditClaim(req fo.ClaimAuditRequest, by string) (fo.StationClaim, error) {
	var c fo.StationClaim
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		if done, err := idemGet(tx, req.Idem, &c); done || err != nil {
			return err
		}
		st, err := settingsTx(tx)
		if err != nil {
			return err
		}
		if req.Staff != "" {
			m, ok := st.StaffMember(req.Staff)
			if !ok || !m.Has(fo.RoleSupervisor) {
				return fo.ErrForbidden
			}
			by = "staff:" + m.ID
		}
		if c, err = getClaim(tx, req.ID); err != nil {
			return err
		}
		old := c
		old.History = slices.Clone(c.History)
		if err := c.Audit(req.Action, req.Amount, req.Reason, by, w.now); err != nil {
			return err
		}
		station, err := getStation(tx, c.StationID)
		if err != nil {
			return err
		}
		if err := w.putClaim(c, &old, "claim_"+string(c.Status)); err != nil {
			return err
		}
		if err := w.enqueue(fo.ClaimAuditedMessages(c, station)...); err != nil {
			return err
		}
		return idemPut(tx, req.Idem, c)
	})
	return c, err
}

// Claim returns claim id; fo.ErrNotFound when there is none.
func (s *Store) Claim(id uint64) (fo.StationClaim, error) {
	var c fo.StationClaim
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		c, err = getClaim(tx, id)
		return err
	})
	return c, err
}

// StationClaims returns the claims of station (every station's when 0),
// newest first.
func (s *Store) StationClaims(station uint64) ([]fo.StationClaim, error) {
	var out []fo.StationClaim
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bStationClaims).Cursor()
		for k, v := c.Last(); k != nil; k, v = c.Prev() {
			var one fo.StationClaim
			if err := jsonUnmarshal(v, &one); err != nil {
				return err
			}
			if station == 0 || one.StationID == station {
				out = append(out, one)
			}
		}
		return nil
	})
	return out, err
}

// SettleStationClaims settles month ("2026-12") for every station with
// audited claims not yet settled that were audited before the month's
// end (NET-2): one settlement per station and month, its claims marked
// settled (a refused one keeps its status, at zero), and the statement
// PDF sent to the station's chat and to finance. A station's month is
// settled once (running it again makes nothing): claims audited after the
// run wait for the next month's settlement. It returns the settlements
// made.
func (s *Store) SettleStationClaims(month string) ([]fo.StationSettlement, error) {
	var made []fo.StationSettlement
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		made = nil
		st, err := settingsTx(tx)
		if err != nil {
			return err
		}
		_, to, ok := fo.MonthRange(month, st.Location())
		if !ok {
			return fo.Errorf(fo.EINVALID, "err.date")
		}
		byStation := map[uint64][]fo.StationClaim{}
		var order []uint64
		cb := tx.Bucket(bStationClaims)
		if err := cb.ForEach(func(_, v []byte) error {
			var c fo.StationClaim
			if err := jsonUnmarshal(v, &c); err != nil {
				return err
			}
			if c.Audited() && c.AuditedAt.Before(to) {
				if _, ok := byStation[c.StationID]; !ok {
					order = append(order, c.StationID)
				}
				byStation[c.StationID] = append(byStation[c.StationID], c)
			}
			return nil
		}); err != nil {
			return err
		}
		sb := tx.Bucket(bStationSettlements)
		for _, sid := range order {
			idx := append([]byte("m"+month), u64(sid)...)
			if sb.Get(idx) != nil {
				continue // settled already; later claims wait for the next month
			}
			station, err := getStation(tx, sid)
			if err != nil {
				return err
			}
			id, err := nextID(sb)
			if err != nil {
				return err
			}
			set := fo.StationSettlement{ID: id, No: fo.SettlementNo(month, station.Code), StationID: sid, Month: month, At: w.now}
			for _, c := range byStation[sid] {
				old := c
				set.Claims = append(set.Claims, c.ID)
				set.Claimed += c.Claimed
				set.Total += c.Approved
				c.SettlementID, c.SettledAt = id, w.now
				if c.Status != fo.ClaimRefused {
					c.Status = fo.ClaimSettled
				}
				c.History = append(slices.Clone(c.History), fo.StationEvent{At: w.now, By: "system", Action: "claim_settled", Note: set.No})
				if err := w.putClaim(c, &old, "claim_settled"); err != nil {
					return err
				}
			}
			if err := putJSON(sb, u64(id), set); err != nil {
				return err
			}
			if err := sb.Put(idx, u64(id)); err != nil {
				return err
			}
			if err := w.enqueue(fo.SettlementMessages(&st, set, station)...); err != nil {
				return err
			}
			made = append(made, set)
		}
		return nil
	})
	return made, err
}

// StationSettlement returns settlement id with its claims;
// fo.ErrNotFound when there is none.
func (s *Store) StationSettlement(id uint64) (fo.StationSettlement, []fo.StationClaim, error) {
	var set fo.StationSettlement
	var claims []fo.StationClaim
	err := s.db.View(func(tx *bolt.Tx) error {
		if err := getJSON(tx.Bucket(bStationSettlements), u64(id), &set); err != nil {
			return err
		}
		for _, cid := range set.Claims {
			c, err := getClaim(tx, cid)
			if err != nil {
				return err
			}
			claims = append(claims, c)
		}
		return nil
	})
	return set, claims, err
}

// StationSettlements returns the settlements of station (every station's
// when 0), by id.
func (s *Store) StationSettlements(station uint64) ([]fo.StationSettlement, error) {
	var out []fo.StationSettlement
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bStationSettlements).ForEach(func(k, v []byte) error {
			if len(k) != 8 { // the "m" month index
				return nil
			}
			var set fo.StationSettlement
			if err := jsonUnmarshal(v, &set); err != nil {
				return err
			}
			if station == 0 || set.StationID == station {
				out = append(out, set)
			}
			return nil
		})
	})
	return out, err
}

// settlementOfTx returns station's settlement of month; zero when none.
func settlementOfTx(tx *bolt.Tx, station uint64, month string) (fo.StationSettlement, error) {
	var set fo.StationSettlement
	id := tx.Bucket(bStationSettlements).Get(append([]byte("m"+month), u64(station)...))
	if id == nil {
		return set, nil
	}
	err := getJSON(tx.Bucket(bStationSettlements), id, &set)
	return set, err
}
