package data

import (
	"encoding/json"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// CustomerHistory returns a customer's complaints, follow-up calls and
// surveys, each oldest first (ARC-1; the call record, FU-7), or
// ErrNotFound when there is no such customer. It scans the complaints,
// calls and surveys buckets in one read: they have no index by customer,
// and a shop's few thousand records of each read in milliseconds.
func (s *Store) CustomerHistory(customerID uint64) (fo.CustomerHistory, error) {
	var h fo.CustomerHistory
	err := s.db.View(func(tx *bolt.Tx) error {
		if tx.Bucket(bCustomers).Get(u64(customerID)) == nil {
			return fo.ErrNotFound
		}
		// Only records whose customer_id matches are decoded in full.
		var probe struct {
			CustomerID uint64 `json:"customer_id"`
		}
		scan := func(bucket []byte, keep func(v []byte) error) error {
			return tx.Bucket(bucket).ForEach(func(k, v []byte) error {
				if len(k) != 8 || len(v) == 0 || v[0] != '{' {
					return nil // an index entry sharing the bucket ("T…", "V…")
				}
				probe.CustomerID = 0
				if err := json.Unmarshal(v, &probe); err != nil {
					return err
				}
				if probe.CustomerID != customerID {
					return nil
				}
				return keep(v)
			})
		}
		if err := scan(bComplaints, func(v []byte) error {
			var c fo.Complaint
			err := json.Unmarshal(v, &c)
			h.Complaints = append(h.Complaints, c)
			return err
		}); err != nil {
			return err
		}
		if err := scan(bCalls, func(v []byte) error {
			var c fo.Call
			err := json.Unmarshal(v, &c)
			h.Calls = append(h.Calls, c)
			return err
		}); err != nil {
			return err
		}
		return scan(bSurveys, func(v []byte) error {
			var sv fo.Survey
			err := json.Unmarshal(v, &sv)
			h.Surveys = append(h.Surveys, sv)
			return err
		})
	})
	return h, err
}
