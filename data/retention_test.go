package data

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
	"frontoffice/internal/fakeclock"
	"frontoffice/internal/sigdraw"
)

// The retention simulation: a busy shop — 40 visits a day checked in at
// the kiosk, each taken in, made ready and delivered, and a dozen
// appointments a day booked for the next day through the bot with an
// idempotency key (kept or not: the reminders, confirmations and no-show
// marks are the domain's); 200 messages a day or more sent and marked sent
// (the domain's own, at least 20 of them staff relays); a staff
// login and kiosk link tokens every day; what is due run through the day;
// and the nightly prune at 03:10 — all through the store's real methods on
// a fake clock.

// transportBuckets hold what only carries messages and requests.
var transportBuckets = [][]byte{bIdem, bIdemAt, bOutbox, bOutboxNext, bOutboxChat, bOutboxParked, bOutboxKeys,
	bOutboxDead, bRelay, bRelayAt, bSessions, bLinkTokens, bDueParked, bQueueStats}

type shopSim struct {
	tb       testing.TB
	s        *Store
	clock    *fakeclock.Clock
	st       fo.Settings
	loc      *time.Location
	r        *rand.Rand
	custID   map[int]uint64
	n        int // requests made, for idempotency keys
	msgs     int // messages sent
	booked   int // appointments booked
	errs     int // bookings refused for another reason than a taken slot
	dayStart int // y.msgs when the day began
	pruned   map[string]int
}

func newShopSim(tb testing.TB, start time.Time) *shopSim {
	s, clock := newTestStore(tb, noSync(), supervisorOnTelegram(), startingAt(start))
	st, _ := s.Settings()
	st.Bays = 12
	if err := s.SaveSettings(st); err != nil {
		tb.Fatal(err)
	}
	SetPasswordCost(4)
	if _, err := s.AddAccount(fo.Account{Login: "li", Name: "李娜", Role: fo.RoleReception}, "correct horse battery"); err != nil {
		tb.Fatal(err)
	}
	return &shopSim{tb: tb, s: s, clock: clock, st: st, loc: st.Location(), r: rand.New(rand.NewPCG(9, 2026)),
		custID: map[int]uint64{}, pruned: map[string]int{}}
}

func (y *shopSim) must(err error) {
	y.tb.Helper()
	if err != nil {
		y.tb.Fatalf("%v at %v", err, y.clock.Now().In(y.loc))
	}
}

// at sets the clock to hh:mm of day.
func (y *shopSim) at(day time.Time, hh, mm int) {
	y.clock.Set(time.Date(day.Year(), day.Month(), day.Day(), hh, mm, 0, 0, y.loc))
}

// customer i of a pool of 4000 (returning customers keep their archive).
func (y *shopSim) customer(i int) (fo.CustomerInput, string) {
	plate := fmt.Sprintf("京F%05d", i)
	if id, ok := y.custID[i]; ok {
		return fo.CustomerInput{ID: id}, plate
	}
	return fo.CustomerInput{Name: fmt.Sprintf("客户%d", i), Phone: fmt.Sprintf("1390%07d", i), Lang: fo.ZH, ChatID: int64(5000000 + i)}, plate
}

// drain sends everything sendable, as the bot does.
func (y *shopSim) drain() {
	for {
		es, _, err := y.s.Pending(y.clock.Now(), 500)
		y.must(err)
		if len(es) == 0 {
			return
		}
		for _, e := range es {
			y.msgs++
			y.must(y.s.MarkSent(e.Seq, y.msgs))
		}
	}
}

