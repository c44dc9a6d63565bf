package console

import (
	"frontoffice/internal/web"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	fo "frontoffice"
)

// The settings page (admin only): the shop, opening hours, closed dates,
// bays, booking lead and horizon, quiet hours, deposit, services, staff
// members and staff chats. The form starts from the stored settings, so
// settings it does not show are kept; an invalid form changes nothing and
// comes back as typed, with what is wrong (fo.Settings.Validate).

// settingsPage is the settings form.
type settingsPage struct {
	consolePage
	F    settingsForm
	Data []statusLine // the data file's health (datafile.go)
}

// settingsForm is the settings as typed.
type settingsForm struct {
	Name, NameEn, Phone, Address, AddressEn, TimeZone string
	Hours                                             []hoursRow
	Closed                                            string // one date per line
	Bays, Lead, Ahead, QuietStart, QuietEnd, Deposit  string
	Services                                          []serviceRow
	Staff                                             []staffRow
	Chats                                             string     // one chat id per line
	Labour                                            labourForm // settings_labour.go (工时定额, REP-2)
}

type hoursRow struct {
	Day         int // time.Weekday
	Label       string
	Open, Close string
}

type serviceRow struct {
	I                                         int
	ID, NameZh, NameEn, Minutes, Price, Parts string
	HighValue                                 bool
}

type staffRow struct {
	I                                     int
	ID, Name, Telegram                    string
	Reception, FollowUp, Supervisor, Admn bool
}

// weekOrder lists the weekdays Monday first, as the shop reads a week.
var weekOrder = []int{1, 2, 3, 4, 5, 6, 0}

// newSettingsForm fills the form from st, with a blank row to add a
// service and one to add a staff member.
func newSettingsForm(st fo.Settings, p consolePage) settingsForm {
	f := settingsForm{Name: st.Shop.Name, NameEn: st.Shop.NameEn, Phone: st.Shop.Phone, Address: st.Shop.Address,
		AddressEn: st.Shop.AddressEn, TimeZone: st.Shop.TimeZone, Closed: strings.Join(st.ClosedDates, "\n"),
		Bays: strconv.Itoa(st.Bays), Lead: strconv.Itoa(st.MinLeadMinutes), Ahead: strconv.Itoa(st.MaxDaysAhead),
		QuietStart: st.QuietStart.String(), QuietEnd: st.QuietEnd.String(), Deposit: strconv.Itoa(st.DepositPercent)}
	for _, d := range weekOrder {
		h := hoursRow{Day: d, Label: p.T("wd." + strconv.Itoa(d))}
		if st.Hours[d].IsOpen() {
			h.Open, h.Close = st.Hours[d].Open.String(), st.Hours[d].Close.String()
		}
		f.Hours = append(f.Hours, h)
	}
	for _, sv := range st.Services {
		f.Services = append(f.Services, serviceRow{ID: sv.ID, NameZh: sv.NameZh, NameEn: sv.NameEn, Minutes: strconv.Itoa(sv.Minutes),
			Price: yuan(sv.Price, false), Parts: yuan(sv.PartsPrice, true), HighValue: sv.HighValueParts})
	}
	f.Services = append(f.Services, serviceRow{})
	for _, m := range st.Staff {
		r := staffRow{ID: m.ID, Name: m.Name, Reception: m.Has(fo.RoleReception), FollowUp: m.Has(fo.RoleFollowUp),
			Supervisor: m.Has(fo.RoleSupervisor), Admn: m.Has(fo.RoleAdmin)}
		if m.TelegramUserID != 0 {
			r.Telegram = strconv.FormatInt(m.TelegramUserID, 10)
		}
		f.Staff = append(f.Staff, r)
	}
	f.Staff = append(f.Staff, staffRow{})
	var chats []string
	for _, c := range st.StaffChats {
		chats = append(chats, strconv.FormatInt(c, 10))
	}
	f.Chats = strings.Join(chats, "\n")
	f.Labour = newLabourForm(st)
	f.number()
	return f
}

