package frontoffice

import (
	"slices"
	"strconv"
	"time"
)

// FieldSite is the technician's work on site: check-in, the work log
// (安装调试工作日志), open problems and the acceptance report (安装调试验收报告)
// the customer signs (FLD-5).
type FieldSite struct {
	// CheckedInAt is when the technician said they arrived on site.
	CheckedInAt time.Time `json:"checked_in_at,omitzero"`
	CheckedInBy string    `json:"checked_in_by,omitempty"`
	// Log is the work log, one entry a message or photo, in time order.
	Log []FieldLogEntry `json:"log,omitempty"`
	// Problems are the quality feedback ids (fo.QualityFeedback, source
	// field) of the problems recorded on this job; OpenProblems how many of
	// them are still open.
	Problems     []uint64 `json:"problems,omitempty"`
	OpenProblems int      `json:"open_problems,omitempty"`
	// Acceptance is the signed acceptance report.
	Acceptance FieldAcceptance `json:"acceptance"`
	// ClosedAt is when the contract was found fulfilled and finance told
	// to collect the balance; ClosedBy who closed it ("system" when the
	// last open problem was resolved after acceptance).
	ClosedAt time.Time `json:"closed_at,omitzero"`
	ClosedBy string    `json:"closed_by,omitempty"`
}

// FieldLogEntry is a line of the work log: what the technician wrote, or a
// photo (a stored file, fetched by the bot later), time-stamped on arrival.
type FieldLogEntry struct {
	At     time.Time `json:"at"`
	By     string    `json:"by"`
	Text   string    `json:"text,omitempty"`
	FileID uint64    `json:"file_id,omitempty"`
}

// FieldAcceptance is the acceptance report's signature: on the signature
// page opened from the technician's link (SignedOnPad), or on paper,
// photographed (SignedOnPaper, PaperFileID the photo).
type FieldAcceptance struct {
	Signature   Signature `json:"signature"`
	PaperFileID uint64    `json:"paper_file_id,omitempty"`
}

// Limits of the on-site work (FLD-5).
const (
	// MaxFieldLogText is the longest log entry or problem, in characters.
	MaxFieldLogText = 1000
	// MaxFieldLog is how many entries a work log holds.
	MaxFieldLog = 500
	// FieldSignTTL is how long a signature link stays usable: the
	// customer signs while the technician is there.
	FieldSignTTL = 2 * time.Hour
	// MaxSignerName is the longest signer's name.
	MaxSignerName = 40
)

// Field-site button actions, the callback data "fs:<action>:<id>"
// (FieldSiteData, ParseFieldSiteData).
const (
	FsCheckIn = "in"  // the technician arrived (id: job)
	FsProblem = "pb"  // record an open problem (id: job)
	FsSign    = "sig" // a signature link for the customer (id: job)
	FsPaper   = "ppr" // the acceptance signed on paper, photo follows (id: job)
	FsResolve = "rs"  // resolve an open problem (id: quality feedback)
)

// FieldSiteData is the callback data of a field-site button.
func FieldSiteData(action string, id uint64) string {
	return "fs:" + action + ":" + strconv.FormatUint(id, 10)
}

// ParseFieldSiteData parses FieldSiteData's output.
func ParseFieldSiteData(s string) (action string, id uint64, ok bool) {
	return parseActionData(s, "fs", FsCheckIn, FsProblem, FsSign, FsPaper, FsResolve)
}

// ParseFieldProblemClass reads an open problem's class (REP-2).
func ParseFieldProblemClass(s string) (QualityClass, error) {
	c := QualityClass(s)
	if !slices.Contains(QualityClasses, c) {
		return "", Errorf(EINVALID, "err.site.class")
	}
	return c, nil
}

// IsTechnician reports whether staff member id is the job's technician.
func (j FieldJob) IsTechnician(id string) bool { return id != "" && j.Dispatch.Technician == id }

// CheckIn records the technician's arrival (FLD-5): only the dispatched
// technician, only once, only for a dispatched job.
func (j *FieldJob) CheckIn(by string, now time.Time) error {
	if !j.IsTechnician(by) {
		return ErrForbidden
	}
	if j.Stage != FieldDispatched {
		return Errorf(ECONFLICT, "err.site.not_dispatched")
	}
	j.Stage = FieldOnSite
	j.Site.CheckedInAt, j.Site.CheckedInBy = now, by
	j.History = append(j.History, FieldEvent{At: now, By: "staff:" + by, Action: "checked_in"})
	return nil
}