// day runs one day of the shop.
func (y *shopSim) day(d time.Time) {
	y.at(d, 3, 10)
	p, err := y.s.Prune(y.clock.Now())
	y.must(err)
	for k, v := range p {
		y.pruned[k] += v
	}
	if y.st.IsClosedDate(d) {
		return
	}
	y.at(d, 8, 30)
	_, _, err = y.s.CreateSession("li")
	y.must(err)
	y.must(y.runDue())
	// 40 check-ins; the first dozen customers also book tomorrow.
	next := d.AddDate(0, 0, 1)
	var visits []fo.Visit
	for i := range 40 {
		ci := y.r.IntN(4000)
		cust, plate := y.customer(ci)
		y.at(d, 9+i/5, (i%5)*10)
		if i < 12 && !y.st.IsClosedDate(next) {
			y.n++
			slot := time.Date(next.Year(), next.Month(), next.Day(), 9+i/2, 0, 0, 0, y.loc)
			a, err := y.s.Book(fo.BookRequest{Idem: "tg:" + strconv.Itoa(y.n), ServiceID: "maint", Start: slot, Customer: cust,
				Plate: plate, Source: "bot", By: "customer:bot"})
			if err == nil {
				y.custID[ci] = a.CustomerID
				y.booked++
			} else if !errors.Is(err, fo.ErrSlotTaken) {
				y.errs++
			}
		}
		v, err := y.s.CheckIn(fo.CheckInRequest{Customer: cust, Plate: plate, ServiceID: "maint", Source: "kiosk", By: "kiosk"})
		if err != nil {
			continue // e.g. that car is in the shop already
		}
		y.custID[ci] = v.CustomerID
		visits = append(visits, v)
		if i%8 == 0 {
			_, err := y.s.CreateLinkToken(v.CustomerID, v.ID)
			y.must(err)
		}
	}
	for i, v := range visits {
		y.at(d, 9+i/5, (i%5)*10+5)
		now := y.clock.Now()
		wo := fo.WorkOrder{Purpose: "保养", Lines: []fo.EstimateLine{{Description: "保养", Mode: fo.PriceByItem, Labor: 20000, Parts: 15000,
			PartsSource: fo.PartsShop, PartsKind: fo.PartsOriginal}}, FuelEighths: 4, Odometer: 1000, KeyNo: "K-1",
			EstimatedMinutes: 60, PromisedAt: now.Add(3 * time.Hour), Receiver: "车间", HandoverAt: now}
		_, err := y.s.Intake(fo.IntakeRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, WorkOrder: wo, By: "staff:li"})
		y.must(err)
	}
	y.drain()
	y.at(d, 12, 0)
	y.must(y.runDue())
	y.drain()
	for i, v := range visits {
		y.at(d, 13+i/8, (i%8)*5)
		_, err := y.s.SetReady(v.ID, fo.CompleteChecklist, "staff:li")
		y.must(err)
		y.at(d, 13+i/8, (i%8)*5+3)
		set := fo.Settlement{Amount: 35000}
		set.Paid = set.Due()
		_, err = y.s.Deliver(fo.DeliverRequest{Signature: sigdraw.Pad("客户"), VisitID: v.ID, Settlement: set, By: "staff:li"})
		y.must(err)
	}
	y.drain()
	// The rest of the day's 200 messages, and at least 20: staff and
	// customers talking through the bot (relayed, REC-3).
	y.at(d, 17, 0)
	var talk []fo.Message
	for i := min(y.sentToday(), 180); i < 200; i++ { // at least 20 relayed
		y.n++
		talk = append(talk, fo.Message{Key: "tg:" + strconv.Itoa(y.n) + ":r0", ChatID: -100, Text: "客户留言：" + strings.Repeat("好", 40),
			RelayTo: int64(5000000 + y.r.IntN(4000)), RelayLang: fo.ZH})
	}
	y.must(y.s.Enqueue(talk...))
	y.drain()
	for _, h := range []int{18, 21} {
		y.at(d, h, 0)
		y.must(y.runDue())
		y.drain()
	}
}

// sentToday counts the messages sent since the day began.
func (y *shopSim) sentToday() int { return y.msgs - y.dayStart }

func (y *shopSim) runDue() error {
	_, err := y.s.RunDue(y.clock.Now())
	return err
}

// run simulates days days from start.
func (y *shopSim) run(start time.Time, days int) {
	for i := range days {
		y.dayStart = y.msgs
		y.day(start.AddDate(0, 0, i))
	}
}

// sizes returns the file's size and the bytes the transport buckets use.
func (y *shopSim) sizes() (file, transport int64) {
	y.s.db.View(func(tx *bolt.Tx) error {
		file = tx.Size()
		for _, b := range transportBuckets {
			bs := tx.Bucket(b).Stats()
			transport += int64(bs.BranchInuse + bs.LeafInuse + bs.InlineBucketInuse)
		}
		return nil
	})
	return file, transport
}

// simDays is the quick simulation's length: a month and the first prune
// of its first day's idempotency keys (IdemTTL).
const simDays = 32

// One simulated month of a busy shop: what only carries messages stays a
// small share of the file, and the nightly prune really removes it.
func TestRetentionSimulatedMonth(t *testing.T) {
	start := at(2027, 1, 4, 0, 0)
	y := newShopSim(t, start)
	y.run(start, simDays)
	file, transport := y.sizes()
	t.Logf("%d days: file %.1f MB, transport %.1f%%, %d messages, pruned %v", simDays, float64(file)/1e6, 100*float64(transport)/float64(file), y.msgs, y.pruned)
	if share := float64(transport) / float64(file); share > 0.10 {
		t.Errorf("transport data is %.1f%% of the file, want ≤ 10%%", 100*share)
	}
	if y.booked < simDays*5 || y.errs > y.booked/10 {
		t.Errorf("booked %d, %d refused", y.booked, y.errs)
	}
	if y.msgs < simDays*150 {
		t.Errorf("only %d messages sent", y.msgs)
	}
	if y.pruned["idem"] == 0 || y.pruned["sessions"] == 0 || y.pruned["link_tokens"] == 0 {
		t.Errorf("nothing pruned: %v", y.pruned)
	}
	// Nothing younger than its age is gone; nothing older is left.
	now := y.clock.Now()
	y.s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bIdemAt).Cursor()
		k, _ := c.First()
		if k == nil || time.Unix(int64(btou(k[:8])), 0).Before(now.Add(-IdemTTL-24*time.Hour)) {
			t.Errorf("oldest idempotency key: %v", k)
		}
		if n := tx.Bucket(bIdem).Stats().KeyN; n != tx.Bucket(bIdemAt).Stats().KeyN || n < 25*10 {
			t.Errorf("idem keys %d, index %d", n, tx.Bucket(bIdemAt).Stats().KeyN)
		}
		if n := tx.Bucket(bSessions).Stats().KeyN; n > 2 {
			t.Errorf("%d sessions kept", n)
		}
		return nil
	})
	if st, _ := y.s.QueueStats(now); st.OutboxWaiting != 0 || st.OutboxParked != 0 || st.DueParked != 0 {
		t.Errorf("queue stats %+v", st)
	}
}

