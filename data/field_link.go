package data

// The customer contact's Telegram chat of a field job (FLD-1, FLD-2): a
// deep link with the job's secret links it; from then on a photo or a PDF
// sent there is filed as the signed receipt or the commissioning request.
//
// Bucket and key layout:
//
//	field_chat   chat id → field job id (the job the chat was last linked to)

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"slices"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// newFieldLinkSecret returns a job's link secret: 16 characters of
// [A-Za-z0-9_-].
func newFieldLinkSecret() (string, error) {
	b := make([]byte, 12)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// LinkFieldChat links chat to the field job the deep link's payload names
// (fo.FieldLinkPayload) when its secret is the job's; fo.ErrNotFound
// otherwise, with nothing changed. The chat is then the job's only: a
// chat linked before to another job is moved to this one.
func (s *Store) LinkFieldChat(payload string, chat int64) (fo.FieldJob, error) {
	id, secret, ok := fo.ParseFieldLink(payload)
	if !ok || chat <= 0 {
		return fo.FieldJob{}, fo.ErrNotFound
	}
	var j fo.FieldJob
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		w.setBy("customer:bot")
		var err error
		if j, err = getFieldJob(tx, id); err != nil {
			return err
		}
		if j.Shipment.ContactLink == "" || subtle.ConstantTimeCompare([]byte(secret), []byte(j.Shipment.ContactLink)) != 1 {
			return fo.ErrNotFound
		}
		if j.Customer.ChatID == chat {
			return nil
		}
		old := j
		old.History = slices.Clone(j.History)
		b := tx.Bucket(bFieldChat)
		if j.Customer.ChatID != 0 {
			if err := b.Delete(i64(j.Customer.ChatID)); err != nil {
				return err
			}
		}
		if err := j.Link(chat, w.now); err != nil {
			return err
		}
		if err := b.Put(i64(chat), u64(j.ID)); err != nil {
			return err
		}
		return w.putFieldJob(j, &old, "linked")
	})
	return j, err
}

// FieldJobOfChat returns the field job the chat is linked to;
// fo.ErrNotFound when none.
func (s *Store) FieldJobOfChat(chat int64) (fo.FieldJob, error) {
	var j fo.FieldJob
	err := s.db.View(func(tx *bolt.Tx) error {
		id := tx.Bucket(bFieldChat).Get(i64(chat))
		if id == nil {
			return fo.ErrNotFound
		}
		var err error
		j, err = getFieldJob(tx, btou(id))
		if err == nil && j.Customer.ChatID != chat {
			return fo.ErrNotFound
		}
		return err
	})
	return j, err
}

// CustomerFieldFile files a photo or PDF sent from the customer contact's
// linked chat as what the job waits for (fo.FieldJob.CustomerDocKind):
// the signed receipt, or the commissioning request. fo.ErrNotFound when
// the chat is linked to no job; fo.ErrFieldStage when the job waits for
// neither.
func (s *Store) CustomerFieldFile(chat int64, fileID, name, mime, idem string) (fo.FieldJob, string, error) {
	j, err := s.FieldJobOfChat(chat)
	if err != nil {
		return j, "", err
	}
	var kind string
	j, err = s.changeFieldJob(j.ID, idem, "customer:bot", "doc", func(w *writer, st *fo.Settings, j *fo.FieldJob) error {
		if j.Customer.ChatID != chat {
			return fo.ErrNotFound
		}
		if kind = j.CustomerDocKind(); kind == "" {
			return fo.ErrFieldStage
		}
		if !slices.Contains(fieldMimes, mime) {
			return fo.Errorf(fo.EINVALID, "err.field.file_type")
		}
		f, err := w.addTelegramFile(fileID, name, mime)
		if err != nil {
			return err
		}
		return w.attachFieldDoc(st, j, kind, fo.FieldDoc{FileID: f.ID, Via: fo.FieldViaTelegram, By: "customer:bot", At: w.now})
	})
	if err == nil && kind == "" { // a repeated update: what it filed
		kind = fo.FieldDocRequest
		if j.Dispatch.Request == nil {
			kind = fo.FieldDocReceipt
		}
	}
	return j, kind, err
}
