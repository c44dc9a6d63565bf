package data

import (
	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// Offset returns the next Telegram update id to ask for: one past the last
// update handled (0 at first).
func (s *Store) Offset() (int, error) {
	var off int
	err := s.db.View(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bBot).Get([]byte("offset")); v != nil {
			off = int(btou(v))
		}
		return nil
	})
	return off, err
}

// Conversation returns the saved conversation state of a chat, nil when
// there is none.
func (s *Store) Conversation(chatID int64) ([]byte, error) {
	var out []byte
	err := s.db.View(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bConversations).Get(i64(chatID)); v != nil {
			out = append([]byte(nil), v...)
		}
		return nil
	})
	return out, err
}

// FinishUpdate records in one transaction everything the handling of
// Telegram update updateID leaves behind: the chat's conversation state
// (deleted when conv is nil), the replies, and the offset past the update.
// An update at or below the stored offset was handled already: nothing is
// written and handled is false.
func (s *Store) FinishUpdate(updateID int, chatID int64, conv []byte, replies []fo.Message) (handled bool, err error) {
	err = s.update(func(tx *bolt.Tx, w *writer) error {
		bot := tx.Bucket(bBot)
		if v := bot.Get([]byte("offset")); v != nil && int(btou(v)) > updateID {
			return nil
		}
		handled = true
		if chatID != 0 {
			convs := tx.Bucket(bConversations)
			var err error
			if conv == nil {
				err = convs.Delete(i64(chatID))
			} else {
				err = convs.Put(i64(chatID), conv)
			}
			if err != nil {
				return err
			}
		}
		if err := w.enqueue(replies...); err != nil {
			return err
		}
		return bot.Put([]byte("offset"), u64(uint64(updateID+1)))
	})
	return handled, err
}
