// Package bot is the front office's Telegram door: a getUpdates loop that
// turns customers' messages and button presses into conversations (booking,
// "my appointments", moving and cancelling, complaints, surveys, answers to
// additional work, linking a chat from the kiosk's QR code) and staff
// hand-overs (REC-3); staff work in staff chats (complaints taken and
// answered, call outcomes recorded); and a sender that drains the store's
// outbox to Telegram within its rate limits.
//
// Exactly once, from Telegram to the store: every state-changing store call
// made while handling update U carries the idempotency key "tg:U" (its own
// reply "tg:U:r0"), and the handling ends with one Store.FinishUpdate that
// saves the chat's conversation, enqueues the bot's other replies
// ("tg:U:r1", "tg:U:r2", ...) and moves the update offset past U in one
// transaction. A crash anywhere in between makes Telegram deliver U again;
// handling it again repeats nothing (the store answers repeated keys with the
// first result) and loses nothing. Updates below the stored offset are
// skipped unread.
//
// From the store to Telegram, the sender sends each outbox entry and then
// marks it sent; see sender.go for the one window in which a message can be
// sent twice.
//
// Nothing in this package sends a chat message outside the outbox. The only
// requests it makes directly are acknowledgements and settings
// (answerCallbackQuery, setMyCommands), which change no chat.
package bot

import (
	"cmp"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	fo "frontoffice"
)

// API is the part of the Telegram library the bot uses. *tgbotapi.BotAPI
// satisfies it. Request is used for every method — never Send, which fails
// after success on methods that return true (DESIGN.md) — and uploads files
// itself when the config carries one.
type API interface {
	Request(c tgbotapi.Chattable) (*tgbotapi.APIResponse, error)
}

// Store is everything the bot asks of the store: one value (cmd passes
// *data.Store) that satisfies each of the small interfaces below, which the
// files of this package declare and use for their own flow.
type Store interface {
	offsetStore
	conversationStore
	outboxStore
	relayStore
	bookingStore
	callStore
	complaintStore
	linkStore
	surveyStore
	workStore
	signStore
	discountStore
	stationStore // station.go (issue 14)
	fieldStore   // field.go (FLD-1..4)
	// FLD-5: the technician on site, and the file fetcher (field_site.go, file.go).
	fieldSiteStore
	fileStore
	networkStore // station_complaint.go (NET-2, NET-3)
}

// Documents renders the PDF a message names, at send time. The forms
// package implements it; a nil Documents sends such messages as text.
type Documents interface {
	Render(ctx context.Context, doc fo.Document, lang fo.Lang) ([]byte, error)
}

// Limits are Telegram's sending limits as the sender keeps them. Zero
// fields take the defaults; tests shorten them.
type Limits struct {
	// PerChat is the least time between the end of one message to a
	// private chat and the start of the next: 1 s (~1 msg/s per chat).
	PerChat time.Duration
	// PerGroup is the same for group chats: 3 s (20 messages a minute).
	PerGroup time.Duration
	// Global is the least time between the starts of any two sends: 40 ms
	// (≤ 25 msg/s overall, under Telegram's ~30).
	Global time.Duration
	// DownBackoff is the first pause of all sending once Telegram is found
	// down (it doubles up to 5 min while it stays down): 1 s.
	DownBackoff time.Duration
}

func (l Limits) withDefaults() Limits {
	if l.PerChat <= 0 {
		l.PerChat = time.Second
	}
	if l.PerGroup <= 0 {
		l.PerGroup = 3 * time.Second
	}
	if l.Global <= 0 {
		l.Global = 40 * time.Millisecond
	}
	if l.DownBackoff <= 0 {
		l.DownBackoff = time.Second
	}
	return l
}

// Config is what New needs. API and Store are required.
type Config struct {
	API   API
	Store Store
	// Clock gives the time for the shop's rules (which days and slots are
	// bookable, NotBefore of outbox entries); the wall clock when nil. Rate
	// limits and the pauses while Telegram is down use the wall clock; an
	// entry's own back-off is kept by the store, on the store's clock.
	Clock fo.Clock
	// Logger receives the bot's log; discarded when nil. Nothing logged
	// carries the token or an unmasked phone number.
	Logger *slog.Logger
	// Documents renders PDFs for messages that carry a Document; nil until
	// the forms package exists.
	Documents Documents
	// Limits override the sending limits (tests).
	Limits Limits
	// OnSend, when set, is called after every send attempt of an outbox
	// entry with its result: "ok" (Telegram took it), "retry" (it failed and
	// will be tried again), "parked" (it failed for the last time: parked for
	// staff, or refused by Telegram for good and kept as a dead letter),
	// "rate_limited" (429: all sending pauses as Telegram asks). It never
	// gets a chat id; it must not block.
	OnSend func(result string)
	// OnUpdate, when set, is told how late each update with a message is
	// handled: the clock's now minus the message's date (metrics). It must
	// not block.
	OnUpdate func(lag time.Duration)
	// PollTimeout is getUpdates' long-poll timeout: 50 s when zero, and
	// never more. The HTTP deadline of getUpdates must be above it (NewAPI
	// sees to that).
	PollTimeout time.Duration

	// FLD-5 and stored files (field_site.go, file.go): FileEndpoint is the
	// download endpoint of files, "https://host/file/bot%s/%s"
	// (FileEndpointFor of the API endpoint; Telegram's when empty);
	// FetchEvery how often the fetcher reads its waiting list (3 s when
	// zero); SignURL makes the acceptance signature page's address of a
	// link token ("" while the shop has no public address: the technician
	// is then told to use paper).
	FileEndpoint string
	FetchEvery   time.Duration
	SignURL      func(token string) string
}

