package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	fo "frontoffice"
)

// The file fetcher: every file received in Telegram is recorded at once
// (fo.StoredFile with its TelegramFileID: a work-log photo, a paper
// acceptance, a commissioning request, a station's document) and its bytes
// are fetched here, in a loop of its own, so that a slow or failing
// download never holds up an update or a send. Each file is asked for with
// getFile and downloaded from the file endpoint; a failure is counted by
// the store, which sets the next try (fo.FileFetchBackoff) and gives up
// after fo.MaxFileFetchTries.

// fileStore is what the fetcher needs of the store.
type fileStore interface {
	FileFetches(limit int) ([]fo.StoredFile, error)
	SaveFetchedFile(id uint64, mime string, data []byte) error
	FileFetchFailed(id uint64, reason string, permanent bool) (fo.StoredFile, error)
}

// Fetcher timing: how often the waiting list is read, and how long one
// download may take.
const (
	fetchEvery    = 3 * time.Second
	fetchDeadline = 60 * time.Second
	fetchBatch    = 8
)

// FileEndpointFor returns the file download endpoint that goes with an API
// endpoint of the form "https://host/bot%s/%s": "https://host/file/bot%s/%s"
// (Telegram's own when apiEndpoint is empty).
func FileEndpointFor(apiEndpoint string) string {
	if apiEndpoint == "" || apiEndpoint == tgbotapi.APIEndpoint {
		return tgbotapi.FileEndpoint
	}
	if base, ok := strings.CutSuffix(apiEndpoint, "/bot%s/%s"); ok {
		return base + "/file/bot%s/%s"
	}
	return tgbotapi.FileEndpoint
}

// runFetcher fetches waiting files until ctx ends.
func (b *Bot) runFetcher(ctx context.Context) error {
	if b.files == nil {
		<-ctx.Done()
		return ctx.Err()
	}
	for {
		n, err := b.fetchDue(ctx)
		if err != nil {
			b.log.Warn("file fetch: read the waiting list", "err", err)
		}
		if n == fetchBatch {
			continue // more may be due
		}
		if !sleep(ctx, b.fetchEvery) {
			return ctx.Err()
		}
	}
}

// fetchDue fetches the files due now, one after the other, and returns how
// many it tried.
func (b *Bot) fetchDue(ctx context.Context) (int, error) {
	due, err := b.files.FileFetches(fetchBatch)
	if err != nil {
		return 0, err
	}
	for _, f := range due {
		if ctx.Err() != nil {
			return len(due), nil
		}
		data, mime, permanent, err := b.download(ctx, f.TelegramFileID)
		if err == nil {
			err = b.files.SaveFetchedFile(f.ID, mime, data)
			if err == nil {
				b.log.Debug("file fetched", "file", f.ID, "bytes", len(data))
				continue
			}
		}
		reason := b.redact(err.Error())
		if nf, ferr := b.files.FileFetchFailed(f.ID, reason, permanent); ferr != nil {
			b.log.Warn("file fetch: record the failure", "file", f.ID, "err", ferr)
		} else if nf.GaveUp {
			b.log.Error("file fetch: given up", "file", f.ID, "tries", nf.Tries, "err", reason)
		} else {
			b.log.Info("file fetch failed, will retry", "file", f.ID, "tries", nf.Tries, "next", nf.NextTry, "err", reason)
		}
	}
	return len(due), nil
}

// download asks Telegram for the file's path and downloads its bytes;
// permanent reports a failure that trying again cannot mend (Telegram
// refused the file id with a 4xx, or the file is too large to keep).
func (b *Bot) download(ctx context.Context, fileID string) (data []byte, mime string, permanent bool, err error) {
	resp, err := b.request(tgbotapi.FileConfig{FileID: fileID})
	if err != nil {
		class, _ := classify(err)
		return nil, "", class == errPermanent, fmt.Errorf("getFile: %w", err)
	}
	var f tgbotapi.File
	if err := json.Unmarshal(resp.Result, &f); err != nil || f.FilePath == "" {
		return nil, "", false, errors.New("getFile: no file path")
	}
	if f.FileSize > fo.MaxStoredFile {
		return nil, "", true, fmt.Errorf("file of %d bytes is too large", f.FileSize)
	}
	data, mime, err = b.fetchPath(ctx, f.FilePath)
	return data, mime, false, err
}

// fetchPath downloads the file at Telegram's file_path.
func (b *Bot) fetchPath(ctx context.Context, path string) ([]byte, string, error) {
	ctx, cancel := context.WithTimeout(ctx, fetchDeadline)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, fmt.Sprintf(b.fileEndpoint, b.token, path), nil)
	if err != nil {
		return nil, "", errors.New("download: bad file endpoint")
	}
	r, err := b.httpClient.Do(req)
	if err != nil {
		return nil, "", fmt.Errorf("download: %s", b.redact(err.Error()))
	}
	defer r.Body.Close()
	if r.StatusCode != http.StatusOK {
		return nil, "", fmt.Errorf("download: HTTP %d", r.StatusCode)
	}
	data, err := io.ReadAll(io.LimitReader(r.Body, fo.MaxStoredFile+1))
	if err != nil {
		return nil, "", fmt.Errorf("download: %s", b.redact(err.Error()))
	}
	if len(data) > fo.MaxStoredFile {
		return nil, "", errors.New("download: file too large")
	}
	return data, http.DetectContentType(data), nil
}
