package data

// Signature links of field jobs (FLD-5): the technician asks for a link,
// shows it to the customer, who signs the acceptance report on the page it
// opens. A link is single-use and expires after fo.FieldSignTTL; only its
// hash is stored.
//
// Bucket and key layout:
//
//	field_sign   sha256(token) → JSON signLink

import (
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// signLink is a signature link's record.
type signLink struct {
	JobID   uint64    `json:"job_id"`
	Expires time.Time `json:"expires"`
	By      string    `json:"by"`
}

// FieldSignLink makes a signature link for job id, asked for by its
// technician staff while on site, and returns its token and expiry.
func (s *Store) FieldSignLink(id uint64, staff string) (string, time.Time, error) {
	token, err := randomToken()
	if err != nil {
		return "", time.Time{}, err
	}
	var exp time.Time
	err = s.update(func(tx *bolt.Tx, w *writer) error {
		j, err := getFieldJob(tx, id)
		if err != nil {
			return err
		}
		if !j.IsTechnician(staff) {
			return fo.ErrForbidden
		}
		if err := j.CanSign(); err != nil {
			return err
		}
		exp = w.now.Add(fo.FieldSignTTL)
		if err := sweepSignLinks(tx.Bucket(bFieldSign), w.now); err != nil {
			return err
		}
		return putJSON(tx.Bucket(bFieldSign), sessionKey(token), signLink{JobID: id, Expires: exp, By: staff})
	})
	return token, exp, err
}

// signLinkTx reads the live link of token: fo.ErrNotFound when there is
// none, it expired or its job can no longer be signed — one answer for
// every miss.
func signLinkTx(tx *bolt.Tx, token string, now time.Time) (signLink, fo.FieldJob, error) {
	var l signLink
	if token == "" || len(token) > 100 {
		return l, fo.FieldJob{}, fo.ErrNotFound
	}
	if err := getJSON(tx.Bucket(bFieldSign), sessionKey(token), &l); err != nil {
		return l, fo.FieldJob{}, fo.ErrNotFound
	}
	if !now.Before(l.Expires) {
		return l, fo.FieldJob{}, fo.ErrNotFound
	}
	j, err := getFieldJob(tx, l.JobID)
	if err != nil || j.CanSign() != nil {
		return l, j, fo.ErrNotFound
	}
	return l, j, nil
}

// FieldSignPage returns the job a live signature link signs and its
// problems, for the signature page; fo.ErrNotFound for any link that
// cannot be used.
func (s *Store) FieldSignPage(token string) (fo.FieldJob, []fo.QualityFeedback, error) {
	var j fo.FieldJob
	var probs []fo.QualityFeedback
	now := s.now()
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		if _, j, err = signLinkTx(tx, token, now); err != nil {
			return err
		}
		for _, qid := range j.Site.Problems {
			q, err := getQuality(tx, qid)
			if err != nil {
				return err
			}
			probs = append(probs, q)
		}
		return nil
	})
	return j, probs, err
}

// SignFieldAcceptance signs the acceptance report of the link's job with
// sig (fo.SignedOnPad: the PNG of the strokes), using the link up: the job
// is accepted, the chief engineer gets the copies, and a job without open
// problems closes with finance told (FLD-5).
func (s *Store) SignFieldAcceptance(token string, sig fo.Signature) (fo.FieldJob, error) {
	var j fo.FieldJob
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		l, old, err := signLinkTx(tx, token, w.now)
		if err != nil {
			return err
		}
		st, err := settingsTx(tx)
		if err != nil {
			return err
		}
		w.setBy("customer:sign")
		// The strokes are kept as a stored file, out of the job (stamp).
		sig.By = "link:" + l.By
		if sig, err = w.stamp(sig); err != nil {
			return err
		}
		j = old
		if err := w.acceptFieldJob(&st, &j, sig, 0); err != nil {
			return err
		}
		if err := tx.Bucket(bFieldSign).Delete(sessionKey(token)); err != nil {
			return err
		}
		return w.putFieldJob(j, &old, "accepted")
	})
	return j, err
}

// sweepSignLinks deletes the expired links: a few a day, so the bucket
// stays small without a retention job.
func sweepSignLinks(b *bolt.Bucket, now time.Time) error {
	var old [][]byte
	err := b.ForEach(func(k, v []byte) error {
		var l signLink
		if jsonUnmarshal(v, &l) != nil || !now.Before(l.Expires) {
			old = append(old, append([]byte(nil), k...))
		}
		return nil
	})
	for _, k := range old {
		if err == nil {
			err = b.Delete(k)
		}
	}
	return err
}
