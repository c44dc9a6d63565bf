package data

// The after-sales indexes of the reports (REP-1, REP-3, FU-8; issue 12
// item 7): a period's business statistics read the follow-up calls whose
// window closes in it, the complaints filed in it and the surveys answered
// in it through these ranges, never by walking the calls, complaints or
// surveys buckets. Each entry holds, in binary, what fo.SummarizeCounts
// counts, and is written in the same transaction as its record
// (putCall, putComplaint, putSurvey).
//
//	call_close      window close | call id → callFigures (not promotion calls)
//	complaint_filed filing time | complaint id → complaintFigures
//	survey_done     answer time | survey id → the answer time and the scores

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

const aftersalesV1 = 1

var errAfterSalesIndex = errors.New("unreadable after-sales index entry")

// appendStr appends a length byte and s (at most 255 bytes).
func appendStr(b []byte, s string) []byte {
	if len(s) > 255 {
		s = s[:255]
	}
	return append(append(b, byte(len(s))), s...)
}

// figReader reads the fields of an index value in order; ok turns false
// at the first short read.
type figReader struct {
	b  []byte
	ok bool
}

func (r *figReader) u64() uint64 {
	if len(r.b) < 8 {
		r.ok = false
		return 0
	}
	n := binary.BigEndian.Uint64(r.b)
	r.b = r.b[8:]
	return n
}

func (r *figReader) str() string {
	if len(r.b) < 1 || len(r.b) < 1+int(r.b[0]) {
		r.ok = false
		return ""
	}
	b := r.b[1 : 1+int(r.b[0])]
	r.b = r.b[1+int(r.b[0]):]
	if s, ok := figStrings[string(b)]; ok { // no allocation for the usual values
		return s
	}
	return string(b)
}

// figStrings are the values the index entries repeat: kinds, statuses,
// categories and verdicts, read without allocating.
var figStrings = func() map[string]string {
	m := map[string]string{}
	for _, s := range []string{string(fo.CallFirst), string(fo.CallSecond), string(fo.CallOpen), string(fo.CallDone),
		string(fo.CallMissed), string(fo.CmpClosed), string(fo.CmpAnswered), string(fo.CmpReopened), fo.VerdictSatisfied, fo.VerdictDissatisfied, ""} {
		m[s] = s
	}
	for _, c := range fo.ComplaintCategories {
		m[c] = c
	}
	return m
}()

func newFigReader(b []byte) *figReader {
	if len(b) < 1 || b[0] != aftersalesV1 {
		return &figReader{}
	}
	return &figReader{b: b[1:], ok: true}
}

// Calls: the value holds the close, the opening and answer times, the
// kind and the status.
func callFigures(c *fo.Call) []byte {
	b := []byte{aftersalesV1}
	for _, n := range []uint64{nanos(c.Closes), nanos(c.Opens), nanos(c.DoneAt)} {
		b = binary.BigEndian.AppendUint64(b, n)
	}
	return appendStr(appendStr(b, string(c.Kind)), string(c.Status))
}

func readCallFigures(id uint64, v []byte) (fo.CallCount, error) {
	r := newFigReader(v)
	c := fo.CallCount{ID: id, Closes: fromNanos(r.u64()), Opens: fromNanos(r.u64()), DoneAt: fromNanos(r.u64())}
	c.Kind, c.Status = fo.CallKind(r.str()), fo.CallStatus(r.str())
	if !r.ok {
		return c, fmt.Errorf("call %d: %w", id, errAfterSalesIndex)
	}
	return c, nil
}

// indexCall keeps call c's call_close entry; old is its record before
// the change (nil for a new call). Promotion calls are not counted
// (fo.SummarizeCounts) and not indexed.
func indexCall(tx *bolt.Tx, c *fo.Call, old *fo.Call) error {
	b := tx.Bucket(bCallClose)
	if old != nil && !old.Closes.Equal(c.Closes) {
		if err := b.Delete(key(tkey(old.Closes), c.ID)); err != nil {
			return err
		}
	}
	if c.Kind == fo.CallPromo {
		return nil
	}
	return b.Put(key(tkey(c.Closes), c.ID), callFigures(c))
}

// Complaints: the value holds the filing, first deadline and first
// answer times, the category, status and verdict.
func complaintFigures(c *fo.Complaint) []byte {
	b := []byte{aftersalesV1}
	for _, n := range []uint64{nanos(c.FiledAt), nanos(c.FirstDueAt), nanos(c.FirstAnsweredAt)} {
		b = binary.BigEndian.AppendUint64(b, n)
	}
	return appendStr(appendStr(appendStr(b, c.Category), string(c.Status)), c.Verdict)
}

func readComplaintFigures(id uint64, v []byte) (fo.Complaint, error) {
	r := newFigReader(v)
	c := fo.Complaint{ID: id, FiledAt: fromNanos(r.u64()), FirstDueAt: fromNanos(r.u64()), FirstAnsweredAt: fromNanos(r.u64())}
	c.Category, c.Status, c.Verdict = r.str(), fo.ComplaintStatus(r.str()), r.str()
	if !r.ok {
		return c, fmt.Errorf("complaint %d: %w", id, errAfterSalesIndex)
	}
	return c, nil
}

