package data

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// The visit_end index: the figures of every visit that ended, keyed by
// when it ended and settled, so that a report reads only its period (REP-1).

// visitFigures is the part of a visit the statistics count: what the
// visit_end index holds (encoded by marshalFigures), and what decoding a
// visit for the counts reads.
type visitFigures struct {
	ID          uint64         `json:"id"`
	VehicleID   uint64         `json:"vehicle_id"`
	ServiceID   string         `json:"service_id,omitempty"`
	Status      fo.VisitStatus `json:"status"`
	CheckedInAt time.Time      `json:"checked_in_at"`
	DeliveredAt time.Time      `json:"delivered_at,omitzero"`
	LeftAt      time.Time      `json:"left_at,omitzero"`
	Settlement  *fo.Settlement `json:"settlement,omitempty"`
}

func (f *visitFigures) visit() fo.Visit {
	return fo.Visit{ID: f.ID, VehicleID: f.VehicleID, ServiceID: f.ServiceID, Status: f.Status,
		CheckedInAt: f.CheckedInAt, DeliveredAt: f.DeliveredAt, LeftAt: f.LeftAt, Settlement: f.Settlement}
}

// endOf is when a visit ended (delivered or left); zero while it is open.
func endOf(v *fo.Visit) time.Time {
	switch v.Status {
	case fo.VisitDelivered:
		return v.DeliveredAt
	case fo.VisitLeft:
		return v.LeftAt
	}
	return time.Time{}
}

// indexEnd writes the visit_end entry of a visit that has just ended, in
// the transaction of its delivery or departure and settlement (REP-1).
func (w *writer) indexEnd(v *fo.Visit) error {
	return putEnd(w.tx, v)
}

func putEnd(tx *bolt.Tx, v *fo.Visit) error {
	end := endOf(v)
	if end.IsZero() {
		return nil
	}
	f := visitFigures{ID: v.ID, VehicleID: v.VehicleID, ServiceID: v.ServiceID, Status: v.Status, CheckedInAt: v.CheckedInAt,
		DeliveredAt: v.DeliveredAt, LeftAt: v.LeftAt, Settlement: v.Settlement}
	return tx.Bucket(bVisitEnd).Put(key(tkey(end), v.ID), f.marshal())
}

// The visit_end value: a version byte, then big-endian fields — id,
// vehicle id, check-in, delivery and departure times (Unix nanoseconds,
// 0 for none), a settlement flag byte and, when set, its amount,
// discount, deposit, paid and time — then the status and the service id,
// each a length byte and its bytes. Decoding it costs a fraction of a
// JSON record's (REP-1: a month's report in milliseconds).
const figuresV1 = 1

func nanos(t time.Time) uint64 {
	if t.IsZero() {
		return 0
	}
	return uint64(t.UnixNano())
}

func fromNanos(n uint64) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(0, int64(n)).UTC()
}

func (f *visitFigures) marshal() []byte {
	b := make([]byte, 0, 128)
	b = append(b, figuresV1)
	for _, n := range []uint64{f.ID, f.VehicleID, nanos(f.CheckedInAt), nanos(f.DeliveredAt), nanos(f.LeftAt)} {
		b = binary.BigEndian.AppendUint64(b, n)
	}
	if s := f.Settlement; s != nil {
		b = append(b, 1)
		for _, n := range []uint64{uint64(s.Amount), uint64(s.Discount), uint64(s.Deposit), uint64(s.Paid), nanos(s.At)} {
			b = binary.BigEndian.AppendUint64(b, n)
		}
	} else {
		b = append(b, 0)
	}
	for _, str := range []string{string(f.Status), f.ServiceID} {
		if len(str) > 255 {
			str = str[:255]
		}
		b = append(b, byte(len(str)))
		b = append(b, str...)
	}
	return b
}

var errFigures = errors.New("unreadable visit figures")

func (f *visitFigures) unmarshal(b []byte) error {
	if len(b) < 1+5*8+1 || b[0] != figuresV1 {
		return errFigures
	}
	u := func() uint64 { n := binary.BigEndian.Uint64(b); b = b[8:]; return n }
	b = b[1:]
	f.ID, f.VehicleID = u(), u()
	f.CheckedInAt, f.DeliveredAt, f.LeftAt = fromNanos(u()), fromNanos(u()), fromNanos(u())
	has := b[0]
	b = b[1:]
	f.Settlement = nil
	if has == 1 {
		if len(b) < 5*8 {
			return errFigures
		}
		f.Settlement = &fo.Settlement{Amount: fo.Money(u()), Discount: fo.Money(u()), Deposit: fo.Money(u()), Paid: fo.Money(u()), At: fromNanos(u())}
	}
	str := func() (string, bool) {
		if len(b) < 1 || len(b) < 1+int(b[0]) {
			return "", false
		}
		s := string(b[1 : 1+int(b[0])])
		b = b[1+int(b[0]):]
		return s, true
	}
	st, ok1 := str()
	svc, ok2 := str()
	if !ok1 || !ok2 {
		return errFigures
	}
	f.Status, f.ServiceID = fo.VisitStatus(st), svc
	return nil
}

// buildVisitEnd is the migration that builds the visit_end index of a data
// file written before it (schema 1 → 2): every visit delivered or left.
func buildVisitEnd(tx *bolt.Tx) error {
	return tx.Bucket(bVisits).ForEach(func(k, raw []byte) error {
		var f visitFigures
		if err := json.Unmarshal(raw, &f); err != nil {
			return fmt.Errorf("visit %d: %w", btou(k), err)
		}
		v := f.visit()
		return putEnd(tx, &v)
	})
}
