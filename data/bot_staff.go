package data

// Staff-side conversations of the bot: a staff member answering a
// complaint or recording a call's outcome over several messages, in a
// staff group chat or their private chat. Several staff members can be
// mid-way in one group at once, so these are keyed by chat and user.
//
// Key layout, in the conversations bucket beside the customers' 8-byte
// chat keys (16 bytes, so the two never meet):
//
//	conversations  chat id | user id → the bot's opaque staff conversation state

import (
	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

func staffConvKey(chatID, userID int64) []byte { return key(uint64(chatID), uint64(userID)) }

// StaffConversation returns the saved staff conversation of user userID in
// chat chatID, nil when there is none.
func (s *Store) StaffConversation(chatID, userID int64) ([]byte, error) {
	var out []byte
	err := s.db.View(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bConversations).Get(staffConvKey(chatID, userID)); v != nil {
			out = append([]byte(nil), v...)
		}
		return nil
	})
	return out, err
}

// FinishStaffUpdate is FinishUpdate for an update handled as staff work:
// it saves the staff conversation of userID in chatID (deleted when conv
// is nil), enqueues the replies and moves the update offset past updateID,
// in one transaction. An update at or below the stored offset was handled
// already: nothing is written and handled is false.
func (s *Store) FinishStaffUpdate(updateID int, chatID, userID int64, conv []byte, replies []fo.Message) (handled bool, err error) {
	err = s.update(func(tx *bolt.Tx, w *writer) error {
		bot := tx.Bucket(bBot)
		if v := bot.Get([]byte("offset")); v != nil && int(btou(v)) > updateID {
			return nil
		}
		handled = true
		convs := tx.Bucket(bConversations)
		k := staffConvKey(chatID, userID)
		var err error
		if conv == nil {
			err = convs.Delete(k)
		} else {
			err = convs.Put(k, conv)
		}
		if err != nil {
			return err
		}
		if err := w.enqueue(replies...); err != nil {
			return err
		}
		return bot.Put([]byte("offset"), u64(uint64(updateID+1)))
	})
	return handled, err
}

// DeleteStaffConversation forgets the staff conversation of user userID in
// chat chatID (the staff member went on to something else); none is fine.
func (s *Store) DeleteStaffConversation(chatID, userID int64) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bConversations).Delete(staffConvKey(chatID, userID))
	})
}
