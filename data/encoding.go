package data

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// Encoding helpers: big-endian keys, JSON values, ids.

func u64(v uint64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, v)
	return b
}

func i64(v int64) []byte { return u64(uint64(v)) }

func btou(b []byte) uint64 { return binary.BigEndian.Uint64(b) }

func key(parts ...uint64) []byte {
	b := make([]byte, 0, 8*len(parts))
	for _, p := range parts {
		b = binary.BigEndian.AppendUint64(b, p)
	}
	return b
}

// tkey is a time key: Unix seconds, shifted so that times before 1970 would
// still sort (they never occur, but keys stay monotonic).
func tkey(t time.Time) uint64 { return uint64(t.Unix()) }

func getJSON(b *bolt.Bucket, k []byte, v any) error {
	raw := b.Get(k)
	if raw == nil {
		return fo.ErrNotFound
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return fmt.Errorf("decode %s/%x: %w", "bucket", k, err)
	}
	return nil
}

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }

func putJSON(b *bolt.Bucket, k []byte, v any) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode: %w", err)
	}
	return b.Put(k, raw)
}

// nextID returns the next sequence number of bucket b.
func nextID(b *bolt.Bucket) (uint64, error) {
	id, err := b.NextSequence()
	if err != nil {
		return 0, fmt.Errorf("next id: %w", err)
	}
	return id, nil
}
