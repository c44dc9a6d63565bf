package frontoffice

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

var stLoc = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		panic(err)
	}
	return loc
}()

// NET-1: a station goes candidate → assessed → contracted → certified,
// each step with who, when, its note and documents; the certificate's
// number and validity are kept; suspended and resumed; ended for good.
func TestStationRegisterCandidateToCertified(t *testing.T) {
	now := time.Date(2026, 12, 6, 10, 0, 0, 0, stLoc)
	s := Station{ID: 3, Code: StationCode(3), Status: StationCandidate}
	if got := StationActions(s.Status); !slices.Equal(got, []string{StationAssess, StationEnd}) {
		t.Fatalf("candidate's actions: %v", got)
	}
	// Out of order, or without its document: refused, nothing changed.
	for _, step := range []StationStep{
		{Action: StationCertify, By: "staff:zhao", CertUntil: now.AddDate(1, 0, 0)},
		{Action: StationContract, By: "staff:zhao", Files: []uint64{1}},
		{Action: StationAssess, By: "staff:zhao"},
		{Action: "promote", By: "staff:zhao"},
	} {
		before := s
		if err := s.Apply(step, now, stLoc); err == nil {
			t.Fatalf("%s from candidate: no error", step.Action)
		}
		if s.Status != before.Status || len(s.History) != len(before.History) {
			t.Fatalf("refused %s changed the station", step.Action)
		}
	}
	steps := []StationStep{
		{Action: StationAssess, By: "staff:zhao", Note: "场地 200㎡，两名技师", Files: []uint64{11}},
		{Action: StationContract, By: "staff:zhao", Files: []uint64{12, 13}},
		{Action: StationCertify, By: "staff:zhao", CertUntil: time.Date(2027, 12, 31, 0, 0, 0, 0, stLoc)},
	}
	for i, step := range steps {
		at := now.Add(time.Duration(i) * time.Hour)
		if err := s.Apply(step, at, stLoc); err != nil {
			t.Fatalf("%s: %v", step.Action, err)
		}
		e := s.History[len(s.History)-1]
		if e.Action != step.Action || e.By != step.By || !e.At.Equal(at) || !slices.Equal(e.Files, step.Files) {
			t.Fatalf("history of %s: %+v", step.Action, e)
		}
	}
	if s.Status != StationCertified || s.History[0].Note != "场地 200㎡，两名技师" {
		t.Fatalf("after the steps: %s %+v", s.Status, s.History)
	}
	c := s.Cert
	if c.No != "ST-003-20261206" || !c.From.Equal(time.Date(2026, 12, 6, 0, 0, 0, 0, stLoc)) ||
		!c.Until.Equal(time.Date(2028, 1, 1, 0, 0, 0, 0, stLoc)) {
		t.Fatalf("certificate %+v", c)
	}
	if !s.Offered(now) || !s.Offered(time.Date(2027, 12, 31, 23, 59, 0, 0, stLoc)) || s.Offered(c.Until) {
		t.Error("a certified station is offered exactly while its certificate is valid")
	}
	if got := c.RemindAt(); !got.Equal(time.Date(2027, 12, 2, 0, 0, 0, 0, stLoc)) {
		t.Errorf("reminder at %v, want 30 days before the end", got)
	}
	if err := s.Apply(StationStep{Action: StationSuspend, By: "staff:zhao", Note: "投诉未处理"}, now, stLoc); err != nil || s.Status != StationSuspended || s.Offered(now) {
		t.Fatalf("suspend: %v %s", err, s.Status)
	}
	// Resuming after the certificate lapsed is refused; renewing first works.
	late := c.Until.Add(time.Hour)
	if err := s.Apply(StationStep{Action: StationResume, By: "staff:zhao"}, late, stLoc); err == nil {
		t.Fatal("resumed with a lapsed certificate")
	}
	if err := s.Apply(StationStep{Action: StationRenew, By: "staff:zhao", CertNo: "NET-2028-07", CertUntil: late.AddDate(2, 0, 0)}, late, stLoc); err != nil {
		t.Fatal(err)
	}
	if err := s.Apply(StationStep{Action: StationResume, By: "staff:zhao"}, late, stLoc); err != nil || !s.Offered(late) || s.Cert.No != "NET-2028-07" {
		t.Fatalf("resume: %v %+v", err, s.Cert)
	}
	if err := s.Apply(StationStep{Action: StationEnd, By: "staff:zhao"}, late, stLoc); err != nil || s.Status != StationEnded {
		t.Fatal(err)
	}
	if acts := StationActions(StationEnded); len(acts) != 0 {
		t.Errorf("an ended station has actions %v", acts)
	}
}

