package data

// A field job on site (FLD-5): the technician's check-in, the work log
// with its photos, open problems (quality feedback, source field) until
// resolved, the signed acceptance, the chief engineer's copies and
// finance's notice. Each change is one transaction with the job's history
// line, its audit entry and the messages it causes (field_site_message.go).

import (
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// fieldSiteDispatched writes what the dispatch of j says on site's side:
// the technician's message, or the reception's call and the staff notice
// when the technician has no linked Telegram (fo.FieldSiteDispatchNotices).
// The dispatch (field_dispatch) calls it in its transaction.
func (w *writer) fieldSiteDispatched(st *fo.Settings, j fo.FieldJob) error {
	n := fo.FieldSiteDispatchNotices(st, j)
	if err := w.enqueue(n.Messages...); err != nil {
		return err
	}
	return w.addPhoneTasks(st, n.Calls...)
}

// changeSiteJob loads job id, lets fn change it and stores it with its
// audit entry under action, once per idem (a repeat returns the first
// result).
func (s *Store) changeSiteJob(id uint64, idem, by, action string, fn func(w *writer, st *fo.Settings, j *fo.FieldJob) error) (fo.FieldJob, error) {
	var j fo.FieldJob
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		if done, err := idemGet(tx, idem, &j); done || err != nil {
			return err
		}
		w.setBy(by)
		old, err := getFieldJob(tx, id)
		if err != nil {
			return err
		}
		st, err := settingsTx(tx)
		if err != nil {
			return err
		}
		j = old
		j.History = slices.Clone(old.History)
		j.Site.Log = slices.Clone(old.Site.Log)
		j.Site.Problems = slices.Clone(old.Site.Problems)
		if err := fn(w, &st, &j); err != nil {
			return err
		}
		if err := w.putFieldJob(j, &old, action); err != nil {
			return err
		}
		return idemPut(tx, idem, j)
	})
	return j, err
}

// TechnicianJobs returns the open jobs of technician staff (dispatched to
// them, on site or accepted), oldest first.
func (s *Store) TechnicianJobs(staff string) ([]fo.FieldJob, error) {
	all, err := s.OpenFieldJobs()
	if err != nil {
		return nil, err
	}
	var out []fo.FieldJob
	for _, j := range all {
		if j.IsTechnician(staff) && (j.Stage == fo.FieldDispatched || j.Stage == fo.FieldOnSite || j.Stage == fo.FieldAccepted) {
			out = append(out, j)
		}
	}
	return out, nil
}

// OnSiteJob returns the job technician staff is working on now: the one
// they checked in to last; ok false when none.
func (s *Store) OnSiteJob(staff string) (fo.FieldJob, bool, error) {
	jobs, err := s.TechnicianJobs(staff)
	if err != nil {
		return fo.FieldJob{}, false, err
	}
	var best fo.FieldJob
	found := false
	for _, j := range jobs {
		if j.Stage == fo.FieldOnSite && (!found || j.Site.CheckedInAt.After(best.Site.CheckedInAt)) {
			best, found = j, true
		}
	}
	return best, found, nil
}

// FieldCheckIn records the technician's arrival on site (FLD-5).
func (s *Store) FieldCheckIn(id uint64, staff, idem string) (fo.FieldJob, error) {
	return s.changeSiteJob(id, idem, "staff:"+staff, "checked_in", func(w *writer, st *fo.Settings, j *fo.FieldJob) error {
		if err := j.CheckIn(staff, w.now); err != nil {
			return err
		}
		return w.enqueue(fo.FieldCheckedInMessages(st, *j)...)
	})
}

// AddFieldLog adds an entry to a job's work log (FLD-5). A photo is
// recorded as a stored file at once and fetched by the bot later, so a
// download that fails never holds the log up.
func (s *Store) AddFieldLog(req fo.FieldLogRequest) (fo.FieldJob, error) {
	return s.changeSiteJob(req.JobID, req.Idem, "staff:"+req.By, "log", func(w *writer, st *fo.Settings, j *fo.FieldJob) error {
		if !j.IsTechnician(req.By) {
			return fo.ErrForbidden
		}
		e := fo.FieldLogEntry{At: w.now, By: req.By, Text: req.Text}
		if req.TelegramFileID != "" {
			if j.Stage != fo.FieldOnSite { // before the file is recorded
				return fo.Errorf(fo.ECONFLICT, "err.site.not_on_site")
			}
			f, err := w.addTelegramFile(req.TelegramFileID, req.FileName, req.Mime)
			if err != nil {
				return err
			}
			e.FileID = f.ID
		}
		return j.AddLog(e)
	})
}

