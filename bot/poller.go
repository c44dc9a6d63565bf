package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// offsetStore keeps the update offset: the first update not yet handled.
type offsetStore interface {
	Offset() (int, error)
}

// Poller back-off. An empty answer that came back at once (a server that
// does not long-poll) waits idleMin, doubling to idleMax, so that an idle
// bot stays far below 2% of a core; an error waits errMin doubling to
// errMax, or the retry_after Telegram asked for.
const (
	idleMin = 250 * time.Millisecond
	idleMax = 4 * time.Second
	errMin  = time.Second
	errMax  = time.Minute
	// maxHandleTries is how often one update is tried when handling it
	// fails in the store; then the customer gets an apology and the
	// update is skipped, so that one poison update cannot stop the bot.
	maxHandleTries = 5
)

// pollResult is the answer to one getUpdates.
type pollResult struct {
	updates []tgbotapi.Update
	err     error
}

// runPoller is the getUpdates loop (DESIGN.md: not the library's
// GetUpdatesChan, which confirms updates before they are handled). It asks
// for updates from the stored offset, handles each in order, and lets
// FinishUpdate move the offset, so an update is confirmed to Telegram only
// by the next request after its handling committed.
func (b *Bot) runPoller(ctx context.Context) error {
	idle := time.Duration(0)
	errWait := time.Duration(0)
	tries := map[int]int{} // update id → failed handlings
	for ctx.Err() == nil {
		offset, err := b.offsets.Offset()
		if err != nil {
			b.log.Error("read update offset", "err", err)
			errWait = grow(errWait, errMin, errMax)
			sleep(ctx, errWait)
			continue
		}
		started := time.Now()
		res, ok := b.getUpdates(ctx, offset)
		if !ok {
			return ctx.Err()
		}
		if res.err != nil {
			class, retry := classify(res.err)
			wait := grow(errWait, errMin, errMax)
			errWait = wait
			if class == errRateLimit {
				wait = retry
			}
			b.log.Warn("getUpdates failed", "err", res.err, "retry_in", wait)
			sleep(ctx, wait)
			continue
		}
		errWait = 0
		if len(res.updates) == 0 {
			// A long poll that came back at once means the server does not
			// hold requests: back off instead of spinning.
			if time.Since(started) < b.poll/2 {
				idle = grow(idle, idleMin, idleMax)
				sleep(ctx, idle)
			}
			continue
		}
		idle = 0
		for _, u := range res.updates {
			if u.UpdateID < offset {
				// Handled already: the store's offset is past it. A server
				// that sends it again gets nothing from us.
				b.log.Debug("skip handled update", "update", u.UpdateID)
				continue
			}
			if err := b.handleUpdate(u); err != nil {
				tries[u.UpdateID]++
				if tries[u.UpdateID] < maxHandleTries {
					b.log.Error("handle update", "update", u.UpdateID, "try", tries[u.UpdateID], "err", err)
					errWait = grow(errWait, errMin, errMax)
					sleep(ctx, errWait)
					break // ask again from the stored offset
				}
				b.log.Error("give up on update", "update", u.UpdateID, "err", err)
				if err := b.giveUp(u); err != nil {
					b.log.Error("skip update", "update", u.UpdateID, "err", err)
					sleep(ctx, errMax)
					break
				}
			}
			delete(tries, u.UpdateID)
			offset = u.UpdateID + 1
			if ctx.Err() != nil {
				return ctx.Err()
			}
		}
	}
	return ctx.Err()
}

// getUpdates asks for updates from offset. The request runs in a goroutine
// of its own because the library takes no context: when ctx ends first,
// ok is false and the request is abandoned. Its answer is dropped; the
// updates in it are not confirmed, so Telegram sends them again.
func (b *Bot) getUpdates(ctx context.Context, offset int) (pollResult, bool) {
	done := make(chan pollResult, 1)
	go func() {
		cfg := tgbotapi.UpdateConfig{
			Offset:         offset,
			Limit:          100,
			Timeout:        int(b.poll / time.Second),
			AllowedUpdates: []string{"message", "callback_query"},
		}
		resp, err := b.request(cfg)
		if err != nil {
			done <- pollResult{err: err}
			return
		}
		var updates []tgbotapi.Update
		if err := json.Unmarshal(resp.Result, &updates); err != nil {
			done <- pollResult{err: fmt.Errorf("decode getUpdates: %w", err)}
			return
		}
		done <- pollResult{updates: updates}
	}()
	select {
	case r := <-done:
		return r, true
	case <-ctx.Done():
		return pollResult{}, false
	}
}

// grow doubles d within [lo, hi].
func grow(d, lo, hi time.Duration) time.Duration {
	if d < lo {
		return lo
	}
	return min(2*d, hi)
}
