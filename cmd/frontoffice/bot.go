package main

import (
	"context"
	"log/slog"
	"sync"

	fo "frontoffice"
	"frontoffice/data"
)

// startBot starts the Telegram bot when a token is set; the returned func
// stops it. Without a token the bot is off and the rest runs.
func startBot(ctx context.Context, cfg Config, store *data.Store, clock fo.Clock, log *slog.Logger, wg *sync.WaitGroup) (stop func(), err error) {
	if cfg.TelegramToken == "" {
		log.Info("Telegram bot off: TELEGRAM_BOT_TOKEN is not set")
		return func() {}, nil
	}
	log.Warn("Telegram bot not wired yet")
	return func() {}, nil
}
