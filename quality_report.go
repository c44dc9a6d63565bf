package frontoffice

// The quality information report (质量信息周报/月报, REP-2): the feedback of
// a period — problems found on field jobs (FLD-5), complaints (CMP-1) and
// the service stations' findings (NET-3) — classified (product,
// installation, parts, service) and counted by class, source, product,
// site and station, with the list of open problems. Manual: 综合管理组组长
// 职责 6 「对网点及维修组反馈的质量信息进行归类分析,并每周,或每月,编制
// 一期质量信息周,月,报,报送质量部和相关领导」.

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// DocQuality is the quality report's document kind; Ref: QualityRef of
// its period (REP-2).
const DocQuality = "quality"

// Limits of quality feedback (REP-2).
const (
	MaxQualityText    = 1000
	MaxQualityProduct = 60
	MaxQualitySite    = 100
	MaxQualityRef     = 40
	MaxResolution     = 500
)

// DefaultQualityReport is the quality report's period when the settings
// name none: weekly, sent with the week's business statistics (REP-2).
const DefaultQualityReport = ReportWeekly

// QualityReportKind returns the period of the quality report (REP-2):
// Settings.QualityReport, weekly or monthly, DefaultQualityReport when
// unset.
func (s *Settings) QualityReportKind() ReportKind {
	if s.QualityReport == ReportMonthly {
		return ReportMonthly
	}
	return DefaultQualityReport
}

// Index returns c's place in QualityClasses, -1 when c is none.
func (c QualityClass) Index() int { return slices.Index(QualityClasses, c) }

// Label returns the class's name in lang.
func (c QualityClass) Label(lang Lang) string { return Texts.T(lang, "quality.class."+string(c)) }

// QualitySourceLabel returns the name of a feedback source in lang.
func QualitySourceLabel(source string, lang Lang) string {
	return Texts.T(lang, "quality.source."+source)
}

// ParseQualityClass checks a class; an unknown one is an EINVALID *Error.
func ParseQualityClass(s string) (QualityClass, error) {
	c := QualityClass(strings.TrimSpace(s))
	if c.Index() < 0 {
		return "", fieldErr("class", "err.quality.class")
	}
	return c, nil
}

// ComplaintQualityClass is the class a complaint counts under until staff
// classify it (REP-2): quality and safety complaints are about the
// installation work, the others (service, time, price, other) about
// service. Staff reclassify a complaint on the console's quality page
// (a product fault, a part missing).
func ComplaintQualityClass(category string) QualityClass {
	switch category {
	case "quality", "safety":
		return QualityInstallation
	}
	return QualityService
}

// ComplaintFeedback is complaint c as quality feedback of source
// "complaint" with its default class (ComplaintQualityClass), dated when
// it was filed; product is the service of its visit ("" when none). It is
// not an open problem: the complaint has its own closed loop (CMP-4,
// CMP-5); staff put it on the open-problem list when they classify it
// (data's ClassifyComplaint).
func ComplaintFeedback(c Complaint, product string) QualityFeedback {
	return QualityFeedback{At: c.FiledAt, Source: QualitySourceComplaint, Ref: c.Ticket,
		Class: ComplaintQualityClass(c.Category), Product: product, StationID: c.StationID,
		Text: c.Text, ResolvedAt: c.ClosedAt, Resolution: c.Resolution, By: c.By}
}

// Validate checks feedback staff enter or a door sends: a known source and
// class, a text of 1 to MaxQualityText characters, a product, site and
// reference within their limits. The first fault is a *FieldError.
func (q *QualityFeedback) Validate() error {
	switch q.Source {
	case QualitySourceComplaint, QualitySourceField, QualitySourceStation:
	default:
		return fieldErr("source", "err.quality.source")
	}
	if _, err := ParseQualityClass(string(q.Class)); err != nil {
		return err
	}
	q.Text = strings.TrimSpace(q.Text)
	if q.Text == "" || utf8.RuneCountInString(q.Text) > MaxQualityText {
		return fieldErr("text", "err.quality.text", MaxQualityText)
	}
	for _, f := range []struct {
		name, v string
		max     int
	}{{"product", q.Product, MaxQualityProduct}, {"site", q.Site, MaxQualitySite}, {"ref", q.Ref, MaxQualityRef}} {
		if utf8.RuneCountInString(f.v) > f.max {
			return fieldErr(f.name, "err.quality.long", f.max)
		}
	}
	return nil
}

