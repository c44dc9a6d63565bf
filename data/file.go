package data

// Stored files: documents and photos (fo.StoredFile).
//
// Bucket and key layout:
//
//	files        id → JSON fo.StoredFile
//	file_data    id → the file's bytes
//	file_fetch   id → empty (Telegram files still to fetch; the bot's
//	             fetcher reads it)

import (
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// addFile stores an uploaded file's bytes and returns its record.
func (w *writer) addFile(name, mime string, data []byte) (fo.StoredFile, error) {
	if len(data) == 0 || len(data) > fo.MaxStoredFile {
		return fo.StoredFile{}, fo.Errorf(fo.EINVALID, "err.file.size", fo.MaxStoredFile>>20)
	}
	f := fo.StoredFile{Name: name, Mime: mime, Size: len(data), AddedAt: w.now, FetchedAt: w.now, By: w.by}
	b := w.tx.Bucket(bFiles)
	var err error
	if f.ID, err = nextID(b); err != nil {
		return f, err
	}
	if err := putJSON(b, u64(f.ID), f); err != nil {
		return f, err
	}
	return f, w.tx.Bucket(bFileData).Put(u64(f.ID), data)
}

// addTelegramFile records a file received in Telegram, to be fetched by
// the bot (its bytes arrive later; the record is usable at once).
func (w *writer) addTelegramFile(fileID, name, mime string) (fo.StoredFile, error) {
	f := fo.StoredFile{Name: name, Mime: mime, TelegramFileID: fileID, AddedAt: w.now, By: w.by}
	b := w.tx.Bucket(bFiles)
	var err error
	if f.ID, err = nextID(b); err != nil {
		return f, err
	}
	if err := putJSON(b, u64(f.ID), f); err != nil {
		return f, err
	}
	return f, w.tx.Bucket(bFileFetch).Put(u64(f.ID), nil)
}

// File returns a stored file's record and its bytes (nil while a Telegram
// file waits to be fetched); fo.ErrNotFound when there is none.
func (s *Store) File(id uint64) (fo.StoredFile, []byte, error) {
	var f fo.StoredFile
	var data []byte
	err := s.db.View(func(tx *bolt.Tx) error {
		if err := getJSON(tx.Bucket(bFiles), u64(id), &f); err != nil {
			return err
		}
		if d := tx.Bucket(bFileData).Get(u64(id)); d != nil {
			data = append([]byte(nil), d...)
		}
		return nil
	})
	return f, data, err
}

// FileFetches returns up to limit Telegram files waiting to be fetched
// whose next try is due, the oldest first.
func (s *Store) FileFetches(limit int) ([]fo.StoredFile, error) {
	var out []fo.StoredFile
	now := s.now()
	err := s.db.View(func(tx *bolt.Tx) error {
		files := tx.Bucket(bFiles)
		c := tx.Bucket(bFileFetch).Cursor()
		for k, _ := c.First(); k != nil && len(out) < limit; k, _ = c.Next() {
			var f fo.StoredFile
			if err := getJSON(files, k, &f); err != nil {
				return err
			}
			if f.NextTry.After(now) {
				continue
			}
			out = append(out, f)
		}
		return nil
	})
	return out, err
}

// SaveFetchedFile stores the bytes of a fetched Telegram file and takes it
// off the waiting list. A file already fetched keeps its bytes.
func (s *Store) SaveFetchedFile(id uint64, mime string, data []byte) error {
	return s.update(func(tx *bolt.Tx, w *writer) error {
		var f fo.StoredFile
		if err := getJSON(tx.Bucket(bFiles), u64(id), &f); err != nil {
			return err
		}
		if !f.FetchedAt.IsZero() {
			return tx.Bucket(bFileFetch).Delete(u64(id))
		}
		if len(data) == 0 || len(data) > fo.MaxStoredFile {
			return w.fileFetchFailed(&f, "size")
		}
		f.FetchedAt, f.Size, f.LastError, f.NextTry = w.now, len(data), "", time.Time{}
		if f.Mime == "" {
			f.Mime = mime
		}
		if err := putJSON(tx.Bucket(bFiles), u64(id), f); err != nil {
			return err
		}
		if err := tx.Bucket(bFileData).Put(u64(id), data); err != nil {
			return err
		}
		return tx.Bucket(bFileFetch).Delete(u64(id))
	})
}

// FileFetchFailed counts a failed fetch: the file is tried again after
// fo.FileFetchBackoff, and given up after fo.MaxFileFetchTries, or at once
// when permanent (Telegram refused it for good: no such file, too big) —
// taken off the list, its record kept with the last error.
func (s *Store) FileFetchFailed(id uint64, reason string, permanent bool) (fo.StoredFile, error) {
	var f fo.StoredFile
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		if err := getJSON(tx.Bucket(bFiles), u64(id), &f); err != nil {
			return err
		}
		if !f.FetchedAt.IsZero() {
			return nil
		}
		if permanent {
			f.Tries = max(f.Tries, fo.MaxFileFetchTries-1)
		}
		return w.fileFetchFailed(&f, reason)
	})
	return f, err
}

func (w *writer) fileFetchFailed(f *fo.StoredFile, reason string) error {
	if len(reason) > 200 {
		reason = reason[:200]
	}
	f.Tries++
	f.LastError = reason
	f.NextTry = w.now.Add(fo.FileFetchBackoff(f.Tries))
	if f.Tries >= fo.MaxFileFetchTries {
		f.GaveUp, f.NextTry = true, time.Time{}
		if err := w.tx.Bucket(bFileFetch).Delete(u64(f.ID)); err != nil {
			return err
		}
	}
	return putJSON(w.tx.Bucket(bFiles), u64(f.ID), *f)
}
