package frontoffice

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// StationJob is a job a service station reports having done (NET-4): the
// customer, the vehicle, the work and the date. A share of them is
// sampled for a spot check: the customer gets a survey or a call, and the
// answer is the job's Check, which counts towards the station's score
// (NET-2).
type StationJob struct {
	ID        uint64    `json:"id"`
	StationID uint64    `json:"station_id"`
	Customer  string    `json:"customer"`
	Phone     string    `json:"phone"`
	Plate     string    `json:"plate,omitempty"`
	Work      string    `json:"work"`
	Day       string    `json:"day"` // "2026-12-06", the shop's zone
	By        string    `json:"by"`
	CreatedAt time.Time `json:"created_at"`

	Check StationCheck `json:"check"`
}

// StationCheck is the spot check of a station's job (NET-4).
type StationCheck struct {
	Sampled bool      `json:"sampled,omitempty"`
	At      time.Time `json:"at,omitzero"`     // when the customer answered
	Score   int       `json:"score,omitempty"` // 1..5, 0 while unanswered
	Finding string    `json:"finding,omitempty"`
	StationCheckAsk
}

// More of a spot check (NET-4): how the customer was asked and what they
// said. A linked customer gets a survey in Telegram (Via "survey", ChatID
// their chat); an unlinked one goes on the follow-up call list (Via
// "call", CallID the call). Score is 1..5 once answered; Finding the
// customer's comment or the caller's notes.
type StationCheckAsk struct {
	Via     string    `json:"via,omitempty"`
	AskedAt time.Time `json:"asked_at,omitzero"`
	ChatID  int64     `json:"chat_id,omitempty"`
	MsgKey  string    `json:"msg_key,omitempty"`
	CallID  uint64    `json:"call_id,omitempty"`
	By      string    `json:"by,omitempty"` // who recorded the answer of a call
}

// Ways a spot check asks the customer (NET-4).
const (
	CheckBySurvey = "survey"
	CheckByCall   = "call"
)

// Answered reports whether the customer's answer is in.
func (c StationCheck) Answered() bool { return !c.At.IsZero() }

// StationSettings are the service network's settings (Settings.Stations).
type StationSettings struct {
	// CheckPercent is the share of reported jobs spot-checked (NET-4), in
	// percent: 0 or absent means DefaultCheckPercent, a negative value no
	// checks, above 100 every job.
	CheckPercent int `json:"check_percent,omitempty"`
	// CheckSeed seeds the sampler: the same seed samples the same jobs.
	CheckSeed uint64 `json:"check_seed,omitempty"`
}

// DefaultCheckPercent is the share of station jobs spot-checked when the
// settings name none (NET-4).
const DefaultCheckPercent = 20

// Percent is the share of jobs sampled, 0..100.
func (n StationSettings) Percent() int {
	switch {
	case n.CheckPercent == 0:
		return DefaultCheckPercent
	case n.CheckPercent < 0:
		return 0
	}
	return min(n.CheckPercent, 100)
}

// SampleStationJob reports whether job j falls in the spot-check sample
// (NET-4): a hash of the seed, the station and the job's id below the
// share. It is reproducible (same seed, same jobs) and spread evenly over
// jobs; that a customer is never sampled twice in a month is the store's
// part (it keeps who was sampled per month).
func SampleStationJob(n StationSettings, j StationJob) bool {
	p := n.Percent()
	if p <= 0 {
		return false
	}
	var b [24]byte
	binary.BigEndian.PutUint64(b[0:], n.CheckSeed)
	binary.BigEndian.PutUint64(b[8:], j.StationID)
	binary.BigEndian.PutUint64(b[16:], j.ID)
	sum := sha256.Sum256(b[:])
	return binary.BigEndian.Uint64(sum[:8])%100 < uint64(p)
}

// CheckMonth is the month a job's day falls in, "2026-12": a customer is
// sampled at most once in it.
func CheckMonth(day string) string {
	if len(day) >= 7 {
		return day[:7]
	}
	return day
}

