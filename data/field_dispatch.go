package data

// Field jobs from shipment to dispatch (FLD-1..4): creation and number,
// the shipment tasks, the documents on file, the dispatch request and its
// approval chain, the travel booked.
//
// Bucket and key layout (besides data/field.go's):
//
//	field_no     YYYYMMDD NNN (creation day in the shop's zone, the day's
//	             count) → id: the job numbers (AZ-YYYYMMDD-NNN)
//
// Due kinds: fldtask (the shipment tasks' reminder, again every
// Settings.Field.TaskRemindHours while the signed receipt is not back,
// FLD-1), fldwarn (the owner of a waiting approval step is reminded) and
// flddue (the step is overdue: the supervisor; again after as long while it
// waits, FLD-3).

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

const (
	fieldTaskKind = "fldtask"
	fieldWarnKind = "fldwarn"
	fieldDueKind  = "flddue"
)

// fieldMimes are the kinds of file a field job's documents may be: a
// scan as PDF, or a photo.
var fieldMimes = []string{"application/pdf", "image/jpeg", "image/png"}

// CreateFieldJob records a new field job when the goods ship (FLD-1): its
// number, the after-sales staff told in the staff chats with a button for
// each shipment task, the tasks' reminder in the due index. Input errors
// are *fo.FieldError.
func (s *Store) CreateFieldJob(in fo.FieldJobInput, by string) (fo.FieldJob, error) {
	var j fo.FieldJob
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		w.setBy(by)
		st, err := settingsTx(tx)
		if err != nil {
			return err
		}
		if j, err = fo.NewFieldJob(&st, in, by, w.now); err != nil {
			return err
		}
		if j.Shipment.ContactLink, err = newFieldLinkSecret(); err != nil {
			return err
		}
		b := tx.Bucket(bFieldJobs)
		if j.ID, err = nextID(b); err != nil {
			return err
		}
		day := w.now.In(st.Location())
		no := tx.Bucket(bFieldNo)
		n := nextFieldNo(no, day.Format("20060102"))
		j.Number = fo.FieldJobNo(day, n)
		if err := no.Put(fmt.Appendf(nil, "%s%03d", day.Format("20060102"), n), u64(j.ID)); err != nil {
			return err
		}
		if err := w.putDue(j.Shipment.RemindAt, fieldTaskKind, j.ID); err != nil {
			return err
		}
		if err := w.putFieldJob(j, nil, "created"); err != nil {
			return err
		}
		return w.enqueue(fo.FieldCreatedMessages(&st, j)...)
	})
	return j, err
}

// nextFieldNo returns the next number of the day's field jobs.
func nextFieldNo(b *bolt.Bucket, day string) int {
	prefix := []byte(day)
	c := b.Cursor()
	k, _ := c.Seek(append(slices.Clone(prefix), 0xff))
	if k == nil {
		k, _ = c.Last()
	} else {
		k, _ = c.Prev()
	}
	if k == nil || !bytes.HasPrefix(k, prefix) {
		return 1
	}
	n, _ := strconv.Atoi(string(k[len(prefix):]))
	return n + 1
}

// FieldJobByNumber returns the job numbered no (AZ-YYYYMMDD-NNN);
// fo.ErrNotFound when there is none.
func (s *Store) FieldJobByNumber(no string) (fo.FieldJob, error) {
	no = strings.ToUpper(strings.TrimSpace(no))
	if fo.FieldJobNoIn(no) != no {
		return fo.FieldJob{}, fo.ErrNotFound
	}
	var j fo.FieldJob
	err := s.db.View(func(tx *bolt.Tx) error {
		id := tx.Bucket(bFieldNo).Get([]byte(no[3:11] + no[12:]))
		if id == nil {
			return fo.ErrNotFound
		}
		var err error
		j, err = getFieldJob(tx, btou(id))
		return err
	})
	return j, err
}