// Resolve closes open problem q at now by by with resolution (REP-2): a
// problem already resolved is an ECONFLICT *Error, an empty or too long
// resolution an EINVALID one.
func (q *QualityFeedback) Resolve(resolution, by string, now time.Time) error {
	resolution = strings.TrimSpace(resolution)
	if resolution == "" || utf8.RuneCountInString(resolution) > MaxResolution {
		return fieldErr("resolution", "err.quality.resolution", MaxResolution)
	}
	if !q.Open {
		return Errorf(ECONFLICT, "err.quality.resolved")
	}
	q.Open, q.ResolvedAt, q.Resolution = false, now, resolution
	if by != "" {
		q.By = by
	}
	return nil
}

// QualityCount is one line of a quality report's table: a product, site,
// station or source with its feedback per class (QualityClasses order),
// the total and how many are still open.
type QualityCount struct {
	Key       string
	StationID uint64 `json:",omitempty"`
	ByClass   [4]int
	Total     int
	Open      int
}

func (c *QualityCount) add(q *QualityFeedback) {
	if i := q.Class.Index(); i >= 0 {
		c.ByClass[i]++
	}
	c.Total++
	if q.Open {
		c.Open++
	}
}

// QualityReport is the quality information report of [From, To) (REP-2).
type QualityReport struct {
	Kind     ReportKind // weekly, monthly, or "" for a period staff chose
	From, To time.Time
	AsOf     time.Time
	Total    int
	Open     int    // of the period's feedback, still open
	ByClass  [4]int // QualityClasses order
	// BySource, ByProduct, BySite and ByStation list the period's counts,
	// most feedback first (then by key). A product or site not given is
	// the key "".
	BySource  []QualityCount
	ByProduct []QualityCount
	BySite    []QualityCount
	ByStation []QualityCount // station feedback and station complaints only
	// Items are the period's feedback as counted, oldest first: the
	// complaints not classified by staff under their default class (ID
	// 0, Ref their ticket).
	Items []QualityFeedback
	// OpenProblems are all the problems still open at AsOf, whatever
	// their period, oldest first: they stay on every report until
	// resolved.
	OpenProblems []QualityFeedback
}

// Empty reports whether the period had no feedback and nothing is open.
func (r QualityReport) Empty() bool { return r.Total == 0 && len(r.OpenProblems) == 0 }

// QualityRecords are what a quality report counts, as the store reads them.
type QualityRecords struct {
	// Feedback is the feedback recorded in the period (the quality_at
	// index), including staff's classification of complaints (source
	// "complaint", Ref the ticket).
	Feedback []QualityFeedback
	// Complaints are the complaints filed in the period (the ticket
	// index); Products the service of each one's visit by complaint id.
	Complaints []Complaint
	Products   map[uint64]string
	// Open is every open problem (the quality_open index).
	Open []QualityFeedback
	// Stations names the stations by id.
	Stations map[uint64]string
}

// BuildQualityReport counts recs over [from, to) as of now (REP-2): every
// feedback record dated in the period, and every complaint filed in it
// that staff have not classified (a feedback record of source
// "complaint" naming its ticket) under its default class
// (ComplaintFeedback). Open complaints are not on the open-problem list:
// they have their own closed loop (CMP-5); open feedback is.
func BuildQualityReport(kind ReportKind, from, to, now time.Time, recs QualityRecords) QualityReport {
	r := QualityReport{Kind: kind, From: from, To: to, AsOf: now}
	var all []QualityFeedback
	classified := map[string]bool{}
	for _, q := range recs.Feedback {
		if q.At.Before(from) || !q.At.Before(to) {
			continue
		}
		if q.Source == QualitySourceComplaint {
			classified[q.Ref] = true
		}
		all = append(all, q)
	}
	for _, c := range recs.Complaints {
		if classified[c.Ticket] || c.FiledAt.Before(from) || !c.FiledAt.Before(to) {
			continue
		}
		all = append(all, ComplaintFeedback(c, recs.Products[c.ID]))
	}
	slices.SortStableFunc(all, func(a, b QualityFeedback) int { return a.At.Compare(b.At) })
	r.Items = all
	by := map[string]map[string]*QualityCount{"source": {}, "product": {}, "site": {}, "station": {}}
	count := func(group, k string, q *QualityFeedback) {
		c := by[group][k]
		if c == nil {
			c = &QualityCount{Key: k}
			by[group][k] = c
		}
		c.add(q)
	}
	for i := range all {
		q := &all[i]
		r.Total++
		if i := q.Class.Index(); i >= 0 {
			r.ByClass[i]++
		}
		if q.Open {
			r.Open++
		}
		count("source", q.Source, q)
		count("product", q.Product, q)
		count("site", q.Site, q)
		if q.StationID != 0 {
			count("station", strconv.FormatUint(q.StationID, 10), q)
		}
	}
	list := func(group string) []QualityCount {
		var out []QualityCount
		for _, c := range by[group] {
			out = append(out, *c)
		}
		slices.SortFunc(out, func(a, b QualityCount) int {
			return cmp.Or(b.Total-a.Total, strings.Compare(a.Key, b.Key))
		})
		return out
	}
	r.BySource, r.ByProduct, r.BySite = list("source"), list("product"), list("site")
	r.ByStation = list("station")
	for i := range r.ByStation {
		id, _ := strconv.ParseUint(r.ByStation[i].Key, 10, 64)
		r.ByStation[i].StationID = id
		if name := recs.Stations[id]; name != "" {
			r.ByStation[i].Key = name
		}
	}
	for _, q := range recs.Open {
		if q.Open {
			r.OpenProblems = append(r.OpenProblems, q)
		}
	}
	slices.SortFunc(r.OpenProblems, func(a, b QualityFeedback) int { return cmp.Or(a.At.Compare(b.At), cmp.Compare(a.ID, b.ID)) })
	return r
}