// Bot runs the poller and the sender. Create it with New.
type Bot struct {
	api        API
	offsets    offsetStore
	convs      conversationStore
	outbox     outboxStore
	relays     relayStore
	bookings   bookingStore
	calls      callStore
	complaints complaintStore
	links      linkStore
	surveys    surveyStore
	work       workStore
	signs      signStore
	discounts  discountStore
	stations   stationStore
	field      fieldStore
	network    networkStore
	clock      fo.Clock
	log        *slog.Logger
	docs       Documents
	limits     Limits
	poll       time.Duration
	redact     func(string) string
	texts      fo.Catalog
	onSend     func(string)
	onUpdate   func(time.Duration)

	// FLD-5 and the file fetcher (field_site.go, file.go).
	site         fieldSiteStore
	files        fileStore
	token        string
	fileEndpoint string
	fetchEvery   time.Duration
	httpClient   *http.Client
	signURL      func(string) string
}

// New returns a bot for cfg. It panics when cfg.API or cfg.Store is nil, a
// wiring mistake.
func New(cfg Config) *Bot {
	if cfg.API == nil || cfg.Store == nil {
		panic("bot.New: Config.API and Config.Store are required")
	}
	if cfg.Clock == nil {
		cfg.Clock = fo.SystemClock{}
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.PollTimeout <= 0 || cfg.PollTimeout > 50*time.Second {
		cfg.PollTimeout = 50 * time.Second
	}
	token := ""
	if b, ok := cfg.API.(*tgbotapi.BotAPI); ok {
		token = b.Token
	}
	return &Bot{
		api:        cfg.API,
		offsets:    cfg.Store,
		convs:      cfg.Store,
		outbox:     cfg.Store,
		relays:     cfg.Store,
		bookings:   cfg.Store,
		calls:      cfg.Store,
		complaints: cfg.Store,
		links:      cfg.Store,
		surveys:    cfg.Store,
		work:       cfg.Store,
		signs:      cfg.Store,
		discounts:  cfg.Store,
		stations:   cfg.Store,
		field:      cfg.Store,
		network:    cfg.Store,
		clock:      cfg.Clock,
		log:        cfg.Logger,
		docs:       cfg.Documents,
		limits:     cfg.Limits.withDefaults(),
		poll:       cfg.PollTimeout,
		redact:     redactor(token),
		texts:      fo.Texts.MustMerge(Texts, stationTexts, fieldSiteTexts),
		onSend:     cfg.OnSend,
		onUpdate:   cfg.OnUpdate,

		site:         cfg.Store,
		files:        cfg.Store,
		token:        token,
		fileEndpoint: cmp.Or(cfg.FileEndpoint, tgbotapi.FileEndpoint),
		fetchEvery:   cmp.Or(cfg.FetchEvery, fetchEvery),
		httpClient:   &http.Client{Timeout: fetchDeadline},
		signURL:      cfg.SignURL,
	}
}

// Run sets the bot's commands (in the background) and runs the poller and
// the sender until ctx ends, and returns after both stopped: ctx's error, or the first error
// that stopped one of them for good (none does today: both retry with
// back-off). An update being handled when ctx ends is finished first; a
// getUpdates request in flight is abandoned (its updates, unconfirmed, come
// again at the next start).
func (b *Bot) Run(ctx context.Context) error {
	// Not waited for: it touches no state, and a slow Telegram must not
	// delay the start (or the end) of polling and sending.
	go b.setCommands()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	errs := make([]error, 3)
	wg.Add(3)
	go func() {
		defer wg.Done()
		defer cancel()
		errs[0] = b.runPoller(ctx)
	}()
	go func() {
		defer wg.Done()
		defer cancel()
		errs[1] = b.runSender(ctx)
	}()
	go func() { // file.go
		defer wg.Done()
		defer cancel()
		errs[2] = b.runFetcher(ctx)
	}()
	wg.Wait()
	for _, err := range errs {
		if err != nil && !errors.Is(err, context.Canceled) {
			return err
		}
	}
	return ctx.Err()
}

// sleep waits d or until ctx ends, and reports whether the full d passed.
func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