// MaxStationJobDays is how far back a station may report a job.
const MaxStationJobDays = 31

// StationJobInput is a job as a station reports it, in its chat or in the
// console.
type StationJobInput struct {
	Idem      string
	StationID uint64
	Customer  string
	Phone     string
	Plate     string // optional
	Work      string
	Day       string // YYYY-MM-DD in the shop's zone
	By        string
}

// Parse checks in at now (NET-4): the customer's name, a mobile phone, an
// optional plate, what was done (1..200 characters) and a day neither in
// the future nor more than MaxStationJobDays back. It returns the job to
// store, or an EINVALID *Error naming the field at fault.
func (in StationJobInput) Parse(now time.Time, loc *time.Location) (StationJob, error) {
	j := StationJob{StationID: in.StationID, By: in.By, CreatedAt: now.UTC()}
	var err error
	if j.Customer, err = ParseName(in.Customer); err != nil {
		return j, err
	}
	if j.Phone, err = ParsePhone(in.Phone); err != nil {
		return j, err
	}
	if p := strings.TrimSpace(in.Plate); p != "" && p != "-" {
		if j.Plate, err = ParsePlate(p); err != nil {
			return j, err
		}
	}
	if j.Work, err = ParseNote(in.Work, MaxStationWork); err != nil {
		return j, err
	}
	day, err := time.ParseInLocation(time.DateOnly, strings.TrimSpace(in.Day), loc)
	today := DayStart(now, loc)
	if err != nil || day.After(today) || day.Before(today.AddDate(0, 0, -MaxStationJobDays)) {
		return j, Errorf(EINVALID, "err.stjob.day", MaxStationJobDays)
	}
	j.Day = day.Format(time.DateOnly)
	return j, nil
}

// MaxStationWork bounds the description of a station's job.
const MaxStationWork = 200

// StationCheckData returns the callback data of a spot-check survey's
// button: score 1..5 for job id, or 0 for "no comment" after the score.
func StationCheckData(id uint64, score int) string {
	return "nck:" + strconv.FormatUint(id, 10) + ":" + strconv.Itoa(score)
}

// ParseStationCheckData parses "nck:<id>:<score>" with score 0..5. It
// accepts only what StationCheckData writes.
func ParseStationCheckData(s string) (id uint64, score int, ok bool) {
	f, ok := CallbackFields(s, "nck", 2)
	if !ok || len(f[1]) != 1 || f[1][0] < '0' || f[1][0] > '5' {
		return 0, 0, false
	}
	id, ok = ParseRecordID(f[0])
	return id, int(f[1][0] - '0'), ok
}

// StationCheckMessages ask a linked customer about a station's job
// (NET-4): how satisfied they are, 1 to 5, with the station's name, the
// work and its day. The key names the job.
func StationCheckMessages(st *Settings, s Station, j StationJob, cust Customer) []Message {
	loc := st.Location()
	day, _ := time.ParseInLocation(time.DateOnly, j.Day, loc)
	lang := cust.Lang
	if lang == "" {
		lang = ZH
	}
	text := Texts.T(lang, "stcheck.ask", cust.Name, st.ShopName(lang), s.Name, FormatDay(lang, day, loc), j.Work)
	var row []Button
	for i := 1; i <= 5; i++ {
		row = append(row, Button{Text: strconv.Itoa(i) + "⭐", Data: StationCheckData(j.ID, i)})
	}
	return []Message{{Key: fmt.Sprintf("stcheck:%d", j.ID), ChatID: cust.ChatID, Lang: lang, Text: text,
		Buttons: [][]Button{row}}}
}

// StationCheckCallWork is what a station-check call is about, as the call
// list shows it: the station, the day and the work (NET-4).
func StationCheckCallWork(s Station, j StationJob) string {
	return Texts.T(ZH, "stcheck.call_work", s.Code, s.Name, j.Day, j.Work)
}