// QualityRef is the Document.Ref of the quality report of [from, to) in
// loc: the first and the last day as YYYYMMDDYYYYMMDD (2026113020261206).
func QualityRef(from, to time.Time, loc *time.Location) uint64 {
	return ReportRef(from, loc)*100_000_000 + ReportRef(to.Add(-time.Nanosecond), loc)
}

// ParseQualityRef returns the period [from, to) a QualityRef names in loc
// (midnight of its first day, midnight after its last), or an EINVALID
// *Error when ref names no period of up to a year.
func ParseQualityRef(ref uint64, loc *time.Location) (from, to time.Time, err error) {
	from, err1 := ParseReportRef(ref/100_000_000, loc)
	last, err2 := ParseReportRef(ref%100_000_000, loc)
	if err1 != nil || err2 != nil || last.Before(from) || last.After(from.AddDate(1, 0, 0)) {
		return time.Time{}, time.Time{}, &Error{Code: EINVALID, Key: "err.date", Err: fmt.Errorf("quality report period %d", ref)}
	}
	return from, last.AddDate(0, 0, 1), nil
}

// QualityChats are the chats the quality report goes to (REP-2: 报送质量部):
// the private chats of the staff with RoleQuality on Telegram, or the
// supervisors' (ReportChats) when none is.
func (s *Settings) QualityChats() []int64 {
	var out []int64
	for _, m := range s.StaffWith(RoleQuality) {
		if m.TelegramUserID != 0 {
			out = appendNew(out, m.TelegramUserID)
		}
	}
	if len(out) == 0 {
		return s.ReportChats()
	}
	return out
}

// QualityMessages are the quality report of r sent to QualityChats
// (REP-2): a message per chat with the report's main figures and its PDF
// (Document{Kind: DocQuality}), keyed by the period and the chat so that
// sending it again adds nothing.
func QualityMessages(st *Settings, r QualityReport) []Message {
	loc := st.Location()
	ref := QualityRef(r.From, r.To, loc)
	num := strconv.FormatUint(ref, 10)
	doc := &Document{Kind: DocQuality, Ref: ref, Name: "quality-" + num + ".pdf"}
	var msgs []Message
	for _, chat := range st.QualityChats() {
		msgs = append(msgs, Message{Key: "quality:" + num + ":c:" + strconv.FormatInt(chat, 10), ChatID: chat,
			Text: QualityText(st, r, ZH), Lang: ZH, Document: doc})
	}
	return msgs
}

// QualityText is the quality report's message (REP-2): the period, the
// counts by class and the open problems.
func QualityText(st *Settings, r QualityReport, lang Lang) string {
	loc := st.Location()
	last := r.To.In(loc).AddDate(0, 0, -1)
	var b strings.Builder
	b.WriteString(Texts.T(lang, "quality.msg.head", r.From.In(loc).Format(time.DateOnly), last.Format(time.DateOnly), r.Total, r.Open))
	for i, c := range QualityClasses {
		b.WriteString("\n" + Texts.T(lang, "quality.msg.class", c.Label(lang), r.ByClass[i]))
	}
	b.WriteString("\n" + Texts.T(lang, "quality.msg.open", len(r.OpenProblems)))
	return b.String()
}
