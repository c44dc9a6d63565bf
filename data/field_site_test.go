package data

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
	"frontoffice/internal/sigdraw"
)

// Field staff of the on-site tests: a technician, a chief engineer and
// finance on Telegram, and a technician without it.
const (
	chatTech    = int64(9101)
	chatChief   = int64(9102)
	chatFinance = int64(9103)
)

func siteStaff() storeOption {
	return func(c *testStoreConfig) {
		prev := c.settings
		c.settings = func(st *fo.Settings) {
			if prev != nil {
				prev(st)
			}
			st.Staff = append(st.Staff,
				fo.StaffMember{ID: "tech", Name: "王工", TelegramUserID: chatTech, Roles: []string{fo.RoleTechnician}},
				fo.StaffMember{ID: "offline", Name: "孙工", Roles: []string{fo.RoleTechnician}},
				fo.StaffMember{ID: "chief", Name: "陈总工", TelegramUserID: chatChief, Roles: []string{fo.RoleChiefEngineer}},
				fo.StaffMember{ID: "fin", Name: "财务刘", TelegramUserID: chatFinance, Roles: []string{fo.RoleFinance}})
			st.Labour = []fo.LabourStandard{{Code: "LIFT", NameZh: "举升机", InstallMinutes: 480, RepairMinutes: 120}}
			st.LabourRates = []fo.RegionRate{{Region: "", HourlyRate: 10000}, {Region: "JS", HourlyRate: 15000}}
		}
	}
}

// dispatched seeds a job dispatched to tech.
func dispatched(t *testing.T, s *Store, tech string) fo.FieldJob {
	t.Helper()
	j, err := s.SeedFieldJob(fo.FieldJob{Stage: fo.FieldDispatched, Lang: fo.ZH, Equipment: "举升机 ×2", Product: "LIFT", Region: "JS",
		Customer: fo.FieldCustomer{Company: "华东汽修", Address: "苏州工业园区 1 号", Contact: "赵经理", Phone: "13900001111", Route: "G2 苏州工业园区出口"},
		Dispatch: fo.FieldDispatch{Technician: tech}})
	if err != nil {
		t.Fatal(err)
	}
	return j
}

