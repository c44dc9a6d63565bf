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
