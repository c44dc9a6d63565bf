package forms

import (
	"bytes"
	"errors"
	"fmt"

	fo "frontoffice"
)

// Document kinds of FLD-5.
const (
	KindFieldLog        = fo.DocFieldLog        // work log 安装调试工作日志; Ref: field job id (FLD-5)
	KindFieldAcceptance = fo.DocFieldAcceptance // acceptance report 安装调试验收报告; Ref: field job id (FLD-5)
)

// fieldSiteStore is what the on-site documents read; *data.Store has it.
type fieldSiteStore interface {
	FieldJob(id uint64) (fo.FieldJob, error)
	FieldProblems(id uint64) ([]fo.QualityFeedback, error)
	File(id uint64) (fo.StoredFile, []byte, error)
}

// renderFieldSite prints the on-site documents; ok is false for another
// kind.
func (r *Renderer) renderFieldSite(st *fo.Settings, doc fo.Document, lang fo.Lang) (pdf []byte, ok bool, err error) {
	if doc.Kind != KindFieldLog && doc.Kind != KindFieldAcceptance {
		return nil, false, nil
	}
	s, ok := r.Store.(fieldSiteStore)
	if !ok {
		return nil, true, fmt.Errorf("forms: the store cannot read field jobs")
	}
	j, err := s.FieldJob(doc.Ref)
	if err != nil {
		return nil, true, err
	}
	probs, err := s.FieldProblems(doc.Ref)
	if err != nil {
		return nil, true, err
	}
	rec := FieldSiteRecord{Job: j, Problems: probs, Technician: j.Dispatch.Technician, Photos: map[uint64]sitePhoto{}, Waiting: map[uint64]bool{}}
	// The customer's strokes are a stored file (data: stamp).
	if sig := &rec.Job.Site.Acceptance.Signature; sig.File != 0 && len(sig.PNG) == 0 {
		_, data, err := s.File(sig.File)
		if err != nil && !errors.Is(err, fo.ErrNotFound) {
			return nil, true, err
		}
		if bytes.HasPrefix(data, []byte("\x89PNG")) {
			sig.PNG = data
		}
	}
	if doc.Kind == KindFieldLog {
		for _, e := range j.Site.Log {
			if e.FileID == 0 {
				continue
			}
			_, data, err := s.File(e.FileID)
			if err != nil && !errors.Is(err, fo.ErrNotFound) {
				return nil, true, err
			}
			if data == nil {
				rec.Waiting[e.FileID] = true
			} else if thumb, w, h, ok := SitePhoto(data); ok {
				rec.Photos[e.FileID] = sitePhoto{FileID: e.FileID, JPEG: thumb, W: w, H: h}
			}
		}
	}
	if m, ok := st.StaffMember(j.Dispatch.Technician); ok {
		rec.Technician = m.Name
	}
	if doc.Kind == KindFieldLog {
		pdf, err = r.Engine.FieldWorkLog(st, rec, lang)
	} else {
		pdf, err = r.Engine.FieldAcceptance(st, rec, lang)
	}
	return pdf, true, err
}
