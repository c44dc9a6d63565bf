package console

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	fo "frontoffice"
)

// stationHarness is the console with two certified stations, an account
// of each (RoleStation) and a labour standard.
func stationHarness(t *testing.T) (h *conHarness, a, b fo.Station) {
	t.Helper()
	h = newAsHarness(t)
	st, _ := h.store.Settings()
	st.Labour = []fo.LabourStandard{{Code: "A01", NameZh: "倒车雷达", InstallMinutes: 90, RepairMinutes: 30}}
	st.LabourRates = []fo.RegionRate{{Region: "", HourlyRate: 6000}}
	if err := h.store.SaveSettings(st); err != nil {
		t.Fatal(err)
	}
	var err error
	if a, err = h.store.SeedStation(fo.Station{Code: "ST-001", Name: "西城网点", Status: fo.StationCertified, City: "北京", Hotline: "010-1111", ChatID: -5001}); err != nil {
		t.Fatal(err)
	}
	if b, err = h.store.SeedStation(fo.Station{Code: "ST-002", Name: "天津网点", Status: fo.StationCertified, City: "天津", Hotline: "022-2222", ChatID: -5002}); err != nil {
		t.Fatal(err)
	}
	for _, acc := range []fo.Account{
		{Login: "sta", Name: "西城网点", Role: fo.RoleStation, StationID: a.ID},
		{Login: "stb", Name: "天津网点", Role: fo.RoleStation, StationID: b.ID},
	} {
		if _, err := h.store.AddAccount(acc, conPassword); err != nil {
			t.Fatal(err)
		}
	}
	return h, a, b
}

