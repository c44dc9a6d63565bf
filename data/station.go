package data

// Service stations (NET-1..4).
//
// Bucket and key layout:
//
//	stations         id → JSON fo.Station
//	station_jobs     station id | day (Unix seconds of its midnight) | id → JSON fo.StationJob (NET-4)
//	station_chat     chat id (8 bytes) → station id: the linked group chats
//	station_job_ids  job id → its station_jobs key (a survey's press names the job)
//	station_checked  month "2026-12" | phone → job id: customers sampled that month
//	                 (never twice in a month, NET-4)
//
// Due kind: stcert (StationCertWarnDays before a certificate lapses: the
// supervisor is reminded, NET-1).
//
// Every change of a station is one transaction with its history line and
// its audit entry (fo.AuditStation).

import (
	"bytes"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// getStation reads station id; fo.ErrNotFound when there is none.
func getStation(tx *bolt.Tx, id uint64) (fo.Station, error) {
	var st fo.Station
	err := getJSON(tx.Bucket(bStations), u64(id), &st)
	return st, err
}

// putStation stores st (its ID set) and records the change from old (nil
// for a new station) in the audit trail under action.
func (w *writer) putStation(st fo.Station, old *fo.Station, action string) error {
	st.UpdatedAt = w.now
	if err := putJSON(w.tx.Bucket(bStations), u64(st.ID), st); err != nil {
		return err
	}
	// The station_chat index follows the station's chat, however it was set.
	chats := w.tx.Bucket(bStationChat)
	if old != nil && old.ChatID != 0 && old.ChatID != st.ChatID {
		if err := chats.Delete(i64(old.ChatID)); err != nil {
			return err
		}
	}
	if st.ChatID != 0 {
		if err := chats.Put(i64(st.ChatID), u64(st.ID)); err != nil {
			return err
		}
	}
	var before any
	if old != nil {
		before = old
	}
	return w.audit(fo.AuditStation, auditID(st.ID), action, before, st)
}

// Station returns station id; fo.ErrNotFound when there is none.
func (s *Store) Station(id uint64) (fo.Station, error) {
	var st fo.Station
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		st, err = getStation(tx, id)
		return err
	})
	return st, err
}

// Stations returns every station of the register, by id.
func (s *Store) Stations() ([]fo.Station, error) {
	var out []fo.Station
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bStations).ForEach(func(k, v []byte) error {
			var st fo.Station
			if err := jsonUnmarshal(v, &st); err != nil {
				return err
			}
			out = append(out, st)
			return nil
		})
	})
	return out, err
}

// stationJobsTx returns the jobs station reported for days from ≤ day < to.
func stationJobsTx(tx *bolt.Tx, station uint64, from, to time.Time) ([]fo.StationJob, error) {
	var out []fo.StationJob
	c := tx.Bucket(bStationJobs).Cursor()
	end := key(station, tkey(to))
	for k, v := c.Seek(key(station, tkey(from))); k != nil && bytes.Compare(k, end) < 0; k, v = c.Next() {
		var j fo.StationJob
		if err := jsonUnmarshal(v, &j); err != nil {
			return nil, err
		}
		out = append(out, j)
	}
	return out, nil
}

const stCertKind = "stcert"

// CreateStation registers a new candidate station (NET-1) with the details
// in (fo.StationInput.Apply) and its code ST-<id>.
func (s *Store) CreateStation(in fo.StationInput, by string) (fo.Station, error) {
	var st fo.Station
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		w.setBy(by)
		set, err := settingsTx(tx)
		if err != nil {
			return err
		}
		if err := in.Apply(&st, &set); err != nil {
			return err
		}
		if st.ID, err = nextID(tx.Bucket(bStations)); err != nil {
			return err
		}
		st.Code, st.Status, st.CreatedAt = fo.StationCode(st.ID), fo.StationCandidate, w.now
		st.History = []fo.StationEvent{{At: w.now, By: by, Action: "create"}}
		return w.putStation(st, nil, "create")
	})
	return st, err
}

// UpdateStation changes station id's details (fo.StationInput.Apply).
func (s *Store) UpdateStation(id uint64, in fo.StationInput, by string) (fo.Station, error) {
	var st fo.Station
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		w.setBy(by)
		set, err := settingsTx(tx)
		if err != nil {
			return err
		}
		if st, err = getStation(tx, id); err != nil {
			return err
		}
		old := st
		if err := in.Apply(&st, &set); err != nil {
			return err
		}
		st.History = append(st.History, fo.StationEvent{At: w.now, By: by, Action: "edit"})
		return w.putStation(st, &old, "edit")
	})
	return st, err
}

// StepStation takes a register step on station id (fo.Station.Apply,
// NET-1) with its documents: the uploads are stored with the station in
// the same transaction. A certificate issued schedules the supervisor's
// reminder StationCertWarnDays before it lapses.
func (s *Store) StepStation(id uint64, step fo.StationStep, files []fo.StationUpload) (fo.Station, error) {
	var st fo.Station
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		w.setBy(step.By)
		set, err := settingsTx(tx)
		if err != nil {
			return err
		}
		if st, err = getStation(tx, id); err != nil {
			return err
		}
		old := st
		for _, f := range files {
			if len(step.Files) >= fo.MaxStationFiles {
				return fo.Errorf(fo.EINVALID, "err.station.files", fo.MaxStationFiles)
			}
			sf, err := w.addFile(f.Name, f.Mime, f.Data)
			if err != nil {
				return err
			}
			step.Files = append(step.Files, sf.ID)
		}
		if err := st.Apply(step, w.now, set.Location()); err != nil {
			return err
		}
		if st.Cert != old.Cert {
			if !old.Cert.Until.IsZero() {
				if err := w.delDue(old.Cert.RemindAt(), stCertKind, id); err != nil {
					return err
				}
			}
			if at := st.Cert.RemindAt(); at.After(w.now) {
				if err := w.putDue(at, stCertKind, id); err != nil {
					return err
				}
			}
		}
		return w.putStation(st, &old, step.Action)
	})
	return st, err
}

