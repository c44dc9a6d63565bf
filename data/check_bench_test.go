package data

import (
	"bytes"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// bigFile makes a data file of about 100 MB (160,000 records of 600 bytes).
func bigFile(b *testing.B) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "big.db")
	s, err := Open(path, Options{NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	for batch := 0; batch < 16; batch++ {
		err := s.db.Update(func(tx *bolt.Tx) error {
			bk := tx.Bucket(bVisits)
			for i := 0; i < 10000; i++ {
				if err := bk.Put(u64(uint64(batch*10000+i)), bytes.Repeat([]byte{byte(i)}, 600)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	s.Close()
	return path
}

// Open with its start-up checks stays fast at any size: it reads the meta
// pages, the freelist and each bucket's first and last pages only.
func BenchmarkOpenBigFile(b *testing.B) {
	path := bigFile(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s, err := Open(path, Options{NoSync: true})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		s.db.Close()
		b.StartTimer()
	}
}

// The full check reads every page: the nightly and after-unclean-stop cost.
func BenchmarkCheckFileBigFile(b *testing.B) {
	path := bigFile(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := CheckFile(path); err != nil {
			b.Fatal(err)
		}
	}
}
