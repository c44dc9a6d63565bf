package console

import (
	"context"
	"errors"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	fo "frontoffice"
	"frontoffice/forms"
)

// linkedCustomer puts a customer on file whose Telegram chat is linked,
// as the bot leaves one after a shared contact.
func linkedCustomer(t testing.TB, h *conHarness, name, phone, plate string, chat int64, lang fo.Lang) fo.Customer {
	t.Helper()
	// A first appointment through the bot's path makes the archive.
	a, err := h.store.Book(fo.BookRequest{ServiceID: "maint", Start: conAt(30, 16, 0), Plate: plate, Source: "bot", By: "customer:bot",
		Customer: fo.CustomerInput{Name: name, Phone: phone, ChatID: chat, Lang: lang, Verified: true, Consent: true}})
	if err != nil {
		t.Fatal(err)
	}
	c, err := h.store.Customer(a.CustomerID)
	if err != nil || c.ChatID != chat {
		t.Fatalf("customer %+v %v", c, err)
	}
	return c
}

// outboxOf returns the waiting messages whose key starts with prefix.
func outboxOf(t testing.TB, h *conHarness, prefix string) []fo.Message {
	t.Helper()
	entries, _, err := h.store.Pending(h.clock.Now().Add(365*24*time.Hour), 10000)
	if err != nil {
		t.Fatal(err)
	}
	var out []fo.Message
	for _, e := range entries {
		if strings.HasPrefix(e.Message.Key, prefix) {
			out = append(out, e.Message)
		}
	}
	return out
}

// icsOf renders the calendar file a message carries, as the sender would.
func icsOf(t testing.TB, h *conHarness, m fo.Message) string {
	t.Helper()
	if m.Document == nil || m.Document.Kind != fo.DocICS || !strings.HasSuffix(m.Document.Name, ".ics") {
		t.Fatalf("message %s carries no calendar file: %+v", m.Key, m.Document)
	}
	r := &forms.Renderer{Engine: testEngine(t), Store: h.store}
	b, err := r.Render(context.Background(), *m.Document, m.Lang)
	if err != nil {
		t.Fatal(err)
	}
	return strings.ReplaceAll(string(b), "\r\n ", "")
}

var aptIDRe = regexp.MustCompile(`^/staff/appointments/(\d+)$`)