// AddLog adds an entry to the work log (FLD-5): while the job is on site,
// text of 1..MaxFieldLogText characters or a photo.
func (j *FieldJob) AddLog(e FieldLogEntry) error {
	if j.Stage != FieldOnSite {
		return Errorf(ECONFLICT, "err.site.not_on_site")
	}
	if len(j.Site.Log) >= MaxFieldLog {
		return Errorf(EINVALID, "err.site.log_full", MaxFieldLog)
	}
	if e.FileID == 0 || e.Text != "" {
		t, err := ParseNote(e.Text, MaxFieldLogText)
		if err != nil {
			return err
		}
		e.Text = t
	}
	j.Site.Log = append(j.Site.Log, e)
	return nil
}

// CanSign reports whether the acceptance report can be signed now: the
// technician is on site and it is not signed yet.
func (j FieldJob) CanSign() error {
	if j.Stage != FieldOnSite {
		return Errorf(ECONFLICT, "err.site.not_on_site")
	}
	return nil
}

// Accept records the signed acceptance report (FLD-5) and moves the job to
// FieldAccepted.
func (j *FieldJob) Accept(sig Signature, paperFile uint64) error {
	if err := j.CanSign(); err != nil {
		return err
	}
	if !sig.Signed() || (sig.Via == SignedOnPad && len(sig.PNG) == 0 && sig.File == 0) {
		return Errorf(EINVALID, "err.site.no_signature")
	}
	j.Stage = FieldAccepted
	j.Site.Acceptance = FieldAcceptance{Signature: sig, PaperFileID: paperFile}
	j.History = append(j.History, FieldEvent{At: sig.At, By: sig.By, Action: "accepted", Note: sig.Via})
	return nil
}

// Fulfilled reports whether the contract is fulfilled (FLD-5): the
// acceptance is signed and no problem is open.
func (j FieldJob) Fulfilled() bool { return j.Stage == FieldAccepted && j.Site.OpenProblems == 0 }

// Close closes an accepted job: the contract is fulfilled (by "system"),
// or staff close it with problems still open, which stay on the list.
func (j *FieldJob) Close(by string, now time.Time) error {
	if j.Stage != FieldAccepted {
		return Errorf(ECONFLICT, "err.site.not_accepted")
	}
	j.Stage = FieldClosed
	j.Site.ClosedAt, j.Site.ClosedBy = now, by
	j.History = append(j.History, FieldEvent{At: now, By: by, Action: "closed"})
	return nil
}

// FieldFigures are what finance is told when the balance is due (FLD-5).
type FieldFigures struct {
	Equipment string
	// Days are the technician's calendar days on site, check-in to
	// acceptance, both counted.
	Days int
	// Labour is the labour standard's cost of the job's product in its
	// region (Settings.LabourCost); LabourKnown false when either is
	// unknown.
	Labour      Money
	LabourTime  time.Duration
	LabourKnown bool
	// OpenProblems still open when finance is told.
	OpenProblems int
}

// Figures returns the job's figures for finance.
func (j FieldJob) Figures(st *Settings) FieldFigures {
	f := FieldFigures{Equipment: j.Equipment, OpenProblems: j.Site.OpenProblems, Days: j.DaysOnSite(st.Location())}
	if j.Product != "" {
		f.Labour, f.LabourTime, f.LabourKnown = st.LabourCost(j.Product, j.Region, false)
	}
	return f
}

// DaysOnSite counts the calendar days in loc from check-in to acceptance
// (to closing, when not accepted on site), both counted; 0 before check-in.
func (j FieldJob) DaysOnSite(loc *time.Location) int {
	from := j.Site.CheckedInAt
	to := j.Site.Acceptance.Signature.At
	if to.IsZero() {
		to = j.Site.ClosedAt
	}
	if from.IsZero() || to.IsZero() || to.Before(from) {
		if from.IsZero() {
			return 0
		}
		return 1
	}
	a, b := from.In(loc), to.In(loc)
	da := time.Date(a.Year(), a.Month(), a.Day(), 12, 0, 0, 0, time.UTC)
	db := time.Date(b.Year(), b.Month(), b.Day(), 12, 0, 0, 0, time.UTC)
	return int(db.Sub(da).Hours()/24) + 1
}

// FieldLogRequest adds an entry to a job's work log: text, a photo
// received in Telegram (TelegramFileID; recorded at once, fetched later),
// or both.
type FieldLogRequest struct {
	Idem           string
	JobID          uint64
	By             string // staff id of the technician
	Text           string
	TelegramFileID string
	FileName       string
	Mime           string
}

// FieldProblemRequest records an open problem found on site (FLD-5,
// REP-2).
type FieldProblemRequest struct {
	Idem  string
	JobID uint64
	By    string // staff id
	Class string
	Text  string
}

// ParseSignerName checks the signer's name: 1..MaxSignerName characters.
func ParseSignerName(s string) (string, error) {
	n, err := ParseNote(s, MaxSignerName)
	if err != nil {
		return "", Errorf(EINVALID, "err.site.signer", MaxSignerName)
	}
	return n, nil
}
