package frontoffice

import "time"

// StoredFile is a document or photo kept in the data file: uploaded in the
// console (Data present at once) or received in Telegram (TelegramFileID;
// the bot fetches it, retrying, and a failed fetch never blocks what the
// file belongs to). Commissioning requests (FLD-2), work-log photos and
// paper acceptance reports (FLD-5) and stations' documents (NET-1) are
// stored files.
type StoredFile struct {
	ID             uint64    `json:"id"`
	Name           string    `json:"name"`
	Mime           string    `json:"mime"`
	Size           int       `json:"size"`
	TelegramFileID string    `json:"telegram_file_id,omitempty"`
	AddedAt        time.Time `json:"added_at"`
	By             string    `json:"by"`
	// FetchedAt is when the bytes arrived (at once for an upload); zero
	// while a Telegram file waits to be fetched.
	FetchedAt time.Time `json:"fetched_at,omitzero"`
	Tries     int       `json:"tries,omitempty"`
	LastError string    `json:"last_error,omitempty"`
	// NextTry is when the bot tries a failed fetch again (FileFetchBackoff).
	NextTry time.Time `json:"next_try,omitzero"`
	// GaveUp is set when the fetch failed MaxFileFetchTries times; the
	// record stays, without bytes.
	GaveUp bool `json:"gave_up,omitempty"`
}

// MaxFileFetchTries is how many times the bot tries to fetch a Telegram
// file: with FileFetchBackoff, about two days.
const MaxFileFetchTries = 60

// FileFetchBackoff is the wait after the n-th failed fetch (n ≥ 1): 30 s
// doubling, at most an hour.
func FileFetchBackoff(n int) time.Duration {
	d := 30 * time.Second
	for i := 1; i < n && d < time.Hour; i++ {
		d *= 2
	}
	return min(d, time.Hour)
}

// MaxStoredFile is the largest file kept, in bytes (Telegram's bots may
// download up to 20 MB; a phone photo or a scanned request is far less).
const MaxStoredFile = 10 << 20