// A phone booking at the desk, its move and its cancellation through the
// console's forms, in zh and en (APT-1..4): the booking may fall inside the
// online lead time; the linked customer's Telegram gets the confirmation
// with the slip and the calendar file (UID stable, SEQUENCE rising, CANCEL
// at the end); the staff chat is told each time; the register names the
// desk.
func TestConsoleBookMoveCancelAPT1APT4(t *testing.T) {
	for _, lang := range []fo.Lang{fo.ZH, fo.EN} {
		t.Run(string(lang), func(t *testing.T) {
			h := newConHarness(t)
			if err := h.store.SetAccountLang("li", lang); err != nil {
				t.Fatal(err)
			}
			cu := linkedCustomer(t, h, "王小明", "13912345678", "京B54321", 777, lang)
			c := h.login("li")

			// Found by the plate, as the desk types it.
			found := c.post("/staff/appointments/find", url.Values{"q": {"京b54321"}, "day": {"2026-11-27"}})
			if found.status != http.StatusOK || !strings.Contains(found.body, `name="customer_id" value="`+strconv.FormatUint(cu.ID, 10)+`"`) {
				t.Fatalf("find: %d %s", found.status, excerpt(found.body))
			}
			// 09:30 today is inside the online lead time (60 min) but fine at the desk.
			res := c.post("/staff/appointments/book", url.Values{"customer_id": {strconv.FormatUint(cu.ID, 10)}, "plate": {"京B54321"},
				"service": {"collision"}, "start": {"2026-11-27T09:30"}, "note": {"电话预约"}, "idem": {"k1"}})
			m := aptIDRe.FindStringSubmatch(res.location)
			if res.status != http.StatusSeeOther || m == nil {
				t.Fatalf("book: %d %q %s", res.status, res.location, excerpt(res.body))
			}
			id, _ := strconv.ParseUint(m[1], 10, 64)
			page := c.follow(res)
			has(t, page.body, html.EscapeString(h.srv.texts.T(lang, "con.flash.booked_telegram")), `id="ics-link"`, `id="slip-link"`, `id="apt-linked"`)
			a, _ := h.store.Appointment(id)
			if a.Source != "console" || a.Deposit != 130000 || !a.Start.Equal(conAt(27, 9, 30)) { // APT-2
				t.Errorf("appointment %+v", a)
			}
			// A repeated submit (the same form) books once.
			if again := c.post("/staff/appointments/book", url.Values{"customer_id": {strconv.FormatUint(cu.ID, 10)}, "plate": {"京B54321"},
				"service": {"collision"}, "start": {"2026-11-27T09:30"}, "idem": {"k1"}}); again.location != res.location {
				t.Errorf("double submit went to %q", again.location)
			}

			booked := outboxOf(t, h, fmt.Sprintf("apt:%d:booked", id))
			var conf, cal *fo.Message
			staff := 0
			for i := range booked {
				switch msg := &booked[i]; {
				case msg.ChatID == 777 && msg.Document != nil && msg.Document.Kind == fo.DocSlip:
					conf = msg
				case msg.ChatID == 777 && msg.Document != nil && msg.Document.Kind == fo.DocICS:
					cal = msg
				case msg.ChatID == -100:
					staff++
				}
			}
			if conf == nil || cal == nil || staff != 1 {
				t.Fatalf("booking messages %+v", booked)
			}
			if conf.Lang != lang || !strings.Contains(conf.Text, a.Code) {
				t.Errorf("confirmation %+v", conf)
			}
			ics := icsOf(t, h, *cal)
			uid := "UID:" + fo.ICSUID(a)
			has(t, ics, "METHOD:REQUEST", "STATUS:CONFIRMED", "SEQUENCE:0", uid, "DTSTART:20261127T013000Z")

			// Move to Monday 10:00 (APT-4).
			res = c.post(aptPath(id)+"/move", url.Values{"start": {"2026-11-30T10:00"}, "idem": {"m1"}})
			if res.status != http.StatusSeeOther {
				t.Fatalf("move: %d %s", res.status, excerpt(res.body))
			}
			has(t, c.follow(res).body, html.EscapeString(h.srv.texts.T(lang, "con.flash.apt_moved")))
			moved := outboxOf(t, h, fmt.Sprintf("apt:%d:moved", id))
			var movedICS *fo.Message
			for i := range moved {
				if moved[i].Document != nil && moved[i].Document.Kind == fo.DocICS && moved[i].ChatID == 777 {
					movedICS = &moved[i]
				}
			}
			if len(moved) != 3 || movedICS == nil {
				t.Fatalf("move messages %+v", moved)
			}
			has(t, icsOf(t, h, *movedICS), "METHOD:REQUEST", "SEQUENCE:1", uid, "DTSTART:20261130T020000Z")

			// Cancel (APT-4).
			res = c.post(aptPath(id)+"/cancel", url.Values{"reason": {"客户来电取消"}})
			if res.status != http.StatusSeeOther || res.location != "/staff/appointments?day=2026-11-30" {
				t.Fatalf("cancel: %d %q %s", res.status, res.location, excerpt(res.body))
			}
			has(t, c.follow(res).body, html.EscapeString(h.srv.texts.T(lang, "con.flash.apt_cancelled")))
			cx := outboxOf(t, h, fmt.Sprintf("apt:%d:cancelled", id))
			if len(cx) != 3 {
				t.Fatalf("cancel messages %+v", cx)
			}
			for _, msg := range cx {
				if msg.Document != nil && msg.Document.Kind == fo.DocICS {
					has(t, icsOf(t, h, msg), "METHOD:CANCEL", "STATUS:CANCELLED", "SEQUENCE:2", uid)
				}
			}

			// APT-3: the register names the desk.
			reg, _ := h.store.Register(conAt(27, 0, 0), conAt(28, 0, 0))
			var acts []string
			for _, e := range reg {
				if e.Ref == id {
					acts = append(acts, e.Action+" "+e.By)
				}
			}
			if strings.Join(acts, ",") != "booked staff:li,moved staff:li,cancelled staff:li" {
				t.Errorf("register %v", acts)
			}
		})
	}
}

