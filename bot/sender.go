package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	fo "frontoffice"
)

// outboxStore is the outbox as the sender drains it.
type outboxStore interface {
	Changed() <-chan struct{}
	Pending(now time.Time, limit int) ([]fo.OutboxEntry, time.Time, error)
	MarkSent(seq uint64, messageID int) error
	MarkFailed(seq uint64, reason string, permanent bool) error
}

// The sender drains the outbox to Telegram.
//
// Delivery is at least once, and in practice exactly once: an entry leaves
// the outbox only when MarkSent commits after Telegram accepted it. The one
// window for a duplicate is a crash (or power loss) after Telegram accepted
// a message and before MarkSent committed: the entry is still waiting at the
// next start and is sent again. Telegram has no idempotency key for
// sendMessage, so the window cannot be closed; it is kept as short as one
// commit. The other order — mark first, then send — would lose the message
// in the same window, and a lost confirmation, reminder or staff reply
// (REC-3) costs the shop far more than a customer reading one message twice.
// The same holds for a send whose answer never came (a timeout, a dropped
// connection): Telegram may have taken it, and it is sent again. Within a
// running process nothing else is sent twice: when MarkSent fails after a
// send, the message id is kept in memory and only MarkSent is retried.
//
// Limits (Telegram's, see Limits): at most one message per second to a
// private chat and one per three seconds to a group, measured from the end
// of one send to the start of the next, so that Telegram sees them at least
// that far apart; at most 25 sends a second overall. Messages to one chat go
// out in outbox order; a chat waiting for its turn does not hold up the
// others.
//
// Failures are the entry's own (see fo.QueueBackoff and data/outbox.go):
//   - 429: all sending pauses for retry_after, as Telegram asks; the entry
//     is not charged.
//   - Telegram's refusals for good (403 blocked, 400 chat not found, ...):
//     the entry moves to the dead letters, logged.
//   - A server error, a network error or a timeout: the sender asks
//     Telegram whether it is up (getMyCommands, which changes nothing). If
//     not, Telegram is down: the try is not charged to the entry, and all
//     sending pauses (Limits.DownBackoff doubling up to 5 min) until a probe
//     answers, then goes on where it stopped. If Telegram is up, the entry
//     itself fails: the try counts, the entry waits its own back-off
//     (holding back only the later messages of its chat) and is parked at
//     its fo.MaxQueueTries-th failure; every other entry goes on.
//   - A document that cannot be rendered counts the same way; at its
//     renderTries-th failure the text goes alone.

const (
	sendBatch    = 100
	maxSendBatch = 6400
	sendBackoffN = 5 * time.Minute
	// maxHoldWait caps the wait for a held-back entry's NotBefore, so that
	// a clock that jumps (or a fake one) is noticed.
	maxHoldWait = time.Minute
	// renderTries is how often a document is tried before it is sent as
	// text only.
	renderTries = 3
	captionMax  = 1024
)

type sender struct {
	b        *Bot
	lastDone map[int64]time.Time // chat → when its last send ended
	// lastStart is when the last send started (the global limit).
	lastStart time.Time
	// unmarked holds entries Telegram accepted whose MarkSent failed:
	// seq → message id. They are never sent again by this process.
	unmarked map[uint64]int
	backoff  time.Duration
	pause    time.Time // no sends before this (429, errors)
	batch    int       // how many entries a round reads
	// down is set while Telegram is found down: rounds probe it first.
	down bool
}

func (b *Bot) runSender(ctx context.Context) error {
	s := &sender{b: b, lastDone: map[int64]time.Time{}, unmarked: map[uint64]int{}, batch: sendBatch}
	var changed <-chan struct{}
	for ctx.Err() == nil {
		if changed == nil {
			// Taken before Pending: a commit after this point wakes us.
			changed = b.outbox.Changed()
		}
		wake, err := s.round(ctx)
		if err != nil {
			b.log.Error("read outbox", "err", err)
			s.failed()
			wake = time.Until(s.pause)
		}
		if wake == 0 {
			continue
		}
		var timer *time.Timer
		var fire <-chan time.Time
		if wake > 0 {
			timer = time.NewTimer(wake)
			fire = timer.C
		}
		select {
		case <-ctx.Done():
		case <-changed:
			changed = nil
		case <-fire:
		}
		if timer != nil {
			timer.Stop()
		}
	}
	return ctx.Err()
}

