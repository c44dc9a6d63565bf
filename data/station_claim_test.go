package data

import (
	"errors"
	"slices"
	"strconv"
	"testing"

	fo "frontoffice"
)

// withLabour sets a labour standard and the hourly rates (labour.go) and
// a finance staff member on Telegram.
func withLabour() storeOption {
	return func(c *testStoreConfig) {
		prev := c.settings
		c.settings = func(st *fo.Settings) {
			if prev != nil {
				prev(st)
			}
			st.Labour = []fo.LabourStandard{{Code: "A01", NameZh: "倒车雷达", InstallMinutes: 90, RepairMinutes: 30}}
			st.LabourRates = []fo.RegionRate{{Region: "", HourlyRate: 6000}, {Region: "north", HourlyRate: 8000}}
			st.Staff = append(st.Staff, fo.StaffMember{ID: "qian", Name: "钱会计", TelegramUserID: 401, Roles: []string{fo.RoleFinance}})
		}
	}
}

// NET-2: a station's claim is priced by the labour-hour standards at its
// region's rate, audited by the supervisor (adjusted with a reason),
// and settled monthly with a statement to the station and finance; the
// other station sees none of it.
func TestClaimAdjustedAndSettledNET2(t *testing.T) {
	s, clock := newTestStore(t, noSync(), followUpStaff(), withLabour())
	a, b := seedStations(t, s)
	lines, err := fo.ParseClaimLines("工时 A01 安装 2\n配件 120 支架\n\n差旅 80.50 往返")
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.SubmitClaim(fo.ClaimRequest{StationID: a.ID, Lines: lines, By: "tg:9", Idem: "tg:60"})
	if err != nil {
		t.Fatal(err)
	}
	// 2 × 90 min at ¥80/h (region north) = ¥240, + ¥120 + ¥80.50.
	if c.Lines[0].Amount != 24000 || c.Lines[0].Minutes != 180 || c.Claimed != 44050 || c.Status != fo.ClaimSubmitted {
		t.Fatalf("claim %+v", c)
	}
	sup := outbox(t, s, "claim:1:new")
	if len(sup) != 1 || sup[0].ChatID != chatZhao || !hasButton(sup[0], "scl:adj:1") || !hasButton(sup[0], "scl:no:1") {
		t.Errorf("supervisor's notice %+v", sup)
	}
	// B's region has no rate of its own: the shop's ¥60/h.
	cb, err := s.SubmitClaim(fo.ClaimRequest{StationID: b.ID, Lines: []fo.ClaimLine{{Kind: fo.ClaimLabour, Code: "A01", Repair: true, Qty: 1}}, By: "tg:8"})
	if err != nil || cb.Claimed != 3000 {
		t.Fatalf("B's claim %+v %v", cb, err)
	}
	if _, err := s.SubmitClaim(fo.ClaimRequest{StationID: a.ID, Lines: []fo.ClaimLine{{Kind: fo.ClaimLabour, Code: "ZZ", Qty: 1}}}); fo.ErrorCode(err) != fo.EINVALID {
		t.Errorf("unknown standard: %v", err)
	}

	// Only the supervisor audits.
	if _, err := s.AuditClaim(fo.ClaimAuditRequest{ID: c.ID, Action: fo.ClaimApprove, Staff: "li"}, ""); !errors.Is(err, fo.ErrForbidden) {
		t.Errorf("reception audited: %v", err)
	}
	if _, err := s.AuditClaim(fo.ClaimAuditRequest{ID: c.ID, Action: fo.ClaimAdjust, Amount: 40000, Staff: "zhao"}, ""); fo.ErrorCode(err) != fo.EINVALID {
		t.Errorf("adjusted without a reason: %v", err)
	}
	clock.Advance(3600e9)
	c, err = s.AuditClaim(fo.ClaimAuditRequest{ID: c.ID, Action: fo.ClaimAdjust, Amount: 40000, Reason: "差旅按标准 ¥40", Staff: "zhao"}, "")
	if err != nil || c.Status != fo.ClaimAdjusted || c.Approved != 40000 || c.AuditedBy != "staff:zhao" {
		t.Fatalf("adjusted %+v %v", c, err)
	}
	if _, err := s.AuditClaim(fo.ClaimAuditRequest{ID: c.ID, Action: fo.ClaimApprove, Staff: "zhao"}, ""); !errors.Is(err, fo.ErrStale) {
		t.Errorf("audited twice: %v", err)
	}
	if m := outbox(t, s, "claim:1:audited"); len(m) != 1 || m[0].ChatID != chatStationA {
		t.Errorf("station's audit notice %+v", m)
	}
	if _, err := s.AuditClaim(fo.ClaimAuditRequest{ID: cb.ID, Action: fo.ClaimApprove}, "staff:console-sup"); err != nil {
		t.Fatal(err)
	}

	// The month's settlement.
	sets, err := s.SettleStationClaims("2026-11")
	if err != nil || len(sets) != 2 {
		t.Fatalf("settlements %+v %v", sets, err)
	}
	setA := sets[slices.IndexFunc(sets, func(x fo.StationSettlement) bool { return x.StationID == a.ID })]
	if setA.Total != 40000 || setA.Claimed != 44050 || setA.No != "SS-202611-ST-001" || !slices.Equal(setA.Claims, []uint64{c.ID}) {
		t.Errorf("A's settlement %+v", setA)
	}
	got, claims, err := s.StationSettlement(setA.ID)
	if err != nil || got.ID != setA.ID || len(claims) != 1 || claims[0].Status != fo.ClaimSettled || claims[0].SettlementID != setA.ID {
		t.Errorf("stored settlement %+v %+v %v", got, claims, err)
	}
	msgs := outbox(t, s, "settle:")
	for _, m := range msgs {
		if m.Document == nil || m.Document.Kind != fo.DocStationSettlement {
			t.Errorf("settlement message without its statement: %+v", m)
		}
	}
	if got := chatsOf(outbox(t, s, "settle:"+strconv.FormatUint(setA.ID, 10))); !slices.Equal(got, []int64{chatStationA, 401}) {
		t.Errorf("A's statement went to %v", got)
	}
	if again, _ := s.SettleStationClaims("2026-11"); len(again) != 0 {
		t.Errorf("settled twice: %+v", again)
	}
	// A claim audited later waits for the next month.
	c3, _ := s.SubmitClaim(fo.ClaimRequest{StationID: a.ID, Lines: lines, By: "tg:9"})
	clock.Set(at(2026, 12, 1, 9, 0))
	if _, err := s.AuditClaim(fo.ClaimAuditRequest{ID: c3.ID, Action: fo.ClaimRefuse, Reason: "重复申报", Staff: "zhao"}, ""); err != nil {
		t.Fatal(err)
	}
	if again, _ := s.SettleStationClaims("2026-11"); len(again) != 0 {
		t.Errorf("November settled again: %+v", again)
	}
	dec, _ := s.SettleStationClaims("2026-12")
	if len(dec) != 1 || dec[0].Total != 0 || dec[0].Claimed != 44050 {
		t.Errorf("December %+v", dec)
	}
	// Station B's chat saw only its own claim.
	for _, m := range outbox(t, s, "") {
		if m.ChatID == chatStationB && (m.Key != "claim:2:audited" && m.Key != "settle:2:c:-2002") {
			t.Errorf("station B saw %s: %s", m.Key, m.Text)
		}
	}
	if own, _ := s.StationClaims(b.ID); len(own) != 1 || own[0].ID != cb.ID {
		t.Errorf("B's claims %+v", own)
	}
}
