package forms

import (
	"slices"
	"strconv"

	fo "frontoffice"
)

// The on-site documents of a field job (FLD-5): the work log 安装调试工作日志
// and the acceptance report 安装调试验收报告 the customer signs.

// FieldSiteRecord is what the on-site documents print: the job, its
// problems (quality feedback, in the order recorded) and the technician's
// name.
type FieldSiteRecord struct {
	Job        fo.FieldJob
	Problems   []fo.QualityFeedback
	Technician string
	// Photos are the log's photos fetched so far, by stored file id, as
	// SitePhoto thumbnails; the others print as not downloaded yet.
	Photos map[uint64]sitePhoto
	// Waiting are the photos the bot has not downloaded yet.
	Waiting map[uint64]bool
}

// fieldSiteDoc starts an on-site document of r with its job fields.
func (e *Engine) fieldSiteDoc(st *fo.Settings, r *FieldSiteRecord, lang fo.Lang, title string) *Doc {
	j := &r.Job
	d := e.NewDoc(DocOptions{Lang: lang, Shop: ShopOf(st, lang), Title: titleOf(title), Number: j.Number, Loc: st.Location()})
	c := j.Customer
	product := j.Product
	if l, ok := st.LabourStandardByCode(j.Product); ok {
		product = l.Name(lang)
	}
	d.Fields(2,
		Field{Label: d.T("form.site.company"), Value: dash(c.Company), Span: 2},
		Field{Label: d.T("form.site.address"), Value: dash(c.Address), Span: 2},
		Field{Label: d.T("form.site.contact"), Value: dash(c.Contact)},
		Field{Label: d.T("form.site.phone"), Value: dash(c.Phone)},
		Field{Label: d.T("form.site.equipment"), Value: dash(j.Equipment)},
		Field{Label: d.T("form.site.product"), Value: dash(product)},
		Field{Label: d.T("form.site.technician"), Value: dash(r.Technician)},
		Field{Label: d.T("form.site.checked_in"), Value: dash(d.stamp(j.Site.CheckedInAt))},
	)
	d.Space(2)
	return d
}

// problemsTable lists the job's problems with their class and state.
func problemsTable(d *Doc, probs []fo.QualityFeedback) Table {
	t := Table{Columns: []Column{
		{Title: d.T("form.site.no"), Width: 0.5},
		{Title: d.T("form.site.class"), Width: 1},
		{Title: d.T("form.site.problem"), Width: 4},
		{Title: d.T("form.site.state"), Width: 2.5},
	}, Empty: d.T("form.site.no_problems")}
	for _, q := range probs {
		state := d.T("form.site.open")
		if !q.Open {
			state = d.T("form.site.resolved", d.stamp(q.ResolvedAt), q.Resolution)
		}
		t.Rows = append(t.Rows, []string{strconv.FormatUint(q.ID, 10), q.Class.Label(d.Lang()), q.Text, state})
	}
	return t
}

// FieldWorkLog prints the work log 安装调试工作日志 of a field job (FLD-5):
// the job, each entry with its time (a photo by its stored file's number,
// kept in the data file), the problems found and their state, and boxes
// for the technician's and the customer's signatures.
func (e *Engine) FieldWorkLog(st *fo.Settings, r FieldSiteRecord, lang fo.Lang) ([]byte, error) {
	d := e.fieldSiteDoc(st, &r, lang, "form.title.site_log")
	d.Heading(d.T("form.site.entries", len(r.Job.Site.Log)), 20)
	t := Table{Columns: []Column{
		{Title: d.T("form.site.no"), Width: 0.5},
		{Title: d.T("form.site.time"), Width: 1.6},
		{Title: d.T("form.site.entry"), Width: 6},
	}, Empty: d.T("form.site.no_entries")}
	for i, en := range r.Job.Site.Log {
		text := en.Text
		if en.FileID != 0 {
			photo := d.T("form.site.photo", en.FileID)
			if text != "" {
				photo += " " + text
			}
			text = photo
		}
		t.Rows = append(t.Rows, []string{strconv.Itoa(i + 1), d.stamp(en.At), text})
	}
	d.Table(t)
	d.Space(3)
	if slices.ContainsFunc(r.Job.Site.Log, func(e fo.FieldLogEntry) bool { return e.FileID != 0 }) {
		d.Heading(d.T("form.site.photos"), 40)
		d.photos(r.Job.Site.Log, r.Photos, r.Waiting)
		d.Space(3)
	}
	d.Heading(d.T("form.site.problems"), 16)
	d.Table(problemsTable(d, r.Problems))
	d.Space(5)
	d.Signatures(d.T("form.site.technician_signs"), d.T("form.site.customer_signs"))
	return d.Bytes()
}

// FieldAcceptance prints the acceptance report 安装调试验收报告 of a field
// job (FLD-5): the job, the days on site and the log's size, the
// statement of acceptance, the problems left open (resolved by the shop
// after acceptance), and the customer's signature — the image of the
// strokes given on the signature page, "signed on paper" with the photo's
// number, or "awaiting signature".
func (e *Engine) FieldAcceptance(st *fo.Settings, r FieldSiteRecord, lang fo.Lang) ([]byte, error) {
	j := &r.Job
	d := e.fieldSiteDoc(st, &r, lang, "form.title.site_acceptance")
	sig := j.Site.Acceptance.Signature
	days := j.DaysOnSite(st.Location())
	if !sig.Signed() && !j.Site.CheckedInAt.IsZero() {
		days = 0
	}
	d.Fields(2,
		Field{Label: d.T("form.site.days"), Value: dayCount(d, days)},
		Field{Label: d.T("form.site.log_size"), Value: d.T("form.site.log_count", len(j.Site.Log))},
	)
	d.Space(3)
	d.Paragraph(d.T("form.site.statement", dash(j.Customer.Company), dash(j.Equipment)), Style{Size: 10.5})
	d.Space(3)
	var open []fo.QualityFeedback
	for _, q := range r.Problems {
		if q.Open {
			open = append(open, q)
		}
	}
	d.Heading(d.T("form.site.open_problems", len(open)), 16)
	d.Table(problemsTable(d, r.Problems))
	d.Space(4)

	d.Heading(d.T("form.site.signature"), 30)
	var state string
	switch {
	case sig.Signed() && sig.Via == fo.SignedOnPaper:
		state = d.T("form.site.signed_paper", d.stamp(sig.At), j.Site.Acceptance.PaperFileID)
	case sig.Signed():
		state = d.T("form.site.signed_pad", dash(sig.Name), d.stamp(sig.At))
	default:
		state = d.T("form.site.awaiting_signature")
	}
	d.Paragraph(state, Style{Size: 11, Bold: true})
	d.Space(3)
	d.SignatureBoxes(SignatureBox{Label: d.T("form.site.technician_signs")},
		SignatureBox{Label: d.T("form.site.customer_signs"), Sig: &sig})
	return d.Bytes()
}

// dayCount writes a number of days on site; "—" before any.
func dayCount(d *Doc, n int) string {
	if n <= 0 {
		return "—"
	}
	return d.T("form.site.day_count", n)
}
