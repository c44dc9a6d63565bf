package kiosk

import (
	"sync"
	"time"

	fo "frontoffice"
)

// Guessing limits of the kiosk's lookups (booking code, plate + last 4
// phone digits). Each lookup takes a token from the client's bucket and
// from the overall bucket; a lookup that finds the appointment gives them
// back, so only misses count. An empty bucket refuses further lookups
// with "please ask at the desk" until tokens come back, one per refill
// period. With these figures a guesser gets about 40 tries an hour from
// one client and 120 an hour in all, against 10,000 last-4 combinations
// and 887 million booking codes; a customer who mistypes twice never
// notices.
const (
	clientBurst  = 10
	clientRefill = 90 * time.Second
	allBurst     = 30
	allRefill    = 30 * time.Second
	// sessionFails is how many misses one kiosk session may have before it
	// is sent to the desk (the idle reset or "start again" clears it).
	sessionFails = 5
	// maxClients bounds the per-client buckets kept.
	maxClients = 10000
)

// bucket is a token bucket.
type bucket struct {
	tokens float64
	at     time.Time
}

// fill adds the tokens earned since b.at, up to burst.
func (b *bucket) fill(now time.Time, burst int, refill time.Duration) {
	if b.at.IsZero() {
		b.tokens, b.at = float64(burst), now
		return
	}
	if d := now.Sub(b.at); d > 0 {
		b.tokens = min(float64(burst), b.tokens+float64(d)/float64(refill))
		b.at = now
	}
}

// limiter limits kiosk lookups per client and overall.
type limiter struct {
	clock fo.Clock

	mu      sync.Mutex
	clients map[string]*bucket
	all     bucket
}

func newLimiter(clock fo.Clock) *limiter {
	return &limiter{clock: clock, clients: map[string]*bucket{}}
}

// take takes a token for a lookup by client from its bucket and the
// overall one. It returns false, taking nothing, when either is empty.
func (l *limiter) take(client string) bool {
	now := l.clock.Now()
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.clients[client]
	if b == nil {
		if len(l.clients) >= maxClients {
			l.prune(now)
		}
		b = &bucket{}
		l.clients[client] = b
	}
	b.fill(now, clientBurst, clientRefill)
	l.all.fill(now, allBurst, allRefill)
	if b.tokens < 1 || l.all.tokens < 1 {
		return false
	}
	b.tokens--
	l.all.tokens--
	return true
}

// refund gives back the tokens of a lookup that found what it looked for.
func (l *limiter) refund(client string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if b := l.clients[client]; b != nil {
		b.tokens = min(clientBurst, b.tokens+1)
	}
	l.all.tokens = min(allBurst, l.all.tokens+1)
}

// prune drops the buckets that are full again (they hold no memory of
// misses). The caller holds l.mu.
func (l *limiter) prune(now time.Time) {
	for k, b := range l.clients {
		b.fill(now, clientBurst, clientRefill)
		if b.tokens >= clientBurst {
			delete(l.clients, k)
		}
	}
}