// BenchmarkRetentionYears simulates two years of a busy shop and reports
// the data file's size after one and two years, the transport share and
// the memory. It takes minutes:
//
//	go test ./data -run '^$' -bench RetentionYears -benchtime 1x
func BenchmarkRetentionYears(b *testing.B) {
	for range b.N {
		start := at(2027, 1, 4, 0, 0)
		y := newShopSim(b, start)
		y.run(start, 365)
		f1, t1 := y.sizes()
		y.run(start.AddDate(1, 0, 0), 365)
		f2, t2 := y.sizes()
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		b.ReportMetric(float64(f1)/1e6, "file-MB-1y")
		b.ReportMetric(float64(f2)/1e6, "file-MB-2y")
		b.ReportMetric(100*float64(t1)/float64(f1), "transport-%-1y")
		b.ReportMetric(100*float64(t2)/float64(f2), "transport-%-2y")
		b.ReportMetric(float64(ms.HeapAlloc)/1e6, "heap-MB")
		b.ReportMetric(rssMB("VmRSS:"), "RSS-MB")
		b.ReportMetric(rssMB("RssAnon:"), "RssAnon-MB")
		b.ReportMetric(float64(y.msgs), "messages")
	}
}

// rssMB is a line of the process's memory status in MB (Linux; 0
// elsewhere): "VmRSS:" the resident set, "RssAnon:" the part that is the
// process's own (the rest is the binary's and the data file's pages).
func rssMB(field string) float64 {
	raw, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == field {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}

// Each transport record goes at its age and not a day before; a parked
// entry only once the console has shown it; waiting messages never.
func TestPruneAges(t *testing.T) {
	s, clock := newTestStore(t)
	day := 24 * time.Hour
	t0 := clock.Now()
	s.Enqueue(fo.Message{Key: "relayed", ChatID: -100, Text: "a customer asks", RelayTo: 42},
		fo.Message{Key: "refused", ChatID: 43, Text: "to a blocked chat"},
		fo.Message{Key: "poison", ChatID: 44, Text: "never taken"},
		fo.Message{Key: "waiting", ChatID: 45, Text: "held a long time", NotBefore: t0.Add(400 * day)})
	es, _, _ := s.Pending(t0, 10)
	s.MarkSent(es[0].Seq, 900)
	s.MarkFailed(es[1].Seq, "Forbidden: bot was blocked by the user", true)
	for try := 1; try <= fo.MaxQueueTries; try++ {
		s.MarkFailed(es[2].Seq, "Internal Server Error", false)
	}
	s.update(func(tx *bolt.Tx, _ *writer) error { return idemPut(tx, "tg:1", "first result") })

	prune := func(at time.Duration) map[string]int {
		clock.Set(t0.Add(at))
		p, err := s.Prune(clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	if p := prune(29 * day); p["idem"]+p["outbox_dead"]+p["parked"]+p["relay"]+p["outbox_keys"] != 0 {
		t.Errorf("pruned too early: %v", p)
	}
	if p := prune(31 * day); p["idem"] != 1 || p["outbox_dead"] != 1 || p["parked"] != 0 {
		t.Errorf("at 31 days: %v (the parked entry was never shown)", p)
	}
	if _, err := s.Parked(); err != nil {
		t.Fatal(err)
	}
	if p := prune(31*day + time.Hour); p["parked"] != 1 {
		t.Errorf("shown parked entry kept: %v", p)
	}
	if _, _, err := s.RelayTarget(-100, 900); err != nil {
		t.Errorf("relay gone before 60 days: %v", err)
	}
	if p := prune(61 * day); p["relay"] != 1 || p["outbox_keys"] != 3 {
		t.Errorf("at 61 days: %v", p)
	}
	if _, _, err := s.RelayTarget(-100, 900); !errors.Is(err, fo.ErrNotFound) {
		t.Errorf("relay kept: %v", err)
	}
	if st, _ := s.QueueStats(clock.Now()); st.OutboxWaiting != 2 || st.OutboxParked != 0 { // "waiting" and the parking notice
		t.Errorf("stats %+v", st)
	}
	s.db.View(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bOutboxKeys).Get([]byte("waiting")); v == nil {
			t.Errorf("a waiting message's key was pruned")
		}
		return nil
	})
}
