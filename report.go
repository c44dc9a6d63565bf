package frontoffice

import (
	"fmt"
	"slices"
	"strconv"
	"time"
)

// Business statistics (业务统计表, REP-1) and the after-sales figures that go
// with them (REP-3, FU-8): the pure computation over the records of a
// period. The store reads the records (data/report.go), the forms print the
// result (forms/report.go), the scheduler sends it (scheduler/reports.go).

// ReportKind is the period a business statistics report covers (REP-1).
type ReportKind string

// Report kinds.
const (
	ReportDaily   ReportKind = "daily"
	ReportWeekly  ReportKind = "weekly"
	ReportMonthly ReportKind = "monthly"
	// ReportYearly is the year's summary (FU-8, REP-3: monthly and yearly
	// summaries of the after-sales work), made on 31 December.
	ReportYearly ReportKind = "yearly"
)

// ReportKinds lists the kinds, shortest period first.
var ReportKinds = []ReportKind{ReportDaily, ReportWeekly, ReportMonthly, ReportYearly}

// ParseReportKind parses "daily", "weekly" or "monthly"; anything else is
// an ENOTFOUND *Error whose message names the kinds.
func ParseReportKind(s string) (ReportKind, error) {
	k := ReportKind(s)
	if !slices.Contains(ReportKinds, k) {
		return "", &Error{Code: ENOTFOUND, Key: "err.not_found",
			Err: fmt.Errorf("report %q: want daily, weekly, monthly or yearly", s)}
	}
	return k, nil
}

// DocKind is the kind of the Document that prints the report
// ("report-daily", …), as messages name it.
func (k ReportKind) DocKind() string { return "report-" + string(k) }

// ReportKindOfDoc returns the report kind a Document kind names, ok false
// when it names none.
func ReportKindOfDoc(docKind string) (ReportKind, bool) {
	for _, k := range ReportKinds {
		if k.DocKind() == docKind {
			return k, true
		}
	}
	return "", false
}

// ReportPeriod returns the period [from, to) of the report of kind that
// holds day, midnight to midnight in loc: the calendar day; the week from
// Sunday to Saturday, which the weekly report closes on Saturday (REP-1);
// the calendar month; the calendar year.
func ReportPeriod(kind ReportKind, day time.Time, loc *time.Location) (from, to time.Time) {
	d := DayStart(day, loc)
	switch kind {
	case ReportWeekly:
		from = d.AddDate(0, 0, -int(d.Weekday()))
		return from, from.AddDate(0, 0, 7)
	case ReportMonthly:
		from = time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, loc)
		return from, from.AddDate(0, 1, 0)
	case ReportYearly:
		from = time.Date(d.Year(), 1, 1, 0, 0, 0, 0, loc)
		return from, from.AddDate(1, 0, 0)
	}
	return d, d.AddDate(0, 0, 1)
}

// ReportRef is the Document.Ref of a report: its day as the number
// YYYYMMDD in loc (20261130).
func ReportRef(day time.Time, loc *time.Location) uint64 {
	d := day.In(loc)
	return uint64(d.Year()*10000 + int(d.Month())*100 + d.Day())
}

// ParseReportRef returns midnight in loc of the day a ReportRef names, or
// an EINVALID *Error (key "err.date") when ref is no real day.
func ParseReportRef(ref uint64, loc *time.Location) (time.Time, error) {
	s := strconv.FormatUint(ref, 10)
	t, err := time.ParseInLocation("20060102", s, loc)
	if err != nil || len(s) != 8 {
		return time.Time{}, &Error{Code: EINVALID, Key: "err.date", Err: fmt.Errorf("report day %d is not YYYYMMDD", ref)}
	}
	return t, nil
}

// DefaultReportAt is when the reports are made unless the settings say
// otherwise: half an hour before the weekday closing time of the default
// hours (REP-1: before the end of the day shift).
const DefaultReportAt HM = 17*60 + 30

// ReportBeforeClose is how long before a day's closing time its reports are
// made at the latest (REP-1: before the end of the shift).
const ReportBeforeClose HM = 30

