package console

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"strconv"
	"time"

	fo "frontoffice"
)

// CSV exports (issue 11) for the supervisor (admins too): the archives
// (ARC-1), the appointments of a period, the registers (appointments
// APT-3, calls and letters FU-7) and the business figures (REP-1). Files
// are UTF-8 with a byte-order mark, so that Excel opens the Chinese text
// as such, written with encoding/csv. Phones are exported in full: only
// supervisors and admins export, and they see phones in full in the
// console's archives already. The period is ?from=YYYY-MM-DD&to=YYYY-MM-DD
// (to inclusive; default the current month), the report's ?kind= and
// ?day=.

// exportStore is what the exports read of the store.
type exportStore interface {
	AllArchives() ([]fo.CustomerMatch, error)
	AppointmentsStarting(from, to time.Time) ([]fo.Appointment, error)
	CallRegister(from, to time.Time) ([]fo.RegisterEntry, error)
	LetterRegister(from, to time.Time) ([]fo.RegisterEntry, error)
	BusinessStats(kind fo.ReportKind, day time.Time) (fo.BusinessStats, error)
}

// exportRoles may download the CSV files.
var exportRoles = supervisorRoles

// utf8BOM opens every CSV file.
const utf8BOM = "\uFEFF"

// maxExportDays bounds an export's period.
const maxExportDays = 366

// exportPeriod reads ?from= and ?to= (inclusive) in the shop's zone: the
// current month when both are blank. A bad date, to before from or a
// period over maxExportDays is an EINVALID error.
func exportPeriod(r *http.Request, c *staffCtx) (from, to time.Time, err error) {
	q := r.URL.Query()
	if q.Get("from") == "" && q.Get("to") == "" {
		from, to = fo.ReportPeriod(fo.ReportMonthly, c.now, c.loc)
		return from, to, nil
	}
	f, ok1 := parseDay(q.Get("from"), c.loc)
	t, ok2 := parseDay(q.Get("to"), c.loc)
	if !ok1 || !ok2 {
		return from, to, fo.Errorf(fo.EINVALID, "err.date")
	}
	to = t.AddDate(0, 0, 1)
	if !to.After(f) || to.Sub(f) > maxExportDays*24*time.Hour {
		return from, to, fo.Errorf(fo.EINVALID, "con.export.err.period", maxExportDays)
	}
	return f, to, nil
}

// writeCSV sends rows under header as the attachment name.
func (s *Server) writeCSV(w http.ResponseWriter, name string, header []string, rows [][]string) {
	var b bytes.Buffer
	b.WriteString(utf8BOM)
	cw := csv.NewWriter(&b)
	cw.Write(header)
	cw.WriteAll(rows) // flushes; a bytes.Buffer does not fail
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Content-Length", strconv.Itoa(b.Len()))
	w.Header().Set("Cache-Control", "no-store")
	w.Write(b.Bytes())
}