// A new customer on the phone without Telegram (REC-2): booked with name,
// phone and plate; the desk is told to print the slip, and the slip and the
// calendar file download.
func TestConsoleBookNewCustomerSlipREC2(t *testing.T) {
	h := newAsHarness(t)
	c := h.login("zhao")
	res := c.post("/staff/appointments/book", url.Values{"name": {"赵六"}, "phone": {"138 0000 1111"}, "plate": {"津C11223"},
		"address": {"天津市和平区"}, "service": {"maint"}, "start": {"2026-11-28T10:00"}, "lang": {"zh"}})
	if res.status != http.StatusSeeOther {
		t.Fatalf("book: %d %s", res.status, excerpt(res.body))
	}
	page := c.follow(res)
	has(t, page.body, html.EscapeString(h.srv.texts.T(fo.ZH, "con.flash.booked_print")), `id="apt-print"`)
	id, _ := strconv.ParseUint(aptIDRe.FindStringSubmatch(res.location)[1], 10, 64)
	cu, err := h.store.CustomerByPhone("13800001111")
	if err != nil || cu.Name != "赵六" || cu.Address != "天津市和平区" || cu.ChatID != 0 {
		t.Fatalf("customer %+v %v", cu, err)
	}
	for _, m := range outboxOf(t, h, fmt.Sprintf("apt:%d:booked", id)) {
		if m.Document != nil && m.Document.Kind == fo.DocICS {
			t.Errorf("a calendar file for a customer without a chat: %+v", m)
		}
	}
	for kind, ctype := range map[string]string{"slip": "application/pdf", "ics": "text/calendar"} {
		req, _ := http.NewRequest(http.MethodGet, h.ts.URL+"/staff/documents/"+kind+"/"+strconv.FormatUint(id, 10), nil)
		r, err := c.http.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		r.Body.Close()
		if r.StatusCode != http.StatusOK || !strings.HasPrefix(r.Header.Get("Content-Type"), ctype) {
			t.Errorf("%s download: %d %s", kind, r.StatusCode, r.Header.Get("Content-Type"))
		}
	}
}

// Bad input changes nothing, keeps what was typed and names the field; no
// path books off the grid, on a closed day, outside hours or in the past,
// even at the desk (APT-1).
func TestConsoleBookBadInput(t *testing.T) {
	h := newConHarness(t)
	c := h.login("li")
	base := url.Values{"name": {"钱七"}, "phone": {"13700001111"}, "plate": {"沪D99887"}, "service": {"maint"}, "start": {"2026-11-30T10:00"}}
	with := func(k, v string) url.Values {
		f := url.Values{}
		for kk, vv := range base {
			f[kk] = vv
		}
		f.Set(k, v)
		return f
	}
	cases := []struct {
		form  url.Values
		field string
		key   string
	}{
		{with("phone", "12345"), "phone", "err.phone"},
		{with("name", ""), "name", "err.name"},
		{with("plate", "XYZ"), "plate", "err.plate"},
		{with("service", "nope"), "service", "err.service"},
		{with("start", "tomorrow"), "start", "con.book.err.start"},
		{with("start", "2026-11-30T10:15"), "start", "err.slot.grid"},
		{with("start", "2026-11-29T10:00"), "start", "err.slot.closed"}, // Sunday
		{with("start", "2026-11-30T18:00"), "start", "err.slot.hours"},
		{with("start", "2026-11-27T08:30"), "start", "err.slot.past"},
		{with("note", strings.Repeat("长", 201)), "note", "err.too_long"},
	}
	for _, cs := range cases {
		res := c.post("/staff/appointments/book", cs.form)
		if res.status < 400 {
			t.Errorf("%s: %d", cs.key, res.status)
			continue
		}
		want := h.srv.texts.T(fo.ZH, cs.key)
		if i := strings.Index(want, "%"); i >= 0 {
			want = want[:i]
		}
		has(t, res.body, want, `value="`+cs.form.Get("plate")+`"`)
		if !regexp.MustCompile(`<label class="[^"]*bad[^"]*">[^<]*<(input|select)[^>]*name="` + cs.field + `"`).MatchString(res.body) {
			t.Errorf("%s: field %s not marked", cs.key, cs.field)
		}
	}
	if apts, _ := h.store.AppointmentsBetween(conAt(27, 0, 0), conAt(30, 0, 0).AddDate(0, 0, 14)); len(apts) != 0 {
		t.Errorf("bad input booked %+v", apts)
	}
	// The online lead time binds the bot, not the desk.
	if _, err := h.store.Book(fo.BookRequest{ServiceID: "maint", Start: conAt(27, 9, 30), Plate: "沪D99887", Source: "bot",
		Customer: fo.CustomerInput{Name: "钱七", Phone: "13700001111"}}); fo.ErrorCode(err) != fo.EINVALID {
		t.Errorf("bot inside the lead time: %v", err)
	}
}

