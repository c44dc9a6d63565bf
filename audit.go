package frontoffice

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"sort"
	"time"
)

// Audit kinds: what sort of record an AuditEntry is about.
const (
	AuditVisit       = "visit"
	AuditAppointment = "appointment"
	AuditCustomer    = "customer"
	AuditVehicle     = "vehicle"
	AuditSettings    = "settings"
	AuditAccount     = "account"
	AuditFieldJob    = "field_job" // FLD-1..5
	AuditStation     = "station"   // NET-1..4
)

// AuditPageSize is how many audit entries one console page shows.
const AuditPageSize = 100

// AuditEntry is one change of a record, written in the same transaction as
// the change (issue 12 item 6): who made it, when, which record and which
// of its fields changed from what to what.
type AuditEntry struct {
	Seq     uint64        `json:"seq"`
	At      time.Time     `json:"at"`
	By      string        `json:"by,omitempty"` // staff:li, customer:bot, … ("" when the writer did not say)
	Kind    string        `json:"kind"`
	Ref     string        `json:"ref"` // the record's id or login
	Action  string        `json:"action"`
	Changes []FieldChange `json:"changes,omitempty"`
}

// FieldChange is one top-level JSON field of a record before and after a
// change, as compact JSON ("" when the field was absent).
type FieldChange struct {
	Field  string `json:"field"`
	Before string `json:"before,omitempty"`
	After  string `json:"after,omitempty"`
}

// digestImages replaces each signature's image in a record's JSON
// ("png":"<base64>", INT-4) by its size and digest.
func digestImages(raw []byte) []byte {
	const tag = `"png":"`
	i := bytes.Index(raw, []byte(tag))
	if i < 0 {
		return raw
	}
	var out []byte
	for i >= 0 {
		start := i + len(tag)
		end := bytes.IndexByte(raw[start:], '"')
		if end < 0 {
			break
		}
		b64 := raw[start : start+end]
		sum := sha256.Sum256(b64)
		size := len(b64)/4*3 - bytes.Count(b64[max(0, len(b64)-2):], []byte("="))
		out = append(out, raw[:start]...)
		out = fmt.Appendf(out, "%d bytes, sha256 %x", size, sum[:6])
		raw = raw[start+end:]
		i = bytes.Index(raw, []byte(tag))
	}
	return append(out, raw...)
}

// auditSkip are fields that change with every write and say nothing.
var auditSkip = map[string]bool{"updated_at": true, "password_hash": true}

// AuditDiff compares before and after as JSON objects, field by field at
// the top level, and returns the fields that differ, sorted by name.
// Timestamps of the write itself (updated_at) and password hashes are left
// out (a changed hash shows as the field only, never its value). A nil
// before or after counts as an empty object.
func AuditDiff(before, after any) []FieldChange {
	b, a := fields(before), fields(after)
	names := map[string]bool{}
	for k := range b {
		names[k] = true
	}
	for k := range a {
		names[k] = true
	}
	var out []FieldChange
	for k := range names {
		if k == "updated_at" {
			continue
		}
		if bytes.Equal(b[k], a[k]) {
			continue
		}
		fc := FieldChange{Field: k, Before: string(b[k]), After: string(a[k])}
		if auditSkip[k] {
			fc.Before, fc.After = "", "changed"
		}
		out = append(out, fc)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Field < out[j].Field })
	return out
}

func fields(v any) map[string]json.RawMessage {
	m := map[string]json.RawMessage{}
	if v == nil {
		return m
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return m
	}
	// A signature's strokes (Signature.PNG, tens of kilobytes) are noted
	// by their size and digest: the entry says it changed, not the image.
	raw = digestImages(raw)
	if json.Unmarshal(raw, &m) != nil {
		return map[string]json.RawMessage{}
	}
	for k, r := range m {
		var buf bytes.Buffer
		if json.Compact(&buf, r) == nil {
			m[k] = buf.Bytes()
		}
	}
	return m
}

// AuditFilter selects audit entries: those of Day (YYYY-MM-DD in the shop
// zone; required), and when set of By and of Kind/Ref.
type AuditFilter struct {
	Day  string
	By   string
	Kind string
	Ref  string
	Page int // 0-based, AuditPageSize entries a page
}

// Match reports whether e passes f's By, Kind and Ref filters.
func (f AuditFilter) Match(e AuditEntry) bool {
	return (f.By == "" || e.By == f.By) && (f.Kind == "" || e.Kind == f.Kind) && (f.Ref == "" || e.Ref == f.Ref)
}
