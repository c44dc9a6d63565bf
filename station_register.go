package frontoffice

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// The station register (NET-1): a station is chosen (candidate), assessed
// on site, contracted and certified with an authorisation certificate of
// limited validity; a certified station may be suspended and resumed, and
// any station may be ended. Each step records who, when, a note and its
// documents (the assessment report, the signed contract) in the station's
// history.

// Station register actions (NET-1).
const (
	StationAssess   = "assess"   // candidate → assessed: the assessment report
	StationContract = "contract" // assessed → contracted: the signed contract
	StationCertify  = "certify"  // contracted → certified: the certificate issued
	StationRenew    = "renew"    // certified or suspended: a new certificate
	StationSuspend  = "suspend"  // certified → suspended
	StationResume   = "resume"   // suspended → certified (certificate still valid)
	StationEnd      = "end"      // any station not ended → ended
)

// stationMove is an allowed step: the statuses it starts from, the status
// it leads to ("" keeps the status), and whether it needs a document.
type stationMove struct {
	from []StationStatus
	to   StationStatus
	doc  bool
}

// stationMoves is the register's state machine (NET-1).
var stationMoves = map[string]stationMove{
	StationAssess:   {from: []StationStatus{StationCandidate}, to: StationAssessed, doc: true},
	StationContract: {from: []StationStatus{StationAssessed}, to: StationContracted, doc: true},
	StationCertify:  {from: []StationStatus{StationContracted}, to: StationCertified},
	StationRenew:    {from: []StationStatus{StationCertified, StationSuspended}},
	StationSuspend:  {from: []StationStatus{StationCertified}, to: StationSuspended},
	StationResume:   {from: []StationStatus{StationSuspended}, to: StationCertified},
	StationEnd: {from: []StationStatus{StationCandidate, StationAssessed, StationContracted, StationCertified,
		StationSuspended}, to: StationEnded},
}

// stationActionOrder is the order the console offers the actions in.
var stationActionOrder = []string{StationAssess, StationContract, StationCertify, StationRenew, StationSuspend,
	StationResume, StationEnd}

// StationActions returns the actions open to a station in status s, in
// the order the console offers them (NET-1).
func StationActions(s StationStatus) []string {
	var out []string
	for _, a := range stationActionOrder {
		if slices.Contains(stationMoves[a].from, s) {
			out = append(out, a)
		}
	}
	return out
}

// StationActionNeedsDoc reports whether action must carry a document
// (assessment report, contract).
func StationActionNeedsDoc(action string) bool { return stationMoves[action].doc }

// StationActionIssuesCert reports whether action issues a certificate.
func StationActionIssuesCert(action string) bool {
	return action == StationCertify || action == StationRenew
}

// Station certificate limits (NET-1).
const (
	// StationCertMaxYears bounds a certificate's validity.
	StationCertMaxYears = 5
	// StationCertWarnDays is how long before a certificate lapses the
	// supervisor is reminded.
	StationCertWarnDays = 30
	// MaxStationNote bounds a step's note.
	MaxStationNote = 500
	// MaxStationFiles bounds the documents of one step.
	MaxStationFiles = 5
)

// StationStep is a step of the register as the console asks for it.
type StationStep struct {
	Action string
	By     string
	Note   string
	Files  []uint64
	// CertNo is the certificate's number ("" makes one from the code and
	// the day); CertUntil any time of the last valid day (certify, renew).
	CertNo    string
	CertUntil time.Time
}

// Apply takes step on s at now (NET-1): the action must be open to s's
// status (ECONFLICT "err.station.step" otherwise), carry its document
// when it needs one ("err.station.doc"), and a certificate's last day must
// be after today and within StationCertMaxYears ("err.station.cert");
// resuming needs a certificate still valid. It records the step in the
// history; nothing changes on an error.
func (s *Station) Apply(step StationStep, now time.Time, loc *time.Location) error {
	mv, ok := stationMoves[step.Action]
	if !ok || !slices.Contains(mv.from, s.Status) {
		return Errorf(ECONFLICT, "err.station.step")
	}
	note, err := parseStationNote(step.Note)
	if err != nil {
		return err
	}
	if len(step.Files) > MaxStationFiles {
		return Errorf(EINVALID, "err.station.files", MaxStationFiles)
	}
	if mv.doc && len(step.Files) == 0 {
		return Errorf(EINVALID, "err.station.doc")
	}
	next := *s
	if StationActionIssuesCert(step.Action) {
		today := DayStart(now, loc)
		until := DayStart(step.CertUntil, loc).AddDate(0, 0, 1)
		if step.CertUntil.IsZero() || !until.After(today.AddDate(0, 0, 1)) || until.After(today.AddDate(StationCertMaxYears, 0, 1)) {
			return Errorf(EINVALID, "err.station.cert", StationCertMaxYears)
		}
		no := strings.TrimSpace(step.CertNo)
		if no == "" {
			no = s.Code + "-" + today.In(loc).Format("20060102")
		}
		if utf8.RuneCountInString(no) > 40 {
			return Errorf(EINVALID, "err.station.cert_no")
		}
		next.Cert = StationCert{No: no, From: today.UTC(), Until: until.UTC(), Issued: now.UTC()}
	}
	if step.Action == StationResume && !next.Cert.Valid(now) {
		return Errorf(ECONFLICT, "err.station.cert_lapsed")
	}
	if mv.to != "" {
		next.Status = mv.to
	}
	next.History = append(slices.Clone(s.History), StationEvent{At: now.UTC(), By: step.By, Action: step.Action,
		Note: note, Files: slices.Clone(step.Files)})
	*s = next
	return nil
}