// ReportTime returns when, on weekday wd, the reports are made (REP-1): at
// Settings.ReportAt (DefaultReportAt when zero), but on a day the shop
// closes earlier, ReportBeforeClose before its closing time — with the
// default hours 17:30 on weekdays and 16:30 on Saturday, which closes at
// 17:00. A closed weekday keeps ReportAt (a month may end on it).
func (s *Settings) ReportTime(wd time.Weekday) HM {
	at := s.ReportAt
	if at <= 0 {
		at = DefaultReportAt
	}
	if h := s.Hours[wd]; h.IsOpen() && at > h.Close-ReportBeforeClose {
		at = max(h.Close-ReportBeforeClose, h.Open)
	}
	return at
}

// Tally is one line of a breakdown: how many vehicles came in for Key (a
// vehicle type or a service id) and the revenue settled for it.
type Tally struct {
	Key      string `json:"key"`
	Vehicles int    `json:"vehicles"`
	Revenue  Money  `json:"revenue"`
}

// DayTally is one day of a weekly or monthly report.
type DayTally struct {
	Day      time.Time `json:"day"` // midnight, shop zone
	Received int       `json:"received"`
	Revenue  Money     `json:"revenue"`
}

// BusinessStats are the business statistics of a period (业务统计表, REP-1),
// exact counts of the records as of AsOf, and the after-sales figures of
// the period (REP-3, FU-8).
type BusinessStats struct {
	Kind ReportKind `json:"kind"`
	From time.Time  `json:"from"` // the period [From, To)
	To   time.Time  `json:"to"`
	AsOf time.Time  `json:"as_of"`

	// Vehicles: checked in during the period (进厂台次), delivered in it
	// (交车台次), left without the work in it (INT-4).
	Received  int `json:"received"`
	Delivered int `json:"delivered"`
	Declined  int `json:"declined"`
	// ByType counts the vehicles received by vehicle type (VehicleTypes
	// order, then "" for a type not recorded); ByService the vehicles
	// received and the revenue settled by service (price-list order, then
	// other ids, then "" for none). Every known type and service has a
	// line, zero or not.
	ByType    []Tally `json:"by_type"`
	ByService []Tally `json:"by_service"`

	// Money of the settlements made in the period (DEL-3, INT-4): the
	// amount before discount, the discounts (and how many settlements had
	// one), the revenue (amount less discounts, 营业收入), what was
	// collected (the deposits deducted, APT-2, and what was paid at the
	// counter) and what is still owed (receivables, 应收账款, and how many
	// settlements owe). Fees are the diagnosis and estimate fees of
	// declined visits, part of the revenue.
	Settlements int   `json:"settlements"`
	Amount      Money `json:"amount"`
	Discounts   Money `json:"discounts"`
	Discounted  int   `json:"discounted"`
	Revenue     Money `json:"revenue"`
	Deposits    Money `json:"deposits"`
	Collected   Money `json:"collected"`
	Receivables Money `json:"receivables"`
	Owing       int   `json:"owing"`
	Fees        Money `json:"fees"`

	// Appointments starting in the period that hold or held a bay: kept
	// (checked in), missed (marked no-show, or still booked after the
	// check-in window closed) and pending (still to come).
	Appointments int `json:"appointments"`
	Kept         int `json:"kept"`
	Missed       int `json:"missed"`
	Pending      int `json:"pending"`

	// Days has one line per day of a weekly or monthly report, per month
	// of a yearly one.
	Days []DayTally `json:"days,omitempty"`

	// AfterSales are the follow-up calls whose window ends in the period,
	// the complaints filed in it and the surveys answered in it, counted
	// as the supervisor's monthly summary counts them (FU-8).
	AfterSales MonthlySummary `json:"after_sales"`

	// Network are the service stations' figures, per station and in
	// total (NET-2, NET-3, report_station.go).
	Network NetworkStats `json:"network,omitzero"`
}

// Empty reports whether nothing at all happened in the period: no visit,
// settlement, appointment, call, complaint or survey. The printed report
// then says so.
func (b *BusinessStats) Empty() bool {
	a := b.AfterSales
	return b.Received == 0 && b.Delivered == 0 && b.Declined == 0 && b.Settlements == 0 && b.Appointments == 0 &&
		a.CallsDue == 0 && a.Complaints == 0 && a.Surveys == 0
}

// ReportRecords are the records a report counts. Each slice may hold more
// than the period's records (the store reads a little around it); Stats
// picks what belongs to the period. A record listed twice counts once.
type ReportRecords struct {
	// Visits checked in, delivered, left or settled in the period.
	Visits []Visit
	// VehicleTypes maps a vehicle id to its type (Vehicle.Type).
	VehicleTypes map[uint64]string
	// Appointments starting in the period, of any status.
	Appointments []Appointment
	// AfterSales are the period's after-sales figures (SummarizeAfterSales
	// or, for a month, the store's monthly summary).
	AfterSales MonthlySummary
}

