package frontoffice

import (
	"slices"
	"time"
)

// The service network in the business statistics (REP-1, NET-2, NET-3):
// per station and in total, the jobs the stations reported for days of the
// period (NET-4), the complaints routed to them that were filed in it and
// how many of those were answered by their deadline (CMP-2), and the
// claims settled in it with the amount paid (NET-2).

// StationTally is one station's figures of a period; the total's
// StationID is 0.
type StationTally struct {
	StationID      uint64 `json:"station_id,omitempty"`
	Code           string `json:"code,omitempty"`
	Name           string `json:"name,omitempty"`
	Jobs           int    `json:"jobs"`
	Complaints     int    `json:"complaints"`
	AnsweredInTime int    `json:"answered_in_time"`
	ClaimsSettled  int    `json:"claims_settled"`
	Paid           Money  `json:"paid"`
}

// NetworkStats are the network's figures of a report's period: a line per
// station of the register that is or was working (certified or
// suspended) or has figures in the period, by code, and the total.
type NetworkStats struct {
	Stations []StationTally `json:"stations,omitempty"`
	Total    StationTally   `json:"total"`
}

// NetworkRecords are the records the network's figures count; each slice
// may hold more than the period's.
type NetworkRecords struct {
	Stations   []Station
	Jobs       []StationJob
	Complaints []Complaint
	Claims     []StationClaim
}

// NetworkFigures counts the network's figures of [from, to) in loc from
// the raw records (a pure function).
func NetworkFigures(r NetworkRecords, from, to time.Time, loc *time.Location) NetworkStats {
	var out NetworkStats
	idx := map[uint64]int{}
	line := func(id uint64) *StationTally {
		i, ok := idx[id]
		if !ok {
			return nil
		}
		return &out.Stations[i]
	}
	stations := slices.Clone(r.Stations)
	slices.SortFunc(stations, func(a, b Station) int {
		if a.Code < b.Code {
			return -1
		}
		if a.Code > b.Code {
			return 1
		}
		return 0
	})
	for _, s := range stations {
		idx[s.ID] = len(out.Stations)
		out.Stations = append(out.Stations, StationTally{StationID: s.ID, Code: s.Code, Name: s.Name})
	}
	fromDay, toDay := from.In(loc).Format(time.DateOnly), to.In(loc).Format(time.DateOnly)
	seen := map[uint64]bool{}
	for _, j := range r.Jobs {
		if l := line(j.StationID); l != nil && j.Day >= fromDay && j.Day < toDay && !seen[j.ID] {
			seen[j.ID] = true
			l.Jobs++
		}
	}
	seen = map[uint64]bool{}
	for _, c := range r.Complaints {
		if l := line(c.StationID); l != nil && !c.FiledAt.Before(from) && c.FiledAt.Before(to) && !seen[c.ID] {
			seen[c.ID] = true
			l.Complaints++
			if c.AnsweredInTime() {
				l.AnsweredInTime++
			}
		}
	}
	seen = map[uint64]bool{}
	for _, c := range r.Claims {
		if l := line(c.StationID); l != nil && c.SettlementID != 0 && !c.SettledAt.Before(from) && c.SettledAt.Before(to) && !seen[c.ID] {
			seen[c.ID] = true
			l.ClaimsSettled++
			l.Paid += c.Approved
		}
	}
	kept := out.Stations[:0]
	for _, l := range out.Stations {
		s := stations[idx[l.StationID]]
		if s.Status == StationCertified || s.Status == StationSuspended || l.Jobs+l.Complaints+l.ClaimsSettled > 0 {
			kept = append(kept, l)
			out.Total.Jobs += l.Jobs
			out.Total.Complaints += l.Complaints
			out.Total.AnsweredInTime += l.AnsweredInTime
			out.Total.ClaimsSettled += l.ClaimsSettled
			out.Total.Paid += l.Paid
		}
	}
	out.Stations = kept
	return out
}

// NetworkReportLine is the network's line of a report's chat text
// (ReportText): the totals of the period, and a newline; "" when the shop
// has no stations.
func NetworkReportLine(n NetworkStats, lang Lang) string {
	if len(n.Stations) == 0 {
		return ""
	}
	t := n.Total
	return Texts.T(lang, "net.report.line", len(n.Stations), t.Jobs, t.Complaints, t.AnsweredInTime, t.ClaimsSettled, t.Paid) + "\n"
}
