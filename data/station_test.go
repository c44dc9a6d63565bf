package data

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	fo "frontoffice"
)

// certifiedStation registers a station and takes it to certified with
// its documents, as the supervisor does in the console (NET-1).
func certifiedStation(t testing.TB, s *Store, name, city string) fo.Station {
	t.Helper()
	st, err := s.CreateStation(fo.StationInput{Name: name, City: city, Area: "西湖区", Address: "文三路 1 号",
		Hotline: "0571-88886666", Contact: "周强", ContactPhone: "13800000003", Services: "安装,维修"}, "staff:zhao")
	if err != nil {
		t.Fatal(err)
	}
	now := s.now()
	for _, step := range []struct {
		step  fo.StationStep
		files []fo.StationUpload
	}{
		{fo.StationStep{Action: fo.StationAssess, By: "staff:zhao", Note: "考察合格"}, []fo.StationUpload{{Name: "assessment.pdf", Mime: "application/pdf", Data: []byte("%PDF-1.4 assessment")}}},
		{fo.StationStep{Action: fo.StationContract, By: "staff:zhao"}, []fo.StationUpload{{Name: "contract.pdf", Mime: "application/pdf", Data: []byte("%PDF-1.4 contract")}}},
		{fo.StationStep{Action: fo.StationCertify, By: "staff:zhao", CertUntil: now.AddDate(1, 0, 0)}, nil},
	} {
		if st, err = s.StepStation(st.ID, step.step, step.files); err != nil {
			t.Fatalf("%s: %v", step.step.Action, err)
		}
	}
	return st
}

// NET-1: a station from candidate to certified in the store: each step
// with its documents kept with the station and audited; the supervisor is
// reminded 30 days before the certificate lapses, not after a renewal.
func TestStationCandidateToCertifiedNET1(t *testing.T) {
	s, clock := newTestStore(t, noSync(), followUpStaff())
	st := certifiedStation(t, s, "杭州西湖汽车服务站", "杭州")
	if st.Code != "ST-001" || st.Status != fo.StationCertified || len(st.History) != 4 {
		t.Fatalf("station %+v", st)
	}
	assess := st.History[1]
	if assess.Action != fo.StationAssess || assess.By != "staff:zhao" || len(assess.Files) != 1 || assess.Note != "考察合格" {
		t.Fatalf("assessment step %+v", assess)
	}
	f, data, err := s.StationFile(st.ID, assess.Files[0])
	if err != nil || f.Name != "assessment.pdf" || string(data) != "%PDF-1.4 assessment" {
		t.Fatalf("document %+v %q %v", f, data, err)
	}
	// Another station's page never opens this one's files.
	other, _ := s.CreateStation(fo.StationInput{Name: "宁波站", City: "宁波", Address: "x", Hotline: "0574-1"}, "staff:zhao")
	if _, _, err := s.StationFile(other.ID, assess.Files[0]); !errors.Is(err, fo.ErrNotFound) {
		t.Errorf("other station's file: %v", err)
	}
	// A contract without its document, or a step out of order: refused.
	if _, err := s.StepStation(other.ID, fo.StationStep{Action: fo.StationAssess, By: "staff:zhao"}, nil); err == nil {
		t.Error("assessed without the report")
	}
	if _, err := s.StepStation(other.ID, fo.StationStep{Action: fo.StationCertify, By: "staff:zhao", CertUntil: s.now().AddDate(1, 0, 0)}, nil); err == nil {
		t.Error("a candidate certified")
	}
	if got, _ := s.Station(other.ID); got.Status != fo.StationCandidate || len(got.History) != 1 {
		t.Errorf("refused steps changed the station: %+v", got)
	}
	// The reminder: 30 days before the end, to the supervisor.
	clock.Set(st.Cert.RemindAt().Add(-time.Minute))
	if _, err := s.RunDue(clock.Now()); err != nil {
		t.Fatal(err)
	}
	if ms := outbox(t, s, "stcert:"); len(ms) != 0 {
		t.Fatalf("reminded early: %+v", ms)
	}
	clock.Set(st.Cert.RemindAt())
	if _, err := s.RunDue(clock.Now()); err != nil {
		t.Fatal(err)
	}
	ms := outbox(t, s, "stcert:")
	if len(ms) != 1 || ms[0].ChatID != chatZhao || !strings.Contains(ms[0].Text, "ST-001") || !strings.Contains(ms[0].Text, st.Cert.No) {
		t.Fatalf("reminder %+v", ms)
	}
}