// indexComplaint keeps complaint c's complaint_filed entry (its filing
// time never changes).
func indexComplaint(tx *bolt.Tx, c *fo.Complaint) error {
	return tx.Bucket(bComplaintFiled).Put(key(tkey(c.FiledAt), c.ID), complaintFigures(c))
}

// Surveys: the value holds the answer time and the scores.
func surveyFigures(sv *fo.Survey) []byte {
	b := binary.BigEndian.AppendUint64([]byte{aftersalesV1}, nanos(sv.DoneAt))
	for _, s := range sv.Scores {
		b = binary.BigEndian.AppendUint64(b, uint64(s))
	}
	return b
}

func readSurveyFigures(id uint64, v []byte) (fo.SurveyCount, error) {
	r := newFigReader(v)
	sv := fo.SurveyCount{ID: id, Status: fo.SurveyDone, DoneAt: fromNanos(r.u64())}
	for i := range sv.Scores {
		sv.Scores[i] = int(r.u64())
	}
	if !r.ok {
		return sv, fmt.Errorf("survey %d: %w", id, errAfterSalesIndex)
	}
	return sv, nil
}

// indexSurvey adds survey sv's survey_done entry once it is answered.
func indexSurvey(tx *bolt.Tx, sv *fo.Survey) error {
	if sv.Status != fo.SurveyDone || sv.DoneAt.IsZero() {
		return nil
	}
	return tx.Bucket(bSurveyDone).Put(key(tkey(sv.DoneAt), sv.ID), surveyFigures(sv))
}

// eachInRange calls fn with the id and value of every entry of the time
// index b keyed from ≤ time ≤ last (Unix seconds, both included: the
// callers filter the exact instants).
func eachInRange(tx *bolt.Tx, b []byte, from, last time.Time, fn func(id uint64, v []byte) error) error {
	c := tx.Bucket(b).Cursor()
	for k, v := c.Seek(key(tkey(from))); k != nil && len(k) == 16 && btou(k[:8]) <= tkey(last); k, v = c.Next() {
		if err := fn(btou(k[8:]), v); err != nil {
			return err
		}
	}
	return nil
}

// afterSalesTx counts the after-sales figures of [from, to) (FU-8 counts,
// fo.SummarizeCounts) from the three indexes: the calls whose window
// closes in (from, to], the complaints filed and the surveys answered in
// [from, to).
func afterSalesTx(tx *bolt.Tx, from, to time.Time, loc *time.Location) (fo.MonthlySummary, error) {
	calls := make([]fo.CallCount, 0, 4096)
	err := eachInRange(tx, bCallClose, from, to, func(id uint64, v []byte) error {
		c, err := readCallFigures(id, v)
		calls = append(calls, c)
		return err
	})
	if err != nil {
		return fo.MonthlySummary{}, err
	}
	var cmps []fo.Complaint
	err = eachInRange(tx, bComplaintFiled, from, to, func(id uint64, v []byte) error {
		c, err := readComplaintFigures(id, v)
		cmps = append(cmps, c)
		return err
	})
	if err != nil {
		return fo.MonthlySummary{}, err
	}
	svs := make([]fo.SurveyCount, 0, 1024)
	err = eachInRange(tx, bSurveyDone, from, to, func(id uint64, v []byte) error {
		sv, err := readSurveyFigures(id, v)
		svs = append(svs, sv)
		return err
	})
	if err != nil {
		return fo.MonthlySummary{}, err
	}
	return fo.SummarizeCounts(from, to, loc, calls, cmps, svs), nil
}

// buildAfterSalesIndexes is the migration that builds the call_close,
// complaint_filed and survey_done indexes of a data file written before
// them (schema 3 → 4), from every call, complaint and survey record (the
// buckets' 8-byte keys; the ticket and visit keys beside them are
// skipped).
func buildAfterSalesIndexes(tx *bolt.Tx) error {
	err := tx.Bucket(bCalls).ForEach(func(k, v []byte) error {
		if len(k) != 8 {
			return nil
		}
		var c fo.Call
		if err := json.Unmarshal(v, &c); err != nil {
			return fmt.Errorf("call %d: %w", btou(k), err)
		}
		return indexCall(tx, &c, nil)
	})
	if err != nil {
		return err
	}
	err = tx.Bucket(bComplaints).ForEach(func(k, v []byte) error {
		if len(k) != 8 {
			return nil
		}
		var c fo.Complaint
		if err := json.Unmarshal(v, &c); err != nil {
			return fmt.Errorf("complaint %d: %w", btou(k), err)
		}
		return indexComplaint(tx, &c)
	})
	if err != nil {
		return err
	}
	return tx.Bucket(bSurveys).ForEach(func(k, v []byte) error {
		if len(k) != 8 {
			return nil
		}
		var sv fo.Survey
		if err := json.Unmarshal(v, &sv); err != nil {
			return fmt.Errorf("survey %d: %w", btou(k), err)
		}
		return indexSurvey(tx, &sv)
	})
}
