package data

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// The audit trail (issue 12 item 6).
//
//	audit       time | seq → JSON fo.AuditEntry
//	audit_ref   kind | 0 | ref | time | seq → empty (a record's entries)
//
// An entry is written by the writer in the transaction of the change it
// describes, so a change that fails leaves none. Every change of a visit,
// an appointment, a customer's or vehicle's archive, the settings or an
// account is recorded, whoever made it (staff, customer, bot, system):
// By says who; the console can filter on staff ("staff:…").

// setBy names who makes the changes of this transaction in its audit
// entries.
func (w *writer) setBy(by string) { w.by = by }

// audit records the change of a record from before to after (both nil
// for an action without fields). A change of no field besides the write's
// own timestamps is not recorded, unless before is nil (a creation).
func (w *writer) audit(kind, ref, action string, before, after any) error {
	changes := fo.AuditDiff(before, after)
	if len(changes) == 0 && before != nil {
		return nil
	}
	b := w.tx.Bucket(bAudit)
	seq, err := nextID(b)
	if err != nil {
		return err
	}
	e := fo.AuditEntry{Seq: seq, At: w.now, By: w.by, Kind: kind, Ref: ref, Action: action, Changes: changes}
	k := key(tkey(w.now), seq)
	if err := putJSON(b, k, e); err != nil {
		return err
	}
	return w.tx.Bucket(bAuditRef).Put(append(auditRefPrefix(kind, ref), k...), nil)
}

func auditRefPrefix(kind, ref string) []byte {
	p := append([]byte(kind), 0)
	p = append(p, ref...)
	return append(p, 0)
}

func auditID(id uint64) string { return fmt.Sprint(id) }

// AuditLog returns the audit entries f selects, newest first, one page of
// fo.AuditPageSize, and whether a further page exists. With f.Kind and
// f.Ref set and no f.Day it reads the record's whole history from the
// index; otherwise the day f.Day in the shop's zone.
func (s *Store) AuditLog(f fo.AuditFilter) ([]fo.AuditEntry, bool, error) {
	var out []fo.AuditEntry
	more := false
	skip := max(f.Page, 0) * fo.AuditPageSize
	take := func(raw []byte) (bool, error) {
		var e fo.AuditEntry
		if err := json.Unmarshal(raw, &e); err != nil {
			return false, fmt.Errorf("decode audit entry: %w", err)
		}
		if !f.Match(e) {
			return true, nil
		}
		if skip > 0 {
			skip--
			return true, nil
		}
		if len(out) == fo.AuditPageSize {
			more = true
			return false, nil
		}
		out = append(out, e)
		return true, nil
	}
	err := s.db.View(func(tx *bolt.Tx) error {
		audit := tx.Bucket(bAudit)
		if f.Day == "" && f.Kind != "" && f.Ref != "" {
			prefix := auditRefPrefix(f.Kind, f.Ref)
			c := tx.Bucket(bAuditRef).Cursor()
			// Last key of the prefix: seek past it and step back.
			end := append(append([]byte{}, prefix...), bytes.Repeat([]byte{0xff}, 16)...)
			k, _ := c.Seek(end)
			if k == nil {
				k, _ = c.Last()
			} else {
				k, _ = c.Prev()
			}
			for ; k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Prev() {
				raw := audit.Get(k[len(prefix):])
				if raw == nil {
					continue
				}
				if goOn, err := take(raw); err != nil || !goOn {
					return err
				}
			}
			return nil
		}
		st, err := settingsTx(tx)
		if err != nil {
			return err
		}
		day, err := time.ParseInLocation("2006-01-02", f.Day, st.Location())
		if err != nil {
			return fo.Errorf(fo.EINVALID, "err.audit.day")
		}
		from, to := key(tkey(day)), key(tkey(day.AddDate(0, 0, 1)))
		c := audit.Cursor()
		k, v := c.Seek(to)
		if k == nil {
			k, v = c.Last()
		} else {
			k, v = c.Prev()
		}
		for ; k != nil && bytes.Compare(k, from) >= 0; k, v = c.Prev() {
			if goOn, err := take(v); err != nil || !goOn {
				return err
			}
		}
		return nil
	})
	return out, more, err
}