func (f *settingsForm) number() {
	for i := range f.Services {
		f.Services[i].I = i
	}
	for i := range f.Staff {
		f.Staff[i].I = i
	}
}

// readSettingsForm reads the posted form back, without judging it.
func readSettingsForm(form url.Values, p consolePage) settingsForm {
	g := func(k string) string { return strings.TrimSpace(form.Get(k)) }
	f := settingsForm{Name: g("name"), NameEn: g("name_en"), Phone: g("phone"), Address: g("address"), AddressEn: g("address_en"),
		TimeZone: g("tz"), Closed: g("closed"), Bays: g("bays"), Lead: g("lead"), Ahead: g("ahead"),
		QuietStart: g("quiet_start"), QuietEnd: g("quiet_end"), Deposit: g("deposit"), Chats: g("chats")}
	for _, d := range weekOrder {
		k := "h" + strconv.Itoa(d)
		f.Hours = append(f.Hours, hoursRow{Day: d, Label: p.T("wd." + strconv.Itoa(d)), Open: g(k + "_open"), Close: g(k + "_close")})
	}
	n, _ := strconv.Atoi(g("services"))
	for i := range min(max(n, 0), 100) {
		k := "s" + strconv.Itoa(i) + "_"
		f.Services = append(f.Services, serviceRow{ID: g(k + "id"), NameZh: g(k + "zh"), NameEn: g(k + "en"), Minutes: g(k + "min"),
			Price: g(k + "price"), Parts: g(k + "parts"), HighValue: form.Get(k+"hv") != ""})
	}
	n, _ = strconv.Atoi(g("staff"))
	for i := range min(max(n, 0), 100) {
		k := "m" + strconv.Itoa(i) + "_"
		f.Staff = append(f.Staff, staffRow{ID: g(k + "id"), Name: g(k + "name"), Telegram: g(k + "tg"),
			Reception: form.Get(k+"reception") != "", FollowUp: form.Get(k+"followup") != "",
			Supervisor: form.Get(k+"supervisor") != "", Admn: form.Get(k+"admin") != ""})
	}
	f.Labour = readLabourForm(form)
	f.number()
	return f
}

