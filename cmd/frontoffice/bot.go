package main

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	fo "frontoffice"
	"frontoffice/bot"
	"frontoffice/data"
	"frontoffice/internal/metrics"
)

// botRunner connects to Telegram and runs the bot in the background. The
// rest of the shop runs whether or not Telegram answers: a box that boots
// while the internet is down keeps its kiosk and console, and the bot
// connects when it can.
type botRunner struct {
	username atomic.Value // string: the bot's @username once connected
}

// Username returns the bot's username, "" while it is off or not yet
// connected (the kiosk shows no QR code then).
func (r *botRunner) Username() string {
	s, _ := r.username.Load().(string)
	return s
}

// start starts the bot when a token is set, adding it to wg; it stops when
// ctx ends. Without a token the bot is off.
func (r *botRunner) start(ctx context.Context, cfg Config, store *data.Store, clock fo.Clock, docs bot.Documents, mets *metrics.Metrics, log *slog.Logger, wg *sync.WaitGroup) {
	if cfg.TelegramToken == "" {
		log.Info("Telegram bot off: TELEGRAM_BOT_TOKEN is not set")
		return
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		api := r.connect(ctx, cfg, log)
		if api == nil {
			return
		}
		r.username.Store(api.Self.UserName)
		log.Info("Telegram bot connected", "bot", "@"+api.Self.UserName)
		b := bot.New(bot.Config{API: api, Store: store, Clock: clock, Logger: log.With("part", "bot"), Documents: docs,
			OnSend: mets.SendResult, OnUpdate: mets.UpdateLag,
			// FLD-5 and stored files: downloads, signature links.
			FileEndpoint: bot.FileEndpointFor(cfg.TelegramEndpoint), SignURL: signURL(cfg.PublicURL)})
		if err := b.Run(ctx); err != nil && !errors.Is(err, context.Canceled) {
			log.Error("Telegram bot stopped", "err", err)
		}
	}()
}

// connect calls getMe until it succeeds or ctx ends, backing off from 5 s
// to 5 minutes. Errors are already free of the token (bot.NewAPI).
func (r *botRunner) connect(ctx context.Context, cfg Config, log *slog.Logger) *tgbotapi.BotAPI {
	wait := 5 * time.Second
	for {
		api, err := bot.NewAPI(cfg.TelegramToken, cfg.TelegramEndpoint, nil)
		if err == nil {
			return api
		}
		log.Warn("Telegram not reachable; the bot retries", "err", err, "in", wait)
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(wait):
		}
		wait = min(wait*2, 5*time.Minute)
	}
}

// signURL makes the acceptance signature page's address of a link token
// (FLD-5, kiosk/sign.go); nil without a public address.
func signURL(public string) func(string) string {
	if public == "" {
		return nil
	}
	return func(token string) string { return strings.TrimRight(public, "/") + "/sign/" + token }
}