func parseStationNote(s string) (string, error) {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) > MaxStationNote || !utf8.ValidString(s) {
		return "", Errorf(EINVALID, "err.too_long", MaxStationNote)
	}
	return s, nil
}

// Valid reports whether the certificate is valid at t.
func (c StationCert) Valid(t time.Time) bool {
	return c.No != "" && !t.Before(c.From) && t.Before(c.Until)
}

// RemindAt is when the supervisor hears that the certificate lapses soon:
// StationCertWarnDays before its end (NET-1).
func (c StationCert) RemindAt() time.Time { return c.Until.AddDate(0, 0, -StationCertWarnDays) }

// Offered reports whether customers are offered the station at now: it is
// certified and its certificate is valid (a lapsed one is not offered).
func (s *Station) Offered(now time.Time) bool {
	return s.Status == StationCertified && s.Cert.Valid(now)
}

// Label returns the station status in lang.
func (s StationStatus) Label(lang Lang) string {
	return stationLabel(lang, "label.station."+string(s), string(s))
}

// StationActionLabel returns a register action's name in lang.
func StationActionLabel(lang Lang, action string) string {
	return stationLabel(lang, "label.staction."+action, action)
}

func stationLabel(lang Lang, key, code string) string {
	if _, ok := stationTexts[key]; !ok {
		return code
	}
	return stationTexts.T(lang, key)
}

// StationInput is a station's details as the console's form gives them.
type StationInput struct {
	Name, City, Area, Address, Hotline, Region, Contact, ContactPhone, Services string
}

// Apply checks in and writes it into s (NET-1): a name, a city, an
// address and a hotline are required; the hotline is a phone number
// (landline, 400 or mobile); the contact's phone, when given, a mobile;
// the labour region one of the settings' rates. It returns an EINVALID
// *Error naming the first field at fault; s is unchanged then.
func (in StationInput) Apply(s *Station, st *Settings) error {
	next := *s
	var err error
	field := func(v string, max int, key string, required bool) string {
		if err != nil {
			return ""
		}
		v = strings.Join(strings.Fields(v), " ")
		n := utf8.RuneCountInString(v)
		if (required && n == 0) || n > max || strings.ContainsAny(v, "<>") || !utf8.ValidString(v) {
			err = Errorf(EINVALID, key)
		}
		return v
	}
	next.Name = field(in.Name, 60, "err.station.name", true)
	next.City = field(in.City, 30, "err.station.city", true)
	next.Area = field(in.Area, 60, "err.station.area", false)
	next.Address = field(in.Address, 200, "err.station.address", true)
	next.Contact = field(in.Contact, MaxNameLen, "err.station.contact", false)
	if err != nil {
		return err
	}
	if next.Hotline, err = ParseHotline(in.Hotline); err != nil {
		return err
	}
	next.ContactPhone = ""
	if p := strings.TrimSpace(in.ContactPhone); p != "" {
		if next.ContactPhone, err = ParsePhone(p); err != nil {
			return err
		}
	}
	next.Region = strings.TrimSpace(in.Region)
	if next.Region != "" && !slices.ContainsFunc(st.LabourRates, func(r RegionRate) bool { return r.Region == next.Region }) {
		return Errorf(EINVALID, "err.station.region")
	}
	next.Services = nil
	for _, sv := range strings.FieldsFunc(in.Services, func(r rune) bool { return r == ',' || r == '，' || r == '、' || r == '\n' }) {
		sv = strings.TrimSpace(sv)
		if sv == "" {
			continue
		}
		if utf8.RuneCountInString(sv) > 30 || strings.ContainsAny(sv, "<>") || len(next.Services) >= 20 {
			return Errorf(EINVALID, "err.station.services")
		}
		if !slices.Contains(next.Services, sv) {
			next.Services = append(next.Services, sv)
		}
	}
	*s = next
	return nil
}