// round sends what may be sent now and returns how long to wait before the
// next round: 0 to go on at once, -1 to wait for a change only.
func (s *sender) round(ctx context.Context) (time.Duration, error) {
	if d := time.Until(s.pause); d > 0 {
		return d, nil
	}
	if s.down {
		if !s.telegramUp() {
			s.failed()
			return time.Until(s.pause), nil
		}
		s.b.log.Info("telegram is back; sending again")
		s.down, s.backoff = false, 0
	}
	entries, held, err := s.b.outbox.Pending(s.b.clock.Now(), s.batch)
	if err != nil {
		return 0, err
	}
	wait := time.Duration(-1)
	soonest := func(d time.Duration) {
		if wait < 0 || d < wait {
			wait = d
		}
	}
	if !held.IsZero() {
		soonest(min(max(held.Sub(s.b.clock.Now()), 10*time.Millisecond), maxHoldWait))
	}
	skip := map[int64]bool{} // chats whose turn has not come: keep their order
	sent := false
	for _, e := range entries {
		chat := e.Message.ChatID
		if skip[chat] {
			continue
		}
		if d := time.Until(s.readyAt(chat)); d > 0 {
			skip[chat] = true
			soonest(d)
			continue
		}
		if !sleep(ctx, time.Until(s.lastStart.Add(s.b.limits.Global))) {
			return 0, nil
		}
		if !s.deliver(ctx, e) {
			skip[chat] = true
		} else {
			sent = true
		}
		if d := time.Until(s.pause); d > 0 {
			return d, nil
		}
	}
	switch {
	case sent:
		return 0, nil
	case len(entries) == s.batch && s.batch < maxSendBatch:
		// A full batch of chats waiting for their turn (a backlog to a
		// few chats): look further down the queue for other chats.
		s.batch *= 2
		return 0, nil
	case len(entries) < s.batch/2:
		s.batch = sendBatch
	}
	s.prune()
	return wait, nil
}

// readyAt is when chat may get its next message.
func (s *sender) readyAt(chat int64) time.Time {
	last, ok := s.lastDone[chat]
	if !ok {
		return time.Time{}
	}
	if chat < 0 {
		return last.Add(s.b.limits.PerGroup)
	}
	return last.Add(s.b.limits.PerChat)
}

// prune forgets chats whose limit has long passed.
func (s *sender) prune() {
	if len(s.lastDone) < 1000 {
		return
	}
	for chat, t := range s.lastDone {
		if time.Since(t) > s.b.limits.PerGroup {
			delete(s.lastDone, chat)
		}
	}
}

// failed grows the back-off and pauses sending for it.
func (s *sender) failed() {
	s.backoff = grow(s.backoff, s.b.limits.DownBackoff, sendBackoffN)
	s.pause = time.Now().Add(s.backoff)
}

// telegramUp asks Telegram for something that changes nothing and
// reports whether it answered (a 429 is an answer).
func (s *sender) telegramUp() bool {
	_, err := s.b.request(tgbotapi.GetMyCommandsConfig{})
	if err == nil {
		return true
	}
	class, _ := classify(err)
	return class == errRateLimit || class == errPermanent
}

// report tells Config.OnSend the result of a send attempt.
func (s *sender) report(result string) {
	if s.b.onSend != nil {
		s.b.onSend(result)
	}
}

// renderError is a document that could not be rendered: the entry's own
// failure, whatever Telegram's health.
type renderError struct{ error }

func (e renderError) Unwrap() error { return e.error }

// deliver sends one entry and records the outcome in the store. It
// reports whether the entry left the outbox (sent, or dead).
func (s *sender) deliver(ctx context.Context, e fo.OutboxEntry) bool {
	log := s.b.log.With("seq", e.Seq, "key", e.Message.Key, "chat", e.Message.ChatID)
	msgID, done := s.unmarked[e.Seq]
	if !done {
		s.lastStart = time.Now()
		var err error
		msgID, err = s.send(ctx, e)
		s.lastDone[e.Message.ChatID] = time.Now()
		if err != nil {
			return s.sendFailed(e, err, log)
		}
		s.backoff = 0
		s.report("ok")
	}
	if err := s.b.outbox.MarkSent(e.Seq, msgID); err != nil {
		log.Error("mark sent", "err", err)
		s.unmarked[e.Seq] = msgID
		s.failed()
		return false
	}
	delete(s.unmarked, e.Seq)
	return true
}