// NET-1: a certificate must be valid beyond today and at most 5 years.
func TestStationCertValidity(t *testing.T) {
	now := time.Date(2026, 12, 6, 10, 0, 0, 0, stLoc)
	for _, until := range []time.Time{{}, now, now.AddDate(-1, 0, 0), now.AddDate(6, 0, 0)} {
		s := Station{Code: "ST-001", Status: StationContracted}
		err := s.Apply(StationStep{Action: StationCertify, CertUntil: until}, now, stLoc)
		var e *Error
		if !errors.As(err, &e) || e.Key != "err.station.cert" || s.Status != StationContracted {
			t.Errorf("until %v: %v", until, err)
		}
	}
}

func TestStationInput(t *testing.T) {
	st := DefaultSettings()
	st.LabourRates = []RegionRate{{Region: "华东"}}
	good := StationInput{Name: "杭州西湖汽车服务站", City: "杭州市", Area: "西湖区", Address: "文三路 1 号",
		Hotline: "0571-8888 6666", Region: "华东", Contact: "周强", ContactPhone: "13800000003", Services: "安装，维修、保养"}
	var s Station
	if err := good.Apply(&s, &st); err != nil {
		t.Fatal(err)
	}
	if s.Hotline != "0571-8888 6666" || !slices.Equal(s.Services, []string{"安装", "维修", "保养"}) {
		t.Fatalf("%+v", s)
	}
	for key, in := range map[string]StationInput{
		"err.station.name":    {City: "杭州", Address: "x", Hotline: "12345"},
		"err.station.hotline": {Name: "a", City: "杭州", Address: "x", Hotline: "call me"},
		"err.station.region":  {Name: "a", City: "杭州", Address: "x", Hotline: "12345", Region: "火星"},
		"err.phone":           {Name: "a", City: "杭州", Address: "x", Hotline: "12345", ContactPhone: "12"},
		"err.station.address": {Name: "a", City: "杭州", Address: "<script>", Hotline: "12345"},
	} {
		before := s
		err := in.Apply(&s, &st)
		var e *Error
		if !errors.As(err, &e) || e.Key != key {
			t.Errorf("%+v: %v, want %s", in, err, key)
		}
		if s.Name != before.Name || s.Hotline != before.Hotline {
			t.Errorf("refused input changed the station")
		}
	}
}