// changeFieldJob reads job id, lets fn change it and stores it with its
// audit entry under action, all in one transaction; a repeated idem
// returns the first result.
func (s *Store) changeFieldJob(id uint64, idem, by, action string, fn func(w *writer, st *fo.Settings, j *fo.FieldJob) error) (fo.FieldJob, error) {
	var j fo.FieldJob
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		if done, err := idemGet(tx, idem, &j); done || err != nil {
			return err
		}
		w.setBy(by)
		st, err := settingsTx(tx)
		if err != nil {
			return err
		}
		if j, err = getFieldJob(tx, id); err != nil {
			return err
		}
		old := j
		old.History = slices.Clone(j.History)
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

// FieldTask marks a shipment task done (FLD-1); arrival is the arrival day
// purchasing gave, with the arrival task ("" when not known). A task done
// already is fo.ErrFieldStepDone.
func (s *Store) FieldTask(id uint64, task, arrival, by string) (fo.FieldJob, error) {
	return s.changeFieldJob(id, "", by, "task", func(w *writer, st *fo.Settings, j *fo.FieldJob) error {
		return j.DoTask(task, by, arrival, w.now, st.Location())
	})
}

// AttachFieldUpload puts an uploaded document on file (console): the signed
// delivery receipt (fo.FieldDocReceipt, FLD-1) or the commissioning
// request (fo.FieldDocRequest, FLD-2), a PDF or a photo.
func (s *Store) AttachFieldUpload(id uint64, kind, name, mime string, data []byte, by string) (fo.FieldJob, error) {
	return s.changeFieldJob(id, "", by, "doc:"+kind, func(w *writer, st *fo.Settings, j *fo.FieldJob) error {
		if !slices.Contains(fieldMimes, mime) {
			return fo.Errorf(fo.EINVALID, "err.field.file_type")
		}
		f, err := w.addFile(name, mime, data)
		if err != nil {
			return err
		}
		return w.attachFieldDoc(st, j, kind, fo.FieldDoc{FileID: f.ID, Via: fo.FieldViaConsole, By: by, At: w.now})
	})
}

// AttachFieldTelegram puts a document received in Telegram on file (FLD-1,
// FLD-2): its file_id is recorded and the bot fetches the bytes later.
func (s *Store) AttachFieldTelegram(id uint64, kind, fileID, name, mime, by, idem string) (fo.FieldJob, error) {
	return s.changeFieldJob(id, idem, by, "doc:"+kind, func(w *writer, st *fo.Settings, j *fo.FieldJob) error {
		if fileID == "" || len(fileID) > 200 {
			return fo.ErrNotFound
		}
		if !slices.Contains(fieldMimes, mime) {
			return fo.Errorf(fo.EINVALID, "err.field.file_type")
		}
		f, err := w.addTelegramFile(fileID, name, mime)
		if err != nil {
			return err
		}
		return w.attachFieldDoc(st, j, kind, fo.FieldDoc{FileID: f.ID, Via: fo.FieldViaTelegram, By: by, At: w.now})
	})
}

func (w *writer) attachFieldDoc(st *fo.Settings, j *fo.FieldJob, kind string, d fo.FieldDoc) error {
	first := (kind == fo.FieldDocReceipt && j.Shipment.Receipt == nil) || (kind == fo.FieldDocRequest && j.Dispatch.Request == nil)
	if err := j.AttachDoc(kind, d); err != nil {
		return err
	}
	if !first {
		return nil
	}
	if kind == fo.FieldDocReceipt {
		// FLD-1 done: no more reminders of the tasks.
		if err := w.delDue(j.Shipment.RemindAt, fieldTaskKind, j.ID); err != nil {
			return err
		}
		j.Shipment.RemindAt = time.Time{}
	}
	return w.enqueue(fo.FieldDocMessages(st, *j, kind)...)
}

// SubmitFieldDispatch fills in the dispatch request and, the first time,
// sends it to the after-sales manager to sign with its reminder and
// deadline in the due index (FLD-3). Without the commissioning request on
// file it is fo.ErrNoCommissioningRequest (FLD-2).
func (s *Store) SubmitFieldDispatch(id uint64, in fo.FieldDispatchInput, by string) (fo.FieldJob, error) {
	return s.changeFieldJob(id, "", by, "dispatch_form", func(w *writer, st *fo.Settings, j *fo.FieldJob) error {
		started := j.Stage == fo.FieldApproving
		if err := j.SubmitDispatch(st, in, by, w.now); err != nil {
			return err
		}
		if started {
			return nil
		}
		if err := w.armFieldStep(j, time.Time{}, time.Time{}); err != nil {
			return err
		}
		return w.enqueue(fo.FieldStepMessages(st, *j)...)
	})
}

// armFieldStep moves the due entries of the waiting step from the old
// times to the job's.
func (w *writer) armFieldStep(j *fo.FieldJob, oldWarn, oldDue time.Time) error {
	if err := w.delDue(oldWarn, fieldWarnKind, j.ID); err != nil {
		return err
	}
	if err := w.delDue(oldDue, fieldDueKind, j.ID); err != nil {
		return err
	}
	if j.WaitingStep() == "" {
		return nil
	}
	if err := w.putDue(j.Dispatch.StepWarnAt, fieldWarnKind, j.ID); err != nil {
		return err
	}
	return w.putDue(j.Dispatch.StepDueAt, fieldDueKind, j.ID)
}

// ApproveField does an approval step pressed in Telegram (FLD-3): the
// after-sales manager signs, the general manager's office picks the
// technician, the department manager dispatches. Each step is recorded
// with who and when (history and audit); the next step's owners are asked.
// A step done already is fo.ErrFieldStepDone, a step of another role
// fo.ErrFieldNotYours: nothing changes. The dispatch appends the
// technician's messages (fo.FieldDispatchedMessages, FLD-5) and the
// out-of-office or trip papers (FLD-4) to the outbox.
func (s *Store) ApproveField(a fo.FieldApproval) (fo.FieldJob, error) {
	return s.changeFieldJob(a.ID, a.Idem, "staff:"+a.Staff, "approve:"+a.Step, func(w *writer, st *fo.Settings, j *fo.FieldJob) error {
		oldWarn, oldDue := j.Dispatch.StepWarnAt, j.Dispatch.StepDueAt
		if err := j.Approve(st, a, w.now); err != nil {
			return err
		}
		if err := w.armFieldStep(j, oldWarn, oldDue); err != nil {
			return err
		}
		if j.Stage == fo.FieldDispatched {
			// FLD-5: the technician's job in Telegram, or a phone task
			// for reception when they have none (data/field_site.go).
			if err := w.fieldSiteDispatched(st, *j); err != nil {
				return err
			}
			return w.enqueue(fo.FieldDispatchedNotices(st, *j)...)
		}
		return w.enqueue(fo.FieldStepMessages(st, *j)...)
	})
}

// BookFieldTravel records that administration booked a business trip's
// travel (FLD-4); the technician is told.
func (s *Store) BookFieldTravel(id uint64, staff, idem string) (fo.FieldJob, error) {
	return s.changeFieldJob(id, idem, "staff:"+staff, "travel", func(w *writer, st *fo.Settings, j *fo.FieldJob) error {
		if err := j.BookTravel(st, staff, w.now); err != nil {
			return err
		}
		return w.enqueue(fo.FieldTravelBookedMessages(st, *j)...)
	})
}

// CancelFieldJob cancels a job not yet dispatched, with its reason.
func (s *Store) CancelFieldJob(id uint64, reason, by string) (fo.FieldJob, error) {
	return s.changeFieldJob(id, "", by, "cancel", func(w *writer, st *fo.Settings, j *fo.FieldJob) error {
		oldWarn, oldDue := j.Dispatch.StepWarnAt, j.Dispatch.StepDueAt
		if err := j.Cancel(by, reason, w.now); err != nil {
			return err
		}
		if err := w.delDue(j.Shipment.RemindAt, fieldTaskKind, j.ID); err != nil {
			return err
		}
		return w.armFieldStep(j, oldWarn, oldDue)
	})
}

// dueFieldTask reminds the staff chats of a shipped job's open tasks and
// of the signed receipt not yet back, and re-arms itself (FLD-1).
func dueFieldTask(w *writer, st *fo.Settings, id uint64, at, now time.Time) error {
	j, err := getFieldJob(w.tx, id)
	if err != nil || j.Stage != fo.FieldShipped || j.Shipment.Receipt != nil || tkey(j.Shipment.RemindAt) != tkey(at) {
		return nil
	}
	old := j
	msgs := fo.FieldTaskRemindMessages(st, j, at)
	for i := range msgs {
		msgs[i].NotBefore = notQuiet(st, now)
	}
	if err := w.enqueue(msgs...); err != nil {
		return err
	}
	j.Shipment.RemindAt = now.Add(time.Duration(st.Field.WithDefaults().TaskRemindHours) * time.Hour).UTC()
	if err := w.putDue(j.Shipment.RemindAt, fieldTaskKind, j.ID); err != nil {
		return err
	}
	w.setBy("system")
	return w.putFieldJob(j, &old, "reminded")
}

// dueFieldWarn reminds the owners of a waiting approval step (FLD-3).
func dueFieldWarn(w *writer, st *fo.Settings, id uint64, at, now time.Time) error {
	j, err := getFieldJob(w.tx, id)
	if err != nil || j.WaitingStep() == "" || tkey(j.Dispatch.StepWarnAt) != tkey(at) {
		return nil
	}
	return w.enqueue(fo.FieldStepWarnMessages(st, j, at)...)
}

// dueFieldDue escalates an approval step past its deadline to the
// supervisor, like an overdue complaint, and arms the next escalation
// after as long again (FLD-3).
func dueFieldDue(w *writer, st *fo.Settings, id uint64, at, now time.Time) error {
	j, err := getFieldJob(w.tx, id)
	if err != nil || j.WaitingStep() == "" || tkey(j.Dispatch.StepDueAt) != tkey(at) {
		return nil
	}
	old := j
	old.History = slices.Clone(j.History)
	if err := w.enqueue(fo.FieldStepOverdueMessages(st, j, at)...); err != nil {
		return err
	}
	step := j.WaitingStep()
	j.Dispatch.Escalations++
	j.History = append(j.History, fo.FieldEvent{At: now, By: "system", Action: "escalated", Note: step})
	j.Dispatch.StepDueAt = st.AddBusinessTime(now, st.FieldStepHours(step)).UTC()
	if err := w.putDue(j.Dispatch.StepDueAt, fieldDueKind, j.ID); err != nil {
		return err
	}
	w.setBy("system")
	return w.putFieldJob(j, &old, "escalated")
}