// apply writes the form into st (the stored settings, so that fields the
// form does not show are kept). Rows without an id are dropped: that is
// how a service or a staff member is removed. It returns an EINVALID
// *fo.Error ("err.settings" with what is wrong) for a value that does not
// parse; Validate judges the rest.
func (f settingsForm) apply(st *fo.Settings) error {
	bad := func(what string) error { return fo.Errorf(fo.EINVALID, "err.settings", what) }
	atoi := func(s, what string) (int, error) {
		n, err := strconv.Atoi(s)
		if err != nil {
			return 0, bad(what + ": " + s)
		}
		return n, nil
	}
	var err error
	st.Shop = fo.Shop{Name: f.Name, NameEn: f.NameEn, Phone: f.Phone, Address: f.Address, AddressEn: f.AddressEn, TimeZone: f.TimeZone}
	for _, h := range f.Hours {
		if h.Open == "" && h.Close == "" {
			st.Hours[h.Day] = fo.DayHours{}
			continue
		}
		open, err1 := fo.ParseHM(h.Open)
		cls, err2 := fo.ParseHM(h.Close)
		if err1 != nil || err2 != nil {
			return bad("hours of " + h.Label + ": HH:MM")
		}
		st.Hours[h.Day] = fo.DayHours{Open: open, Close: cls}
	}
	st.ClosedDates = nil
	for _, d := range strings.Fields(f.Closed) {
		st.ClosedDates = append(st.ClosedDates, d)
	}
	if st.Bays, err = atoi(f.Bays, "bays"); err != nil {
		return err
	}
	if st.MinLeadMinutes, err = atoi(f.Lead, "min_lead_minutes"); err != nil {
		return err
	}
	if st.MaxDaysAhead, err = atoi(f.Ahead, "max_days_ahead"); err != nil {
		return err
	}
	if st.DepositPercent, err = atoi(f.Deposit, "deposit_percent"); err != nil {
		return err
	}
	qs, err1 := fo.ParseHM(f.QuietStart)
	qe, err2 := fo.ParseHM(f.QuietEnd)
	if err1 != nil || err2 != nil {
		return bad("quiet hours: HH:MM")
	}
	st.QuietStart, st.QuietEnd = qs, qe
	st.Services = nil
	for _, r := range f.Services {
		if r.ID == "" {
			continue
		}
		sv := fo.Service{ID: r.ID, NameZh: r.NameZh, NameEn: r.NameEn, HighValueParts: r.HighValue}
		if sv.Minutes, err = atoi(r.Minutes, "service "+r.ID+" minutes"); err != nil {
			return err
		}
		if sv.Price, err = parseMoney(r.Price); err != nil {
			return bad("service " + r.ID + " price: " + r.Price)
		}
		if sv.PartsPrice, err = parseMoney(r.Parts); err != nil {
			return bad("service " + r.ID + " parts price: " + r.Parts)
		}
		st.Services = append(st.Services, sv)
	}
	stored := *st // the roles and language the form does not show are kept (field roles, FLD-3)
	st.Staff = nil
	for _, r := range f.Staff {
		if r.ID == "" {
			continue
		}
		m := fo.StaffMember{ID: r.ID, Name: r.Name}
		if old, ok := stored.StaffMember(r.ID); ok {
			m.Lang = old.Lang
			for _, role := range old.Roles {
				if role != fo.RoleReception && role != fo.RoleFollowUp && role != fo.RoleSupervisor && role != fo.RoleAdmin {
					m.Roles = append(m.Roles, role)
				}
			}
		}
		if r.Telegram != "" {
			if m.TelegramUserID, err = strconv.ParseInt(r.Telegram, 10, 64); err != nil {
				return bad("staff " + r.ID + " Telegram user id: " + r.Telegram)
			}
		}
		for _, role := range []struct {
			on   bool
			name string
		}{{r.Reception, fo.RoleReception}, {r.FollowUp, fo.RoleFollowUp}, {r.Supervisor, fo.RoleSupervisor}, {r.Admn, fo.RoleAdmin}} {
			if role.on {
				m.Roles = append(m.Roles, role.name)
			}
		}
		st.Staff = append(st.Staff, m)
	}
	st.StaffChats = nil
	for _, c := range strings.Fields(f.Chats) {
		id, err := strconv.ParseInt(c, 10, 64)
		if err != nil {
			return bad("staff chat id: " + c)
		}
		st.StaffChats = append(st.StaffChats, id)
	}
	return f.Labour.apply(st)
}

func (s *Server) consoleSettings(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	p := &settingsPage{consolePage: s.consolePage(c, "con.settings.title"), Data: s.dataFileLines(c)}
	p.F = newSettingsForm(c.st, p.consolePage)
	s.renderConsole(w, r, c, http.StatusOK, "console_settings", p)
}

// consoleSettingsSave validates and stores the settings: all or nothing.
func (s *Server) consoleSettingsSave(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	p := &settingsPage{consolePage: s.consolePage(c, "con.settings.title")}
	p.F = readSettingsForm(r.PostForm, p.consolePage)
	st := c.st
	err := p.F.apply(&st)
	if err == nil {
		err = s.cfg.Store.SaveSettingsAs(st, c.by())
	}
	if err != nil {
		p.Err = s.consoleErrText(c, err)
		s.renderConsole(w, r, c, web.ErrorStatus(err), "console_settings", p)
		return
	}
	s.log.Info("settings changed in the console", "login", c.acc.Login)
	s.done(w, r, "/staff/settings", "con.flash.settings_saved")
}