// sendFailed records a failed send and decides what comes next. It
// reports whether the entry left the outbox (dead).
func (s *sender) sendFailed(e fo.OutboxEntry, err error, log interface {
	Warn(string, ...any)
	Error(string, ...any)
}) bool {
	reason := s.b.redact(err.Error())
	class, retry := classify(err)
	var rerr renderError
	if errors.As(err, &rerr) {
		class = errServer
	}
	switch class {
	case errRateLimit:
		// Telegram's flood control: wait as told, for every chat.
		s.pause = time.Now().Add(retry)
		log.Warn("telegram rate limit", "retry_after", retry)
		s.report("rate_limited")
		return false
	case errPermanent:
		var tg *tgbotapi.Error
		if errors.As(err, &tg) && tg.MigrateToChatID != 0 {
			log.Error("chat became a supergroup; update the staff chats in the settings", "new_chat", tg.MigrateToChatID)
		}
		log.Warn("telegram refused message for good", "reason", reason)
		if err := s.b.outbox.MarkFailed(e.Seq, reason, true); err != nil {
			log.Error("mark failed", "err", err)
			s.failed()
			return false
		}
		s.report("parked")
		return true
	}
	if rerr.error == nil && !s.telegramUp() {
		// Not this entry's fault: nothing is charged to it.
		log.Warn("send failed; telegram is down, pausing all sending", "reason", reason)
		s.down = true
		s.failed()
		s.report("retry")
		return false
	}
	if err := s.b.outbox.MarkFailed(e.Seq, reason, false); err != nil {
		log.Error("mark failed", "err", err)
		s.failed()
		return false
	}
	if e.Tries+1 >= fo.MaxQueueTries {
		log.Error("message failed too often; parked for staff (console: queue)", "reason", reason, "tries", e.Tries+1)
		s.report("parked")
		return false
	}
	log.Warn("send failed; will retry", "reason", reason, "tries", e.Tries+1, "after", fo.QueueBackoff(e.Tries+1))
	s.report("retry")
	return false
}

// send makes the Telegram request for one entry and returns the message id.
func (s *sender) send(ctx context.Context, e fo.OutboxEntry) (int, error) {
	m := e.Message
	text := truncate(m.Text, fo.MaxTextLen)
	if m.Document != nil && s.b.docs != nil {
		pdf, err := s.b.docs.Render(ctx, *m.Document, m.Lang)
		switch {
		case err == nil:
			cfg := tgbotapi.NewDocument(m.ChatID, tgbotapi.FileBytes{Name: m.Document.Name, Bytes: pdf})
			cfg.Caption = truncate(m.Text, captionMax)
			cfg.ReplyMarkup = s.markup(m)
			return s.request(cfg, 0)
		case e.Tries+1 < renderTries:
			return 0, renderError{fmt.Errorf("render %s %d: %w", m.Document.Kind, m.Document.Ref, err)}
		default:
			s.b.log.Error("render document; sending the text alone", "kind", m.Document.Kind, "ref", m.Document.Ref, "err", err)
		}
	}
	if m.EditMessageID != 0 {
		cfg := tgbotapi.NewEditMessageText(m.ChatID, m.EditMessageID, text)
		if len(m.Buttons) > 0 {
			kb := inlineKeyboard(m.Buttons)
			cfg.ReplyMarkup = &kb
		}
		id, err := s.request(cfg, m.EditMessageID)
		switch {
		case err == nil:
			return id, nil
		case isNotModified(err):
			return m.EditMessageID, nil // it already reads so
		case !isEditGone(err):
			return 0, err
		}
		// The message is gone or too old to edit: send the text anew.
	}
	cfg := tgbotapi.NewMessage(m.ChatID, text)
	cfg.ReplyMarkup = s.markup(m)
	return s.request(cfg, 0)
}

// markup is the reply markup of a new message: inline buttons, else the
// contact keyboard, else the keyboard's removal.
func (s *sender) markup(m fo.Message) any {
	switch {
	case len(m.Buttons) > 0:
		return inlineKeyboard(m.Buttons)
	case m.AskContact:
		kb := tgbotapi.NewOneTimeReplyKeyboard(tgbotapi.NewKeyboardButtonRow(
			tgbotapi.NewKeyboardButtonContact(s.b.texts.T(m.Lang, "btn.share"))))
		kb.ResizeKeyboard = true
		return kb
	case m.RemoveKeyboard:
		return tgbotapi.NewRemoveKeyboard(false)
	}
	return nil
}

func inlineKeyboard(rows [][]fo.Button) tgbotapi.InlineKeyboardMarkup {
	var out [][]tgbotapi.InlineKeyboardButton
	for _, row := range rows {
		var r []tgbotapi.InlineKeyboardButton
		for _, b := range row {
			if b.URL != "" {
				r = append(r, tgbotapi.NewInlineKeyboardButtonURL(b.Text, b.URL))
			} else {
				r = append(r, tgbotapi.NewInlineKeyboardButtonData(b.Text, b.Data))
			}
		}
		out = append(out, r)
	}
	return tgbotapi.NewInlineKeyboardMarkup(out...)
}

// request sends cfg and returns the resulting message's id; fallback when
// Telegram answers true instead of a message.
func (s *sender) request(cfg tgbotapi.Chattable, fallback int) (int, error) {
	resp, err := s.b.request(cfg)
	if err != nil {
		return 0, err
	}
	var msg tgbotapi.Message
	if err := json.Unmarshal(resp.Result, &msg); err != nil || msg.MessageID == 0 {
		return fallback, nil
	}
	return msg.MessageID, nil
}

// truncate cuts s to at most n characters, marking the cut.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