// FLD-5: the whole on-site path in the store — check-in by the technician
// only, the log with a photo recorded at once, a problem as open quality
// feedback, the signature link used once, the chief engineer's copies,
// the last problem resolved closing the job with finance told.
func TestFieldSiteFlowFLD5(t *testing.T) {
	s, clock := newTestStore(t, siteStaff())
	j := dispatched(t, s, "tech")

	// The technician got the job with the check-in button.
	msgs := outbox(t, s, "site:")
	if len(msgs) != 1 || msgs[0].ChatID != chatTech || !strings.Contains(msgs[0].Text, "苏州工业园区 1 号") ||
		msgs[0].Buttons[0][0].Data != fo.FieldSiteData(fo.FsCheckIn, j.ID) {
		t.Fatalf("dispatch messages: %+v", msgs)
	}

	if _, err := s.AddFieldLog(fo.FieldLogRequest{JobID: j.ID, By: "tech", Text: "早到了"}); !errors.Is(err, fo.Errorf(fo.ECONFLICT, "err.site.not_on_site")) {
		t.Fatalf("log before check-in: %v", err)
	}
	if _, err := s.FieldCheckIn(j.ID, "chief", "c0"); !errors.Is(err, fo.ErrForbidden) {
		t.Fatalf("check-in by another: %v", err)
	}
	clock.Advance(3 * time.Hour)
	j, err := s.FieldCheckIn(j.ID, "tech", "c1")
	if err != nil || j.Stage != fo.FieldOnSite || !j.Site.CheckedInAt.Equal(clock.Now()) {
		t.Fatalf("check-in: %+v %v", j.Site, err)
	}
	if again, err := s.FieldCheckIn(j.ID, "tech", "c1"); err != nil || !again.Site.CheckedInAt.Equal(j.Site.CheckedInAt) {
		t.Fatalf("the same check-in again: %v", err)
	}
	if _, err := s.FieldCheckIn(j.ID, "tech", "c2"); err == nil {
		t.Fatal("a second check-in was taken")
	}

	clock.Advance(time.Hour)
	if _, err := s.AddFieldLog(fo.FieldLogRequest{Idem: "l1", JobID: j.ID, By: "tech", Text: "  "}); fo.ErrorCode(err) != fo.EINVALID {
		t.Fatalf("empty entry: %v", err)
	}
	j, err = s.AddFieldLog(fo.FieldLogRequest{Idem: "l1", JobID: j.ID, By: "tech", Text: "安装完毕"})
	if err != nil {
		t.Fatal(err)
	}
	j, err = s.AddFieldLog(fo.FieldLogRequest{Idem: "l2", JobID: j.ID, By: "tech", TelegramFileID: "AgAD1", FileName: "p.jpg", Mime: "image/jpeg"})
	if err != nil {
		t.Fatal(err)
	}
	if len(j.Site.Log) != 2 || j.Site.Log[1].FileID == 0 || !j.Site.Log[1].At.Equal(clock.Now()) {
		t.Fatalf("log: %+v", j.Site.Log)
	}
	fetches, err := s.FileFetches(10)
	if err != nil || len(fetches) != 1 || fetches[0].TelegramFileID != "AgAD1" {
		t.Fatalf("waiting files: %+v %v", fetches, err)
	}

	q, err := s.AddFieldProblem(fo.FieldProblemRequest{Idem: "p1", JobID: j.ID, By: "tech", Class: "parts", Text: "缺托盘"})
	if err != nil || !q.Open || q.Source != fo.QualitySourceField || q.Product != "LIFT" || q.Site != "华东汽修" || q.Ref != j.Number {
		t.Fatalf("problem: %+v %v", q, err)
	}
	if _, err := s.AddFieldProblem(fo.FieldProblemRequest{Idem: "p2", JobID: j.ID, By: "tech", Class: "weather", Text: "x"}); fo.ErrorCode(err) != fo.EINVALID {
		t.Fatalf("unknown class: %v", err)
	}
	if m := outbox(t, s, "site:"+itoa(j.ID)+":problem:"); len(m) != 1 || m[0].ChatID != chatChief {
		t.Fatalf("chief engineer told of the problem: %+v", m)
	}
	open, _ := s.OpenFieldProblems()
	if len(open) != 1 || open[0].ID != q.ID {
		t.Fatalf("open problems: %+v", open)
	}

	// The signature link: another staff member cannot make one; the page
	// shows the job; signing uses it up.
	if _, _, err := s.FieldSignLink(j.ID, "chief"); !errors.Is(err, fo.ErrForbidden) {
		t.Fatalf("link by another: %v", err)
	}
	token, exp, err := s.FieldSignLink(j.ID, "tech")
	if err != nil || !exp.Equal(clock.Now().Add(fo.FieldSignTTL)) {
		t.Fatal(err)
	}
	if pj, probs, err := s.FieldSignPage(token); err != nil || pj.ID != j.ID || len(probs) != 1 {
		t.Fatalf("page: %v", err)
	}
	if _, err := s.SignFieldAcceptance(token, fo.Signature{Via: fo.SignedOnPad, Name: "赵经理"}); fo.ErrorCode(err) != fo.EINVALID {
		t.Fatalf("no strokes: %v", err)
	}
	clock.Advance(26 * time.Hour) // the next day, but within no link's life: a fresh link
	if _, err := s.SignFieldAcceptance(token, fo.Signature{Via: fo.SignedOnPad, Name: "赵经理", PNG: sigdraw.PNG("赵经理")}); !errors.Is(err, fo.ErrNotFound) {
		t.Fatalf("expired link: %v", err)
	}
	expired := token
	token, _, err = s.FieldSignLink(j.ID, "tech")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.db.View(func(tx *bolt.Tx) error {
		if tx.Bucket(bFieldSign).Get(sessionKey(expired)) != nil || tx.Bucket(bFieldSign).Stats().KeyN != 1 {
			t.Error("the expired link was not swept")
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	j, err = s.SignFieldAcceptance(token, fo.Signature{Via: fo.SignedOnPad, Name: "赵经理", PNG: sigdraw.PNG("赵经理")})
	if err != nil || j.Stage != fo.FieldAccepted || j.Site.Acceptance.Signature.Name != "赵经理" {
		t.Fatalf("sign: %+v %v", j.Stage, err)
	}
	// The strokes are a stored file, out of the job's record.
	if sig := j.Site.Acceptance.Signature; sig.PNG != nil || sig.File == 0 || sig.By != "link:tech" || !sig.At.Equal(clock.Now()) {
		t.Fatalf("signature kept: %+v", sig)
	} else if _, data, _ := s.File(sig.File); !bytes.Equal(data, sigdraw.PNG("赵经理")) {
		t.Fatal("the strokes' file differs")
	}
	if _, err := s.SignFieldAcceptance(token, fo.Signature{Via: fo.SignedOnPad, Name: "x", PNG: sigdraw.PNG("赵经理")}); !errors.Is(err, fo.ErrNotFound) {
		t.Fatalf("link used twice: %v", err)
	}
	if _, _, err := s.FieldSignPage(token); !errors.Is(err, fo.ErrNotFound) {
		t.Fatalf("page of a used link: %v", err)
	}
	copies := outbox(t, s, "site:"+itoa(j.ID)+":")
	var docs []string
	for _, m := range copies {
		if m.Document != nil && m.ChatID == chatChief {
			docs = append(docs, m.Document.Kind)
		}
	}
	if strings.Join(docs, ",") != fo.DocFieldAcceptance+","+fo.DocFieldLog {
		t.Fatalf("chief engineer's copies: %v", docs)
	}
	if m := outbox(t, s, "site:"+itoa(j.ID)+":finance"); len(m) != 0 {
		t.Fatal("finance told while a problem is open")
	}

	// The last problem resolved: the contract is fulfilled.
	if _, err := s.ResolveFieldProblem(q.ID, "", "staff:chief", ""); fo.ErrorCode(err) != fo.EINVALID {
		t.Fatalf("empty resolution: %v", err)
	}
	if _, err := s.ResolveFieldProblem(q.ID, "已补发托盘", "staff:chief", "r1"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ResolveFieldProblem(q.ID, "again", "staff:chief", "r2"); !errors.Is(err, fo.ErrNotAllowed) {
		t.Fatalf("resolved twice: %v", err)
	}
	j, _ = s.FieldJob(j.ID)
	if j.Stage != fo.FieldClosed || j.Site.ClosedBy != "system" || j.Site.OpenProblems != 0 {
		t.Fatalf("after the last problem: %s %+v", j.Stage, j.Site)
	}
	fin := outbox(t, s, "site:"+itoa(j.ID)+":finance")
	// Labour: 480 min at the JS rate ¥150.00 = ¥1200.00; on site 2 days.
	if len(fin) != 1 || fin[0].ChatID != chatFinance || !strings.Contains(fin[0].Text, "¥1,200.00") ||
		!strings.Contains(fin[0].Text, "现场 2 天") || !strings.Contains(fin[0].Text, "举升机 ×2") {
		t.Fatalf("finance notice: %+v", fin)
	}
	if open, _ := s.OpenFieldProblems(); len(open) != 0 {
		t.Fatalf("open problems left: %+v", open)
	}
}

// FLD-5: a technician without a linked Telegram gets the job on the
// reception's call list, and the staff chats are told.
func TestFieldDispatchWithoutTelegramFLD5(t *testing.T) {
	s, clock := newTestStore(t, siteStaff())
	j := dispatched(t, s, "offline")
	tasks, _, err := s.PhoneTasks(clock.Now().In(time.FixedZone("CST", 8*3600)).Format(time.DateOnly))
	if err != nil || len(tasks) != 1 || tasks[0].Kind != "site.call_tech" || !strings.Contains(tasks[0].Text, "孙工") ||
		!strings.Contains(tasks[0].Text, "苏州工业园区 1 号") {
		t.Fatalf("phone task: %+v %v", tasks, err)
	}
	if m := outbox(t, s, "site:"+itoa(j.ID)+":dispatched"); len(m) != 1 || m[0].ChatID != -100 {
		t.Fatalf("staff chats told: %+v", m)
	}
}

// FLD-5: staff close an accepted job with a problem open; finance is told
// at once, the problem stays on the list; the paper acceptance records the
// photo as a stored file.
func TestFieldCloseWithOpenProblemFLD5(t *testing.T) {
	s, _ := newTestStore(t, siteStaff())
	j := dispatched(t, s, "tech")
	if _, err := s.FieldCheckIn(j.ID, "tech", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CloseFieldJob(j.ID, "staff:admin", ""); fo.ErrorCode(err) != fo.ECONFLICT {
		t.Fatalf("close before acceptance: %v", err)
	}
	q, err := s.AddFieldProblem(fo.FieldProblemRequest{JobID: j.ID, By: "tech", Class: "product", Text: "面板划伤"})
	if err != nil {
		t.Fatal(err)
	}
	j, err = s.FieldPaperAcceptance(fo.FieldLogRequest{JobID: j.ID, By: "tech", TelegramFileID: "paper1", FileName: "a.jpg"})
	if err != nil || j.Stage != fo.FieldAccepted || j.Site.Acceptance.Signature.Via != fo.SignedOnPaper || j.Site.Acceptance.PaperFileID == 0 {
		t.Fatalf("paper: %+v %v", j.Site.Acceptance, err)
	}
	j, err = s.CloseFieldJob(j.ID, "staff:admin", "")
	if err != nil || j.Stage != fo.FieldClosed {
		t.Fatal(err)
	}
	if m := outbox(t, s, "site:"+itoa(j.ID)+":finance"); len(m) != 1 || !strings.Contains(m[0].Text, "遗留问题：1 项") {
		t.Fatalf("finance: %+v", m)
	}
	if open, _ := s.OpenFieldProblems(); len(open) != 1 || open[0].ID != q.ID {
		t.Fatalf("the problem left the list: %+v", open)
	}
	if _, err := s.ResolveFieldProblem(q.ID, "换新面板", "staff:admin", ""); err != nil {
		t.Fatal(err)
	}
	if j, _ = s.FieldJob(j.ID); j.Stage != fo.FieldClosed || j.Site.OpenProblems != 0 {
		t.Fatalf("after resolving: %+v", j.Site)
	}
}

// A Telegram file's fetch: a failure waits its backoff, then is tried
// again; the bytes saved take it off the list; it is given up after
// fo.MaxFileFetchTries.
func TestFileFetchBackoff(t *testing.T) {
	s, clock := newTestStore(t, siteStaff())
	j := dispatched(t, s, "tech")
	if _, err := s.FieldCheckIn(j.ID, "tech", ""); err != nil {
		t.Fatal(err)
	}
	j, err := s.AddFieldLog(fo.FieldLogRequest{JobID: j.ID, By: "tech", TelegramFileID: "f1"})
	if err != nil {
		t.Fatal(err)
	}
	id := j.Site.Log[0].FileID
	f, err := s.FileFetchFailed(id, "download: HTTP 502", false)
	if err != nil || f.Tries != 1 || !f.NextTry.Equal(clock.Now().Add(30*time.Second)) {
		t.Fatalf("failed: %+v %v", f, err)
	}
	if due, _ := s.FileFetches(10); len(due) != 0 {
		t.Fatal("a file is due within its backoff")
	}
	clock.Advance(30 * time.Second)
	if due, _ := s.FileFetches(10); len(due) != 1 {
		t.Fatal("a file is not due after its backoff")
	}
	if err := s.SaveFetchedFile(id, "image/jpeg", []byte("jpeg bytes")); err != nil {
		t.Fatal(err)
	}
	f, data, err := s.File(id)
	if err != nil || string(data) != "jpeg bytes" || f.FetchedAt.IsZero() || f.Size != 10 {
		t.Fatalf("fetched: %+v %q %v", f, data, err)
	}
	if due, _ := s.FileFetches(10); len(due) != 0 {
		t.Fatal("a fetched file is still waiting")
	}

	j, _ = s.AddFieldLog(fo.FieldLogRequest{JobID: j.ID, By: "tech", TelegramFileID: "f2"})
	id = j.Site.Log[1].FileID
	for i := 1; i <= fo.MaxFileFetchTries; i++ {
		if f, err = s.FileFetchFailed(id, "down", false); err != nil {
			t.Fatal(err)
		}
	}
	if !f.GaveUp {
		t.Fatalf("not given up after %d tries: %+v", fo.MaxFileFetchTries, f)
	}
	j, _ = s.AddFieldLog(fo.FieldLogRequest{JobID: j.ID, By: "tech", TelegramFileID: "f3"})
	if f, err = s.FileFetchFailed(j.Site.Log[2].FileID, "getFile: Bad Request: invalid file_id", true); err != nil || !f.GaveUp {
		t.Fatalf("a permanent failure is not given up at once: %+v %v", f, err)
	}
	clock.Advance(48 * time.Hour)
	if due, _ := s.FileFetches(10); len(due) != 0 {
		t.Fatal("a given-up file is still waiting")
	}
	if got := fo.FileFetchBackoff(20); got != time.Hour {
		t.Fatalf("backoff cap: %v", got)
	}
}

func itoa(id uint64) string { return strconv.FormatUint(id, 10) }