// NET-1: customers get the certified stations of their area first, then
// of their city, with hotlines; not a lapsed, suspended or other city's.
func TestNearestStations(t *testing.T) {
	now := time.Date(2026, 12, 6, 10, 0, 0, 0, stLoc)
	valid := StationCert{No: "x", From: now.AddDate(-1, 0, 0), Until: now.AddDate(1, 0, 0)}
	all := []Station{
		{ID: 1, Name: "B 站", City: "杭州市", Area: "滨江区", Hotline: "0571-1", Status: StationCertified, Cert: valid},
		{ID: 2, Name: "A 站", City: "杭州", Area: "西湖区", Hotline: "0571-2", Status: StationCertified, Cert: valid},
		{ID: 3, Name: "C 站", City: "杭州", Status: StationCertified, Cert: StationCert{No: "y", From: now.AddDate(-2, 0, 0), Until: now.AddDate(0, 0, -1)}},
		{ID: 4, Name: "D 站", City: "杭州", Status: StationSuspended, Cert: valid},
		{ID: 5, Name: "E 站", City: "宁波", Status: StationCertified, Cert: valid},
		{ID: 6, Name: "F 站", City: "杭州", Status: StationContracted},
	}
	ids := func(list []Station) (out []uint64) {
		for _, s := range list {
			out = append(out, s.ID)
		}
		return out
	}
	if got := ids(NearestStations(all, " 杭州 ", now)); !slices.Equal(got, []uint64{2, 1}) {
		t.Errorf("杭州: %v (by name; the lapsed, suspended, contracted and 宁波 ones left out)", got)
	}
	if got := ids(NearestStations(all, "西湖区", now)); !slices.Equal(got, []uint64{2}) {
		t.Errorf("西湖区: %v", got)
	}
	if got := ids(NearestStations(all, "上海", now)); len(got) != 0 {
		t.Errorf("上海: %v", got)
	}
	if got := StationCities(all, now); !slices.Equal(got, []string{"宁波", "杭州市"}) {
		t.Errorf("cities %v", got)
	}
	text := NearestStationsText(ZH, "杭州", NearestStations(all, "杭州", now))
	for _, want := range []string{"A 站", "0571-2", "B 站"} {
		if !contains(text, want) {
			t.Errorf("text lacks %q: %s", want, text)
		}
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

// NET-4: the sampler is reproducible (the same seed picks the same jobs),
// near its share, and another seed picks others.
func TestSampleStationJob(t *testing.T) {
	pick := func(n StationSettings) []uint64 {
		var out []uint64
		for id := uint64(1); id <= 2000; id++ {
			if SampleStationJob(n, StationJob{ID: id, StationID: 4}) {
				out = append(out, id)
			}
		}
		return out
	}
	a, b := pick(StationSettings{CheckSeed: 7}), pick(StationSettings{CheckSeed: 7})
	if !slices.Equal(a, b) {
		t.Fatal("the same seed sampled different jobs")
	}
	if len(a) < 340 || len(a) > 460 {
		t.Errorf("default share sampled %d of 2000, want about %d%%", len(a), DefaultCheckPercent)
	}
	if c := pick(StationSettings{CheckSeed: 8}); slices.Equal(a, c) {
		t.Error("another seed sampled the same jobs")
	}
	if n := len(pick(StationSettings{CheckPercent: -1})); n != 0 {
		t.Errorf("checks off sampled %d", n)
	}
	if n := len(pick(StationSettings{CheckPercent: 100})); n != 2000 {
		t.Errorf("100%% sampled %d", n)
	}
	if n := len(pick(StationSettings{CheckPercent: 50, CheckSeed: 1})); n < 900 || n > 1100 {
		t.Errorf("50%% sampled %d", n)
	}
}

func TestStationJobInput(t *testing.T) {
	now := time.Date(2026, 12, 6, 10, 0, 0, 0, stLoc)
	in := StationJobInput{StationID: 2, Customer: "钱七", Phone: "139 0000 0007", Plate: "浙A12345", Work: "安装倒车雷达", Day: "2026-12-05", By: "station:2"}
	j, err := in.Parse(now, stLoc)
	if err != nil || j.Phone != "13900000007" || j.Day != "2026-12-05" || j.Plate == "" {
		t.Fatalf("%+v %v", j, err)
	}
	for _, bad := range []StationJobInput{
		{Customer: "", Phone: "13900000007", Work: "x", Day: "2026-12-05"},
		{Customer: "a", Phone: "123", Work: "x", Day: "2026-12-05"},
		{Customer: "a", Phone: "13900000007", Work: "", Day: "2026-12-05"},
		{Customer: "a", Phone: "13900000007", Work: "x", Day: "2026-12-07"},
		{Customer: "a", Phone: "13900000007", Work: "x", Day: "2026-10-01"},
		{Customer: "a", Phone: "13900000007", Work: "x", Day: "05.12.2026"},
	} {
		if _, err := bad.Parse(now, stLoc); err == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
	if got := fmt.Sprint(CheckMonth("2026-12-05")); got != "2026-12" {
		t.Error(got)
	}
}

func TestStationLinkCode(t *testing.T) {
	a, b := NewStationLinkCode(), NewStationLinkCode()
	if len(a) != 10 || a == b {
		t.Fatalf("codes %q %q", a, b)
	}
	if HashStationLinkCode(a) != HashStationLinkCode(" "+a+" ") || HashStationLinkCode(a) == HashStationLinkCode(b) {
		t.Error("hash")
	}
}

// FuzzStationInput: what the console's station form and a station's job
// report take from outside never panics, and what is accepted is within
// its bounds.
func FuzzStationInput(f *testing.F) {
	f.Add("杭州站", "杭州", "0571-8888 6666", "安装,维修", "钱七", "13900000007", "浙A12345", "2026-12-05")
	f.Add("<b>", "", "+86 571", "、、", "", "1", "-", "12/05")
	f.Fuzz(func(t *testing.T, name, city, hotline, services, customer, phone, plate, day string) {
		st := DefaultSettings()
		var s Station
		in := StationInput{Name: name, City: city, Address: name, Hotline: hotline, Services: services}
		if err := in.Apply(&s, &st); err == nil {
			if s.Name == "" || len([]rune(s.Name)) > 60 || strings.ContainsAny(s.Name+s.City+strings.Join(s.Services, ""), "<>") || len(s.Services) > 20 {
				t.Fatalf("accepted %+v", s)
			}
		}
		now := time.Date(2026, 12, 6, 10, 0, 0, 0, stLoc)
		j, err := StationJobInput{Customer: customer, Phone: phone, Plate: plate, Work: name, Day: day}.Parse(now, stLoc)
		if err == nil && (len(j.Phone) != 11 || j.Day > "2026-12-06" || j.Work == "") {
			t.Fatalf("accepted %+v", j)
		}
	})
}