// Stats counts the business statistics of the report of kind holding day,
// from recs as of asOf (REP-1). It reads nothing but its arguments.
func (s *Settings) Stats(kind ReportKind, day, asOf time.Time, recs ReportRecords) BusinessStats {
	loc := s.Location()
	from, to := ReportPeriod(kind, day, loc)
	b := BusinessStats{Kind: kind, From: from.UTC(), To: to.UTC(), AsOf: asOf.UTC(), AfterSales: recs.AfterSales}
	in := func(t time.Time) bool { return !t.IsZero() && !t.Before(from) && t.Before(to) }

	types := map[string]*Tally{}
	for _, t := range VehicleTypes {
		b.ByType = append(b.ByType, Tally{Key: t})
	}
	services := map[string]*Tally{}
	for _, sv := range s.Services {
		b.ByService = append(b.ByService, Tally{Key: sv.ID})
	}
	var extraTypes, extraServices []string
	switch kind {
	case ReportWeekly, ReportMonthly:
		for d := from; d.Before(to); d = d.AddDate(0, 0, 1) {
			b.Days = append(b.Days, DayTally{Day: d})
		}
	case ReportYearly: // a line per month
		for d := from; d.Before(to); d = d.AddDate(0, 1, 0) {
			b.Days = append(b.Days, DayTally{Day: d})
		}
	}
	dayOf := func(t time.Time) *DayTally {
		if len(b.Days) == 0 {
			return nil
		}
		for i := range b.Days {
			if !t.Before(b.Days[i].Day) && (i+1 == len(b.Days) || t.Before(b.Days[i+1].Day)) {
				return &b.Days[i]
			}
		}
		return nil
	}

	seen := make(map[uint64]bool, len(recs.Visits))
	var received, settled []*Visit // pointers: a Visit is large, a month holds thousands
	for i := range recs.Visits {
		v := &recs.Visits[i]
		if seen[v.ID] {
			continue
		}
		seen[v.ID] = true
		if in(v.CheckedInAt) {
			received = append(received, v)
		}
		if v.Status == VisitDelivered && in(v.DeliveredAt) {
			b.Delivered++
		}
		if v.Status == VisitLeft && in(v.LeftAt) {
			b.Declined++
		}
		if v.Settlement != nil && in(v.Settlement.At) {
			settled = append(settled, v)
		}
	}
	for _, v := range received {
		b.Received++
		t := recs.VehicleTypes[v.VehicleID]
		if !slices.Contains(VehicleTypes, t) && t != "" && !slices.Contains(extraTypes, t) {
			extraTypes = append(extraTypes, t)
		}
		types[t] = tallyOf(types, t)
		types[t].Vehicles++
		if !s.hasService(v.ServiceID) && v.ServiceID != "" && !slices.Contains(extraServices, v.ServiceID) {
			extraServices = append(extraServices, v.ServiceID)
		}
		services[v.ServiceID] = tallyOf(services, v.ServiceID)
		services[v.ServiceID].Vehicles++
		if d := dayOf(v.CheckedInAt); d != nil {
			d.Received++
		}
	}
	for _, v := range settled {
		set := v.Settlement
		b.Settlements++
		b.Amount += set.Amount
		b.Discounts += set.Discount
		b.Revenue += set.Due()
		b.Deposits += min(set.Deposit, set.Due())
		b.Collected += set.Collected()
		b.Receivables += set.Receivable()
		if set.Discount > 0 {
			b.Discounted++
		}
		if set.Receivable() > 0 {
			b.Owing++
		}
		if v.Status == VisitLeft {
			b.Fees += set.Due()
		}
		if !s.hasService(v.ServiceID) && v.ServiceID != "" && !slices.Contains(extraServices, v.ServiceID) {
			extraServices = append(extraServices, v.ServiceID)
		}
		services[v.ServiceID] = tallyOf(services, v.ServiceID)
		services[v.ServiceID].Revenue += set.Due()
		if d := dayOf(set.At); d != nil {
			d.Revenue += set.Due()
		}
	}
	slices.Sort(extraTypes)
	slices.Sort(extraServices)
	for _, t := range append(extraTypes, "") {
		b.ByType = append(b.ByType, Tally{Key: t})
	}
	for _, id := range append(extraServices, "") {
		b.ByService = append(b.ByService, Tally{Key: id})
	}
	fill := func(lines []Tally, m map[string]*Tally) []Tally {
		out := lines[:0]
		for _, l := range lines {
			if t := m[l.Key]; t != nil {
				l.Vehicles, l.Revenue = t.Vehicles, t.Revenue
			}
			if l.Key == "" && l.Vehicles == 0 && l.Revenue == 0 {
				continue // no line for "not recorded" when there is none
			}
			out = append(out, l)
		}
		return out
	}
	b.ByType = fill(b.ByType, types)
	b.ByService = fill(b.ByService, services)

	clear(seen)
	for _, a := range recs.Appointments {
		if seen[a.ID] || !in(a.Start) {
			continue
		}
		seen[a.ID] = true
		switch {
		case a.Status == AptCheckedIn:
			b.Kept++
		case a.Status == AptNoShow:
			b.Missed++
		case a.Status == AptBooked && asOf.After(a.Start.Add(CheckInLate)):
			b.Missed++ // the kiosk no longer checks it in
		case a.Status == AptBooked:
			b.Pending++
		default:
			continue // cancelled: it holds no bay
		}
		b.Appointments++
	}
	return b
}

