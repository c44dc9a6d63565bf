package frontoffice

import (
	"strconv"
	"time"
)

// The shop's two queues — the outbox (messages to Telegram) and the due
// index (what the scheduler must do when) — fail per entry: a failing entry
// is retried on its own back-off while every other entry goes on, and after
// MaxQueueTries failed tries it is parked: kept with its last error, shown
// on the console's queue page, announced once to the supervisors
// (ParkedMessages) and tried again only when staff press "retry".
//
// Back-off schedule (QueueBackoff): the n-th failed try of an entry waits
// 30 s · 2^(n-1) before the next, capped at an hour:
//
//	try:   1     2    3    4    5     6     7     (8: parked)
//	wait:  30 s  1 m  2 m  4 m  8 m   16 m  32 m
//
// so an entry is parked about an hour (63.5 min) after its first failure,
// having been tried 8 times. Failures while Telegram itself is down (the
// sender's health probe fails too) are not the entry's fault and are not
// counted: an outage of any length parks nothing.

// MaxQueueTries is how many failed tries park an entry.
const MaxQueueTries = 8

// QueueBackoff returns how long an entry waits after its tries-th failed
// try (tries ≥ 1).
func QueueBackoff(tries int) time.Duration {
	if tries < 1 {
		tries = 1
	}
	if tries > 8 {
		return time.Hour
	}
	return min(30*time.Second<<(tries-1), time.Hour)
}

// QueueStats are the queues' counts for /metrics, kept as they change.
type QueueStats struct {
	// OutboxWaiting counts messages waiting to be sent (held back, in
	// back-off or ready); OutboxParked those parked.
	OutboxWaiting, OutboxParked int
	// DueWaiting counts due entries whose time has come and that are not
	// done yet, plus those waiting for a retry; DueParked those parked.
	DueWaiting, DueParked int
	// OldestOutbox is when the oldest waiting message was enqueued; zero
	// when none waits.
	OldestOutbox time.Time
	// DueLag is how long the oldest due entry whose time has come has been
	// waiting; zero when none.
	DueLag time.Duration
}

// Queue names of a parked entry.
const (
	QueueOutbox = "outbox"
	QueueDue    = "due"
)

// ParkedEntry is a queue entry that failed MaxQueueTries times (or could
// not be read at all) and waits for staff.
type ParkedEntry struct {
	// Queue is QueueOutbox or QueueDue.
	Queue string `json:"queue"`
	// ID addresses the entry for Retry: the outbox sequence number, or the
	// due entry's "kind:id@unix" as text.
	ID string `json:"id"`
	// Key is the message's idempotency key, or the due entry's kind:id;
	// empty for a record that could not be decoded.
	Key string `json:"key,omitempty"`
	// ChatID is the message's chat (zero for due entries and undecodable
	// records).
	ChatID    int64     `json:"chat_id,omitempty"`
	Error     string    `json:"error"`
	Tries     int       `json:"tries"`
	FirstTry  time.Time `json:"first_try"`
	LastTry   time.Time `json:"last_try"`
	ParkedAt  time.Time `json:"parked_at"`
	Announced bool      `json:"announced,omitempty"`
	// Shown is when the console first listed it (retention counts from
	// then); zero until shown.
	Shown time.Time `json:"shown,omitzero"`
}

// parkedKeyPrefix starts the keys of the parking announcements: a parked
// announcement is not announced again.
const parkedKeyPrefix = "parked:"

// IsParkedNotice reports whether key is that of a parking announcement.
func IsParkedNotice(key string) bool {
	return len(key) >= len(parkedKeyPrefix) && key[:len(parkedKeyPrefix)] == parkedKeyPrefix
}

// ParkedMessages tells the supervisors (their private chats, else the
// staff chats) once that an entry was parked: which queue, what failed and
// where to retry it. The key is the entry's, so a second parking of the
// same entry says nothing new. A parking announcement that itself parks is
// not announced.
func ParkedMessages(st *Settings, p ParkedEntry) []Message {
	if IsParkedNotice(p.Key) {
		return nil
	}
	what := p.Key
	if what == "" {
		what = p.Queue + " " + p.ID
	}
	text := Texts.T(ZH, "queue.parked", Texts.T(ZH, "queue.name."+p.Queue), what, p.Tries, p.Error)
	out := make([]Message, 0, len(st.ReportChats()))
	for _, c := range st.ReportChats() {
		out = append(out, Message{Key: parkedKeyPrefix + p.Queue + ":" + p.ID + ":" + strconv.FormatInt(c, 10),
			ChatID: c, Text: text, Lang: ZH})
	}
	return out
}

// MaskChat shows a chat on staff screens: a staff chat as it is, a
// customer's private chat with all but its last three digits hidden.
func MaskChat(st *Settings, chat int64) string {
	if chat == 0 {
		return ""
	}
	s := strconv.FormatInt(chat, 10)
	if st.IsStaffChat(chat) || st.isStaffUser(chat) {
		return s
	}
	if len(s) <= 3 {
		return "***"
	}
	return "***" + s[len(s)-3:]
}

func (s *Settings) isStaffUser(chat int64) bool {
	for _, m := range s.Staff {
		if m.TelegramUserID == chat {
			return true
		}
	}
	return false
}