// AddFieldProblem records an open problem found on a job (FLD-5) as open
// quality feedback of source field (REP-2), tells the chief engineer and
// returns it.
func (s *Store) AddFieldProblem(req fo.FieldProblemRequest) (fo.QualityFeedback, error) {
	var q fo.QualityFeedback
	class, err := fo.ParseFieldProblemClass(req.Class)
	if err != nil {
		return q, err
	}
	text, err := fo.ParseNote(req.Text, fo.MaxFieldLogText)
	if err != nil {
		return q, err
	}
	_, err = s.changeSiteJob(req.JobID, req.Idem, "staff:"+req.By, "problem", func(w *writer, st *fo.Settings, j *fo.FieldJob) error {
		if j.Stage != fo.FieldOnSite && j.Stage != fo.FieldAccepted {
			return fo.Errorf(fo.ECONFLICT, "err.site.not_on_site")
		}
		var err error
		q, err = w.putQuality(fo.QualityFeedback{Source: fo.QualitySourceField, Ref: j.Number, Class: class,
			Product: j.Product, Site: j.Customer.Company, Text: text, Open: true, By: "staff:" + req.By})
		if err != nil {
			return err
		}
		j.Site.Problems = append(j.Site.Problems, q.ID)
		j.Site.OpenProblems++
		j.History = append(j.History, fo.FieldEvent{At: w.now, By: "staff:" + req.By, Action: "problem", Note: string(class)})
		return w.enqueue(fo.FieldProblemMessages(st, *j, q)...)
	})
	if err != nil {
		return q, err
	}
	// A repeated request returns the problem recorded the first time.
	if q.ID == 0 {
		j, err := s.FieldJob(req.JobID)
		if err != nil || len(j.Site.Problems) == 0 {
			return q, err
		}
		return s.Quality(j.Site.Problems[len(j.Site.Problems)-1])
	}
	return q, nil
}

// Quality returns quality feedback id; fo.ErrNotFound when there is none.
func (s *Store) Quality(id uint64) (fo.QualityFeedback, error) {
	var q fo.QualityFeedback
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		q, err = getQuality(tx, id)
		return err
	})
	return q, err
}

// FieldProblems returns the problems of job id, in the order recorded.
func (s *Store) FieldProblems(id uint64) ([]fo.QualityFeedback, error) {
	var out []fo.QualityFeedback
	err := s.db.View(func(tx *bolt.Tx) error {
		j, err := getFieldJob(tx, id)
		if err != nil {
			return err
		}
		for _, qid := range j.Site.Problems {
			q, err := getQuality(tx, qid)
			if err != nil {
				return err
			}
			out = append(out, q)
		}
		return nil
	})
	return out, err
}

// OpenFieldProblems returns the open problems found on field jobs, oldest
// first: the list they stay on until resolved (FLD-5).
func (s *Store) OpenFieldProblems() ([]fo.QualityFeedback, error) {
	var out []fo.QualityFeedback
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bQualityOpen).ForEach(func(k, _ []byte) error {
			q, err := getQuality(tx, btou(k))
			if err != nil {
				return err
			}
			if q.Source == fo.QualitySourceField {
				out = append(out, q)
			}
			return nil
		})
	})
	return out, err
}