// A slot taken between viewing and saving says so and offers the nearest
// free slots, which book with one click (APT-1, WS-1).
func TestConsoleBookSlotTakenOffersNearest(t *testing.T) {
	h := newConHarness(t)
	c := h.login("li")
	for i := range 4 { // the 4 bays of Monday 10:00
		if _, err := h.store.Book(fo.BookRequest{ServiceID: "maint", Start: conAt(30, 10, 0), Plate: fmt.Sprintf("京A1000%d", i), Source: "bot",
			Customer: fo.CustomerInput{Name: "客户", Phone: fmt.Sprintf("1390000000%d", i)}}); err != nil {
			t.Fatal(err)
		}
	}
	form := url.Values{"name": {"孙八"}, "phone": {"13600001111"}, "plate": {"京E12345"}, "service": {"maint"}, "start": {"2026-11-30T10:00"}}
	res := c.post("/staff/appointments/book", form)
	if res.status != http.StatusConflict {
		t.Fatalf("full slot: %d %s", res.status, excerpt(res.body))
	}
	has(t, res.body, html.EscapeString(h.srv.texts.T(fo.ZH, "err.slot_taken")), `id="suggest"`, `value="2026-11-30T09:00"`, `value="2026-11-30T11:00"`, `value="孙八"`)
	// 10:30 is also taken (60 min from 10:00), so 09:00 and 11:00 are nearest.
	if strings.Contains(res.body, `name="start_pick" value="2026-11-30T10:30"`) {
		t.Error("a taken slot offered")
	}
	form.Set("start_pick", "2026-11-30T11:00")
	if res := c.post("/staff/appointments/book", form); res.status != http.StatusSeeOther {
		t.Fatalf("suggested slot: %d %s", res.status, excerpt(res.body))
	}
}

// The day and week views show each bay and the free places (WS-1); the
// follow-up role may not open the book.
func TestConsoleBookViewsWS1(t *testing.T) {
	h := newConHarness(t)
	for i := range 3 {
		if _, err := h.store.Book(fo.BookRequest{ServiceID: "radar", Start: conAt(30, 10, 0), Plate: fmt.Sprintf("京A2000%d", i), Source: "bot",
			Customer: fo.CustomerInput{Name: fmt.Sprintf("客户%d", i), Phone: fmt.Sprintf("1380000000%d", i)}}); err != nil {
			t.Fatal(err)
		}
	}
	c := h.login("li")
	day := c.get("/staff/appointments?day=2026-11-30")
	if day.status != http.StatusOK {
		t.Fatalf("day: %d %s", day.status, excerpt(day.body))
	}
	row := partUntil(day.body, `<td class="mono">10:00</td>`, "</tr>")
	has(t, row, `class="free-1"`, "客户0", "客户1", "客户2")
	has(t, partUntil(day.body, `<td class="mono">11:30</td>`, "</tr>"), `class="free-4"`)
	week := c.get("/staff/appointments/week?from=2026-11-30")
	if week.status != http.StatusOK {
		t.Fatalf("week: %d", week.status)
	}
	has(t, partUntil(week.body, `<td class="mono">10:30</td>`, "</tr>"), `<td class="wk some">1</td>`)
	has(t, week.body, h.srv.texts.T(fo.ZH, "con.week.closed")) // Sunday
	if r := h.login("wang").get("/staff/appointments"); r.status != http.StatusForbidden {
		t.Errorf("follow-up role: %d", r.status)
	}
	for _, u := range c.seen {
		if strings.Contains(u, "1380000000") || strings.Contains(u, "京A") {
			t.Errorf("personal data in a URL: %s", u)
		}
	}
}