// dueStationCert reminds the supervisor that a certified station's
// certificate lapses in StationCertWarnDays (NET-1); a certificate renewed
// or a station no longer certified since asks nothing.
func dueStationCert(w *writer, st *fo.Settings, id uint64, at, now time.Time) error {
	s, err := getStation(w.tx, id)
	if err != nil || s.Status != fo.StationCertified || !s.Cert.RemindAt().Equal(at) {
		return nil
	}
	return w.enqueue(fo.StationCertReminderMessages(st, s)...)
}

// StationFile returns a document of station id's history: a file not
// among its steps' documents is ErrNotFound (one station's page never
// opens another's files).
func (s *Store) StationFile(id, fileID uint64) (fo.StoredFile, []byte, error) {
	st, err := s.Station(id)
	if err != nil {
		return fo.StoredFile{}, nil, err
	}
	for _, e := range st.History {
		for _, f := range e.Files {
			if f == fileID {
				return s.File(fileID)
			}
		}
	}
	return fo.StoredFile{}, nil, fo.ErrNotFound
}

// NewStationLinkCode makes a one-time code that links station id's
// Telegram group (fo.StationLinkTTL): only its hash is kept, and a newer
// code replaces an older one.
func (s *Store) NewStationLinkCode(id uint64, by string) (string, error) {
	code := fo.NewStationLinkCode()
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		w.setBy(by)
		st, err := getStation(tx, id)
		if err != nil {
			return err
		}
		if st.Status == fo.StationEnded {
			return fo.Errorf(fo.ECONFLICT, "err.station.step")
		}
		old := st
		st.LinkHash, st.LinkUntil = fo.HashStationLinkCode(code), w.now.Add(fo.StationLinkTTL)
		return w.putStation(st, &old, "link_code")
	})
	if err != nil {
		return "", err
	}
	return code, nil
}

// LinkStationChat links the group chat chatID to the station whose code
// was typed there (/station CODE), once: the code is spent. A wrong or
// expired code is EINVALID "err.station.code"; a staff chat or a chat
// linked to another station is refused. A station's earlier chat is
// unlinked.
func (s *Store) LinkStationChat(code string, chatID int64, staffChat bool, by string) (fo.Station, error) {
	var st fo.Station
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		w.setBy(by)
		hash := fo.HashStationLinkCode(code)
		found := false
		err := tx.Bucket(bStations).ForEach(func(k, v []byte) error {
			if found || !bytes.Contains(v, []byte(hash)) {
				return nil
			}
			var c fo.Station
			if err := jsonUnmarshal(v, &c); err != nil {
				return err
			}
			if c.LinkHash == hash && strings.TrimSpace(code) != "" {
				st, found = c, true
			}
			return nil
		})
		if err != nil {
			return err
		}
		if !found || !w.now.Before(st.LinkUntil) || st.Status == fo.StationEnded {
			return fo.Errorf(fo.EINVALID, "err.station.code")
		}
		if staffChat {
			return fo.Errorf(fo.EFORBIDDEN, "err.station.staff_chat")
		}
		chats := tx.Bucket(bStationChat)
		if other := chats.Get(i64(chatID)); other != nil && btou(other) != st.ID {
			return fo.Errorf(fo.ECONFLICT, "err.station.chat_taken")
		}
		old := st
		st.ChatID, st.LinkHash, st.LinkUntil = chatID, "", time.Time{}
		st.History = append(st.History, fo.StationEvent{At: w.now, By: by, Action: "link"})
		return w.putStation(st, &old, "link") // keeps the station_chat index
	})
	return st, err
}

// StationByChat returns the station whose group chat is chatID;
// ErrNotFound when the chat is no station's.
func (s *Store) StationByChat(chatID int64) (fo.Station, error) {
	var st fo.Station
	err := s.db.View(func(tx *bolt.Tx) error {
		id := tx.Bucket(bStationChat).Get(i64(chatID))
		if id == nil {
			return fo.ErrNotFound
		}
		var err error
		st, err = getStation(tx, btou(id))
		return err
	})
	return st, err
}

// SetAccountStationAs makes login a station account of station id
// (fo.RoleStation, Account.StationID): it then sees that station's
// records only. An admin account is not turned into one.
func (s *Store) SetAccountStationAs(login string, id uint64, by string) (fo.Account, error) {
	if _, err := s.Station(id); err != nil {
		return fo.Account{}, fo.Errorf(fo.EINVALID, "err.station.account")
	}
	return s.changeAccount(login, "station", by, func(a *fo.Account) error {
		if a.Role == fo.RoleAdmin {
			return fo.Errorf(fo.EINVALID, "err.station.account")
		}
		a.Role, a.StationID, a.StaffID = fo.RoleStation, id, ""
		return nil
	})
}
