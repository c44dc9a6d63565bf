package data

// Stations' jobs and their spot checks (NET-4). Layouts in data/station.go:
// station_jobs, station_job_ids, station_checked.

import (
	"fmt"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// stationJobOpen reports whether a station in status s may report jobs:
// a certified one, or one suspended since (jobs done before).
func stationJobOpen(s fo.StationStatus) bool {
	return s == fo.StationCertified || s == fo.StationSuspended
}

// AddStationJob records a job a station reports (in its chat or the
// console, NET-4) and, when the sampler picks it (fo.SampleStationJob,
// Settings.Stations) and its customer was not sampled this month yet,
// starts its spot check in the same transaction: a customer whose
// Telegram chat is linked gets the survey (fo.StationCheckMessages), any
// other goes on the follow-up call list (fo.CallStationCheck, a customer
// record made for a number not on file). A station not certified (nor
// suspended) reports nothing: ErrNotAllowed. A repeated in.Idem returns
// the first job.
func (s *Store) AddStationJob(in fo.StationJobInput) (fo.StationJob, error) {
	var j fo.StationJob
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		if in.Idem != "" {
			if done, err := idemGet(tx, in.Idem, &j); done || err != nil {
				return err
			}
		}
		w.setBy(in.By)
		st, err := settingsTx(tx)
		if err != nil {
			return err
		}
		stn, err := getStation(tx, in.StationID)
		if err != nil {
			return err
		}
		if !stationJobOpen(stn.Status) {
			return fo.ErrNotAllowed
		}
		loc := st.Location()
		if j, err = in.Parse(w.now, loc); err != nil {
			return err
		}
		if j.ID, err = nextID(tx.Bucket(bStationJobs)); err != nil {
			return err
		}
		if fo.SampleStationJob(st.Stations, j) {
			mark := append([]byte(fo.CheckMonth(j.Day)+"|"), j.Phone...)
			checked := tx.Bucket(bStationChecked)
			if checked.Get(mark) == nil {
				if err := checked.Put(mark, u64(j.ID)); err != nil {
					return err
				}
				if err := w.startStationCheck(&st, stn, &j); err != nil {
					return err
				}
			}
		}
		if err := w.putStationJob(j, loc); err != nil {
			return err
		}
		if in.Idem != "" {
			return idemPut(tx, in.Idem, j)
		}
		return nil
	})
	return j, err
}

// startStationCheck asks j's customer (NET-4): the survey to a linked
// chat, else a call on the follow-up list.
func (w *writer) startStationCheck(st *fo.Settings, stn fo.Station, j *fo.StationJob) error {
	j.Check.Sampled, j.Check.AskedAt = true, w.now
	var cust fo.Customer
	if id := w.tx.Bucket(bCustPhone).Get([]byte(j.Phone)); id != nil {
		if err := getJSON(w.tx.Bucket(bCustomers), id, &cust); err != nil {
			return err
		}
	}
	if cust.ChatID != 0 {
		msgs := fo.StationCheckMessages(st, stn, *j, cust)
		j.Check.Via, j.Check.ChatID, j.Check.MsgKey = fo.CheckBySurvey, cust.ChatID, msgs[0].Key
		return w.enqueue(msgs...)
	}
	if cust.ID == 0 {
		var err error
		if cust, err = w.upsertCustomer(fo.CustomerInput{Name: j.Customer, Phone: j.Phone}); err != nil {
			return err
		}
	}
	staff, err := w.designate(st, &cust, nil)
	if err != nil {
		return err
	}
	if err := putJSON(w.tx.Bucket(bCustomers), u64(cust.ID), cust); err != nil {
		return err
	}
	win := fo.DayWindow(w.now, 0, 0, fo.FirstCallToDay-1, st.Location())
	c, err := w.addCall(st, fo.Call{Kind: fo.CallStationCheck, CustomerID: cust.ID, StationJobID: j.ID, Staff: staff,
		Window: win, Work: fo.StationCheckCallWork(stn, *j)})
	if err != nil {
		return err
	}
	j.Check.Via, j.Check.CallID = fo.CheckByCall, c.ID
	return nil
}

// putStationJob stores j under its station and day, and its id's index.
func (w *writer) putStationJob(j fo.StationJob, loc *time.Location) error {
	day, err := time.ParseInLocation(time.DateOnly, j.Day, loc)
	if err != nil {
		return fmt.Errorf("station job %d: day %q: %w", j.ID, j.Day, err)
	}
	k := key(j.StationID, tkey(day), j.ID)
	if err := putJSON(w.tx.Bucket(bStationJobs), k, j); err != nil {
		return err
	}
	return w.tx.Bucket(bStationJobIDs).Put(u64(j.ID), k)
}

// stationJobTx reads job id through its index; ErrNotFound when none.
func stationJobTx(tx *bolt.Tx, id uint64) (fo.StationJob, error) {
	var j fo.StationJob
	k := tx.Bucket(bStationJobIDs).Get(u64(id))
	if k == nil {
		return j, fo.ErrNotFound
	}
	err := getJSON(tx.Bucket(bStationJobs), k, &j)
	return j, err
}