// NET-3 in the console: a station's account sees and answers only the
// complaints routed to its station; staff see the station on the
// complaint pages and route a complaint to a station.
func TestStationComplaintPagesNET3(t *testing.T) {
	h, a, b := stationHarness(t)
	ca, err := h.store.FileComplaint(fo.ComplaintRequest{Channel: fo.ChannelPhone, Category: "quality", Text: "西城装的雷达误报",
		Customer: fo.CustomerInput{Phone: "13900000001", Name: "张伟"}, StationID: a.ID, By: "staff:li"})
	if err != nil {
		t.Fatal(err)
	}
	cb, err := h.store.FileComplaint(fo.ComplaintRequest{Channel: fo.ChannelPhone, Category: "service", Text: "天津网点态度差",
		Customer: fo.CustomerInput{Phone: "13900000002", Name: "王芳"}, StationID: b.ID, By: "staff:li"})
	if err != nil {
		t.Fatal(err)
	}
	own, err := h.store.FileComplaint(fo.ComplaintRequest{Channel: fo.ChannelPhone, Category: "time", Text: "本店交车晚",
		Customer: fo.CustomerInput{Phone: "13900000003", Name: "李娜"}, By: "staff:li"})
	if err != nil {
		t.Fatal(err)
	}

	sta := h.login("sta")
	page := sta.get("/staff/station/complaints")
	if page.status != http.StatusOK || !strings.Contains(page.body, ca.Ticket) || strings.Contains(page.body, cb.Ticket) ||
		strings.Contains(page.body, "天津网点态度差") || strings.Contains(page.body, own.Ticket) {
		t.Fatalf("A's complaints page: %d %s", page.status, excerpt(page.body))
	}
	// Another station's complaint: 404, nothing changed.
	if r := sta.post("/staff/station/complaints/"+strconv.FormatUint(cb.ID, 10)+"/answer", url.Values{"answer": {"x"}}); r.status != http.StatusNotFound {
		t.Errorf("answering B's complaint: %d", r.status)
	}
	if got, _ := h.store.Complaint(cb.ID); got.Status != fo.CmpOpen {
		t.Errorf("B's complaint changed: %s", got.Status)
	}
	if r := sta.post("/staff/station/complaints/"+strconv.FormatUint(ca.ID, 10)+"/answer", url.Values{"answer": {" "}}); r.status != http.StatusUnprocessableEntity {
		t.Errorf("empty answer: %d", r.status)
	}
	if r := sta.post("/staff/station/complaints/"+strconv.FormatUint(ca.ID, 10)+"/answer", url.Values{"answer": {"明天上门复检"}}); r.status != http.StatusSeeOther {
		t.Fatalf("answer: %d %s", r.status, excerpt(r.body))
	}
	if got, _ := h.store.Complaint(ca.ID); got.Status != fo.CmpAnswered || got.Answer != "明天上门复检" {
		t.Errorf("answered %+v", got)
	}
	// The shop's pages are closed to a station.
	for _, p := range []string{"/staff/complaints", "/staff/complaints/" + strconv.FormatUint(cb.ID, 10), "/staff/network/claims",
		"/staff/network/scores", "/staff/documents/complaint/" + strconv.FormatUint(cb.ID, 10)} {
		if r := sta.get(p); r.status != http.StatusForbidden {
			t.Errorf("station GET %s: %d", p, r.status)
		}
	}
	// An account bound to no station has no station pages.
	adm := h.login("admin")
	if r := adm.get("/staff/station/complaints"); r.status != http.StatusForbidden {
		t.Errorf("admin on a station page: %d", r.status)
	}

	// Staff: the list and the page name the station; li routes the shop's
	// own complaint to B.
	li := h.login("li")
	list := li.get("/staff/complaints")
	if !strings.Contains(partUntil(list.body, `id="cmp-`+strconv.FormatUint(cb.ID, 10)+`"`, "</tr>"), "ST-002 天津网点") {
		t.Errorf("the list does not show B: %s", excerpt(list.body))
	}
	pg := li.get("/staff/complaints/" + strconv.FormatUint(ca.ID, 10))
	if !strings.Contains(pg.body, `id="cmp-station"`) || !strings.Contains(pg.body, "ST-001 西城网点") ||
		!strings.Contains(partUntil(pg.body, `id="history"`, "</table>"), "转交服务网点") {
		t.Errorf("complaint page without its station: %s", excerpt(pg.body))
	}
	li.get("/staff/complaints/" + strconv.FormatUint(own.ID, 10))
	r := li.post("/staff/complaints/"+strconv.FormatUint(own.ID, 10)+"/station", url.Values{"station": {strconv.FormatUint(b.ID, 10)}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("route: %d %s", r.status, excerpt(r.body))
	}
	if got, _ := h.store.Complaint(own.ID); got.StationID != b.ID {
		t.Errorf("routed to %d", got.StationID)
	}
	if r := li.post("/staff/complaints/"+strconv.FormatUint(own.ID, 10)+"/station", url.Values{"station": {"999"}}); r.status != http.StatusUnprocessableEntity {
		t.Errorf("route to no station: %d", r.status)
	}
	// Filed at the counter straight to a station.
	if form := li.get("/staff/complaints/new"); !strings.Contains(form.body, `name="station"`) || !strings.Contains(form.body, "ST-001 西城网点") {
		t.Errorf("filing form without the stations: %s", excerpt(form.body))
	}
	r = li.post("/staff/complaints/new", url.Values{"op": {"file"}, "channel": {fo.ChannelPhone}, "category": {"quality"},
		"text": {"网点装的支架松动"}, "name": {"赵六"}, "phone": {"13900000004"}, "station": {strconv.FormatUint(a.ID, 10)}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("filing: %d %s", r.status, excerpt(r.body))
	}
	if got, _ := h.store.Complaint(own.ID + 1); got.StationID != a.ID || got.QualityID == 0 {
		t.Errorf("filed to a station: %+v", got)
	}
	stb := h.login("stb")
	if page := stb.get("/staff/station/complaints"); !strings.Contains(page.body, own.Ticket) || strings.Contains(page.body, ca.Ticket) {
		t.Errorf("B's page after routing: %s", excerpt(page.body))
	}
}

// NET-2 in the console: a station files a claim, the supervisor adjusts
// it with a reason, the month is settled, the station downloads its
// statement and scorecard and never another station's.
func TestStationClaimPagesNET2(t *testing.T) {
	h, a, b := stationHarness(t)
	sta := h.login("sta")
	sta.get("/staff/station/claims")
	if r := sta.post("/staff/station/claims", url.Values{"lines": {"工时 ZZ 安装 1"}}); r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "ZZ") {
		t.Errorf("unknown standard: %d %s", r.status, excerpt(r.body))
	}
	if r := sta.post("/staff/station/claims", url.Values{"lines": {"工时 A01 安装 2\n差旅 80 往返"}}); r.status != http.StatusSeeOther {
		t.Fatalf("claim: %d %s", r.status, excerpt(r.body))
	}
	claims, _ := h.store.StationClaims(a.ID)
	if len(claims) != 1 || claims[0].Claimed != 26000 || claims[0].SubmittedBy != "station:sta" {
		t.Fatalf("claims %+v", claims)
	}
	id := strconv.FormatUint(claims[0].ID, 10)
	bClaim, err := h.store.SubmitClaim(fo.ClaimRequest{StationID: b.ID, Lines: []fo.ClaimLine{{Kind: fo.ClaimParts, Amount: 9900, Text: "支架"}}})
	if err != nil {
		t.Fatal(err)
	}
	page := sta.get("/staff/station/claims")
	if !strings.Contains(page.body, claims[0].No) || strings.Contains(page.body, bClaim.No) {
		t.Errorf("A's claims page: %s", excerpt(page.body))
	}

	zhao := h.login("zhao")
	audit := zhao.get("/staff/network/claims")
	if !strings.Contains(audit.body, claims[0].No) || !strings.Contains(audit.body, bClaim.No) {
		t.Fatalf("audit page: %s", excerpt(audit.body))
	}
	if r := zhao.post("/staff/network/claims/"+id+"/audit", url.Values{"action": {"adj"}, "amount": {"200"}}); r.status != http.StatusUnprocessableEntity {
		t.Errorf("adjust without a reason: %d", r.status)
	}
	if r := zhao.post("/staff/network/claims/"+id+"/audit", url.Values{"action": {"adj"}, "amount": {"200"}, "reason": {"差旅按标准"}}); r.status != http.StatusSeeOther {
		t.Fatalf("adjust: %d %s", r.status, excerpt(r.body))
	}
	if c, _ := h.store.Claim(claims[0].ID); c.Status != fo.ClaimAdjusted || c.Approved != 20000 || c.AuditedBy != "staff:zhao" {
		t.Errorf("adjusted %+v", c)
	}
	// A station cannot audit.
	if r := sta.post("/staff/network/claims/"+strconv.FormatUint(bClaim.ID, 10)+"/audit", url.Values{"action": {"ok"}}); r.status != http.StatusForbidden {
		t.Errorf("a station audited: %d", r.status)
	}
	if _, err := h.store.AuditClaim(fo.ClaimAuditRequest{ID: bClaim.ID, Action: fo.ClaimApprove}, "staff:zhao"); err != nil {
		t.Fatal(err)
	}
	sets, err := h.store.SettleStationClaims("2026-11")
	if err != nil || len(sets) != 2 {
		t.Fatalf("settle %+v %v", sets, err)
	}
	var mine, theirs fo.StationSettlement
	for _, s := range sets {
		if s.StationID == a.ID {
			mine = s
		} else {
			theirs = s
		}
	}
	page = sta.get("/staff/station/claims")
	link := "/staff/station/documents/" + fo.DocStationSettlement + "/" + strconv.FormatUint(mine.ID, 10)
	if !strings.Contains(page.body, link) || strings.Contains(page.body, theirs.No) {
		t.Fatalf("A's settlements: %s", excerpt(page.body))
	}
	for path, want := range map[string]int{
		link: http.StatusOK,
		"/staff/station/documents/" + fo.DocStationSettlement + "/" + strconv.FormatUint(theirs.ID, 10):               http.StatusNotFound,
		"/staff/station/documents/" + fo.DocStationScore + "/" + strconv.FormatUint(fo.ScoreRef(a.ID, "2026-11"), 10): http.StatusOK,
		"/staff/station/documents/" + fo.DocStationScore + "/" + strconv.FormatUint(fo.ScoreRef(b.ID, "2026-11"), 10): http.StatusNotFound,
		"/staff/network/documents/" + fo.DocStationSettlement + "/" + strconv.FormatUint(mine.ID, 10):                 http.StatusForbidden,
	} {
		r := sta.get(path)
		if r.status != want || (want == http.StatusOK && !strings.HasPrefix(r.body, "%PDF")) {
			t.Errorf("station GET %s: %d, want %d", path, r.status, want)
		}
	}
	// The supervisor's scorecards and statements.
	scores := zhao.get("/staff/network/scores?month=2026-11")
	if !strings.Contains(scores.body, "ST-001 西城网点") || !strings.Contains(scores.body, "ST-002 天津网点") {
		t.Errorf("scores page: %s", excerpt(scores.body))
	}
	if r := zhao.get("/staff/network/documents/" + fo.DocStationSettlement + "/" + strconv.FormatUint(theirs.ID, 10)); r.status != http.StatusOK || !strings.HasPrefix(r.body, "%PDF") {
		t.Errorf("supervisor's statement: %d", r.status)
	}
	if r := zhao.get("/staff/network/scores?month=nope"); r.status != http.StatusBadRequest {
		t.Errorf("bad month: %d", r.status)
	}
}
