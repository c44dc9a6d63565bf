package frontoffice

import (
	"sort"
	"time"
)

// Queue calls (issue 11, item 6): the customer waiting with a queue number
// hears from the shop in Telegram — the number and how many are ahead at
// check-in, "A001, please come to the desk" when the desk calls it — so
// they can wait in the car or the café next door. A number whose customer
// does not come is recalled (called again) or moved back in the queue.
//
// Only the chat linked to the visit's own customer is told: a kiosk
// walk-in whose typed phone matched someone else's archive is recorded on
// a provisional customer (ARC-2, PendingMatch) with no chat of its own, so
// the matched archive's chat hears nothing until the desk merges them.

// Queue event kinds of Visit.QueueLog.
const (
	QueueEvCalled    = "called"     // called to the desk
	QueueEvRecalled  = "recalled"   // called again
	QueueEvMovedBack = "moved_back" // moved back Places places in the queue
)

// QueueEvent is an entry of a visit's queue history: who called, recalled
// or moved its number, and when.
type QueueEvent struct {
	At     time.Time `json:"at"`
	Kind   string    `json:"kind"`
	By     string    `json:"by"`
	Places int       `json:"places,omitempty"`
}

// MaxMoveBack is how many places the desk moves a number back at once.
const MaxMoveBack = 20

// QueueKey is where a waiting visit stands in the queue: QueueAt when the
// desk moved it, else its check-in time.
func (v *Visit) QueueKey() time.Time {
	if !v.QueueAt.IsZero() {
		return v.QueueAt
	}
	return v.CheckedInAt
}

// queueBefore orders the queue: by QueueKey, then by id (check-in order).
func queueBefore(a, b *Visit) bool {
	ka, kb := a.QueueKey(), b.QueueKey()
	if !ka.Equal(kb) {
		return ka.Before(kb)
	}
	return a.ID < b.ID
}

// QueueOrder returns the waiting visits of vs in the order they are
// called: by QueueKey, then id.
func QueueOrder(vs []Visit) []Visit {
	var out []Visit
	for _, v := range vs {
		if v.Status == VisitWaiting {
			out = append(out, v)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return queueBefore(&out[i], &out[j]) })
	return out
}

// QueueAhead counts the waiting visits of vs (other than v) that are
// called before v.
func QueueAhead(vs []Visit, v Visit) int {
	n := 0
	for i := range vs {
		if vs[i].Status == VisitWaiting && vs[i].ID != v.ID && queueBefore(&vs[i], &v) {
			n++
		}
	}
	return n
}

// QueuePlace is a visit's new QueueAt.
type QueuePlace struct {
	ID uint64
	At time.Time
}

// QueueMoveBack places v, called and not come, back in the queue n places
// further back among the visits vs of its day: behind the n-th waiting
// visit that stands after it (at the end when fewer stand after it; at
// its own place when nobody does). It returns the new QueueAt of v first,
// then of any visit behind it whose key must move so that the order is
// strict (keys equal or a nanosecond apart), how many places v really
// moved and how many then wait ahead of it. n must be 1..MaxMoveBack; only
// a called visit moves back (a waiting one is simply not called yet).
func QueueMoveBack(vs []Visit, v Visit, n int) (places []QueuePlace, moved, ahead int, err error) {
	if n < 1 || n > MaxMoveBack {
		return nil, 0, 0, Errorf(EINVALID, "err.move_back", MaxMoveBack)
	}
	if v.Status != VisitCalled {
		return nil, 0, 0, ErrNotAllowed
	}
	var order []Visit
	for _, w := range QueueOrder(vs) {
		if w.ID != v.ID {
			order = append(order, w)
		}
	}
	// ins is v's new index in order: after those ahead of it and n more.
	ins := 0
	for ins < len(order) && queueBefore(&order[ins], &v) {
		ins++
	}
	moved = min(n, len(order)-ins)
	ins += moved
	key := v.QueueKey()
	if ins > 0 {
		key = order[ins-1].QueueKey().Add(time.Nanosecond)
		if ins < len(order) && order[ins].QueueKey().Sub(order[ins-1].QueueKey()) > time.Nanosecond {
			a := order[ins-1].QueueKey()
			key = a.Add(order[ins].QueueKey().Sub(a) / 2)
		}
	}
	places = []QueuePlace{{ID: v.ID, At: key}}
	prev := key
	for _, w := range order[ins:] {
		k := w.QueueKey()
		if !k.After(prev) {
			k = prev.Add(time.Nanosecond)
			places = append(places, QueuePlace{ID: w.ID, At: k})
		}
		prev = k
	}
	return places, moved, ins, nil
}

// QueueTicketMessages tell a checked-in customer their queue number and
// how many wait ahead of them, and that the call comes here (REC-1: with
// the shop's name). chat is the chat linked to the visit's own customer;
// none when 0.
func QueueTicketMessages(st *Settings, v Visit, ahead int, chat int64) []Message {
	if chat == 0 {
		return nil
	}
	var text string
	if ahead == 0 {
		text = Texts.T(v.Lang, "visit.queue.ticket_next", st.ShopName(v.Lang), v.QueueNo, FormatPlate(v.Plate))
	} else {
		text = Texts.T(v.Lang, "visit.queue.ticket", st.ShopName(v.Lang), v.QueueNo, FormatPlate(v.Plate), ahead)
	}
	return []Message{{Key: visitKey(v.ID, "ticket"), ChatID: chat, Text: text, Lang: v.Lang}}
}

// QueueCallMessages tell the customer at once that their number is called
// to the desk ("A001，请到前台"); recall says it is called again. at is the
// call's time: each call is told once. chat as QueueTicketMessages.
func QueueCallMessages(v Visit, chat int64, at time.Time, recall bool) []Message {
	if chat == 0 {
		return nil
	}
	key := "visit.queue.call"
	if recall {
		key = "visit.queue.recall"
	}
	return []Message{{Key: visitKey(v.ID, "call:"+unixKey(at)), ChatID: chat, Text: Texts.T(v.Lang, key, v.QueueNo), Lang: v.Lang}}
}

// QueueMovedMessages tell the customer whose number was called in vain
// that it was moved back and how many now wait ahead. chat as
// QueueTicketMessages.
func QueueMovedMessages(v Visit, ahead int, chat int64, at time.Time) []Message {
	if chat == 0 {
		return nil
	}
	return []Message{{Key: visitKey(v.ID, "moved:"+unixKey(at)), ChatID: chat, Text: Texts.T(v.Lang, "visit.queue.moved", v.QueueNo, ahead), Lang: v.Lang}}
}
