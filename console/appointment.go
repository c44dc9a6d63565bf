package console

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	fo "frontoffice"
	"frontoffice/internal/web"
)

// The appointment book (APT-1 to APT-4, WS-1): the reception's day and
// week of the workshop's bays, and bookings, moves and cancellations for
// a customer on the phone or at the counter. It books through the same
// store calls as the bot (Book, Reschedule, Cancel), so the same rules
// hold — grid, opening hours, closed days, capacity, deposit — and the same
// consequences follow: the register entry, the customer's confirmation
// with the slip and the calendar file in Telegram when linked, the staff
// chat's notice. The desk alone may book inside the online lead time
// (fo.BookRequest.Desk). Customers are searched by POST, so no name,
// phone or plate stands in a URL.

// bookStore is what the appointment book uses of the store.
type bookStore interface {
	Book(req fo.BookRequest) (fo.Appointment, error)
	Reschedule(req fo.ChangeRequest) (fo.Appointment, error)
	Cancel(req fo.ChangeRequest) (fo.Appointment, error)
	DeskFreeSlots(serviceID string, skip uint64) ([]fo.DaySlots, error)
	FindCustomers(q string, limit int) ([]fo.CustomerMatch, error)
}

// Limits of the book's forms.
const (
	maxMatches    = 20  // customers a search lists
	maxBookNote   = 200 // characters of a booking's note
	maxBookReason = 200 // characters of a cancellation's reason
	suggestSlots  = 6   // nearest free slots offered after a lost slot
	maxQuery      = 64  // characters of a search
	// maxBookAddress is data.MaxAddressLen: the archive's address field.
	maxBookAddress = 200
)

func bookPath(day time.Time) string { return "/staff/appointments?day=" + day.Format(time.DateOnly) }
func aptPath(id uint64) string      { return "/staff/appointments/" + strconv.FormatUint(id, 10) }

// bookForm is the booking form as typed.
type bookForm struct {
	CustomerID string
	Name       string
	Phone      string
	Plate      string
	Address    string
	Service    string
	Start      string // datetime-local
	Note       string
	Lang       string
	Idem       string
}

// slotOpt is a free slot offered: the value the form posts and its label.
type slotOpt struct {
	Value string
	Label string
}

// bookSegRow is a segment of the day view: the time, the free bays and
// what each bay holds.
type bookSegRow struct {
	Time  string
	Value string // datetime-local of the segment, for "book here"
	Free  int
	Past  bool
	Cells []bookCell
	// Over marks a segment in which the cars taken on plus the bookings
	// exceed the bays (WS-1); TakenOn counts the cars beyond the bookings.
	Over    bool
	TakenOn int
}

// bookCell is a bay in a segment: the appointment holding it (ID 0 when
// free); First marks the appointment's first segment, which shows it in
// full.
type bookCell struct {
	ID      uint64
	First   bool
	Code    string
	Name    string
	Plate   string
	Service string
	Status  string
}

// bookPage is the day view with the booking form.
type bookPage struct {
	consolePage
	Day         time.Time
	DayInput    string
	Prev, Next  string
	WeekPath    string
	Closed      bool
	Bays        []int
	Segments    []bookSegRow
	Booked      int
	Services    []serviceOpt
	F           bookForm
	Field       string // the form field in error
	Query       string
	Searched    bool
	Matches     []fo.CustomerMatch
	Suggest     []slotOpt
	RegisterRef string // YYYYMMDD, the day's register (form 12)
	CanExport   bool
}

// serviceOpt is a service in the form's list.
type serviceOpt struct {
	ID    string
	Label string
}

func (s *Server) services(c *staffCtx) []serviceOpt {
	var out []serviceOpt
	for _, sv := range c.st.Services {
		l := sv.Name(c.lang) + " · " + strconv.Itoa(sv.Minutes) + s.texts.T(c.lang, "con.book.minutes") + " · " + sv.Price.String()
		if sv.HighValueParts {
			l += " · " + s.texts.T(c.lang, "con.book.deposit_needed", c.st.Deposit(sv).String()) // APT-2
		}
		out = append(out, serviceOpt{ID: sv.ID, Label: l})
	}
	return out
}

