package data

// Complaints through service stations (NET-3): routing a complaint to a
// station, the station's answer, the station's side of the escalations and
// of the customer's verdict, and the quality feedback each station
// complaint is (REP-2). The complaint itself runs in the shop's own
// closed loop (data/complaint.go, data/complaint_answer.go,
// data/escalation.go); this file only adds the station's part.

import (
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// routeToStation gives complaint c (its ID set) to station id: a certified
// station with a linked chat, else EINVALID "err.station.none". The
// station's chat gets the complaint with its answer button; the staff
// chats learn where it went; the complaint becomes (or stays) quality
// feedback of that station.
func (w *writer) routeToStation(st *fo.Settings, c *fo.Complaint, id uint64, by string) error {
	s, err := getStation(w.tx, id)
	if err != nil || !fo.StationRoutable(s) {
		return fo.Errorf(fo.EINVALID, "err.station.none")
	}
	c.StationID = s.ID
	c.History = append(c.History, fo.ComplaintEvent{At: w.now, By: by, Action: "routed", Note: s.Code})
	q := fo.StationComplaintQuality(*c, s)
	if c.QualityID != 0 {
		if old, err := getQuality(w.tx, c.QualityID); err == nil {
			q.ID, q.At = old.ID, old.At
		}
	}
	if q, err = w.putQuality(q); err != nil {
		return err
	}
	c.QualityID = q.ID
	return w.enqueue(fo.StationRoutedMessages(st, *c, s)...)
}

// RouteComplaint routes complaint id to station stationID (NET-3): staff
// in the console, or the supervisor, decide that a station answers it.
// A closed complaint is ErrNotAllowed; a station that is not certified or
// has no chat EINVALID.
func (s *Store) RouteComplaint(id, stationID uint64, by string) (fo.Complaint, error) {
	return s.changeComplaint(id, "", func(w *writer, st *fo.Settings, c *fo.Complaint) error {
		if c.Status == fo.CmpClosed {
			return fo.ErrNotAllowed
		}
		if c.StationID == stationID {
			return nil
		}
		return w.routeToStation(st, c, stationID, by)
	})
}

// AnswerStationComplaint records a station's answer to a complaint routed
// to it (NET-3): the same answer as the shop's (CMP-4), brought to the
// customer with the verdict buttons; the staff chats see it. A complaint of
// another station is ErrNotFound (a station never sees another's); one not
// waiting for an answer ErrNotAllowed.
func (s *Store) AnswerStationComplaint(req fo.StationAnswerRequest) (fo.Complaint, error) {
	return s.changeComplaint(req.ID, req.Idem, func(w *writer, st *fo.Settings, c *fo.Complaint) error {
		if req.StationID == 0 || c.StationID != req.StationID {
			return fo.ErrNotFound
		}
		if !c.Unanswered() {
			return fo.ErrNotAllowed
		}
		text, err := fo.ParseNote(req.Text, fo.MaxAnswerText)
		if err != nil {
			return err
		}
		station, err := getStation(w.tx, c.StationID)
		if err != nil {
			return err
		}
		if err := w.answerComplaint(st, c, "station:"+station.Code+":"+req.By, text, false); err != nil {
			return err
		}
		return w.enqueue(fo.StationAnsweredMessages(st, *c, station)...)
	})
}

// stationEscalation returns the messages of a complaint's escalation of
// kind (cmpwarn, cmpdue, cmpstale): msgs, the shop's own, for a complaint of
// the shop; for a station's (NET-3) the station's chat is warned, and the
// supervisor's notices name the station.
func (w *writer) stationEscalation(st *fo.Settings, c fo.Complaint, kind string, at, hold time.Time, msgs []fo.Message) []fo.Message {
	if c.StationID == 0 {
		return msgs
	}
	s, err := getStation(w.tx, c.StationID)
	if err != nil {
		return msgs
	}
	switch kind {
	case cmpWarnKind:
		if c.Assignee == "" {
			return fo.StationWarnMessages(st, c, s, at, hold)
		}
		return append(msgs, fo.StationWarnMessages(st, c, s, at, hold)...)
	case cmpDueKind:
		return fo.StationOverdueMessages(st, c, s, at)
	}
	return fo.StationStaleMessages(st, c, s, at)
}

// stationVerdict tells a station's chat the customer's verdict on a
// station's complaint (CMP-4, NET-3), and resolves its quality feedback
// when the complaint closed.
func (w *writer) stationVerdict(st *fo.Settings, c *fo.Complaint, satisfied bool) error {
	if c.StationID == 0 {
		return nil
	}
	s, err := getStation(w.tx, c.StationID)
	if err != nil {
		return err
	}
	if err := w.enqueue(fo.StationVerdictMessages(st, *c, s, satisfied)...); err != nil {
		return err
	}
	return w.resolveStationQuality(c)
}

// resolveStationQuality resolves the quality feedback of a closed
// station complaint with its resolution (NET-3, REP-2).
func (w *writer) resolveStationQuality(c *fo.Complaint) error {
	if c.QualityID == 0 || c.Status != fo.CmpClosed {
		return nil
	}
	q, err := getQuality(w.tx, c.QualityID)
	if err != nil {
		return err
	}
	q.Open, q.ResolvedAt, q.Resolution = false, w.now, c.Resolution
	_, err = w.putQuality(q)
	return err
}

// StationOfChat returns the station whose group chat is chatID;
// fo.ErrNotFound when none is.
func (s *Store) StationOfChat(chatID int64) (fo.Station, error) {
	var out fo.Station
	err := s.db.View(func(tx *bolt.Tx) error {
		out = fo.Station{}
		return tx.Bucket(bStations).ForEach(func(_, v []byte) error {
			var st fo.Station
			if err := jsonUnmarshal(v, &st); err != nil {
				return err
			}
			if chatID != 0 && st.ChatID == chatID && out.ID == 0 {
				out = st
			}
			return nil
		})
	})
	if err == nil && out.ID == 0 {
		err = fo.ErrNotFound
	}
	return out, err
}

// StationComplaints returns the complaints routed to station: every one
// not closed, and the closed ones filed in the last days days; the
// earliest deadline first.
func (s *Store) StationComplaints(station uint64, days int) ([]fo.Complaint, error) {
	var out []fo.Complaint
	err := s.db.View(func(tx *bolt.Tx) error {
		seen := map[uint64]bool{}
		if err := tx.Bucket(bComplaintOpen).ForEach(func(k, _ []byte) error {
			c, err := getComplaint(tx, btou(k))
			if err == nil && c.StationID == station {
				out, seen[c.ID] = append(out, c), true
			}
			return err
		}); err != nil {
			return err
		}
		now := s.now()
		recent, err := complaintsFiledTx(tx, now.AddDate(0, 0, -days), now)
		if err != nil {
			return err
		}
		for _, c := range recent {
			if c.StationID == station && !seen[c.ID] {
				out = append(out, c)
			}
		}
		return nil
	})
	slices.SortFunc(out, func(a, b fo.Complaint) int { return a.DueAt.Compare(b.DueAt) })
	return out, err
}