// The last place of a slot cannot be sold twice across doors, and the
// kiosk's walk-ins count (APT-4, WS-1): on Monday 13:00, with two bays, a
// booking at 14:00 and six walk-ins of an hour taken on, one bay is left
// at 16:00 (the walk-ins fill 13:00–16:00 and one bay of 16:00). The bot's
// store path and the console's HTTP form race for it, many at once, while
// more walk-ins check in at the kiosk. At most one booking wins — none when
// a walk-in got there first — every walk-in is taken on (they are never
// refused), and 16:00 ends with exactly its two bays held. Were the
// walk-ins not counted, the bookings would see both bays of 16:00 free and
// two would win.
func TestCrossDoorRaceWS1(t *testing.T) {
	h := newConHarness(t)
	st, _ := h.store.Settings()
	st.Bays = 2
	if err := h.store.SaveSettings(st); err != nil {
		t.Fatal(err)
	}
	if _, err := h.store.Book(fo.BookRequest{ServiceID: "maint", Start: conAt(30, 14, 0), Plate: "京A30000", Source: "bot",
		Customer: fo.CustomerInput{Name: "先到", Phone: "13500000000"}}); err != nil {
		t.Fatal(err)
	}
	h.clock.Set(conAt(30, 13, 0))
	for i := range 6 {
		h.walkIn("早到客户", fmt.Sprintf("1340000%04d", i), fmt.Sprintf("京E3%04d", i), "maint")
	}
	slot := conAt(30, 16, 0)
	if _, err := h.store.Book(fo.BookRequest{ServiceID: "maint", Start: conAt(30, 15, 0), Plate: "京A39999", Source: "bot",
		Customer: fo.CustomerInput{Name: "晚到", Phone: "13599999999"}}); !errors.Is(err, fo.ErrSlotTaken) {
		t.Fatalf("15:00 is held by walk-ins: %v", err)
	}
	const each = 8
	clients := make([]*conClient, each)
	for i := range clients {
		clients[i] = h.login("li")
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	won, lost := 0, 0
	record := func(ok bool) {
		mu.Lock()
		defer mu.Unlock()
		if ok {
			won++
		} else {
			lost++
		}
	}
	start := make(chan struct{})
	for i := range each {
		wg.Add(3)
		go func() { // the bot's door: the store call its booking flow makes
			defer wg.Done()
			<-start
			_, err := h.store.Book(fo.BookRequest{ServiceID: "maint", Start: slot, Plate: fmt.Sprintf("京B3%04d", i), Source: "bot",
				By: "customer:bot", Customer: fo.CustomerInput{Name: "机器人客户", Phone: fmt.Sprintf("1370000%04d", i), ChatID: int64(900 + i)}})
			if err != nil && !errors.Is(err, fo.ErrSlotTaken) {
				t.Errorf("bot: %v", err)
			}
			record(err == nil)
		}()
		go func() { // the kiosk's door: a walk-in checked in meanwhile
			defer wg.Done()
			<-start
			if _, err := h.store.CheckIn(fo.CheckInRequest{Customer: fo.CustomerInput{Name: "到店客户", Phone: fmt.Sprintf("1350000%04d", i), Consent: true},
				Plate: fmt.Sprintf("京D3%04d", i), ServiceID: "maint", Concern: "保养", Source: "kiosk", By: "kiosk"}); err != nil {
				t.Errorf("kiosk walk-in: %v", err)
			}
		}()
		go func() { // the console's door: the HTTP form
			defer wg.Done()
			<-start
			res := clients[i].post("/staff/appointments/book", url.Values{"name": {"电话客户"}, "phone": {fmt.Sprintf("1360000%04d", i)},
				"plate": {fmt.Sprintf("京C3%04d", i)}, "service": {"maint"}, "start": {"2026-11-30T16:00"}})
			if res.status != http.StatusSeeOther && res.status != http.StatusConflict {
				t.Errorf("console: %d %s", res.status, excerpt(res.body))
			}
			record(res.status == http.StatusSeeOther)
		}()
	}
	close(start)
	wg.Wait()
	if won > 1 || won+lost != 2*each {
		t.Errorf("%d won, %d lost: the last place was sold %d times", won, lost, won)
	}
	apts, _ := h.store.AppointmentsBetween(slot, slot.Add(time.Minute))
	if len(apts) != won {
		t.Errorf("%d appointments at 16:00, %d bookings won", len(apts), won)
	}
	open, _ := h.store.OpenVisits()
	if len(open) != 6+each {
		t.Errorf("%d walk-ins taken on, want %d", len(open), 6+each)
	}
	all, _ := h.store.AppointmentsBetween(conAt(30, 0, 0), conAt(31, 0, 0))
	st, _ = h.store.Settings()
	if n := st.Occupancy(h.clock.Now(), all, open).At(slot); n != 2 {
		t.Errorf("16:00 holds %d cars for its 2 bays", n)
	}
	t.Logf("%d booking(s) won the last bay of 16:00", won)
}

// BenchmarkConsoleWeek is the week view's server time with 10,000
// appointments on file and 200 in the week (issue 11: ≤ 20 ms).
func BenchmarkConsoleWeek(b *testing.B) {
	h := newConHarness(b)
	st, _ := h.store.Settings()
	st.Bays = 8
	if err := h.store.SaveSettings(st); err != nil {
		b.Fatal(err)
	}
	week := conAt(30, 0, 0) // Monday
	n, inWeek := 0, 0
	book := func(start time.Time) {
		_, err := h.store.Book(fo.BookRequest{ServiceID: "maint", Start: start, Plate: fmt.Sprintf("京A%05d", n%100000), Source: "bot",
			Customer: fo.CustomerInput{Name: "客户", Phone: fmt.Sprintf("139%08d", n)}, Desk: true})
		if err != nil {
			b.Fatalf("book %d at %s: %v", n, start, err)
		}
		n++
	}
	// 9,600 appointments over the 700 days before the week, 16 a day, each
	// booked on its own day (the clock walks), then 200 in the week.
	for d := 700; d >= 1; d-- {
		day := week.AddDate(0, 0, -d)
		if st.IsClosedDate(day) || day.Weekday() == time.Sunday {
			continue
		}
		h.clock.Set(day.Add(8 * time.Hour))
		for i := 0; i < 16 && n < 9800; i++ {
			book(day.Add(9*time.Hour + time.Duration(i%8)*time.Hour))
		}
	}
	h.clock.Set(week.AddDate(0, 0, -1).Add(8 * time.Hour))
	for ; inWeek < 200; inWeek++ { // Monday to Friday, 40 a day from 09:00 to 16:30
		day := week.AddDate(0, 0, inWeek%5)
		book(day.Add(9*time.Hour + time.Duration(inWeek/5%16)*30*time.Minute))
	}
	for i := 0; n < 10000; i++ { // the week after
		day := week.AddDate(0, 0, 7+i%5)
		book(day.Add(9*time.Hour + time.Duration(i/5%16)*30*time.Minute))
	}
	c := h.login("li")
	cookie := c.http.Jar.Cookies(mustURL(h.ts.URL + "/staff/"))
	req, _ := http.NewRequest(http.MethodGet, "/staff/appointments/week?from=2026-11-30", nil)
	for _, ck := range cookie {
		req.AddCookie(ck)
	}
	handler := h.srv.Handler()
	rec := newDiscard()
	handler.ServeHTTP(rec, req)
	if rec.status != http.StatusOK || strings.Count(rec.body.String(), h.srv.texts.T(fo.ZH, "con.book.count", 40)) != 5 {
		b.Fatalf("week: %d, not 40 appointments on each weekday", rec.status)
	}
	b.ResetTimer()
	for b.Loop() {
		rec := newDiscard()
		handler.ServeHTTP(rec, req)
		if rec.status != http.StatusOK {
			b.Fatal(rec.status)
		}
	}
}

// discardWriter is a ResponseWriter that keeps the status and the body.
type discardWriter struct {
	h      http.Header
	status int
	body   strings.Builder
}

func newDiscard() *discardWriter { return &discardWriter{h: http.Header{}, status: http.StatusOK} }

func (d *discardWriter) Header() http.Header         { return d.h }
func (d *discardWriter) Write(p []byte) (int, error) { return d.body.Write(p) }
func (d *discardWriter) WriteHeader(s int)           { d.status = s }

// has fails when body lacks any of subs.
func has(t testing.TB, body string, subs ...string) {
	t.Helper()
	mustContain(t, "page", body, subs...)
}