// ResolveFieldProblem closes an open problem with how it was resolved.
// When it was the job's last open problem and the job is accepted, the
// contract is fulfilled: the job closes and finance is told (FLD-5).
func (s *Store) ResolveFieldProblem(qid uint64, resolution, by, idem string) (fo.QualityFeedback, error) {
	var q fo.QualityFeedback
	res, err := fo.ParseNote(resolution, fo.MaxFieldLogText)
	if err != nil {
		return q, fo.Errorf(fo.EINVALID, "err.site.resolution", fo.MaxFieldLogText)
	}
	err = s.update(func(tx *bolt.Tx, w *writer) error {
		if done, err := idemGet(tx, idem, &q); done || err != nil {
			return err
		}
		w.setBy(by)
		var err error
		if q, err = getQuality(tx, qid); err != nil {
			return err
		}
		if q.Source != fo.QualitySourceField {
			return fo.ErrNotFound
		}
		if !q.Open {
			return fo.ErrNotAllowed
		}
		q.Open, q.ResolvedAt, q.Resolution = false, w.now, res
		if q, err = w.putQuality(q); err != nil {
			return err
		}
		if err := w.problemResolved(tx, q, by); err != nil {
			return err
		}
		return idemPut(tx, idem, q)
	})
	return q, err
}

// problemResolved counts q's resolution on its job, and closes the job
// when that fulfils the contract.
func (w *writer) problemResolved(tx *bolt.Tx, q fo.QualityFeedback, by string) error {
	var old fo.FieldJob
	found := false
	err := tx.Bucket(bFieldJobs).ForEach(func(k, v []byte) error {
		if found {
			return nil
		}
		var j fo.FieldJob
		if err := jsonUnmarshal(v, &j); err != nil {
			return err
		}
		if j.Number == q.Ref && slices.Contains(j.Site.Problems, q.ID) {
			old, found = j, true
		}
		return nil
	})
	if err != nil || !found {
		return err
	}
	st, err := settingsTx(tx)
	if err != nil {
		return err
	}
	j := old
	j.History = slices.Clone(old.History)
	j.Site.OpenProblems = max(0, j.Site.OpenProblems-1)
	j.History = append(j.History, fo.FieldEvent{At: w.now, By: by, Action: "resolved", Note: q.Resolution})
	if j.Fulfilled() {
		if err := w.closeFieldJob(&st, &j, "system"); err != nil {
			return err
		}
	}
	return w.putFieldJob(j, &old, "resolved")
}

// closeFieldJob closes an accepted job and tells finance (FLD-5).
func (w *writer) closeFieldJob(st *fo.Settings, j *fo.FieldJob, by string) error {
	if err := j.Close(by, w.now); err != nil {
		return err
	}
	return w.enqueue(fo.FieldClosedMessages(st, *j)...)
}

// CloseFieldJob closes an accepted job by staff, problems still open
// staying on the list, and tells finance to collect the balance (FLD-5).
func (s *Store) CloseFieldJob(id uint64, by, idem string) (fo.FieldJob, error) {
	return s.changeSiteJob(id, idem, by, "closed", func(w *writer, st *fo.Settings, j *fo.FieldJob) error {
		return w.closeFieldJob(st, j, by)
	})
}

// acceptFieldJob records the signed acceptance: the chief engineer gets
// the copies, and a job with no open problem closes at once.
func (w *writer) acceptFieldJob(st *fo.Settings, j *fo.FieldJob, sig fo.Signature, paperFile uint64) error {
	if err := j.Accept(sig, paperFile); err != nil {
		return err
	}
	if err := w.enqueue(fo.FieldAcceptedMessages(st, *j)...); err != nil {
		return err
	}
	if j.Fulfilled() {
		return w.closeFieldJob(st, j, "system")
	}
	return nil
}

// FieldPaperAcceptance records the acceptance report signed on paper and
// photographed in Telegram by the technician (fo.SignedOnPaper).
func (s *Store) FieldPaperAcceptance(req fo.FieldLogRequest) (fo.FieldJob, error) {
	return s.changeSiteJob(req.JobID, req.Idem, "staff:"+req.By, "accepted", func(w *writer, st *fo.Settings, j *fo.FieldJob) error {
		if !j.IsTechnician(req.By) {
			return fo.ErrForbidden
		}
		if err := j.CanSign(); err != nil {
			return err
		}
		if strings.TrimSpace(req.TelegramFileID) == "" {
			return fo.Errorf(fo.EINVALID, "err.site.no_signature")
		}
		f, err := w.addTelegramFile(req.TelegramFileID, req.FileName, req.Mime)
		if err != nil {
			return err
		}
		sig := fo.Signature{Via: fo.SignedOnPaper, At: w.now, By: "staff:" + req.By, File: f.ID}
		return w.acceptFieldJob(st, j, sig, f.ID)
	})
}