// newIdem is a fresh idempotency key for a form: a double submit books
// once.
func newIdem() string {
	var b [12]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// bookDay reads ?day= (YYYY-MM-DD in the shop's zone); blank or bad is
// today.
func bookDay(s string, c *staffCtx) time.Time {
	if t, err := time.ParseInLocation(time.DateOnly, strings.TrimSpace(s), c.loc); err == nil {
		return t
	}
	return fo.DayStart(c.now, c.loc)
}

// bookPage builds the day view of day.
func (s *Server) bookPage(w http.ResponseWriter, r *http.Request, c *staffCtx, day time.Time) (*bookPage, bool) {
	day = fo.DayStart(day, c.loc)
	p := &bookPage{consolePage: s.consolePage(c, "con.book.title"), Day: day, DayInput: day.Format(time.DateOnly),
		Prev: bookPath(day.AddDate(0, 0, -1)), Next: bookPath(day.AddDate(0, 0, 1)),
		WeekPath: "/staff/appointments/week?from=" + day.Format(time.DateOnly), Services: s.services(c),
		RegisterRef: day.Format("20060102"), CanExport: allowed(c.acc, supervisorRoles)}
	p.Title = p.T("con.book.title") + " · " + fo.FormatDay(c.lang, day, c.loc)
	p.F = bookForm{Start: localInput(s.firstFree(c, day), c.loc), Idem: newIdem(), Lang: string(fo.ZH)}
	if len(c.st.Services) > 0 {
		p.F.Service = c.st.Services[0].ID
	}
	apts, open, err := s.dayLoad(c, day, day.AddDate(0, 0, 1))
	if err != nil {
		s.consoleFail(w, r, c, err)
		return nil, false
	}
	occ := c.st.Occupancy(c.now, apts, open) // WS-1: every car taken on
	segs, entries := c.st.BookDay(day, apts)
	p.Closed = segs == nil
	byID := map[uint64]fo.BookEntry{}
	for _, e := range entries {
		byID[e.ID] = e
		if !e.Start.Before(day) {
			p.Booked++
		}
	}
	if len(segs) > 0 {
		for i := range segs[0].Bays {
			p.Bays = append(p.Bays, i+1)
		}
	}
	for _, sg := range segs {
		row := bookSegRow{Time: sg.Start.In(c.loc).Format("15:04"), Value: localInput(sg.Start, c.loc), Free: sg.Free,
			Past: !sg.Start.After(c.now)}
		if sg.Start.Add(fo.SlotLength).After(c.now) { // WS-1: the cars taken on hold bays too; over the bays is the desk's conflict
			load := occ.At(sg.Start)
			row.Free, row.Over, row.TakenOn = max(0, c.st.Bays-load), load > c.st.Bays, max(0, load-sg.Held)
		}
		for _, id := range sg.Bays {
			cell := bookCell{ID: id}
			if e, ok := byID[id]; ok {
				sv, _ := c.st.Service(e.ServiceID)
				cell = bookCell{ID: id, First: e.Start.Equal(sg.Start) || (e.Start.Before(sg.Start) && sg.Start.Equal(segs[0].Start)),
					Code: e.Code, Name: e.CustomerName, Plate: fo.FormatPlate(e.Plate), Service: sv.Name(c.lang), Status: e.Status.Label(c.lang)}
			}
			row.Cells = append(row.Cells, cell)
		}
		p.Segments = append(p.Segments, row)
	}
	return p, true
}

// firstFree is the first slot of day free for the first service at the
// desk, or the day's opening when none (the form's default).
func (s *Server) firstFree(c *staffCtx, day time.Time) time.Time {
	if len(c.st.Services) == 0 {
		return time.Time{}
	}
	days, err := s.cfg.Store.DeskFreeSlots(c.st.Services[0].ID, 0)
	if err == nil {
		for _, d := range days {
			if d.Day.Equal(day) && len(d.Slots) > 0 {
				return d.Slots[0]
			}
		}
	}
	h := c.st.Hours[day.Weekday()]
	return h.Open.At(day, c.loc)
}

// consoleBook is the day view: GET /staff/appointments?day=YYYY-MM-DD.
func (s *Server) consoleBook(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	if p, ok := s.bookPage(w, r, c, bookDay(r.URL.Query().Get("day"), c)); ok {
		s.renderConsole(w, r, c, http.StatusOK, "console_book", p)
	}
}

// consoleBookFind finds customers by name, phone or plate (POST, so that
// none stands in a URL) and shows them on the day view, to book for.
func (s *Server) consoleBookFind(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	p, ok := s.bookPage(w, r, c, bookDay(r.PostForm.Get("day"), c))
	if !ok {
		return
	}
	q := strings.TrimSpace(r.PostForm.Get("q"))
	if utf8.RuneCountInString(q) > maxQuery {
		q = string([]rune(q)[:maxQuery])
	}
	p.Query, p.Searched = q, true
	if q == "" {
		p.Err, p.Field = p.T("con.book.err.query"), "q"
		s.renderConsole(w, r, c, http.StatusUnprocessableEntity, "console_book", p)
		return
	}
	m, err := s.cfg.Store.FindCustomers(q, maxMatches)
	if err != nil {
		s.consoleFail(w, r, c, err)
		return
	}
	p.Matches = m
	if len(m) == 1 { // one customer: the form is theirs
		p.F.CustomerID = strconv.FormatUint(m[0].Customer.ID, 10)
		p.F.Name, p.F.Phone, p.F.Lang = m[0].Customer.Name, m[0].Customer.Phone, string(m[0].Customer.Lang)
		if len(m[0].Vehicles) > 0 {
			p.F.Plate = fo.FormatPlate(m[0].Vehicles[0].Plate)
		}
	}
	s.renderConsole(w, r, c, http.StatusOK, "console_book", p)
}

// readBookForm reads the booking form.
func readBookForm(r *http.Request) bookForm {
	g := func(k string) string { return strings.TrimSpace(r.PostForm.Get(k)) }
	f := bookForm{CustomerID: g("customer_id"), Name: g("name"), Phone: g("phone"), Plate: g("plate"), Address: g("address"),
		Service: g("service"), Start: g("start"), Note: g("note"), Lang: g("lang"), Idem: g("idem")}
	if pick := g("start_pick"); pick != "" { // a suggested slot's button
		f.Start = pick
	}
	return f
}

// bookRequest checks the form and makes the store's request. field names
// the field in error.
func (s *Server) bookRequest(c *staffCtx, f bookForm) (req fo.BookRequest, field string, err error) {
	req = fo.BookRequest{ServiceID: f.Service, Source: "console", By: c.by(), Desk: true}
	if f.Idem != "" && len(f.Idem) <= 32 {
		req.Idem = "con:book:" + f.Idem
	}
	if _, ok := c.st.Service(f.Service); !ok {
		return req, "service", fo.Errorf(fo.EINVALID, "err.service")
	}
	start, ok := parseLocal(f.Start, c.loc)
	if !ok {
		return req, "start", fo.Errorf(fo.EINVALID, "con.book.err.start")
	}
	req.Start = start
	if f.CustomerID != "" {
		id, ok := fo.ParseRecordID(f.CustomerID)
		if !ok {
			return req, "name", fo.ErrNotFound
		}
		if _, err := s.cfg.Store.Customer(id); err != nil {
			return req, "name", err
		}
		req.Customer = fo.CustomerInput{ID: id}
	} else {
		name, err := fo.ParseName(f.Name)
		if err != nil {
			return req, "name", err
		}
		phone, err := fo.ParsePhone(f.Phone)
		if err != nil {
			return req, "phone", err
		}
		if utf8.RuneCountInString(f.Address) > maxBookAddress {
			return req, "address", fo.Errorf(fo.EINVALID, "err.too_long", maxBookAddress)
		}
		req.Customer = fo.CustomerInput{Name: name, Phone: phone, Address: f.Address, Lang: fo.ParseLang(f.Lang), Consent: true}
	}
	plate, err := fo.ParsePlate(f.Plate)
	if err != nil {
		return req, "plate", err
	}
	req.Plate = plate
	if utf8.RuneCountInString(f.Note) > maxBookNote {
		return req, "note", fo.Errorf(fo.EINVALID, "err.too_long", maxBookNote)
	}
	req.Note = f.Note
	return req, "", nil
}

// consoleBookPost books for the customer of the form (APT-1): found by
// search (customer_id) or new (name, phone, plate). A linked customer gets
// the confirmation, the slip and the calendar file in Telegram; for the
// others the appointment's page offers the slip to print. A slot taken
// between viewing and saving says so and offers the nearest free ones;
// any error keeps what was typed and names the field.
func (s *Server) consoleBookPost(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	f := readBookForm(r)
	req, field, err := s.bookRequest(c, f)
	var a fo.Appointment
	if err == nil {
		a, err = s.cfg.Store.Book(req)
		field = "start"
	}
	if err != nil {
		day := bookDay(r.PostForm.Get("day"), c)
		if !req.Start.IsZero() {
			day = req.Start
		}
		p, ok := s.bookPage(w, r, c, day)
		if !ok {
			return
		}
		p.F, p.Field, p.Err = f, field, s.consoleErrText(c, err)
		if field == "start" {
			p.Suggest = s.suggest(c, f.Service, 0, req.Start)
		}
		s.renderConsole(w, r, c, web.ErrorStatus(err), "console_book", p)
		return
	}
	flash := "con.flash.booked_print"
	if a.ChatID != 0 {
		flash = "con.flash.booked_telegram"
	}
	s.done(w, r, aptPath(a.ID), flash)
}

// suggest returns the free desk slots of service nearest want (skipping
// appointment skip's own hold), labelled for the page.
func (s *Server) suggest(c *staffCtx, service string, skip uint64, want time.Time) []slotOpt {
	if want.IsZero() {
		return nil
	}
	days, err := s.cfg.Store.DeskFreeSlots(service, skip)
	if err != nil {
		return nil
	}
	var out []slotOpt
	for _, t := range fo.NearestSlots(days, want, suggestSlots) {
		out = append(out, slotOpt{Value: localInput(t, c.loc), Label: fo.FormatWhen(c.lang, t, c.loc)})
	}
	return out
}

// aptPage is one appointment: its particulars, the documents (slip,
// calendar file), and the move and cancel forms.
type aptPage struct {
	consolePage
	A         fo.Appointment
	When      string // "11月30日 周一 13:00–16:00"
	Service   string
	Phone     string
	Linked    bool
	CanChange bool
	Start     string
	Reason    string
	Field     string
	Suggest   []slotOpt
	DayPath   string
	Idem      string
}

func (s *Server) aptPage(c *staffCtx, a fo.Appointment) *aptPage {
	sv, _ := c.st.Service(a.ServiceID)
	p := &aptPage{consolePage: s.consolePage(c, "con.apt.title"), A: a, Service: sv.Name(c.lang), Linked: a.ChatID != 0,
		CanChange: a.Status == fo.AptBooked, Start: localInput(a.Start, c.loc), DayPath: bookPath(fo.DayStart(a.Start, c.loc)), Idem: newIdem()}
	p.Title = p.T("con.apt.title") + " " + a.Code
	p.When = fo.FormatWhen(c.lang, a.Start, c.loc) + "–" + a.End.In(c.loc).Format("15:04")
	if cu, err := s.cfg.Store.Customer(a.CustomerID); err == nil {
		p.Phone = cu.Phone
	}
	return p
}

func (s *Server) loadApt(w http.ResponseWriter, r *http.Request, c *staffCtx) (fo.Appointment, bool) {
	id, ok := pathID(r, "id")
	if !ok {
		s.consoleError(w, r, c, http.StatusNotFound, "err.not_found")
		return fo.Appointment{}, false
	}
	a, err := s.cfg.Store.Appointment(id)
	if err != nil {
		s.consoleFail(w, r, c, err)
		return a, false
	}
	return a, true
}

// consoleApt shows an appointment: GET /staff/appointments/{id}.
func (s *Server) consoleApt(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	if a, ok := s.loadApt(w, r, c); ok {
		s.renderConsole(w, r, c, http.StatusOK, "console_apt", s.aptPage(c, a))
	}
}

// consoleAptMove moves an appointment at the desk (APT-4): the same rules
// as the bot's move but the lead time; a lost slot offers the nearest free
// ones.
func (s *Server) consoleAptMove(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	a, ok := s.loadApt(w, r, c)
	if !ok {
		return
	}
	in := strings.TrimSpace(r.PostForm.Get("start"))
	if pick := strings.TrimSpace(r.PostForm.Get("start_pick")); pick != "" {
		in = pick
	}
	start, ok := parseLocal(in, c.loc)
	var err error
	if !ok {
		err = fo.Errorf(fo.EINVALID, "con.book.err.start")
	} else {
		req := fo.ChangeRequest{ID: a.ID, Start: start, By: c.by(), Desk: true}
		if k := r.PostForm.Get("idem"); k != "" && len(k) <= 32 {
			req.Idem = "con:move:" + k
		}
		_, err = s.cfg.Store.Reschedule(req)
	}
	if err != nil {
		p := s.aptPage(c, a)
		p.Start, p.Field, p.Err = in, "start", s.consoleErrText(c, err)
		p.Suggest = s.suggest(c, a.ServiceID, a.ID, start)
		s.renderConsole(w, r, c, web.ErrorStatus(err), "console_apt", p)
		return
	}
	s.done(w, r, aptPath(a.ID), "con.flash.apt_moved")
}

// consoleAptCancel cancels an appointment at the desk (APT-4), with an
// optional reason for the register (APT-3).
func (s *Server) consoleAptCancel(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	a, ok := s.loadApt(w, r, c)
	if !ok {
		return
	}
	reason := strings.TrimSpace(r.PostForm.Get("reason"))
	var err error
	if utf8.RuneCountInString(reason) > maxBookReason {
		err = fo.Errorf(fo.EINVALID, "err.too_long", maxBookReason)
	} else {
		_, err = s.cfg.Store.Cancel(fo.ChangeRequest{ID: a.ID, By: c.by(), Reason: reason, Desk: true})
	}
	if err != nil {
		p := s.aptPage(c, a)
		p.Reason, p.Field, p.Err = reason, "reason", s.consoleErrText(c, err)
		status := web.ErrorStatus(err)
		if errors.Is(err, fo.ErrNotFound) {
			status = http.StatusNotFound
		}
		s.renderConsole(w, r, c, status, "console_apt", p)
		return
	}
	s.done(w, r, bookPath(fo.DayStart(a.Start, c.loc)), "con.flash.apt_cancelled")
}
