package data

import (
	"bytes"
	"encoding/json"
	"time"

	fo "frontoffice"
)

// Reading a report's records without decoding them whole: a quick look at
// the JSON keys the counts need (REP-1).

// receivedFigures reads what the counts of a received visit need — its
// vehicle, service and check-in time — from the visit's JSON by a quick
// look at the keys (json* helpers), falling back to decoding when a value
// is not plain.
func receivedFigures(raw []byte) (fo.Visit, error) {
	veh, ok1 := jsonUint(raw, `"vehicle_id":`)
	in, ok2 := jsonTime(raw, `"checked_in_at":"`)
	svc, ok3 := jsonPlain(raw, `"service_id":"`)
	if ok1 && ok2 && ok3 {
		return fo.Visit{VehicleID: veh, ServiceID: svc, CheckedInAt: in}, nil
	}
	var f visitFigures
	if err := json.Unmarshal(raw, &f); err != nil {
		return fo.Visit{}, err
	}
	return fo.Visit{VehicleID: f.VehicleID, ServiceID: f.ServiceID, CheckedInAt: f.CheckedInAt}, nil
}

// jsonUint returns the unsigned number that follows key in raw (see
// jsonTime for why key matches only a key).
func jsonUint(raw []byte, key string) (uint64, bool) {
	i := bytes.Index(raw, []byte(key))
	if i < 0 {
		return 0, false
	}
	var n uint64
	j := i + len(key)
	for ; j < len(raw) && raw[j] >= '0' && raw[j] <= '9'; j++ {
		n = n*10 + uint64(raw[j]-'0')
	}
	return n, j > i+len(key)
}

// jsonPlain returns the string that follows key (ending in the opening
// quote) in raw: "" with ok true when the key is missing (omitted when
// empty), ok false when the string holds an escape.
func jsonPlain(raw []byte, key string) (string, bool) {
	i := bytes.Index(raw, []byte(key))
	if i < 0 {
		return "", true
	}
	rest := raw[i+len(key):]
	j := bytes.IndexByte(rest, '"')
	if j < 0 || bytes.IndexByte(rest[:j], '\\') >= 0 {
		return "", false
	}
	return string(rest[:j]), true
}

// jsonTime returns the time that follows key (`"name":"`) in raw, the
// JSON of a record written by encoding/json, whose keys are quoted and
// whose string values escape quotes, so that key matches only a key. ok is
// false when the key is missing or its time unreadable.
func jsonTime(raw []byte, key string) (time.Time, bool) {
	i := bytes.Index(raw, []byte(key))
	if i < 0 {
		return time.Time{}, false
	}
	rest := raw[i+len(key):]
	j := bytes.IndexByte(rest, '"')
	if j < 0 {
		return time.Time{}, false
	}
	return parseJSONTime(rest[:j])
}

// parseJSONTime parses a time as encoding/json writes it (RFC 3339 with
// optional fractional seconds), the UTC form "2026-11-05T03:04:05.123Z"
// without allocating, any other through time.Parse.
func parseJSONTime(b []byte) (time.Time, bool) {
	if len(b) >= 20 && b[len(b)-1] == 'Z' && b[4] == '-' && b[7] == '-' && b[10] == 'T' && b[13] == ':' && b[16] == ':' {
		num := func(s []byte) (int, bool) {
			n := 0
			for _, c := range s {
				if c < '0' || c > '9' {
					return 0, false
				}
				n = n*10 + int(c-'0')
			}
			return n, true
		}
		y, ok1 := num(b[0:4])
		mo, ok2 := num(b[5:7])
		d, ok3 := num(b[8:10])
		h, ok4 := num(b[11:13])
		mi, ok5 := num(b[14:16])
		sec, ok6 := num(b[17:19])
		ns, ok7 := 0, true
		if frac := b[19 : len(b)-1]; len(frac) > 0 {
			if frac[0] != '.' || len(frac) > 10 {
				ok7 = false
			} else {
				ns, ok7 = num(frac[1:])
				for range 10 - len(frac) {
					ns *= 10
				}
			}
		}
		if ok1 && ok2 && ok3 && ok4 && ok5 && ok6 && ok7 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h < 24 && mi < 60 && sec < 60 {
			return time.Date(y, time.Month(mo), d, h, mi, sec, ns, time.UTC), true
		}
	}
	t, err := time.Parse(time.RFC3339Nano, string(b))
	return t, err == nil
}