// NET-1: a renewed certificate's old reminder asks nothing.
func TestStationCertRenewedNoOldReminderNET1(t *testing.T) {
	s, clock := newTestStore(t, noSync(), followUpStaff())
	st := certifiedStation(t, s, "杭州站", "杭州")
	old := st.Cert
	st, err := s.StepStation(st.ID, fo.StationStep{Action: fo.StationRenew, By: "staff:zhao", CertUntil: s.now().AddDate(3, 0, 0)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	clock.Set(old.RemindAt())
	s.RunDue(clock.Now())
	if ms := outbox(t, s, "stcert:"); len(ms) != 0 {
		t.Fatalf("reminded of the old certificate: %+v", ms)
	}
	clock.Set(st.Cert.RemindAt())
	s.RunDue(clock.Now())
	if ms := outbox(t, s, "stcert:"); len(ms) != 1 {
		t.Fatalf("renewed certificate's reminder: %+v", ms)
	}
}

// NET-1: the group chat is linked by a one-time code; a wrong, spent or
// expired code links nothing; a chat is one station's only.
func TestStationLinkChat(t *testing.T) {
	s, clock := newTestStore(t, noSync())
	a := certifiedStation(t, s, "A 站", "杭州")
	b := certifiedStation(t, s, "B 站", "杭州")
	code, err := s.NewStationLinkCode(a.ID, "staff:zhao")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.LinkStationChat("wrongcode1", -500, false, "tg:1"); err == nil {
		t.Error("a wrong code linked")
	}
	if _, err := s.LinkStationChat(code, -100, true, "tg:1"); err == nil {
		t.Error("a staff chat linked")
	}
	got, err := s.LinkStationChat(strings.ToUpper(code), -500, false, "tg:1")
	if err != nil || got.ID != a.ID || got.ChatID != -500 || got.LinkHash != "" {
		t.Fatalf("link: %+v %v", got, err)
	}
	if _, err := s.LinkStationChat(code, -501, false, "tg:2"); err == nil {
		t.Error("a spent code linked again")
	}
	if byChat, err := s.StationByChat(-500); err != nil || byChat.ID != a.ID {
		t.Errorf("by chat: %+v %v", byChat, err)
	}
	codeB, _ := s.NewStationLinkCode(b.ID, "staff:zhao")
	if _, err := s.LinkStationChat(codeB, -500, false, "tg:3"); err == nil {
		t.Error("one chat linked to two stations")
	}
	// A's new group replaces its old one.
	codeA, _ := s.NewStationLinkCode(a.ID, "staff:zhao")
	if _, err := s.LinkStationChat(codeA, -550, false, "tg:5"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.StationByChat(-500); !errors.Is(err, fo.ErrNotFound) {
		t.Errorf("A's old group still linked: %v", err)
	}
	if got, _ := s.StationByChat(-550); got.ID != a.ID {
		t.Errorf("A's new group: %+v", got)
	}
	clock.Advance(fo.StationLinkTTL + time.Minute)
	if _, err := s.LinkStationChat(codeB, -600, false, "tg:4"); err == nil {
		t.Error("an expired code linked")
	}
	if _, err := s.StationByChat(-600); !errors.Is(err, fo.ErrNotFound) {
		t.Errorf("unlinked chat: %v", err)
	}
}

// NET-4: with every job sampled, a linked customer gets the survey, an
// unlinked one a call on the follow-up list; a customer is sampled once a
// month; the answers land on the job's check.
func TestStationSpotCheckNET4(t *testing.T) {
	s, _ := newTestStore(t, noSync(), followUpStaff())
	st, _ := s.Settings()
	st.Stations.CheckPercent = 100
	if err := s.SaveSettings(st); err != nil {
		t.Fatal(err)
	}
	stn := certifiedStation(t, s, "杭州站", "杭州")
	deliver(t, s, "13900000001", "京B11111", chatCust, fo.ZH) // a linked customer of the shop
	day := s.now().In(st.Location()).Format(time.DateOnly)
	add := func(idem, name, phone string) fo.StationJob {
		t.Helper()
		j, err := s.AddStationJob(fo.StationJobInput{Idem: idem, StationID: stn.ID, Customer: name, Phone: phone, Work: "安装倒车雷达", Day: day, By: "tg:station"})
		if err != nil {
			t.Fatal(err)
		}
		return j
	}
	linked := add("k1", "王五", "13900000001")
	if !linked.Check.Sampled || linked.Check.Via != fo.CheckBySurvey || linked.Check.ChatID != chatCust {
		t.Fatalf("linked customer's check %+v", linked.Check)
	}
	if again := add("k1", "王五", "13900000001"); again.ID != linked.ID {
		t.Fatal("a repeated report made a second job")
	}
	ms := outbox(t, s, "stcheck:")
	if len(ms) != 1 || ms[0].ChatID != chatCust || !strings.Contains(ms[0].Text, "杭州站") || len(ms[0].Buttons[0]) != 5 {
		t.Fatalf("survey %+v", ms)
	}
	unlinked := add("k2", "钱七", "13900000007")
	if unlinked.Check.Via != fo.CheckByCall || unlinked.Check.CallID == 0 {
		t.Fatalf("unlinked customer's check %+v", unlinked.Check)
	}
	call, _ := s.Call(unlinked.Check.CallID)
	if call.Kind != fo.CallStationCheck || call.StationJobID != unlinked.ID || !strings.Contains(call.Work, "杭州站") {
		t.Fatalf("call %+v", call)
	}
	list := listOf(t, s, s.now())
	found := false
	for _, items := range list {
		for _, it := range items {
			if it.Call.ID == call.ID {
				found = true
				if text := fo.CallItemText(&st, it, s.now(), fo.ZH); !strings.Contains(text, "网点抽查") || !strings.Contains(text, "钱七") {
					t.Errorf("call list text: %s", text)
				}
			}
		}
	}
	if !found {
		t.Fatalf("the check's call is not on today's list: %+v", list)
	}
	// The same customer again this month: not sampled.
	if j := add("k3", "钱七", "13900000007"); j.Check.Sampled {
		t.Error("a customer sampled twice in a month")
	}
	// Survey answers: only from the customer's chat, once.
	if _, err := s.AnswerStationCheck(linked.ID, 999, 5); !errors.Is(err, fo.ErrStale) {
		t.Errorf("another chat's press: %v", err)
	}
	if j, err := s.AnswerStationCheck(linked.ID, chatCust, 4); err != nil || j.Check.Score != 4 || !j.Check.Answered() {
		t.Fatalf("answer: %+v %v", j.Check, err)
	}
	if _, err := s.AnswerStationCheck(linked.ID, chatCust, 1); !errors.Is(err, fo.ErrStale) {
		t.Errorf("second answer: %v", err)
	}
	if j, err := s.CommentStationCheck(linked.ID, chatCust, "师傅很专业"); err != nil || j.Check.Finding != "师傅很专业" {
		t.Fatalf("comment: %+v %v", j.Check, err)
	}
	// The call's answer, recorded by staff: the call is closed.
	if _, err := s.RecordStationCheck(unlinked.ID, 9, "", "staff:wang"); err == nil {
		t.Error("score 9 accepted")
	}
	j, err := s.RecordStationCheck(unlinked.ID, 2, "安装后雷达误报", "staff:wang")
	if err != nil || j.Check.Score != 2 || j.Check.Finding != "安装后雷达误报" {
		t.Fatalf("record: %+v %v", j.Check, err)
	}
	if c, _ := s.Call(call.ID); c.Status != fo.CallDone {
		t.Errorf("call still %s", c.Status)
	}
	jobs, err := s.StationJobs(stn.ID, fo.DayStart(s.now(), st.Location()), fo.DayStart(s.now(), st.Location()).AddDate(0, 0, 1))
	if err != nil || len(jobs) != 3 {
		t.Fatalf("jobs %d %v", len(jobs), err)
	}
	var scores []int
	for _, j := range jobs {
		scores = append(scores, j.Check.Score)
	}
	if !slices.Equal(scores, []int{4, 2, 0}) {
		t.Errorf("scores %v", scores)
	}
}

// NET-4: a candidate station reports no jobs; a station account is bound.
func TestStationJobRefusedAndAccount(t *testing.T) {
	s, _ := newTestStore(t, noSync())
	c, _ := s.CreateStation(fo.StationInput{Name: "候选站", City: "杭州", Address: "x", Hotline: "12345"}, "staff:zhao")
	if _, err := s.AddStationJob(fo.StationJobInput{StationID: c.ID, Customer: "a", Phone: "13900000001", Work: "x", Day: "2026-11-27"}); !errors.Is(err, fo.ErrNotAllowed) {
		t.Errorf("candidate's job: %v", err)
	}
	if _, err := s.AddAccount(fo.Account{Login: "st1", Name: "站员", Role: fo.RoleReception}, "correct horse battery"); err != nil {
		t.Fatal(err)
	}
	acc, err := s.SetAccountStationAs("st1", c.ID, "staff:admin")
	if err != nil || acc.Role != fo.RoleStation || acc.StationID != c.ID {
		t.Fatalf("%+v %v", acc, err)
	}
	if _, err := s.SetAccountStationAs("st1", 99, "staff:admin"); err == nil {
		t.Error("bound to a station that does not exist")
	}
}

// BenchmarkAddStationJob: a station's job reported, sampled at the
// default share (a survey or a call for one in five), in one transaction.
func BenchmarkAddStationJob(b *testing.B) {
	s, _ := newTestStore(b, noSync(), followUpStaff())
	stn := certifiedStation(b, s, "杭州站", "杭州")
	st, _ := s.Settings()
	day := s.now().In(st.Location()).Format(time.DateOnly)
	b.ResetTimer()
	for i := range b.N {
		phone := fmt.Sprintf("139%08d", i%100000000)
		if _, err := s.AddStationJob(fo.StationJobInput{StationID: stn.ID, Customer: "客户", Phone: phone, Work: "安装倒车雷达", Day: day, By: "bench"}); err != nil {
			b.Fatal(err)
		}
	}
}