func tallyOf(m map[string]*Tally, k string) *Tally {
	if t := m[k]; t != nil {
		return t
	}
	return &Tally{Key: k}
}

func (s *Settings) hasService(id string) bool {
	_, ok := s.Service(id)
	return ok
}

// reportTexts are the texts of the reports' chat messages, kept apart from
// Texts: only the report's sender uses them.
var reportTexts = Catalog{
	"rep.daily":   {"日报", "daily"},
	"rep.weekly":  {"周报", "weekly"},
	"rep.monthly": {"月报", "monthly"},
	"rep.yearly":  {"年报", "yearly"},
	"rep.head":    {"业务统计表（%s）%s", "Business statistics (%s) %s"},
	"rep.figures": {"进厂 %d 台，交车 %d 台，未施工离店 %d 台；营业收入 %s，实收 %s，应收账款 %s；预约 %d：到店 %d，爽约 %d，待到 %d。",
		"Received %d, delivered %d, declined %d; revenue %s, collected %s, receivables %s; appointments %d: kept %d, missed %d, pending %d."},
	"rep.money": {"优惠 %d 笔共 %s；欠款 %d 笔共 %s。", "Discounts: %d totalling %s; receivables: %d totalling %s."},
	"rep.aftersales": {"回访 %d（按期 %d，超期 %d）；投诉 %d（按时答复 %d）；满意度调查 %d 份。",
		"Calls due %d (in window %d, missed %d); complaints %d (answered in time %d); surveys %d."},
	"rep.empty": {"本期无业务数据。", "No business recorded in this period."},
	"rep.pdf":   {"详见附件 PDF。", "The PDF is attached."},
}

// ReportText is the chat message that carries a report's PDF to the
// supervisor (REP-1): the period and its main figures, or that it has no
// data.
func ReportText(st *Settings, b BusinessStats, lang Lang) string {
	loc := st.Location()
	period := b.From.In(loc).Format(time.DateOnly)
	if b.Kind != ReportDaily {
		period += "–" + b.To.In(loc).AddDate(0, 0, -1).Format(time.DateOnly)
	}
	t := reportTexts
	s := t.T(lang, "rep.head", t.T(lang, "rep."+string(b.Kind)), period) + "\n"
	if b.Empty() {
		return s + t.T(lang, "rep.empty") + "\n" + t.T(lang, "rep.pdf")
	}
	a := b.AfterSales
	return s + t.T(lang, "rep.figures", b.Received, b.Delivered, b.Declined, b.Revenue, b.Collected, b.Receivables,
		b.Appointments, b.Kept, b.Missed, b.Pending) + "\n" +
		t.T(lang, "rep.money", b.Discounted, b.Discounts, b.Owing, b.Receivables) + "\n" +
		t.T(lang, "rep.aftersales", a.CallsDue, a.CallsDoneInWindow, a.CallsMissed, a.Complaints, a.AnsweredInTime, a.Surveys) + "\n" +
		NetworkReportLine(b.Network, lang) + // NET-2, NET-3
		t.T(lang, "rep.pdf")
}
