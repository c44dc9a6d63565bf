package kiosk

import (
	"sync"
	"time"

	fo "frontoffice"
)

// Kiosk limits (issue 10): per enrolled device and per flow, plus a
// per-session cap on lookup misses.
//
// Only enrolled devices reach the kiosk's flows (device.go), so the
// limits are kept per device, never per address or overall: one device's
// abuse never touches another device, and an address outside the lobby has
// no allowance at all. Within a device, a visitor first meets the session
// cap (sessionFails misses, then "please ask at the desk"); "start again"
// or the idle reset gives the next visitor a fresh session, but not a
// fresh device bucket, so a visitor starting again and again still
// empties only the device's slow bucket, which is sized well above a real
// lobby's use. When it is empty, the desk's "unlock" button on the console
// (Devices) refills it at once (fo.Device.Unlocks).
//
// How the buckets are sized (one kiosk, a busy day):
//   - lookup misses (check-in by code or plate + last 4): a busy lobby
//     checks in at most ~60 appointments an hour at one kiosk, and perhaps
//     one in five mistypes once: ~12 misses an hour. The bucket holds 30
//     and gets one back every 2 minutes (30 an hour), so nine misses in a
//     row never block the next customer, and a guesser gets 30 an hour:
//     over 300 hours for the 10,000 last-4 combinations of one plate.
//     A hit costs nothing.
//   - "rate your visit" lookup misses: the same figures, their own bucket.
//   - walk-ins: a busy lobby sees at most ~60 walk-ins an hour at one
//     kiosk; the bucket holds 30 and gets one back a minute (60 an hour),
//     so a script gets 30 at once and then one a minute — over a 12-hour
//     day at most 750 of the day's 999 numbers, against the desk's own
//     walk-in form and the console's unlock/revoke long before that.
//   - complaints: a shop gets a few a day at the kiosk; the bucket holds
//     6 and gets one back every 10 minutes (6 an hour), so 25 major
//     complaints in a burst file 6.
//   - ratings: one per delivered visit; 30, one back a minute.
const (
	// sessionFails is how many lookup misses one kiosk session may have
	// before it is sent to the desk (the idle reset or "start again"
	// clears it, the device's bucket stays).
	sessionFails = 5
)

// flow is a kiosk flow with its own bucket per device.
type flow int

const (
	flowLookup flow = iota
	flowRateLookup
	flowWalkIn
	flowComplaint
	flowRating
	nFlows
)

// flowRate is a bucket's size and refill period.
type flowRate struct {
	burst int
	every time.Duration
}

// flowRates are the buckets' sizes (see the comment above).
var flowRates = [nFlows]flowRate{
	flowLookup:     {30, 2 * time.Minute},
	flowRateLookup: {30, 2 * time.Minute},
	flowWalkIn:     {30, time.Minute},
	flowComplaint:  {6, 10 * time.Minute},
	flowRating:     {30, time.Minute},
}

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

// deviceLimits are one device's buckets and the unlock count they were
// last refilled at.
type deviceLimits struct {
	flows   [nFlows]bucket
	unlocks uint64
}

// limiter keeps the kiosk's limits per device. Devices are few (the
// enrolled ones), so the map stays small.
type limiter struct {
	clock fo.Clock

	mu      sync.Mutex
	devices map[uint64]*deviceLimits
}

func newLimiter(clock fo.Clock) *limiter {
	return &limiter{clock: clock, devices: map[uint64]*deviceLimits{}}
}

// limits returns dev's buckets, refilled when staff unlocked the device
// since. The caller holds l.mu.
func (l *limiter) limits(dev fo.Device) *deviceLimits {
	d := l.devices[dev.ID]
	if d == nil || d.unlocks != dev.Unlocks {
		d = &deviceLimits{unlocks: dev.Unlocks}
		l.devices[dev.ID] = d
	}
	return d
}

// take takes a token of flow f from dev's bucket. It returns false,
// taking nothing, when the bucket is empty.
func (l *limiter) take(dev fo.Device, f flow) bool {
	now := l.clock.Now()
	l.mu.Lock()
	defer l.mu.Unlock()
	b := &l.limits(dev).flows[f]
	b.fill(now, flowRates[f].burst, flowRates[f].every)
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// refund gives back the token of a lookup that found what it looked for.
func (l *limiter) refund(dev fo.Device, f flow) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := &l.limits(dev).flows[f]
	b.tokens = min(float64(flowRates[f].burst), b.tokens+1)
}