// ParseHotline checks a service hotline: 5 to 15 digits, written with
// optional spaces, dashes and a leading +. It returns the number as
// written, spaces squeezed, or an EINVALID *Error "err.station.hotline".
func ParseHotline(s string) (string, error) {
	s = strings.Join(strings.Fields(s), " ")
	digits := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == ' ' || r == '-':
		case r == '+' && i == 0:
		default:
			return "", Errorf(EINVALID, "err.station.hotline")
		}
	}
	if digits < 5 || digits > 15 {
		return "", Errorf(EINVALID, "err.station.hotline")
	}
	return s, nil
}

// StationCode is the register code of station id: "ST-001".
func StationCode(id uint64) string { return fmt.Sprintf("ST-%03d", id) }

// placeKey is a city or area as compared: no spaces, lower case, without
// a trailing 市, 区, 县 or "city".
func placeKey(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), ""))
	s = strings.TrimSuffix(s, "city")
	for _, suf := range []string{"市", "区", "县"} {
		if t := strings.TrimSuffix(s, suf); t != "" {
			s = t
		}
	}
	return s
}

// MaxNearestStations is how many stations a customer is shown.
const MaxNearestStations = 5

// NearestStations returns the stations offered at now (Offered) nearest
// the place a customer typed or picked: those in the same area first, then
// the rest of the city, by name; at most MaxNearestStations. place may
// name a city or an area ("杭州", "杭州市", "西湖区").
func NearestStations(all []Station, place string, now time.Time) []Station {
	k := placeKey(place)
	if k == "" {
		return nil
	}
	var area, city []Station
	for _, s := range all {
		if !s.Offered(now) {
			continue
		}
		switch {
		case s.Area != "" && placeKey(s.Area) == k:
			area = append(area, s)
		case placeKey(s.City) == k:
			city = append(city, s)
		}
	}
	byName := func(a, b Station) int { return strings.Compare(a.Name, b.Name) }
	slices.SortFunc(area, byName)
	slices.SortFunc(city, byName)
	out := append(area, city...)
	return out[:min(len(out), MaxNearestStations)]
}

// StationCities returns the cities with a station offered at now, sorted.
func StationCities(all []Station, now time.Time) []string {
	var out []string
	for _, s := range all {
		if s.Offered(now) && !slices.ContainsFunc(out, func(c string) bool { return placeKey(c) == placeKey(s.City) }) {
			out = append(out, s.City)
		}
	}
	slices.Sort(out)
	return out
}

// NearestStationsText is what a customer reads: for each station its name,
// city and area, and hotline — nothing else of the station.
func NearestStationsText(lang Lang, place string, list []Station) string {
	if len(list) == 0 {
		return Texts.T(lang, "station.near.none", place)
	}
	var b strings.Builder
	b.WriteString(Texts.T(lang, "station.near.head", place))
	for _, s := range list {
		where := s.City
		if s.Area != "" {
			where += " " + s.Area
		}
		b.WriteString("\n")
		b.WriteString(Texts.T(lang, "station.near.line", s.Name, where, s.Hotline))
	}
	return b.String()
}

// StationLinkTTL is how long a chat-linking code is valid.
const StationLinkTTL = 24 * time.Hour

// linkAlphabet has no look-alikes.
const linkAlphabet = "23456789abcdefghjkmnpqrstuvwxyz"

// NewStationLinkCode returns a fresh one-time code that links a station's
// group chat: 10 symbols (~50 bits), typed as "/station CODE".
func NewStationLinkCode() string {
	b := make([]byte, 10)
	rand.Read(b) // never fails (crypto/rand)
	for i := range b {
		b[i] = linkAlphabet[int(b[i])%len(linkAlphabet)]
	}
	return string(b)
}

// HashStationLinkCode is the form a code is kept in: SHA-256, hex, of the
// code as typed in lower case without spaces.
func HashStationLinkCode(code string) string {
	sum := sha256.Sum256([]byte(strings.ToLower(strings.Join(strings.Fields(code), ""))))
	return hex.EncodeToString(sum[:])
}

// StationCertReminderMessages tell the supervisor that station s's
// certificate lapses on its last day (NET-1), StationCertWarnDays ahead.
func StationCertReminderMessages(st *Settings, s Station) []Message {
	loc := st.Location()
	last := s.Cert.Until.Add(-time.Hour)
	text := Texts.T(ZH, "station.cert.remind", s.Code, s.Name, s.Cert.No, FormatDay(ZH, last, loc)+" "+last.In(loc).Format("2006"))
	return toChats(st.SupervisorChats(), fmt.Sprintf("stcert:%d:%s", s.ID, unixKey(s.Cert.Until)), text, nil, time.Time{})
}

// DocStationCert is a station's authorisation certificate (授权证书);
// Ref: station id (NET-1).
const DocStationCert = "stationcert"

// StationUpload is a document sent with a register step from the console
// (an assessment report, a contract): stored with the station.
type StationUpload struct {
	Name string
	Mime string
	Data []byte
}