// StationJob returns job id; ErrNotFound when there is none.
func (s *Store) StationJob(id uint64) (fo.StationJob, error) {
	var j fo.StationJob
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		j, err = stationJobTx(tx, id)
		return err
	})
	return j, err
}

// StationJobs returns the jobs station reported for days from ≤ day < to,
// by day.
func (s *Store) StationJobs(station uint64, from, to time.Time) ([]fo.StationJob, error) {
	var out []fo.StationJob
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		out, err = stationJobsTx(tx, station, from, to)
		return err
	})
	return out, err
}

// AnswerStationCheck records a linked customer's score (1..5) of a job's
// survey pressed in chatID (NET-4). A press from another chat, on a job
// not asked by survey, or once the score is in is ErrStale.
func (s *Store) AnswerStationCheck(id uint64, chatID int64, score int) (fo.StationJob, error) {
	return s.changeStationCheck(id, func(w *writer, j *fo.StationJob) error {
		if !j.Check.Sampled || j.Check.Via != fo.CheckBySurvey || j.Check.ChatID != chatID || j.Check.Score != 0 {
			return fo.ErrStale
		}
		if score < 1 || score > 5 {
			return fo.Errorf(fo.EINVALID, "err.stcheck.score")
		}
		j.Check.Score, j.Check.At = score, w.now
		return nil
	})
}

// CommentStationCheck records the comment of a survey already scored,
// from its chat (NET-4); once only (ErrStale after).
func (s *Store) CommentStationCheck(id uint64, chatID int64, text string) (fo.StationJob, error) {
	return s.changeStationCheck(id, func(w *writer, j *fo.StationJob) error {
		if j.Check.Via != fo.CheckBySurvey || j.Check.ChatID != chatID || j.Check.Score == 0 || j.Check.Finding != "" {
			return fo.ErrStale
		}
		note, err := fo.ParseNote(text, fo.MaxCallNote)
		if err != nil {
			return err
		}
		j.Check.Finding = note
		return nil
	})
}

// RecordStationCheck records what the customer of a job checked by call
// said (NET-4): a score 1..5 and the finding, by staff member by; the
// call, still open, is closed as reached (in the call register, FU-7). A
// check answered with a score already is ECONFLICT.
func (s *Store) RecordStationCheck(id uint64, score int, finding, by string) (fo.StationJob, error) {
	return s.changeStationCheck(id, func(w *writer, j *fo.StationJob) error {
		if !j.Check.Sampled {
			return fo.Errorf(fo.ECONFLICT, "err.stcheck.not_sampled")
		}
		if j.Check.Score != 0 {
			return fo.Errorf(fo.ECONFLICT, "err.stcheck.answered")
		}
		if score < 1 || score > 5 {
			return fo.Errorf(fo.EINVALID, "err.stcheck.score")
		}
		note := strings.TrimSpace(finding)
		if note != "" {
			var err error
			if note, err = fo.ParseNote(note, fo.MaxCallNote); err != nil {
				return err
			}
		}
		j.Check.Score, j.Check.At, j.Check.By = score, w.now, by
		if note != "" {
			j.Check.Finding = note
		}
		if j.Check.CallID == 0 {
			return nil
		}
		c, err := getCall(w.tx, j.Check.CallID)
		if err != nil || c.Status != fo.CallOpen {
			return err
		}
		old := c
		c.Status, c.DoneAt, c.DoneBy = fo.CallDone, w.now, strings.TrimPrefix(by, "staff:")
		c.Attempts = append(c.Attempts, fo.CallAttempt{At: w.now, By: by, Outcome: fo.OutcomeReached, Notes: note})
		if err := w.putCall(c, &old); err != nil {
			return err
		}
		return w.registerCall(c, fo.OutcomeReached, by, note)
	})
}

// stationCallReached keeps a station-check call reached on the call list
// (RecordCall): its notes become the job's finding, when the check has
// none yet (the score is given on the station's console page).
func (w *writer) stationCallReached(c fo.Call, notes, by string) error {
	j, err := stationJobTx(w.tx, c.StationJobID)
	if err != nil || j.Check.Answered() {
		return nil
	}
	j.Check.At, j.Check.By = w.now, by
	if notes = strings.TrimSpace(notes); notes != "" {
		j.Check.Finding = notes
	}
	st, err := settingsTx(w.tx)
	if err != nil {
		return err
	}
	return w.putStationJob(j, st.Location())
}

// changeStationCheck applies change to job id's check in one transaction.
func (s *Store) changeStationCheck(id uint64, change func(w *writer, j *fo.StationJob) error) (fo.StationJob, error) {
	var j fo.StationJob
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		var err error
		if j, err = stationJobTx(tx, id); err != nil {
			return err
		}
		if err := change(w, &j); err != nil {
			return err
		}
		st, err := settingsTx(tx)
		if err != nil {
			return err
		}
		return w.putStationJob(j, st.Location())
	})
	return j, err
}
