package data

import (
	"sort"

	bolt "go.etcd.io/bbolt"
)

// Metrics are counts for /metrics.
type Metrics map[string]int

// Names returns the metric names, sorted.
func (m Metrics) Names() []string {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// Metrics returns cheap totals for /metrics, read without walking any
// bucket: customers, vehicles and appointments are never deleted, so each
// bucket's id sequence is its count; data_file_bytes is the file's size.
// The queues' figures (outbox, due entries) come from the queues
// themselves, not from here.
func (s *Store) Metrics() (Metrics, error) {
	m := Metrics{}
	// Reading the meta data and the buckets' headers touches no page
	// that a damaged file could make panic; guard anyway.
	err := guard("metrics", func() error {
		return s.db.View(func(tx *bolt.Tx) error {
			m["customers"] = int(tx.Bucket(bCustomers).Sequence())
			m["vehicles"] = int(tx.Bucket(bVehicles).Sequence())
			m["appointments"] = int(tx.Bucket(bAppointments).Sequence())
			m["data_file_bytes"] = int(tx.Size())
			return nil
		})
	})
	return m, err
}

// SettingsChanged returns a channel closed at the next commit of new
// settings (SaveSettings, from the console or "settings import" through