// consoleExport serves GET /staff/export/{what}: archives.csv,
// appointments.csv, register-appointments.csv, register-calls.csv,
// register-letters.csv, report.csv.
func (s *Server) consoleExport(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	T := func(k string, args ...any) string { return s.texts.T(c.lang, k, args...) }
	ts := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.In(c.loc).Format("2006-01-02 15:04")
	}
	what := r.PathValue("what")
	var header []string
	var rows [][]string
	var err error
	switch what {
	case "archives.csv":
		var all []fo.CustomerMatch
		if all, err = s.cfg.Store.AllArchives(); err == nil {
			header = []string{T("con.col.plate"), T("con.csv.model"), T("con.csv.type"), T("con.col.customer"), T("con.csv.phone"),
				T("con.csv.address"), T("con.csv.interval"), T("con.csv.next"), T("con.csv.created")}
			for _, m := range all {
				v, cu := m.Vehicles[0], m.Customer
				typ := ""
				if v.Type != "" {
					typ = fo.VehicleType(v.Type).Label(c.lang)
				}
				interval := ""
				if v.MaintIntervalDays > 0 {
					interval = strconv.Itoa(v.MaintIntervalDays)
				}
				next := ""
				if !v.NextMaintenance.IsZero() {
					next = v.NextMaintenance.In(c.loc).Format(time.DateOnly)
				}
				rows = append(rows, []string{fo.FormatPlate(v.Plate), v.Model, typ, cu.Name, cu.Phone, cu.Address, interval, next, ts(v.CreatedAt)})
			}
		}
	case "appointments.csv":
		var from, to time.Time
		var apts []fo.Appointment
		if from, to, err = exportPeriod(r, c); err == nil {
			if apts, err = s.cfg.Store.AppointmentsStarting(from, to); err == nil {
				header = []string{T("con.col.code"), T("con.csv.start"), T("con.csv.end"), T("con.col.service"), T("con.col.customer"),
					T("con.csv.phone"), T("con.col.plate"), T("con.col.status"), T("con.csv.deposit"), T("con.csv.source"), T("con.csv.note")}
				phones := map[uint64]string{}
				for _, a := range apts {
					sv, _ := c.st.Service(a.ServiceID)
					ph, ok := phones[a.CustomerID]
					if !ok {
						if cu, err := s.cfg.Store.Customer(a.CustomerID); err == nil {
							ph = cu.Phone
						}
						phones[a.CustomerID] = ph
					}
					dep := ""
					if a.Deposit > 0 {
						dep = yuan(a.Deposit, false)
					}
					rows = append(rows, []string{a.Code, ts(a.Start), ts(a.End), sv.Name(c.lang), a.CustomerName, ph, fo.FormatPlate(a.Plate),
						a.Status.Label(c.lang), dep, a.Source, a.Note})
				}
			}
		}
	case "register-appointments.csv", "register-calls.csv", "register-letters.csv":
		var from, to time.Time
		var reg []fo.RegisterEntry
		if from, to, err = exportPeriod(r, c); err == nil {
			switch what {
			case "register-appointments.csv":
				reg, err = s.cfg.Store.Register(from, to)
			case "register-calls.csv":
				reg, err = s.cfg.Store.CallRegister(from, to)
			default:
				reg, err = s.cfg.Store.LetterRegister(from, to)
			}
		}
		header = []string{T("con.csv.at"), T("con.csv.action"), T("con.col.code"), T("con.csv.ref"), T("con.csv.by"), T("con.csv.detail")}
		for _, e := range reg {
			rows = append(rows, []string{ts(e.At), e.Action, e.Code, strconv.FormatUint(e.Ref, 10), e.By, e.Detail})
		}
	case "report.csv":
		q := r.URL.Query()
		kind, kerr := fo.ParseReportKind(q.Get("kind"))
		day := fo.DayStart(c.now, c.loc)
		if q.Get("day") != "" {
			var ok bool
			if day, ok = parseDay(q.Get("day"), c.loc); !ok {
				kerr = fo.Errorf(fo.EINVALID, "err.date")
			}
		}
		if err = kerr; err == nil {
			var b fo.BusinessStats
			if b, err = s.cfg.Store.BusinessStats(kind, day); err == nil {
				header, rows = reportCSV(s, c, b)
			}
		}
	default:
		s.consoleError(w, r, c, http.StatusNotFound, "err.not_found")
		return
	}
	if err != nil {
		s.consoleFail(w, r, c, err)
		return
	}
	s.writeCSV(w, what, header, rows)
}

// reportCSV lays the business figures out as figure, key, vehicles,
// amount lines (REP-1): the totals, then by vehicle type, by service and
// by day.
func reportCSV(s *Server, c *staffCtx, b fo.BusinessStats) ([]string, [][]string) {
	T := func(k string) string { return s.texts.T(c.lang, k) }
	n := strconv.Itoa
	money := func(m fo.Money) string { return yuan(m, false) }
	header := []string{T("con.csv.figure"), T("con.csv.key"), T("con.csv.vehicles"), T("con.csv.amount")}
	rows := [][]string{
		{T("con.csv.period"), b.From.In(c.loc).Format(time.DateOnly) + "/" + b.To.In(c.loc).AddDate(0, 0, -1).Format(time.DateOnly), "", ""},
		{T("con.csv.received"), "", n(b.Received), ""},
		{T("con.csv.delivered"), "", n(b.Delivered), ""},
		{T("con.csv.declined"), "", n(b.Declined), ""},
		{T("con.csv.settlements"), "", n(b.Settlements), money(b.Amount)},
		{T("con.csv.discounts"), "", "", money(b.Discounts)},
		{T("con.csv.revenue"), "", "", money(b.Revenue)},
		{T("con.csv.collected"), "", "", money(b.Collected)},
		{T("con.csv.receivables"), "", "", money(b.Receivables)},
		{T("con.csv.fees"), "", "", money(b.Fees)},
		{T("con.csv.appointments"), "", n(b.Appointments), ""},
		{T("con.csv.kept"), "", n(b.Kept), ""},
		{T("con.csv.missed"), "", n(b.Missed), ""},
		{T("con.csv.pending"), "", n(b.Pending), ""},
	}
	for _, t := range b.ByType {
		k := t.Key
		if k != "" {
			k = fo.VehicleType(k).Label(c.lang)
		}
		rows = append(rows, []string{T("con.csv.by_type"), k, n(t.Vehicles), money(t.Revenue)})
	}
	for _, t := range b.ByService {
		k := t.Key
		if sv, ok := c.st.Service(k); ok {
			k = sv.Name(c.lang)
		}
		rows = append(rows, []string{T("con.csv.by_service"), k, n(t.Vehicles), money(t.Revenue)})
	}
	for _, d := range b.Days {
		rows = append(rows, []string{T("con.csv.by_day"), d.Day.In(c.loc).Format(time.DateOnly), n(d.Received), money(d.Revenue)})
	}
	return header, rows
}
